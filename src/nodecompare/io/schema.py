"""The JSON Schema of catalog files, derived from the model so that the two cannot drift.

``python -m nodecompare.io.schema`` prints it; ``docs/catalog.schema.json`` is that output,
and the test command checks it is current, that every bundled data file conforms, and that
the schema and the loader accept the same documents except for the rules a schema cannot
express (``docs/data-format.md`` lists them).

Each property's constraints come from its field's type and from the field's own check,
which the schema asks about telling values: a check that refuses ``" "`` wants non-blank
text, one that refuses ``()`` a non-empty list, and so on.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import types
from enum import Enum
from typing import Any, Final, Union, get_args, get_origin

import attrs

from nodecompare.io.format import (
    COUNTRY_PATTERN,
    DATA_KEYS,
    DAY_PATTERN,
    MAX_QUANTITY_LENGTH,
    PERIOD_PATTERN,
    QUANTITY_PATTERN,
    RECORD_TYPES,
    SECTIONS,
    SLUG_PATTERN,
)
from nodecompare.io.limits import MAX_STRING_CHARS
from nodecompare.model import (
    Alias,
    Basis,
    Copy,
    ExportControl,
    FabNode,
    Figure,
    Foundry,
    Metric,
    PartialDate,
    ProcessNode,
    Source,
)
from nodecompare.model.checks import CHECK, Check

__all__ = ["json_schema"]


_NESTED: Final = (Figure, Alias, FabNode, Copy)
_REFERENCED: Final = (Source, Foundry, ProcessNode)
#: Any string the loader reads, as long as it may be.
_TEXT: Final = {"type": "string", "maxLength": MAX_STRING_CHARS}
_SLUG: Final = {**_TEXT, "pattern": SLUG_PATTERN}
_COUNTRY: Final = {**_TEXT, "pattern": COUNTRY_PATTERN}
_NON_BLANK: Final = {**_TEXT, "pattern": "\\S"}
_ISO_DATE: Final = {**_TEXT, "pattern": DAY_PATTERN, "format": "date"}
_PARTIAL_DATE: Final = {**_TEXT, "pattern": PERIOD_PATTERN}
_QUANTITY: Final = {
    "type": "string",
    "pattern": QUANTITY_PATTERN,
    "maxLength": MAX_QUANTITY_LENGTH,
    "description": "a positive number and a unit pint understands: '91.2 MTr/mm**2'",
}
#: Numbers are read as floats: a larger one cannot be.
_LARGEST: Final = sys.float_info.max
#: Rules a record checks among its ``cross_field_rules``, so no field check shows them:
#: the items of these lists.
_ITEMS: Final[dict[tuple[type, str], dict[str, Any]]] = {
    (ExportControl, "target_countries"): _COUNTRY,
    (Source, "relays"): _NON_BLANK,
}


def _refuses(check: Check | None, value: Any) -> bool:
    return check is not None and check(value) is not None


def _text_schema(check: Check | None) -> dict[str, Any]:
    """A string, constrained as the field's own check constrains it."""
    if _refuses(check, "A") and not _refuses(check, "a-1"):
        return dict(_SLUG)
    if _refuses(check, "Us") and not _refuses(check, "US") and not _refuses(check, "EU"):
        return dict(_COUNTRY)
    if _refuses(check, " "):
        return dict(_NON_BLANK)
    return dict(_TEXT)


def _type_schema(type_: Any, check: Check | None = None) -> dict[str, Any]:
    origin = get_origin(type_)
    if origin in (Union, types.UnionType):
        options = [t for t in get_args(type_) if t is not type(None)]
        return {"anyOf": [_type_schema(options[0], check), {"type": "null"}]}
    if origin is tuple:
        items = {"type": "array", "items": _type_schema(get_args(type_)[0])}
        return {**items, "minItems": 1} if _refuses(check, ()) else items
    if type_ in _REFERENCED:
        return {**_SLUG, "description": f"the id of a {type_.__name__} record"}
    if type_ in _NESTED:
        return {"$ref": f"#/$defs/{type_.__name__}"}
    if isinstance(type_, type) and issubclass(type_, Enum):
        return {"enum": [member.value for member in type_]}
    if type_ is PartialDate:
        return dict(_PARTIAL_DATE)
    if type_ is dt.date:
        return dict(_ISO_DATE)
    if type_ is bool:
        return {"type": "boolean"}
    if type_ is int:
        return {"type": "integer", "exclusiveMinimum": 0}
    if type_ is float:
        return {"type": "number", "exclusiveMinimum": 0, "maximum": _LARGEST}
    if type_ is str:
        return _text_schema(check)
    raise TypeError(f"no schema for {type_!r}")


def _property_schema(record_type: type, field: attrs.Attribute[Any]) -> dict[str, Any]:
    if record_type is Figure and field.name == "magnitude":
        return dict(_QUANTITY)
    if record_type is Figure and field.name == "basis":
        # Derived figures are computed by nodecompare, never stored.
        return {"enum": [b.value for b in Basis if b is not Basis.DERIVED]}
    schema = _type_schema(field.type, field.metadata.get(CHECK))
    if (items := _ITEMS.get((record_type, field.name))) is not None:
        schema["items"] = dict(items)
    return schema


def _record_schema(record_type: type) -> dict[str, Any]:
    attrs.resolve_types(record_type)
    properties: dict[str, Any] = {}
    required = []
    for field in attrs.fields(record_type):
        key = DATA_KEYS.get((record_type, field.name), field.name)
        properties[key] = _property_schema(record_type, field)
        if field.default is attrs.NOTHING:
            required.append(key)
    result: dict[str, Any] = {
        "type": "object",
        "description": (record_type.__doc__ or "").strip().splitlines()[0],
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    if record_type is Figure:
        result["properties"]["metric"] = {"enum": [m.value for m in Metric]}
    if record_type is Alias:
        name_check = attrs.fields(Alias).name.metadata.get(CHECK)
        return {"anyOf": [_text_schema(name_check), result]}
    return result


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a catalog file."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://nodecompare.invalid/catalog.schema.json",
        "title": "nodecompare catalog",
        "description": "Foundries, process nodes, claims, fabs and export controls, each cited.",
        "type": "object",
        "properties": {
            "about": {**_NON_BLANK, "description": "where the file's figures come from"},
            **{
                section: {
                    "type": "array",
                    "items": {"$ref": f"#/$defs/{RECORD_TYPES[section].__name__}"},
                }
                for section in SECTIONS
            },
        },
        "additionalProperties": False,
        "$defs": {
            record_type.__name__: _record_schema(record_type)
            for record_type in (*RECORD_TYPES.values(), *_NESTED)
        },
    }


def main() -> None:
    """Print the schema."""
    print(json.dumps(json_schema(), indent=2))


if __name__ == "__main__":
    main()
