"""The typed model: sources, foundries, process nodes, figures, claims, fabs and controls.

Every record is a frozen, slotted attrs class. ``__init__`` takes values of the right
type (enums, dates, floats in canonical units); parsing of strings, units and ids happens
at the edges (:mod:`nodecompare.io`). Every problem found in a record is reported at once
in one :class:`~nodecompare.errors.ValidationError` naming the class and the field.

The model computes nothing it does not store: derived densities and the other metrics
are :mod:`nodecompare.metrics`'.
"""

from nodecompare.dates import Precision
from nodecompare.model.claims import Claim
from nodecompare.model.enums import (
    PREFERRED_BASES,
    PRODUCTION_KINDS,
    Basis,
    BusinessModel,
    ClaimKind,
    Confidence,
    ControlScope,
    DiffusionBreak,
    Lithography,
    Metric,
    SourceKind,
    Tier,
    Transistor,
)
from nodecompare.model.geography import ExportControl, Fab, FabNode, Location, Site
from nodecompare.model.nodes import Alias, DerivedFigure, Figure, Foundry, ProcessNode
from nodecompare.model.periods import PartialDate
from nodecompare.model.products import Product
from nodecompare.model.regions import Region, regions, regions_of
from nodecompare.model.sources import Copy, Source, strongest_first

__all__ = [
    "PREFERRED_BASES",
    "PRODUCTION_KINDS",
    "Alias",
    "Basis",
    "BusinessModel",
    "Claim",
    "ClaimKind",
    "Confidence",
    "ControlScope",
    "Copy",
    "DerivedFigure",
    "DiffusionBreak",
    "ExportControl",
    "Fab",
    "FabNode",
    "Figure",
    "Foundry",
    "Lithography",
    "Location",
    "Metric",
    "PartialDate",
    "Precision",
    "ProcessNode",
    "Product",
    "Region",
    "Site",
    "Source",
    "SourceKind",
    "Tier",
    "Transistor",
    "regions",
    "regions_of",
    "strongest_first",
]
