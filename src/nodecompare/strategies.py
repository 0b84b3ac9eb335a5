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
    ControlScope,
    Copy,
    DiffusionBreak,
    ExportControl,
    Fab,
    FabNode,
    Figure,
    Foundry,
    Lithography,
    Location,
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
    "export_controls",
    "fabs",
    "figures",
    "foundries",
    "locations",
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


def _ending(draw: st.DrawFn, start: dt.date | None, endings: bool) -> PartialDate | None:
    """None, or (with ``endings``, half the time) a partial date beginning after ``start``
    (any, when ``start`` is None)."""
    if not endings or not draw(st.booleans()):
        return None
    if start is not None and start >= _LATEST:
        return None
    day = draw(dates(_EARLIEST if start is None else start + dt.timedelta(days=1), _LATEST))
    precision = draw(st.sampled_from(Precision))
    if precision.months:
        first_month = (day.month - 1) // precision.months * precision.months + 1
        if start is None or day.replace(month=first_month, day=1) > start:
            return PartialDate(day.replace(month=first_month, day=1), precision)
    return PartialDate(day, Precision.DAY)


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
    until = _ending(draw, valid_from.start, endings)
    return Claim(
        id=draw(id if id is not None else _ids("claim")),
        kind=draw(kind if kind is not None else st.sampled_from(ClaimKind)),
        statement=draw(_WORDS),
        valid_from=valid_from,
        reported_on=draw(dates()),
        sources=tuple(
            draw(st.lists(source if source is not None else sources(), min_size=1, max_size=3))
        ),
        confidence=draw(confidence if confidence is not None else st.sampled_from(Confidence)),
        node=subject,
        region=draw(st.none() | st.sampled_from(["US", "EU", "CN", "TW"])),
        valid_until=until,
        evidence=draw(st.just("") | _WORDS),
        note=draw(st.just("") | _WORDS),
    )


#: Confidences of production claims: at least ``reported`` four times in six.
_MOSTLY_SURE = st.sampled_from(
    [
        Confidence.REPORTED,
        Confidence.CONFIRMED,
        Confidence.REPORTED,
        Confidence.CONFIRMED,
        Confidence.SPECULATIVE,
        Confidence.DISPUTED,
    ]
)

#: Where fabs and locations stand: chips are counted by where they are made.
_SITE_COUNTRIES = ["TW", "KR", "US", "CN", "JP", "DE", "IE", "IL", "SG"]


@st.composite
def _fab_nodes(
    draw: st.DrawFn, node: ProcessNode, source: st.SearchStrategy[Source], endings: bool
) -> FabNode:
    since = draw(st.none() | partial_dates())
    return FabNode(
        node=node,
        since=since,
        reported_on=draw(st.none() | dates()),
        sources=tuple(draw(st.lists(source, min_size=1, max_size=2, unique_by=lambda s: s.id))),
        until=_ending(draw, None if since is None else since.start, endings),
        note=draw(st.just("") | _WORDS),
        background=tuple(draw(st.lists(source, max_size=1))),
        planned=draw(st.sampled_from([False, False, True])),
    )


@st.composite
def fabs(
    draw: st.DrawFn,
    operator: st.SearchStrategy[Foundry] | None = None,
    node: st.SearchStrategy[ProcessNode] | None = None,
    source: st.SearchStrategy[Source] | None = None,
    id: st.SearchStrategy[str] | None = None,
    endings: bool = True,
    max_nodes: int = 4,
) -> Fab:
    """Fabs of a drawn operator placing up to ``max_nodes`` of its nodes, each from a date
    or undated, some only planned (never a site), some with an ``until`` (none with
    ``endings=False``). The fab keeps the drawn nodes its operator makes, each once; by
    default it draws nodes of its own operator."""
    owner = draw(operator if operator is not None else foundries())
    source = source if source is not None else sources()
    node = node if node is not None else process_nodes(foundry=st.just(owner), source=source)
    candidates = draw(st.lists(node, max_size=max_nodes, unique_by=lambda n: n.id))
    fab_id = draw(id if id is not None else _ids("plant"))
    return Fab(
        id=fab_id,
        operator=owner,
        name=f"Fab {fab_id.upper()}",
        city=draw(_WORDS),
        country=draw(st.sampled_from(_SITE_COUNTRIES)),
        nodes=tuple(
            draw(_fab_nodes(made, source, endings)) for made in candidates if made.foundry == owner
        ),
        sources=tuple(draw(st.lists(source, max_size=2, unique_by=lambda s: s.id))),
        note=draw(st.just("") | _WORDS),
    )


