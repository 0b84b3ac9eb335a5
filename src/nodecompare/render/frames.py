"""pandas DataFrames: what ``result.to_frame()`` gives (needs the ``frames`` extra).

pandas is imported only when a frame is asked for, so importing nodecompare stays cheap.
"""

from __future__ import annotations

from typing import Any, Final

from nodecompare.cite import Citations
from nodecompare.render.common import density_value, status_rows
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
    as_data,
    as_frame,
)

__all__: list[str] = []

_LEADER_COLUMNS: Final = (
    "rank",
    "status",
    "foundry",
    "node",
    "class_nm",
    "density_mtr_per_mm2",
    "since",
    "first_node",
    "reason",
    "claims",
)


def _frame(rows: list[dict[str, Any]], index: str | None = None) -> Any:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(rows[0]) if rows else None)
    return frame.set_index(index) if index is not None and rows else frame


def _ids(items: list[dict[str, Any]]) -> str:
    return "; ".join(item["id"] for item in items)


@as_frame.register
def _leaders(result: Leaders) -> Any:
    import pandas as pd

    rows = [
        {
            "rank": row.rank,
            "status": row.status,
            "foundry": row.foundry,
            "node": ", ".join(node.name for node in row.nodes),
            "class_nm": min(node.node_class for node in row.nodes),
            "density_mtr_per_mm2": density_value(row.nodes[0]) if len(row.nodes) == 1 else None,
            "since": row.since,
            "first_node": row.first_node,
            "reason": row.reason,
            "claims": ", ".join(c.id for c in row.claims),
        }
        for row in status_rows(result)
    ]
    return pd.DataFrame(rows, columns=list(_LEADER_COLUMNS)).astype({"rank": "Int64"})


@as_frame.register
def _claims(result: Claims) -> Any:
    rows = [
        {**row, "sources": _ids(row["sources"]), "background": _ids(row["background"])}
        for row in as_data(result)
    ]
    return _frame(rows, "id")


@as_frame.register
def _disputes(result: Disputes) -> Any:
    rows = [
        {
            "claim": d.claim.id,
            "statement": d.claim.statement,
            "contradicted_by": ", ".join(o.id for o in d.contradicted_by),
            "sources": ", ".join(s.id for s in d.claim.sources),
        }
        for d in result.entries
    ]
    return _frame(rows, "claim")


@as_frame.register
def _comparison(result: Comparison) -> Any:
    a, b = result.a.name, result.b.name
    rows = []
    for row in result.entries:
        record: dict[str, Any] = {"generation": row.generation.label}
        for name, side in ((a, row.a), (b, row.b)):
            record[f"{name} node"] = side.node.name if side else None
            record[f"{name} since"] = str(side.since) if side else None
            record[f"{name} surely"] = side.surely if side else None
            record[f"{name} density"] = side.density.magnitude if side and side.density else None
        rows.append(record | {"lag_years": row.lag_years, "density_ratio": row.density_ratio})
    return _frame(rows, "generation")


@as_frame.register
def _equivalent(result: Equivalent) -> Any:
    rows = [
        {
            "node": label,
            "density_mtr_per_mm2": figure.magnitude,
            "basis": figure.basis.value,
            "library": figure.library,
            "source": figure.source.id,
        }
        for label, figure in result.steps()
    ]
    return _frame(rows, "node")


@as_frame.register
def _controls(result: Controls) -> Any:
    rows = [
        {
            "id": c.id,
            "effective": c.effective,
            "jurisdiction": c.jurisdiction,
            "title": c.title,
            "threshold_nm": c.threshold_nm,
            "targets": ", ".join([f.name for f in c.target_foundries] + list(c.target_countries)),
            "sources": ", ".join(s.id for s in c.sources),
        }
        for c in result.entries
    ]
    return _frame(rows, "id")


@as_frame.register
def _breaches(result: Breaches) -> Any:
    rows = [
        {
            "control": b.control.id,
            "foundry": b.foundry.name,
            "node": b.node.name,
            "reached": str(b.reached),
            "surely": b.surely,
            "years_after": b.years_after,
            "claims": ", ".join(c.id for c in b.claims),
        }
        for b in (*result.entries, *result.possibly)
    ]
    return _frame(rows)


@as_frame.register
def _trend(result: Trend) -> Any:
    return _frame(as_data(result)["points"], "label")


@as_frame.register
def _products(result: Products) -> Any:
    rows = [{**row, "sources": "; ".join(row["sources"])} for row in as_data(result)]
    return _frame(rows, "id")


@as_frame.register
def _sources(result: Sources) -> Any:
    return _frame(as_data(result), "id")


@as_frame.register
def _citations(result: Citations) -> Any:
    return _frame(as_data(result), "id")


@as_frame.register
def _node_report(result: NodeReport) -> Any:
    return as_frame(result.claims)


@as_frame.register
def _story(result: Story) -> Any:
    rows = [
        {"section": title, "answer": repr(answer), "rows": len(as_frame(answer))}
        for title, answer in result.sections
    ]
    return _frame(rows, "section")
