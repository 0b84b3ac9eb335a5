"""Density metrics: validated against published figures, and their assumptions as properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nodecompare as nc
from nodecompare import metrics

PITCHES = st.floats(10, 200)
HEIGHTS = st.floats(80, 600)
BREAKS = st.sampled_from(list(metrics.DiffusionBreak))


def test_tsmc_n7_hd_cell_matches_the_published_90_6() -> None:
    height = metrics.cell_height(6, nc.Q_(40, "nm"))
    density = metrics.bohr_density(nc.Q_(57, "nm"), height, "double")
    assert density.to("MTr/mm**2").magnitude == pytest.approx(90.6, rel=0.03)


def test_tsmc_n5_hd_cell_matches_the_analysts_137_6() -> None:
    density = metrics.bohr_density("51 nm", "210 nm", metrics.DiffusionBreak.SINGLE)
    assert density.magnitude == pytest.approx(137.6, rel=0.03)


def test_catalog_n5_analyst_figure_agrees_with_the_formula() -> None:
    figure = nc.node("TSMC", "N5").figure("density", "analyst_calculation")
    assert figure is not None
    assert metrics.bohr_density(51, 210).magnitude == pytest.approx(figure.magnitude, rel=0.03)


@given(PITCHES, HEIGHTS, BREAKS, st.floats(1.01, 3))
def test_density_falls_as_any_pitch_grows(
    cpp: float, height: float, isolation: metrics.DiffusionBreak, factor: float
) -> None:
    base = metrics.bohr_density(cpp, height, isolation).magnitude
    assert metrics.bohr_density(cpp * factor, height, isolation).magnitude < base
    assert metrics.bohr_density(cpp, height * factor, isolation).magnitude < base


@given(PITCHES, HEIGHTS, BREAKS)
def test_a_double_break_is_less_dense(
    cpp: float, height: float, isolation: metrics.DiffusionBreak
) -> None:
    assert metrics.bohr_density(cpp, height, "double") < metrics.bohr_density(cpp, height, "single")


@given(PITCHES, HEIGHTS, BREAKS, st.floats(0.2, 5))
def test_scaling_every_length_by_k_scales_density_by_inverse_k_squared(
    cpp: float, height: float, isolation: metrics.DiffusionBreak, k: float
) -> None:
    base = metrics.bohr_density(cpp, height, isolation).magnitude
    scaled = metrics.bohr_density(cpp * k, height * k, isolation).magnitude
    assert scaled == pytest.approx(base / k**2, rel=1e-9)


@given(PITCHES, HEIGHTS)
def test_density_does_not_depend_on_the_units_given(cpp: float, height: float) -> None:
    in_nm = metrics.bohr_density(cpp, height)
    in_um = metrics.bohr_density(nc.Q_(cpp / 1000, "um"), nc.Q_(height * 10, "angstrom"))
    assert in_um.magnitude == pytest.approx(in_nm.magnitude, rel=1e-9)


def test_areas_and_labels() -> None:
    assert metrics.cpp_x_mmp(57, 40).to("nm**2").magnitude == pytest.approx(2280)
    assert metrics.cpp_x_cell_height(51, "0.21 um").magnitude == pytest.approx(10710)
    assert metrics.irds_label(57, 40) == "G57M40"
    assert metrics.irds_label(nc.Q_(48, "nm"), "24 nm") == "G48M24"
    assert metrics.irds_label(45, 16, tiers=2) == "G45M16/T2"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: metrics.bohr_density(-57, 240), "cpp"),
        (lambda: metrics.bohr_density(57, "240 MTr/mm**2"), "height"),
        (lambda: metrics.cell_height(0, 40), "tracks"),
        (lambda: metrics.irds_label(48, 24, tiers=0), "tiers"),
    ],
)
def test_bad_lengths_are_named(call: object, field: str) -> None:
    with pytest.raises(nc.ValidationError) as caught:
        call()  # type: ignore[operator]
    assert caught.value.problems[0].field == field
