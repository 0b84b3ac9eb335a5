"""Text tables: what ``str(result)`` prints in a terminal, one function per result type.

Text fits the current :func:`~nodecompare.render.style.text_style` (100 columns and
summarised evidence unless asked otherwise): tables narrow their long text columns,
prose folds, and evidence is one line per claim with numbered sources listed below.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final, TypeVar

from nodecompare.cite import Citations, cite
from nodecompare.model import Claim, Figure, ProcessNode, Source
from nodecompare.render.common import (
    BREACH_HEADERS,
    CONTROL_HEADERS,
    PRODUCT_HEADERS,
    basis_cell,
    breach_rows,
    comparison_cells,
    comparison_headers,
    control_row,
    density_cell,
    product_row,
    source_row,
)
from nodecompare.render.evidence import (
    Notes,
    citing,
    claim_evidence,
    claim_statement,
    fitted,
    source_list,
)
from nodecompare.render.style import current_style
from nodecompare.render.tables import cut, display_width, printable, text_table
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

__all__ = [
    "LADDER_HEADERS",
    "POINT_HEADERS",
    "PRODUCT_TEXT_HEADERS",
    "equivalent_rows",
    "node_card",
    "shows_text",
    "trend_rows",
]

LADDER_HEADERS: Final = ("node", "density", "basis", "library", "source")
POINT_HEADERS: Final = ("point", "date", "MTr/mm2", "residual (ln)", "basis", "source")

T = TypeVar("T")
Lines = Callable[[T, Notes], list[str]]


def shows_text(kind: type[T]) -> Callable[[Lines[T]], Lines[T]]:
    """Register a function giving a result's lines as its text: the lines are folded to
    the current width and, unless the result is shown inside another, followed by the
    sources its evidence cited."""

    def register(lines: Lines[T]) -> Lines[T]:
        def text(result: T) -> str:
            with citing() as (notes, outermost):
                shown = lines(result, notes)
                if outermost:
                    shown += source_list(notes)
            return fitted(shown)

        as_text.register(kind, text)
        return lines

    return register


Group = tuple[str, Sequence[Claim]]


def _evidence(notes: Notes, groups: Sequence[Group]) -> list[str]:
    """An evidence block of (heading, claims) groups: in full, each heading over its
    claims' evidence; in a summary, one line per claim (each names its node) not shown
    above, the headings left out, and nothing when every claim was shown above."""
    mode = current_style().evidence
    if mode == "none":
        return []
    if mode == "full":
        lines = ["", "evidence:"]
        for heading, claims in groups:
            lines += [f"  {heading}", *claim_evidence(claims, notes, "     ")]
        return lines
    claims = [c for _, group in groups for c in group]
    fresh = [c for c in claims if notes.first_time(c.id)]
    again = len(claims) - len(fresh)
    if not fresh:
        return []
    shown = f" ({again} claim{'s' if again > 1 else ''} shown above)" if again else ""
    return [f"evidence{shown}:", *claim_evidence(fresh, notes)]


def _uncertain_lines(result: Leaders) -> list[str]:
    lines = [f"possibly: {p.foundry.name} ({p.reason})" for p in result.possibly]
    lines += [
        f"location unknown: {u.foundry.name} ({', '.join(n.name for n in u.nodes)} in "
        f"production; no fab or location record places it on {result.as_of})"
        for u in result.location_unknown
    ]
    return lines


@shows_text(Leaders)
def _leaders(result: Leaders, notes: Notes) -> list[str]:
    lines = notes.title(result.title)
    if notes.first_time(f"basis: {result.basis}"):
        lines.append(f"basis: {result.basis}")
    if not result.entries:
        return [*lines, "(no foundry)", *_uncertain_lines(result)]
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
    if any(e.sites for e in result.entries):
        headers.append("made at")
        for row, e in zip(rows, result.entries, strict=True):
            row.append("; ".join(f"{site.name} ({site.country})" for site in e.sites))
    wrap = ("most advanced", "in class since", "made at")
    lines.append(text_table(headers, rows, wrap=wrap))
    if uncertain := _uncertain_lines(result):
        lines += ["", *uncertain]
    groups = [(f"{e.rank}. {e.foundry.name}", e.claims) for e in result.entries]
    groups += [(f"possibly: {p.foundry.name}", p.claims) for p in result.possibly]
    return [*lines, *_evidence(notes, groups)]


@shows_text(Claims)
def _claims(result: Claims, notes: Notes) -> list[str]:
    lines, again = notes.title(result.title), 0
    for claim in result.entries:
        if current_style().evidence == "full" or notes.first_time(f"listed {claim.id}"):
            lines += claim_statement(claim, notes, "- ")
        else:
            again += 1
    if again:
        lines.append(f"({again} more listed above)")
    return lines


@shows_text(Disputes)
def _disputes(result: Disputes, notes: Notes) -> list[str]:
    """Each contradiction once: a claim already shown with every claim contradicting it
    (the other side of a pair) is not shown again."""
    lines = notes.title(f"{result.title}, each shown once")
    for dispute in result.entries:
        both = (dispute.claim, *dispute.contradicted_by)
        if not [c for c in both if notes.first_time(f"listed {c.id}")]:
            continue
        lines += claim_statement(dispute.claim, notes, "- ")
        for other in dispute.contradicted_by:
            lines += claim_statement(other, notes, "  contradicted by: ")
    return lines


@shows_text(Comparison)
def _comparison(result: Comparison, notes: Notes) -> list[str]:
    table = text_table(comparison_headers(result), [comparison_cells(r) for r in result.entries])
    groups = [
        (f"{row.generation.label}, {reached.node.label}:", reached.claims)
        for row in result.entries
        for reached in (row.a, row.b)
        if reached is not None
    ]
    return [result.title, "", table, *_evidence(notes, groups)]


def equivalent_rows(result: Equivalent) -> list[list[str]]:
    """The ladder and the placed node, least dense first, each with its sources' ids."""
    return [
        [step.label, str(f), basis_cell(f), f.library or "-", ", ".join(s.id for s in cite(f))]
        for step in result.steps()
        for f in (step.figure,)
    ]


