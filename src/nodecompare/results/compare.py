"""Answers that compare: a node placed on another vendor's ladder, and two vendors
generation by generation."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import attrs

from nodecompare.model import Basis, Claim, Figure, Foundry, PartialDate, ProcessNode
from nodecompare.results.base import Rendered, Results, as_plot

__all__ = ["Comparison", "Equivalent", "Generation", "GenerationRow", "LadderStep", "Reached"]


class LadderStep(NamedTuple):
    """One step of :meth:`Equivalent.steps`: a node, its density, and whether it is the
    node placed."""

    node: ProcessNode
    figure: Figure
    placed: bool

    @property
    def label(self) -> str:
        return f"{self.node.label} (placed)" if self.placed else self.node.label


@attrs.frozen(repr=False)
class Equivalent(Rendered):
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

    def steps(self) -> list[LadderStep]:
        """The ladder and the placed node, least dense first. The placed node is listed
        once, as placed, even when it is on the ladder (a node of the reference foundry)."""
        steps = [
            LadderStep(node, figure, placed=False)
            for node, figure in self.ladder
            if node.id != self.node.id
        ]
        steps.append(LadderStep(self.node, self.density, placed=True))
        return sorted(steps, key=lambda step: step.figure.magnitude)

    def __repr__(self) -> str:
        beyond = ", extrapolated" if self.extrapolated else ""
        cells = f" {self.library}" if self.library else ""
        derived = " (derived)" if self.density.basis is Basis.DERIVED else ""
        marks = derived + (" (projected)" if self.density.projected else "")
        return (
            f"<{self.node.label}: {self.density}{cells}{marks} ~ {self.reference.name} "
            f"{self.equivalent_nm:.1f} nm class{beyond}; nearest {self.nearest.name}>"
        )


@attrs.frozen
class Generation:
    """A node generation: the classes the industry counts as one step (16, 14 and 12 nm)."""

    label: str
    smallest: float  # exclusive
    largest: float  # inclusive

    def holds(self, node_class: float) -> bool:
        """True when a node of this class belongs to the generation."""
        return self.smallest < node_class <= self.largest + 1e-9


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

    def plot(self, ax: Any = None) -> Any:
        """Draw both ladders over time, the lag at each generation (needs the ``plot`` extra).

        Returns:
            The matplotlib Axes: ``ax`` when given, else a new figure's.
        """
        return as_plot(self, ax)

    def __repr__(self) -> str:
        return (
            f"<Comparison {self.a.name} vs {self.b.name} on {self.as_of}: "
            f"{len(self.entries)} generations>"
        )
