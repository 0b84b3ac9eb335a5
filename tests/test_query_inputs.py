"""Bad query and command-line input (issue 14): the library's error in one line, naming the
argument; never a foreign exception, a silent wrong answer or a traceback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from typing import Any

import attrs
import pytest

import nodecompare as nc
from nodecompare import cli
from nodecompare.results.trends import year_of

HUGE = "x" * 100_000


@cache
def _n7() -> nc.ProcessNode:
    return nc.node("TSMC", "N7")


@cache
def _trend() -> nc.Trend:
    return nc.density_trend()


# (case, the call, the argument its error must name)
BAD_CALLS: list[tuple[str, Callable[[], Any], str]] = [
    # lookups
    ("foundry-none", lambda: nc.foundry(None), "name"),  # type: ignore[arg-type]
    ("foundry-int", lambda: nc.foundry(5), "name"),  # type: ignore[arg-type]
    ("foundry-list", lambda: nc.foundry(["TSMC"]), "name"),  # type: ignore[arg-type]
    ("foundry-100k-name", lambda: nc.foundry(HUGE), "name"),
    ("node-foundry-none", lambda: nc.node(None, "N7"), "foundry"),  # type: ignore[arg-type]
    ("node-name-int", lambda: nc.node("TSMC", 7), "name"),  # type: ignore[arg-type]
    ("node-id-int", lambda: nc.node(5), "foundry"),  # type: ignore[arg-type]
    ("node-as-of-huge-int", lambda: nc.node("TSMC", "N7", as_of=10**400), "as_of"),  # type: ignore[arg-type]
    ("node-catalog-str", lambda: nc.node("TSMC", "N7", catalog="x"), "catalog"),  # type: ignore[arg-type]
    ("catalog-foundry-int", lambda: nc.default_catalog().foundry(5), "name"),  # type: ignore[arg-type]
    ("catalog-node-name-int", lambda: nc.default_catalog().node("TSMC", 5), "name"),  # type: ignore[arg-type]
    ("catalog-source-list", lambda: nc.default_catalog().source(["x"]), "id"),  # type: ignore[arg-type]
    # leaders
    ("leaders-n-10**400", lambda: nc.leaders(10**400), "n"),
    ("leaders-region-int", lambda: nc.leaders(7, region=5), "region"),  # type: ignore[arg-type]
    ("leaders-region-100k", lambda: nc.leaders(7, region=HUGE), "region"),
    ("leaders-basis-100k", lambda: nc.leaders(7, basis=HUGE), "basis"),
    ("leaders-as-of-huge-int", lambda: nc.leaders(7, as_of=10**400), "as_of"),  # type: ignore[arg-type]
    ("leaders-known-by-100k", lambda: nc.leaders(7, known_by=HUGE), "known_by"),
    ("leaders-min-confidence-100k", lambda: nc.leaders(7, min_confidence=HUGE), "min_confidence"),
    ("leaders-catalog-dict", lambda: nc.leaders(7, catalog={}), "catalog"),  # type: ignore[arg-type]
    # claims and timelines
    ("claims-foundry-int", lambda: nc.claims(foundry=5), "foundry"),  # type: ignore[arg-type]
    ("claims-node-int", lambda: nc.claims(node=5), "node"),  # type: ignore[arg-type]
    ("claims-node-unknown-id", lambda: nc.claims(node="bogus"), "node"),
    ("claims-kinds-bogus", lambda: nc.claims(kinds=["bogus"]), "kinds"),
    ("claims-kinds-int", lambda: nc.claims(kinds=5), "kinds"),  # type: ignore[arg-type]
    ("claims-kinds-empty", lambda: nc.claims(kinds=[]), "kinds"),
    ("claims-source-list", lambda: nc.claims(source=["x"]), "source"),  # type: ignore[arg-type]
    ("claims-source-int", lambda: nc.claims(source=5), "source"),  # type: ignore[arg-type]
    ("claims-as-of-100k", lambda: nc.claims(as_of=HUGE), "as_of"),
    ("claims-catalog-str", lambda: nc.claims(catalog="bundled"), "catalog"),  # type: ignore[arg-type]
    ("timeline-none", lambda: nc.timeline(None), "subject"),  # type: ignore[arg-type]
    ("timeline-int", lambda: nc.timeline(5), "subject"),  # type: ignore[arg-type]
    ("disputes-catalog-int", lambda: nc.disputes(catalog=5), "catalog"),  # type: ignore[arg-type]
    ("disputes-known-by-huge-int", lambda: nc.disputes(known_by=10**400), "known_by"),  # type: ignore[arg-type]
    # comparisons
    ("compare-a-none", lambda: nc.compare(None, "SMIC"), "a"),  # type: ignore[arg-type]
    ("compare-b-int", lambda: nc.compare("TSMC", 5), "b"),  # type: ignore[arg-type]
    ("equivalent-none", lambda: nc.equivalent(None), "node"),  # type: ignore[arg-type]
    ("equivalent-unknown-id", lambda: nc.equivalent("bogus"), "node"),
    ("equivalent-basis-bogus", lambda: nc.equivalent(_n7(), basis="bogus"), "basis"),
    ("equivalent-reference-int", lambda: nc.equivalent(_n7(), 5), "reference"),  # type: ignore[arg-type]
    ("equivalent-library-int", lambda: nc.equivalent(_n7(), library=5), "library"),  # type: ignore[arg-type]
    ("equivalent-catalog-list", lambda: nc.equivalent(_n7(), catalog=[]), "catalog"),  # type: ignore[arg-type]
    # trends
    ("density-trend-foundries-int", lambda: nc.density_trend(foundries=5), "foundries"),  # type: ignore[arg-type]
    ("density-trend-foundries-empty", lambda: nc.density_trend(foundries=[]), "foundries"),
    ("density-trend-since-100k", lambda: nc.density_trend(since=HUGE), "since"),
    (
        "density-trend-until-before-since",
        lambda: nc.density_trend(since="2020-01-01", until="2010-01-01"),
        "until",
    ),
    ("density-trend-library-int", lambda: nc.density_trend(library=5), "library"),  # type: ignore[arg-type]
    ("trend-predict-9999-12-31", lambda: _trend().predict("9999-12-31"), "date"),
    ("trend-predict-date-max", lambda: _trend().predict(dt.date.max), "date"),
    ("trend-predict-100k", lambda: _trend().predict(HUGE), "date"),
    ("trend-piecewise-int", lambda: _trend().piecewise(5), "breaks"),  # type: ignore[arg-type]
    ("trend-rolling-nan", lambda: _trend().rolling(float("nan")), "window_years"),
    ("trend-rolling-inf", lambda: _trend().rolling(float("inf")), "window_years"),
    ("trend-rolling-10**400", lambda: _trend().rolling(10**400), "window_years"),
    ("trend-rolling-str", lambda: _trend().rolling("8"), "window_years"),  # type: ignore[arg-type]
    ("trend-fit-int", lambda: nc.Trend.fit(5), "points"),  # type: ignore[arg-type]
    ("trend-fit-strings", lambda: nc.Trend.fit(["a", "b", "c"]), "points"),  # type: ignore[list-item]
    ("point-density-100k", lambda: nc.Point.of("2020-01-01", HUGE), "density"),
    # what "n-nm class" means
    ("by-density-tolerance-negative", lambda: nc.ByDensity(tolerance=-1), "tolerance"),
    ("by-density-tolerance-nan", lambda: nc.ByDensity(tolerance=float("nan")), "tolerance"),
    ("by-density-tolerance-str", lambda: nc.ByDensity(tolerance="0.9"), "tolerance"),  # type: ignore[arg-type]
    ("by-density-tolerance-10**400", lambda: nc.ByDensity(tolerance=10**400), "tolerance"),
    ("by-density-reference-int", lambda: nc.ByDensity(reference=5), "reference"),  # type: ignore[arg-type]
    ("by-density-minimum-bogus", lambda: nc.ByDensity(minimum="bogus"), "minimum"),
    ("by-density-bases-bogus", lambda: nc.ByDensity(bases="bogus"), "bases"),
    # controls, listings, the story, citations
    ("controls-target-int", lambda: nc.controls(5), "target"),  # type: ignore[arg-type]
    ("controls-target-list", lambda: nc.controls(["SMIC"]), "target"),  # type: ignore[arg-type]
    ("beyond-controls-basis-100k", lambda: nc.beyond_controls(basis=HUGE), "basis"),
    ("products-node-int", lambda: nc.products(node=5), "node"),  # type: ignore[arg-type]
    ("products-foundry-int", lambda: nc.products(foundry=5), "foundry"),  # type: ignore[arg-type]
    ("products-foundry-node-int", lambda: nc.products(foundry="SMIC", node=5), "node"),  # type: ignore[arg-type]
    ("products-designer-int", lambda: nc.products(designer=5), "designer"),  # type: ignore[arg-type]
    ("sources-publisher-int", lambda: nc.sources(publisher=5), "publisher"),  # type: ignore[arg-type]
    ("sources-tier-100k", lambda: nc.sources(tier=HUGE), "tier"),
    ("story-catalog-str", lambda: nc.story(catalog="x"), "catalog"),  # type: ignore[arg-type]
    ("cite-dict", lambda: nc.cite({"a": 1}), "dict"),
    # the catalog's own lookups of a node's or a claim's records
    ("catalog-claims-about-int", lambda: nc.default_catalog().claims_about(5), "node"),  # type: ignore[arg-type]
    ("catalog-sites-unknown-id", lambda: nc.default_catalog().sites("bogus"), "node"),
    ("catalog-products-on-none", lambda: nc.default_catalog().products_on(None), "node"),  # type: ignore[arg-type]
    ("catalog-disputed-by-int", lambda: nc.default_catalog().disputed_by(5), "claim"),  # type: ignore[arg-type]
    ("catalog-superseded-by-unknown", lambda: nc.default_catalog().superseded_by("x"), "claim"),
    ("catalog-merge-dict", lambda: nc.default_catalog().merge({}), "other"),  # type: ignore[arg-type]
    # reading and writing catalogs
    ("catalog-to-dict-str", lambda: nc.catalog_to_dict("x"), "catalog"),  # type: ignore[arg-type]
    ("catalog-from-dict-base-str", lambda: nc.catalog_from_dict({}, base="x"), "base"),  # type: ignore[arg-type]
    ("load-catalog-base-dict", lambda: nc.load_catalog("none.json", base={}), "base"),  # type: ignore[arg-type]
    ("save-catalog-list", lambda: nc.save_catalog([], "never-written.json"), "catalog"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(
    ("call", "argument"), [(c, a) for _, c, a in BAD_CALLS], ids=[i for i, _, _ in BAD_CALLS]
)
def test_bad_query_argument_is_refused_in_one_line(call: Callable[[], Any], argument: str) -> None:
    with pytest.raises(nc.NodeCompareError) as caught:
        call()
    message = str(caught.value)
    assert "\n" not in message
    assert len(message) < 300, message[:300]
    if isinstance(caught.value, nc.ValidationError):
        assert argument in [problem.field for problem in caught.value.problems], message
    else:
        assert argument in message


def test_the_catalogs_lookups_take_a_record_or_its_id() -> None:
    catalog = nc.default_catalog()
    n7 = catalog.node("tsmc-n7")
    for lookup in (catalog.claims_about, catalog.made_at, catalog.sites, catalog.products_on):
        assert lookup("tsmc-n7") == lookup(n7) != ()
    disputed = next(c for c in catalog.claims if catalog.disputed_by(c))
    assert catalog.disputed_by(disputed.id) == catalog.disputed_by(disputed)
    old, new = catalog.claims_about(n7)[-2:]
    claims = tuple(attrs.evolve(c, supersedes=(old.id,)) if c is new else c for c in catalog.claims)
    catalog = attrs.evolve(catalog, claims=claims)
    assert catalog.superseded_by(old.id) == catalog.superseded_by(old) != ()
    assert catalog.is_superseded(old.id) is catalog.is_superseded(old) is True


def test_density_trend_takes_a_bare_foundry_name_as_one_foundry() -> None:
    alone = nc.density_trend(foundries="TSMC", basis="analyst_calculation")
    listed = nc.density_trend(foundries=["TSMC"], basis="analyst_calculation")
    assert alone.points == listed.points
    assert alone.label == "TSMC"


def test_claims_takes_a_bare_kind_as_one_kind() -> None:
    alone = nc.claims(kinds="volume_production")
    assert len(alone) > 0
    assert alone.entries == nc.claims(kinds=["volume_production"]).entries


def test_trend_piecewise_takes_a_bare_date_as_one_break() -> None:
    assert _trend().piecewise("2015-01-01") == _trend().piecewise(["2015-01-01"])


def test_year_of_the_last_day_a_date_can_hold() -> None:
    assert 9999.99 < year_of(dt.date.max) < 10_000


def test_trend_rolling_takes_a_window_longer_than_the_calendar() -> None:
    assert _trend().rolling(1e300) == _trend().rolling(20_000)


def test_a_foundry_of_another_catalog_is_an_unknown_name_here() -> None:
    stranger = nc.Foundry("acme", "Acme", "US", nc.BusinessModel.FOUNDRY)
    with pytest.raises(nc.UnknownNameError, match="acme"):
        nc.claims(foundry=stranger)


def test_cite_of_deep_and_self_containing_lists_does_not_recurse() -> None:
    nested: list[Any] = [_n7()]
    for _ in range(5_000):
        nested = [nested]
    looped: list[Any] = [_n7()]
    looped.append(looped)
    assert nc.cite(nested) == nc.cite(_n7()) == nc.cite(looped)


# --- the command line -----------------------------------------------------------------------

BAD_RUNS: list[tuple[str, list[str], int]] = [
    ("leaders-no-n", ["leaders"], 2),
    ("leaders-n-1e400", ["leaders", "1e400"], 2),
    ("leaders-n-nan", ["leaders", "nan"], 2),
    ("leaders-region-5", ["leaders", "7", "--region", "5"], 1),
    ("leaders-region-100k", ["leaders", "7", "--region", HUGE], 1),
    ("leaders-as-of-2022-02-30", ["leaders", "7", "--as-of", "2022-02-30"], 2),
    ("claims-foundry-empty", ["claims", "--foundry", ""], 1),
    ("claims-source-bogus", ["claims", "--source", "bogus"], 1),
    ("node-name-100k", ["node", "TSMC", HUGE], 1),
    ("node-foundry-bogus", ["node", "bogus", "N7"], 1),
    ("compare-bogus", ["compare", "bogus", "SMIC"], 1),
    ("equivalent-library-bogus", ["equivalent", "Intel", "Intel 4", "--library", "bogus"], 1),
    ("equivalent-reference-bogus", ["equivalent", "TSMC", "N7", "--reference", "bogus"], 1),
    ("trend-until-before-since", ["trend", "--since", "2020-01-01", "--until", "2010-01-01"], 1),
    ("trend-foundry-bogus", ["trend", "--foundry", "bogus"], 1),
    ("products-node-bogus", ["products", "--node", "bogus"], 1),
    ("sources-tier-bogus", ["sources", "--tier", "bogus"], 2),
    ("controls-foundry-bogus", ["controls", "--foundry", "bogus"], 1),
    ("beyond-controls-known-by-bogus", ["beyond-controls", "--known-by", "bogus"], 2),
    ("catalog-missing-file", ["--catalog", "/nonexistent/catalog.json", "story"], 1),
    ("unknown-command", ["frobnicate"], 2),
]


def _run(argv: list[str]) -> int:
    try:
        return cli.main(argv)
    except SystemExit as leaving:  # argparse leaves with its usage status
        return int(leaving.code or 0)


@pytest.mark.parametrize(
    ("argv", "status"), [(a, s) for _, a, s in BAD_RUNS], ids=[i for i, _, _ in BAD_RUNS]
)
def test_bad_cli_run_exits_with_one_line(
    argv: list[str], status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(argv) == status
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err[:500]
    assert len(err) < 2_200


def test_unexpected_exception_in_the_cli_is_one_line_asking_for_a_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom\non two lines")

    monkeypatch.delenv(cli.DEBUG_VARIABLE, raising=False)
    monkeypatch.setattr(cli, "leaders", broken)
    assert cli.main(["leaders", "7"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("nodecompare: internal error: RuntimeError: boom on two lines — ")
    assert "please report it" in err
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err


def test_debug_variable_lets_an_unexpected_exception_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setenv(cli.DEBUG_VARIABLE, "1")
    monkeypatch.setattr(cli, "leaders", broken)
    with pytest.raises(RuntimeError, match="boom"):
        cli.main(["leaders", "7"])
