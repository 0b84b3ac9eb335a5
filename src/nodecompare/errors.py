"""The exceptions nodecompare raises: one base class, each also a builtin users catch."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import attrs


class NodeCompareError(Exception):
    """Base class of every error nodecompare raises on purpose."""


@attrs.frozen
class Problem:
    """One thing wrong with an input: where it is, and what is wrong.

    Attributes:
        record: the record concerned, e.g. ``"ProcessNode"`` or ``"nodes[3] 'tsmc-n7'"``.
        field: the field concerned, e.g. ``"figures[0].value"``; empty for the whole record.
        message: what is wrong, in words.
        file: the file the record came from, if any.
    """

    record: str
    field: str
    message: str
    file: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        field = f".{self.field}" if self.field else ""
        return f"{where}{self.record}{field}: {self.message}"


class ValidationError(NodeCompareError, ValueError):
    """A value that breaks the model's rules; lists every problem found.

    Attributes:
        problems: every problem found, each naming its record and field.
    """

    def __init__(self, problems: Problem | Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = (
            (problems,) if isinstance(problems, Problem) else tuple(problems)
        )
        super().__init__(self._message())

    def _message(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        return f"{len(self.problems)} problems:\n{lines}"

    @classmethod
    def of(cls, record: str, field: str, message: str) -> ValidationError:
        """Build an error of one problem."""
        return cls(Problem(record, field, message))


_SHOWN_LENGTH = 60


def shown(value: object) -> str:
    """``repr(value)``, cut to its start, for a one-line message that names a bad value
    without repeating a megabyte of it (a huge integer is not even turned into text)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return f"an integer of about {math.floor(value.bit_length() * math.log10(2)) + 1} digits"
    if isinstance(value, str) and len(value) > _SHOWN_LENGTH:
        return f"{value[:_SHOWN_LENGTH]!r}... ({len(value)} characters)"
    text = repr(value)
    return text if len(text) <= _SHOWN_LENGTH else f"{text[:_SHOWN_LENGTH]}..."


class CatalogError(ValidationError):
    """Catalog input (a dict or a file) that cannot be loaded; nothing of it was loaded."""


class UnknownNameError(NodeCompareError, LookupError):
    """A name that matches no record; ``candidates`` lists close matches.

    Attributes:
        name: the name asked for.
        kind: what was looked up (``"foundry"``, ``"node"``...).
        candidates: the closest known names, best first.
    """

    def __init__(self, kind: str, name: str, candidates: Iterable[str] = ()) -> None:
        self.kind = kind
        self.name = name
        self.candidates = tuple(candidates)
        hint = f"; did you mean {', '.join(map(repr, self.candidates))}?" if self.candidates else ""
        super().__init__(f"no {kind} named {shown(name)}{hint}")

    def __str__(self) -> str:
        # LookupError's str() would quote the message like a key.
        return str(self.args[0])


class AmbiguousNameError(UnknownNameError):
    """A name that meant different records at different times (give ``as_of`` to choose),
    or that sources read differently (``disputed``: no date decides; use an id)."""

    def __init__(
        self, kind: str, name: str, candidates: Iterable[str], *, disputed: bool = False
    ) -> None:
        super().__init__(kind, name, candidates)
        self.disputed = disputed
        hint = (
            "sources disagree on which node it meant; look the node up by its current name or id"
            if disputed
            else "pass as_of= to choose the one it meant on a date"
        )
        meant = ", ".join(self.candidates)
        self.args = (f"{kind} name {shown(name)} is ambiguous: it has meant {meant}; {hint}",)


class UnsupportedError(NodeCompareError, TypeError):
    """An object a function cannot take: ``cite(3)``, or a table of something that is not
    a nodecompare result. Its message is one line, naming the type."""

    def __init__(self, template: str, value: object, hint: str = "") -> None:
        # ``template`` names the type with {}: "cannot cite a {}".
        message = template.format(type(value).__name__)
        super().__init__(f"{message}; {hint}" if hint else message)
