"""Answers about export controls: the controls in force, and who advanced past them."""

from __future__ import annotations

import attrs

from nodecompare.model import Claim, ExportControl, Foundry, PartialDate, ProcessNode
from nodecompare.results.base import Results

__all__ = ["Breach", "Breaches", "Controls"]


@attrs.frozen(repr=False)
class Controls(Results[ExportControl]):
    """Export controls in force; see :func:`controls`."""

    title: str
    entries: tuple[ExportControl, ...]

    def __repr__(self) -> str:
        return f"<{self.title.rsplit(' (', 1)[0]}: {len(self.entries)}>"


@attrs.frozen
class Breach:
    """A foundry a control applied to that reached a node past its threshold after it took effect.

    Attributes:
        control: the control.
        foundry: the foundry it applied to.
        node: the first node past the threshold to enter production after the control.
        reached: when that node entered production.
        claims: the production claims that show it, with their sources.
        surely: False when, on the date asked about, the node was only possibly in
            production: its date is known only to a period that had not ended.
    """

    control: ExportControl
    foundry: Foundry
    node: ProcessNode
    reached: PartialDate
    claims: tuple[Claim, ...]
    surely: bool = True

    @property
    def years_after(self) -> float:
        """Years from the control taking effect to the node's production."""
        return (self.reached.start - self.control.effective).days / 365.25


@attrs.frozen(repr=False)
class Breaches(Results[Breach]):
    """See :func:`beyond_controls`. The sequence holds the breaches that surely happened
    by the date asked about; :attr:`possibly` those whose production date is known only
    to a period containing that date."""

    title: str
    entries: tuple[Breach, ...]
    possibly: tuple[Breach, ...] = ()

    def __repr__(self) -> str:
        extra = f", {len(self.possibly)} possibly" if self.possibly else ""
        return f"<Breaches: {len(self.entries)}{extra}>"
