"""SQL over a catalog: DuckDB with the catalog's tables and the queries as SQL macros.

Needs the ``duckdb`` extra (``pip install nodecompare[duckdb]``: duckdb and pyarrow).

:func:`connect` takes a :class:`~nodecompare.Catalog`, whose tables
(:func:`~nodecompare.catalog_to_arrow`) it registers in memory, or a directory written by
``save_catalog(catalog, "catalog.parquet")``, whose files it reads through views, so that
tables larger than memory are scanned, never loaded. It defines these macros:

``leaders(n, as_of, known_by, min_confidence := 'reported')``
    :func:`nodecompare.leaders` under its default basis (``"class"``: a node's
    ``class_nm``, else its marketed number) and without a region: one row per foundry
    that surely (``status = 'surely'``, ranked) or possibly (``'possibly'``) made n-nm
    class chips on ``as_of``, by the claims reported by ``known_by`` (NULL: all), with
    the node, the date it reached the class (``since_start``, ``since_end``,
    ``since_precision``) and the node it reached it with. The rules are the Python ones:
    a claim dated to a period surely holds from its last day and possibly from its
    first; a claim superseded by one reported by ``known_by`` does not count. The
    ``basis`` (``"name"``, ``"density"``) and ``region`` arguments are not supported:
    those need alias dates, the density rules and the region tables of the library.
``production_claims(as_of, known_by, min_confidence, possibly)``
    the production claims that count on ``as_of`` (the ground leaders stands on).
``nodes_in_class(n, as_of, known_by, min_confidence, possibly)``
    per node of class n or smaller in production: when it reached the class
    (``reached``, a struct of ``e``, ``s``, ``p``: end, start, precision) and its oldest
    claim's start.
``claims_of(foundry := NULL, node := NULL, kind := NULL, source := NULL, as_of := NULL,
known_by := NULL, min_confidence := 'disputed')``
    :func:`nodecompare.claims`, oldest first; ``foundry``, ``node`` and ``source`` are
    ids, ``kind`` one kind (filter the result for several).
``confidence_rank(confidence)``
    0 for ``confirmed``, rising to 3 for ``disputed``.

>>> import nodecompare as nc
>>> from nodecompare.duckdb import connect  # doctest: +SKIP
>>> sql = connect(nc.default_catalog())  # doctest: +SKIP
>>> sql.sql("SELECT foundry FROM leaders(7, DATE '2022-07-21', NULL)").fetchall()  # doctest: +SKIP
[('Samsung',), ('TSMC',), ('SMIC',), ('Intel',)]
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Final

from nodecompare.catalog import Catalog
from nodecompare.io.arrow import catalog_to_arrow
from nodecompare.io.parquet import table_files
from nodecompare.model import PRODUCTION_KINDS, Confidence

if TYPE_CHECKING:
    import duckdb

__all__ = ["MACROS", "connect"]


_CONFIDENCES: Final = ", ".join(f"'{c.value}'" for c in Confidence)
_PRODUCTION: Final = ", ".join(sorted(f"'{kind.value}'" for kind in PRODUCTION_KINDS))

#: The macros :func:`connect` defines, in order.
MACROS: Final = (
    f"""
CREATE OR REPLACE MACRO confidence_rank(confidence) AS
    list_position([{_CONFIDENCES}], confidence) - 1
""",
    f"""
CREATE OR REPLACE MACRO production_claims(as_of, known_by, min_confidence, possibly) AS TABLE
SELECT c.*
FROM claims AS c
WHERE c.kind IN ({_PRODUCTION})
  AND c.node_id IS NOT NULL
  AND CASE WHEN possibly
      THEN c.valid_from_start <= CAST(as_of AS DATE)
           AND (c.valid_until_end IS NULL OR CAST(as_of AS DATE) < c.valid_until_end)
      ELSE c.valid_from_end <= CAST(as_of AS DATE)
           AND (c.valid_until_start IS NULL OR CAST(as_of AS DATE) < c.valid_until_start)
      END
  AND (known_by IS NULL OR c.reported_on <= CAST(known_by AS DATE))
  AND confidence_rank(c.confidence) <= confidence_rank(min_confidence)
  -- NOT IN a set built once: a correlated NOT EXISTS costs three times as much at 10M.
  AND c.id NOT IN (
      SELECT l.target_id
      FROM claim_links AS l JOIN claims AS newer ON newer.id = l.claim_id
      WHERE l.relation = 'supersedes'
        AND (known_by IS NULL OR newer.reported_on <= CAST(known_by AS DATE)))
""",
    """
