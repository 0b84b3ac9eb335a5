"""The command line: the same queries as the library.

nodecompare leaders 7 --as-of 2022-07-21 [--known-by 2022-07-01] [--basis class] [--json]
nodecompare claims --foundry SMIC [--known-by ...] [--json]
nodecompare story
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import Any

from nodecompare.catalog import default_catalog
from nodecompare.dates import to_date
from nodecompare.errors import NodeCompareError
from nodecompare.io import load_catalog
from nodecompare.query import claims, leaders, node_card, node_dict

__all__ = ["main"]

#: The reference story: SMIC's 7 nm-class chips, made since July 2021, known from 21 July 2022.
STORY_DATE = "2022-07-21"
STORY_KNOWN_BY = "2022-07-01"
STORY_SOURCE = "reference-article-2022"


def _date(text: str) -> dt.date:
    try:
        return to_date(text, "date")
    except NodeCompareError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of nm, got {text!r}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nodecompare", description="Compare semiconductor process nodes, with sources."
    )
    parser.add_argument(
        "--catalog", metavar="FILE", help="merge this JSON catalog file into the bundled one"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    lead = commands.add_parser("leaders", help="who makes n-nm class chips on a date")
    lead.add_argument("n", type=_positive, help="the node class in nm, e.g. 7")
    lead.add_argument("--as-of", type=_date, help="the date asked about (default today)")
    lead.add_argument("--known-by", type=_date, help="count only claims reported by this date")
    lead.add_argument("--basis", choices=["class", "name", "density"], default="class")
    lead.add_argument(
        "--min-confidence",
        choices=["confirmed", "reported", "speculative", "disputed"],
        default="reported",
    )
    lead.add_argument("--json", action="store_true", help="print JSON")

    claim = commands.add_parser("claims", help="the claims about a foundry, in order")
    claim.add_argument("--foundry", help="a foundry name")
    claim.add_argument("--source", help="only claims citing this source id")
    claim.add_argument("--as-of", type=_date, help="only claims holding by this date")
    claim.add_argument("--known-by", type=_date, help="only claims reported by this date")
    claim.add_argument("--json", action="store_true", help="print JSON")

    lookup = commands.add_parser("node", help="one node: its names, figures and claims")
    lookup.add_argument("foundry", help="a foundry name, e.g. TSMC")
    lookup.add_argument("name", help="the node's name or an alias, e.g. N7")
    lookup.add_argument("--as-of", type=_date, help="the date a time-bound name refers to")
    lookup.add_argument("--json", action="store_true", help="print JSON")

    commands.add_parser("story", help="the SMIC 7 nm story of July 2022, query by query")
    return parser


def _story(catalog: Any) -> str:
    today = leaders(7, catalog=catalog)
    then = leaders(7, as_of=STORY_DATE, catalog=catalog)
    before = leaders(7, as_of=STORY_DATE, known_by=STORY_KNOWN_BY, catalog=catalog)
    told = claims(source=STORY_SOURCE, catalog=catalog)
    rule = "=" * 78
    return "\n\n".join(
        [
            f"{rule}\nWho makes 7 nm-class chips today\n{rule}\n{today!r}",
            f"{rule}\nOn {STORY_DATE}, the day Bloomberg reported SMIC's 7 nm, "
            f"by what we know now\n{rule}\n{then!r}",
            f"{rule}\nOn {STORY_DATE}, by what was known on {STORY_KNOWN_BY}\n{rule}\n{before!r}",
            f"{rule}\nThe article's statements, as claims with sources\n{rule}\n{told!r}",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 on success, 2 on bad input)."""
    arguments = _parser().parse_args(argv)
    try:
        catalog = default_catalog()
        if arguments.catalog:
            catalog = load_catalog(arguments.catalog, base=catalog)
        if arguments.command == "leaders":
            result = leaders(
                arguments.n,
                as_of=arguments.as_of,
                known_by=arguments.known_by,
                basis=arguments.basis,
                min_confidence=arguments.min_confidence,
                catalog=catalog,
            )
            text = json.dumps(result.to_dict(), indent=2) if arguments.json else repr(result)
        elif arguments.command == "claims":
            found = claims(
                foundry=arguments.foundry,
                source=arguments.source,
                as_of=arguments.as_of,
                known_by=arguments.known_by,
                catalog=catalog,
            )
            text = json.dumps(found.to_dict(), indent=2) if arguments.json else repr(found)
        elif arguments.command == "node":
            found_node = catalog.node(arguments.foundry, arguments.name, as_of=arguments.as_of)
            about = claims(node=found_node, catalog=catalog)
            if arguments.json:
                text = json.dumps(
                    {"node": node_dict(found_node), "claims": about.to_dict()}, indent=2
                )
            else:
                text = f"{node_card(found_node)}\n\n{about!r}"
        else:
            text = _story(catalog)
    except NodeCompareError as error:
        print(f"nodecompare: error: {error}", file=sys.stderr)
        return 2
    print(text)
    return 0
