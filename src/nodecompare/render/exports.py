"""What ``nodecompare export`` prints: the files an export wrote, as text or JSON data."""

from __future__ import annotations

from typing import Any

from nodecompare.io import Export
from nodecompare.render.tables import text_table
from nodecompare.results import as_data, as_text

__all__: list[str] = []


@as_text.register
def _export_text(export: Export) -> str:
    head = (
        f"Wrote {len(export.tables)} tables, {export.rows} rows, as {export.format} "
        f"to {export.directory}"
    )
    if export.descriptor is not None:
        head += f", described by {export.descriptor.name}"
    rows = [(table.name, str(table.rows), table.file.name) for table in export.tables]
    return f"{head}\n{text_table(('table', 'rows', 'file'), rows)}"


@as_data.register
def _export_data(export: Export) -> dict[str, Any]:
    return {
        "directory": str(export.directory),
        "format": export.format,
        "descriptor": None if export.descriptor is None else str(export.descriptor),
        "tables": [
            {"name": table.name, "file": str(table.file), "rows": table.rows}
            for table in export.tables
        ],
    }
