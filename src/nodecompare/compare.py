"""Comparisons across vendors: equivalent nodes on a reference ladder, and vendor against vendor.

Marketing names are not comparable across vendors, so comparisons go through density
(for equivalent nodes) or through node generations (for who got where first).
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import math
from collections.abc import Iterable
from typing import Any, Final

import attrs

from nodecompare.catalog import Catalog, resolve
from nodecompare.cite import cite
from nodecompare.dates import optional_date, to_date
from nodecompare.errors import ValidationError, query_choice
from nodecompare.model import (
    PREFERRED_BASES,
    Basis,
    Claim,
    Confidence,
    Figure,
    Foundry,
    Metric,
    PartialDate,
    ProcessNode,
)
from nodecompare.query import _claim_lines, production_claims
from nodecompare.render import html_table, link, text_table
from nodecompare.results import Results

__all__ = ["Comparison", "Equivalent", "Generation", "GenerationRow", "compare", "equivalent"]


# --- equivalent nodes -----------------------------------------------------------------------


_LADDER_HEADERS: Final = ("node", "density", "basis", "library", "source")


@attrs.frozen
class Equivalent:
    """Where a node sits on a reference vendor's ladder, by logic density.

    Attributes:
        node: the node placed.
        density: the density figure used for it.
        reference: the reference foundry.
        nearest: the reference node of the nearest density (on a log scale).
        equivalent_nm: the reference node number at the node's density, interpolating node
            number linearly against log density between the two reference nodes around it.
        extrapolated: True when the density lies outside the reference ladder, so
            ``equivalent_nm`` extends its nearest two steps.
        ladder: the reference nodes and densities used, densest last.
        library: the cell library compared like for like (``"HP"``), or None when each
            reference node stands at its preferred density, whatever its library.
    """

    node: ProcessNode
    density: Figure
    reference: Foundry
    nearest: ProcessNode
    equivalent_nm: float
    extrapolated: bool
    ladder: tuple[tuple[ProcessNode, Figure], ...]
    library: str | None = None

    @property
    def basis(self) -> str:
        """What the placement rests on, in words: the node's basis, then the ladder's."""
        ladder = ", ".join(sorted({figure.basis.value for _, figure in self.ladder}))
        cells = f"{self.library} cells" if self.library else "each node's preferred density"
        return (
            f"logic density, {cells}: {self.node.label} {self.density.basis.value}, "
            f"{self.reference.name} {ladder}"
        )

    def _steps(self) -> list[tuple[str, Figure]]:
        """The ladder and the placed node, least dense first."""
        steps = [(node.label, figure) for node, figure in self.ladder]
        steps.append((f"{self.node.label} (placed)", self.density))
        return sorted(steps, key=lambda step: step[1].magnitude)

    def describe(self) -> str:
        """The placement, its basis, and the ladder it was read from, as text."""
        rows = [
            [label, str(f), f.basis.value, f.library or "-", ", ".join(s.id for s in cite(f))]
            for label, f in self._steps()
        ]
        return f"{self!r}\nbasis: {self.basis}\n{text_table(_LADDER_HEADERS, rows)}"

    def _repr_html_(self) -> str:
        rows = [
            [
                html.escape(label),
                html.escape(str(f)),
                f.basis.value,
                html.escape(f.library or "-"),
                ", ".join(link(s.id, s.link) for s in cite(f)),
            ]
            for label, f in self._steps()
        ]
        return html_table(f"{self!r}; basis: {self.basis}", _LADDER_HEADERS, rows)

    def __repr__(self) -> str:
        beyond = ", extrapolated" if self.extrapolated else ""
        cells = f" {self.library}" if self.library else ""
        derived = " (derived)" if self.density.basis is Basis.DERIVED else ""
        return (
            f"<{self.node.label}: {self.density}{cells}{derived} ~ {self.reference.name} "
            f"{self.equivalent_nm:.1f} nm class{beyond}; nearest {self.nearest.name}>"
        )


#: The bases :func:`equivalent` places a node by, by default: the published ones, then a
#: density derived from the node's dimensions. The reference ladder uses published ones.
PLACING_BASES: Final = (*PREFERRED_BASES, Basis.DERIVED)


def _ladder(
    catalog: Catalog, reference: Foundry, bases: tuple[Basis, ...], library: str | None
) -> list[tuple[ProcessNode, Figure]]:
    """Per node number, the reference's first (least dense) node with a density."""
    by_class: dict[float, tuple[ProcessNode, Figure]] = {}
    for node in catalog.nodes_of(reference):
        figure = node.figure(Metric.DENSITY, bases, library)
        if figure is None:
            continue
        known = by_class.get(node.node_class)
        if known is None or figure.magnitude < known[1].magnitude:
            by_class[node.node_class] = (node, figure)
    ladder = sorted(by_class.values(), key=lambda step: step[1].magnitude)
    out_of_order = [
        f"{high.label} ({high_figure}) is denser than {low.label} ({low_figure})"
        for (low, low_figure), (high, high_figure) in itertools.pairwise(ladder)
        if high.node_class > low.node_class
    ]
    if out_of_order:
        raise ValidationError.of(
            "equivalent",
            "reference",
            f"{reference.name}'s densities do not fall with its node numbers, so no number "
            f"can be read off them: {'; '.join(out_of_order)}",
        )
    return ladder


