"""Integrity rules for catalog data, for the bundled catalog and for users' own.

The model already refuses a record without sources, a dangling reference, a figure of
the wrong dimension and a name that means two nodes at once. These rules look across
records:

- a node's volume production does not precede its announcement;
- within a foundry, a node of a smaller class is not less dense than one of a larger
  class, unless a source says so (``data/reference/density-exceptions.json``, each
  cited). Densities are compared like for like: HD cells with HD cells, HP with HP,
  and figures that name no library with each other, each node at its preferred figure
  of that kind;
- a claim is not reported before it held, unless it is a plan, an announcement or an
  export control (rules are published before they take effect);
- a report date is the publication date of the earliest cited source that reports the
  event: some cited source is dated that day (a source known only to its month counts on
  the month's last day, when it had surely appeared), and no cited source is dated
  between the claim's start and its report. A source from before the claim held gives
  background (a launch date, a plan) and does not count; for a plan, an announcement or
  a control every earlier source counts, since each reports it. The same holds for the
  report date of production at a fab or a location (from any date when its start is not
  known), which is empty only when no cited source is dated;
- every node with a production claim is placed: made at a fab, or at a location record
  when only the country or city is public;
- a fab lists a node's production once (and its plan once): two entries would split
  the node's sources and dates between them;
- a figure or claim that rests only on weak sources (:func:`weak_only`) says why: one of
  its sources gives a ``weak_reason``; a source the publisher table ranks higher gives
  none, since nothing about it needs excusing (what limits it goes in its ``note``);
- a source's publisher is spelt the one way the publisher table gives;
- a source's ``url`` is its original's web address (http or https, as is its copy's): an
  address on another listed publisher's domain names that publisher (or is a copy), and
  one in a place the table lists as carrying copies goes in ``via``, with the original's
  publisher, title and date;
- one source, one record: no two sources share an address (the page they are read at,
  ignoring the scheme, a leading ``www.`` and a trailing slash);
- a ``vendor_claim`` figure cites the vendor: the foundry's own material or its paper
  (a company or academic source), or a report that relays the foundry (``relays`` names
  it). A number a third party worked out is an ``analyst_calculation``;
- a product's release is within reach of its sources: when every cited source is dated,
  one was published in or after the release period (a source published only before it
  can report a launch plan, not the sale); the editor then cites a later report or gives
  the period the sources support. An undated source may report the sale, so it is not
  judged.

``check(catalog)`` returns every problem found; the test command requires none in the
bundled catalog.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Final
from urllib.parse import urlsplit

import attrs

from nodecompare import reference
from nodecompare.catalog import Catalog
from nodecompare.errors import Problem
from nodecompare.io import default_catalog
from nodecompare.model import (
    PRODUCTION_KINDS,
    Basis,
    Claim,
    ClaimKind,
    FabNode,
    Location,
    Metric,
    ProcessNode,
    Source,
    SourceKind,
    Tier,
)
from nodecompare.model.publishers import canonical_spelling, copy_host, domain_publisher

#: Sources that are the vendor speaking: its own material, or its engineers' paper.
_VENDOR_KINDS: Final = frozenset({SourceKind.COMPANY, SourceKind.ACADEMIC})

__all__ = ["REPORTED_AHEAD", "WeakRecord", "check", "density_exceptions", "weak_only"]


def density_exceptions() -> dict[tuple[str, str], tuple[str, ...]]:
    """Pairs (larger-class node id, smaller-class node id) whose densities fall against
    the usual order, each with the sources that document it, from the reference table."""
    table = reference.table("density-exceptions")["exceptions"]
    return {
        (entry["larger"], entry["smaller"]): tuple(s["title"] for s in entry["sources"])
        for entry in table
    }


def _production_before_announcement(catalog: Catalog, node: ProcessNode) -> Problem | None:
    claims = catalog.claims_about(node)
    announced = [c.valid_from for c in claims if c.kind is ClaimKind.ANNOUNCED]
    produced = [c.valid_from for c in claims if c.kind in PRODUCTION_KINDS]
    if not announced or not produced:
        return None
    first_announced, first_produced = min(announced), min(produced)
    # Partial dates compare conservatively: only a production period that ended before
    # the announcement began is a contradiction.
    if first_produced.end < first_announced.start:
        return Problem(
            repr(node),
            "claims",
            f"volume production from {first_produced} precedes the announcement of "
            f"{first_announced}",
        )
    return None


def _density_falls(catalog: Catalog) -> list[Problem]:
    problems = []
    documented = density_exceptions()
    for foundry in catalog.foundries:
        nodes = catalog.nodes_of(foundry)
        libraries = sorted({f.library for n in nodes for f in n.figures_of(Metric.DENSITY)})
        measured = [
            (node, figure)
            for library in libraries
            for node in nodes
            if (figure := node.figure(Metric.DENSITY, library=library))
        ]
        for (larger, big), (smaller, small) in itertools.permutations(measured, 2):
            if big.library != small.library:
                continue
            if smaller.node_class >= larger.node_class or small.magnitude >= big.magnitude:
                continue
            if (larger.id, smaller.id) in documented:
                continue
            problems.append(
                Problem(
                    repr(smaller),
                    "figures",
                    f"density {small}{_cells(small.library)} is below {big} of the "
                    f"larger-class {larger.label}; "
                    "fix the figure or list the exception, with its sources, in "
                    "data/reference/density-exceptions.json",
                )
            )
    return problems


#: Claim kinds that may be reported before they hold.
REPORTED_AHEAD: Final = frozenset(
    {ClaimKind.PLANNED, ClaimKind.ANNOUNCED, ClaimKind.EXPORT_CONTROL}
)


def _report_date(claim: Claim) -> list[Problem]:
    problems = []
    ahead = claim.kind in REPORTED_AHEAD
    if not ahead and claim.reported_on < claim.valid_from.start:
        problems.append(
            Problem(
                repr(claim),
                "reported_on",
                f"{claim.reported_on} is before the claim held ({claim.valid_from}); only a "
                "plan, an announcement or an export control may be reported ahead",
            )
        )
    earliest_report = dt.date.min if ahead else claim.valid_from.start
    problems += _reported_by_sources(
        repr(claim), "reported_on", claim.reported_on, claim.sources, earliest_report
    )
    return problems


def _site_report_dates(catalog: Catalog) -> list[Problem]:
    """The report-date rule for fab nodes and locations: production there is reported by
    the earliest cited source dated from its start on (from any date when it is undated).
    """
    sited: list[tuple[str, str, FabNode | Location]] = [
        (repr(fab), f"nodes[{made.node.id}].reported_on", made)
        for fab in catalog.fabs
        for made in fab.nodes
    ]
    sited += [(repr(location), "reported_on", location) for location in catalog.locations]
    problems = []
    for record, field, made in sited:
        if made.reported_on is None:
            dated = [s.id for s in made.sources if s.date is not None]
            if dated:
                problems.append(
                    Problem(record, field, f"is empty, but {', '.join(dated)} is dated")
                )
            continue
        earliest_report = dt.date.min if made.since is None else made.since.start
        problems += _reported_by_sources(
            record, field, made.reported_on, made.sources, earliest_report
        )
    return problems


def _repeated_sites(catalog: Catalog) -> list[Problem]:
    """A node listed twice at one fab, both as made there or both as planned."""
    problems = []
    for fab in catalog.fabs:
        seen: set[tuple[str, bool]] = set()
        for made in fab.nodes:
            entry = (made.node.id, made.planned)
            if entry in seen:
                kind = "planned" if made.planned else "made"
                problems.append(
                    Problem(
                        repr(fab),
                        f"nodes[{made.node.id}]",
                        f"is listed as {kind} here more than once; merge the entries, "
                        "keeping every source",
                    )
                )
            seen.add(entry)
    return problems


def _reported_by_sources(
    record: str,
    field: str,
    reported_on: dt.date,
    sources: tuple[Source, ...],
    earliest_report: dt.date,
) -> list[Problem]:
    problems = []
    if reported_on not in {s.appeared_by for s in sources}:
        problems.append(
            Problem(
                record,
                field,
                f"no cited source is dated {reported_on}: date the source that reports "
                "it, or set it to the earliest cited source that reports the event",
            )
        )
    earlier = [
        source
        for source in sources
        if (appeared := source.appeared_by) is not None
        and earliest_report <= appeared < reported_on
    ]
    if earlier:
        problems.append(
            Problem(
                record,
                field,
                f"{reported_on} is later than cited "
                + ", ".join(f"{s.id} ({s.date})" for s in earlier)
                + ": report it on the earliest source that reports it, and move a source "
                "that only gives context to background",
            )
        )
    return problems


def _unplaced(catalog: Catalog, node: ProcessNode) -> Problem | None:
    produced = any(c.kind in PRODUCTION_KINDS for c in catalog.claims_about(node))
    if produced and not catalog.sites(node):
        return Problem(
            repr(node),
            "sites",
            "in production, but no fab or location record says where it is made",
        )
    return None


@attrs.frozen
class WeakRecord:
    """A figure or claim whose every source is weak, and why nothing stronger is cited.

    Attributes:
        record: what it is (``"TSMC N5 density 137.6 MTr/mm**2"``, a claim id).
        sources: its sources, all weak.
        reason: the sources' stated reasons, or empty when none says why.
    """

    record: str
    sources: tuple[Source, ...]
    reason: str


def _weak(record: str, sources: tuple[Source, ...]) -> WeakRecord | None:
    if not sources or any(s.tier is not Tier.WEAK for s in sources):
        return None
    return WeakRecord(record, sources, " ".join(s.weak_reason for s in sources if s.weak_reason))


def weak_only(catalog: Catalog | None = None) -> tuple[WeakRecord, ...]:
    """The figures and claims that rest only on weak sources (default: the bundled catalog)."""
    catalog = default_catalog() if catalog is None else catalog
    figures = (
        _weak(f"{node.label} {figure.metric.value} {figure}", (figure.source,))
        for node in catalog.nodes
        for figure in node.figures
    )
    claims = (_weak(claim.id, claim.sources) for claim in catalog.claims)
    return tuple(found for found in (*figures, *claims) if found is not None)


def _source_problems(catalog: Catalog) -> list[Problem]:
    found = [
        Problem(
            weak.record,
            "sources",
            "rests only on weak sources ("
            + ", ".join(s.id for s in weak.sources)
            + "); give a stronger source or say why none is cited (weak_reason)",
        )
        for weak in weak_only(catalog)
        if not weak.reason
    ]
    found += [
        Problem(
            repr(source),
            "weak_reason",
            f"a {source.tier.value} source gives no weak_reason; say what limits it in its note",
        )
        for source in catalog.sources
        if source.weak_reason and source.tier is not Tier.WEAK
    ]
    found += [
        Problem(repr(source), "publisher", f"spell it {canonical!r}, as the publisher table does")
        for source in catalog.sources
        if (canonical := canonical_spelling(source.publisher)) is not None
    ]
    return found + _addresses_not_original(catalog) + _shared_addresses(catalog)


def _web_address(link: str) -> bool:
    parts = urlsplit(link)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and link.split() == [link]


def _addresses_not_original(catalog: Catalog) -> list[Problem]:
    """A copy recorded as if it were the original hides whose work the page is."""
    found = []
    for source in catalog.sources:
        found += [
            Problem(repr(source), field, f"expected a web address (http or https), got {link!r}")
            for field, link in (("url", source.url), ("via.url", source.via and source.via.url))
            if link and not _web_address(link)
        ]
        owner = domain_publisher(source.url)
        # A misspelt publisher on its own domain is told once, by the spelling rule.
        spelt = canonical_spelling(source.publisher) or source.publisher
        if owner is not None and owner.name != spelt:
            found.append(
                Problem(
                    repr(source),
                    "url",
                    f"the address is on the domain of {owner.name}: name {owner.name!r} as "
                    "the publisher, or record the page as a copy in via",
                )
            )
        host = copy_host(source.url)
        if host is not None and source.publisher != host.name:
            found.append(
                Problem(
                    repr(source),
                    "url",
                    f"{host.address} carries copies of others' pages: record it in via, with "
                    "the original's publisher, title and date (url null when unknown)",
                )
            )
    return found


def _address(link: str) -> str:
    parts = urlsplit(link.strip())
    host = parts.netloc.casefold().removeprefix("www.")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path.rstrip('/')}{query}"


def _shared_addresses(catalog: Catalog) -> list[Problem]:
    """Two records of one page split its citations and count it twice."""
    by_address: dict[str, list[Source]] = defaultdict(list)
    for source in catalog.sources:
        if source.link:
            by_address[_address(source.link)].append(source)
    return [
        Problem(
            repr(copy),
            "url",
            f"source {first.id!r} has the same address ({copy.link}); cite that record instead",
        )
        for first, *copies in by_address.values()
        for copy in copies
    ]


def _names(text: str, names: Iterable[str]) -> bool:
    """True when ``text`` names one of ``names`` (casefolded) as a whole word: "Intel's
    paper" names Intel, "Market Intelligence" does not."""
    folded = text.casefold()
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded) for name in names)


