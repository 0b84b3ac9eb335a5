"""The query index of a catalog: claims sorted once, grouped by what queries filter on,
with their dates as day numbers, so that a query compares integers instead of records.

Built once per catalog, on the first query that needs it (:attr:`Catalog.query_index`).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Final, NamedTuple

from nodecompare.model import PRODUCTION_KINDS, Claim, ClaimKind, Confidence

__all__ = ["ClaimFilter", "ProductionRow", "QueryIndex", "claim_key", "day_number"]

#: A day number after every date: a claim that never ends, never superseded, or no cut.
NEVER: Final = dt.date.max.toordinal() + 2
#: The ``known_by`` of "all claims known now": every report counts, and every
#: supersession (a superseding claim is reported on some day before NEVER).
EVERYTHING_KNOWN: Final = NEVER - 1

_RANKS: Final = {confidence: confidence.rank for confidence in Confidence}


def day_number(day: dt.date | None) -> int:
    """``day`` as an ordinal, with None (no cut) after every day."""
    return EVERYTHING_KNOWN if day is None else day.toordinal()


def claim_key(claim: Claim) -> tuple[dt.date, str, dt.date, str]:
    """The order of :func:`~nodecompare.queries.production.claim_order` (when a claim held,
    then when it was reported, then its id), compared without building records."""
    return (claim.valid_from.start, claim.valid_from.precision, claim.reported_on, claim.id)


class ProductionRow(NamedTuple):
    """A production claim with the day numbers a query compares."""

    start: int  # the first day it possibly held
    end: int  # the first day it surely held
    until_start: int  # from this day it possibly no longer holds (NEVER: open)
    until_end: int  # from this day it surely no longer holds (NEVER: open)
    reported: int
    rank: int  # its confidence's rank, 0 the surest
    superseded_from: int  # the first report of a claim replacing it (NEVER: none)
    claim: Claim


class ClaimFilter(NamedTuple):
    """What :meth:`QueryIndex.select` keeps; None leaves a filter out."""

    foundry: str | None = None  # a foundry id
    node: str | None = None  # a node id
    kinds: frozenset[ClaimKind] | None = None
    source: str | None = None  # a source id
    as_of: dt.date | None = None  # started to hold by then
    known_by: dt.date | None = None
    minimum: Confidence = Confidence.DISPUTED


class QueryIndex:
    """Claims in :func:`claim_key` order, grouped by foundry, node, kind and source; each
    node's production claims as :class:`ProductionRow` tuples."""

    __slots__ = ("_by", "_claims", "_production", "_ranks", "_reported", "_starts")

    def __init__(self, claims: Sequence[Claim], superseded_by: dict[str, tuple[Claim, ...]]):
        ordered = sorted(claims, key=claim_key)
        self._claims = ordered
        self._starts = [c.valid_from.start for c in ordered]
        self._reported = [c.reported_on for c in ordered]
        self._ranks = [_RANKS[c.confidence] for c in ordered]
        groups: dict[tuple[str, object], list[int]] = defaultdict(list)
        for position, claim in enumerate(ordered):
            groups["kind", claim.kind].append(position)
            if claim.foundry is not None:
                groups["foundry", claim.foundry.id].append(position)
            if claim.node is not None:
                groups["node", claim.node.id].append(position)
            for source in dict.fromkeys(s.id for s in claim.sources):
                groups["source", source].append(position)
        self._by = dict(groups)
        production: dict[str, list[ProductionRow]] = defaultdict(list)
        for claim in ordered:
            if claim.node is not None and claim.kind in PRODUCTION_KINDS:
                production[claim.node.id].append(_row(claim, superseded_by.get(claim.id, ())))
        self._production = {node: tuple(rows) for node, rows in production.items()}

    def production(self, node_id: str) -> tuple[ProductionRow, ...]:
        """The production claims about a node, in :func:`claim_key` order."""
        return self._production.get(node_id, ())

    def select(self, wanted: ClaimFilter) -> tuple[Claim, ...]:
        """The claims that pass every filter, in :func:`claim_key` order."""
        # Sorted by when they started to hold: those holding by ``as_of`` are a prefix.
        stop = (
            len(self._claims) if wanted.as_of is None else bisect_right(self._starts, wanted.as_of)
        )
        candidates = self._candidates(wanted)
        known, rank = wanted.known_by, _RANKS[wanted.minimum]
        reported, ranks, claims = self._reported, self._ranks, self._claims
        if candidates is None:
            candidates = range(stop)
        else:
            candidates = candidates[: bisect_right(candidates, stop - 1)]
        return tuple(
            claims[p]
            for p in candidates
            if (known is None or reported[p] <= known) and ranks[p] <= rank
        )

    def _candidates(self, wanted: ClaimFilter) -> Sequence[int] | None:
        """The positions that pass the foundry, node, kind and source filters (None: all)."""
        groups: list[Sequence[int]] = []
        for key, value in (
            ("foundry", wanted.foundry),
            ("node", wanted.node),
            ("source", wanted.source),
        ):
            if value is not None:
                groups.append(self._by.get((key, value), ()))
        if wanted.kinds is not None:
            groups.append(_union(self._by.get(("kind", kind), ()) for kind in wanted.kinds))
        if not groups:
            return None
        groups.sort(key=len)
        rest = [set(group) for group in groups[1:]]
        return [p for p in groups[0] if all(p in group for group in rest)]


def _union(groups: Iterable[Sequence[int]]) -> Sequence[int]:
    chosen = [group for group in groups if group]
    return chosen[0] if len(chosen) == 1 else sorted(p for group in chosen for p in group)


def _row(claim: Claim, superseders: Iterable[Claim]) -> ProductionRow:
    until = claim.valid_until
    return ProductionRow(
        claim.valid_from.start.toordinal(),
        claim.valid_from.end.toordinal(),
        NEVER if until is None else until.start.toordinal(),
        NEVER if until is None else until.end.toordinal(),
        claim.reported_on.toordinal(),
        _RANKS[claim.confidence],
        min((newer.reported_on.toordinal() for newer in superseders), default=NEVER),
        claim,
    )
