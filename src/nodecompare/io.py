"""Reading and writing catalogs: JSON-compatible dicts, files, and the bundled data.

One private cattrs converter holds the hooks. Records refer to each other by id in the
data; ids are resolved to the records themselves while structuring, so every reference
problem is reported with the record and field it occurs in. Every problem of an input is
collected before anything is built: nothing is half-loaded.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from enum import Enum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from nodecompare.catalog import RECORD_TYPES, SECTIONS
from nodecompare.errors import CatalogError, Problem
from nodecompare.model import (
    _CHECK,
    DATA_KEYS,
    Alias,
    Basis,
    BusinessModel,
    Claim,
    ClaimKind,
    Confidence,
    ControlScope,
    Copy,
    DiffusionBreak,
    ExportControl,
    Fab,
    FabNode,
    Figure,
    Foundry,
    Lithography,
    Location,
    Metric,
    PartialDate,
    ProcessNode,
    Source,
    SourceKind,
    Transistor,
)
from nodecompare.product import Product
from nodecompare.units import canonical_magnitude

if TYPE_CHECKING:
    from nodecompare.catalog import Catalog

__all__ = [
    "catalog_from_dict",
    "catalog_to_dict",
    "load_bundled",
    "load_catalog",
    "record_to_dict",
    "save_catalog",
]

T = TypeVar("T")

#: Tables the code reads (publisher tiers), kept apart from the catalog's record files.
REFERENCE_FOLDER: Final = "data/reference"
_DOCUMENT_KEYS: Final = frozenset({"about", *SECTIONS})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ENUMS: Final = (
    Basis,
    BusinessModel,
    ClaimKind,
    Confidence,
    ControlScope,
    DiffusionBreak,
    Lithography,
    Metric,
    SourceKind,
    Transistor,
)
_METRIC_NAMES: Final = frozenset(metric.value for metric in Metric)


@attrs.define
class _References:
    """The records ids resolve to while one document is being structured."""

    sources: dict[str, Source] = attrs.Factory(dict)
    foundries: dict[str, Foundry] = attrs.Factory(dict)
    nodes: dict[str, ProcessNode] = attrs.Factory(dict)
    #: ids of records that failed; references to them are not reported again.
    failed: set[tuple[str, str]] = attrs.Factory(set)


class _RefersToFailed(ValueError):
    """A reference to a record whose own problems are already reported."""


_references: contextvars.ContextVar[_References] = contextvars.ContextVar("references")


# --- scalar hooks -------------------------------------------------------------------------


def _structure_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {value!r}")
    return value


def _structure_float(value: Any, _: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, got {value!r}")
    return float(value)


def _structure_int(value: Any, _: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {value!r}")
    return value


def _structure_bool(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def _structure_date(value: Any, _: Any) -> dt.date:
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError(f"expected an ISO date YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise ValueError(f"{value!r} is an impossible date: {error}") from None


def _structure_partial_date(value: Any, _: Any) -> PartialDate:
    if not isinstance(value, str):
        raise TypeError(f"expected a date such as '2021', '2021-07' or '2021-07-15', got {value!r}")
    return PartialDate.parse(value)


def _enum_hook(enum: type[Enum]) -> Callable[[Any, Any], Enum]:
    allowed = ", ".join(repr(member.value) for member in enum)

    def structure(value: Any, _: Any) -> Enum:
        try:
            return enum(value)
        except ValueError:
            raise ValueError(f"expected one of {allowed}, got {value!r}") from None

    return structure


def _is_tuple(type_: Any) -> bool:
    return get_origin(type_) is tuple


def _tuple_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    """Structure a list into a tuple, refusing a bare string or mapping, naming bad items."""

    def factory(type_: Any) -> Callable[[Any, Any], Any]:
        item_type = get_args(type_)[0]

        def structure(value: Any, _: Any) -> tuple[Any, ...]:
            if not isinstance(value, (list, tuple)):
                raise TypeError(f"expected a list, got {type(value).__name__}")
            items, errors = [], []
            for index, item in enumerate(value):
                try:
                    items.append(converter.structure(item, item_type))
                except Exception as error:
                    error.__notes__ = [
                        *getattr(error, "__notes__", []),
                        IterableValidationNote(f"item {index}", index, item_type),
                    ]
                    errors.append(error)
            if errors:
                raise IterableValidationError("invalid items", errors, type_)
            return tuple(items)

        return structure

    return factory


# --- reference hooks -----------------------------------------------------------------------


def _lookup(table: str, value: Any) -> Any:
    if not isinstance(value, str):
        raise TypeError(f"expected an id, got {value!r}")
    references = _references.get()
    records: dict[str, Any] = getattr(references, table)
    try:
        return records[value]
    except KeyError:
        if (table, value) in references.failed:
            raise _RefersToFailed(value) from None
        raise ValueError(
            f"unknown {table[:-1].replace('foundrie', 'foundry')} id {value!r}"
        ) from None


def _ref(table: str) -> Callable[[Any, Any], Any]:
    return lambda value, _: _lookup(table, value)


def _optional_ref(table: str) -> Callable[[Any, Any], Any]:
    return lambda value, _: None if value is None else _lookup(table, value)


def _refs(table: str) -> Callable[[Any, Any], tuple[Any, ...]]:
    def structure(value: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise TypeError(f"expected a list of ids, got {type(value).__name__}")
        found, unknown = [], []
        for item in value:
            try:
                found.append(_lookup(table, item))
            except _RefersToFailed:
                raise
            except (TypeError, ValueError):
                unknown.append(item)
        if unknown:
            raise ValueError(f"unknown {table} ids: {', '.join(map(repr, unknown))}")
        return tuple(found)

    return structure


def _id(record: Any) -> Any:
    return None if record is None else record.id


def _ids(records: Iterable[Any]) -> list[str]:
    return [record.id for record in records]


# --- figures and aliases -------------------------------------------------------------------


def _format_magnitude(magnitude: float) -> str:
    text = repr(magnitude)
    return text[:-2] if text.endswith(".0") else text


def _unstructure_figure(figure: Figure) -> dict[str, Any]:
    record: dict[str, Any] = {
        "metric": figure.metric.value,
        "value": f"{_format_magnitude(figure.magnitude)} {figure.metric.unit}",
        "basis": figure.basis.value,
        "source": figure.source.id,
    }
    if figure.note:
        record["note"] = figure.note
    if figure.library:
        record["library"] = figure.library
    if figure.projected:
        record["projected"] = True
    return record


def _unstructure_alias(alias: Alias) -> str | dict[str, Any]:
    if alias == Alias(alias.name):
        return alias.name
    record: dict[str, Any] = {"name": alias.name}
    for key in ("since", "until"):
        if (day := getattr(alias, key)) is not None:
            record[key] = day.isoformat()
    if alias.marketing_nm is not None:
        record["marketing_nm"] = alias.marketing_nm
    if alias.disputed:
        record["disputed"] = True
    if alias.sources:
        record["sources"] = _ids(alias.sources)
    return record


# --- the converter -------------------------------------------------------------------------


@cache
def _converter() -> cattrs.Converter:
    """The one converter; built on first use so that importing nodecompare stays cheap."""
    converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(PartialDate, _structure_partial_date)
    converter.register_unstructure_hook(PartialDate, str)
    # Registered per class: the model's enums are str subclasses, and the str hook above
    # would otherwise catch them by inheritance.
    for enum in _ENUMS:
        converter.register_structure_hook(enum, _enum_hook(enum))
    converter.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Enum), lambda _: lambda e: e.value
    )
    converter.register_structure_hook_factory(_is_tuple, _tuple_hook(converter))
    converter.register_unstructure_hook_factory(
        _is_tuple, lambda _: lambda v: [converter.unstructure(item) for item in v]
    )

    source_ref, sources_ref = _ref("sources"), _refs("sources")
    source_id = override(struct_hook=source_ref, unstruct_hook=_id)
    source_ids = override(struct_hook=sources_ref, unstruct_hook=_ids)

    generated_figure = make_dict_structure_fn(
        Figure,
        converter,
        **_checking(
            converter,
            Figure,
            magnitude=override(rename="value", struct_hook=_structure_magnitude),
            source=source_id,
        ),
    )

    def structure_figure(value: Any, _: Any) -> Figure:
        # The value's canonical unit depends on the metric, so it is converted here.
        if isinstance(value, Mapping) and isinstance(value.get("value"), str):
            metric = value.get("metric")
            if metric in _METRIC_NAMES:  # otherwise the generated hook reports the bad metric
                unit = Metric(metric).unit
                value = {**value, "value": _magnitude_or_error(value["value"], unit)}
        return generated_figure(value, Figure)

    converter.register_structure_hook(Figure, structure_figure)
    converter.register_unstructure_hook(Figure, _unstructure_figure)
    generated_alias = make_dict_structure_fn(
        Alias, converter, **_checking(converter, Alias, sources=source_ids)
    )
    converter.register_structure_hook(
        Alias,
        lambda value, _: Alias(value) if isinstance(value, str) else generated_alias(value, Alias),
    )
    converter.register_unstructure_hook(Alias, _unstructure_alias)

    overrides: dict[type, dict[str, Any]] = {
        Foundry: {"sources": source_ids},
        ProcessNode: {
            "foundry": override(struct_hook=_ref("foundries"), unstruct_hook=_id),
            "class_source": override(struct_hook=_optional_ref("sources"), unstruct_hook=_id),
            "sources": source_ids,
        },
        Claim: {
            "sources": source_ids,
            "background": source_ids,
            "node": override(struct_hook=_optional_ref("nodes"), unstruct_hook=_id),
            "foundry": override(struct_hook=_optional_ref("foundries"), unstruct_hook=_id),
        },
        Source: {},
        Copy: {},
        FabNode: {
            "node": override(struct_hook=_ref("nodes"), unstruct_hook=_id),
            "sources": source_ids,
            "background": source_ids,
        },
        Fab: {
            "operator": override(struct_hook=_ref("foundries"), unstruct_hook=_id),
            "sources": source_ids,
        },
        Location: {
            "node": override(struct_hook=_ref("nodes"), unstruct_hook=_id),
            "sources": source_ids,
            "background": source_ids,
        },
        ExportControl: {
            "target_foundries": override(struct_hook=_refs("foundries"), unstruct_hook=_ids),
            "sources": source_ids,
        },
        Product: {
            "node": override(struct_hook=_ref("nodes"), unstruct_hook=_id),
            "sources": source_ids,
        },
    }
    for record_type, fields in overrides.items():
        converter.register_structure_hook(
            record_type,
            make_dict_structure_fn(
                record_type, converter, **_checking(converter, record_type, **fields)
            ),
        )
        converter.register_unstructure_hook(
            record_type, make_dict_unstructure_fn(record_type, converter, **fields)
        )
    return converter


def _checking(converter: cattrs.Converter, record_type: type, **overrides: Any) -> dict[str, Any]:
    """Overrides that also run each field's own check while structuring.

    A record is built only when all its fields structure, so running the checks here is
    what lets one pass report every bad field of a record, not just its type errors.
    """
    attrs.resolve_types(record_type)
    result = {}
    for field in attrs.fields(record_type):
        given = overrides.get(field.name, override())
        check = field.metadata.get(_CHECK)
        if check is None:
            result[field.name] = given
            continue
        hook = given.struct_hook

        def structure(
            value: Any,
            type_: Any,
            hook: Any = hook,
            check: Any = check,
            field_type: Any = field.type,
        ) -> Any:
            result = hook(value, type_) if hook else converter.structure(value, field_type)
            if (message := check(result)) is not None:
                raise ValueError(message)
            return result

        result[field.name] = attrs.evolve(given, struct_hook=structure)
    return result


def _structure_magnitude(value: Any, _: Any) -> Any:
    if isinstance(value, _BadMagnitude):
        raise ValueError(value.reason)
    return _structure_float(value, float)


class _BadMagnitude:
    """A figure value that failed to parse; fails the Figure's own check with the reason."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def __repr__(self) -> str:
        return self.reason


