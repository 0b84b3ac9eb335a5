"""Dates as users give them: ``datetime.date``, ``datetime.datetime`` or ISO strings."""

from __future__ import annotations

import datetime as dt

from nodecompare.errors import ValidationError

__all__ = ["to_date"]


def to_date(value: dt.date | str, argument: str) -> dt.date:
    """Convert a user's date (a date, a datetime or an ISO ``YYYY-MM-DD`` string).

    Raises:
        ValidationError: naming ``argument`` when the value is not such a date.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError.of(
        "query", argument, f"expected a date or an ISO date string YYYY-MM-DD, got {value!r}"
    )


def optional_date(value: dt.date | str | None, argument: str) -> dt.date | None:
    """Like :func:`to_date`, passing None through."""
    return None if value is None else to_date(value, argument)
