"""Where nodes are made (fabs, locations, sites) and the export controls on them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from nodecompare.errors import shorten
from nodecompare.model import checks
from nodecompare.model.enums import ControlScope
from nodecompare.model.nodes import Foundry, ProcessNode
from nodecompare.model.periods import PartialDate
from nodecompare.model.regions import Region, regions_of
from nodecompare.model.sources import Source

__all__ = ["ExportControl", "Fab", "FabNode", "Location", "Site"]


@attrs.frozen(repr=False)
class FabNode:
    """A node made at a fab from a date, with the sources that say so.

    Attributes:
        node: the node made there.
        since: when production of the node started at the fab; None when the sources
            place the node there without a date (it then counts whenever the node is in
            production).
        reported_on: when that became public; None when no source with a date says so
            (it then counts only for queries of everything known now).
        sources: who reports it; the earliest dated one dates ``reported_on``.
        until: when it stopped, if it did.
        note: anything a reader should know.
        background: sources for its context (a plan, an earlier ramp) that do not report
            it, as for :class:`Claim`.
        planned: True when the sources only say the node was to be made here (a fab
            named ahead of a ramp) and none reports that it was. A plan is listed with the
            fab but places no production: it is never a site and never makes the node.
    """

    node: ProcessNode = checks.field(checks.instance(ProcessNode))
    since: PartialDate | None = checks.field(checks.optional(checks.instance(PartialDate)))
    reported_on: dt.date | None = checks.field(checks.optional(checks.day))
    sources: tuple[Source, ...] = checks.field(checks.tuple_of(Source, nonempty=True))
    until: PartialDate | None = checks.field(
        checks.optional(checks.instance(PartialDate)), default=None
    )
    note: str = checks.field(checks.plain_text, default="")
    background: tuple[Source, ...] = checks.field(checks.tuple_of(Source), default=())
    planned: bool = checks.field(checks.instance(bool), default=False)

    def __attrs_post_init__(self) -> None:
        checks.validate(self)

    def makes_on(
        self, day: dt.date, known_by: dt.date | None = None, *, possibly: bool = False
    ) -> bool:
        """True when the fab surely made the node on ``day`` (with ``possibly``: may have
        made it), by what was known on ``known_by``. Never for a plan."""
        return not self.planned and _made_on(self, day, known_by, possibly)

    def __repr__(self) -> str:
        planned = ", planned" if self.planned else ""
        return f"FabNode({self.node.label!r}, since={str(self.since)!r}{planned})"


def _made_on(
    made: FabNode | Location, day: dt.date, known_by: dt.date | None, possibly: bool
) -> bool:
    """The two-date rule for where a node is made: surely from the end of ``since``
    (possibly from its start), until ``until`` has begun (possibly until it ended). An
    undated placement holds whenever asked; one with no dated report is known only to
    queries of everything known now."""
    since, until = made.since, made.until
    if possibly:
        began = since is None or since.start <= day
        ongoing = until is None or day < until.end
    else:
        began = since is None or since.end <= day
        ongoing = until is None or day < until.start
    known = known_by is None or (made.reported_on is not None and made.reported_on <= known_by)
    return began and ongoing and known


@attrs.frozen(repr=False)
class Fab:
    """A wafer fab: who runs it, where it is, and which nodes it makes from when.

    Attributes:
        id: the key records refer to it by (``"intel-fab-42"``).
        operator: the foundry that runs it.
        name: its usual name (``"Fab 42"``).
        city: where it is.
        country: ISO 3166-1 alpha-2 code of where it is.
        nodes: the nodes it makes, each from a date, each cited.
        sources: what establishes the fab itself.
        note: anything a reader should know.
    """

    id: str = checks.field(checks.slug)
    operator: Foundry = checks.field(checks.instance(Foundry))
    name: str = checks.field(checks.text)
    city: str = checks.field(checks.text)
    country: str = checks.field(checks.country)
    nodes: tuple[FabNode, ...] = checks.field(checks.tuple_of(FabNode), default=())
    sources: tuple[Source, ...] = checks.field(checks.tuple_of(Source), default=())
    note: str = checks.field(checks.plain_text, default="")

    def __attrs_post_init__(self) -> None:
        checks.validate(self)

    @staticmethod
    def cross_field_rules(values: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
        """Every node made at the fab is its operator's."""
        operator = values.get("operator")
        for made in values.get("nodes", ()) if operator is not None else ():
            if made.node.foundry != operator:
                yield "nodes", f"{made.node!r} is not made by {operator!r}"

    def regions(self, day: dt.date | None = None) -> tuple[str, ...]:
        """The regions the fab lay in on ``day`` (None: today): ``("EU",)`` for Ireland."""
        return regions_of(self.country, day)

    def __repr__(self) -> str:
        return f"Fab({self.operator.name!r}, {self.name!r}, {self.country!r})"


