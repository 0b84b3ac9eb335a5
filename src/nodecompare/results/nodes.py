"""The table of all nodes: each node's names, class, make-up, production dates and
preferred figures, as known on a date; see :func:`nodecompare.nodes`."""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs

from nodecompare.errors import ValidationError
from nodecompare.model import Claim, Figure, Metric, PartialDate, ProcessNode
from nodecompare.model.choices import member
from nodecompare.results.base import Results

__all__ = ["TABLE_METRICS", "NodeRow", "Nodes"]

#: The figures each row shows, in column order.
TABLE_METRICS: Final = (Metric.DENSITY, Metric.CPP, Metric.MMP, Metric.SRAM_CELL)


@attrs.frozen
class NodeRow:
    """One node as known on a date.

    Attributes:
        node: the node.
        name: the name it was marketed under on the date (as a reader then knew it).
        names: its names known then, the current one first.
        possibly_since: when its production possibly began, by the production claims that
            may hold on the date; None when none does.
        surely_since: when its production had surely begun, by the claims that surely
            hold on the date (a claim known to "2020" counts from 31 December 2020).
        claims: the production claims that may hold on the date, oldest first.
        figures: the preferred known figure of each of :data:`TABLE_METRICS`, or None.
    """

    node: ProcessNode
    name: str
    names: tuple[str, ...]
    possibly_since: PartialDate | None
    surely_since: PartialDate | None
    claims: tuple[Claim, ...]
    figures: tuple[Figure | None, ...]

    @property
    def status(self) -> str:
        """``"surely"`` or ``"possibly"`` in production on the date, or ``""``."""
        if self.surely_since is not None:
            return "surely"
        return "possibly" if self.possibly_since is not None else ""

    def figure(self, metric: Metric | str) -> Figure | None:
        """The row's figure of ``metric`` (one of :data:`TABLE_METRICS`)."""
        wanted = member(Metric, metric, "NodeRow", "metric")
        if wanted not in TABLE_METRICS:
            shown = ", ".join(TABLE_METRICS)
            raise ValidationError.of(
                "NodeRow", "metric", f"the table shows only {shown}, not {wanted}"
            )
        return self.figures[TABLE_METRICS.index(wanted)]


@attrs.frozen(repr=False)
class Nodes(Results[NodeRow]):
    """Every node of the catalog (or of a foundry), one row each; see :func:`nodes`."""

    title: str
    as_of: dt.date
    known_by: dt.date | None
    entries: tuple[NodeRow, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """The nodes' ids, in the table's order."""
        return tuple(row.node.id for row in self.entries)

    def __repr__(self) -> str:
        known = "" if self.known_by is None else f", known by {self.known_by}"
        count = f"{len(self)} node" + ("" if len(self) == 1 else "s")
        return f"<Nodes {self.title} on {self.as_of}{known}: {count}>"
