"""The limits of catalog input, and the checks that hold them (``docs/data-format.md``,
"Limits").

A file is read in bounded steps and parsed without unbounded recursion; a document, read
from a file or passed as a dict, is then walked once, iteratively, for what the record
checks cannot be trusted with: keys that are not text, text that UTF-8 cannot encode,
values too long or too deep, numbers too long and keys given twice. A document that breaks
any of these is refused before its records are read, so no limit-breaking value ever
reaches the slower parsers behind them.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import IO, Any, Final, TypeAlias, TypeGuard

from nodecompare.catalog import SECTIONS
from nodecompare.errors import Problem, record_label, shorten

__all__ = [
    "JSON_DECODER",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NUMBER_CHARS",
    "MAX_STRING_CHARS",
    "check_document",
    "check_record",
    "document_label",
    "file_limit",
    "is_clean_text",
    "parse_text",
    "read_text",
]

#: The largest file read, in bytes (256 MiB).
MAX_FILE_BYTES: Final = 256 * 2**20
#: The deepest nesting of objects and lists; the document itself is level 1, a record 3.
MAX_DEPTH: Final = 32
#: The longest string, in characters, keys included.
MAX_STRING_CHARS: Final = 10_000
#: The longest number, in characters as written (digits, sign, point and exponent).
MAX_NUMBER_CHARS: Final = 100

_LARGEST_INT: Final = 10**MAX_NUMBER_CHARS
_CHUNK_BYTES: Final = 64 * 2**10
_BLANK: Final = b" \t\r\n"
_UTF8_BOM: Final = b"\xef\xbb\xbf"
_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def file_limit(max_bytes: int | None) -> int:
    """The largest file read: ``max_bytes``, or :data:`MAX_FILE_BYTES` for None."""
    return MAX_FILE_BYTES if max_bytes is None else max_bytes


def read_text(
    stream: IO[bytes], name: str, problems: list[Problem], max_bytes: int | None = None
) -> str | None:
    """The text of a catalog file, or None after adding a problem.

    A file whose first character past blanks is not ``{`` is refused at once, so that
    ``/dev/zero`` or a picture fails fast; no more than ``max_bytes`` (by default
    :data:`MAX_FILE_BYTES`) + 1 bytes are ever read.
    """
    max_bytes = file_limit(max_bytes)
    head = stream.read(_CHUNK_BYTES)
    size = len(head)
    head = head.removeprefix(_UTF8_BOM).lstrip(_BLANK)
    while not head and size <= max_bytes:  # skip blanks without keeping them
        more = stream.read(_CHUNK_BYTES)
        if not more:
            break
        size += len(more)
        head = more.lstrip(_BLANK)
    if not head.startswith(b"{"):
        found = f"not {shorten(head[:8])}" if head else "and it is blank"
        problems.append(
            Problem("file", "", f"is not a catalog: it must begin with '{{', {found}", name)
        )
        return None
    start = size - len(head)
    rest = stream.read(max(0, max_bytes + 1 - size))
    if size + len(rest) > max_bytes:
        problems.append(Problem("file", "", f"is over {_size(max_bytes)}", name))
        return None
    try:
        # A lone surrogate (bytes ED A0 80) passes here so that check_document names its
        # record and field, as it does for the JSON escape \ud800.
        return (head + rest).decode("utf-8", "surrogatepass")
    except UnicodeDecodeError as error:
        where = f"byte {start + error.start}"
        problems.append(Problem("file", "", f"is not UTF-8 text at {where}: {error.reason}", name))
        return None


def _size(count: int) -> str:
    """A size limit as the message gives it: ``256 MiB``, or in bytes."""
    return f"{count // 2**20} MiB" if count % 2**20 == 0 else f"{count:,} bytes"


class _KeysRepeated(dict[str, Any]):
    """A JSON object that gave some key more than once (the last value is kept)."""

    repeated: tuple[str, ...] = ()


class _LongNumber:
    """A JSON number written with more than :data:`MAX_NUMBER_CHARS` characters."""

    def __init__(self, text: str) -> None:
        self.length = len(text)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    repeated = _KeysRepeated(result)
    counts = Counter(key for key, _ in pairs)
    repeated.repeated = tuple(sorted(key for key, count in counts.items() if count > 1))
    return repeated


def _int(text: str) -> int | _LongNumber:
    return int(text) if len(text) <= MAX_NUMBER_CHARS else _LongNumber(text)


def _float(text: str) -> float | _LongNumber:
    return float(text) if len(text) <= MAX_NUMBER_CHARS else _LongNumber(text)


#: The parser of catalog files: repeated keys and over-long numbers are marked for
#: :func:`check_document`.
JSON_DECODER: Final = json.JSONDecoder(
    object_pairs_hook=_object, parse_int=_int, parse_float=_float
)


def parse_text(text: str, name: str, problems: list[Problem]) -> Any:
    """The JSON document in ``text``, or None after adding a problem.

    Repeated keys and over-long numbers are marked for :func:`check_document` to report
    with their record and field. json's parser recurses, but in C and only to the
    interpreter's recursion limit: a document nested deeper stops it at once.
    """
    try:
        return JSON_DECODER.decode(text)
    except json.JSONDecodeError as error:
        problems.append(Problem("file", "", f"is not valid JSON: {error}", name))
    except RecursionError:
        problems.append(Problem("file", "", f"is nested deeper than {MAX_DEPTH} levels", name))
    return None


def document_label(section: str, index: int, data: Any) -> str:
    """How problems name a record of a document, by the id it gives if any."""
    return record_label(section, index, data.get("id") if isinstance(data, Mapping) else None)


#: Where a value is: None for its record itself, or (where its container is, key or index).
_Where: TypeAlias = tuple["_Where", str | int] | None
#: Its record: a label, or a section's (name, index, record) to label when a problem needs it.
_Record: TypeAlias = str | tuple[str, int, Any]


def check_document(document: Any, file: str | None, problems: list[Problem]) -> bool:
    """Add a problem for each key that is not text or is given twice, each string too long
    or that UTF-8 cannot encode, each number too long and each value nested too deep in
    ``document``; True when there is none.

    The walk is iterative and goes no deeper than :data:`MAX_DEPTH`, so that a dict nested
    without end, or holding itself, is a problem too.
    """
    if not isinstance(document, Mapping):
        return True  # the reader says what a document must be
    return _checked([(document, 1, "document", None)], file, problems)


def check_record(
    section: str, index: int, record: Any, file: str | None, problems: list[Problem]
) -> bool:
    """:func:`check_document` for one record, entry ``index`` of ``section``: True when
    nothing in it breaks a limit."""
    if not isinstance(record, (dict, list, tuple, Mapping)):
        return True  # a record that is no container holds nothing too long or deep
    return _checked([(record, 3, (section, index, record), None)], file, problems)


def is_clean_text(value: Any) -> TypeGuard[str]:
    """True when ``value`` is text within the limits: not too long, and UTF-8 can encode it."""
    return (
        type(value) is str
        and len(value) <= MAX_STRING_CHARS
        and (value.isascii() or _SURROGATE.search(value) is None)
    )


def _checked(
    stack: list[tuple[Any, int, _Record, _Where]], file: str | None, problems: list[Problem]
) -> bool:
    """Walk the containers on ``stack`` (value, level, record, where), adding a problem for
    each value that breaks a limit; True when there is none."""
    found: list[tuple[_Record, _Where, str]] = []
    while stack:
        container, depth, record, where = stack.pop()
        entries: Iterable[tuple[Any, Any]]
        if isinstance(container, (list, tuple)):
            entries = enumerate(container)
        else:
            entries = container.items()
            if messages := _key_problems(container):
                found.extend((record, where, message) for message in messages)
        section = _section(where) if depth == 2 else None
        for step, value in entries:
            kind = type(value)
            if kind is str:  # the commonest value, passed without a call
                if len(value) <= MAX_STRING_CHARS and value.isascii():
                    continue
                message = _text_problem(value)
            elif value is None or kind is bool or kind is float:
                continue
            elif isinstance(value, (dict, list, tuple, Mapping)):
                if depth < MAX_DEPTH:
                    if section is None:
                        stack.append((value, depth + 1, record, (where, step)))
                    else:
                        stack.append((value, depth + 1, (section, step, value), None))
                    continue
                message = f"is nested deeper than {MAX_DEPTH} levels"
            else:
                message = _number_problem(value)
            if message is not None:
                found.append((*_place(section, record, where, step, value), message))
    for record, where, message in found:
        label = record if isinstance(record, str) else document_label(*record)
        problems.append(Problem(label, _field(where), message, file))
    return not found


def _section(where: _Where) -> str | None:
    """The section whose records are the entries of the container (at level 2) ``where``."""
    if where is not None and where[0] is None and where[1] in SECTIONS:
        return str(where[1])
    return None


def _place(
    section: str | None, record: _Record, where: _Where, step: Any, value: Any
) -> tuple[_Record, _Where]:
    """The record and the place in it of ``value``, entry ``step`` of a container."""
    return ((section, step, value), None) if section is not None else (record, (where, step))


def _field(where: _Where) -> str:
    steps: list[str] = []
    while where is not None:
        where, step = where
        steps.append(f".{step}" if isinstance(step, str) else f"[{shorten(step)}]")
    return "".join(reversed(steps)).lstrip(".")


def _text_problem(text: str) -> str | None:
    if len(text) > MAX_STRING_CHARS:
        return f"is {len(text)} characters long; at most {MAX_STRING_CHARS} are allowed"
    if not text.isascii() and (surrogate := _SURROGATE.search(text)):
        code = f"U+{ord(surrogate.group()):04X}"
        return f"cannot be saved as UTF-8: a lone surrogate {code} at character {surrogate.start()}"
    return None


def _key_problems(value: Mapping[Any, Any]) -> list[str]:
    try:
        keys = "".join(value)  # fails on a key that is not text
    except TypeError:
        keys = None
    plain = keys is not None and len(keys) <= MAX_STRING_CHARS and keys.isascii()
    if plain and not isinstance(value, _KeysRepeated):
        return []  # the commonest case: short keys, each given once
    messages = [
        f"key {shorten(key)} is given more than once" for key in getattr(value, "repeated", ())
    ]
    for key in value:
        if not isinstance(key, str):
            messages.append(f"has a key that is not text: {shorten(key)}")
        elif message := _text_problem(key):
            messages.append(f"key {shorten(key)} {message}")
    return messages


def _number_problem(value: Any) -> str | None:
    if isinstance(value, _LongNumber):
        return f"is a number of {value.length} characters; at most {MAX_NUMBER_CHARS} are allowed"
    if isinstance(value, int) and abs(value) >= _LARGEST_INT:
        return f"is a number of more than {MAX_NUMBER_CHARS} digits"
    return None
