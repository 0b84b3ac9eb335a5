"""Scale: nodecompare on synthetic catalogs of N claims against json, pandas and DuckDB.

For each size, the bundled catalog is extended to N claims (benchmarks/synthetic.py,
seeded) and written as a JSON file. Each operation then runs ``--repeat`` times,
alternating with its baselines, and the medians are compared:

- ``load_catalog`` of the file against ``json.load`` of it; ``catalog_from_dict`` of the
  parsed document against ``json.load`` too (what reading the data costs at the least);
  ``save_catalog`` against writing ``json.dumps`` of the same document (same indent);
- ``leaders()`` over ``--dates`` random days (n drawn from 2 to 28 nm), without and with
  ``known_by``, against pandas on a prebuilt DataFrame and DuckDB SQL on an in-memory table
  (benchmarks/scale_baselines.py says what they compute, and how the tables are prebuilt);
- ``claims()`` (a foundry, production kinds, holding by a day, known by a day) and
  ``timeline()`` (a foundry, known by a day), ``--filters`` queries each, against pandas
  (each returning its own answer: the library its answer, whose claim records are read
  from its index as they are used, pandas a list of ids); ``timeline, claims read`` is
  ``timeline()`` with every claim of each answer read (a tuple of them made), what
  listing the answer costs; the ``first`` row is the first run, with each side's
  one-time preparation: the library's claim index, built by its first query, and the
  baseline's DataFrame;
- ``Catalog.merge`` of two catalogs that share every record but the claims, each holding
  half of the generated claims, against ``json.load`` of the whole file;
- peak memory: how much a fresh interpreter's peak resident memory grows while
  ``load_catalog`` reads the file (``VmHWM`` on Linux, ``resource.getrusage`` elsewhere),
  against the file's size.

Before timing, every query's answer is compared with its baselines' (the foundries and
their order for ``leaders()``, the claim ids in order for the filters); a difference is
printed and fails ``--check``. With several sizes, each operation's growth exponent is
the log-log slope of its time against N.

    python benchmarks/scale.py --claims 10000 --check --profile ci      # the test command
    python benchmarks/scale.py --claims 100000 --check --profile target # issue 12's targets
    python benchmarks/scale.py --claims 1000,10000,100000                # growth exponents
    python benchmarks/scale.py --claims 100000 --only claims,timeline    # some operations

``--check`` fails when a ratio is above its profile's limit (``THRESHOLDS``) or an answer
differs; at the sizes issue 12 names (``SIZE_TARGETS``: 100k and 1M claims) it also holds
load and memory to the issue's targets, whatever the profile, and, when the largest size
run is 1M, each operation's growth exponent to that of n log n (``GROWTH_ALLOWANCE`` over
it, for a noisy machine). A file above the loader's default size limit
(``nodecompare.io.limits.MAX_FILE_BYTES``, 256 MiB; about 330k claims) is the script's own,
so it is loaded with ``max_bytes`` raised to its size, as a user would load a large file
they trust.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import scale_baselines as baselines
from synthetic import write_synthetic

import nodecompare as nc
from nodecompare.io.limits import MAX_FILE_BYTES

#: The most each ratio may be (library median / baseline median) under ``--check``.
#: ``target``: issue 12's targets at 100k claims (leaders must be faster than both
#: baselines: below 1). ``ci``: what the library achieves at 10k claims today, with
#: room for a busy 2-core machine; the test command checks it, and it is to be tightened
#: as the library gets faster.
#: Issue 12's targets at 100k claims.
_ISSUE_TARGETS: dict[str, float] = {
    "load_catalog / json.load": 2.0,
    "leaders / pandas": 0.999,
    "leaders / DuckDB": 0.999,
    "leaders known_by / pandas": 0.999,
    "leaders known_by / DuckDB": 0.999,
    "claims / pandas": 1.0,
    "timeline / pandas": 1.0,
    "timeline, claims read / pandas": 1.0,
    "merge / json.load": 2.0,
    "peak memory / file size": 3.0,
}
THRESHOLDS: dict[str, dict[str, float]] = {
    "target": _ISSUE_TARGETS,
    # Measured at 10k claims with the query index on main (load average about 3):
    # load 6.4x, from_dict 3.5x, save 1.8x, leaders 0.11-0.15x pandas and 0.22-0.27x
    # DuckDB, claims 0.46-0.74x, timeline 1.1-1.6x, merge 2.2-5.3x, memory 4.6x; after
    # the integer-keyed claim index, claims 0.08x and timeline 0.44x. After the loader's
    # fast path and record-at-a-time file reading (load average 5): load 1.98x, from_dict
    # 1.08x, save 1.99x, merge 0.32x, memory 1.99x. Limits: room of 1.5-2.5 times those
    # for a busy machine, except leaders, the claim filters, merge and memory, held to
    # issue 12's targets (beat pandas and DuckDB; at most pandas; 2x; 3x).
    "ci": {
        **_ISSUE_TARGETS,
        "load_catalog / json.load": 4.0,
        "catalog_from_dict / json.load": 2.5,
        "save_catalog / json.dumps": 3.0,
    },
}
#: The size the ``target`` profile's limits are issue 12's targets for.
TARGET_SIZE = 100_000
#: Issue 12's targets at the sizes it names, checked under ``--check`` at those sizes
#: whatever the profile.
SIZE_TARGETS: dict[int, dict[str, float]] = {
    100_000: {"load_catalog / json.load": 2.0, "peak memory / file size": 3.0},
    1_000_000: {"load_catalog / json.load": 2.0},
}
#: How far above n log n's growth exponent an operation's may be at 1M claims: the
#: exponent of timings on a shared machine moves by a few hundredths from run to run.
GROWTH_ALLOWANCE = 0.1
#: Rows whose growth is shown but not held to n log n: reading every claim of an answer
#: touches each claim object, and at 1M claims (about 150 MB of them) most lie outside
#: the processor's 32 MB cache, so the time per claim read rises with the catalog's size
#: (about 20 ns at 100k claims, 50-130 ns at 1M) whatever the query did to find them.
MEMORY_BOUND_ROWS = frozenset({"timeline, claims read"})
CLASSES = (2, 3, 5, 7, 10, 14, 28)
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2027, 12, 31)
PRODUCTION = ("volume_production", "product_shipped")
#: What ``--only`` selects: ``io`` is load_catalog, catalog_from_dict, save_catalog and
#: peak memory.
OPERATIONS = ("io", "leaders", "claims", "timeline", "merge")

Row = tuple[str, float, str, float]  # operation, library s, baseline, baseline s


def medians(
    functions: dict[str, Callable[[], Any]], repeat: int
) -> tuple[dict[str, float], dict[str, Any]]:
    """The median wall time of each function, run ``repeat`` times in turn, and what each
    returned the last time."""
    times: dict[str, list[float]] = {name: [] for name in functions}
    answers: dict[str, Any] = {}
    for _ in range(repeat):
        for name, function in functions.items():
            start = time.perf_counter()
            answers[name] = function()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}, answers


def random_day(rng: random.Random) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))


def leaders_queries(seed: int, count: int) -> list[tuple[float, dt.date, dt.date]]:
    """(n, as_of, known_by) of ``count`` leaders() queries; known_by within two years
    before as_of, what an analyst knew then."""
    rng = random.Random(seed)
    queries = []
    for _ in range(count):
        day = random_day(rng)
        queries.append((float(rng.choice(CLASSES)), day, day - dt.timedelta(rng.randrange(730))))
    return queries


def filter_queries(
    seed: int, count: int, catalog: nc.Catalog
) -> list[tuple[str, dt.date, dt.date]]:
    """(foundry id, as_of, known_by) of ``count`` claims() and timeline() queries."""
    rng = random.Random(seed + 1)
    foundries = [f.id for f in catalog.foundries]
    return [(rng.choice(foundries), random_day(rng), random_day(rng)) for _ in range(count)]


def split_document(document: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two documents that share every record but the generated claims, half in each; a
    claim's references to claims of the other half are dropped."""
    bundled = [c for c in document["claims"] if not c["id"].startswith("syn-")]
    generated = [c for c in document["claims"] if c["id"].startswith("syn-")]
    half = len(generated) // 2
    parts = []
    for claims in (generated[:half], generated[half:]):
        ids = {c["id"] for c in bundled + claims}
        kept = [
            {
                **c,
                "supersedes": [i for i in c["supersedes"] if i in ids],
                "disputes": [i for i in c["disputes"] if i in ids],
            }
            for c in claims
        ]
        parts.append({**document, "claims": bundled + kept})
    return parts[0], parts[1]


