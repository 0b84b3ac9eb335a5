"""Production: which claims show a node in production on a date, and when it first
counted as a class; the ground every query about who makes what stands on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from operator import attrgetter
from typing import Final

import attrs

from nodecompare.catalog import Catalog
from nodecompare.catalog.engine import ProductionRow, day_number
from nodecompare.dates import Precision
from nodecompare.model import (
    Claim,
    Confidence,
    Foundry,
    PartialDate,
    ProcessNode,
    Region,
    Site,
)
from nodecompare.queries.bases import ByClass, ClassBasis

#: :attr:`PartialDate.by_end` of when a row's claim started to hold: (end, start) as day
#: numbers, read in one C call.
_BY_END: Final = attrgetter("end", "start")

__all__ = [
    "InProduction",
    "LeadersQuery",
    "claim_order",
    "class_reached",
    "denser_first",
    "nodes_in_class",
    "production_claims",
    "since_of",
]


def claim_order(claim: Claim) -> tuple[PartialDate, dt.date, str]:
    """Sort key: when a claim held, then when it was reported, then its id."""
    return (claim.valid_from, claim.reported_on, claim.id)


def production_claims(
    catalog: Catalog,
    node: ProcessNode,
    day: dt.date,
    known_by: dt.date | None,
    minimum: Confidence,
    *,
    possibly: bool = False,
) -> tuple[Claim, ...]:
    """The claims that ``node`` was in production on ``day``, oldest first.

    A volume-production or product-shipped claim counts when it surely holds on ``day``
    (with ``possibly``: when it may hold, see :meth:`Claim.possibly_holds_on`), was
    reported by ``known_by``, is at least ``minimum`` sure, and no claim known by then
    supersedes it.
    """
    rows = catalog.query_index.production(node.id)
    holding = _holding(rows, day.toordinal(), day_number(known_by), minimum.rank, possibly)
    return tuple(row.claim for row in holding)


def _holding(
    rows: Sequence[ProductionRow], on: int, known: int, rank: int, possibly: bool
) -> list[ProductionRow]:
    """The rows that count on day number ``on`` (see :func:`production_claims`), in the
    rows' order."""
    if not rows or on < rows[0].start:  # sorted by start: none has begun
        return []
    if possibly:
        return [
            row
            for row in rows
            if row.start <= on < row.until_end
            and row.reported <= known < row.superseded_from
            and row.rank <= rank
        ]
    return [
        row
        for row in rows
        if row.end <= on < row.until_start
        and row.reported <= known < row.superseded_from
        and row.rank <= rank
    ]


@attrs.frozen
class InProduction:
    """A node of the class in production on the date asked about, with its claims."""

    node: ProcessNode
    claims: tuple[Claim, ...]  # oldest first
    reached: PartialDate  # when it first counted as the class (in the region, if asked)
    sites: tuple[Site, ...] = ()  # where it is made in the region asked about
    reason: str = ""  # when it only possibly counts: why

    @property
    def newest_first(self) -> tuple[float, int, float, str]:
        """Sort key: the smallest class, then the newest variant of it (N+2 after N+1, N4P
        after N4), as densities are often unknown for variants; of two that started on one
        day, the denser, then the node id, so that the records' order never decides."""
        node = self.node
        start = self.claims[0].valid_from.start.toordinal()
        return (node.node_class, -start, denser_first(node), node.id)


@attrs.frozen
class LeadersQuery:
    """The arguments of one :func:`leaders` call, normalised."""

    n: float
    day: dt.date
    known_by: dt.date | None
    rule: ClassBasis
    minimum: Confidence
    region: Region | None
    catalog: Catalog


def since_of(site: Site) -> PartialDate:
    """When a dated site started making its node."""
    assert site.made.since is not None
    return site.made.since


def nodes_in_class(
    query: LeadersQuery, foundry: Foundry, possibly: bool
) -> tuple[list[InProduction], list[InProduction]]:
    """The foundry's nodes of the class in production on the day (in the region, if one
    is asked about), and those in production that no site places anywhere on the day."""
    found, unplaced = [], []
    for node in _candidates(query, foundry):
        counted = _counted(query, node, possibly)
        if counted is None:
            continue
        production, reached, reason = counted
        if query.region is None:
            found.append(InProduction(node, production, reached, reason=reason))
            continue
        sites = query.catalog.sites(node)
        placed = [s for s in sites if s.makes_on(query.day, query.known_by, possibly=True)]
        local = [
            s
            for s in placed
            if s.in_region(query.region, query.day)
            and s.makes_on(query.day, query.known_by, possibly=possibly)
        ]
        if local:
            # An undated site places the node there whenever it is in production.
            dated = [site for site in local if site.made.since is not None]
            if len(dated) == len(local):
                site = min(dated, key=lambda s: since_of(s).by_end)
                reached = max(reached, since_of(site), key=lambda d: d.by_end)
                if not reason and not site.makes_on(query.day, query.known_by):
                    reason = f"{node.name} made at {site.name}: known only to {since_of(site)}"
            found.append(
                InProduction(node, production, reached, tuple(dict.fromkeys(local)), reason)
            )
        elif not placed:
            unplaced.append(InProduction(node, production, reached))
    return found, unplaced


