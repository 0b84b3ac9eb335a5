"""The typed model: sources, foundries, process nodes, figures and claims.

Every class is a frozen, slotted attrs class. ``__init__`` takes values of the right type
(enums, dates, floats in canonical units); parsing of strings, units and ids happens at
the edges (:mod:`nodecompare.io`). Every problem found in a record is reported at once in
one :class:`~nodecompare.errors.ValidationError` naming the class and the field.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final

import attrs

from nodecompare.errors import Problem, ValidationError
from nodecompare.units import canonical_magnitude, format_quantity, round_canonical

if TYPE_CHECKING:
    import pint

__all__ = [
    "REGIONS",
    "Alias",
    "Basis",
    "BusinessModel",
    "Claim",
    "ClaimKind",
    "Confidence",
    "ControlScope",
    "DerivedFigure",
    "DiffusionBreak",
    "ExportControl",
    "Fab",
    "FabNode",
    "Figure",
    "Foundry",
    "Lithography",
    "Location",
    "Metric",
    "PartialDate",
    "Precision",
    "ProcessNode",
    "Site",
    "Source",
    "SourceKind",
    "Transistor",
]


class SourceKind(StrEnum):
    """Who speaks in a source."""

    COMPANY = "company"
    TEARDOWN = "teardown"
    PRESS = "press"
    ANALYST = "analyst"
    GOVERNMENT = "government"
    ACADEMIC = "academic"


class _Ranked(StrEnum):
    """An enum whose members run from strongest to weakest."""

    @property
    def rank(self) -> int:
        """0 for the first member, rising down the list."""
        return list(type(self)).index(self)


class Tier(_Ranked):
    """How far a source can be trusted, from strongest to weakest (the rule is in
    ``data/reference/publishers.json``; see :mod:`nodecompare.publishers`)."""

    PRIMARY = "primary"
    REPUTABLE = "reputable"
    WEAK = "weak"


class BusinessModel(StrEnum):
    """A pure-play foundry makes chips for others; an IDM designs and makes its own."""

    FOUNDRY = "foundry"
    IDM = "idm"


class Transistor(StrEnum):
    """The transistor architecture of a node."""

    PLANAR = "planar"
    FDSOI = "fdsoi"
    FINFET = "finfet"
    GAA = "gaa"


class Lithography(StrEnum):
    """``euv`` when any layer is patterned with EUV; otherwise DUV (with multipatterning)."""

    DUV = "duv"
    EUV = "euv"


class DiffusionBreak(StrEnum):
    """How neighbouring standard cells are isolated: one dummy gate between them, or two."""

    SINGLE = "single"
    DOUBLE = "double"


class Basis(StrEnum):
    """How a figure was obtained.

    ``vendor_ratio`` marks a number derived from a vendor's marketing ratio ("1.8x
    denser"): it is kept for reference and never preferred over a measured figure.

    ``derived`` marks a density nodecompare computes itself from a node's cited CPP, cell
    height and diffusion break (:class:`DerivedFigure`). It is never stored in a catalog
    file. Queries return one only when asked for by basis, except
    :func:`nodecompare.equivalent`, which places a node with no published density by its
    derived one and says so.
    """

    VENDOR_CLAIM = "vendor_claim"
    ANALYST_CALCULATION = "analyst_calculation"
    PRODUCT_MEASUREMENT = "product_measurement"
    VENDOR_RATIO = "vendor_ratio"
    DERIVED = "derived"


#: The order in which a node's figures are preferred when no basis is asked for. Analyst
#: calculations come first because they apply one method (cell dimensions) to every vendor.
PREFERRED_BASES: Final = (
    Basis.ANALYST_CALCULATION,
    Basis.VENDOR_CLAIM,
    Basis.PRODUCT_MEASUREMENT,
)


class Metric(StrEnum):
    """A physical figure of a node, with the canonical unit it is stored in."""

    DENSITY = "density"
    CPP = "cpp"
    MMP = "mmp"
    SRAM_CELL = "sram_cell"
    FIN_PITCH = "fin_pitch"
    CELL_HEIGHT = "cell_height"

    @property
    def unit(self) -> str:
        """The canonical unit figures of this metric are stored in."""
        return _METRIC_UNITS[self]

    @property
    def label(self) -> str:
        """A short human label."""
        return _METRIC_LABELS[self]


_METRIC_UNITS: Final = {
    Metric.DENSITY: "MTr/mm**2",
    Metric.CPP: "nm",
    Metric.MMP: "nm",
    Metric.SRAM_CELL: "um**2",
    Metric.FIN_PITCH: "nm",
    Metric.CELL_HEIGHT: "nm",
}
_METRIC_LABELS: Final = {
    Metric.DENSITY: "logic density",
    Metric.CPP: "contacted poly pitch",
    Metric.MMP: "minimum metal pitch",
    Metric.SRAM_CELL: "HD 6T SRAM bitcell",
    Metric.FIN_PITCH: "fin pitch",
    Metric.CELL_HEIGHT: "cell height",
}


class ClaimKind(StrEnum):
    """What a claim says happened."""

    ANNOUNCED = "announced"
    PLANNED = "planned"
    RISK_PRODUCTION = "risk_production"
    VOLUME_PRODUCTION = "volume_production"
    PRODUCT_SHIPPED = "product_shipped"
    CANCELLED = "cancelled"
    RENAMED = "renamed"
    CAPABILITY = "capability"
    MOST_ADVANCED = "most_advanced"
    EXPORT_CONTROL = "export_control"
    POLICY = "policy"
    STATEMENT = "statement"


#: Claim kinds that show a node was being made in volume: a vendor's statement of volume
#: production, or a product made on the node found on the market (as SMIC's 7 nm-class was).
PRODUCTION_KINDS: Final = frozenset({ClaimKind.VOLUME_PRODUCTION, ClaimKind.PRODUCT_SHIPPED})


class Confidence(_Ranked):
    """How sure the catalog is of a claim, from surest to least."""

    CONFIRMED = "confirmed"
    REPORTED = "reported"
    SPECULATIVE = "speculative"
    DISPUTED = "disputed"

    def at_least(self, minimum: Confidence) -> bool:
        """True when this confidence is ``minimum`` or surer."""
        return self.rank <= minimum.rank


class ControlScope(StrEnum):
    """What an export control covers."""

    EQUIPMENT = "equipment"
    EUV_TOOLS = "euv_tools"
    DUV_TOOLS = "duv_tools"
    SOFTWARE = "software"
    ITEMS = "items"


#: Regions by where chips are made: the country codes they cover. The EU is its 27 members.
REGIONS: Final[dict[str, frozenset[str]]] = {
    "US": frozenset({"US"}),
    "EU": frozenset(
        [
            "AT",
            "BE",
            "BG",
            "HR",
            "CY",
            "CZ",
            "DK",
            "EE",
            "FI",
            "FR",
            "DE",
            "GR",
            "HU",
            "IE",
            "IT",
            "LV",
            "LT",
            "LU",
            "MT",
            "NL",
            "PL",
            "PT",
            "RO",
            "SK",
            "SI",
            "ES",
            "SE",
        ]
    ),
    "China": frozenset({"CN"}),
    "Taiwan": frozenset({"TW"}),
    "South Korea": frozenset({"KR"}),
    "Japan": frozenset({"JP"}),
    "Israel": frozenset({"IL"}),
    "Singapore": frozenset({"SG"}),
}


class Precision(StrEnum):
    """How much of a date is known: a year, a half-year, a quarter, a month or a day."""

    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    DAY = "day"

    @property
    def months(self) -> int:
        """How many months a period of this precision spans (0 for a day)."""
        return _PRECISION_MONTHS[self]


_PRECISION_MONTHS: Final = {
    Precision.YEAR: 12,
    Precision.HALF: 6,
    Precision.QUARTER: 3,
    Precision.MONTH: 1,
    Precision.DAY: 0,
}
#: The letter of a part of a year in ``2020-Q2`` and ``2020-H1``.
_PART_LETTERS: Final = {"Q": Precision.QUARTER, "H": Precision.HALF}


# --- checks: each returns a message, or None when the value is fine --------------------

_CHECK: Final = "nodecompare.check"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9.+_-]*$")
_COUNTRY = re.compile(r"^(?:[A-Z]{2}|EU)$")

Check = Callable[[Any], str | None]


def _text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return f"expected non-empty text, got {value!r}"
    return None


def _plain_text(value: Any) -> str | None:
    return None if isinstance(value, str) else f"expected text, got {value!r}"


def _slug(value: Any) -> str | None:
    if not isinstance(value, str) or not _SLUG.match(value):
        return f"expected an id of lowercase letters, digits and . + _ -, got {value!r}"
    return None


def _instance(*types: type) -> Check:
    names = " or ".join("None" if t is type(None) else t.__name__ for t in types)

    def check(value: Any) -> str | None:
        return None if isinstance(value, types) else f"expected {names}, got {value!r}"

    return check


def _optional(check: Check) -> Check:
    def optional(value: Any) -> str | None:
        return None if value is None else check(value)

    return optional


def _tuple_of(*types: type, nonempty: bool = False) -> Check:
    item = _instance(*types)

    def check(value: Any) -> str | None:
        if not isinstance(value, tuple):
            return f"expected a tuple, got {type(value).__name__}"
        if nonempty and not value:
            return "must not be empty"
        for index, element in enumerate(value):
            if (message := item(element)) is not None:
                return f"item {index}: {message}"
        return None

    return check


def _positive_number(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"expected a number, got {value!r}"
    if not math.isfinite(value) or value <= 0:
        return f"{value!r} must be positive and finite"
    return None


def _rounded(value: Any) -> Any:
    """A finite number at the stored precision; anything else is left for the check."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return round_canonical(float(value))
    return value


