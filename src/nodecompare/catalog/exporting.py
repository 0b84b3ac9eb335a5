"""``Catalog.export``, whose writers live in :mod:`nodecompare.io`, a layer above: the
catalog stores and reads nothing itself, so :mod:`nodecompare.io.exports` registers the
function that writes a catalog with :func:`export_catalog` (importing nodecompare does)."""

from __future__ import annotations

import os
from functools import singledispatch
from typing import TYPE_CHECKING

from nodecompare.errors import UnsupportedError

if TYPE_CHECKING:
    from nodecompare.io.exports import Export

__all__ = ["Exportable", "export_catalog"]


@singledispatch
def export_catalog(catalog: object, directory: str | os.PathLike[str], format: str) -> Export:
    """Write ``catalog`` to ``directory`` as ``format``; the writer is registered from above."""
    raise UnsupportedError("cannot export a {}", catalog, "import nodecompare.io first")


class Exportable:
    """What a catalog gives other tools: its tables, written to a directory."""

    __slots__ = ()

    def export(self, directory: str | os.PathLike[str], format: str = "csv") -> Export:
        """Write one table per kind of record to ``directory``: ``csv`` files, a ``parquet``
        file each (needs the ``arrow`` extra), or a ``datapackage`` (the CSV files and a
        ``datapackage.json`` describing them). See :mod:`nodecompare.io.exports`.

        Raises:
            ValidationError: ``format`` is none of those.
            CatalogError: the catalog holds text UTF-8 cannot encode.
            UnsupportedError: Parquet without pyarrow.
            FileExistsError: ``directory`` holds files that are not an export's.
        """
        return export_catalog(self, directory, format)
