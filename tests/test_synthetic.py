"""The synthetic catalogs of the scale benchmark (benchmarks/synthetic.py): deterministic
for a seed, of the size asked, and readable by the strict loader."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import nodecompare as nc
from nodecompare import integrity

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synthetic import synthetic_document, write_synthetic


def test_the_same_seed_gives_the_same_file_and_another_seed_another(tmp_path: Path) -> None:
    first = write_synthetic(tmp_path / "a.json", 1500, seed=3).read_bytes()
    again = write_synthetic(tmp_path / "b.json", 1500, seed=3).read_bytes()
    other = write_synthetic(tmp_path / "c.json", 1500, seed=4).read_bytes()
    assert first == again
    assert first != other


def test_a_generated_file_loads_with_the_sizes_asked(tmp_path: Path) -> None:
    path = write_synthetic(tmp_path / "catalog.json", 3000, seed=0)
    catalog = nc.load_catalog(path)
    bundled = nc.default_catalog()
    assert len(catalog.claims) == 3000
    assert len(catalog.nodes) == 3000 // 20  # 150: 68 variants of bundled nodes
    # About 1 new source per 3 new claims (and one per location of a new node).
    new_claims = len(catalog.claims) - len(bundled.claims)
    assert 2.5 <= new_claims / (len(catalog.sources) - len(bundled.sources)) <= 3.5
    assert {f.id for f in catalog.foundries} == {f.id for f in bundled.foundries}
    assert set(bundled.claims) <= set(catalog.claims)  # the bundled catalog is kept whole
    assert any(catalog.superseded_by(claim) for claim in catalog.claims)
    assert any(claim.disputes for claim in catalog.claims)


def test_a_generated_catalog_keeps_the_integrity_rules() -> None:
    catalog = nc.catalog_from_dict(synthetic_document(2000, seed=1))
    assert integrity.check(catalog) == ()


def test_generated_production_is_reported_after_it_starts() -> None:
    document = synthetic_document(2000, seed=2)
    generated = [c for c in document["claims"] if c["id"].startswith("syn-")]
    catalog = nc.catalog_from_dict(document)
    for record in generated:
        claim = catalog.claim(record["id"])
        if record["kind"] in ("volume_production", "product_shipped"):
            assert claim.valid_from.start <= claim.reported_on
    assert json.loads(json.dumps(document)) == document


def test_a_catalog_smaller_than_the_bundled_one_is_refused() -> None:
    with pytest.raises(ValueError, match="already has"):
        synthetic_document(10)
