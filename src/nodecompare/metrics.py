"""Density metrics computed from a node's dimensions, each with its formula and assumptions.

Lengths may be pint quantities, strings such as ``"57 nm"``, or plain numbers taken to be
nm. Results are pint quantities (``MTr/mm**2`` for densities, ``nm**2`` for areas).

Bohr's weighted logic density
    Mark Bohr (Intel, "Let's Clear Up the Node Naming Mess", 2017) proposed
    ``0.6 x NAND2 density + 0.4 x scan flip-flop density``, each the cell's transistor
    count over its area. Analysts estimate the cells' areas from public pitches; we follow
    the assumptions of Scotten Jones (IC Knowledge, SemiWiki) and Angstronomics:

    - cell height = tracks x minimum metal pitch, or the published cell height;
    - NAND2: 4 transistors, 3 CPP wide with a single diffusion break, 4 CPP with a double
      break;
    - scan flip-flop: 32 transistors, 19 CPP wide with a single diffusion break, 20 CPP
      with a double break.

    These give 90.64 MTr/mm**2 for TSMC N7's HD cell (CPP 57 nm, height 240 nm, double
    break) and 137.6 for N5's (CPP 51 nm, height 210 nm, single break), the figures those
    analysts published. The metric rates the densest logic library; real chips average
    less (Apple's A14 on N5: about 134).

IRDS labels
    The IRDS "More Moore" roadmap names a logic node by its gate (contacted poly) pitch
    and its tightest metal pitch, ``G48M24``, with ``/T2`` for two stacked tiers.

Derived densities
    :func:`derived_densities` applies Bohr's formula to a node's own cited CPP and cell
    height; :func:`figures_of` and :func:`figure` choose among a node's stored figures and
    these, so that the model itself stores and computes nothing else.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

import attrs

from nodecompare.errors import ValidationError
from nodecompare.model import (
    PREFERRED_BASES,
    Basis,
    DerivedFigure,
    DiffusionBreak,
    Figure,
    Metric,
    ProcessNode,
)
from nodecompare.model.choices import member, members
from nodecompare.units import Q_, canonical_magnitude

if TYPE_CHECKING:
    import pint

__all__ = [
    "BohrCells",
    "DiffusionBreak",
    "bohr_density",
    "bohr_mtr_per_mm2",
    "cell_height",
    "cpp_x_cell_height",
    "cpp_x_mmp",
    "derived_densities",
    "figure",
    "figures_of",
    "irds_label",
]


@attrs.frozen
class BohrCells:
    """The cell assumptions of Bohr's metric: transistor counts and widths in CPP."""

    nand2_transistors: int = 4
    sff_transistors: int = 32
    nand2_width: dict[DiffusionBreak, int] = attrs.field(
        factory=lambda: {DiffusionBreak.SINGLE: 3, DiffusionBreak.DOUBLE: 4}
    )
    sff_width: dict[DiffusionBreak, int] = attrs.field(
        factory=lambda: {DiffusionBreak.SINGLE: 19, DiffusionBreak.DOUBLE: 20}
    )
    nand2_weight: float = 0.6
    sff_weight: float = 0.4


ANALYST_CELLS: Final = BohrCells()


def _nm(value: Any, argument: str) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = f"{float(value)!r} nm"
    try:
        return canonical_magnitude(value, "nm")
    except ValueError as error:
        raise ValidationError.of("metrics", argument, str(error)) from None


def cell_height(tracks: float, mmp: Any) -> pint.Quantity[Any]:
    """Standard-cell height: ``tracks`` x minimum metal pitch (6 tracks x 40 nm = 240 nm)."""
    if not (isinstance(tracks, (int, float)) and math.isfinite(tracks) and tracks > 0):
        raise ValidationError.of("metrics", "tracks", f"{tracks!r} must be positive and finite")
    return Q_(tracks * _nm(mmp, "mmp"), "nm")


def bohr_density(
    cpp: Any,
    height: Any,
    diffusion_break: DiffusionBreak | str = DiffusionBreak.SINGLE,
    cells: BohrCells = ANALYST_CELLS,
) -> pint.Quantity[Any]:
    """Bohr's weighted logic density from CPP and cell height (see the module's notes).

    Args:
        cpp: contacted poly pitch.
        height: standard-cell height (see :func:`cell_height`).
        diffusion_break: ``"single"`` or ``"double"``.
        cells: the cell assumptions; by default the analysts' (NAND2 4 transistors,
            3/4 CPP wide; scan flip-flop 32 transistors, 19/20 CPP wide).

    Returns:
        The density in MTr/mm**2.

    Raises:
        ValidationError: a length is not positive and finite, or not a length.

    >>> round(bohr_density(57, 240, "double"), 2)
    <Quantity(90.64, 'megatransistor / millimeter ** 2')>
    """
    density = bohr_mtr_per_mm2(
        _nm(cpp, "cpp"), _nm(height, "height"), DiffusionBreak(diffusion_break), cells
    )
    return Q_(density, "MTr/mm**2")


