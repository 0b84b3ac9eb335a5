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


def _node(*figures: nc.Figure, diffusion_break: str | None = "single") -> nc.ProcessNode:
    maker = nc.Foundry("m", "M", "US", nc.BusinessModel.IDM)
    return nc.ProcessNode(
        "m-x",
        maker,
        "X",
        marketing_nm=5,
        figures=figures,
        diffusion_break=None if diffusion_break is None else nc.DiffusionBreak(diffusion_break),
    )


SOURCE_A = nc.Source("a", "Pub A", "T", nc.SourceKind.PRESS)
SOURCE_B = nc.Source("b", "Pub B", "T", nc.SourceKind.ANALYST)


def _dimension(metric: str, nm: float, source: nc.Source, library: str = "") -> nc.Figure:
    return nc.Figure(nc.Metric(metric), nm, nc.Basis.VENDOR_CLAIM, source, "", library)


def test_derived_density_uses_the_librarys_own_pitch_and_names_its_inputs() -> None:
    node = _node(
        _dimension("cpp", 50, SOURCE_A),
        _dimension("cpp", 60, SOURCE_A, "HP"),
        _dimension("cell_height", 408, SOURCE_B, "HP"),
        _dimension("cell_height", 240, SOURCE_B, "HD"),
    )
    # HD has a height but no pitch of its own; the unlabelled 50 nm is not assumed to be it.
    (hp,) = metrics.derived_densities(node)
    assert hp.library == "HP"
    assert hp.magnitude == pytest.approx(metrics.bohr_density(60, 408).magnitude, rel=1e-3)
    assert hp.basis is nc.Basis.DERIVED
    assert [f.magnitude for f in hp.inputs] == [60, 408]
    assert "CPP 60 nm (Pub A)" in hp.note
    assert "single diffusion break" in hp.note
    assert "DerivedFigure(density=60.2 MTr/mm**2, library='HP', from cpp 60 nm (a)" in repr(hp)
    assert [s.id for s in nc.cite(hp)] == ["b", "a"]


def test_derived_densities_need_a_diffusion_break_and_come_only_when_asked_for() -> None:
    figures = (
        _dimension("cpp", 60, SOURCE_A, "HP"),
        _dimension("cell_height", 408, SOURCE_B, "HP"),
    )
    assert metrics.derived_densities(_node(*figures, diffusion_break=None)) == ()
    double = metrics.derived_densities(_node(*figures, diffusion_break="double"))[0]
    assert double.magnitude < metrics.derived_densities(_node(*figures))[0].magnitude
    node = _node(*figures)
    assert node.density is None
    assert node.figures_of("density") == ()
    assert metrics.figure(node, "density", ["analyst_calculation", "derived"]) is not None


def test_a_stored_derived_figure_is_refused() -> None:
    derived = nc.Figure(nc.Metric.DENSITY, 60, nc.Basis.DERIVED, SOURCE_A)
    with pytest.raises(nc.ValidationError, match="computed by nodecompare"):
        _node(derived)


def test_intel_10nm_derived_density_agrees_with_intels_100_76() -> None:
    ten = nc.node("Intel", "10nm")
    published = ten.figure("density", library="HD")
    (derived,) = metrics.derived_densities(ten)
    assert published is not None
    assert derived.magnitude == pytest.approx(published.magnitude, rel=0.01)
