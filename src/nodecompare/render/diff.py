"""A :class:`~nodecompare.KnowledgeDiff` in every form: text that fits the text style's
width (:mod:`nodecompare.render.style`), HTML, a typed pandas frame (one row per change)
and JSON data; and its sources for ``cite()``."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator, Sequence
from typing import Any, Final

from nodecompare.cite import sources_of
from nodecompare.model import Claim, Source
from nodecompare.render.common import claim_dict, claim_html
from nodecompare.render.frames import DAY, LIST, NUMBER, TEXT, date_cells, date_columns, typed_frame
from nodecompare.render.style import current_style
from nodecompare.render.tables import fit, html_table, text_table
from nodecompare.results import Dispute, as_data, as_frame, as_html, as_text
from nodecompare.results.diff import ClassChange, KnowledgeDiff, LeaderChange
from nodecompare.results.leaders import nm

__all__: list[str] = []

_CLAIM_HEADERS: Final = ("#", "reported", "claim", "about", "kind", "confidence")


def _kind(claim: Claim) -> str:
    return claim.kind.value.replace("_", " ")


def _ids(claims: Sequence[Claim], numbers: dict[str, int] | None = None) -> str:
    """Claim ids, or their numbers in the new-claims table where they have one."""
    numbers = numbers or {}
    return ", ".join(f"#{numbers[c.id]}" if c.id in numbers else c.id for c in claims)


def _section(title: str, count: int, table: str) -> list[str]:
    head = fit(f"{title} ({count})" + ("" if count else ": none"), current_style().width)
    return ["", head, *([table] if count else [])]


def _leader_rows(result: KnowledgeDiff, numbers: dict[str, int]) -> list[list[str]]:
    return [
        [
            nm(change.n),
            row.foundry.name,
            row.summary,
            _node_label(row),
            str(row.since_now or row.since_was or "-"),
            _ids(row.because, numbers) or "-",
        ]
        for change in result.leaders
        for row in change.changes
    ]


def _node_label(row: LeaderChange) -> str:
    node = row.node_now or row.node_was
    return "-" if node is None else node.name


@as_text.register
def _diff_text(result: KnowledgeDiff) -> str:
    numbers = {claim.id: i for i, claim in enumerate(result.new_claims, start=1)}
    claims = [
        [str(numbers[c.id]), str(c.reported_on), c.id, c.subject, _kind(c), c.confidence.value]
        for c in result.new_claims
    ]
    replaced = [
        [s.claim.id, str(s.claim.reported_on), _ids(s.by, numbers)] for s in result.superseded
    ]
    width = current_style().width
    lines = [fit(result.title, width), fit(result.summary, width)]
    table = text_table(_CLAIM_HEADERS, claims, cut_off=("about", "kind"))
    lines += _section("New claims", len(claims), table)
    table = text_table(("claim", "reported", "replaced by"), replaced, wrap=("replaced by",))
    lines += _section("Superseded", len(replaced), table)
    for title, found in (
        ("New disputes", result.new_disputes),
        ("Closed disputes", result.closed_disputes),
    ):
        rows = [[_ids([d.claim], numbers), _ids(d.contradicted_by, numbers)] for d in found]
        table = text_table(("claim", "contradicts"), rows, wrap=("contradicts",))
        lines += _section(title, len(rows), table)
    rows = _leader_rows(result, numbers)
    headers = ("class", "foundry", "change", "node", "since", "because")
    table = text_table(headers, rows, wrap=("foundry", "because"))
    title = f"Leaders on {result.as_of}, known on {result.before} -> on {result.after}"
    lines += _section(title, len(rows), table)
    return "\n".join(lines)


def _dispute_html(found: Sequence[Dispute]) -> list[list[str]]:
    return [
        [claim_html(d.claim), "<br>".join(claim_html(c) for c in d.contradicted_by)] for d in found
    ]


def _leaders_html(result: KnowledgeDiff) -> list[list[str]]:
    return [
        [
            html.escape(nm(change.n)),
            html.escape(row.foundry.name),
            html.escape(row.summary),
            html.escape(_node_label(row)),
            html.escape(str(row.since_now or row.since_was or "-")),
            "<br>".join(claim_html(c) for c in row.because),
        ]
        for change in result.leaders
        for row in change.changes
    ]


@as_html.register
def _diff_html(result: KnowledgeDiff) -> str:
    claims = [
        [html.escape(c.id), claim_html(c), html.escape(c.statement)] for c in result.new_claims
    ]
    replaced = [
        [claim_html(s.claim), "<br>".join(claim_html(c) for c in s.by)] for s in result.superseded
    ]
    parts = [
        f"<div><h4>{html.escape(result.title)}</h4>",
        html_table("New claims", ["id", "claim", "statement"], claims),
        html_table("Superseded", ["claim", "replaced by"], replaced),
        html_table("New disputes", ["claim", "contradicts"], _dispute_html(result.new_disputes)),
        html_table(
            "Closed disputes", ["claim", "contradicted"], _dispute_html(result.closed_disputes)
        ),
        html_table(
            f"Leaders on {result.as_of}, known on {result.before} and on {result.after}",
            ["class", "foundry", "change", "node", "since", "because"],
            _leaders_html(result),
        ),
    ]
    return "".join([*parts, "</div>"])


def _dispute_dict(dispute: Dispute) -> dict[str, Any]:
    return {
        "claim": claim_dict(dispute.claim),
        "contradicted_by": [claim_dict(c) for c in dispute.contradicted_by],
    }


def _change_dict(row: LeaderChange) -> dict[str, Any]:
    return {
        "foundry": row.foundry.name,
        "was": row.was or None,
        "now": row.now or None,
        "node_was": None if row.node_was is None else row.node_was.id,
        "node_now": None if row.node_now is None else row.node_now.id,
        "since_was": None if row.since_was is None else str(row.since_was),
        "since_now": None if row.since_now is None else str(row.since_now),
        "claims": [c.id for c in row.claims],
        "because": [c.id for c in row.because],
    }


def _class_dict(change: ClassChange) -> dict[str, Any]:
    return {
        "n_nm": change.n,
        "basis": change.after.basis,
        "before": {
            "surely": list(change.before.foundries),
            "possibly": list(change.before.possible_foundries),
        },
        "after": {
            "surely": list(change.after.foundries),
            "possibly": list(change.after.possible_foundries),
        },
        "entered": list(change.entered),
        "left": list(change.left),
        "possibly_entered": list(change.possibly_entered),
        "possibly_left": list(change.possibly_left),
        "changes": [_change_dict(row) for row in change.changes],
    }


@as_data.register
def _diff_data(result: KnowledgeDiff) -> dict[str, Any]:
    return {
        "title": result.title,
        "before": result.before.isoformat(),
        "after": result.after.isoformat(),
        "as_of": result.as_of.isoformat(),
        "foundry": None if result.foundry is None else result.foundry.name,
        "basis": result.basis,
        "classes_nm": list(result.classes),
        "new_claims": [claim_dict(c) for c in result.new_claims],
        "superseded": [
            {"claim": claim_dict(s.claim), "by": [claim_dict(c) for c in s.by]}
            for s in result.superseded
        ],
        "new_disputes": [_dispute_dict(d) for d in result.new_disputes],
        "closed_disputes": [_dispute_dict(d) for d in result.closed_disputes],
        "leaders": [_class_dict(change) for change in result.leaders],
        # The frame's rows: one per change, with ids for its claims.
        "changes": [
            {name: _json_cell(value) for name, value in row.items()} for row in _change_rows(result)
        ],
    }


#: The columns of the frame, and of the dict's ``changes``: one row per change.
_CHANGE_COLUMNS: Final = {
    "change": TEXT,
    "reported_on": DAY,
    "claim": TEXT,
    "subject": TEXT,
    "foundry": TEXT,
    "kind": TEXT,
    "confidence": TEXT,
    "statement": TEXT,
    "related": LIST,
    "class_nm": NUMBER,
    "was": TEXT,
    "now": TEXT,
    "node": TEXT,
    **date_columns("since"),
}


def _claim_row(change: str, claim: Claim, related: Sequence[Claim]) -> dict[str, Any]:
    row = dict.fromkeys(_CHANGE_COLUMNS) | {
        "change": change,
        "reported_on": claim.reported_on,
        "claim": claim.id,
        "subject": claim.subject,
        "foundry": None if claim.foundry is None else claim.foundry.name,
        "kind": claim.kind.value,
        "confidence": claim.confidence.value,
        "statement": claim.statement,
    }
    return row | {"related": [c.id for c in related]}


def _leader_row(n: float, row: LeaderChange) -> dict[str, Any]:
    return dict.fromkeys(_CHANGE_COLUMNS) | {
        "change": "leaders",
        # The latest report behind the change: when it became known.
        "reported_on": max((c.reported_on for c in row.because), default=None),
        "subject": row.foundry.name,
        "foundry": row.foundry.name,
        "related": [c.id for c in row.because],
        "class_nm": n,
        "was": row.was or None,
        "now": row.now or None,
        "node": _node_label(row),
        **date_cells("since", row.since_now or row.since_was),
    }


def _change_rows(result: KnowledgeDiff) -> Iterator[dict[str, Any]]:
    """One row per change, its days as dates."""
    yield from (_claim_row("new claim", c, ()) for c in result.new_claims)
    for s in result.superseded:
        # Dated by its first replacement: when it became known to be replaced.
        yield _claim_row("superseded", s.claim, s.by) | {"reported_on": s.by[0].reported_on}
    yield from (_claim_row("new dispute", d.claim, d.contradicted_by) for d in result.new_disputes)
    yield from (
        _claim_row("closed dispute", d.claim, d.contradicted_by) for d in result.closed_disputes
    )
    for change in result.leaders:
        yield from (_leader_row(change.n, row) for row in change.changes)


def _json_cell(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@as_frame.register
def _diff_frame(result: KnowledgeDiff) -> Any:
    return typed_frame(_change_rows(result), _CHANGE_COLUMNS)


@sources_of.register
def _diff_sources(record: KnowledgeDiff) -> Iterator[Source]:
    for claim in record.new_claims:
        yield from sources_of(claim)
    for s in record.superseded:
        yield from sources_of((s.claim, *s.by))
    for dispute in (*record.new_disputes, *record.closed_disputes):
        yield from sources_of(dispute)
    for change in record.leaders:
        for row in change.changes:
            yield from sources_of(row.claims)