def _candidates(query: LeadersQuery, foundry: Foundry) -> list[ProcessNode]:
    """The foundry's nodes, in catalog order, that may count on the day: those whose
    production possibly began by then and, by class, those of the class."""
    catalog, rule = query.catalog, query.rule
    if type(rule) is ByClass:  # its answer does not depend on the day: kept per class
        begun = catalog.query_index.begun(
            ("class", foundry.id, query.n),
            lambda: (
                node
                for node in catalog.nodes_of(foundry)
                if rule.includes(node, query.n, query.day, catalog)
            ),
        )
    else:
        begun = catalog.query_index.begun(
            ("foundry", foundry.id), lambda: catalog.nodes_of(foundry)
        )
    return begun.by(query.day.toordinal())


def _counted(
    query: LeadersQuery, node: ProcessNode, possibly: bool
) -> tuple[tuple[Claim, ...], PartialDate, str] | None:
    """A node's production claims on the day, when it first counted as the class, and,
    when it only possibly counts, why; None when it does not count on the day."""
    rows = query.catalog.query_index.production(node.id)
    on, known, rank = query.day.toordinal(), day_number(query.known_by), query.minimum.rank
    holding = _holding(rows, on, known, rank, possibly)
    if not holding:
        return None
    production = tuple(row.claim for row in holding)
    by_class = type(query.rule) is ByClass  # of the class (see _candidates) on any day
    if by_class:
        # As every claim starts within the class, the earliest by end then start counts.
        reached: PartialDate | None = min(holding, key=_BY_END).claim.valid_from
    else:
        reached = class_reached(query.rule, node, query.n, production, query.day, query.catalog)
        if reached is None:
            return None
    # In the possibly pass, a node that also surely counts needs no reason of its own.
    surely = not possibly
    if possibly:
        surely_holding = _holding(rows, on, known, rank, False)
        surely = bool(surely_holding) if by_class else _reached_by(query, node, surely_holding)
    assert reached is not None
    reason = "" if surely else f"{node.name} in production known only to {reached}"
    return production, reached, reason


def _reached_by(query: LeadersQuery, node: ProcessNode, holding: Sequence[ProductionRow]) -> bool:
    claims = tuple(row.claim for row in holding)
    return class_reached(query.rule, node, query.n, claims, query.day, query.catalog) is not None


def denser_first(node: ProcessNode) -> float:
    """Sort key: the denser node first (a node with no density last)."""
    density = node.density
    return -(density.magnitude if density else 0.0)


def _first_counted(
    basis: ClassBasis, node: ProcessNode, n: float, claim: Claim, day: dt.date, catalog: Catalog
) -> PartialDate | None:
    """When ``node``, in production under ``claim``, first counted as n-nm class by ``day``."""
    start = claim.valid_from.start
    if basis.includes(node, n, start, catalog):
        return claim.valid_from
    # The node may have joined the class later, when it was renamed.
    changes = sorted(
        {d for a in node.aliases for d in (a.since, a.until) if d is not None and start < d <= day}
    )
    for change in changes:
        if basis.includes(node, n, change, catalog):
            return PartialDate(change, Precision.DAY)
    return None


def class_reached(
    basis: ClassBasis,
    node: ProcessNode,
    n: float,
    production: Sequence[Claim],
    day: dt.date,
    catalog: Catalog,
) -> PartialDate | None:
    """When ``node``, in production under these claims, first counted as n-nm class by
    ``day``; None when it does not count on ``day``."""
    if not production or not basis.includes(node, n, day, catalog):
        return None
    starts = [
        reached
        for claim in production
        if (reached := _first_counted(basis, node, n, claim, day, catalog)) is not None
    ]
    # The date by which it surely counted: "2020-Q2" says more than "2020".
    return min(starts, key=lambda d: d.by_end, default=None)
