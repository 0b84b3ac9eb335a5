"""The exceptions nodecompare raises: one base class, each also a builtin users catch."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import attrs

#: An error's message lists at most this many problems, then says how many more there are.
MAX_PROBLEMS_LISTED = 100
#: A :class:`ProblemList` keeps at most this many problems and only counts the rest, so that
#: a huge broken input cannot fill memory with problems.
MAX_PROBLEMS_KEPT = 1_000
#: A message quotes at most this many characters of a bad value.
MAX_QUOTED_CHARS = 80


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


def record_label(section: str, position: int, record_id: object = None) -> str:
    """How a problem names a record: ``nodes[3] 'tsmc-n7'``, or ``nodes[3]`` when it has no
    id (text) to show."""
    where = f"{section}[{position}]"
    return f"{where} {shorten(record_id)}" if isinstance(record_id, str) else where


def shorten(value: object) -> str:
    """``repr(value)`` cut to :data:`MAX_QUOTED_CHARS` characters, for quoting a bad value in a
    message: a 1 MB value must not make a 1 MB message, nor a huge integer be printed."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        return f"an integer of about {math.floor(value.bit_length() * math.log10(2)) + 1} digits"
    if isinstance(value, str) and len(value) > MAX_QUOTED_CHARS:
        return (
            f"{repr(value[:MAX_QUOTED_CHARS])[: MAX_QUOTED_CHARS - 1]}… ({len(value)} characters)"
        )
    try:
        text = repr(value)
    except (ValueError, RecursionError):  # a list nested too deep, an object that fails
        return f"<a {type(value).__name__} too large to show>"
    return text if len(text) <= MAX_QUOTED_CHARS else text[: MAX_QUOTED_CHARS - 1] + "…"


class ProblemList(list[Problem]):
    """A list of problems that keeps the first :data:`MAX_PROBLEMS_KEPT`; a
    :class:`ValidationError` built from it also reports its counts.

    Attributes:
        dropped: how many problems were added past the cap, and not kept.
        unchecked: how many records a loader did not check because the list was full.
    """

    def __init__(self, problems: Iterable[Problem] = ()) -> None:
        super().__init__()
        self.dropped = 0
        self.unchecked = 0
        self.extend(problems)

    @property
    def full(self) -> bool:
        return len(self) >= MAX_PROBLEMS_KEPT

    def append(self, problem: Problem) -> None:
        if not self.full:
            super().append(problem)
        else:
            self.dropped += 1

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def __iadd__(self, problems: Iterable[Problem]) -> ProblemList:  # type: ignore[override, misc]
        self.extend(problems)
        return self


class ValidationError(NodeCompareError, ValueError):
    """A value that breaks the model's rules; lists every problem found.

    Attributes:
        problems: the problems found, each naming its record and field; when built from a
            :class:`ProblemList`, only the ones it kept.
        unkept: how many more problems were found and not kept.
        unchecked: how many records were not checked once enough problems were found.
    """

    def __init__(self, problems: Problem | Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = (
            (problems,) if isinstance(problems, Problem) else tuple(problems)
        )
        counted = problems if isinstance(problems, ProblemList) else ProblemList()
        self.unkept = counted.dropped
        self.unchecked = counted.unchecked
        super().__init__(self._message())

    def _message(self) -> str:
        total = len(self.problems) + self.unkept
        if total == 1 and not self.unchecked:
            return str(self.problems[0])
        listed = self.problems[:MAX_PROBLEMS_LISTED]
        lines = [f"  - {problem}" for problem in listed]
        if total > len(listed):
            lines.append(f"  … and {total - len(listed)} more problems")
        if self.unchecked:
            lines.append(f"  … and {self.unchecked} more records, not checked")
        return f"{total} problems:\n" + "\n".join(lines)

    @classmethod
    def of(cls, record: str, field: str, message: str) -> ValidationError:
        """Build an error of one problem."""
        return cls(Problem(record, field, message))


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
        super().__init__(f"no {kind} named {shorten(name)}{hint}")

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
        self.args = (f"{kind} name {shorten(name)} is ambiguous: it has meant {meant}; {hint}",)


class UnsupportedError(NodeCompareError, TypeError):
    """An object a function cannot take: ``cite(3)``, or a table of something that is not
    a nodecompare result. Its message is one line, naming the type."""

    def __init__(self, template: str, value: object, hint: str = "") -> None:
        # ``template`` names the type with {}: "cannot cite a {}".
        message = template.format(type(value).__name__)
        super().__init__(f"{message}; {hint}" if hint else message)
