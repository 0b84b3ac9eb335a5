"""The JSON Schema of catalog files, derived from the model so that the two cannot drift.

``python -m nodecompare.io.schema`` prints it; ``docs/catalog.schema.json`` is that output,
and the test command checks it is current and that every bundled data file conforms.
"""

from __future__ import annotations

import datetime as dt
import json
import types
from enum import Enum
from typing import Any, Final, Union, get_args, get_origin

import attrs

from nodecompare.io.format import (
    DATA_KEYS,
    DAY_PATTERN,
    FIGURE_VALUE,
    MAX_QUANTITY_LENGTH,
    PERIOD_PATTERN,
    QUANTITY_PATTERN,
    RECORD_TYPES,
    SECTIONS,
    SLUG_PATTERN,
)
from nodecompare.model import (
    Alias,
    Basis,
    Copy,
    FabNode,
    Figure,
    Foundry,
    Metric,
    PartialDate,
    ProcessNode,
    Source,
)

__all__ = ["json_schema"]

_NESTED: Final = (Figure, Alias, FabNode, Copy)
_REFERENCED: Final = (Source, Foundry, ProcessNode)
_ISO_DATE: Final = {"type": "string", "pattern": DAY_PATTERN, "format": "date"}
_PARTIAL_DATE: Final = {"type": "string", "pattern": PERIOD_PATTERN}
_QUANTITY: Final = {
    "type": "string",
    "pattern": QUANTITY_PATTERN,
    "maxLength": MAX_QUANTITY_LENGTH,
    "description": "a positive number and a unit pint understands: '91.2 MTr/mm**2'",
}
_SLUG: Final = {"type": "string", "pattern": SLUG_PATTERN}


def _type_schema(type_: Any) -> dict[str, Any]:
    origin = get_origin(type_)
    if origin in (Union, types.UnionType):
        options = [t for t in get_args(type_) if t is not type(None)]
        inner = _type_schema(options[0])
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(get_args(type_)[0])}
    if type_ in _REFERENCED:
        return {"type": "string", "description": f"the id of a {type_.__name__} record"}
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
        return {"type": "number", "exclusiveMinimum": 0}
    if type_ is str:
        return {"type": "string"}
    raise TypeError(f"no schema for {type_!r}")


def _record_schema(record_type: type) -> dict[str, Any]:
    attrs.resolve_types(record_type)
    properties: dict[str, Any] = {}
    required = []
    for field in attrs.fields(record_type):
        key = DATA_KEYS.get((record_type, field.name), field.name)
        schema = _QUANTITY if key == FIGURE_VALUE and record_type is Figure else None
        properties[key] = dict(schema) if schema else _type_schema(field.type)
        if field.name == "id":
            properties[key] = dict(_SLUG)
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
        stored = [b.value for b in Basis if b is not Basis.DERIVED]  # derived ones are computed
        result["properties"]["basis"] = {"enum": stored}
    if record_type is Alias:
        return {"anyOf": [{"type": "string"}, result]}
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
            "about": {"type": "string", "description": "where the file's figures come from"},
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