def equivalent(
    node: ProcessNode,
    reference: str | Foundry = "TSMC",
    *,
    basis: Basis | str | Iterable[Basis | str] | None = None,
    library: str | None = None,
    catalog: Catalog | None = None,
) -> Equivalent:
    """Place a node on a reference vendor's ladder by logic density.

    Args:
        node: the node to place, e.g. ``nodecompare.node("Intel", "Intel 4")``.
        reference: the vendor whose node numbers are the scale (default TSMC).
        basis: the density basis or bases, in order of preference, for the node and the
            ladder alike. By default the ladder uses published figures (analyst
            calculation, then vendor claim, then product measurement), and so does the node,
            except that a node with none is placed by a density nodecompare derives from its
            cited dimensions (basis ``derived``, see
            :meth:`~nodecompare.ProcessNode.derived_densities`): Intel 7.
        library: compare only densities of this cell library (``"HD"`` or ``"HP"``). By
            default the node's preferred density decides: when it names a library and the
            reference has at least two nodes with densities of that library, the node is
            set against those, like for like (Intel 4, which has only high-performance
            cells, against TSMC's high-performance cells); otherwise each reference node
            stands at its preferred density.
        catalog: the catalog to use; default the bundled one.

    Raises:
        ValidationError: the node, or fewer than two reference nodes, have a density; or
            the reference's densities do not fall as its node numbers do.
    """
    catalog = resolve(catalog)
    owner = catalog.foundry(reference)
    bases = PLACING_BASES if basis is None else _bases(basis)
    ladder_bases = PREFERRED_BASES if basis is None else bases
    density = node.figure(Metric.DENSITY, bases, library)
    if density is None:
        of_library = f" for library {library!r}" if library else ""
        raise ValidationError.of(
            "equivalent",
            "node",
            f"{node.label} has no density of basis {[b.value for b in bases]}{of_library}",
        )
    if library is None and density.library:
        like_for_like = _ladder(catalog, owner, ladder_bases, density.library)
        if len(like_for_like) >= 2:
            library = density.library
    ladder = _ladder(catalog, owner, ladder_bases, library)
    if len(ladder) < 2:
        raise ValidationError.of(
            "equivalent",
            "reference",
            f"{owner.name} has fewer than two nodes with a density"
            + (f" for library {library!r}" if library else ""),
        )
    logs = [math.log(figure.magnitude) for _, figure in ladder]
    target = math.log(density.magnitude)
    nearest = min(zip(ladder, logs, strict=True), key=lambda pair: abs(pair[1] - target))[0][0]
    index = next((i for i, value in enumerate(logs[1:], start=1) if value >= target), len(logs) - 1)
    low, high = index - 1, index
    share = (target - logs[low]) / (logs[high] - logs[low])
    number = ladder[low][0].node_class + share * (
        ladder[high][0].node_class - ladder[low][0].node_class
    )
    return Equivalent(
        node=node,
        density=density,
        reference=owner,
        nearest=nearest,
        equivalent_nm=number,
        extrapolated=not logs[0] <= target <= logs[-1],
        ladder=tuple(ladder),
        library=library,
    )


def _bases(basis: Basis | str | Iterable[Basis | str]) -> tuple[Basis, ...]:
    return (Basis(basis),) if isinstance(basis, str) else tuple(Basis(b) for b in basis)


# --- vendor against vendor ------------------------------------------------------------------


@attrs.frozen
class Generation:
    """A node generation: the classes the industry counts as one step (16, 14 and 12 nm)."""

    label: str
    smallest: float  # exclusive
    largest: float  # inclusive

    def holds(self, node_class: float) -> bool:
        """True when a node of this class belongs to the generation."""
        return self.smallest < node_class <= self.largest + 1e-9


