"""Figures drawn with matplotlib (the ``plot`` extra, imported only when drawing).

Every figure colours a foundry as :mod:`nodecompare.render.palette` says, marks a density by
its basis, places its labels with :func:`nodecompare.render.labels.place_labels`, and
returns the Axes it drew on: the one passed, or a new figure's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from nodecompare.render.labels import Anchor, literal_legend, place_labels
from nodecompare.render.palette import basis_marker, basis_name, foundry_colour
from nodecompare.results import Comparison, Point, Reached, Trend, as_plot

__all__ = ["new_axes"]

#: How a comparison's ladder is drawn: solid, or dashed when it shares the other's colour.
LadderStyle = Literal["-", "--"]


def new_axes(ax: Any, size: tuple[float, float]) -> Any:
    """``ax``, or the Axes of a new figure of ``size`` inches."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, created = plt.subplots(figsize=size)
    return created


@as_plot.register
def _trend(result: Trend, ax: Any = None) -> Any:
    ax = new_axes(ax, (8, 5))
    _trend_points(ax, result.points)
    first, last = result.points[0].date, result.points[-1].date
    days = [first + (last - first) * (i / 50) for i in range(51)]
    predicted = [result.predict(d) for d in days]
    ax.plot(days, [p[0].magnitude for p in predicted], color="black", lw=1, label="fit")
    ax.fill_between(
        days,
        [p[1].magnitude for p in predicted],
        [p[2].magnitude for p in predicted],
        color="grey",
        alpha=0.2,
        label="95% prediction band",
    )
    ax.set_yscale("log")
    ax.set_ylabel("logic density (MTr/mm²)")
    ax.set_xlabel("volume production")
    ax.set_title(result.summary(), fontsize=9, parse_math=False)
    _legend_with_bases(ax, result.points)
    place_labels(ax, [_trend_anchor(p) for p in result.points])
    return ax


def _owner(point: Point) -> tuple[str | None, str]:
    """The point's foundry id and name, or none for a point given without a node."""
    if point.node is None:
        return None, "points"
    return point.node.foundry.id, point.node.foundry.name


def _trend_points(ax: Any, points: tuple[Point, ...]) -> None:
    """Each foundry's points in its colour, each basis in its marker, projected hollow."""
    groups: dict[tuple[tuple[str | None, str], str, bool], list[Point]] = {}
    for point in points:
        projected = point.figure is not None and point.figure.projected
        groups.setdefault((_owner(point), basis_marker(point.figure), projected), []).append(point)
    for ((foundry_id, _), marker, projected), group in groups.items():
        colour = foundry_colour(foundry_id)
        ax.scatter(
            [p.date for p in group],
            [p.density for p in group],
            marker=marker,
            s=28,
            facecolors="none" if projected else colour,
            edgecolors=colour,
            linewidths=1.2 if projected else 0.5,
            zorder=3,
        )


def _trend_anchor(point: Point) -> Anchor:
    text = point.node.name if point.node is not None else point.label
    return Anchor(point.date, point.density, text, foundry_colour(_owner(point)[0]))