def _vendor_claims_uncited(catalog: Catalog) -> list[Problem]:
    found = []
    for node in catalog.nodes:
        vendor = {node.foundry.name.casefold(), *(a.casefold() for a in node.foundry.aliases)}
        for figure in node.figures:
            source = figure.source
            if figure.basis is not Basis.VENDOR_CLAIM or source.kind in _VENDOR_KINDS:
                continue
            if not any(_names(relay, vendor) for relay in source.relays):
                found.append(
                    Problem(
                        f"{node.label} {figure.metric.value} {figure}",
                        "source",
                        f"a vendor claim cites {source.id!r}, which is neither "
                        f"{node.foundry.name}'s own material or paper nor relays it; cite "
                        "the vendor, or call the figure an analyst_calculation",
                    )
                )
    return found


def _releases_unreported(catalog: Catalog) -> list[Problem]:
    """A release date that only earlier reports support is a plan read as a sale. A source
    counts from the day it had surely appeared, as the claims' report dates do."""
    found = []
    for product in catalog.products:
        dated = [(day, s) for s in product.sources if (day := s.appeared_by) is not None]
        if not dated or len(dated) < len(product.sources):
            continue
        last_day, latest = max(dated, key=lambda pair: pair[0])
        if last_day < product.released.start:
            found.append(
                Problem(
                    repr(product),
                    "released",
                    f"every cited source was published before {product.released} (the latest, "
                    f"{latest.id!r}, on {latest.date}); cite one that reports the first sale "
                    "or shipment, or give the period the sources support",
                )
            )
    return found


def _cells(library: str) -> str:
    return f" ({library} cells)" if library else ""


def check(catalog: Catalog | None = None) -> tuple[Problem, ...]:
    """Every violation of the integrity rules in ``catalog`` (default: the bundled one)."""
    catalog = default_catalog() if catalog is None else catalog
    found = [
        problem
        for node in catalog.nodes
        if (problem := _production_before_announcement(catalog, node)) is not None
    ]
    found += _density_falls(catalog)
    found += [problem for claim in catalog.claims for problem in _report_date(claim)]
    found += _site_report_dates(catalog)
    found += _repeated_sites(catalog)
    found += [
        problem for node in catalog.nodes if (problem := _unplaced(catalog, node)) is not None
    ]
    found += _source_problems(catalog)
    found += _vendor_claims_uncited(catalog)
    found += _releases_unreported(catalog)
    for (larger, smaller), sources in density_exceptions().items():
        if not sources:
            found.append(
                Problem("density-exceptions.json", f"{larger}/{smaller}", "cites no source")
            )
    return tuple(found)
