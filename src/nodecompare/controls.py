"""Export controls: which rules applied to whom, and who advanced past them anyway."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import attrs

from nodecompare.catalog import Catalog, resolve
from nodecompare.dates import optional_date, to_date
from nodecompare.errors import query_choice
from nodecompare.model import Claim, Confidence, ExportControl, Foundry, PartialDate, ProcessNode
from nodecompare.query import (
    ClassBasis,
    _basis,
    _claim_dict,
    _claim_lines,
    _nm,
    class_reached,
    production_claims,
)
from nodecompare.render import html_table, link, text_table
from nodecompare.results import Results

__all__ = ["Breach", "Breaches", "Controls", "beyond_controls", "controls"]


def _control_row(control: ExportControl) -> list[str]:
    targets = [f.name for f in control.target_foundries] + list(control.target_countries)
    return [
        control.effective.isoformat(),
        control.jurisdiction,
        control.title,
        ", ".join(targets),
        ", ".join(scope.value for scope in control.scope),
        "-" if control.threshold_nm is None else _nm(control.threshold_nm),
    ]


_CONTROL_HEADERS = ("effective", "by", "control", "targets", "scope", "threshold")


@attrs.frozen(repr=False)
class Controls(Results[ExportControl]):
    """Export controls in force; see :func:`controls`."""

    title: str
    entries: tuple[ExportControl, ...]

    def __repr__(self) -> str:
        lines = [
            self.title,
            "",
            text_table(_CONTROL_HEADERS, [_control_row(c) for c in self.entries]),
        ]
        for control in self.entries:
            lines.append(f"- {control.title}: " + "; ".join(str(s) for s in control.sources))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = [
            [
                *(html.escape(cell) for cell in _control_row(c)),
                "<br>".join(link(str(s), s.link) for s in c.sources),
            ]
            for c in self.entries
        ]
        return html_table(self.title, [*_CONTROL_HEADERS, "sources"], rows)


def controls(
    target: str | Foundry | None = None,
    *,
    as_of: dt.date | str | None = None,
    known_by: dt.date | str | None = None,
    catalog: Catalog | None = None,
) -> Controls:
    """The export controls in force on a date, optionally only those applying to a foundry.

    A control applies to a foundry it names, or to every foundry headquartered in a
    country it targets.

    Args:
        target: a foundry name; default: every control.
        as_of: the date asked about; default today.
        known_by: only controls announced by this date.
        catalog: the catalog to ask; default the bundled one.

    Raises:
        UnknownNameError: the foundry is unknown.
    """
    catalog = resolve(catalog)
    foundry = None if target is None else catalog.foundry(target)
    day = dt.date.today() if as_of is None else to_date(as_of, "as_of")
    known = optional_date(known_by, "known_by")
    found = tuple(
        sorted(
            (
                c
                for c in catalog.controls
                if c.in_force(day, known) and (foundry is None or c.targets(foundry))
            ),
            key=lambda c: (c.effective, c.id),
        )
    )
    about = f" applying to {foundry.name}" if foundry else ""
    return Controls(f"Export controls in force on {day}{about} ({len(found)})", found)


@attrs.frozen
class Breach:
    """A foundry a control applied to that reached a node past its threshold after it took effect.

    Attributes:
        control: the control.
        foundry: the foundry it applied to.
        node: the first node past the threshold to enter production after the control.
        reached: when that node entered production.
        claims: the production claims that show it, with their sources.
        surely: False when, on the date asked about, the node was only possibly in
            production: its date is known only to a period that had not ended.
    """

    control: ExportControl
    foundry: Foundry
    node: ProcessNode
    reached: PartialDate
    claims: tuple[Claim, ...]
    surely: bool = True

    @property
    def years_after(self) -> float:
        """Years from the control taking effect to the node's production."""
        return (self.reached.start - self.control.effective).days / 365.25

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible form."""
        return {
            "control": self.control.id,
            "foundry": self.foundry.name,
            "node": self.node.name,
            "node_class_nm": self.node.node_class,
            "threshold_nm": self.control.threshold_nm,
            "effective": self.control.effective.isoformat(),
            "reached": str(self.reached),
            "surely": self.surely,
            "claims": [_claim_dict(c) for c in self.claims],
        }


@attrs.frozen(repr=False)
class Breaches(Results[Breach]):
    """See :func:`beyond_controls`. The sequence holds the breaches that surely happened
    by the date asked about; :attr:`possibly` those whose production date is known only
    to a period containing that date."""

    title: str
    entries: tuple[Breach, ...]
    possibly: tuple[Breach, ...] = ()

    def _rows(self) -> list[list[str]]:
        return [
            [
                b.control.title,
                b.control.effective.isoformat(),
                _nm(b.control.threshold_nm or 0),
                b.foundry.name,
                f"{b.node.name} ({_nm(b.node.node_class)} class)",
                str(b.reached) if b.surely else f"{b.reached} (possibly)",
                f"{b.years_after:.1f}",
            ]
            for b in (*self.entries, *self.possibly)
        ]

    _HEADERS = (
        "control",
        "effective",
        "threshold",
        "foundry",
        "node",
        "in production",
        "years after",
    )

    def __repr__(self) -> str:
        lines = [self.title, "", text_table(self._HEADERS, self._rows()), "", "evidence:"]
        for breach in (*self.entries, *self.possibly):
            lines.append(f"  {breach.foundry.name} {breach.node.name} past {breach.control.title}:")
            lines += [f"     {line}" for c in breach.claims for line in _claim_lines(c)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = [[html.escape(cell) for cell in row] for row in self._rows()]
        return html_table(self.title, self._HEADERS, rows)


def beyond_controls(
    *,
    as_of: dt.date | str | None = None,
    known_by: dt.date | str | None = None,
    basis: str | ClassBasis = "class",
    min_confidence: Confidence | str = Confidence.REPORTED,
    catalog: Catalog | None = None,
) -> Breaches:
    """Who reached a node past a control's threshold after the control took effect.

    For every control with a threshold, every foundry it applies to, and every node of
    that foundry at the threshold's class or beyond (under ``basis``) that entered
    production after the control's effective date and by ``as_of``: the first such node,
    with the claims that show it. SMIC's 7 nm-class N+1, in production from July 2021,
    is past the US Entity List rule of December 2020 (10 nm and below).

    Args:
        as_of: the date asked about; default today.
        known_by: only controls and claims made public by this date.
        basis: what the threshold's node class means (see :func:`nodecompare.leaders`).
        min_confidence: the least confidence of a production claim (default reported).
        catalog: the catalog to ask; default the bundled one.
    """
    catalog = resolve(catalog)
    day = dt.date.today() if as_of is None else to_date(as_of, "as_of")
    known = optional_date(known_by, "known_by")
    rule, minimum = _basis(basis), query_choice(Confidence, min_confidence, "min_confidence")
    found, possible = [], []
    for control in catalog.controls:
        if control.threshold_nm is None or not (known is None or control.announced <= known):
            continue
        for foundry in catalog.foundries:
            if not control.targets(foundry):
                continue
            args = (control, foundry, day, known, minimum, rule, catalog)
            if (breach := _breach(*args, possibly=False)) is not None:
                found.append(breach)
            elif (breach := _breach(*args, possibly=True)) is not None:
                possible.append(breach)
    for breaches in (found, possible):
        breaches.sort(key=lambda b: (b.control.effective, b.reached, b.foundry.name))
    known_text = f", as known on {known}" if known else ""
    return Breaches(
        f"Nodes past an export control's threshold, reached after it took effect, "
        f"by {day}{known_text} ({len(found)})",
        tuple(found),
        tuple(possible),
    )


def _breach(
    control: ExportControl,
    foundry: Foundry,
    day: dt.date,
    known: dt.date | None,
    minimum: Confidence,
    rule: ClassBasis,
    catalog: Catalog,
    *,
    possibly: bool,
) -> Breach | None:
    """The foundry's first node past the control's threshold to enter production after it
    took effect: surely by ``day``, or with ``possibly``, possibly by then."""
    assert control.threshold_nm is not None
    after = []
    for node in catalog.nodes_of(foundry):
        production = production_claims(catalog, node, day, known, minimum, possibly=possibly)
        first = class_reached(rule, node, control.threshold_nm, production, day, catalog)
        if first is not None and first.start > control.effective:
            after.append((first, node, production))
    if not after:
        return None
    reached, node, production = min(after, key=lambda a: (a[0], a[1].node_class))
    return Breach(control, foundry, node, reached, production, surely=not possibly)
