"""Queries over a catalog: who leads at a node class, and which claims hold when.

Every query takes ``as_of`` (the date the answer is about; default today), ``known_by``
(count only claims reported on or before this date; default: everything known now) and
``catalog`` (default: the bundled catalog).
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import math
from collections.abc import Iterable, Sequence
from typing import Any, Final, Protocol, TypeVar, runtime_checkable

import attrs

from nodecompare.catalog import Catalog, resolve
from nodecompare.dates import optional_date, to_date
from nodecompare.errors import ValidationError, query_choice
from nodecompare.model import (
    PREFERRED_BASES,
    PRODUCTION_KINDS,
    REGIONS,
    Basis,
    Claim,
    ClaimKind,
    Confidence,
    Fab,
    Foundry,
    Metric,
    PartialDate,
    Precision,
    ProcessNode,
    Site,
    Source,
)
from nodecompare.render import html_table, link, text_table
from nodecompare.results import Results

T = TypeVar("T")

__all__ = [
    "ByClass",
    "ByDensity",
    "ByName",
    "Claims",
    "ClassBasis",
    "Dispute",
    "Disputes",
    "Leader",
    "Leaders",
    "Possible",
    "Unplaced",
    "claims",
    "disputes",
    "leaders",
    "node_card",
    "node_dict",
    "timeline",
]


# --- what "the n-nm class" means ---------------------------------------------------------


@runtime_checkable
class ClassBasis(Protocol):
    """Decides whether a node belongs to the n-nm class (or a more advanced one)."""

    def includes(self, node: ProcessNode, n: float, day: dt.date, catalog: Catalog) -> bool:
        """True when ``node`` counts as n-nm class or better on ``day``."""
        ...

    def describe(self, n: float, catalog: Catalog) -> str:
        """One line saying what the class means under this basis."""
        ...


def _nm(n: float) -> str:
    return f"{n:g} nm"


@attrs.frozen
class ByClass:
    """The default basis: the node's class, ``class_nm`` or else its marketed number.

    A node counts as n-nm class when its class is n or smaller. The class is the number
    in the vendor's current name (N7: 7, Intel 7: 7), except where the catalog records,
    with a source, the class analysts place a node in because its name has no number
    (SMIC N+1 and N+2: 7). Names are as the vendors market them today, so this basis
    compares names, not densities: see :class:`ByDensity` for that.
    """

    def includes(self, node: ProcessNode, n: float, day: dt.date, catalog: Catalog) -> bool:
        return node.node_class <= n + 1e-9

    def describe(self, n: float, catalog: Catalog) -> str:
        return (
            f"node class: the node's current marketed number, or the class a cited analyst "
            f"places it in, is {_nm(n)} or less"
        )


@attrs.frozen
class ByName:
    """The number in the name the vendor used on the date asked about.

    Intel's 10nm Enhanced SuperFin counts as 10 nm before its renaming to Intel 7 on
    2021-07-26 and as 7 nm after it; a node whose name has no number (SMIC N+1) never
    counts.
    """

    def includes(self, node: ProcessNode, n: float, day: dt.date, catalog: Catalog) -> bool:
        number = node.marketing_nm_on(day)
        return number is not None and number <= n + 1e-9

    def describe(self, n: float, catalog: Catalog) -> str:
        return f"vendor name: the node was marketed as {_nm(n)} or less on the date"


@attrs.frozen
class ByDensity:
    """Logic density at least ``tolerance`` times the reference foundry's n-nm density.

    The reference density for class n is read off the reference foundry's ladder: for
    each class it has a density for, the least dense node of that class; between two
    classes, log density is interpolated linearly in the node number. ``minimum``
    (MTr/mm**2, or a pint quantity) replaces the threshold when given. A node's density
    is its preferred figure of ``bases`` (by default analyst calculation, then vendor
    claim, then product measurement; never one derived from a marketing ratio).
    """

    reference: str = "TSMC"
    tolerance: float = 0.9
    minimum: Any = None
    bases: tuple[Basis, ...] = PREFERRED_BASES

    def threshold(self, n: float, catalog: Catalog) -> float:
        """The density (MTr/mm**2) a node needs to count as n-nm class.

        Raises:
            ValidationError: n lies outside the classes the reference has densities for.
        """
        if self.minimum is not None:
            from nodecompare.units import canonical_magnitude

            return canonical_magnitude(self.minimum, Metric.DENSITY.unit)
        ladder: dict[float, float] = {}
        for node in catalog.nodes_of(self.reference):
            figure = node.figure(Metric.DENSITY, self.bases)
            if figure is not None:
                known = ladder.get(node.node_class, math.inf)
                ladder[node.node_class] = min(known, figure.magnitude)
        steps = sorted(ladder.items())
        if not steps or not steps[0][0] - 1e-9 <= n <= steps[-1][0] + 1e-9:
            covered = f"{_nm(steps[0][0])} to {_nm(steps[-1][0])}" if steps else "no class"
            raise ValidationError.of(
                "ByDensity",
                "reference",
                f"{self.reference}'s densities cover {covered}; none to place {_nm(n)} against",
            )
        for (small, dense), (large, sparse) in itertools.pairwise(steps):
            if small <= n <= large:
                share = (n - small) / (large - small)
                return self.tolerance * math.exp(
                    math.log(dense) + share * (math.log(sparse) - math.log(dense))
                )
        return self.tolerance * steps[0][1]

    def includes(self, node: ProcessNode, n: float, day: dt.date, catalog: Catalog) -> bool:
        figure = node.figure(Metric.DENSITY, self.bases)
        return figure is not None and figure.magnitude >= self.threshold(n, catalog)

    def describe(self, n: float, catalog: Catalog) -> str:
        if self.minimum is not None:
            return f"density: at least {self.threshold(n, catalog):.1f} MTr/mm**2"
        return (
            f"density: at least {self.threshold(n, catalog):.1f} MTr/mm**2 "
            f"({self.tolerance:g} x {self.reference}'s {_nm(n)} density)"
        )


_BASES: Final[dict[str, ClassBasis]] = {
    "class": ByClass(),
    "name": ByName(),
    "density": ByDensity(),
}


def _basis(basis: str | ClassBasis) -> ClassBasis:
    if isinstance(basis, str):
        try:
            return _BASES[basis]
        except KeyError:
            raise ValidationError.of(
                "query",
                "basis",
                f"expected one of {', '.join(_BASES)} or a ClassBasis, got {basis!r}",
            ) from None
    if not isinstance(basis, ClassBasis):
        raise ValidationError.of("query", "basis", f"expected a ClassBasis, got {basis!r}")
    return basis


def _node_number(n: Any) -> float:
    if isinstance(n, bool) or not isinstance(n, (int, float)) or not math.isfinite(n) or n <= 0:
        raise ValidationError.of("query", "n", f"expected a positive number of nm, got {n!r}")
    return float(n)


# --- leaders ----------------------------------------------------------------------------------


@attrs.frozen
class Leader:
    """One foundry able to make n-nm class chips on the date asked about.

    Attributes:
        rank: 1 for the most advanced.
        foundry: the foundry.
        node: its most advanced node in production that counts under the basis.
        since: when it first had a node of the class in production.
        first_node: the node it first reached the class with.
        claims: the production claims these rest on, oldest first, with their sources.
        sites: when a region was asked about, where in it those nodes are made.
    """

    rank: int
    foundry: Foundry
    node: ProcessNode
    since: PartialDate
    first_node: ProcessNode
    claims: tuple[Claim, ...]
    sites: tuple[Site, ...] = ()

    @property
    def fabs(self) -> tuple[Fab, ...]:
        """The fabs among :attr:`sites`."""
        return tuple(dict.fromkeys(site.fab for site in self.sites if site.fab is not None))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible summary."""
        return {
            "rank": self.rank,
            "foundry": self.foundry.name,
            "node": self.node.name,
            "node_id": self.node.id,
            "node_class_nm": self.node.node_class,
            "density_mtr_per_mm2": _density(self.node),
            "since": str(self.since),
            "first_node": self.first_node.name,
            "claims": [_claim_dict(claim) for claim in self.claims],
            "fabs": [
                {"id": fab.id, "name": fab.name, "city": fab.city, "country": fab.country}
                for fab in self.fabs
            ],
            "sites": [_site_dict(site) for site in self.sites],
        }


