"""The coverage page: what the catalog knows of every node, and what it is missing.

``python -m nodecompare.coverage`` prints ``docs/coverage.md``; the test command checks
that the committed page is what the data gives.
"""

from __future__ import annotations

from collections.abc import Iterable

from nodecompare.catalog import Catalog, default_catalog
from nodecompare.model import PRODUCTION_KINDS, Figure, Metric, ProcessNode

__all__ = ["coverage_markdown"]

_METRICS = (Metric.DENSITY, Metric.CPP, Metric.MMP, Metric.SRAM_CELL)
_MISSING = "—"


def _figures(figures: Iterable[Figure]) -> str:
    cells = [
        f"{figure} ({figure.basis.value.replace('_', ' ')}; `{figure.source.id}`)"
        for figure in figures
    ]
    return "<br>".join(cells) if cells else _MISSING


def _production(catalog: Catalog, node: ProcessNode) -> str:
    claims = sorted(
        (c for c in catalog.claims_about(node) if c.kind in PRODUCTION_KINDS),
        key=lambda c: (c.valid_from, c.reported_on),
    )
    if not claims:
        planned = [
            c for c in catalog.claims_about(node) if c.kind.value in {"planned", "cancelled"}
        ]
        if planned:
            return "; ".join(f"{c.kind.value} {c.valid_from} (`{c.id}`)" for c in planned)
        return _MISSING
    first = claims[0]
    return f"{first.valid_from} (`{first.id}`)"


def coverage_markdown(catalog: Catalog | None = None) -> str:
    """The coverage page as Markdown: foundries x nodes x figures, with source keys."""
    catalog = default_catalog() if catalog is None else catalog
    nodes = catalog.nodes
    with_figure = {metric: sum(1 for n in nodes if n.figures_of(metric)) for metric in _METRICS}
    produced = sum(1 for n in nodes if _production(catalog, n) != _MISSING)
    lines = [
        "# Catalog coverage",
        "",
        "Generated from the data by `python -m nodecompare.coverage`; do not edit by hand.",
        "Each figure shows its basis and the key of its source (see `nodecompare.cite`); "
        f"{_MISSING} marks what the catalog does not know yet.",
        "",
        f"- {len(catalog.foundries)} manufacturers, {len(nodes)} nodes, {len(catalog.claims)} "
        f"claims, {len(catalog.fabs)} fabs, {len(catalog.controls)} export controls, "
        f"{len(catalog.sources)} sources.",
        f"- Nodes with a production or plan date: {produced} of {len(nodes)}.",
        *(
            f"- Nodes with a {metric.label} figure: {with_figure[metric]} of {len(nodes)}."
            for metric in _METRICS
        ),
        "",
    ]
    headers = ["node", "class", "transistor", "litho", "production", *(m.label for m in _METRICS)]
    for foundry in sorted(catalog.foundries, key=lambda f: f.name.casefold()):
        ordered = sorted(catalog.nodes_of(foundry), key=lambda n: (-n.node_class, n.name))
        lines += [f"## {foundry.name}", "", "| " + " | ".join(headers) + " |"]
        lines.append("|" + "---|" * len(headers))
        for node in ordered:
            cells = [
                f"{node.name} (`{node.id}`)",
                f"{node.node_class:g} nm",
                node.transistor.value if node.transistor else _MISSING,
                node.lithography.value if node.lithography else _MISSING,
                _production(catalog, node),
                *(_figures(node.figures_of(metric)) for metric in _METRICS),
            ]
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    """Print the coverage page."""
    print(coverage_markdown(), end="")


if __name__ == "__main__":
    main()