def _magnitude_or_error(text: str, unit: str) -> float | _BadMagnitude:
    try:
        return canonical_magnitude(text, unit)
    except ValueError as error:
        return _BadMagnitude(str(error))


# --- problems from cattrs' exception groups -------------------------------------------------


def _walk(error: BaseException, path: str) -> Iterator[tuple[str, str]]:
    """Yield (field path, message) for every leaf problem inside ``error``."""
    from nodecompare.errors import ValidationError

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
    elif isinstance(error, _RefersToFailed):
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


# --- documents -----------------------------------------------------------------------------


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
    unknown = sorted(set(document) - _DOCUMENT_KEYS)
    if unknown:
        allowed = ", ".join(sorted(_DOCUMENT_KEYS))
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


def _build(
    documents: Iterable[tuple[Any, str | None]],
    base: Catalog | None = None,
    problems: list[Problem] | None = None,
) -> Catalog:
    """Structure documents into one catalog, resolving ids against them and ``base``.

    The same id twice is a problem, except the same record repeated verbatim in two
    different files. All problems are raised together as one CatalogError.
    """
    from nodecompare.catalog import Catalog

    problems = [] if problems is None else problems
    raws = [raw for document, file in documents for raw in _read_document(document, file, problems)]
    converter = _converter()
    references = _References()
    if base is not None:
        references.sources.update((r.id, r) for r in base.sources)
        references.foundries.update((r.id, r) for r in base.foundries)
        references.nodes.update((r.id, r) for r in base.nodes)
    built: dict[str, list[Any]] = {section: [] for section in SECTIONS}
    token = _references.set(references)
    try:
        for section in SECTIONS:
            in_base = {r.id: r for r in getattr(base, section)} if base is not None else {}
            seen: dict[str, _Raw] = {}
            for raw in (raw for raw in raws if raw.section == section):
                record = _structure_record(converter, raw, seen, problems)
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
        _references.reset(token)
    if problems:
        raise CatalogError(problems)
    return Catalog(
        **{
            section: (getattr(base, section) if base is not None else ()) + tuple(built[section])
            for section in SECTIONS
        }
    )


