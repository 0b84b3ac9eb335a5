"""Units: the application registry, the transistor unit, normalisation and rejection."""

import subprocess
import sys

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nodecompare as nc
from nodecompare.units import canonical_magnitude


def test_ureg_is_pints_application_registry() -> None:
    assert nc.ureg is pint.get_application_registry()  # type: ignore[no-untyped-call]


def test_density_unit_parses_in_the_application_registry() -> None:
    density = nc.Q_("91.2 MTr/mm**2")
    assert density.to("Tr/um**2").magnitude == pytest.approx(91.2)
    # Quantities mix with the user's own, made from pint's application registry.
    area = pint.get_application_registry().Quantity(2, "mm**2")  # type: ignore[no-untyped-call]
    assert (density * area).to("MTr").magnitude == pytest.approx(182.4)


def test_density_is_not_an_inverse_area() -> None:
    assert nc.Q_("1 MTr/mm**2").dimensionality != nc.Q_("1 /mm**2").dimensionality


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        ("57 nm", "nm", 57.0),
        ("0.057 um", "nm", 57.0),
        ("570 angstrom", "nm", 57.0),
        ("21000 nm**2", "um**2", 0.021),
        ("0.0912 Tr/nm**2", "MTr/mm**2", 91200.0),
        ("91.2 MTr/mm**2", "MTr/mm**2", 91.2),
    ],
)
def test_figures_normalise_to_canonical_units(value: str, unit: str, expected: float) -> None:
    assert canonical_magnitude(value, unit) == pytest.approx(expected)


@pytest.mark.parametrize(
    "value",
    ["5 nm", "-3 MTr/mm**2", "0 MTr/mm**2", "inf MTr/mm**2", "nan MTr/mm**2", "91.2", "lots", 91.2],
)
def test_bad_density_is_rejected(value: object) -> None:
    with pytest.raises(ValueError):
        canonical_magnitude(value, "MTr/mm**2")


def test_rejection_of_a_figure_names_class_and_field() -> None:
    source = nc.Source("s", "P", "T", nc.SourceKind.PRESS)
    with pytest.raises(nc.ValidationError, match=r"Figure\.magnitude") as caught:
        nc.Figure.from_quantity(nc.Metric.DENSITY, nc.Q_(5, "nm"), nc.Basis.VENDOR_CLAIM, source)
    assert isinstance(caught.value, nc.NodeCompareError)
    assert isinstance(caught.value, ValueError)
    with pytest.raises(nc.ValidationError, match=r"Figure\.magnitude"):
        nc.Figure(nc.Metric.CPP, -57.0, nc.Basis.VENDOR_CLAIM, source)


@given(
    st.floats(1e-3, 1e4, allow_nan=False),
    st.sampled_from([("nm", 1.0), ("um", 1e-3), ("angstrom", 10.0), ("pm", 1e3)]),
)
def test_lengths_normalise_whatever_unit_they_came_in(nm: float, unit: tuple[str, float]) -> None:
    name, per_nm = unit
    # Canonical magnitudes keep 12 significant digits.
    assert canonical_magnitude(nc.Q_(nm * per_nm, name), "nm") == pytest.approx(nm, rel=1e-11)
    assert canonical_magnitude(f"{nm * per_nm!r} {name}", "nm") == pytest.approx(nm, rel=1e-11)


def test_57_nm_is_57_nm_whatever_the_unit() -> None:
    source = nc.Source("s", "P", "T", nc.SourceKind.PRESS)
    made = [
        nc.Figure.from_quantity(nc.Metric.CPP, text, nc.Basis.VENDOR_CLAIM, source)
        for text in ("57 nm", "0.057 um", "570 angstrom", nc.Q_(5.7e-8, "m"))
    ]
    assert {figure.magnitude for figure in made} == {57.0}
    assert len(set(made)) == 1


def test_import_is_cheap() -> None:
    code = (
        "import sys, nodecompare, nodecompare.io.bundled as c;"
        "print('pint' in sys.modules, c._default is None, 'cattrs' in sys.modules,"
        " 'numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "False", "False"]


def test_leaders_needs_no_unit_registry() -> None:
    code = "import sys, nodecompare as nc; nc.leaders(7); print('pint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]


_SCALES = {
    nc.Metric.CPP: [("nm", 0), ("um", 3), ("angstrom", -1), ("pm", -3)],
    nc.Metric.SRAM_CELL: [("um**2", 0), ("nm**2", -6)],
    nc.Metric.DENSITY: [
        ("MTr/mm**2", 0),
        ("MTr/um**2", 6),
        ("transistor/um**2", 0),
        ("Tr/nm**2", 6),
    ],
}


@given(
    metric=st.sampled_from(list(_SCALES)),
    digits=st.integers(1, 99_999),
    exponent=st.integers(-3, 3),
    data=st.data(),
)
def test_equal_quantities_in_other_units_make_equal_figures(
    metric: nc.Metric, digits: int, exponent: int, data: st.DataObject
) -> None:
    from decimal import Decimal

    source = nc.Source("s", "P", "T", nc.SourceKind.ANALYST)
    value = Decimal(digits).scaleb(exponent)
    (unit_a, shift_a), (unit_b, shift_b) = (
        data.draw(st.sampled_from(_SCALES[metric])) for _ in range(2)
    )
    a = nc.Figure.from_quantity(
        metric, f"{value.scaleb(-shift_a)} {unit_a}", nc.Basis.VENDOR_CLAIM, source
    )
    b = nc.Figure.from_quantity(
        metric, f"{value.scaleb(-shift_b)} {unit_b}", nc.Basis.VENDOR_CLAIM, source
    )
    assert a == b
    assert hash(a) == hash(b)
    # The same from a pint quantity rather than text.
    c = nc.Figure.from_quantity(
        metric, nc.Q_(float(value.scaleb(-shift_b)), unit_b), nc.Basis.VENDOR_CLAIM, source
    )
    assert a == c
    assert hash(a) == hash(c)


def test_a_converted_cpp_is_the_number_given() -> None:
    source = nc.Source("s", "P", "T", nc.SourceKind.ANALYST)
    micrometres = nc.Figure.from_quantity(nc.Metric.CPP, "0.057 um", nc.Basis.VENDOR_CLAIM, source)
    assert micrometres.magnitude == 57.0
