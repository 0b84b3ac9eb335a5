"""How text output is laid out: the width it fits and how much evidence it shows.

``str(result)`` fits :data:`DEFAULT_WIDTH` (100) columns and summarises evidence, in
Python as on the command line, but it does not measure the terminal: a value's text
should not change with the window it happens to be printed in (doctests, logs and
notebooks have no terminal, and a notebook wraps its output itself). The command line
measures its terminal (``COLUMNS`` first, 100 when it is not one) and passes
``--evidence``; Python code chooses with :func:`text_style`::

    with text_style(width=160, evidence="full"):
        print(nc.leaders(7))

``width=None`` leaves lines as long as their content.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Final

import attrs

from nodecompare.errors import ValidationError

__all__ = [
    "DEFAULT_WIDTH",
    "EVIDENCE_MODES",
    "MIN_WIDTH",
    "TextStyle",
    "current_style",
    "terminal_width",
    "text_style",
]

#: The width text fits when nothing else is asked, and when a terminal's is unknown.
DEFAULT_WIDTH: Final = 100
#: Below this nothing readable fits: a style refuses a narrower width, and the command
#: line raises a narrower terminal's to it.
MIN_WIDTH: Final = 40
#: ``summary``: one line per claim with numbered sources listed below; ``full``: each
#: claim's evidence text and every source with its link; ``none``: no evidence lines.
EVIDENCE_MODES: Final = ("summary", "full", "none")


def _check_evidence(instance: object, attribute: object, value: object) -> None:
    if not isinstance(value, str) or value not in EVIDENCE_MODES:
        raise ValidationError.of(
            "text style", "evidence", f"{value!r} is not one of {', '.join(EVIDENCE_MODES)}"
        )


def _check_width(instance: object, attribute: object, value: object) -> None:
    # bool is an int; a float or a string would be rounded or parsed silently
    if value is None or (
        isinstance(value, int) and not isinstance(value, bool) and value >= MIN_WIDTH
    ):
        return
    raise ValidationError.of(
        "text style", "width", f"{value!r} is not a whole number of columns >= {MIN_WIDTH} or None"
    )


@attrs.frozen
class TextStyle:
    """The width text fits (None: unlimited) and how much evidence it shows."""

    width: int | None = attrs.field(default=DEFAULT_WIDTH, validator=_check_width)
    evidence: str = attrs.field(default="summary", validator=_check_evidence)


_DEFAULT: Final = TextStyle()
_STYLE: ContextVar[TextStyle | None] = ContextVar("nodecompare_text_style", default=None)


def current_style() -> TextStyle:
    """The style text is rendered in now."""
    return _STYLE.get() or _DEFAULT


@contextmanager
def text_style(width: int | None = DEFAULT_WIDTH, evidence: str = "summary") -> Iterator[TextStyle]:
    """Render text in the ``with`` block at ``width`` columns (None: unlimited), with
    ``evidence`` ``"summary"``, ``"full"`` or ``"none"``."""
    style = TextStyle(width, evidence)
    token = _STYLE.set(style)
    try:
        yield style
    finally:
        _STYLE.reset(token)


def terminal_width() -> int:
    """The terminal's width: ``COLUMNS`` when set, else the terminal's, else 100; at
    least :data:`MIN_WIDTH`."""
    return max(shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns, MIN_WIDTH)
