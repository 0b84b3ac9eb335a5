"""Reading a choice given by a user (one value of an enumeration, or several) into the
model's enums, with a :class:`~nodecompare.errors.ValidationError` naming the record and
field instead of the enum's bare ``ValueError``.

Both the model's own methods (:meth:`ProcessNode.figures_of`) and the queries'
arguments (:mod:`nodecompare.queries.arguments`) read choices here, so every entry point
refuses a bad basis or metric with the same message.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any, TypeVar

from nodecompare.errors import ValidationError, shorten

__all__ = ["member", "members", "one_or_many"]

E = TypeVar("E", bound=Enum)


def member(enum: type[E], value: object, record: str, field: str) -> E:
    """``value`` as a member of ``enum``, or an error listing the values it accepts."""
    try:
        return enum(value)
    except (ValueError, TypeError):
        allowed = ", ".join(str(choice.value) for choice in enum)
        raise ValidationError.of(
            record, field, f"expected one of {allowed}, got {shorten(value)}"
        ) from None


def one_or_many(value: object, one: type | tuple[type, ...], record: str, field: str) -> list[Any]:
    """A bare value of type ``one`` as a list of it, or the items of an iterable; never the
    characters of a string, never none at all."""
    if isinstance(value, one):
        return [value]
    if isinstance(value, (str, bytes, dict)) or not isinstance(value, Iterable):
        raise ValidationError.of(
            record, field, f"expected one value or a list of them, got {shorten(value)}"
        )
    items = list(value)
    if not items:
        raise ValidationError.of(
            record, field, "expected at least one value (None means no filter)"
        )
    return items


def members(enum: type[E], value: object, record: str, field: str) -> tuple[E, ...]:
    """One member of ``enum`` or several, in the order given: ``"vendor_claim"`` is one
    basis, not twelve letters."""
    return tuple(
        member(enum, item, record, field) for item in one_or_many(value, str, record, field)
    )
