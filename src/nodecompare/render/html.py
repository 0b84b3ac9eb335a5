"""HTML tables for notebooks: what ``result._repr_html_()`` shows, one function per type."""

from __future__ import annotations

import html

from nodecompare.cite import Citations, cite
from nodecompare.render.common import (
    BREACH_HEADERS,
    CONTROL_HEADERS,
    PRODUCT_HEADERS,
    SOURCE_HEADERS,
    basis_cell,
    breach_rows,
    claim_html,
    comparison_cells,
    comparison_headers,
    control_row,
    density_cell,
    linked_sources,
    product_row,
    source_row,
    status_rows,
)
from nodecompare.render.tables import html_table, link
from nodecompare.render.text import LADDER_HEADERS, POINT_HEADERS, node_card, trend_rows
from nodecompare.results import (
    Breaches,
    Claims,
    Comparison,
    Controls,
    Disputes,
    Equivalent,
    Leaders,
    NodeReport,
    Products,
    Sources,
    Story,
    Trend,
    as_html,
)
from nodecompare.results.leaders import nm

__all__: list[str] = []


def _escaped(rows: list[list[str]]) -> list[list[str]]:
    return [_cells(row) for row in rows]


def _cells(row: list[str]) -> list[str]:
    return [html.escape(cell) for cell in row]


@as_html.register
def _leaders(result: Leaders) -> str:
    rows = []
    for row in status_rows(result):
        density = density_cell(row.nodes[0]) if len(row.nodes) == 1 else ""
        since = (
            f"{row.since} ({row.first_node})" if row.status == "surely" else str(row.since or "")
        )
        status = f"possibly: {row.reason}" if row.status == "possibly" else row.status
        cells = [
            "" if row.rank is None else str(row.rank),
            row.foundry,
            ", ".join(node.name for node in row.nodes),
            nm(min(node.node_class for node in row.nodes)),
            "" if density == "-" else density,
            since,
            status,
        ]
        rows.append([*_cells(cells), "<br>".join(claim_html(c) for c in row.claims)])
    headers = ["#", "foundry", "most advanced", "class", "MTr/mm²", "in class since", "status"]
    return html_table(f"{result.title} (basis: {result.basis})", [*headers, "evidence"], rows)


@as_html.register
def _claims(result: Claims) -> str:
    rows = []
    for c in result.entries:
        cells = [str(c.valid_from), c.reported_on.isoformat(), c.subject]
        cells += [c.kind.value.replace("_", " "), c.statement, c.confidence.value]
        sources = linked_sources([c], "<br>")
        rows.append([*_cells(cells), sources])
    headers = ["from", "reported", "subject", "kind", "statement", "confidence", "sources"]
    return html_table(result.title, headers, rows)


@as_html.register
def _disputes(result: Disputes) -> str:
    rows = [
        [
            html.escape(d.claim.statement),
            linked_sources([d.claim], "<br>"),
            "<br>".join(html.escape(o.statement) for o in d.contradicted_by),
            linked_sources(d.contradicted_by, "<br>"),
        ]
        for d in result.entries
    ]
    headers = ["claim", "its sources", "contradicted by", "their sources"]
    return html_table(result.title, headers, rows)


@as_html.register
def _comparison(result: Comparison) -> str:
    rows = _escaped([comparison_cells(r) for r in result.entries])
    return html_table(result.title, comparison_headers(result), rows)


@as_html.register
def _equivalent(result: Equivalent) -> str:
    rows = [
        [
            html.escape(step.label),
            html.escape(str(step.figure)),
            basis_cell(step.figure),
            html.escape(step.figure.library or "-"),
            ", ".join(link(s.id, s.link) for s in cite(step.figure)),
        ]
        for step in result.steps()
    ]
    return html_table(f"{result!r}; basis: {result.basis}", LADDER_HEADERS, rows)


@as_html.register
def _controls(result: Controls) -> str:
    rows = [
        [*_cells(control_row(c)), "<br>".join(link(str(s), s.link) for s in c.sources)]
        for c in result.entries
    ]
    return html_table(result.title, [*CONTROL_HEADERS, "sources"], rows)


@as_html.register
def _breaches(result: Breaches) -> str:
    return html_table(result.title, BREACH_HEADERS, _escaped(breach_rows(result)))


@as_html.register
def _trend(result: Trend) -> str:
    return html_table(result.summary(), POINT_HEADERS, _escaped(trend_rows(result)))


@as_html.register
def _products(result: Products) -> str:
    return html_table(result.title, PRODUCT_HEADERS, _escaped([product_row(p) for p in result]))


@as_html.register
def _sources(result: Sources) -> str:
    rows = []
    for source in result:
        row = source_row(source)
        rows.append([*_cells(row[:5]), link(row[5], source.link), *_cells(row[6:])])
    return html_table(result.title, SOURCE_HEADERS, rows)


@as_html.register
def _citations(result: Citations) -> str:
    rows = [
        [html.escape(s.id), html.escape(s.publisher), link(s.title, s.link), str(s.date or "")]
        for s in result.sources
    ]
    return html_table(f"{len(result)} sources", ["id", "publisher", "title", "date"], rows)


@as_html.register
def _node_report(result: NodeReport) -> str:
    return f"<pre>{html.escape(node_card(result.node))}</pre>{as_html(result.claims)}"


@as_html.register
def _story(result: Story) -> str:
    return "".join(f"<h3>{html.escape(title)}</h3>{as_html(a)}" for title, a in result.sections)
