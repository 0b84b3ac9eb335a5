"""The loader's fast path (nodecompare.io.fast) and its file reader (nodecompare.io.stream):
they build the very catalog the checking path builds, or give up and leave every problem to
it; and ``max_bytes`` lets a trusted file past the default size limit."""

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import nodecompare as nc
from documents import small_document
from fuzzing.harness import make_document
from nodecompare.errors import ProblemList
from nodecompare.io import limits, stream
from nodecompare.io.fast import fast_catalog
from nodecompare.io.files import build, parse_json
from nodecompare.io.stream import stream_catalog
from nodecompare.strategies import catalogs

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synthetic import synthetic_document


def _checked_or_none(document: Any) -> nc.Catalog | None:
    try:
        return _checked(document)
    except nc.CatalogError:
        return None


def _checked(document: Any, base: nc.Catalog | None = None) -> nc.Catalog:
    """The catalog the checking path builds (given a problem list, build takes it)."""
    return build([(document, "test")], base, ProblemList())


def _file(tmp_path: Path, document: Any, text: str | None = None) -> str:
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(document, indent=2) if text is None else text, encoding="utf-8")
    return str(path)


def test_fast_path_builds_the_bundled_catalog_as_the_checking_path_does() -> None:
    document = nc.catalog_to_dict(nc.default_catalog())
    fast = fast_catalog([(document, "test")])
    assert fast is not None
    assert fast == _checked(document) == nc.default_catalog()


def test_fast_path_builds_a_synthetic_catalog_as_the_checking_path_does() -> None:
    document = synthetic_document(3000, 1)
    fast = fast_catalog([(document, "test")])
    assert fast is not None
    assert fast == _checked(document)


@settings(max_examples=30, deadline=None)
@given(catalogs())
def test_fast_path_builds_generated_catalogs_as_the_checking_path_does(
    catalog: nc.Catalog,
) -> None:
    document = nc.catalog_to_dict(catalog)
    assert fast_catalog([(document, "test")]) == _checked(document) == catalog


def test_fast_path_reads_on_top_of_a_base_catalog() -> None:
    base = nc.default_catalog()
    document = small_document()
    fast = fast_catalog([(document, "test")], base)
    assert fast is not None
    assert fast == _checked(document, base)


def _claim(document: dict[str, Any]) -> dict[str, Any]:
    claim: dict[str, Any] = document["claims"][0]
    return claim


BROKEN_CLAIMS = {
    "no subject": lambda c: c.update(node=None, foundry=None, region=None),
    "another foundry's node": lambda c: c.update(foundry="intel"),
    "an end before the start": lambda c: c.update(valid_from="2020-06", valid_until="2020"),
    "disputes itself": lambda c: c.update(disputes=[c["id"]]),
    "supersedes itself": lambda c: c.update(supersedes=[c["id"]]),
    "an over-long id": lambda c: c.update(id="a" * (limits.MAX_STRING_CHARS + 1)),
    "an over-long statement": lambda c: c.update(statement="a" * (limits.MAX_STRING_CHARS + 1)),
    "a lone surrogate": lambda c: c.update(note="\ud800"),
    "a blank statement": lambda c: c.update(statement=" "),
    "an unknown source": lambda c: c.update(sources=["nowhere"]),
    "no source": lambda c: c.update(sources=[]),
    "an unknown key": lambda c: c.update(colour="red"),
    "an impossible day": lambda c: c.update(reported_on="2021-02-30"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_CLAIMS))
def test_fast_path_gives_up_on_a_broken_claim_and_the_checking_path_names_it(
    case: str,
) -> None:
    document = synthetic_document(200, 0)
    claim = next(c for c in document["claims"] if c["node"] and c["node"].startswith("tsmc"))
    BROKEN_CLAIMS[case](claim)
    assert fast_catalog([(document, "test")]) is None
    with pytest.raises(nc.CatalogError) as caught:
        nc.catalog_from_dict(document)
    assert caught.value.problems


def test_a_claim_of_a_node_takes_its_foundry_on_the_fast_path() -> None:
    document = synthetic_document(200, 0)
    claim = next(c for c in document["claims"] if c["node"] and c["foundry"])
    claim.pop("foundry")
    fast = fast_catalog([(document, "test")])
    assert fast is not None
    assert fast == _checked(document)
    assert fast.claim(claim["id"]).foundry == fast.node(claim["node"]).foundry


