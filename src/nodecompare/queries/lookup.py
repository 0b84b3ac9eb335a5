"""Looking one record up by what users type: ``foundry("tsmc")``, ``node("TSMC", "N7")``."""

from __future__ import annotations

import datetime as dt

from nodecompare.catalog import Catalog
from nodecompare.model import Foundry, ProcessNode
from nodecompare.queries import arguments

__all__ = ["foundry", "node"]


def foundry(name: str | Foundry, *, catalog: Catalog | None = None) -> Foundry:
    """The foundry with this name, alias or id: ``nodecompare.foundry("tsmc")``.

    Raises:
        UnknownNameError: no foundry has that name; close matches are listed.
        ValidationError: ``name`` is not a name.
    """
    return arguments.foundry(arguments.catalog_or_default(catalog), name, "name")


def node(
    foundry: str | Foundry,
    name: str | None = None,
    *,
    as_of: dt.date | str | None = None,
    known_by: dt.date | str | None = None,
    catalog: Catalog | None = None,
) -> ProcessNode:
    """The node a foundry markets as ``name``: ``nodecompare.node("TSMC", "N7")``.

    ``nodecompare.node("tsmc-n7")`` looks a node up by id. Names are matched ignoring case,
    spaces, ``-`` and ``_``; a name that meant different nodes over time needs ``as_of``,
    and ``known_by`` leaves out names given after that date.

    Raises:
        UnknownNameError: no node has that name; close matches are listed.
        AmbiguousNameError: the name has meant several nodes; pass ``as_of``.
        ValidationError: an argument is not a valid value.
    """
    catalog = arguments.catalog_or_default(catalog)
    day = arguments.optional_day(as_of, "as_of")
    known = arguments.known(known_by)
    if name is None:
        return arguments.process_node(catalog, foundry, "foundry")
    owner = arguments.foundry(catalog, foundry)
    return catalog.node(owner, arguments.name(name, "name"), as_of=day, known_by=known)
