"""How records show themselves in a notebook, registered from above.

The model stores and shows nothing itself: :mod:`nodecompare.render` registers, for a
record type, the function that draws it as HTML, and the record's ``_repr_html_`` calls
:func:`record_html`. Until one is registered a record shows its repr.
"""

from __future__ import annotations

import html
from functools import singledispatch

__all__ = ["record_html"]


@singledispatch
def record_html(record: object) -> str:
    """The record as HTML for notebooks; its escaped repr when no card is registered."""
    return f"<pre>{html.escape(repr(record))}</pre>"
