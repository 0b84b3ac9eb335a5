"""Units: pint's application registry, extended with a transistor unit.

Figures are stored as plain floats in one canonical unit per metric (nm, um**2,
MTr/mm**2) so that equality, hashing and sorting work on numbers; ``pint`` is imported
and its registry built only when a quantity is asked for or a figure arrives in another
unit.
"""

from __future__ import annotations

import math
import re
import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

from nodecompare.errors import shorten

if TYPE_CHECKING:
    import pint
    from pint.registry import ApplicationRegistry

__all__ = [
    "MAX_QUANTITY_LENGTH",
    "NUMBER_FORM",
    "Q_",
    "UNIT_FORM",
    "canonical_magnitude",
    "format_quantity",
    "registry",
]

_lock = threading.Lock()
_extended: set[int] = set()

#: The longest figure value read, in characters. "91.2 MTr/mm**2" has 14; pint's parser
#: takes time quadratic in the length of what it is given, so longer text never reaches it.
MAX_QUANTITY_LENGTH: Final = 64
#: A number as figures are written: ASCII digits only (a fullwidth 7 is refused, not read as 7).
NUMBER_FORM: Final = r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
#: What a unit may look like before pint reads it: unit names with powers, products and
#: quotients ("MTr/mm**2", "µm²", "nm ** 2"). It only keeps junk away from pint.
UNIT_FORM: Final = r"[A-Za-zµμÅ(][A-Za-z0-9µμÅ_*/^.()²³ \t-]*"
# Kept as text so that a figure written in its canonical unit needs no registry; inf and
# nan are read so that the message says what is wrong with them.
_QUANTITY = re.compile(rf"({NUMBER_FORM}|[-+]?inf|nan)[ \t]*({UNIT_FORM})?")


def registry() -> ApplicationRegistry:
    """Return pint's application registry, with nodecompare's units defined in it.

    The transistor is a base unit of its own dimension (``Tr``, so ``MTr`` is a million)
    so that a density cannot be mistaken for an inverse area. The registry is pint's
    application registry, never a private one, so quantities mix with the user's.
    """
    import pint

    ureg: ApplicationRegistry = pint.get_application_registry()  # type: ignore[no-untyped-call]
    # The application registry wraps whichever registry is current; extend that one.
    key = id(ureg.get())  # type: ignore[no-untyped-call]
    if key not in _extended:
        with _lock:
            if key not in _extended:
                if "transistor" not in ureg:
                    ureg.define("transistor = [transistor] = Tr")
                _extended.add(key)
    return ureg


def Q_(value: Any, unit: str | None = None) -> pint.Quantity[Any]:
    """Build a quantity in pint's application registry: ``Q_(91.2, "MTr/mm**2")``."""
    ureg = registry()
    quantity: pint.Quantity[Any] = (
        ureg.Quantity(value) if unit is None else ureg.Quantity(value, unit)
    )
    return quantity


# Bounded: the units come from user data.
@lru_cache(maxsize=256)
def _conversion(unit: str, canonical: str) -> float:
    """The factor from ``unit`` to ``canonical``; raises ValueError on a wrong dimension."""
    ureg = registry()
    try:
        source = ureg.Unit(unit)
    except Exception as error:  # pint raises several unrelated types for bad units
        raise ValueError(f"unknown unit {shorten(unit)}") from error
    target = ureg.Unit(canonical)
    if source.dimensionality != target.dimensionality:
        raise ValueError(
            f"{shorten(unit)} is not a unit of {target.dimensionality}"
            f" (expected e.g. {canonical!r})"
        )
    return float(ureg.Quantity(1.0, source).to(target).magnitude)


_SIGNIFICANT_DIGITS = 12


def canonical_magnitude(value: Any, canonical: str) -> float:
    """Convert a figure to a positive, finite float in the ``canonical`` unit.

    ``value`` may be a pint quantity or a string such as ``"91.2 MTr/mm**2"``; a string
    already in the canonical unit is converted without building the registry.

    Raises:
        ValueError: the value is not a quantity, has the wrong dimension, or is zero,
            negative, infinite or not a number.
    """
    if isinstance(value, str):
        magnitude = _text_magnitude(value, canonical)
    elif isinstance(value, (bool, int, float)):
        raise ValueError(f"{shorten(value)} has no unit: it needs a unit, e.g. '7 {canonical}'")
    else:
        units = getattr(value, "units", None)
        if units is None:
            raise ValueError(f"{shorten(value)} is not a quantity")
        magnitude = float(value.magnitude) * _conversion(str(units), canonical)
    if not math.isfinite(magnitude) or magnitude <= 0:
        raise ValueError(f"{shorten(value)} must be positive and finite")
    return round_canonical(magnitude)


def _text_magnitude(text: str, canonical: str) -> float:
    """The magnitude of a figure written as text, in the ``canonical`` unit."""
    if len(text) > MAX_QUANTITY_LENGTH:
        raise ValueError(
            f"a quantity has at most {MAX_QUANTITY_LENGTH} characters; this one has {len(text)}"
        )
    match = _QUANTITY.fullmatch(text.strip(" \t"))
    if match is None:
        raise ValueError(
            f"{shorten(text)} is not a number followed by a unit, e.g. '7 {canonical}'"
        )
    number, unit = match.group(1), match.group(2)
    if not unit:
        raise ValueError(
            f"{shorten(text)} has no unit: it needs a unit, e.g. '{number} {canonical}'"
        )
    factor = 1.0 if unit == canonical else _conversion(unit, canonical)
    return float(number) * factor


def round_canonical(magnitude: float) -> float:
    """``magnitude`` to 12 significant digits, the precision figures are stored at.

    Unit conversion leaves binary noise ("0.057 um" gives 56.99999999999999 nm); rounding
    far below any published precision makes equal quantities given in different units
    compare and hash equal.
    """
    return float(f"{magnitude:.{_SIGNIFICANT_DIGITS}g}")


def format_quantity(magnitude: float, unit: str) -> str:
    """Render a canonical figure as text, ``91.2 MTr/mm**2``, without pint."""
    return f"{magnitude:g} {unit}"
