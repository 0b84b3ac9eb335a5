"""Catalog documents: JSON-compatible dicts and files, read with every problem listed.

Every problem of an input is collected before anything is built: nothing is half-loaded.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from nodecompare.catalog import Catalog
from nodecompare.errors import CatalogError, Problem, ValidationError
from nodecompare.io.converter import converter
from nodecompare.io.format import DATA_KEYS, DOCUMENT_KEYS, RECORD_TYPES, SECTIONS
from nodecompare.io.references import CURRENT, References, RefersToFailed

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "build",
    "catalog_from_dict",
    "catalog_to_dict",
    "load_catalog",
    "parse_json",
    "save_catalog",
]


def _walk(error: BaseException, path: str) -> Iterator[tuple[str, str]]:
    """Yield (field path, message) for every leaf problem inside ``error``."""
    from cattrs.errors import (
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
        IterableValidationNote,
    )

    if isinstance(error, (ClassValidationError, IterableValidationError)):
        with_notes, without = error.group_exceptions()
        for inner, note in with_notes:
            if isinstance(note, IterableValidationNote):
                step = f"[{note.index}]"
            else:
                step = f".{DATA_KEYS.get((error.cl, note.name), note.name)}"
            yield from _walk(inner, path + step)
        for inner in without:
            yield from _walk(inner, path)
    elif isinstance(error, RefersToFailed):
        return
    elif isinstance(error, ForbiddenExtraKeysError):
        keys = ", ".join(sorted(error.extra_fields))
        yield path.lstrip("."), f"unknown keys: {keys}"
    elif isinstance(error, ValidationError):
        for problem in error.problems:
            yield f"{path}.{problem.field}".lstrip("."), problem.message
    elif isinstance(error, KeyError):
        yield path.lstrip("."), f"required field {error.args[0]!r} is missing"
    else:
        yield path.lstrip("."), str(error)


@attrs.frozen
class _Raw:
    """One record of a document, with where it came from."""

    section: str
    index: int
    data: Any
    file: str | None

    @property
    def id(self) -> Any:
        return self.data.get("id") if isinstance(self.data, Mapping) else None

    @property
    def label(self) -> str:
        name = f" {self.id!r}" if isinstance(self.id, str) else ""
        return f"{self.section}[{self.index}]{name}"


def _read_document(document: Any, file: str | None, problems: list[Problem]) -> list[_Raw]:
    if not isinstance(document, Mapping):
        problems.append(Problem("document", "", "expected a JSON object at the top", file))
        return []
    unknown = sorted(set(document) - DOCUMENT_KEYS)
    if unknown:
        allowed = ", ".join(sorted(DOCUMENT_KEYS))
        problems.append(
            Problem("document", "", f"unknown keys {unknown}; expected some of {allowed}", file)
        )
    records: list[_Raw] = []
    for section in SECTIONS:
        section_data = document.get(section, [])
        if not isinstance(section_data, list):
            problems.append(Problem(section, "", "expected a list of records", file))
            continue
        records.extend(_Raw(section, i, data, file) for i, data in enumerate(section_data))
    return records


def build(
    documents: Iterable[tuple[Any, str | None]],
    base: Catalog | None = None,
    problems: list[Problem] | None = None,
) -> Catalog:
    """Structure documents into one catalog, resolving ids against them and ``base``.

    The same id twice is a problem, except the same record repeated verbatim in two
    different files. All problems are raised together as one CatalogError.
    """
    problems = [] if problems is None else problems
    raws = [raw for document, file in documents for raw in _read_document(document, file, problems)]
    read = converter()
    references = References()
    if base is not None:
        references.sources.update((r.id, r) for r in base.sources)
        references.foundries.update((r.id, r) for r in base.foundries)
        references.nodes.update((r.id, r) for r in base.nodes)
    built: dict[str, list[Any]] = {section: [] for section in SECTIONS}
    token = CURRENT.set(references)
    try:
        for section in SECTIONS:
            in_base = {r.id: r for r in getattr(base, section)} if base is not None else {}
            seen: dict[str, _Raw] = {}
            for raw in (raw for raw in raws if raw.section == section):
                record = _structure_record(read, raw, seen, problems)
                if record is None:
                    if isinstance(raw.id, str):
                        references.failed.add((section, raw.id))
                    continue
                if record.id in in_base:
                    if in_base[record.id] != record:
                        problems.append(
                            Problem(
                                raw.label,
                                "id",
                                "conflicts with the base catalog's record of the same id",
                                raw.file,
                            )
                        )
                    continue
                built[section].append(record)
                table = getattr(references, section, None)
                if table is not None:
                    table[record.id] = record
    finally:
        CURRENT.reset(token)
    if problems:
        raise CatalogError(problems)
    return Catalog(
        **{
            section: (getattr(base, section) if base is not None else ()) + tuple(built[section])
            for section in SECTIONS
        }
    )


def _structure_record(
    read: cattrs.Converter, raw: _Raw, seen: dict[str, _Raw], problems: list[Problem]
) -> Any:
    """Structure one record, or add its problems and return None."""
    if not isinstance(raw.data, Mapping):
        problems.append(Problem(raw.label, "", "expected a JSON object", raw.file))
        return None
    if isinstance(raw.id, str) and raw.id in seen:
        first = seen[raw.id]
        if first.data == raw.data and first.file != raw.file:
            return None  # the same record, cited verbatim by two files
        where = f"{first.file}: " if first.file and first.file != raw.file else ""
        problems.append(
            Problem(raw.label, "id", f"duplicate id; first at {where}{first.label}", raw.file)
        )
        return None
    record: Any
    try:
        record = read.structure(raw.data, RECORD_TYPES[raw.section])
    except Exception as error:
        problems.extend(
            Problem(raw.label, field, message, raw.file) for field, message in _walk(error, "")
        )
        return None
    seen[record.id] = raw
    return record


def catalog_from_dict(
    data: Any, *, base: Catalog | None = None, origin: str | None = None
) -> Catalog:
    """Build a catalog from a JSON-compatible dict (see ``docs/data-format.md``).

    Args:
        data: a dict with some of the keys ``sources``, ``foundries``, ``nodes``, ``claims``.
        base: a catalog whose records ``data`` may refer to; the result is ``base`` merged
            with the new records.
        origin: the file name to quote in errors.

    Raises:
        CatalogError: listing every problem of ``data``, each with its record and field.
    """
    return build([(data, origin)], base)


def catalog_to_dict(catalog: Catalog) -> dict[str, Any]:
    """The catalog as a JSON-compatible dict that :func:`catalog_from_dict` reads back."""
    write = converter()
    return {
        section: [write.unstructure(r, RECORD_TYPES[section]) for r in getattr(catalog, section)]
        for section in SECTIONS
    }


def load_catalog(path: str | os.PathLike[str], *, base: Catalog | None = None) -> Catalog:
    """Load a catalog from a JSON file.

    Args:
        path: the file.
        base: a catalog the file's records may refer to (for example the bundled one, from
            :func:`nodecompare.default_catalog`); the result is ``base`` merged with the file.

    Raises:
        CatalogError: the file cannot be read or parsed, or any record is malformed; every
            problem is listed with the file, record and field.
    """
    name = os.fspath(path)
    problems: list[Problem] = []
    document = parse_json(Path(path).read_bytes, name, problems)
    if problems:
        raise CatalogError(problems)
    return build([(document, name)], base)


def save_catalog(catalog: Catalog, path: str | os.PathLike[str]) -> None:
    """Write the catalog to a JSON file that :func:`load_catalog` reads back unchanged."""
    text = json.dumps(catalog_to_dict(catalog), indent=2, ensure_ascii=False)
    Path(path).write_text(text + "\n", encoding="utf-8")


def parse_json(read: Callable[[], bytes], name: str, problems: list[Problem]) -> Any:
    try:
        return json.loads(read())
    except OSError as error:
        problems.append(Problem("file", "", f"cannot be read: {error}", name))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        problems.append(Problem("file", "", f"is not valid JSON: {error}", name))
    return None
