"""The table of all nodes: ``nodes(foundry="TSMC", as_of="2022-07-21")`` lists each node
with its names, class, make-up, production dates and preferred figures.

Production dates are read as :func:`~nodecompare.leaders` reads them: a node's
production claims (volume production or a product shipped) that hold on ``as_of``, were
reported by ``known_by``, are at least ``reported`` and are not superseded. With
``known_by``, what a reader then knew: names given later, figures whose source is not
dated by then (an undated source cannot show it was out), and nodes nothing then
reported, are left out.
"""

from __future__ import annotations

import datetime as dt

from nodecompare.catalog import Catalog
from nodecompare.model import (
    PREFERRED_BASES,
    Claim,
    Confidence,
    Figure,
    Foundry,
    Metric,
    PartialDate,
    ProcessNode,
    Source,
)
from nodecompare.queries import arguments
from nodecompare.queries.production import claim_order, production_claims
from nodecompare.results import NodeRow, Nodes
from nodecompare.results.nodes import TABLE_METRICS

__all__ = ["nodes"]


def nodes(
    foundry: str | Foundry | None = None,
    *,
    as_of: dt.date | str | None = None,
    known_by: dt.date | str | None = None,
    catalog: Catalog | None = None,
) -> Nodes:
    """Every node, one row each, by foundry then class, largest first.

    Args:
        foundry: only this foundry's nodes (a name, alias, id or Foundry).
        as_of: the date asked about (names then, production then); default today.
        known_by: only what was reported on or before this date; default: all.
        catalog: the catalog to use; default the bundled one.

    Raises:
        UnknownNameError: the foundry is not in the catalog.
        ValidationError: an argument is not a valid value.
    """
    catalog = arguments.catalog_or_default(catalog)
    day, known = arguments.day(as_of), arguments.known(known_by)
    owners = catalog.foundries if foundry is None else (arguments.foundry(catalog, foundry),)
    rows = [
        _row(catalog, node, day, known)
        for owner in owners
        for node in catalog.nodes_of(owner)
        if _known(catalog, node, known)
    ]
    rows.sort(key=lambda r: (r.node.foundry.name, -r.node.node_class, r.node.id))
    title = "all" if foundry is None else f"of {owners[0].name}"
    return Nodes(title, day, known, tuple(rows))


def _published(source: Source, known: dt.date | None) -> bool:
    """True when ``source`` had surely been published by ``known`` (an undated source
    cannot show that it had)."""
    if known is None:
        return True
    appeared = source.appeared_by
    return appeared is not None and appeared <= known


def _known(catalog: Catalog, node: ProcessNode, known: dt.date | None) -> bool:
    """True when something about the node was reported by ``known``: a claim, or one of
    its own or its figures' sources surely published by then."""
    if known is None:
        return True
    if any(claim.known_by(known) for claim in catalog.claims_about(node)):
        return True
    sources = (*node.sources, *(figure.source for figure in node.figures))
    return any(_published(source, known) for source in sources)


def _figure(node: ProcessNode, metric: Metric, known: dt.date | None) -> Figure | None:
    """The preferred figure of ``metric`` whose source was published by ``known``."""
    if known is None:
        return node.figure(metric)
    found = node.figures_of(metric, PREFERRED_BASES)
    return next((f for f in found if _published(f.source, known)), None)


def _names(node: ProcessNode, known: dt.date | None) -> tuple[str, ...]:
    """The node's names a reader knew by ``known``, the current one first."""
    current_since = max((a.until for a in node.aliases if a.until is not None), default=None)
    named = [(node.name, current_since), *((a.name, a.since) for a in node.aliases)]
    names = [n for n, since in named if known is None or since is None or since <= known]
    return tuple(dict.fromkeys(names))


def _row(catalog: Catalog, node: ProcessNode, day: dt.date, known: dt.date | None) -> NodeRow:
    minimum = Confidence.REPORTED
    surely = production_claims(catalog, node, day, known, minimum)
    maybe = production_claims(catalog, node, day, known, minimum, possibly=True)
    reader_day = day if known is None else min(day, known)
    return NodeRow(
        node,
        node.name_on(reader_day),
        _names(node, known),
        _earliest(maybe, by_end=False),
        _earliest(surely, by_end=True),
        tuple(sorted(maybe, key=claim_order)),
        tuple(_figure(node, metric, known) for metric in TABLE_METRICS),
    )


def _earliest(claims: tuple[Claim, ...], *, by_end: bool) -> PartialDate | None:
    """When the earliest of these claims began to hold: by when it surely had (``by_end``)
    or by when it possibly had."""
    if not claims:
        return None
    if by_end:
        return min((c.valid_from for c in claims), key=lambda d: d.by_end)
    return min((c.valid_from for c in claims), key=lambda d: (d.start, d.end))
