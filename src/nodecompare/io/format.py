"""The file format's fixed parts: the sections of a document, the keys that differ from
attribute names, and the patterns the loader and the JSON Schema share."""

from __future__ import annotations

from typing import Final

from nodecompare.catalog import RECORD_TYPES, SECTIONS
from nodecompare.model import Figure, Metric
from nodecompare.model.checks import SLUG_PATTERN

__all__ = [
    "DATA_KEYS",
    "DAY_PATTERN",
    "DOCUMENT_KEYS",
    "FIGURE_VALUE",
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

#: The date forms of :mod:`nodecompare.dates` as JSON Schema patterns.
DAY_PATTERN: Final = r"^\d{4}-\d{2}-\d{2}$"
PERIOD_PATTERN: Final = r"^\d{4}(-(\d{2}(-\d{2})?|Q[1-4]|H[12]))?$"
QUANTITY_PATTERN: Final = r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s+\S.*$"
