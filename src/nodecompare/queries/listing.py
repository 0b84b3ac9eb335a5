"""The catalog's evidence as tables: ``products(foundry="SMIC", node="N+2")`` lists the
chips made on a node; ``sources(tier="weak")`` the sources with how far each is trusted."""

from __future__ import annotations

from nodecompare.catalog import Catalog
from nodecompare.model import Foundry, ProcessNode, SourceKind, Tier
from nodecompare.queries import arguments
from nodecompare.results import Products, Sources

__all__ = ["products", "sources"]


def products(
    *,
    foundry: str | Foundry | None = None,
    node: str | ProcessNode | None = None,
    region: str | None = None,
    designer: str | None = None,
    catalog: Catalog | None = None,
) -> Products:
    """The chips the catalog knows, oldest first: ``products(foundry="SMIC", node="N+2")``.

    Args:
        foundry: only products made by this foundry.
        node: only products made on this node: a node, a node id, or with ``foundry``
            a name the foundry markets (``"N+2"``).
        region: only products whose node is made in this region or country (at any of
            its sites: a product's own fab is rarely public).
        designer: only products designed by this company (case-insensitive).
        catalog: the catalog to use; default the bundled one.

    Raises:
        UnknownNameError: the foundry or node is not in the catalog.
        ValidationError: the region is not known.
    """
    catalog = arguments.catalog_or_default(catalog)
    chosen = list(catalog.products)
    parts = []
    owner = None if foundry is None else arguments.foundry(catalog, foundry)
    if owner is not None:
        chosen = [p for p in chosen if p.node.foundry == owner]
        parts.append(owner.name)
    if node is not None:
        if isinstance(node, ProcessNode) or owner is None:
            wanted = arguments.process_node(catalog, node)
        else:
            wanted = catalog.node(owner, arguments.name(node, "node"))
        chosen = [p for p in chosen if p.node == wanted]
        parts[:] = [wanted.label]
    if region is not None:
        where = arguments.region(region)
        chosen = [p for p in chosen if any(s.in_region(where) for s in catalog.sites(p.node))]
        parts.append(f"node made in {where.name}")
    if (designer := arguments.optional_text(designer, "designer")) is not None:
        chosen = [p for p in chosen if p.designer.casefold() == designer.casefold()]
        parts.append(f"designed by {designer}")
    title = "on " + ", ".join(parts) if parts else "all"
    return Products(title, tuple(sorted(chosen, key=lambda p: (p.released, p.name))))


def sources(
    *,
    tier: Tier | str | None = None,
    kind: SourceKind | str | None = None,
    publisher: str | None = None,
    catalog: Catalog | None = None,
) -> Sources:
    """The catalog's sources with their tiers: ``sources(tier="weak")``.

    Args:
        tier: only sources of this tier (primary, reputable, weak).
        kind: only sources of this kind (company, press, analyst...).
        publisher: only this publisher's sources (case-insensitive).
        catalog: the catalog to use; default the bundled one.

    Raises:
        ValidationError: the tier or kind is not known.
    """
    catalog = arguments.catalog_or_default(catalog)
    chosen = list(catalog.sources)
    parts = []
    if tier is not None:
        wanted_tier = arguments.choice(Tier, tier, "tier")
        chosen = [s for s in chosen if s.tier is wanted_tier]
        parts.append(wanted_tier.value)
    if kind is not None:
        wanted_kind = arguments.choice(SourceKind, kind, "kind")
        chosen = [s for s in chosen if s.kind is wanted_kind]
        parts.append(wanted_kind.value)
    if (publisher := arguments.optional_text(publisher, "publisher")) is not None:
        chosen = [s for s in chosen if s.publisher.casefold() == publisher.casefold()]
        parts.append(f"by {publisher}")
    title = " ".join(parts) if parts else "all"
    return Sources(title, tuple(sorted(chosen, key=lambda s: s.id)))
