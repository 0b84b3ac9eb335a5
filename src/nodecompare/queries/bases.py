"""What "the n-nm class" means: by class, by marketed name, or by density."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import numbers
from collections.abc import Iterable
from typing import Any, Final, Protocol, runtime_checkable

import attrs

from nodecompare.catalog import Catalog
from nodecompare.errors import ValidationError, shorten
from nodecompare.model import PREFERRED_BASES, Basis, Metric, ProcessNode
from nodecompare.queries import arguments
from nodecompare.queries.arguments import MAX_NAME_LENGTH
from nodecompare.results.leaders import nm
from nodecompare.units import canonical_magnitude

__all__ = ["BASES", "ByClass", "ByDensity", "ByName", "ClassBasis", "class_basis"]


# --- what "the n-nm class" means ---------------------------------------------------------


@runtime_checkable
class ClassBasis(Protocol):
    """Decides whether a node belongs to the n-nm class (or a more advanced one)."""

    def includes(self, node: ProcessNode, n: float, day: dt.date, catalog: Catalog) -> bool:
        """True when ``node`` counts as n-nm class or better on ``day``."""
        ...

    def describe(self, n: float, catalog: Catalog) -> str:
        """One line saying what the class means under this basis."""
        ...


@attrs.frozen
class ByClass:
    """The default basis: the node's class, ``class_nm`` or else its marketed number.

    A node counts as n-nm class when its class is n or smaller. The class is the number
    in the vendor's current name (N7: 7, Intel 7: 7), except where the catalog records,
    with a source, the class analysts place a node in because its name has no number
    (SMIC N+1 and N+2: 7). Names are as the vendors market them today, so this basis
    compares names, not densities: see :class:`ByDensity` for that.
    """

    def includes(self, node: ProcessNode, n: float, day: dt.date, catalog: Catalog) -> bool:
        return node.node_class <= n + 1e-9

    def describe(self, n: float, catalog: Catalog) -> str:
        return (
            f"node class: its marketed number today, or a cited analyst's class, is {nm(n)} or less"
        )


@attrs.frozen
class ByName:
    """The number in the name the vendor used on the date asked about.

    Intel's 10nm Enhanced SuperFin counts as 10 nm before its renaming to Intel 7 on
    2021-07-26 and as 7 nm after it; a node whose name has no number (SMIC N+1) never
    counts.
    """

    def includes(self, node: ProcessNode, n: float, day: dt.date, catalog: Catalog) -> bool:
        number = node.marketing_nm_on(day)
        return number is not None and number <= n + 1e-9

    def describe(self, n: float, catalog: Catalog) -> str:
        return f"vendor name: the node was marketed as {nm(n)} or less on the date"


def _refuse(field: str, expected: str, value: object) -> ValidationError:
    return ValidationError.of("ByDensity", field, f"expected {expected}, got {shorten(value)}")


def _reference(_: object, __: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not 0 < len(value) <= MAX_NAME_LENGTH:
        raise _refuse("reference", "a foundry name", value)


def _tolerance(value: float) -> float:
    # A negative share would count every node and nan none: both are refused.
    expected = "a finite number >= 0 (a share of the reference's density)"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise _refuse("tolerance", expected, value)
    try:
        share = float(value)
    except OverflowError:
        raise _refuse("tolerance", expected, value) from None
    if not math.isfinite(share) or share < 0:
        raise _refuse("tolerance", expected, value)
    return share


def _minimum(_: object, __: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, str) and len(value) > MAX_NAME_LENGTH:
        raise _refuse("minimum", "a density such as '50 MTr/mm**2'", value)
    try:
        canonical_magnitude(value, Metric.DENSITY.unit)
    except (ValueError, TypeError) as error:
        reason = (
            str(error) if len(str(error)) <= 200 else f"expected a density, got {shorten(value)}"
        )
        raise ValidationError.of("ByDensity", "minimum", reason) from None


def _density_bases(value: Basis | str | Iterable[Basis | str]) -> tuple[Basis, ...]:
    try:
        return arguments.bases(value, "bases")
    except ValidationError as error:
        raise ValidationError.of("ByDensity", "bases", error.problems[0].message) from None


@attrs.frozen
class ByDensity:
    """Logic density at least ``tolerance`` times the reference foundry's n-nm density.

    The reference density for class n is read off the reference foundry's ladder: for
    each class it has a density for, the least dense node of that class; between two
    classes, log density is interpolated linearly in the node number. ``minimum``
    (MTr/mm**2, or a pint quantity) replaces the threshold when given. A node's density
    is its preferred figure of ``bases`` (by default analyst calculation, then vendor
    claim, then product measurement; never one derived from a marketing ratio).
    """

    reference: str = attrs.field(default="TSMC", validator=_reference)
    tolerance: float = attrs.field(default=0.9, converter=_tolerance)
    minimum: Any = attrs.field(default=None, validator=_minimum)
    bases: tuple[Basis, ...] = attrs.field(default=PREFERRED_BASES, converter=_density_bases)

    def threshold(self, n: float, catalog: Catalog) -> float:
        """The density (MTr/mm**2) a node needs to count as n-nm class.

        Raises:
            ValidationError: n lies outside the classes the reference has densities for.
        """
        if self.minimum is not None:
            return canonical_magnitude(self.minimum, Metric.DENSITY.unit)
        ladder: dict[float, float] = {}
        for node in catalog.nodes_of(self.reference):
            figure = node.figure(Metric.DENSITY, self.bases)
            if figure is not None:
                known = ladder.get(node.node_class, math.inf)
                ladder[node.node_class] = min(known, figure.magnitude)
        steps = sorted(ladder.items())
        if not steps or not steps[0][0] - 1e-9 <= n <= steps[-1][0] + 1e-9:
            covered = f"{nm(steps[0][0])} to {nm(steps[-1][0])}" if steps else "no class"
            raise ValidationError.of(
                "ByDensity",
                "reference",
                f"{self.reference}'s densities cover {covered}; none to place {nm(n)} against",
            )
        for (small, dense), (large, sparse) in itertools.pairwise(steps):
            if small <= n <= large:
                share = (n - small) / (large - small)
                return self.tolerance * math.exp(
                    math.log(dense) + share * (math.log(sparse) - math.log(dense))
                )
        return self.tolerance * steps[0][1]

    def includes(self, node: ProcessNode, n: float, day: dt.date, catalog: Catalog) -> bool:
        figure = node.figure(Metric.DENSITY, self.bases)
        return figure is not None and figure.magnitude >= self.threshold(n, catalog)

    def describe(self, n: float, catalog: Catalog) -> str:
        if self.minimum is not None:
            return f"density: at least {self.threshold(n, catalog):.1f} MTr/mm**2"
        return (
            f"density: at least {self.threshold(n, catalog):.1f} MTr/mm**2 "
            f"({self.tolerance:g} x {self.reference}'s {nm(n)} density)"
        )


BASES: Final[dict[str, ClassBasis]] = {
    "class": ByClass(),
    "name": ByName(),
    "density": ByDensity(),
}


def class_basis(basis: str | ClassBasis) -> ClassBasis:
    """The rule for ``basis``: a name (class, name, density) or a ClassBasis of one's own."""
    if isinstance(basis, str):
        try:
            return BASES[basis]
        except KeyError:
            raise ValidationError.of(
                "query",
                "basis",
                f"expected one of {', '.join(BASES)} or a ClassBasis, got {shorten(basis)}",
            ) from None
    if not isinstance(basis, ClassBasis):
        raise ValidationError.of("query", "basis", f"expected a ClassBasis, got {shorten(basis)}")
    return basis
