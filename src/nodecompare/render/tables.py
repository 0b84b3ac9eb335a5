"""Plain-text and HTML tables for results shown in terminals and notebooks."""

from __future__ import annotations

import html
from collections.abc import Sequence

__all__ = ["html_table", "text_table"]


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell, under a rule."""
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


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
