"""Tables of the catalog's evidence: products made on nodes, and sources with their tiers."""

from __future__ import annotations

import attrs

from nodecompare.model import Product, Source
from nodecompare.results.base import Results

__all__ = ["Products", "Sources"]


@attrs.frozen(repr=False)
class Products(Results[Product]):
    """Products in order of release; see :func:`products`."""

    title: str
    entries: tuple[Product, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The products' names, in order of release."""
        return tuple(p.name for p in self.entries)

    def __repr__(self) -> str:
        return f"<Products {self.title}: {len(self)}>"


@attrs.frozen(repr=False)
class Sources(Results[Source]):
    """Sources with their tiers, by id; see :func:`sources`."""

    title: str
    entries: tuple[Source, ...]

    def __repr__(self) -> str:
        return f"<Sources {self.title}: {len(self)}>"
