"""Sources: the publications every figure and claim cites."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from nodecompare.model import checks
from nodecompare.model.enums import SourceKind, Tier
from nodecompare.model.periods import PartialDate
from nodecompare.model.publishers import tier_of

__all__ = ["Copy", "Source", "strongest_first"]


@attrs.frozen
class Copy:
    """Where a source was read when its original was not: the host site and, when it
    has one, the URL."""

    host: str = checks.field(checks.text)
    url: str | None = checks.field(checks.optional(checks.text), default=None)

    def __attrs_post_init__(self) -> None:
        checks.validate(self)


@attrs.frozen(repr=False)
class Source:
    """A publication that figures and claims cite.

    Attributes:
        id: the key records cite it by.
        publisher: who published it (``"TechInsights"``, ``"TSMC"``).
        title: its title.
        kind: who speaks: company, teardown, press, analyst, government, academic.
        url: where to read it, when it is online.
        date: when it was published, when known, to the precision known (a page that
            shows only its month is dated to the month).
        accessed: when the catalog's authors read it.
        authors: its authors, when named.
        title_inferred: True when the title was not seen (taken from a URL or described
            by the catalog's authors).
        via: the copy it was read through (a mirror, a syndication, a reprint), when the
            original was not read; ``publisher``, ``title``, ``date`` and ``url`` stay the
            original's. Only a faithful copy: a rewrite, summary or translation is the
            work of the site that made it, recorded under that site with ``relays``.
        affiliation: for a paper, the company its authors speak for.
        relays: for an article written from others' reports or statements, whose: one
            entry each, the name first, then, optionally, the report or statement in
            parentheses (``("DIGITIMES",)``, ``("Bloomberg", "TechInsights")``,
            ``("Intel (VLSI 2022 paper)",)``); it is not a copy of them.
        weak_reason: for a source the publisher table ranks weak, why nothing stronger is
            cited; a source of a higher tier gives none (its limits go in ``note``).
        note: what a reader should know about the source itself: how it was read, whose
            measurement or rumour it passes on, why its date is what it is.
    """

    id: str = checks.field(checks.slug)
    publisher: str = checks.field(checks.text)
    title: str = checks.field(checks.text)
    kind: SourceKind = checks.field(checks.instance(SourceKind))
    url: str | None = checks.field(checks.optional(checks.text), default=None)
    date: PartialDate | None = checks.field(
        checks.optional(checks.instance(PartialDate)), default=None
    )
    accessed: dt.date | None = checks.field(checks.optional(checks.day), default=None)
    authors: tuple[str, ...] = checks.field(checks.tuple_of(str), default=())
    title_inferred: bool = checks.field(checks.instance(bool), default=False)
    via: Copy | None = checks.field(checks.optional(checks.instance(Copy)), default=None)
    affiliation: str | None = checks.field(checks.optional(checks.text), default=None)
    relays: tuple[str, ...] = checks.field(checks.tuple_of(str), default=())
    weak_reason: str = checks.field(checks.plain_text, default="")
    note: str = checks.field(checks.plain_text, default="")

    def __attrs_post_init__(self) -> None:
        checks.validate(self)

    @staticmethod
    def cross_field_rules(values: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
        """Each party it relays named."""
        for name in values.get("relays", ()):
            if (problem := checks.text(name)) is not None:
                yield "relays", problem

    @property
    def tier(self) -> Tier:
        """Primary, reputable or weak, by the publisher table's rule."""
        return tier_of(self)

    @property
    def appeared_by(self) -> dt.date | None:
        """The day it had surely appeared: the last day of its date (one known to the month
        had appeared by the month's end); None when undated."""
        return self.date.end if self.date is not None else None

    @property
    def link(self) -> str | None:
        """Where to read it: the original's URL, else the copy's."""
        return self.url or (self.via.url if self.via else None)

    def __repr__(self) -> str:
        return f"Source({self.id!r})"

    def __str__(self) -> str:
        title = f"[{self.title}]" if self.title_inferred else repr(self.title)
        when = f", {self.date}" if self.date else ""
        read = f" (read via {self.via.host})" if self.via else ""
        return f"{self.publisher}, {title}{when}{read}"


def strongest_first(sources: Iterable[Source]) -> list[Source]:
    """The sources by tier, primary first, each tier in the order cited: what a reader
    should meet first is the best evidence."""
    return sorted(sources, key=lambda s: s.tier.rank)
