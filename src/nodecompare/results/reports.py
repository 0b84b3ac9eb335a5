"""Answers that gather other answers: one node with its claims, and the reference story."""

from __future__ import annotations

import attrs

from nodecompare.model import ProcessNode
from nodecompare.results.base import Rendered
from nodecompare.results.claims import Claims

__all__ = ["NodeReport", "Story"]


@attrs.frozen(repr=False)
class NodeReport(Rendered):
    """A node's names, class, figures and sources, with the claims about it."""

    node: ProcessNode
    claims: Claims

    def __repr__(self) -> str:
        return f"<NodeReport {self.node.label}: {len(self.claims)} claims>"


@attrs.frozen(repr=False)
class Story(Rendered):
    """A story told query by query: each section a title and the answer it shows."""

    sections: tuple[tuple[str, Rendered], ...]

    def __repr__(self) -> str:
        return f"<Story: {len(self.sections)} sections>"
