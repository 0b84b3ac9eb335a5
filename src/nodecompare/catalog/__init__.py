"""The catalog: an immutable set of sources, foundries, nodes and claims, with lookups."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, Final, TypeVar

import attrs

from nodecompare.catalog.names import NamedNode, choose, close, foundry_names, name_key, node_names
from nodecompare.errors import CatalogError, Problem, UnknownNameError, ValidationError, shown
from nodecompare.model import (
    Claim,
    ExportControl,
    Fab,
    FabNode,
    Foundry,
    Location,
    ProcessNode,
    Product,
    Site,
    Source,
)

__all__ = ["RECORD_TYPES", "SECTIONS", "Catalog", "name_key"]

T = TypeVar("T")

#: The kinds of record a catalog holds, in the order records may refer back to each other.
RECORD_TYPES: Final[dict[str, type]] = {
    "sources": Source,
    "foundries": Foundry,
    "nodes": ProcessNode,
    "claims": Claim,
    "fabs": Fab,
    "controls": ExportControl,
    "locations": Location,
    "products": Product,
}
SECTIONS: Final = tuple(RECORD_TYPES)


@attrs.frozen
class _Index:
    sources: dict[str, Source]
    foundries: dict[str, Foundry]
    nodes: dict[str, ProcessNode]
    claims: dict[str, Claim]
    foundry_names: dict[str, Foundry]
    node_names: dict[str, dict[str, list[NamedNode]]]
    nodes_of: dict[str, tuple[ProcessNode, ...]]
    claims_of_node: dict[str, tuple[Claim, ...]]
    disputed_by: dict[str, tuple[Claim, ...]]
    superseded_by: dict[str, tuple[Claim, ...]]
    fabs: dict[str, Fab]
    controls: dict[str, ExportControl]
    made_at: dict[str, tuple[tuple[Fab, FabNode], ...]]
    locations: dict[str, Location]
    sites: dict[str, tuple[Site, ...]]
    products: dict[str, Product]
    products_on: dict[str, tuple[Product, ...]]


@attrs.frozen(repr=False, eq=True)
class Catalog:
    """An immutable catalog of sources, foundries, process nodes and claims.

    Build one from records (every record it refers to must be in it), from a dict with
    :func:`nodecompare.catalog_from_dict`, or from a file with
    :func:`nodecompare.load_catalog`; the bundled one is :func:`nodecompare.default_catalog`.
    Lookups ignore case, spaces, ``-``, ``_`` and "nm" after a number.

    Raises:
        CatalogError: an id is used twice, a name means two records at once, or a record
            refers to a record the catalog does not hold (every problem is listed).
    """

    sources: tuple[Source, ...] = ()
    foundries: tuple[Foundry, ...] = ()
    nodes: tuple[ProcessNode, ...] = ()
    claims: tuple[Claim, ...] = ()
    fabs: tuple[Fab, ...] = ()
    controls: tuple[ExportControl, ...] = ()
    locations: tuple[Location, ...] = ()
    products: tuple[Product, ...] = ()
    _index: _Index = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        index = _Index(
            sources=_by_id("sources", self.sources, problems),
            foundries=_by_id("foundries", self.foundries, problems),
            nodes=_by_id("nodes", self.nodes, problems),
            claims=_by_id("claims", self.claims, problems),
            foundry_names=foundry_names(self.foundries, problems),
            node_names=node_names(self.nodes, problems),
            nodes_of=_grouped((n.foundry.id, n) for n in self.nodes),
            claims_of_node=_grouped((c.node.id, c) for c in self.claims if c.node is not None),
            disputed_by=_grouped((other, c) for c in self.claims for other in c.disputes),
            superseded_by=_grouped((other, c) for c in self.claims for other in c.supersedes),
            fabs=_by_id("fabs", self.fabs, problems),
            controls=_by_id("controls", self.controls, problems),
            made_at=_grouped(
                (made.node.id, (fab, made)) for fab in self.fabs for made in fab.nodes
            ),
            locations=_by_id("locations", self.locations, problems),
            sites=_grouped(
                [
                    (made.node.id, Site(made, fab))
                    for fab in self.fabs
                    for made in fab.nodes
                    if not made.planned
                ]
                + [(where.node.id, Site(where)) for where in self.locations]
            ),
            products=_by_id("products", self.products, problems),
            products_on=_grouped((p.node.id, p) for p in self.products),
        )
        problems.extend(_dangling_references(self, index))
        if problems:
            raise CatalogError(problems)
        object.__setattr__(self, "_index", index)

    # --- lookups ---------------------------------------------------------------------------

    def foundry(self, name: str | Foundry) -> Foundry:
        """The foundry with this name, alias or id (case- and space-insensitive).

        Raises:
            UnknownNameError: no foundry has that name; close matches are listed.
            ValidationError: ``name`` is not a name.
        """
        if isinstance(name, Foundry):
            name = name.id  # by id: a foundry of another catalog is an unknown name here
        _text(name, "name", "a foundry name or a Foundry")
        found = self._index.foundry_names.get(name_key(name))
        if found is None:
            names = [f.name for f in self.foundries] + [
                a for f in self.foundries for a in f.aliases
            ]
            raise UnknownNameError("foundry", name, close(name, names))
        return found

    def get_foundry(self, name: str, default: Foundry | None = None) -> Foundry | None:
        """The foundry with this name, or ``default``."""
        try:
            return self.foundry(name)
        except UnknownNameError:
            return default

    def node(
        self,
        foundry: str | Foundry,
        name: str | None = None,
        *,
        as_of: dt.date | str | None = None,
        known_by: dt.date | str | None = None,
    ) -> ProcessNode:
        """The node a foundry markets under ``name``, or the node with id ``foundry``.

        A name may have meant different nodes at different times (Intel's "7nm" became
        Intel 4 on 2021-07-26, and "Intel 7" is the former 10nm ESF): give ``as_of`` to get
        the node the name meant on that date. Without it, a node's current name spelled
        exactly (``"Intel 7"``) means that node; a spelling that fits several names
        (``"Intel 7nm"``) is ambiguous. With ``known_by``, names given after that
        date are not known: what the name meant to a reader then.

        Raises:
            UnknownNameError: no node has that name; close matches are listed.
            AmbiguousNameError: the name meant several nodes and ``as_of`` does not decide.
        """
        if name is None and isinstance(foundry, str):
            if foundry in self._index.nodes:
                return self._index.nodes[foundry]
            raise UnknownNameError("node id", foundry, close(foundry, self._index.nodes))
        if name is None:
            _text(foundry, "foundry", "a node id, or a foundry and a node name")
            raise ValidationError.of("query", "name", "a node name is needed with a Foundry")
        owner = self.foundry(foundry)
        _text(name, "name", "a node name")
        names = self._index.node_names.get(owner.id, {})
        key, prefix = name_key(name), name_key(owner.name)
        # "Intel 4" may be typed as "4", and "TSMC N7" for "N7".
        spellings = [key, prefix + key]
        if key.startswith(prefix):
            spellings.append(key[len(prefix) :])
        candidates = [c for spelling in dict.fromkeys(spellings) for c in names.get(spelling, [])]
        if not candidates:
            known = [n.name for n in self.nodes_of(owner)] + [
                a.name for n in self.nodes_of(owner) for a in n.aliases
            ]
            raise UnknownNameError(f"{owner.name} node", name, close(name, known))
        return choose(owner, name, candidates, as_of, known_by)

    def get_node(
        self, foundry: str, name: str | None = None, default: ProcessNode | None = None
    ) -> ProcessNode | None:
        """The node, or ``default`` when no node (or more than one) has that name."""
        try:
            return self.node(foundry, name)
        except UnknownNameError:
            return default

    def source(self, source_id: str) -> Source:
        """The source with this id.

        Raises:
            UnknownNameError: no source has that id; close matches are listed.
        """
        return _by_id_or_raise("source", self._index.sources, source_id)

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id.

        Raises:
            UnknownNameError: no claim has that id; close matches are listed.
        """
        return _by_id_or_raise("claim", self._index.claims, claim_id)

    def nodes_of(self, foundry: str | Foundry) -> tuple[ProcessNode, ...]:
        """The nodes of a foundry, in catalog order."""
        return self._index.nodes_of.get(self.foundry(foundry).id, ())

    def claims_about(self, node: ProcessNode) -> tuple[Claim, ...]:
        """The claims whose subject is ``node``."""
        return self._index.claims_of_node.get(node.id, ())

    def disputed_by(self, claim: Claim) -> tuple[Claim, ...]:
        """The claims that contradict ``claim``."""
        return self._index.disputed_by.get(claim.id, ())

    def superseded_by(self, claim: Claim) -> tuple[Claim, ...]:
        """The claims that replace ``claim``."""
        return self._index.superseded_by.get(claim.id, ())

    def made_at(self, node: ProcessNode) -> tuple[tuple[Fab, FabNode], ...]:
        """The fabs that make ``node``, each with the dates and sources of its production,
        and those only planned to (``FabNode.planned``)."""
        return self._index.made_at.get(node.id, ())

    def sites(self, node: ProcessNode) -> tuple[Site, ...]:
        """Where ``node`` is made: its fabs (not those only planned to), then the locations
        known only by country or city."""
        return self._index.sites.get(node.id, ())

    def products_on(self, node: ProcessNode) -> tuple[Product, ...]:
        """The products made on ``node``, in catalog order."""
        return self._index.products_on.get(node.id, ())

    def is_superseded(self, claim: Claim, known_by: dt.date | None = None) -> bool:
        """True when a claim reported by ``known_by`` (None: ever) replaces ``claim``."""
        return any(newer.known_by(known_by) for newer in self.superseded_by(claim))

    # --- combining -----------------------------------------------------------------

    def merge(self, other: Catalog) -> Catalog:
        """This catalog with ``other``'s records added.

        A record of ``other`` with an id this catalog has must be identical to ours;
        otherwise nothing is merged.

        Raises:
            CatalogError: listing every record of ``other`` that conflicts with ours.
        """
        problems = []
        merged: dict[str, tuple[Any, ...]] = {}
        for section in SECTIONS:
            ours = {record.id: record for record in getattr(self, section)}
            added = []
            for position, record in enumerate(getattr(other, section)):
                if record.id not in ours:
                    added.append(record)
                elif ours[record.id] != record:
                    problems.append(
                        Problem(
                            f"{section}[{position}] {record.id!r}",
                            "id",
                            "conflicts with a different record of the same id",
                        )
                    )
            merged[section] = getattr(self, section) + tuple(added)
        if problems:
            raise CatalogError(problems)
        return Catalog(**merged)

    def __len__(self) -> int:
        return sum(len(getattr(self, section)) for section in SECTIONS)

    def __repr__(self) -> str:
        return (
            f"<Catalog: {len(self.foundries)} foundries, {len(self.nodes)} nodes, "
            f"{len(self.claims)} claims, {len(self.fabs)} fabs, {len(self.locations)} locations, "
            f"{len(self.controls)} controls, {len(self.products)} products, "
            f"{len(self.sources)} sources>"
        )


