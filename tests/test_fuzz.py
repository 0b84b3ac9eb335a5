"""The fuzz campaign of issue 14 in the test command: 2,000 seeded documents (two thirds
mutated dicts, one third damaged files) meet the targets: no foreign exception, no hang
over a second, nothing accepted that cannot be saved. ``benchmarks/fuzz.py`` runs longer
campaigns and prints the whole outcome table."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pytest

import nodecompare as nc
from fuzzing.damage import DAMAGES
from fuzzing.harness import (
    Document,
    make_document,
    place,
    run_campaign,
    run_document,
    schema_validator,
)
from fuzzing.mutations import MUTATIONS
from fuzzing.seeds import seed_documents
from nodecompare import dates

DOCUMENTS: Final = 2_000
SEED: Final = 2026


def test_every_seed_document_loads() -> None:
    for document in seed_documents():
        nc.catalog_from_dict(document)


def test_the_campaign_covers_every_mutation_family_and_kind_of_damage() -> None:
    families = {
        name for index in range(DOCUMENTS) for name in make_document(index, SEED).family.split("+")
    }
    assert families == set(MUTATIONS) | set(DAMAGES)


def test_a_document_is_the_same_for_the_same_seed_and_index() -> None:
    first, again = make_document(7, SEED), make_document(7, SEED)
    assert (first.family, repr(first.data)) == (again.family, repr(again.data))
    assert make_document(7, SEED + 1) != first


def test_a_foreign_exception_is_named_by_its_type_and_innermost_place(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A loader that lets a ValueError out of nodecompare.dates.parse.
    monkeypatch.setattr(nc, "catalog_from_dict", dates.parse)
    outcome = run_document(Document(0, "test", data={}), tmp_path, schema_validator())
    assert (outcome.kind, outcome.foreign) == ("foreign", "ValueError at dates.py:parse")


def test_a_fuzz_campaign_meets_the_targets() -> None:
    campaign = run_campaign(DOCUMENTS, SEED)
    assert campaign.violations() == [], campaign.table()


def test_the_foreign_place_of_an_error_outside_nodecompare_says_so() -> None:
    with pytest.raises(ValueError) as raised:
        int("x")
    assert place(raised.value) == "outside nodecompare"
