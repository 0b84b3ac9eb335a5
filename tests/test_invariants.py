"""Query invariants on generated catalogs: what leaders(), compare(), controls() and
beyond_controls() guarantee whatever the records, not only for the bundled catalog
(tests/test_leaders.py checks the bundled one). The invariants of leaders() run on the
varied catalogs of ``catalogs()`` and, 500 times each, on the small production-heavy ones
of ``producing_catalogs()``, where leaders() has an answer in most examples."""

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from hypothesis import event, given, settings
from hypothesis import strategies as st

import nodecompare as nc
from nodecompare.model import PRODUCTION_KINDS
from nodecompare.strategies import catalogs, dates, producing_catalogs

LAST = dt.date(2040, 12, 31)  # the last day of the era generated catalogs are dated in
CLASSES = st.sampled_from([1.4, 2.0, 3.0, 5.0, 7.0, 10.0, 14.0, 16.0, 28.0])
BASES = st.sampled_from(["class", "name"])
THOROUGH = settings(max_examples=500)


def _classes(catalog: nc.Catalog) -> st.SearchStrategy[float]:
    """A node class, often one the catalog's nodes are in, where answers change."""
    return st.sampled_from(sorted({node.node_class for node in catalog.nodes})) | CLASSES


def _region(catalog: nc.Catalog) -> st.SearchStrategy[str | None]:
    """No region, or one where the catalog places a node (a country code, or the EU)."""
    countries = sorted({site.country for node in catalog.nodes for site in catalog.sites(node)})
    return st.none() | st.sampled_from(["EU", *countries])


def _marks(catalog: nc.Catalog) -> list[dt.date]:
    """The days at or next to a date of the catalog's claims, sites and controls, where
    answers change."""
    marks: set[dt.date] = set()
    for claim in catalog.claims:
        marks |= {claim.valid_from.start, claim.valid_from.end, claim.reported_on}
        if claim.valid_until is not None:
            marks |= {claim.valid_until.start, claim.valid_until.end}
    for node in catalog.nodes:
        for site in catalog.sites(node):
            for period in (site.made.since, site.made.until):
                if period is not None:
                    marks |= {period.start, period.end}
            if site.made.reported_on is not None:
                marks.add(site.made.reported_on)
    for control in catalog.controls:
        marks |= {control.effective, control.announced}
        if control.until is not None:
            marks.add(control.until)
    one = dt.timedelta(days=1)
    return sorted({day + shift for day in marks for shift in (-one, 0 * one, one)})


def _days(catalog: nc.Catalog) -> st.SearchStrategy[dt.date]:
    """Any day, or one where answers change."""
    marks = _marks(catalog)
    return dates() | st.sampled_from(marks) if marks else dates()


def _own_classes(catalog: nc.Catalog) -> st.SearchStrategy[float]:
    """The class of one of the catalog's nodes."""
    return st.sampled_from(sorted({node.node_class for node in catalog.nodes}))


def _production_days(catalog: nc.Catalog) -> st.SearchStrategy[dt.date]:
    """A day after the catalog's first production date, or any day, or one where answers
    change."""
    starts = [claim.valid_from.start for claim in catalog.claims if claim.kind in PRODUCTION_KINDS]
    return dates(min(starts) + dt.timedelta(days=1)) | _days(catalog) if starts else _days(catalog)


class Questions(NamedTuple):
    """How a test draws what it asks a catalog: node classes and days."""

    classes: Callable[[nc.Catalog], st.SearchStrategy[float]]
    days: Callable[[nc.Catalog], st.SearchStrategy[dt.date]]


ANYTHING = Questions(_classes, _days)
# Production-heavy catalogs are asked about their own classes, mostly once production has
# started, so that the properties compare answers that are not empty.
IN_PRODUCTION = Questions(_own_classes, _production_days)


def _qualifying(result: nc.Leaders) -> set[str]:
    """The foundries that surely or possibly qualify."""
    return set(result.foundries) | set(result.possible_foundries)


