"""Exports (issue 13, point 4): one table per kind of record as CSV, a Frictionless Data
Package or Parquet, read back into an equal catalog."""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import nodecompare as nc
from nodecompare.cli import main
from nodecompare.io.csvtables import CSV_TABLES
from nodecompare.io.tables import TABLES, column_names, items, row_cells
from nodecompare.strategies import catalogs, producing_catalogs

frictionless = pytest.importorskip("frictionless")

AWKWARD = 'a comma, a "quote", a line\nbreak, a CRLF\r\n, 中文 ü — and spaces  '


@pytest.fixture(scope="module")
def package() -> Path:
    directory = Path(tempfile.mkdtemp()) / "package"
    nc.default_catalog().export(directory, "datapackage")
    return directory


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _edit(path: Path, row: int, column: str, value: str) -> None:
    rows = _rows(path)
    rows[row][column] = value
    _write_rows(path, rows)


def _problems(directory: Path) -> list[nc.Problem]:
    with pytest.raises(nc.CatalogError) as caught:
        nc.load_catalog(directory)
    return list(caught.value.problems)


# --- the data package ---------------------------------------------------------------------


def test_the_data_package_validates_with_frictionless(package: Path) -> None:
    report = frictionless.validate(package / "datapackage.json")
    assert report.valid, report.flatten(["type", "message"])[:5]
    assert report.stats["tasks"] == len(CSV_TABLES) == 30
    assert report.stats["errors"] == 0


def test_frictionless_checks_the_foreign_keys(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    nc.default_catalog().export(broken, "datapackage")
    _edit(broken / "figures.csv", 0, "node_id", "no-such-node")
    _edit(broken / "claim_sources.csv", 0, "source_id", "no-such-source")
    report = frictionless.validate(broken / "datapackage.json")
    assert sorted(e[0] for e in report.flatten(["type"])) == ["foreign-key", "foreign-key"]


def test_every_resource_has_a_schema_with_keys(package: Path) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    assert all(resource["schema"]["primaryKey"] for resource in resources.values())
    figures = resources["figures"]["schema"]
    assert {"fields": ["node_id"], "reference": {"resource": "nodes", "fields": ["id"]}} in (
        figures["foreignKeys"]
    )
    alias_sources = resources["alias_sources"]["schema"]["foreignKeys"][0]
    assert alias_sources["reference"] == {"resource": "aliases", "fields": ["node_id", "position"]}
    types = {field["name"]: field["type"] for field in resources["claims"]["schema"]["fields"]}
    assert types["reported_on"] == types["valid_from_start"] == "date"
    assert types["valid_from"] == "string"
    confidence = next(
        f for f in resources["claims"]["schema"]["fields"] if f["name"] == "confidence"
    )
    assert confidence["constraints"] == {"enum": [c.value for c in nc.Confidence]}


def test_the_descriptor_names_the_data_release_and_its_licence(package: Path) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == nc.data_version
    assert descriptor["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0 International",
        }
    ]
    assert descriptor["contributors"] == [{"title": "nodecompare developers", "role": "author"}]


def _descriptor(catalog: nc.Catalog, directory: Path) -> dict[str, object]:
    catalog.export(directory, "datapackage")
    assert frictionless.validate(directory / "datapackage.json").valid
    described: dict[str, object] = json.loads(
        (directory / "datapackage.json").read_text(encoding="utf-8")
    )
    return described


def test_a_package_of_user_records_claims_no_release_licence_or_authors(tmp_path: Path) -> None:
    own = attrs.evolve(nc.default_catalog().sources[0], id="my-own-source", title="Mine")
    descriptor = _descriptor(nc.Catalog(sources=(own,)), tmp_path)
    assert not {"version", "licenses", "contributors"} & set(descriptor)
    assert descriptor["title"] == "A nodecompare catalog"
    assert "CC BY" not in str(descriptor["description"])


