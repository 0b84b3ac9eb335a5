"""Catalog I/O: lossless round trips, and every problem of malformed input reported."""

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import nodecompare as nc
from documents import small_document
from nodecompare.strategies import catalogs


@given(catalogs())
def test_dict_round_trip_is_lossless(catalog: nc.Catalog) -> None:
    data = json.loads(json.dumps(nc.catalog_to_dict(catalog)))
    assert nc.catalog_from_dict(data) == catalog
    assert nc.catalog_to_dict(nc.catalog_from_dict(data)) == data


def test_bundled_catalog_round_trips_through_a_file(tmp_path: Path) -> None:
    catalog = nc.default_catalog()
    path = tmp_path / "catalog.json"
    nc.save_catalog(catalog, path)
    assert nc.load_catalog(path) == catalog


def test_dict_shape() -> None:
    data = nc.catalog_to_dict(nc.default_catalog())
    assert set(data) == {
        "foundries",
        "nodes",
        "sources",
        "claims",
        "fabs",
        "controls",
        "locations",
        "products",
    }
    n7 = next(n for n in data["nodes"] if n["id"] == "tsmc-n7")
    densities = [f["value"] for f in n7["figures"] if f["metric"] == "density"]
    assert "91.2 MTr/mm**2" in densities
    claim = data["claims"][0]
    assert isinstance(claim["reported_on"], str)
    assert len(claim["reported_on"]) == 10


def test_the_valid_document_loads() -> None:
    catalog = nc.catalog_from_dict(small_document())
    assert catalog.node("Acme", "A7").density is not None


def test_quarters_halves_and_locations_round_trip() -> None:
    data = small_document()
    data["claims"][0]["valid_from"] = "2020-Q2"
    data["locations"] = [
        {
            "id": "acme-a7-in-us",
            "node": "acme-a7",
            "country": "US",
            "city": "Austin",
            "since": "2020-H1",
            "reported_on": "2020-06-01",
            "sources": ["s1"],
        }
    ]
    catalog = nc.catalog_from_dict(data)
    assert str(catalog.claim("acme-a7-hvm").valid_from) == "2020-Q2"
    assert [site.name for site in catalog.sites(catalog.node("acme-a7"))] == [
        "Austin (fab not public)"
    ]
    assert nc.catalog_from_dict(nc.catalog_to_dict(catalog)) == catalog


def _problems(data: Any) -> list[tuple[str, str]]:
    with pytest.raises(nc.CatalogError) as caught:
        nc.catalog_from_dict(data, origin="mine.json")
    assert all(p.file == "mine.json" for p in caught.value.problems)
    return [(p.record, p.field) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("section", "index", "key", "value", "field"),
    [
        ("nodes", 0, "marketing_nm", "seven", "marketing_nm"),
        ("nodes", 0, "name", 7, "name"),
        ("foundries", 0, "country", "United States", "country"),
        ("foundries", 0, "business_model", "fabless", "business_model"),
        ("claims", 0, "reported_on", "2020-02-30", "reported_on"),
        ("claims", 0, "valid_from", "2020-13", "valid_from"),
        ("claims", 0, "valid_from", "2020-Q5", "valid_from"),
        ("claims", 0, "valid_from", "2020-H3", "valid_from"),
        ("claims", 0, "node", "acme-a9", "node"),
        ("claims", 0, "sources", ["s1", "s9"], "sources"),
        ("nodes", 0, "foundry", "nobody", "foundry"),
        ("nodes", 0, "colour", "red", ""),
        ("nodes", 0, "diffusion_break", "triple", "diffusion_break"),
    ],
)
def test_each_malformed_field_is_named(
    section: str, index: int, key: str, value: Any, field: str
) -> None:
    data = small_document()
    data[section][index][key] = value
    record_id = data[section][index]["id"]
    assert (f"{section}[{index}] {record_id!r}", field) in _problems(data)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("90 nm", "not a unit of"),
        ("-90 MTr/mm**2", "positive"),
        ("0 MTr/mm**2", "positive"),
        ("inf MTr/mm**2", "positive"),
        ("90", "no unit"),
        ("90 bananas/mm**2", "unknown unit"),
    ],
)
def test_bad_figures_are_named_with_the_reason(value: str, reason: str) -> None:
    data = small_document()
    data["nodes"][0]["figures"][0]["value"] = value
    with pytest.raises(nc.CatalogError, match=reason) as caught:
        nc.catalog_from_dict(data)
    (problem,) = caught.value.problems
    assert (problem.record, problem.field) == ("nodes[0] 'acme-a7'", "figures[0].value")