#: The generations compared, oldest first. Vendors named the same step differently
#: (TSMC 16 nm, Samsung and Intel 14 nm, SMIC 14 nm), so a step is a band of classes.
GENERATIONS: Final = (
    Generation("28 nm", 22, 28),
    Generation("22/20 nm", 16, 22),
    Generation("16/14/12 nm", 10, 16),
    Generation("10/8 nm", 7, 10),
    Generation("7/6 nm", 5, 7),
    Generation("5/4 nm", 3, 5),
    Generation("3 nm", 2, 3),
    Generation("2 nm / 18A / A16", 1.5, 2),
    Generation("14A", 1.0, 1.5),
)


@attrs.frozen
class Reached:
    """When a foundry first had a node of a generation, or a more advanced one, in production.

    ``surely`` is False when, on the date compared, the production was only possibly
    under way: its date is known only to a period that had not ended.
    """

    node: ProcessNode
    since: PartialDate
    claims: tuple[Claim, ...]
    surely: bool = True

    @property
    def when(self) -> str:
        """The date, marked when only possibly reached."""
        return str(self.since) if self.surely else f"{self.since} (possibly)"

    @property
    def density(self) -> Figure | None:
        """The node's preferred density figure."""
        return self.node.density


@attrs.frozen
class GenerationRow:
    """One generation of a comparison: when each side reached it, densities, the lag."""

    generation: Generation
    a: Reached | None
    b: Reached | None

    @property
    def lag_years(self) -> float | None:
        """Years by which ``b`` reached the generation after ``a`` (negative: ``b`` led),
        from the first days of the two dates; see :attr:`lag_interval` for its precision."""
        if self.a is None or self.b is None:
            return None
        return (self.b.since.start - self.a.since.start).days / 365.25

    @property
    def lag_interval(self) -> tuple[float, float] | None:
        """The smallest and largest lag the two dates allow, in years.

        A date known only to the year or month may fall anywhere in it: "2020" against
        "2020" allows anything from -1 to +1 year.
        """
        if self.a is None or self.b is None:
            return None
        earliest = (self.b.since.start - self.a.since.end).days / 365.25
        latest = (self.b.since.end - self.a.since.start).days / 365.25
        return earliest, latest

    @property
    def leader(self) -> Foundry | None:
        """Who surely reached the generation first: None when only one side did, or when
        the dates' precision allows either order."""
        interval = self.lag_interval
        if interval is None or interval[0] <= 0 <= interval[1]:
            return None
        side = self.a if interval[0] > 0 else self.b
        return side.node.foundry if side else None

    @property
    def density_ratio(self) -> float | None:
        """b's density over a's, for the nodes each reached the generation with."""
        if self.a is None or self.b is None or self.a.density is None or self.b.density is None:
            return None
        return self.b.density.magnitude / self.a.density.magnitude


