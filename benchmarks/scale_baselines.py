"""The baselines of benchmarks/scale.py: nodecompare's queries written for pandas and DuckDB.

Both answer on tables prebuilt once from a catalog, as an analyst would prepare them:

- ``production``: one row per volume-production or product-shipped claim about a node,
  with its node's foundry, class, catalog position and preferred density (read from the
  library, the one value not derived here) and, precomputed, the earliest report of a
  claim that supersedes it. Dates are day numbers (``date.toordinal()``).
- ``claims``: one row per claim, sorted once in the library's claim order (when it held,
  then its precision, then when it was reported, then its id), so a filter keeps the order.

``leaders()`` semantics kept, for the default basis (``class``: the node's class is n or
less), no region and the default ``min_confidence`` (confirmed or reported): a claim counts
when it was reported by ``known_by`` and no claim reported by then supersedes it. A
foundry surely qualifies when one of its nodes has a claim that surely holds on the day
(from the last day of ``valid_from`` until ``valid_until`` begins), and possibly, when it
does not surely qualify but a claim may hold (from the first day of ``valid_from`` until
``valid_until`` has surely begun). Leaders are ordered as the library orders them: the
class of the most advanced node (ties: the newest variant, then catalog order), then when
the first node reached the class (the end, then the start, of its earliest claim's
period), then the denser most advanced node, then the name; possible ones by the end of
that date, the node's class, then the name. Only the names and their order are compared,
not the evidence each answer carries.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import nodecompare as nc
from nodecompare.model import PRODUCTION_KINDS, Confidence

__all__ = [
    "DAY_KEY",
    "NEVER",
    "claim_frame",
    "duckdb_connection",
    "duckdb_leaders",
    "pandas_claims",
    "pandas_leaders",
    "production_frame",
]

#: A day number after any date: "never superseded", "held with no end".
NEVER = dt.date.max.toordinal() + 1
#: (end, start) of a period as one sortable number: end * DAY_KEY + start.
DAY_KEY = 10**7
_REPORTED = Confidence.REPORTED


def production_frame(catalog: nc.Catalog) -> Any:
    """The ``production`` table of ``catalog``'s production claims about nodes."""
    import pandas as pd

    # A node's place among the nodes by id: the last tie-break of the library's order.
    node_position = {node.id: i for i, node in enumerate(sorted(catalog.nodes, key=lambda n: n.id))}
    rows = []
    for claim in catalog.claims:
        node = claim.node
        if node is None or claim.kind not in PRODUCTION_KINDS:
            continue
        density = node.density
        until = claim.valid_until
        newer = [c.reported_on.toordinal() for c in catalog.superseded_by(claim)]
        rows.append(
            (
                node.foundry.name,
                node_position[node.id],
                node.node_class,
                -(density.magnitude if density else 0.0),
                claim.valid_from.start.toordinal(),
                claim.valid_from.end.toordinal(),
                NEVER if until is None else until.start.toordinal(),
                NEVER if until is None else until.end.toordinal(),
                claim.reported_on.toordinal(),
                claim.confidence.at_least(_REPORTED),
                min(newer, default=NEVER),
            )
        )
    columns = "foundry node_pos node_class neg_density vf_start vf_end vu_start vu_end"
    columns += " reported_on sure_enough superseded_from"
    frame = pd.DataFrame(rows, columns=columns.split())
    # Only claims of enough confidence ever count: the table holds those.
    return frame[frame.sure_enough].drop(columns="sure_enough").reset_index(drop=True)


def _known_day(known_by: dt.date | None) -> int:
    return NEVER - 1 if known_by is None else known_by.toordinal()


