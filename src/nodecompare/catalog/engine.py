"""The query index of a catalog: claims sorted once, grouped by what queries filter on,
with their dates as day numbers, so that a query compares integers instead of records.

Built once per catalog, on the first query that needs it (:attr:`Catalog.query_index`);
each part on the first query that needs that part: :meth:`QueryIndex.production` sorts
only the production claims, :meth:`QueryIndex.select` groups every claim.
"""

from __future__ import annotations

import datetime as dt
import gc
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from operator import attrgetter, itemgetter
from typing import Final, NamedTuple

from nodecompare import dates
from nodecompare.model import PRODUCTION_KINDS, Claim, ClaimKind, Confidence, ProcessNode

__all__ = ["BegunNodes", "ClaimFilter", "ProductionRow", "QueryIndex", "claim_key", "day_number"]

#: A day number after every date: a claim that never ends, never superseded, or no cut.
NEVER: Final = dt.date.max.toordinal() + 2
#: The ``known_by`` of "all claims known now": every report counts, and every
#: supersession (a superseding claim is reported on some day before NEVER).
EVERYTHING_KNOWN: Final = NEVER - 1

_RANKS: Final = {confidence: confidence.rank for confidence in Confidence}

#: The order of :func:`~nodecompare.queries.production.claim_order` (when a claim held,
#: then when it was reported, then its id), compared without building records; one C
#: call per claim, as it sorts every claim.
claim_key: Final = attrgetter("valid_from.start", "valid_from.precision", "reported_on", "id")


def day_number(day: dt.date | None) -> int:
    """``day`` as an ordinal, with None (no cut) after every day."""
    return EVERYTHING_KNOWN if day is None else day.toordinal()


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


class BegunNodes:
    """Nodes in a given order, each with the first day its production possibly began, so
    that those begun by a day are found with a bisect, not a scan of every node."""

    __slots__ = ("_begun", "_starts")

    def __init__(
        self, nodes: Iterable[ProcessNode], production: dict[str, tuple[ProductionRow, ...]]
    ):
        begun = sorted(
            (
                (rows[0].start, position, node)
                for position, node in enumerate(nodes)
                if (rows := production.get(node.id))
            ),
            key=itemgetter(0, 1),
        )
        self._starts = [start for start, _, _ in begun]
        self._begun = [(position, node) for _, position, node in begun]

    def by(self, on: int) -> list[ProcessNode]:
        """The nodes with a production claim that possibly held on or before day number
        ``on``, in the given order (the others cannot be in production on ``on``)."""
        chosen = self._begun[: bisect_right(self._starts, on)]
        chosen.sort(key=itemgetter(0))
        return [node for _, node in chosen]


class QueryIndex:
    """Claims in :data:`claim_key` order, grouped by foundry, node, kind and source; each
    node's production claims as :class:`ProductionRow` tuples."""

    __slots__ = ("_begun", "_claims", "_production", "_selection", "_superseded_by")

    def __init__(self, claims: Sequence[Claim], superseded_by: dict[str, tuple[Claim, ...]]):
        self._claims = claims
        self._superseded_by = superseded_by
        self._production: dict[str, tuple[ProductionRow, ...]] | None = None
        self._selection: _Selection | None = None
        self._begun: dict[Hashable, BegunNodes] = {}

    def production(self, node_id: str) -> tuple[ProductionRow, ...]:
        """The production claims about a node, in :data:`claim_key` order."""
        return self._production_rows().get(node_id, ())

    def begun(self, key: Hashable, nodes: Callable[[], Iterable[ProcessNode]]) -> BegunNodes:
        """``nodes()`` by when their production began, built on the first call for ``key``
        (the caller's name for that list of nodes) and kept."""
        found = self._begun.get(key)
        if found is None:
            found = self._begun[key] = BegunNodes(nodes(), self._production_rows())
        return found

    def select(self, wanted: ClaimFilter) -> tuple[Claim, ...]:
        """The claims that pass every filter, in :data:`claim_key` order."""
        if self._selection is None:
            with _collection_paused():
                self._selection = _Selection(self._claims)
        return self._selection.select(wanted)

    def _production_rows(self) -> dict[str, tuple[ProductionRow, ...]]:
        if self._production is None:
            with _collection_paused():
                self._production = _production(self._claims, self._superseded_by)
        return self._production


