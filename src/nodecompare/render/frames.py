"""pandas DataFrames: what ``result.to_frame()`` gives (needs the ``frames`` extra).

Every frame types its columns the same way:

- **A date known to a period** (``"2021"``, ``"2020-H1"``, ``"2020-Q2"``, ``"2021-07"`` or a
  day) is three columns: ``NAME``, the date as written (its precision kept), and
  ``NAME_start`` and ``NAME_end``, its first and last day. Something dated so possibly
  held from ``NAME_start`` and surely from ``NAME_end``. :func:`date_columns` declares the
  three and :func:`date_cells` fills them. A row may add named days beside them: a node
  of :class:`~nodecompare.Nodes` has ``production_from`` (its surely date, else its
  possibly one) with its ``_start`` and ``_end``, and also ``production_possibly_from``
  and ``production_surely_from``, the first day of the one and the last of the other.
- **An exact day** (a report date, when a control took effect, a trend point) is one
  column of days.
- Days are ``datetime64[us]``, pandas' own unit for dates: it holds every day the date
  grammar accepts, where nanoseconds stop in 2262.
- **Lists** of ids or names are Python lists, an empty one when there are none.
- **Text** is pandas ``"string"``, missing as ``<NA>``.
- **Yes or no** is ``bool``, or ``"boolean"`` where a row may have no answer.
- **Numbers** are ``float64``; ranks and counts ``Int64``.

A frame's columns and their types are declared once, as a mapping from column name to one
of :data:`TEXT`, :data:`DAY`, :data:`NUMBER`, :data:`COUNT`, :data:`FLAG`, :data:`MAYBE`
and :data:`LIST`, and :func:`typed_frame` builds the frame from rows of plain Python values
(dates as ``datetime.date``). pandas is imported only when a frame is asked for, so
importing nodecompare stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

from nodecompare.cite import Citations
from nodecompare.model import Claim, PartialDate, Source
from nodecompare.render.common import density_value, source_dict, status_rows
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
    Reached,
    Sources,
    Story,
    Trend,
    as_frame,
)

__all__ = [
    "COUNT",
    "DAY",
    "FLAG",
    "LIST",
    "MAYBE",
    "NUMBER",
    "TEXT",
    "date_cells",
    "date_columns",
    "typed_frame",
]

#: Text, missing as <NA>.
TEXT: Final = "string"
#: A day.
DAY: Final = "datetime64[us]"
#: A measure.
NUMBER: Final = "float64"
#: A rank or a count, missing as <NA>.
COUNT: Final = "Int64"
#: Yes or no, always answered.
FLAG: Final = "bool"
#: Yes, no or <NA>.
MAYBE: Final = "boolean"
#: A Python list in every cell.
LIST: Final = "object"


def date_columns(name: str) -> dict[str, str]:
    """The columns of a date known to a period: ``name`` its text, ``name_start`` and
    ``name_end`` its first and last day."""
    return {name: TEXT, f"{name}_start": DAY, f"{name}_end": DAY}


def date_cells(name: str, date: PartialDate | None) -> dict[str, Any]:
    """The cells of the columns of :func:`date_columns` for ``date`` (None: all missing)."""
    if date is None:
        return dict.fromkeys((name, f"{name}_start", f"{name}_end"))
    return {name: str(date), f"{name}_start": date.start, f"{name}_end": date.end}


def typed_frame(
    rows: Iterable[Mapping[str, Any]], columns: Mapping[str, str], index: str | None = None
) -> Any:
    """A DataFrame of ``rows`` with ``columns``, each column of its declared type.

    Raises:
        ValueError: a row has a cell for no declared column, or lacks one.
    """
    import pandas as pd

    rows = list(rows)
    for row in rows:
        if row.keys() != columns.keys():
            raise ValueError(f"row cells {sorted(row.keys() ^ columns.keys())} are not declared")
    frame = pd.DataFrame(rows, columns=list(columns)).astype(dict(columns))
    return frame if index is None else frame.set_index(index)


def _ids(items: Iterable[Claim | Source]) -> list[str]:
    return [item.id for item in items]


_LEADER_COLUMNS: Final = {
    "rank": COUNT,
    "status": TEXT,
    "foundry": TEXT,
    "node": TEXT,
    "nodes": LIST,
    "class_nm": NUMBER,
    "density_mtr_per_mm2": NUMBER,
    **date_columns("since"),
    "first_node": TEXT,
    "reason": TEXT,
    "claims": LIST,
}


@as_frame.register
def _leaders(result: Leaders) -> Any:
    rows = [
        {
            "rank": row.rank,
            "status": row.status,
            "foundry": row.foundry,
            "node": row.nodes[0].name if len(row.nodes) == 1 else None,
            "nodes": [node.name for node in row.nodes],
            "class_nm": min(node.node_class for node in row.nodes),
            "density_mtr_per_mm2": density_value(row.nodes[0]) if len(row.nodes) == 1 else None,
            **date_cells("since", row.since),
            "first_node": row.first_node,
            "reason": row.reason or None,
            "claims": _ids(row.claims),
        }
        for row in status_rows(result)
    ]
    return typed_frame(rows, _LEADER_COLUMNS)


_CLAIM_COLUMNS: Final = {
    "id": TEXT,
    "kind": TEXT,
    "subject": TEXT,
    "statement": TEXT,
    **date_columns("valid_from"),
    **date_columns("valid_until"),
    "reported_on": DAY,
    "confidence": TEXT,
    "evidence": TEXT,
    "sources": LIST,
    "background": LIST,
}


def _claim_row(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "kind": claim.kind.value,
        "subject": claim.subject,
        "statement": claim.statement,
        **date_cells("valid_from", claim.valid_from),
        **date_cells("valid_until", claim.valid_until),
        "reported_on": claim.reported_on,
        "confidence": claim.confidence.value,
        "evidence": claim.evidence,
        "sources": _ids(claim.sources),
        "background": _ids(claim.background),
    }


@as_frame.register
def _claims(result: Claims) -> Any:
    return typed_frame(map(_claim_row, result.entries), _CLAIM_COLUMNS, "id")


_DISPUTE_COLUMNS: Final = {
    "claim": TEXT,
    "statement": TEXT,
    "contradicted_by": LIST,
    "sources": LIST,
}


@as_frame.register
def _disputes(result: Disputes) -> Any:
    rows = [
        {
            "claim": d.claim.id,
            "statement": d.claim.statement,
            "contradicted_by": _ids(d.contradicted_by),
            "sources": _ids(d.claim.sources),
        }
        for d in result.entries
    ]
    return typed_frame(rows, _DISPUTE_COLUMNS, "claim")


def _side_columns(name: str) -> dict[str, str]:
    return {
        f"{name} node": TEXT,
        **date_columns(f"{name} since"),
        f"{name} surely": MAYBE,
        f"{name} density": NUMBER,
    }


def _side_cells(name: str, side: Reached | None) -> dict[str, Any]:
    density = None if side is None else side.density
    return {
        f"{name} node": None if side is None else side.node.name,
        **date_cells(f"{name} since", None if side is None else side.since),
        f"{name} surely": None if side is None else side.surely,
        f"{name} density": None if density is None else density.magnitude,
    }


@as_frame.register
def _comparison(result: Comparison) -> Any:
    a, b = result.a.name, result.b.name
    columns = {"generation": TEXT, **_side_columns(a), **_side_columns(b)}
    columns |= {"lag_years": NUMBER, "leader": TEXT, "density_ratio": NUMBER}
    rows = [
        {
            "generation": row.generation.label,
            **_side_cells(a, row.a),
            **_side_cells(b, row.b),
            "lag_years": row.lag_years,
            "leader": None if row.leader is None else row.leader.name,
            "density_ratio": row.density_ratio,
        }
        for row in result.entries
    ]
    return typed_frame(rows, columns, "generation")


_EQUIVALENT_COLUMNS: Final = {
    "node": TEXT,
    "label": TEXT,
    "placed": FLAG,
    "density_mtr_per_mm2": NUMBER,
    "basis": TEXT,
    "projected": FLAG,
    "library": TEXT,
    "source": TEXT,
}


@as_frame.register
def _equivalent(result: Equivalent) -> Any:
    """The reference ladder and the placed node (once), least dense first, by node id."""
    rows = [
        {
            "node": step.node.id,
            "label": step.node.label,
            "placed": step.placed,
            "density_mtr_per_mm2": step.figure.magnitude,
            "basis": step.figure.basis.value,
            "projected": step.figure.projected,
            "library": step.figure.library,
            "source": step.figure.source.id,
        }
        for step in result.steps()
    ]
    return typed_frame(rows, _EQUIVALENT_COLUMNS, "node")


_CONTROL_COLUMNS: Final = {
    "id": TEXT,
    "effective": DAY,
    "jurisdiction": TEXT,
    "title": TEXT,
    "scope": LIST,
    "threshold_nm": NUMBER,
    "target_foundries": LIST,
    "target_countries": LIST,
    "until": DAY,
    "sources": LIST,
}


@as_frame.register
def _controls(result: Controls) -> Any:
    rows = [
        {
            "id": c.id,
            "effective": c.effective,
            "jurisdiction": c.jurisdiction,
            "title": c.title,
            "scope": [scope.value for scope in c.scope],
            "threshold_nm": c.threshold_nm,
            "target_foundries": [f.id for f in c.target_foundries],
            "target_countries": list(c.target_countries),
            "until": c.until,
            "sources": _ids(c.sources),
        }
        for c in result.entries
    ]
    return typed_frame(rows, _CONTROL_COLUMNS, "id")


_BREACH_COLUMNS: Final = {
    "control": TEXT,
    "effective": DAY,
    "foundry": TEXT,
    "node": TEXT,
    **date_columns("reached"),
    "surely": FLAG,
    "years_after": NUMBER,
    "claims": LIST,
}


@as_frame.register
def _breaches(result: Breaches) -> Any:
    rows = [
        {
            "control": b.control.id,
            "effective": b.control.effective,
            "foundry": b.foundry.name,
            "node": b.node.name,
            **date_cells("reached", b.reached),
            "surely": b.surely,
            "years_after": b.years_after,
            "claims": _ids(b.claims),
        }
        for b in (*result.entries, *result.possibly)
    ]
    return typed_frame(rows, _BREACH_COLUMNS)


_POINT_COLUMNS: Final = {
    "label": TEXT,
    "date": DAY,
    "density_mtr_per_mm2": NUMBER,
    "residual_ln": NUMBER,
    "basis": TEXT,
    "projected": MAYBE,
    "source": TEXT,
}


@as_frame.register
def _trend(result: Trend) -> Any:
    rows = [
        {
            "label": p.label,
            "date": p.date,
            "density_mtr_per_mm2": p.density,
            "residual_ln": residual,
            "basis": None if p.figure is None else p.figure.basis.value,
            "projected": None if p.figure is None else p.figure.projected,
            "source": None if p.figure is None else p.figure.source.id,
        }
        for p, residual in zip(result.points, result.residuals, strict=True)
    ]
    return typed_frame(rows, _POINT_COLUMNS, "label")


_PRODUCT_COLUMNS: Final = {
    "id": TEXT,
    "name": TEXT,
    "designer": TEXT,
    "node": TEXT,
    **date_columns("released"),
    "die_area_mm2": NUMBER,
    "transistors": COUNT,
    "density_mtr_per_mm2": NUMBER,
    "sources": LIST,
}


@as_frame.register
def _products(result: Products) -> Any:
    rows = [
        {
            "id": p.id,
            "name": p.name,
            "designer": p.designer,
            "node": p.node.id,
            **date_cells("released", p.released),
            "die_area_mm2": p.die_area_mm2,
            "transistors": p.transistors,
            "density_mtr_per_mm2": None if p.density is None else p.density.magnitude,
            "sources": _ids(p.sources),
        }
        for p in result.entries
    ]
    return typed_frame(rows, _PRODUCT_COLUMNS, "id")


_SOURCE_COLUMNS: Final = {
    "id": TEXT,
    "publisher": TEXT,
    "kind": TEXT,
    "tier": TEXT,
    **date_columns("date"),
    "title": TEXT,
    "title_inferred": FLAG,
    "read_via": TEXT,
    "url": TEXT,
    "relays": LIST,
    "weak_reason": TEXT,
    "note": TEXT,
}


def _source_row(source: Source) -> dict[str, Any]:
    return {**source_dict(source), **date_cells("date", source.date)}


@as_frame.register
def _sources(result: Sources) -> Any:
    return typed_frame(map(_source_row, result), _SOURCE_COLUMNS, "id")


@as_frame.register
def _citations(result: Citations) -> Any:
    return typed_frame(map(_source_row, result), _SOURCE_COLUMNS, "id")


@as_frame.register
def _node_report(result: NodeReport) -> Any:
    return as_frame(result.claims)


_STORY_COLUMNS: Final = {"section": TEXT, "answer": TEXT, "rows": COUNT}


@as_frame.register
def _story(result: Story) -> Any:
    rows = [
        {"section": title, "answer": repr(answer), "rows": len(as_frame(answer))}
        for title, answer in result.sections
    ]
    return typed_frame(rows, _STORY_COLUMNS, "section")
