"""Generated docs are current; the JSON Schema accepts what the loader accepts."""

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given

import nodecompare as nc
from nodecompare.coverage import coverage_markdown
from nodecompare.io.schema import json_schema
from nodecompare.strategies import catalogs

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


def test_coverage_of_an_empty_catalog_is_empty() -> None:
    page = coverage_markdown(nc.Catalog())
    assert "0 manufacturers, 0 nodes" in page
