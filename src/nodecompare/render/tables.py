"""Plain-text and HTML tables for results shown in terminals and notebooks."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import Final

from nodecompare.render.style import current_style

__all__ = [
    "MARK",
    "cut",
    "display_width",
    "fit",
    "fits",
    "html_table",
    "printable",
    "text_table",
    "wrap_line",
]

#: Ends a cell or line cut short, so a reader sees that something is missing.
MARK: Final = "…"
#: A column that may shrink keeps at least this many columns (or its header's).
_NARROWEST: Final = 8
#: Line breaks and tabs in catalog text: shown as a space, so a record keeps its layout.
_SPACES: Final = re.compile("[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]")
#: Other control characters (C0, DEL, C1, ESC among them): shown as U+FFFD, so catalog
#: text cannot move the cursor, set a window title or clear a terminal.
_CONTROLS: Final = re.compile("[\x00-\x1f\x7f-\x9f]")
#: Characters a terminal draws in no column of their own, besides combining marks.
_ZERO_WIDTH: Final = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def printable(text: str) -> str:
    """``text`` safe to print: line breaks and tabs become spaces, other control
    characters U+FFFD."""
    return _CONTROLS.sub("\ufffd", _SPACES.sub(" ", text))


@lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    """The columns a terminal gives ``char``: 2 for East Asian wide and fullwidth
    characters, 0 for combining marks and zero-width characters, else 1."""
    if unicodedata.combining(char) or char in _ZERO_WIDTH:
        return 0
    if unicodedata.category(char) in ("Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """The columns ``text`` takes in a terminal (not its length in characters)."""
    if text.isascii():
        return len(text)
    return sum(_char_width(char) for char in text)


def _start(text: str, width: int) -> str:
    """The longest start of ``text`` that takes at most ``width`` columns."""
    used = 0
    for end, char in enumerate(text):
        used += _char_width(char)
        if used > width:
            return text[:end]
    return text


def cut(text: str, width: int | None) -> str:
    """``text`` (made :func:`printable`) cut to ``width`` columns, ending in :data:`MARK`
    when it was longer."""
    text = printable(text)
    if width is None or display_width(text) <= width:
        return text
    return _start(text, max(width - 1, 0)).rstrip() + MARK


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _pieces(word: str) -> list[str]:
    """``word`` in the pieces a line may break between: each wide character (Chinese,
    Japanese and Korean text has no spaces) and each run of others, a combining mark
    staying with the character before it."""
    if word.isascii():
        return [word]
    pieces: list[str] = []
    after_wide = False
    for char in word:
        columns = _char_width(char)
        if pieces and (columns == 0 or (columns == 1 and not after_wide)):
            pieces[-1] += char
        else:
            pieces.append(char)
        after_wide = after_wide if columns == 0 else columns == 2
    return pieces


def _fold(text: str, width: int, first: str = "", later: str = "") -> list[str]:
    """``text`` folded to ``width`` columns at spaces and between wide characters, the
    first line after ``first`` and later ones after ``later``. A piece longer than the
    room (a URL) is kept whole on a line of its own: a link cut in two cannot be
    followed."""
    lines: list[str] = []
    line, filled = first, False
    for space, word in re.findall(r"( *)([^ ]+)", text):
        for k, piece in enumerate(_pieces(word)):
            joined = line + (space if k == 0 and filled else "") + piece
            if filled and display_width(joined) > width:
                lines.append(line)
                joined = later + piece
            line, filled = joined, True
    return [*lines, line] if filled else lines


def wrap_line(line: str, width: int | None, indent: str = "  ") -> list[str]:
    """``line`` (made :func:`printable`) folded at spaces, and between wide characters,
    to ``width`` columns; later lines keep its indentation plus ``indent``. A word longer
    than the room (a URL) is kept whole on a line of its own."""
    line = printable(line)
    if width is None or display_width(line) <= width:
        return [line]
    lead = line[: len(line) - len(line.lstrip())]
    return _fold(line.strip(), width, lead, lead + indent)


def text_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    width: int | None = None,
    wrap: Collection[str] = (),
    cut_off: Collection[str] = (),
) -> str:
    """Columns padded to their widest cell, under a rule, fitting ``width`` (default: the
    current :func:`~nodecompare.render.style.text_style`'s).

    When the table is too wide, the columns named in ``wrap`` (their cells folded onto
    more lines, never inside a word) and ``cut_off`` (their cells cut, ending in
    :data:`MARK`) narrow, the widest first; other columns (ids, numbers, dates) keep
    every character. When that is not enough, each row is shown as ``header: value``
    lines instead.
    """
    width = current_style().width if width is None else width
    headers = [printable(h) for h in headers]
    rows = [[printable(c) for c in r] for r in rows]
    widths = _widths(headers, rows, width, wrap, cut_off)
    if widths is None:
        return _records(headers, rows, width)
    cells = [
        [_cell(c, w, h in wrap, h in cut_off) for c, w, h in zip(r, widths, headers, strict=True)]
        for r in rows
    ]

    def line(row: Sequence[str]) -> str:
        return "  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip()

    lines = [line(headers), line(["-" * w for w in widths])]
    for row in cells:
        height = max(len(c) for c in row)
        lines += [line([c[k] if k < len(c) else "" for c in row]) for k in range(height)]
    return "\n".join(lines)


def fits(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int | None,
    wrap: Collection[str] = (),
    cut_off: Collection[str] = (),
) -> bool:
    """True when :func:`text_table` can show these columns in ``width`` as a table."""
    return _widths(headers, rows, width, wrap, cut_off) is not None


def fit(text: str, width: int | None) -> str:
    """``text`` with each line made :func:`printable` and folded to ``width`` (see
    :func:`wrap_line`)."""
    return "\n".join(part for line in text.split("\n") for part in wrap_line(line, width))


def _widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int | None,
    wrap: Collection[str],
    cut_off: Collection[str],
) -> list[int] | None:
    """Each column's width in a table fitting ``width``, or None when none fits."""
    widths = [
        max([display_width(h), *(display_width(r[i]) for r in rows)]) for i, h in enumerate(headers)
    ]
    if width is None:
        return widths
    floors = {
        i: max(display_width(h), _NARROWEST if h in cut_off else _longest_word(rows, i))
        for i, h in enumerate(headers)
        if h in wrap or h in cut_off
    }
    widths = _narrowed(widths, floors, width)
    return widths if _span(widths) <= width else None


def _span(widths: Sequence[int]) -> int:
    return sum(widths) + 2 * (len(widths) - 1)


def _longest_word(rows: Sequence[Sequence[str]], column: int) -> int:
    """The widest word in a column: a folded cell never splits one (an id, a URL), though
    it may break between wide characters."""
    return max(
        (
            display_width(piece)
            for row in rows
            for word in row[column].split()
            for piece in _pieces(word)
        ),
        default=0,
    )


def _narrowed(widths: list[int], floors: dict[int, int], width: int) -> list[int]:
    """``widths`` with the columns in ``floors`` narrowed, the widest first, down to
    their floors, until the table fits ``width`` or none can narrow further."""
    widths = list(widths)
    excess = _span(widths) - width
    while excess > 0:
        room = [i for i in floors if widths[i] > floors[i]]
        if not room:
            break
        widest = max(room, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
    return widths


def _cell(text: str, width: int, wraps: bool, cuts: bool) -> list[str]:
    if wraps and display_width(text) > width:
        return _fold(text, width) or [""]
    return [cut(text, width) if cuts else text]


def _records(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int | None) -> str:
    """Each row as ``header: value`` lines, for a table too wide for ``width`` even
    narrowed: nothing is cut, and values fold onto more lines."""
    lines: list[str] = []
    for row in rows:
        for k, (header, value) in enumerate(zip(headers, row, strict=True)):
            lead = "- " if k == 0 else "  "
            lines += wrap_line(f"{lead}{header}: {value or '-'}", width, "    ")
    return "\n".join(lines)


def html_table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An HTML table. The caption and headers are escaped; cells go in as given, so escape
    them or build them with :func:`link`."""
    head = "".join(f"<th style='text-align:left'>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td style='text-align:left'>{cell}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    return (
        f"<table><caption style='text-align:left'>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def link(text: str, url: str | None) -> str:
    """Escaped ``text``, linked to ``url`` when it is an http(s) address.

    Any other URL (``javascript:``, ``data:``, ``file:``, in any case, behind spaces or
    control characters) is not linked: the text is followed by the URL as escaped text.
    """
    if not url:
        return html.escape(text)
    if not _is_web_address(url):
        return f"{html.escape(text)} ({html.escape(url)})"
    return f"<a href='{html.escape(url, quote=True)}'>{html.escape(text)}</a>"


def _is_web_address(url: str) -> bool:
    """True for an ``http://`` or ``https://`` URL exactly as given: browsers drop leading
    spaces and control characters and tabs inside a scheme, so text with any of them
    before the scheme's end is not one."""
    scheme, colon, rest = url.partition(":")
    return (
        bool(colon)
        and scheme.lower() in ("http", "https")
        and scheme.isascii()
        and scheme.isalpha()
        and rest.startswith("//")
        and all(ch.isprintable() and not ch.isspace() for ch in url)
    )