#: Run in a fresh interpreter: the peak resident memory before and after loading, in
#: kB. Linux keeps ``ru_maxrss`` across exec (a child of a large parent starts high), so
#: the process's own high-water mark is read from /proc where there is one.
_PEAK_CODE = """
import resource, sys
def peak():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    except OSError:
        kilo = 1024 if sys.platform == "darwin" else 1
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // kilo
import nodecompare as nc
before = peak()
nc.load_catalog(sys.argv[1], max_bytes=int(sys.argv[2]))
print(peak() - before)
"""


def peak_memory(path: Path) -> float:
    """How many bytes a fresh interpreter's peak resident memory grows by while
    ``load_catalog`` reads ``path``."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_CODE, str(path), str(trusted_limit(path))],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.strip()) * 1024


def json_load(path: Path) -> Any:
    with path.open("rb") as stream:
        return json.load(stream)


def trusted_limit(path: Path) -> int:
    """The ``max_bytes`` the script's own files are loaded with: the default limit, or the
    file's size when it is larger."""
    return max(MAX_FILE_BYTES, path.stat().st_size)


def io_rows(path: Path, document: dict[str, Any], repeat: int) -> tuple[list[Row], nc.Catalog]:
    """load_catalog, catalog_from_dict and save_catalog against json; the catalog."""
    rows: list[Row] = []
    limit = trusted_limit(path)
    times, _ = medians(
        {
            "ours": lambda: nc.load_catalog(path, max_bytes=limit),
            "json": lambda: json_load(path),
        },
        repeat,
    )
    rows.append(("load_catalog", times["ours"], "json.load", times["json"]))
    times, _ = medians(
        {"ours": lambda: nc.catalog_from_dict(document), "json": lambda: json_load(path)}, repeat
    )
    rows.append(("catalog_from_dict", times["ours"], "json.load", times["json"]))
    catalog = nc.catalog_from_dict(document)
    saved, written = path.with_suffix(".saved.json"), path.with_suffix(".dumped.json")

    def dump() -> None:
        written.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")

    times, _ = medians({"ours": lambda: nc.save_catalog(catalog, saved), "json": dump}, repeat)
    rows.append(("save_catalog", times["ours"], "json.dumps", times["json"]))
    saved.unlink()
    written.unlink()
    size = path.stat().st_size
    rows.append(("peak memory", peak_memory(path) / 1e6, "file size", size / 1e6))
    return rows, catalog


