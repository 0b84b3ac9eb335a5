"""Claims: which were made about what, when they held and when they became known, and
which contradict each other."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from nodecompare.catalog import Catalog
from nodecompare.catalog.engine import ClaimFilter
from nodecompare.model import Claim, ClaimKind, Confidence, Foundry, ProcessNode, Source
from nodecompare.queries import arguments
from nodecompare.queries.production import claim_order
from nodecompare.results import Claims, Dispute, Disputes

__all__ = ["claims", "disputes", "timeline"]


def claims(
    *,
    foundry: str | Foundry | None = None,
    node: ProcessNode | str | None = None,
    kinds: ClaimKind | str | Iterable[ClaimKind | str] | None = None,
    source: str | None = None,
    as_of: dt.date | str | None = None,
    known_by: dt.date | str | None = None,
    min_confidence: Confidence | str = Confidence.DISPUTED,
    catalog: Catalog | None = None,
) -> Claims:
    """The claims that match every filter given, oldest first.

    Args:
        foundry: claims about this foundry or one of its nodes.
        node: claims about this node (a node, or a node id).
        kinds: only claims of this kind, or of these kinds.
        source: only claims citing the source with this id.
        as_of: only claims that had started to hold by this date.
        known_by: only claims reported on or before this date.
        min_confidence: the least confidence (default: every claim, disputed included).
        catalog: the catalog to ask; default the bundled one.

    Raises:
        ValidationError: an argument is not a valid value.
        UnknownNameError: the foundry or source is unknown.
    """
    catalog = arguments.catalog_or_default(catalog)
    owner = None if foundry is None else arguments.foundry(catalog, foundry)
    subject = None if node is None else arguments.process_node(catalog, node)
    wanted = None if kinds is None else arguments.claim_kinds(kinds)
    cited = None if source is None else catalog.source(arguments.name(source, "source"))
    day = arguments.optional_day(as_of, "as_of")
    known = arguments.known(known_by)
    minimum = arguments.confidence(min_confidence)
    selected = catalog.query_index.select(
        ClaimFilter(
            foundry=None if owner is None else owner.id,
            node=None if subject is None else subject.id,
            kinds=None if wanted is None else frozenset(wanted),
            source=None if cited is None else cited.id,
            as_of=day,
            known_by=known,
            minimum=minimum,
        )
    )
    return Claims(_title(selected, owner, subject, cited, day, known), selected)


def _title(
    selected: Sequence[Claim],
    owner: Foundry | None,
    node: ProcessNode | None,
    cited: Source | None,
    day: dt.date | None,
    known: dt.date | None,
) -> str:
    parts = [
        f"about {owner.name}" if owner else "",
        f"about {node.label}" if node else "",
        f"citing {cited}" if cited else "",
        f"holding by {day}" if day else "",
        f"known by {known}" if known else "",
    ]
    return " ".join(["Claims", *filter(None, parts)]) + f" ({len(selected)})"


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
        ValidationError: ``subject`` is not a foundry or a node (None included: a timeline
            of everything is :func:`claims`).
    """
    if isinstance(subject, ProcessNode):
        return claims(node=subject, as_of=as_of, known_by=known_by, catalog=catalog)
    if not isinstance(subject, (str, Foundry)):
        raise arguments.refuse("subject", "a foundry name, a Foundry or a ProcessNode", subject)
    return claims(foundry=subject, as_of=as_of, known_by=known_by, catalog=catalog)


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
    catalog = arguments.catalog_or_default(catalog)
    known = arguments.known(known_by)
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
                key=claim_order,
            )
        )
        if against:
            found.append(Dispute(claim, against))
    known_text = f", as known on {known}" if known else ""
    return Disputes(f"Open contradictions ({len(found)}){known_text}", tuple(found))