@attrs.frozen
class Possible:
    """A foundry that may have made n-nm class chips on the date asked about.

    Its evidence is dated only to a period that contains the date ("5LPE known only to
    2020-Q4" on 15 November 2020): it surely qualifies from the end of that period.

    Attributes:
        foundry: the foundry.
        node: the node that may have counted.
        since: the period its production (or its making in the region) is known to.
        reason: why it is uncertain, in words.
        claims: the production claims, with their sources.
        sites: when a region was asked about, where in it the node is made.
    """

    foundry: Foundry
    node: ProcessNode
    since: PartialDate
    reason: str
    claims: tuple[Claim, ...]
    sites: tuple[Site, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible summary."""
        return {
            "foundry": self.foundry.name,
            "node": self.node.name,
            "node_id": self.node.id,
            "node_class_nm": self.node.node_class,
            "since": str(self.since),
            "surely_from": self.since.end.isoformat(),
            "reason": self.reason,
            "claims": [_claim_dict(claim) for claim in self.claims],
            "sites": [_site_dict(site) for site in self.sites],
        }


@attrs.frozen
class Unplaced:
    """A foundry whose node of the class was in production on the date asked about, but
    that no fab or location record places anywhere on that date: it may be made in the
    region asked about, or not."""

    foundry: Foundry
    nodes: tuple[ProcessNode, ...]
    claims: tuple[Claim, ...]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible summary."""
        return {
            "foundry": self.foundry.name,
            "nodes": [node.name for node in self.nodes],
            "claims": [_claim_dict(claim) for claim in self.claims],
        }


def _site_dict(site: Site) -> dict[str, Any]:
    return {
        "fab": None if site.fab is None else site.fab.id,
        "location": None if site.fab is not None else site.made_location.id,
        "name": site.name,
        "country": site.country,
        "since": None if site.made.since is None else str(site.made.since),
    }


def _density(node: ProcessNode) -> float | None:
    figure = node.density
    return None if figure is None else figure.magnitude


def _density_cell(node: ProcessNode) -> str:
    """The preferred density for a table, marked when it is a projection or leak."""
    figure = node.density
    if figure is None:
        return "-"
    return f"{figure.magnitude:g}" + (" (projected)" if figure.projected else "")


def _claim_dict(claim: Claim) -> dict[str, Any]:
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
        "sources": [_source_dict(s) for s in claim.sources],
        "background": [_source_dict(s) for s in claim.background],
    }


