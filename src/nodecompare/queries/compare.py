"""Comparisons across vendors: equivalent nodes on a reference ladder, and vendor against vendor.

Marketing names are not comparable across vendors, so comparisons go through density
(for equivalent nodes) or through node generations (for who got where first). The
generations are data: ``data/reference/generations.json``, each band with its sources.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Final

from nodecompare import metrics, reference
from nodecompare.catalog import Catalog
from nodecompare.errors import ValidationError
from nodecompare.model import (
    PREFERRED_BASES,
    Basis,
    Confidence,
    Figure,
    Foundry,
    Metric,
    ProcessNode,
)
from nodecompare.queries import arguments
from nodecompare.queries.production import production_claims
from nodecompare.results import Comparison, Equivalent, Generation, GenerationRow, Reached

__all__ = ["PLACING_BASES", "compare", "equivalent", "generations"]


@cache
def generations() -> tuple[Generation, ...]:
    """The generations compared, oldest first, from the reference table."""
    return tuple(
        Generation(entry["label"], entry["smallest_nm_exclusive"], entry["largest_nm"])
        for entry in reference.table("generations")["generations"]
    )


#: The bases :func:`equivalent` places a node by, by default: the published ones, then a
#: density derived from the node's dimensions. The reference ladder uses published ones.
PLACING_BASES: Final = (*PREFERRED_BASES, Basis.DERIVED)


def _ladder(
    catalog: Catalog, reference: Foundry, bases: tuple[Basis, ...], library: str | None
) -> list[tuple[ProcessNode, Figure]]:
    """Per node number, the reference's first (least dense) node with a density."""
    by_class: dict[float, tuple[ProcessNode, Figure]] = {}
    for node in catalog.nodes_of(reference):
        figure = metrics.figure(node, Metric.DENSITY, bases, library)
        if figure is None:
            continue
        known = by_class.get(node.node_class)
        # Of two equally dense nodes of one number, the smaller id: never the file's order.
        if known is None or (figure.magnitude, node.id) < (known[1].magnitude, known[0].id):
            by_class[node.node_class] = (node, figure)
    ladder = sorted(by_class.values(), key=lambda step: step[1].magnitude)
    out_of_order = [
        f"{high.label} ({high_figure}) is denser than {low.label} ({low_figure})"
        for (low, low_figure), (high, high_figure) in itertools.pairwise(ladder)
        if high.node_class > low.node_class
    ]
    if out_of_order:
        raise ValidationError.of(
            "equivalent",
            "reference",
            f"{reference.name}'s densities do not fall with its node numbers, so no number "
            f"can be read off them: {'; '.join(out_of_order)}",
        )
    return ladder


def equivalent(
    node: ProcessNode | str,
    reference: str | Foundry = "TSMC",
    *,
    basis: Basis | str | Iterable[Basis | str] | None = None,
    library: str | None = None,
    catalog: Catalog | None = None,
) -> Equivalent:
    """Place a node on a reference vendor's ladder by logic density.

    Args:
        node: the node to place, e.g. ``nodecompare.node("Intel", "Intel 4")``, or its id.
        reference: the vendor whose node numbers are the scale (default TSMC).
        basis: the density basis or bases, in order of preference, for the node and the
            ladder alike. By default the ladder uses published figures (analyst
            calculation, then vendor claim, then product measurement), and so does the node,
            except that a node with none is placed by a density nodecompare derives from its
            cited dimensions (basis ``derived``, see
            :func:`nodecompare.metrics.derived_densities`): Intel 7.
        library: compare only densities of this cell library (``"HD"`` or ``"HP"``). By
            default the node's preferred density decides: when it names a library and the
            reference has at least two nodes with densities of that library, the node is
            set against those, like for like (Intel 4, which has only high-performance
            cells, against TSMC's high-performance cells); otherwise each reference node
            stands at its preferred density.
        catalog: the catalog to use; default the bundled one.

    Raises:
        ValidationError: the node, or fewer than two reference nodes, have a density; or
            the reference's densities do not fall as its node numbers do.
    """
    catalog = arguments.catalog_or_default(catalog)
    node = arguments.process_node(catalog, node)
    owner = arguments.foundry(catalog, reference, "reference")
    library = arguments.optional_text(library, "library")
    bases = PLACING_BASES if basis is None else arguments.bases(basis)
    ladder_bases = PREFERRED_BASES if basis is None else bases
    density = metrics.figure(node, Metric.DENSITY, bases, library)
    if density is None:
        of_library = f" for library {library!r}" if library else ""
        raise ValidationError.of(
            "equivalent",
            "node",
            f"{node.label} has no density of basis {[b.value for b in bases]}{of_library}"
            + _other_bases_hint(node, bases, library),
        )
    if library is None and density.library:
        like_for_like = _ladder(catalog, owner, ladder_bases, density.library)
        if len(like_for_like) >= 2:
            library = density.library
    ladder = _ladder(catalog, owner, ladder_bases, library)
    if len(ladder) < 2:
        raise ValidationError.of(
            "equivalent",
            "reference",
            f"{owner.name} has fewer than two nodes with a density"
            + (f" for library {library!r}" if library else ""),
        )
    return _place(node, density, owner, ladder, library)


