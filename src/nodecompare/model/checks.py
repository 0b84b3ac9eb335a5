"""The field checks every record runs when it is made.

Each check returns a message, or None when the value is fine; :func:`validate` runs the
checks of every field, then the record's rules between fields over the fields that passed,
and raises one :class:`~nodecompare.errors.ValidationError` listing every problem found,
each naming the record and the field.

A record type states its rules between fields in a static method ``cross_field_rules``
that takes the values of the fields by name and yields (field, message) pairs. A field that
failed is not among the values, and a rule that needs it is skipped: so the loader, which
cannot build a record whose field fails, still runs the rules on the fields that parsed
(:func:`cross_field_problems`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

import attrs

from nodecompare.errors import Problem, ValidationError, shorten
from nodecompare.units import round_canonical

__all__ = [
    "CHECK",
    "COUNTRY_PATTERN",
    "SLUG_PATTERN",
    "Check",
    "country",
    "cross_field_problems",
    "day",
    "field",
    "given",
    "instance",
    "optional",
    "plain_text",
    "positive_number",
    "rounded",
    "slug",
    "text",
    "tuple_of",
    "validate",
]

#: The metadata key under which a field keeps its check (the loader runs it too).
CHECK: Final = "nodecompare.check"
# The patterns end in ``$(?!\n)``: JSON Schema's ``$`` (ECMA-262) matches only at the end,
# Python's also before a final newline, which the lookahead refuses, so that "US\n" fails
# both the schema (whichever engine reads it) and the model, which also matches in full.
#: What an id looks like: lowercase letters, digits and ``. + _ -``.
SLUG_PATTERN: Final = r"^[a-z0-9][a-z0-9.+_-]*$(?!\n)"
#: A country: an ISO 3166-1 alpha-2 code, or ``EU``.
COUNTRY_PATTERN: Final = r"^(?:[A-Z]{2}|EU)$(?!\n)"
_SLUG = re.compile(SLUG_PATTERN)
_COUNTRY = re.compile(COUNTRY_PATTERN)

Check = Callable[[Any], str | None]


def text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return f"expected non-empty text, got {shorten(value)}"
    return None


def plain_text(value: Any) -> str | None:
    return None if isinstance(value, str) else f"expected text, got {shorten(value)}"


def slug(value: Any) -> str | None:
    if not isinstance(value, str) or not _SLUG.fullmatch(value):
        return f"expected an id of lowercase letters, digits and . + _ -, got {shorten(value)}"
    return None


def instance(*types: type) -> Check:
    names = " or ".join("None" if t is type(None) else t.__name__ for t in types)

    def check(value: Any) -> str | None:
        return None if isinstance(value, types) else f"expected {names}, got {shorten(value)}"

    return check


def optional(check: Check) -> Check:
    def optional(value: Any) -> str | None:
        return None if value is None else check(value)

    return optional


def tuple_of(*types: type, nonempty: bool = False) -> Check:
    item = instance(*types)

    def check(value: Any) -> str | None:
        if not isinstance(value, tuple):
            return f"expected a tuple, got {type(value).__name__}"
        if nonempty and not value:
            return "must not be empty"
        for index, element in enumerate(value):
            if (message := item(element)) is not None:
                return f"item {index}: {message}"
        return None

    return check


def positive_number(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"expected a number, got {shorten(value)}"
    if not math.isfinite(value) or value <= 0:
        return f"{shorten(value)} must be positive and finite"
    return None


def rounded(value: Any) -> Any:
    """A finite number at the stored precision; anything else is left for the check."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return round_canonical(float(value))
    return value


def day(value: Any) -> str | None:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        return f"expected a datetime.date, got {shorten(value)}"
    return None


def country(value: Any) -> str | None:
    if not isinstance(value, str) or not _COUNTRY.fullmatch(value):
        return f"expected an ISO 3166-1 alpha-2 code or 'EU', got {shorten(value)}"
    return None


def field(check: Check, **kwargs: Any) -> Any:
    """An attrs field whose value ``check`` verifies when the instance is made."""
    return attrs.field(metadata={CHECK: check}, **kwargs)


def given(values: Mapping[str, Any], *names: str) -> bool:
    """True when every field of ``names`` is among ``values``: a rule may read them."""
    return all(name in values for name in names)


def cross_field_problems(record_type: type, values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(field, message) for each rule between fields of ``record_type`` that ``values``
    break; ``values`` holds the fields that passed their own checks, by name."""
    rules: Callable[[Mapping[str, Any]], Iterator[tuple[str, str]]] | None = getattr(
        record_type, "cross_field_rules", None
    )
    return [] if rules is None else list(rules(values))


def validate(instance: Any) -> None:
    """Run every field's check, then the rules between the fields that passed; raise them all."""
    record_type = type(instance)
    record = record_type.__name__
    problems = []
    passed = {}
    for field in attrs.fields(record_type):
        value = getattr(instance, field.name)
        check = field.metadata.get(CHECK)
        message = None if check is None else check(value)
        if message is None:
            passed[field.name] = value
        else:
            problems.append(Problem(record, field.name, message))
    problems.extend(
        Problem(record, field, message)
        for field, message in cross_field_problems(record_type, passed)
    )
    if problems:
        raise ValidationError(problems)
