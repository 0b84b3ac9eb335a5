"""Strategies for where nodes are made, and the controls on them."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from nodecompare.model import (
    ControlScope,
    ExportControl,
    Fab,
    FabNode,
    Foundry,
    Location,
    ProcessNode,
    Source,
)
from nodecompare.strategies.records import (
    EARLIEST,
    LATEST,
    WORDS,
    dates,
    ending,
    foundries,
    partial_dates,
    process_nodes,
    slugs,
    sources,
)

__all__ = ["export_controls", "fabs", "locations"]

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
        until=ending(draw, None if since is None else since.start, endings),
        note=draw(st.just("") | WORDS),
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
    fab_id = draw(id if id is not None else slugs("plant"))
    return Fab(
        id=fab_id,
        operator=owner,
        name=f"Fab {fab_id.upper()}",
        city=draw(WORDS),
        country=draw(st.sampled_from(_SITE_COUNTRIES)),
        nodes=tuple(
            draw(_fab_nodes(made, source, endings)) for made in candidates if made.foundry == owner
        ),
        sources=tuple(draw(st.lists(source, max_size=2, unique_by=lambda s: s.id))),
        note=draw(st.just("") | WORDS),
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
        id=draw(id if id is not None else slugs("place")),
        node=draw(node if node is not None else process_nodes(source=source)),
        country=draw(st.sampled_from([*_SITE_COUNTRIES, "EU"])),
        since=since,
        reported_on=draw(st.none() | dates()),
        sources=tuple(draw(st.lists(source, min_size=1, max_size=2, unique_by=lambda s: s.id))),
        city=draw(st.just("") | WORDS),
        until=ending(draw, None if since is None else since.start, endings),
        note=draw(st.just("") | WORDS),
        background=tuple(draw(st.lists(source, max_size=1))),
    )


@st.composite
def export_controls(
    draw: st.DrawFn,
    foundry: st.SearchStrategy[Foundry] | None = None,
    source: st.SearchStrategy[Source] | None = None,
    id: st.SearchStrategy[str] | None = None,
    endings: bool = True,
    country: st.SearchStrategy[str] | None = None,
) -> ExportControl:
    """Export controls naming drawn foundries, countries (by default CN, RU, IR or KP) or
    companies (at least one target), announced up to two years before they take effect,
    most with a threshold node; some end (none with ``endings=False``)."""
    effective = draw(dates(max_value=dt.date(2030, 12, 31)))
    announced = draw(dates(max(EARLIEST, effective - dt.timedelta(days=730)), effective))
    until = None
    if endings and effective < LATEST and draw(st.booleans()):
        until = draw(dates(effective + dt.timedelta(days=1), LATEST))
    targets = draw(
        st.lists(
            foundry if foundry is not None else foundries(), max_size=2, unique_by=lambda f: f.id
        )
    )
    country = country if country is not None else st.sampled_from(["CN", "RU", "IR", "KP"])
    countries = draw(st.lists(country, max_size=2, unique=True))
    companies = draw(st.lists(WORDS, max_size=2))
    if not (targets or countries or companies):
        countries = [draw(country)]
    return ExportControl(
        id=draw(id if id is not None else slugs("control")),
        jurisdiction=draw(st.sampled_from(["US", "NL", "JP", "EU"])),
        title=draw(WORDS),
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
        note=draw(st.just("") | WORDS),
    )
