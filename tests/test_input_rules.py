"""Input rules of issue 14: value formats in full, bounded work on long values, dates the
calendar can hold, supersession cycles, and every problem of a document reported at once."""

import copy
import datetime as dt
import re
import time
from typing import Any

import attrs
import pytest

import nodecompare as nc
from documents import small_document
from nodecompare.dates import Precision
from nodecompare.io.files import build
from nodecompare.io.format import (
    COUNTRY_PATTERN,
    DAY_PATTERN,
    PERIOD_PATTERN,
    QUANTITY_PATTERN,
    SLUG_PATTERN,
)
from nodecompare.io.limits import MAX_STRING_CHARS
from nodecompare.units import MAX_QUANTITY_LENGTH, canonical_magnitude

SOURCE = nc.Source("s", "P", "T", nc.SourceKind.PRESS)


def _document() -> dict[str, Any]:
    """A small valid document whose node's one figure is a CPP."""
    data = small_document()
    data["nodes"][0]["figures"][0].update(metric="cpp", value="57 nm")
    return data


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
    # Under the document's string limit, so only the quantity's own limit stops it.
    "9,000 spaces inside the unit": "7 a" + " " * 9_000 + "b",
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
    limit = MAX_QUANTITY_LENGTH if len(value) <= MAX_STRING_CHARS else MAX_STRING_CHARS
    assert f"at most {limit}" in message
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


# --- supersession cycles ----------------------------------------------------------------


def _claim(claim_id: str, **changes: Any) -> dict[str, Any]:
    claim = {**_document()["claims"][0], "id": claim_id}
    claim.update(changes)
    return claim


def _with_claims(*claims: dict[str, Any]) -> dict[str, Any]:
    data = _document()
    data["claims"] = list(claims)
    return data


def test_two_claims_superseding_each_other_are_refused_naming_both() -> None:
    data = _with_claims(_claim("a", supersedes=["b"]), _claim("b", supersedes=["a"]))
    problems = _problems(data)
    assert [(record, field) for record, field, _ in problems] == [
        ("claims[0] 'a'", "supersedes"),
        ("claims[1] 'b'", "supersedes"),
    ]
    assert all("cycle among claims 'a', 'b'" in message for _, _, message in problems)


def test_a_longer_supersession_cycle_names_each_claim_in_it() -> None:
    data = _with_claims(
        _claim("a", supersedes=["b"]),
        _claim("b", supersedes=["c"]),
        _claim("c", supersedes=["a"]),
        _claim("d", supersedes=["a"]),  # supersedes into the cycle, but is not in it
        _claim("e", supersedes=["d"]),
    )
    assert _fields(data) == {(f"claims[{i}] {c!r}", "supersedes") for i, c in enumerate("abc")}


def test_a_claim_superseding_itself_is_refused_at_load() -> None:
    data = _with_claims(_claim("a", supersedes=["a"]))
    assert _fields(data) == {("claims[0] 'a'", "supersedes")}


def test_a_supersession_cycle_is_refused_in_a_catalog_made_in_code() -> None:
    acme = nc.Foundry("acme", "Acme", "US", nc.BusinessModel.IDM)
    node = nc.ProcessNode("acme-a7", acme, "A7", marketing_nm=7.0)
    a = nc.Claim(
        "a",
        nc.ClaimKind.VOLUME_PRODUCTION,
        "A7 made.",
        nc.PartialDate.parse("2019"),
        dt.date(2019, 1, 1),
        (SOURCE,),
        node=node,
        supersedes=("b",),
    )
    b = attrs.evolve(a, id="b", supersedes=("a",))
    with pytest.raises(nc.CatalogError, match="cycle") as caught:
        nc.Catalog((SOURCE,), (acme,), (node,), (a, b))
    assert [p.record for p in caught.value.problems] == ["claims[0] 'a'", "claims[1] 'b'"]


def test_tsmc_cannot_vanish_from_leaders_through_claims_superseding_each_other() -> None:
    catalog = nc.default_catalog()
    assert "TSMC" in nc.leaders(7, as_of="2019-01-01").foundries
    data = nc.catalog_to_dict(catalog)
    tsmc = [c for c in data["claims"] if (c.get("node") or "").startswith("tsmc-n7")][:2]
    tsmc[0]["supersedes"], tsmc[1]["supersedes"] = [tsmc[1]["id"]], [tsmc[0]["id"]]
    with pytest.raises(nc.CatalogError, match="cycle") as caught:
        nc.catalog_from_dict(data)
    assert {p.field for p in caught.value.problems} == {"supersedes"}


def test_claims_disputing_each_other_are_refused_naming_both() -> None:
    data = _with_claims(_claim("a", disputes=["b"]), _claim("b", disputes=["a"]))
    problems = _problems(data)
    assert [(record, field) for record, field, _ in problems] == [
        ("claims[0] 'a'", "disputes"),
        ("claims[1] 'b'", "disputes"),
    ]
    assert "record it on one claim" in problems[0][2]


