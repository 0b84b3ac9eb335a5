"""Catalog documents: JSON-compatible dicts and files, read with every problem listed.

Every problem of an input is collected before anything is built: nothing is half-loaded.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import attrs

from nodecompare.catalog import Catalog, catalog_problems, checked_catalog
from nodecompare.errors import CatalogError, Problem, ProblemList, ValidationError
from nodecompare.io.converter import converter, structure_fields, unchecked_converter
from nodecompare.io.csvtables import is_csv_directory, read_csv
from nodecompare.io.fast import fast_catalog
from nodecompare.io.format import DATA_KEYS, DOCUMENT_KEYS, RECORD_TYPES, SECTIONS
from nodecompare.io.limits import (
    check_document,
    document_label,
    file_limit,
    parse_text,
    read_text,
)
from nodecompare.io.parquet import is_parquet, read_parquet, write_parquet
from nodecompare.io.references import CURRENT, References, RefersToFailed
from nodecompare.io.stream import stream_catalog
from nodecompare.model.checks import cross_field_problems, text

__all__ = [
    "build",
    "catalog_from_dict",
    "catalog_to_dict",
    "load_catalog",
    "parse_json",
    "savable_document",
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
        return document_label(self.section, self.index, self.data)


def _read_document(document: Any, file: str | None, problems: list[Problem]) -> list[_Raw]:
    """The records of ``document``; none when it is not an object or breaks the limits."""
    if not isinstance(document, Mapping):
        problems.append(Problem("document", "", "expected a JSON object at the top", file))
        return []
    if not check_document(document, file, problems):
        return []
    unknown = sorted(set(document) - DOCUMENT_KEYS)
    if unknown:
        allowed = ", ".join(sorted(DOCUMENT_KEYS))
        problems.append(
            Problem("document", "", f"unknown keys {unknown}; expected some of {allowed}", file)
        )
    if "about" in document and (wrong := text(document["about"])) is not None:
        problems.append(Problem("document", "about", wrong, file))
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
    different files. Every problem is raised together as one CatalogError: those of each
    record's fields, those between its fields (run on the fields that parsed, even when
    others failed), and those of the records taken together (references between claims,
    names, supersession cycles), each naming the file, the record and the field.

    Documents without a problem are built on the fast path (:mod:`nodecompare.io.fast`);
    when given ``problems``, or when that gives up, on the checking path that lists them.
    """
    documents = list(documents)
    if problems is None and (catalog := fast_catalog(documents, base)) is not None:
        return catalog
    return _build_checked(documents, base, ProblemList() if problems is None else problems)


def _build_checked(
    documents: list[tuple[Any, str | None]], base: Catalog | None, problems: list[Problem]
) -> Catalog:
    """:func:`build`'s checking path: every problem listed, or the catalog."""
    raws = [raw for document, file in documents for raw in _read_document(document, file, problems)]
    repeats = _repeated_ids(raws, problems)
    references = References()
    if base is not None:
        references.sources.update((r.id, r) for r in base.sources)
        references.foundries.update((r.id, r) for r in base.foundries)
        references.nodes.update((r.id, r) for r in base.nodes)
    built: dict[str, list[tuple[Any, _Raw]]] = {section: [] for section in SECTIONS}
    token = CURRENT.set(references)
    try:
        for section in SECTIONS:
            in_base = {r.id: r for r in getattr(base, section)} if base is not None else {}
            for raw in (raw for raw in raws if raw.section == section):
                record = _structure_record(raw, problems)
                if record is None:
                    if isinstance(raw.id, str) and id(raw) not in repeats:
                        references.failed.add((section, raw.id))
                elif id(raw) in repeats:
                    continue  # reported (or the same record again): the first one counts
                elif record.id in in_base:
                    if in_base[record.id] != record:
                        message = "conflicts with the base catalog's record of the same id"
                        problems.append(Problem(raw.label, "id", message, raw.file))
                else:
                    built[section].append((record, raw))
                    table = getattr(references, section, None)
                    if table is not None:
                        table[record.id] = record
    finally:
        CURRENT.reset(token)
    records = {
        section: (getattr(base, section) if base is not None else ())
        + tuple(record for record, _ in built[section])
        for section in SECTIONS
    }
    if not problems:
        # Nothing failed, so no reference is to a failed claim: the catalog finds the
        # problems of the records taken together while it builds its index, once.
        try:
            return Catalog(**records)
        except CatalogError as error:
            problems.extend(_named_as_read(error.problems, records, built))
            raise CatalogError(problems) from None
    failed_claims = {record_id for section, record_id in references.failed if section == "claims"}
    problems.extend(_named_as_read(catalog_problems(records, failed_claims), records, built))
    raise CatalogError(problems)


