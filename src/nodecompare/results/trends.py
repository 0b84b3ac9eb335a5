"""Transistor-density trends: how fast density doubles, with honest uncertainty.

The fit is ordinary least squares of ln(density) against the date in years:
``ln d = a + b t``. The doubling time is ln 2 / b; its 95% interval comes from the
slope's standard error and Student's t with n - 2 degrees of freedom.

A fit says what its points rest on (:attr:`Trend.basis_description`): one basis and one
cell library, or a warning that it mixes them. Which points a fit gets from the catalog
is :func:`nodecompare.density_trend`'s.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import math
import numbers
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from nodecompare.dates import to_date
from nodecompare.errors import ValidationError, shorten
from nodecompare.model import Basis, Figure, Metric, ProcessNode, Product
from nodecompare.results.base import Rendered, as_plot
from nodecompare.units import Q_, canonical_magnitude

if TYPE_CHECKING:
    import pint

__all__ = ["Point", "Trend", "t_quantile", "year_of"]

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


def _day(value: dt.date | str, argument: str) -> dt.date:
    """A day argument; a long string is refused before it is parsed or repeated."""
    if not isinstance(value, dt.date) and not (isinstance(value, str) and len(value) <= 40):
        raise ValidationError.of(
            "query", argument, f"expected a date YYYY-MM-DD, got {shorten(value)}"
        )
    return to_date(value, argument)


#: Ten thousand years spans every date a datetime holds.
_LONGEST_SPAN: Final = 10_000.0


def _years(value: object, argument: str) -> float:
    """A positive, finite number of years (at most the span of the calendar)."""
    if not isinstance(value, bool) and isinstance(value, numbers.Real):
        try:
            years = float(value)
        except OverflowError:
            years = math.inf
        if 0 < years < math.inf:
            return min(years, _LONGEST_SPAN)
    raise ValidationError.of(
        "query", argument, f"expected a positive number of years, got {shorten(value)}"
    )


def year_of(day: dt.date) -> float:
    """The date as a fractional year: 2020-07-02 is about 2020.5."""
    # The year's length from the calendar: the next 1 January does not exist in 9999.
    length = 366 if calendar.isleap(day.year) else 365
    return day.year + (day.timetuple().tm_yday - 1) / length


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
        expected = f"expected a density such as '50 MTr/mm**2', got {shorten(density)}"
        if isinstance(density, str) and len(density) > 100:
            raise ValidationError.of("Point", "density", expected)
        try:
            magnitude = canonical_magnitude(density, Metric.DENSITY.unit)
        except (ValueError, TypeError) as error:
            reason = str(error) if len(str(error)) <= 200 else expected
            raise ValidationError.of("Point", "density", reason) from None
        return cls(_day(date, "date"), magnitude, label)


@attrs.frozen(repr=False)
class Trend(Rendered):
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
            ValidationError: ``points`` are not Points, fewer than three, or all on one date.
        """
        import numpy as np

        given = (
            list(points) if isinstance(points, Iterable) and not isinstance(points, str) else None
        )
        if given is None or not all(isinstance(p, Point) for p in given):
            raise ValidationError.of("Trend", "points", f"expected Points, got {shorten(points)}")
        ordered = tuple(sorted(given, key=lambda p: (p.date, p.density)))
        if len(ordered) < 3:
            raise ValidationError.of(
                "Trend", "points", f"a trend needs at least 3 points with dates, got {len(ordered)}"
            )
        years = np.array([year_of(p.date) for p in ordered])
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
    def _slope_interval(self) -> tuple[float, float]:
        """The 95% interval of the slope (ln density per year)."""
        return self.slope - self._t * self.slope_se, self.slope + self._t * self.slope_se

    @property
    def doubling_time_interval(self) -> tuple[pint.Quantity[Any], pint.Quantity[Any]]:
        """The 95% interval of the doubling time, from the slope's interval.

        Where the slope's interval reaches zero or below, the upper end is infinite: the
        data cannot exclude that density stopped growing.
        """
        low, high = self._slope_interval
        fastest = math.log(2) / high if high > 0 else math.inf
        slowest = math.log(2) / low if low > 0 else math.inf
        return Q_(fastest, "year"), Q_(slowest, "year")

    @property
    def residuals(self) -> tuple[float, ...]:
        """Each point's ln(density) minus the fit's, in the order of ``points``."""
        return tuple(math.log(p.density) - self._ln_at(p.date) for p in self.points)

    def _ln_at(self, day: dt.date) -> float:
        return self.intercept + self.slope * year_of(day)

    def predict(
        self, date: dt.date | str
    ) -> tuple[pint.Quantity[Any], pint.Quantity[Any], pint.Quantity[Any]]:
        """The fitted density on a date, with its 95% prediction interval for a new node.

        Returns:
            (estimate, low, high), each in MTr/mm**2.

        Raises:
            ValidationError: ``date`` is not a day, or so far off that the density
                overflows a float.
        """
        import numpy as np

        day = _day(date, "date")
        years = np.array([year_of(p.date) for p in self.points])
        x = year_of(day)
        spread = float(((years - years.mean()) ** 2).sum())
        margin = (
            self._t
            * self.residual_se
            * math.sqrt(1 + 1 / self.n + (x - float(years.mean())) ** 2 / spread)
        )
        centre = self._ln_at(day)
        unit = Metric.DENSITY.unit
        try:
            estimate, low, high = (
                math.exp(ln) for ln in (centre, centre - margin, centre + margin)
            )
        except OverflowError:
            raise ValidationError.of(
                "query", "date", f"{day} is too far from the fit's points to extrapolate to"
            ) from None
        return Q_(estimate, unit), Q_(low, unit), Q_(high, unit)

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
        if isinstance(breaks, (str, dt.date)):
            breaks = [breaks]  # one break, not the characters of a date
        elif not isinstance(breaks, Iterable):
            raise ValidationError.of(
                "query", "breaks", f"expected dates YYYY-MM-DD, got {shorten(breaks)}"
            )
        edges = [dt.date.min, *sorted(_day(b, "breaks") for b in breaks), dt.date.max]
        fits = []
        for start, end in itertools.pairwise(edges):
            inside = [p for p in self.points if start <= p.date < end]
            if len(inside) >= 3:
                span = f"{inside[0].date.year}-{inside[-1].date.year}"
                fits.append(Trend.fit(inside, f"{self.label} {span}".strip()))
        return tuple(fits)

    def rolling(self, window_years: float = 8.0) -> tuple[Trend, ...]:
        """Fits over a window sliding point by point: the doubling time as it evolved.

        Raises:
            ValidationError: ``window_years`` is not a positive, finite number.
        """
        span = dt.timedelta(days=round(_years(window_years, "window_years") * 365.25))
        fits: list[Trend] = []
        for index, first in enumerate(self.points):
            end = first.date + span if dt.date.max - first.date > span else dt.date.max
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
        interval = f"95% interval {low.magnitude:.2f} to {high.magnitude:.2f}"
        if self.slope < 0:
            interval = self._halving_interval()
        return (
            f"{lead}density {self._change()} "
            f"({interval}; {self.n} points, "
            f"{self.points[0].date.year}-{self.points[-1].date.year})"
        )

    def _halving_interval(self) -> str:
        """The 95% interval of the halving time of a falling density; its upper end is
        infinite where the data cannot exclude that density stayed level."""
        low, high = self._slope_interval
        fastest = math.log(2) / -low
        slowest = math.log(2) / -high if high < 0 else math.inf
        return f"95% interval of the halving time {fastest:.2f} to {slowest:.2f}"

    def _change(self) -> str:
        """How density changed: its doubling time, or, when it fell, its halving time (a
        doubling time of "inf" would hide that it fell)."""
        if self.slope > 0:
            return f"doubles every {self.doubling_time.magnitude:.2f} years"
        if self.slope == 0:
            return "did not change"
        return f"halves every {math.log(2) / -self.slope:.2f} years (it fell)"

    def plot(self, ax: Any = None) -> Any:
        """Plot the points, the fit and its 95% prediction band (needs the ``plot`` extra).

        Returns:
            The matplotlib Axes.
        """
        return as_plot(self, ax)

    def __repr__(self) -> str:
        change = self._change().replace(" years", " y")
        return f"<Trend {self.label or 'fit'}: {change}, {self.n} points>"
