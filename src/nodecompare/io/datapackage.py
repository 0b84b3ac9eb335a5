"""The catalog as a Frictionless Data Package: the CSV files of
:mod:`~nodecompare.io.csvtables` and a ``datapackage.json`` that describes them.

The descriptor gives each file a Table Schema: typed fields (days as ``date``; a partial
date as its text, a ``string`` with the date grammar's pattern, beside its first and last
day), the primary key, and foreign keys for every reference between tables, so that
``frictionless validate datapackage.json`` checks them. When the catalog is the bundled
data release, it names that release (``version``, :data:`nodecompare.data_version`), its
licence (CC BY 4.0) and authors; any other catalog (one of a user's own records, or the
bundled data merged with them, or a part of it) gets a neutral description that claims no
version, licence or authors, and says whether it holds records of the release, which keep
their licence. Standard library only.

See https://specs.frictionlessdata.io/tabular-data-package/.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

from nodecompare.catalog import SECTIONS, Catalog
from nodecompare.dates import Precision
from nodecompare.io.bundled import default_catalog, is_bundled
from nodecompare.io.csvtables import CSV_TABLES, CsvTable, Field, write_csv
from nodecompare.io.format import PERIOD_PATTERN
from nodecompare.reference import release

__all__ = ["DESCRIPTOR", "descriptor", "write_datapackage"]

#: The descriptor's file name, beside the CSV files.
DESCRIPTOR: Final = "datapackage.json"
_TYPES: Final = {"period": "string", "precision": "string"}
_PERIOD: Final = "a date to a year, half, quarter, month or day: 2020, 2020-H1, 2020-Q2, 2020-07"


def _field(field: Field) -> dict[str, Any]:
    described: dict[str, Any] = {"name": field.name, "type": _TYPES.get(field.kind, field.kind)}
    notes = []
    constraints: dict[str, Any] = {}
    if field.kind == "period":
        notes.append(_PERIOD)
        constraints["pattern"] = PERIOD_PATTERN
    elif field.kind == "precision":
        constraints["enum"] = [precision.value for precision in Precision]
    elif field.choices:
        constraints["enum"] = list(field.choices)
    elif field.kind == "boolean":
        described.update(trueValues=["true"], falseValues=["false"])
    if field.unit:
        notes.append(f"in {field.unit}")
    if not field.read:
        notes.append("derived for other tools; not read back")
    if notes:
        described["description"] = "; ".join(notes)
    if constraints:
        described["constraints"] = constraints
    return described


def _resource(table: CsvTable) -> dict[str, Any]:
    foreign_keys = [
        {"fields": list(key.fields), "reference": {"resource": key.table, "fields": list(key.key)}}
        for key in table.foreign_keys
    ]
    schema = {
        "fields": [_field(field) for field in table.fields],
        "primaryKey": list(table.primary_key),
        "foreignKeys": foreign_keys,
        "missingValues": [""],
    }
    return {
        "name": table.name,
        "path": table.file,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


#: Said of every package: how text that a spreadsheet would run as a formula is written.
_ESCAPED: Final = (
    "A text cell that starts with =, +, -, @, a tab, a carriage return or an apostrophe "
    "is written after an apostrophe (so that no spreadsheet runs it as a formula); "
    "remove one leading apostrophe from a text cell to read it."
)


def _shares_records(catalog: Catalog) -> bool:
    """True when ``catalog`` holds any record of the bundled catalog, as it is there."""
    return any(
        is_bundled(section, record) for section in SECTIONS for record in getattr(catalog, section)
    )


def _about(catalog: Catalog) -> dict[str, Any]:
    """What the package says it is: the bundled data release, with its version, licence and
    authors, only when the catalog is that release; else a catalog of the user's, for
    which nodecompare cannot state a licence or authors."""
    data, bundled = release(), default_catalog()
    if catalog is bundled or catalog == bundled:
        return {
            "title": data.title,
            "description": (
                f"The nodecompare catalog as tables, data release {data.version} of "
                f"{data.released.isoformat()}. Every record names its sources (the sources "
                f"table). {_ESCAPED}"
            ),
            "version": data.version,
            "licenses": [
                {"name": data.licence, "path": data.licence_url, "title": data.licence_name}
            ],
            "contributors": [{"title": author, "role": "author"} for author in data.authors],
        }
    shared = (
        f" Some of its records are those of nodecompare's data release {data.version}, "
        f"licensed {data.licence_name} ({data.licence_url}): credit that release for them."
        if _shares_records(catalog)
        else ""
    )
    return {
        "title": "A nodecompare catalog",
        "description": (
            "A catalog exported by nodecompare that is not its bundled data release; its "
            f"licence and authors are not stated here.{shared} Every record names its "
            f"sources (the sources table). {_ESCAPED}"
        ),
    }


def descriptor(catalog: Catalog) -> dict[str, Any]:
    """The ``datapackage.json`` of an exported catalog: what it is (the bundled data
    release, with its licence, or a catalog of the user's) and its tables."""
    return {
        "profile": "tabular-data-package",
        "name": "nodecompare-catalog",
        **_about(catalog),
        "sources": [{"title": "The publications of the sources table, cited by each record"}],
        "keywords": ["semiconductors", "process nodes", "foundries", "lithography"],
        "resources": [_resource(table) for table in CSV_TABLES],
    }


def write_datapackage(catalog: Catalog, directory: Path) -> dict[str, int]:
    """Write the catalog's CSV files and their ``datapackage.json`` into ``directory``
    (which exists); return the number of rows of each file, by table name."""
    counts = write_csv(catalog, directory)
    text = json.dumps(descriptor(catalog), indent=2, ensure_ascii=False) + "\n"
    (directory / DESCRIPTOR).write_text(text, encoding="utf-8")
    return counts
