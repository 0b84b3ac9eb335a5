"""Cold start: nodecompare's leaders(7) against building pint's registry, in one run.

Each command runs in a fresh interpreter, alternating, so both see the same machine state;
the ratio of the medians is reported. The target is at most 1.15: the library and its whole
catalog add at most 15% to the cost of its units dependency.

    python benchmarks/cold_start.py [--runs 15] [--check]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

TARGET = 1.15
OURS = "import nodecompare as nc; nc.leaders(7)"
BASELINE = "import pint; pint.UnitRegistry().Quantity(7, 'nm')"


def cold_seconds(code: str) -> float:
    """Wall time of one fresh interpreter running ``code``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--check", action="store_true", help=f"fail above {TARGET}x")
    arguments = parser.parse_args()
    cold_seconds(OURS)  # warm the file-system cache and write bytecode for both
    cold_seconds(BASELINE)
    ours, baseline = [], []
    for _ in range(arguments.runs):
        ours.append(cold_seconds(OURS))
        baseline.append(cold_seconds(BASELINE))
    ratio = statistics.median(ours) / statistics.median(baseline)
    print(f"nodecompare leaders(7), cold: median {statistics.median(ours) * 1000:.0f} ms")
    print(f"pint UnitRegistry,      cold: median {statistics.median(baseline) * 1000:.0f} ms")
    print(f"ratio: {ratio:.2f}x (target <= {TARGET}x)")
    if arguments.check and ratio > TARGET:
        print("FAILED: cold start is above its target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
