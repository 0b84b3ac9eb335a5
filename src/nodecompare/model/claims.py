"""Claims: sourced statements that something held from a date, known from a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from nodecompare.model import checks
from nodecompare.model.enums import ClaimKind, Confidence
from nodecompare.model.nodes import Foundry, ProcessNode
from nodecompare.model.periods import PartialDate
from nodecompare.model.sources import Source

__all__ = ["Claim"]


@attrs.frozen(repr=False)
class Claim:
    """A sourced statement that something held from a date, and became known on a date.

    Attributes:
        id: the key it is cited by.
        kind: what is claimed (volume production, product shipped, export control...).
        statement: the claim in one sentence.
        valid_from: when it started to hold.
        reported_on: when it first became public.
        sources: who reports it (at least one); the earliest of them dates the report.
        confidence: confirmed, reported, speculative or disputed.
        node: the node it is about, if any.
        foundry: the foundry it is about; the node's foundry when only a node is given.
        region: a country code or ``"EU"``, for claims about where chips are made.
        valid_until: when it stopped holding, if it did.
        evidence: what it rests on (a product found in a teardown, a filing...).
        note: anything a reader should know, e.g. why it is disputed.
        background: sources that support part of the claim or its context (a launch date,
            an earlier plan, a policy it reads) without reporting it; they do not date it.
        disputes: ids of the claims this one contradicts (both are kept).
        supersedes: ids of the claims this one replaces from its ``reported_on`` on (a
            corrected date or figure); queries known by that date ignore the old ones.
    """

    id: str = checks.field(checks.slug)
    kind: ClaimKind = checks.field(checks.instance(ClaimKind))
    statement: str = checks.field(checks.text)
    valid_from: PartialDate = checks.field(checks.instance(PartialDate))
    reported_on: dt.date = checks.field(checks.day)
    sources: tuple[Source, ...] = checks.field(checks.tuple_of(Source, nonempty=True))
    confidence: Confidence = checks.field(checks.instance(Confidence), default=Confidence.REPORTED)
    node: ProcessNode | None = checks.field(
        checks.optional(checks.instance(ProcessNode)), default=None
    )
    foundry: Foundry | None = checks.field(checks.optional(checks.instance(Foundry)), default=None)
    region: str | None = checks.field(checks.optional(checks.country), default=None)
    valid_until: PartialDate | None = checks.field(
        checks.optional(checks.instance(PartialDate)), default=None
    )
    evidence: str = checks.field(checks.plain_text, default="")
    note: str = checks.field(checks.plain_text, default="")
    background: tuple[Source, ...] = checks.field(checks.tuple_of(Source), default=())
    disputes: tuple[str, ...] = checks.field(checks.tuple_of(str), default=())
    supersedes: tuple[str, ...] = checks.field(checks.tuple_of(str), default=())

    def __attrs_post_init__(self) -> None:
        if self.foundry is None and isinstance(self.node, ProcessNode):
            # A claim about a node is about its foundry too.
            object.__setattr__(self, "foundry", self.node.foundry)
        checks.validate(self)

    @staticmethod
    def cross_field_rules(values: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
        """A subject; the node's foundry; an end after the start; no reference to itself."""
        node, foundry = values.get("node"), values.get("foundry")
        if (
            checks.given(values, "node", "foundry", "region")
            and node is None
            and foundry is None
            and values["region"] is None
        ):
            yield "foundry", "a claim needs a subject: a foundry, a node or a region"
        # A foundry left out is the node's (set before the checks run).
        if isinstance(node, ProcessNode) and foundry is not None and node.foundry != foundry:
            yield "foundry", f"{foundry!r} is not the foundry of {node!r}"
        start, end = values.get("valid_from"), values.get("valid_until")
        if (
            isinstance(end, PartialDate)
            and isinstance(start, PartialDate)
            and end.start <= start.start
        ):
            yield "valid_until", f"{end} is not after {start}"
        for field in ("disputes", "supersedes"):
            if "id" in values and values["id"] in values.get(field, ()):
                yield field, "a claim cannot refer to itself"

    def holds_on(self, day: dt.date) -> bool:
        """True when the claim surely held on ``day``.

        A claim known only to a month or a year ("since July 2021") counts from the last
        day of that period, when it had certainly started, until ``valid_until`` begins.
        """
        return self.valid_from.end <= day and (
            self.valid_until is None or day < self.valid_until.start
        )

    def possibly_holds_on(self, day: dt.date) -> bool:
        """True when the claim may have held on ``day``: from the first day of
        ``valid_from`` (a claim dated "2020-Q4" possibly held from 1 October 2020) until
        ``valid_until`` has surely begun. Every day it surely held, it possibly held."""
        return self.valid_from.start <= day and (
            self.valid_until is None or day < self.valid_until.end
        )

    def known_by(self, day: dt.date | None) -> bool:
        """True when the claim had been reported on or before ``day`` (None: always)."""
        return day is None or self.reported_on <= day

    @property
    def subject(self) -> str:
        """Who or what the claim is about, as text."""
        if self.node is not None:
            return self.node.label
        if self.foundry is not None:
            return self.foundry.name
        return str(self.region)

    def __repr__(self) -> str:
        return f"Claim({self.id!r})"
