"""Strategies for single records: dates, sources, figures, foundries, nodes, claims, products."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from nodecompare.model import (
    Alias,
    Basis,
    BusinessModel,
    Claim,
    ClaimKind,
    Confidence,
    Copy,
    DiffusionBreak,
    Figure,
    Foundry,
    Lithography,
    Metric,
    PartialDate,
    Precision,
    ProcessNode,
    Product,
    Source,
    SourceKind,
    Transistor,
)

__all__ = [
    "EARLIEST",
    "LATEST",
    "MOSTLY_SURE",
    "WORDS",
    "claims",
    "dates",
    "ending",
    "figures",
    "foundries",
    "partial_dates",
    "process_nodes",
    "products",
    "slugs",
    "sources",
]

EARLIEST = dt.date(1995, 1, 1)
LATEST = dt.date(2040, 12, 31)
WORDS = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(str.strip)


def dates(min_value: dt.date = EARLIEST, max_value: dt.date = LATEST) -> st.SearchStrategy[dt.date]:
    """Dates in the era of process nodes."""
    return st.dates(min_value, max_value)


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    """Dates known to a year, a half-year, a quarter, a month or a day."""
    day = draw(dates())
    precision = draw(st.sampled_from(Precision))
    if precision.months:
        first_month = (day.month - 1) // precision.months * precision.months + 1
        day = day.replace(month=first_month, day=1)
    return PartialDate(day, precision)


def ending(draw: st.DrawFn, start: dt.date | None, endings: bool) -> PartialDate | None:
    """None, or (with ``endings``, half the time) a partial date beginning after ``start``
    (any, when ``start`` is None)."""
    if not endings or not draw(st.booleans()):
        return None
    if start is not None and start >= LATEST:
        return None
    day = draw(dates(EARLIEST if start is None else start + dt.timedelta(days=1), LATEST))
    precision = draw(st.sampled_from(Precision))
    if precision.months:
        first_month = (day.month - 1) // precision.months * precision.months + 1
        if start is None or day.replace(month=first_month, day=1) > start:
            return PartialDate(day.replace(month=first_month, day=1), precision)
    return PartialDate(day, Precision.DAY)


def slugs(prefix: str) -> st.SearchStrategy[str]:
    return st.integers(0, 10**6).map(lambda n: f"{prefix}-{n}")


@st.composite
def sources(draw: st.DrawFn, id: st.SearchStrategy[str] | None = None) -> Source:
    """Sources with every field drawn."""
    return Source(
        id=draw(id if id is not None else slugs("source")),
        publisher=draw(WORDS),
        title=draw(WORDS),
        kind=draw(st.sampled_from(SourceKind)),
        url=draw(st.none() | st.just("https://example.org/").map(lambda u: u + draw(slugs("p")))),
        date=draw(st.none() | partial_dates()),
        accessed=draw(st.none() | dates()),
        authors=tuple(draw(st.lists(WORDS, max_size=2))),
        title_inferred=draw(st.booleans()),
        via=draw(st.none() | st.builds(Copy, WORDS, st.none() | st.just("https://copy.test/"))),
        affiliation=draw(st.none() | WORDS),
        relays=tuple(draw(st.lists(WORDS, max_size=2))),
        weak_reason=draw(st.just("") | WORDS),
        note=draw(st.just("") | WORDS),
    )


_MAGNITUDES = {
    Metric.DENSITY: st.floats(0.1, 1000.0),
    Metric.CPP: st.floats(10.0, 500.0),
    Metric.MMP: st.floats(10.0, 500.0),
    Metric.SRAM_CELL: st.floats(0.005, 2.0),
    Metric.FIN_PITCH: st.floats(10.0, 100.0),
    Metric.CELL_HEIGHT: st.floats(50.0, 2000.0),
}


@st.composite
def figures(draw: st.DrawFn, source: st.SearchStrategy[Source] | None = None) -> Figure:
    """Figures of every metric and stored basis, with plausible positive magnitudes."""
    metric = draw(st.sampled_from(Metric))
    return Figure(
        metric=metric,
        magnitude=draw(_MAGNITUDES[metric]),
        basis=draw(st.sampled_from([b for b in Basis if b is not Basis.DERIVED])),
        source=draw(source if source is not None else sources()),
        note=draw(st.just("") | WORDS),
        library=draw(st.sampled_from(["", "HD", "HP"])),
        projected=draw(st.booleans()),
    )


@st.composite
def products(
    draw: st.DrawFn,
    node: st.SearchStrategy[ProcessNode],
    source: st.SearchStrategy[Source],
    id: st.SearchStrategy[str] | None = None,
) -> Product:
    """Products on a drawn node, with or without a die area and a transistor count."""
    return Product(
        id=draw(id if id is not None else slugs("product")),
        name=draw(WORDS),
        designer=draw(WORDS),
        node=draw(node),
        released=draw(partial_dates()),
        sources=tuple(draw(st.lists(source, min_size=1, max_size=2, unique_by=lambda s: s.id))),
        die_area_mm2=draw(st.none() | st.floats(1.0, 900.0)),
        transistors=draw(st.none() | st.integers(10**6, 10**12)),
        note=draw(st.just("") | WORDS),
    )


@st.composite
def foundries(
    draw: st.DrawFn,
    id: st.SearchStrategy[str] | None = None,
    source: st.SearchStrategy[Source] | None = None,
) -> Foundry:
    """Foundries; their name is derived from their id, so names never clash."""
    foundry_id = draw(id if id is not None else slugs("fab"))
    return Foundry(
        id=foundry_id,
        name=f"Maker {foundry_id.upper()}",
        country=draw(st.sampled_from(["TW", "KR", "US", "CN", "JP", "DE", "EU"])),
        business_model=draw(st.sampled_from(BusinessModel)),
        aliases=(f"{foundry_id} corp",),
        sources=tuple(draw(st.lists(source if source is not None else sources(), max_size=2))),
    )


@st.composite
def process_nodes(
    draw: st.DrawFn,
    foundry: st.SearchStrategy[Foundry] | None = None,
    source: st.SearchStrategy[Source] | None = None,
    number: st.SearchStrategy[int] | None = None,
) -> ProcessNode:
    """Process nodes named ``N<number>``, with figures and a former name ``old<number>``."""
    owner = draw(foundry if foundry is not None else foundries())
    source = source if source is not None else sources()
    serial = draw(number if number is not None else st.integers(0, 10**4))
    marketing = draw(st.none() | st.sampled_from([1.4, 2.0, 3.0, 5.0, 7.0, 10.0, 14.0, 28.0]))
    class_nm = draw(st.sampled_from([3.0, 5.0, 7.0])) if marketing is None else None
    renamed = draw(st.none() | dates())
    aliases = (
        () if renamed is None else (Alias(f"old{serial}", until=renamed, marketing_nm=marketing),)
    )
    return ProcessNode(
        id=f"{owner.id}-n{serial}",
        foundry=owner,
        name=f"N{serial}",
        aliases=aliases,
        marketing_nm=marketing,
        class_nm=class_nm,
        class_source=draw(source) if class_nm is not None else None,
        family=draw(st.sampled_from(["", "A", "B"])),
        transistor=draw(st.none() | st.sampled_from(Transistor)),
        lithography=draw(st.none() | st.sampled_from(Lithography)),
        figures=tuple(draw(st.lists(figures(source), max_size=4))),
        sources=tuple(draw(st.lists(source, max_size=2))),
        note=draw(st.just("") | WORDS),
        diffusion_break=draw(st.none() | st.sampled_from(DiffusionBreak)),
    )


@st.composite
def claims(
    draw: st.DrawFn,
    node: st.SearchStrategy[ProcessNode] | None = None,
    source: st.SearchStrategy[Source] | None = None,
    id: st.SearchStrategy[str] | None = None,
    kind: st.SearchStrategy[ClaimKind] | None = None,
    confidence: st.SearchStrategy[Confidence] | None = None,
    endings: bool = True,
) -> Claim:
    """Claims about a node, with both dates and at least one source.

    ``kind`` and ``confidence`` default to any; with ``endings=False`` no claim has a
    ``valid_until``.
    """
    subject = draw(node if node is not None else process_nodes())
    valid_from = draw(partial_dates())
    until = ending(draw, valid_from.start, endings)
    return Claim(
        id=draw(id if id is not None else slugs("claim")),
        kind=draw(kind if kind is not None else st.sampled_from(ClaimKind)),
        statement=draw(WORDS),
        valid_from=valid_from,
        reported_on=draw(dates()),
        sources=tuple(
            draw(st.lists(source if source is not None else sources(), min_size=1, max_size=3))
        ),
        confidence=draw(confidence if confidence is not None else st.sampled_from(Confidence)),
        node=subject,
        region=draw(st.none() | st.sampled_from(["US", "EU", "CN", "TW"])),
        valid_until=until,
        evidence=draw(st.just("") | WORDS),
        note=draw(st.just("") | WORDS),
    )


#: Confidences of production claims: at least ``reported`` four times in six.
MOSTLY_SURE = st.sampled_from(
    [
        Confidence.REPORTED,
        Confidence.CONFIRMED,
        Confidence.REPORTED,
        Confidence.CONFIRMED,
        Confidence.SPECULATIVE,
        Confidence.DISPUTED,
    ]
)
