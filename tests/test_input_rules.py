"""Input rules of issue 14: value formats in full, bounded work on long values, dates the
calendar can hold, supersession cycles, and every problem of a document reported at once."""

import datetime as dt
import re
import time
from typing import Any

import pytest

import nodecompare as nc
from nodecompare.dates import Precision
from nodecompare.io.format import (
    COUNTRY_PATTERN,
    DAY_PATTERN,
    PERIOD_PATTERN,
    QUANTITY_PATTERN,
    SLUG_PATTERN,
)
from nodecompare.units import MAX_QUANTITY_LENGTH, canonical_magnitude

SOURCE = nc.Source("s", "P", "T", nc.SourceKind.PRESS)


def _document() -> dict[str, Any]:
    """A small valid document: one source, foundry, node and claim."""
    return {
        "sources": [{"id": "s1", "publisher": "P", "title": "T", "kind": "analyst"}],
        "foundries": [
            {"id": "acme", "name": "Acme", "country": "US", "business_model": "idm"},
        ],
        "nodes": [
            {
                "id": "acme-a7",
                "foundry": "acme",
                "name": "A7",
                "marketing_nm": 7,
                "figures": [
                    {"metric": "cpp", "value": "57 nm", "basis": "vendor_claim", "source": "s1"}
                ],
            }
        ],
        "claims": [
            {
                "id": "acme-a7-hvm",
                "kind": "volume_production",
                "statement": "A7 in volume production.",
                "node": "acme-a7",
                "valid_from": "2020-05",
                "reported_on": "2020-06-01",
                "sources": ["s1"],
            }
        ],
    }


def _problems(data: Any) -> list[tuple[str, str, str]]:
    with pytest.raises(nc.CatalogError) as caught:
        nc.catalog_from_dict(data, origin="mine.json")
    assert all(p.file == "mine.json" for p in caught.value.problems), caught.value
    return [(p.record, p.field, p.message) for p in caught.value.problems]


def _fields(data: Any) -> set[tuple[str, str]]:
    return {(record, field) for record, field, _ in _problems(data)}


def test_the_document_of_these_tests_loads() -> None:
    assert nc.catalog_from_dict(_document()).node("acme-a7").cpp is not None


# --- formats in full --------------------------------------------------------------------


def test_a_country_with_a_trailing_newline_is_refused_at_load() -> None:
    data = _document()
    data["foundries"][0]["country"] = "US\n"
    assert _fields(data) == {("foundries[0] 'acme'", "country")}
    with pytest.raises(nc.ValidationError, match="country"):
        nc.Foundry("acme", "Acme", "US\n", nc.BusinessModel.IDM)


def test_an_id_with_a_trailing_newline_is_refused() -> None:
    data = _document()
    data["sources"].append({"id": "tsmc\n", "publisher": "P", "title": "T", "kind": "press"})
    assert _fields(data) == {("sources[1] 'tsmc\\n'", "id")}
    with pytest.raises(nc.ValidationError, match=r"Foundry\.id"):
        nc.Foundry("tsmc\n", "TSMC", "TW", nc.BusinessModel.FOUNDRY)


@pytest.mark.parametrize(
    ("pattern", "good"),
    [
        (SLUG_PATTERN, "tsmc-n7"),
        (COUNTRY_PATTERN, "US"),
        (DAY_PATTERN, "2022-07-21"),
        (PERIOD_PATTERN, "2022-Q3"),
        (QUANTITY_PATTERN, "57 nm"),
    ],
)
def test_schema_patterns_refuse_a_trailing_newline_in_python_too(pattern: str, good: str) -> None:
    # jsonschema runs patterns with Python's re.search, whose $ matches before a final "\n".
    assert re.search(pattern, good)
    assert not re.search(pattern, good + "\n")


@pytest.mark.parametrize(
    "value",
    ["\uff12\uff10\uff12\uff12", "\u0662\u0660\u0662\u0662", "2022-0\u0667", "2022-07-2\u0661"],
)
def test_non_ascii_digits_are_refused_in_dates(value: str) -> None:
    data = _document()
    data["claims"][0]["valid_from"] = value
    assert _fields(data) == {("claims[0] 'acme-a7-hvm'", "valid_from")}
    assert not re.search(PERIOD_PATTERN, value)
    assert not re.search(DAY_PATTERN, value)


@pytest.mark.parametrize("value", ["\uff17 nm", "\u0667 nm", "5\u0667 nm", "57 nm**\uff12"])
def test_non_ascii_digits_are_refused_in_quantities(value: str) -> None:
    data = _document()
    data["nodes"][0]["figures"][0]["value"] = value
    assert _fields(data) == {("nodes[0] 'acme-a7'", "figures[0].value")}
    assert not re.search(QUANTITY_PATTERN, value)


