"""The query index of a catalog: claims sorted once, grouped by what queries filter on,
with their dates as day numbers, so that a query compares integers instead of records.

Built once per catalog, on the first query that needs it (:attr:`Catalog.query_index`);
each part on the first query that needs that part: :meth:`QueryIndex.production` sorts
only the production claims (in pure Python, so that a cold ``leaders()`` imports no
numpy), :meth:`QueryIndex.select` sorts every claim into numpy arrays, and builds each
column and group a filter needs on the first query with that filter.
"""

from __future__ import annotations

import datetime as dt
import gc
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from operator import attrgetter, itemgetter
from operator import index as integer_index
from typing import TYPE_CHECKING, Final, NamedTuple, overload

from nodecompare import dates
from nodecompare.model import PRODUCTION_KINDS, Claim, ClaimKind, Confidence, ProcessNode

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = [
    "BegunNodes",
    "ClaimFilter",
    "ProductionRow",
    "QueryIndex",
    "SelectedClaims",
    "claim_key",
    "collection_paused",
    "day_number",
]

#: A day number after every date: a claim that never ends, never superseded, or no cut.
NEVER: Final = dt.date.max.toordinal() + 2
#: The ``known_by`` of "all claims known now": every report counts, and every
#: supersession (a superseding claim is reported on some day before NEVER).
EVERYTHING_KNOWN: Final = NEVER - 1