def _source_dict(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "publisher": source.publisher,
        "title": source.title,
        "date": None if source.date is None else str(source.date),
        "url": source.link,
        "tier": source.tier.value,
    }


@attrs.frozen(repr=False)
class Leaders(Results[Leader]):
    """The answer to :func:`leaders`: a ranked sequence of :class:`Leader`.

    The sequence holds the foundries that surely qualify. Those whose evidence is dated
    only to a period containing the date are in :attr:`possibly`; with a region, those
    whose node no record places on that date are in :attr:`location_unknown`.

    Attributes:
        n: the node class asked about, in nm.
        as_of: the date the answer is about.
        known_by: only claims reported by this date counted (None: all known now).
        basis: what the n-nm class meant.
        entries: the leaders, most advanced first.
        region: the region asked about, if any.
        possibly: the foundries that possibly qualify, and why they are uncertain.
        location_unknown: with a region, foundries in production whose location is unknown.
    """

    n: float
    as_of: dt.date
    known_by: dt.date | None
    basis: str
    entries: tuple[Leader, ...]
    region: str | None = None
    possibly: tuple[Possible, ...] = ()
    location_unknown: tuple[Unplaced, ...] = ()

    @property
    def foundries(self) -> tuple[str, ...]:
        """The names of the foundries that surely qualify, most advanced first."""
        return tuple(entry.foundry.name for entry in self.entries)

    @property
    def possible_foundries(self) -> tuple[str, ...]:
        """The names of the foundries that possibly qualify (see :class:`Possible`)."""
        return tuple(entry.foundry.name for entry in self.possibly)

    @property
    def unlocated_foundries(self) -> tuple[str, ...]:
        """With a region: the foundries in production whose location on the date is unknown."""
        return tuple(entry.foundry.name for entry in self.location_unknown)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            from nodecompare.catalog import name_key

            return any(
                name_key(item)
                in {name_key(n) for n in (e.foundry.name, e.foundry.id, *e.foundry.aliases)}
                for e in self.entries
            )
        return item in self.entries or any(e.foundry == item for e in self.entries)

    @property
    def title(self) -> str:
        """What was asked, in words."""
        known = f"as known on {self.known_by}" if self.known_by else "by all claims known now"
        where = f" in {self.region}" if self.region else ""
        return f"Who makes {_nm(self.n)}-class chips{where} on {self.as_of}, {known}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible form of the answer."""
        return {
            "n_nm": self.n,
            "as_of": self.as_of.isoformat(),
            "known_by": None if self.known_by is None else self.known_by.isoformat(),
            "basis": self.basis,
            "region": self.region,
            "leaders": [entry.to_dict() for entry in self.entries],
            "possibly": [entry.to_dict() for entry in self.possibly],
            "location_unknown": [entry.to_dict() for entry in self.location_unknown],
        }

    def _status_rows(self) -> list[_StatusRow]:
        """One row per foundry: the sure leaders, then the possible ones, then those of
        unknown location."""
        rows = [
            _StatusRow(
                e.rank,
                "surely",
                e.foundry.name,
                (e.node,),
                str(e.since),
                e.first_node.name,
                "",
                e.claims,
            )
            for e in self.entries
        ]
        rows += [
            _StatusRow(
                None,
                "possibly",
                p.foundry.name,
                (p.node,),
                str(p.since),
                p.node.name,
                p.reason,
                p.claims,
            )
            for p in self.possibly
        ]
        rows += [
            _StatusRow(
                None,
                "location unknown",
                u.foundry.name,
                u.nodes,
                None,
                None,
                "no fab or location record places the node on the date",
                u.claims,
            )
            for u in self.location_unknown
        ]
        return rows

    def to_frame(self) -> Any:
        """The leaders as a pandas DataFrame (needs the ``frames`` extra): one row per
        foundry, ``status`` saying ``surely``, ``possibly`` or ``location unknown``."""
        import pandas as pd

        rows = [
            {
                "rank": row.rank,
                "status": row.status,
                "foundry": row.foundry,
                "node": ", ".join(node.name for node in row.nodes),
                "class_nm": min(node.node_class for node in row.nodes),
                "density_mtr_per_mm2": _density(row.nodes[0]) if len(row.nodes) == 1 else None,
                "since": row.since,
                "first_node": row.first_node,
                "reason": row.reason,
                "claims": ", ".join(c.id for c in row.claims),
            }
            for row in self._status_rows()
        ]
        frame = pd.DataFrame(rows, columns=list(_FRAME_COLUMNS))
        return frame.astype({"rank": "Int64"})

    def _uncertain_lines(self) -> list[str]:
        lines = [f"possibly: {p.foundry.name} ({p.reason})" for p in self.possibly]
        lines += [
            f"location unknown: {u.foundry.name} ({', '.join(n.name for n in u.nodes)} in "
            f"production; no fab or location record places it on {self.as_of})"
            for u in self.location_unknown
        ]
        return lines

    def __repr__(self) -> str:
        lines = [self.title, f"basis: {self.basis}"]
        if not self.entries:
            return "\n".join([*lines, "(no foundry)", *self._uncertain_lines()])
        rows = [
            [
                str(e.rank),
                e.foundry.name,
                e.node.name,
                _nm(e.node.node_class),
                _density_cell(e.node),
                f"{e.since} ({e.first_node.name})",
            ]
            for e in self.entries
        ]
        headers = ["#", "foundry", "most advanced", "class", "MTr/mm2", "in class since"]
        lines += ["", text_table(headers, rows)]
        if uncertain := self._uncertain_lines():
            lines += ["", *uncertain]
        lines += ["", "evidence:"]
        for entry in self.entries:
            lines.append(f"  {entry.rank}. {entry.foundry.name}")
            lines += [f"     {line}" for claim in entry.claims for line in _claim_lines(claim)]
            lines += [f"     made at: {site.name} ({site.country})" for site in entry.sites]
        for maybe in self.possibly:
            lines.append(f"  possibly: {maybe.foundry.name}")
            lines += [f"     {line}" for claim in maybe.claims for line in _claim_lines(claim)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = []
        for row in self._status_rows():
            density = _density_cell(row.nodes[0]) if len(row.nodes) == 1 else ""
            since = row.since or ""
            if row.status == "surely":
                since = f"{row.since} ({row.first_node})"
            status = f"possibly: {row.reason}" if row.status == "possibly" else row.status
            rows.append(
                [
                    "" if row.rank is None else str(row.rank),
                    html.escape(row.foundry),
                    html.escape(", ".join(node.name for node in row.nodes)),
                    _nm(min(node.node_class for node in row.nodes)),
                    html.escape("" if density == "-" else density),
                    html.escape(since),
                    html.escape(status),
                    "<br>".join(_claim_html(c) for c in row.claims),
                ]
            )
        headers = [
            "#",
            "foundry",
            "most advanced",
            "class",
            "MTr/mm²",
            "in class since",
            "status",
            "evidence",
        ]
        return html_table(f"{self.title} (basis: {self.basis})", headers, rows)


@attrs.frozen
class _StatusRow:
    """One foundry's row in the tables of :class:`Leaders`."""

    rank: int | None
    status: str
    foundry: str
    nodes: tuple[ProcessNode, ...]
    since: str | None
    first_node: str | None
    reason: str
    claims: tuple[Claim, ...]


_FRAME_COLUMNS: Final = (
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


def _claim_lines(claim: Claim) -> list[str]:
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


def _claim_block(claim: Claim, lead: str) -> list[str]:
    """A claim's statement after ``lead``, then its dates, evidence and sources indented."""
    return [f"{lead}{claim.statement}", *(f"    {line}" for line in _claim_lines(claim))]


def _claim_html(claim: Claim) -> str:
    sources = "; ".join(link(str(s), s.link) for s in claim.sources)
    return (
        f"{html.escape(claim.kind.value.replace('_', ' '))} of {html.escape(claim.subject)} "
        f"from {claim.valid_from}, reported {claim.reported_on} "
        f"({claim.confidence.value}): {sources}"
    )


def production_claims(
    catalog: Catalog,
    node: ProcessNode,
    day: dt.date,
    known_by: dt.date | None,
    minimum: Confidence,
    *,
    possibly: bool = False,
) -> tuple[Claim, ...]:
    """The claims that ``node`` was in production on ``day``, oldest first.

    A volume-production or product-shipped claim counts when it surely holds on ``day``
    (with ``possibly``: when it may hold, see :meth:`Claim.possibly_holds_on`), was
    reported by ``known_by``, is at least ``minimum`` sure, and no claim known by then
    supersedes it.
    """
    holds = Claim.possibly_holds_on if possibly else Claim.holds_on
    found = (
        claim
        for claim in catalog.claims_about(node)
        if claim.kind in PRODUCTION_KINDS
        and holds(claim, day)
        and claim.known_by(known_by)
        and claim.confidence.at_least(minimum)
        and not catalog.is_superseded(claim, known_by)
    )
    return tuple(sorted(found, key=_claim_order))


@attrs.frozen
class _InProduction:
    """A node of the class in production on the date asked about, with its claims."""

    node: ProcessNode
    claims: tuple[Claim, ...]  # oldest first
    reached: PartialDate  # when it first counted as the class (in the region, if asked)
    sites: tuple[Site, ...] = ()  # where it is made in the region asked about
    reason: str = ""  # when it only possibly counts: why

    @property
    def newest_first(self) -> tuple[float, int]:
        """Sort key: the smallest class, then the newest variant of it (N+2 after N+1, N4P
        after N4), as densities are often unknown for variants."""
        return (self.node.node_class, -self.claims[0].valid_from.start.toordinal())


@attrs.frozen
class _Query:
    """The arguments of one :func:`leaders` call, normalised."""

    n: float
    day: dt.date
    known_by: dt.date | None
    rule: ClassBasis
    minimum: Confidence
    region: frozenset[str] | None
    catalog: Catalog


def _since(site: Site) -> PartialDate:
    assert site.made.since is not None
    return site.made.since


def _nodes_in_class(
    query: _Query, foundry: Foundry, possibly: bool
) -> tuple[list[_InProduction], list[_InProduction]]:
    """The foundry's nodes of the class in production on the day (in the region, if one
    is asked about), and those in production that no site places anywhere on the day."""
    found, unplaced = [], []
    for node in query.catalog.nodes_of(foundry):
        args = (query.catalog, node, query.day, query.known_by, query.minimum)
        production = production_claims(*args, possibly=possibly)
        reached = class_reached(query.rule, node, query.n, production, query.day, query.catalog)
        if reached is None:
            continue
        # In the possibly pass, a node that also surely counts needs no reason of its own.
        surely = not possibly or class_reached(
            query.rule, node, query.n, production_claims(*args), query.day, query.catalog
        )
        reason = "" if surely else f"{node.name} in production known only to {reached}"
        if query.region is None:
            found.append(_InProduction(node, production, reached, reason=reason))
            continue
        sites = query.catalog.sites(node)
        placed = [s for s in sites if s.makes_on(query.day, query.known_by, possibly=True)]
        local = [
            s
            for s in placed
            if s.in_region(query.region)
            and s.makes_on(query.day, query.known_by, possibly=possibly)
        ]
        if local:
            # An undated site places the node there whenever it is in production.
            dated = [site for site in local if site.made.since is not None]
            if len(dated) == len(local):
                site = min(dated, key=lambda s: _since(s).by_end)
                reached = max(reached, _since(site), key=lambda d: d.by_end)
                if not reason and not site.makes_on(query.day, query.known_by):
                    reason = f"{node.name} made at {site.name}: known only to {_since(site)}"
            found.append(
                _InProduction(node, production, reached, tuple(dict.fromkeys(local)), reason)
            )
        elif not placed:
            unplaced.append(_InProduction(node, production, reached))
    return found, unplaced


def _denser_first(node: ProcessNode) -> float:
    density = node.density
    return -(density.magnitude if density else 0.0)


def _reached(
    basis: ClassBasis, node: ProcessNode, n: float, claim: Claim, day: dt.date, catalog: Catalog
) -> PartialDate | None:
    """When ``node``, in production under ``claim``, first counted as n-nm class by ``day``."""
    start = claim.valid_from.start
    if basis.includes(node, n, start, catalog):
        return claim.valid_from
    # The node may have joined the class later, when it was renamed.
    changes = sorted(
        {d for a in node.aliases for d in (a.since, a.until) if d is not None and start < d <= day}
    )
    for change in changes:
        if basis.includes(node, n, change, catalog):
            return PartialDate(change, Precision.DAY)
    return None


def class_reached(
    basis: ClassBasis,
    node: ProcessNode,
    n: float,
    production: Sequence[Claim],
    day: dt.date,
    catalog: Catalog,
) -> PartialDate | None:
    """When ``node``, in production under these claims, first counted as n-nm class by
    ``day``; None when it does not count on ``day``."""
    if not production or not basis.includes(node, n, day, catalog):
        return None
    starts = [
        reached
        for claim in production
        if (reached := _reached(basis, node, n, claim, day, catalog)) is not None
    ]
    # The date by which it surely counted: "2020-Q2" says more than "2020".
    return min(starts, key=lambda d: d.by_end, default=None)


def leaders(
    n: float,
    *,
    as_of: dt.date | str | None = None,
    known_by: dt.date | str | None = None,
    basis: str | ClassBasis = "class",
    min_confidence: Confidence | str = Confidence.REPORTED,
    region: str | None = None,
    catalog: Catalog | None = None,
) -> Leaders:
    """The foundries making chips of the n-nm class, or a more advanced one, on a date.

    A foundry counts when one of its nodes of the class was in production on ``as_of``:
    a claim of volume production, or of a product made on the node being shipped (that is
    how SMIC's 7 nm-class became known), held on that date, was reported by ``known_by``
    and is at least ``min_confidence``. A claim known only to a year, half, quarter or
    month counts from the end of that period, when it had surely started; on a day within
    the period its foundry is listed in :attr:`Leaders.possibly`, with the precision that
    makes it uncertain. With ``region``, the node must also be made at a site in that
    region (a fab, or a location record where only the country or city is public): where
    chips are made, not where the company is based. A foundry in production whose node no
    site places on that date is listed in :attr:`Leaders.location_unknown`, never dropped
    silently.

    Args:
        n: the node class in nm (7 for "7 nm").
        as_of: the date asked about (a date or ``"YYYY-MM-DD"``); default today.
        known_by: count only claims reported on or before this date; default: all.
        basis: what "n-nm class" means: ``"class"`` (default; see :class:`ByClass`),
            ``"name"`` (:class:`ByName`), ``"density"`` (:class:`ByDensity`), or any
            :class:`ClassBasis`.
        min_confidence: the least confidence a claim needs (default ``"reported"``:
            speculative and disputed claims do not count).
        region: ``"US"``, ``"EU"``, ``"China"``, ``"Taiwan"``, ``"South Korea"``,
            ``"Japan"`` (see :data:`nodecompare.model.REGIONS`) or a country code.
        catalog: the catalog to ask; default the bundled one.

    Returns:
        The leaders that surely qualify, most advanced first: the smaller class of their
        most advanced node, then the earlier date they reached the n-nm class, then the
        denser node; with the foundries that possibly qualify and, for a region, those
        whose location is unknown.

    Raises:
        ValidationError: an argument is not a valid value.
    """
    query = _Query(
        _node_number(n),
        dt.date.today() if as_of is None else to_date(as_of, "as_of"),
        optional_date(known_by, "known_by"),
        _basis(basis),
        query_choice(Confidence, min_confidence, "min_confidence"),
        None if region is None else region_countries(region)[1],
        resolve(catalog),
    )
    standings, possible, unplaced = [], [], []
    for foundry in query.catalog.foundries:
        surely, not_placed = _nodes_in_class(query, foundry, possibly=False)
        if surely:
            standings.append(_standing(foundry, surely))
            continue
        maybe, maybe_not_placed = _nodes_in_class(query, foundry, possibly=True)
        if maybe:
            first = min(maybe, key=lambda p: (p.reached, p.newest_first))
            possible.append(
                Possible(
                    foundry, first.node, first.reached, first.reason, first.claims, first.sites
                )
            )
        elif not_placed or maybe_not_placed:
            nodes = not_placed or maybe_not_placed
            claims = {c.id: c for p in nodes for c in p.claims}
            unplaced.append(
                Unplaced(
                    foundry,
                    tuple(p.node for p in nodes),
                    tuple(sorted(claims.values(), key=_claim_order)),
                )
            )
    # Smaller class first; within a class, who got there first, then the denser node.
    standings.sort(
        key=lambda s: (
            s[1].node.node_class,
            s[2].reached,
            _denser_first(s[1].node),
            s[0].name,
        )
    )
    entries = tuple(
        Leader(rank, foundry, best.node, first.reached, first.node, tuple(evidence), sites)
        for rank, (foundry, best, first, evidence, sites) in enumerate(standings, start=1)
    )
    possible.sort(key=lambda p: (p.since.end, p.node.node_class, p.foundry.name))
    return Leaders(
        query.n,
        query.day,
        query.known_by,
        query.rule.describe(query.n, query.catalog),
        entries,
        None if region is None else region_countries(region)[0],
        tuple(possible),
        tuple(unplaced),
    )


def _standing(
    foundry: Foundry, in_production: list[_InProduction]
) -> tuple[Foundry, _InProduction, _InProduction, list[Claim], tuple[Site, ...]]:
    """A foundry's most advanced node, the node it first reached the class with, the
    claims behind both and where they are made."""
    best = min(in_production, key=lambda p: p.newest_first)
    first = min(in_production, key=lambda p: (p.reached, p.newest_first))
    evidence = {claim.id: claim for p in (first, best) for claim in p.claims}
    sites = tuple(dict.fromkeys(site for p in (first, best) for site in p.sites))
    return foundry, best, first, sorted(evidence.values(), key=_claim_order), sites


def region_countries(region: str) -> tuple[str, frozenset[str]]:
    """The name of a region and its country codes: ``"eu"`` or ``"EU"``, ``"Taiwan"`` or ``"TW"``.

    Raises:
        ValidationError: the region is neither a known region nor a country code.
    """
    from nodecompare.catalog import name_key

    for name, countries in REGIONS.items():
        if name_key(region) == name_key(name):
            return name, countries
    code = region.strip().upper() if isinstance(region, str) else ""
    for name, countries in REGIONS.items():
        if countries == {code}:
            return name, countries
    if len(code) == 2 and code.isalpha():
        return code, frozenset({code})
    allowed = ", ".join(REGIONS)
    raise ValidationError.of(
        "query", "region", f"expected a region ({allowed}) or a country code, got {region!r}"
    )


def _claim_order(claim: Claim) -> tuple[PartialDate, dt.date, str]:
    return (claim.valid_from, claim.reported_on, claim.id)


# --- claims -----------------------------------------------------------------------------------


@attrs.frozen(repr=False)
class Claims(Results[Claim]):
    """Claims in order of ``valid_from``, then ``reported_on``; see :func:`claims`."""

    title: str
    entries: tuple[Claim, ...]

    def to_dict(self) -> list[dict[str, Any]]:
        """A JSON-compatible list of the claims."""
        return [_claim_dict(c) for c in self.entries]

    def to_frame(self) -> Any:
        """The claims as a pandas DataFrame (needs the ``frames`` extra)."""
        import pandas as pd

        rows = [
            {
                **row,
                **{key: "; ".join(s["id"] for s in row[key]) for key in ("sources", "background")},
            }
            for row in self.to_dict()
        ]
        return pd.DataFrame(rows).set_index("id")

    def __repr__(self) -> str:
        lines = [self.title]
        for claim in self.entries:
            lines += _claim_block(claim, "- ")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = [
            [
                html.escape(str(c.valid_from)),
                html.escape(c.reported_on.isoformat()),
                html.escape(c.subject),
                html.escape(c.kind.value.replace("_", " ")),
                html.escape(c.statement),
                html.escape(c.confidence.value),
                "<br>".join(link(str(s), s.link) for s in c.sources),
            ]
            for c in self.entries
        ]
        headers = ["from", "reported", "subject", "kind", "statement", "confidence", "sources"]
        return html_table(self.title, headers, rows)


def claims(
    *,
    foundry: str | Foundry | None = None,
    node: ProcessNode | None = None,
    kinds: Iterable[ClaimKind | str] | None = None,
    source: str | None = None,
    as_of: dt.date | str | None = None,
    known_by: dt.date | str | None = None,
    min_confidence: Confidence | str = Confidence.DISPUTED,
    catalog: Catalog | None = None,
) -> Claims:
    """The claims that match every filter given, oldest first.

    Args:
        foundry: claims about this foundry or one of its nodes.
        node: claims about this node.
        kinds: only claims of these kinds.
        source: only claims citing the source with this id.
        as_of: only claims that had started to hold by this date.
        known_by: only claims reported on or before this date.
        min_confidence: the least confidence (default: every claim, disputed included).
        catalog: the catalog to ask; default the bundled one.

    Raises:
        ValidationError: an argument is not a valid value.
        UnknownNameError: the foundry or source is unknown.
    """
    catalog = resolve(catalog)
    owner = None if foundry is None else catalog.foundry(foundry)
    wanted = None if kinds is None else {ClaimKind(k) for k in kinds}
    cited = None if source is None else catalog.source(source)
    day = optional_date(as_of, "as_of")
    known = optional_date(known_by, "known_by")
    minimum = query_choice(Confidence, min_confidence, "min_confidence")
    selected = tuple(
        sorted(
            (
                c
                for c in catalog.claims
                if (owner is None or c.foundry == owner)
                and (node is None or c.node == node)
                and (wanted is None or c.kind in wanted)
                and (cited is None or cited in c.sources)
                and (day is None or c.valid_from.start <= day)
                and c.known_by(known)
                and c.confidence.at_least(minimum)
            ),
            key=_claim_order,
        )
    )
    parts = [
        f"about {owner.name}" if owner else "",
        f"about {node.label}" if node else "",
        f"citing {cited}" if cited else "",
        f"holding by {day}" if day else "",
        f"known by {known}" if known else "",
    ]
    title = " ".join(["Claims", *filter(None, parts)]) + f" ({len(selected)})"
    return Claims(title, selected)


# --- one node ---------------------------------------------------------------------------------


def node_card(node: ProcessNode) -> str:
    """A node's names, class, make-up and every figure with its basis and source, as text."""
    lines = [f"{node.label} ({node.id})", f"class: {_nm(node.node_class)}"]
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


def node_dict(node: ProcessNode) -> dict[str, Any]:
    """A node as a JSON-compatible dict, its foundry and sources given by id."""
    from nodecompare.io import record_to_dict

    return record_to_dict(node)


def timeline(
    subject: str | Foundry | ProcessNode,
    *,
    as_of: dt.date | str | None = None,
    known_by: dt.date | str | None = None,
    catalog: Catalog | None = None,
) -> Claims:
    """Every claim about a foundry (and its nodes) or a node, in the order they held.

    Each claim shows when it held and when it became known, with its sources:
    ``timeline("SMIC", known_by="2022-07-01")`` is what an analyst could have listed then.

    Raises:
        UnknownNameError: the foundry is unknown.
    """
    if isinstance(subject, ProcessNode):
        return claims(node=subject, as_of=as_of, known_by=known_by, catalog=catalog)
    return claims(foundry=subject, as_of=as_of, known_by=known_by, catalog=catalog)


# --- contradictions ---------------------------------------------------------------------------


@attrs.frozen
class Dispute:
    """A claim and the claims that contradict it."""

    claim: Claim
    contradicted_by: tuple[Claim, ...]


@attrs.frozen(repr=False)
class Disputes(Results[Dispute]):
    """The open contradictions of a catalog; see :func:`disputes`."""

    title: str
    entries: tuple[Dispute, ...]

    def __repr__(self) -> str:
        lines = [self.title]
        for dispute in self.entries:
            lines += _claim_block(dispute.claim, "- ")
            for other in dispute.contradicted_by:
                lines += _claim_block(other, "  contradicted by: ")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = [
            [
                html.escape(d.claim.statement),
                "<br>".join(link(str(s), s.link) for s in d.claim.sources),
                "<br>".join(html.escape(o.statement) for o in d.contradicted_by),
                "<br>".join(link(str(s), s.link) for o in d.contradicted_by for s in o.sources),
            ]
            for d in self.entries
        ]
        return html_table(
            self.title, ["claim", "its sources", "contradicted by", "their sources"], rows
        )


def disputes(
    *,
    known_by: dt.date | str | None = None,
    catalog: Catalog | None = None,
) -> Disputes:
    """The open contradictions: claims that others dispute, with both sides' sources.

    A contradiction is open while neither side has been superseded. With ``known_by``,
    only claims reported by that date take part.

    Args:
        known_by: count only claims reported on or before this date; default: all.
        catalog: the catalog to ask; default the bundled one.
    """
    catalog = resolve(catalog)
    known = optional_date(known_by, "known_by")
    found = []
    for claim in catalog.claims:
        if not claim.known_by(known) or catalog.is_superseded(claim, known):
            continue
        against = tuple(
            sorted(
                (
                    other
                    for other in catalog.disputed_by(claim)
                    if other.known_by(known) and not catalog.is_superseded(other, known)
                ),
                key=_claim_order,
            )
        )
        if against:
            found.append(Dispute(claim, against))
    known_text = f", as known on {known}" if known else ""
    return Disputes(f"Open contradictions ({len(found)}){known_text}", tuple(found))
