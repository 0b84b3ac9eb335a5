"""The answer to :func:`nodecompare.leaders`: who makes n-nm class chips on a date."""

from __future__ import annotations

import datetime as dt

import attrs

from nodecompare.catalog.names import name_key
from nodecompare.model import Claim, Fab, Foundry, PartialDate, ProcessNode, Site
from nodecompare.results.base import Results

__all__ = ["Leader", "Leaders", "Possible", "Unplaced", "nm"]


def nm(n: float) -> str:
    """A node class as people write it: ``7 nm``, ``1.8 nm``."""
    return f"{n:g} nm"


@attrs.frozen
class Leader:
    """One foundry able to make n-nm class chips on the date asked about.

    Attributes:
        rank: 1 for the most advanced.
        foundry: the foundry.
        node: its most advanced node in production that counts under the basis.
        since: when it first had a node of the class in production.
        first_node: the node it first reached the class with.
        claims: the production claims these rest on, oldest first, with their sources.
        sites: when a region was asked about, where in it those nodes are made.
    """

    rank: int
    foundry: Foundry
    node: ProcessNode
    since: PartialDate
    first_node: ProcessNode
    claims: tuple[Claim, ...]
    sites: tuple[Site, ...] = ()

    @property
    def fabs(self) -> tuple[Fab, ...]:
        """The fabs among :attr:`sites`."""
        return tuple(dict.fromkeys(site.fab for site in self.sites if site.fab is not None))


@attrs.frozen
class Possible:
    """A foundry that may have made n-nm class chips on the date asked about.

    Its evidence is dated only to a period that contains the date ("5LPE known only to
    2020-Q4" on 15 November 2020): it surely qualifies from the end of that period.

    Attributes:
        foundry: the foundry.
        node: the node that may have counted.
        since: the period its production (or its making in the region) is known to.
        reason: why it is uncertain, in words.
        claims: the production claims, with their sources.
        sites: when a region was asked about, where in it the node is made.
    """

    foundry: Foundry
    node: ProcessNode
    since: PartialDate
    reason: str
    claims: tuple[Claim, ...]
    sites: tuple[Site, ...] = ()


@attrs.frozen
class Unplaced:
    """A foundry whose node of the class was in production on the date asked about, but
    that no fab or location record places anywhere on that date: it may be made in the
    region asked about, or not."""

    foundry: Foundry
    nodes: tuple[ProcessNode, ...]
    claims: tuple[Claim, ...]


@attrs.frozen(repr=False)
class Leaders(Results[Leader]):
    """The answer to :func:`leaders`: a ranked sequence of :class:`Leader`.

    The sequence holds the foundries that surely qualify. Those whose evidence is dated
    only to a period containing the date are in :attr:`possibly`; with a region, those
    whose node no record places on that date are in :attr:`location_unknown`.

    Attributes:
        n: the node class asked about, in nm.
        as_of: the date the answer is about.
        known_by: only claims reported by this date counted (None: all known now).
        basis: what the n-nm class meant.
        entries: the leaders, most advanced first.
        region: the region asked about, if any.
        possibly: the foundries that possibly qualify, and why they are uncertain.
        location_unknown: with a region, foundries in production whose location is unknown.
    """

    n: float
    as_of: dt.date
    known_by: dt.date | None
    basis: str
    entries: tuple[Leader, ...]
    region: str | None = None
    possibly: tuple[Possible, ...] = ()
    location_unknown: tuple[Unplaced, ...] = ()

    @property
    def foundries(self) -> tuple[str, ...]:
        """The names of the foundries that surely qualify, most advanced first."""
        return tuple(entry.foundry.name for entry in self.entries)

    @property
    def possible_foundries(self) -> tuple[str, ...]:
        """The names of the foundries that possibly qualify (see :class:`Possible`)."""
        return tuple(entry.foundry.name for entry in self.possibly)

    @property
    def unlocated_foundries(self) -> tuple[str, ...]:
        """With a region: the foundries in production whose location on the date is unknown."""
        return tuple(entry.foundry.name for entry in self.location_unknown)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return any(
                name_key(item)
                in {name_key(n) for n in (e.foundry.name, e.foundry.id, *e.foundry.aliases)}
                for e in self.entries
            )
        return item in self.entries or any(e.foundry == item for e in self.entries)

    @property
    def title(self) -> str:
        """What was asked, in words."""
        known = f"as known on {self.known_by}" if self.known_by else "by all claims known now"
        where = f" in {self.region}" if self.region else ""
        return f"Who makes {nm(self.n)}-class chips{where} on {self.as_of}, {known}"

    def __repr__(self) -> str:
        where = f" in {self.region}" if self.region else ""
        known = f", known by {self.known_by}" if self.known_by else ""
        extra = f", {len(self.possibly)} possibly" if self.possibly else ""
        count = len(self.entries)
        return (
            f"<Leaders {nm(self.n)}{where} on {self.as_of}{known}: "
            f"{count} {'foundry' if count == 1 else 'foundries'}{extra}>"
        )
