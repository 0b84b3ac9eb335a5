"""JSON-compatible data: what ``result.to_dict()`` gives and the CLI's ``--json`` prints."""

from __future__ import annotations

import math
from typing import Any

from nodecompare.cite import Citations
from nodecompare.io import record_to_dict
from nodecompare.model import ExportControl, ProcessNode
from nodecompare.render.common import (
    LOCATION_UNKNOWN,
    claim_dict,
    density_value,
    site_dict,
    source_dict,
)
from nodecompare.results import (
    Breach,
    Breaches,
    Claims,
    Comparison,
    Controls,
    Disputes,
    Equivalent,
    Leader,
    Leaders,
    NodeReport,
    Possible,
    Products,
    Reached,
    Sources,
    Story,
    Trend,
    Unplaced,
    as_data,
)

__all__ = ["leader_dict", "possible_dict", "unplaced_dict"]


def leader_dict(entry: Leader) -> dict[str, Any]:
    """One leader with its node, dates, claims, fabs and sites."""
    return {
        "rank": entry.rank,
        "status": "surely",
        "foundry": entry.foundry.name,
        "node": entry.node.name,
        "node_id": entry.node.id,
        "node_class_nm": entry.node.node_class,
        "density_mtr_per_mm2": density_value(entry.node),
        "since": str(entry.since),
        "first_node": entry.first_node.name,
        "claims": [claim_dict(claim) for claim in entry.claims],
        "fabs": [
            {"id": fab.id, "name": fab.name, "city": fab.city, "country": fab.country}
            for fab in entry.fabs
        ],
        "sites": [site_dict(site) for site in entry.sites],
    }


def possible_dict(entry: Possible) -> dict[str, Any]:
    """A foundry that possibly qualifies, and why it is uncertain."""
    return {
        "status": "possibly",
        "foundry": entry.foundry.name,
        "node": entry.node.name,
        "node_id": entry.node.id,
        "node_class_nm": entry.node.node_class,
        "since": str(entry.since),
        "surely_from": entry.since.end.isoformat(),
        "reason": entry.reason,
        "claims": [claim_dict(claim) for claim in entry.claims],
        "sites": [site_dict(site) for site in entry.sites],
    }


def unplaced_dict(entry: Unplaced) -> dict[str, Any]:
    """A foundry in production whose location on the date is unknown."""
    return {
        "status": "location unknown",
        "foundry": entry.foundry.name,
        "nodes": [node.name for node in entry.nodes],
        "reason": LOCATION_UNKNOWN,
        "claims": [claim_dict(claim) for claim in entry.claims],
    }


@as_data.register
def _leaders(result: Leaders) -> dict[str, Any]:
    return {
        "n_nm": result.n,
        "as_of": result.as_of.isoformat(),
        "known_by": None if result.known_by is None else result.known_by.isoformat(),
        "basis": result.basis,
        "region": result.region,
        "leaders": [leader_dict(entry) for entry in result.entries],
        "possibly": [possible_dict(entry) for entry in result.possibly],
        "location_unknown": [unplaced_dict(entry) for entry in result.location_unknown],
    }


@as_data.register
def _claims(result: Claims) -> list[dict[str, Any]]:
    return [claim_dict(c) for c in result.entries]


@as_data.register
def _disputes(result: Disputes) -> list[dict[str, Any]]:
    return [
        {
            "claim": claim_dict(d.claim),
            "contradicted_by": [claim_dict(other) for other in d.contradicted_by],
        }
        for d in result.entries
    ]


def _reached(reached: Reached | None) -> dict[str, Any] | None:
    if reached is None:
        return None
    return {
        "node": reached.node.name,
        "node_id": reached.node.id,
        "since": str(reached.since),
        "surely": reached.surely,
        "density_mtr_per_mm2": density_value(reached.node),
        "claims": [claim_dict(c) for c in reached.claims],
    }


@as_data.register
def _comparison(result: Comparison) -> dict[str, Any]:
    return {
        "a": result.a.name,
        "b": result.b.name,
        "as_of": result.as_of.isoformat(),
        "known_by": None if result.known_by is None else result.known_by.isoformat(),
        "generations": [
            {
                "generation": row.generation.label,
                "a": _reached(row.a),
                "b": _reached(row.b),
                "lag_years": row.lag_years,
                "lag_interval": None if row.lag_interval is None else list(row.lag_interval),
                "leader": None if row.leader is None else row.leader.name,
                "density_ratio": row.density_ratio,
            }
            for row in result.entries
        ],
    }


