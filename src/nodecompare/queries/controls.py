"""Export controls: which rules applied to whom on a date, and who advanced past them."""

from __future__ import annotations

import datetime as dt

from nodecompare.catalog import Catalog
from nodecompare.model import Confidence, ExportControl, Foundry
from nodecompare.queries import arguments
from nodecompare.queries.bases import ClassBasis, class_basis
from nodecompare.queries.production import class_reached, production_claims
from nodecompare.results import Breach, Breaches, Controls

__all__ = ["beyond_controls", "controls"]


def controls(
    target: str | Foundry | None = None,
    *,
    as_of: dt.date | str | None = None,
    known_by: dt.date | str | None = None,
    catalog: Catalog | None = None,
) -> Controls:
    """The export controls in force on a date, optionally only those applying to a foundry.

    A control applies to a foundry it names, or to every foundry headquartered in a
    country it targets.

    Args:
        target: a foundry name; default: every control.
        as_of: the date asked about; default today.
        known_by: only controls announced by this date.
        catalog: the catalog to ask; default the bundled one.

    Raises:
        UnknownNameError: the foundry is unknown.
    """
    catalog = arguments.catalog_or_default(catalog)
    foundry = None if target is None else arguments.foundry(catalog, target, "target")
    day, known = arguments.day(as_of), arguments.known(known_by)
    found = tuple(
        sorted(
            (
                c
                for c in catalog.controls
                if c.in_force(day, known) and (foundry is None or c.targets(foundry))
            ),
            key=lambda c: (c.effective, c.id),
        )
    )
    about = f" applying to {foundry.name}" if foundry else ""
    return Controls(f"Export controls in force on {day}{about} ({len(found)})", found)


def beyond_controls(
    *,
    as_of: dt.date | str | None = None,
    known_by: dt.date | str | None = None,
    basis: str | ClassBasis = "class",
    min_confidence: Confidence | str = Confidence.REPORTED,
    catalog: Catalog | None = None,
) -> Breaches:
    """Who reached a node past a control's threshold after the control took effect.

    For every control with a threshold, every foundry it applies to, and every node of
    that foundry at the threshold's class or beyond (under ``basis``) that entered
    production after the control's effective date and by ``as_of``: the first such node,
    with the claims that show it. SMIC's 7 nm-class N+1, in production from July 2021,
    is past the US Entity List rule of December 2020 (10 nm and below).

    Args:
        as_of: the date asked about; default today.
        known_by: only controls and claims made public by this date.
        basis: what the threshold's node class means (see :func:`nodecompare.leaders`).
        min_confidence: the least confidence of a production claim (default reported).
        catalog: the catalog to ask; default the bundled one.
    """
    catalog = arguments.catalog_or_default(catalog)
    day, known = arguments.day(as_of), arguments.known(known_by)
    rule, minimum = class_basis(basis), arguments.confidence(min_confidence)
    found, possible = [], []
    for control in catalog.controls:
        if control.threshold_nm is None or not (known is None or control.announced <= known):
            continue
        for foundry in catalog.foundries:
            if not control.targets(foundry):
                continue
            args = (control, foundry, day, known, minimum, rule, catalog)
            if (breach := _breach(*args, possibly=False)) is not None:
                found.append(breach)
            elif (breach := _breach(*args, possibly=True)) is not None:
                possible.append(breach)
    for breaches in (found, possible):
        breaches.sort(key=lambda b: (b.control.effective, b.reached, b.foundry.name))
    known_text = f", as known on {known}" if known else ""
    return Breaches(
        f"Nodes past an export control's threshold, reached after it took effect, "
        f"by {day}{known_text} ({len(found)})",
        tuple(found),
        tuple(possible),
    )


def _breach(
    control: ExportControl,
    foundry: Foundry,
    day: dt.date,
    known: dt.date | None,
    minimum: Confidence,
    rule: ClassBasis,
    catalog: Catalog,
    *,
    possibly: bool,
) -> Breach | None:
    """The foundry's first node past the control's threshold to enter production after it
    took effect: surely by ``day``, or with ``possibly``, possibly by then."""
    assert control.threshold_nm is not None
    after = []
    for node in catalog.nodes_of(foundry):
        production = production_claims(catalog, node, day, known, minimum, possibly=possibly)
        first = class_reached(rule, node, control.threshold_nm, production, day, catalog)
        if first is not None and first.start > control.effective:
            after.append((first, node, production))
    if not after:
        return None
    # Of two nodes reached at once, the smaller class, then the id: never the file's order.
    reached, node, production = min(after, key=lambda a: (a[0], a[1].node_class, a[1].id))
    return Breach(control, foundry, node, reached, production, surely=not possibly)
