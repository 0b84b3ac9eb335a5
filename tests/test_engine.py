"""The query index answers as a plain scan of every claim does (issue 12).

The scans below are the queries as they were before the index: each checks every claim
with the model's own methods. On generated catalogs, the indexed answers must equal them.
"""

from __future__ import annotations

import datetime as dt
import pickle
import random
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nodecompare as nc
from nodecompare.catalog.engine import SelectedClaims
from nodecompare.dates import Precision
from nodecompare.model import PRODUCTION_KINDS, Claim, ClaimKind, Confidence, PartialDate
from nodecompare.queries.production import (
    InProduction,
    LeadersQuery,
    claim_order,
    class_reached,
    production_claims,
    since_of,
)
from nodecompare.strategies import producing_catalogs

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synthetic import synthetic_document

days = st.dates(dt.date(1995, 1, 1), dt.date(2035, 12, 31))
confidences = st.sampled_from(list(Confidence))
#: Also catalogs with few nodes and many later claims: nodes with several production claims
#: holding at once, and claims superseded more than once, where the index's shortcuts differ
#: from a scan if they are wrong.
crowded_catalogs = st.one_of(
    producing_catalogs(), producing_catalogs(max_nodes=2, max_later_claims=8)
)


@st.composite
def widened_catalogs(draw: st.DrawFn) -> nc.Catalog:
    """:data:`crowded_catalogs`, where now and then a production claim has a copy known
    only to its year: two claims in production at once, the one that started first
    surely holding last (which one a node counts from must not follow the order)."""
    catalog = draw(crowded_catalogs)
    production = [c for c in catalog.claims if c.kind in PRODUCTION_KINDS]
    if not draw(st.booleans()):
        return catalog
    claim = draw(st.sampled_from(production))
    year = PartialDate(dt.date(claim.valid_from.start.year, 1, 1), Precision.YEAR)
    copy = attrs.evolve(claim, id=f"{claim.id}-year", valid_from=year, supersedes=())
    return attrs.evolve(catalog, claims=(*catalog.claims, copy))


def scanned_production(
    catalog: nc.Catalog,
    node: nc.ProcessNode,
    day: dt.date,
    known_by: dt.date | None,
    minimum: Confidence,
    possibly: bool,
) -> tuple[Claim, ...]:
    holds = Claim.possibly_holds_on if possibly else Claim.holds_on
    found = (
        claim
        for claim in catalog.claims_about(node)
        if claim.kind in PRODUCTION_KINDS
        and holds(claim, day)
        and claim.known_by(known_by)
        and claim.confidence.at_least(minimum)
        and not catalog.is_superseded(claim, known_by)
    )
    return tuple(sorted(found, key=claim_order))


def near_claims(data: st.DataObject, catalog: nc.Catalog) -> tuple[dt.date, dt.date | None]:
    """A day near when a claim started to hold (within its period, or around it), and a
    cut near when a claim was reported (or None), where the answers change."""
    if not catalog.claims:
        return data.draw(days), data.draw(st.none() | days)
    held = data.draw(st.sampled_from(catalog.claims)).valid_from.start
    day = held + dt.timedelta(days=data.draw(st.integers(-100, 400)))
    reported = data.draw(st.sampled_from(catalog.claims)).reported_on
    offset = data.draw(st.none() | st.integers(-3, 3))
    return day, None if offset is None else reported + dt.timedelta(days=offset)


@settings(max_examples=300)
@given(crowded_catalogs, st.data(), confidences, st.booleans())
def test_production_claims_equal_a_scan(
    catalog: nc.Catalog, data: st.DataObject, minimum: Confidence, possibly: bool
) -> None:
    day, known_by = near_claims(data, catalog)
    # Every cut where what is known changes, too: the day a claim was reported, and the
    # day before (a claim superseded twice counts until the first report replacing it).
    cuts = {known_by} | {
        c.reported_on - dt.timedelta(days=d) for c in catalog.claims for d in (0, 1)
    }
    for node in catalog.nodes:
        for cut in cuts:
            indexed = production_claims(catalog, node, day, cut, minimum, possibly=possibly)
            assert indexed == scanned_production(catalog, node, day, cut, minimum, possibly)


