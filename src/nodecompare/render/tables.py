"""Plain-text and HTML tables for results shown in terminals and notebooks."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Collection, Sequence
from typing import Final

from nodecompare.render.style import current_style

__all__ = ["MARK", "cut", "fit", "fits", "html_table", "text_table", "wrap_line"]

#: Ends a cell or line cut short, so a reader sees that something is missing.
MARK: Final = "…"
#: A column that may shrink keeps at least this many characters (or its header's).
_NARROWEST: Final = 8


def cut(text: str, width: int | None) -> str:
    """``text`` cut to ``width`` characters, ending in :data:`MARK` when it was longer."""
    if width is None or len(text) <= width:
        return text
    return text[: max(width - 1, 0)].rstrip() + MARK


def wrap_line(line: str, width: int | None, indent: str = "  ") -> list[str]:
    """``line`` folded at spaces to ``width``; later lines keep its indentation plus
    ``indent``. A word longer than the room (a URL) is kept whole on a line of its own:
    a link cut in two cannot be followed."""
    if width is None or len(line) <= width:
        return [line]
    lead = line[: len(line) - len(line.lstrip())]
    return textwrap.wrap(
        line.strip(),
        width,
        initial_indent=lead,
        subsequent_indent=lead + indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


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
    widths = _widths(headers, rows, width, wrap, cut_off)
    if widths is None:
        return _records(headers, rows, width)
    cells = [
        [_cell(c, w, h in wrap, h in cut_off) for c, w, h in zip(r, widths, headers, strict=True)]
        for r in rows
    ]

    def line(row: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()

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
    """``text`` with each line folded to ``width`` (see :func:`wrap_line`)."""
    return "\n".join(part for line in text.split("\n") for part in wrap_line(line, width))


def _widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int | None,
    wrap: Collection[str],
    cut_off: Collection[str],
) -> list[int] | None:
    """Each column's width in a table fitting ``width``, or None when none fits."""
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    if width is None:
        return widths
    floors = {
        i: max(len(h), _NARROWEST if h in cut_off else _longest_word(rows, i))
        for i, h in enumerate(headers)
        if h in wrap or h in cut_off
    }
    widths = _narrowed(widths, floors, width)
    return widths if _span(widths) <= width else None


def _span(widths: Sequence[int]) -> int:
    return sum(widths) + 2 * (len(widths) - 1)


def _longest_word(rows: Sequence[Sequence[str]], column: int) -> int:
    """The longest word in a column: a folded cell never splits one (an id, a URL)."""
    return max((len(word) for row in rows for word in row[column].split()), default=0)


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
    if wraps and len(text) > width:
        return textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False) or [""]
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