def _cited(sources: Sequence[Source], notes: Notes) -> str:
    """A sources cell: numbers in a summary (listed below), ids in full."""
    if current_style().evidence == "summary":
        return " ".join(f"[{notes.number(s)}]" for s in sources)
    return ", ".join(s.id for s in sources)


def _sourced(headers: Sequence[str], rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """The table without its last (sources) column when no evidence is asked for."""
    if current_style().evidence == "none":
        return list(headers[:-1]), [row[:-1] for row in rows]
    return list(headers), rows


@shows_text(Equivalent)
def _equivalent(result: Equivalent, notes: Notes) -> list[str]:
    """The ladder as a table; in a summary its sources are numbered and listed below."""
    rows = equivalent_rows(result)
    for row, step in zip(rows, result.steps(), strict=True):
        row[-1] = _cited(cite(step.figure).sources, notes)
    headers, rows = _sourced(LADDER_HEADERS, rows)
    table = text_table(headers, rows, wrap=("node", "source"))
    return [repr(result), f"basis: {result.basis}", table]


@shows_text(Controls)
def _controls(result: Controls, notes: Notes) -> list[str]:
    rows = [control_row(c) for c in result]
    lines = [result.title, "", text_table(CONTROL_HEADERS, rows, wrap=("control", "targets"))]
    mode = current_style().evidence
    for control in result.entries if mode != "none" else ():
        if mode == "full":
            lines.append(f"- {control.title}: " + "; ".join(str(s) for s in control.sources))
        else:
            lines.append(f"- {control.title} {notes.cite(control.sources)}")
    return lines


@shows_text(Breaches)
def _breaches(result: Breaches, notes: Notes) -> list[str]:
    table = text_table(BREACH_HEADERS, breach_rows(result), wrap=("control", "node"))
    groups = [
        (f"{b.foundry.name} {b.node.name} past {b.control.title}:", b.claims)
        for b in (*result.entries, *result.possibly)
    ]
    return [*notes.title(result.title), table, *_evidence(notes, groups)]


def trend_rows(result: Trend) -> list[list[str]]:
    """Each point with its date, density, residual, basis and source."""
    return [
        [
            p.label,
            p.date.isoformat(),
            f"{p.density:g}",
            f"{r:+.2f}",
            basis_cell(p.figure),
            p.figure.source.id if p.figure else "",
        ]
        for p, r in zip(result.points, result.residuals, strict=True)
    ]


@shows_text(Trend)
def _trend(result: Trend, notes: Notes) -> list[str]:
    table = text_table(POINT_HEADERS, trend_rows(result), wrap=("point",))
    return [result.summary(), "", table]


#: The products table's text columns: the designer (in --json and frames) is left out,
#: as a product's name begins with it.
PRODUCT_TEXT_HEADERS: Final = tuple(h for h in PRODUCT_HEADERS if h != "designer")


@shows_text(Products)
def _products(result: Products, notes: Notes) -> list[str]:
    """A row per product; in a summary its sources are numbered and listed below."""
    rows = []
    for product in result:
        name, _, node, released, area, count, density, _ = product_row(product)
        cited = _cited(product.sources, notes)
        rows.append([name, node, released, area, count, density, cited])
    headers, rows = _sourced(PRODUCT_TEXT_HEADERS, rows)
    return [result.title, text_table(headers, rows, wrap=("product", "node", "sources"))]


#: A title in the sources listing keeps at least this many columns.
_TITLE_ROOM: Final = 12


@shows_text(Sources)
def _sources_table(result: Sources, notes: Notes) -> list[str]:
    """Two lines a source, at any width: its id, kind, tier and date; then its publisher
    and title, the copy it was read through and whose reports it relays. The copy and the
    relays take at most a third of the line, so the title keeps the rest; in a narrow
    terminal the title keeps a dozen columns (the publisher is cut for it) and the line's
    end is cut off instead; an id wider than the width is kept whole, alone on its line."""
    lines = [result.title, "id  (kind, tier, date)", "    publisher: title (read via | relays)"]
    width = current_style().width
    for source in result:
        key, publisher, kind, tier, date, title, via, relays = source_row(source)
        about = f"  ({kind}, {tier}, {date or 'undated'})"
        extras = [f"read via {printable(via)}"] if via else []
        extras += [f"relaying {printable(relays)}"] if relays else []
        # A bar, not a semicolon: relays are joined by semicolons, and hosts may have them.
        read = f" ({' | '.join(extras)})" if extras else ""
        if width is None:
            lines += [key + about, f"    {printable(publisher)}: {printable(title)}{read}"]
            continue
        named = f"    {cut(publisher, width - len('    : ') - _TITLE_ROOM)}: "
        read = cut(read, max(width // 3, _TITLE_ROOM))
        room = max(width - display_width(named + read), _TITLE_ROOM)
        after_id = width - display_width(key)
        lines.append(key + (cut(about, after_id) if after_id >= _TITLE_ROOM else ""))
        lines.append(cut(named + cut(title, room) + read, width))
    return lines


def _figure_source(source: Source, notes: Notes) -> str:
    if current_style().evidence == "summary":
        return f"[{notes.number(source)}] {source.id}"
    return str(source)


def _library_value(figure: Figure) -> str:
    """A figure's value with the cell library it describes, when it names one (Intel 3's
    two cell heights are told apart only by it)."""
    return f"{figure} {figure.library}" if figure.library else str(figure)


@shows_text(ProcessNode)
def _node_lines(node: ProcessNode, notes: Notes) -> list[str]:
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
        [f.metric.label, _library_value(f), basis_cell(f), _figure_source(f.source, notes)]
        for f in node.figures
    ]
    if not rows:
        return [*lines, "figures: none cited yet"]
    headers, rows = _sourced(["figure", "value", "basis", "source"], rows)
    return [*lines, "", text_table(headers, rows, wrap=("value", "source"))]


def node_card(node: ProcessNode) -> str:
    """A node's names, class, make-up and every figure with its basis and source."""
    return as_text(node)


@shows_text(Citations)
def _citations(result: Citations, notes: Notes) -> list[str]:
    rows = [
        [s.id, s.publisher, s.title, str(s.date) if s.date else "", s.link or ""]
        for s in result.sources
    ]
    headers = ["id", "publisher", "title", "date", "url"]
    return [text_table(headers, rows, wrap=("publisher", "title", "url"))]


@shows_text(NodeReport)
def _node_report(result: NodeReport, notes: Notes) -> list[str]:
    return [as_text(result.node), "", as_text(result.claims)]


@shows_text(Story)
def _story(result: Story, notes: Notes) -> list[str]:
    """Each section under its title, which stands for its answer's; in a summary the
    sections share one numbered list of sources, and a claim or line one section showed
    is not repeated by the next."""
    lines: list[str] = []
    for title, answer in result.sections:
        notes.titled = False
        try:
            lines += [f"== {title} ==", as_text(answer)]
        finally:
            notes.titled = True
    return lines