def test_a_file_read_a_record_at_a_time_gives_the_catalog_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = synthetic_document(500, 2)
    path = _file(tmp_path, document)
    # Windows far smaller than a record: every record is cut at least once.
    monkeypatch.setattr(stream, "_WINDOW_BYTES", 7)
    streamed = stream_catalog(path, None, limits.MAX_FILE_BYTES)
    assert streamed is not None
    assert streamed == _checked(document) == nc.load_catalog(path)


def test_a_byte_order_mark_and_blanks_are_read_on_the_fast_path_too(tmp_path: Path) -> None:
    document = small_document()
    path = tmp_path / "catalog.json"
    path.write_bytes(b"\xef\xbb\xbf \n" + json.dumps(document).encode() + b"\n\n")
    assert stream_catalog(str(path), None, limits.MAX_FILE_BYTES) == _checked(document)


@pytest.mark.parametrize(
    "text",
    [
        '{"claims": [], "sources": []}',  # out of order: read whole, on the checking path
        '{"sources": [], "sources": []}',
        '{"sources": []} {}',
        '{"sources": [],}',
        '{"sources": [1]}',
        '{"about": 7}',
    ],
)
def test_the_file_reader_gives_up_on_what_is_not_plainly_a_catalog(
    tmp_path: Path, text: str
) -> None:
    path = _file(tmp_path, None, text)
    assert stream_catalog(path, None, limits.MAX_FILE_BYTES) is None


def test_sections_out_of_order_still_load(tmp_path: Path) -> None:
    document = small_document()
    reordered = {section: document[section] for section in reversed(list(document))}
    path = _file(tmp_path, reordered)
    assert stream_catalog(path, None, limits.MAX_FILE_BYTES) is None
    assert nc.load_catalog(path) == nc.catalog_from_dict(document)


def test_a_broken_file_is_refused_whole_after_the_fast_path_gives_up(tmp_path: Path) -> None:
    document = copy.deepcopy(small_document())
    document["claims"][-1]["kind"] = "rumour"
    with pytest.raises(nc.CatalogError) as caught:
        nc.load_catalog(_file(tmp_path, document))
    assert [p.field for p in caught.value.problems] == ["kind"]


def test_max_bytes_lets_a_trusted_file_past_the_default_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = json.dumps(small_document())
    path = _file(tmp_path, None, text)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", len(text) - 1)
    with pytest.raises(nc.CatalogError, match="is over"):
        nc.load_catalog(path)
    assert nc.load_catalog(path, max_bytes=len(text)) == nc.catalog_from_dict(small_document())


def test_max_bytes_below_the_file_refuses_it_naming_the_limit(tmp_path: Path) -> None:
    text = json.dumps(small_document())
    with pytest.raises(nc.CatalogError, match=f"is over {len(text) - 1:,} bytes"):
        nc.load_catalog(_file(tmp_path, None, text), max_bytes=len(text) - 1)


def test_a_record_checked_alone_is_named_as_in_its_document() -> None:
    long = "a" * (limits.MAX_STRING_CHARS + 1)
    record = {"id": "n1", "note": long, "aliases": [{"name": long}]}
    alone: list[nc.Problem] = []
    assert not limits.check_record("nodes", 3, record, "f.json", alone)
    whole: list[nc.Problem] = []
    limits.check_document({"nodes": [{}, {}, {}, record]}, "f.json", whole)
    assert set(alone) == set(whole)
    assert {(p.record, p.field) for p in alone} == {
        ("nodes[3] 'n1'", "note"),
        ("nodes[3] 'n1'", "aliases[0].name"),
    }


@pytest.mark.parametrize("seed", [3, 4])
def test_what_the_fast_path_accepts_of_fuzzed_input_the_checking_path_accepts_alike(
    tmp_path: Path, seed: int
) -> None:
    path = tmp_path / "catalog.json"
    accepted = 0
    for index in range(400):
        document = make_document(index, seed)
        if document.text is None:
            fast = fast_catalog([(document.data, "test")])
            checked = _checked_or_none(document.data) if fast is not None else None
        else:
            path.write_bytes(document.text)
            fast = stream_catalog(str(path), None, limits.MAX_FILE_BYTES)
            checked = _loaded_or_none(path) if fast is not None else None
        if fast is not None:
            accepted += 1
            assert checked == fast, f"#{index} {document.family}"
    assert accepted  # some input was clean enough for the fast path


def _loaded_or_none(path: Path) -> nc.Catalog | None:
    """The catalog the checking path reads from the file, or None when it refuses it."""
    problems = ProblemList()
    document = parse_json(path.open, str(path), problems)
    if problems:
        return None
    try:
        return build([(document, str(path))], None, problems)
    except nc.CatalogError:
        return None
