"""Tables of the catalog's evidence: its products and its sources.

``nc.products(foundry="SMIC", node="N+2")`` lists the chips made on a node;
``nc.sources(tier="weak")`` lists the sources with how far each can be trusted.
"""

from __future__ import annotations

import html
from typing import Any, Final

import attrs

from nodecompare.catalog import Catalog, resolve
from nodecompare.errors import query_choice
from nodecompare.model import ProcessNode, Source, SourceKind, Tier
from nodecompare.product import Product
from nodecompare.render import html_table, link, text_table
from nodecompare.results import Results

__all__ = ["Products", "Sources", "products", "sources"]

_PRODUCT_HEADERS: Final = (
    "product",
    "designer",
    "node",
    "released",
    "die mm2",
    "transistors (bn)",
    "MTr/mm2",
    "sources",
)
_SOURCE_HEADERS: Final = ("id", "publisher", "kind", "tier", "date", "title", "read via")


def _number(value: float | None, scale: float = 1.0) -> str:
    return "" if value is None else f"{value / scale:g}"


def _product_row(product: Product) -> list[str]:
    density = product.density
    return [
        product.name,
        product.designer,
        product.node.label,
        str(product.released),
        _number(product.die_area_mm2),
        _number(product.transistors, 1e9),
        "" if density is None else f"{density.magnitude:g}",
        ", ".join(s.id for s in product.sources),
    ]


@attrs.frozen(repr=False)
class Products(Results[Product]):
    """Products in order of release; see :func:`products`."""

    title: str
    entries: tuple[Product, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The products' names, in order of release."""
        return tuple(p.name for p in self.entries)

    def to_dict(self) -> list[dict[str, Any]]:
        """A JSON-compatible list: each product with its computed density."""
        return [
            {
                "id": p.id,
                "name": p.name,
                "designer": p.designer,
                "node": p.node.id,
                "released": str(p.released),
                "die_area_mm2": p.die_area_mm2,
                "transistors": p.transistors,
                "density_mtr_per_mm2": None if p.density is None else p.density.magnitude,
                "sources": [s.id for s in p.sources],
            }
            for p in self.entries
        ]

    def to_frame(self) -> Any:
        """The products as a pandas DataFrame indexed by id (needs the ``frames`` extra)."""
        import pandas as pd

        rows = [{**row, "sources": "; ".join(row["sources"])} for row in self.to_dict()]
        return pd.DataFrame(rows, columns=list(rows[0]) if rows else None).set_index("id")

    def __str__(self) -> str:
        return "\n".join(
            [self.title, text_table(_PRODUCT_HEADERS, [_product_row(p) for p in self])]
        )

    def __repr__(self) -> str:
        return f"<Products {self.title}: {len(self)}>"

    def _repr_html_(self) -> str:
        rows = [[html.escape(cell) for cell in _product_row(p)] for p in self]
        return html_table(self.title, _PRODUCT_HEADERS, rows)


def products(
    *,
    foundry: str | None = None,
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
    from nodecompare.query import region_countries

    catalog = resolve(catalog)
    chosen = list(catalog.products)
    parts = []
    if foundry is not None:
        owner = catalog.foundry(foundry)
        chosen = [p for p in chosen if p.node.foundry == owner]
        parts.append(owner.name)
    if node is not None:
        if isinstance(node, ProcessNode):
            wanted = node
        elif foundry is None:
            wanted = catalog.node(node)  # an id
        else:
            wanted = catalog.node(foundry, node)
        chosen = [p for p in chosen if p.node == wanted]
        parts[:] = [wanted.label]
    if region is not None:
        name, countries = region_countries(region)
        chosen = [p for p in chosen if any(s.country in countries for s in catalog.sites(p.node))]
        parts.append(f"node made in {name}")
    if designer is not None:
        chosen = [p for p in chosen if p.designer.casefold() == designer.casefold()]
        parts.append(f"designed by {designer}")
    title = "on " + ", ".join(parts) if parts else "all"
    return Products(title, tuple(sorted(chosen, key=lambda p: (p.released, p.name))))


def _source_row(source: Source) -> list[str]:
    return [
        source.id,
        source.publisher,
        source.kind.value,
        source.tier.value,
        "" if source.date is None else str(source.date),
        f"[{source.title}]" if source.title_inferred else source.title,
        source.via.host if source.via else "",
    ]


@attrs.frozen(repr=False)
class Sources(Results[Source]):
    """Sources with their tiers, by id; see :func:`sources`."""

    title: str
    entries: tuple[Source, ...]

    def to_dict(self) -> list[dict[str, Any]]:
        """A JSON-compatible list of the sources, each with its tier."""
        return [
            dict(zip(_SOURCE_HEADERS, _source_row(s), strict=True)) | {"url": s.link} for s in self
        ]

    def to_frame(self) -> Any:
        """The sources as a pandas DataFrame indexed by id (needs the ``frames`` extra)."""
        import pandas as pd

        rows = self.to_dict()
        return pd.DataFrame(rows, columns=list(rows[0]) if rows else None).set_index("id")

    def __str__(self) -> str:
        return "\n".join([self.title, text_table(_SOURCE_HEADERS, [_source_row(s) for s in self])])

    def __repr__(self) -> str:
        return f"<Sources {self.title}: {len(self)}>"

    def _repr_html_(self) -> str:
        rows = []
        for source in self:
            cells = [html.escape(cell) for cell in _source_row(source)]
            cells[5] = link(cells[5], source.link)
            rows.append(cells)
        return html_table(self.title, _SOURCE_HEADERS, rows)


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
    catalog = resolve(catalog)
    chosen = list(catalog.sources)
    parts = []
    if tier is not None:
        wanted_tier = query_choice(Tier, tier, "tier")
        chosen = [s for s in chosen if s.tier is wanted_tier]
        parts.append(wanted_tier.value)
    if kind is not None:
        wanted_kind = query_choice(SourceKind, kind, "kind")
        chosen = [s for s in chosen if s.kind is wanted_kind]
        parts.append(wanted_kind.value)
    if publisher is not None:
        chosen = [s for s in chosen if s.publisher.casefold() == publisher.casefold()]
        parts.append(f"by {publisher}")
    title = " ".join(parts) if parts else "all"
    return Sources(title, tuple(sorted(chosen, key=lambda s: s.id)))
