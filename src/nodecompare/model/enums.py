"""The enumerations of the model: kinds, bases, metrics, confidence and tiers."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

__all__ = [
    "PREFERRED_BASES",
    "PRODUCTION_KINDS",
    "Basis",
    "BusinessModel",
    "ClaimKind",
    "Confidence",
    "ControlScope",
    "DiffusionBreak",
    "Lithography",
    "Metric",
    "Ranked",
    "SourceKind",
    "Tier",
    "Transistor",
]


class SourceKind(StrEnum):
    """Who speaks in a source."""

    COMPANY = "company"
    TEARDOWN = "teardown"
    PRESS = "press"
    ANALYST = "analyst"
    GOVERNMENT = "government"
    ACADEMIC = "academic"


class Ranked(StrEnum):
    """An enum whose members run from strongest to weakest."""

    @property
    def rank(self) -> int:
        """0 for the first member, rising down the list."""
        return list(type(self)).index(self)


class Tier(Ranked):
    """How far a source can be trusted, from strongest to weakest (the rule is in
    ``data/reference/publishers.json``; see :mod:`nodecompare.model.publishers`)."""

    PRIMARY = "primary"
    REPUTABLE = "reputable"
    WEAK = "weak"


class BusinessModel(StrEnum):
    """A pure-play foundry makes chips for others; an IDM designs and makes its own."""

    FOUNDRY = "foundry"
    IDM = "idm"


class Transistor(StrEnum):
    """The transistor architecture of a node."""

    PLANAR = "planar"
    FDSOI = "fdsoi"
    FINFET = "finfet"
    GAA = "gaa"


class Lithography(StrEnum):
    """``euv`` when any layer is patterned with EUV; otherwise DUV (with multipatterning)."""

    DUV = "duv"
    EUV = "euv"


class DiffusionBreak(StrEnum):
    """How neighbouring standard cells are isolated: one dummy gate between them, or two."""

    SINGLE = "single"
    DOUBLE = "double"


class Basis(StrEnum):
    """How a figure was obtained.

    ``vendor_ratio`` marks a number derived from a vendor's marketing ratio ("1.8x
    denser"): it is kept for reference and never preferred over a measured figure.

    ``derived`` marks a density nodecompare computes itself from a node's cited CPP, cell
    height and diffusion break (:class:`DerivedFigure`). It is never stored in a catalog
    file. Queries return one only when asked for by basis, except
    :func:`nodecompare.equivalent`, which places a node with no published density by its
    derived one and says so.
    """

    VENDOR_CLAIM = "vendor_claim"
    ANALYST_CALCULATION = "analyst_calculation"
    PRODUCT_MEASUREMENT = "product_measurement"
    VENDOR_RATIO = "vendor_ratio"
    DERIVED = "derived"


#: The order in which a node's figures are preferred when no basis is asked for. Analyst
#: calculations come first because they apply one method (cell dimensions) to every vendor.
PREFERRED_BASES: Final = (
    Basis.ANALYST_CALCULATION,
    Basis.VENDOR_CLAIM,
    Basis.PRODUCT_MEASUREMENT,
)


class Metric(StrEnum):
    """A physical figure of a node, with the canonical unit it is stored in."""

    DENSITY = "density"
    CPP = "cpp"
    MMP = "mmp"
    SRAM_CELL = "sram_cell"
    FIN_PITCH = "fin_pitch"
    CELL_HEIGHT = "cell_height"

    @property
    def unit(self) -> str:
        """The canonical unit figures of this metric are stored in."""
        return _METRIC_UNITS[self]

    @property
    def label(self) -> str:
        """A short human label."""
        return _METRIC_LABELS[self]


_METRIC_UNITS: Final = {
    Metric.DENSITY: "MTr/mm**2",
    Metric.CPP: "nm",
    Metric.MMP: "nm",
    Metric.SRAM_CELL: "um**2",
    Metric.FIN_PITCH: "nm",
    Metric.CELL_HEIGHT: "nm",
}
_METRIC_LABELS: Final = {
    Metric.DENSITY: "logic density",
    Metric.CPP: "contacted poly pitch",
    Metric.MMP: "minimum metal pitch",
    Metric.SRAM_CELL: "6T SRAM bitcell",
    Metric.FIN_PITCH: "fin pitch",
    Metric.CELL_HEIGHT: "cell height",
}


class ClaimKind(StrEnum):
    """What a claim says happened."""

    ANNOUNCED = "announced"
    PLANNED = "planned"
    RISK_PRODUCTION = "risk_production"
    VOLUME_PRODUCTION = "volume_production"
    PRODUCT_SHIPPED = "product_shipped"
    CANCELLED = "cancelled"
    RENAMED = "renamed"
    CAPABILITY = "capability"
    MOST_ADVANCED = "most_advanced"
    EXPORT_CONTROL = "export_control"
    POLICY = "policy"
    STATEMENT = "statement"


#: Claim kinds that show a node was being made in volume: a vendor's statement of volume
#: production, or a product made on the node found on the market (as SMIC's 7 nm-class was).
PRODUCTION_KINDS: Final = frozenset({ClaimKind.VOLUME_PRODUCTION, ClaimKind.PRODUCT_SHIPPED})


class Confidence(Ranked):
    """How sure the catalog is of a claim, from surest to least."""

    CONFIRMED = "confirmed"
    REPORTED = "reported"
    SPECULATIVE = "speculative"
    DISPUTED = "disputed"

    def at_least(self, minimum: Confidence) -> bool:
        """True when this confidence is ``minimum`` or surer."""
        return self.rank <= minimum.rank


class ControlScope(StrEnum):
    """What an export control covers."""

    EQUIPMENT = "equipment"
    EUV_TOOLS = "euv_tools"
    DUV_TOOLS = "duv_tools"
    SOFTWARE = "software"
    ITEMS = "items"