def _repeated_ids(raws: list[_Raw], problems: list[Problem]) -> set[int]:
    """The records (by ``id()``) whose id an earlier record of their section has, each
    reported unless it repeats that record verbatim from another file; found before any
    record is structured, so a duplicate is found whatever else is wrong."""
    first: dict[tuple[str, str], _Raw] = {}
    repeats = set()
    for raw in raws:
        if not isinstance(raw.id, str):
            continue
        earlier = first.setdefault((raw.section, raw.id), raw)
        if earlier is raw:
            continue
        repeats.add(id(raw))
        if earlier.data == raw.data and earlier.file != raw.file:
            continue  # the same record, cited verbatim by two files
        where = f"{earlier.file}: " if earlier.file and earlier.file != raw.file else ""
        message = f"duplicate id; first at {where}{earlier.label}"
        problems.append(Problem(raw.label, "id", message, raw.file))
    return repeats


def _structure_record(raw: _Raw, problems: list[Problem]) -> Any:
    """Structure one record, or add its problems and return None.

    When a field fails, the record cannot be built, but its rules between fields still
    run on the fields that parsed. A field that refers to a record that failed counts as
    failed without a problem of its own (the record it refers to has one). Once
    ``problems`` is full, records are counted, not checked: a huge broken file would
    otherwise take minutes to list problems no one reads.
    """
    if isinstance(problems, ProblemList) and problems.full:
        problems.unchecked += 1
        return None
    if not isinstance(raw.data, Mapping):
        problems.append(Problem(raw.label, "", "expected a JSON object", raw.file))
        return None
    record_type = RECORD_TYPES[raw.section]
    try:
        return unchecked_converter().structure(raw.data, record_type)
    except Exception:
        pass  # the checking converter lists every problem of the record below
    try:
        return converter().structure(raw.data, record_type)
    except Exception as error:
        found = dict.fromkeys(_walk(error, ""))
        values = structure_fields(raw.data, record_type)
        found.update(dict.fromkeys(cross_field_problems(record_type, values)))
        problems.extend(Problem(raw.label, field, message, raw.file) for field, message in found)
        return None


