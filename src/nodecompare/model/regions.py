"""Regions by where chips are made, and the countries in each over time.

The table is data (``data/reference/regions.json``, with its sources): the EU's members
changed (Croatia joined on 2013-07-01; the United Kingdom left on 2020-01-31), so a
question about chips made in the EU on a past date counts the members of that date.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import attrs

from nodecompare import reference
from nodecompare.errors import ValidationError

__all__ = ["Member", "Region", "region", "regions", "regions_of"]


@attrs.frozen
class Member:
    """A country in a region from ``joined`` (inclusive) until ``until`` (exclusive)."""

    country: str
    joined: dt.date | None = None
    until: dt.date | None = None

    def on(self, day: dt.date | None) -> bool:
        """True when the country belonged on ``day`` (None: today)."""
        day = dt.date.today() if day is None else day
        return (self.joined is None or self.joined <= day) and (
            self.until is None or day < self.until
        )


@attrs.frozen
class Region:
    """A region and its members over time; ``sources`` say where the dates come from."""

    name: str
    members: tuple[Member, ...]
    sources: tuple[str, ...] = ()  # the titles and addresses of the sources of the dates

    def countries_on(self, day: dt.date | None = None) -> frozenset[str]:
        """The country codes of the members on ``day`` (None: today)."""
        return frozenset(m.country for m in self.members if m.on(day))

    def contains(self, country: str, day: dt.date | None = None) -> bool:
        """True when ``country`` (a code, or a region's own name such as ``"EU"`` for a
        site known only to lie somewhere in it) was in the region on ``day``."""
        return country == self.name or country in self.countries_on(day)


def _date(text: Any) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


@cache
def regions() -> dict[str, Region]:
    """The regions of the table by name: ``"US"``, ``"EU"``, ``"China"``, ``"Taiwan"``..."""
    return {
        entry["name"]: Region(
            entry["name"],
            tuple(
                Member(m["country"], _date(m.get("joined")), _date(m.get("until")))
                for m in entry["members"]
            ),
            tuple(f"{s['publisher']}, {s['title']} <{s['url']}>" for s in entry["sources"]),
        )
        for entry in reference.table("regions")["regions"]
    }


def _key(text: str) -> str:
    return "".join(text.split()).casefold()


def region(name: str) -> Region:
    """The region named ``name`` (any case: ``"eu"``, ``"South Korea"``), the one region
    that is a single country given by its code (``"TW"``: Taiwan), or any other country
    code as a region of its own.

    Raises:
        ValidationError: ``name`` is neither a region nor a country code.
    """
    table = regions()
    text = name.strip() if isinstance(name, str) else ""
    for found in table.values():
        if _key(text) == _key(found.name):
            return found
    code = text.upper()
    for found in table.values():
        if tuple(m.country for m in found.members) == (code,):
            return found
    if len(code) == 2 and code.isascii() and code.isalpha():
        return Region(code, (Member(code),))
    allowed = ", ".join(table)
    raise ValidationError.of(
        "query", "region", f"expected a region ({allowed}) or a country code, got {name!r}"
    )


def regions_of(country: str, day: dt.date | None = None) -> tuple[str, ...]:
    """The regions a country code (or ``"EU"``) lay in on ``day`` (None: today)."""
    return tuple(name for name, found in regions().items() if found.contains(country, day))
