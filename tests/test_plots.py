"""Figures for reports: a foundry keeps its colour, a point shows its basis, labels never
overlap, every plot returns its Axes, and the figures in docs/img are current."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import matplotlib
import pytest

import nodecompare as nc
from nodecompare.model import Basis, Figure, Metric
from nodecompare.plots import main as write_figures
from nodecompare.plots import vendor_timeline
from nodecompare.render.labels import Anchor, place_labels
from nodecompare.render.palette import (
    BASIS_MARKERS,
    FOUNDRY_COLOURS,
    NO_BASIS_MARKER,
    foundry_colour,
)
from nodecompare.results import Point, as_plot

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.text import Text

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-23"


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def _trend(ax: Any = None) -> Any:
    return nc.density_trend(as_of=AS_OF).plot(ax)


def _compare(ax: Any = None) -> Any:
    return nc.compare("TSMC", "SMIC", as_of=AS_OF).plot(ax)


def _timeline(ax: Any = None) -> Any:
    return vendor_timeline(as_of=AS_OF, ax=ax)


FIGURES: dict[str, Callable[[Any], Any]] = {
    "trend": _trend,
    "compare": _compare,
    "timeline": _timeline,
}


def label_boxes(labels: Any) -> list[Any]:
    """Each label's own text box in pixels as drawn, without its leader line (which
    Annotation.get_window_extent would include)."""
    labels = list(labels)
    if labels:
        labels[0].figure.canvas.draw()
    return [Text.get_window_extent(label) for label in labels]


def _legend_colours(ax: Any) -> dict[str, str]:
    """Each legend entry's colour, by its label, for entries named after a foundry."""
    legend = ax.get_legend()
    colours = {}
    for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True):
        colour: Any = handle.get_color() if isinstance(handle, Line2D) else handle.get_facecolor()
        colours[text.get_text()] = to_hex(colour)
    return colours


def test_a_foundry_has_one_colour_in_every_figure_and_every_call() -> None:
    names = {"TSMC": "tsmc", "Samsung": "samsung", "Intel": "intel", "SMIC": "smic"}
    seen: dict[str, set[str]] = {name: set() for name in names}
    for make in [*FIGURES.values(), *FIGURES.values()]:
        for label, colour in _legend_colours(make(None)).items():
            if label in seen:
                seen[label].add(colour)
    assert seen == {name: {FOUNDRY_COLOURS[key].lower()} for name, key in names.items()}


def test_points_and_labels_take_their_foundrys_colour() -> None:
    ax = _trend()
    scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
    edges: list[Any] = [colour for scatter in scatters for colour in scatter.get_edgecolor()]
    drawn = {to_hex(colour) for colour in edges}
    labels = {to_hex(text.get_color()) for text in ax.texts}
    owners = {p.node.foundry.id for p in nc.density_trend(as_of=AS_OF).points if p.node}
    assert drawn == labels == {FOUNDRY_COLOURS[owner].lower() for owner in owners}


def test_an_unlisted_foundry_keeps_its_colour_across_processes() -> None:
    # str hashes are salted per process: a colour from hash() would change here.
    script = "from nodecompare.render.palette import foundry_colour; print(foundry_colour('acme'))"
    colours = set()
    for seed in ("1", "2", "3"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script], env=environment, capture_output=True, text=True
        )
        colours.add(done.stdout.strip())
    assert len(colours) == 1
    assert colours.pop().startswith("#")


def _points_of_every_basis() -> list[Point]:
    node = nc.node("TSMC", "N7")
    source = node.density.source if node.density else node.sources[0]
    points = []
    kinds = [(basis, False) for basis in Basis] + [(Basis.VENDOR_CLAIM, True)]
    for year, (basis, projected) in enumerate(kinds, start=2010):
        density = 10.0 * 1.4 ** (year - 2010)
        figure = Figure(Metric.DENSITY, density, basis, source, projected=projected)
        points.append(Point(dt.date(year, 6, 1), density, node=node, figure=figure))
    points.append(Point.of("2020-06-01", "200 MTr/mm**2", "given"))
    return points


def _vertices(path: Any) -> str:
    """A marker's outline, comparable between a scatter and a MarkerStyle."""
    import numpy as np

    return str(np.round(np.asarray(path.vertices), 6).tolist())


def _marker_vertices(marker: str) -> str:
    style = MarkerStyle(marker)
    return _vertices(style.get_path().transformed(style.get_transform()))


def test_every_basis_drawn_gets_its_marker_and_a_legend_entry() -> None:
    ax = nc.Trend.fit(_points_of_every_basis()).plot()
    drawn = set()
    for scatter in (c for c in ax.collections if isinstance(c, PathCollection)):
        hollow = len(scatter.get_facecolor()) == 0
        drawn.add((_vertices(scatter.get_paths()[0]), hollow))
    markers = [*BASIS_MARKERS.values(), NO_BASIS_MARKER]
    expected = {(_marker_vertices(m), False) for m in markers}
    expected.add((_marker_vertices(BASIS_MARKERS[Basis.VENDOR_CLAIM]), True))
    assert drawn == expected
    legend = dict(zip(ax.get_legend().get_texts(), ax.get_legend().legend_handles, strict=True))
    entries = {
        text.get_text(): getattr(handle, "get_marker", lambda: "")()
        for text, handle in legend.items()
    }
    for basis, marker in BASIS_MARKERS.items():
        assert entries[basis.value.replace("_", " ")] == marker
    assert entries["vendor claim, projected"] == BASIS_MARKERS[Basis.VENDOR_CLAIM]
    assert entries["given point"] == NO_BASIS_MARKER