CREATE OR REPLACE MACRO nodes_in_class(n, as_of, known_by, min_confidence, possibly) AS TABLE
SELECT nd.foundry_id, nd.id AS node_id, nd.node_class,
       nd.density,
       min(struct_pack(e := c.valid_from_end, s := c.valid_from_start,
                       p := c.valid_from_precision)) AS reached,
       min(c.valid_from_start) AS oldest_start
FROM production_claims(as_of, known_by, min_confidence, possibly) AS c
JOIN nodes AS nd ON nd.id = c.node_id
WHERE nd.node_class <= n + 1e-9
GROUP BY ALL
""",
    """
CREATE OR REPLACE MACRO leaders(n, as_of, known_by, min_confidence := 'reported') AS TABLE
WITH surely AS (
    SELECT * FROM nodes_in_class(n, as_of, known_by, min_confidence, false)),
maybe AS (
    SELECT * FROM nodes_in_class(n, as_of, known_by, min_confidence, true)
    WHERE foundry_id NOT IN (SELECT foundry_id FROM surely)),
best AS (
    SELECT * FROM surely QUALIFY row_number() OVER (
        PARTITION BY foundry_id
        ORDER BY node_class, oldest_start DESC, -coalesce(density, 0), node_id) = 1),
first AS (
    SELECT * FROM surely QUALIFY row_number() OVER (
        PARTITION BY foundry_id
        ORDER BY reached, node_class, oldest_start DESC, -coalesce(density, 0), node_id) = 1),
possible AS (
    SELECT * FROM maybe QUALIFY row_number() OVER (
        PARTITION BY foundry_id
        ORDER BY reached, node_class, oldest_start DESC, -coalesce(density, 0), node_id) = 1),
answers AS (
    SELECT 'surely' AS status, fo.id AS foundry_id, fo.name AS foundry,
           b.node_id, f.reached, f.node_id AS first_node_id,
           row_number() OVER (ORDER BY b.node_class, f.reached.e, f.reached.s,
                              -coalesce(b.density, 0), fo.name, fo.position) AS ordinal
    FROM best AS b JOIN first AS f USING (foundry_id) JOIN foundries AS fo
         ON fo.id = b.foundry_id
    UNION ALL
    SELECT 'possibly', fo.id, fo.name, p.node_id, p.reached, p.node_id,
           row_number() OVER (ORDER BY p.reached.e, p.node_class, fo.name, fo.position)
    FROM possible AS p JOIN foundries AS fo ON fo.id = p.foundry_id)
SELECT status,
       CASE WHEN status = 'surely' THEN ordinal END AS rank,
       foundry_id, foundry, node_id,
       reached.s AS since_start, reached.e AS since_end, reached.p AS since_precision,
       first_node_id
FROM answers
ORDER BY status = 'possibly', ordinal
""",
    """
CREATE OR REPLACE MACRO claims_of(foundry := NULL, node := NULL, kind := NULL,
    source := NULL, as_of := NULL, known_by := NULL, min_confidence := 'disputed') AS TABLE
SELECT c.*
FROM claims AS c
WHERE (foundry IS NULL OR c.foundry_id = foundry)
  AND (node IS NULL OR c.node_id = node)
  AND (kind IS NULL OR c.kind = kind)
  AND (source IS NULL OR EXISTS (
      SELECT 1 FROM claim_sources AS s
      WHERE s.claim_id = c.id AND s.role = 'sources' AND s.source_id = source))
  AND (as_of IS NULL OR c.valid_from_start <= CAST(as_of AS DATE))
  AND (known_by IS NULL OR c.reported_on <= CAST(known_by AS DATE))
  AND confidence_rank(c.confidence) <= confidence_rank(min_confidence)
ORDER BY c.valid_from_start, c.valid_from_precision, c.reported_on, c.id
""",
)


def _literal(path: str | os.PathLike[str]) -> str:
    return "'" + os.fspath(path).replace("'", "''") + "'"


def connect(
    catalog_or_directory: Catalog | str | os.PathLike[str], database: str = ":memory:"
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the catalog's tables and the macros of
    :mod:`nodecompare.duckdb`.

    Args:
        catalog_or_directory: a catalog, whose Arrow tables are registered, or a
            directory of Parquet files written by :func:`nodecompare.save_catalog`, read
            through views (nothing is loaded until a query runs).
        database: the DuckDB database to open (default: a new one in memory).

    Raises:
        CatalogError: the directory is not a catalog's (a table is missing or foreign).
    """
    import duckdb

    connection = duckdb.connect(database)
    if isinstance(catalog_or_directory, Catalog):
        for name, table in catalog_to_arrow(catalog_or_directory).items():
            connection.register(name, table)
    else:
        for name, file in table_files(catalog_or_directory).items():
            connection.execute(
                f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet({_literal(file)})"
            )
    for macro in MACROS:
        connection.execute(macro)
    return connection
