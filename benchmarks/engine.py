"""A quick profile of the query engine and the loader on a synthetic catalog.

The catalog extends the bundled one to N claims: its claims replicated in batches with new
ids, their years shifted per batch, one new source per 3 claims and one new node per 20.
Each operation is timed against its baseline in the same run; ``--profile`` prints the
top costs of one operation instead.

    python benchmarks/engine.py [--claims 100000] [--repeat 3] [--profile load|leaders|claims]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import pstats
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nodecompare as nc
from nodecompare.io.files import catalog_to_dict

CACHE = Path(tempfile.gettempdir()) / "nodecompare-engine-bench"


def _shift_year(text: str | None, years: int) -> str | None:
    if text is None:
        return None
    shifted = f"{int(text[:4]) + years:04d}{text[4:]}"
    return shifted.replace("-02-29", "-02-28")


def synthetic(claims: int, seed: int = 12) -> dict[str, Any]:
    """The bundled catalog extended to ``claims`` claims (deterministic for a seed)."""
    rng = random.Random(seed)
    document: dict[str, Any] = json.loads(
        json.dumps(catalog_to_dict(nc.default_catalog()), default=str)
    )
    base_claims, base_nodes = document["claims"], document["nodes"]
    extra = max(claims - len(base_claims), 0)
    batches = -(-extra // len(base_claims))
    replicas = max(1, -(-extra // 20 // len(base_nodes)))
    for r in range(replicas):
        for node in base_nodes[: min(len(base_nodes), extra // 20 - r * len(base_nodes))]:
            copy = dict(node, id=f"{node['id']}-r{r}", name=f"{node['name']} r{r}")
            copy["aliases"] = [
                dict(a, name=f"{a['name']} r{r}") if isinstance(a, dict) else f"{a} r{r}"
                for a in node["aliases"]
            ]
            document["nodes"].append(copy)
    node_ids = {n["id"] for n in document["nodes"]}
    new_claims: list[dict[str, Any]] = []
    new_sources: list[dict[str, Any]] = []
    for batch in range(batches):
        years = rng.randint(-6, 4)
        taken = base_claims[: min(len(base_claims), extra - batch * len(base_claims))]
        ids = {c["id"] for c in taken}
        for claim in taken:
            if len(new_claims) % 3 == 0:
                source = dict(rng.choice(document["sources"][:600]))
                source["id"] = f"synthetic-source-{len(new_sources)}"
                new_sources.append(source)
            node = claim["node"] and f"{claim['node']}-r{batch % replicas}"
            new_claims.append(
                dict(
                    claim,
                    id=f"{claim['id']}-b{batch}",
                    node=node if node in node_ids else claim["node"],
                    valid_from=_shift_year(claim["valid_from"], years),
                    valid_until=_shift_year(claim["valid_until"], years),
                    reported_on=_shift_year(claim["reported_on"], years),
                    sources=[new_sources[-1]["id"]],
                    disputes=[f"{o}-b{batch}" for o in claim["disputes"] if o in ids],
                    supersedes=[f"{o}-b{batch}" for o in claim["supersedes"] if o in ids],
                )
            )
    document["sources"].extend(new_sources)
    document["claims"].extend(new_claims)
    return document


def catalog_file(claims: int) -> Path:
    """The synthetic catalog of ``claims`` claims as a file, written once."""
    path = CACHE / f"synthetic-{claims}.json"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        path.write_text(json.dumps(synthetic(claims), indent=2, ensure_ascii=False))
    return path


def timed(function: Callable[[], Any]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def compare(
    name: str, ours: Callable[[], Any], baseline: Callable[[], Any] | None, repeat: int
) -> None:
    """Median times of ``ours`` and ``baseline`` (if any), run alternately."""
    mine, theirs = [], []
    for _ in range(repeat):
        mine.append(timed(ours))
        if baseline is not None:
            theirs.append(timed(baseline))
    a = statistics.median(mine)
    if baseline is None:  # the pandas and DuckDB baselines are benchmarks/scale.py's
        print(f"{name:<34} {a * 1000:10.1f} ms")
        return
    b = statistics.median(theirs)
    print(f"{name:<34} {a * 1000:10.1f} ms   baseline {b * 1000:9.1f} ms   {a / b:6.2f}x")


def days(count: int, seed: int = 7) -> list[dt.date]:
    rng = random.Random(seed)
    first = dt.date(2000, 1, 1).toordinal()
    return [dt.date.fromordinal(first + rng.randrange(30 * 365)) for _ in range(count)]


def peak_memory_mb(path: Path) -> float:
    """Peak resident memory of a fresh interpreter that loads ``path`` and asks leaders()."""
    code = (
        "import resource, nodecompare as nc;"
        f"c = nc.load_catalog({str(path)!r}); nc.leaders(7, as_of='2022-07-21', catalog=c);"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout) / 1024


def run(claims: int, repeat: int) -> None:
    path = catalog_file(claims)
    size = path.stat().st_size / 2**20
    print(f"{claims} claims, {size:.0f} MB; load average {Path('/proc/loadavg').read_text()[:14]}")
    document = json.loads(path.read_text())
    parse = lambda: json.loads(path.read_bytes())  # noqa: E731
    compare("load_catalog / json.load", lambda: nc.load_catalog(path), parse, repeat)
    compare("from_dict / json.load", lambda: nc.catalog_from_dict(document), parse, repeat)
    catalog = nc.load_catalog(path)
    sample = days(100)
    start = time.perf_counter()
    nc.leaders(7, as_of=sample[0], catalog=catalog)
    print(
        f"{'first leaders() (production rows)':<34} {(time.perf_counter() - start) * 1000:10.1f} ms"
    )
    start = time.perf_counter()
    nc.claims(kinds="announced", catalog=catalog)
    print(f"{'first claims() (claim groups)':<34} {(time.perf_counter() - start) * 1000:10.1f} ms")
    compare(
        "leaders() x100",
        lambda: [nc.leaders(7, as_of=d, catalog=catalog) for d in sample],
        None,
        repeat,
    )
    compare(
        "leaders(known_by) x100",
        lambda: [
            nc.leaders(7, as_of=d, known_by=d - dt.timedelta(days=200), catalog=catalog)
            for d in sample
        ],
        None,
        repeat,
    )
    compare(
        "claims(kinds, as_of, known_by)",
        lambda: nc.claims(
            kinds="volume_production", as_of="2020-01-01", known_by="2019-06-01", catalog=catalog
        ),
        None,
        repeat,
    )
    compare("timeline('SMIC')", lambda: nc.timeline("SMIC", catalog=catalog), None, repeat)
    half = nc.catalog_from_dict({**document, "claims": document["claims"][: claims // 2]})
    compare("merge", lambda: catalog.merge(half), parse, repeat)
    print(f"peak memory {peak_memory_mb(path):.0f} MB for a {size:.0f} MB file")


def profile(claims: int, operation: str) -> None:
    path = catalog_file(claims)
    catalog = None if operation == "load" else nc.load_catalog(path)
    sample = days(20)
    work = {
        "load": lambda: nc.load_catalog(path),
        "leaders": lambda: [nc.leaders(7, as_of=d, catalog=catalog) for d in sample],
        "claims": lambda: nc.claims(kinds="volume_production", as_of="2020-01-01", catalog=catalog),
    }[operation]
    profiler = cProfile.Profile()
    profiler.runcall(work)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", choices=["load", "leaders", "claims"])
    arguments = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_STACK, resource.getrlimit(resource.RLIMIT_STACK))
    if arguments.profile:
        profile(arguments.claims, arguments.profile)
    else:
        run(arguments.claims, arguments.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