def library_leaders(catalog: nc.Catalog, n: float, day: dt.date, known: dt.date | None) -> Any:
    answer = nc.leaders(n, as_of=day, known_by=known, catalog=catalog)
    return answer.foundries, tuple(p.foundry.name for p in answer.possibly)


def leaders_rows(
    catalog: nc.Catalog, queries: list[tuple[float, dt.date, dt.date]], repeat: int
) -> tuple[list[Row], list[str]]:
    """leaders() over every query, without and with known_by, against pandas and DuckDB;
    and the queries whose answers differ."""
    frame = baselines.production_frame(catalog)
    connection = baselines.duckdb_connection(frame)
    answerers: dict[str, Callable[[float, dt.date, dt.date | None], Any]] = {
        "ours": lambda n, d, k: library_leaders(catalog, n, d, k),
        "pandas": lambda n, d, k: baselines.pandas_leaders(frame, n, d, k),
        "DuckDB": lambda n, d, k: baselines.duckdb_leaders(connection, n, d, k),
    }
    rows: list[Row] = []
    differences = []
    for label, use_known in (("leaders", False), ("leaders known_by", True)):
        asked = [(n, day, known if use_known else None) for n, day, known in queries]
        times, answers = medians(
            {
                name: lambda answer=answer, asked=asked: [answer(*q) for q in asked]  # type: ignore[misc]
                for name, answer in answerers.items()
            },
            repeat,
        )
        for position, (n, day, known) in enumerate(asked):
            found = {name: answers[name][position] for name in answerers}
            if found["pandas"] != found["ours"] or found["DuckDB"] != found["ours"]:
                differences.append(f"leaders({n:g}, as_of={day}, known_by={known}): {found}")
        count = f"{label} x{len(asked)}"
        rows += [(count, times["ours"], name, times[name]) for name in ("pandas", "DuckDB")]
    return rows, differences


