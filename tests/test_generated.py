"""Generated docs are current; the JSON Schema accepts what the loader accepts; generated
catalogs survive round trips through dicts and files, merges, and chains of catalogs each
read on top of the last."""

import copy
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nodecompare as nc
from nodecompare.catalog import RECORD_TYPES, SECTIONS
from nodecompare.coverage import coverage_markdown
from nodecompare.io.schema import json_schema
from nodecompare.model import PRODUCTION_KINDS
from nodecompare.strategies import catalogs, producing_catalogs

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "nodecompare" / "data"
VALIDATOR = jsonschema.Draft202012Validator(json_schema())
REGENERATE = "regenerate with: python3 run.py generate"


def test_schema_file_is_current() -> None:
    committed = json.loads((ROOT / "docs" / "catalog.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), REGENERATE


def test_coverage_page_is_current() -> None:
    committed = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
    assert committed == coverage_markdown(), REGENERATE


def test_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


CATALOG_FILES = sorted(
    p for p in DATA.rglob("*.json") if "reference" not in p.relative_to(DATA).parts
)


@pytest.mark.parametrize("path", CATALOG_FILES, ids=lambda p: p.name)
def test_every_bundled_file_conforms(path: Path) -> None:
    errors = [error.message for error in VALIDATOR.iter_errors(json.loads(path.read_text("utf-8")))]
    assert errors == []


@given(catalogs())
def test_every_catalog_the_library_writes_conforms(catalog: nc.Catalog) -> None:
    assert list(VALIDATOR.iter_errors(nc.catalog_to_dict(catalog))) == []


def _node_document() -> dict[str, Any]:
    return copy.deepcopy(
        {
            "nodes": [
                next(n for n in nc.catalog_to_dict(nc.default_catalog())["nodes"] if n["figures"])
            ]
        }
    )


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("nodes", 0, "marketing_nm"), "seven"),
        (("nodes", 0, "transistor"), "vacuum tube"),
        (("nodes", 0, "figures", 0, "value"), 91.2),
        (("nodes", 0, "colour"), "red"),
        (("nodes", 0, "id"), "Not A Slug"),
    ],
)
def test_the_schema_rejects_what_the_loader_rejects(path: tuple[Any, ...], value: Any) -> None:
    document = _node_document()
    target: Any = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    assert list(VALIDATOR.iter_errors(document))


def test_coverage_shows_every_density_it_counts_and_lists_every_gap() -> None:
    """A node counted as having a density (stored, derived, or measured on a product) shows
    one in its row, and a node not counted is listed among the gaps."""
    page = coverage_markdown()
    counted = int(page.split("with a density (stored, derived")[1].split(":")[1].split(" of ")[0])
    dense_rows = 0
    for line in page.splitlines():
        cells = line.split(" | ")
        if len(cells) < 9 or not cells[1].endswith(" nm") or float(cells[1][:-3]) > 28:
            continue
        dense_rows += cells[5] != "—"
    assert dense_rows == counted
    gk110 = nc.default_catalog().products_on(nc.node("TSMC", "N28"))[0]
    assert f"product measurement, `{gk110.id}`" in page
    assert "derived from CPP and HD cell height" in page

    # The gaps section lists exactly the nodes the summary does not count.
    small = [n for n in nc.default_catalog().nodes if n.node_class <= 28]
    gaps = page.split("## Gaps at 28 nm and below")[1].split("\n## ")[0]
    no_density = gaps.split("- No density (")[1].split("\n")[0]
    listed = {n.id for n in small if f"`{n.id}`" in no_density}
    assert int(no_density.split(")")[0]) == len(listed) == len(small) - counted
    assert "tsmc-n28" not in listed  # measured on the GK110
    assert "intel-14a" in listed  # announced, nothing published


def test_coverage_counts_high_density_bitcells_and_lists_the_nodes_without_one() -> None:
    page = coverage_markdown()
    line = page.split("- Nodes of 16 nm and below with a high-density 6T SRAM bitcell: ")[1]
    counted, total = (int(part) for part in line.split(".")[0].split(" of "))
    finest = [n for n in nc.default_catalog().nodes if n.node_class <= 16]
    gaps = page.split("- No high-density 6T SRAM bitcell, at 16 nm and below (")[1].split("\n")[0]
    listed = {n.id for n in finest if f"`{n.id}`" in gaps}
    assert total == len(finest)
    assert int(gaps.split(")")[0]) == len(listed) == total - counted
    assert "tsmc-n5" not in listed  # TSMC's 0.021 um**2, no library named
    assert "intel-4" not in listed  # SemiAnalysis' HD cell
    assert "intel-7" in listed  # no cell published for the renamed node


def test_coverage_lists_the_production_claims_without_a_primary_source() -> None:
    page = coverage_markdown()
    section = page.split("## Production claims without a primary source")[1].split("\n## ")[0]
    listed = {line.split("`")[1] for line in section.splitlines() if line.startswith("| `")}
    produced = [c for c in nc.claims() if c.kind in PRODUCTION_KINDS]
    expected = {c.id for c in produced if all(s.tier is not nc.Tier.PRIMARY for s in c.sources)}
    assert listed == expected
    assert "tsmc-n7-volume-production" not in listed  # TSMC's Q3 2018 results
    assert f"{len(produced) - len(expected)} of {len(produced)}." in page


