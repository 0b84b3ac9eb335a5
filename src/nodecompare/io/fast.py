"""The loader's fast path: a catalog built from a clean document without cattrs.

The checking path (:func:`nodecompare.io.files.build`) lists every problem of a document:
the limits of :mod:`~nodecompare.io.limits`, each field through cattrs with its own check,
each record's rules between fields, then the records taken together. Most documents of a
large catalog have no problem at all, and for them that path spends most of its time
checking each value several times over. Here claims, sources and locations, the bulk of
such a catalog, are read by one function per field that checks the value once (its
limits, its type, its field's check) and builds the record directly; the other sections
go through their limits and the converter one record at a time.

Nothing here reports a problem. At the first value it does not plainly accept, the fast
path gives up and the loader runs the checking path on the whole input instead, so that
either path gives the same catalog, and every problem is listed by the checking path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import Enum
from typing import Any, Final

import attrs

from nodecompare.catalog import Catalog
from nodecompare.catalog.engine import collection_paused
from nodecompare.dates import parse_day
from nodecompare.errors import CatalogError
from nodecompare.io.converter import unchecked_converter
from nodecompare.io.format import DOCUMENT_KEYS, RECORD_TYPES, SECTIONS
from nodecompare.io.limits import check_record, is_clean_text
from nodecompare.io.references import CURRENT, References
from nodecompare.model import (
    Claim,
    ClaimKind,
    Confidence,
    Copy,
    Location,
    PartialDate,
    Source,
    SourceKind,
)
from nodecompare.model.checks import country, slug

__all__ = ["FAST_SECTIONS", "GiveUp", "build_fast", "fast_catalog"]

Reader = Callable[[Any], Any]


class GiveUp(Exception):
    """A value the fast path does not plainly accept: the checking path reads the input."""


def _text(value: Any) -> str:
    if not is_clean_text(value):
        raise GiveUp
    return value


def _non_blank(value: Any) -> str:
    if not is_clean_text(value) or not value.strip():
        raise GiveUp
    return value


def _slug(value: Any) -> str:
    if not is_clean_text(value) or slug(value) is not None:
        raise GiveUp
    return value


def _country(value: Any) -> str:
    if not is_clean_text(value) or country(value) is not None:
        raise GiveUp
    return value


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise GiveUp
    return value


def _optional(read: Reader) -> Reader:
    return lambda value: None if value is None else read(value)


def _texts(value: Any) -> tuple[str, ...]:
    if type(value) is not list:
        raise GiveUp
    return tuple(_text(item) for item in value)


def _non_blanks(value: Any) -> tuple[str, ...]:
    if type(value) is not list:
        raise GiveUp
    return tuple(_non_blank(item) for item in value)


def _member(enum: type[Enum]) -> Reader:
    members = {member.value: member for member in enum}

    def read(value: Any) -> Any:
        # A member itself is text too (the model's enums are str subclasses), as the
        # converter's hook takes it.
        if not isinstance(value, str) or value not in members:
            raise GiveUp
        return members[value]

    return read


class _Readers:
    """The readers of one build: references resolve against its tables, and each date
    text is read once (the records share the immutable result)."""

    def __init__(self, references: References) -> None:
        self.references = references
        self.periods: dict[str, PartialDate] = {}
        self.days: dict[str, dt.date] = {}

    def period(self, value: Any) -> PartialDate:
        found = self.periods.get(value) if type(value) is str else None
        if found is None:
            try:
                found = PartialDate.parse(_text(value))
            except ValueError:
                raise GiveUp from None
            self.periods[value] = found
        return found

    def day(self, value: Any) -> dt.date:
        found = self.days.get(value) if type(value) is str else None
        if found is None:
            try:
                found = parse_day(_text(value))
            except ValueError:
                raise GiveUp from None
            self.days[value] = found
        return found

    def ref(self, table: str) -> Reader:
        records: dict[str, Any] = getattr(self.references, table)

        def read(value: Any) -> Any:
            if type(value) is not str or value not in records:
                raise GiveUp
            return records[value]

        return read

    def refs(self, table: str, *, nonempty: bool = False) -> Reader:
        records: dict[str, Any] = getattr(self.references, table)

        def read_all(value: Any) -> tuple[Any, ...]:
            if type(value) is not list or (nonempty and not value):
                raise GiveUp
            try:  # the tables' keys are ids: anything else is not found
                return tuple([records[item] for item in value])
            except (KeyError, TypeError):
                raise GiveUp from None

        return read_all


def _copy(value: Any) -> Copy:
    """A source's ``via``, built (and checked) by its class: few sources have one."""
    if type(value) is not dict or not value.keys() <= {"host", "url"} or "host" not in value:
        raise GiveUp
    return Copy(_non_blank(value["host"]), _optional(_non_blank)(value.get("url")))


