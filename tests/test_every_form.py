"""Issue 13, point 2: every result type nodecompare exports shows in every form, and its
frame is typed the same way (the convention of :mod:`nodecompare.render.frames`).

The result types are found by walking :class:`~nodecompare.results.Rendered`'s subclasses,
so a new result type without a factory here, or without one of its forms, fails.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest

import nodecompare as nc
from answers import ANSWERS, result_types
from nodecompare import dates
from nodecompare.render import frames
from nodecompare.results import (
    Claims,
    Rendered,
    Story,
)

pd = pytest.importorskip("pandas")

#: Text that lists things: two or more parts joined by a comma or a semicolon.
_JOINED = re.compile(r"[;,] ")


def test_every_exported_result_type_has_a_factory() -> None:
    assert {t.__name__ for t in result_types()} == set(ANSWERS)


@pytest.fixture(scope="module", params=sorted(ANSWERS))
def result(request: pytest.FixtureRequest) -> Rendered:
    made = ANSWERS[request.param]()
    assert type(made).__name__ == request.param
    return made


def test_a_result_has_text(result: Rendered) -> None:
    assert str(result).strip()
    assert str(result) != repr(result)


class _Structure(HTMLParser):
    """Tags as they open and close, to check nesting and find tables and cards."""

    VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.seen: set[str] = set()
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.add(tag)
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()


def test_a_result_has_well_formed_html_with_a_table_or_card(result: Rendered) -> None:
    parser = _Structure()
    parser.feed(result._repr_html_())
    parser.close()
    assert parser.errors == []
    assert parser.open == []
    assert parser.seen & {"table", "div"}


def test_a_result_dict_is_json_that_reads_back_equal(result: Rendered) -> None:
    data = result.to_dict()
    assert json.loads(json.dumps(data, allow_nan=False)) == data


def _leaves(data: Any) -> Iterator[Any]:
    if isinstance(data, dict):
        for value in data.values():
            yield from _leaves(value)
    elif isinstance(data, list):
        for value in data:
            yield from _leaves(value)
    else:
        yield data


def _columns(result: Rendered) -> Any:
    """The frame with its index as a column, so that the index is checked too."""
    frame = result.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) > 0
    return frame.reset_index() if frame.index.name is not None else frame


def _is_date(text: str) -> bool:
    try:
        dates.parse(text)
    except ValueError:
        return False
    return True


def test_a_frame_has_no_untyped_column(result: Rendered) -> None:
    """Objects only as lists; text as pandas "string", never the default "str"."""
    frame = _columns(result)
    for name, column in frame.items():
        if column.dtype == object:
            assert all(isinstance(cell, list) for cell in column), f"{name}: not all lists"
        elif pd.api.types.is_string_dtype(column.dtype):
            # pandas' default "str" dtype compares equal to "string" but misses as NaN
            assert column.dtype.na_value is pd.NA, f"{name}: text not of pandas' string dtype"


def test_a_frame_has_no_list_joined_into_text(result: Rendered) -> None:
    frame = _columns(result)
    for name, column in frame.select_dtypes(include=["string", "str"]).items():
        for cell in column.dropna():
            parts = _JOINED.split(cell)
            joined = len(parts) > 1 and all(" " not in part for part in parts)
            assert not joined, f"{name} joins a list into text: {cell!r}"


def test_a_frame_dates_are_typed(result: Rendered) -> None:
    """A date as text keeps its precision only beside its typed first and last days."""
    frame = _columns(result)
    for name, column in frame.select_dtypes(include=["string", "str"]).items():
        cells = column.dropna()
        if len(cells) == 0 or not all(_is_date(cell) for cell in cells):
            continue
        start, end = f"{name}_start", f"{name}_end"
        assert start in frame, f"{name} holds dates as text alone"
        assert end in frame, f"{name} holds dates as text alone"
        for bound in (start, end):
            assert pd.api.types.is_datetime64_dtype(frame[bound]), f"{bound} is not datetime64"
        for text, first, last in zip(
            cells, frame[start][cells.index], frame[end][cells.index], strict=True
        ):
            period = nc.PartialDate.parse(text)
            assert (first.date(), last.date()) == (period.start, period.end), name


def test_a_frame_names_no_date_it_does_not_type(result: Rendered) -> None:
    """A column named for a date or day is a datetime64, or the text of a typed period."""
    frame = _columns(result)
    for name in frame.columns:
        if re.search(r"(date|since|from|until|_on|effective|released|reached)$", str(name)):
            typed = pd.api.types.is_datetime64_dtype(frame[name])
            assert typed or f"{name}_start" in frame, f"{name} is a date without a typed column"


def test_a_frame_keeps_what_the_dict_says(result: Rendered) -> None:
    """Every id and text cell of the frame appears in the dict (Story's frame is its index)."""
    if isinstance(result, Story):
        pytest.skip("a story's frame lists its sections; its dict holds the answers")
    said = {leaf for leaf in _leaves(result.to_dict()) if isinstance(leaf, str)}
    frame = _columns(result)
    for name, column in frame.select_dtypes(include=["string"]).items():
        missing = set(column.dropna()) - said
        assert not missing, f"{name}: {sorted(missing)[:3]} not in to_dict()"
    for name, column in frame.select_dtypes(include=["object"]).items():
        missing = {item for cell in column for item in cell if isinstance(item, str)} - said
        assert not missing, f"{name}: {sorted(missing)[:3]} not in to_dict()"


def test_a_frame_holds_a_date_past_2262() -> None:
    """Days are microseconds: nanoseconds stop on 2262-04-11, the date grammar does not."""
    (claim, *_) = nc.claims(foundry="SMIC")
    later = attrs.evolve(claim, valid_from=nc.PartialDate.parse("2300-Q2"))
    frame = Claims("claims", (later,)).to_frame()
    assert frame.loc[claim.id, "valid_from_start"] == pd.Timestamp("2300-04-01")
    assert frame.loc[claim.id, "valid_from_end"] == pd.Timestamp("2300-06-30")


def test_an_empty_frame_keeps_its_types() -> None:
    types = Claims("no claims", ()).to_frame().reset_index().dtypes
    assert pd.api.types.is_datetime64_dtype(types["reported_on"])
    assert types["valid_from"].na_value is pd.NA
    assert [name for name, kind in types.items() if kind == "object"] == ["sources", "background"]


def test_a_row_must_fill_the_declared_columns() -> None:
    with pytest.raises(ValueError, match=r"\['extra'\] are not declared"):
        frames.typed_frame([{"id": "a", "extra": 1}], {"id": frames.TEXT})
    assert list(frames.typed_frame([{"id": "a"}], {"id": frames.TEXT}, "id").index) == ["a"]


def test_a_partial_date_is_its_text_first_and_last_day() -> None:
    day = frames.DAY
    assert frames.date_columns("since") == {"since": "string", "since_start": day, "since_end": day}
    cells = frames.date_cells("since", nc.PartialDate.parse("2020-Q2"))
    assert cells == {
        "since": "2020-Q2",
        "since_start": dt.date(2020, 4, 1),
        "since_end": dt.date(2020, 6, 30),
    }
    assert frames.date_cells("since", None) == dict.fromkeys(cells)
