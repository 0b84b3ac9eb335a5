"""The answer to :func:`nodecompare.knowledge_diff`: what became known between two dates."""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs

from nodecompare.model import Claim, Foundry, PartialDate, ProcessNode
from nodecompare.results.base import Rendered
from nodecompare.results.claims import Dispute
from nodecompare.results.leaders import Leaders

__all__ = ["ClassChange", "KnowledgeDiff", "LeaderChange", "Supersession"]

#: A foundry's place in a :class:`~nodecompare.Leaders` answer: listed as surely or
#: possibly qualifying, or not listed.
SURELY: Final = "surely"
POSSIBLY: Final = "possibly"
UNLISTED: Final = ""


@attrs.frozen
class Supersession:
    """A claim that claims reported in the window replace (from their report on).

    Attributes:
        claim: the claim replaced.
        by: the claims reported in the window that replace it, oldest first.
    """

    claim: Claim
    by: tuple[Claim, ...]


@attrs.frozen
class LeaderChange:
    """How one foundry's standing at a node class changed between the two dates.

    Attributes:
        foundry: the foundry.
        was, now: ``"surely"``, ``"possibly"`` or ``""`` (not listed), by what was known
            on the first and on the second date.
        node_was, node_now: the node it was listed with, if listed.
        since_was, since_now: when it reached the class (for a possible leader: the
            period its production is known to), if listed.
        claims: the production claims behind its standing now (before, if it left).
        because: the claims reported in the window that made the change: new evidence
            behind its standing now, and claims replacing the evidence it had.
    """

    foundry: Foundry
    was: str
    now: str
    node_was: ProcessNode | None
    node_now: ProcessNode | None
    since_was: PartialDate | None
    since_now: PartialDate | None
    claims: tuple[Claim, ...]
    because: tuple[Claim, ...]

    @property
    def summary(self) -> str:
        """The change in words: ``entered (surely)``, ``left (was possibly)``..."""
        if self.was == self.now:
            return f"{self.now}, since changed"
        if not self.was:
            return f"entered ({self.now})"
        if not self.now:
            return f"left (was {self.was})"
        return f"{self.was} -> {self.now}"


@attrs.frozen
class ClassChange:
    """How :func:`~nodecompare.leaders` answered for one node class on the two dates.

    Attributes:
        n: the node class, in nm.
        before, after: the answers by the claims known on each date.
        changes: the foundries whose standing changed, in the order of ``after``'s lists
            (then those that left, in ``before``'s).
    """

    n: float
    before: Leaders
    after: Leaders
    changes: tuple[LeaderChange, ...]

    def _names(self, status: str, *, now: bool) -> tuple[str, ...]:
        return tuple(
            c.foundry.name
            for c in self.changes
            if (c.now if now else c.was) == status and c.was != c.now
        )

    @property
    def entered(self) -> tuple[str, ...]:
        """Foundries surely qualifying after, not before."""
        return self._names(SURELY, now=True)

    @property
    def left(self) -> tuple[str, ...]:
        """Foundries surely qualifying before, not after."""
        return self._names(SURELY, now=False)

    @property
    def possibly_entered(self) -> tuple[str, ...]:
        """Foundries possibly qualifying after, not before."""
        return self._names(POSSIBLY, now=True)

    @property
    def possibly_left(self) -> tuple[str, ...]:
        """Foundries possibly qualifying before, not after."""
        return self._names(POSSIBLY, now=False)


@attrs.frozen(repr=False)
class KnowledgeDiff(Rendered):
    """What became known after ``before``, up to and including ``after``; see
    :func:`~nodecompare.knowledge_diff`.

    ``to_frame()`` has one row per change (and ``to_dict()["changes"]`` the same rows): its
    ``change`` (``new claim``, ``superseded``, ``new dispute``, ``closed dispute``,
    ``leaders``), the day it became known (``reported_on``: a replacement's or the later
    side's report; for leaders, the latest claim behind the change), the claim and what it
    is about, the ids of the claims ``related`` to it (a list: replacements, the other
    sides, the evidence), and for leaders ``class_nm``, ``was``, ``now``, ``node`` and
    ``since`` (with ``since_start`` and ``since_end``).

    Attributes:
        before, after: the window: claims reported after ``before`` and on or before
            ``after`` are new.
        as_of: the day the leaders were asked about.
        foundry: the foundry the diff is limited to, if any.
        basis: what "n-nm class" meant for the leaders, by name (``node class``,
            ``vendor name``, ``density``; each class's rule in full is in its answers).
        classes: the node classes whose leaders were compared, most advanced first.
        new_claims: the claims reported in the window, in the order they were reported
            (then the order they held).
        superseded: the claims that claims reported in the window replace.
        new_disputes: contradictions open after and not before, each once: the later
            reported claim, with the claims it contradicts.
        closed_disputes: contradictions open before and not after (a side was replaced).
        leaders: the classes whose leaders changed, most advanced first.
    """

    before: dt.date
    after: dt.date
    as_of: dt.date
    foundry: Foundry | None
    basis: str
    classes: tuple[float, ...]
    new_claims: tuple[Claim, ...]
    superseded: tuple[Supersession, ...]
    new_disputes: tuple[Dispute, ...]
    closed_disputes: tuple[Dispute, ...]
    leaders: tuple[ClassChange, ...]

    @property
    def is_empty(self) -> bool:
        """True when nothing became known in the window."""
        return not (
            self.new_claims
            or self.superseded
            or self.new_disputes
            or self.closed_disputes
            or self.leaders
        )

    @property
    def title(self) -> str:
        """The window, in words."""
        about = f" about {self.foundry.name}" if self.foundry else ""
        return (
            f"What became known{about} after {self.before}, up to {self.after} "
            f"(leaders on {self.as_of})"
        )

    def leaders_of(self, n: float) -> ClassChange | None:
        """The change of the leaders of the n-nm class, or None when they did not change."""
        return next((change for change in self.leaders if change.n == n), None)

    @property
    def summary(self) -> str:
        """What changed, counted: ``13 new claims, 0 superseded, 2 new disputes, 0 closed;
        leaders changed at 4 classes``."""
        return (
            f"{len(self.new_claims)} new claims, {len(self.superseded)} superseded, "
            f"{len(self.new_disputes)} new disputes, {len(self.closed_disputes)} closed; "
            f"leaders changed at {self._classes_changed}"
        )

    @property
    def _classes_changed(self) -> str:
        count = len(self.leaders)
        return f"{count} {'class' if count == 1 else 'classes'}"

    def __repr__(self) -> str:
        about = f" about {self.foundry.name}" if self.foundry else ""
        counts = [
            (len(self.new_claims), "new claims"),
            (len(self.superseded), "superseded"),
            (len(self.new_disputes) + len(self.closed_disputes), "disputes opened or closed"),
        ]
        told = [f"{count} {what}" for count, what in counts if count]
        if self.leaders:
            told.append(f"leaders changed at {self._classes_changed}")
        told_text = ", ".join(told) or "nothing new"
        return f"<KnowledgeDiff{about} {self.before} to {self.after}: {told_text}>"