def _date(value: Any) -> str | None:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        return f"expected a datetime.date, got {value!r}"
    return None


def _country(value: Any) -> str | None:
    if not isinstance(value, str) or not _COUNTRY.match(value):
        return f"expected an ISO 3166-1 alpha-2 code or 'EU', got {value!r}"
    return None


def _checked(check: Check, **kwargs: Any) -> Any:
    """An attrs field whose value ``check`` verifies when the instance is made."""
    return attrs.field(metadata={_CHECK: check}, **kwargs)


def _validate(instance: Any, extra: Iterable[tuple[str, str]] = ()) -> None:
    """Run every field's check and the ``extra`` (field, message) problems; raise them all."""
    record = type(instance).__name__
    problems = [
        Problem(record, field.name, message)
        for field in attrs.fields(type(instance))
        if (check := field.metadata.get(_CHECK)) is not None
        and (message := check(getattr(instance, field.name))) is not None
    ]
    problems.extend(Problem(record, field, message) for field, message in extra)
    if problems:
        raise ValidationError(problems)


# --- the records ---------------------------------------------------------------------------


@attrs.frozen(order=True)
class PartialDate:
    """A date known to a year, a half-year, a quarter, a month or a day.

    ``PartialDate.parse("2021-07")``; ``"2020-Q2"`` is a quarter and ``"2020-H1"`` a half.
    A claim dated so surely held from :attr:`end` and possibly from :attr:`start`. It
    orders and compares by its first day, then by precision.
    """

    start: dt.date = _checked(_date)
    precision: Precision = _checked(_instance(Precision), default=Precision.DAY)

    def __attrs_post_init__(self) -> None:
        extra = []
        if isinstance(self.start, dt.date) and isinstance(self.precision, Precision):
            months = self.precision.months
            if months and (self.start.day != 1 or (self.start.month - 1) % months):
                extra.append(("start", f"{self.start} does not begin a {self.precision.value}"))
        _validate(self, extra)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-Hn`` (half), ``YYYY-Qn`` (quarter), ``YYYY-MM`` or
        ``YYYY-MM-DD``.

        Raises:
            ValueError: the text is not such a date, or names an impossible one.
        """
        form = "of the form YYYY, YYYY-H1, YYYY-Q1, YYYY-MM or YYYY-MM-DD"
        parts = text.split("-") if isinstance(text, str) else []
        if len(parts) == 2 and len(parts[1]) == 2 and parts[1][0] in _PART_LETTERS:
            return cls._parse_part(text, parts[0], parts[1], form)
        if not 1 <= len(parts) <= 3 or not all(_ascii_digits(part) for part in parts):
            raise ValueError(f"{text!r} is not a date {form}")
        if len(parts[0]) != 4 or any(len(part) != 2 for part in parts[1:]):
            raise ValueError(f"{text!r} is not a date {form}")
        numbers = [int(part) for part in parts] + [1] * (3 - len(parts))
        try:
            start = dt.date(*numbers)
        except ValueError as error:
            raise ValueError(f"{text!r} is an impossible date: {error}") from None
        return cls(start, (Precision.YEAR, Precision.MONTH, Precision.DAY)[len(parts) - 1])

    @classmethod
    def _parse_part(cls, text: str, year: str, part: str, form: str) -> PartialDate:
        precision = _PART_LETTERS[part[0]]
        count = 12 // precision.months
        if len(year) != 4 or not _ascii_digits(year) or not _ascii_digits(part[1]):
            raise ValueError(f"{text!r} is not a date {form}")
        number = int(part[1])
        if not 1 <= number <= count:
            raise ValueError(
                f"{text!r} names no {precision.value}: expected {part[0]}1 to {part[0]}{count}"
            )
        start_month = (number - 1) * precision.months + 1
        try:
            return cls(dt.date(int(year), start_month, 1), precision)
        except ValueError as error:
            raise ValueError(f"{text!r} is an impossible date: {error}") from None

    @property
    def end(self) -> dt.date:
        """The last day of the period: the first day on which the date has surely passed."""
        months = self.precision.months
        if not months:
            return self.start
        following = self.start.month - 1 + months
        first_after = dt.date(self.start.year + following // 12, following % 12 + 1, 1)
        return first_after - dt.timedelta(days=1)

    @property
    def by_end(self) -> tuple[dt.date, dt.date]:
        """Sort key for when a date had surely passed: its end, then its start ("2020-Q2"
        before "2020", though both start on 1 January or later)."""
        return (self.end, self.start)

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` falls within the period."""
        return self.start <= day <= self.end

    def __str__(self) -> str:
        if self.precision in (Precision.HALF, Precision.QUARTER):
            letter = "H" if self.precision is Precision.HALF else "Q"
            number = (self.start.month - 1) // self.precision.months + 1
            return f"{self.start.year}-{letter}{number}"
        text = self.start.isoformat()
        return text[: {Precision.YEAR: 4, Precision.MONTH: 7, Precision.DAY: 10}[self.precision]]

    def __repr__(self) -> str:
        return f"PartialDate.parse({str(self)!r})"