def filter_rows(
    catalog: nc.Catalog,
    queries: list[tuple[str, dt.date, dt.date]],
    repeat: int,
    only: frozenset[str] = frozenset(("claims", "timeline")),
) -> tuple[list[Row], list[str]]:
    """claims() and timeline() (those in ``only``) against pandas; and the queries whose
    answers differ. Each side's one-time preparation (the library's claim index, built by
    its first query; the baseline's DataFrame) is in a ``first`` row, the first run of
    the queries with it, not in the medians."""
    import pandas  # noqa: F401  # imported before the DataFrame is timed

    start = time.perf_counter()
    frame = baselines.claim_frame(catalog)
    framed = time.perf_counter() - start

    # Each side returns its answer as it gives it: the library its answer (claims read
    # from the index when used), pandas the ids of the rows; the claims' ids are read only
    # to compare the answers, untimed.
    def ours_claims(foundry: str, day: dt.date, known: dt.date) -> Sequence[nc.Claim]:
        found = nc.claims(
            foundry=foundry, kinds=PRODUCTION, as_of=day, known_by=known, catalog=catalog
        )
        return found.entries

    def ours_timeline(foundry: str, _: dt.date, known: dt.date) -> Sequence[nc.Claim]:
        return nc.timeline(foundry, known_by=known, catalog=catalog).entries

    def ours_timeline_read(foundry: str, day: dt.date, known: dt.date) -> Sequence[nc.Claim]:
        return tuple(ours_timeline(foundry, day, known))

    def pandas_claims(foundry: str, day: dt.date, known: dt.date) -> list[str]:
        return baselines.pandas_claims(frame, foundry, PRODUCTION, day, known)

    def pandas_timeline(foundry: str, _: dt.date, known: dt.date) -> list[str]:
        return baselines.pandas_claims(frame, foundry, None, None, known)

    rows: list[Row] = []
    differences = []
    for operation, label, ours, theirs in (
        ("claims", "claims", ours_claims, pandas_claims),
        ("timeline", "timeline", ours_timeline, pandas_timeline),
        ("timeline", "timeline, claims read", ours_timeline_read, pandas_timeline),
    ):
        if operation not in only:
            continue
        if not rows:
            first, _ = medians(
                {
                    "ours": lambda ours=ours: [ours(*q) for q in queries],  # type: ignore[misc]
                    "pandas": lambda theirs=theirs: [theirs(*q) for q in queries],  # type: ignore[misc]
                },
                1,
            )
            rows.append(
                (
                    f"{label} first x{len(queries)}",
                    first["ours"],
                    "pandas",
                    framed + first["pandas"],
                )
            )
        times, answers = medians(
            {
                "ours": lambda ours=ours: [ours(*q) for q in queries],  # type: ignore[misc]
                "pandas": lambda theirs=theirs: [theirs(*q) for q in queries],  # type: ignore[misc]
            },
            repeat,
        )
        differences += [
            f"{label}{query}"
            for query, ours_found, theirs_found in zip(
                queries, answers["ours"], answers["pandas"], strict=True
            )
            if [claim.id for claim in ours_found] != theirs_found
        ]
        rows.append((f"{label} x{len(queries)}", times["ours"], "pandas", times["pandas"]))
    return rows, differences