def test_a_derived_density_in_a_file_is_refused() -> None:
    data = small_document()
    data["nodes"][0]["figures"][0]["basis"] = "derived"
    with pytest.raises(nc.CatalogError, match="computed by nodecompare, not stored") as caught:
        nc.catalog_from_dict(data)
    (problem,) = caught.value.problems
    assert problem.record == "nodes[0] 'acme-a7'"


def test_every_problem_is_listed_at_once() -> None:
    data = small_document()
    data["sources"].append(copy.deepcopy(data["sources"][0]))  # duplicate id
    data["nodes"][0]["marketing_nm"] = -7
    data["nodes"][0]["figures"][0]["value"] = "90 nm"
    data["claims"][0]["reported_on"] = "2020-02-30"
    data["claims"][0]["confidence"] = "certain"
    problems = _problems(data)
    assert ("sources[1] 's1'", "id") in problems
    assert ("nodes[0] 'acme-a7'", "marketing_nm") in problems
    assert ("nodes[0] 'acme-a7'", "figures[0].value") in problems
    assert ("claims[0] 'acme-a7-hvm'", "reported_on") in problems
    assert ("claims[0] 'acme-a7-hvm'", "confidence") in problems


def test_missing_required_field_is_named() -> None:
    data = small_document()
    del data["claims"][0]["reported_on"]
    assert ("claims[0] 'acme-a7-hvm'", "reported_on") in _problems(data)


def test_broken_json_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"nodes": [', encoding="utf-8")
    with pytest.raises(nc.CatalogError, match=r"broken\.json.*not valid JSON"):
        nc.load_catalog(path)


def test_missing_file_is_a_catalog_error(tmp_path: Path) -> None:
    with pytest.raises(nc.CatalogError, match="cannot be read"):
        nc.load_catalog(tmp_path / "absent.json")


def test_wrong_document_shapes() -> None:
    assert _problems([]) == [("document", "")]
    assert _problems({"nodes": {}}) == [("nodes", "")]
    assert _problems({"things": []}) == [("document", "")]


def test_nothing_is_half_loaded_from_a_file(tmp_path: Path) -> None:
    data = small_document()
    data["claims"][0]["node"] = "acme-a9"
    path = tmp_path / "user.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    base = nc.default_catalog()
    with pytest.raises(nc.CatalogError, match=r"user\.json"):
        nc.load_catalog(path, base=base)
    assert base.get_foundry("Acme") is None


def test_user_claim_merges_with_the_bundled_catalog(tmp_path: Path) -> None:
    base = nc.default_catalog()
    mine = {
        "sources": [
            {"id": "my-teardown", "publisher": "Me", "title": "My teardown", "kind": "teardown"}
        ],
        "claims": [
            {
                "id": "my-smic-claim",
                "kind": "product_shipped",
                "statement": "I found an N+1 die in a product.",
                "node": "smic-n-plus-1",
                "valid_from": "2021-08",
                "reported_on": "2022-08-01",
                "sources": ["my-teardown"],
                "confidence": "confirmed",
            }
        ],
    }
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(mine), encoding="utf-8")
    merged = nc.load_catalog(path, base=base)
    assert merged.claim("my-smic-claim").node is base.node("smic-n-plus-1")
    assert len(merged.claims) == len(base.claims) + 1
    assert set(base.claims) <= set(merged.claims)


def test_conflicting_user_record_is_refused() -> None:
    base = nc.default_catalog()
    changed = nc.catalog_to_dict(base)["foundries"][0]
    changed["name"] = "Renamed"
    with pytest.raises(nc.CatalogError, match="conflicts with the base"):
        nc.catalog_from_dict({"foundries": [changed]}, base=base)
