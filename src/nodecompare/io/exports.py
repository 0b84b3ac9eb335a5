"""Exports: the catalog as a directory of tables that spreadsheets, R, DuckDB, pandas or
Spark open, one per kind of record, written by ``Catalog.export`` and
``nodecompare export``.

Formats: ``csv`` (:mod:`~nodecompare.io.csvtables`, standard library only),
``datapackage`` (the same CSV files and a Frictionless ``datapackage.json``,
:mod:`~nodecompare.io.datapackage`) and ``parquet`` (:mod:`~nodecompare.io.parquet`, the
``arrow`` extra). :func:`~nodecompare.load_catalog` reads each back into an equal catalog.
The directory is written whole, then swapped in; an existing one is replaced only when it
holds nothing but an export's files.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Final

import attrs

from nodecompare.catalog import Catalog
from nodecompare.catalog.exporting import export_catalog
from nodecompare.errors import UnsupportedError, ValidationError, shorten
from nodecompare.io import csvtables, datapackage, parquet
from nodecompare.io.directories import replace_directory
from nodecompare.io.files import savable_document

__all__ = ["FORMATS", "Export", "ExportedTable", "export"]

_WRITERS: Final[dict[str, tuple[str, Callable[[Catalog, Path], dict[str, int]]]]] = {
    "csv": (csvtables.SUFFIX, csvtables.write_csv),
    "datapackage": (csvtables.SUFFIX, datapackage.write_datapackage),
    "parquet": (parquet.SUFFIX, parquet.write_tables),
}
#: The formats :func:`export` writes.
FORMATS: Final = tuple(sorted(_WRITERS))
#: Every file an export writes, in any format: only these are replaced.
_OURS: Final = frozenset(
    {datapackage.DESCRIPTOR, *parquet.FILE_NAMES, *(t.file for t in csvtables.CSV_TABLES)}
)


@attrs.frozen
class ExportedTable:
    """One file written: its table's name, its path and its number of rows."""

    name: str
    file: Path
    rows: int


@attrs.frozen
class Export:
    """What an export wrote: the directory, the format, each table, and the descriptor
    (``datapackage.json``) when there is one."""

    directory: Path
    format: str
    tables: tuple[ExportedTable, ...]
    descriptor: Path | None = None

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables)

    def __repr__(self) -> str:
        counted = f"{len(self.tables)} tables, {self.rows} rows"
        return f"<Export {self.format}: {counted} in {self.directory}>"


def _check_format(format: str) -> None:
    if format not in _WRITERS:
        message = f"expected one of {', '.join(FORMATS)}, got {shorten(format)}"
        raise ValidationError.of("export", "format", message)


def _check_pyarrow(catalog: Catalog) -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        hint = "install the arrow extra: pip install 'nodecompare[arrow]'"
        raise UnsupportedError(
            "cannot export a {} as Parquet without pyarrow", catalog, hint
        ) from None


@export_catalog.register
def export(catalog: Catalog, directory: str | os.PathLike[str], format: str = "csv") -> Export:
    """Write ``catalog`` to ``directory`` as ``csv``, ``datapackage`` or ``parquet``, one
    table per kind of record; see :meth:`nodecompare.Catalog.export`."""
    _check_format(format)
    savable_document(catalog, os.fspath(directory))
    if format == "parquet":
        _check_pyarrow(catalog)
    suffix, write = _WRITERS[format]
    Path(directory).parent.mkdir(parents=True, exist_ok=True)
    counts = replace_directory(directory, _OURS, lambda new: write(catalog, new))
    where = Path(os.path.realpath(directory))
    tables = tuple(ExportedTable(name, where / f"{name}{suffix}", n) for name, n in counts.items())
    described = where / datapackage.DESCRIPTOR if format == "datapackage" else None
    return Export(where, format, tables, described)
