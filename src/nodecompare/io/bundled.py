"""The catalog shipped in ``nodecompare/data``, built once on first use."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

from nodecompare import reference
from nodecompare.catalog import Catalog
from nodecompare.errors import ProblemList
from nodecompare.io.files import build, parse_json

__all__ = ["default_catalog", "is_bundled", "load_bundled"]

_REFERENCE: str = "/".join(reference.FOLDER)
_default: Catalog | None = None
_default_lock = threading.Lock()


def default_catalog() -> Catalog:
    """The bundled, read-only catalog, built from its data files on first use."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = load_bundled()
    return _default


def is_bundled(section: str, record: Any) -> bool:
    """True when ``record`` (of catalog ``section``) is one of the bundled catalog's own
    records, as it is there: what a citation or an export credits to the data release."""
    return bool(_bundled_by_id(section).get(record.id) == record)


@cache
def _bundled_by_id(section: str) -> Mapping[str, Any]:
    # Built once per section: the bundled catalog never changes.
    return {record.id: record for record in getattr(default_catalog(), section)}


def load_bundled() -> Catalog:
    """Build the catalog from the data files shipped in ``nodecompare/data``."""
    root = resources.files("nodecompare") / "data"
    problems = ProblemList()
    documents = []
    for name, entry in sorted(_json_files(root)):
        document = parse_json(entry.open, name, problems)
        if document is not None:
            documents.append((document, name))
    return build(documents, problems=problems)


def _json_files(folder: Any, prefix: str = "data") -> Iterator[tuple[str, Any]]:
    for entry in folder.iterdir():
        name = f"{prefix}/{entry.name}"
        if name == _REFERENCE:
            continue  # reference tables the code reads, not catalog records
        if entry.is_dir():
            yield from _json_files(entry, name)
        elif entry.name.endswith(".json"):
            yield name, entry
