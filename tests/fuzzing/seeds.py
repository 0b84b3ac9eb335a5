"""Seed documents: small, self-contained slices of the bundled catalog files.

Each seed takes a few records of every section of one bundled file, plus every record they
refer to (from any file), so that a seed loads on its own and a mutation of it fails for
the mutation's sake, not for a missing reference.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Final

from nodecompare.catalog import SECTIONS

DATA: Final = Path(__file__).resolve().parents[2] / "src" / "nodecompare" / "data"
#: Keys whose values are ids, and the section those ids name.
REFERENCE_KEYS: Final = {
    "source": "sources",
    "sources": "sources",
    "background": "sources",
    "class_source": "sources",
    "foundry": "foundries",
    "operator": "foundries",
    "target_foundries": "foundries",
    "node": "nodes",
    "disputes": "claims",
    "supersedes": "claims",
}
#: How many records of each section one seed takes, and how many seeds a file gives.
RECORDS_PER_SECTION: Final = 2
SEEDS_PER_FILE: Final = 3


def catalog_files() -> list[Path]:
    """The bundled catalog files (the reference tables are not catalog records)."""
    return sorted(p for p in DATA.rglob("*.json") if "reference" not in p.relative_to(DATA).parts)


def _read(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def _references(value: Any) -> list[tuple[str, str]]:
    """(section, id) of every reference inside a record, nested ones included."""
    found: list[tuple[str, str]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key, inner in item.items():
                section = REFERENCE_KEYS.get(key)
                ids = inner if isinstance(inner, list) else [inner]
                if section is not None:
                    found.extend((section, i) for i in ids if isinstance(i, str))
                stack.append(inner)
    return found


def _with_references(
    chosen: dict[str, list[dict[str, Any]]], everything: dict[tuple[str, str], dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """``chosen`` and, transitively, every record it refers to."""
    have = {(section, r["id"]) for section, records in chosen.items() for r in records}
    pending = [ref for records in chosen.values() for ref in _references(records)]
    result = {section: list(records) for section, records in chosen.items()}
    while pending:
        key = pending.pop()
        if key in have or key not in everything:
            continue
        have.add(key)
        record = everything[key]
        result.setdefault(key[0], []).append(record)
        pending.extend(_references(record))
    return result


@cache
def _seeds() -> tuple[str, ...]:
    files = {path: _read(path) for path in catalog_files()}
    everything = {
        (section, record["id"]): record
        for document in files.values()
        for section in SECTIONS
        for record in document.get(section, [])
    }
    seeds = []
    for document in files.values():
        for offset in range(SEEDS_PER_FILE):
            start = offset * RECORDS_PER_SECTION
            chosen = {
                section: document[section][start : start + RECORDS_PER_SECTION]
                for section in SECTIONS
                if document.get(section)
            }
            if not any(chosen.values()):
                continue
            records = _with_references(chosen, everything)
            seed = {"about": document.get("about", "")}
            seed.update({section: records[section] for section in SECTIONS if section in records})
            seeds.append(json.dumps(seed, ensure_ascii=False))
    return tuple(seeds)


def seed_documents() -> list[dict[str, Any]]:
    """Fresh copies of every seed document, safe to mutate."""
    return [json.loads(text) for text in _seeds()]


def seed_count() -> int:
    return len(_seeds())


def seed_document(index: int) -> dict[str, Any]:
    """A fresh copy of one seed, safe to mutate."""
    document: dict[str, Any] = json.loads(_seeds()[index])
    return document