def _note(result: nc.Leaders) -> None:
    event("leaders found" if result.foundries else "no leader")
    event("possible leaders found" if result.possibly else "no possible leader")


@given(catalogs(), BASES, st.data())
def test_leaders_nest_across_node_classes(
    catalog: nc.Catalog, basis: str, data: st.DataObject
) -> None:
    _check_leaders_nest_across_node_classes(catalog, basis, data, ANYTHING)


@THOROUGH
@given(producing_catalogs(), BASES, st.data())
def test_leaders_nest_across_node_classes_in_producing_catalogs(
    catalog: nc.Catalog, basis: str, data: st.DataObject
) -> None:
    _check_leaders_nest_across_node_classes(catalog, basis, data, IN_PRODUCTION)


def _check_leaders_nest_across_node_classes(
    catalog: nc.Catalog, basis: str, data: st.DataObject, ask: Questions
) -> None:
    small, large = sorted(data.draw(ask.classes(catalog)) for _ in range(2))
    day, region = data.draw(ask.days(catalog)), data.draw(_region(catalog))
    at_small = nc.leaders(small, as_of=day, basis=basis, region=region, catalog=catalog)
    at_large = nc.leaders(large, as_of=day, basis=basis, region=region, catalog=catalog)
    _note(at_small)
    assert set(at_small.foundries) <= set(at_large.foundries)
    # One that may qualify at the smaller class may, or surely does, at the larger.
    assert _qualifying(at_small) <= _qualifying(at_large)


@given(catalogs(), BASES, st.data())
def test_what_surely_holds_possibly_holds(
    catalog: nc.Catalog, basis: str, data: st.DataObject
) -> None:
    # Leaders.possibly lists only the foundries that do not surely qualify, so the two
    # lists are disjoint; that a sure leader would also possibly qualify rests on the
    # two-date rules: whatever surely holds or is made on a day possibly is.
    n, day = data.draw(_classes(catalog)), data.draw(_days(catalog))
    result = nc.leaders(
        n, as_of=day, basis=basis, region=data.draw(_region(catalog)), catalog=catalog
    )
    _note(result)
    assert not set(result.foundries) & set(result.possible_foundries)
    assert not _qualifying(result) & set(result.unlocated_foundries)
    for when in _marks(catalog):
        for claim in catalog.claims:
            if claim.holds_on(when):
                assert claim.possibly_holds_on(when)
        for node in catalog.nodes:
            for site in catalog.sites(node):
                if site.makes_on(when):
                    assert site.makes_on(when, possibly=True)
    for entry in result:
        assert entry.claims
        assert all(claim.holds_on(day) for claim in entry.claims)
    for maybe in result.possibly:
        assert all(claim.possibly_holds_on(day) for claim in maybe.claims)


# Nothing ends in these catalogs: a claim's valid_until or a fab's until may leave a
# possible leader whose doubt is the end of its production, not its start, so its
# ``since`` need not contain the day. By name, ``since`` may be a renaming date.
@given(catalogs(endings=False), st.data())
def test_a_possible_leader_is_dated_to_a_period_containing_the_day(
    catalog: nc.Catalog, data: st.DataObject
) -> None:
    n, day = data.draw(_classes(catalog)), data.draw(_days(catalog))
    result = nc.leaders(n, as_of=day, region=data.draw(_region(catalog)), catalog=catalog)
    _note(result)
    for maybe in result.possibly:
        assert maybe.since.contains(day)


# Nothing ends in these catalogs: a claim's valid_until or a fab's until ends production,
# so a leader may drop out. By class only: by name, a node renamed to a larger number
# leaves the class. Superseding claims are fine, as known_by stays the same.
@given(catalogs(endings=False), st.data())
def test_leading_is_kept_once_reached(catalog: nc.Catalog, data: st.DataObject) -> None:
    _check_leading_is_kept_once_reached(catalog, data, ANYTHING)