def test_coverage_of_an_empty_catalog_is_empty() -> None:
    page = coverage_markdown(nc.Catalog())
    assert "0 manufacturers, 0 nodes" in page


# --- round trips, merges and chains on production-heavy catalogs ------------------------

# These properties hold for any catalog; they run on many small production-heavy ones,
# cheap enough for 500 examples each.
THOROUGH = settings(max_examples=500)
Record = Any


@THOROUGH
@given(producing_catalogs())
def test_producing_catalogs_round_trip_through_dicts(catalog: nc.Catalog) -> None:
    data = json.loads(json.dumps(nc.catalog_to_dict(catalog)))
    assert nc.catalog_from_dict(data) == catalog
    assert nc.catalog_to_dict(nc.catalog_from_dict(data)) == data


@THOROUGH
@given(catalog=producing_catalogs())
def test_producing_catalogs_round_trip_through_files(
    tmp_path_factory: pytest.TempPathFactory, catalog: nc.Catalog
) -> None:
    path = tmp_path_factory.getbasetemp() / "round-trip.json"
    nc.save_catalog(catalog, path)
    assert nc.load_catalog(path) == catalog


def _references(catalog: nc.Catalog, value: Any, top: bool = True) -> Iterator[Record]:
    """The records ``value`` refers to: those it holds (in its figures, fab entries...)
    and the claims it disputes or supersedes, by id."""
    if isinstance(value, tuple):
        for item in value:
            yield from _references(catalog, item, top=False)
    elif not top and isinstance(value, tuple(RECORD_TYPES.values())):
        yield value
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            if field.name in ("disputes", "supersedes") and isinstance(value, nc.Claim):
                yield from (catalog.claim(i) for i in getattr(value, field.name))
            else:
                yield from _references(catalog, getattr(value, field.name), top=False)


def _part(catalog: nc.Catalog, data: st.DataObject) -> nc.Catalog:
    """A drawn part of ``catalog``: some of its records and all they refer to, in order."""
    everything = [r for section in SECTIONS for r in getattr(catalog, section)]
    # One draw (a bit per record) rather than a list of records: cheap, and shrinks.
    bits = data.draw(st.integers(0, 2 ** len(everything) - 1))
    chosen = [r for i, r in enumerate(everything) if bits >> i & 1]
    kept: set[tuple[type, str]] = set()
    while chosen:
        record = chosen.pop()
        if (type(record), record.id) not in kept:
            kept.add((type(record), record.id))
            chosen.extend(_references(catalog, record))
    return nc.Catalog(
        **{
            section: tuple(r for r in getattr(catalog, section) if (type(r), r.id) in kept)
            for section in SECTIONS
        }
    )


def _extension(part: nc.Catalog, base: nc.Catalog) -> dict[str, Any]:
    """The records of ``part`` that ``base`` lacks, as a document read on top of ``base``:
    it refers to base records by id only."""
    data = nc.catalog_to_dict(part)
    return {
        section: [r for r in data[section] if r["id"] not in {b.id for b in getattr(base, section)}]
        for section in SECTIONS
    }


@THOROUGH
@given(producing_catalogs(), st.data())
def test_merging_parts_of_a_catalog_keeps_both(catalog: nc.Catalog, data: st.DataObject) -> None:
    ours, theirs = _part(catalog, data), _part(catalog, data)
    merged = ours.merge(theirs)
    for section in SECTIONS:
        both = set(getattr(ours, section)) | set(getattr(theirs, section))
        assert set(getattr(merged, section)) == both
        assert getattr(merged, section)[: len(getattr(ours, section))] == getattr(ours, section)
    assert merged.merge(ours) == merged.merge(theirs) == merged
    assert catalog.merge(ours) == catalog
    # Merging reorders records, which changes no answer of leaders() or compare().
    reordered = ours.merge(catalog)
    n = data.draw(st.sampled_from(sorted({node.node_class for node in catalog.nodes})))
    day = data.draw(st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)))
    before = nc.leaders(n, as_of=day, catalog=catalog)
    after = nc.leaders(n, as_of=day, catalog=reordered)
    # The whole answer: the leaders, their nodes, dates, evidence and sites.
    assert after.to_dict() == before.to_dict()
    a, b = (data.draw(st.sampled_from(catalog.foundries)).id for _ in range(2))
    compared = nc.compare(a, b, as_of=day, catalog=catalog)
    assert nc.compare(a, b, as_of=day, catalog=reordered).to_dict() == compared.to_dict()


@THOROUGH
@given(producing_catalogs(), st.data())
def test_merges_and_base_chains_nest(
    tmp_path_factory: pytest.TempPathFactory, catalog: nc.Catalog, data: st.DataObject
) -> None:
    first, second, third = (_part(catalog, data) for _ in range(3))
    merged = first.merge(second).merge(third)
    assert first.merge(second.merge(third)) == merged
    # Each part read on top of the catalog built so far, as a user's file on top of the
    # bundled catalog: from a dict, then from a file.
    on_first = nc.catalog_from_dict(_extension(second, first), base=first)
    assert on_first == first.merge(second)
    path = tmp_path_factory.getbasetemp() / "extension.json"
    path.write_text(json.dumps(_extension(third, on_first)), encoding="utf-8")
    assert nc.load_catalog(path, base=on_first) == merged