@attrs.frozen
class Filters:
    """The arguments of one ``claims()`` query."""

    owner: nc.Foundry | None
    subject: nc.ProcessNode | None
    kinds: frozenset[ClaimKind] | None
    cited: nc.Source | None
    day: dt.date | None
    known: dt.date | None
    minimum: Confidence

    def ask(self, catalog: nc.Catalog) -> Sequence[Claim]:
        return nc.claims(
            foundry=self.owner,
            node=self.subject,
            kinds=self.kinds,
            source=None if self.cited is None else self.cited.id,
            as_of=self.day,
            known_by=self.known,
            min_confidence=self.minimum,
            catalog=catalog,
        ).entries

    def scan(self, catalog: nc.Catalog) -> tuple[Claim, ...]:
        found = (
            c
            for c in catalog.claims
            if (self.owner is None or c.foundry == self.owner)
            and (self.subject is None or c.node == self.subject)
            and (self.kinds is None or c.kind in self.kinds)
            and (self.cited is None or self.cited in c.sources)
            and (self.day is None or c.valid_from.start <= self.day)
            and c.known_by(self.known)
            and c.confidence.at_least(self.minimum)
        )
        return tuple(sorted(found, key=claim_order))


def draw_filters(data: st.DataObject, catalog: nc.Catalog) -> Filters:
    near, known = near_claims(data, catalog)
    return Filters(
        owner=data.draw(st.none() | st.sampled_from(catalog.foundries)),
        subject=data.draw(st.none() | st.sampled_from(catalog.nodes)),
        kinds=data.draw(
            st.none() | st.frozensets(st.sampled_from(list(ClaimKind)), min_size=1, max_size=3)
        ),
        cited=data.draw(st.none() | st.sampled_from(catalog.sources)),
        day=data.draw(st.sampled_from([None, near])),
        known=known,
        minimum=data.draw(confidences),
    )


@settings(max_examples=300)
@given(producing_catalogs(), st.data())
def test_claim_filters_equal_a_scan(catalog: nc.Catalog, data: st.DataObject) -> None:
    filters = draw_filters(data, catalog)
    assert filters.ask(catalog) == filters.scan(catalog)


@settings(max_examples=100)
@given(producing_catalogs(), st.data())
def test_selected_claims_read_as_the_tuple_of_their_claims(
    catalog: nc.Catalog, data: st.DataObject
) -> None:
    """An answer's claims are read from the index as they are used: each claim, any slice,
    iteration, equality, hash and a pickled copy all give what the tuple of the claims
    gives."""
    filters = draw_filters(data, catalog)
    selected, expected = filters.ask(catalog), filters.scan(catalog)
    assert isinstance(selected, SelectedClaims)
    assert len(selected) == len(expected)
    for index in range(-len(expected), len(expected)):
        assert selected[index] is expected[index]
    with pytest.raises(IndexError):
        selected[len(expected)]
    with pytest.raises(TypeError):
        selected["0"]  # type: ignore[call-overload]
    start, stop, step = (data.draw(st.none() | st.integers(-5, 5)) for _ in range(3))
    cut = slice(start, stop, step or None)
    assert selected[cut] == expected[cut]
    assert tuple(selected) == expected
    assert expected == selected
    assert hash(selected) == hash(expected)
    assert pickle.loads(pickle.dumps(selected)) == expected


def test_an_answer_is_counted_and_shown_without_reading_every_claim() -> None:
    """``len()``, ``repr()`` and one claim of an answer read no more than that claim: on a
    large catalog, the tuple of every claim is what takes the time."""
    answer = nc.timeline("TSMC")
    with mock.patch.object(SelectedClaims, "as_tuple", side_effect=AssertionError("read all")):
        assert len(answer) == len(answer.entries) > 1
        assert repr(answer) == f"<Claims about TSMC: {len(answer)}>"
        assert answer[-1].foundry == answer[0].foundry
    assert answer.entries == tuple(answer)


@settings(max_examples=200)
@given(producing_catalogs(), st.data())
def test_claim_filters_on_one_index_in_any_order_equal_a_scan(
    catalog: nc.Catalog, data: st.DataObject
) -> None:
    """Several queries on one catalog, whose claims are in any order: each part of the
    index is built by whichever query needs it first (a group used to start from by one
    query and to narrow by the next), and is read from the claims in the catalog's order,
    then put in claim order."""
    shuffled = attrs.evolve(catalog, claims=tuple(data.draw(st.permutations(catalog.claims))))
    for _ in range(data.draw(st.integers(2, 6))):
        filters = draw_filters(data, shuffled)
        assert filters.ask(shuffled) == filters.scan(shuffled)


