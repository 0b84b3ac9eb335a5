"""Plots for notebooks and docs (needs the ``plot`` extra: matplotlib)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from nodecompare.catalog import Catalog
from nodecompare.model import Confidence, Foundry
from nodecompare.queries import arguments, compare, density_trend
from nodecompare.queries.production import production_claims
from nodecompare.render.labels import Anchor, literal_legend, place_labels
from nodecompare.render.palette import foundry_colour
from nodecompare.render.plots import new_axes

__all__ = ["vendor_timeline"]


def vendor_timeline(
    foundries: Iterable[str] = ("TSMC", "Samsung", "Intel", "SMIC"),
    *,
    as_of: dt.date | str | None = None,
    known_by: dt.date | str | None = None,
    min_confidence: Confidence | str = Confidence.REPORTED,
    catalog: Catalog | None = None,
    ax: Any = None,
) -> Any:
    """Each vendor's node classes against the date they entered production.

    A step line per foundry: the most advanced class it had in production over time, on
    a log scale of nm, each step labelled with the node's name.

    Returns:
        The matplotlib Axes.
    """
    catalog = arguments.catalog_or_default(catalog)
    day, known = arguments.day(as_of), arguments.known(known_by)
    minimum = arguments.confidence(min_confidence)
    ax = new_axes(ax, (9, 5))
    anchors: list[Anchor] = []
    for name in foundries:
        foundry = catalog.foundry(name)
        frontier = _frontier(catalog, foundry, day, known, minimum)
        if frontier:
            anchors += _draw_frontier(ax, foundry, frontier, day)
    ax.set_yscale("log")
    low, high = sorted(ax.get_ylim())
    ticks = [t for t in (130, 90, 65, 45, 28, 20, 14, 10, 7, 5, 3, 2, 1.4) if low <= t <= high]
    ax.set_yticks(ticks, [f"{t:g}" for t in ticks])
    ax.minorticks_off()
    ax.invert_yaxis()
    ax.set_ylabel("node class (nm, log scale)")
    ax.set_xlabel(
        "in volume production: surely by the end of the stated period (dotted: possibly from)"
    )
    known_text = f", as known on {known}" if known else ""
    ax.set_title(f"Most advanced node class in production, to {day}{known_text}", fontsize=9)
    literal_legend(ax, fontsize=8, loc="upper left")
    place_labels(ax, anchors)
    return ax


Step = tuple[dt.date, float, str, dt.date]


def _frontier(
    catalog: Catalog, foundry: Foundry, day: dt.date, known: dt.date | None, minimum: Confidence
) -> list[Step]:
    """The foundry's most advanced class over time: (surely from, class, node, possibly
    from) for each node that beat the classes before it."""
    steps = []
    for node in catalog.nodes_of(foundry):
        production = production_claims(catalog, node, day, known, minimum, possibly=True)
        if production:
            period = production[0].valid_from
            steps.append((period.end, node.node_class, node.name, period.start))
    steps.sort()
    frontier, best = [], float("inf")
    for surely_from, node_class, label, possibly_from in steps:
        if node_class < best:
            best = node_class
            frontier.append((min(surely_from, day), node_class, label, possibly_from))
    return frontier


def _draw_frontier(ax: Any, foundry: Foundry, frontier: list[Step], day: dt.date) -> list[Anchor]:
    """The foundry's steps in its colour; the labels of its steps, to be placed."""
    colour = foundry_colour(foundry.id)
    dates = [s[0] for s in frontier] + [day]
    classes = [s[1] for s in frontier] + [frontier[-1][1]]
    ax.step(dates, classes, where="post", label=foundry.name, color=colour)
    # A date known only to a period: a thin line from when production possibly began
    # to when it surely had.
    for surely_from, node_class, _, possibly_from in frontier:
        if possibly_from < surely_from:
            ax.plot(
                [possibly_from, surely_from],
                [node_class, node_class],
                color=colour,
                linewidth=0.8,
                linestyle=":",
            )
    return [Anchor(start, node_class, label, colour) for start, node_class, label, _ in frontier]


def main(argv: list[str] | None = None) -> None:
    """Write the docs' figures into a folder: ``python -m nodecompare.plots docs/img``."""
    import sys
    from pathlib import Path

    import matplotlib

    matplotlib.use("Agg")
    folder = Path((argv if argv is not None else sys.argv[1:])[0])
    folder.mkdir(parents=True, exist_ok=True)
    as_of = "2026-11-23"  # fixed, so the figures change only when the data does
    figures = {
        "vendor-timeline.png": vendor_timeline(as_of=as_of),
        "density-trend.png": density_trend(as_of=as_of).plot(),
        "compare-tsmc-smic.png": compare("TSMC", "SMIC", as_of=as_of).plot(),
    }
    for name, ax in figures.items():
        # The version that drew it, so that a check knows whether pixels should match.
        made_by = {"Software": f"matplotlib {matplotlib.__version__}"}
        ax.figure.savefig(folder / name, dpi=100, bbox_inches="tight", metadata=made_by)
        print(f"wrote {folder / name}")


if __name__ == "__main__":
    main()