@attrs.frozen(repr=False)
class Location:
    """Where a node is made when the sources name a country or a city but no fab.

    Attributes:
        id: the key it is cited by.
        node: the node made there.
        country: ISO 3166-1 alpha-2 code, or ``"EU"`` when only the region is public.
        since: when production of the node started there (None: not dated, as for
            :class:`FabNode`).
        reported_on: when that became public (None: no dated source says so).
        sources: who reports it; the earliest dated one dates ``reported_on``.
        city: the city, when the sources name one.
        until: when it stopped, if it did.
        note: anything a reader should know.
        background: sources for its context that do not report it, as for :class:`Claim`.
    """

    id: str = checks.field(checks.slug)
    node: ProcessNode = checks.field(checks.instance(ProcessNode))
    country: str = checks.field(checks.country)
    since: PartialDate | None = checks.field(checks.optional(checks.instance(PartialDate)))
    reported_on: dt.date | None = checks.field(checks.optional(checks.day))
    sources: tuple[Source, ...] = checks.field(checks.tuple_of(Source, nonempty=True))
    city: str = checks.field(checks.plain_text, default="")
    until: PartialDate | None = checks.field(
        checks.optional(checks.instance(PartialDate)), default=None
    )
    note: str = checks.field(checks.plain_text, default="")
    background: tuple[Source, ...] = checks.field(checks.tuple_of(Source), default=())

    def __attrs_post_init__(self) -> None:
        checks.validate(self)

    def makes_on(
        self, day: dt.date, known_by: dt.date | None = None, *, possibly: bool = False
    ) -> bool:
        """True when the node was surely (with ``possibly``: may have been) made here on
        ``day``, by what was known on ``known_by``."""
        return _made_on(self, day, known_by, possibly)

    def __repr__(self) -> str:
        return f"Location({self.id!r})"


@attrs.frozen(repr=False)
class Site:
    """Where a node is made over a period: a fab's entry for it, or a :class:`Location`.

    Queries by region read sites, so a node placed only by country counts like one whose
    fab is known.
    """

    made: FabNode | Location
    fab: Fab | None = None

    @property
    def node(self) -> ProcessNode:
        """The node made here."""
        return self.made.node

    @property
    def country(self) -> str:
        """Where it is: a country code or ``"EU"``."""
        return self.fab.country if self.fab is not None else self.made_location.country

    @property
    def made_location(self) -> Location:
        """The location record, for a site that is not a fab."""
        assert isinstance(self.made, Location)
        return self.made

    @property
    def name(self) -> str:
        """The fab's name and city, or the city and country of a location."""
        if self.fab is not None:
            return f"{self.fab.name}, {self.fab.city}"
        city = self.made_location.city
        return f"{city} (fab not public)" if city else "(fab not public)"

    def regions(self, day: dt.date | None = None) -> tuple[str, ...]:
        """The regions the site lay in on ``day`` (None: today)."""
        return regions_of(self.country, day)

    def in_region(self, region: Region, day: dt.date | None = None) -> bool:
        """True when the site lay in ``region`` on ``day`` (None: today)."""
        return region.contains(self.country, day)

    def makes_on(
        self, day: dt.date, known_by: dt.date | None = None, *, possibly: bool = False
    ) -> bool:
        """See :meth:`FabNode.makes_on`."""
        return self.made.makes_on(day, known_by, possibly=possibly)

    def __repr__(self) -> str:
        return f"Site({self.node.label!r}, {self.name!r}, {self.country!r})"


@attrs.frozen(repr=False)
class ExportControl:
    """A rule restricting what may be sold to whom.

    Attributes:
        id: the key it is cited by.
        jurisdiction: who imposes it: a country code or ``"EU"``.
        title: its name in a few words.
        scope: what it covers (equipment, EUV or DUV tools, software, items).
        effective: when it took effect.
        announced: when it became public.
        sources: who says so.
        target_foundries: the foundries it names.
        target_countries: the countries it applies to as destinations.
        target_companies: the companies it names that are not foundries in the catalog
            (Huawei and HiSilicon, whose chips foundries such as TSMC made).
        threshold_nm: the most advanced node it aims to keep out of reach, when it names
            one ("10 nm and below": 10; "16/14 nm and below": 16).
        until: when it stopped applying, if it did.
        note: what the threshold means exactly, and anything else a reader should know.
    """

    id: str = checks.field(checks.slug)
    jurisdiction: str = checks.field(checks.country)
    title: str = checks.field(checks.text)
    scope: tuple[ControlScope, ...] = checks.field(checks.tuple_of(ControlScope, nonempty=True))
    effective: dt.date = checks.field(checks.day)
    announced: dt.date = checks.field(checks.day)
    sources: tuple[Source, ...] = checks.field(checks.tuple_of(Source, nonempty=True))
    target_foundries: tuple[Foundry, ...] = checks.field(checks.tuple_of(Foundry), default=())
    target_countries: tuple[str, ...] = checks.field(checks.tuple_of(str), default=())
    target_companies: tuple[str, ...] = checks.field(checks.tuple_of(str), default=())
    threshold_nm: float | None = checks.field(checks.optional(checks.positive_number), default=None)
    until: dt.date | None = checks.field(checks.optional(checks.day), default=None)
    note: str = checks.field(checks.plain_text, default="")

    def __attrs_post_init__(self) -> None:
        checks.validate(self)

    @staticmethod
    def cross_field_rules(values: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
        """A target; country codes that are codes."""
        targets = ("target_foundries", "target_countries", "target_companies")
        if checks.given(values, *targets) and not any(values[field] for field in targets):
            yield "target_foundries", "a control needs a target foundry, country or company"
        for code in values.get("target_countries", ()):
            if checks.country(code) is not None:
                yield "target_countries", f"expected ISO 3166-1 alpha-2 codes, got {shorten(code)}"

    def in_force(self, day: dt.date, known_by: dt.date | None = None) -> bool:
        """True when the control applied on ``day``, by what was known on ``known_by``."""
        return (
            self.effective <= day
            and (self.until is None or day < self.until)
            and (known_by is None or self.announced <= known_by)
        )

    def targets(self, foundry: Foundry) -> bool:
        """True when the control names the foundry, or its headquarters' country."""
        return foundry in self.target_foundries or foundry.country in self.target_countries

    def __repr__(self) -> str:
        return f"ExportControl({self.id!r})"
