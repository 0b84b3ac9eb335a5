"""The cells and rows the text, HTML, frame and data renderings share."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any, Final

import attrs

from nodecompare.model import (
    Claim,
    ExportControl,
    Figure,
    PartialDate,
    ProcessNode,
    Product,
    Site,
    Source,
    strongest_first,
)
from nodecompare.render.tables import link
from nodecompare.results import Breaches, Comparison, GenerationRow, Leaders, Reached
from nodecompare.results.leaders import nm

__all__ = [
    "CONTROL_HEADERS",
    "LOCATION_UNKNOWN",
    "PRODUCT_HEADERS",
    "SOURCE_HEADERS",
    "StatusRow",
    "basis_cell",
    "breach_rows",
    "claim_block",
    "claim_dict",
    "claim_html",
    "claim_lines",
    "comparison_cells",
    "comparison_headers",
    "control_row",
    "density_cell",
    "density_value",
    "product_row",
    "site_dict",
    "source_dict",
    "source_row",
    "status_rows",
]

CONTROL_HEADERS: Final = ("effective", "by", "control", "targets", "scope", "threshold")
BREACH_HEADERS: Final = (
    "control",
    "effective",
    "threshold",
    "foundry",
    "node",
    "reached",
    "years after",
)
PRODUCT_HEADERS: Final = (
    "product",
    "designer",
    "node",
    "released",
    "die mm2",
    "transistors (bn)",
    "MTr/mm2",
    "sources",
)
SOURCE_HEADERS: Final = (
    "id",
    "publisher",
    "kind",
    "tier",
    "date",
    "title",
    "read via",
    "relays",
)
#: Why a foundry in production has no place on the date asked about.
LOCATION_UNKNOWN: Final = "no fab or location record places the node on the date"


def density_value(node: ProcessNode) -> float | None:
    """The node's preferred density in MTr/mm**2, or None."""
    figure = node.density
    return None if figure is None else figure.magnitude


def _marked(text: str, figure: Figure) -> str:
    """``text``, marked when the figure is a projection or leak."""
    return f"{text} (projected)" if figure.projected else text


def basis_cell(figure: Figure | None) -> str:
    """A figure's basis for a table, marked when the figure is a projection or leak."""
    return "" if figure is None else _marked(figure.basis.value, figure)


def density_cell(node: ProcessNode) -> str:
    """The preferred density for a table, marked when it is a projection or leak."""
    figure = node.density
    return "-" if figure is None else _marked(f"{figure.magnitude:g}", figure)


def claim_lines(claim: Claim) -> list[str]:
    """A claim's kind, subject, dates and confidence, then its evidence and sources."""
    until = f" until {claim.valid_until}" if claim.valid_until else ""
    head = (
        f"{claim.kind.value.replace('_', ' ')}: {claim.subject}, from {claim.valid_from}{until}; "
        f"reported {claim.reported_on}; {claim.confidence.value}"
    )
    lines = [head]
    if claim.evidence:
        lines.append(f"  evidence: {claim.evidence}")
    lines += [
        f"  {role}: {source}" + (f" <{source.link}>" if source.link else "")
        for role, cited in (("source", claim.sources), ("background", claim.background))
        for source in cited
    ]
    return lines


def claim_block(claim: Claim, lead: str) -> list[str]:
    """A claim's statement after ``lead``, then its dates, evidence and sources indented."""
    return [f"{lead}{claim.statement}", *(f"    {line}" for line in claim_lines(claim))]


def linked_sources(claims: Iterable[Claim], separator: str) -> str:
    """The claims' sources as HTML links, each claim's strongest first."""
    return separator.join(
        link(str(s), s.link) for claim in claims for s in strongest_first(claim.sources)
    )


def claim_html(claim: Claim) -> str:
    """A claim in one HTML line, its sources linked, the strongest first."""
    sources = linked_sources([claim], "; ")
    return (
        f"{html.escape(claim.kind.value.replace('_', ' '))} of {html.escape(claim.subject)} "
        f"from {claim.valid_from}, reported {claim.reported_on} "
        f"({claim.confidence.value}): {sources}"
    )


def source_dict(source: Source) -> dict[str, Any]:
    """A cited source, briefly, as JSON-compatible data."""
    return {
        "id": source.id,
        "publisher": source.publisher,
        "title": source.title,
        "date": None if source.date is None else str(source.date),
        "url": source.link,
        "tier": source.tier.value,
        "kind": source.kind.value,
        "title_inferred": source.title_inferred,
        "read_via": None if source.via is None else source.via.host,
        "relays": list(source.relays),
        "weak_reason": source.weak_reason or None,
        "note": source.note or None,
    }