def _ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


@attrs.frozen
class Copy:
    """Where a source was read when its original was not: the host site and, when it
    has one, the URL."""

    host: str = _checked(_text)
    url: str | None = _checked(_optional(_text), default=None)

    def __attrs_post_init__(self) -> None:
        _validate(self)


@attrs.frozen(repr=False)
class Source:
    """A publication that figures and claims cite.

    Attributes:
        id: the key records cite it by.
        publisher: who published it (``"TechInsights"``, ``"TSMC"``).
        title: its title.
        kind: who speaks: company, teardown, press, analyst, government, academic.
        url: where to read it, when it is online.
        date: when it was published, when known, to the precision known (a page that
            shows only its month is dated to the month).
        accessed: when the catalog's authors read it.
        authors: its authors, when named.
        title_inferred: True when the title was not seen (taken from a URL or described
            by the catalog's authors).
        via: the copy it was read through (a mirror, a syndication, a reprint), when the
            original was not read; ``publisher``, ``title``, ``date`` and ``url`` stay the
            original's.
        affiliation: for a paper, the company its authors speak for.
        relays: for an article written from another's report or statement, whose
            (``"DIGITIMES"``, ``"Bloomberg; TechInsights"``); it is not a copy of it.
        weak_reason: for a weak source, why nothing stronger is cited.
    """

    id: str = _checked(_slug)
    publisher: str = _checked(_text)
    title: str = _checked(_text)
    kind: SourceKind = _checked(_instance(SourceKind))
    url: str | None = _checked(_optional(_text), default=None)
    date: PartialDate | None = _checked(_optional(_instance(PartialDate)), default=None)
    accessed: dt.date | None = _checked(_optional(_date), default=None)
    authors: tuple[str, ...] = _checked(_tuple_of(str), default=())
    title_inferred: bool = _checked(_instance(bool), default=False)
    via: Copy | None = _checked(_optional(_instance(Copy)), default=None)
    affiliation: str | None = _checked(_optional(_text), default=None)
    relays: str | None = _checked(_optional(_text), default=None)
    weak_reason: str = _checked(_plain_text, default="")

    def __attrs_post_init__(self) -> None:
        _validate(self)

    @property
    def tier(self) -> Tier:
        """Primary, reputable or weak, by the publisher table's rule."""
        from nodecompare.publishers import tier_of

        return tier_of(self)

    @property
    def link(self) -> str | None:
        """Where to read it: the original's URL, else the copy's."""
        return self.url or (self.via.url if self.via else None)

    def __repr__(self) -> str:
        return f"Source({self.id!r})"

    def __str__(self) -> str:
        title = f"[{self.title}]" if self.title_inferred else repr(self.title)
        when = f", {self.date}" if self.date else ""
        read = f" (read via {self.via.host})" if self.via else ""
        return f"{self.publisher}, {title}{when}{read}"


