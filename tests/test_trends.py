"""Density trends: the fit recovers known growth, ignores units, and reports honestly."""

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nodecompare as nc
from nodecompare.results.trends import t_quantile

YEARS = st.lists(st.integers(1990, 2030), min_size=4, max_size=12, unique=True)


def _synthetic(
    years: list[int], doubling: float, noise: list[float] | None = None
) -> list[nc.Point]:
    noise = noise or [0.0] * len(years)
    return [
        nc.Point.of(
            f"{year}-01-01", nc.Q_(10 * 2 ** ((year - 1990) / doubling) * math.exp(e), "MTr/mm**2")
        )
        for year, e in zip(years, noise, strict=True)
    ]


@given(YEARS, st.floats(1.0, 6.0))
def test_exact_exponential_growth_is_recovered(years: list[int], doubling: float) -> None:
    trend = nc.Trend.fit(_synthetic(years, doubling))
    assert trend.doubling_time.to("year").magnitude == pytest.approx(doubling, rel=1e-3)
    low, high = trend.doubling_time_interval
    assert low.magnitude <= doubling * 1.001
    assert high.magnitude >= doubling * 0.999


@given(YEARS, st.floats(1.0, 6.0))
def test_falling_density_is_said_to_fall_with_its_halving_time(
    years: list[int], halving: float
) -> None:
    # A doubling time of "inf" alone would hide that density fell.
    trend = nc.Trend.fit(_synthetic(years, -halving))
    assert trend.doubling_time.magnitude == math.inf
    summary = trend.summary()
    said = float(summary.split("halves every ")[1].split(" years (it fell)")[0])
    assert said == pytest.approx(halving, abs=0.006)
    assert "halves every" in repr(trend)
    assert "(it fell)" in repr(trend)
    assert "doubles" not in summary + repr(trend)
    # An exact fit has no spread: the halving time's interval is the halving time.
    low, high = summary.split("95% interval of the halving time ")[1].split(";")[0].split(" to ")
    assert float(low) == pytest.approx(halving, abs=0.006)
    assert float(high) == pytest.approx(halving, abs=0.006)


@given(YEARS.filter(lambda y: len(y) >= 6), st.floats(1.5, 4.0), st.data())
def test_noisy_growth_is_recovered_within_tolerance(
    years: list[int], doubling: float, data: st.DataObject
) -> None:
    noise = data.draw(st.lists(st.floats(-0.05, 0.05), min_size=len(years), max_size=len(years)))
    trend = nc.Trend.fit(_synthetic(years, doubling, noise))
    # Least squares moves the slope by sum((x - mean) * e) / sum((x - mean)**2); with
    # |e| <= 0.05 that is at most 0.05 * sum(|x - mean|) / sum((x - mean)**2) per year.
    mean = sum(years) / len(years)
    bound = 0.05 * sum(abs(y - mean) for y in years) / sum((y - mean) ** 2 for y in years)
    slope = math.log(2) / doubling
    assert abs(trend.slope - slope) <= bound * 1.001 + 1e-6


@given(YEARS, st.floats(1.0, 6.0), st.sampled_from(["Tr/um**2", "MTr/cm**2", "Tr/nm**2"]))
def test_fit_does_not_depend_on_the_units_the_data_came_in(
    years: list[int], doubling: float, unit: str
) -> None:
    points = _synthetic(years, doubling, [0.01 * (-1) ** i for i in range(len(years))])
    converted = [nc.Point.of(p.date, nc.Q_(p.density, "MTr/mm**2").to(unit)) for p in points]
    a, b = nc.Trend.fit(points), nc.Trend.fit(converted)
    assert b.slope == pytest.approx(a.slope, rel=1e-9)
    assert b.intercept == pytest.approx(a.intercept, rel=1e-9)


@given(YEARS, st.floats(1.0, 6.0), st.integers(1985, 2035))
def test_a_point_on_the_fitted_line_does_not_move_the_fit(
    years: list[int], doubling: float, year: int
) -> None:
    trend = nc.Trend.fit(_synthetic(years, doubling, [0.02 * (-1) ** i for i in range(len(years))]))
    on_line = dt.date(year, 1, 1)
    estimate, _, _ = trend.predict(on_line)
    extended = nc.Trend.fit([*trend.points, nc.Point(on_line, estimate.magnitude)])
    assert extended.slope == pytest.approx(trend.slope, rel=1e-7, abs=1e-12)
    assert extended.intercept == pytest.approx(trend.intercept, rel=1e-7)


