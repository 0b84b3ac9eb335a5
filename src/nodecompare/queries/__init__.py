"""The questions the catalog answers, each a function returning a result record.

Arguments are checked in one place (:mod:`~nodecompare.queries.arguments`); production
(:mod:`~nodecompare.queries.production`) is the ground the other queries stand on.
"""

from nodecompare.queries.bases import ByClass, ByDensity, ByName, ClassBasis
from nodecompare.queries.claims import claims, disputes, timeline
from nodecompare.queries.compare import compare, equivalent
from nodecompare.queries.controls import beyond_controls, controls
from nodecompare.queries.diff import knowledge_diff
from nodecompare.queries.leaders import leaders
from nodecompare.queries.listing import products, sources
from nodecompare.queries.lookup import foundry, node
from nodecompare.queries.nodes import nodes
from nodecompare.queries.story import story
from nodecompare.queries.trends import density_trend

__all__ = [
    "ByClass",
    "ByDensity",
    "ByName",
    "ClassBasis",
    "beyond_controls",
    "claims",
    "compare",
    "controls",
    "density_trend",
    "disputes",
    "equivalent",
    "foundry",
    "knowledge_diff",
    "leaders",
    "node",
    "nodes",
    "products",
    "sources",
    "story",
    "timeline",
]
