"""What became known between two dates: new claims, replaced ones, contradictions opened
and closed, and how the answer of :func:`~nodecompare.leaders` changed.

The window is after ``before`` and up to and including ``after``, as ``known_by`` counts
(a claim reported on ``before`` was known then; one reported on ``after`` is new). A claim
is new when it was reported in the window: :func:`~nodecompare.claims` with
``known_by=after`` lists it and with ``known_by=before`` does not. A claim is superseded
when a claim reported in the window replaces it. A contradiction is new when it is open
(both sides known, neither replaced, as :func:`~nodecompare.disputes` counts) by
``after`` and not by ``before``, and closed the other way round. The leaders of each
class are asked on the same day (``as_of``) twice: by the claims known on ``before``
and by those known on ``after``.
"""

from __future__ import annotations

import datetime as dt
import numbers
from collections import defaultdict
from collections.abc import Iterable
from typing import Final, NamedTuple

from nodecompare.catalog import Catalog
from nodecompare.catalog.engine import ClaimFilter
from nodecompare.errors import ValidationError
from nodecompare.model import Claim, Foundry, PartialDate, ProcessNode
from nodecompare.queries import arguments
from nodecompare.queries.bases import ClassBasis, class_basis
from nodecompare.queries.claims import disputes
from nodecompare.queries.leaders import leaders
from nodecompare.queries.production import claim_order
from nodecompare.results import Dispute, Leaders
from nodecompare.results.diff import (
    POSSIBLY,
    SURELY,
    UNLISTED,
    ClassChange,
    KnowledgeDiff,
    LeaderChange,
    Supersession,
)

__all__ = ["knowledge_diff"]

Pair = frozenset[str]


def knowledge_diff(
    before: dt.date | str,
    after: dt.date | str,
    *,
    as_of: dt.date | str | None = None,
    foundry: str | Foundry | None = None,
    classes: float | Iterable[float] | None = None,
    basis: str | ClassBasis = "class",
    catalog: Catalog | None = None,
) -> KnowledgeDiff:
    """What became known after ``before``, up to and including ``after`` (the rules are
    in :mod:`nodecompare.queries.diff`).

    >>> import nodecompare as nc
    >>> july = nc.knowledge_diff("2022-07-01", "2022-07-31")
    >>> july.leaders_of(7).entered
    ('SMIC',)

    Args:
        before: the day before the window opens (a date or ``"YYYY-MM-DD"``).
        after: the last day of the window; on or after ``before`` (equal: an empty diff).
        as_of: the day the leaders are asked about; default ``after``: who made the chips
            at the end of the window, as known at its start and at its end.
        foundry: only what is about this foundry (or its nodes): its claims, the
            contradictions it is a side of, its standing among the leaders.
        classes: the node classes (nm) whose leaders are compared; default every class
            of the catalog's nodes.
        basis: what "n-nm class" means for the leaders (see :func:`leaders`).
        catalog: the catalog to ask; default the bundled one.

    Raises:
        ValidationError: a date is not a day, ``after`` is before ``before``, or another
            argument is not a valid value; UnknownNameError: the foundry is unknown.
    """
    catalog = arguments.catalog_or_default(catalog)
    start, end = _window(before, after)
    day = end if as_of is None else arguments.day(as_of)
    owner = None if foundry is None else arguments.foundry(catalog, foundry)
    rule = class_basis(basis)
    compared = _classes(catalog, classes)
    window = _reported_between(catalog, start, end)
    changes = tuple(
        change
        for n in compared
        if (change := _class_change(n, day, (start, end), rule, owner, catalog))
    )
    opened, closed = _disputes_changed(catalog, start, end, owner)
    return KnowledgeDiff(
        before=start,
        after=end,
        as_of=day,
        foundry=owner,
        basis=_basis_name(rule, compared, catalog),
        classes=compared,
        new_claims=tuple(sorted((c for c in window if _about(c, owner)), key=_reported_first)),
        superseded=_superseded(catalog, start, end, window, owner),
        new_disputes=opened,
        closed_disputes=closed,
        leaders=changes,
    )


def _basis_name(rule: ClassBasis, classes: tuple[float, ...], catalog: Catalog) -> str:
    """The rule's name: the head of its description ("node class: ..."); none when no
    class was compared."""
    return rule.describe(classes[0], catalog).partition(":")[0] if classes else ""


def _window(before: dt.date | str | None, after: dt.date | str | None) -> tuple[dt.date, dt.date]:
    """The two days, checked: both given, the second not before the first."""
    days = []
    for value, argument in ((before, "before"), (after, "after")):
        day = arguments.optional_day(value, argument)
        if day is None:
            raise arguments.refuse(argument, "a date or a date string YYYY-MM-DD", value)
        days.append(day)
    start, end = days
    if end < start:
        raise ValidationError.of("query", "after", f"{end} is before 'before' ({start})")
    return start, end


def _classes(catalog: Catalog, classes: object) -> tuple[float, ...]:
    """The classes to compare, most advanced first, each once."""
    if classes is None:
        chosen: Iterable[object] = {node.node_class for node in catalog.nodes}
    elif isinstance(classes, numbers.Real):
        chosen = [classes]
    elif isinstance(classes, Iterable) and not isinstance(classes, (str, bytes, dict)):
        chosen = list(classes)
    else:
        raise arguments.refuse("classes", "a number of nm or a list of them", classes)
    try:
        return tuple(sorted({arguments.node_number(n) for n in chosen}))
    except ValidationError:
        raise arguments.refuse("classes", "positive numbers of nm", classes) from None