def _field_readers(record_type: type, readers: _Readers) -> dict[str, Reader]:
    """Each field's reader, by attribute name (each field's key in the files)."""
    sources = readers.refs("sources")
    if record_type is Source:
        return {
            "id": _slug,
            "publisher": _non_blank,
            "title": _non_blank,
            "kind": _member(SourceKind),
            "url": _optional(_non_blank),
            "date": _optional(readers.period),
            "accessed": _optional(readers.day),
            "authors": _texts,
            "title_inferred": _bool,
            "via": _optional(_copy),
            "affiliation": _optional(_non_blank),
            "relays": _non_blanks,
            "weak_reason": _text,
            "note": _text,
        }
    if record_type is Claim:
        return {
            "id": _slug,
            "kind": _member(ClaimKind),
            "statement": _non_blank,
            "valid_from": readers.period,
            "reported_on": readers.day,
            "sources": readers.refs("sources", nonempty=True),
            "confidence": _member(Confidence),
            "node": _optional(readers.ref("nodes")),
            "foundry": _optional(readers.ref("foundries")),
            "region": _optional(_country),
            "valid_until": _optional(readers.period),
            "evidence": _text,
            "note": _text,
            "background": sources,
            "disputes": _texts,
            "supersedes": _texts,
        }
    assert record_type is Location
    return {
        "id": _slug,
        "node": readers.ref("nodes"),
        "country": _country,
        "since": _optional(readers.period),
        "reported_on": _optional(readers.day),
        "sources": readers.refs("sources", nonempty=True),
        "city": _text,
        "until": _optional(readers.period),
        "note": _text,
        "background": sources,
    }


#: The sections whose records are read by :func:`_field_readers`.
FAST_SECTIONS: Final = ("sources", "claims", "locations")


def _record_builder(record_type: type, readers: _Readers) -> Callable[[Any], Any]:
    """A function from a record's data to the record, or raising :class:`GiveUp`."""
    fields = attrs.fields(record_type)
    read = _field_readers(record_type, readers)
    if [field.name for field in fields] != list(read):
        raise AssertionError(f"the fast path does not know the fields of {record_type}")
    keys = frozenset(read)
    required = frozenset(field.name for field in fields if field.default is attrs.NOTHING)
    defaults = [
        (field.name, read[field.name], field.default)
        for field in fields
        if field.default is not attrs.NOTHING
    ]
    named = [(name, read[name]) for name in read if name in required]
    finish = _finish_claim if record_type is Claim else None
    setter = object.__setattr__

    def build(data: Any) -> Any:
        if type(data) is not dict or not required <= data.keys() <= keys:
            raise GiveUp
        record: Any = object.__new__(record_type)
        for name, reader in named:
            setter(record, name, reader(data[name]))
        for name, reader, default in defaults:
            setter(record, name, reader(data[name]) if name in data else default)
        if finish is not None:
            finish(record, setter)
        return record

    return build