def _other_bases_hint(node: ProcessNode, bases: Sequence[Basis], library: str | None) -> str:
    """What to ask for instead when the node's only densities are of other bases (Samsung
    5LPE has only projections from a marketing ratio)."""
    others = [
        basis
        for basis in Basis
        if basis not in bases and metrics.figure(node, Metric.DENSITY, basis, library)
    ]
    if not others:
        return ""
    names = ", ".join(basis.value for basis in others)
    return f"; it has {names} densities: ask for basis {others[0].value!r} to place it by them"


def _place(
    node: ProcessNode,
    density: Figure,
    owner: Foundry,
    ladder: list[tuple[ProcessNode, Figure]],
    library: str | None,
) -> Equivalent:
    """Read the node's number off the ladder: linear in node number against log density
    between the two reference nodes around it (beyond the ends, the nearest two)."""
    logs = [math.log(figure.magnitude) for _, figure in ladder]
    target = math.log(density.magnitude)
    nearest = min(zip(ladder, logs, strict=True), key=lambda pair: abs(pair[1] - target))[0][0]
    index = next((i for i, value in enumerate(logs[1:], start=1) if value >= target), len(logs) - 1)
    low, high = index - 1, index
    share = (target - logs[low]) / (logs[high] - logs[low])
    number = ladder[low][0].node_class + share * (
        ladder[high][0].node_class - ladder[low][0].node_class
    )
    return Equivalent(
        node=node,
        density=density,
        reference=owner,
        nearest=nearest,
        equivalent_nm=number,
        extrapolated=not logs[0] <= target <= logs[-1],
        ladder=tuple(ladder),
        library=library,
    )


# --- vendor against vendor ------------------------------------------------------------------


def _reached(
    catalog: Catalog,
    foundry: Foundry,
    generation: Generation,
    day: dt.date,
    known_by: dt.date | None,
    minimum: Confidence,
) -> Reached | None:
    """When the foundry surely reached the generation by ``day``; failing that, when it
    possibly did (marked so)."""
    return _first_reached(
        catalog, foundry, generation, day, known_by, minimum, possibly=False
    ) or _first_reached(catalog, foundry, generation, day, known_by, minimum, possibly=True)


def _first_reached(
    catalog: Catalog,
    foundry: Foundry,
    generation: Generation,
    day: dt.date,
    known_by: dt.date | None,
    minimum: Confidence,
    *,
    possibly: bool,
) -> Reached | None:
    reached = []
    for node in catalog.nodes_of(foundry):
        if node.node_class > generation.largest + 1e-9:
            continue
        production = production_claims(catalog, node, day, known_by, minimum, possibly=possibly)
        if production:
            # The date by which it surely was in production: "2020-Q2" says more than "2020".
            since = min((claim.valid_from for claim in production), key=lambda d: d.by_end)
            reached.append(Reached(node, since, production, surely=not possibly))
    # The earliest; of nodes reached at once, one of the generation itself before a more
    # advanced one, then the smaller id: never the order of the records.
    return min(
        reached,
        key=lambda r: (r.since.by_end, not generation.holds(r.node.node_class), r.node.id),
        default=None,
    )


def compare(
    a: str | Foundry,
    b: str | Foundry,
    *,
    as_of: dt.date | str | None = None,
    known_by: dt.date | str | None = None,
    min_confidence: Confidence | str = Confidence.REPORTED,
    catalog: Catalog | None = None,
) -> Comparison:
    """Compare two foundries generation by generation.

    For each generation (28 nm, 22/20, 16/14/12, 10/8, 7/6, 5/4, 3, 2...) either reached,
    the date each first had a node of it, or a more advanced one, in production (a
    volume-production claim or a product shipped); the lag in years; the densities of
    those nodes and their ratio; and the claims this rests on.

    Args:
        a: a foundry name, e.g. ``"TSMC"``.
        b: another, e.g. ``"SMIC"``.
        as_of: compare as things stood on this date; default today.
        known_by: count only claims reported by this date; default: all.
        min_confidence: the least confidence a claim needs (default ``"reported"``).
        catalog: the catalog to use; default the bundled one.

    Raises:
        UnknownNameError: a foundry is unknown.
        ValidationError: an argument is not a valid value.
    """
    catalog = arguments.catalog_or_default(catalog)
    first, second = arguments.foundry(catalog, a, "a"), arguments.foundry(catalog, b, "b")
    day, known = arguments.day(as_of), arguments.known(known_by)
    minimum = arguments.confidence(min_confidence)
    rows = []
    for generation in generations():
        row = GenerationRow(
            generation,
            _reached(catalog, first, generation, day, known, minimum),
            _reached(catalog, second, generation, day, known, minimum),
        )
        if row.a is not None or row.b is not None:
            rows.append(row)
    return Comparison(first, second, day, known, tuple(rows))
