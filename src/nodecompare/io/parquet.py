"""Catalogs as directories of Parquet files: one file per table of :mod:`~nodecompare.io.arrow`.

``save_catalog(catalog, "catalog.parquet")`` writes ``catalog.parquet/claims.parquet``,
``catalog.parquet/nodes.parquet`` and so on, the layout Spark, Polars and DuckDB read as
tables; ``load_catalog("catalog.parquet")`` reads them back into an equal catalog, checked
as a JSON file is (:mod:`~nodecompare.io.files` dispatches to :func:`read_parquet` and
:func:`write_parquet`). pyarrow is imported on first use.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from nodecompare.catalog import Catalog
from nodecompare.errors import CatalogError, Problem, ProblemList
from nodecompare.io.arrow import (
    FORMAT_VERSION,
    TABLE_KEY,
    TABLE_NAMES,
    VERSION_KEY,
    catalog_to_arrow,
    document_of,
)
from nodecompare.io.directories import replace_directory

__all__ = [
    "FILE_NAMES",
    "is_parquet",
    "read_parquet",
    "table_files",
    "write_parquet",
    "write_tables",
]

SUFFIX = ".parquet"
#: The files of a catalog directory.
FILE_NAMES = frozenset(f"{name}{SUFFIX}" for name in TABLE_NAMES)


def is_parquet(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` names a catalog directory: it ends in ``.parquet`` or is a
    directory."""
    return Path(path).suffix == SUFFIX or Path(path).is_dir()


def _table_file(directory: Path, name: str) -> Path:
    return directory / f"{name}{SUFFIX}"


def _schema_problems(directory: Path, name: str) -> list[Problem]:
    """What keeps the directory's file of table ``name`` from being read: it is missing,
    not Parquet, or another table; found from the footer alone, before any data is read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    file = os.fspath(_table_file(directory, name))
    if not os.path.isfile(file):
        return [Problem("file", "", f"missing table {name!r}", file)]
    try:
        metadata = pq.read_schema(file).metadata or {}
    except (OSError, pa.ArrowException) as error:
        return [Problem("file", "", f"cannot be read as Parquet: {error}", file)]
    if metadata.get(TABLE_KEY) != name.encode():
        return [Problem("file", "", f"is not nodecompare's {name!r} table", file)]
    if metadata.get(VERSION_KEY) != FORMAT_VERSION.encode():
        found = metadata.get(VERSION_KEY, b"none").decode(errors="replace")
        message = f"has layout version {found!r}; this nodecompare reads {FORMAT_VERSION!r}"
        return [Problem("file", "", message, file)]
    return []


def _check_tables(directory: Path) -> None:
    """Raise a CatalogError listing every table file that is missing or foreign; a
    directory with none of them is one problem."""
    if not any(_table_file(directory, table).exists() for table in TABLE_NAMES):
        message = "is not a nodecompare catalog: it has none of its tables"
        raise CatalogError(Problem("file", "", message, os.fspath(directory)))
    problems = ProblemList(p for table in TABLE_NAMES for p in _schema_problems(directory, table))
    if problems:
        raise CatalogError(problems)


def read_parquet(path: str | os.PathLike[str]) -> dict[str, list[Any]]:
    """The catalog document in a directory of Parquet files written by
    :func:`write_parquet`, for :func:`~nodecompare.io.files.build` to check and build.

    Raises:
        CatalogError: the directory is missing, or a table is missing, not Parquet or not
            the catalog's (found from the files' footers, before any data is read).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    directory = Path(path)
    name = os.fspath(path)
    if not directory.is_dir():
        message = "expected a directory of Parquet files, one per table"
        raise CatalogError(Problem("file", "", message, name))
    _check_tables(directory)
    try:
        tables = {table: pq.read_table(_table_file(directory, table)) for table in TABLE_NAMES}
        return document_of(tables)
    except (OSError, KeyError, pa.ArrowException) as error:
        raise CatalogError(Problem("file", "", f"cannot be read: {error!r}", name)) from None


def write_tables(catalog: Catalog, directory: Path) -> dict[str, int]:
    """Write the catalog's tables into ``directory`` (which exists) as Parquet files;
    return the number of rows of each, by table name."""
    import pyarrow.parquet as pq

    tables = catalog_to_arrow(catalog)
    for name, table in tables.items():
        pq.write_table(table, _table_file(directory, name))
    return {name: table.num_rows for name, table in tables.items()}


def write_parquet(catalog: Catalog, path: str | os.PathLike[str]) -> None:
    """Write the catalog as a directory of Parquet files, one per table.

    The directory is replaced only once the new one is written in full. An existing
    directory is replaced only when it holds nothing but the catalog's tables: a save
    never deletes other files.

    Raises:
        FileExistsError: ``path`` exists and is not a catalog directory.
        OSError: the files cannot be written.
    """
    replace_directory(path, FILE_NAMES, lambda directory: write_tables(catalog, directory))


def table_files(path: str | os.PathLike[str]) -> dict[str, Path]:
    """The files of a catalog directory by table name, each checked to be the table's.

    Raises:
        CatalogError: a table is missing, not Parquet or not the catalog's.
    """
    directory = Path(path)
    _check_tables(directory)
    return {table: _table_file(directory, table) for table in TABLE_NAMES}