@st.composite
def locations(
    draw: st.DrawFn,
    node: st.SearchStrategy[ProcessNode] | None = None,
    source: st.SearchStrategy[Source] | None = None,
    id: st.SearchStrategy[str] | None = None,
    endings: bool = True,
) -> Location:
    """Places a node is made in where no fab is named: a country (or ``"EU"``), perhaps a
    city, dated or not; some with an ``until`` (none with ``endings=False``)."""
    source = source if source is not None else sources()
    since = draw(st.none() | partial_dates())
    return Location(
        id=draw(id if id is not None else _ids("place")),
        node=draw(node if node is not None else process_nodes(source=source)),
        country=draw(st.sampled_from([*_SITE_COUNTRIES, "EU"])),
        since=since,
        reported_on=draw(st.none() | dates()),
        sources=tuple(draw(st.lists(source, min_size=1, max_size=2, unique_by=lambda s: s.id))),
        city=draw(st.just("") | _WORDS),
        until=_ending(draw, None if since is None else since.start, endings),
        note=draw(st.just("") | _WORDS),
        background=tuple(draw(st.lists(source, max_size=1))),
    )


@st.composite
def export_controls(
    draw: st.DrawFn,
    foundry: st.SearchStrategy[Foundry] | None = None,
    source: st.SearchStrategy[Source] | None = None,
    id: st.SearchStrategy[str] | None = None,
    endings: bool = True,
) -> ExportControl:
    """Export controls naming drawn foundries, countries or companies (at least one
    target), announced up to two years before they take effect, most with a threshold
    node; some end (none with ``endings=False``)."""
    effective = draw(dates(max_value=dt.date(2030, 12, 31)))
    announced = draw(dates(max(_EARLIEST, effective - dt.timedelta(days=730)), effective))
    until = None
    if endings and effective < _LATEST and draw(st.booleans()):
        until = draw(dates(effective + dt.timedelta(days=1), _LATEST))
    targets = draw(
        st.lists(
            foundry if foundry is not None else foundries(), max_size=2, unique_by=lambda f: f.id
        )
    )
    countries = draw(st.lists(st.sampled_from(["CN", "RU", "IR", "KP"]), max_size=2, unique=True))
    companies = draw(st.lists(_WORDS, max_size=2))
    if not (targets or countries or companies):
        countries = [draw(st.sampled_from(["CN", "RU"]))]
    return ExportControl(
        id=draw(id if id is not None else _ids("control")),
        jurisdiction=draw(st.sampled_from(["US", "NL", "JP", "EU"])),
        title=draw(_WORDS),
        scope=tuple(
            draw(st.lists(st.sampled_from(ControlScope), min_size=1, max_size=3, unique=True))
        ),
        effective=effective,
        announced=announced,
        sources=tuple(
            draw(
                st.lists(
                    source if source is not None else sources(),
                    min_size=1,
                    max_size=2,
                    unique_by=lambda s: s.id,
                )
            )
        ),
        target_foundries=tuple(targets),
        target_countries=tuple(countries),
        target_companies=tuple(companies),
        threshold_nm=draw(st.sampled_from([None, 3.0, 5.0, 7.0, 10.0, 14.0, 16.0, 28.0])),
        until=until,
        note=draw(st.just("") | _WORDS),
    )


