"""Table rows back into a catalog document: the reading half of :mod:`~nodecompare.io.tables`.

:func:`document_from_rows` takes the rows of every table (by table name, each in the order
of its :func:`~nodecompare.io.tables.key_names`) and rebuilds the document that
:func:`~nodecompare.io.catalog_from_dict` checks and builds, for
:mod:`~nodecompare.io.arrow` and :mod:`~nodecompare.io.csvtables` alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from nodecompare.dates import Precision
from nodecompare.io.format import METRIC_NAMES
from nodecompare.io.tables import TABLES, Column, Table
from nodecompare.model import Metric, PartialDate

__all__ = ["document_from_rows"]


def _period(start: Any, precision: Any) -> str | None:
    if start is None:
        return None
    try:
        return str(PartialDate(start, Precision(precision)))
    except ValueError:
        # Left for the loader to refuse, with the record and the field named.
        return f"{start.isoformat()} ({precision})"


def _value(column: Column, row: Mapping[str, Any]) -> Any:
    """The value of ``column`` in ``row``, as the document writes it. A row may give a
    period as its text (CSV does), and a day as text, for the loader to read."""
    name, kind = column.name, column.kind
    if kind == "period":
        if name in row:
            return row[name]
        return _period(row[f"{name}_start"], row[f"{name}_precision"])
    if kind == "via":
        host = row["via_host"]
        return None if host is None else {"host": host, "url": row["via_url"]}
    value = row[name]
    if kind == "date":
        return value if value is None or isinstance(value, str) else value.isoformat()
    if kind in ("ids", "strings"):
        return [] if value is None else value
    if kind == "quantity" and value is not None and row["metric"] in METRIC_NAMES:
        return f"{value!r} {Metric(row['metric']).unit}"
    return value


def _record(table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
    return {c.key: _value(c, row) for c in table.columns if c.key is not None}


def document_from_rows(rows: Mapping[str, Iterable[Mapping[str, Any]]]) -> dict[str, list[Any]]:
    """The document :func:`~nodecompare.io.catalog_from_dict` reads, from each table's rows
    (by table name) in the order of their :func:`~nodecompare.io.tables.key_names`. A child
    row whose parent is not in its table is left out."""
    lists: dict[tuple[str, Any], dict[str, list[Any]]] = {}
    for table in (table for table in TABLES if table.parent):
        for row in rows[table.name]:
            field = row[table.role] if table.role else table.field
            item = row[table.scalar] if table.scalar else _record(table, row)
            lists.setdefault((table.section, row[table.parent]), {}).setdefault(field, [])
            lists[(table.section, row[table.parent])][field].append(item)
    document: dict[str, list[Any]] = {}
    for table in (table for table in TABLES if not table.parent):
        records = []
        for row in rows[table.name]:
            record = _record(table, row)
            record.update(lists.get((table.section, record["id"]), {}))
            records.append(record)
        document[table.section] = records
    return document
