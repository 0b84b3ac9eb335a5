"""Point labels that do not overlap one another, the legend, or what is drawn.

A greedy placement in display space, run once the axes' limits and legend are final:
each label, in the order given, takes the first position around its point, nearest first,
whose box stays inside the axes and clear of the labels already placed, the legend, the
markers and the lines. A label that finds no such place tries again with lines allowed
under it, then markers; one that still finds none is left out and counted, so no two
labels ever overlap. A label set away from its point is joined to it by a thin leader line.
Labels are annotations offset in points, so they stay with their points when the figure
is saved at another resolution.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

__all__ = ["Anchor", "Placement", "literal_legend", "place_labels"]

#: How far from its point a label may sit, in pixels at 100 dpi, nearest first.
_RADII = (2.0, 6.0, 11.0, 17.0, 25.0, 35.0, 48.0, 64.0)
#: Directions tried at each radius: up-right first, the usual place for a point label.
_DIRECTIONS = ((1, 1), (1, 0), (0, 1), (-1, 1), (1, -1), (-1, 0), (0, -1), (-1, -1))
#: A label further than this from its point (pixels at 100 dpi) gets a leader line.
_LEADER_FROM = 10.0
#: Clearance kept around each label box, in pixels at 100 dpi.
_PAD = 1.5
#: Lines are sampled every this many pixels to make obstacles.
_LINE_STEP = 3.0


@attrs.frozen
class Anchor:
    """A label to place: its text, the data point it names, its colour."""

    x: Any
    y: Any
    text: str
    colour: str


@attrs.frozen
class Placement:
    """What :func:`place_labels` did: the labels drawn and those left out for want of room."""

    labels: tuple[Any, ...]
    left_out: tuple[Anchor, ...]


Box = tuple[float, float, float, float]


def place_labels(ax: Any, anchors: Sequence[Anchor], *, fontsize: float = 7) -> Placement:
    """Annotate ``ax`` with each anchor's text where it overlaps nothing (see the module).

    Call it last: it reads the axes' limits, legend and drawn artists as they are.
    """
    figure = ax.figure
    figure.draw_without_rendering()  # settles the layout and the legend's position
    scale = figure.dpi / 100.0
    frame = ax.get_window_extent()
    bounds = (frame.x0, frame.y0, frame.x1, frame.y1)
    legend = ax.get_legend()
    fixed = [] if legend is None else [tuple(legend.get_window_extent().extents)]
    markers, lines = list(_marker_boxes(ax)), list(_line_boxes(ax, scale))
    points = [_display(ax, anchor) for anchor in anchors]
    sizes = [_text_size(ax, anchor.text, fontsize) for anchor in anchors]
    placed: dict[int, tuple[Box, float]] = {}
    for avoided in (markers + lines, markers, []):
        for index in range(len(anchors)):
            if index in placed:
                continue
            obstacles = fixed + avoided + [box for box, _ in placed.values()]
            found = _first_free(points[index], sizes[index], bounds, obstacles, scale)
            if found is not None:
                placed[index] = found
    labels = [
        _annotate(ax, anchors[i], points[i], *placed[i], fontsize, scale) for i in sorted(placed)
    ]
    left_out = tuple(anchor for i, anchor in enumerate(anchors) if i not in placed)
    return Placement(tuple(labels), left_out)


def _display(ax: Any, anchor: Anchor) -> tuple[float, float]:
    x, y = ax.transData.transform((ax.convert_xunits(anchor.x), ax.convert_yunits(anchor.y)))
    return float(x), float(y)


def _text_size(ax: Any, text: str, fontsize: float) -> tuple[float, float]:
    probe = ax.text(0, 0, text, fontsize=fontsize, parse_math=False)
    extent = probe.get_window_extent()
    probe.remove()
    return float(extent.width), float(extent.height)


def _marker_boxes(ax: Any) -> Iterator[Box]:
    """A square around every scatter marker, in pixels."""
    for collection in ax.collections:
        sizes = collection.get_sizes() if hasattr(collection, "get_sizes") else ()
        offsets = collection.get_offsets()
        if len(sizes) == 0 or len(offsets) == 0:
            continue
        points = collection.get_offset_transform().transform(offsets)
        for index, (x, y) in enumerate(points):
            size = sizes[index % len(sizes)]
            half = math.sqrt(size) / 2 * ax.figure.dpi / 72
            yield (x - half, y - half, x + half, y + half)


def _line_boxes(ax: Any, scale: float) -> Iterator[Box]:
    """Small squares along every drawn line (steps as drawn), in pixels."""
    from matplotlib.cbook import STEP_LOOKUP_MAP

    for line in ax.get_lines():
        xy = line.get_xydata()
        if len(xy) < 2:
            continue
        stepped = STEP_LOOKUP_MAP[line.get_drawstyle()](xy[:, 0], xy[:, 1])
        vertices = line.get_transform().transform(list(zip(*stepped, strict=True)))
        half = max(line.get_linewidth() * ax.figure.dpi / 72, 2.0 * scale) / 2
        for (x0, y0), (x1, y1) in itertools.pairwise(vertices):
            steps = max(1, int(math.hypot(x1 - x0, y1 - y0) / (_LINE_STEP * scale)))
            for step in range(steps + 1):
                x, y = x0 + (x1 - x0) * step / steps, y0 + (y1 - y0) * step / steps
                yield (x - half, y - half, x + half, y + half)


def _candidates(
    point: tuple[float, float], size: tuple[float, float], scale: float
) -> Iterator[tuple[Box, float]]:
    """Boxes around the point, nearest first, each with its distance from the point."""
    (x, y), (width, height) = point, size
    for radius in _RADII:
        gap = radius * scale
        for ux, uy in _DIRECTIONS:
            left = x + gap if ux > 0 else x - gap - width if ux < 0 else x - width / 2
            bottom = y + gap if uy > 0 else y - gap - height if uy < 0 else y - height / 2
            yield (left, bottom, left + width, bottom + height), gap


def _first_free(
    point: tuple[float, float],
    size: tuple[float, float],
    bounds: Box,
    obstacles: list[Box],
    scale: float,
) -> tuple[Box, float] | None:
    """The nearest candidate box inside ``bounds`` and clear of every obstacle, and its
    distance from the point."""
    import numpy as np

    taken = np.array(obstacles, dtype=float).reshape(-1, 4)
    pad = _PAD * scale
    for box, gap in _candidates(point, size, scale):
        x0, y0, x1, y1 = box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad
        if x0 < bounds[0] or y0 < bounds[1] or x1 > bounds[2] or y1 > bounds[3]:
            continue
        hits = (x0 < taken[:, 2]) & (taken[:, 0] < x1) & (y0 < taken[:, 3]) & (taken[:, 1] < y1)
        if not hits.any():
            return box, gap
    return None


def _annotate(
    ax: Any,
    anchor: Anchor,
    point: tuple[float, float],
    box: Box,
    gap: float,
    fontsize: float,
    scale: float,
) -> Any:
    to_points = 72 / ax.figure.dpi
    offset = ((box[0] - point[0]) * to_points, (box[1] - point[1]) * to_points)
    far = gap > _LEADER_FROM * scale
    leader = {"arrowstyle": "-", "color": anchor.colour, "lw": 0.5, "alpha": 0.6}
    return ax.annotate(
        anchor.text,
        (anchor.x, anchor.y),
        xytext=offset,
        textcoords="offset points",
        ha="left",
        va="bottom",
        fontsize=fontsize,
        color=anchor.colour,
        arrowprops=leader if far else None,
        annotation_clip=False,
        parse_math=False,  # labels are names from the data: a "$" is a dollar, not math
    )


def literal_legend(ax: Any, **options: Any) -> Any:
    """``ax.legend(**options)``, its entries (names from the data) drawn as written, never
    read as mathtext."""
    legend = ax.legend(**options)
    for text in legend.get_texts():
        text.set_parse_math(False)
    return legend
