"""Fuzz campaign: seeded mutated and byte-damaged catalog documents through the loader.

Prints the outcome table of issue 14: documents, CatalogError, foreign exceptions by type
and place, hangs, accepted, accepted that fails the JSON Schema, accepted that cannot be
saved. With ``--check`` it fails unless there is no foreign exception, no hang over a
second and nothing unsaveable. ``--show I`` prints document I of the campaign instead.

    python benchmarks/fuzz.py 20000 [--seed 0] [--check]
    python benchmarks/fuzz.py --show 1234 [--seed 0]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

# The fuzzer lives with the tests, which import it the same way.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fuzzing.harness import make_document, run_campaign

SHOWN_CHARACTERS = 3_000


def show(index: int, seed: int) -> None:
    """Print one document of the campaign: its families and (the start of) its content."""
    document = make_document(index, seed)
    content = repr(document.data if document.text is None else document.text)
    print(f"#{index} {document.family}, {len(content)} characters:")
    print(content[:SHOWN_CHARACTERS] + ("..." if len(content) > SHOWN_CHARACTERS else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents", type=int, nargs="?", default=2_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--check", action="store_true", help="fail unless the targets hold")
    parser.add_argument("--show", type=int, metavar="I", help="print document I and stop")
    arguments = parser.parse_args()
    if arguments.show is not None:
        show(arguments.show, arguments.seed)
        return 0
    start = time.perf_counter()
    campaign = run_campaign(arguments.documents, arguments.seed)
    print(campaign.table())
    print(f"time                           {time.perf_counter() - start:6.1f} s")
    if arguments.check and campaign.violations():
        print(f"FAILED: {len(campaign.violations())} documents miss the targets", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
