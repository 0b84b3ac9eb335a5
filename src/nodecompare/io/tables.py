"""The catalog as tables: one per kind of record, in pure Python, for every tabular format.

:data:`TABLES` describes a table per section of the file format (``sources``,
``foundries``, ``nodes``, ``claims``, ``fabs``, ``controls``, ``locations``,
``products``) and one per list of records inside them (``figures`` and ``aliases`` of
nodes, ``fab_nodes``, ``claim_sources``, ``claim_links``). Records refer to each other by
their ids (``node_id``, ``source_id``). Every table has a ``position``: the record's place
in its section, or in its parent's list, which the catalog's order depends on (no answer
does), whatever order another tool writes the rows back in.

:func:`items` and :func:`row_cells` flatten a catalog into those tables' rows, and
:func:`~nodecompare.io.tablerows.document_from_rows` turns rows back into the document
that :func:`~nodecompare.io.catalog_from_dict` checks and builds. :mod:`~nodecompare.io.arrow`
(Arrow and Parquet) and :mod:`~nodecompare.io.csvtables` (CSV and the Data Package) share
them: the columns of a table are the same in each, but for the lists (list columns in
Arrow, tables of their own in CSV) and the text of a partial date (CSV only).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import Any, Final

import attrs

from nodecompare.catalog import Catalog
from nodecompare.model import (
    Basis,
    BusinessModel,
    ClaimKind,
    Confidence,
    ControlScope,
    DiffusionBreak,
    Lithography,
    Metric,
    SourceKind,
    Transistor,
)

__all__ = [
    "TABLES",
    "TABLE_NAMES",
    "TWO_LISTS",
    "Column",
    "Table",
    "cell_names",
    "cells",
    "column_names",
    "items",
    "key_names",
    "row_cells",
]

Reader = Callable[[Any], Any]


@attrs.frozen
class Column:
    """One field of a table: its name, kind, how to read it from a record, and the key it
    is written under in the document (None: derived, or the table's own bookkeeping).

    Kinds: ``text``, ``enum``, ``date``, ``period`` (three columns), ``float``, ``int``,
    ``bool``, ``ids`` and ``strings`` (lists), ``ref`` (an id), ``via`` (two columns),
    ``quantity`` (a figure's value, written back with its metric's unit). ``refers``
    names the table whose ids a ``ref`` or ``ids`` column holds; ``choices`` the values an
    ``enum`` column (or the items of a ``strings`` list) may take.
    """

    name: str
    kind: str
    read: Reader
    key: str | None
    unit: str = ""
    refers: str = ""
    choices: tuple[str, ...] = ()


@attrs.frozen
class Table:
    """A table: its columns, and where its rows come from and go back to.

    A child table (``parent`` set) lists records held by a record of ``section``: each
    row carries the parent's id, its position in the list, and the list (``field``, or the
    value of the ``role`` column when a table holds two lists, such as a claim's
    ``sources`` and ``background``). ``scalar`` names the column that is the whole item
    when the list holds ids, not records. ``record`` names one row (``"fab_node"``), for
    the names of the tables and columns that refer to it.
    """

    name: str
    record: str
    section: str
    columns: tuple[Column, ...]
    parent: str = ""
    field: str = ""
    role: str = ""
    scalar: str = ""


def _attr(name: str) -> Reader:
    return lambda record: getattr(record, name)


def _enum(name: str) -> Reader:
    def read(record: Any) -> Any:
        value = getattr(record, name)
        return None if value is None else value.value

    return read


def _ref(name: str) -> Reader:
    def read(record: Any) -> Any:
        value = getattr(record, name)
        return None if value is None else value.id

    return read


def _ids(name: str) -> Reader:
    return lambda record: [item.id for item in getattr(record, name)]


def _strings(name: str) -> Reader:
    return lambda record: [getattr(item, "value", item) for item in getattr(record, name)]


def _col(
    name: str,
    kind: str = "text",
    key: str | None = "",
    unit: str = "",
    refers: str = "",
    choices: type[StrEnum] | None = None,
) -> Column:
    """A column read from the attribute ``name`` (a reference's id for ``_id`` names);
    ``ref`` and ``ids`` columns refer to ``sources`` unless ``refers`` says otherwise."""
    attribute = name.removesuffix("_id")
    readers: dict[str, Callable[[str], Reader]] = {
        "enum": _enum,
        "ref": _ref,
        "ids": _ids,
        "strings": _strings,
    }
    read = readers.get(kind, _attr)(attribute)
    if kind in ("ref", "ids"):
        refers = refers or "sources"
    values = () if choices is None else tuple(member.value for member in choices)
    return Column(name, kind, read, attribute if key == "" else key, unit, refers, values)


def _derived(name: str, read: Reader, kind: str = "float", unit: str = "") -> Column:
    return Column(name, kind, read, None, unit)


def _density(node: Any) -> float | None:
    figure = node.density
    return None if figure is None else figure.magnitude


_NM = "nm"

TABLES: Final[tuple[Table, ...]] = (
    Table(
        "sources",
        "source",
        "sources",
        (
            *(_col(name) for name in ("id", "publisher", "title")),
            _col("kind", "enum", choices=SourceKind),
            _col("url"),
            _col("date", "period"),
            _col("accessed", "date"),
            _col("authors", "strings"),
            _col("title_inferred", "bool"),
            _col("via", "via"),
            _col("affiliation"),
            _col("relays", "strings"),
            *(_col(name) for name in ("weak_reason", "note")),
        ),
    ),
    Table(
        "foundries",
        "foundry",
        "foundries",
        (
            *(_col(name) for name in ("id", "name", "country")),
            _col("business_model", "enum", choices=BusinessModel),
            _col("aliases", "strings"),
            _col("sources", "ids"),
        ),
    ),
    Table(
        "nodes",
        "node",
        "nodes",
        (
            _col("id"),
            _col("foundry_id", "ref", refers="foundries"),
            _col("name"),
            _col("marketing_nm", "float", unit=_NM),
            _col("class_nm", "float", unit=_NM),
            _col("class_source_id", "ref"),
            _col("family"),
            _col("transistor", "enum", choices=Transistor),
            _col("lithography", "enum", choices=Lithography),
            _col("sources", "ids"),
            _col("note"),
            _col("diffusion_break", "enum", choices=DiffusionBreak),
            _derived("node_class", lambda node: node.node_class, unit=_NM),
            _derived("density", _density, unit=Metric.DENSITY.unit),
        ),
    ),
    Table(
        "figures",
        "figure",
        "nodes",
        (
            _col("metric", "enum", choices=Metric),
            Column("value", "quantity", _attr("magnitude"), "value"),
            _derived("unit", lambda figure: figure.metric.unit, "text"),
            _col("basis", "enum", choices=Basis),
            _col("source_id", "ref"),
            _col("note"),
            _col("library"),
            _col("projected", "bool"),
        ),
        parent="node_id",
        field="figures",
    ),
    Table(
        "aliases",
        "alias",
        "nodes",
        (
            _col("name"),
            _col("since", "date"),
            _col("until", "date"),
            _col("marketing_nm", "float", unit=_NM),
            _col("disputed", "bool"),
            _col("sources", "ids"),
        ),
        parent="node_id",
        field="aliases",
    ),
    Table(
        "claims",
        "claim",
        "claims",
        (
            _col("id"),
            _col("kind", "enum", choices=ClaimKind),
            _col("statement"),
            _col("valid_from", "period"),
            _col("reported_on", "date"),
            _col("confidence", "enum", choices=Confidence),
            _col("node_id", "ref", refers="nodes"),
            _col("foundry_id", "ref", refers="foundries"),
            _col("region"),
            _col("valid_until", "period"),
            _col("evidence"),
            _col("note"),
        ),
    ),
    Table(
        "claim_sources",
        "claim_source",
        "claims",
        (Column("source_id", "ref", _attr("id"), None, refers="sources"),),
        parent="claim_id",
        role="role",
        scalar="source_id",
    ),
    Table(
        "claim_links",
        "claim_link",
        "claims",
        (Column("target_id", "ref", lambda item: item, None, refers="claims"),),
        parent="claim_id",
        role="relation",
        scalar="target_id",
    ),
    Table(
        "fabs",
        "fab",
        "fabs",
        (
            _col("id"),
            _col("operator_id", "ref", refers="foundries"),
            *(_col(name) for name in ("name", "city", "country")),
            _col("sources", "ids"),
            _col("note"),
        ),
    ),
    Table(
        "fab_nodes",
        "fab_node",
        "fabs",
        (
            _col("node_id", "ref", refers="nodes"),
            _col("since", "period"),
            _col("reported_on", "date"),
            _col("sources", "ids"),
            _col("until", "period"),
            _col("note"),
            _col("background", "ids"),
            _col("planned", "bool"),
        ),
        parent="fab_id",
        field="nodes",
    ),
    Table(
        "controls",
        "control",
        "controls",
        (
            *(_col(name) for name in ("id", "jurisdiction", "title")),
            _col("scope", "strings", choices=ControlScope),
            _col("effective", "date"),
            _col("announced", "date"),
            _col("sources", "ids"),
            _col("target_foundries", "ids", refers="foundries"),
            _col("target_countries", "strings"),
            _col("target_companies", "strings"),
            _col("threshold_nm", "float", unit=_NM),
            _col("until", "date"),
            _col("note"),
        ),
    ),
    Table(
        "locations",
        "location",
        "locations",
        (
            _col("id"),
            _col("node_id", "ref", refers="nodes"),
            _col("country"),
            _col("since", "period"),
            _col("reported_on", "date"),
            _col("sources", "ids"),
            _col("city"),
            _col("until", "period"),
            _col("note"),
            _col("background", "ids"),
        ),
    ),
    Table(
        "products",
        "product",
        "products",
        (
            *(_col(name) for name in ("id", "name", "designer")),
            _col("node_id", "ref", refers="nodes"),
            _col("released", "period"),
            _col("sources", "ids"),
            _col("die_area_mm2", "float", unit="mm**2"),
            _col("transistors", "int"),
            _col("note"),
        ),
    ),
)
#: The tables' names, in the order they are written.
TABLE_NAMES: Final = tuple(table.name for table in TABLES)
#: The child tables that hold two lists of their parent, by list.
TWO_LISTS: Final = {
    "claim_sources": ("sources", "background"),
    "claim_links": ("disputes", "supersedes"),
}


def key_names(table: Table) -> tuple[str, ...]:
    """The columns that place a row: its parent's id and list (child tables), its position."""
    return tuple(name for name in (table.parent, table.role, "position") if name)


def cell_names(column: Column) -> tuple[str, ...]:
    """The columns ``column`` fills: three for a period, two for a copy, else one."""
    if column.kind == "period":
        return f"{column.name}_start", f"{column.name}_end", f"{column.name}_precision"
    if column.kind == "via":
        return "via_host", "via_url"
    return (column.name,)


def column_names(table: Table) -> tuple[str, ...]:
    """Every column of ``table``, in order, as Arrow writes it."""
    return key_names(table) + tuple(name for c in table.columns for name in cell_names(c))


def items(catalog: Catalog, table: Table) -> Iterator[tuple[str | None, str | None, int, Any]]:
    """(parent id, list, position, item) for each row of ``table``."""
    records = getattr(catalog, table.section)
    if not table.parent:
        for position, record in enumerate(records):
            yield None, None, position, record
        return
    lists = TWO_LISTS.get(table.name, (table.field,))
    for record in records:
        for field in lists:
            for position, item in enumerate(getattr(record, field)):
                yield record.id, field, position, item


def cells(column: Column, value: Any) -> tuple[Any, ...]:
    """The cells ``value`` fills, one per name of :func:`cell_names`."""
    if column.kind == "period":
        if value is None:
            return None, None, None
        return value.start, value.end, value.precision.value
    if column.kind == "via":
        return (None, None) if value is None else (value.host, value.url)
    return (value,)


def row_cells(
    table: Table,
    parent: str | None,
    role: str | None,
    position: int,
    item: Any,
    *,
    lists: bool = True,
    period_text: bool = False,
) -> list[Any]:
    """The row of ``item`` (from :func:`items`): its :func:`key_names`, then each column's
    cells. CSV leaves out the list columns (``lists=False``) and writes a partial date's
    text before its cells (``period_text=True``)."""
    row: list[Any] = [parent] if table.parent else []
    if table.role:
        row.append(role)
    row.append(position)
    for column in table.columns:
        if not lists and column.kind in ("ids", "strings"):
            continue
        value = column.read(item)
        if period_text and column.kind == "period":
            row.append(None if value is None else str(value))
        row.extend(cells(column, value))
    return row