@THOROUGH
@given(producing_catalogs(endings=False), st.data())
def test_leading_is_kept_once_reached_in_producing_catalogs(
    catalog: nc.Catalog, data: st.DataObject
) -> None:
    _check_leading_is_kept_once_reached(catalog, data, IN_PRODUCTION)


def _check_leading_is_kept_once_reached(
    catalog: nc.Catalog, data: st.DataObject, ask: Questions
) -> None:
    n = data.draw(ask.classes(catalog))
    # Late is often the era's last day, when every node has entered production.
    early, late = sorted(data.draw(ask.days(catalog) | st.just(LAST)) for _ in range(2))
    for region in (None, data.draw(_region(catalog))):
        then = nc.leaders(n, as_of=early, region=region, catalog=catalog)
        later = nc.leaders(n, as_of=late, region=region, catalog=catalog)
        _note(then)
        assert set(then.foundries) <= set(later.foundries)
        assert _qualifying(then) <= _qualifying(later)
        for entry in then:
            # Nodes that reach the class later can only bring the first node's date forward.
            assert next(e for e in later if e.foundry == entry.foundry).since <= entry.since


# No claim supersedes another in these catalogs: a claim reported later that supersedes
# a production claim removes the leader that claim made (that is what superseding is for).
# Endings are fine: they do not depend on what is known.
@given(catalogs(supersedes=False), BASES, st.data())
def test_more_knowledge_never_removes_a_leader(
    catalog: nc.Catalog, basis: str, data: st.DataObject
) -> None:
    _check_more_knowledge_never_removes_a_leader(catalog, basis, data, ANYTHING)


@THOROUGH
@given(producing_catalogs(supersedes=False), BASES, st.data())
def test_more_knowledge_never_removes_a_leader_in_producing_catalogs(
    catalog: nc.Catalog, basis: str, data: st.DataObject
) -> None:
    _check_more_knowledge_never_removes_a_leader(catalog, basis, data, IN_PRODUCTION)


def _check_more_knowledge_never_removes_a_leader(
    catalog: nc.Catalog, basis: str, data: st.DataObject, ask: Questions
) -> None:
    n, day = data.draw(ask.classes(catalog)), data.draw(ask.days(catalog))
    early, late = sorted(data.draw(ask.days(catalog)) for _ in range(2))
    for region in (None, data.draw(_region(catalog))):
        answers = [
            nc.leaders(n, as_of=day, known_by=known, basis=basis, region=region, catalog=catalog)
            for known in (early, late, None)
        ]
        _note(answers[0])
        for less, more in itertools.pairwise(answers):
            assert set(less.foundries) <= set(more.foundries)
            assert _qualifying(less) <= _qualifying(more)
    in_force = [set(nc.controls(as_of=day, known_by=k, catalog=catalog)) for k in (early, late)]
    assert in_force[0] <= in_force[1] <= set(nc.controls(as_of=day, catalog=catalog))


@given(catalogs(), st.data())
def test_compare_agrees_with_leaders(catalog: nc.Catalog, data: st.DataObject) -> None:
    day = data.draw(_days(catalog))
    a, b = (data.draw(st.sampled_from(catalog.foundries)) for _ in range(2))
    comparison = nc.compare(a, b, as_of=day, catalog=catalog)
    event("rows found" if comparison else "no row")
    for row in comparison:
        # A foundry surely reached a generation when it surely leads at its largest class.
        result = nc.leaders(row.generation.largest, as_of=day, catalog=catalog)
        for reached, foundry in ((row.a, a), (row.b, b)):
            surely = reached is not None and reached.surely
            possibly = reached is not None and not reached.surely
            assert surely == (foundry.name in result.foundries)
            assert possibly == (foundry.name in result.possible_foundries)
    # And a leader's node has a row for its generation, with a date as sure as its lead.
    result = nc.leaders(28, as_of=day, catalog=catalog)
    for foundry, side in ((a, "a"), (b, "b")):
        for node, surely in [(e.node, True) for e in result if e.foundry == foundry] + [
            (p.node, False) for p in result.possibly if p.foundry == foundry
        ]:
            sides = [getattr(r, side) for r in comparison if r.generation.holds(node.node_class)]
            assert [s.surely for s in sides if s is not None] == [surely]


