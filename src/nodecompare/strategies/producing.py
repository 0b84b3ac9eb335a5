"""A fast strategy for small catalogs where most nodes are in volume production.

Every node has a production claim (volume production or product shipped, mostly
reported or confirmed) dated near the year its class first entered volume production in
the industry (130 nm in 2001 to 1.4 nm in 2028), and reported around that date. A
catalog's nodes span two neighbouring generations, as competitors' nodes of one era do,
most of them the older. Later claims correct (supersede) or dispute earlier ones. Each
foundry with nodes runs a fab making them from when their production started (a few
only planned), and a location, an export control and a product are dated around the
same years. Records are derived from a few small integers rather than drawn field by
field, so a catalog costs about a hundred draws: cheap enough for property tests of
hundreds of examples."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

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
from nodecompare.strategies.records import EARLIEST, LATEST

__all__ = ["producing_catalogs"]

T = TypeVar("T")

#: Node classes, largest first, with the year each first entered volume production and a
#: typical density (MTr/mm²) of its leading node.
_GENERATIONS: tuple[tuple[float, int, float], ...] = (
    (130.0, 2001, 0.9),
    (90.0, 2004, 1.6),
    (65.0, 2006, 3.3),
    (45.0, 2008, 7.0),
    (28.0, 2011, 15.0),
    (20.0, 2014, 22.0),
    (16.0, 2015, 29.0),
    (10.0, 2017, 52.0),
    (7.0, 2018, 91.0),
    (5.0, 2020, 138.0),
    (3.0, 2022, 200.0),
    (2.0, 2025, 250.0),
    (1.4, 2028, 320.0),
)
_YEAR_OF = {class_nm: year for class_nm, year, _ in _GENERATIONS}
_COUNTRIES = st.sampled_from(["TW", "KR", "US", "CN", "JP", "DE"])
_SITE_COUNTRIES = st.sampled_from(["TW", "US", "CN", "KR", "JP", "IE", "DE", "SG"])
_SOURCE_KINDS = st.sampled_from(SourceKind)
#: Production is mostly dated to a quarter, a month or a day, now and then only to a half or a year.
_PRECISIONS = (
    Precision.DAY,
    Precision.MONTH,
    Precision.QUARTER,
    Precision.MONTH,
    Precision.QUARTER,
    Precision.HALF,
    Precision.YEAR,
)
_PRODUCTION_KINDS = st.sampled_from([ClaimKind.VOLUME_PRODUCTION, ClaimKind.PRODUCT_SHIPPED])
_OTHER_KINDS = st.sampled_from(ClaimKind)
#: Production claims are at least ``reported`` seven times in eight.
_SURELY_MOSTLY = (
    Confidence.REPORTED,
    Confidence.CONFIRMED,
    Confidence.REPORTED,
    Confidence.CONFIRMED,
    Confidence.CONFIRMED,
    Confidence.REPORTED,
    Confidence.CONFIRMED,
    Confidence.SPECULATIVE,
)
_THRESHOLDS = st.sampled_from([16.0, 14.0, 10.0, 7.0, 5.0, 3.0])


@st.composite
def producing_catalogs(
    draw: st.DrawFn,
    max_foundries: int = 3,
    max_nodes: int = 5,
    max_later_claims: int = 3,
    endings: bool = True,
    supersedes: bool = True,
) -> Catalog:
    """Small consistent catalogs where :func:`nodecompare.leaders` mostly answers: asked
    about the class of one of their nodes on a day after their first production date,
    it names a leader in about four examples in five (see the module).

    Args:
        max_foundries, max_nodes: how many foundries (at least one) and nodes (at least
            two, if ``max_nodes`` allows) at most; every node has a production claim.
        max_later_claims: how many claims at most come after the production claims,
            each reported later than the claim it is about, which it may dispute or
            correct.
        endings: when False, no claim has a ``valid_until`` (none of the other records
            ever ends).
        supersedes: when False, no claim supersedes another.
    """
    pool = [_source(i, draw(_SOURCE_KINDS)) for i in range(draw(st.integers(1, 3)))]
    makers = [_foundry(draw, i, pool) for i in range(draw(st.integers(1, max_foundries)))]
    oldest = draw(st.integers(0, len(_GENERATIONS) - 2))
    nodes = [
        _node(draw, i, makers, pool, oldest)
        for i in range(draw(st.integers(min(2, max_nodes), max_nodes)))
    ]
    found = [_production_claim(draw, i, node, pool, endings) for i, node in enumerate(nodes)]
    for i in range(draw(st.integers(0, max_later_claims))):
        found.append(_later_claim(draw, i, found, pool, supersedes))
    fabs = _fabs(draw, nodes, found[: len(nodes)], pool)
    places = [_location(draw, i, nodes, pool) for i in range(draw(st.integers(0, 1)))]
    rules = [_control(draw, i, makers, pool) for i in range(draw(st.integers(0, 1)))]
    made = [_product(draw, i, nodes, pool) for i in range(draw(st.integers(0, 1)))]
    return Catalog(
        sources=tuple(pool),
        foundries=tuple(makers),
        nodes=tuple(nodes),
        claims=tuple(found),
        fabs=tuple(fabs),
        controls=tuple(rules),
        locations=tuple(places),
        products=tuple(made),
    )


def _pick(draw: st.DrawFn, records: list[ProcessNode] | list[Foundry] | list[Claim]) -> int:
    """The index of a drawn record (the first when shrinking)."""
    return draw(st.integers(0, len(records) - 1))


def _varied(draw: st.DrawFn, options: tuple[T, ...], serial: int) -> T:
    """One of ``options`` for the record numbered ``serial``. Hypothesis often repeats a
    value across the draws of an example; shifting by the serial keeps the records of one
    catalog as varied as real ones (not every claim speculative at once)."""
    return options[(draw(st.integers(0, len(options) - 1)) + serial) % len(options)]


def _source(serial: int, kind: SourceKind) -> Source:
    return Source(
        id=f"source-{serial}",
        publisher=("TechInsights", "Reuters", "IEDM", "DigiTimes")[serial % 4],
        title=f"Report {serial}",
        kind=kind,
        url=f"https://example.org/report-{serial}" if serial % 2 == 0 else None,
        date=PartialDate(dt.date(2015 + serial, 1, 1), Precision.YEAR) if serial else None,
    )


def _foundry(draw: st.DrawFn, serial: int, pool: list[Source]) -> Foundry:
    # Names are letters: a number in a name would read as a node class.
    return Foundry(
        id=f"maker-{serial}",
        name=f"Maker {'ABCDEFGHIJ'[serial % 10]}{serial // 10 or ''}",
        country=draw(_COUNTRIES),
        business_model=BusinessModel.FOUNDRY if draw(st.booleans()) else BusinessModel.IDM,
        sources=(pool[serial % len(pool)],),
    )


def _node(
    draw: st.DrawFn, serial: int, makers: list[Foundry], pool: list[Source], oldest: int
) -> ProcessNode:
    """A node of one of two neighbouring generations, named by its class, placed in
    its class by a source while marketed as the generation before, or renamed two years
    into production from the number of the generation before (as Intel did)."""
    owner = makers[_pick(draw, makers)]
    # Two nodes in three are of the older generation: the leading edge is a crowd of few.
    generation = oldest + _varied(draw, (0, 1, 0), serial)
    class_nm, year, density = _GENERATIONS[generation]
    earlier = _GENERATIONS[max(generation - 1, 0)][0]
    naming = draw(st.integers(0, 2))
    source = pool[serial % len(pool)]
    figures = [
        Figure(Metric.DENSITY, density * (0.8 + 0.1 * (serial % 4)), basis, source)
        for basis in (Basis.VENDOR_CLAIM, Basis.ANALYST_CALCULATION)[: draw(st.integers(0, 2))]
    ]
    return ProcessNode(
        id=f"{owner.id}-n{serial}",
        foundry=owner,
        name=f"N{serial}",
        aliases=(Alias(f"old{serial}", until=dt.date(year + 2, 7, 1), marketing_nm=earlier),)
        if naming == 2
        else (),
        marketing_nm=earlier if naming == 1 else class_nm,
        class_nm=class_nm if naming == 1 else None,
        class_source=source if naming == 1 else None,
        transistor=Transistor.PLANAR
        if class_nm >= 28
        else Transistor.FINFET
        if class_nm >= 3
        else Transistor.GAA,
        lithography=Lithography.EUV if class_nm <= 7 else Lithography.DUV,
        figures=tuple(figures),
        sources=(source,),
    )


def _period(year: int, months: int, precision: Precision, serial: int) -> PartialDate:
    """The period of ``precision`` that holds the month ``months`` after January of
    ``year`` (for a day, a day of that month)."""
    year, month = divmod(year * 12 + months, 12)
    if precision.months:
        month = month // precision.months * precision.months
        return PartialDate(dt.date(year, month + 1, 1), precision)
    return PartialDate(dt.date(year, month + 1, 1 + serial * 7 % 28), precision)


def _reported(day: dt.date, days_later: int) -> dt.date:
    return min(max(day + dt.timedelta(days=days_later), EARLIEST), LATEST)


def _production_claim(
    draw: st.DrawFn, serial: int, node: ProcessNode, pool: list[Source], endings: bool
) -> Claim:
    """A claim that the node is in production, from up to half a year before to two
    years after its class first was, reported up to half a year before or a year after;
    with ``endings``, one in five ends six or twelve years on."""
    start = _period(
        _YEAR_OF[node.node_class],
        draw(st.integers(-6, 18)),
        _varied(draw, _PRECISIONS, serial),
        serial,
    )
    until = None
    if endings and (lasts := draw(st.integers(0, 9))) in (1, 2):
        until = PartialDate(dt.date(start.start.year + 6 * lasts, 7, 1), Precision.HALF)
    kind = draw(_PRODUCTION_KINDS)
    return Claim(
        id=f"made-{serial}",
        kind=kind,
        statement=f"{node.name} in {kind.value.replace('_', ' ')}",
        valid_from=start,
        reported_on=_reported(start.start, draw(st.integers(-180, 365))),
        sources=(pool[serial % len(pool)],),
        confidence=_varied(draw, _SURELY_MOSTLY, serial),
        node=node,
        valid_until=until,
    )


def _later_claim(
    draw: st.DrawFn, serial: int, earlier: list[Claim], pool: list[Source], supersedes: bool
) -> Claim:
    """A claim about the node of an earlier claim, reported after it: news of any kind,
    a dispute of it, or (with ``supersedes``) a correction of its date."""
    target = earlier[_pick(draw, earlier)]
    link = draw(st.integers(0, 2 if supersedes else 1))
    assert target.node is not None
    kind = target.kind if link == 2 else draw(_OTHER_KINDS)
    start = target.valid_from.start
    return Claim(
        id=f"claim-{serial}",
        kind=kind,
        statement=f"{target.node.name}: {kind.value.replace('_', ' ')}",
        valid_from=_period(
            start.year,
            start.month - 1 + draw(st.integers(-12, 12)),
            _varied(draw, _PRECISIONS, serial),
            serial,
        ),
        reported_on=_reported(target.reported_on, draw(st.integers(1, 720))),
        sources=(pool[(serial + 1) % len(pool)],),
        confidence=_varied(draw, _SURELY_MOSTLY, serial),
        node=target.node,
        disputes=(target.id,) if link == 1 else (),
        supersedes=(target.id,) if link == 2 else (),
    )


def _fabs(
    draw: st.DrawFn, nodes: list[ProcessNode], production: list[Claim], pool: list[Source]
) -> list[Fab]:
    """A fab for each foundry with nodes, making them from when they entered production
    (some only planned), and now and then a second fab of one of them elsewhere."""
    operators = list(dict.fromkeys(node.foundry for node in nodes))
    if draw(st.booleans()):
        operators.append(nodes[_pick(draw, nodes)].foundry)
    started = {claim.node: claim.valid_from for claim in production}
    return [
        Fab(
            id=f"plant-{serial}",
            operator=owner,
            name=f"Fab {serial}",
            city="Hsinchu",
            country=draw(_SITE_COUNTRIES),
            nodes=tuple(
                FabNode(
                    node=node,
                    since=started[node],
                    reported_on=started[node].start - dt.timedelta(days=90),
                    sources=(pool[0],),
                    planned=draw(st.integers(0, 4)) == 4,
                )
                for node in nodes
                if node.foundry == owner
            ),
        )
        for serial, owner in enumerate(operators)
    ]


def _location(
    draw: st.DrawFn, serial: int, nodes: list[ProcessNode], pool: list[Source]
) -> Location:
    node = nodes[_pick(draw, nodes)]
    return Location(
        id=f"place-{serial}",
        node=node,
        country=draw(_SITE_COUNTRIES),
        since=PartialDate(dt.date(_YEAR_OF[node.node_class] + 1, 1, 1), Precision.YEAR),
        reported_on=dt.date(_YEAR_OF[node.node_class] + 1, 3, 1),
        sources=(pool[-1],),
    )


def _control(
    draw: st.DrawFn, serial: int, makers: list[Foundry], pool: list[Source]
) -> ExportControl:
    """An export control with a threshold, on a drawn foundry or on its country."""
    effective = dt.date(draw(st.integers(2015, 2030)), 10, 7)
    target = makers[_pick(draw, makers)]
    by_country = draw(st.booleans())
    return ExportControl(
        id=f"control-{serial}",
        jurisdiction="US",
        title=f"Rule {serial}",
        scope=(ControlScope.EQUIPMENT,),
        effective=effective,
        announced=effective - dt.timedelta(days=60),
        sources=(pool[0],),
        target_foundries=() if by_country else (target,),
        target_countries=(target.country,) if by_country else (),
        threshold_nm=draw(_THRESHOLDS),
    )


def _product(draw: st.DrawFn, serial: int, nodes: list[ProcessNode], pool: list[Source]) -> Product:
    node = nodes[_pick(draw, nodes)]
    return Product(
        id=f"product-{serial}",
        name=f"Chip {serial}",
        designer="Designer",
        node=node,
        released=PartialDate(dt.date(_YEAR_OF[node.node_class] + 1, 1, 1), Precision.QUARTER),
        sources=(pool[0],),
        die_area_mm2=100.0,
        transistors=10**10,
    )
