"""The nodes table in every form, and a node's card for notebooks.

:class:`~nodecompare.Nodes` shows as a text table, an HTML table, a typed pandas frame
and JSON data; a :class:`~nodecompare.ProcessNode` shows as an HTML card (its figures
with bases and sources, its names over time, its production claims and its fabs), drawn
from the bundled catalog when the node is one of its own.
"""

from __future__ import annotations

import html
from typing import Any, Final

from nodecompare.catalog import Catalog
from nodecompare.io import default_catalog
from nodecompare.model import PRODUCTION_KINDS, Figure, Metric, ProcessNode
from nodecompare.model.display import record_html
from nodecompare.render.common import basis_cell, claim_html
from nodecompare.render.frames import DAY, LIST, NUMBER, TEXT, date_cells, date_columns, typed_frame
from nodecompare.render.style import current_style
from nodecompare.render.tables import fit, fits, html_table, link, text_table
from nodecompare.results import NodeRow, Nodes, as_data, as_frame, as_html, as_text
from nodecompare.results.leaders import nm
from nodecompare.results.nodes import TABLE_METRICS

__all__ = ["NODE_HEADERS", "TEXT_HEADERS", "node_html", "node_row_dict"]

NODE_HEADERS: Final = (
    "foundry",
    "node",
    "id",
    "class",
    "transistor",
    "litho",
    "in production",
    "MTr/mm2",
    "CPP nm",
    "MMP nm",
    "SRAM um2",
)
#: Each table metric's column in frames and data, named with its unit.
_COLUMNS: Final = {
    Metric.DENSITY: "density_mtr_per_mm2",
    Metric.CPP: "cpp_nm",
    Metric.MMP: "mmp_nm",
    Metric.SRAM_CELL: "sram_cell_um2",
}


def _production(row: NodeRow) -> str:
    if row.surely_since is not None:
        return f"since {row.surely_since}"
    if row.possibly_since is not None:
        return f"possibly, {row.possibly_since}"
    return "-"


def _cells(row: NodeRow) -> list[str]:
    node = row.node
    return [
        node.foundry.name,
        row.name,
        node.id,
        nm(node.node_class),
        "-" if node.transistor is None else node.transistor.value,
        "-" if node.lithography is None else node.lithography.value,
        _production(row),
        *("-" if f is None else f"{f.magnitude:g}" for f in row.figures),
    ]


#: The text table's columns, most needed first: a narrow terminal loses the last ones
#: (every column stays in ``to_frame()`` and ``--json``).
TEXT_HEADERS: Final = (
    "foundry",
    "node",
    "class",
    "MTr/mm2",
    "production",
    "device",
    "litho",
    "CPP nm",
    "MMP nm",
    "SRAM um2",
    "id",
)


def _text_cells(row: NodeRow) -> list[str]:
    node = row.node
    density, cpp, mmp, sram = ("-" if f is None else f"{f.magnitude:g}" for f in row.figures)
    when = row.surely_since or row.possibly_since
    production = "-" if when is None else str(when) + ("" if row.surely_since else "?")
    return [
        node.foundry.name,
        row.name,
        nm(node.node_class),
        density,
        production,
        "-" if node.transistor is None else node.transistor.value,
        "-" if node.lithography is None else node.lithography.value,
        cpp,
        mmp,
        sram,
        node.id,
    ]


@as_text.register
def _nodes_text(result: Nodes) -> str:
    """As many columns as fit the width, most needed first; the rest are named below."""
    width = current_style().width
    rows = [_text_cells(row) for row in result]
    count = len(TEXT_HEADERS)
    while count > 3 and not fits(TEXT_HEADERS[:count], [r[:count] for r in rows], width, _WRAP):
        count -= 1
    table = text_table(TEXT_HEADERS[:count], [r[:count] for r in rows], wrap=_WRAP)
    notes = [
        "production: since when on the date asked ('?': possibly, by a claim known only to "
        "a period); figures: the preferred of each, with bases and sources in to_frame()"
    ]
    if count < len(TEXT_HEADERS):
        notes.append(f"not shown at this width: {', '.join(TEXT_HEADERS[count:])} (see --json)")
    return fit("\n".join([repr(result), table, *notes]), width)


_WRAP: Final = ("foundry", "node")


def _figure_html(figure: Figure | None) -> str:
    if figure is None:
        return "-"
    source = link(figure.source.id, figure.source.link)
    return f"{figure.magnitude:g}<br><small>{html.escape(basis_cell(figure))}, {source}</small>"


@as_html.register
def _nodes_html(result: Nodes) -> str:
    rows = [
        [html.escape(cell) for cell in _cells(row)[:7]] + [_figure_html(f) for f in row.figures]
        for row in result
    ]
    return html_table(repr(result), NODE_HEADERS, rows)


