"""Reading and writing catalogs: JSON-compatible dicts, files, the bundled data, and the
JSON Schema of the format.

- :mod:`~nodecompare.io.format`: the sections, keys and patterns of the format;
- :mod:`~nodecompare.io.references`: ids resolved to records while reading;
- :mod:`~nodecompare.io.converter`: the cattrs converter, one hook per record type;
- :mod:`~nodecompare.io.limits`: the limits of input, checked before records are read;
- :mod:`~nodecompare.io.files`: documents and files, every problem listed at once;
- :mod:`~nodecompare.io.tables`: the catalog as tables, one per kind of record, in pure Python;
- :mod:`~nodecompare.io.tablerows`: table rows read back into a catalog document;
- :mod:`~nodecompare.io.arrow`: those tables in Apache Arrow;
- :mod:`~nodecompare.io.parquet`: those tables as a directory of Parquet files;
- :mod:`~nodecompare.io.csvtables`: those tables as CSV files, each list a table of its own;
- :mod:`~nodecompare.io.datapackage`: the CSV files as a Frictionless Data Package;
- :mod:`~nodecompare.io.directories`: directories of tables, written whole;
- :mod:`~nodecompare.io.exports`: ``Catalog.export``, in each of those formats;
- :mod:`~nodecompare.io.bundled`: the catalog shipped with the package;
- :mod:`~nodecompare.io.schema`: the JSON Schema, derived from the model.
"""

from nodecompare.io.arrow import catalog_to_arrow
from nodecompare.io.bundled import default_catalog, load_bundled
from nodecompare.io.converter import record_to_dict
from nodecompare.io.exports import FORMATS, Export, ExportedTable
from nodecompare.io.files import catalog_from_dict, catalog_to_dict, load_catalog, save_catalog

__all__ = [
    "FORMATS",
    "Export",
    "ExportedTable",
    "catalog_from_dict",
    "catalog_to_arrow",
    "catalog_to_dict",
    "default_catalog",
    "load_bundled",
    "load_catalog",
    "record_to_dict",
    "save_catalog",
]
