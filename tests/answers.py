"""One answer of every result type nodecompare exports, each made by a real query on the
bundled catalog, and the result types to hold the list against."""

from collections.abc import Callable

import nodecompare as nc
from nodecompare.results import NodeReport, Rendered, Results

DAY = "2022-07-21"


def _node_report() -> NodeReport:
    node = nc.node("SMIC", "N+1")
    return NodeReport(node, nc.claims(node=node))


#: Each result type's name, and how to make one answer of it.
ANSWERS: dict[str, Callable[[], Rendered]] = {
    "Leaders": lambda: nc.leaders(7, as_of=DAY),
    "Claims": lambda: nc.claims(foundry="SMIC"),
    "Disputes": lambda: nc.disputes(),
    "Comparison": lambda: nc.compare("TSMC", "SMIC", as_of=DAY),
    "Equivalent": lambda: nc.equivalent(nc.node("Intel", "Intel 4")),
    "Controls": lambda: nc.controls(as_of=DAY),
    "Breaches": lambda: nc.beyond_controls(as_of=DAY),
    "Trend": lambda: nc.density_trend(),
    "Products": lambda: nc.products(foundry="SMIC"),
    "Sources": lambda: nc.sources(tier="weak"),
    "Citations": lambda: nc.cite(nc.leaders(7, as_of=DAY)),
    "NodeReport": _node_report,
    "Nodes": lambda: nc.nodes(as_of=DAY),
    "Story": lambda: nc.story(),
    "KnowledgeDiff": lambda: nc.knowledge_diff("2022-07-01", "2022-07-31"),
}


def result_types() -> set[type]:
    """Every Rendered subclass reachable from nodecompare's public names, less the generic
    bases nothing is an instance of alone."""
    for name in nc.__all__:
        getattr(nc, name)  # loads lazily exported modules, so their classes exist
    found: set[type] = set()
    pending: list[type] = [Rendered]
    while pending:
        subclasses: list[type] = pending.pop().__subclasses__()
        for sub in subclasses:
            if sub.__module__.startswith("nodecompare") and sub not in found:
                found.add(sub)
                pending.append(sub)
    return found - {Rendered, Results}