def _finish_claim(claim: Claim, setter: Callable[[Any, str, Any], None]) -> None:
    """What a claim does when it is made: its node's foundry when none is given; and its
    rules between fields (:meth:`Claim.cross_field_rules`), here a reason to give up."""
    if claim.foundry is None and claim.node is not None:
        setter(claim, "foundry", claim.node.foundry)
    if (
        (claim.node is None and claim.foundry is None and claim.region is None)
        or (claim.node is not None and claim.node.foundry != claim.foundry)
        or (claim.valid_until is not None and claim.valid_until.start <= claim.valid_from.start)
        or claim.id in claim.disputes
        or claim.id in claim.supersedes
    ):
        raise GiveUp


def _converted(section: str) -> Callable[[int, Any], Any]:
    """The record of entry ``index`` of a section without a reader here: within the limits,
    and structured by the converter."""
    record_type = RECORD_TYPES[section]
    convert = unchecked_converter()

    def build(index: int, data: Any) -> Any:
        if not check_record(section, index, data, None, []):
            raise GiveUp
        try:
            return convert.structure(data, record_type)
        except Exception:  # the checking path reports it
            raise GiveUp from None

    return build


def _plain_documents(documents: Sequence[tuple[Any, str | None]]) -> bool:
    """True when every document is a dict of known keys, with lists for sections and a
    clean, non-blank ``about``."""
    for document, _ in documents:
        if type(document) is not dict or not document.keys() <= DOCUMENT_KEYS:
            return False
        if "about" in document and not (
            is_clean_text(document["about"]) and document["about"].strip()
        ):
            return False
        if any(type(document.get(section, [])) is not list for section in SECTIONS):
            return False
    return True


def fast_catalog(
    documents: Sequence[tuple[Any, str | None]], base: Catalog | None = None
) -> Catalog | None:
    """The catalog of ``documents`` (and ``base``), or None when anything in them is not
    plainly right; the checking path then reads them and lists the problems."""
    if not _plain_documents(documents):
        return None
    sections = (
        (section, document[section])
        for section in SECTIONS
        for document, _ in documents
        if section in document
    )
    return build_fast(sections, base)


def build_fast(
    sections: Iterable[tuple[str, Iterable[Any]]], base: Catalog | None = None
) -> Catalog | None:
    """The catalog of the records of ``sections`` ((section, its records) in the order of
    :data:`SECTIONS`; a section may come more than once) and ``base``, or None when
    anything in them is not plainly right. ``sections`` may raise :class:`GiveUp`."""
    references = References()
    if base is not None:
        references.sources.update((r.id, r) for r in base.sources)
        references.foundries.update((r.id, r) for r in base.foundries)
        references.nodes.update((r.id, r) for r in base.nodes)
    readers = _Readers(references)
    built: dict[str, list[Any]] = {section: [] for section in SECTIONS}
    token = CURRENT.set(references)
    try:
        with collection_paused():
            last = 0
            for section, records in sections:
                position = SECTIONS.index(section)
                if position < last:
                    raise GiveUp  # records refer back to earlier sections only
                last = position
                built[section].extend(_section_records(section, records, readers))
            return Catalog(
                **{
                    section: (getattr(base, section) if base is not None else ())
                    + tuple(built[section])
                    for section in SECTIONS
                }
            )
    except GiveUp:
        return None
    except CatalogError:
        return None  # a record repeated, a name that clashes, a cycle: the checking path says
    finally:
        CURRENT.reset(token)


def _section_records(section: str, records: Iterable[Any], readers: _Readers) -> Iterator[Any]:
    """The records of ``section``, each entered in its reference table (if its section has
    one) as soon as it is built."""
    table: dict[str, Any] | None = getattr(readers.references, section, None)
    if section in FAST_SECTIONS:
        build = _record_builder(RECORD_TYPES[section], readers)
        built = (build(data) for data in records)
    else:
        convert = _converted(section)
        built = (convert(index, data) for index, data in enumerate(records))
    for record in built:
        if table is not None:
            if record.id in table:
                raise GiveUp  # a repeated id, or one of the base catalog's
            table[record.id] = record
        yield record
