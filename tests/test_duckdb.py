"""SQL over a catalog with DuckDB: the macros give the Python queries' answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nodecompare as nc
from nodecompare.strategies import producing_catalogs

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")
import duckdb  # the extra, checked above

from nodecompare.duckdb import connect

Row = tuple[Any, ...]


def python_leaders(
    catalog: nc.Catalog,
    n: float,
    day: dt.date,
    known_by: dt.date | None,
    min_confidence: str = "reported",
) -> list[Row]:
    """The rows the SQL macro ``leaders`` should return, from :func:`nodecompare.leaders`."""
    answer = nc.leaders(
        n, as_of=day, known_by=known_by, min_confidence=min_confidence, catalog=catalog
    )
    surely = [
        ("surely", e.rank, e.foundry.id, e.node.id, e.since.start, e.since.end,
         e.since.precision.value, e.first_node.id)
        for e in answer.entries
    ]  # fmt: skip
    possibly = [
        ("possibly", None, p.foundry.id, p.node.id, p.since.start, p.since.end,
         p.since.precision.value, p.node.id)
        for p in answer.possibly
    ]  # fmt: skip
    return surely + possibly


def sql_leaders(
    sql: duckdb.DuckDBPyConnection,
    n: float,
    day: dt.date,
    known_by: dt.date | None,
    min_confidence: str = "reported",
) -> list[Row]:
    query = """
        SELECT status, rank, foundry_id, node_id, since_start, since_end, since_precision,
               first_node_id
        FROM leaders(?, ?, ?, min_confidence := ?)
    """
    rows: list[Row] = sql.execute(query, [n, day, known_by, min_confidence]).fetchall()
    return rows


@pytest.fixture(scope="module")
def bundled() -> duckdb.DuckDBPyConnection:
    return connect(nc.default_catalog())


@pytest.fixture(scope="module")
def from_files(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    path = tmp_path_factory.mktemp("sql") / "catalog.parquet"
    nc.save_catalog(nc.default_catalog(), path)
    return connect(path)


QUESTIONS = [
    (7, dt.date(2022, 7, 21), None),
    (7, dt.date(2022, 7, 21), dt.date(2022, 7, 1)),
    (5, dt.date(2020, 11, 15), None),
    (10, dt.date(2017, 6, 1), dt.date(2017, 1, 1)),
    (3, dt.date(2023, 1, 1), None),
    (28, dt.date(2012, 3, 1), dt.date(2012, 3, 1)),
]


@pytest.mark.parametrize(("n", "day", "known_by"), QUESTIONS)
def test_leaders_in_sql_answer_as_python_does(
    bundled: duckdb.DuckDBPyConnection,
    from_files: duckdb.DuckDBPyConnection,
    n: float,
    day: dt.date,
    known_by: dt.date | None,
) -> None:
    expected = python_leaders(nc.default_catalog(), n, day, known_by)
    assert expected
    assert sql_leaders(bundled, n, day, known_by) == expected
    assert sql_leaders(from_files, n, day, known_by) == expected


def test_the_foundries_of_the_packages_example(bundled: duckdb.DuckDBPyConnection) -> None:
    rows = bundled.sql("SELECT foundry FROM leaders(7, DATE '2022-07-21', NULL)").fetchall()
    assert [foundry for (foundry,) in rows] == ["Samsung", "TSMC", "SMIC", "Intel"]


def test_a_possible_leader_is_listed_with_the_period_it_is_known_to(
    bundled: duckdb.DuckDBPyConnection,
) -> None:
    day = dt.date(2020, 5, 15)
    rows = sql_leaders(bundled, 5, day, None)
    assert [r[0] for r in rows].count("possibly") >= 1
    assert rows == python_leaders(nc.default_catalog(), 5, day, None)


@pytest.mark.parametrize(
    "filters",
    [
        {"kinds": "volume_production", "as_of": "2019-01-01", "known_by": "2018-06-01"},
        {"foundry": "smic", "min_confidence": "reported"},
        {"node": "tsmc-n5"},
        {"source": "reference-article-2022"},
        {},
    ],
)
def test_claims_of_filters_as_claims_does(
    from_files: duckdb.DuckDBPyConnection, filters: dict[str, Any]
) -> None:
    expected = [c.id for c in nc.claims(**filters).entries]
    sql_filters = {("kind" if key == "kinds" else key): value for key, value in filters.items()}
    arguments = ", ".join(f"{key} := ?" for key in sql_filters)
    query = f"SELECT id FROM claims_of({arguments})"
    rows = from_files.execute(query, list(sql_filters.values())).fetchall()
    assert expected
    assert [claim_id for (claim_id,) in rows] == expected


def test_connecting_to_a_directory_that_is_not_a_catalog_fails(tmp_path: Path) -> None:
    with pytest.raises(nc.CatalogError, match="has none of its tables"):
        connect(tmp_path)


def _days(catalog: nc.Catalog) -> list[dt.date]:
    """Days where answers change: the first and last days of the claims' periods, and
    the days they were reported."""
    days: set[dt.date] = set()
    for claim in catalog.claims:
        days.update((claim.valid_from.start, claim.valid_from.end, claim.reported_on))
        if claim.valid_until is not None:
            days.update((claim.valid_until.start, claim.valid_until.end))
    return sorted(days)


@settings(max_examples=100)
@given(producing_catalogs(), st.data())
def test_sql_leaders_equal_python_leaders_on_generated_catalogs(
    catalog: nc.Catalog, data: st.DataObject
) -> None:
    sql = connect(catalog)
    classes = sorted({node.node_class for node in catalog.nodes})
    days = _days(catalog)
    for _ in range(4):
        n = data.draw(st.sampled_from(classes) if classes else st.just(7.0))
        shift = data.draw(st.sampled_from((-1, 0, 1, 45)))
        day = data.draw(st.sampled_from(days)) + dt.timedelta(days=shift)
        known_by = data.draw(st.none() | st.sampled_from(days))
        confidence = data.draw(st.sampled_from(("reported", "confirmed", "disputed")))
        expected = python_leaders(catalog, n, day, known_by, confidence)
        assert sql_leaders(sql, n, day, known_by, confidence) == expected