def _structure_record(
    converter: cattrs.Converter, raw: _Raw, seen: dict[str, _Raw], problems: list[Problem]
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
        record = converter.structure(raw.data, RECORD_TYPES[raw.section])
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
    return _build([(data, origin)], base)


def catalog_to_dict(catalog: Catalog) -> dict[str, Any]:
    """The catalog as a JSON-compatible dict that :func:`catalog_from_dict` reads back."""
    converter = _converter()
    return {
        section: [
            converter.unstructure(r, RECORD_TYPES[section]) for r in getattr(catalog, section)
        ]
        for section in SECTIONS
    }


def record_to_dict(record: Any) -> dict[str, Any]:
    """One record as the JSON-compatible dict the data files hold."""
    result: dict[str, Any] = _converter().unstructure(record, type(record))
    return result


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
    document = _parse_json(Path(path).read_bytes, name, problems)
    if problems:
        raise CatalogError(problems)
    return _build([(document, name)], base)


def save_catalog(catalog: Catalog, path: str | os.PathLike[str]) -> None:
    """Write the catalog to a JSON file that :func:`load_catalog` reads back unchanged."""
    text = json.dumps(catalog_to_dict(catalog), indent=2, ensure_ascii=False)
    Path(path).write_text(text + "\n", encoding="utf-8")


def _parse_json(read: Callable[[], bytes], name: str, problems: list[Problem]) -> Any:
    try:
        return json.loads(read())
    except OSError as error:
        problems.append(Problem("file", "", f"cannot be read: {error}", name))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        problems.append(Problem("file", "", f"is not valid JSON: {error}", name))
    return None


def load_bundled() -> Catalog:
    """Build the catalog from the data files shipped in ``nodecompare/data``."""
    root = resources.files("nodecompare") / "data"
    problems: list[Problem] = []
    documents = []
    for name, entry in sorted(_json_files(root)):
        document = _parse_json(entry.read_bytes, name, problems)
        if document is not None:
            documents.append((document, name))
    return _build(documents, problems=problems)


def _json_files(folder: Any, prefix: str = "data") -> Iterator[tuple[str, Any]]:
    for entry in folder.iterdir():
        name = f"{prefix}/{entry.name}"
        if name == REFERENCE_FOLDER:
            continue  # reference tables the code reads, not catalog records
        if entry.is_dir():
            yield from _json_files(entry, name)
        elif entry.name.endswith(".json"):
            yield name, entry