def claim_dict(claim: Claim) -> dict[str, Any]:
    """A claim with its sources as JSON-compatible data."""
    return {
        "id": claim.id,
        "kind": claim.kind.value,
        "subject": claim.subject,
        "statement": claim.statement,
        "valid_from": str(claim.valid_from),
        "valid_until": None if claim.valid_until is None else str(claim.valid_until),
        "reported_on": claim.reported_on.isoformat(),
        "confidence": claim.confidence.value,
        "evidence": claim.evidence,
        "sources": [source_dict(s) for s in claim.sources],
        "background": [source_dict(s) for s in claim.background],
    }


def site_dict(site: Site) -> dict[str, Any]:
    """Where a node is made, as JSON-compatible data."""
    return {
        "fab": None if site.fab is None else site.fab.id,
        "location": None if site.fab is not None else site.made_location.id,
        "name": site.name,
        "country": site.country,
        "since": None if site.made.since is None else str(site.made.since),
    }


@attrs.frozen
class StatusRow:
    """One foundry's row in the tables of :class:`~nodecompare.Leaders`."""

    rank: int | None
    status: str
    foundry: str
    nodes: tuple[ProcessNode, ...]
    since: PartialDate | None
    first_node: str | None
    reason: str
    claims: tuple[Claim, ...]


def status_rows(result: Leaders) -> list[StatusRow]:
    """One row per foundry: the sure leaders, the possible ones, those of unknown location."""
    rows = [
        StatusRow(
            e.rank,
            "surely",
            e.foundry.name,
            (e.node,),
            e.since,
            e.first_node.name,
            "",
            e.claims,
        )
        for e in result.entries
    ]
    rows += [
        StatusRow(
            None,
            "possibly",
            p.foundry.name,
            (p.node,),
            p.since,
            p.node.name,
            p.reason,
            p.claims,
        )
        for p in result.possibly
    ]
    rows += [
        StatusRow(
            None,
            "location unknown",
            u.foundry.name,
            u.nodes,
            None,
            None,
            LOCATION_UNKNOWN,
            u.claims,
        )
        for u in result.location_unknown
    ]
    return rows


def _side(reached: Reached | None) -> list[str]:
    if reached is None:
        return ["-", "-", "-"]
    density = reached.density
    return [reached.node.name, reached.when, "-" if density is None else f"{density.magnitude:g}"]


def comparison_cells(row: GenerationRow) -> list[str]:
    """A generation's row: each side's node, date and density, who led, the density ratio."""
    lag, interval, ratio = row.lag_years, row.lag_interval, row.density_ratio
    if lag is None or interval is None:
        lead = "-"
    elif row.leader is None:
        lead = f"unclear ({interval[0]:+.1f} to {interval[1]:+.1f} y)"
    else:
        lead = f"{row.leader.name} by {abs(lag):.1f} y"
    return [
        row.generation.label,
        *_side(row.a),
        *_side(row.b),
        lead,
        "-" if ratio is None else f"{ratio:.2f}",
    ]


def comparison_headers(result: Comparison) -> list[str]:
    """The column names of a comparison, naming both foundries."""
    a, b = result.a.name, result.b.name
    return ["generation", a, "since", "MTr/mm2", b, "since", "MTr/mm2", "ahead", f"{b}/{a} density"]


def breach_rows(result: Breaches) -> list[list[str]]:
    """One row per breach, sure ones first."""
    return [
        [
            b.control.title,
            b.control.effective.isoformat(),
            nm(b.control.threshold_nm or 0),
            b.foundry.name,
            f"{b.node.name} ({nm(b.node.node_class)} class)",
            str(b.reached) if b.surely else f"{b.reached} (possibly)",
            f"{b.years_after:.1f}",
        ]
        for b in (*result.entries, *result.possibly)
    ]


def control_row(control: ExportControl) -> list[str]:
    """A control's date, jurisdiction, title, targets, scope and threshold."""
    targets = [f.name for f in control.target_foundries] + list(control.target_countries)
    return [
        control.effective.isoformat(),
        control.jurisdiction,
        control.title,
        ", ".join(targets),
        ", ".join(scope.value for scope in control.scope),
        "-" if control.threshold_nm is None else nm(control.threshold_nm),
    ]


def _number(value: float | None, scale: float = 1.0) -> str:
    return "" if value is None else f"{value / scale:g}"


def product_row(product: Product) -> list[str]:
    """A product's name, designer, node, release, area, count, density and sources."""
    density = product.density
    return [
        product.name,
        product.designer,
        product.node.label,
        str(product.released),
        _number(product.die_area_mm2),
        _number(product.transistors, 1e9),
        "" if density is None else f"{density.magnitude:g}",
        ", ".join(s.id for s in product.sources),
    ]


def source_row(source: Source) -> list[str]:
    """A source's id, publisher, kind, tier, date, title, the copy it was read through and
    whose reports it relays (joined by semicolons: an entry may have commas inside)."""
    return [
        source.id,
        source.publisher,
        source.kind.value,
        source.tier.value,
        "" if source.date is None else str(source.date),
        f"[{source.title}]" if source.title_inferred else source.title,
        source.via.host if source.via else "",
        "; ".join(source.relays),
    ]