@st.composite
def catalogs(
    draw: st.DrawFn,
    max_foundries: int = 3,
    max_nodes: int = 6,
    max_claims: int = 8,
    max_production_claims: int = 6,
    max_fabs: int = 3,
    max_locations: int = 2,
    max_controls: int = 2,
    endings: bool = True,
    supersedes: bool = True,
    min_nodes: int = 1,
) -> Catalog:
    """Consistent catalogs: every record refers only to records of the same catalog.

    Besides claims of any kind, they hold production claims (volume production or product
    shipped, mostly reported or confirmed), fabs placing the nodes of their operator (some
    only planned), locations and export controls (most with a threshold, naming the
    catalog's foundries or their countries), so that :func:`nodecompare.leaders`,
    :func:`nodecompare.compare`, :func:`nodecompare.controls` and
    :func:`nodecompare.beyond_controls` often find something.

    Args:
        max_foundries, max_nodes, max_claims, max_production_claims, max_fabs,
            max_locations, max_controls: how many of each record at most (claims of any
            kind, then production claims).
        endings: when False, nothing ends: no claim has a ``valid_until``, no fab entry,
            location or control an ``until``.
        supersedes: when False, no claim supersedes another.
        min_nodes: how many nodes at least (0 allows a catalog with none, where every
            query is empty).
    """
    source_ids = draw(st.lists(_ids("source"), min_size=1, max_size=5, unique=True))
    pool = [draw(sources(id=st.just(i))) for i in source_ids]
    source = st.sampled_from(pool)
    foundry_ids = draw(st.lists(_ids("fab"), min_size=1, max_size=max_foundries, unique=True))
    makers = [draw(foundries(id=st.just(i), source=source)) for i in foundry_ids]
    numbers = draw(
        st.lists(st.integers(0, 10**4), min_size=min_nodes, max_size=max_nodes, unique=True)
    )
    nodes = [
        draw(process_nodes(foundry=st.sampled_from(makers), source=source, number=st.just(n)))
        for n in numbers
    ]
    found: list[Any] = []
    if nodes:
        claim_ids = draw(st.lists(_ids("claim"), max_size=max_claims, unique=True))
        found = [
            draw(claims(node=st.sampled_from(nodes), source=source, id=st.just(i), endings=endings))
            for i in claim_ids
        ]
        # Production claims: one about each node first (as far as the bound allows).
        production_ids = draw(
            st.lists(
                _ids("made"),
                min_size=min(len(nodes), max_production_claims),
                max_size=max_production_claims,
                unique=True,
            )
        )
        found += [
            draw(
                claims(
                    node=st.just(nodes[i]) if i < len(nodes) else st.sampled_from(nodes),
                    source=source,
                    id=st.just(claim_id),
                    kind=st.sampled_from([ClaimKind.VOLUME_PRODUCTION, ClaimKind.PRODUCT_SHIPPED]),
                    confidence=_MOSTLY_SURE,
                    endings=endings,
                )
            )
            for i, claim_id in enumerate(production_ids)
        ]
        if len(found) > 1:
            # Some claims dispute or (now and then) supersede others of the same catalog.
            ids = [claim.id for claim in found]
            found = [
                attrs.evolve(
                    claim,
                    disputes=tuple(
                        draw(st.lists(st.sampled_from(others), max_size=2, unique=True))
                    ),
                    supersedes=(draw(st.sampled_from(others)),)
                    if supersedes and draw(st.sampled_from(range(8))) == 0
                    else (),
                )
                for claim in found
                if (others := [i for i in ids if i != claim.id])
            ]
    made: list[Product] = []
    places: list[Location] = []
    if nodes:
        product_ids = draw(st.lists(_ids("product"), max_size=3, unique=True))
        made = [
            draw(products(node=st.sampled_from(nodes), source=source, id=st.just(i)))
            for i in product_ids
        ]
        place_ids = draw(st.lists(_ids("place"), max_size=max_locations, unique=True))
        places = [
            draw(locations(st.sampled_from(nodes), source, st.just(i), endings)) for i in place_ids
        ]
    # Fabs are run by foundries with nodes to make, when there are any, and place those.
    operators = [f for f in makers if any(n.foundry == f for n in nodes)] or makers
    fab_ids = draw(st.lists(_ids("plant"), max_size=max_fabs, unique=True))
    plants = []
    for i in fab_ids:
        owner = draw(st.sampled_from(operators))
        own = [n for n in nodes if n.foundry == owner]
        plants.append(
            draw(
                fabs(
                    operator=st.just(owner),
                    node=st.sampled_from(own) if own else st.nothing(),
                    source=source,
                    id=st.just(i),
                    endings=endings,
                    max_nodes=4 if own else 0,
                )
            )
        )
    control_ids = draw(st.lists(_ids("control"), max_size=max_controls, unique=True))
    rules = [
        draw(export_controls(st.sampled_from(makers), source, st.just(i), endings))
        for i in control_ids
    ]
    return Catalog(
        sources=tuple(pool),
        foundries=tuple(makers),
        nodes=tuple(nodes),
        claims=tuple(found),
        fabs=tuple(plants),
        controls=tuple(rules),
        locations=tuple(places),
        products=tuple(made),
    )
