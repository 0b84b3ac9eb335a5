"""Catalogs as Apache Arrow tables: one normalised table per kind of record.

:func:`catalog_to_arrow` returns a table per table of :mod:`~nodecompare.io.tables` (a
table per section of the file format, and one per list of records inside them). Lists of
ids or of plain text that no query joins on (a foundry's sources, a control's scope) are
list columns.

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
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final

from nodecompare.catalog import Catalog, checked_catalog
from nodecompare.io.tablerows import document_from_rows
from nodecompare.io.tables import (
    TABLE_NAMES,
    TABLES,
    Column,
    Table,
    items,
    key_names,
    row_cells,
)
from nodecompare.model import Metric

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["FORMAT_VERSION", "TABLE_NAMES", "catalog_to_arrow", "document_of", "table_schema"]

#: The version of the tables' layout, stored in each table's schema metadata; version 2
#: made a source's ``relays`` a list.
FORMAT_VERSION: Final = "2"
#: Schema metadata keys: which table a file holds, and the layout's version.
TABLE_KEY: Final = b"nodecompare.table"
VERSION_KEY: Final = b"nodecompare.format"


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


def catalog_to_arrow(catalog: Catalog) -> dict[str, pa.Table]:
    """The catalog as Arrow tables, by name (see :mod:`nodecompare.io.arrow`).

    >>> import nodecompare as nc
    >>> tables = nc.catalog_to_arrow(nc.default_catalog())  # doctest: +SKIP
    >>> tables["claims"].schema.field("valid_from_start").type  # doctest: +SKIP
    DataType(date32[day])

    Needs the ``arrow`` extra (pyarrow).
    """
    import pyarrow as pa

    checked_catalog(catalog, "catalog")
    tables = {}
    for table in TABLES:
        schema = table_schema(table)
        columns: list[list[Any]] = [[] for _ in schema]
        for entry in items(catalog, table):
            for values, cell in zip(columns, row_cells(table, *entry), strict=True):
                values.append(cell)
        arrays = [
            pa.array(values, field.type) for values, field in zip(columns, schema, strict=True)
        ]
        tables[table.name] = pa.Table.from_arrays(arrays, schema=schema)
    return tables


def _sorted_rows(table: pa.Table, spec: Table) -> list[dict[str, Any]]:
    order = [(key, "ascending") for key in key_names(spec)]
    rows: list[dict[str, Any]] = table.sort_by(order).to_pylist()
    return rows


def document_of(tables: Mapping[str, pa.Table]) -> dict[str, list[Any]]:
    """The document :func:`~nodecompare.io.catalog_from_dict` reads, from the tables of
    :func:`catalog_to_arrow` (or tables of the same columns from elsewhere)."""
    return document_from_rows({spec.name: _sorted_rows(tables[spec.name], spec) for spec in TABLES})