@attrs.frozen(repr=False)
class Foundry:
    """A chip manufacturer: a pure-play foundry or an integrated device manufacturer.

    Attributes:
        id: the key records refer to it by (``"tsmc"``).
        name: its usual name (``"TSMC"``).
        country: ISO 3166-1 alpha-2 code of its headquarters.
        business_model: foundry or IDM.
        aliases: other names it is known by.
        sources: what establishes these facts.
    """

    id: str = _checked(_slug)
    name: str = _checked(_text)
    country: str = _checked(_country)
    business_model: BusinessModel = _checked(_instance(BusinessModel))
    aliases: tuple[str, ...] = _checked(_tuple_of(str), default=())
    sources: tuple[Source, ...] = _checked(_tuple_of(Source), default=())

    def __attrs_post_init__(self) -> None:
        _validate(self)

    def __repr__(self) -> str:
        return f"Foundry({self.name!r})"


@attrs.frozen
class Alias:
    """Another name of a node, valid from ``since`` (inclusive) to ``until`` (exclusive).

    A former name has an ``until``: Intel's "10nm ESF" until 2021-07-26, when it became
    Intel 7. ``marketing_nm`` is the number that name carried, when it carried one.
    ``disputed`` marks a reading that sources disagree on (which node Intel's former
    "5nm" became): two nodes may then share the name, each citing its ``sources``, and a
    lookup of it is ambiguous.
    """

    name: str = _checked(_text)
    since: dt.date | None = _checked(_optional(_date), default=None)
    until: dt.date | None = _checked(_optional(_date), default=None)
    marketing_nm: float | None = _checked(_optional(_positive_number), default=None)
    disputed: bool = _checked(_instance(bool), default=False)
    sources: tuple[Source, ...] = _checked(_tuple_of(Source), default=())

    def __attrs_post_init__(self) -> None:
        order = []
        if self.since is not None and self.until is not None and self.until <= self.since:
            order.append(("until", f"{self.until} is not after since {self.since}"))
        if self.disputed and not self.sources:
            order.append(("sources", "a disputed name needs the sources that give it"))
        _validate(self, order)

    def valid_on(self, day: dt.date) -> bool:
        """True when the name meant its node on ``day``."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day < self.until
        )


#: The libraries a node's headline figures describe: high-density cells, or cells the
#: source does not name.
_HEADLINE_LIBRARIES: Final = frozenset({"", "HD"})


@attrs.frozen(repr=False)
class Figure:
    """One sourced value of one metric of a node, stored in the metric's canonical unit.

    Build one from a quantity with :meth:`from_quantity`; ``magnitude`` is the plain
    float in ``metric.unit``, and :attr:`quantity` is the pint quantity.

    Attributes:
        metric: what is measured.
        magnitude: the value in ``metric.unit`` (nm, um**2 or MTr/mm**2), kept to 12
            significant digits so that one quantity given in two units is one figure.
        basis: how it was obtained.
        source: who published it.
        note: how it was derived, which product.
        library: the standard-cell library it describes, when the source says: ``"HD"``
            (high density), ``"HP"`` (high performance); empty when unstated.
        projected: True for a leaked or projected value, not yet measured or published
            for a product; it is never preferred over a measured one.
    """

    metric: Metric = _checked(_instance(Metric))
    magnitude: float = _checked(_positive_number, converter=_rounded)
    basis: Basis = _checked(_instance(Basis))
    source: Source = _checked(_instance(Source))
    note: str = _checked(_plain_text, default="")
    library: str = _checked(_plain_text, default="")
    projected: bool = _checked(_instance(bool), default=False)

    def __attrs_post_init__(self) -> None:
        _validate(self)

    @property
    def preference(self) -> tuple[bool, bool, int, int, str]:
        """How a figure ranks among figures of its metric and basis (lower first): a
        measured or published value before a projection or leak; the headline cells
        (high-density, or no library named) before others; a stronger source before a
        weaker one; a later source before an earlier one (a preliminary table gives way
        to the final paper); then by source id, never by file order."""
        dated = self.source.date.end.toordinal() if self.source.date else 0
        headline = self.library in _HEADLINE_LIBRARIES
        return (self.projected, not headline, self.source.tier.rank, -dated, self.source.id)

    @classmethod
    def from_quantity(
        cls,
        metric: Metric,
        value: Any,
        basis: Basis,
        source: Source,
        note: str = "",
        library: str = "",
        projected: bool = False,
    ) -> Figure:
        """Build a figure from a pint quantity or a string such as ``"91.2 MTr/mm**2"``.

        Raises:
            ValidationError: the value has the wrong dimension, or is not positive and finite.
        """
        try:
            magnitude = canonical_magnitude(value, metric.unit)
        except ValueError as error:
            raise ValidationError.of("Figure", "magnitude", str(error)) from None
        return cls(metric, magnitude, basis, source, note, library, projected)

    @property
    def quantity(self) -> pint.Quantity[Any]:
        """The figure as a pint quantity in its canonical unit."""
        from nodecompare.units import Q_

        return Q_(self.magnitude, self.metric.unit)

    def __str__(self) -> str:
        return format_quantity(self.magnitude, self.metric.unit)

    def __repr__(self) -> str:
        return (
            f"Figure({self.metric.value}={self}, basis={self.basis.value}, "
            f"source={self.source.id!r})"
        )


def _four_digits(value: float) -> float:
    """Four significant digits: the inputs of a derived figure have two or three."""
    return float(f"{value:.4g}")


@attrs.frozen(repr=False)
class DerivedFigure(Figure):
    """A density nodecompare computed from other figures of the node, with the inputs.

    Its ``source`` is the source of the cell height, the dimension that sets the library;
    :func:`nodecompare.cite` gives the sources of every input.

    Attributes:
        inputs: the figures it was computed from (CPP and cell height).
        diffusion_break: the node's cell isolation assumed by the formula.
    """

    inputs: tuple[Figure, ...] = _checked(_tuple_of(Figure), kw_only=True)
    diffusion_break: DiffusionBreak = _checked(_instance(DiffusionBreak), kw_only=True)

    def __repr__(self) -> str:
        made_of = ", ".join(f"{f.metric.value} {f} ({f.source.id})" for f in self.inputs)
        return (
            f"DerivedFigure(density={self}, library={self.library!r}, from {made_of}, "
            f"{self.diffusion_break.value} diffusion break)"
        )


@attrs.frozen(repr=False)
class ProcessNode:
    """A logic process node of one foundry.

    Attributes:
        id: the key records refer to it by (``"tsmc-n7"``).
        foundry: who makes it.
        name: its current marketed name (``"N7"``, ``"Intel 7"``, ``"N+1"``).
        aliases: its other names, each valid over a period.
        marketing_nm: the number in its current name, if it has one.
        class_nm: the node class analysts place it in, when that differs from
            ``marketing_nm`` or there is no number (SMIC N+1 is 7 nm-class).
        class_source: who places it in ``class_nm``.
        family: the lineage it belongs to (``"N7"`` for N7, N7P, N6).
        transistor: planar, FD-SOI, FinFET or GAA.
        lithography: DUV or EUV.
        figures: its sourced physical figures, several per metric when sources differ.
        sources: what establishes the node itself.
        note: anything a reader should know.
        diffusion_break: how its cells are isolated, when a source says; with a CPP and a
            cell height of one library it gives a derived density of that library.
    """

    id: str = _checked(_slug)
    foundry: Foundry = _checked(_instance(Foundry))
    name: str = _checked(_text)
    aliases: tuple[Alias, ...] = _checked(_tuple_of(Alias), default=())
    marketing_nm: float | None = _checked(_optional(_positive_number), default=None)
    class_nm: float | None = _checked(_optional(_positive_number), default=None)
    class_source: Source | None = _checked(_optional(_instance(Source)), default=None)
    family: str = _checked(_plain_text, default="")
    transistor: Transistor | None = _checked(_optional(_instance(Transistor)), default=None)
    lithography: Lithography | None = _checked(_optional(_instance(Lithography)), default=None)
    figures: tuple[Figure, ...] = _checked(_tuple_of(Figure), default=())
    sources: tuple[Source, ...] = _checked(_tuple_of(Source), default=())
    note: str = _checked(_plain_text, default="")
    diffusion_break: DiffusionBreak | None = _checked(
        _optional(_instance(DiffusionBreak)), default=None
    )

    def __attrs_post_init__(self) -> None:
        extra = []
        if any(isinstance(f, Figure) and f.basis is Basis.DERIVED for f in self.figures):
            extra.append(("figures", "derived figures are computed by nodecompare, not stored"))
        if self.marketing_nm is None and self.class_nm is None:
            extra.append(("class_nm", "a node needs marketing_nm or class_nm to have a class"))
        if self.class_nm is not None and self.class_source is None:
            extra.append(("class_source", "class_nm needs the source that places the node"))
        _validate(self, extra)

    @property
    def node_class(self) -> float:
        """The nm class the node belongs to: ``class_nm`` if set, else ``marketing_nm``."""
        value = self.class_nm if self.class_nm is not None else self.marketing_nm
        assert value is not None  # guaranteed by __attrs_post_init__
        return value

    def figures_of(
        self,
        metric: Metric | str,
        basis: Basis | str | Iterable[Basis | str] | None = None,
        library: str | None = None,
    ) -> tuple[Figure, ...]:
        """The figures of ``metric``, optionally only those of the given basis or bases
        and cell library.

        With several bases, the figures come in the order of the bases given. Densities
        of basis ``derived`` (:meth:`derived_densities`) come only when that basis is asked
        for.
        """
        metric = Metric(metric)
        if basis is None:
            bases = None
        else:
            bases = [Basis(basis)] if isinstance(basis, str) else [Basis(b) for b in basis]
        candidates: tuple[Figure, ...] = self.figures
        if bases is not None and Basis.DERIVED in bases and metric is Metric.DENSITY:
            candidates += self.derived_densities()
        found = [
            figure
            for figure in candidates
            if figure.metric is metric and (library is None or figure.library == library)
        ]
        if bases is None:
            return tuple(found)
        return tuple(
            figure
            for wanted in bases
            for figure in sorted(
                (f for f in found if f.basis is wanted), key=lambda f: f.preference
            )
        )

    def derived_densities(self) -> tuple[DerivedFigure, ...]:
        """Bohr densities computed from the node's cited dimensions, one per cell library.

        A library gets one when the node has a cell height and a CPP of that library and a
        known diffusion break (a CPP that names no library is not assumed to be the
        library's: high-performance cells often use a wider one). The published figures
        are preferred in the order of :data:`PREFERRED_BASES`. The formula and its cell
        assumptions are :func:`nodecompare.metrics.bohr_density`'s.
        """
        from nodecompare.metrics import bohr_mtr_per_mm2

        if self.diffusion_break is None:
            return ()
        derived = []
        libraries = dict.fromkeys(
            f.library for f in self.figures if f.metric is Metric.CELL_HEIGHT and f.library
        )
        for library in libraries:
            height = self.figure(Metric.CELL_HEIGHT, PREFERRED_BASES, library)
            cpp = self.figure(Metric.CPP, PREFERRED_BASES, library)
            if height is None or cpp is None:
                continue
            derived.append(
                DerivedFigure(
                    Metric.DENSITY,
                    _four_digits(
                        bohr_mtr_per_mm2(cpp.magnitude, height.magnitude, self.diffusion_break)
                    ),
                    Basis.DERIVED,
                    height.source,
                    f"Computed by nodecompare, not published: Bohr's weighted density with the "
                    f"analysts' cells from CPP {cpp} ({cpp.source.publisher}) and {library} "
                    f"cell height {height} ({height.source.publisher}), "
                    f"{self.diffusion_break.value} diffusion break.",
                    library,
                    inputs=(cpp, height),
                    diffusion_break=self.diffusion_break,
                )
            )
        return tuple(derived)

    def figure(
        self,
        metric: Metric | str,
        basis: Basis | str | Iterable[Basis | str] | None = None,
        library: str | None = None,
    ) -> Figure | None:
        """The preferred figure of ``metric``, or None when the catalog has none.

        Args:
            metric: which figure.
            basis: a basis or bases in order of preference; by default
                :data:`PREFERRED_BASES` (analyst calculation, vendor claim, product
                measurement), never a figure derived from a marketing ratio.
            library: only figures of this cell library (``"HD"``, ``"HP"``).
        """
        found = self.figures_of(metric, PREFERRED_BASES if basis is None else basis, library)
        return found[0] if found else None

    @property
    def density(self) -> Figure | None:
        """The preferred logic density figure (MTr/mm**2)."""
        return self.figure(Metric.DENSITY)

    @property
    def cpp(self) -> Figure | None:
        """The preferred contacted poly pitch figure (nm)."""
        return self.figure(Metric.CPP)

    @property
    def mmp(self) -> Figure | None:
        """The preferred minimum metal pitch figure (nm)."""
        return self.figure(Metric.MMP)

    @property
    def sram_cell(self) -> Figure | None:
        """The preferred high-density 6T SRAM bitcell area figure (um**2)."""
        return self.figure(Metric.SRAM_CELL)

    def name_on(self, day: dt.date) -> str:
        """The name the node was marketed under on ``day`` (a former name, if one applied)."""
        for alias in self.aliases:
            if alias.until is not None and alias.valid_on(day):
                return alias.name
        return self.name

    def marketing_nm_on(self, day: dt.date) -> float | None:
        """The number the node was marketed with on ``day``, if its name then had one."""
        for alias in self.aliases:
            if alias.until is not None and alias.valid_on(day):
                return alias.marketing_nm
        return self.marketing_nm

    @property
    def label(self) -> str:
        """``"TSMC N7"``: foundry and node name, as people write them."""
        if self.name.casefold().startswith(self.foundry.name.casefold()):
            return self.name
        return f"{self.foundry.name} {self.name}"

    def __repr__(self) -> str:
        return f"ProcessNode({self.foundry.name!r}, {self.name!r})"


@attrs.frozen(repr=False)
class Claim:
    """A sourced statement that something held from a date, and became known on a date.

    Attributes:
        id: the key it is cited by.
        kind: what is claimed (volume production, product shipped, export control...).
        statement: the claim in one sentence.
        valid_from: when it started to hold.
        reported_on: when it first became public.
        sources: who reports it (at least one); the earliest of them dates the report.
        confidence: confirmed, reported, speculative or disputed.
        node: the node it is about, if any.
        foundry: the foundry it is about; the node's foundry when only a node is given.
        region: a country code or ``"EU"``, for claims about where chips are made.
        valid_until: when it stopped holding, if it did.
        evidence: what it rests on (a product found in a teardown, a filing...).
        note: anything a reader should know, e.g. why it is disputed.
        background: sources that support part of the claim or its context (a launch date,
            an earlier plan, a policy it reads) without reporting it; they do not date it.
        disputes: ids of the claims this one contradicts (both are kept).
        supersedes: ids of the claims this one replaces from its ``reported_on`` on (a
            corrected date or figure); queries known by that date ignore the old ones.
    """

    id: str = _checked(_slug)
    kind: ClaimKind = _checked(_instance(ClaimKind))
    statement: str = _checked(_text)
    valid_from: PartialDate = _checked(_instance(PartialDate))
    reported_on: dt.date = _checked(_date)
    sources: tuple[Source, ...] = _checked(_tuple_of(Source, nonempty=True))
    confidence: Confidence = _checked(_instance(Confidence), default=Confidence.REPORTED)
    node: ProcessNode | None = _checked(_optional(_instance(ProcessNode)), default=None)
    foundry: Foundry | None = _checked(_optional(_instance(Foundry)), default=None)
    region: str | None = _checked(_optional(_country), default=None)
    valid_until: PartialDate | None = _checked(_optional(_instance(PartialDate)), default=None)
    evidence: str = _checked(_plain_text, default="")
    note: str = _checked(_plain_text, default="")
    background: tuple[Source, ...] = _checked(_tuple_of(Source), default=())
    disputes: tuple[str, ...] = _checked(_tuple_of(str), default=())
    supersedes: tuple[str, ...] = _checked(_tuple_of(str), default=())

    def __attrs_post_init__(self) -> None:
        if self.foundry is None and isinstance(self.node, ProcessNode):
            # A claim about a node is about its foundry too.
            object.__setattr__(self, "foundry", self.node.foundry)
        extra = []
        if self.node is None and self.foundry is None and self.region is None:
            extra.append(("foundry", "a claim needs a subject: a foundry, a node or a region"))
        if (
            isinstance(self.node, ProcessNode)
            and self.foundry is not None
            and self.node.foundry != self.foundry
        ):
            extra.append(("foundry", f"{self.foundry!r} is not the foundry of {self.node!r}"))
        if (
            isinstance(self.valid_until, PartialDate)
            and isinstance(self.valid_from, PartialDate)
            and self.valid_until.start <= self.valid_from.start
        ):
            extra.append(("valid_until", f"{self.valid_until} is not after {self.valid_from}"))
        for field in ("disputes", "supersedes"):
            if self.id in getattr(self, field):
                extra.append((field, "a claim cannot refer to itself"))
        _validate(self, extra)

    def holds_on(self, day: dt.date) -> bool:
        """True when the claim surely held on ``day``.

        A claim known only to a month or a year ("since July 2021") counts from the last
        day of that period, when it had certainly started, until ``valid_until`` begins.
        """
        return self.valid_from.end <= day and (
            self.valid_until is None or day < self.valid_until.start
        )

    def possibly_holds_on(self, day: dt.date) -> bool:
        """True when the claim may have held on ``day``: from the first day of
        ``valid_from`` (a claim dated "2020-Q4" possibly held from 1 October 2020) until
        ``valid_until`` has surely begun. Every day it surely held, it possibly held."""
        return self.valid_from.start <= day and (
            self.valid_until is None or day < self.valid_until.end
        )

    def known_by(self, day: dt.date | None) -> bool:
        """True when the claim had been reported on or before ``day`` (None: always)."""
        return day is None or self.reported_on <= day

    @property
    def subject(self) -> str:
        """Who or what the claim is about, as text."""
        if self.node is not None:
            return self.node.label
        if self.foundry is not None:
            return self.foundry.name
        return str(self.region)

    def __repr__(self) -> str:
        return f"Claim({self.id!r})"


@attrs.frozen(repr=False)
class FabNode:
    """A node made at a fab from a date, with the sources that say so.

    Attributes:
        node: the node made there.
        since: when production of the node started at the fab; None when the sources
            place the node there without a date (it then counts whenever the node is in
            production).
        reported_on: when that became public; None when no source with a date says so
            (it then counts only for queries of everything known now).
        sources: who reports it; the earliest dated one dates ``reported_on``.
        until: when it stopped, if it did.
        note: anything a reader should know.
        background: sources for its context (a plan, an earlier ramp) that do not report
            it, as for :class:`Claim`.
        planned: True when the sources only say the node was to be made here (a fab
            named ahead of a ramp) and none reports that it was. A plan is listed with the
            fab but places no production: it is never a site and never makes the node.
    """

    node: ProcessNode = _checked(_instance(ProcessNode))
    since: PartialDate | None = _checked(_optional(_instance(PartialDate)))
    reported_on: dt.date | None = _checked(_optional(_date))
    sources: tuple[Source, ...] = _checked(_tuple_of(Source, nonempty=True))
    until: PartialDate | None = _checked(_optional(_instance(PartialDate)), default=None)
    note: str = _checked(_plain_text, default="")
    background: tuple[Source, ...] = _checked(_tuple_of(Source), default=())
    planned: bool = _checked(_instance(bool), default=False)

    def __attrs_post_init__(self) -> None:
        _validate(self)

    def makes_on(
        self, day: dt.date, known_by: dt.date | None = None, *, possibly: bool = False
    ) -> bool:
        """True when the fab surely made the node on ``day`` (with ``possibly``: may have
        made it), by what was known on ``known_by``. Never for a plan."""
        return not self.planned and _made_on(self, day, known_by, possibly)

    def __repr__(self) -> str:
        planned = ", planned" if self.planned else ""
        return f"FabNode({self.node.label!r}, since={str(self.since)!r}{planned})"


def _made_on(
    made: FabNode | Location, day: dt.date, known_by: dt.date | None, possibly: bool
) -> bool:
    """The two-date rule for where a node is made: surely from the end of ``since``
    (possibly from its start), until ``until`` has begun (possibly until it ended). An
    undated placement holds whenever asked; one with no dated report is known only to
    queries of everything known now."""
    since, until = made.since, made.until
    if possibly:
        began = since is None or since.start <= day
        ongoing = until is None or day < until.end
    else:
        began = since is None or since.end <= day
        ongoing = until is None or day < until.start
    known = known_by is None or (made.reported_on is not None and made.reported_on <= known_by)
    return began and ongoing and known


@attrs.frozen(repr=False)
class Fab:
    """A wafer fab: who runs it, where it is, and which nodes it makes from when.

    Attributes:
        id: the key records refer to it by (``"intel-fab-42"``).
        operator: the foundry that runs it.
        name: its usual name (``"Fab 42"``).
        city: where it is.
        country: ISO 3166-1 alpha-2 code of where it is.
        nodes: the nodes it makes, each from a date, each cited.
        sources: what establishes the fab itself.
        note: anything a reader should know.
    """

    id: str = _checked(_slug)
    operator: Foundry = _checked(_instance(Foundry))
    name: str = _checked(_text)
    city: str = _checked(_text)
    country: str = _checked(_country)
    nodes: tuple[FabNode, ...] = _checked(_tuple_of(FabNode), default=())
    sources: tuple[Source, ...] = _checked(_tuple_of(Source), default=())
    note: str = _checked(_plain_text, default="")

    def __attrs_post_init__(self) -> None:
        extra = [
            ("nodes", f"{made.node!r} is not made by {self.operator!r}")
            for made in self.nodes
            if isinstance(made, FabNode) and made.node.foundry != self.operator
        ]
        _validate(self, extra)

    @property
    def regions(self) -> tuple[str, ...]:
        """The regions the fab lies in (``("EU",)`` for a fab in Ireland)."""
        return regions_of(self.country)

    def __repr__(self) -> str:
        return f"Fab({self.operator.name!r}, {self.name!r}, {self.country!r})"


def regions_of(country: str) -> tuple[str, ...]:
    """The regions a country code (or ``"EU"``) lies in."""
    return tuple(
        name
        for name, countries in REGIONS.items()
        if country in countries or (country == "EU" and name == "EU")
    )


@attrs.frozen(repr=False)
class Location:
    """Where a node is made when the sources name a country or a city but no fab.

    Attributes:
        id: the key it is cited by.
        node: the node made there.
        country: ISO 3166-1 alpha-2 code, or ``"EU"`` when only the region is public.
        since: when production of the node started there (None: not dated, as for
            :class:`FabNode`).
        reported_on: when that became public (None: no dated source says so).
        sources: who reports it; the earliest dated one dates ``reported_on``.
        city: the city, when the sources name one.
        until: when it stopped, if it did.
        note: anything a reader should know.
        background: sources for its context that do not report it, as for :class:`Claim`.
    """

    id: str = _checked(_slug)
    node: ProcessNode = _checked(_instance(ProcessNode))
    country: str = _checked(_country)
    since: PartialDate | None = _checked(_optional(_instance(PartialDate)))
    reported_on: dt.date | None = _checked(_optional(_date))
    sources: tuple[Source, ...] = _checked(_tuple_of(Source, nonempty=True))
    city: str = _checked(_plain_text, default="")
    until: PartialDate | None = _checked(_optional(_instance(PartialDate)), default=None)
    note: str = _checked(_plain_text, default="")
    background: tuple[Source, ...] = _checked(_tuple_of(Source), default=())

    def __attrs_post_init__(self) -> None:
        _validate(self)

    def makes_on(
        self, day: dt.date, known_by: dt.date | None = None, *, possibly: bool = False
    ) -> bool:
        """True when the node was surely (with ``possibly``: may have been) made here on
        ``day``, by what was known on ``known_by``."""
        return _made_on(self, day, known_by, possibly)

    def __repr__(self) -> str:
        return f"Location({self.id!r})"


@attrs.frozen(repr=False)
class Site:
    """Where a node is made over a period: a fab's entry for it, or a :class:`Location`.

    Queries by region read sites, so a node placed only by country counts like one whose
    fab is known.
    """

    made: FabNode | Location
    fab: Fab | None = None

    @property
    def node(self) -> ProcessNode:
        """The node made here."""
        return self.made.node

    @property
    def country(self) -> str:
        """Where it is: a country code or ``"EU"``."""
        return self.fab.country if self.fab is not None else self.made_location.country

    @property
    def made_location(self) -> Location:
        """The location record, for a site that is not a fab."""
        assert isinstance(self.made, Location)
        return self.made

    @property
    def name(self) -> str:
        """The fab's name and city, or the city and country of a location."""
        if self.fab is not None:
            return f"{self.fab.name}, {self.fab.city}"
        city = self.made_location.city
        return f"{city} (fab not public)" if city else "(fab not public)"

    @property
    def regions(self) -> tuple[str, ...]:
        """The regions the site lies in."""
        return regions_of(self.country)

    def in_region(self, countries: frozenset[str]) -> bool:
        """True when the site lies in a region of these country codes."""
        return self.country in countries or (self.country == "EU" and countries == REGIONS["EU"])

    def makes_on(
        self, day: dt.date, known_by: dt.date | None = None, *, possibly: bool = False
    ) -> bool:
        """See :meth:`FabNode.makes_on`."""
        return self.made.makes_on(day, known_by, possibly=possibly)

    def __repr__(self) -> str:
        return f"Site({self.node.label!r}, {self.name!r}, {self.country!r})"


@attrs.frozen(repr=False)
class ExportControl:
    """A rule restricting what may be sold to whom.

    Attributes:
        id: the key it is cited by.
        jurisdiction: who imposes it: a country code or ``"EU"``.
        title: its name in a few words.
        scope: what it covers (equipment, EUV or DUV tools, software, items).
        effective: when it took effect.
        announced: when it became public.
        sources: who says so.
        target_foundries: the foundries it names.
        target_countries: the countries it applies to as destinations.
        target_companies: the companies it names that are not foundries in the catalog
            (Huawei and HiSilicon, whose chips foundries such as TSMC made).
        threshold_nm: the most advanced node it aims to keep out of reach, when it names
            one ("10 nm and below": 10; "16/14 nm and below": 16).
        until: when it stopped applying, if it did.
        note: what the threshold means exactly, and anything else a reader should know.
    """

    id: str = _checked(_slug)
    jurisdiction: str = _checked(_country)
    title: str = _checked(_text)
    scope: tuple[ControlScope, ...] = _checked(_tuple_of(ControlScope, nonempty=True))
    effective: dt.date = _checked(_date)
    announced: dt.date = _checked(_date)
    sources: tuple[Source, ...] = _checked(_tuple_of(Source, nonempty=True))
    target_foundries: tuple[Foundry, ...] = _checked(_tuple_of(Foundry), default=())
    target_countries: tuple[str, ...] = _checked(_tuple_of(str), default=())
    target_companies: tuple[str, ...] = _checked(_tuple_of(str), default=())
    threshold_nm: float | None = _checked(_optional(_positive_number), default=None)
    until: dt.date | None = _checked(_optional(_date), default=None)
    note: str = _checked(_plain_text, default="")

    def __attrs_post_init__(self) -> None:
        extra = []
        if not (self.target_foundries or self.target_countries or self.target_companies):
            extra.append(
                ("target_foundries", "a control needs a target foundry, country or company")
            )
        extra += [
            ("target_countries", f"expected ISO 3166-1 alpha-2 codes, got {code!r}")
            for code in self.target_countries
            if isinstance(code, str) and _country(code) is not None
        ]
        _validate(self, extra)

    def in_force(self, day: dt.date, known_by: dt.date | None = None) -> bool:
        """True when the control applied on ``day``, by what was known on ``known_by``."""
        return (
            self.effective <= day
            and (self.until is None or day < self.until)
            and (known_by is None or self.announced <= known_by)
        )

    def targets(self, foundry: Foundry) -> bool:
        """True when the control names the foundry, or its headquarters' country."""
        return foundry in self.target_foundries or foundry.country in self.target_countries

    def __repr__(self) -> str:
        return f"ExportControl({self.id!r})"


#: Fields whose key in the data files differs from the attribute's name.
DATA_KEYS: Final[dict[tuple[type, str], str]] = {(Figure, "magnitude"): "value"}
