"""Figures drawn with matplotlib (the ``plot`` extra, imported only when drawing)."""

from __future__ import annotations

from typing import Any

from nodecompare.results import Point, Trend, as_plot

__all__: list[str] = []


@as_plot.register
def _trend(result: Trend, ax: Any = None) -> Any:
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 5))
    groups: dict[str, list[Point]] = {}
    for point in result.points:
        owner = point.node.foundry.name if point.node is not None else "data"
        groups.setdefault(owner, []).append(point)
    for owner, group in groups.items():
        ax.scatter([p.date for p in group], [p.density for p in group], label=owner, zorder=3)
        for p in group:
            ax.annotate(
                p.node.name if p.node else p.label,
                (p.date, p.density),
                fontsize=7,
                xytext=(3, 3),
                textcoords="offset points",
            )
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
    ax.set_title(result.summary(), fontsize=9)
    ax.legend(fontsize=8)
    return ax
