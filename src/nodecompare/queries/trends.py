"""Transistor-density trends: the points a fit is made of, chosen from the catalog.

By default the points are products: each chip's transistors over its die area, a
whole-chip average, on the date it was released. Asked for another basis, each point is
a node's preferred figure of that basis (and library, when one is given) on the start of
its earliest production claim (the middle of the month or year when only that is known);
one cited figure that two nodes share is one point, at the earlier start. The fit itself
is :meth:`nodecompare.Trend.fit`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from nodecompare import metrics
from nodecompare.catalog import Catalog
from nodecompare.errors import ValidationError
from nodecompare.model import Basis, Confidence, Foundry, Metric, PartialDate, ProcessNode
from nodecompare.queries import arguments
from nodecompare.queries.production import production_claims
from nodecompare.results import Point, Trend

__all__ = ["density_trend"]


def _production_start(
    catalog: Catalog, node: ProcessNode, day: dt.date, known_by: dt.date | None, minimum: Confidence
) -> dt.date | None:
    production = production_claims(catalog, node, day, known_by, minimum)
    return _middle(production[0].valid_from) if production else None


def _middle(period: PartialDate) -> dt.date:
    # A date known only to the month or year is placed mid-period, its unbiased estimate.
    return period.start + (period.end - period.start) / 2


def _product_points(
    catalog: Catalog, owners: set[str] | None, day: dt.date, known: dt.date | None
) -> list[Point]:
    points = []
    for product in catalog.products:
        figure = product.density
        if figure is None or (owners is not None and product.node.foundry.id not in owners):
            continue
        released = _middle(product.released)
        dated = [d for d in (s.appeared_by for s in product.sources) if d is not None]
        if released > day or (known is not None and not any(d <= known for d in dated)):
            continue
        points.append(
            Point(released, figure.magnitude, product.name, product.node, figure, product)
        )
    return points


def _node_points(
    catalog: Catalog,
    owners: set[str] | None,
    bases: tuple[Basis, ...],
    library: str | None,
    when: tuple[dt.date, dt.date | None, Confidence],
) -> list[Point]:
    day, known, minimum = when
    earliest: dict[tuple[str, float, str], tuple[tuple[dt.date, str], Point]] = {}
    for node in catalog.nodes:
        if owners is not None and node.foundry.id not in owners:
            continue
        figure = metrics.figure(node, Metric.DENSITY, bases, library)
        start = _production_start(catalog, node, day, known, minimum)
        if figure is None or start is None:
            continue
        # One cited figure on two nodes (a variant that keeps its parent's design rules, a
        # licensed copy of a process) is one observation, placed at the earlier start.
        observation = (figure.source.id, figure.magnitude, figure.library)
        order = (start, node.id)
        if observation not in earliest or order < earliest[observation][0]:
            point = Point(start, figure.magnitude, node.label, node, figure)
            earliest[observation] = (order, point)
    return [point for _, point in earliest.values()]


def density_trend(
    *,
    foundries: str | Foundry | Iterable[str | Foundry] | None = None,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    basis: Basis | str | Iterable[Basis | str] | None = None,
    library: str | None = None,
    as_of: dt.date | str | None = None,
    known_by: dt.date | str | None = None,
    min_confidence: Confidence | str = Confidence.REPORTED,
    catalog: Catalog | None = None,
) -> Trend:
    """Fit the growth of logic density over time, on one basis unless asked otherwise.

    Args:
        foundries: only this foundry's, or these foundries', nodes or products (default:
            all).
        since: only points dated on or after this date.
        until: only points dated before this date.
        basis: by default ``product_measurement``: the catalog's products, each dated
            by its release. Another basis fits nodes, each at its preferred figure of
            that basis, dated by its production start (a figure two nodes share counts
            once, at the earlier start). Several bases (in order of
            preference) mix in one fit, and the summary says so.
        library: for node figures, only this cell library (``"HD"``); by default each
            node's preferred figure, and the summary names the libraries it mixes.
        as_of: only production started, or products released, by this date (default
            today).
        known_by: only claims reported by this date; only products with a source
            published by then.
        min_confidence: the least confidence of a production claim (default reported).
        catalog: the catalog to use; default the bundled one.

    Raises:
        ValidationError: fewer than three points qualify, or an argument is invalid.
    """
    catalog = arguments.catalog_or_default(catalog)
    owners = None if foundries is None else {f.id for f in arguments.foundries(catalog, foundries)}
    bases = (Basis.PRODUCT_MEASUREMENT,) if basis is None else arguments.bases(basis)
    library = arguments.optional_text(library, "library")
    first, last = arguments.optional_day(since, "since"), arguments.optional_day(until, "until")
    if first is not None and last is not None and last <= first:
        raise ValidationError.of("query", "until", f"{last} is not after since ({first})")
    day, known = arguments.day(as_of), arguments.known(known_by)
    minimum = arguments.confidence(min_confidence)
    if bases == (Basis.PRODUCT_MEASUREMENT,) and library is None:
        points = _product_points(catalog, owners, day, known)
    else:
        points = _node_points(catalog, owners, bases, library, (day, known, minimum))
    points = [
        p for p in points if (first is None or p.date >= first) and (last is None or p.date < last)
    ]
    names = (
        "all foundries"
        if owners is None
        else ", ".join(catalog.foundry(f).name for f in sorted(owners))
    )
    return Trend.fit(points, names)
