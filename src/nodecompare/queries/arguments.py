"""The one place query arguments are checked and given their defaults.

Every query takes ``catalog`` (None: the bundled one; an empty catalog is a catalog),
and most take ``as_of`` (default today), ``known_by`` (default: everything known now)
and ``min_confidence``; dates follow :mod:`nodecompare.dates`.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from nodecompare.catalog import Catalog
from nodecompare.dates import optional_date, today
from nodecompare.errors import ValidationError, query_choice
from nodecompare.io import default_catalog
from nodecompare.model import Basis, Confidence

__all__ = ["bases", "catalog_or_default", "confidence", "day", "known", "node_number"]


def catalog_or_default(catalog: Catalog | None) -> Catalog:
    """``catalog``, or the bundled catalog when it is None (not when it is empty)."""
    return default_catalog() if catalog is None else catalog


def day(as_of: dt.date | str | None) -> dt.date:
    """The date asked about: ``as_of``, or today."""
    return today(as_of, "as_of")


def known(known_by: dt.date | str | None) -> dt.date | None:
    """The date of knowledge asked about, or None for everything known now."""
    return optional_date(known_by, "known_by")


def confidence(min_confidence: Confidence | str) -> Confidence:
    """The least confidence a claim needs."""
    return query_choice(Confidence, min_confidence, "min_confidence")


def bases(basis: Basis | str | Any) -> tuple[Basis, ...]:
    """One basis or several, in order of preference."""
    try:
        if isinstance(basis, str):
            return (Basis(basis),)
        return tuple(Basis(b) for b in basis)
    except (TypeError, ValueError):
        allowed = ", ".join(b.value for b in Basis)
        raise ValidationError.of(
            "query", "basis", f"expected one or more of {allowed}, got {basis!r}"
        ) from None


def node_number(n: Any) -> float:
    """A node class in nm: a positive, finite number."""
    if isinstance(n, bool) or not isinstance(n, (int, float)) or not math.isfinite(n) or n <= 0:
        raise ValidationError.of("query", "n", f"expected a positive number of nm, got {n!r}")
    return float(n)
