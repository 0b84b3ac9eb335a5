"""Strategies for whole, consistent catalogs.

Besides claims of any kind, a generated catalog holds production claims (volume production
or product shipped, mostly reported or confirmed), fabs placing the nodes of their
operator (some only planned), locations and export controls (most with a threshold,
naming the catalog's foundries or their countries), so that :func:`nodecompare.leaders`,
:func:`nodecompare.compare`, :func:`nodecompare.controls` and
:func:`nodecompare.beyond_controls` often find something.
"""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import strategies as st

from nodecompare.catalog import Catalog
from nodecompare.model import (
    Claim,
    ClaimKind,
    Fab,
    Foundry,
    Location,
    ProcessNode,
    Product,
    Source,
)
from nodecompare.strategies.places import export_controls, fabs, locations
from nodecompare.strategies.records import (
    MOSTLY_SURE,
    claims,
    foundries,
    process_nodes,
    products,
    slugs,
    sources,
)

__all__ = ["catalogs"]


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
    """Consistent catalogs: every record refers only to records of the same catalog, and
    queries on them often answer (see the module).

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
    source_ids = draw(st.lists(slugs("source"), min_size=1, max_size=5, unique=True))
    pool = [draw(sources(id=st.just(i))) for i in source_ids]
    source = st.sampled_from(pool)
    foundry_ids = draw(st.lists(slugs("fab"), min_size=1, max_size=max_foundries, unique=True))
    makers = [draw(foundries(id=st.just(i), source=source)) for i in foundry_ids]
    numbers = draw(
        st.lists(st.integers(0, 10**4), min_size=min_nodes, max_size=max_nodes, unique=True)
    )
    nodes = [
        draw(process_nodes(foundry=st.sampled_from(makers), source=source, number=st.just(n)))
        for n in numbers
    ]
    found = draw(
        _claims_about(nodes, source, max_claims, max_production_claims, endings, supersedes)
    )
    made, places = draw(_products_and_locations(nodes, source, max_locations, endings))
    plants = draw(_fabs_of(makers, nodes, source, max_fabs, endings))
    control_ids = draw(st.lists(slugs("control"), max_size=max_controls, unique=True))
    # Controls target the catalog's foundries, by name or by the country they are in.
    countries = st.sampled_from(sorted({f.country for f in makers} | {"CN", "RU"}))
    rules = [
        draw(export_controls(st.sampled_from(makers), source, st.just(i), endings, countries))
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


@st.composite
def _claims_about(
    draw: st.DrawFn,
    nodes: list[ProcessNode],
    source: st.SearchStrategy[Source],
    max_claims: int,
    max_production_claims: int,
    endings: bool,
    supersedes: bool,
) -> list[Claim]:
    """Claims of any kind about the nodes, then production claims (one per node first),
    some disputing or superseding others."""
    found: list[Any] = []
    if not nodes:
        return found
    claim_ids = draw(st.lists(slugs("claim"), max_size=max_claims, unique=True))
    found = [
        draw(claims(node=st.sampled_from(nodes), source=source, id=st.just(i), endings=endings))
        for i in claim_ids
    ]
    # Production claims: one about each node first (as far as the bound allows).
    production_ids = draw(
        st.lists(
            slugs("made"),
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
                confidence=MOSTLY_SURE,
                endings=endings,
            )
        )
        for i, claim_id in enumerate(production_ids)
    ]
    if len(found) > 1:
        # Some claims dispute or (now and then) supersede others of the same catalog; a
        # claim refers only to claims listed before it, since cycles of either are refused.
        ids = [claim.id for claim in found]
        found = [
            attrs.evolve(
                claim,
                disputes=tuple(
                    draw(st.lists(st.sampled_from(ids[:position]), max_size=2, unique=True))
                )
                if position
                else (),
                supersedes=(draw(st.sampled_from(ids[:position])),)
                if supersedes and position and draw(st.sampled_from(range(8))) == 0
                else (),
            )
            for position, claim in enumerate(found)
        ]
    return found


@st.composite
def _fabs_of(
    draw: st.DrawFn,
    makers: list[Foundry],
    nodes: list[ProcessNode],
    source: st.SearchStrategy[Source],
    max_fabs: int,
    endings: bool,
) -> list[Fab]:
    """Fabs run by foundries with nodes to make (when there are any), placing those."""
    operators = [f for f in makers if any(n.foundry == f for n in nodes)] or makers
    fab_ids = draw(st.lists(slugs("plant"), max_size=max_fabs, unique=True))
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
    return plants


@st.composite
def _products_and_locations(
    draw: st.DrawFn,
    nodes: list[ProcessNode],
    source: st.SearchStrategy[Source],
    max_locations: int,
    endings: bool,
) -> tuple[list[Product], list[Location]]:
    """Products made on the nodes, and places the nodes are made where no fab is named."""
    if not nodes:
        return [], []
    product_ids = draw(st.lists(slugs("product"), max_size=3, unique=True))
    made = [
        draw(products(node=st.sampled_from(nodes), source=source, id=st.just(i)))
        for i in product_ids
    ]
    place_ids = draw(st.lists(slugs("place"), max_size=max_locations, unique=True))
    places = [
        draw(locations(st.sampled_from(nodes), source, st.just(i), endings)) for i in place_ids
    ]
    return made, places