@attrs.frozen(repr=False)
class Comparison(Results[GenerationRow]):
    """Two foundries, generation by generation; see :func:`compare`."""

    a: Foundry
    b: Foundry
    as_of: dt.date
    known_by: dt.date | None
    entries: tuple[GenerationRow, ...]

    @property
    def title(self) -> str:
        """What was compared, in words."""
        known = f"as known on {self.known_by}" if self.known_by else "by all claims known now"
        return f"{self.a.name} vs {self.b.name}, on {self.as_of}, {known}"

    def _cells(self, row: GenerationRow) -> list[str]:
        def side(reached: Reached | None) -> list[str]:
            if reached is None:
                return ["-", "-", "-"]
            density = reached.density
            return [
                reached.node.name,
                reached.when,
                "-" if density is None else f"{density.magnitude:g}",
            ]

        lag, interval, ratio = row.lag_years, row.lag_interval, row.density_ratio
        if lag is None or interval is None:
            lead = "-"
        elif row.leader is None:
            lead = f"unclear ({interval[0]:+.1f} to {interval[1]:+.1f} y)"
        else:
            lead = f"{row.leader.name} by {abs(lag):.1f} y"
        return [
            row.generation.label,
            *side(row.a),
            *side(row.b),
            lead,
            "-" if ratio is None else f"{ratio:.2f}",
        ]

    def _headers(self) -> list[str]:
        a, b = self.a.name, self.b.name
        return [
            "generation",
            a,
            "since",
            "MTr/mm2",
            b,
            "since",
            "MTr/mm2",
            "ahead",
            f"{b}/{a} density",
        ]

    def __repr__(self) -> str:
        lines = [
            self.title,
            "",
            text_table(self._headers(), [self._cells(r) for r in self.entries]),
        ]
        lines += ["", "evidence:"]
        for row in self.entries:
            for reached in (row.a, row.b):
                if reached is not None:
                    lines.append(f"  {row.generation.label}, {reached.node.label}:")
                    lines += [f"     {line}" for c in reached.claims for line in _claim_lines(c)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = [[html.escape(cell) for cell in self._cells(r)] for r in self.entries]
        return html_table(self.title, self._headers(), rows)

    def to_frame(self) -> Any:
        """The comparison as a pandas DataFrame (needs the ``frames`` extra)."""
        import pandas as pd

        a, b = self.a.name, self.b.name
        records = [
            {
                "generation": row.generation.label,
                f"{a} node": row.a.node.name if row.a else None,
                f"{a} since": str(row.a.since) if row.a else None,
                f"{a} surely": row.a.surely if row.a else None,
                f"{a} density": row.a.density.magnitude if row.a and row.a.density else None,
                f"{b} node": row.b.node.name if row.b else None,
                f"{b} since": str(row.b.since) if row.b else None,
                f"{b} surely": row.b.surely if row.b else None,
                f"{b} density": row.b.density.magnitude if row.b and row.b.density else None,
                "lag_years": row.lag_years,
                "density_ratio": row.density_ratio,
            }
            for row in self.entries
        ]
        return pd.DataFrame(records).set_index("generation")


def _reached(
    catalog: Catalog,
    foundry: Foundry,
    generation: Generation,
    day: dt.date,
    known_by: dt.date | None,
    minimum: Confidence,
) -> Reached | None:
    """When the foundry surely reached the generation by ``day``; failing that, when it
    possibly did (marked so)."""
    return _first_reached(
        catalog, foundry, generation, day, known_by, minimum, possibly=False
    ) or _first_reached(catalog, foundry, generation, day, known_by, minimum, possibly=True)


def _first_reached(
    catalog: Catalog,
    foundry: Foundry,
    generation: Generation,
    day: dt.date,
    known_by: dt.date | None,
    minimum: Confidence,
    *,
    possibly: bool,
) -> Reached | None:
    best: Reached | None = None
    for node in catalog.nodes_of(foundry):
        if node.node_class > generation.largest + 1e-9:
            continue
        production = production_claims(catalog, node, day, known_by, minimum, possibly=possibly)
        if not production:
            continue
        # The date by which it surely was in production: "2020-Q2" says more than "2020".
        since = min((claim.valid_from for claim in production), key=lambda d: d.by_end)
        candidate = Reached(node, since, production, surely=not possibly)
        in_band = generation.holds(node.node_class)
        if (
            best is None
            or candidate.since < best.since
            or (
                candidate.since == best.since
                and in_band
                and not generation.holds(best.node.node_class)
            )
        ):
            best = candidate
    return best


def compare(
    a: str | Foundry,
    b: str | Foundry,
    *,
    as_of: dt.date | str | None = None,
    known_by: dt.date | str | None = None,
    min_confidence: Confidence | str = Confidence.REPORTED,
    catalog: Catalog | None = None,
) -> Comparison:
    """Compare two foundries generation by generation.

    For each generation (28 nm, 22/20, 16/14/12, 10/8, 7/6, 5/4, 3, 2...) either reached,
    the date each first had a node of it, or a more advanced one, in production (a
    volume-production claim or a product shipped); the lag in years; the densities of
    those nodes and their ratio; and the claims this rests on.

    Args:
        a: a foundry name, e.g. ``"TSMC"``.
        b: another, e.g. ``"SMIC"``.
        as_of: compare as things stood on this date; default today.
        known_by: count only claims reported by this date; default: all.
        min_confidence: the least confidence a claim needs (default ``"reported"``).
        catalog: the catalog to use; default the bundled one.

    Raises:
        UnknownNameError: a foundry is unknown.
        ValidationError: an argument is not a valid value.
    """
    catalog = resolve(catalog)
    first, second = catalog.foundry(a), catalog.foundry(b)
    day = dt.date.today() if as_of is None else to_date(as_of, "as_of")
    known = optional_date(known_by, "known_by")
    minimum = query_choice(Confidence, min_confidence, "min_confidence")
    rows = []
    for generation in GENERATIONS:
        row = GenerationRow(
            generation,
            _reached(catalog, first, generation, day, known, minimum),
            _reached(catalog, second, generation, day, known, minimum),
        )
        if row.a is not None or row.b is not None:
            rows.append(row)
    return Comparison(first, second, day, known, tuple(rows))
