"""Names: how lookups match what users type to foundries and nodes over time."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Final

import attrs

from nodecompare.dates import optional_date
from nodecompare.errors import AmbiguousNameError, Problem, UnknownNameError, record_label
from nodecompare.model import Foundry, ProcessNode

__all__ = ["NamedNode", "choose", "close", "foundry_names", "name_key", "node_names"]

_SEPARATORS: Final = re.compile(r"[\s_\-]+")
_NM_AFTER_NUMBER: Final = re.compile(r"(?<=\d)nm")


def name_key(name: str) -> str:
    """The key names are compared by: case, spaces, ``-``, ``_`` and ``nm`` after a number
    are ignored, so ``"10 nm ESF"``, ``"10nm-esf"`` and ``"10ESF"`` are the same name."""
    return _NM_AFTER_NUMBER.sub("", _SEPARATORS.sub("", name.casefold()))


@attrs.frozen
class NamedNode:
    """One name of a node and the period it held (the current name holds from ``since``)."""

    node: ProcessNode
    name: str
    since: dt.date | None
    until: dt.date | None
    disputed: bool = False

    def valid_on(self, day: dt.date) -> bool:
        return (self.since is None or self.since <= day) and (
            self.until is None or day < self.until
        )

    def describe(self) -> str:
        period = ""
        if self.since or self.until:
            period = f" ({self.since or '…'} to {self.until or 'now'})"
        reading = ", a disputed reading" if self.disputed else ""
        return f"{self.node.label} as {self.name!r}{period}{reading}"


def foundry_names(foundries: Iterable[Foundry], problems: list[Problem]) -> dict[str, Foundry]:
    table: dict[str, Foundry] = {}
    for position, foundry in enumerate(foundries):
        for name in {name_key(n) for n in (foundry.id, foundry.name, *foundry.aliases)}:
            other = table.setdefault(name, foundry)
            if other.id != foundry.id:
                label = record_label("foundries", position, foundry.id)
                problems.append(Problem(label, "aliases", f"name {name!r} is also {other!r}'s"))
    return table


def node_names(
    nodes: Iterable[ProcessNode], problems: list[Problem]
) -> dict[str, dict[str, list[NamedNode]]]:
    table: dict[str, dict[str, list[NamedNode]]] = defaultdict(lambda: defaultdict(list))
    for position, node in enumerate(nodes):
        former = [a for a in node.aliases if a.until is not None]
        # The current name holds from the day the last former name ended.
        since = max((a.until for a in former if a.until is not None), default=None)
        entries = [NamedNode(node, node.name, since, None)]
        entries += [NamedNode(node, a.name, a.since, a.until, a.disputed) for a in node.aliases]
        for entry in entries:
            bucket = table[node.foundry.id][name_key(entry.name)]
            # Two disputed readings of one former name may overlap: a lookup lists both.
            clash = next(
                (
                    e
                    for e in bucket
                    if e.node.id != node.id
                    and overlap(e, entry)
                    and not (e.disputed and entry.disputed)
                ),
                None,
            )
            if clash is not None:
                problems.append(
                    Problem(
                        record_label("nodes", position, node.id),
                        "aliases",
                        f"name {entry.name!r} also means {clash.node!r} over the same period",
                    )
                )
            if not any(e.node.id == node.id for e in bucket):
                bucket.append(entry)
    return {foundry: dict(names) for foundry, names in table.items()}


def choose(
    owner: Foundry,
    name: str,
    candidates: list[NamedNode],
    as_of: dt.date | str | None,
    known_by: dt.date | str | None,
) -> ProcessNode:
    """The one node among the names that match, by what was known and the date asked."""
    reader = optional_date(known_by, "known_by")
    if reader is not None:
        candidates = [c for c in candidates if c.since is None or c.since <= reader]
        if not candidates:
            raise UnknownNameError(f"{owner.name} node (as known on {reader})", name)
    day = optional_date(as_of, "as_of")
    if len({c.node.id for c in candidates}) > 1 and day is not None:
        candidates = [c for c in candidates if c.valid_on(day)] or candidates
    distinct = {c.node.id: c for c in reversed(candidates)}
    if len(distinct) > 1 and day is None:
        # "Intel 7" spelled exactly as a current name is that node, not the old "Intel 7nm".
        typed = " ".join(name.split()).casefold()
        exact = {c.node.id: c for c in candidates if c.until is None and c.name.casefold() == typed}
        if len(exact) == 1:
            distinct = exact
    if len(distinct) > 1:
        readings = list(reversed(distinct.values()))
        raise AmbiguousNameError(
            f"{owner.name} node",
            name,
            [c.describe() for c in readings],
            disputed=day is not None and all(c.disputed for c in readings),
        )
    return next(iter(distinct.values())).node


def overlap(a: NamedNode, b: NamedNode) -> bool:
    lowest, highest = dt.date.min, dt.date.max
    return (a.since or lowest) < (b.until or highest) and (b.since or lowest) < (a.until or highest)


def close(name: str, known: Iterable[str]) -> list[str]:
    by_key: dict[str, str] = {}
    for candidate in known:
        by_key.setdefault(name_key(candidate), candidate)
    matches = difflib.get_close_matches(name_key(name), list(by_key), n=5, cutoff=0.5)
    return [by_key[m] for m in matches]