def test_a_dispute_recorded_on_one_claim_holds_both_ways() -> None:
    catalog = nc.catalog_from_dict(_with_claims(_claim("a"), _claim("b", disputes=["a"])))
    a, b = catalog.claim("a"), catalog.claim("b")
    assert catalog.disputed_by(a) == (b,)
    assert catalog.disputed_by(b) == (a,)


# --- every problem, every time ----------------------------------------------------------


def test_every_kind_of_problem_is_reported_at_once_with_file_and_record() -> None:
    data = _document()
    # A name clash: "ACME" is Acme's name too.
    data["foundries"].append(
        {"id": "acme-two", "name": "ACME", "country": "US", "business_model": "idm"}
    )
    data["claims"] = [
        # A record-level problem (no 30 February) and a cross-field one in the same record.
        _claim("acme-a7-hvm", reported_on="2020-02-30", valid_until="2019"),
        _claim("acme-a7-fix", supersedes=["nowhere"]),  # a dangling supersedes
        _claim("dup", kind="bogus"),  # broken, and first with its id
        _claim("dup"),  # the duplicate
    ]
    assert _fields(data) == {
        ("foundries[1] 'acme-two'", "aliases"),
        ("claims[0] 'acme-a7-hvm'", "reported_on"),
        ("claims[0] 'acme-a7-hvm'", "valid_until"),
        ("claims[1] 'acme-a7-fix'", "supersedes"),
        ("claims[2] 'dup'", "kind"),
        ("claims[3] 'dup'", "id"),
    }


def test_catalog_level_problems_name_the_file_of_their_record() -> None:
    first = _document()
    second = {"claims": [_claim("late", supersedes=["nowhere"])]}
    with pytest.raises(nc.CatalogError) as caught:
        build([(first, "a.json"), (second, "b.json")])
    (problem,) = caught.value.problems
    assert (problem.file, problem.record, problem.field) == (
        "b.json",
        "claims[0] 'late'",
        "supersedes",
    )


def test_a_duplicate_id_is_found_when_the_first_record_is_broken() -> None:
    data = _document()
    data["nodes"][0]["name"] = 7
    data["nodes"].append(copy.deepcopy(data["nodes"][0]) | {"name": "A7 again"})
    problems = _problems(data)
    assert ("nodes[1] 'acme-a7'", "id") in {(record, field) for record, field, _ in problems}
    assert ("nodes[0] 'acme-a7'", "name") in {(record, field) for record, field, _ in problems}
    # The claim about the broken node is not reported again: its node has the problem.
    assert not any(record.startswith("claims") for record, _, _ in problems)


def test_a_reference_to_a_claim_that_failed_counts_as_resolved() -> None:
    data = _with_claims(_claim("a", kind="bogus"), _claim("b", supersedes=["a"], disputes=["a"]))
    assert _fields(data) == {("claims[0] 'a'", "kind")}


CONTROL = {
    "id": "c1",
    "jurisdiction": "US",
    "title": "Rule",
    "scope": ["equipment"],
    "effective": "2020-01-01",
    "announced": "2020-01-01",
    "sources": ["s1"],
    "target_countries": ["CN"],
}


@pytest.mark.parametrize(
    ("section", "broken", "rule_broken", "rule_field"),
    [
        ("claims", {"reported_on": "2020-02-30"}, {"valid_until": "2019"}, "valid_until"),
        ("claims", {"reported_on": "2020-02-30"}, {"node": None}, "foundry"),
        ("claims", {"statement": 7}, {"supersedes": ["acme-a7-hvm"]}, "supersedes"),
        ("claims", {"node": "nowhere"}, {"valid_until": "2019"}, "valid_until"),
        ("nodes", {"name": 7}, {"marketing_nm": None}, "class_nm"),
        ("nodes", {"name": 7}, {"class_nm": 7}, "class_source"),
        ("controls", {"title": 7}, {"target_countries": []}, "target_foundries"),
        ("controls", {"title": 7}, {"target_countries": ["China"]}, "target_countries"),
    ],
)
def test_a_record_whose_field_fails_still_runs_its_rules_between_fields(
    section: str, broken: dict[str, Any], rule_broken: dict[str, Any], rule_field: str
) -> None:
    """The rules between fields run on the fields that parsed. They cannot run on what
    was not built: a nested record whose own field fails (an alias, a figure, a fab's
    entry for a node) is not built, so its rules do not run, and a rule over a list of
    them (no derived figure stored; every node of a fab its operator's) skips the list
    when one item fails. A record that is not built takes no part in the checks of the
    records together (its supersedes and disputes are not looked up)."""
    data = _document()
    data["controls"] = [dict(CONTROL)]
    data[section][0].update(broken)
    data[section][0].update(rule_broken)
    label = f"{section}[0] {data[section][0]['id']!r}"
    assert _fields(data) == {(label, next(iter(broken))), (label, rule_field)}


def test_a_rule_that_needs_a_field_that_failed_is_skipped() -> None:
    data = _document()
    data["claims"][0]["node"] = "nowhere"  # not "a claim needs a subject": it has one
    assert _fields(data) == {("claims[0] 'acme-a7-hvm'", "node")}
