"""Transistor-density trends: how fast density doubles, with honest uncertainty.

The fit is ordinary least squares of ln(density) against the date in years:
``ln d = a + b t``. The doubling time is ln 2 / b; its 95% interval comes from the
slope's standard error and Student's t with n - 2 degrees of freedom.

A fit uses one basis and one cell library unless asked otherwise, and says which. By
default its points are products (:class:`nodecompare.product.Product`): each chip's
transistors over its die area, a whole-chip average, on the date it was released. Asked
for another basis, each point is a node's preferred figure of that basis (and library,
when one is given) on the start of its earliest production claim (the middle of the
month or year when only that is known). A fit over several bases or libraries says so in
its summary.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from nodecompare.catalog import Catalog, resolve
from nodecompare.dates import optional_date, to_date
from nodecompare.errors import ValidationError, query_choice
from nodecompare.model import (
    Basis,
    Confidence,
    Figure,
    Metric,
    PartialDate,
    ProcessNode,
)
from nodecompare.render import html_table, text_table
from nodecompare.units import Q_, canonical_magnitude

if TYPE_CHECKING:
    import pint

    from nodecompare.product import Product

__all__ = ["Point", "Trend", "density_trend", "t_quantile"]

# Two-sided 95% quantiles of Student's t (0.975 one-sided) by degrees of freedom.
_T_975: Final = {
    1: 12.706,
    2: 4.303,
    3: 3.182,
    4: 2.776,
    5: 2.571,
    6: 2.447,
    7: 2.365,
    8: 2.306,
    9: 2.262,
    10: 2.228,
    11: 2.201,
    12: 2.179,
    13: 2.160,
    14: 2.145,
    15: 2.131,
    16: 2.120,
    17: 2.110,
    18: 2.101,
    19: 2.093,
    20: 2.086,
    21: 2.080,
    22: 2.074,
    23: 2.069,
    24: 2.064,
    25: 2.060,
    26: 2.056,
    27: 2.052,
    28: 2.048,
    29: 2.045,
    30: 2.042,
    40: 2.021,
    60: 2.000,
    120: 1.980,
}
_Z_975: Final = 1.959964


def t_quantile(dof: int) -> float:
    """The 97.5% quantile of Student's t with ``dof`` degrees of freedom.

    Tabulated to 3 decimals up to 30, then interpolated linearly in 1/dof toward the
    normal quantile, as printed tables do.
    """
    if dof < 1:
        raise ValueError(f"t needs at least one degree of freedom, got {dof}")
    if dof in _T_975:
        return _T_975[dof]
    known = sorted(_T_975)
    upper = next((d for d in known if d > dof), None)
    lower = max(d for d in known if d < dof)
    high_value, high_inverse = (_Z_975, 0.0) if upper is None else (_T_975[upper], 1 / upper)
    share = (1 / lower - 1 / dof) / (1 / lower - high_inverse)
    return _T_975[lower] + share * (high_value - _T_975[lower])


_POINT_HEADERS: Final = ("point", "date", "MTr/mm2", "residual (ln)", "basis", "source")


def _year(day: dt.date) -> float:
    start = dt.date(day.year, 1, 1)
    length = (dt.date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


@attrs.frozen
class Point:
    """One observation: a density reached on a date.

    Attributes:
        date: when the node entered production, or the product was released.
        density: the density, MTr/mm**2.
        label: what the point is (``"TSMC N7"``, ``"Apple A14 Bionic"``).
        node: the node, when the point comes from the catalog.
        figure: the density figure used, when it comes from the catalog.
        product: the product, when the point is one.
    """

    date: dt.date
    density: float
    label: str = ""
    node: ProcessNode | None = attrs.field(default=None, eq=False)
    figure: Figure | None = attrs.field(default=None, eq=False)
    product: Product | None = attrs.field(default=None, eq=False)

    @classmethod
    def of(cls, date: dt.date | str, density: Any, label: str = "") -> Point:
        """A point from a date and a density quantity (or ``"91.2 MTr/mm**2"``)."""
        try:
            magnitude = canonical_magnitude(density, Metric.DENSITY.unit)
        except ValueError as error:
            raise ValidationError.of("Point", "density", str(error)) from None
        return cls(to_date(date, "date"), magnitude, label)


@attrs.frozen(repr=False)
class Trend:
    """A least-squares fit of ln(density) against time; see :func:`density_trend`.

    Attributes:
        points: the observations used, oldest first.
        intercept: ln(density in MTr/mm**2) at year 0 of the fit's time axis.
        slope: growth of ln(density) per year.
        slope_se: the slope's standard error.
        residual_se: the residuals' standard error (on ln density).
        label: what was fitted.
    """

    points: tuple[Point, ...]
    intercept: float
    slope: float
    slope_se: float
    residual_se: float
    label: str = ""

    @classmethod
    def fit(cls, points: Iterable[Point], label: str = "") -> Trend:
        """Fit ln(density) = a + b x year by least squares.

        Raises:
            ValidationError: fewer than three points, or all on one date.
        """
        import numpy as np

        ordered = tuple(sorted(points, key=lambda p: (p.date, p.density)))
        if len(ordered) < 3:
            raise ValidationError.of(
                "Trend", "points", f"a trend needs at least 3 points with dates, got {len(ordered)}"
            )
        years = np.array([_year(p.date) for p in ordered])
        logs = np.log(np.array([p.density for p in ordered]))
        centre = years.mean()
        spread = float(((years - centre) ** 2).sum())
        if spread == 0:
            raise ValidationError.of("Trend", "points", "all points have the same date")
        slope = float(((years - centre) * (logs - logs.mean())).sum() / spread)
        intercept = float(logs.mean() - slope * centre)
        residuals = logs - (intercept + slope * years)
        dof = len(ordered) - 2
        residual_se = math.sqrt(float((residuals**2).sum()) / dof) if dof else 0.0
        return cls(ordered, intercept, slope, residual_se / math.sqrt(spread), residual_se, label)

    # --- derived figures ---

    @property
    def n(self) -> int:
        """How many points were fitted."""
        return len(self.points)

    @property
    def _t(self) -> float:
        return t_quantile(max(self.n - 2, 1))

    @property
    def doubling_time(self) -> pint.Quantity[Any]:
        """ln 2 / slope, in years (infinite when density did not grow)."""
        return Q_(math.log(2) / self.slope if self.slope > 0 else math.inf, "year")

    @property
    def doubling_time_interval(self) -> tuple[pint.Quantity[Any], pint.Quantity[Any]]:
        """The 95% interval of the doubling time, from the slope's interval.

        Where the slope's interval reaches zero or below, the upper end is infinite: the
        data cannot exclude that density stopped growing.
        """
        low, high = self.slope - self._t * self.slope_se, self.slope + self._t * self.slope_se
        fastest = math.log(2) / high if high > 0 else math.inf
        slowest = math.log(2) / low if low > 0 else math.inf
        return Q_(fastest, "year"), Q_(slowest, "year")

    @property
    def residuals(self) -> tuple[float, ...]:
        """Each point's ln(density) minus the fit's, in the order of ``points``."""
        return tuple(math.log(p.density) - self._ln_at(p.date) for p in self.points)

    def _ln_at(self, day: dt.date) -> float:
        return self.intercept + self.slope * _year(day)

    def predict(
        self, date: dt.date | str
    ) -> tuple[pint.Quantity[Any], pint.Quantity[Any], pint.Quantity[Any]]:
        """The fitted density on a date, with its 95% prediction interval for a new node.

        Returns:
            (estimate, low, high), each in MTr/mm**2.
        """
        import numpy as np

        day = to_date(date, "date")
        years = np.array([_year(p.date) for p in self.points])
        x = _year(day)
        spread = float(((years - years.mean()) ** 2).sum())
        margin = (
            self._t
            * self.residual_se
            * math.sqrt(1 + 1 / self.n + (x - float(years.mean())) ** 2 / spread)
        )
        centre = self._ln_at(day)
        unit = Metric.DENSITY.unit
        return (
            Q_(math.exp(centre), unit),
            Q_(math.exp(centre - margin), unit),
            Q_(math.exp(centre + margin), unit),
        )

    # --- finer views ---

    def by_foundry(self) -> dict[str, Trend]:
        """A fit per foundry, for those with at least three points."""
        groups: dict[str, list[Point]] = {}
        for point in self.points:
            if point.node is not None:
                groups.setdefault(point.node.foundry.name, []).append(point)
        return {name: Trend.fit(group, name) for name, group in groups.items() if len(group) >= 3}

    def piecewise(self, breaks: Sequence[dt.date | str]) -> tuple[Trend, ...]:
        """Separate fits between the given dates (each with at least three points).

        ``trend.piecewise(["2010-01-01", "2018-01-01"])`` shows whether doubling slowed.
        """
        edges = [dt.date.min, *sorted(to_date(b, "breaks") for b in breaks), dt.date.max]
        fits = []
        for start, end in itertools.pairwise(edges):
            inside = [p for p in self.points if start <= p.date < end]
            if len(inside) >= 3:
                span = f"{inside[0].date.year}-{inside[-1].date.year}"
                fits.append(Trend.fit(inside, f"{self.label} {span}".strip()))
        return tuple(fits)

    def rolling(self, window_years: float = 8.0) -> tuple[Trend, ...]:
        """Fits over a window sliding point by point: the doubling time as it evolved."""
        fits: list[Trend] = []
        for index, first in enumerate(self.points):
            end = first.date + dt.timedelta(days=round(window_years * 365.25))
            inside = [p for p in self.points[index:] if p.date < end]
            if len(inside) >= 3 and (not fits or inside[-1] != fits[-1].points[-1]):
                fits.append(Trend.fit(inside, f"{first.date.year}-{inside[-1].date.year}"))
        return tuple(fits)

    # --- showing it ---

    @property
    def bases(self) -> tuple[Basis, ...]:
        """The bases of the fitted figures (one, unless several were asked for)."""
        return tuple(sorted({p.figure.basis for p in self.points if p.figure is not None}))

    @property
    def libraries(self) -> tuple[str, ...]:
        """The cell libraries of the fitted figures (``""`` for figures that name none)."""
        return tuple(sorted({p.figure.library for p in self.points if p.figure is not None}))

    @property
    def basis_description(self) -> str:
        """What the fit rests on: one basis and library, or a warning that it mixes them."""
        if not self.bases:
            return ""
        if len(self.bases) > 1:
            return "MIXED bases (" + ", ".join(b.value for b in self.bases) + ")"
        if self.bases[0] is Basis.PRODUCT_MEASUREMENT and any(p.product for p in self.points):
            return "products (whole-chip transistors / die area)"
        named = self.bases[0].value.replace("_", " ")
        if len(self.libraries) > 1:
            cells = ", ".join(lib or "unnamed" for lib in self.libraries)
            return f"{named}, MIXED cell libraries ({cells})"
        return f"{named}, {self.libraries[0]} cells" if self.libraries[0] else named

    def summary(self) -> str:
        """One line: what was fitted, on what basis, the doubling time and its interval."""
        low, high = self.doubling_time_interval
        described = ", ".join(part for part in (self.label, self.basis_description) if part)
        lead = f"{described}: " if described else ""
        return (
            f"{lead}density doubles every {self.doubling_time.magnitude:.2f} years "
            f"(95% interval {low.magnitude:.2f} to {high.magnitude:.2f}; {self.n} points, "
            f"{self.points[0].date.year}-{self.points[-1].date.year})"
        )

    def _rows(self) -> list[list[str]]:
        return [
            [
                p.label,
                p.date.isoformat(),
                f"{p.density:g}",
                f"{r:+.2f}",
                p.figure.basis.value if p.figure else "",
                p.figure.source.id if p.figure else "",
            ]
            for p, r in zip(self.points, self.residuals, strict=True)
        ]

    def __repr__(self) -> str:
        return "\n".join([self.summary(), "", text_table(_POINT_HEADERS, self._rows())])

    def _repr_html_(self) -> str:
        rows = [[html.escape(cell) for cell in row] for row in self._rows()]
        return html_table(self.summary(), _POINT_HEADERS, rows)

    def plot(self, ax: Any = None) -> Any:
        """Plot the points, the fit and its 95% prediction band (needs the ``plot`` extra).

        Returns:
            The matplotlib Axes.
        """
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(8, 5))
        groups: dict[str, list[Point]] = {}
        for point in self.points:
            owner = point.node.foundry.name if point.node is not None else "data"
            groups.setdefault(owner, []).append(point)
        for owner, group in groups.items():
            ax.scatter([p.date for p in group], [p.density for p in group], label=owner, zorder=3)
            for p in group:
                ax.annotate(
                    p.node.name if p.node else p.label,
                    (p.date, p.density),
                    fontsize=7,
                    xytext=(3, 3),
                    textcoords="offset points",
                )
        first, last = self.points[0].date, self.points[-1].date
        days = [first + (last - first) * (i / 50) for i in range(51)]
        predicted = [self.predict(d) for d in days]
        ax.plot(days, [p[0].magnitude for p in predicted], color="black", lw=1, label="fit")
        ax.fill_between(
            days,
            [p[1].magnitude for p in predicted],
            [p[2].magnitude for p in predicted],
            color="grey",
            alpha=0.2,
            label="95% prediction band",
        )
        ax.set_yscale("log")
        ax.set_ylabel("logic density (MTr/mm²)")
        ax.set_xlabel("volume production")
        ax.set_title(self.summary(), fontsize=9)
        ax.legend(fontsize=8)
        return ax


def _production_start(
    catalog: Catalog, node: ProcessNode, day: dt.date, known_by: dt.date | None, minimum: Confidence
) -> dt.date | None:
    from nodecompare.query import production_claims

    production = production_claims(catalog, node, day, known_by, minimum)
    return _middle(production[0].valid_from) if production else None


def _middle(period: PartialDate) -> dt.date:
    # A date known only to the month or year is placed mid-period, its unbiased estimate.
    return period.start + (period.end - period.start) / 2


def _product_points(
    catalog: Catalog, owners: set[str] | None, day: dt.date, known: dt.date | None
) -> list[Point]:
    points = []
    for product in catalog.products:
        figure = product.density
        if figure is None or (owners is not None and product.node.foundry.id not in owners):
            continue
        released = _middle(product.released)
        dated = [s.date.end for s in product.sources if s.date is not None]
        if released > day or (known is not None and not any(d <= known for d in dated)):
            continue
        points.append(
            Point(released, figure.magnitude, product.name, product.node, figure, product)
        )
    return points


def _node_points(
    catalog: Catalog,
    owners: set[str] | None,
    bases: tuple[Basis, ...],
    library: str | None,
    when: tuple[dt.date, dt.date | None, Confidence],
) -> list[Point]:
    day, known, minimum = when
    points = []
    for node in catalog.nodes:
        if owners is not None and node.foundry.id not in owners:
            continue
        figure = node.figure(Metric.DENSITY, bases, library)
        start = _production_start(catalog, node, day, known, minimum)
        if figure is not None and start is not None:
            points.append(Point(start, figure.magnitude, node.label, node, figure))
    return points


def density_trend(
    *,
    foundries: Iterable[str] | None = None,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    basis: Basis | str | Iterable[Basis | str] | None = None,
    library: str | None = None,
    as_of: dt.date | str | None = None,
    known_by: dt.date | str | None = None,
    min_confidence: Confidence | str = Confidence.REPORTED,
    catalog: Catalog | None = None,
) -> Trend:
    """Fit the growth of logic density over time, on one basis unless asked otherwise.

    Args:
        foundries: only these foundries' nodes or products (default: all).
        since: only points dated on or after this date.
        until: only points dated before this date.
        basis: by default ``product_measurement``: the catalog's products, each dated
            by its release. Another basis fits nodes, each at its preferred figure of
            that basis, dated by its production start. Several bases (in order of
            preference) mix in one fit, and the summary says so.
        library: for node figures, only this cell library (``"HD"``); by default each
            node's preferred figure, and the summary names the libraries it mixes.
        as_of: only production started, or products released, by this date (default
            today).
        known_by: only claims reported by this date; only products with a source
            published by then.
        min_confidence: the least confidence of a production claim (default reported).
        catalog: the catalog to use; default the bundled one.

    Raises:
        ValidationError: fewer than three points qualify, or an argument is invalid.
    """
    catalog = resolve(catalog)
    owners = None if foundries is None else {catalog.foundry(f).id for f in foundries}
    if basis is None:
        bases: tuple[Basis, ...] = (Basis.PRODUCT_MEASUREMENT,)
    else:
        bases = (Basis(basis),) if isinstance(basis, str) else tuple(Basis(b) for b in basis)
    first, last = optional_date(since, "since"), optional_date(until, "until")
    day = dt.date.today() if as_of is None else to_date(as_of, "as_of")
    known, minimum = (
        optional_date(known_by, "known_by"),
        query_choice(Confidence, min_confidence, "min_confidence"),
    )
    if bases == (Basis.PRODUCT_MEASUREMENT,) and library is None:
        points = _product_points(catalog, owners, day, known)
    else:
        points = _node_points(catalog, owners, bases, library, (day, known, minimum))
    points = [
        p for p in points if (first is None or p.date >= first) and (last is None or p.date < last)
    ]
    names = (
        "all foundries"
        if owners is None
        else ", ".join(catalog.foundry(f).name for f in sorted(owners))
    )
    return Trend.fit(points, names)