def merge_rows(path: Path, document: dict[str, Any], repeat: int) -> list[Row]:
    """Catalog.merge of two halves against json.load of the whole file."""
    first, second = (nc.catalog_from_dict(part) for part in split_document(document))
    merged = first.merge(second)
    assert len(merged.claims) == len(document["claims"])
    times, _ = medians(
        {"ours": lambda: first.merge(second), "json": lambda: json_load(path)}, repeat
    )
    return [("merge", times["ours"], "json.load", times["json"])]


def ratio_key(row: Row) -> str:
    """The row's name in ``THRESHOLDS``: ``"leaders x100", "pandas"`` is ``leaders / pandas``."""
    return f"{row[0].split(' x')[0]} / {row[2]}"


def run_size(
    claims: int, arguments: argparse.Namespace, folder: Path
) -> tuple[list[Row], list[str]]:
    """Every row at one size, printed as a table; and the answers that differ."""
    path = write_synthetic(folder / f"catalog-{claims}.json", claims, arguments.seed)
    document = json_load(path)
    only = arguments.only
    rows: list[Row] = []
    differences: list[str] = []
    if "io" in only:
        rows, catalog = io_rows(path, document, arguments.repeat)
    else:
        catalog = nc.catalog_from_dict(document)
    if "leaders" in only:
        found, differences = leaders_rows(
            catalog, leaders_queries(arguments.seed, arguments.dates), arguments.repeat
        )
        rows += found
    if only & {"claims", "timeline"}:
        found, different = filter_rows(
            catalog,
            filter_queries(arguments.seed, arguments.filters, catalog),
            arguments.repeat,
            only,
        )
        rows += found
        differences += different
    if "merge" in only:
        rows += merge_rows(path, document, arguments.repeat)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"\n{claims:,} claims, {len(catalog.sources):,} sources, {len(catalog.nodes):,} nodes;"
        f" file {path.stat().st_size / 1e6:.1f} MB; medians of {arguments.repeat};"
        f" load average {load:.2f}"
    )
    print(f"{'operation':<26}{'nodecompare':>12}  {'baseline':<12}{'baseline':>10}{'ratio':>9}")
    for row in rows:
        unit = " MB" if row[0] == "peak memory" else " s"
        print(
            f"{row[0]:<26}{row[1]:>10.3f}{unit:<3} {row[2]:<12}{row[3]:>8.3f}{unit:<3}"
            f"{row[1] / row[3]:>6.2f}x"
        )
    print(f"answers: {'all equal' if not differences else f'{len(differences)} differ'}")
    for difference in differences[:10]:
        print(f"  {difference}")
    return rows, differences


def slope(xs: list[float], ys: list[float]) -> float:
    """The least-squares slope of ys against xs."""
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )


