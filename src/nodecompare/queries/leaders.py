"""Who makes n-nm class chips on a date, by what was known when, and where.

A foundry counts when one of its nodes of the class was in production on ``as_of``: a
claim of volume production, or of a product made on the node being shipped (that is how
SMIC's 7 nm-class became known), held on that date, was reported by ``known_by`` and is
at least ``min_confidence``. A claim known only to a year, half, quarter or month counts
from the end of that period, when it had surely started; on a day within the period its
foundry is listed in :attr:`~nodecompare.Leaders.possibly`, with the precision that makes
it uncertain. With ``region``, the node must also be made at a site in that region (a
fab, or a location record where only the country or city is public), as the region stood
on that date: where chips are made, not where the company is based. A foundry in
production whose node no site places on that date is listed in
:attr:`~nodecompare.Leaders.location_unknown`, never dropped silently.
"""

from __future__ import annotations

import datetime as dt

from nodecompare.catalog import Catalog
from nodecompare.catalog.engine import claim_key
from nodecompare.model import Claim, Confidence, Foundry, Site
from nodecompare.queries import arguments
from nodecompare.queries.bases import ClassBasis, class_basis
from nodecompare.queries.production import (
    InProduction,
    LeadersQuery,
    denser_first,
    nodes_in_class,
)
from nodecompare.results import Leader, Leaders, Possible, Unplaced

__all__ = ["leaders"]

Standing = tuple[Foundry, InProduction, InProduction, list[Claim], tuple[Site, ...]]


def leaders(
    n: float,
    *,
    as_of: dt.date | str | None = None,
    known_by: dt.date | str | None = None,
    basis: str | ClassBasis = "class",
    min_confidence: Confidence | str = Confidence.REPORTED,
    region: str | None = None,
    catalog: Catalog | None = None,
) -> Leaders:
    """The foundries making chips of the n-nm class, or a more advanced one, on a date
    (the rule is in :mod:`nodecompare.queries.leaders`).

    Args:
        n: the node class in nm (7 for "7 nm").
        as_of: the date asked about (a date or ``"YYYY-MM-DD"``); default today.
        known_by: count only claims reported on or before this date; default: all.
        basis: what "n-nm class" means: ``"class"`` (default; see :class:`ByClass`),
            ``"name"`` (:class:`ByName`), ``"density"`` (:class:`ByDensity`), or any
            :class:`ClassBasis`.
        min_confidence: the least confidence a claim needs (default ``"reported"``:
            speculative and disputed claims do not count).
        region: ``"US"``, ``"EU"``, ``"China"``, ``"Taiwan"``, ``"South Korea"``,
            ``"Japan"`` (see :func:`nodecompare.model.regions`) or a country code.
        catalog: the catalog to ask; default the bundled one.

    Returns:
        The leaders that surely qualify, most advanced first: the smaller class of their
        most advanced node, then the earlier date they reached the n-nm class, then the
        denser node; with the foundries that possibly qualify and, for a region, those
        whose location is unknown.

    Raises:
        ValidationError: an argument is not a valid value.
    """
    where = None if region is None else arguments.region(region)
    query = LeadersQuery(
        arguments.node_number(n),
        arguments.day(as_of),
        arguments.known(known_by),
        class_basis(basis),
        arguments.confidence(min_confidence),
        where,
        arguments.catalog_or_default(catalog),
    )
    return _answer(query)


def _answer(query: LeadersQuery) -> Leaders:
    standings: list[Standing] = []
    possible: list[Possible] = []
    unplaced: list[Unplaced] = []
    for foundry in query.catalog.foundries:
        surely, not_placed = nodes_in_class(query, foundry, possibly=False)
        if surely:
            standings.append(_standing(foundry, surely))
            continue
        maybe, maybe_not_placed = nodes_in_class(query, foundry, possibly=True)
        if maybe:
            first = min(maybe, key=lambda p: (p.reached.by_end, p.newest_first))
            possible.append(
                Possible(
                    foundry, first.node, first.reached, first.reason, first.claims, first.sites
                )
            )
        elif nodes := not_placed or maybe_not_placed:
            claims = {c.id: c for p in nodes for c in p.claims}
            ordered = tuple(sorted(claims.values(), key=claim_key))
            unplaced.append(Unplaced(foundry, tuple(p.node for p in nodes), ordered))
    # Smaller class first; within a class, who got there first, then the denser node.
    standings.sort(
        key=lambda s: (
            s[1].node.node_class,
            s[2].reached.by_end,
            denser_first(s[1].node),
            s[0].name,
        )
    )
    entries = tuple(
        Leader(rank, foundry, best.node, first.reached, first.node, tuple(evidence), sites)
        for rank, (foundry, best, first, evidence, sites) in enumerate(standings, start=1)
    )
    possible.sort(key=lambda p: (p.since.end, p.node.node_class, p.foundry.name))
    return Leaders(
        query.n,
        query.day,
        query.known_by,
        query.rule.describe(query.n, query.catalog),
        entries,
        None if query.region is None else query.region.name,
        tuple(possible),
        tuple(unplaced),
    )


def _standing(foundry: Foundry, in_production: list[InProduction]) -> Standing:
    """A foundry's most advanced node, the node it first reached the class with, the
    claims behind both and where they are made."""
    best = min(in_production, key=lambda p: p.newest_first)
    first = min(in_production, key=lambda p: (p.reached.by_end, p.newest_first))
    evidence = {claim.id: claim for p in (first, best) for claim in p.claims}
    sites = tuple(dict.fromkeys(site for p in (first, best) for site in p.sites))
    return foundry, best, first, sorted(evidence.values(), key=claim_key), sites
