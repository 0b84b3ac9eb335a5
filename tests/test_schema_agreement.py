"""The loader and the published JSON Schema accept the same documents (issue 14, point 5).

Generated catalogs, mutations of them and mutations of the bundled files go through both
:func:`nodecompare.catalog_from_dict` and ``jsonschema`` on ``docs/catalog.schema.json``.
Whatever the loader accepts, the schema accepts. Whatever the loader refuses, the schema
refuses too, unless every problem the loader reports breaks a rule no JSON Schema can
express; those rules are recognised here by the problem's nature, and
``docs/data-format.md`` lists them under the same names.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nodecompare as nc
from fuzzing.harness import make_document, schema_complaint
from fuzzing.mutations import mutate
from nodecompare.errors import Problem
from nodecompare.strategies import catalogs

ROOT: Final = Path(__file__).resolve().parent.parent
VALIDATOR: Final = jsonschema.Draft202012Validator(
    json.loads((ROOT / "docs" / "catalog.schema.json").read_text(encoding="utf-8"))
)
DATE_FIELDS: Final = re.compile(
    r"(^|\.)(valid_from|valid_until|reported_on|since|until|date|accessed|released|effective"
    r"|announced)$"
)
#: The rules a JSON Schema cannot express, each recognised by what the loader says when a
#: document breaks it (quoted values are blanked first, so that data cannot look like a rule).
INEXPRESSIBLE: Final[dict[str, re.Pattern[str]]] = {
    "references": re.compile(
        r"unknown \w+ ids?|refers to \w+ '…', not in the catalog|conflicts with the base "
        r"catalog|is not the foundry of|is not made by"
    ),
    "unique ids and names": re.compile(r"duplicate id|is also .*'s$|also means .* same period"),
    "cycles": re.compile(r"cycle|circular|cannot refer to itself|each other"),
    "cross-field rules": re.compile(
        r"is not after|needs a subject|needs marketing_nm or class_nm|class_nm needs the "
        r"source|needs a target|disputed name needs the sources"
    ),
    "encodable text": re.compile(r"surrogate|encod|UTF-8", re.IGNORECASE),
    "numbers as written": re.compile(r"is a number of (more than )?[0-9,]+ (characters|digits)"),
}
#: Recognised by field as well as message: only a figure's value is a quantity, and only
#: a date's calendar (not its form) is beyond a pattern.
QUANTITY: Final = re.compile(r"unknown unit|is not a unit of|must be positive and finite")
CALENDAR: Final = re.compile(r"impossible date|out of range|beyond|too late|year 10000")
NATURES: Final = (*INEXPRESSIBLE, "quantities", "calendar dates")
#: How many mutated bundled documents the seeded check runs, and its campaign seed.
DOCUMENTS: Final = 1_000
SEED: Final = 14
#: Generated catalogs cost far more to draw than to check, so each is mutated several times.
GENERATED: Final = 40
MUTATIONS_EACH: Final = 5


def _blank_quotes(message: str) -> str:
    return re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "'…'", message)


def nature(problem: Problem) -> str | None:
    """The inexpressible rule a loader problem breaks, or None for one a schema can state."""
    message = _blank_quotes(problem.message)
    if problem.field.endswith(".value") and QUANTITY.search(message):
        return "quantities"
    if DATE_FIELDS.search(problem.field) and CALENDAR.search(message):
        return "calendar dates"
    return next((name for name, rule in INEXPRESSIBLE.items() if rule.search(message)), None)


def disagreement(document: Any) -> str | None:
    """Why the loader and the schema disagree on ``document``, or None when they agree."""
    try:
        nc.catalog_from_dict(document)
        problems: tuple[Problem, ...] = ()
    except nc.CatalogError as error:
        problems = error.problems
    complaint = schema_complaint(VALIDATOR, document)
    if not problems and complaint:
        return f"the schema refuses what the loader accepts: {complaint}"
    expressible = [p for p in problems if nature(p) is None]
    if expressible and not complaint:
        return f"the schema accepts what the loader refuses: {_blank_quotes(str(expressible[0]))}"
    return None


def is_json(value: Any, depth_limit: int = 64) -> bool:
    """True for data a JSON text can hold (string keys, finite numbers), nested so deep at
    most: only such documents have a schema verdict to compare."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > depth_limit:
            return False
        if isinstance(item, dict):
            if not all(isinstance(key, str) for key in item):
                return False
            stack.extend((inner, depth + 1) for inner in item.values())
        elif isinstance(item, list):
            stack.extend((inner, depth + 1) for inner in item)
        elif not isinstance(item, (str, int, float, bool, type(None))) or (
            isinstance(item, float) and not math.isfinite(item)
        ):
            return False
    return True


