"""The one cattrs converter: how each record type is read from and written to JSON.

It is built on first use so that importing nodecompare stays cheap. Hooks run each
field's own check while structuring, so one pass reports every bad field of a record;
references are resolved by :mod:`nodecompare.io.references`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, Final, get_args, get_origin

import attrs

from nodecompare.dates import DAY_FORM, PERIOD_FORMS, parse_day
from nodecompare.errors import shorten
from nodecompare.io.format import DATA_KEYS, FIGURE_VALUE, METRIC_NAMES
from nodecompare.io.references import id_of, ids_of, optional_ref, ref, refs
from nodecompare.model import (
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
    Product,
    Source,
    SourceKind,
    Transistor,
)
from nodecompare.model.checks import CHECK
from nodecompare.units import canonical_magnitude

if TYPE_CHECKING:
    # cattrs is imported when the converter is first built: importing nodecompare stays cheap.
    import cattrs

__all__ = ["converter", "record_to_dict", "structure_fields", "unchecked_converter"]

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


def _structure_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {shorten(value)}")
    return value


def _structure_float(value: Any, _: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, got {shorten(value)}")
    return float(value)


def _structure_int(value: Any, _: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {shorten(value)}")
    return value


def _structure_bool(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {shorten(value)}")
    return value


def _structure_date(value: Any, _: Any) -> dt.date:
    if not isinstance(value, str):
        raise TypeError(f"expected a day {DAY_FORM}, got {shorten(value)}")
    return parse_day(value)


def _structure_partial_date(value: Any, _: Any) -> PartialDate:
    if not isinstance(value, str):
        raise TypeError(f"expected a date {PERIOD_FORMS}, got {shorten(value)}")
    return PartialDate.parse(value)


def _enum_hook(enum: type[Enum]) -> Callable[[Any, Any], Enum]:
    allowed = ", ".join(repr(member.value) for member in enum)

    def structure(value: Any, _: Any) -> Enum:
        try:
            return enum(value)
        except ValueError:
            raise ValueError(f"expected one of {allowed}, got {shorten(value)}") from None

    return structure


def _is_tuple(type_: Any) -> bool:
    return get_origin(type_) is tuple


def _tuple_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    """Structure a list into a tuple, refusing a bare string or mapping, naming bad items."""

    from cattrs.errors import IterableValidationError, IterableValidationNote

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


def _format_magnitude(magnitude: float) -> str:
    text = repr(magnitude)
    return text[:-2] if text.endswith(".0") else text


def _unstructure_figure(figure: Figure) -> dict[str, Any]:
    record: dict[str, Any] = {
        "metric": figure.metric.value,
        FIGURE_VALUE: f"{_format_magnitude(figure.magnitude)} {figure.metric.unit}",
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
        record["sources"] = ids_of(alias.sources)
    return record


@cache
def converter() -> cattrs.Converter:
    """The one converter; built on first use so that importing nodecompare stays cheap."""
    return _built(checked=True)


@cache
def unchecked_converter() -> cattrs.Converter:
    """A converter that reads what :func:`converter` reads, but leaves each field's check
    to the record it builds (which runs every check once) and stops at the first problem.

    It accepts exactly the records :func:`converter` accepts, faster; the loader tries it
    first, and lists a record's problems with :func:`converter` when it fails.
    """
    return _built(checked=False)


def _built(*, checked: bool) -> cattrs.Converter:
    import cattrs
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

    converter = cattrs.Converter(detailed_validation=checked, forbid_extra_keys=True)
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
    _register_figure_and_alias(converter, checked)
    for record_type, fields in _record_overrides().items():
        if checked:
            fields = _checking(converter, record_type, **fields)
        converter.register_structure_hook(
            record_type, make_dict_structure_fn(record_type, converter, **fields)
        )
        converter.register_unstructure_hook(
            record_type, make_dict_unstructure_fn(record_type, converter, **fields)
        )
    return converter


def _register_figure_and_alias(converter: cattrs.Converter, checked: bool) -> None:
    """Figures carry their value with its unit; an alias may be a bare name."""
    from cattrs.gen import make_dict_structure_fn, override

    source_id = override(struct_hook=ref("sources"), unstruct_hook=id_of)
    source_ids = override(struct_hook=refs("sources"), unstruct_hook=ids_of)

    figure_fields: dict[str, Any] = {
        "magnitude": override(rename=FIGURE_VALUE, struct_hook=_structure_magnitude),
        "source": source_id,
    }
    if checked:
        figure_fields = _checking(converter, Figure, **figure_fields)
    generated_figure = make_dict_structure_fn(Figure, converter, **figure_fields)

    def structure_figure(value: Any, _: Any) -> Figure:
        # The value's canonical unit depends on the metric, so it is converted here; a bare
        # number is refused there too (7 is not 7 nm).
        if isinstance(value, Mapping) and FIGURE_VALUE in value:
            metric = value.get("metric")
            if metric in METRIC_NAMES:  # otherwise the generated hook reports the bad metric
                unit = Metric(metric).unit
                value = {**value, FIGURE_VALUE: _magnitude_or_error(value[FIGURE_VALUE], unit)}
        return generated_figure(value, Figure)

    converter.register_structure_hook(Figure, structure_figure)
    converter.register_unstructure_hook(Figure, _unstructure_figure)
    alias_fields: dict[str, Any] = {"sources": source_ids}
    if checked:
        alias_fields = _checking(converter, Alias, **alias_fields)
    generated_alias = make_dict_structure_fn(Alias, converter, **alias_fields)
    converter.register_structure_hook(
        Alias,
        lambda value, _: Alias(value) if isinstance(value, str) else generated_alias(value, Alias),
    )
    converter.register_unstructure_hook(Alias, _unstructure_alias)


def _record_overrides() -> dict[type, dict[str, Any]]:
    """Per record type, how its references are read and written: as ids."""
    from cattrs.gen import override

    source_ids = override(struct_hook=refs("sources"), unstruct_hook=ids_of)
    return {
        Foundry: {"sources": source_ids},
        ProcessNode: {
            "foundry": override(struct_hook=ref("foundries"), unstruct_hook=id_of),
            "class_source": override(struct_hook=optional_ref("sources"), unstruct_hook=id_of),
            "sources": source_ids,
        },
        Claim: {
            "sources": source_ids,
            "background": source_ids,
            "node": override(struct_hook=optional_ref("nodes"), unstruct_hook=id_of),
            "foundry": override(struct_hook=optional_ref("foundries"), unstruct_hook=id_of),
        },
        Source: {},
        Copy: {},
        FabNode: {
            "node": override(struct_hook=ref("nodes"), unstruct_hook=id_of),
            "sources": source_ids,
            "background": source_ids,
        },
        Fab: {
            "operator": override(struct_hook=ref("foundries"), unstruct_hook=id_of),
            "sources": source_ids,
        },
        Location: {
            "node": override(struct_hook=ref("nodes"), unstruct_hook=id_of),
            "sources": source_ids,
            "background": source_ids,
        },
        ExportControl: {
            "target_foundries": override(struct_hook=refs("foundries"), unstruct_hook=ids_of),
            "sources": source_ids,
        },
        Product: {
            "node": override(struct_hook=ref("nodes"), unstruct_hook=id_of),
            "sources": source_ids,
        },
    }


def _checking(converter: cattrs.Converter, record_type: type, **overrides: Any) -> dict[str, Any]:
    """Overrides that also run each field's own check while structuring.

    A record is built only when all its fields structure, so running the checks here is
    what lets one pass report every bad field of a record, not just its type errors.
    """
    from cattrs.gen import override

    attrs.resolve_types(record_type)
    result = {}
    for field in attrs.fields(record_type):
        given = overrides.get(field.name, override())
        check = field.metadata.get(CHECK)
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


def _magnitude_or_error(value: Any, unit: str) -> float | _BadMagnitude:
    if not isinstance(value, (str, bool, int, float)):
        return _BadMagnitude(f"expected a quantity such as '7 {unit}', got {type(value).__name__}")
    try:
        return canonical_magnitude(value, unit)
    except ValueError as error:
        return _BadMagnitude(str(error))


def record_to_dict(record: Any) -> dict[str, Any]:
    """One record as the JSON-compatible dict the data files hold."""
    result: dict[str, Any] = converter().unstructure(record, type(record))
    return result


def structure_fields(data: Mapping[str, Any], record_type: type) -> dict[str, Any]:
    """The fields of a record's ``data`` that structure and pass their check on their own,
    by attribute name, with the defaults of those ``data`` leaves out; a field that fails
    is left out. The loader runs a record's rules between fields on these when the record
    as a whole cannot be built."""
    hooks = _field_hooks(record_type)
    values: dict[str, Any] = {}
    for field in attrs.fields(record_type):
        key = DATA_KEYS.get((record_type, field.name), field.name)
        if key not in data:
            if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                values[field.name] = field.default.factory()
            elif field.default is not attrs.NOTHING:
                values[field.name] = field.default
            continue
        try:
            values[field.name] = hooks[field.name](data[key], field.type)
        except Exception:  # reported when the record as a whole was structured
            continue
    return values


@cache
def _field_hooks(record_type: type) -> dict[str, Callable[[Any, Any], Any]]:
    """Each field's structure hook, as the record's own hook runs it (with its check)."""
    read = converter()
    overrides = _checking(read, record_type, **_record_overrides().get(record_type, {}))
    return {
        name: given.struct_hook or (lambda value, type_: read.structure(value, type_))
        for name, given in overrides.items()
    }
