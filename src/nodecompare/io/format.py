"""The file format's fixed parts: the sections of a document, the keys that differ from
attribute names, and the patterns the loader and the JSON Schema share."""

from __future__ import annotations

from typing import Final

from nodecompare.catalog import RECORD_TYPES, SECTIONS
from nodecompare.model import Figure, Metric
from nodecompare.model.checks import COUNTRY_PATTERN, SLUG_PATTERN
from nodecompare.units import MAX_QUANTITY_LENGTH, NUMBER_FORM, UNIT_FORM

__all__ = [
    "COUNTRY_PATTERN",
    "DATA_KEYS",
    "DAY_PATTERN",
    "DOCUMENT_KEYS",
    "FIGURE_VALUE",
    "MAX_QUANTITY_LENGTH",
    "METRIC_NAMES",
    "PERIOD_PATTERN",
    "QUANTITY_PATTERN",
    "RECORD_TYPES",
    "SECTIONS",
    "SLUG_PATTERN",
]

#: Fields whose key in the data files differs from the attribute's name: a figure's
#: magnitude is written ``"value": "91.2 MTr/mm**2"``, a quantity with its unit.
DATA_KEYS: Final[dict[tuple[type, str], str]] = {(Figure, "magnitude"): "value"}
FIGURE_VALUE: Final = DATA_KEYS[(Figure, "magnitude")]

#: The keys a document may have: a free-text note on its sources, and the sections.
DOCUMENT_KEYS: Final = frozenset({"about", *SECTIONS})
METRIC_NAMES: Final = frozenset(metric.value for metric in Metric)

# Written for both ECMA-262 (JSON Schema) and Python's re (jsonschema, the loader): ASCII
# digits are spelled [0-9], since Python's \d also matches fullwidth and Arabic-Indic
# digits; patterns end in ``$(?!\n)``, since Python's ``$`` also matches before a final
# newline (see model.checks).
#: The date forms of :mod:`nodecompare.dates` as JSON Schema patterns: a year from 0001,
#: months 01 to 12, days 01 to 31, and nothing that ends on 9999-12-31, the last day
#: ``datetime`` holds. Whether a day exists in its month (2021-02-30) is the loader's to say.
_YEAR = "(?!0000)[0-9]{4}"
_MONTH = "(0[1-9]|1[0-2])"
_DAY = "(0[1-9]|[12][0-9]|3[01])"
_NOT_THE_LAST_DAY = "(?!9999(-(H2|Q4|12(-31)?))?$)"
DAY_PATTERN: Final = f"^{_NOT_THE_LAST_DAY}{_YEAR}-{_MONTH}-{_DAY}$(?!\n)"
PERIOD_PATTERN: Final = f"^{_NOT_THE_LAST_DAY}{_YEAR}(-({_MONTH}(-{_DAY})?|Q[1-4]|H[12]))?$(?!\n)"
#: A figure value as :func:`nodecompare.units.canonical_magnitude` reads it: a number, a
#: unit, spaces or tabs around them (at most ``MAX_QUANTITY_LENGTH`` characters in all).
#: The unit does not begin with what the loader reads as the number's exponent: "7e5" is a
#: number without a unit, not 7 of a unit "e5".
QUANTITY_PATTERN: Final = rf"^[ \t]*{NUMBER_FORM}(?![eE][-+]?[0-9])[ \t]*{UNIT_FORM}$(?!\n)"