def _reported_between(catalog: Catalog, start: dt.date, end: dt.date) -> tuple[Claim, ...]:
    """The claims reported after ``start`` and on or before ``end``, in claim order."""
    known = catalog.query_index.select(ClaimFilter(known_by=end))
    return tuple(c for c in known if c.reported_on > start)


def _reported_first(claim: Claim) -> tuple[object, ...]:
    """Sort key: when a claim was reported, then the claim order."""
    return (claim.reported_on, *claim_order(claim))


def _is(foundry: Foundry | None, owner: Foundry | None) -> bool:
    """True when no foundry is asked about, or ``foundry`` is the one."""
    return owner is None or (foundry is not None and foundry.id == owner.id)


def _about(claim: Claim, owner: Foundry | None) -> bool:
    return _is(claim.foundry, owner)


def _superseded(
    catalog: Catalog,
    start: dt.date,
    end: dt.date,
    window: tuple[Claim, ...],
    owner: Foundry | None,
) -> tuple[Supersession, ...]:
    """The claims known by ``end`` that the window's claims replace, and none before did:
    a claim replaced by ``end`` and not by ``start`` has a replacement in the window."""
    replaced = {old for claim in window for old in claim.supersedes}
    found = []
    for old in sorted((catalog.claim(i) for i in replaced), key=claim_order):
        if not old.known_by(end) or catalog.is_superseded(old, start):
            continue
        by = tuple(
            sorted((c for c in catalog.superseded_by(old) if c.known_by(end)), key=claim_order)
        )
        if _about(old, owner) or any(_about(c, owner) for c in by):
            found.append(Supersession(old, by))
    return tuple(found)


def _open_pairs(catalog: Catalog, known_by: dt.date) -> dict[Pair, tuple[Claim, Claim]]:
    """Each open contradiction known by a day, once: its two claims, the later reported
    (then the later in claim order) second."""
    pairs = {}
    for dispute in disputes(known_by=known_by, catalog=catalog):
        for other in dispute.contradicted_by:
            first, second = sorted((dispute.claim, other), key=_reported_first)
            pairs[frozenset((first.id, second.id))] = (first, second)
    return pairs


def _disputes_changed(
    catalog: Catalog, start: dt.date, end: dt.date, owner: Foundry | None
) -> tuple[tuple[Dispute, ...], tuple[Dispute, ...]]:
    """The contradictions opened and closed in the window, each grouped by its later
    reported claim."""
    then, now = _open_pairs(catalog, start), _open_pairs(catalog, end)
    grouped: list[tuple[Dispute, ...]] = []
    for pairs in ([now[p] for p in now.keys() - then], [then[p] for p in then.keys() - now]):
        by_later: dict[str, list[Claim]] = defaultdict(list)
        later: dict[str, Claim] = {}
        for first, second in pairs:
            if _about(first, owner) or _about(second, owner):
                by_later[second.id].append(first)
                later[second.id] = second
        ordered = sorted(later.values(), key=_reported_first)
        grouped.append(
            tuple(Dispute(c, tuple(sorted(by_later[c.id], key=claim_order))) for c in ordered)
        )
    return grouped[0], grouped[1]


class _Standing(NamedTuple):
    """A foundry's place in one answer of :func:`leaders`."""

    status: str
    foundry: Foundry | None
    node: ProcessNode | None
    since: PartialDate | None
    claims: tuple[Claim, ...]


_UNLISTED: Final = _Standing(UNLISTED, None, None, None, ())


def _standings(answer: Leaders) -> dict[str, _Standing]:
    """Each listed foundry's standing, by id, in the answer's order."""
    found = {
        e.foundry.id: _Standing(SURELY, e.foundry, e.node, e.since, e.claims)
        for e in answer.entries
    }
    for p in answer.possibly:
        found[p.foundry.id] = _Standing(POSSIBLY, p.foundry, p.node, p.since, p.claims)
    return found


def _class_change(
    n: float,
    day: dt.date,
    window: tuple[dt.date, dt.date],
    rule: ClassBasis,
    owner: Foundry | None,
    catalog: Catalog,
) -> ClassChange | None:
    """How the leaders of the n-nm class on ``day`` changed over the window, or None."""
    start, end = window
    then = leaders(n, as_of=day, known_by=start, basis=rule, catalog=catalog)
    now = leaders(n, as_of=day, known_by=end, basis=rule, catalog=catalog)
    was, listed = _standings(then), _standings(now)
    changes = []
    for key in [*listed, *(key for key in was if key not in listed)]:
        old, new = was.get(key, _UNLISTED), listed.get(key, _UNLISTED)
        foundry = new.foundry or old.foundry
        assert foundry is not None  # listed in one of the two answers
        if (old.status, old.since) == (new.status, new.since) or not _is(foundry, owner):
            continue
        changes.append(
            LeaderChange(
                foundry=foundry,
                was=old.status,
                now=new.status,
                node_was=old.node,
                node_now=new.node,
                since_was=old.since,
                since_now=new.since,
                claims=new.claims if new.status else old.claims,
                because=_because(old, new, window, catalog),
            )
        )
    return ClassChange(n, then, now, tuple(changes)) if changes else None


def _because(
    old: _Standing, new: _Standing, window: tuple[dt.date, dt.date], catalog: Catalog
) -> tuple[Claim, ...]:
    """The window's claims behind a change: new evidence, and replacements of the old."""
    start, end = window
    replacing = (r for c in old.claims for r in catalog.superseded_by(c))
    found = {c.id: c for c in (*new.claims, *replacing) if start < c.reported_on <= end}
    return tuple(sorted(found.values(), key=claim_order))