def test_a_package_of_the_bundled_data_merged_with_user_records_claims_no_licence(
    tmp_path: Path,
) -> None:
    own = attrs.evolve(nc.default_catalog().sources[0], id="my-own-source", title="Mine")
    merged = nc.default_catalog().merge(nc.Catalog(sources=(own,)))
    descriptor = _descriptor(merged, tmp_path)
    assert not {"version", "licenses", "contributors"} & set(descriptor)
    description = str(descriptor["description"])
    assert f"data release {nc.data_version}" in description
    assert "licensed Creative Commons Attribution 4.0 International" in description


def test_a_partial_date_keeps_its_text_beside_its_days(package: Path) -> None:
    claim = next(c for c in nc.default_catalog().claims if str(c.valid_from) == "2020-Q2")
    row = next(row for row in _rows(package / "claims.csv") if row["id"] == claim.id)
    assert row["valid_from"] == "2020-Q2"
    assert (row["valid_from_start"], row["valid_from_end"]) == ("2020-04-01", "2020-06-30")
    assert row["valid_from_precision"] == "quarter"


def test_lists_are_tables_of_their_own_not_joined_text(package: Path) -> None:
    catalog = nc.default_catalog()
    assert "sources" not in _rows(package / "nodes.csv")[0]
    node_sources = _rows(package / "node_sources.csv")
    assert len(node_sources) == sum(len(node.sources) for node in catalog.nodes)
    first = next(node for node in catalog.nodes if node.sources)
    cited = [row["source_id"] for row in node_sources if row["node_id"] == first.id]
    assert cited == [source.id for source in first.sources]


# --- reading back -------------------------------------------------------------------------


@pytest.mark.parametrize("format", ["csv", "datapackage", "parquet"])
def test_the_bundled_catalog_reads_back_equal(format: str, tmp_path: Path) -> None:
    if format == "parquet":
        pytest.importorskip("pyarrow")
    catalog = nc.default_catalog()
    export = catalog.export(tmp_path / format, format)
    assert export.rows > len(catalog.claims)
    assert nc.load_catalog(tmp_path / format) == catalog


def test_the_csv_tables_have_the_arrow_tables_columns(package: Path) -> None:
    pytest.importorskip("pyarrow")
    arrow = nc.catalog_to_arrow(nc.default_catalog())
    for name, table in arrow.items():
        header = list(_rows(package / f"{name}.csv")[0])
        lists = [f.name for f in table.schema if str(f.type).startswith("list")]
        periods = [n.removesuffix("_start") for n in table.schema.names if n.endswith("_start")]
        expected = [n for n in table.schema.names if n not in lists]
        assert sorted(header) == sorted(expected + periods), name
        record = next(t.table.record for t in CSV_TABLES if t.name == name)
        for column in lists:
            assert (package / f"{record}_{column}.csv").is_file()


def test_csv_and_arrow_rows_are_built_by_one_row_cells() -> None:
    catalog = nc.default_catalog()
    for table in TABLES:
        csv_fields = next(t.fields for t in CSV_TABLES if t.table is table and t.listed is None)
        entry = next(items(catalog, table))
        assert len(row_cells(table, *entry)) == len(column_names(table)), table.name
        csv_row = row_cells(table, *entry, lists=False, period_text=True)
        assert len(csv_row) == len(csv_fields), table.name


def test_a_list_tables_owner_columns_are_its_first_fields() -> None:
    for table in (t for t in CSV_TABLES if t.listed is not None):
        owner = tuple(field.name for field in table.fields[: len(table.owner)])
        assert owner == table.owner, table.name
        assert table.fields[len(table.owner)].name == "position", table.name


def test_awkward_text_round_trips(tmp_path: Path) -> None:
    bundled = nc.default_catalog()
    source = attrs.evolve(bundled.sources[0], title=AWKWARD, authors=(AWKWARD, "Ünal, Ö."))
    catalog = nc.Catalog(sources=(source, *bundled.sources[1:3]))
    for format in ("csv", "datapackage"):
        catalog.export(tmp_path / format, format)
        assert nc.load_catalog(tmp_path / format) == catalog
    report = frictionless.validate(tmp_path / "datapackage" / "datapackage.json")
    assert report.valid


FORMULAS = ("-1", "@x", "'quoted", "\tTab", "\rreturn", "'")


