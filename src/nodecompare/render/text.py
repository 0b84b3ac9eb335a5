"""Text tables: what ``str(result)`` prints in a terminal, one function per result type."""

from __future__ import annotations

from typing import Final

from nodecompare.cite import Citations, cite
from nodecompare.model import ProcessNode
from nodecompare.render.common import (
    BREACH_HEADERS,
    CONTROL_HEADERS,
    PRODUCT_HEADERS,
    SOURCE_HEADERS,
    breach_rows,
    claim_block,
    claim_lines,
    comparison_cells,
    comparison_headers,
    control_row,
    density_cell,
    product_row,
    source_row,
)
from nodecompare.render.tables import text_table
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
    as_text,
)
from nodecompare.results.leaders import nm

__all__ = ["LADDER_HEADERS", "POINT_HEADERS", "equivalent_rows", "node_card", "trend_rows"]

LADDER_HEADERS: Final = ("node", "density", "basis", "library", "source")
POINT_HEADERS: Final = ("point", "date", "MTr/mm2", "residual (ln)", "basis", "source")


def _uncertain_lines(result: Leaders) -> list[str]:
    lines = [f"possibly: {p.foundry.name} ({p.reason})" for p in result.possibly]
    lines += [
        f"location unknown: {u.foundry.name} ({', '.join(n.name for n in u.nodes)} in "
        f"production; no fab or location record places it on {result.as_of})"
        for u in result.location_unknown
    ]
    return lines


def _leaders_evidence(result: Leaders) -> list[str]:
    lines = ["evidence:"]
    for entry in result.entries:
        lines.append(f"  {entry.rank}. {entry.foundry.name}")
        lines += [f"     {line}" for claim in entry.claims for line in claim_lines(claim)]
        lines += [f"     made at: {site.name} ({site.country})" for site in entry.sites]
    for maybe in result.possibly:
        lines.append(f"  possibly: {maybe.foundry.name}")
        lines += [f"     {line}" for claim in maybe.claims for line in claim_lines(claim)]
    return lines


@as_text.register
def _leaders(result: Leaders) -> str:
    lines = [result.title, f"basis: {result.basis}"]
    if not result.entries:
        return "\n".join([*lines, "(no foundry)", *_uncertain_lines(result)])
    rows = [
        [
            str(e.rank),
            e.foundry.name,
            e.node.name,
            nm(e.node.node_class),
            density_cell(e.node),
            f"{e.since} ({e.first_node.name})",
        ]
        for e in result.entries
    ]
    headers = ["#", "foundry", "most advanced", "class", "MTr/mm2", "in class since"]
    lines += ["", text_table(headers, rows)]
    if uncertain := _uncertain_lines(result):
        lines += ["", *uncertain]
    return "\n".join([*lines, "", *_leaders_evidence(result)])


@as_text.register
def _claims(result: Claims) -> str:
    lines = [result.title]
    for claim in result.entries:
        lines += claim_block(claim, "- ")
    return "\n".join(lines)


@as_text.register
def _disputes(result: Disputes) -> str:
    lines = [result.title]
    for dispute in result.entries:
        lines += claim_block(dispute.claim, "- ")
        for other in dispute.contradicted_by:
            lines += claim_block(other, "  contradicted by: ")
    return "\n".join(lines)


@as_text.register
def _comparison(result: Comparison) -> str:
    table = text_table(comparison_headers(result), [comparison_cells(r) for r in result.entries])
    lines = [result.title, "", table, "", "evidence:"]
    for row in result.entries:
        for reached in (row.a, row.b):
            if reached is not None:
                lines.append(f"  {row.generation.label}, {reached.node.label}:")
                lines += [f"     {line}" for c in reached.claims for line in claim_lines(c)]
    return "\n".join(lines)


def equivalent_rows(result: Equivalent) -> list[list[str]]:
    """The ladder and the placed node, least dense first, each with its sources' ids."""
    return [
        [label, str(f), f.basis.value, f.library or "-", ", ".join(s.id for s in cite(f))]
        for label, f in result.steps()
    ]


@as_text.register
def _equivalent(result: Equivalent) -> str:
    table = text_table(LADDER_HEADERS, equivalent_rows(result))
    return f"{result!r}\nbasis: {result.basis}\n{table}"


@as_text.register
def _controls(result: Controls) -> str:
    lines = [result.title, "", text_table(CONTROL_HEADERS, [control_row(c) for c in result])]
    for control in result.entries:
        lines.append(f"- {control.title}: " + "; ".join(str(s) for s in control.sources))
    return "\n".join(lines)


@as_text.register
def _breaches(result: Breaches) -> str:
    lines = [result.title, "", text_table(BREACH_HEADERS, breach_rows(result)), "", "evidence:"]
    for breach in (*result.entries, *result.possibly):
        lines.append(f"  {breach.foundry.name} {breach.node.name} past {breach.control.title}:")
        lines += [f"     {line}" for c in breach.claims for line in claim_lines(c)]
    return "\n".join(lines)


def trend_rows(result: Trend) -> list[list[str]]:
    """Each point with its date, density, residual, basis and source."""
    return [
        [
            p.label,
            p.date.isoformat(),
            f"{p.density:g}",
            f"{r:+.2f}",
            p.figure.basis.value if p.figure else "",
            p.figure.source.id if p.figure else "",
        ]
        for p, r in zip(result.points, result.residuals, strict=True)
    ]


@as_text.register
def _trend(result: Trend) -> str:
    return "\n".join([result.summary(), "", text_table(POINT_HEADERS, trend_rows(result))])


@as_text.register
def _products(result: Products) -> str:
    return "\n".join([result.title, text_table(PRODUCT_HEADERS, [product_row(p) for p in result])])


@as_text.register
def _sources_table(result: Sources) -> str:
    return "\n".join([result.title, text_table(SOURCE_HEADERS, [source_row(s) for s in result])])


@as_text.register
def node_card(node: ProcessNode) -> str:
    """A node's names, class, make-up and every figure with its basis and source."""
    lines = [f"{node.label} ({node.id})", f"class: {nm(node.node_class)}"]
    if node.class_source is not None:
        lines[-1] += f", placed by {node.class_source}"
    names = [
        alias.name
        + (f" (from {alias.since})" if alias.since else "")
        + (f" (until {alias.until})" if alias.until else "")
        for alias in node.aliases
    ]
    if names:
        lines.append(f"also: {', '.join(names)}")
    made = [str(v.value) for v in (node.transistor, node.lithography) if v is not None]
    if made:
        lines.append(f"made with: {', '.join(made)}")
    if node.note:
        lines.append(f"note: {node.note}")
    rows = [
        [figure.metric.label, str(figure), figure.basis.value, str(figure.source)]
        for figure in node.figures
    ]
    if rows:
        lines += ["", text_table(["figure", "value", "basis", "source"], rows)]
    else:
        lines.append("figures: none cited yet")
    return "\n".join(lines)


@as_text.register
def _citations(result: Citations) -> str:
    rows = [
        [s.id, s.publisher, s.title, str(s.date) if s.date else "", s.link or ""]
        for s in result.sources
    ]
    return text_table(["id", "publisher", "title", "date", "url"], rows)


@as_text.register
def _node_report(result: NodeReport) -> str:
    return f"{node_card(result.node)}\n\n{as_text(result.claims)}"


@as_text.register
def _story(result: Story) -> str:
    rule = "=" * 78
    return "\n\n".join(
        f"{rule}\n{title}\n{rule}\n{as_text(answer)}" for title, answer in result.sections
    )
