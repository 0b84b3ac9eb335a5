"""Ids in the data resolved to records while a document is structured.

Records refer to each other by id in the files; the converter's hooks look each id up in
the records built so far (and a base catalog's), so a bad reference is reported with the
record and field it occurs in.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from nodecompare.errors import shorten
from nodecompare.model import Foundry, ProcessNode, Source

__all__ = [
    "CURRENT",
    "References",
    "RefersToFailed",
    "id_of",
    "ids_of",
    "lookup",
    "optional_ref",
    "ref",
    "refs",
]


@attrs.define
class References:
    """The records ids resolve to while one document is being structured."""

    sources: dict[str, Source] = attrs.Factory(dict)
    foundries: dict[str, Foundry] = attrs.Factory(dict)
    nodes: dict[str, ProcessNode] = attrs.Factory(dict)
    #: ids of records that failed; references to them are not reported again.
    failed: set[tuple[str, str]] = attrs.Factory(set)


class RefersToFailed(ValueError):
    """A reference to a record whose own problems are already reported."""


CURRENT: contextvars.ContextVar[References] = contextvars.ContextVar("references")


def lookup(table: str, value: Any) -> Any:
    if not isinstance(value, str):
        raise TypeError(f"expected an id, got {shorten(value)}")
    references = CURRENT.get()
    records: dict[str, Any] = getattr(references, table)
    try:
        return records[value]
    except KeyError:
        if (table, value) in references.failed:
            raise RefersToFailed(value) from None
        raise ValueError(
            f"unknown {table[:-1].replace('foundrie', 'foundry')} id {shorten(value)}"
        ) from None


def ref(table: str) -> Callable[[Any, Any], Any]:
    return lambda value, _: lookup(table, value)


def optional_ref(table: str) -> Callable[[Any, Any], Any]:
    return lambda value, _: None if value is None else lookup(table, value)


def refs(table: str) -> Callable[[Any, Any], tuple[Any, ...]]:
    def structure(value: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise TypeError(f"expected a list of ids, got {type(value).__name__}")
        found, unknown = [], []
        for item in value:
            try:
                found.append(lookup(table, item))
            except RefersToFailed:
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


def id_of(record: Any) -> Any:
    """A referenced record's id, as the data holds it."""
    return None if record is None else record.id


def ids_of(records: Iterable[Any]) -> list[str]:
    """The ids of referenced records."""
    return [record.id for record in records]
