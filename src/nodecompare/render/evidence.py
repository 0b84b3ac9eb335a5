"""Claims and their evidence in text, as the current style asks: one line per claim with
numbered sources (``summary``), the full evidence text (``full``) or nothing (``none``).

In a summary each claim names one of its strongest sources as ``[n]`` (the first it lists
of that tier, unless another of them is numbered already), followed by how many more it
has (``+3``); the sources are listed once, numbered in the order first cited, one a line
below the whole text. A text made of others (the story) shares one numbering and shows a
claim once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Final

from nodecompare.model import Claim, Source, strongest_first
from nodecompare.render.common import claim_lines
from nodecompare.render.style import current_style
from nodecompare.render.tables import MARK, cut, display_width, fit, printable, wrap_line

__all__ = [
    "STATEMENT_LINES",
    "Notes",
    "citing",
    "claim_evidence",
    "claim_statement",
    "fitted",
    "source_line",
    "source_list",
]


#: The most lines a claim's statement takes in a summary.
STATEMENT_LINES: Final = 2


class Notes:
    """The sources a text has cited, numbered, and the claims and lines it has shown."""

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self._numbers: dict[str, int] = {}
        self._shown: set[str] = set()
        #: False while a text is shown under a heading that stands for its title.
        self.titled = True

    def number(self, source: Source) -> int:
        """The source's number, given on first citation."""
        if source.id not in self._numbers:
            self.sources.append(source)
            self._numbers[source.id] = len(self.sources)
        return self._numbers[source.id]

    def marker(self, claim: Claim, *, numbering: bool = True) -> str:
        """``[n]`` for one of the claim's sources and how many more it cites (its
        background sources included); see :meth:`cite` for ``numbering``."""
        if not claim.sources:
            return self.cite(claim.background, numbering=numbering)
        return self.cite(claim.sources, len(claim.background), numbering=numbering)

    def cite(self, sources: Sequence[Source], also: int = 0, *, numbering: bool = True) -> str:
        """``[n]`` for the :meth:`lead` of ``sources`` and how many more (plus ``also``);
        with ``numbering=False`` the marker it would be, without numbering its source."""
        if not sources:
            return "[no source]"
        more = len(sources) - 1 + also
        lead = self.lead(sources)
        number = (
            self.number(lead) if numbering else self._numbers.get(lead.id, len(self.sources) + 1)
        )
        return f"[{number}]" + (f" +{more}" if more else "")

    def lead(self, sources: Sequence[Source]) -> Source:
        """The source a summary names: one of the strongest tier, so a reader sees the
        best evidence first (a company's results, not a repost of them); among those the
        first already numbered (so the list stays short), else the first listed."""
        ranked = strongest_first(sources)
        strongest = [s for s in ranked if s.tier is ranked[0].tier]
        return next((s for s in strongest if s.id in self._numbers), strongest[0])

    def title(self, title: str) -> list[str]:
        """``[title]``, or nothing under a heading that stands for it."""
        return [title] if self.titled else []

    def first_time(self, key: str) -> bool:
        """True the first time ``key`` (a claim id, a repeated line) is shown."""
        new = key not in self._shown
        self._shown.add(key)
        return new


_NOTES: ContextVar[Notes | None] = ContextVar("nodecompare_notes", default=None)


@contextmanager
def citing() -> Iterator[tuple[Notes, bool]]:
    """The notes of the text being rendered, and True for the outermost text (the one
    that lists the sources); a text rendered inside another shares its notes."""
    outer = _NOTES.get()
    if outer is not None:
        yield outer, False
        return
    notes = Notes()
    token = _NOTES.set(notes)
    try:
        yield notes, True
    finally:
        _NOTES.reset(token)


def source_line(number: int, source: Source, width: int | None) -> str:
    """``[n] publisher, date, title (id)`` on one line: the title is cut to fit, down to
    its mark alone; the number, publisher, date and id are not cut."""
    date = f"{source.date}, " if source.date else ""
    head = f"[{number}] {printable(source.publisher)}, {date}"
    tail = f" ({source.id})"
    room = None if width is None else max(width - display_width(head + tail), 1)
    return f"{head}{cut(source.title, room)}{tail}"


def source_list(notes: Notes) -> list[str]:
    """The numbered sources a summary cited, one a line, under a heading."""
    if not notes.sources or current_style().evidence != "summary":
        return []
    width = current_style().width
    return ["sources:"] + [source_line(n, s, width) for n, s in enumerate(notes.sources, start=1)]


def _claim_head(claim: Claim) -> str:
    until = f" until {claim.valid_until}" if claim.valid_until else ""
    return (
        f"{claim.kind.value.replace('_', ' ')}: {claim.subject}, from {claim.valid_from}{until}; "
        f"reported {claim.reported_on}; {claim.confidence.value}"
    )


def _one_line(text: str, claims: Sequence[Claim], notes: Notes) -> str:
    """``text`` and its claims' markers on one line. The text keeps at least half the
    width: markers that do not fit are counted (``+22 more claims``), their sources left
    unnumbered (a full listing shows them)."""
    width = current_style().width
    if width is None:
        return f"{text} {'; '.join(notes.marker(c) for c in claims)}"
    room = width - min(display_width(text), width // 2) - 1
    marks = [notes.marker(claims[0])]
    for k, claim in enumerate(claims[1:], start=2):
        after = len(claims) - k
        more = len(f"; (+{after} more claims)") if after else 0
        mark = notes.marker(claim, numbering=False)
        if len("; ".join([*marks, mark])) + more > room:
            break
        marks.append(notes.marker(claim))
    if left := len(claims) - len(marks):
        marks.append(f"(+{left} more claim{'s' if left > 1 else ''})")
    marker = "; ".join(marks)
    return f"{cut(text, width - len(marker) - 1)} {marker}"


def claim_evidence(claims: Iterable[Claim], notes: Notes, indent: str = "  ") -> list[str]:
    """The claims' evidence as the style asks: one summary line each (claims of the same
    kind, subject and dates share one), their full text, or none."""
    style = current_style()
    if style.evidence == "none":
        return []
    if style.evidence == "full":
        return [f"{indent}{line}" for claim in claims for line in claim_lines(claim)]
    heads: dict[str, list[Claim]] = {}
    for claim in claims:
        heads.setdefault(_claim_head(claim), []).append(claim)
    return [_one_line(f"{indent}{head}", group, notes) for head, group in heads.items()]


def claim_statement(claim: Claim, notes: Notes, lead: str) -> list[str]:
    """A claim in a list: its statement after ``lead`` and its evidence as the style asks.

    In full, the statement and the claim's full evidence; with ``none``, the statement and
    its confidence; in a summary, those and the sources' markers in at most
    :data:`STATEMENT_LINES` lines, the statement cut (ending in a mark) when it is longer.
    """
    style = current_style()
    if style.evidence == "full":
        return [f"{lead}{claim.statement}", *(f"    {line}" for line in claim_lines(claim))]
    said = f"({claim.confidence.value})"
    if style.evidence == "none":
        return wrap_line(f"{lead}{claim.statement} {said}", style.width)
    said += f" {notes.marker(claim)}"
    words = claim.statement.split()
    lines = wrap_line(f"{lead}{claim.statement} {said}", style.width)
    while len(lines) > STATEMENT_LINES and len(words) > 1:
        words.pop()
        lines = wrap_line(f"{lead}{' '.join(words)}{MARK} {said}", style.width)
    return lines


def fitted(lines: Sequence[str]) -> str:
    """The lines joined, each folded to the current width (tables come already fitted)."""
    return fit("\n".join(lines), current_style().width)
