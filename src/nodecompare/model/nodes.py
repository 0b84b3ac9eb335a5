"""Foundries, process nodes and their sourced figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from nodecompare.errors import ValidationError
from nodecompare.model import checks
from nodecompare.model.choices import member, members
from nodecompare.model.display import record_html
from nodecompare.model.enums import (
    PREFERRED_BASES,
    Basis,
    BusinessModel,
    DiffusionBreak,
    Lithography,
    Metric,
    Transistor,
)
from nodecompare.model.sources import Source
from nodecompare.units import canonical_magnitude, format_quantity

if TYPE_CHECKING:
    import pint

__all__ = ["Alias", "DerivedFigure", "Figure", "Foundry", "ProcessNode"]


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

    id: str = checks.field(checks.slug)
    name: str = checks.field(checks.text)
    country: str = checks.field(checks.country)
    business_model: BusinessModel = checks.field(checks.instance(BusinessModel))
    aliases: tuple[str, ...] = checks.field(checks.tuple_of(str), default=())
    sources: tuple[Source, ...] = checks.field(checks.tuple_of(Source), default=())

    def __attrs_post_init__(self) -> None:
        checks.validate(self)

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

    name: str = checks.field(checks.text)
    since: dt.date | None = checks.field(checks.optional(checks.day), default=None)
    until: dt.date | None = checks.field(checks.optional(checks.day), default=None)
    marketing_nm: float | None = checks.field(checks.optional(checks.positive_number), default=None)
    disputed: bool = checks.field(checks.instance(bool), default=False)
    sources: tuple[Source, ...] = checks.field(checks.tuple_of(Source), default=())

    def __attrs_post_init__(self) -> None:
        checks.validate(self)

    @staticmethod
    def cross_field_rules(values: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
        """A period in order; the sources of a disputed reading."""
        since, until = values.get("since"), values.get("until")
        if since is not None and until is not None and until <= since:
            yield "until", f"{until} is not after since {since}"
        disputed = checks.given(values, "disputed", "sources") and values["disputed"]
        if disputed and not values["sources"]:
            yield "sources", "a disputed name needs the sources that give it"

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

    metric: Metric = checks.field(checks.instance(Metric))
    magnitude: float = checks.field(checks.positive_number, converter=checks.rounded)
    basis: Basis = checks.field(checks.instance(Basis))
    source: Source = checks.field(checks.instance(Source))
    note: str = checks.field(checks.plain_text, default="")
    library: str = checks.field(checks.plain_text, default="")
    projected: bool = checks.field(checks.instance(bool), default=False)

    def __attrs_post_init__(self) -> None:
        checks.validate(self)

    @property
    def headline(self) -> bool:
        """True for the cells a node is headlined by: high-density, or no library named."""
        return self.library in _HEADLINE_LIBRARIES

    @property
    def preference(self) -> tuple[bool, bool, int, int, str, float]:
        """How a figure ranks among figures of its metric and basis (lower first): a
        measured or published value before a projection or leak; the headline cells
        (high-density, or no library named) before others; a stronger source before a
        weaker one; a later source before an earlier one (a preliminary table gives way
        to the final paper); then by source id and, of two values one source gives (an
        estimate under two assumptions), the smaller; never by file order."""
        appeared = self.source.appeared_by
        dated = appeared.toordinal() if appeared else 0
        return (
            self.projected,
            not self.headline,
            self.source.tier.rank,
            -dated,
            self.source.id,
            self.magnitude,
        )

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


@attrs.frozen(repr=False)
class DerivedFigure(Figure):
    """A density nodecompare computed from other figures of the node, with the inputs.

    Its ``source`` is the source of the cell height, the dimension that sets the library;
    :func:`nodecompare.cite` gives the sources of every input.

    Attributes:
        inputs: the figures it was computed from (CPP and cell height).
        diffusion_break: the node's cell isolation assumed by the formula.
    """

    inputs: tuple[Figure, ...] = checks.field(checks.tuple_of(Figure), kw_only=True)
    diffusion_break: DiffusionBreak = checks.field(checks.instance(DiffusionBreak), kw_only=True)

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

    id: str = checks.field(checks.slug)
    foundry: Foundry = checks.field(checks.instance(Foundry))
    name: str = checks.field(checks.text)
    aliases: tuple[Alias, ...] = checks.field(checks.tuple_of(Alias), default=())
    marketing_nm: float | None = checks.field(checks.optional(checks.positive_number), default=None)
    class_nm: float | None = checks.field(checks.optional(checks.positive_number), default=None)
    class_source: Source | None = checks.field(
        checks.optional(checks.instance(Source)), default=None
    )
    family: str = checks.field(checks.plain_text, default="")
    transistor: Transistor | None = checks.field(
        checks.optional(checks.instance(Transistor)), default=None
    )
    lithography: Lithography | None = checks.field(
        checks.optional(checks.instance(Lithography)), default=None
    )
    figures: tuple[Figure, ...] = checks.field(checks.tuple_of(Figure), default=())
    sources: tuple[Source, ...] = checks.field(checks.tuple_of(Source), default=())
    note: str = checks.field(checks.plain_text, default="")
    diffusion_break: DiffusionBreak | None = checks.field(
        checks.optional(checks.instance(DiffusionBreak)), default=None
    )

    def __attrs_post_init__(self) -> None:
        checks.validate(self)

    @staticmethod
    def cross_field_rules(values: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
        """No derived figure stored; a class, and the source of a class given."""
        if any(f.basis is Basis.DERIVED for f in values.get("figures", ())):
            yield "figures", "derived figures are computed by nodecompare, not stored"
        if (
            checks.given(values, "marketing_nm", "class_nm")
            and values["marketing_nm"] is None
            and values["class_nm"] is None
        ):
            yield "class_nm", "a node needs marketing_nm or class_nm to have a class"
        if (
            checks.given(values, "class_nm", "class_source")
            and values["class_nm"] is not None
            and values["class_source"] is None
        ):
            yield "class_source", "class_nm needs the source that places the node"

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
        """The stored figures of ``metric``, optionally only those of the given basis or
        bases and cell library; with several bases, in the order of the bases given, each
        basis's figures by :attr:`Figure.preference`.

        Raises:
            ValidationError: ``derived`` was asked for: those densities are computed by
                :func:`nodecompare.metrics.figures_of`, which also takes the stored ones.
        """
        metric = member(Metric, metric, "ProcessNode", "metric")
        found = [
            figure
            for figure in self.figures
            if figure.metric is metric and (library is None or figure.library == library)
        ]
        if basis is None:
            return tuple(found)
        bases = members(Basis, basis, "ProcessNode", "basis")
        if Basis.DERIVED in bases:
            raise ValidationError.of(
                "ProcessNode",
                "figures",
                "derived densities are computed, not stored: ask "
                "nodecompare.metrics.figures_of(node, metric, basis) for them",
            )
        return tuple(
            figure
            for wanted in bases
            for figure in sorted(
                (f for f in found if f.basis is wanted), key=lambda f: f.preference
            )
        )

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

    def _repr_html_(self) -> str:
        """The node's card (figures, names over time, claims, fabs), as
        :mod:`nodecompare.render` draws it."""
        return record_html(self)