_RANKS: Final = {confidence: confidence.rank for confidence in Confidence}
#: The rank every confidence passes: a filter on it keeps every claim.
_LOOSEST: Final = max(_RANKS.values())
#: Precisions as :data:`claim_key` compares them (by their text), and a factor above every
#: day number: the integer sort key of :func:`_in_claim_order`.
_PRECISION_ORDER: Final = {p: i for i, p in enumerate(sorted(dates.Precision, key=str))}
_PRECISIONS: Final = len(_PRECISION_ORDER)
_DAYS: Final = NEVER + 1

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

    def select(self, wanted: ClaimFilter) -> SelectedClaims:
        """The claims that pass every filter, in :data:`claim_key` order."""
        if self._selection is None:
            with collection_paused():
                self._selection = _Selection(self._claims)
        return self._selection.select(wanted)

    def _production_rows(self) -> dict[str, tuple[ProductionRow, ...]]:
        if self._production is None:
            with collection_paused():
                self._production = _production(self._claims, self._superseded_by)
        return self._production


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while a catalog or an index is built: building makes
    many objects that all live on, with no cycles among them, and each collection they
    would set off rescans every record of the catalog (at 100k claims, that took over
    half the build)."""
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
    chosen = _in_claim_order(
        [c for c in claims if c.node is not None and c.kind in PRODUCTION_KINDS]
    )
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
    """Every claim in :data:`claim_key` order, with numpy arrays by position: the claims,
    the day each started to hold and was reported and, each built on first use, a code
    per claim for its foundry, node and kind, its confidence's rank, and the positions of
    each foundry, node and source (a group). A query takes the smallest group asked about,
    cuts it at ``as_of`` with a binary search and narrows it with boolean masks: a few
    vector operations, however many claims the group holds. (numpy is imported here, not
    with the module: ``import nodecompare`` and a cold ``leaders()`` stay without it.)"""

    __slots__ = (
        "_claims",
        "_columns",
        "_given",
        "_groups",
        "_order",
        "_ranks",
        "_reported",
        "_starts",
    )

    def __init__(self, claims: Sequence[Claim]):
        import numpy as np

        # What a filter compares is read from the claims in the order given, usually the
        # order they were made in and lie in memory, and then put in claim order: reading
        # them in claim order, from all over memory, took twice as long at 100k claims.
        self._given = claims
        self._order, keys = _claim_order(claims)
        self._claims: NDArray[np.object_] = np.fromiter(claims, object, len(claims))[self._order]
        # A key is (start day * precisions + precision) * days + reported day.
        self._starts: NDArray[np.int64] = keys // (_PRECISIONS * _DAYS)
        self._reported: NDArray[np.int64] = keys % _DAYS
        self._columns: dict[str, _Coded] = {}
        self._groups: dict[str, _Groups] = {}
        self._ranks: NDArray[np.int8] | None = None

    def select(self, wanted: ClaimFilter) -> SelectedClaims:
        import numpy as np

        field, positions = self._smallest_group(wanted)
        # Sorted by when they started to hold: those holding by ``as_of`` are a prefix.
        stop = len(self._claims)
        if wanted.as_of is not None:
            stop = int(np.searchsorted(self._starts, wanted.as_of.toordinal(), "right"))
        positions = (
            np.arange(stop) if positions is None else positions[: np.searchsorted(positions, stop)]
        )
        for name, value in (("node", wanted.node), ("foundry", wanted.foundry)):
            if value is not None and name != field:
                codes, column = self._column(name)
                positions = positions[column[positions] == codes.get(value, -1)]
        if wanted.source is not None and field != "source":
            cited = self._members("source", wanted.source)
            positions = np.intersect1d(positions, cited, assume_unique=True)
        if wanted.kinds is not None:
            codes, column = self._column("kind")
            asked = np.zeros(len(codes), dtype=bool)
            asked[[codes[kind] for kind in wanted.kinds if kind in codes]] = True
            positions = positions[asked[column[positions]]]
        if wanted.known_by is not None:
            positions = positions[self._reported[positions] <= wanted.known_by.toordinal()]
        if _RANKS[wanted.minimum] < _LOOSEST:
            positions = positions[self._rank()[positions] <= _RANKS[wanted.minimum]]
        return SelectedClaims(self._claims, positions)

    def _smallest_group(self, wanted: ClaimFilter) -> tuple[str | None, NDArray[np.intp] | None]:
        """The field of the smallest group asked about and its positions, in order; (None,
        None) when no foundry, node or source is asked about."""
        asked = [
            (field, self._members(field, value))
            for field, value in (
                ("node", wanted.node),
                ("foundry", wanted.foundry),
                ("source", wanted.source),
            )
            if value is not None
        ]
        return min(asked, key=lambda group: len(group[1])) if asked else (None, None)

    def _column(self, field: str) -> _Coded:
        """Each value of ``field`` (a key of :data:`_VALUES`) numbered, and the number of
        the value of the claim at each position."""
        found = self._columns.get(field)
        if found is None:
            with collection_paused():
                codes, column = _coded(_VALUES[field](self._given))
                found = self._columns[field] = codes, column[self._order]
        return found

    def _rank(self) -> NDArray[np.int8]:
        """The rank of the confidence of the claim at each position."""
        if self._ranks is None:
            import numpy as np

            ranks = [_RANKS[c.confidence] for c in self._given]
            self._ranks = np.array(ranks, dtype=np.int8)[self._order]
        return self._ranks

    def _members(self, field: str, value: str) -> NDArray[np.intp]:
        """The positions, in order, of the claims whose ``field`` (foundry, node, source)
        is ``value``."""
        found = self._groups.get(field)
        if found is None:
            with collection_paused():
                found = self._groups[field] = (
                    _by_source(self._given, self._order)
                    if field == "source"
                    else _grouped(*self._column(field))
                )
        codes, positions, offsets = found
        code = codes.get(value)
        if code is None:
            return positions[:0]
        return positions[offsets[code] : offsets[code + 1]]


class SelectedClaims(Sequence[Claim]):
    """The claims a query selected, read from the index when they are first used.

    A query computes only the positions of its claims; ``len()`` and a single claim cost
    nothing more, and the tuple of every claim is made once, on first iteration,
    comparison or slice. (Making it touches each claim object: at a million claims, most
    lie outside the processor's caches, and that, not the selection, is what takes the
    time.) It equals, and hashes as, the tuple of its claims.
    """

    __slots__ = ("_claims", "_positions", "_tuple")

    def __init__(self, claims: NDArray[np.object_], positions: NDArray[np.intp]) -> None:
        self._claims = claims
        self._positions = positions
        self._tuple: tuple[Claim, ...] | None = None

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, index: int) -> Claim: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Claim, ...]: ...
    def __getitem__(self, index: int | slice) -> Claim | tuple[Claim, ...]:
        if isinstance(index, slice) or self._tuple is not None:
            return self.as_tuple()[index]
        # A tuple's errors: TypeError for a non-integer index, IndexError out of range.
        claim: Claim = self._claims[self._positions[integer_index(index)]]
        return claim

    def __iter__(self) -> Iterator[Claim]:
        return iter(self.as_tuple())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SelectedClaims):
            other = other.as_tuple()
        return self.as_tuple() == other if isinstance(other, tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.as_tuple())

    def __repr__(self) -> str:
        return repr(self.as_tuple())

    def __reduce__(self) -> tuple[type[tuple[Claim, ...]], tuple[tuple[Claim, ...]]]:
        return tuple, (self.as_tuple(),)

    def as_tuple(self) -> tuple[Claim, ...]:
        """Every claim, in order (made on the first call and kept)."""
        if self._tuple is None:
            self._tuple = tuple(self._claims[self._positions].tolist())
        return self._tuple


#: Each value numbered from 0, and the number of each claim's value by position.
_Coded = tuple[dict[Hashable, int], "NDArray[np.int32]"]
#: Each value's number; positions grouped by value (each group in order); where the group
#: of value number i starts (``offsets[i]``) and ends (``offsets[i + 1]``).
_Groups = tuple[dict[Hashable, int], "NDArray[np.intp]", "NDArray[np.intp]"]

#: How :class:`_Selection` reads what a filter compares, for every claim in the order given.
_VALUES: Final[dict[str, Callable[[Sequence[Claim]], list[Hashable]]]] = {
    "kind": lambda claims: [c.kind for c in claims],
    "foundry": lambda claims: [None if c.foundry is None else c.foundry.id for c in claims],
    "node": lambda claims: [None if c.node is None else c.node.id for c in claims],
}


def _coded(values: list[Hashable]) -> _Coded:
    """Each of ``values`` numbered (in order of first appearance), and their numbers."""
    import numpy as np

    codes = dict.fromkeys(values, 0)
    for number, value in enumerate(codes):
        codes[value] = number
    return codes, np.array([codes[value] for value in values], dtype=np.int32)


def _grouped(
    codes: dict[Hashable, int], column: NDArray[np.int32], positions: NDArray[np.intp] | None = None
) -> _Groups:
    """The positions (``positions[i]``, or i itself) of each numbered value ``column[i]``,
    grouped by value, each group in order."""
    import numpy as np

    if positions is None:
        grouped = np.argsort(column, kind="stable")
    else:
        grouped = positions[np.lexsort((positions, column))]
    offsets = np.zeros(len(codes) + 1, dtype=np.intp)
    np.cumsum(np.bincount(column, minlength=len(codes)), out=offsets[1:])
    return codes, grouped, offsets


def _by_source(claims: Sequence[Claim], order: NDArray[np.intp]) -> _Groups:
    """The positions in ``order`` (``claims[order[i]]`` is at i) of the claims citing each
    source, in order."""
    import numpy as np

    positions: list[int] = []
    cited: list[Hashable] = []
    for position, claim in enumerate(claims):
        sources = claim.sources
        # Most claims cite one source: no repeated source to skip.
        for source in (
            (sources[0].id,) if len(sources) == 1 else dict.fromkeys(s.id for s in sources)
        ):
            positions.append(position)
            cited.append(source)
    codes, column = _coded(cited)
    moved_to = np.empty_like(order)
    moved_to[order] = np.arange(len(order))
    return _grouped(codes, column, moved_to[np.array(positions, dtype=np.intp)])


def _in_claim_order(claims: Sequence[Claim]) -> list[Claim]:
    """``claims`` sorted by :data:`claim_key`, in pure Python: a cold ``leaders()`` sorts
    production claims without importing numpy."""
    ids = [c.id for c in claims]
    order = sorted(range(len(claims)), key=ids.__getitem__)
    keys = _sort_keys(claims)
    order.sort(key=keys.__getitem__)
    return [claims[position] for position in order]


def _claim_order(claims: Sequence[Claim]) -> tuple[NDArray[np.intp], NDArray[np.int64]]:
    """The positions of ``claims`` in :data:`claim_key` order, and their keys in that
    order: a stable sort by id, then a stable sort by :func:`_sort_keys`."""
    import numpy as np

    keys = np.array(_sort_keys(claims), dtype=np.int64)
    by_id = np.argsort(np.array([c.id for c in claims], dtype=str), kind="stable")
    order = by_id[np.argsort(keys[by_id], kind="stable")]
    return order, keys[order]


def _sort_keys(claims: Sequence[Claim]) -> list[int]:
    """When each claim held and was reported, folded into one number that sorts as
    :data:`claim_key` but for the id (sorting records by ``claim_key`` compares dates
    and strings, three times slower at 100k claims)."""
    return [
        (c.valid_from.start.toordinal() * _PRECISIONS + _PRECISION_ORDER[c.valid_from.precision])
        * _DAYS
        + c.reported_on.toordinal()
        for c in claims
    ]
