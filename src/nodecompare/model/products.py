"""Products as evidence: chips made on a node, with their die area and transistor count.

A product's density (transistors / die area) is computed from its published die area
and transistor count, each with its own source; it is never typed in. It is a whole-chip
average (logic, SRAM, I/O and analog together), so it sits well below the densest cell
library's figure and is compared only with other product measurements.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from nodecompare.errors import shorten
from nodecompare.model import checks
from nodecompare.model.enums import Basis, Metric
from nodecompare.model.nodes import Figure, ProcessNode
from nodecompare.model.periods import PartialDate
from nodecompare.model.sources import Source

if TYPE_CHECKING:
    import pint

__all__ = ["Product"]


def _transistor_count(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return f"expected a positive whole number of transistors, got {shorten(value)}"
    return None


def _four_digits(value: float) -> float:
    return float(f"{value:.4g}")


@attrs.frozen(repr=False)
class Product:
    """A chip made on a node, as published by its designer or measured by a teardown.

    Attributes:
        id: the key it is referred to by (``"apple-a14"``).
        name: its name (``"Apple A14 Bionic"``).
        designer: who designed it (``"Apple"``).
        node: the node it is made on, as its designer or a teardown house says.
        released: when it was first shipped to customers or put on sale (not when it was
            announced for later), to the precision the sources give.
        sources: the sources of its node, release, die area and count (the note says
            which gives what); the first is the one its density cites.
        die_area_mm2: its die area in mm**2, when published or measured.
        transistors: its transistor count, when published exactly (never estimated,
            never a lower bound such as "over 1 billion").
        note: which die, who measured it and who counted, disagreements between sources.
    """

    id: str = checks.field(checks.slug)
    name: str = checks.field(checks.text)
    designer: str = checks.field(checks.text)
    node: ProcessNode = checks.field(checks.instance(ProcessNode))
    released: PartialDate = checks.field(checks.instance(PartialDate))
    sources: tuple[Source, ...] = checks.field(checks.tuple_of(Source, nonempty=True))
    die_area_mm2: float | None = checks.field(checks.optional(checks.positive_number), default=None)
    transistors: int | None = checks.field(_transistor_count, default=None)
    note: str = checks.field(checks.plain_text, default="")

    def __attrs_post_init__(self) -> None:
        checks.validate(self)

    @property
    def die_area(self) -> pint.Quantity[Any] | None:
        """The die area as a pint quantity (mm**2), when known."""
        from nodecompare.units import Q_

        return None if self.die_area_mm2 is None else Q_(self.die_area_mm2, "mm**2")

    @property
    def density(self) -> Figure | None:
        """Transistors per mm**2 of die, computed from the published count and area and
        citing the product's first source; None unless both are known."""
        if self.transistors is None or self.die_area_mm2 is None:
            return None
        return Figure(
            Metric.DENSITY,
            _four_digits(self.transistors / 1e6 / self.die_area_mm2),
            Basis.PRODUCT_MEASUREMENT,
            self.sources[0],
            f"Computed by nodecompare: {self.name}, {self.transistors / 1e9:g} billion "
            f"transistors on {self.die_area_mm2:g} mm**2; a whole-chip average.",
        )

    def __repr__(self) -> str:
        return f"Product({self.name!r}, {self.node.foundry.name} {self.node.name})"