def _named_as_read(
    found: Iterable[Problem],
    records: dict[str, tuple[Any, ...]],
    built: dict[str, list[tuple[Any, _Raw]]],
) -> Iterator[Problem]:
    """The problems of the records taken together with the base catalog's, each record
    built here named as its document names it."""
    raw_of = {
        f"{section}[{len(records[section]) - len(pairs) + position}] {record.id!r}": raw
        for section, pairs in built.items()
        for position, (record, raw) in enumerate(pairs)
    }
    for problem in found:
        raw = raw_of.get(problem.record)
        if raw is None:
            yield problem
        else:
            yield Problem(raw.label, problem.field, problem.message, raw.file)


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
        ValidationError: ``base`` is not a Catalog.
    """
    return build([(data, origin)], _base(base))


def catalog_to_dict(catalog: Catalog) -> dict[str, Any]:
    """The catalog as a JSON-compatible dict that :func:`catalog_from_dict` reads back."""
    checked_catalog(catalog, "catalog")
    write = converter()
    return {
        section: [write.unstructure(r, RECORD_TYPES[section]) for r in getattr(catalog, section)]
        for section in SECTIONS
    }


def load_catalog(
    path: str | os.PathLike[str],
    *,
    base: Catalog | None = None,
    max_bytes: int | None = None,
) -> Catalog:
    """Load a catalog from a JSON file, from a directory of CSV files (with or without a
    ``datapackage.json``; see :mod:`nodecompare.io.csvtables`), or from a directory of
    Parquet files (a path ending in ``.parquet``, or any other directory; see
    :mod:`nodecompare.io.parquet`), as :meth:`Catalog.export` writes them.

    Args:
        path: the file or directory.
        base: a catalog the file's records may refer to (for example the bundled one, from
            :func:`nodecompare.default_catalog`); the result is ``base`` merged with the file.
        max_bytes: the largest JSON file read; None for the default, 256 MiB
            (``nodecompare.io.limits.MAX_FILE_BYTES``), a guard against hostile input.
            Raise it for a large file you trust, or save that catalog as Parquet, which
            has no such limit.

    Raises:
        CatalogError: the file cannot be read or parsed, or any record is malformed; every
            problem is listed with the file, record and field.
        ValidationError: ``base`` is not a Catalog.
    """
    base = _base(base)
    name = os.fspath(path)
    if is_csv_directory(path):
        return build(read_csv(path), base)
    if is_parquet(path):
        return build([(read_parquet(path), name)], base)
    if (catalog := stream_catalog(name, base, file_limit(max_bytes))) is not None:
        return catalog  # a clean file, read a record at a time
    problems = ProblemList()
    document = parse_json(Path(path).open, name, problems, max_bytes)
    if problems:
        raise CatalogError(problems)
    return build([(document, name)], base, problems)


def _base(base: object) -> Catalog | None:
    """The catalog to build on, if any."""
    return None if base is None else checked_catalog(base, "base", "a Catalog or None")


def save_catalog(catalog: Catalog, path: str | os.PathLike[str]) -> None:
    """Write the catalog to a JSON file that :func:`load_catalog` reads back unchanged, or,
    to a path ending in ``.parquet`` (or an existing directory), as a directory of Parquet
    files, one per table (:mod:`nodecompare.io.parquet`; needs the ``arrow`` extra).

    The file is replaced only once the new one is written in full: a failed save leaves
    the old file as it was.

    Raises:
        CatalogError: the catalog holds what :func:`load_catalog` would refuse, such as text
            that UTF-8 cannot encode; each problem names its record and field.
        OSError: the file cannot be written.
    """
    name = os.fspath(path)
    document = savable_document(catalog, name)
    if is_parquet(path):
        write_parquet(catalog, path)
        return
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    _replace_file(Path(os.path.realpath(path)), text.encode("utf-8"))


def savable_document(catalog: Catalog, name: str) -> dict[str, Any]:
    """The catalog's document, checked to be one :func:`load_catalog` would read back.

    Raises:
        CatalogError: the catalog holds what the loader refuses, such as text that UTF-8
            cannot encode; each problem names its record, its field and ``name``.
    """
    document = catalog_to_dict(catalog)
    problems = ProblemList()
    if not check_document(document, name, problems):
        raise CatalogError(problems)
    return document


def _replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file beside ``path``, then rename it over ``path``."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    # Created as open() would create it (the umask applies), never over an existing file.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(temporary, flags, 0o666)
    try:
        with open(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def parse_json(
    open_file: Callable[[str], IO[bytes]],
    name: str,
    problems: list[Problem],
    max_bytes: int | None = None,
) -> Any:
    """The document in a JSON file, or None after adding a problem; ``open_file("rb")``
    opens the file. The file is read and parsed within the limits of
    :mod:`~nodecompare.io.limits`, its size within ``max_bytes`` (None: the default limit)."""
    try:
        with open_file("rb") as stream:
            text = read_text(stream, name, problems, max_bytes)
    except OSError as error:
        problems.append(Problem("file", "", f"cannot be read: {error}", name))
        return None
    return None if text is None else parse_text(text, name, problems)
