"""Provenance: the sources behind any record or result, as BibTeX or CSL-JSON for papers."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import singledispatch
from typing import Any, Final, TypeGuard

import attrs

from nodecompare.catalog import Catalog
from nodecompare.dates import Precision
from nodecompare.errors import UnsupportedError
from nodecompare.io.bundled import is_bundled
from nodecompare.model import (
    Claim,
    DerivedFigure,
    ExportControl,
    Fab,
    FabNode,
    Figure,
    Foundry,
    Location,
    PartialDate,
    ProcessNode,
    Product,
    Site,
    Source,
    SourceKind,
)
from nodecompare.reference import Release
from nodecompare.reference import release as bundled_release
from nodecompare.results import (
    Breach,
    Breaches,
    Dispute,
    Equivalent,
    GenerationRow,
    Leader,
    Leaders,
    NodeReport,
    NodeRow,
    Point,
    Possible,
    Reached,
    Rendered,
    Story,
    Trend,
    Unplaced,
)

__all__ = ["Citations", "cite"]

# CSL item types for each kind of source.
_CSL_TYPES: Final = {
    SourceKind.COMPANY: "webpage",
    SourceKind.TEARDOWN: "report",
    SourceKind.PRESS: "article-newspaper",
    SourceKind.ANALYST: "report",
    SourceKind.GOVERNMENT: "legislation",
    SourceKind.ACADEMIC: "paper-conference",
}
_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}~^\\])")


@attrs.frozen(repr=False)
class Citations(Rendered, Iterable[Source]):
    """Sources, each once, in the order first met, and the data release that holds them;
    see :func:`cite`.

    ``release`` is nodecompare's data release when any of the sources is one of its
    records, and ``None`` when none is (a user's own sources are not the release's to
    credit). Iterating gives the sources; :meth:`bibtex` and :meth:`csl_json` cite the
    release too.
    """

    sources: tuple[Source, ...]
    release: Release | None = attrs.field()

    @release.default
    def _release_holding_sources(self) -> Release | None:
        credited = any(is_bundled("sources", source) for source in self.sources)
        return bundled_release() if credited else None

    def __iter__(self) -> Iterator[Source]:
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)

    def __contains__(self, item: object) -> bool:
        return item in self.sources

    def bibtex(self) -> str:
        """Every source as a BibTeX ``@misc`` entry keyed by its id, then the data release
        (keyed ``nodecompare-data-<version>``); every value is braced."""
        entries = [_bibtex_entry(source) for source in self.sources]
        if self.release is not None:
            entries.append(_bibtex_release(self.release))
        return "\n\n".join(entries) + "\n"

    def csl_json(self) -> str:
        """Every source as CSL-JSON, the format Zotero, Pandoc and citeproc read, then the
        data release as a ``dataset`` item."""
        items = [_csl_item(source) for source in self.sources]
        if self.release is not None:
            items.append(_csl_release(self.release))
        return json.dumps(items, indent=2, ensure_ascii=False)

    def __repr__(self) -> str:
        return f"<Citations: {len(self.sources)} sources>"


def cite(*records: Any) -> Citations:
    """The sources behind records and query results.

    Accepts sources, figures (a derived one gives its inputs' sources), nodes (their own
    sources, the source of their class, of every figure and of disputed former names),
    foundries, claims, fabs, locations and sites (each with its background sources), export
    controls, products, equivalents (the node's density and the ladder's), comparisons (the claims
    that date each side), disputes (both sides), density trends (each point's figure), and
    anything iterable over them, such as the answer of :func:`nodecompare.leaders` or
    :func:`nodecompare.claims`.

    >>> import nodecompare as nc
    >>> [s.publisher for s in nc.cite(nc.node("SMIC", "N+1").density)]
    ['SemiWiki']

    Raises:
        UnsupportedError: a value that carries no sources (also a ``TypeError``).
    """
    found: dict[str, Source] = {}
    for record in _records(records):
        for source in sources_of(record):
            found.setdefault(source.id, source)
    return Citations(tuple(found.values()))


_END: Final = object()


def _records(records: Iterable[Any]) -> Iterator[Any]:
    """The records in ``records``, with plain containers (lists, tuples, generators...)
    opened without recursion, so that nesting of any depth, or a list that contains
    itself, is cited rather than crashing; each container is opened once."""
    fallback = sources_of.dispatch(object)
    pending: list[Iterator[Any]] = [iter(records)]
    opened: set[int] = set()
    while pending:
        item = next(pending[-1], _END)
        if item is _END:
            pending.pop()
        elif sources_of.dispatch(type(item)) is not fallback:
            yield item
        elif not _container(item):
            raise UnsupportedError("cannot cite a {}", item)
        elif id(item) not in opened:
            opened.add(id(item))
            pending.append(iter(item))


def _container(record: object) -> TypeGuard[Iterable[Any]]:
    # Text and mappings are iterable, but their characters and keys carry no sources.
    return isinstance(record, Iterable) and not isinstance(record, (str, bytes, Mapping))


@singledispatch
def sources_of(record: Any) -> Iterator[Source]:
    """The sources behind one record or result; anything iterable gives its items'.

    Raises:
        UnsupportedError: the value carries no sources (a number, a string).
    """
    if not _container(record):
        raise UnsupportedError("cannot cite a {}", record)
    for item in record:
        yield from sources_of(item)


@sources_of.register
def _catalog(record: Catalog) -> Iterator[Source]:
    # A whole catalog is cited by its sources section, not walked as a query result.
    raise UnsupportedError("cannot cite a {}", record, "cite catalog.sources or its records")


@sources_of.register
def _source(record: Source) -> Iterator[Source]:
    yield record


@sources_of.register
def _figure(record: Figure) -> Iterator[Source]:
    yield record.source
    if isinstance(record, DerivedFigure):
        for figure in record.inputs:
            yield from sources_of(figure)


@sources_of.register
def _node(record: ProcessNode) -> Iterator[Source]:
    yield from record.sources
    if record.class_source is not None:
        yield record.class_source
    yield from (figure.source for figure in record.figures)
    yield from (source for alias in record.aliases for source in alias.sources)


@sources_of.register(Claim)
@sources_of.register(FabNode)
@sources_of.register(Location)
def _with_background(record: Claim | FabNode | Location) -> Iterator[Source]:
    yield from record.sources
    yield from record.background


@sources_of.register(Foundry)
@sources_of.register(ExportControl)
@sources_of.register(Product)
def _own_sources(record: Foundry | ExportControl | Product) -> Iterator[Source]:
    yield from record.sources


@sources_of.register
def _fab(record: Fab) -> Iterator[Source]:
    yield from record.sources
    for made in record.nodes:
        yield from sources_of(made)


@sources_of.register
def _site(record: Site) -> Iterator[Source]:
    yield from sources_of(record.made)


@sources_of.register
def _equivalent(record: Equivalent) -> Iterator[Source]:
    yield from sources_of(record.density)
    for _, figure in record.ladder:
        yield from sources_of(figure)


@sources_of.register(Leader)
@sources_of.register(Possible)
def _standing(record: Leader | Possible) -> Iterator[Source]:
    for claim in record.claims:
        yield from sources_of(claim)
    for site in record.sites:
        yield from sources_of(site.made)


@sources_of.register(Unplaced)
@sources_of.register(Reached)
@sources_of.register(Breach)
def _claims_behind(record: Unplaced | Reached | Breach) -> Iterator[Source]:
    for claim in record.claims:
        yield from sources_of(claim)


@sources_of.register
def _row(record: GenerationRow) -> Iterator[Source]:
    for side in (record.a, record.b):
        if side is not None:
            yield from sources_of(side)


@sources_of.register
def _dispute(record: Dispute) -> Iterator[Source]:
    for claim in (record.claim, *record.contradicted_by):
        yield from sources_of(claim)


@sources_of.register
def _leaders(record: Leaders) -> Iterator[Source]:
    for entry in (*record.entries, *record.possibly, *record.location_unknown):
        yield from sources_of(entry)


@sources_of.register
def _breaches(record: Breaches) -> Iterator[Source]:
    for breach in (*record.entries, *record.possibly):
        yield from sources_of(breach)


@sources_of.register
def _node_row(record: NodeRow) -> Iterator[Source]:
    for figure in record.figures:
        if figure is not None:
            yield from sources_of(figure)
    for claim in record.claims:
        yield from sources_of(claim)


@sources_of.register
def _node_report(record: NodeReport) -> Iterator[Source]:
    yield from sources_of(record.node)
    yield from sources_of(record.claims)


@sources_of.register
def _story(record: Story) -> Iterator[Source]:
    for _, answer in record.sections:
        yield from sources_of(answer)


@sources_of.register
def _trend(record: Trend) -> Iterator[Source]:
    for point in record.points:
        yield from sources_of(point)


@sources_of.register
def _point(record: Point) -> Iterator[Source]:
    if record.product is not None:
        yield from sources_of(record.product)
    elif record.figure is not None:
        yield from sources_of(record.figure)


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", text)


def _bibtex_entry(source: Source) -> str:
    fields: list[tuple[str, str]] = [("title", _bibtex_escape(source.title))]
    fields.append(("author", _bibtex_names(source.authors or (source.publisher,))))
    fields.append(("publisher", _bibtex_escape(source.publisher)))
    if source.date is not None:
        fields += [("year", str(source.date.start.year)), ("date", _bibtex_date(source.date))]
    if source.link:
        fields.append(("url", source.link))
    if source.accessed is not None:
        fields.append(("urldate", source.accessed.isoformat()))
    fields.append(("note", _bibtex_escape(f"{source.kind.value} source")))
    return _bibtex_misc(source.id, fields)


def _bibtex_names(names: Iterable[str]) -> str:
    # Each name braced whole: publishers and agencies are not split into first and last.
    return " and ".join("{" + _bibtex_escape(name) + "}" for name in names)


def _bibtex_misc(key: str, fields: list[tuple[str, str]]) -> str:
    # Every value braced, so that no value is read as a macro name or a number.
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}"


def release_key(data: Release) -> str:
    """The citation key of a data release: ``nodecompare-data-2026.12``."""
    return f"nodecompare-data-{data.version}"


def _bibtex_release(data: Release) -> str:
    fields = [
        ("title", _bibtex_escape(data.title)),
        ("author", _bibtex_names(data.authors)),
        ("year", str(data.released.year)),
        ("date", data.released.isoformat()),
        ("version", data.version),
        ("howpublished", "Data release"),
        ("note", _bibtex_escape(f"Licensed {data.licence}, {data.licence_url}")),
    ]
    return _bibtex_misc(release_key(data), fields)


def _bibtex_date(date: PartialDate) -> str:
    # biblatex dates take a year, a month or a day; a coarser period is given as a range.
    if date.precision in {Precision.YEAR, Precision.MONTH, Precision.DAY}:
        return str(date)
    return f"{date.start:%Y-%m}/{date.end:%Y-%m}"


def _date_parts(day: dt.date) -> dict[str, list[list[int]]]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def _issued(date: PartialDate) -> dict[str, list[list[int]]]:
    start = date.start
    if date.precision is Precision.DAY:
        return _date_parts(start)
    if date.precision is Precision.MONTH:
        return {"date-parts": [[start.year, start.month]]}
    if date.precision is Precision.YEAR:
        return {"date-parts": [[start.year]]}
    # CSL gives a quarter or a half as a range of months.
    return {"date-parts": [[start.year, start.month], [date.end.year, date.end.month]]}


def _csl_release(data: Release) -> dict[str, Any]:
    return {
        "id": release_key(data),
        "type": "dataset",
        "title": data.title,
        "author": [{"literal": name} for name in data.authors],
        "issued": _date_parts(data.released),
        "version": data.version,
        "genre": "Data release",
        # CSL 1.0.2's "license" is not read by every processor (citeproc-py ignores it).
        "note": f"Licensed {data.licence}, {data.licence_url}",
    }


def _csl_item(source: Source) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": source.id,
        "type": _CSL_TYPES[source.kind],
        "title": source.title,
        "publisher": source.publisher,
        "container-title": source.publisher,
        "author": [{"literal": name} for name in (source.authors or (source.publisher,))],
    }
    if source.link:
        item["URL"] = source.link
    if source.date is not None:
        item["issued"] = _issued(source.date)
    if source.accessed is not None:
        item["accessed"] = _date_parts(source.accessed)
    return item