@contextmanager
def _collection_paused() -> Iterator[None]:
    """No garbage collection while an index is built: it makes many small objects with no
    cycles among them, and each collection they would set off rescans every record of the
    catalog (at 100k claims, that took over half the build)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _production(
    claims: Iterable[Claim], superseded_by: dict[str, tuple[Claim, ...]]
) -> dict[str, tuple[ProductionRow, ...]]:
    """Each node's production claims as rows, in :data:`claim_key` order."""
    chosen = [c for c in claims if c.node is not None and c.kind in PRODUCTION_KINDS]
    chosen.sort(key=claim_key)
    # Many claims share a period: each period's last day is computed once.
    ends: dict[tuple[dt.date, str], int] = {}

    def end(start: dt.date, precision: dates.Precision) -> int:
        found = ends.get((start, precision))
        if found is None:
            last = dates.period_end(start, precision)
            assert last is not None  # a PartialDate ends before the calendar does
            found = ends[start, precision] = last.toordinal()
        return found

    production: dict[str, list[ProductionRow]] = defaultdict(list)
    for claim in chosen:
        since, until = claim.valid_from, claim.valid_until
        superseders = superseded_by.get(claim.id, ())
        assert claim.node is not None
        production[claim.node.id].append(
            ProductionRow(
                since.start.toordinal(),
                end(since.start, since.precision),
                NEVER if until is None else until.start.toordinal(),
                NEVER if until is None else end(until.start, until.precision),
                claim.reported_on.toordinal(),
                _RANKS[claim.confidence],
                _first_report(superseders),
                claim,
            )
        )
    return {node: tuple(rows) for node, rows in production.items()}


def _first_report(claims: Sequence[Claim]) -> int:
    """The day number of the first report among ``claims`` (NEVER when there is none)."""
    # Most claims are superseded by none: no generator is made for them.
    return min(c.reported_on for c in claims).toordinal() if claims else NEVER


class _Selection:
    """Every claim in :data:`claim_key` order, with its positions grouped by foundry,
    node, kind and source."""

    __slots__ = ("_by", "_claims", "_ranks", "_reported", "_starts")

    def __init__(self, claims: Sequence[Claim]):
        ordered = sorted(claims, key=claim_key)
        self._claims = ordered
        self._starts = [c.valid_from.start for c in ordered]
        self._reported = [c.reported_on for c in ordered]
        self._ranks = [_RANKS[c.confidence] for c in ordered]
        self._by = _groups(ordered)

    def select(self, wanted: ClaimFilter) -> tuple[Claim, ...]:
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


def _groups(ordered: Sequence[Claim]) -> dict[tuple[str, object], list[int]]:
    """The positions of the claims about each kind, foundry, node and source."""
    kinds: dict[object, list[int]] = defaultdict(list)
    foundries: dict[object, list[int]] = defaultdict(list)
    nodes: dict[object, list[int]] = defaultdict(list)
    sources: dict[object, list[int]] = defaultdict(list)
    for position, claim in enumerate(ordered):
        kinds[claim.kind].append(position)
        if claim.foundry is not None:
            foundries[claim.foundry.id].append(position)
        if claim.node is not None:
            nodes[claim.node.id].append(position)
        cited = claim.sources
        if len(cited) == 1:  # most claims: no repeated source to skip
            sources[cited[0].id].append(position)
        else:
            for source in dict.fromkeys(s.id for s in cited):
                sources[source].append(position)
    return {
        (name, value): positions
        for name, group in (
            ("kind", kinds),
            ("foundry", foundries),
            ("node", nodes),
            ("source", sources),
        )
        for value, positions in group.items()
    }


def _union(groups: Iterable[Sequence[int]]) -> Sequence[int]:
    chosen = [group for group in groups if group]
    return chosen[0] if len(chosen) == 1 else sorted(p for group in chosen for p in group)
