"""Millions of claims as Parquet, queried with nodecompare's DuckDB macros (docs/scale.md).

Writes the bundled catalog as a Parquet directory, then replaces its claims with the
bundled ones plus N synthetic claims (and their sources and supersessions) made by DuckDB
straight into Parquet, never through a Python catalog. Each synthetic claim is about one
of the bundled nodes in turn, dated from about a year before to three years after the
node's first production claim (or the year its class first entered volume production,
for a node with none), known to a day, month, quarter or year, reported up to
200 days after, of mixed kinds and confidences; one in a hundred supersedes an earlier
claim about its node. Then it times ``connect``, ``leaders`` over dates with and without
``known_by``, and ``claims_of``, on the files.

    python benchmarks/duckdb_scale.py --claims 10000000 --out /tmp/claims-10m.parquet
    python benchmarks/duckdb_scale.py --claims 20000 --verify   # SQL equals Python

With ``--verify`` the dataset is also loaded as a Python catalog (keep N small) and the
macro's answers are compared with :func:`nodecompare.leaders` on every date asked.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

import nodecompare as nc
from nodecompare.duckdb import connect
from nodecompare.io.arrow import FORMAT_VERSION

SYNTHETIC_CLAIMS = """
COPY (
    SELECT * FROM read_parquet({bundled})
    UNION ALL
    SELECT (i + {offset})::INTEGER AS position, 'synthetic-' || i AS id,
        CASE WHEN h % 10 < 4 THEN 'volume_production' WHEN h % 10 < 6 THEN 'product_shipped'
             WHEN h % 10 < 8 THEN 'announced' ELSE 'risk_production' END AS kind,
        'Synthetic claim ' || i || ' about ' || a.node_id AS statement,
        s.start AS valid_from_start,
        CASE s.precision WHEN 'day' THEN s.start WHEN 'month' THEN last_day(s.start)
             WHEN 'quarter' THEN (s.start + INTERVAL 3 MONTH - INTERVAL 1 DAY)::DATE
             ELSE (s.start + INTERVAL 1 YEAR - INTERVAL 1 DAY)::DATE END AS valid_from_end,
        s.precision AS valid_from_precision,
        (s.start + INTERVAL 400 DAY + (h // 7 % 200) * INTERVAL 1 DAY)::DATE AS reported_on,
        CASE WHEN h // 11 % 10 < 3 THEN 'confirmed' WHEN h // 11 % 10 < 8 THEN 'reported'
             WHEN h // 11 % 10 < 9 THEN 'speculative' ELSE 'disputed' END AS confidence,
        a.node_id, a.foundry_id, NULL::VARCHAR AS region,
        NULL::DATE AS valid_until_start, NULL::DATE AS valid_until_end,
        NULL::VARCHAR AS valid_until_precision, '' AS evidence, '' AS note
    FROM (SELECT i, hash(i) AS h FROM range({claims}) AS r(i)) AS c
    JOIN anchors AS a ON a.k = c.i % {nodes}
    CROSS JOIN LATERAL (
        SELECT CASE WHEN h // 3 % 10 < 5 THEN 'day' WHEN h // 3 % 10 < 8 THEN 'month'
                    WHEN h // 3 % 10 < 9 THEN 'quarter' ELSE 'year' END AS precision,
               (a.anchor - INTERVAL 365 DAY + (h // 5 % 1460) * INTERVAL 1 DAY)::DATE AS day
    ) AS d
    CROSS JOIN LATERAL (
        SELECT CASE d.precision WHEN 'day' THEN d.day WHEN 'month' THEN date_trunc('month', d.day)
                    WHEN 'quarter' THEN date_trunc('quarter', d.day)
                    ELSE date_trunc('year', d.day) END::DATE AS start, d.precision
    ) AS s
) TO {path} (FORMAT parquet, KV_METADATA {metadata})
"""

SYNTHETIC_SOURCES = """
COPY (
    SELECT * FROM read_parquet({bundled})
    UNION ALL
    SELECT 'synthetic-' || i, 'sources', 0::INTEGER,
           (SELECT id FROM sources WHERE position = hash(i) % {sources})
    FROM range({claims}) AS r(i)
) TO {path} (FORMAT parquet, KV_METADATA {metadata})
"""

SYNTHETIC_LINKS = """
COPY (
    SELECT * FROM read_parquet({bundled})
    UNION ALL
    SELECT 'synthetic-' || i, 'supersedes', 0::INTEGER,
           'synthetic-' || (i - {nodes} * (1 + hash(i) // 13 % 5))
    FROM range({claims}) AS r(i)
    WHERE hash(i) % 100 = 0 AND i >= {nodes} * 5
) TO {path} (FORMAT parquet, KV_METADATA {metadata})
"""


def _quoted(path: Path) -> str:
    return "'" + os.fspath(path).replace("'", "''") + "'"


def generate(claims: int, out: Path) -> None:
    """Write the bundled catalog with ``claims`` synthetic claims to ``out``."""
    nc.save_catalog(nc.default_catalog(), out)
    sql = connect(out)
    sql.execute(
        """CREATE TEMP TABLE anchors AS
        SELECT (row_number() OVER (ORDER BY n.position) - 1) AS k, n.id AS node_id,
               n.foundry_id, coalesce(min(c.valid_from_start), make_date(
                   CASE WHEN n.node_class >= 130 THEN 2001 WHEN n.node_class >= 90 THEN 2004
                        WHEN n.node_class >= 65 THEN 2006 WHEN n.node_class >= 45 THEN 2008
                        WHEN n.node_class >= 28 THEN 2011 WHEN n.node_class >= 20 THEN 2014
                        WHEN n.node_class >= 14 THEN 2015 WHEN n.node_class >= 10 THEN 2017
                        WHEN n.node_class >= 7 THEN 2018 WHEN n.node_class >= 5 THEN 2020
                        WHEN n.node_class >= 3 THEN 2022 WHEN n.node_class >= 2 THEN 2025
                        ELSE 2027 END, 1, 1)) AS anchor
        FROM nodes AS n LEFT JOIN claims AS c ON c.node_id = n.id
             AND c.kind IN ('volume_production', 'product_shipped')
        GROUP BY n.id, n.foundry_id, n.position, n.node_class"""
    )
    nodes = sql.sql("SELECT count(*) FROM nodes").fetchall()[0][0]
    sources = sql.sql("SELECT count(*) FROM sources").fetchall()[0][0]
    offset = sql.sql("SELECT count(*) FROM claims").fetchall()[0][0]
    for table, template in (
        ("claims", SYNTHETIC_CLAIMS),
        ("claim_sources", SYNTHETIC_SOURCES),
        ("claim_links", SYNTHETIC_LINKS),
    ):
        bundled = out / f"{table}.bundled.parquet"
        (out / f"{table}.parquet").rename(bundled)
        metadata = f"{{'nodecompare.table': '{table}', 'nodecompare.format': '{FORMAT_VERSION}'}}"
        statement = template.format(
            bundled=_quoted(bundled),
            path=_quoted(out / f"{table}.parquet"),
            claims=claims,
            nodes=nodes,
            sources=sources,
            offset=offset,
            metadata=metadata,
        )
        sql.execute(statement)
        bundled.unlink()
    sql.close()


def _timed(run: object, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times


def measure(out: Path, dates: list[dt.date], verify: bool) -> None:
    start = time.perf_counter()
    sql = connect(out)
    sql.execute("SET enable_progress_bar = false")
    print(f"connect (views over the files): {time.perf_counter() - start:.2f} s")
    total = sql.sql("SELECT count(*) FROM claims").fetchall()[0][0]
    size = sum(f.stat().st_size for f in out.iterdir()) / 2**20
    print(f"claims: {total:,}; directory: {size:.0f} MiB")
    for known_by in (None, dt.date(2019, 1, 1)):
        times = []
        for day in dates:
            start = time.perf_counter()
            sql.execute("SELECT * FROM leaders(7, ?, ?)", [day, known_by]).fetchall()
            times.append(time.perf_counter() - start)
        print(
            f"leaders(7, as_of, {known_by}) over {len(dates)} dates: median "
            f"{statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s"
        )
    query = """SELECT count(*) FROM claims_of(kind := 'volume_production',
        as_of := DATE '2020-01-01', known_by := DATE '2019-06-01')"""
    times = _timed(lambda: sql.sql(query).fetchall(), 3)
    print(f"claims_of(kind, as_of, known_by), count: median {statistics.median(times):.2f} s")
    print(sql.sql("SELECT * FROM leaders(7, DATE '2022-07-21', NULL)"))
    if verify:
        _verify(sql, out, dates)


def _verify(sql: object, out: Path, dates: list[dt.date]) -> None:
    catalog = nc.load_catalog(out)
    for day in dates:
        for known_by in (None, day - dt.timedelta(days=300)):
            python = nc.leaders(7, as_of=day, known_by=known_by, catalog=catalog)
            rows = sql.execute(  # type: ignore[attr-defined]
                "SELECT foundry FROM leaders(7, ?, ?) WHERE status = 'surely'", [day, known_by]
            ).fetchall()
            assert [name for (name,) in rows] == list(python.foundries), (day, known_by)
    print(f"verified: SQL equals Python on {2 * len(dates)} questions")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--dates", type=int, default=10)
    parser.add_argument("--verify", action="store_true")
    parser.add_argument("--existing", action="store_true", help="query --out as it is")
    arguments = parser.parse_args()
    out = arguments.out or Path(tempfile.mkdtemp()) / "claims.parquet"
    if not arguments.existing:
        start = time.perf_counter()
        generate(arguments.claims, out)
        print(f"generated {arguments.claims:,} claims in {time.perf_counter() - start:.1f} s")
    first = dt.date(2015, 1, 1).toordinal()
    step = (dt.date(2024, 12, 31).toordinal() - first) // max(arguments.dates - 1, 1)
    dates = [dt.date.fromordinal(first + i * step) for i in range(arguments.dates)]
    measure(out, dates, arguments.verify)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10
    print(f"peak resident memory: {peak:.0f} MiB; load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
