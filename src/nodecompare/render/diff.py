"""A :class:`~nodecompare.KnowledgeDiff` in every form: text that fits 100 columns, HTML,
a typed pandas frame (one row per change) and JSON data; and its sources for ``cite()``."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterator, Sequence
from typing import Any, Final

from nodecompare.cite import sources_of
from nodecompare.model import Claim, Source
from nodecompare.render.common import claim_dict, claim_html
from nodecompare.render.tables import html_table, text_table
from nodecompare.results import Dispute, as_data, as_frame, as_html, as_text
from nodecompare.results.diff import ClassChange, KnowledgeDiff, LeaderChange
from nodecompare.results.leaders import nm

__all__ = ["fitted_table"]

#: The terminal width the text fits.
WIDTH: Final = 100
#: Marks a cell cut to fit.
CUT: Final = "…"
#: No column is narrowed below this many characters.
_NARROWEST: Final = 8

_CLAIM_HEADERS: Final = ("#", "reported", "claim", "about", "kind", "confidence")
_FRAME_TEXT: Final = (
    "change",
    "claim",
    "subject",
    "foundry",
    "kind",
    "confidence",
    "statement",
    "was",
    "now",
    "node",
)


def fitted_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], keep: Sequence[str] = ()
) -> str:
    """:func:`text_table` in :data:`WIDTH` columns: the widest columns are narrowed, those
    named in ``keep`` (ids a reader looks up) only when no other can be, and cells longer
    than their column are cut, with :data:`CUT` at the end."""
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    kept = [h in keep for h in headers]
    while sum(widths) + 2 * (len(widths) - 1) > WIDTH and max(widths) > _NARROWEST:
        # The widest column not kept, or the widest of all once no other can narrow.
        widest = max(
            range(len(widths)), key=lambda i: (widths[i] > _NARROWEST and not kept[i], widths[i])
        )
        widths[widest] -= 1

    def cut(cells: Sequence[str]) -> list[str]:
        return [c if len(c) <= w else c[: w - 1] + CUT for c, w in zip(cells, widths, strict=True)]

    return text_table(cut(headers), [cut(row) for row in rows])


def _kind(claim: Claim) -> str:
    return claim.kind.value.replace("_", " ")


def _ids(claims: Sequence[Claim], numbers: dict[str, int] | None = None) -> str:
    """Claim ids, or their numbers in the new-claims table where they have one."""
    numbers = numbers or {}
    return ", ".join(f"#{numbers[c.id]}" if c.id in numbers else c.id for c in claims)


def _section(title: str, count: int, table: str) -> list[str]:
    return ["", f"{title} ({count})" + ("" if count else ": none"), *([table] if count else [])]


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
    lines = textwrap.wrap(result.title, WIDTH) + textwrap.wrap(result.summary, WIDTH)
    lines += _section(
        "New claims", len(claims), fitted_table(_CLAIM_HEADERS, claims, keep=["claim"])
    )
    lines += _section(
        "Superseded",
        len(replaced),
        fitted_table(("claim", "reported", "replaced by"), replaced, keep=["claim"]),
    )
    for title, found in (
        ("New disputes", result.new_disputes),
        ("Closed disputes", result.closed_disputes),
    ):
        rows = [[_ids([d.claim], numbers), _ids(d.contradicted_by, numbers)] for d in found]
        lines += _section(title, len(rows), fitted_table(("claim", "contradicts"), rows))
    rows = _leader_rows(result, numbers)
    headers = ("class", "foundry", "change", "node", "since", "because")
    known = f"known on {result.before} -> on {result.after}"
    lines += _section(f"Leaders on {result.as_of}, {known}", len(rows), fitted_table(headers, rows))
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
    }


def _claim_row(change: str, claim: Claim, related: Sequence[Claim]) -> dict[str, Any]:
    return {
        "change": change,
        "reported": claim.reported_on,
        "claim": claim.id,
        "subject": claim.subject,
        "foundry": None if claim.foundry is None else claim.foundry.name,
        "kind": claim.kind.value,
        "confidence": claim.confidence.value,
        "statement": claim.statement,
        "related": [c.id for c in related],
    }


def _frame_rows(result: KnowledgeDiff) -> Iterator[dict[str, Any]]:
    yield from (_claim_row("new claim", c, ()) for c in result.new_claims)
    for s in result.superseded:
        # Dated by its first replacement: when it became known to be replaced.
        yield _claim_row("superseded", s.claim, s.by) | {"reported": s.by[0].reported_on}
    yield from (_claim_row("new dispute", d.claim, d.contradicted_by) for d in result.new_disputes)
    yield from (
        _claim_row("closed dispute", d.claim, d.contradicted_by) for d in result.closed_disputes
    )
    for change in result.leaders:
        for row in change.changes:
            yield {
                "change": "leaders",
                "reported": max((c.reported_on for c in row.because), default=None),
                "subject": row.foundry.name,
                "foundry": row.foundry.name,
                "related": [c.id for c in row.because],
                "class_nm": change.n,
                "was": row.was or None,
                "now": row.now or None,
                "node": _node_label(row),
            }


@as_frame.register
def _diff_frame(result: KnowledgeDiff) -> Any:
    import pandas as pd

    columns = ["change", "reported", "claim", "subject", "foundry", "kind", "confidence"]
    columns += ["statement", "related", "class_nm", "was", "now", "node"]
    frame = pd.DataFrame(list(_frame_rows(result)), columns=columns)
    frame["related"] = [r if isinstance(r, list) else [] for r in frame["related"]]
    types: dict[str, Any] = {"reported": "datetime64[ns]", "class_nm": "float64"}
    return frame.astype(types | dict.fromkeys(_FRAME_TEXT, "string"))


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
