"""Answers made of claims: a list of claims, and the open contradictions among them."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from nodecompare.model import Claim
from nodecompare.results.base import Results

__all__ = ["Claims", "Dispute", "Disputes"]


@attrs.frozen(repr=False)
class Claims(Results[Claim]):
    """Claims in order of ``valid_from``, then ``reported_on``; see :func:`claims`."""

    title: str
    entries: Sequence[Claim]

    def __repr__(self) -> str:
        return f"<{self.title.rsplit(' (', 1)[0]}: {len(self.entries)}>"


@attrs.frozen
class Dispute:
    """A claim and the claims that contradict it."""

    claim: Claim
    contradicted_by: tuple[Claim, ...]


@attrs.frozen(repr=False)
class Disputes(Results[Dispute]):
    """The open contradictions of a catalog; see :func:`disputes`."""

    title: str
    entries: tuple[Dispute, ...]

    def __repr__(self) -> str:
        return f"<Disputes: {len(self.entries)} open>"
