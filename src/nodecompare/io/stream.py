"""A catalog file read a record at a time, for the loader's fast path.

Parsing a whole file first holds its text and every record's dict at once, several times
the file's size, before a single record is built. Here the file is decoded a window at a
time and each record is parsed (by json's own scanner, with the loader's hooks), built and
dropped, so that a load holds little more than the catalog it builds.

Like :mod:`~nodecompare.io.fast`, this reports nothing: anything that is not plainly a
clean catalog (a byte that is not UTF-8, a key out of place, a section out of order, the
file over its size limit, JSON that does not parse) gives up, and the loader reads the
file again on its checking path, which names the problem.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Callable, Iterator
from typing import IO, Any, Final

from nodecompare.catalog import Catalog
from nodecompare.io.fast import GiveUp, build_fast
from nodecompare.io.format import DOCUMENT_KEYS
from nodecompare.io.limits import JSON_DECODER, is_clean_text

__all__ = ["stream_catalog"]

#: How much is read at a time; a record longer than a window makes the next read as long
#: as what is pending, so that a long record is scanned a few times, not once per window.
_WINDOW_BYTES: Final = 2**20
_BLANKS: Final = re.compile(r"[ \t\n\r]*")
_SCAN_ERRORS: Final = (json.JSONDecodeError, StopIteration, RecursionError)
_END: Final = object()
#: json's scanner of one value at a position, with the loader's hooks.
_scan: Final[Callable[[str, int], tuple[Any, int]]] = JSON_DECODER.scan_once  # type: ignore[attr-defined]


class _Window:
    """The part of a file's text not yet parsed, decoded as it is needed."""

    def __init__(self, stream: IO[bytes], max_bytes: int) -> None:
        self.stream = stream
        self.max_bytes = max_bytes
        self.decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")
        self.text = ""
        self.at = 0
        self.read = 0
        self.ended = False
        self.fresh = True

    def more(self) -> bool:
        """Decode more of the file into the window; False at its end."""
        if self.ended:
            return False
        data = self.stream.read(max(_WINDOW_BYTES, len(self.text) - self.at))
        self.read += len(data)
        if self.read > self.max_bytes:
            raise GiveUp
        try:
            text = self.decoder.decode(data, final=not data)
        except UnicodeDecodeError:
            raise GiveUp from None
        if self.fresh and text:
            text = text.removeprefix("\ufeff")  # a byte-order mark, as read_text allows
            self.fresh = False
        self.ended = not data
        self.text = self.text[self.at :] + text
        self.at = 0
        return True

    def next_char(self) -> str:
        """The next character past blanks, not consumed; "" at the end of the file."""
        while True:
            self.at = _BLANKS.match(self.text, self.at).end()  # type: ignore[union-attr]
            if self.at < len(self.text):
                return self.text[self.at]
            if not self.more():
                return ""

    def expect(self, characters: str) -> str:
        """Consume the next character past blanks, one of ``characters``."""
        found = self.next_char()
        if not found or found not in characters:
            raise GiveUp
        self.at += 1
        return found

    def value(self, scan: Callable[[str, int], tuple[Any, int]]) -> Any:
        """The value ``scan`` reads at the window's position, reading on while it is cut."""
        self.next_char()
        while True:
            try:
                value, end = scan(self.text, self.at)
            except _SCAN_ERRORS:
                if not self.more():
                    raise GiveUp from None
                continue
            self.at = end
            return value


def _key(text: str, at: int) -> tuple[str, int]:
    if text[at : at + 1] != '"':
        raise GiveUp
    key, end = json.decoder.scanstring(text, at + 1)  # type: ignore[attr-defined]
    return key, end


def _sections(window: _Window) -> Iterator[tuple[str, Iterator[Any]]]:
    """Each section of the document with its records, read as they are asked for."""
    window.expect("{")
    seen: set[str] = set()
    if window.next_char() == "}":
        window.at += 1
    else:
        while True:
            key = window.value(_key)
            window.expect(":")
            if key in seen or key not in DOCUMENT_KEYS:
                raise GiveUp
            seen.add(key)
            if key == "about":
                about = window.value(_scan)
                if not is_clean_text(about) or not about.strip():
                    raise GiveUp
            else:
                records = _records(window)
                yield key, records
                if next(records, _END) is not _END:
                    raise GiveUp  # not read to its end
            if window.expect(",}") == "}":
                break
    if window.next_char():
        raise GiveUp  # more than one document


def _records(window: _Window) -> Iterator[Any]:
    window.expect("[")
    if window.next_char() == "]":
        window.at += 1
        return
    while True:
        yield window.value(_scan)
        if window.expect(",]") == "]":
            return


def stream_catalog(path: str, base: Catalog | None, max_bytes: int) -> Catalog | None:
    """The catalog in the JSON file at ``path`` (and ``base``), read a record at a time;
    None when the file is not plainly a clean catalog of at most ``max_bytes`` bytes."""
    try:
        with open(path, "rb") as stream:
            if os.fstat(stream.fileno()).st_size > max_bytes:
                return None
            return build_fast(_sections(_Window(stream, max_bytes)), base)
    except (OSError, GiveUp):
        return None