def test_claim_filters_on_a_synthetic_catalog_equal_a_scan() -> None:
    """The benchmark's queries, and others, on the benchmark's kind of catalog: claims
    reported together on one day (their keys tie, and only their ids order them), claims
    citing several sources, every foundry and kind."""
    catalog = nc.catalog_from_dict(synthetic_document(2500, seed=5))
    rng = random.Random(5)
    cited = [s for s in catalog.sources if any(s in c.sources for c in catalog.claims[:400])]
    for foundry in catalog.foundries:
        day, known = (dt.date(rng.randrange(2000, 2028), 6, 30) for _ in range(2))
        for filters in (
            Filters(foundry, None, PRODUCTION_KINDS, None, day, known, Confidence.DISPUTED),
            Filters(foundry, None, None, None, None, known, Confidence.DISPUTED),
            Filters(None, None, None, rng.choice(cited), None, None, Confidence.REPORTED),
            Filters(foundry, rng.choice(catalog.nodes), None, None, day, None, Confidence.DISPUTED),
        ):
            assert filters.ask(catalog) == filters.scan(catalog)


@settings(max_examples=100)
@given(producing_catalogs(), st.data())
def test_claims_keep_claim_order_where_dates_tie(catalog: nc.Catalog, data: st.DataObject) -> None:
    """Copies of claims from the first day of their year, at every precision and under ids
    before and after one another: only the precision, then the id, orders them (the
    index sorts by an integer key, then relies on a stable sort by id)."""
    copies: list[Claim] = []
    for claim in data.draw(st.lists(st.sampled_from(catalog.claims), min_size=1, max_size=4)):
        start = dt.date(claim.valid_from.start.year, 1, 1)
        for suffix, precision in zip("zamyb", Precision, strict=True):
            copies.append(
                attrs.evolve(
                    claim,
                    id=f"{claim.id}-{suffix}{len(copies)}",
                    valid_from=PartialDate(start, precision),
                    disputes=(),
                    supersedes=(),
                )
            )
    tied = attrs.evolve(catalog, claims=(*catalog.claims, *copies))
    assert nc.claims(catalog=tied).entries == tuple(sorted(tied.claims, key=claim_order))


def scanned_nodes_in_class(
    query: LeadersQuery, foundry: nc.Foundry, possibly: bool
) -> tuple[list[InProduction], list[InProduction]]:
    """``nodes_in_class`` as it was before the index: every node of the foundry, in
    catalog order, with its production claims found by :func:`scanned_production`."""
    found, unplaced = [], []
    catalog, day, known_by = query.catalog, query.day, query.known_by

    def reached_with(node: nc.ProcessNode, surely: bool) -> nc.PartialDate | None:
        claims = scanned_production(catalog, node, day, known_by, query.minimum, not surely)
        return class_reached(query.rule, node, query.n, claims, day, catalog)

    for node in catalog.nodes_of(foundry):
        production = scanned_production(catalog, node, day, known_by, query.minimum, possibly)
        reached = reached_with(node, surely=not possibly)
        if reached is None:
            continue
        surely = not possibly or reached_with(node, surely=True)
        reason = "" if surely else f"{node.name} in production known only to {reached}"
        if query.region is None:
            found.append(InProduction(node, production, reached, reason=reason))
            continue
        placed = [s for s in catalog.sites(node) if s.makes_on(day, known_by, possibly=True)]
        local = [
            s
            for s in placed
            if s.in_region(query.region, day) and s.makes_on(day, known_by, possibly=possibly)
        ]
        if local:
            dated = [site for site in local if site.made.since is not None]
            if len(dated) == len(local):
                site = min(dated, key=lambda s: since_of(s).by_end)
                reached = max(reached, since_of(site), key=lambda d: d.by_end)
                if not reason and not site.makes_on(day, known_by):
                    reason = f"{node.name} made at {site.name}: known only to {since_of(site)}"
            found.append(
                InProduction(node, production, reached, tuple(dict.fromkeys(local)), reason)
            )
        elif not placed:
            unplaced.append(InProduction(node, production, reached))
    return found, unplaced


@settings(max_examples=300)
@given(widened_catalogs(), st.data(), confidences)
def test_leaders_equal_a_scan(
    catalog: nc.Catalog, data: st.DataObject, minimum: Confidence
) -> None:
    """Who surely and who possibly leads, since when, with which first node, claims and
    sites, by class and by name, in a region or anywhere: as the scan answers, for the
    class of each node, on a day near the claims and on each day a claim surely started
    to hold (where one that started later may have been surely holding first)."""
    day, known_by = near_claims(data, catalog)
    ask = partial(
        nc.leaders,
        known_by=known_by,
        basis=data.draw(st.sampled_from(["class", "name"])),
        min_confidence=minimum,
        region=data.draw(st.none() | st.sampled_from(["US", "China", "Taiwan", "EU"])),
        catalog=catalog,
    )
    for n in {node.node_class for node in catalog.nodes}:
        for on in {day} | {c.valid_from.end for c in catalog.claims}:
            indexed = ask(n, as_of=on)
            with mock.patch("nodecompare.queries.leaders.nodes_in_class", scanned_nodes_in_class):
                assert ask(n, as_of=on) == indexed
