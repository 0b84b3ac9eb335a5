"""Claims that supersede, or dispute, each other in a cycle: refused by a catalog."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Final

from nodecompare.errors import Problem, record_label
from nodecompare.model import Claim

__all__ = ["claim_cycles"]


#: Why a cycle through each relation between claims is refused.
_CYCLE_REASONS: Final = {
    "supersedes": "each would hide the others, and all of them would vanish from every answer",
    "disputes": "a dispute holds both ways once recorded; record it on one claim, the later",
}


def claim_cycles(claims: Sequence[Claim], by_id: Mapping[str, Claim]) -> Iterator[Problem]:
    """A problem for each claim in a cycle of claims that supersede, or dispute, each other."""
    order: dict[str, int] = {}
    for field, reason in _CYCLE_REASONS.items():
        # Only a claim that refers to another can be in a cycle.
        edges = {
            c.id: [other for other in targets if other in by_id]
            for c in claims
            if (targets := getattr(c, field))
        }
        for group in _cycles(edges):
            order = order or {claim.id: position for position, claim in enumerate(claims)}
            members = sorted(group, key=order.__getitem__)
            shown = ", ".join(map(repr, members[:5]))
            more = f" and {len(members) - 5} more" if len(members) > 5 else ""
            for member in members:
                position = order[member]
                message = f"{field} in a cycle among claims {shown}{more}: {reason}"
                yield Problem(record_label("claims", position, member), field, message)


def _cycles(edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """The groups of keys that reach each other through ``edges`` (Tarjan's strongly
    connected components, without recursion: a chain may be as long as the catalog)."""
    number: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in edges:
        if root in number:
            continue
        number[root] = low[root] = len(number)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(edges[root]))]
        while work:
            key, targets = work[-1]
            for target in targets:
                if target not in number:
                    number[target] = low[target] = len(number)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(edges.get(target, ()))))
                    break
                if target in on_stack:
                    low[key] = min(low[key], number[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[key])
                if low[key] == number[key]:
                    group = []
                    while (member := stack.pop()) != key:
                        on_stack.discard(member)
                        group.append(member)
                    on_stack.discard(key)
                    group.append(key)
                    if len(group) > 1 or key in edges.get(key, ()):
                        groups.append(group)
    return groups