def pandas_leaders(
    frame: Any, n: float, day: dt.date, known_by: dt.date | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(surely, possibly): the names of the foundries that lead, in the library's order."""
    import numpy as np

    d, k = day.toordinal(), _known_day(known_by)
    mask = (
        (frame.node_class.to_numpy() <= n + 1e-9)
        & (frame.reported_on.to_numpy() <= k)
        & (frame.superseded_from.to_numpy() > k)
        & (frame.vf_start.to_numpy() <= d)
        & (frame.vu_end.to_numpy() > d)
    )
    rows = frame[mask]
    surely = (rows.vf_end.to_numpy() <= d) & (rows.vu_start.to_numpy() > d)
    key = rows.vf_end.to_numpy() * DAY_KEY + rows.vf_start.to_numpy()
    never_key = NEVER * DAY_KEY
    rows = rows.assign(
        reached=key,
        first_start=rows.vf_start.to_numpy(),
        sure_reached=np.where(surely, key, never_key),
        sure_first_start=np.where(surely, rows.vf_start.to_numpy(), NEVER),
    )
    nodes = rows.groupby("node_pos", sort=False).agg(
        foundry=("foundry", "first"),
        node_class=("node_class", "first"),
        neg_density=("neg_density", "first"),
        reached=("reached", "min"),
        first_start=("first_start", "min"),
        sure_reached=("sure_reached", "min"),
        sure_first_start=("sure_first_start", "min"),
    )
    nodes = nodes.reset_index()
    sure = nodes[nodes.sure_reached < never_key]
    best = sure.sort_values(
        ["foundry", "node_class", "sure_first_start", "neg_density", "node_pos"],
        ascending=[1, 1, 0, 1, 1],
    ).drop_duplicates("foundry")
    first = sure.sort_values(
        ["foundry", "sure_reached", "node_class", "sure_first_start", "neg_density", "node_pos"],
        ascending=[1, 1, 1, 0, 1, 1],
    ).drop_duplicates("foundry")
    standings = best[["foundry", "node_class", "neg_density"]].merge(
        first[["foundry", "sure_reached"]], on="foundry"
    )
    standings = standings.sort_values(["node_class", "sure_reached", "neg_density", "foundry"])
    maybe = nodes[~nodes.foundry.isin(standings.foundry)]
    firsts = maybe.sort_values(
        ["foundry", "reached", "node_class", "first_start", "neg_density", "node_pos"],
        ascending=[1, 1, 1, 0, 1, 1],
    ).drop_duplicates("foundry")
    firsts = firsts.assign(reached_end=firsts.reached.to_numpy() // DAY_KEY)
    possible = firsts.sort_values(["reached_end", "node_class", "foundry"])
    return tuple(standings.foundry), tuple(possible.foundry)


def duckdb_connection(frame: Any) -> Any:
    """An in-memory DuckDB database holding ``frame`` as the table ``production``."""
    import duckdb

    connection = duckdb.connect()
    connection.register("production_frame", frame)
    connection.execute("CREATE TABLE production AS SELECT * FROM production_frame")
    connection.unregister("production_frame")
    return connection


_LEADERS_SQL = f"""
WITH counted AS (
    SELECT *, vf_end::BIGINT * {DAY_KEY} + vf_start AS reached,
        vf_end <= $day AND vu_start > $day AS surely
    FROM production
    WHERE node_class <= $n + 1e-9 AND reported_on <= $known AND superseded_from > $known
        AND vf_start <= $day AND vu_end > $day
), nodes AS (
    SELECT foundry, node_pos, any_value(node_class) AS node_class,
        any_value(neg_density) AS neg_density,
        min(reached) AS reached, min(vf_start) AS first_start,
        min(reached) FILTER (WHERE surely) AS sure_reached,
        min(vf_start) FILTER (WHERE surely) AS sure_first_start
    FROM counted GROUP BY foundry, node_pos
), sure AS (
    SELECT *,
        row_number() OVER (PARTITION BY foundry
            ORDER BY node_class, sure_first_start DESC, neg_density, node_pos) AS best_rank,
        row_number() OVER (PARTITION BY foundry
            ORDER BY sure_reached, node_class, sure_first_start DESC, neg_density, node_pos)
            AS first_rank
    FROM nodes WHERE sure_reached IS NOT NULL
), standings AS (
    SELECT b.foundry, b.node_class, b.neg_density, f.sure_reached
    FROM sure b JOIN sure f ON b.foundry = f.foundry AND f.first_rank = 1
    WHERE b.best_rank = 1
), maybe AS (
    SELECT *, row_number() OVER (PARTITION BY foundry
            ORDER BY reached, node_class, first_start DESC, neg_density, node_pos) AS first_rank
    FROM nodes WHERE foundry NOT IN (SELECT foundry FROM standings)
)
SELECT 0 AS part, place, foundry FROM (
    SELECT foundry, row_number() OVER (
        ORDER BY node_class, sure_reached, neg_density, foundry) AS place
    FROM standings)
UNION ALL
SELECT 1, place, foundry FROM (
    SELECT foundry, row_number() OVER (
        ORDER BY reached // {DAY_KEY}, node_class, foundry) AS place
    FROM maybe WHERE first_rank = 1)
ORDER BY part, place
"""


def duckdb_leaders(
    connection: Any, n: float, day: dt.date, known_by: dt.date | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(surely, possibly), as :func:`pandas_leaders`, in DuckDB SQL."""
    parameters = {"n": n, "day": day.toordinal(), "known": _known_day(known_by)}
    rows = connection.execute(_LEADERS_SQL, parameters).fetchall()
    return (
        tuple(name for part, _, name in rows if part == 0),
        tuple(name for part, _, name in rows if part == 1),
    )


def claim_frame(catalog: nc.Catalog) -> Any:
    """The ``claims`` table: every claim, sorted in the library's claim order."""
    import pandas as pd

    ordered = sorted(catalog.claims, key=lambda c: (c.valid_from, c.reported_on, c.id))
    rows = [
        (
            c.id,
            None if c.foundry is None else c.foundry.id,
            c.kind.value,
            c.valid_from.start.toordinal(),
            c.reported_on.toordinal(),
        )
        for c in ordered
    ]
    frame = pd.DataFrame(rows, columns=["id", "foundry", "kind", "vf_start", "reported_on"])
    return frame.astype({"foundry": "category", "kind": "category"})


def pandas_claims(
    frame: Any,
    foundry: str,
    kinds: tuple[str, ...] | None,
    as_of: dt.date | None,
    known_by: dt.date | None,
) -> list[str]:
    """The ids of ``claims(foundry=..., kinds=..., as_of=..., known_by=...)``, in order."""
    mask = (frame.foundry == foundry).to_numpy()
    if kinds is not None:
        mask = mask & frame.kind.isin(kinds).to_numpy()
    if as_of is not None:
        mask = mask & (frame.vf_start.to_numpy() <= as_of.toordinal())
    if known_by is not None:
        mask = mask & (frame.reported_on.to_numpy() <= known_by.toordinal())
    return frame.id[mask].tolist()  # type: ignore[no-any-return]
