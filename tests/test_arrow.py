"""Catalogs as Arrow tables and directories of Parquet files (issue 12, point 3)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings

import nodecompare as nc
from nodecompare.io.arrow import TABLE_NAMES, document_of
from nodecompare.strategies import catalogs, producing_catalogs

pytest.importorskip("pyarrow")
import pyarrow as pa  # the extra, checked above
import pyarrow.parquet as pq


@pytest.fixture(scope="module")
def tables() -> dict[str, pa.Table]:
    return nc.catalog_to_arrow(nc.default_catalog())


def test_the_bundled_catalog_round_trips_through_parquet(tmp_path: Path) -> None:
    path = tmp_path / "catalog.parquet"
    nc.save_catalog(nc.default_catalog(), path)
    assert sorted(os.listdir(path)) == sorted(f"{name}.parquet" for name in TABLE_NAMES)
    assert nc.load_catalog(path) == nc.default_catalog()


def test_saving_again_replaces_the_directory(tmp_path: Path) -> None:
    path = tmp_path / "catalog.parquet"
    nc.save_catalog(nc.default_catalog(), path)
    smaller = nc.Catalog(sources=nc.default_catalog().sources[:3])
    nc.save_catalog(smaller, path)
    assert nc.load_catalog(path) == smaller
    assert [p.name for p in tmp_path.iterdir()] == ["catalog.parquet"]


def test_every_section_has_a_table_with_a_row_per_record(tables: dict[str, pa.Table]) -> None:
    catalog = nc.default_catalog()
    assert tables["claims"].num_rows == len(catalog.claims)
    assert tables["figures"].num_rows == sum(len(node.figures) for node in catalog.nodes)
    cited = sum(len(c.sources) + len(c.background) for c in catalog.claims)
    assert tables["claim_sources"].num_rows == cited
    assert tables["nodes"].column("id").to_pylist() == [node.id for node in catalog.nodes]


def test_dates_are_typed_and_periods_have_their_precision(tables: dict[str, pa.Table]) -> None:
    claims = tables["claims"]
    assert claims.schema.field("reported_on").type == pa.date32()
    assert claims.schema.field("valid_from_start").type == pa.date32()
    row = next(r for r in claims.to_pylist() if r["id"] == "tsmc-n5-volume-production")
    period = nc.default_catalog().claim("tsmc-n5-volume-production").valid_from
    assert (row["valid_from_start"], row["valid_from_end"]) == (period.start, period.end)
    assert row["valid_from_precision"] == period.precision.value == "quarter"


def test_quantities_carry_their_unit(tables: dict[str, pa.Table]) -> None:
    nodes = tables["nodes"].schema
    assert nodes.field("marketing_nm").type == pa.float64()
    assert nodes.field("marketing_nm").metadata == {b"unit": b"nm"}
    assert nodes.field("density").metadata == {b"derived": b"true", b"unit": b"MTr/mm**2"}
    figures = tables["figures"]
    units = json.loads(figures.schema.field("value").metadata[b"units"])
    assert units["sram_cell"] == "um**2"
    row = figures.to_pylist()[0]
    assert units[row["metric"]] == row["unit"]


@settings(max_examples=100)
@given(catalogs())
def test_any_catalog_round_trips_through_its_tables(catalog: nc.Catalog) -> None:
    assert nc.catalog_from_dict(document_of(nc.catalog_to_arrow(catalog))) == catalog


@settings(max_examples=100)
@given(producing_catalogs())
def test_a_producing_catalog_round_trips_through_its_tables(catalog: nc.Catalog) -> None:
    assert nc.catalog_from_dict(document_of(nc.catalog_to_arrow(catalog))) == catalog


@settings(max_examples=25)
@given(catalogs())
def test_any_catalog_round_trips_through_parquet_files(catalog: nc.Catalog) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.parquet"
        nc.save_catalog(catalog, path)
        assert nc.load_catalog(path) == catalog


def test_rows_written_back_in_another_order_keep_the_catalogs_order(
    tmp_path: Path, tables: dict[str, pa.Table]
) -> None:
    path = tmp_path / "catalog.parquet"
    nc.save_catalog(nc.default_catalog(), path)
    for name in ("nodes", "figures", "claim_sources"):
        table = tables[name]
        pq.write_table(table.take(list(reversed(range(table.num_rows)))), path / f"{name}.parquet")
    assert nc.load_catalog(path) == nc.default_catalog()


def test_a_bad_row_is_reported_with_its_record_and_field(
    tmp_path: Path, tables: dict[str, pa.Table]
) -> None:
    path = tmp_path / "catalog.parquet"
    nc.save_catalog(nc.default_catalog(), path)
    claims = tables["claims"]
    precision = claims.schema.get_field_index("valid_from_precision")
    broken = pa.array(["fortnight", *claims.column(precision).to_pylist()[1:]], pa.string())
    pq.write_table(
        claims.set_column(precision, "valid_from_precision", broken), path / "claims.parquet"
    )
    with pytest.raises(nc.CatalogError) as caught:
        nc.load_catalog(path)
    [problem] = caught.value.problems
    assert problem.record.startswith("claims[0]")
    assert problem.field == "valid_from"


def test_a_directory_without_tables_is_one_problem(tmp_path: Path) -> None:
    with pytest.raises(nc.CatalogError, match="has none of its tables") as caught:
        nc.load_catalog(tmp_path)
    assert len(caught.value.problems) == 1


def test_a_missing_or_foreign_table_is_found_before_any_data_is_read(
    tmp_path: Path, tables: dict[str, pa.Table]
) -> None:
    path = tmp_path / "catalog.parquet"
    nc.save_catalog(nc.default_catalog(), path)
    (path / "fabs.parquet").unlink()
    pq.write_table(tables["nodes"], path / "claims.parquet")
    (path / "products.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(nc.CatalogError) as caught:
        nc.load_catalog(path)
    messages = sorted(f"{Path(p.file or '').name}: {p.message}" for p in caught.value.problems)
    assert messages[0] == "claims.parquet: is not nodecompare's 'claims' table"
    assert messages[1] == "fabs.parquet: missing table 'fabs'"
    assert messages[2].startswith("products.parquet: cannot be read as Parquet")


def test_a_table_of_another_layout_version_is_refused(
    tmp_path: Path, tables: dict[str, pa.Table]
) -> None:
    path = tmp_path / "catalog.parquet"
    nc.save_catalog(nc.default_catalog(), path)
    newer = tables["nodes"].replace_schema_metadata(
        {b"nodecompare.table": b"nodes", b"nodecompare.format": b"99"}
    )
    pq.write_table(newer, path / "nodes.parquet")
    with pytest.raises(nc.CatalogError, match="layout version '99'"):
        nc.load_catalog(path)


def test_saving_never_replaces_a_directory_of_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        nc.save_catalog(nc.default_catalog(), tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_partial_date_column_reads_back_as_the_period(tables: dict[str, pa.Table]) -> None:
    document = document_of(tables)
    claim = next(c for c in document["claims"] if c["id"] == "tsmc-n5-volume-production")
    assert claim["valid_from"] == "2020-Q2"
    assert claim["reported_on"] == dt.date(2020, 6, 9).isoformat()


def test_importing_nodecompare_imports_neither_pyarrow_nor_duckdb() -> None:
    code = "import sys, nodecompare; print('pyarrow' in sys.modules, 'duckdb' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]