def test_text_a_spreadsheet_would_run_as_a_formula_is_escaped_and_round_trips(
    tmp_path: Path,
) -> None:
    bundled = nc.default_catalog()
    title = '=HYPERLINK("http://evil","x")'
    source = attrs.evolve(bundled.sources[0], title=title, publisher="+cmd|calc", authors=FORMULAS)
    node = attrs.evolve(bundled.nodes[0], note="-1")
    catalog = nc.Catalog(
        sources=(source, *bundled.sources[1:]),
        foundries=bundled.foundries,
        nodes=(node, *bundled.nodes[1:]),
    )
    for format in ("csv", "datapackage"):
        catalog.export(tmp_path / format, format)
        assert nc.load_catalog(tmp_path / format) == catalog
    assert _rows(tmp_path / "csv" / "nodes.csv")[0]["note"] == "'-1"
    row = _rows(tmp_path / "csv" / "sources.csv")[0]
    assert (row["title"], row["publisher"]) == (f"'{title}", "'+cmd|calc")
    authors = [row["value"] for row in _rows(tmp_path / "csv" / "source_authors.csv")]
    assert authors[: len(FORMULAS)] == [f"'{text}" for text in FORMULAS]
    report = frictionless.validate(tmp_path / "datapackage" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])


def test_rows_in_another_order_keep_the_catalogs_order(tmp_path: Path) -> None:
    nc.default_catalog().export(tmp_path, "csv")
    for name in ("claims", "figures", "node_sources"):
        rows = _rows(tmp_path / f"{name}.csv")
        _write_rows(tmp_path / f"{name}.csv", rows[::-1])
    assert nc.load_catalog(tmp_path) == nc.default_catalog()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_any_catalog_round_trips_through_csv(catalog: nc.Catalog) -> None:
    with tempfile.TemporaryDirectory() as directory:
        catalog.export(Path(directory) / "csv", "csv")
        assert nc.load_catalog(Path(directory) / "csv") == catalog


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_any_catalogs_data_package_validates(catalog: nc.Catalog) -> None:
    with tempfile.TemporaryDirectory() as directory:
        catalog.export(Path(directory) / "package", "datapackage")
        report = frictionless.validate(Path(directory) / "package" / "datapackage.json")
        assert report.valid, report.flatten(["type", "message"])[:5]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(producing_catalogs())
def test_a_producing_catalog_round_trips_through_every_format(catalog: nc.Catalog) -> None:
    pytest.importorskip("pyarrow")
    with tempfile.TemporaryDirectory() as directory:
        for format in ("datapackage", "parquet"):
            catalog.export(Path(directory) / format, format)
            assert nc.load_catalog(Path(directory) / format) == catalog


# --- refusals -----------------------------------------------------------------------------


def test_a_bad_cell_is_named_by_file_row_and_column(tmp_path: Path) -> None:
    nc.default_catalog().export(tmp_path, "csv")
    node = nc.default_catalog().nodes[1]
    _edit(tmp_path / "nodes.csv", 1, "marketing_nm", "seven")
    _edit(tmp_path / "figures.csv", 0, "projected", "yes")
    problems = _problems(tmp_path)
    assert [(p.file, p.record, p.field) for p in problems] == [
        (str(tmp_path / "nodes.csv"), f"row 3 {node.id!r}", "marketing_nm"),
        (str(tmp_path / "figures.csv"), "row 2", "projected"),
    ]
    assert problems[0].message == "expected a number, got 'seven'"


def test_a_bad_day_is_refused_by_the_loader_naming_the_file_and_record(tmp_path: Path) -> None:
    nc.default_catalog().export(tmp_path, "csv")
    claim = nc.default_catalog().claims[0]
    _edit(tmp_path / "claims.csv", 0, "reported_on", "20220719")
    (problem,) = _problems(tmp_path)
    assert (problem.file, problem.record, problem.field) == (
        str(tmp_path / "claims.csv"),
        f"claims[0] {claim.id!r}",
        "reported_on",
    )