# --- building the index -------------------------------------------------------------------


def _by_id(section: str, records: Iterable[Any], problems: list[Problem]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for position, record in enumerate(records):
        if record.id in table:
            problems.append(Problem(f"{section}[{position}] {record.id!r}", "id", "duplicate id"))
        else:
            table[record.id] = record
    return table


def _grouped(pairs: Iterable[tuple[str, T]]) -> dict[str, tuple[T, ...]]:
    """The records of (key, record) pairs, grouped by key in their order."""
    groups: dict[str, list[T]] = defaultdict(list)
    for key, record in pairs:
        groups[key].append(record)
    return {key: tuple(group) for key, group in groups.items()}


def _dangling_references(catalog: Catalog, index: _Index) -> Iterator[Problem]:
    """Every reference to a record the catalog does not hold (or holds in another version)."""

    def check(record: Any, field: str, target: Any, table: dict[str, Any]) -> Iterator[Problem]:
        if (
            target is not None
            and table.get(target.id) is not target
            and table.get(target.id) != target
        ):
            kind = type(target).__name__
            yield Problem(
                repr(record), field, f"refers to {kind} {target.id!r}, not in the catalog"
            )

    for foundry in catalog.foundries:
        for source in foundry.sources:
            yield from check(foundry, "sources", source, index.sources)
    for node in catalog.nodes:
        yield from check(node, "foundry", node.foundry, index.foundries)
        yield from check(node, "class_source", node.class_source, index.sources)
        for source in node.sources:
            yield from check(node, "sources", source, index.sources)
        for figure in node.figures:
            yield from check(node, "figures", figure.source, index.sources)
        for alias in node.aliases:
            for source in alias.sources:
                yield from check(node, "aliases", source, index.sources)
    for claim in catalog.claims:
        for field in ("disputes", "supersedes"):
            for other in getattr(claim, field):
                if other not in index.claims:
                    yield Problem(
                        repr(claim), field, f"refers to claim {other!r}, not in the catalog"
                    )
        yield from check(claim, "node", claim.node, index.nodes)
        yield from check(claim, "foundry", claim.foundry, index.foundries)
        for source in claim.sources:
            yield from check(claim, "sources", source, index.sources)
    for fab in catalog.fabs:
        yield from check(fab, "operator", fab.operator, index.foundries)
        for source in fab.sources:
            yield from check(fab, "sources", source, index.sources)
        for made in fab.nodes:
            yield from check(fab, "nodes", made.node, index.nodes)
            for source in made.sources:
                yield from check(fab, "nodes", source, index.sources)
    for where in catalog.locations:
        yield from check(where, "node", where.node, index.nodes)
        for source in where.sources:
            yield from check(where, "sources", source, index.sources)
    for control in catalog.controls:
        for target in control.target_foundries:
            yield from check(control, "target_foundries", target, index.foundries)
        for source in control.sources:
            yield from check(control, "sources", source, index.sources)
    for product in catalog.products:
        yield from check(product, "node", product.node, index.nodes)
        for source in product.sources:
            yield from check(product, "sources", source, index.sources)


def _by_id_or_raise(kind: str, table: dict[str, T], record_id: str) -> T:
    _text(record_id, "id", f"a {kind} id")
    try:
        return table[record_id]
    except KeyError:
        raise UnknownNameError(kind, record_id, close(record_id, table)) from None


def _text(value: object, argument: str, expected: str) -> None:
    """Refuse a lookup key that is not text, naming the argument."""
    if not isinstance(value, str):
        raise ValidationError.of("query", argument, f"expected {expected}, got {shown(value)}")