def test_prediction_interval_contains_the_estimate_and_widens_away_from_the_data() -> None:
    trend = nc.Trend.fit(
        _synthetic([2000, 2003, 2006, 2009, 2012], 2.5, [0.1, -0.1, 0.05, 0.0, -0.05])
    )
    estimate, low, high = trend.predict("2006-01-01")
    assert low < estimate < high
    _, far_low, far_high = trend.predict("2030-01-01")
    assert math.log(far_high.magnitude / far_low.magnitude) > math.log(
        high.magnitude / low.magnitude
    )


def test_t_quantiles() -> None:
    assert t_quantile(1) == 12.706
    assert t_quantile(10) == 2.228
    assert 2.021 > t_quantile(50) > 2.000
    assert 1.980 > t_quantile(1000) > 1.96


def test_a_fit_needs_three_dated_points() -> None:
    with pytest.raises(nc.ValidationError, match="at least 3"):
        nc.Trend.fit(_synthetic([2000, 2010], 2.0))
    with pytest.raises(nc.ValidationError, match="same date"):
        nc.Trend.fit([nc.Point.of("2000-01-01", f"{d} MTr/mm**2") for d in (1, 2, 3)])
    with pytest.raises(nc.ValidationError, match=r"Point\.density"):
        nc.Point.of("2000-01-01", "5 nm")


def test_catalog_trend_reports_points_residuals_and_sources() -> None:
    trend = nc.density_trend(as_of="2026-01-01")
    assert trend.n >= 5
    assert trend.doubling_time.to("year").magnitude > 1
    assert len(trend.residuals) == trend.n
    assert all(
        p.figure is not None and p.figure.basis is not nc.Basis.VENDOR_RATIO for p in trend.points
    )
    text = str(trend)
    assert "density doubles every" in text
    assert "residual" in text
    assert trend._repr_html_().startswith("<table>")


def test_trend_filters() -> None:
    everything = nc.density_trend(as_of="2026-01-01")
    recent = nc.density_trend(as_of="2026-01-01", since="2015-01-01")
    assert all(p.date >= dt.date(2015, 1, 1) for p in recent.points)
    assert recent.n < everything.n
    intel = nc.density_trend(as_of="2026-01-01", foundries=["intel"])
    assert {p.node.foundry.name for p in intel.points if p.node} == {"Intel"}
    assert intel.label == "Intel"


def test_piecewise_and_rolling_fits() -> None:
    trend = nc.Trend.fit(
        _synthetic([2000, 2002, 2004, 2006], 2.0) + _synthetic([2012, 2015, 2018, 2021], 3.0)
    )
    early, late = trend.piecewise(["2010-01-01"])
    assert early.doubling_time.magnitude == pytest.approx(2.0, rel=1e-6)
    assert late.doubling_time.magnitude == pytest.approx(3.0, rel=1e-6)
    rolling = trend.rolling(window_years=7)
    assert rolling[0].points[0].date.year == 2000
    assert [r.points[0].date for r in rolling] == sorted(r.points[0].date for r in rolling)


def test_plot(tmp_path: object) -> None:
    import matplotlib

    matplotlib.use("Agg")
    ax = nc.density_trend(as_of="2026-01-01").plot()
    assert ax.get_yscale() == "log"


def test_vendor_timeline_plot() -> None:
    import matplotlib

    matplotlib.use("Agg")
    from nodecompare.plots import vendor_timeline

    ax = vendor_timeline(as_of="2024-01-01")
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels == ["TSMC", "Samsung", "Intel", "SMIC"]
    assert ax.yaxis_inverted()


def test_a_trends_table_marks_projected_points() -> None:
    trend = nc.density_trend(basis="vendor_ratio")
    projected = {p.label for p in trend.points if p.figure is not None and p.figure.projected}
    assert "TSMC N5" in projected  # WikiChip's pre-ramp 171.3
    text = str(trend)
    assert "basis: vendor_ratio (projected)" in text
    assert [p["projected"] for p in trend.to_dict()["points"]] == [
        p.figure is not None and p.figure.projected for p in trend.points
    ]


def test_a_figure_two_nodes_share_is_one_point_at_the_earlier_start() -> None:
    # N7P keeps N7's design rules and N5P N5's, so each carries its parent's cited density.
    catalog = nc.default_catalog()
    for variant, parent in (("tsmc-n7p", "tsmc-n7"), ("tsmc-n5p", "tsmc-n5")):
        carried = {
            (f.source.id, f.magnitude) for f in catalog.node(variant).figures_of(nc.Metric.DENSITY)
        }
        assert carried & {(f.source.id, f.magnitude) for f in catalog.node(parent).figures}
    trend = nc.density_trend(basis="analyst_calculation", foundries="TSMC")
    by_density = [(p.label, p.density) for p in trend.points if p.density in (91.2, 137.6)]
    assert by_density == [("TSMC N7", 91.2), ("TSMC N5", 137.6)]