@pytest.mark.parametrize("value", [7, 7.0, "7", " 7 "])
def test_a_bare_number_figure_is_refused_with_a_unit_hint(value: Any) -> None:
    data = _document()
    data["nodes"][0]["figures"][0]["value"] = value
    ((record, field, message),) = _problems(data)
    assert (record, field) == ("nodes[0] 'acme-a7'", "figures[0].value")
    assert "needs a unit, e.g. '7" in message


@pytest.mark.parametrize("value", [None, [7, "nm"], {"value": 7}])
def test_a_figure_value_that_is_not_text_is_refused(value: Any) -> None:
    data = _document()
    data["nodes"][0]["figures"][0]["value"] = value
    assert _fields(data) == {("nodes[0] 'acme-a7'", "figures[0].value")}


@pytest.mark.parametrize(
    "value", ["57nm", " 57 nm ", "57\tnm", "0.057 um", "5.7e1 nm", "57 nm ** 1"]
)
def test_quantities_the_loader_reads_match_the_schema_pattern(value: str) -> None:
    assert canonical_magnitude(value, "nm") == 57.0
    assert re.search(QUANTITY_PATTERN, value)


# --- bounded work on long values --------------------------------------------------------

SLOW_BEFORE = {
    "spaces inside the unit": "7 a" + " " * 40_000 + "b",
    "a long unit": "7 " + "n" * 16_000,
    "40,000 characters of junk": "7 " + "#%&" * 13_333,
}


@pytest.mark.parametrize("value", SLOW_BEFORE.values(), ids=SLOW_BEFORE.keys())
def test_a_long_figure_value_is_refused_in_under_50_ms(value: str) -> None:
    data = _document()
    data["nodes"][0]["figures"][0]["value"] = value
    _problems(data)  # warm-up: the converter and the unit registry are built once
    start = time.perf_counter()
    ((record, field, message),) = _problems(data)
    elapsed = time.perf_counter() - start
    assert elapsed < 0.05, f"{elapsed:.3f} s"
    assert (record, field) == ("nodes[0] 'acme-a7'", "figures[0].value")
    assert f"at most {MAX_QUANTITY_LENGTH} characters" in message
    assert len(message) < 200  # the value is not repeated


def test_a_quantity_at_the_length_limit_is_still_read() -> None:
    value = "57" + " " * (MAX_QUANTITY_LENGTH - 4) + "nm"
    assert len(value) == MAX_QUANTITY_LENGTH
    assert canonical_magnitude(value, "nm") == 57.0
    with pytest.raises(ValueError, match="at most"):
        canonical_magnitude(value + " ", "nm")


@pytest.mark.parametrize("value", ["7 nm; rm -rf", "7 'nm'", "7 nm\n", "7 \x00nm", "7 {nm}"])
def test_a_unit_of_junk_is_refused_before_pint_reads_it(value: str) -> None:
    with pytest.raises(ValueError, match="not a number followed by a unit"):
        canonical_magnitude(value, "nm")


# --- dates the calendar can hold ----------------------------------------------------------


@pytest.mark.parametrize("value", ["9999-12", "9999", "9999-Q4", "9999-H2", "9999-12-31"])
def test_a_date_running_to_the_end_of_the_calendar_is_refused_at_load(value: str) -> None:
    data = _document()
    data["claims"][0]["valid_from"] = value
    ((record, field, message),) = _problems(data)
    assert (record, field) == ("claims[0] 'acme-a7-hvm'", "valid_from")
    assert "9999-12-31" in message


def test_a_day_at_the_end_of_the_calendar_is_refused_at_load() -> None:
    data = _document()
    data["claims"][0]["reported_on"] = "9999-12-31"
    assert _fields(data) == {("claims[0] 'acme-a7-hvm'", "reported_on")}


@pytest.mark.parametrize("value", ["9999-11", "9999-Q3", "9999-H1", "9999-12-30"])
def test_the_last_dates_that_end_before_the_calendar_does_are_read(value: str) -> None:
    date = nc.PartialDate.parse(value)
    assert date.start <= date.end < dt.date.max


def test_a_partial_date_made_in_code_cannot_run_to_the_end_of_the_calendar() -> None:
    with pytest.raises(nc.ValidationError, match=r"PartialDate\.start"):
        nc.PartialDate(dt.date(9999, 12, 1), Precision.MONTH)