@pytest.mark.parametrize("name", FIGURES)
def test_no_two_labels_overlap_and_none_is_left_out(name: str) -> None:
    ax = FIGURES[name](None)
    boxes = label_boxes(ax.texts)
    legend = ax.get_legend().get_window_extent()
    frame = ax.get_window_extent()
    assert [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlaps(b)] == []
    assert [box for box in boxes if box.overlaps(legend)] == []
    assert all(frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1) for box in boxes)
    # Every point of the trend is labelled; the ladders' counts change only with claims.
    trend_points = len(nc.density_trend(as_of=AS_OF).points)
    expected = {"trend": trend_points, "compare": 13 + 5, "timeline": 41}[name]
    assert len(boxes) == expected


@pytest.mark.parametrize("name", FIGURES)
def test_each_plot_draws_on_the_axes_given_and_returns_it(name: str) -> None:
    _, (left, right) = plt.subplots(1, 2)
    assert FIGURES[name](right) is right
    assert right.collections or right.lines
    assert len(left.collections) + len(left.lines) + len(left.texts) == 0
    assert isinstance(FIGURES[name](None), Axes)


def test_every_plottable_result_is_tested() -> None:
    plotted = {cls.__name__ for cls in as_plot.registry if cls is not object}
    assert plotted == {"Trend", "Comparison"}


def _pixels(path: Path) -> Any:
    import numpy as np
    from PIL import Image

    with Image.open(path) as image:
        return np.asarray(image.convert("RGBA"))


def test_the_figures_in_docs_img_are_current(tmp_path: Path) -> None:
    import numpy as np
    from PIL import Image

    committed = ROOT / "docs" / "img"
    write_figures([str(tmp_path)])
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == sorted(path.name for path in committed.glob("*.png"))
    with Image.open(committed / written[0]) as image:
        made_by = image.info.get("Software", "")
    if made_by != f"matplotlib {matplotlib.__version__}":
        pytest.skip(f"docs/img was drawn by {made_by}: regenerate it to compare")
    for name in written:
        assert np.array_equal(_pixels(tmp_path / name), _pixels(committed / name)), (
            f"docs/img/{name} is out of date: python3 run.py generate"
        )


def test_crowded_labels_are_left_out_rather_than_overlapped() -> None:
    _, ax = plt.subplots(figsize=(2, 1.5))
    ax.scatter([0, 1], [0, 1])
    anchors = [Anchor(0.5, 0.5, f"label {i}", "#000000") for i in range(40)]
    placement = place_labels(ax, anchors)
    boxes = label_boxes(placement.labels)
    assert [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlaps(b)] == []
    assert 0 < len(placement.labels) < 40
    assert len(placement.labels) + len(placement.left_out) == 40


def test_a_lag_the_dates_leave_unsettled_is_marked() -> None:
    comparison = nc.compare("TSMC", "Samsung", as_of=AS_OF)
    ax = comparison.plot()
    texts = {text.get_text() for text in ax.texts}
    assert "either order" in ax.get_title()
    assert "either order" not in _compare().get_title()
    for row in comparison:
        if row.lag_years is not None:
            unclear = "?" if row.leader is None else ""
            assert f"{row.lag_years:+.1f} y{unclear}" in texts
    assert any(row.leader is None and row.lag_years is not None for row in comparison)


#: Labels that matplotlib would read as mathtext: invalid math, and valid math.
MATH_LIKE = ("chip $\\frac$", "$x$")


def test_point_labels_with_dollars_are_drawn_as_written_not_as_mathtext() -> None:
    unit = " MTr/mm**2"
    points = [
        Point.of("2010-01-01", "10" + unit, MATH_LIKE[0]),
        Point.of("2014-01-01", "40" + unit, MATH_LIKE[1]),
        Point.of("2018-01-01", "160" + unit, "C"),
    ]
    ax = nc.Trend.fit(points).plot()
    ax.figure.canvas.draw()
    drawn = {text.get_text(): text for text in ax.texts}
    assert [drawn[label].get_parse_math() for label in MATH_LIKE] == [False, False]


def test_foundry_names_with_dollars_in_a_title_and_legend_are_drawn_as_written() -> None:
    comparison = nc.compare("TSMC", "SMIC", as_of=AS_OF)
    renamed = attrs.evolve(comparison, a=attrs.evolve(comparison.a, name=MATH_LIKE[0]))
    ax = renamed.plot()
    ax.figure.canvas.draw()
    entries = {text.get_text(): text for text in ax.get_legend().get_texts()}
    assert entries[MATH_LIKE[0]].get_parse_math() is False
    assert MATH_LIKE[0] in ax.get_title()


def test_an_unlisted_foundry_never_takes_a_bundled_foundrys_colour() -> None:
    # "g", "x3" and "x5" took the colours of Tower, Tower and Rapidus.
    ids = ["g", "x3", "x5", *(f"user-foundry-{i}" for i in range(200))]
    bundled = {colour.lower() for colour in FOUNDRY_COLOURS.values()}
    assert {foundry_colour(i).lower() for i in ids} & bundled == set()


def test_a_comparisons_legend_draws_each_ladder_in_its_own_line_style(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Two foundries of one colour: the second ladder is dashed, and so is its legend entry.
    monkeypatch.setattr("nodecompare.render.plots.foundry_colour", lambda _: "#332288")
    ax = nc.compare("TSMC", "SMIC", as_of=AS_OF).plot()
    legend = ax.get_legend()
    styles = {
        text.get_text(): handle.get_linestyle()
        for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True)
    }
    assert (styles["TSMC"], styles["SMIC"]) == ("-", "--")