def node_row_dict(row: NodeRow) -> dict[str, Any]:
    """One row as JSON-compatible data: dates as ISO text, figures with basis and source."""
    node, possibly, surely = row.node, row.possibly_since, row.surely_since
    data: dict[str, Any] = {
        "foundry": node.foundry.name,
        "id": node.id,
        "name": row.name,
        "names": list(row.names),
        "class_nm": node.node_class,
        "transistor": None if node.transistor is None else node.transistor.value,
        "lithography": None if node.lithography is None else node.lithography.value,
        "in_production": row.status or None,
        "production_from": None if possibly is None else str(surely or possibly),
        "production_possibly_from": None if possibly is None else possibly.start.isoformat(),
        "production_surely_from": None if surely is None else surely.end.isoformat(),
        "production_claims": [claim.id for claim in row.claims],
    }
    for metric, figure in zip(TABLE_METRICS, row.figures, strict=True):
        column = _COLUMNS[metric]
        data[column] = None if figure is None else figure.magnitude
        data[f"{column}_basis"] = None if figure is None else figure.basis.value
        data[f"{column}_source"] = None if figure is None else figure.source.id
    return data


@as_data.register
def _nodes_data(result: Nodes) -> dict[str, Any]:
    return {
        "title": result.title,
        "as_of": result.as_of.isoformat(),
        "known_by": None if result.known_by is None else result.known_by.isoformat(),
        "nodes": [node_row_dict(row) for row in result],
    }


_FRAME_COLUMNS: Final = {
    "foundry": TEXT,
    "id": TEXT,
    "name": TEXT,
    "names": LIST,
    "class_nm": NUMBER,
    "transistor": TEXT,
    "lithography": TEXT,
    "in_production": TEXT,
    **date_columns("production_from"),
    "production_possibly_from": DAY,
    "production_surely_from": DAY,
    "production_claims": LIST,
    **{
        f"{_COLUMNS[metric]}{end}": kind
        for metric in TABLE_METRICS
        for end, kind in (("", NUMBER), ("_basis", TEXT), ("_source", TEXT))
    },
}


def _frame_row(row: NodeRow) -> dict[str, Any]:
    """A row's data with typed dates: the text's first and last days, the earliest day
    production possibly began and the day by which it surely had."""
    possibly, surely = row.possibly_since, row.surely_since
    return node_row_dict(row) | {
        **date_cells("production_from", surely or possibly),
        "production_possibly_from": None if possibly is None else possibly.start,
        "production_surely_from": None if surely is None else surely.end,
    }


@as_frame.register
def _nodes_frame(result: Nodes) -> Any:
    return typed_frame(map(_frame_row, result), _FRAME_COLUMNS, "id")


def _catalog_of(node: ProcessNode) -> Catalog | None:
    """The bundled catalog when ``node`` is one of its own, else None."""
    catalog = default_catalog()
    return catalog if catalog.get_node(node.id) == node else None


def _names_html(node: ProcessNode) -> str:
    rows = [[html.escape(node.name), "", "now"]]
    rows += [
        [
            html.escape(a.name + (" (a disputed reading)" if a.disputed else "")),
            str(a.since or ""),
            str(a.until or ""),
        ]
        for a in node.aliases
    ]
    return html_table("names over time", ["name", "from", "until"], rows)


def _figures_html(node: ProcessNode) -> str:
    rows = [
        [
            html.escape(f.metric.label),
            html.escape(str(f)),
            html.escape(basis_cell(f)),
            html.escape(f.library or ""),
            link(str(f.source), f.source.link),
        ]
        for f in node.figures
    ]
    return html_table("figures", ["figure", "value", "basis", "library", "source"], rows)


def _fabs_html(node: ProcessNode, catalog: Catalog) -> str:
    rows = [
        [
            html.escape(fab.name),
            html.escape(f"{fab.city}, {fab.country}"),
            str(made.since or "") + (" (planned)" if made.planned else ""),
            "<br>".join(link(str(s), s.link) for s in made.sources),
        ]
        for fab, made in catalog.made_at(node)
    ]
    return html_table("fabs", ["fab", "where", "since", "sources"], rows)


@record_html.register
def node_html(node: ProcessNode) -> str:
    """A node's card: its class and make-up, figures with bases and sources, names over
    time and, for a node of the bundled catalog, its production claims and fabs."""
    made = ", ".join(str(v.value) for v in (node.transistor, node.lithography) if v is not None)
    head = f"{node.label} ({node.id}): {nm(node.node_class)} class" + (f", {made}" if made else "")
    parts = [f"<div><h4>{html.escape(head)}</h4>"]
    if node.note:
        parts.append(f"<p>{html.escape(node.note)}</p>")
    parts += [_figures_html(node), _names_html(node)]
    catalog = _catalog_of(node)
    if catalog is not None:
        claims = [c for c in catalog.claims_about(node) if c.kind in PRODUCTION_KINDS]
        rows = [[claim_html(c), html.escape(c.statement)] for c in claims]
        parts.append(html_table("production claims", ["claim", "statement"], rows))
        parts.append(_fabs_html(node, catalog))
    return "".join([*parts, "</div>"])


@as_html.register
def _node_card_html(node: ProcessNode) -> str:
    return node_html(node)