@settings(max_examples=GENERATED)
@given(catalogs(), st.randoms(use_true_random=False))
def test_the_loader_and_the_schema_agree_on_generated_catalogs_and_mutations_of_them(
    catalog: nc.Catalog, rng: random.Random
) -> None:
    assert disagreement(nc.catalog_to_dict(catalog)) is None
    for _ in range(MUTATIONS_EACH):
        document = nc.catalog_to_dict(catalog)
        mutate(document, rng)
        if is_json(document):
            assert disagreement(document) is None


def _bundled_mutations() -> Iterator[tuple[str, Any]]:
    """The seeded fuzzer's documents that JSON can hold: mutated dicts, and damaged files
    that still parse (read here as dicts)."""
    for index in range(DOCUMENTS):
        document = make_document(index, SEED)
        data = document.data
        if document.text is not None:
            try:
                data = json.loads(document.text)
            except (ValueError, RecursionError):
                continue
        if is_json(data):
            yield f"#{index} {document.family}", data


def test_the_loader_and_the_schema_agree_on_mutated_bundled_documents() -> None:
    found = Counter(
        reason for _, data in _bundled_mutations() if (reason := disagreement(data)) is not None
    )
    assert not found, "\n".join(f"{count} x {reason}" for reason, count in found.most_common())


def _claims_document() -> dict[str, Any]:
    bundled = nc.catalog_to_dict(nc.default_catalog())
    claim = next(c for c in bundled["claims"] if c["node"] is None and c["foundry"])
    foundry = next(f for f in bundled["foundries"] if f["id"] == claim["foundry"])
    cited = {*claim["sources"], *claim["background"], *foundry["sources"]}
    sources = [s for s in bundled["sources"] if s["id"] in cited]
    second = {**claim, "id": f"{claim['id']}-again"}
    return {"sources": sources, "foundries": [foundry], "claims": [claim, second]}


def _break(document: dict[str, Any], rule: str) -> None:
    first, second = document["claims"]
    if rule == "references":
        first["foundry"] = "no-such-foundry"
    elif rule == "unique ids and names":
        second["id"] = first["id"]
    elif rule == "cycles":
        first["supersedes"], second["supersedes"] = [second["id"]], [first["id"]]
    elif rule == "cross-field rules":
        first["valid_until"] = "1900"
    elif rule == "encodable text":
        first["statement"] += "\ud800"
    elif rule == "quantities":
        document["nodes"] = [_node_with(document, "7 kg")]
    elif rule == "calendar dates":
        first["reported_on"] = "2021-02-30"
    elif rule == "numbers as written":
        document["nodes"] = [{**_node_with(document, "7 nm"), "marketing_nm": 10**200}]


def _node_with(document: dict[str, Any], value: str) -> dict[str, Any]:
    source = document["sources"][0]["id"]
    figure = {"metric": "cpp", "value": value, "basis": "vendor_claim", "source": source}
    foundry = document["foundries"][0]["id"]
    return {"id": "a-node", "foundry": foundry, "name": "A", "marketing_nm": 7, "figures": [figure]}


@pytest.mark.parametrize("rule", NATURES)
def test_each_inexpressible_rule_is_recognised_in_what_the_loader_says(rule: str) -> None:
    document = _claims_document()
    assert disagreement(document) is None
    _break(document, rule)
    with pytest.raises(nc.CatalogError) as refused:
        nc.catalog_from_dict(document)
    assert schema_complaint(VALIDATOR, document) == ""
    assert {nature(problem) for problem in refused.value.problems} == {rule}


def test_every_inexpressible_rule_is_listed_in_the_data_format() -> None:
    page = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    section = page.split("## What the schema cannot check", 1)[-1]
    listed = re.findall(r"^- \*\*(.+?)\*\*", section, re.MULTILINE)
    assert listed == list(NATURES)


@pytest.mark.parametrize("about", ["", "   ", "\n"])
def test_a_blank_about_is_refused_by_the_schema_as_by_the_loader(about: str) -> None:
    document = {"about": about, "sources": []}
    with pytest.raises(nc.CatalogError, match="about"):
        nc.catalog_from_dict(document)
    assert list(VALIDATOR.iter_errors(document))
    assert disagreement(document) is None
