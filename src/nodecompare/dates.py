"""The one date grammar, for query arguments and data files alike.

A date is written in one of five forms:

=============  ==================  =========================================
form           example             means
=============  ==================  =========================================
``YYYY``       ``2021``            a year
``YYYY-Hn``    ``2020-H1``         a half-year (H1 or H2)
``YYYY-Qn``    ``2020-Q2``         a quarter (Q1 to Q4)
``YYYY-MM``    ``2021-07``         a month
``YYYY-MM-DD`` ``2022-07-21``      a day
=============  ==================  =========================================

Where a day is needed (``as_of``, ``known_by``, a report date) only the last form is
accepted, or a ``datetime.date`` (a ``datetime`` counts as its day). Nothing else is
guessed: ``"20220721"``, ``"2022W294"`` and ``"21/07/2022"`` are refused with the forms
listed, as are impossible dates such as ``"2022-02-30"``, and dates that run to the last
day ``datetime`` can hold (``"9999"``, ``"9999-12"``, ``"9999-12-31"``): no day follows them.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Final

from nodecompare.errors import ValidationError, shorten

__all__ = [
    "DAY_FORM",
    "PERIOD_FORMS",
    "Precision",
    "optional_date",
    "parse",
    "parse_day",
    "period_end",
    "to_date",
    "today",
]

#: The forms a date in a data file may take, and the one form of a day.
PERIOD_FORMS: Final = "YYYY, YYYY-H1, YYYY-Q1, YYYY-MM or YYYY-MM-DD"
DAY_FORM: Final = "YYYY-MM-DD"


class Precision(StrEnum):
    """How much of a date is known: a year, a half-year, a quarter, a month or a day."""

    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    DAY = "day"

    @property
    def months(self) -> int:
        """How many months a period of this precision spans (0 for a day)."""
        return _PRECISION_MONTHS[self]


_PRECISION_MONTHS: Final = {
    Precision.YEAR: 12,
    Precision.HALF: 6,
    Precision.QUARTER: 3,
    Precision.MONTH: 1,
    Precision.DAY: 0,
}
#: The letter of a part of a year in ``2020-Q2`` and ``2020-H1``.
_PART_LETTERS: Final = {"Q": Precision.QUARTER, "H": Precision.HALF}
_BY_LENGTH: Final = (Precision.YEAR, Precision.MONTH, Precision.DAY)


def period_end(start: dt.date, precision: Precision) -> dt.date | None:
    """The last day of the period of ``precision`` that begins on ``start``; None when the
    period runs to 9999-12-31, the last day ``datetime`` can hold, so that no day follows
    it (queries step to the day after a period; the date is refused where it is read)."""
    following = start.month - 1 + precision.months
    year = start.year + following // 12
    if year > dt.MAXYEAR or start == dt.date.max:
        return None
    if not precision.months:
        return start
    return dt.date(year, following % 12 + 1, 1) - dt.timedelta(days=1)


def _bounded(text: str, start: dt.date, precision: Precision) -> tuple[dt.date, Precision]:
    if period_end(start, precision) is None:
        raise ValueError(
            f"{text!r} runs to 9999-12-31, the last day a date can hold; a date must end before it"
        )
    return start, precision


def _digits(text: str, count: int) -> bool:
    return len(text) == count and text.isascii() and text.isdigit()


def parse(text: str) -> tuple[dt.date, Precision]:
    """The first day and the precision of a date in any of the five forms.

    Raises:
        ValueError: the text is not such a date, or names an impossible one.
    """
    form = f"of the form {PERIOD_FORMS}"
    parts = text.split("-") if isinstance(text, str) else []
    if len(parts) == 2 and len(parts[1]) == 2 and parts[1][0] in _PART_LETTERS:
        return _parse_part(text, parts[0], parts[1], form)
    widths = (4, 2, 2)[: len(parts)]
    if not 1 <= len(parts) <= 3 or not all(map(_digits, parts, widths)):
        raise ValueError(f"{shorten(text)} is not a date {form}")
    numbers = [int(part) for part in parts] + [1] * (3 - len(parts))
    try:
        start = dt.date(*numbers)
    except ValueError as error:
        raise ValueError(f"{shorten(text)} is an impossible date: {error}") from None
    return _bounded(text, start, _BY_LENGTH[len(parts) - 1])


def _parse_part(text: str, year: str, part: str, form: str) -> tuple[dt.date, Precision]:
    precision = _PART_LETTERS[part[0]]
    count = 12 // precision.months
    if not _digits(year, 4) or not _digits(part[1], 1):
        raise ValueError(f"{shorten(text)} is not a date {form}")
    number = int(part[1])
    if not 1 <= number <= count:
        raise ValueError(
            f"{shorten(text)} names no {precision.value}: expected {part[0]}1 to {part[0]}{count}"
        )
    try:
        start = dt.date(int(year), (number - 1) * precision.months + 1, 1)
    except ValueError as error:
        raise ValueError(f"{shorten(text)} is an impossible date: {error}") from None
    return _bounded(text, start, precision)


def parse_day(text: str) -> dt.date:
    """A day written ``YYYY-MM-DD``.

    Raises:
        ValueError: the text is not a day of that form (a month or a quarter is not a day).
    """
    start, precision = parse(text)
    if precision is not Precision.DAY:
        raise ValueError(f"{shorten(text)} is a {precision.value}, not a day {DAY_FORM}")
    return start


def to_date(value: dt.date | str, argument: str) -> dt.date:
    """A user's day: a ``datetime.date``, a ``datetime`` (its day) or ``"YYYY-MM-DD"``.

    Raises:
        ValidationError: naming ``argument`` when the value is not such a day.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_day(value.strip())
        except ValueError as error:
            raise ValidationError.of("query", argument, str(error)) from None
    raise ValidationError.of(
        "query", argument, f"expected a date or a date string {DAY_FORM}, got {shorten(value)}"
    )


def optional_date(value: dt.date | str | None, argument: str) -> dt.date | None:
    """Like :func:`to_date`, passing None through."""
    return None if value is None else to_date(value, argument)


def today(value: dt.date | str | None, argument: str = "as_of") -> dt.date:
    """Like :func:`to_date`, with today for None: the default of every ``as_of``."""
    return dt.date.today() if value is None else to_date(value, argument)