def growth(sizes: list[int], results: list[list[Row]]) -> dict[str, float]:
    """Print and return each operation's growth exponent: the log-log slope of its time
    (or memory) against N."""
    print("\ngrowth exponent (nodecompare, log-log slope of time against claims)")
    xs = [math.log(size) for size in sizes]
    exponents = {}
    for position, row in enumerate(results[-1]):
        label = row[0].split(" x")[0]
        if row[2] == "DuckDB" or any(
            len(rows) != len(results[-1]) or rows[position][1] <= 0 for rows in results
        ):
            continue
        exponents[label] = slope(xs, [math.log(rows[position][1]) for rows in results])
        print(f"  {label:<26}{exponents[label]:>6.2f}")
    print(f"  {'(n log n)':<26}{n_log_n_exponent(sizes):>6.2f}")
    return exponents


def n_log_n_exponent(sizes: list[int]) -> float:
    """The growth exponent of n log n over ``sizes``, as :func:`growth` measures one."""
    return slope([math.log(n) for n in sizes], [math.log(n * math.log(n)) for n in sizes])


def too_fast(sizes: list[int], exponents: dict[str, float]) -> list[str]:
    """The operations that grow faster than n log n (with ``GROWTH_ALLOWANCE``), when the
    sizes reach the 1M claims issue 12 names; memory is not an operation, and reading
    claims is bound by memory (:data:`MEMORY_BOUND_ROWS`)."""
    if max(sizes) < max(SIZE_TARGETS):
        return []
    most = n_log_n_exponent(sizes) + GROWTH_ALLOWANCE
    return [
        f"{label} grows as n^{exponent:.2f}, faster than n log n (n^{most:.2f} allowed)"
        for label, exponent in exponents.items()
        if label != "peak memory" and label not in MEMORY_BOUND_ROWS and exponent > most
    ]


def size_limits(size: int, profile: str) -> dict[str, float]:
    """The profile's limits, with issue 12's targets at the sizes it names. The ``target``
    profile is issue 12's targets at 100k claims, so it holds there alone; at 1M claims
    the issue asks only that loading stay within 2x and that nothing grow faster than
    n log n (:func:`too_fast`)."""
    applies = profile != "target" or size == TARGET_SIZE
    limits = dict(THRESHOLDS[profile]) if applies else {}
    for key, target in SIZE_TARGETS.get(size, {}).items():
        limits[key] = min(limits.get(key, target), target)
    return limits


def failures(rows: list[Row], limits: dict[str, float]) -> list[str]:
    """The rows whose ratio is above its limit."""
    found = []
    for row in rows:
        limit = limits.get(ratio_key(row))
        if limit is not None and row[1] / row[3] > limit:
            found.append(f"{ratio_key(row)}: {row[1] / row[3]:.2f}x, limit {limit}x")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", default="10000", help="sizes, comma-separated: 1000,10000")
    parser.add_argument("--repeat", type=int, default=3, help="runs per operation (median)")
    parser.add_argument("--dates", type=int, default=100, help="leaders() queries")
    parser.add_argument("--filters", type=int, default=20, help="claims() and timeline() queries")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--check", action="store_true", help="fail above the profile's limits")
    parser.add_argument("--profile", choices=sorted(THRESHOLDS), default="target")
    parser.add_argument(
        "--only",
        default=",".join(OPERATIONS),
        help=f"operations to run, comma-separated: {','.join(OPERATIONS)} (default all)",
    )
    arguments = parser.parse_args()
    arguments.only = frozenset(arguments.only.split(","))
    if not arguments.only <= set(OPERATIONS):
        parser.error(f"--only: choose among {','.join(OPERATIONS)}")
    sizes = [int(size) for size in arguments.claims.split(",")]
    results, problems = [], []
    with tempfile.TemporaryDirectory(prefix="nodecompare-scale-") as folder:
        for size in sizes:
            rows, differences = run_size(size, arguments, Path(folder))
            results.append(rows)
            problems += differences
            problems += [
                f"{size:,} claims: {f}"
                for f in failures(rows, size_limits(size, arguments.profile))
            ]
    if len(sizes) > 1:
        problems += too_fast(sizes, growth(sizes, results))
    if arguments.check:
        for problem in problems:
            print(f"FAILED: {problem}", file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
