"""The answers queries give: frozen records with short reprs, shown by
:mod:`nodecompare.render`."""

from nodecompare.results.base import (
    Rendered,
    Results,
    as_data,
    as_frame,
    as_html,
    as_plot,
    as_text,
)
from nodecompare.results.claims import Claims, Dispute, Disputes
from nodecompare.results.compare import Comparison, Equivalent, Generation, GenerationRow, Reached
from nodecompare.results.controls import Breach, Breaches, Controls
from nodecompare.results.diff import ClassChange, KnowledgeDiff, LeaderChange, Supersession
from nodecompare.results.leaders import Leader, Leaders, Possible, Unplaced
from nodecompare.results.listing import Products, Sources
from nodecompare.results.nodes import NodeRow, Nodes
from nodecompare.results.reports import NodeReport, Story
from nodecompare.results.trends import Point, Trend

__all__ = [
    "Breach",
    "Breaches",
    "Claims",
    "ClassChange",
    "Comparison",
    "Controls",
    "Dispute",
    "Disputes",
    "Equivalent",
    "Generation",
    "GenerationRow",
    "KnowledgeDiff",
    "Leader",
    "LeaderChange",
    "Leaders",
    "NodeReport",
    "NodeRow",
    "Nodes",
    "Point",
    "Possible",
    "Products",
    "Reached",
    "Rendered",
    "Results",
    "Sources",
    "Story",
    "Supersession",
    "Trend",
    "Unplaced",
    "as_data",
    "as_frame",
    "as_html",
    "as_plot",
    "as_text",
]
