"""Catalogs as Apache Arrow tables: one normalised table per kind of record.

:func:`catalog_to_arrow` returns a table per section of the file format (``sources``,
``foundries``, ``nodes``, ``claims``, ``fabs``, ``controls``, ``locations``,
``products``) and one per list of records inside them (``figures`` and ``aliases`` of
nodes, ``fab_nodes``, ``claim_sources``, ``claim_links``). Records refer to each other by
their ids (``node_id``, ``source_id``); lists of ids or of plain text that no query joins
on (a foundry's sources, a control's scope) are list columns. Every table has a
``position``: the record's place in its section, or in its parent's list, which the
catalog's order (and ``leaders()``'s tie-breaks) depend on, whatever order another tool
writes the rows back in.

Types: days are ``date32``; a date known to a period (``"2020-Q2"``) is three columns,
``<name>_start`` and ``<name>_end`` (its first and last day, ``date32``) and
``<name>_precision`` (``year``, ``half``, ``quarter``, ``month`` or ``day``); quantities
are ``float64`` in the canonical unit that the field's metadata names (``unit``), and a
figure's ``value`` is in the unit of its metric (column ``unit``). Columns whose field
metadata says ``derived`` (a node's ``node_class`` and preferred ``density``, a figure's
``unit``) are computed for SQL and ignored when the tables are read back.

:func:`document_of` turns the tables back into the JSON-compatible document of
:func:`~nodecompare.io.catalog_from_dict`, which checks and builds the catalog: tables
read from anywhere keep the loader's error contract. pyarrow is imported on first use.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from nodecompare.catalog import Catalog
from nodecompare.dates import Precision
from nodecompare.io.format import METRIC_NAMES
from nodecompare.model import Metric, PartialDate

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["FORMAT_VERSION", "TABLE_NAMES", "catalog_to_arrow", "document_of", "table_schema"]

#: The version of the tables' layout, stored in each table's schema metadata.
FORMAT_VERSION: Final = "1"
#: Schema metadata keys: which table a file holds, and the layout's version.
TABLE_KEY: Final = b"nodecompare.table"
VERSION_KEY: Final = b"nodecompare.format"

Reader = Callable[[Any], Any]


@attrs.frozen
class Column:
    """One field of a table: its name, kind, how to read it from a record, and the key it
    is written under in the document (None: derived, or the table's own bookkeeping).

    Kinds: ``text``, ``enum``, ``date``, ``period`` (three columns), ``float``, ``int``,
    ``bool``, ``ids`` and ``strings`` (lists), ``ref`` (an id), ``via`` (two columns),
    ``quantity`` (a figure's value, written back with its metric's unit).
    """

    name: str
    kind: str
    read: Reader
    key: str | None
    unit: str = ""


@attrs.frozen
class Table:
    """A table: its columns, and where its rows come from and go back to.

    A child table (``parent`` set) lists records held by a record of ``section``: each
    row carries the parent's id, its position in the list, and the list (``field``, or the
    value of the ``role`` column when a table holds two lists, such as a claim's
    ``sources`` and ``background``). ``scalar`` names the column that is the whole item
    when the list holds ids, not records.
    """

    name: str
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


def _col(name: str, kind: str = "text", key: str | None = "", unit: str = "") -> Column:
    """A column read from the attribute ``name`` (a reference's id for ``_id`` names)."""
    attribute = name.removesuffix("_id")
    readers: dict[str, Callable[[str], Reader]] = {
        "enum": _enum,
        "ref": _ref,
        "ids": _ids,
        "strings": _strings,
    }
    read = readers.get(kind, _attr)(attribute)
    return Column(name, kind, read, attribute if key == "" else key, unit)


def _derived(name: str, read: Reader, kind: str = "float", unit: str = "") -> Column:
    return Column(name, kind, read, None, unit)


def _density(node: Any) -> float | None:
    figure = node.density
    return None if figure is None else figure.magnitude


_NM = "nm"
_ITEM: Final = Column("item", "ref", lambda item: item.id, None)

TABLES: Final[tuple[Table, ...]] = (
    Table(
        "sources",
        "sources",
        (
            *(_col(name) for name in ("id", "publisher", "title")),
            _col("kind", "enum"),
            _col("url"),
            _col("date", "period"),
            _col("accessed", "date"),
            _col("authors", "strings"),
            _col("title_inferred", "bool"),
            _col("via", "via"),
            *(_col(name) for name in ("affiliation", "relays", "weak_reason")),
        ),
    ),
    Table(
        "foundries",
        "foundries",
        (
            *(_col(name) for name in ("id", "name", "country")),
            _col("business_model", "enum"),
            _col("aliases", "strings"),
            _col("sources", "ids"),
        ),
    ),
    Table(
        "nodes",
        "nodes",
        (
            _col("id"),
            _col("foundry_id", "ref"),
            _col("name"),
            _col("marketing_nm", "float", unit=_NM),
            _col("class_nm", "float", unit=_NM),
            _col("class_source_id", "ref"),
            _col("family"),
            _col("transistor", "enum"),
            _col("lithography", "enum"),
            _col("sources", "ids"),
            _col("note"),
            _col("diffusion_break", "enum"),
            _derived("node_class", lambda node: node.node_class, unit=_NM),
            _derived("density", _density, unit=Metric.DENSITY.unit),
        ),
    ),
    Table(
        "figures",
        "nodes",
        (
            _col("metric", "enum"),
            Column("value", "quantity", _attr("magnitude"), "value"),
            _derived("unit", lambda figure: figure.metric.unit, "text"),
            _col("basis", "enum"),
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
        "claims",
        (
            _col("id"),
            _col("kind", "enum"),
            _col("statement"),
            _col("valid_from", "period"),
            _col("reported_on", "date"),
            _col("confidence", "enum"),
            _col("node_id", "ref"),
            _col("foundry_id", "ref"),
            _col("region"),
            _col("valid_until", "period"),
            _col("evidence"),
            _col("note"),
        ),
    ),
    Table(
        "claim_sources",
        "claims",
        (attrs.evolve(_ITEM, name="source_id"),),
        parent="claim_id",
        role="role",
        scalar="source_id",
    ),
    Table(
        "claim_links",
        "claims",
        (Column("target_id", "text", lambda item: item, None),),
        parent="claim_id",
        role="relation",
        scalar="target_id",
    ),
    Table(
        "fabs",
        "fabs",
        (
            _col("id"),
            _col("operator_id", "ref"),
            *(_col(name) for name in ("name", "city", "country")),
            _col("sources", "ids"),
            _col("note"),
        ),
    ),
    Table(
        "fab_nodes",
        "fabs",
        (
            _col("node_id", "ref"),
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
        "controls",
        (
            *(_col(name) for name in ("id", "jurisdiction", "title")),
            _col("scope", "strings"),
            _col("effective", "date"),
            _col("announced", "date"),
            _col("sources", "ids"),
            _col("target_foundries", "ids"),
            _col("target_countries", "strings"),
            _col("target_companies", "strings"),
            _col("threshold_nm", "float", unit=_NM),
            _col("until", "date"),
            _col("note"),
        ),
    ),
    Table(
        "locations",
        "locations",
        (
            _col("id"),
            _col("node_id", "ref"),
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
        "products",
        (
            *(_col(name) for name in ("id", "name", "designer")),
            _col("node_id", "ref"),
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
_TWO_LISTS: Final = {
    "claim_sources": ("sources", "background"),
    "claim_links": ("disputes", "supersedes"),
}


def _fields(column: Column) -> Iterator[pa.Field]:
    import pyarrow as pa

    derived = {b"derived": b"true"} if column.key is None else {}
    unit = {b"unit": column.unit.encode()} if column.unit else {}
    if column.kind == "period":
        yield pa.field(f"{column.name}_start", pa.date32())
        yield pa.field(f"{column.name}_end", pa.date32(), metadata={b"derived": b"true"})
        yield pa.field(f"{column.name}_precision", pa.string())
        return
    if column.kind == "via":
        yield pa.field("via_host", pa.string())
        yield pa.field("via_url", pa.string())
        return
    if column.kind == "quantity":
        units = {metric.value: metric.unit for metric in Metric}
        unit = {b"unit": b"the unit of the metric", b"units": json.dumps(units).encode()}
    types = {
        "date": pa.date32(),
        "float": pa.float64(),
        "quantity": pa.float64(),
        "int": pa.int64(),
        "bool": pa.bool_(),
        "ids": pa.list_(pa.string()),
        "strings": pa.list_(pa.string()),
    }
    metadata = {**derived, **unit} or None
    yield pa.field(column.name, types.get(column.kind, pa.string()), metadata=metadata)


def table_schema(table: Table) -> pa.Schema:
    """The Arrow schema of ``table``, with its name and the layout's version."""
    import pyarrow as pa

    bookkeeping = [pa.field(table.parent, pa.string(), nullable=False)] if table.parent else []
    if table.role:
        bookkeeping.append(pa.field(table.role, pa.string(), nullable=False))
    bookkeeping.append(pa.field("position", pa.int32(), nullable=False))
    fields = [field for column in table.columns for field in _fields(column)]
    metadata = {TABLE_KEY: table.name.encode(), VERSION_KEY: FORMAT_VERSION.encode()}
    return pa.schema([*bookkeeping, *fields], metadata=metadata)


def _rows(catalog: Catalog, table: Table) -> Iterator[tuple[str | None, str | None, int, Any]]:
    """(parent id, list, position, item) for each row of ``table``."""
    records = getattr(catalog, table.section)
    if not table.parent:
        for position, record in enumerate(records):
            yield None, None, position, record
        return
    lists = _TWO_LISTS.get(table.name, (table.field,))
    for record in records:
        for field in lists:
            for position, item in enumerate(getattr(record, field)):
                yield record.id, field, position, item


def _cells(column: Column, value: Any) -> tuple[Any, ...]:
    """The cells ``value`` fills: three for a period, two for a copy, else one."""
    if column.kind == "period":
        if value is None:
            return None, None, None
        return value.start, value.end, value.precision.value
    if column.kind == "via":
        return (None, None) if value is None else (value.host, value.url)
    return (value,)


def catalog_to_arrow(catalog: Catalog) -> dict[str, pa.Table]:
    """The catalog as Arrow tables, by name (see :mod:`nodecompare.io.arrow`).

    >>> import nodecompare as nc
    >>> tables = nc.catalog_to_arrow(nc.default_catalog())  # doctest: +SKIP
    >>> tables["claims"].schema.field("valid_from_start").type  # doctest: +SKIP
    DataType(date32[day])

    Needs the ``arrow`` extra (pyarrow).
    """
    import pyarrow as pa

    tables = {}
    for table in TABLES:
        schema = table_schema(table)
        columns: list[list[Any]] = [[] for _ in schema]
        for parent, role, position, item in _rows(catalog, table):
            cells: list[Any] = [parent] if table.parent else []
            if table.role:
                cells.append(role)
            cells.append(position)
            for column in table.columns:
                cells.extend(_cells(column, column.read(item)))
            for values, cell in zip(columns, cells, strict=True):
                values.append(cell)
        arrays = [
            pa.array(values, field.type) for values, field in zip(columns, schema, strict=True)
        ]
        tables[table.name] = pa.Table.from_arrays(arrays, schema=schema)
    return tables


def _period(start: Any, precision: Any) -> str | None:
    if start is None:
        return None
    try:
        return str(PartialDate(start, Precision(precision)))
    except ValueError:
        # Left for the loader to refuse, with the record and the field named.
        return f"{start.isoformat()} ({precision})"


def _value(column: Column, row: Mapping[str, Any]) -> Any:
    """The value of ``column`` in ``row``, as the document writes it."""
    name, kind = column.name, column.kind
    if kind == "period":
        return _period(row[f"{name}_start"], row[f"{name}_precision"])
    if kind == "via":
        host = row["via_host"]
        return None if host is None else {"host": host, "url": row["via_url"]}
    value = row[name]
    if kind == "date":
        return None if value is None else value.isoformat()
    if kind in ("ids", "strings"):
        return [] if value is None else value
    if kind == "quantity" and value is not None and row["metric"] in METRIC_NAMES:
        return f"{value!r} {Metric(row['metric']).unit}"
    return value


def _sorted_rows(table: pa.Table, spec: Table) -> list[dict[str, Any]]:
    keys = [name for name in (spec.parent, spec.role, "position") if name]
    rows: list[dict[str, Any]] = table.sort_by([(key, "ascending") for key in keys]).to_pylist()
    return rows


def document_of(tables: Mapping[str, pa.Table]) -> dict[str, list[Any]]:
    """The document :func:`~nodecompare.io.catalog_from_dict` reads, from the tables of
    :func:`catalog_to_arrow` (or tables of the same columns from elsewhere)."""
    lists: dict[tuple[str, Any], dict[str, list[Any]]] = {}
    for spec in (table for table in TABLES if table.parent):
        for row in _sorted_rows(tables[spec.name], spec):
            field = row[spec.role] if spec.role else spec.field
            if spec.scalar:
                item = row[spec.scalar]
            else:
                item = {c.key: _value(c, row) for c in spec.columns if c.key is not None}
            lists.setdefault((spec.section, row[spec.parent]), {}).setdefault(field, [])
            lists[(spec.section, row[spec.parent])][field].append(item)
    document: dict[str, list[Any]] = {}
    for spec in (table for table in TABLES if not table.parent):
        records = []
        for row in _sorted_rows(tables[spec.name], spec):
            record = {c.key: _value(c, row) for c in spec.columns if c.key is not None}
            record.update(lists.get((spec.section, record["id"]), {}))
            records.append(record)
        document[spec.section] = records
    return document
