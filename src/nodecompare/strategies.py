"""Hypothesis strategies for nodecompare's model, for users' property tests and ours.

Needs the ``strategies`` extra (``pip install nodecompare[strategies]``)::

    from hypothesis import given
    from nodecompare import catalog_from_dict, catalog_to_dict
    from nodecompare.strategies import catalogs

    @given(catalogs())
    def test_round_trip(catalog):
        assert catalog_from_dict(catalog_to_dict(catalog)) == catalog
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import strategies as st

from nodecompare.catalog import Catalog
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
    "catalogs",
    "claims",
    "dates",
    "figures",
    "foundries",
    "partial_dates",
    "process_nodes",
    "products",
    "sources",
]

_EARLIEST = dt.date(1995, 1, 1)
_LATEST = dt.date(2040, 12, 31)
_WORDS = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(str.strip)


def dates(
    min_value: dt.date = _EARLIEST, max_value: dt.date = _LATEST
) -> st.SearchStrategy[dt.date]:
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


def _ids(prefix: str) -> st.SearchStrategy[str]:
    return st.integers(0, 10**6).map(lambda n: f"{prefix}-{n}")


@st.composite
def sources(draw: st.DrawFn, id: st.SearchStrategy[str] | None = None) -> Source:
    """Sources with every field drawn."""
    return Source(
        id=draw(id if id is not None else _ids("source")),
        publisher=draw(_WORDS),
        title=draw(_WORDS),
        kind=draw(st.sampled_from(SourceKind)),
        url=draw(st.none() | st.just("https://example.org/").map(lambda u: u + draw(_ids("p")))),
        date=draw(st.none() | partial_dates()),
        accessed=draw(st.none() | dates()),
        authors=tuple(draw(st.lists(_WORDS, max_size=2))),
        title_inferred=draw(st.booleans()),
        via=draw(st.none() | st.builds(Copy, _WORDS, st.none() | st.just("https://copy.test/"))),
        affiliation=draw(st.none() | _WORDS),
        relays=draw(st.none() | _WORDS),
        weak_reason=draw(st.just("") | _WORDS),
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
        note=draw(st.just("") | _WORDS),
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
        id=draw(id if id is not None else _ids("product")),
        name=draw(_WORDS),
        designer=draw(_WORDS),
        node=draw(node),
        released=draw(partial_dates()),
        sources=tuple(draw(st.lists(source, min_size=1, max_size=2, unique_by=lambda s: s.id))),
        die_area_mm2=draw(st.none() | st.floats(1.0, 900.0)),
        transistors=draw(st.none() | st.integers(10**6, 10**12)),
        note=draw(st.just("") | _WORDS),
    )


@st.composite
def foundries(
    draw: st.DrawFn,
    id: st.SearchStrategy[str] | None = None,
    source: st.SearchStrategy[Source] | None = None,
) -> Foundry:
    """Foundries; their name is derived from their id, so names never clash."""
    foundry_id = draw(id if id is not None else _ids("fab"))
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
        note=draw(st.just("") | _WORDS),
        diffusion_break=draw(st.none() | st.sampled_from(DiffusionBreak)),
    )


@st.composite
def claims(
    draw: st.DrawFn,
    node: st.SearchStrategy[ProcessNode] | None = None,
    source: st.SearchStrategy[Source] | None = None,
    id: st.SearchStrategy[str] | None = None,
) -> Claim:
    """Claims about a node, with both dates and at least one source."""
    subject = draw(node if node is not None else process_nodes())
    valid_from = draw(partial_dates())
    until = draw(st.none() | partial_dates().filter(lambda d: d.start > valid_from.start))
    return Claim(
        id=draw(id if id is not None else _ids("claim")),
        kind=draw(st.sampled_from(ClaimKind)),
        statement=draw(_WORDS),
        valid_from=valid_from,
        reported_on=draw(dates()),
        sources=tuple(
            draw(st.lists(source if source is not None else sources(), min_size=1, max_size=3))
        ),
        confidence=draw(st.sampled_from(Confidence)),
        node=subject,
        region=draw(st.none() | st.sampled_from(["US", "EU", "CN", "TW"])),
        valid_until=until,
        evidence=draw(st.just("") | _WORDS),
        note=draw(st.just("") | _WORDS),
    )


@st.composite
def catalogs(
    draw: st.DrawFn, max_foundries: int = 3, max_nodes: int = 6, max_claims: int = 8
) -> Catalog:
    """Consistent catalogs: every record refers only to records of the same catalog."""
    source_ids = draw(st.lists(_ids("source"), min_size=1, max_size=5, unique=True))
    pool = [draw(sources(id=st.just(i))) for i in source_ids]
    source = st.sampled_from(pool)
    foundry_ids = draw(st.lists(_ids("fab"), min_size=1, max_size=max_foundries, unique=True))
    makers = [draw(foundries(id=st.just(i), source=source)) for i in foundry_ids]
    numbers = draw(st.lists(st.integers(0, 10**4), max_size=max_nodes, unique=True))
    nodes = [
        draw(process_nodes(foundry=st.sampled_from(makers), source=source, number=st.just(n)))
        for n in numbers
    ]
    found: list[Any] = []
    if nodes:
        claim_ids = draw(st.lists(_ids("claim"), max_size=max_claims, unique=True))
        found = [
            draw(claims(node=st.sampled_from(nodes), source=source, id=st.just(i)))
            for i in claim_ids
        ]
        if len(found) > 1:
            # Some claims dispute or supersede others of the same catalog.
            found = [
                attrs.evolve(
                    claim,
                    disputes=tuple(
                        draw(st.lists(st.sampled_from(others), max_size=2, unique=True))
                    ),
                    supersedes=tuple(draw(st.lists(st.sampled_from(others), max_size=1))),
                )
                for claim in found
                if (others := [i for i in claim_ids if i != claim.id])
            ]
    made: list[Product] = []
    if nodes:
        product_ids = draw(st.lists(_ids("product"), max_size=3, unique=True))
        made = [
            draw(products(node=st.sampled_from(nodes), source=source, id=st.just(i)))
            for i in product_ids
        ]
    return Catalog(
        sources=tuple(pool),
        foundries=tuple(makers),
        nodes=tuple(nodes),
        claims=tuple(found),
        products=tuple(made),
    )
