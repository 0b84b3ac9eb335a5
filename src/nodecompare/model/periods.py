"""Dates known to a year, a half-year, a quarter, a month or a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from nodecompare import dates
from nodecompare.dates import Precision
from nodecompare.model import checks

__all__ = ["PartialDate"]


@attrs.frozen(order=True)
class PartialDate:
    """A date known to a year, a half-year, a quarter, a month or a day.

    ``PartialDate.parse("2021-07")``; ``"2020-Q2"`` is a quarter and ``"2020-H1"`` a half.
    A claim dated so surely held from :attr:`end` and possibly from :attr:`start`. It
    orders and compares by its first day, then by precision.
    """

    start: dt.date = checks.field(checks.day)
    precision: Precision = checks.field(checks.instance(Precision), default=Precision.DAY)

    def __attrs_post_init__(self) -> None:
        checks.validate(self)

    @staticmethod
    def cross_field_rules(values: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
        """A period begins on its first day, and ends before the calendar does."""
        start, precision = values.get("start"), values.get("precision")
        if not isinstance(start, dt.date) or not isinstance(precision, Precision):
            return
        months = precision.months
        if months and (start.day != 1 or (start.month - 1) % months):
            yield "start", f"{start} does not begin a {precision.value}"
        elif dates.period_end(start, precision) is None:
            yield "start", f"a {precision.value} from {start} runs to 9999-12-31"

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse a date in any form of :mod:`nodecompare.dates`: ``YYYY``, ``YYYY-Hn``
        (half), ``YYYY-Qn`` (quarter), ``YYYY-MM`` or ``YYYY-MM-DD``.

        Raises:
            ValueError: the text is not such a date, or names an impossible one.
        """
        return cls(*dates.parse(text))

    @property
    def end(self) -> dt.date:
        """The last day of the period: the first day on which the date has surely passed."""
        end = dates.period_end(self.start, self.precision)
        assert end is not None  # guaranteed by __attrs_post_init__
        return end

    @property
    def by_end(self) -> tuple[dt.date, dt.date]:
        """Sort key for when a date had surely passed: its end, then its start ("2020-Q2"
        before "2020", though both start on 1 January or later)."""
        return (self.end, self.start)

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` falls within the period."""
        return self.start <= day <= self.end

    def __str__(self) -> str:
        if self.precision in (Precision.HALF, Precision.QUARTER):
            letter = "H" if self.precision is Precision.HALF else "Q"
            number = (self.start.month - 1) // self.precision.months + 1
            return f"{self.start.year}-{letter}{number}"
        text = self.start.isoformat()
        return text[: {Precision.YEAR: 4, Precision.MONTH: 7, Precision.DAY: 10}[self.precision]]

    def __repr__(self) -> str:
        return f"PartialDate.parse({str(self)!r})"
