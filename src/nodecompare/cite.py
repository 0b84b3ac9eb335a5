"""Provenance: the sources behind any record or result, as BibTeX or CSL-JSON for papers."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any, Final

import attrs

from nodecompare.catalog import Catalog
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
    Precision,
    ProcessNode,
    Site,
    Source,
    SourceKind,
)
from nodecompare.product import Product
from nodecompare.render import text_table

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
class Citations(Iterable[Source]):
    """Sources, each once, in the order first met; see :func:`cite`."""

    sources: tuple[Source, ...]

    def __iter__(self) -> Iterator[Source]:
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)

    def __contains__(self, item: object) -> bool:
        return item in self.sources

    def bibtex(self) -> str:
        """Every source as a BibTeX ``@misc`` entry keyed by its id."""
        return "\n\n".join(_bibtex_entry(source) for source in self.sources) + "\n"

    def csl_json(self) -> str:
        """Every source as CSL-JSON, the format Zotero, Pandoc and citeproc read."""
        return json.dumps(
            [_csl_item(source) for source in self.sources], indent=2, ensure_ascii=False
        )

    def __repr__(self) -> str:
        rows = [
            [s.id, s.publisher, s.title, str(s.date) if s.date else "", s.link or ""]
            for s in self.sources
        ]
        return text_table(["id", "publisher", "title", "date", "url"], rows)


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
        TypeError: a value that carries no sources.
    """
    found: dict[str, Source] = {}
    for record in records:
        for source in _sources(record):
            found.setdefault(source.id, source)
    return Citations(tuple(found.values()))


def _sources(record: Any) -> Iterator[Source]:
    if isinstance(record, Catalog):
        # A whole catalog is cited by its sources section, not walked as a query result.
        raise TypeError("a Catalog carries no sources; cite catalog.sources or its records")
    if isinstance(record, Source):
        yield record
    elif isinstance(record, DerivedFigure):
        yield record.source
        for figure in record.inputs:
            yield from _sources(figure)
    elif isinstance(record, Figure):
        yield record.source
    elif isinstance(record, ProcessNode):
        yield from record.sources
        if record.class_source is not None:
            yield record.class_source
        yield from (figure.source for figure in record.figures)
        yield from (source for alias in record.aliases for source in alias.sources)
    elif isinstance(record, (Claim, FabNode, Location)):
        yield from record.sources
        yield from record.background
    elif isinstance(record, (Foundry, ExportControl, Product)):
        yield from record.sources
    elif isinstance(record, Fab):
        yield from record.sources
        for made in record.nodes:
            yield from _sources(made)
    elif hasattr(record, "ladder") and hasattr(record, "density"):  # an Equivalent
        yield from _sources(record.density)
        for _, figure in record.ladder:
            yield from _sources(figure)
    elif isinstance(record, Site):
        yield from _sources(record.made)
    elif hasattr(record, "claims") and hasattr(record, "foundry"):  # a Leader or Possible
        for claim in record.claims:
            yield from _sources(claim)
        for site in getattr(record, "sites", ()):
            yield from _sources(site.made)
    elif all(hasattr(record, key) for key in ("claims", "node", "since")):  # a Reached
        for claim in record.claims:
            yield from _sources(claim)
    elif hasattr(record, "generation") and hasattr(record, "a"):  # a comparison's row
        for side in (record.a, record.b):
            if side is not None:
                yield from _sources(side)
    elif hasattr(record, "contradicted_by"):  # a Dispute
        for claim in (record.claim, *record.contradicted_by):
            yield from _sources(claim)
    elif hasattr(record, "points") and hasattr(record, "slope"):  # a Trend
        for point in record.points:
            yield from _sources(point)
    elif hasattr(record, "figure") and hasattr(record, "density"):  # a trend's Point
        if record.figure is not None:
            yield from _sources(record.figure)
    elif isinstance(record, (str, bytes)) or not isinstance(record, Iterable):
        raise TypeError(f"a {type(record).__name__} carries no sources")
    else:
        for item in record:
            yield from _sources(item)


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", text)


def _bibtex_entry(source: Source) -> str:
    fields: list[tuple[str, str]] = [("title", "{" + _bibtex_escape(source.title) + "}")]
    if source.authors:
        fields.append(
            ("author", " and ".join("{" + _bibtex_escape(a) + "}" for a in source.authors))
        )
    else:
        fields.append(("author", "{" + _bibtex_escape(source.publisher) + "}"))
    fields.append(("publisher", "{" + _bibtex_escape(source.publisher) + "}"))
    if source.date is not None:
        fields += [("year", str(source.date.start.year)), ("date", _bibtex_date(source.date))]
    if source.link:
        fields.append(("url", source.link))
    if source.accessed is not None:
        fields.append(("urldate", source.accessed.isoformat()))
    fields.append(("note", f"{source.kind.value} source"))
    body = ",\n".join(
        f"  {key} = {{{value}}}"
        if key in {"url", "urldate", "date", "year"}
        else f"  {key} = {value}"
        for key, value in fields
    )
    return f"@misc{{{source.id},\n{body}\n}}"


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
