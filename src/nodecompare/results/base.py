"""What every answer shares: a short repr, and text, HTML, frames and data by dispatch.

Results are frozen records; how they are shown is :mod:`nodecompare.render`'s, which
registers one function per result type with each of :func:`as_text`, :func:`as_html`,
:func:`as_frame`, :func:`as_data` and :func:`as_plot`. ``str(result)`` is the text table,
``result._repr_html_()`` the notebook's table, ``result.to_frame()`` a pandas DataFrame
and ``result.to_dict()`` JSON-compatible data.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import singledispatch
from typing import Any, TypeVar, overload

from nodecompare.errors import UnsupportedError

__all__ = ["Rendered", "Results", "as_data", "as_frame", "as_html", "as_plot", "as_text"]

T = TypeVar("T")


@singledispatch
def as_text(result: object) -> str:
    """The result as a readable text table."""
    raise UnsupportedError("cannot show a {} as text", result)


@singledispatch
def as_html(result: object) -> str:
    """The result as an HTML table for notebooks."""
    raise UnsupportedError("cannot show a {} as HTML", result)


@singledispatch
def as_frame(result: object) -> Any:
    """The result as a pandas DataFrame (needs the ``frames`` extra)."""
    raise UnsupportedError("cannot make a DataFrame of a {}", result)


@singledispatch
def as_data(result: object) -> Any:
    """The result as JSON-compatible data."""
    raise UnsupportedError("cannot make JSON data of a {}", result)


@singledispatch
def as_plot(result: object, ax: Any = None) -> Any:
    """The result drawn on matplotlib axes (needs the ``plots`` extra)."""
    raise UnsupportedError("cannot plot a {}", result)


class Rendered:
    """The outputs every result has, each given by :mod:`nodecompare.render`."""

    __slots__ = ()

    def __str__(self) -> str:
        return as_text(self)

    def _repr_html_(self) -> str:
        return as_html(self)

    def to_frame(self) -> Any:
        """The result as a pandas DataFrame (needs the ``frames`` extra)."""
        return as_frame(self)

    def to_dict(self) -> Any:
        """The result as JSON-compatible data."""
        return as_data(self)


class Results(Rendered, Sequence[T]):
    """A query's answer as a read-only sequence over its ``entries``."""

    __slots__ = ()
    entries: Sequence[T]

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        return self.entries[index]

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[T]:
        return iter(self.entries)
