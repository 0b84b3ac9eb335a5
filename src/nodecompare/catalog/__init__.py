"""The catalog: an immutable set of sources, foundries, nodes and claims, with lookups."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, TypeVar

import attrs

from nodecompare.catalog.cycles import claim_cycles
from nodecompare.catalog.engine import QueryIndex
from nodecompare.catalog.exporting import Exportable
from nodecompare.catalog.names import NamedNode, choose, close, foundry_names, name_key, node_names
from nodecompare.errors import (
    CatalogError,
    Problem,
    UnknownNameError,
    ValidationError,
    record_label,
    shorten,
)
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

__all__ = ["RECORD_TYPES", "SECTIONS", "Catalog", "catalog_problems", "checked_catalog", "name_key"]

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
class Catalog(Exportable):
    """An immutable catalog of sources, foundries, process nodes and claims.

    Build one from records (every record it refers to must be in it), from a dict with
    :func:`nodecompare.catalog_from_dict`, or from a file with
    :func:`nodecompare.load_catalog`; the bundled one is :func:`nodecompare.default_catalog`.
    Lookups ignore case, spaces, ``-``, ``_`` and "nm" after a number.

    Raises:
        CatalogError: an id is used twice, a name means two records at once, a record
            refers to a record the catalog does not hold, or claims supersede each other
            in a cycle (every problem is listed, naming each record ``section[i] 'id'``).
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
    _query_index: QueryIndex | None = attrs.field(init=False, default=None, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        index, problems = _indexed({section: getattr(self, section) for section in SECTIONS})
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

    def _node_id(self, node: object) -> str:
        """The id of ``node``: a ProcessNode, or the id of one of ours."""
        if isinstance(node, ProcessNode):
            return node.id
        node_id = _text(node, "node", "a ProcessNode or a node id")
        return _by_id_or_raise("node", self._index.nodes, node_id).id

    def _claim_id(self, claim: object) -> str:
        """The id of ``claim``: a Claim, or the id of one of ours."""
        if isinstance(claim, Claim):
            return claim.id
        claim_id = _text(claim, "claim", "a Claim or a claim id")
        return _by_id_or_raise("claim", self._index.claims, claim_id).id

    def nodes_of(self, foundry: str | Foundry) -> tuple[ProcessNode, ...]:
        """The nodes of a foundry, in catalog order."""
        return self._index.nodes_of.get(self.foundry(foundry).id, ())

    def claims_about(self, node: ProcessNode | str) -> tuple[Claim, ...]:
        """The claims whose subject is ``node``."""
        return self._index.claims_of_node.get(self._node_id(node), ())

    def disputed_by(self, claim: Claim | str) -> tuple[Claim, ...]:
        """The claims that contradict ``claim``: those it disputes and those disputing it
        (a dispute is recorded on one of its two claims and holds both ways)."""
        return self._index.disputed_by.get(self._claim_id(claim), ())

    def superseded_by(self, claim: Claim | str) -> tuple[Claim, ...]:
        """The claims that replace ``claim``."""
        return self._index.superseded_by.get(self._claim_id(claim), ())

    def made_at(self, node: ProcessNode | str) -> tuple[tuple[Fab, FabNode], ...]:
        """The fabs that make ``node``, each with the dates and sources of its production,
        and those only planned to (``FabNode.planned``)."""
        return self._index.made_at.get(self._node_id(node), ())

    def sites(self, node: ProcessNode | str) -> tuple[Site, ...]:
        """Where ``node`` is made: its fabs (not those only planned to), then the locations
        known only by country or city."""
        return self._index.sites.get(self._node_id(node), ())

    def products_on(self, node: ProcessNode | str) -> tuple[Product, ...]:
        """The products made on ``node``, in catalog order."""
        return self._index.products_on.get(self._node_id(node), ())

    def is_superseded(self, claim: Claim | str, known_by: dt.date | None = None) -> bool:
        """True when a claim reported by ``known_by`` (None: ever) replaces ``claim``."""
        return any(newer.known_by(known_by) for newer in self.superseded_by(claim))

    @property
    def query_index(self) -> QueryIndex:
        """The claims indexed for queries, built on first use (once per catalog)."""
        if self._query_index is None:
            index = QueryIndex(self.claims, self._index.superseded_by)
            object.__setattr__(self, "_query_index", index)
            return index
        return self._query_index

    # --- combining -----------------------------------------------------------------

    def merge(self, other: Catalog) -> Catalog:
        """This catalog with ``other``'s records added.

        A record of ``other`` with an id this catalog has must be identical to ours;
        otherwise nothing is merged.

        Raises:
            CatalogError: listing every record of ``other`` that conflicts with ours.
            ValidationError: ``other`` is not a Catalog.
        """
        checked_catalog(other, "other")
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
                            record_label(section, position, record.id),
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


def checked_catalog(value: object, argument: str, expected: str = "a Catalog") -> Catalog:
    """``value``, refused with an error naming ``argument`` unless it is a Catalog (a
    path or a dict given by mistake would otherwise fail deep inside, untyped)."""
    if not isinstance(value, Catalog):
        raise ValidationError.of("query", argument, f"expected {expected}, got {shorten(value)}")
    return value


# --- building the index -------------------------------------------------------------------


def catalog_problems(
    records: Mapping[str, Sequence[Any]], failed_claims: Collection[str] = ()
) -> list[Problem]:
    """The problems of records taken together, as :class:`Catalog` raises them: ids used
    twice, names that clash, references to records not among them, supersession and dispute cycles.

    Each names its record ``section[i] 'id'`` by its position in ``records``, which maps
    some of :data:`SECTIONS` to records. ``failed_claims`` are ids of claims that exist but
    could not be read: references to them count as resolved (their problems are reported).
    """
    return _indexed(records, failed_claims)[1]


def _indexed(
    records: Mapping[str, Sequence[Any]], failed_claims: Collection[str] = ()
) -> tuple[_Index, list[Problem]]:
    problems: list[Problem] = []
    sources, foundries, nodes, claims, fabs, controls, locations, products = (
        tuple(records.get(section, ())) for section in SECTIONS
    )
    index = _Index(
        sources=_by_id("sources", sources, problems),
        foundries=_by_id("foundries", foundries, problems),
        nodes=_by_id("nodes", nodes, problems),
        claims=_by_id("claims", claims, problems),
        foundry_names=foundry_names(foundries, problems),
        node_names=node_names(nodes, problems),
        nodes_of=_grouped((n.foundry.id, n) for n in nodes),
        claims_of_node=_grouped((c.node.id, c) for c in claims if c.node is not None),
        disputed_by=_disputes_both_ways(claims),
        superseded_by=_grouped((other, c) for c in claims for other in c.supersedes),
        fabs=_by_id("fabs", fabs, problems),
        controls=_by_id("controls", controls, problems),
        made_at=_grouped((made.node.id, (fab, made)) for fab in fabs for made in fab.nodes),
        locations=_by_id("locations", locations, problems),
        sites=_grouped(
            [
                (made.node.id, Site(made, fab))
                for fab in fabs
                for made in fab.nodes
                if not made.planned
            ]
            + [(where.node.id, Site(where)) for where in locations]
        ),
        products=_by_id("products", products, problems),
        products_on=_grouped((p.node.id, p) for p in products),
    )
    problems.extend(_dangling_references(records, index, failed_claims))
    problems.extend(claim_cycles(claims, index.claims))
    return index, problems


def _disputes_both_ways(claims: Sequence[Claim]) -> dict[str, tuple[Claim, ...]]:
    by_id = {claim.id: claim for claim in claims}
    pairs = [(c, by_id[other]) for c in claims for other in c.disputes if other in by_id]
    return _grouped([*((a.id, b) for a, b in pairs), *((b.id, a) for a, b in pairs)])


def _by_id(section: str, records: Iterable[Any], problems: list[Problem]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for position, record in enumerate(records):
        if record.id in table:
            problems.append(
                Problem(record_label(section, position, record.id), "id", "duplicate id")
            )
        else:
            table[record.id] = record
    return table


def _grouped(pairs: Iterable[tuple[str, T]]) -> dict[str, tuple[T, ...]]:
    """The records of (key, record) pairs, grouped by key in their order."""
    groups: dict[str, list[T]] = defaultdict(list)
    for key, record in pairs:
        groups[key].append(record)
    return {key: tuple(group) for key, group in groups.items()}


def _dangling_references(
    records: Mapping[str, Sequence[Any]], index: _Index, failed_claims: Collection[str]
) -> Iterator[Problem]:
    """Every reference to a record the catalog does not hold (or holds in another version)."""
    tables: dict[type, dict[str, Any]] = {
        Source: index.sources,
        Foundry: index.foundries,
        ProcessNode: index.nodes,
    }
    for section in SECTIONS[1:]:  # a source refers to nothing
        for position, record in enumerate(records.get(section, ())):
            if isinstance(record, Claim) and _claim_references_held(record, index):
                continue
            for field, target in _references(record):
                if target is None:
                    continue
                if isinstance(target, str):
                    if target not in index.claims and target not in failed_claims:
                        message = f"refers to claim {target!r}, not in the catalog"
                        yield Problem(record_label(section, position, record.id), field, message)
                    continue
                held = tables[type(target)].get(target.id)
                if held is not target and held != target:
                    kind = type(target).__name__
                    message = f"refers to {kind} {target.id!r}, not in the catalog"
                    yield Problem(record_label(section, position, record.id), field, message)


def _claim_references_held(claim: Claim, index: _Index) -> bool:
    """True when every record ``claim`` refers to is the catalog's own: the commonest case,
    told without a step per reference of :func:`_references`, whose claim fields it checks."""
    sources, claims = index.sources, index.claims
    node, foundry = claim.node, claim.foundry
    return (
        all(sources.get(source.id) is source for source in claim.sources)
        and all(sources.get(source.id) is source for source in claim.background)
        and (node is None or index.nodes.get(node.id) is node)
        and (foundry is None or index.foundries.get(foundry.id) is foundry)
        and all(other in claims for other in claim.disputes)
        and all(other in claims for other in claim.supersedes)
    )


def _references(record: Any) -> Iterator[tuple[str, Any]]:
    """(field, record referred to or None) for each reference a record makes; a claim
    refers to other claims by id."""
    if isinstance(record, ProcessNode):
        yield "foundry", record.foundry
        yield "class_source", record.class_source
        yield from (("figures", figure.source) for figure in record.figures)
        yield from (("aliases", source) for alias in record.aliases for source in alias.sources)
    elif isinstance(record, Claim):
        yield from (("disputes", other) for other in record.disputes)
        yield from (("supersedes", other) for other in record.supersedes)
        yield "node", record.node
        yield "foundry", record.foundry
        yield from (("background", source) for source in record.background)
    elif isinstance(record, Fab):
        yield "operator", record.operator
        for made in record.nodes:
            yield "nodes", made.node
            yield from (("nodes", source) for source in (*made.sources, *made.background))
    elif isinstance(record, Location):
        yield "node", record.node
        yield from (("background", source) for source in record.background)
    elif isinstance(record, Product):
        yield "node", record.node
    elif isinstance(record, ExportControl):
        yield from (("target_foundries", foundry) for foundry in record.target_foundries)
    if not isinstance(record, Source):
        yield from (("sources", source) for source in record.sources)


def _by_id_or_raise(kind: str, table: dict[str, T], record_id: str) -> T:
    _text(record_id, "id", f"a {kind} id")
    try:
        return table[record_id]
    except KeyError:
        raise UnknownNameError(kind, record_id, close(record_id, table)) from None


def _text(value: object, argument: str, expected: str) -> str:
    """``value``, refused with an error naming the argument unless it is text."""
    if not isinstance(value, str):
        raise ValidationError.of("query", argument, f"expected {expected}, got {shorten(value)}")
    return value
