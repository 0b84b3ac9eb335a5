"""The coverage page: what the catalog knows of every node, and what it is missing.

``python -m nodecompare.coverage`` prints ``docs/coverage.md``; the test command checks
that the committed page is what the data gives.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from nodecompare import metrics
from nodecompare.catalog import Catalog
from nodecompare.integrity import weak_only
from nodecompare.io import default_catalog
from nodecompare.model import (
    PRODUCTION_KINDS,
    Claim,
    Figure,
    Metric,
    ProcessNode,
    Tier,
    strongest_first,
)

__all__ = ["coverage_markdown"]

_METRICS = (Metric.DENSITY, Metric.CPP, Metric.MMP, Metric.SRAM_CELL)
_MISSING = "—"


@attrs.frozen
class _Subsets:
    """The nodes and claims the summary counts and the gap sections list, found once."""

    small: tuple[ProcessNode, ...]  # 28 nm and below
    dense: tuple[ProcessNode, ...]  # of those, with a density of any kind
    pitched: tuple[ProcessNode, ...]  # of those, with both a CPP and an MMP
    finest: tuple[ProcessNode, ...]  # 16 nm and below
    celled: tuple[ProcessNode, ...]  # of those, with a headline 6T SRAM bitcell
    production: tuple[Claim, ...]
    press_only: tuple[Claim, ...]  # production claims that cite no primary source
    produced: frozenset[str]  # ids of the nodes a production claim is about

    @classmethod
    def of(cls, catalog: Catalog) -> _Subsets:
        small = tuple(n for n in catalog.nodes if n.node_class <= 28)
        finest = tuple(n for n in catalog.nodes if n.node_class <= 16)
        production = tuple(c for c in catalog.claims if c.kind in PRODUCTION_KINDS)
        return cls(
            small,
            tuple(n for n in small if _density_cells(catalog, n)),
            tuple(n for n in small if n.figures_of(Metric.CPP) and n.figures_of(Metric.MMP)),
            finest,
            # Vendors quote their densest cell, so one naming no library counts as headline.
            tuple(n for n in finest if any(f.headline for f in n.figures_of(Metric.SRAM_CELL))),
            production,
            tuple(c for c in production if all(s.tier is not Tier.PRIMARY for s in c.sources)),
            frozenset(c.node.id for c in production if c.node is not None),
        )


def _figure(figure: Figure, how: str) -> str:
    return f"{figure} ({how}; `{figure.source.id}`, {figure.source.tier.value})"


def _stored(figure: Figure) -> str:
    basis = figure.basis.value.replace("_", " ")
    return _figure(figure, basis + (", projected" if figure.projected else ""))


def _cell(entries: Iterable[str]) -> str:
    return "<br>".join(entries) or _MISSING


def _figures(figures: Iterable[Figure]) -> str:
    return _cell(_stored(figure) for figure in figures)


def _density_cells(catalog: Catalog, node: ProcessNode) -> list[str]:
    """The stored densities, then those computed from the node's cited cell dimensions and
    from its products' counts and areas: every density the page shows, and so every one the
    summary counts."""
    cells = [_stored(figure) for figure in node.figures_of(Metric.DENSITY)]
    cells += [
        _figure(figure, f"derived from CPP and {figure.library} cell height")
        for figure in metrics.derived_densities(node)
    ]
    cells += [
        _figure(product.density, f"product measurement, `{product.id}`")
        for product in catalog.products_on(node)
        if product.density is not None
    ]
    return cells


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
    subsets = _Subsets.of(catalog)
    lines = [
        "# Catalog coverage",
        "",
        "Generated from the data by `python -m nodecompare.coverage`; do not edit by hand.",
        "Each figure shows its basis, the key of its source (see `nodecompare.cite`) and the "
        "source's tier (primary, reputable or weak; see `nodecompare.sources`); "
        f"{_MISSING} marks what the catalog does not know yet. Densities also list those "
        "nodecompare computes: derived from a node's cited CPP and cell height, and measured "
        "on each product (its published transistors over its die area).",
        "",
        f"- {len(catalog.foundries)} manufacturers, {len(nodes)} nodes, {len(catalog.claims)} "
        f"claims, {len(catalog.fabs)} fabs, {len(catalog.controls)} export controls, "
        f"{len(catalog.products)} products, {len(catalog.sources)} sources ("
        + ", ".join(
            f"{sum(1 for s in catalog.sources if s.tier is tier)} {tier.value}" for tier in Tier
        )
        + ").",
        f"- Nodes with a production or plan date: {produced} of {len(nodes)}.",
        *(
            f"- Nodes with a {metric.label} figure: {with_figure[metric]} of {len(nodes)}."
            for metric in _METRICS
        ),
        *_small_node_lines(subsets),
        *_primary_line(subsets),
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
                _cell(_density_cells(catalog, node)),
                *(_figures(node.figures_of(metric)) for metric in _METRICS[1:]),
            ]
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
        lines.append("")
    sections = [
        *_gaps_section(subsets),
        *_weak_section(catalog),
        *_press_only_section(subsets),
    ]
    return "\n".join(lines + sections)


def _gaps_section(subsets: _Subsets) -> list[str]:
    """The nodes of 28 nm and below still missing a density or a CPP and MMP pair, so that
    what no cited source gave is listed rather than only left blank."""
    if not subsets.small:
        return []

    def listed(nodes: Iterable[ProcessNode]) -> str:
        return ", ".join(
            f"`{n.id}`" + ("" if n.id in subsets.produced else " (no production claim)")
            for n in sorted(nodes, key=lambda n: n.id)
        )

    def missing(
        nodes: tuple[ProcessNode, ...], having: tuple[ProcessNode, ...]
    ) -> list[ProcessNode]:
        ids = {n.id for n in having}
        return [n for n in nodes if n.id not in ids]

    missing_density = missing(subsets.small, subsets.dense)
    missing_pitches = missing(subsets.small, subsets.pitched)
    missing_cells = missing(subsets.finest, subsets.celled)
    return [
        "## Gaps at 28 nm and below",
        "",
        "No cited source gave these yet; nothing is estimated to fill them.",
        "",
        f"- No density ({len(missing_density)}): {listed(missing_density) or _MISSING}.",
        f"- No CPP and MMP pair ({len(missing_pitches)}): {listed(missing_pitches) or _MISSING}.",
        f"- No high-density 6T SRAM bitcell, at 16 nm and below ({len(missing_cells)}): "
        f"{listed(missing_cells) or _MISSING}.",
        "",
    ]


def _small_node_lines(subsets: _Subsets) -> list[str]:
    if not subsets.small:
        return []
    small = len(subsets.small)
    return [
        f"- Nodes of 28 nm and below with a density (stored, derived from CPP and cell height, "
        f"or measured on a product): {len(subsets.dense)} of {small}.",
        f"- Nodes of 28 nm and below with both CPP and MMP: {len(subsets.pitched)} of {small}.",
        f"- Nodes of 16 nm and below with a high-density 6T SRAM bitcell: "
        f"{len(subsets.celled)} of {len(subsets.finest)}.",
    ]


def _weak_section(catalog: Catalog) -> list[str]:
    weak = weak_only(catalog)
    if not weak:
        return []
    lines = [
        "## Resting only on weak sources",
        "",
        "These figures and claims cite only weak sources (reposts, content sites, blogs); "
        "each says why nothing stronger is cited.",
        "",
        "| record | sources | why |",
        "|---|---|---|",
    ]
    for record in weak:
        sources = ", ".join(f"`{s.id}`" for s in record.sources)
        cells = [record.record, sources, record.reason or _MISSING]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return [*lines, ""]


def _primary_line(subsets: _Subsets) -> list[str]:
    if not subsets.production:
        return []
    cited = len(subsets.production) - len(subsets.press_only)
    return [
        f"- Production claims citing a primary source (the company, a regulator, a paper or a "
        f"teardown house): {cited} of {len(subsets.production)}."
    ]


def _press_only_section(subsets: _Subsets) -> list[str]:
    """The production dates that rest on reports alone, so a reader knows which ones no
    company statement, filing, paper or teardown was found for."""
    if not subsets.press_only:
        return []
    lines = [
        "## Production claims without a primary source",
        "",
        "These cite trade press or weaker sources only: no statement of the company, filing, "
        "paper or teardown was found for them. The strongest source each cites is shown.",
        "",
        "| claim | from | strongest source |",
        "|---|---|---|",
    ]
    for claim in sorted(subsets.press_only, key=lambda c: c.id):
        best = strongest_first(claim.sources)[0]
        cells = [f"`{claim.id}`", str(claim.valid_from), f"`{best.id}` ({best.tier.value})"]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def main() -> None:
    """Print the coverage page."""
    print(coverage_markdown(), end="")


if __name__ == "__main__":
    main()