def test_a_missing_table_and_a_renamed_column_are_listed_together(tmp_path: Path) -> None:
    nc.default_catalog().export(tmp_path, "csv")
    (tmp_path / "product_sources.csv").unlink()
    text = (tmp_path / "fabs.csv").read_text(encoding="utf-8")
    (tmp_path / "fabs.csv").write_text(text.replace(",city,", ",town,", 1), encoding="utf-8")
    messages = sorted(str(problem) for problem in _problems(tmp_path))
    assert messages == [
        f"{tmp_path / 'fabs.csv'}: row 1: missing columns: 'city'",
        f"{tmp_path / 'fabs.csv'}: row 1: unknown columns: 'town'",
        f"{tmp_path / 'product_sources.csv'}: file: missing table 'product_sources'",
    ]


def test_a_row_whose_holder_is_missing_is_reported(tmp_path: Path) -> None:
    nc.default_catalog().export(tmp_path, "csv")
    _edit(tmp_path / "alias_sources.csv", 0, "alias_position", "99")
    (problem,) = _problems(tmp_path)
    assert (problem.record, problem.field) == ("row 2", "node_id, alias_position")
    assert "no row of aliases.csv has" in problem.message


def test_a_file_that_is_not_utf8_is_one_problem(tmp_path: Path) -> None:
    nc.default_catalog().export(tmp_path, "csv")
    (tmp_path / "controls.csv").write_bytes(b"id,\xff\xfe\n")
    (problem,) = _problems(tmp_path)
    assert problem.file == str(tmp_path / "controls.csv")
    assert problem.message.startswith("is not UTF-8 text")


def test_a_row_of_the_wrong_length_is_reported(tmp_path: Path) -> None:
    nc.default_catalog().export(tmp_path, "csv")
    with (tmp_path / "control_scope.csv").open("a", encoding="utf-8", newline="") as stream:
        stream.write("x,1\r\n")
    (problem,) = _problems(tmp_path)
    assert problem.message == "has 2 cells; the header has 3"


def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(nc.ValidationError, match=r"^export\.format: expected one of csv, "):
        nc.default_catalog().export(tmp_path, "xlsx")


def test_parquet_without_pyarrow_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(nc.UnsupportedError, match=r"nodecompare\[arrow\]"):
        nc.default_catalog().export(tmp_path / "out", "parquet")
    assert not (tmp_path / "out").exists()


def test_csv_and_the_data_package_need_no_pyarrow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    catalog = nc.Catalog(sources=nc.default_catalog().sources[:5])
    for format in ("csv", "datapackage"):
        catalog.export(tmp_path / format, format)
        assert nc.load_catalog(tmp_path / format) == catalog


def test_an_export_never_replaces_a_directory_of_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        nc.default_catalog().export(tmp_path, "csv")
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_an_export_replaces_an_earlier_export_of_another_format(tmp_path: Path) -> None:
    smaller = nc.Catalog(sources=nc.default_catalog().sources[:2])
    nc.default_catalog().export(tmp_path / "out", "datapackage")
    smaller.export(tmp_path / "out", "csv")
    assert not (tmp_path / "out" / "datapackage.json").exists()
    assert nc.load_catalog(tmp_path / "out") == smaller


def test_a_lone_surrogate_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    source = attrs.evolve(nc.default_catalog().sources[0], title="half \ud800 a character")
    with pytest.raises(nc.CatalogError, match=r"sources\[0\]"):
        nc.Catalog(sources=(source,)).export(tmp_path / "out", "csv")
    assert not (tmp_path / "out").exists()


# --- the command line ---------------------------------------------------------------------


def test_the_export_command_prints_what_it_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "datapackage", str(tmp_path / "out"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "datapackage"
    assert data["descriptor"] == str(tmp_path / "out" / "datapackage.json")
    assert len(data["tables"]) == 30
    assert main(["export", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out.startswith("Wrote 30 tables, ")
    assert nc.load_catalog(tmp_path / "out") == nc.default_catalog()


def test_the_export_command_refuses_a_foreign_directory_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["export", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert error == (
        f"nodecompare: error: export.directory: {tmp_path} exists and is not a nodecompare "
        "catalog directory\n"
    )
