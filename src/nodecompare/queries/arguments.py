"""The one place query arguments are checked and given their defaults.

Every query takes ``catalog`` (None: the bundled one; an empty catalog is a catalog),
and most take ``as_of`` (default today), ``known_by`` (default: everything known now)
and ``min_confidence``; dates follow :mod:`nodecompare.dates`. A bad argument raises a
:class:`~nodecompare.errors.ValidationError` of record ``query`` naming the argument, in
one line that shows at most the start of the value given.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from collections.abc import Iterable
from enum import Enum
from typing import Any, Final, TypeVar

from nodecompare.catalog import Catalog, checked_catalog
from nodecompare.dates import optional_date, today
from nodecompare.errors import ValidationError, shorten
from nodecompare.io import default_catalog
from nodecompare.model import Basis, ClaimKind, Confidence, Foundry, ProcessNode
from nodecompare.model.choices import member, members, one_or_many
from nodecompare.model.regions import Region
from nodecompare.model.regions import region as find_region

__all__ = [
    "MAX_NAME_LENGTH",
    "bases",
    "catalog_or_default",
    "choice",
    "claim_kinds",
    "confidence",
    "day",
    "foundries",
    "foundry",
    "known",
    "name",
    "node_number",
    "optional_day",
    "optional_text",
    "process_node",
    "refuse",
    "region",
]

#: The longest name a lookup takes; no foundry, node, source or region name comes near.
MAX_NAME_LENGTH: Final = 200
#: The longest date string looked at: ``" 2022-07-21 "`` with room for spaces.
_MAX_DATE_LENGTH: Final = 40

E = TypeVar("E", bound=Enum)


def refuse(argument: str, expected: str, value: object) -> ValidationError:
    """The error for a query argument that is not what was expected."""
    return ValidationError.of("query", argument, f"expected {expected}, got {shorten(value)}")


def catalog_or_default(catalog: Catalog | None) -> Catalog:
    """``catalog``, or the bundled catalog when it is None (not when it is empty)."""
    if catalog is None:
        return default_catalog()
    return checked_catalog(catalog, "catalog", "a Catalog or None for the bundled one")


def _date_text(value: object, argument: str) -> None:
    """Refuse what cannot be a day before the date grammar parses or repeats it."""
    if isinstance(value, str) and len(value) <= _MAX_DATE_LENGTH:
        return
    if value is None or isinstance(value, dt.date):
        return
    raise refuse(argument, "a date or a date string YYYY-MM-DD", value)


def day(as_of: dt.date | str | None, argument: str = "as_of") -> dt.date:
    """The date asked about: ``as_of``, or today."""
    _date_text(as_of, argument)
    return today(as_of, argument)


def optional_day(value: dt.date | str | None, argument: str) -> dt.date | None:
    """A day, or None when none is given."""
    _date_text(value, argument)
    return optional_date(value, argument)


def known(known_by: dt.date | str | None) -> dt.date | None:
    """The date of knowledge asked about, or None for everything known now."""
    return optional_day(known_by, "known_by")


def choice(enum: type[E], value: object, argument: str) -> E:
    """``value`` as a member of ``enum``, or an error listing the values it accepts."""
    return member(enum, value, "query", argument)


def confidence(min_confidence: Confidence | str) -> Confidence:
    """The least confidence a claim needs."""
    return choice(Confidence, min_confidence, "min_confidence")


def bases(basis: Basis | str | Any, argument: str = "basis") -> tuple[Basis, ...]:
    """One basis or several, in order of preference."""
    return members(Basis, basis, "query", argument)


def claim_kinds(kinds: ClaimKind | str | Iterable[ClaimKind | str]) -> frozenset[ClaimKind]:
    """One claim kind or several: ``"volume_production"`` is one kind, not 17 letters."""
    return frozenset(members(ClaimKind, kinds, "query", "kinds"))


def node_number(n: Any) -> float:
    """A node class in nm: a positive, finite number."""
    expected = "a positive number of nm"
    if isinstance(n, bool) or not isinstance(n, numbers.Real):
        raise refuse("n", expected, n)
    try:
        number = float(n)
    except OverflowError:
        raise refuse("n", expected, n) from None
    if not math.isfinite(number) or number <= 0:
        raise refuse("n", expected, n)
    return number


def name(value: object, argument: str) -> str:
    """A name to look up: a string of at most :data:`MAX_NAME_LENGTH` characters."""
    if not isinstance(value, str) or len(value) > MAX_NAME_LENGTH:
        raise refuse(argument, f"a name (text of at most {MAX_NAME_LENGTH} characters)", value)
    return value


def optional_text(value: object, argument: str) -> str | None:
    """Text to filter by, or None for no filter."""
    return None if value is None else name(value, argument)


def foundry(catalog: Catalog, value: object, argument: str = "foundry") -> Foundry:
    """The catalog's foundry for a name, alias, id or Foundry (looked up by its id, so a
    foundry of another catalog is an unknown name, not a crash)."""
    if isinstance(value, Foundry):
        return catalog.foundry(value.id)
    if not isinstance(value, str):
        raise refuse(argument, "a foundry name or a Foundry", value)
    return catalog.foundry(name(value, argument))


def foundries(catalog: Catalog, value: object) -> list[Foundry]:
    """One foundry (a name: ``"TSMC"`` is TSMC, not T, S, M, C) or several."""
    return [
        foundry(catalog, f, "foundries")
        for f in one_or_many(value, (str, Foundry), "query", "foundries")
    ]


def process_node(catalog: Catalog, value: object, argument: str = "node") -> ProcessNode:
    """A ProcessNode, or the node with this id."""
    if isinstance(value, ProcessNode):
        return value
    if not isinstance(value, str):
        raise refuse(argument, "a ProcessNode or a node id", value)
    return catalog.node(name(value, argument))


def region(value: object) -> Region:
    """A region (``"EU"``) or a country code."""
    return find_region(name(value, "region"))