@given(catalogs(), st.data())
def test_a_breach_of_a_control_is_a_leader_it_applied_to(
    catalog: nc.Catalog, data: st.DataObject
) -> None:
    day = data.draw(_days(catalog))
    breaches = nc.beyond_controls(as_of=day, catalog=catalog)
    event("breaches found" if breaches else "no breach")
    for breach in breaches:
        assert breach.control.threshold_nm is not None
        assert breach.control.targets(breach.foundry)
        assert breach.reached.start > breach.control.effective
        assert all(claim.holds_on(day) for claim in breach.claims)
        result = nc.leaders(breach.control.threshold_nm, as_of=day, catalog=catalog)
        assert breach.foundry.name in result.foundries
    # A control applies to the foundries it names and to those of the countries it names.
    for control in catalog.controls:
        for foundry in catalog.foundries:
            applying = nc.controls(foundry, as_of=control.effective, catalog=catalog)
            targeted = foundry in control.target_foundries
            assert (control in applying) == (
                targeted or foundry.country in control.target_countries
            )


# Generated catalogs are rich enough that the invariants above are not vacuous: among a
# couple of hundred examples each query often has an answer. Asked late
# in the era, when most production claims have started (a breach of an export control
# needs one that started after the control took effect).
LATE = dt.date(2030, 1, 1)


def test_generated_catalogs_give_answers() -> None:
    answered: Counter[str] = Counter()

    @settings(max_examples=200, derandomize=True, database=None)
    @given(catalogs(), dates(LATE))
    def ask(catalog: nc.Catalog, day: dt.date) -> None:
        answered["asked"] += 1
        answered["leaders"] += bool(nc.leaders(28, as_of=day, catalog=catalog))
        places = {site.country for node in catalog.nodes for site in catalog.sites(node)}
        answered["leaders in a region"] += any(
            nc.leaders(28, as_of=day, region=place, catalog=catalog) for place in places
        )
        if len(catalog.foundries) >= 2:
            a, b = catalog.foundries[:2]
            answered["compare"] += bool(nc.compare(a, b, as_of=day, catalog=catalog))
        answered["controls"] += bool(nc.controls(as_of=day, catalog=catalog))
        answered["beyond_controls"] += bool(nc.beyond_controls(as_of=day, catalog=catalog))

    ask()
    assert answered["asked"] == 200
    queries = ["leaders", "leaders in a region", "compare", "controls", "beyond_controls"]
    assert all(answered[query] for query in queries), answered
    assert answered["leaders"] >= 20, answered


def test_producing_catalogs_mostly_have_leaders() -> None:
    # Asked about the class of one of the catalog's nodes on a day after its first
    # production date, leaders() names a leader in most examples (about 80%; a share
    # under 60% means the strategy no longer exercises the queries).
    answered: Counter[str] = Counter()

    @settings(max_examples=300, derandomize=True, database=None)
    @given(producing_catalogs(), st.data())
    def ask(catalog: nc.Catalog, data: st.DataObject) -> None:
        first = min(c.valid_from.start for c in catalog.claims if c.kind in PRODUCTION_KINDS)
        n = data.draw(st.sampled_from(catalog.nodes)).node_class
        day = data.draw(dates(first + dt.timedelta(days=1)))
        answered["asked"] += 1
        answered["leaders"] += bool(nc.leaders(n, as_of=day, catalog=catalog))

    ask()
    assert answered["asked"] >= 300
    assert answered["leaders"] >= 0.6 * answered["asked"], answered
