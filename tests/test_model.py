"""The model's own validation: typed errors naming class and field, every problem listed."""

import datetime as dt
import re
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given

import nodecompare as nc
from nodecompare.strategies import partial_dates

SOURCE = nc.Source("s", "Publisher", "Title", nc.SourceKind.ANALYST)
TSMC = nc.Foundry("tsmc", "TSMC", "TW", nc.BusinessModel.FOUNDRY)


def test_every_problem_of_a_record_is_listed() -> None:
    with pytest.raises(nc.ValidationError) as caught:
        nc.ProcessNode("Bad Id", TSMC, "", marketing_nm=-7.0, figures=("91 MTr/mm**2",))  # type: ignore[arg-type]
    fields = {(p.record, p.field) for p in caught.value.problems}
    assert fields == {
        ("ProcessNode", "id"),
        ("ProcessNode", "name"),
        ("ProcessNode", "marketing_nm"),
        ("ProcessNode", "figures"),
    }


def test_a_node_needs_a_class_and_a_cited_class() -> None:
    with pytest.raises(nc.ValidationError, match=r"ProcessNode\.class_nm"):
        nc.ProcessNode("smic-n-plus-1", TSMC, "N+1")
    with pytest.raises(nc.ValidationError, match=r"ProcessNode\.class_source"):
        nc.ProcessNode("smic-n-plus-1", TSMC, "N+1", class_nm=7.0)
    node = nc.ProcessNode("smic-n-plus-1", TSMC, "N+1", class_nm=7.0, class_source=SOURCE)
    assert node.node_class == 7.0


def test_claim_needs_a_source_and_a_subject() -> None:
    with pytest.raises(nc.ValidationError) as caught:
        nc.Claim(
            "c", nc.ClaimKind.STATEMENT, "x", nc.PartialDate.parse("2020"), dt.date(2020, 1, 1), ()
        )
    assert {p.field for p in caught.value.problems} == {"sources", "foundry"}


def _n7_production(**extra: object) -> nc.Claim:
    node = nc.ProcessNode("tsmc-n7", TSMC, "N7", marketing_nm=7.0)
    return nc.Claim(
        "c",
        nc.ClaimKind.VOLUME_PRODUCTION,
        "x",
        nc.PartialDate.parse("2018-04"),
        dt.date(2018, 6, 21),
        (SOURCE,),
        node=node,
        **extra,  # type: ignore[arg-type]
    )


def test_claim_foundry_defaults_to_its_nodes() -> None:
    claim = _n7_production()
    assert claim.foundry == TSMC
    assert claim.holds_on(dt.date(2018, 4, 30))
    assert not claim.holds_on(dt.date(2018, 4, 29))


@pytest.mark.parametrize("text", ["2021-13", "2021-02-30", "21-07", "2021/07", "July 2021", ""])
def test_impossible_or_malformed_partial_dates_are_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        nc.PartialDate.parse(text)


@given(partial_dates())
def test_partial_dates_round_trip_through_text(date: nc.PartialDate) -> None:
    assert nc.PartialDate.parse(str(date)) == date


def test_preferred_figure_never_comes_from_a_marketing_ratio() -> None:
    ratio = nc.Figure(nc.Metric.DENSITY, 171.3, nc.Basis.VENDOR_RATIO, SOURCE)
    measured = nc.Figure(nc.Metric.DENSITY, 134.0, nc.Basis.PRODUCT_MEASUREMENT, SOURCE)
    calculated = nc.Figure(nc.Metric.DENSITY, 137.6, nc.Basis.ANALYST_CALCULATION, SOURCE)
    node = nc.ProcessNode("tsmc-n5", TSMC, "N5", marketing_nm=5.0, figures=(ratio, measured))
    assert node.density == measured
    assert node.figure("density", basis="vendor_ratio") == ratio
    both = attrs.evolve(node, figures=(ratio, measured, calculated))
    assert both.density == calculated
    assert both.figures_of("density", ["product_measurement", "vendor_ratio"]) == (measured, ratio)
    assert attrs.evolve(node, figures=(ratio,)).density is None


def test_two_values_of_one_source_rank_by_value_not_file_order() -> None:
    # WikiChip's 5LPE estimate is 112 or 106 MTr/mm**2, by which pitch Samsung uses.
    high = nc.Figure(nc.Metric.DENSITY, 112.0, nc.Basis.VENDOR_RATIO, SOURCE, projected=True)
    low = attrs.evolve(high, magnitude=106.0)
    for figures in ((high, low), (low, high)):
        node = nc.ProcessNode("samsung-5lpe", TSMC, "5LPE", marketing_nm=5.0, figures=figures)
        assert node.figures_of("density", "vendor_ratio") == (low, high)


