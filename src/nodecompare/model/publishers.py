"""Source tiers: how far a source can be trusted, by the rule in ``data/reference/publishers.json``.

A source whose kind speaks for itself (a company, a regulator, a paper's authors, a
teardown house) is primary. Any other source takes the tier of its publisher, matched by
its canonical name, or by its URL's domain when the name is not listed (a catalog that
passes ``integrity.check`` names that publisher, so there the fallback only serves
unchecked data). A publisher the table does not list is weak. The table also lists the
places that carry copies of others' pages (message boards, mirrors, proxies, document
sites), whose addresses belong in a source's ``via``. The table is read on first use, so
importing nodecompare stays cheap.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import attrs

from nodecompare import reference
from nodecompare.model.enums import Tier

if TYPE_CHECKING:
    from nodecompare.model.sources import Source

__all__ = [
    "CopyHost",
    "Publisher",
    "canonical_spelling",
    "copy_host",
    "domain_publisher",
    "publisher",
    "tier_of",
]


@attrs.frozen
class Publisher:
    """One publisher of the table: its canonical name, tier, web domains and other
    spellings seen in print."""

    name: str
    tier: Tier
    domains: tuple[str, ...] = ()
    spellings: tuple[str, ...] = ()


@attrs.frozen
class CopyHost:
    """A place that carries copies of others' pages: a host (and its subdomains), or a
    path on one (``"lsi.usp.br/~oka/MarketNews/"``); and the host's own name, when its own
    posts may be cited as themselves (``"Silicon Investor"``)."""

    address: str
    name: str = ""

    def holds(self, domains: list[str], path: str) -> bool:
        """True when the page at ``path`` on a host of ``domains`` (the host and its
        parents, as :func:`_domains_of` gives them) is here."""
        domain, _, prefix = self.address.partition("/")
        return domain in domains and path.startswith("/" + prefix)


@attrs.frozen
class PublisherTable:
    by_kind: dict[str, Tier]
    by_name: dict[str, Publisher]
    by_spelling: dict[str, Publisher]
    by_domain: dict[str, Publisher]
    copy_hosts: tuple[CopyHost, ...]


@cache
def _table() -> PublisherTable:
    document: dict[str, Any] = reference.table("publishers")
    entries = [
        Publisher(
            entry["name"],
            Tier(entry["tier"]),
            tuple(entry.get("domains", ())),
            tuple(entry.get("spellings", ())),
        )
        for entry in document["publishers"]
    ]
    return PublisherTable(
        by_kind={kind: Tier(tier) for kind, tier in document["by_kind"].items()},
        by_name={entry.name: entry for entry in entries},
        by_spelling={spelling: entry for entry in entries for spelling in entry.spellings},
        by_domain={domain: entry for entry in entries for domain in entry.domains},
        copy_hosts=tuple(
            CopyHost(entry["address"], entry.get("name", ""))
            for entry in document.get("copy_hosts", ())
        ),
    )


def _domains_of(url: str | None) -> list[str]:
    """The host of ``url`` and each parent domain ("m.anandtech.com", "anandtech.com")."""
    host = (urlsplit(url).hostname or "").rstrip(".").removeprefix("www.") if url else ""
    parts = host.split(".")
    return [".".join(parts[start:]) for start in range(len(parts) - 1)]


def domain_publisher(url: str | None) -> Publisher | None:
    """The listed publisher whose web domain ``url`` is on, or None."""
    table = _table().by_domain
    return next((table[d] for d in _domains_of(url) if d in table), None)


def copy_host(url: str | None) -> CopyHost | None:
    """The listed place that carries copies (a message board, a mirror) ``url`` is on."""
    if not url:
        return None
    domains, path = _domains_of(url), urlsplit(url).path
    return next((c for c in _table().copy_hosts if c.holds(domains, path)), None)


def publisher(source: Source) -> Publisher | None:
    """The table's entry for the source's publisher (by name, else by URL domain)."""
    table = _table()
    return table.by_name.get(source.publisher) or domain_publisher(source.url)


def canonical_spelling(name: str) -> str | None:
    """The canonical name when ``name`` is another spelling of a listed publisher."""
    entry = _table().by_spelling.get(name)
    return entry.name if entry is not None else None


def tier_of(source: Source) -> Tier:
    """The source's tier: by its kind when that speaks for itself, else by its publisher;
    weak when the table does not list the publisher."""
    table = _table()
    if (tier := table.by_kind.get(source.kind.value)) is not None:
        return tier
    entry = publisher(source)
    return entry.tier if entry is not None else Tier.WEAK