@as_data.register
def _equivalent(result: Equivalent) -> dict[str, Any]:
    return {
        "node": result.node.id,
        "label": result.node.label,
        "density_mtr_per_mm2": result.density.magnitude,
        "density_basis": result.density.basis.value,
        "density_projected": result.density.projected,
        "library": result.library,
        "reference": result.reference.name,
        "equivalent_nm": result.equivalent_nm,
        "nearest": result.nearest.id,
        "extrapolated": result.extrapolated,
        "basis": result.basis,
        "ladder": [
            {
                "node": node.id,
                "label": node.label,
                "density_mtr_per_mm2": figure.magnitude,
                "basis": figure.basis.value,
                "projected": figure.projected,
                "library": figure.library,
                "source": figure.source.id,
            }
            for node, figure in result.ladder
        ],
    }


def _control_dict(control: ExportControl) -> dict[str, Any]:
    return record_to_dict(control) | {"sources": [source_dict(s) for s in control.sources]}


@as_data.register
def _controls(result: Controls) -> list[dict[str, Any]]:
    return [_control_dict(c) for c in result.entries]


def _breach_dict(breach: Breach) -> dict[str, Any]:
    return {
        "control": breach.control.id,
        "foundry": breach.foundry.name,
        "node": breach.node.name,
        "node_class_nm": breach.node.node_class,
        "threshold_nm": breach.control.threshold_nm,
        "effective": breach.control.effective.isoformat(),
        "reached": str(breach.reached),
        "surely": breach.surely,
        "years_after": breach.years_after,
        "claims": [claim_dict(c) for c in breach.claims],
    }


@as_data.register
def _breaches(result: Breaches) -> dict[str, Any]:
    return {
        "breaches": [_breach_dict(b) for b in result.entries],
        "possibly": [_breach_dict(b) for b in result.possibly],
    }


def _finite(value: float) -> float | None:
    """``value``, or None for an unbounded one: JSON has no infinity."""
    return value if math.isfinite(value) else None


@as_data.register
def _trend(result: Trend) -> dict[str, Any]:
    """The fit and its points; a doubling time is null where density did not grow, and an
    interval's end is null where it is unbounded."""
    low, high = result.doubling_time_interval
    return {
        "label": result.label,
        "basis": result.basis_description,
        "doubling_years": _finite(result.doubling_time.magnitude),
        "doubling_interval_years": [_finite(low.magnitude), _finite(high.magnitude)],
        "slope_per_year": result.slope,
        "points": [
            {
                "label": p.label,
                "date": p.date.isoformat(),
                "density_mtr_per_mm2": p.density,
                "residual_ln": residual,
                "basis": p.figure.basis.value if p.figure else None,
                "projected": p.figure.projected if p.figure else None,
                "source": p.figure.source.id if p.figure else None,
            }
            for p, residual in zip(result.points, result.residuals, strict=True)
        ],
    }


@as_data.register
def _products(result: Products) -> list[dict[str, Any]]:
    return [
        {
            "id": p.id,
            "name": p.name,
            "designer": p.designer,
            "node": p.node.id,
            "released": str(p.released),
            "die_area_mm2": p.die_area_mm2,
            "transistors": p.transistors,
            "density_mtr_per_mm2": None if p.density is None else p.density.magnitude,
            "sources": [s.id for s in p.sources],
        }
        for p in result.entries
    ]


@as_data.register
def _sources(result: Sources) -> list[dict[str, Any]]:
    return [source_dict(s) for s in result]


@as_data.register
def _citations(result: Citations) -> list[dict[str, Any]]:
    return [source_dict(s) for s in result.sources]


@as_data.register
def _node(node: ProcessNode) -> dict[str, Any]:
    return record_to_dict(node)


@as_data.register
def _node_report(result: NodeReport) -> dict[str, Any]:
    return {"node": record_to_dict(result.node), "claims": as_data(result.claims)}


@as_data.register
def _story(result: Story) -> list[dict[str, Any]]:
    return [{"title": title, "answer": as_data(answer)} for title, answer in result.sections]