@pytest.mark.parametrize(
    ("call", "field", "bad"),
    [
        (lambda node: node.figures_of("density", basis="measured"), "basis", "'measured'"),
        (lambda node: node.figure("densty"), "metric", "'densty'"),
        (lambda node: node.figures_of("cpp", basis=[]), "basis", "at least one value"),
        (lambda node: node.figures_of("cpp", basis=7), "basis", "7"),
        (lambda node: nc.metrics.figures_of(node, "density", "guess"), "basis", "'guess'"),
        (lambda node: nc.metrics.figure(node, "area", "derived"), "metric", "'area'"),
    ],
)
def test_a_bad_metric_or_basis_is_a_typed_error_naming_the_field(
    call: Callable[[nc.ProcessNode], object], field: str, bad: str
) -> None:
    # These were the enums' bare ValueError, which `except NodeCompareError` misses.
    node = nc.ProcessNode("tsmc-n5", TSMC, "N5", marketing_nm=5.0)
    with pytest.raises(nc.ValidationError) as raised:
        call(node)
    (problem,) = raised.value.problems
    assert problem.field == field
    assert bad in problem.message


def test_a_node_rows_figure_is_one_of_the_tables_metrics() -> None:
    catalog = nc.Catalog(
        foundries=(TSMC,), nodes=(nc.ProcessNode("tsmc-n5", TSMC, "N5", marketing_nm=5.0),)
    )
    row = nc.nodes(catalog=catalog)[0]
    assert row.figure("cpp") is None
    with pytest.raises(nc.ValidationError, match="shows only density, cpp, mmp, sram_cell"):
        row.figure("fin_pitch")


def test_claim_foundry_follows_its_node_even_when_given_as_none() -> None:
    claim = _n7_production(foundry=None)
    assert claim.foundry == TSMC
    assert attrs.evolve(claim) == claim


@given(partial_dates())
def test_a_partial_date_ends_within_its_period(date: nc.PartialDate) -> None:
    assert date.start <= date.end
    assert date.contains(date.start)
    assert date.contains(date.end)
    assert not date.contains(date.end + dt.timedelta(days=1))
    assert not date.contains(date.start - dt.timedelta(days=1))
    assert nc.PartialDate.parse(str(date)) == date
    if date.precision.months:
        # The next period of the same precision begins the day after this one ends.
        following = nc.PartialDate(date.end + dt.timedelta(days=1), date.precision)
        assert following.start == date.end + dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2020-Q2", dt.date(2020, 4, 1), dt.date(2020, 6, 30)),
        ("2020-Q4", dt.date(2020, 10, 1), dt.date(2020, 12, 31)),
        ("2020-H1", dt.date(2020, 1, 1), dt.date(2020, 6, 30)),
        ("2024-H2", dt.date(2024, 7, 1), dt.date(2024, 12, 31)),
    ],
)
def test_quarters_and_halves(text: str, start: dt.date, end: dt.date) -> None:
    date = nc.PartialDate.parse(text)
    assert (date.start, date.end, str(date)) == (start, end, text)


@pytest.mark.parametrize(
    "text", ["2020-Q5", "2020-Q0", "2020-H3", "2020-h1", "2020-Q", "2020-Q\u0661"]
)
def test_impossible_quarters_and_halves_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(text))):
        nc.PartialDate.parse(text)


def test_a_period_must_start_on_its_first_day() -> None:
    with pytest.raises(nc.ValidationError, match="does not begin a quarter"):
        nc.PartialDate(dt.date(2020, 5, 1), nc.Precision.QUARTER)


def test_a_claim_known_to_the_month_holds_from_the_months_end() -> None:
    node = nc.ProcessNode("tsmc-n7", TSMC, "N7", marketing_nm=7.0)
    claim = nc.Claim(
        "c",
        nc.ClaimKind.VOLUME_PRODUCTION,
        "x",
        nc.PartialDate.parse("2021-07"),
        dt.date(2022, 7, 21),
        (SOURCE,),
        node=node,
    )
    assert not claim.holds_on(dt.date(2021, 7, 30))
    assert claim.holds_on(dt.date(2021, 7, 31))
