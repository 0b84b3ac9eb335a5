"""The command line: the same queries as the library.

nodecompare leaders 7 --as-of 2022-07-21 [--known-by 2022-07-01] [--basis class] [--json]
nodecompare claims --foundry SMIC [--known-by ...] [--json]
nodecompare node TSMC N7 [--as-of ...] [--json]
nodecompare compare TSMC SMIC [--as-of ...] [--known-by ...]
nodecompare equivalent Intel "Intel 4" [--reference TSMC]
nodecompare trend [--foundry TSMC] [--since ...] [--until ...]
nodecompare disputes
nodecompare controls [--foundry SMIC] [--as-of ...]
nodecompare beyond-controls [--as-of ...] [--known-by ...]
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
from nodecompare.compare import compare, equivalent
from nodecompare.controls import beyond_controls, controls
from nodecompare.dates import to_date
from nodecompare.errors import NodeCompareError
from nodecompare.io import load_catalog
from nodecompare.listing import products, sources
from nodecompare.model import Basis, SourceKind, Tier
from nodecompare.query import claims, disputes, leaders, node_card, node_dict
from nodecompare.trends import density_trend

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
    lead.add_argument("--region", help="only chips made there: US, EU, China, Taiwan, ...")
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

    versus = commands.add_parser("compare", help="two foundries, generation by generation")
    versus.add_argument("a", help="a foundry, e.g. TSMC")
    versus.add_argument("b", help="another, e.g. SMIC")
    versus.add_argument("--as-of", type=_date, help="the date asked about (default today)")
    versus.add_argument("--known-by", type=_date, help="count only claims reported by this date")

    place = commands.add_parser("equivalent", help="a node on a reference vendor's ladder")
    place.add_argument("foundry", help="a foundry name, e.g. Intel")
    place.add_argument("name", help="the node's name, e.g. 'Intel 4'")
    place.add_argument("--reference", default="TSMC", help="the reference vendor (default TSMC)")
    place.add_argument(
        "--library",
        type=str.upper,
        help="compare only cells of this library (HD or HP); default like for like",
    )

    trend = commands.add_parser("trend", help="how fast logic density doubles")
    trend.add_argument("--foundry", action="append", help="only this foundry (repeatable)")
    trend.add_argument("--since", type=_date, help="only nodes in production from this date")
    trend.add_argument("--until", type=_date, help="only nodes in production before this date")
    trend.add_argument(
        "--basis",
        choices=[b.value for b in Basis],
        help="fit nodes' figures of this basis (default: products, transistors / die area)",
    )
    trend.add_argument("--library", type=str.upper, help="only figures of this cell library")

    chips = commands.add_parser("products", help="the chips made on a node, with their density")
    chips.add_argument("--foundry", help="only products of this foundry")
    chips.add_argument("--node", help="only products on this node (a name of --foundry, or an id)")
    chips.add_argument("--region", help="only products whose node is made in this region")
    chips.add_argument("--designer", help="only products of this designer")
    chips.add_argument("--json", action="store_true", help="print JSON instead of a table")

    cited = commands.add_parser("sources", help="the catalog's sources with their tiers")
    cited.add_argument("--tier", choices=[t.value for t in Tier], help="only this tier")
    cited.add_argument("--kind", choices=[k.value for k in SourceKind], help="only this kind")
    cited.add_argument("--publisher", help="only this publisher")
    cited.add_argument("--json", action="store_true", help="print JSON instead of a table")

    commands.add_parser("disputes", help="claims that others contradict, with both sides")

    rules = commands.add_parser("controls", help="export controls in force")
    rules.add_argument("--foundry", help="only controls applying to this foundry")
    rules.add_argument("--as-of", type=_date, help="the date asked about (default today)")

    past = commands.add_parser(
        "beyond-controls", help="nodes reached past a control's threshold after it took effect"
    )
    past.add_argument("--as-of", type=_date, help="the date asked about (default today)")
    past.add_argument("--known-by", type=_date, help="count only what was public by this date")

    commands.add_parser("story", help="the SMIC 7 nm story of July 2022, query by query")
    return parser


def _story(catalog: Any) -> str:
    today = leaders(7, catalog=catalog)
    then = leaders(7, as_of=STORY_DATE, catalog=catalog)
    before = leaders(7, as_of=STORY_DATE, known_by=STORY_KNOWN_BY, catalog=catalog)
    in_us = leaders(7, as_of=STORY_DATE, region="US", catalog=catalog)
    past = beyond_controls(as_of=STORY_DATE, catalog=catalog)
    contested = disputes(catalog=catalog)
    told = claims(source=STORY_SOURCE, catalog=catalog)
    sections = [
        ("Who makes 7 nm-class chips today", today),
        (f"On {STORY_DATE}, the day Bloomberg reported SMIC's 7 nm, by what we know now", then),
        (f"On {STORY_DATE}, by what was known on {STORY_KNOWN_BY}", before),
        (f"Made in the US on {STORY_DATE} (the article says: only 12 nm)", in_us),
        ("Export controls SMIC advanced past", past),
        ("Claims that others contradict", contested),
        ("The article's statements, as claims with sources", told),
    ]
    rule = "=" * 78
    return "\n\n".join(f"{rule}\n{title}\n{rule}\n{result!r}" for title, result in sections)


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
                region=arguments.region,
                catalog=catalog,
            )
            text = json.dumps(result.to_dict(), indent=2) if arguments.json else repr(result)
        elif arguments.command == "compare":
            text = repr(
                compare(
                    arguments.a,
                    arguments.b,
                    as_of=arguments.as_of,
                    known_by=arguments.known_by,
                    catalog=catalog,
                )
            )
        elif arguments.command == "equivalent":
            placed = catalog.node(arguments.foundry, arguments.name)
            text = equivalent(
                placed, arguments.reference, library=arguments.library, catalog=catalog
            ).describe()
        elif arguments.command == "trend":
            fitted = density_trend(
                foundries=arguments.foundry,
                since=arguments.since,
                until=arguments.until,
                basis=arguments.basis,
                library=arguments.library,
                catalog=catalog,
            )
            text = repr(fitted)
        elif arguments.command == "products":
            chips = products(
                foundry=arguments.foundry,
                node=arguments.node,
                region=arguments.region,
                designer=arguments.designer,
                catalog=catalog,
            )
            text = json.dumps(chips.to_dict(), indent=2) if arguments.json else str(chips)
        elif arguments.command == "sources":
            cited = sources(
                tier=arguments.tier,
                kind=arguments.kind,
                publisher=arguments.publisher,
                catalog=catalog,
            )
            text = json.dumps(cited.to_dict(), indent=2) if arguments.json else str(cited)
        elif arguments.command == "disputes":
            text = repr(disputes(catalog=catalog))
        elif arguments.command == "controls":
            text = repr(controls(arguments.foundry, as_of=arguments.as_of, catalog=catalog))
        elif arguments.command == "beyond-controls":
            text = repr(
                beyond_controls(as_of=arguments.as_of, known_by=arguments.known_by, catalog=catalog)
            )
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