def _legend_with_bases(ax: Any, points: tuple[Point, ...]) -> None:
    """One legend: a swatch per foundry, a grey marker per basis drawn, then the fit."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    foundries = dict(_owner(p) for p in points)
    handles: list[Any] = [Patch(color=foundry_colour(i), label=n) for i, n in foundries.items()]
    drawn = {basis_name(p.figure): p.figure for p in points}
    for name, figure in sorted(drawn.items()):
        projected = figure is not None and figure.projected
        handles.append(_marker_handle(Line2D, basis_marker(figure), name, hollow=projected))
    fit_handles, _ = ax.get_legend_handles_labels()
    literal_legend(ax, handles=handles + fit_handles, fontsize=7, loc="upper left")


def _marker_handle(line_type: Any, marker: str, label: str, *, hollow: bool) -> Any:
    return line_type(
        [],
        [],
        linestyle="none",
        marker=marker,
        markersize=5,
        color="#444444",
        markerfacecolor="none" if hollow else "#444444",
        label=label,
    )


@as_plot.register
def _comparison(result: Comparison, ax: Any = None) -> Any:
    ax = new_axes(ax, (8, 5))
    rows = list(result.entries)
    anchors: list[Anchor] = []
    # Two user foundries may share a colour: the second is then dashed.
    shared = foundry_colour(result.a.id) == foundry_colour(result.b.id)
    styles: tuple[LadderStyle, LadderStyle] = ("-", "--" if shared else "-")
    anchors += _ladder(ax, result.a, [r.a for r in rows], 0.12, result.as_of, styles[0])
    anchors += _ladder(ax, result.b, [r.b for r in rows], -0.12, result.as_of, styles[1])
    anchors += _lags(ax, result)
    ax.set_yticks(range(len(rows)), [row.generation.label for row in rows])
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_ylabel("generation")
    ax.set_xlabel("date reached: marker at the start of the stated period, bar to its end")
    unsettled = any(r.leader is None and r.lag_years is not None for r in rows)
    either = " (?: the dates allow either order)" if unsettled else ""
    lag = f"grey: years {result.b.name} reached each generation after {result.a.name}{either}"
    ax.set_title(f"{result.title}\n{lag}", fontsize=9, parse_math=False)
    _comparison_legend(ax, result, styles)
    place_labels(ax, anchors)
    return ax


def _ladder(
    ax: Any,
    foundry: Any,
    reached: list[Reached | None],
    shift: float,
    day: dt.date,
    style: LadderStyle,
) -> list[Anchor]:
    """One side's steps: when it reached each generation, surely (filled) or possibly."""
    colour = foundry_colour(foundry.id)
    steps = [(r, i + shift) for i, r in enumerate(reached) if r is not None]
    if not steps:
        return []
    xs = [r.since.start for r, _ in steps] + [day]
    ys = [y for _, y in steps] + [steps[-1][1]]
    ax.step(xs, ys, where="post", color=colour, lw=1.2, linestyle=style, alpha=0.8)
    for r, y in steps:
        ax.plot([r.since.start, r.since.end], [y, y], color=colour, lw=4, alpha=0.35)
        ax.scatter(
            [r.since.start],
            [y],
            marker="o",
            s=30,
            facecolors=colour if r.surely else "white",
            edgecolors=colour,
            linewidths=1.2,
            zorder=3,
        )
    return [Anchor(r.since.start, y, r.node.name, colour) for r, y in steps]


def _lags(ax: Any, result: Comparison) -> list[Anchor]:
    """A grey span and the lag in years, where both sides reached the generation."""
    anchors = []
    for index, row in enumerate(result.entries):
        if row.a is None or row.b is None or row.lag_years is None:
            continue
        start, end = sorted((row.a.since.start, row.b.since.start))
        ax.plot([start, end], [index, index], color="grey", lw=0.8, linestyle=":")
        middle = start + (end - start) / 2
        unclear = "?" if row.leader is None else ""
        anchors.append(Anchor(middle, index, f"{row.lag_years:+.1f} y{unclear}", "#555555"))
    return anchors


def _comparison_legend(
    ax: Any, result: Comparison, styles: tuple[LadderStyle, LadderStyle]
) -> None:
    """Each side as its ladder is drawn (colour and line style), then the two markers."""
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], color=foundry_colour(f.id), linestyle=style, marker="o", label=f.name)
        for f, style in zip((result.a, result.b), styles, strict=True)
    ]
    handles.append(_marker_handle(Line2D, "o", "surely reached", hollow=False))
    handles.append(_marker_handle(Line2D, "o", "possibly reached", hollow=True))
    literal_legend(ax, handles=handles, fontsize=7, loc="upper left")
