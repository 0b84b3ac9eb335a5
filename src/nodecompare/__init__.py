"""nodecompare: compare semiconductor process nodes with a cited, time-aware catalog.

>>> import nodecompare as nc
>>> nc.leaders(7, as_of="2022-07-21").foundries
('Samsung', 'TSMC', 'SMIC', 'Intel')

Importing the package parses no data and builds no unit registry: the bundled catalog is
read on first use, and pint's registry when a quantity is first asked for.
"""

import typing as _typing

from nodecompare import render as _render  # noqa: F401  (registers how results are shown)
from nodecompare.catalog import Catalog
from nodecompare.cite import Citations, cite
from nodecompare.errors import (
    AmbiguousNameError,
    CatalogError,
    NodeCompareError,
    Problem,
    UnknownNameError,
    UnsupportedError,
    ValidationError,
)
from nodecompare.io import (
    catalog_from_dict,
    catalog_to_arrow,
    catalog_to_dict,
    default_catalog,
    load_catalog,
    save_catalog,
)
from nodecompare.model import (
    Alias,
    Basis,
    BusinessModel,
    Claim,
    ClaimKind,
    Confidence,
    ControlScope,
    Copy,
    DerivedFigure,
    DiffusionBreak,
    ExportControl,
    Fab,
    FabNode,
    Figure,
    Foundry,
    Lithography,
    Location,
    Metric,
    PartialDate,
    Precision,
    ProcessNode,
    Product,
    Region,
    Site,
    Source,
    SourceKind,
    Tier,
    Transistor,
)
from nodecompare.queries import (
    ByClass,
    ByDensity,
    ByName,
    ClassBasis,
    beyond_controls,
    claims,
    compare,
    controls,
    density_trend,
    disputes,
    equivalent,
    foundry,
    knowledge_diff,
    leaders,
    node,
    nodes,
    products,
    sources,
    story,
    timeline,
)
from nodecompare.results import (
    Breach,
    Breaches,
    Claims,
    Comparison,
    Controls,
    Dispute,
    Disputes,
    Equivalent,
    KnowledgeDiff,
    Leader,
    Leaders,
    NodeRow,
    Nodes,
    Point,
    Possible,
    Products,
    Sources,
    Trend,
    Unplaced,
)
from nodecompare.units import Q_

if _typing.TYPE_CHECKING:
    from pint.registry import ApplicationRegistry

    ureg: ApplicationRegistry
    #: The bundled data's calendar version (``"2026.12"``), apart from ``__version__``.
    data_version: str

__version__ = "0.1.0"

__all__ = [
    "Q_",
    "Alias",
    "AmbiguousNameError",
    "Basis",
    "Breach",
    "Breaches",
    "BusinessModel",
    "ByClass",
    "ByDensity",
    "ByName",
    "Catalog",
    "CatalogError",
    "Citations",
    "Claim",
    "ClaimKind",
    "Claims",
    "ClassBasis",
    "Comparison",
    "Confidence",
    "ControlScope",
    "Controls",
    "Copy",
    "DerivedFigure",
    "DiffusionBreak",
    "Dispute",
    "Disputes",
    "Equivalent",
    "ExportControl",
    "Fab",
    "FabNode",
    "Figure",
    "Foundry",
    "KnowledgeDiff",
    "Leader",
    "Leaders",
    "Lithography",
    "Location",
    "Metric",
    "NodeCompareError",
    "NodeRow",
    "Nodes",
    "PartialDate",
    "Point",
    "Possible",
    "Precision",
    "Problem",
    "ProcessNode",
    "Product",
    "Products",
    "Region",
    "Site",
    "Source",
    "SourceKind",
    "Sources",
    "Tier",
    "Transistor",
    "Trend",
    "UnknownNameError",
    "Unplaced",
    "UnsupportedError",
    "ValidationError",
    "__version__",
    "beyond_controls",
    "catalog_from_dict",
    "catalog_to_arrow",
    "catalog_to_dict",
    "cite",
    "claims",
    "compare",
    "controls",
    "data_version",
    "default_catalog",
    "density_trend",
    "disputes",
    "equivalent",
    "foundry",
    "knowledge_diff",
    "leaders",
    "load_catalog",
    "node",
    "nodes",
    "products",
    "save_catalog",
    "sources",
    "story",
    "timeline",
    "ureg",
]


def __getattr__(name: str) -> _typing.Any:
    # ``ureg`` is pint's application registry, built only when first asked for;
    # ``data_version`` is read from data/reference/release.json only when first asked for.
    if name == "ureg":
        from nodecompare.units import registry

        return registry()
    if name == "data_version":
        from nodecompare.reference import release

        return release().version
    raise AttributeError(f"module 'nodecompare' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | {"ureg", "data_version"})