def bohr_mtr_per_mm2(
    cpp_nm: float,
    height_nm: float,
    diffusion_break: DiffusionBreak,
    cells: BohrCells = ANALYST_CELLS,
) -> float:
    """:func:`bohr_density` on plain numbers (nm in, MTr/mm**2 out), without pint."""
    nand2 = cells.nand2_transistors / (cells.nand2_width[diffusion_break] * cpp_nm * height_nm)
    sff = cells.sff_transistors / (cells.sff_width[diffusion_break] * cpp_nm * height_nm)
    per_nm2 = cells.nand2_weight * nand2 + cells.sff_weight * sff
    return per_nm2 * 1e12 / 1e6  # 1 mm**2 = 1e12 nm**2


def cpp_x_mmp(cpp: Any, mmp: Any) -> pint.Quantity[Any]:
    """CPP x MMP, the area of the densest gate-and-wire tile (nm**2)."""
    return Q_(_nm(cpp, "cpp") * _nm(mmp, "mmp"), "nm**2")


def cpp_x_cell_height(cpp: Any, height: Any) -> pint.Quantity[Any]:
    """CPP x cell height, the area one gate pitch of a standard cell takes (nm**2)."""
    return Q_(_nm(cpp, "cpp") * _nm(height, "height"), "nm**2")


def irds_label(gate_pitch: Any, metal_pitch: Any, tiers: int = 1) -> str:
    """The IRDS label of a node: ``G{gate pitch}M{tightest metal pitch}[/T{tiers}]``.

    >>> irds_label(48, 24)
    'G48M24'
    >>> irds_label("45 nm", "0.016 um", tiers=2)
    'G45M16/T2'
    """
    if isinstance(tiers, bool) or not isinstance(tiers, int) or tiers < 1:
        raise ValidationError.of("metrics", "tiers", f"expected a whole number >= 1, got {tiers!r}")
    label = f"G{_nm(gate_pitch, 'gate_pitch'):.0f}M{_nm(metal_pitch, 'metal_pitch'):.0f}"
    return label if tiers == 1 else f"{label}/T{tiers}"


def _four_digits(value: float) -> float:
    """Four significant digits: the inputs of a derived figure have two or three."""
    return float(f"{value:.4g}")


def derived_densities(node: ProcessNode) -> tuple[DerivedFigure, ...]:
    """Bohr densities computed from the node's cited dimensions, one per cell library.

    A library gets one when the node has a cell height and a CPP of that library and a
    known diffusion break (a CPP that names no library is not assumed to be the
    library's: high-performance cells often use a wider one). The published figures are
    preferred in the order of :data:`~nodecompare.model.PREFERRED_BASES`; the formula and
    its cell assumptions are :func:`bohr_density`'s.
    """
    if node.diffusion_break is None:
        return ()
    derived = []
    libraries = dict.fromkeys(
        f.library for f in node.figures if f.metric is Metric.CELL_HEIGHT and f.library
    )
    for library in libraries:
        height = node.figure(Metric.CELL_HEIGHT, PREFERRED_BASES, library)
        cpp = node.figure(Metric.CPP, PREFERRED_BASES, library)
        if height is None or cpp is None:
            continue
        density = bohr_mtr_per_mm2(cpp.magnitude, height.magnitude, node.diffusion_break)
        derived.append(
            DerivedFigure(
                Metric.DENSITY,
                _four_digits(density),
                Basis.DERIVED,
                height.source,
                f"Computed by nodecompare, not published: Bohr's weighted density with the "
                f"analysts' cells from CPP {cpp} ({cpp.source.publisher}) and {library} "
                f"cell height {height} ({height.source.publisher}), "
                f"{node.diffusion_break.value} diffusion break.",
                library,
                inputs=(cpp, height),
                diffusion_break=node.diffusion_break,
            )
        )
    return tuple(derived)


def figures_of(
    node: ProcessNode,
    metric: Metric | str,
    basis: Basis | str | Iterable[Basis | str],
    library: str | None = None,
) -> tuple[Figure, ...]:
    """Like :meth:`ProcessNode.figures_of`, where the bases may include ``derived``: the
    node's :func:`derived_densities` then take that basis's place in the order."""
    metric = member(Metric, metric, "query", "metric")
    found: list[Figure] = []
    for wanted in members(Basis, basis, "query", "basis"):
        if wanted is not Basis.DERIVED:
            found += node.figures_of(metric, wanted, library)
        elif metric is Metric.DENSITY:
            computed = (f for f in derived_densities(node) if library in (None, f.library))
            found += sorted(computed, key=lambda f: f.preference)
    return tuple(found)


def figure(
    node: ProcessNode,
    metric: Metric | str,
    basis: Basis | str | Iterable[Basis | str],
    library: str | None = None,
) -> Figure | None:
    """The first of :func:`figures_of`, or None."""
    found = figures_of(node, metric, basis, library)
    return found[0] if found else None
