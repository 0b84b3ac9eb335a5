"""Loading and saving within limits (issue 14): no foreign exception, no hang, no lost file.

Each test is named for the case that failed before the fix; ``docs/data-format.md``
("Limits") documents the numbers.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import nodecompare as nc
from documents import small_document
from nodecompare import errors
from nodecompare.io import limits

#: The issue's bound for refusing 40,000 characters of junk.
FAST = 0.05


def _refused(load: Callable[[], object]) -> nc.CatalogError:
    with pytest.raises(nc.CatalogError) as caught:
        load()
    return caught.value


def _places(error: nc.CatalogError) -> list[tuple[str, str]]:
    return [(problem.record, problem.field) for problem in error.problems]


def _file(tmp_path: Path, data: bytes | str) -> Path:
    path = tmp_path / "mine.json"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _seconds(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


# Saving


def _saved(tmp_path: Path) -> tuple[nc.Catalog, Path, bytes]:
    data = small_document()
    data["sources"].append({"id": "s2", "publisher": "Q", "title": "U", "kind": "press"})
    catalog = nc.catalog_from_dict(data)
    path = tmp_path / "mine.json"
    nc.save_catalog(catalog, path)
    return catalog, path, path.read_bytes()


def _retitled(catalog: nc.Catalog, title: str) -> nc.Catalog:
    """``catalog`` with source s2, which no record cites, given another title."""
    s1, s2 = catalog.sources
    return attrs.evolve(catalog, sources=(s1, attrs.evolve(s2, title=title)))


def test_failed_save_of_unencodable_text_leaves_the_old_file_untouched(tmp_path: Path) -> None:
    catalog, path, before = _saved(tmp_path)
    error = _refused(lambda: nc.save_catalog(_retitled(catalog, "x\ud800"), path))
    assert _places(error) == [("sources[1] 's2'", "title")]
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["mine.json"]


def test_save_interrupted_mid_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog, path, before = _saved(tmp_path)
    changed = _retitled(catalog, "New")

    def crash(descriptor: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="disk full"):
        nc.save_catalog(changed, path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["mine.json"]


def test_save_replaces_the_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    catalog, path, _ = _saved(tmp_path)
    path.chmod(0o640)
    nc.save_catalog(catalog, path)
    assert nc.load_catalog(path) == catalog
    assert path.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["mine.json"]


# Text that cannot be encoded, keys that are not text


def test_lone_surrogate_in_a_dict_is_refused_at_load() -> None:
    data = small_document()
    data["claims"][0]["statement"] = "x\ud800"
    error = _refused(lambda: nc.catalog_from_dict(data))
    assert _places(error) == [("claims[0] 'acme-a7-hvm'", "statement")]
    assert "U+D800" in str(error)


@pytest.mark.parametrize(
    "written",
    [b'"A\\ud800"', b'"A\xed\xa0\x80"'],
    ids=["json-escape", "utf8-bytes-ed-a0-80"],
)
def test_lone_surrogate_in_a_file_is_refused_at_load(tmp_path: Path, written: bytes) -> None:
    text = json.dumps(small_document()).encode().replace(b'"A7"', written, 1)
    error = _refused(lambda: nc.load_catalog(_file(tmp_path, text)))
    assert _places(error) == [("nodes[0] 'acme-a7'", "name")]


@pytest.mark.parametrize(
    ("document", "place"),
    [
        ({1: []}, ("document", "")),
        ({"sources": [{("a",): 1}]}, ("sources[0]", "")),
        ({"nodes": [{"id": "n", "figures": [{2.5: "x"}]}]}, ("nodes[0] 'n'", "figures[0]")),
    ],
    ids=["document", "record", "nested"],
)
def test_non_string_key_is_a_problem_not_a_type_error(
    document: dict[Any, Any], place: tuple[str, str]
) -> None:
    error = _refused(lambda: nc.catalog_from_dict(document))
    assert _places(error) == [place]
    assert "key that is not text" in str(error)


# Limits


def test_long_figure_value_is_refused_in_under_50_ms() -> None:
    data = small_document()
    data["nodes"][0]["figures"][0]["value"] = "7 a" + " " * 40000 + "b"
    nc.catalog_from_dict(small_document())  # warm-up: pint and the converter are built once
    assert _seconds(lambda: _refused(lambda: nc.catalog_from_dict(data))) < FAST
    error = _refused(lambda: nc.catalog_from_dict(data))
    assert _places(error) == [("nodes[0] 'acme-a7'", "figures[0].value")]
    assert len(str(error)) < 200


@pytest.mark.parametrize(
    "junk",
    [
        "7 a" + " " * 40000 + "b",
        "{" + "n" * 40000,
        "[" * 40000,
        bytes(random.Random(14).randrange(256) for _ in range(40000)),
    ],
    ids=["text", "after-a-brace", "brackets", "random-bytes"],
)
def test_junk_file_is_refused_in_under_50_ms(tmp_path: Path, junk: str | bytes) -> None:
    path = _file(tmp_path, junk)
    nc.catalog_from_dict(small_document())  # warm-up
    assert _seconds(lambda: _refused(lambda: nc.load_catalog(path))) < FAST


def test_1000_deep_nesting_in_a_file_is_a_catalog_error(tmp_path: Path) -> None:
    path = _file(tmp_path, '{"about": ' + "[" * 1000 + "]" * 1000 + "}")
    assert "nested deeper than 32 levels" in str(_refused(lambda: nc.load_catalog(path)))


def test_nesting_past_the_limit_names_the_record_and_field(tmp_path: Path) -> None:
    data = small_document()
    deep: Any = "x"
    for _ in range(limits.MAX_DEPTH):
        deep = [deep]
    data["nodes"][0]["figures"][0]["note"] = deep
    error = _refused(lambda: nc.load_catalog(_file(tmp_path, json.dumps(data))))
    ((record, field),) = _places(error)
    assert record == "nodes[0] 'acme-a7'"
    assert field.startswith("figures[0].note[0]")


def test_a_dict_that_holds_itself_is_a_catalog_error() -> None:
    data = small_document()
    data["nodes"][0]["figures"][0]["note"] = data["nodes"][0]
    error = _refused(lambda: nc.catalog_from_dict(data))
    assert "nested deeper than 32 levels" in str(error)


def test_dev_zero_is_refused_at_once() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    error = _refused(lambda: nc.load_catalog("/dev/zero"))
    assert "is not a catalog" in str(error)


def test_file_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = json.dumps(small_document())
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", len(text) - 1)
    error = _refused(lambda: nc.load_catalog(_file(tmp_path, text)))
    assert "is over" in str(error)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", len(text))
    assert nc.load_catalog(tmp_path / "mine.json") == nc.catalog_from_dict(small_document())


def test_5000_digit_number_is_a_catalog_error(tmp_path: Path) -> None:
    text = json.dumps(small_document()).replace(
        '"marketing_nm": 7', '"marketing_nm": ' + "7" * 5000
    )
    error = _refused(lambda: nc.load_catalog(_file(tmp_path, text)))
    assert _places(error) == [("nodes[0] 'acme-a7'", "marketing_nm")]


def test_5000_digit_number_in_a_dict_is_a_catalog_error() -> None:
    data = small_document()
    data["nodes"][0]["marketing_nm"] = 10**5000
    error = _refused(lambda: nc.catalog_from_dict(data))
    assert _places(error) == [("nodes[0] 'acme-a7'", "marketing_nm")]


def test_duplicate_json_key_is_a_problem_naming_the_key(tmp_path: Path) -> None:
    text = json.dumps(small_document()).replace('"name": "A7"', '"name": "A7", "name": "A8"')
    error = _refused(lambda: nc.load_catalog(_file(tmp_path, text)))
    assert _places(error) == [("nodes[0] 'acme-a7'", "")]
    assert "key 'name' is given more than once" in str(error)


def test_string_over_the_length_limit_names_the_field() -> None:
    data = small_document()
    data["sources"][0]["title"] = "t" * (limits.MAX_STRING_CHARS + 1)
    error = _refused(lambda: nc.catalog_from_dict(data))
    assert _places(error) == [("sources[0] 's1'", "title")]
    data["sources"][0]["title"] = "t" * limits.MAX_STRING_CHARS
    assert nc.catalog_from_dict(data).sources[0].title == data["sources"][0]["title"]


def test_a_long_bad_value_is_quoted_shortened() -> None:
    data = small_document()
    data["foundries"][0]["country"] = "X" * 5000
    message = str(_refused(lambda: nc.catalog_from_dict(data)))
    assert "XXXX…" in message
    assert len(message) < 300


def test_error_message_lists_at_most_100_problems_and_counts_the_rest() -> None:
    data = {"sources": [{"id": f"s{i}"} for i in range(150)]}
    error = _refused(lambda: nc.catalog_from_dict(data))
    lines = str(error).splitlines()
    listed = [line for line in lines if line.startswith("  - ")]
    assert len(listed) == errors.MAX_PROBLEMS_LISTED
    total = len(error.problems)
    assert lines[0] == f"{total} problems:"
    assert lines[-1] == f"  … and {total - errors.MAX_PROBLEMS_LISTED} more problems"


def test_file_of_empty_claims_stops_at_the_problem_cap(tmp_path: Path) -> None:
    text = '{"claims": [' + ", ".join(["{}"] * 20_000) + "]}"
    error = _refused(lambda: nc.load_catalog(_file(tmp_path, text)))
    assert len(error.problems) == errors.MAX_PROBLEMS_KEPT
    assert error.unchecked > 15_000
    assert str(error).endswith(f"… and {error.unchecked} more records, not checked")
    assert len(str(error)) < 20_000


# What still loads


def test_a_file_with_a_utf8_byte_order_mark_still_loads(tmp_path: Path) -> None:
    path = _file(tmp_path, b"\xef\xbb\xbf \n" + json.dumps(small_document()).encode())
    assert nc.load_catalog(path) == nc.catalog_from_dict(small_document())


def test_non_ascii_text_still_loads(tmp_path: Path) -> None:
    data = small_document()
    data["sources"][0]["title"] = "Über 7 nm — 台積電 😀"
    path = _file(tmp_path, json.dumps(data, ensure_ascii=False))
    assert nc.load_catalog(path).sources[0].title == "Über 7 nm — 台積電 😀"


@pytest.mark.parametrize(
    "about", [7, None, {"a": "b"}, " "], ids=["number", "null", "object", "blank"]
)
def test_about_that_is_not_text_is_refused(about: object) -> None:
    with pytest.raises(nc.CatalogError) as caught:
        nc.catalog_from_dict({"about": about})
    ((problem),) = caught.value.problems
    assert (problem.record, problem.field) == ("document", "about")
