"""Catalogs as directories of CSV files: the tables of :mod:`~nodecompare.io.tables`, with
each list in a table of its own.

A table's columns are those of its Arrow table (:mod:`~nodecompare.io.arrow`), but that a
list (a node's ``sources``, a control's ``scope``) is a table of its own, named for the row
that holds it (``node_sources``, ``control_scope``), with the holder's key, the item's
``position`` in the list and the item (``source_id``, or ``value`` for text); and that a
partial date is also written as its text (``valid_from``: ``"2020-Q2"``), the column read
back, beside its first and last day and its precision. An empty cell is no value (text in
a catalog is never empty). Files are UTF-8, comma-separated, quoted where needed, so
commas, quotes and line breaks inside text survive. Text that a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage return first) is written after an
apostrophe, as is text that starts with one; reading removes it.

:func:`write_csv` writes the files, :func:`read_csv` reads them back into documents for
:func:`~nodecompare.io.files.build`, every problem named by file, row and column. The
standard library's :mod:`csv` does the work: no pyarrow is needed.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from nodecompare.catalog import RECORD_TYPES, Catalog
from nodecompare.errors import CatalogError, Problem, ProblemList, shorten
from nodecompare.io.tablerows import document_from_rows
from nodecompare.io.tables import (
    TABLES,
    Column,
    Table,
    items,
    key_names,
    row_cells,
)
from nodecompare.model import Alias, FabNode, Figure

__all__ = [
    "CSV_TABLES",
    "CsvTable",
    "Field",
    "is_csv_directory",
    "read_csv",
    "write_csv",
]

SUFFIX: Final = ".csv"
_LISTS: Final = ("ids", "strings")
_RECORDS: Final = {table.name: table.record for table in TABLES}
_KINDS: Final = {
    "date": "date",
    "period": "period",
    "float": "number",
    "quantity": "number",
    "int": "integer",
    "bool": "boolean",
}
_NUMBER: Final = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")
_INTEGER: Final = re.compile(r"[-+]?[0-9]{1,30}")
_BOOLEANS: Final = {"true": True, "false": False}
#: What a spreadsheet runs as a formula at the start of a cell. A text cell that starts so
#: (or with the apostrophe itself, so that the escape reads back) is written after an
#: apostrophe, which spreadsheets show as text; reading removes one leading apostrophe.
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r", "'")
#: The records of the tables of records held in lists (the others are a section's).
_CHILD_TYPES: Final[dict[str, type]] = {"figures": Figure, "aliases": Alias, "fab_nodes": FabNode}


@attrs.frozen
class Field:
    """One column of a CSV file.

    ``kind`` is ``string``, ``integer``, ``number``, ``boolean``, ``date``, ``period``
    (a partial date's text) or ``precision``; ``read`` is False for a column computed for
    other tools and ignored when read back; ``refers`` names the table whose ``id`` (or
    key) the column holds; ``unit`` is a number's unit; ``blank`` is what an empty cell
    holds: ``""`` for text the model lets be empty (a note), else no value; ``choices``
    are the values it may take, if they are few.
    """

    name: str
    kind: str
    read: bool = True
    refers: str = ""
    unit: str = ""
    blank: str | None = None
    choices: tuple[str, ...] = ()


@attrs.frozen
class ForeignKey:
    """Columns of a table that hold the key of a row of another."""

    fields: tuple[str, ...]
    table: str
    key: tuple[str, ...]


@attrs.frozen
class CsvTable:
    """One CSV file: the table of :mod:`~nodecompare.io.tables` it holds, or, when
    ``listed`` is set, that list column of the table."""

    name: str
    table: Table
    listed: Column | None = None

    @property
    def column(self) -> Column:
        """The list column a list's table holds."""
        if self.listed is None:
            raise AttributeError(f"{self.name} is not a list's table")
        return self.listed

    @property
    def item(self) -> Field:
        """The column of a list's table that holds the items."""
        return _item_field(self.column)

    @property
    def file(self) -> str:
        return f"{self.name}{SUFFIX}"

    @property
    def owner(self) -> tuple[str, ...]:
        """The columns of a list's table that name the row holding the list."""
        if self.table.parent:
            return self.table.parent, f"{self.table.record}_position"
        return (f"{self.table.record}_id",)

    @property
    def fields(self) -> tuple[Field, ...]:
        if self.listed is not None:
            return (*_owner_fields(self), Field("position", "integer"), _item_field(self.listed))
        table = self.table
        keys = [Field(table.parent, "string", refers=table.section)] if table.parent else []
        if table.role:
            keys.append(Field(table.role, "string"))
        keys.append(Field("position", "integer"))
        # A column is read back unless derived; a list of ids' table is all its item.
        columns = (c for c in table.columns if c.kind not in _LISTS)
        blank = _may_be_empty(table)
        return (
            *keys,
            *(
                attrs.evolve(field, blank="") if field.name in blank else field
                for column in columns
                for field in _fields(column, column.key is not None or column.name == table.scalar)
            ),
        )

    @property
    def primary_key(self) -> tuple[str, ...]:
        if self.listed is not None:
            return (*self.owner, "position")
        return key_names(self.table) if self.table.parent else ("id",)

    @property
    def holder(self) -> ForeignKey | None:
        """The key of the row that holds this table's rows (its record, or its list)."""
        if self.listed is not None:
            key = (self.table.parent, "position") if self.table.parent else ("id",)
            return ForeignKey(self.owner, self.table.name, key)
        if self.table.parent:
            return ForeignKey((self.table.parent,), self.table.section, ("id",))
        return None

    @property
    def foreign_keys(self) -> tuple[ForeignKey, ...]:
        """Every key of another row this table holds: its holder's, then the ids it cites."""
        holder = self.holder
        held = () if holder is None else holder.fields
        cited = (field for field in self.fields if field.refers and field.name not in held)
        references = tuple(ForeignKey((field.name,), field.refers, ("id",)) for field in cited)
        return references if holder is None else (holder, *references)


def _may_be_empty(table: Table) -> set[str]:
    """The columns of text that the model lets be empty, as it does by default."""
    record_type = _CHILD_TYPES.get(table.name) or RECORD_TYPES[table.section]
    fields = attrs.fields_dict(record_type)
    return {c.name for c in table.columns if c.key in fields and fields[c.key].default == ""}


def _owner_fields(table: CsvTable) -> tuple[Field, ...]:
    """The fields of :attr:`CsvTable.owner`: the holder's id, and its position in its list."""
    holder, *position = table.owner
    refers = table.table.section if table.table.parent else table.table.name
    return (Field(holder, "string", refers=refers), *(Field(name, "integer") for name in position))


def _item_field(column: Column) -> Field:
    """The item of a list: an id of the table it refers to, or a text ``value``."""
    if column.kind == "ids":
        return Field(f"{_RECORDS[column.refers]}_id", "string", refers=column.refers)
    return Field("value", "string", blank="", choices=column.choices)


def _fields(column: Column, read: bool) -> Iterator[Field]:
    if column.kind == "period":
        yield Field(column.name, "period", read)
        yield Field(f"{column.name}_start", "date", False)
        yield Field(f"{column.name}_end", "date", False)
        yield Field(f"{column.name}_precision", "precision", False)
    elif column.kind == "via":
        yield from (Field("via_host", "string"), Field("via_url", "string"))
    else:
        unit = "the unit of the metric" if column.kind == "quantity" else column.unit
        kind = _KINDS.get(column.kind, "string")
        yield Field(column.name, kind, read, column.refers, unit, choices=column.choices)


#: The CSV files of a catalog, in order: each table, then a table per list column of it.
CSV_TABLES: Final[tuple[CsvTable, ...]] = tuple(
    csv_table
    for table in TABLES
    for csv_table in (
        CsvTable(table.name, table),
        *(
            CsvTable(f"{table.record}_{column.name}", table, column)
            for column in table.columns
            if column.kind in _LISTS
        ),
    )
)


#: The tables of each record table's lists, by the record table's name.
_LISTED: Final = {
    table.name: tuple(t for t in CSV_TABLES if t.listed is not None and t.table is table.table)
    for table in CSV_TABLES
    if table.listed is None
}


# --- writing ------------------------------------------------------------------------------


def _rows(catalog: Catalog, table: CsvTable) -> Iterator[list[Any]]:
    spec = table.table
    for parent, role, position, item in items(catalog, spec):
        if table.listed is None:
            yield row_cells(spec, parent, role, position, item, lists=False, period_text=True)
            continue
        owner = (parent, position) if spec.parent else (item.id,)
        for index, value in enumerate(table.listed.read(item)):
            yield [*owner, index, value]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _cell(field: Field, value: Any) -> str:
    text = _text(value)
    if field.kind == "string" and text.startswith(_FORMULA_STARTS):
        return f"'{text}"
    return text


def write_csv(catalog: Catalog, directory: Path) -> dict[str, int]:
    """Write the catalog's tables into ``directory`` (which exists) as CSV files; return
    the number of rows of each file, by table name."""
    counts = {}
    for table in CSV_TABLES:
        with (directory / table.file).open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            fields = table.fields
            writer.writerow(field.name for field in fields)
            count = 0
            for row in _rows(catalog, table):
                writer.writerow(_cell(f, value) for f, value in zip(fields, row, strict=True))
                count += 1
        counts[table.name] = count
    return counts


# --- reading ------------------------------------------------------------------------------


def is_csv_directory(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a directory holding a ``datapackage.json`` or any table's CSV."""
    directory = Path(path)
    names = {"datapackage.json", *(table.file for table in CSV_TABLES)}
    return directory.is_dir() and any((directory / name).is_file() for name in names)


@attrs.frozen
class _Row:
    """A row read from a file: its number (the header is row 1) and its cells by column."""

    number: int
    cells: dict[str, Any]

    @property
    def label(self) -> str:
        record_id = self.cells.get("id")
        return f"row {self.number}" + (f" {shorten(record_id)}" if record_id else "")


def _read_file(file: Path, table: CsvTable, problems: list[Problem]) -> list[_Row] | None:
    """The rows of one file, each cell's text as read ("" for an empty cell); None when
    the file cannot be read as the table's."""
    name = os.fspath(file)
    if not file.is_file():
        problems.append(Problem("file", "", f"missing table {table.name!r}", name))
        return None
    rows: list[_Row] = []
    try:
        with file.open(encoding="utf-8-sig", newline="") as stream:
            reader = csv.reader(stream, strict=True)
            header = next(reader, [])
            if not _check_header(header, table, name, problems):
                return None
            for number, cells_read in enumerate(reader, start=2):
                if not cells_read:
                    continue  # a blank line
                if len(cells_read) != len(header):
                    message = f"has {len(cells_read)} cells; the header has {len(header)}"
                    problems.append(Problem(f"row {number}", "", message, name))
                    continue
                rows.append(_Row(number, dict(zip(header, cells_read, strict=True))))
    except UnicodeDecodeError as error:
        message = f"is not UTF-8 text: {error.reason} at byte {error.start}"
        problems.append(Problem("file", "", message, name))
    except csv.Error as error:
        problems.append(Problem(f"row {len(rows) + 2}", "", f"is not CSV: {error}", name))
    except OSError as error:
        problems.append(Problem("file", "", f"cannot be read: {error}", name))
    else:
        return rows
    return None


def _check_header(header: list[str], table: CsvTable, name: str, problems: list[Problem]) -> bool:
    """True when the header names each column of the table once, in any order."""
    expected = [field.name for field in table.fields]
    missing = [column for column in expected if column not in header]
    unknown = sorted({column for column in header if column not in expected})
    repeated = sorted({column for column in header if header.count(column) > 1})
    for what, columns in (("missing", missing), ("unknown", unknown), ("repeated", repeated)):
        if columns:
            message = f"{what} columns: {', '.join(map(shorten, columns))}"
            problems.append(Problem("row 1", "", message, name))
    return not (missing or unknown or repeated)


def _parse(field: Field, text: str) -> Any:
    """The value of a cell of ``field``; raises ValueError with the message to show. Days
    and periods stay text, for the loader to read by the one date grammar."""
    kind = field.kind
    if text == "":
        return field.blank
    if kind == "number":
        if not _NUMBER.fullmatch(text):
            raise ValueError(f"expected a number, got {shorten(text)}")
        return float(text)
    if kind == "integer":
        if not _INTEGER.fullmatch(text):
            raise ValueError(f"expected a whole number, got {shorten(text)}")
        return int(text)
    if kind == "boolean":
        if text not in _BOOLEANS:
            raise ValueError(f"expected true or false, got {shorten(text)}")
        return _BOOLEANS[text]
    if kind == "string":
        return text.removeprefix("'")
    return text


def _typed(
    rows: list[_Row] | None, table: CsvTable, name: str, problems: list[Problem]
) -> list[_Row] | None:
    """The rows with each read cell parsed, each bad cell reported (and left empty, so
    that the rows it holds are not reported too); a row without its key is left out."""
    if rows is None:
        return None
    fields = [field for field in table.fields if field.read]
    primary_key = table.primary_key
    typed = []
    for row in rows:
        values: dict[str, Any] = {}
        for field in fields:
            try:
                values[field.name] = _parse(field, row.cells[field.name])
            except ValueError as error:
                values[field.name] = None
                problems.append(Problem(row.label, field.name, str(error), name))
        missing = [key for key in primary_key if row.cells[key] == ""]
        problems.extend(Problem(row.label, key, "is required", name) for key in missing)
        if all(values[key] is not None for key in primary_key):
            typed.append(_Row(row.number, values))
    return typed


def _held(
    rows: Mapping[str, list[_Row] | None], directory: Path, problems: list[Problem]
) -> dict[str, dict[tuple[Any, ...], list[Any]]]:
    """Each list's items by the key of the row that holds it, in order; a row whose holder
    is not in its table is reported, unless that table could not be read."""
    keys = {
        table.name: {tuple(row.cells[k] for k in primary_key) for row in read}
        for table in CSV_TABLES
        if table.listed is None
        and (read := rows[table.name]) is not None
        and (primary_key := table.primary_key)
    }
    lists: dict[str, dict[tuple[Any, ...], list[Any]]] = {}
    for table in CSV_TABLES:
        holder, read = table.holder, rows[table.name]
        if holder is None or read is None:
            continue
        name = os.fspath(directory / table.file)
        for row in read if holder.table in keys else ():
            key = tuple(row.cells[field] for field in holder.fields)
            if key not in keys[holder.table]:
                message = f"no row of {holder.table}{SUFFIX} has {shorten(key)}"
                problems.append(Problem(row.label, ", ".join(holder.fields), message, name))
        if table.listed is not None:
            found = lists.setdefault(table.name, {})
            for row in sorted(read, key=lambda row: row.cells["position"]):
                items_of = found.setdefault(tuple(row.cells[f] for f in holder.fields), [])
                items_of.append(row.cells[table.item.name])
    return lists


def read_csv(path: str | os.PathLike[str]) -> list[tuple[dict[str, list[Any]], str]]:
    """The catalog's sections read from a directory of CSV files written by
    :func:`write_csv`, each with its file's name, for :func:`~nodecompare.io.files.build`
    to check and build.

    Raises:
        CatalogError: a file is missing, not UTF-8 CSV, or has other columns; a cell is
            not of its column's type; a row lacks its key or names a holder that is not
            there. Every problem names the file, the row and the column.
    """
    directory = Path(path)
    problems = ProblemList()
    rows: dict[str, list[_Row] | None] = {}
    for table in CSV_TABLES:
        name = os.fspath(directory / table.file)
        read = _read_file(directory / table.file, table, problems)
        rows[table.name] = _typed(read, table, name, problems)
    lists = _held(rows, directory, problems)
    if problems:
        raise CatalogError(problems)
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in (table for table in CSV_TABLES if table.listed is None):
        keys = key_names(table.table)
        ordered = sorted(rows[table.name] or (), key=lambda row: [row.cells[k] for k in keys])
        primary_key = table.primary_key
        for row in ordered:
            key = tuple(row.cells[name] for name in primary_key)
            for listed in _LISTED[table.name]:
                row.cells[listed.column.name] = lists[listed.name].get(key, [])
        tables[table.name] = [row.cells for row in ordered]
    document = document_from_rows(tables)
    return [
        ({section: records}, os.fspath(directory / f"{section}{SUFFIX}"))
        for section, records in document.items()
    ]
