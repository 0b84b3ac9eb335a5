"""The command line: the same queries as the library, as text tables or ``--json``.

nodecompare leaders 7 --as-of 2022-07-21 [--known-by 2022-07-01] [--basis class] [--json]
nodecompare claims --foundry SMIC [--source ID] [--as-of ...] [--known-by ...]
nodecompare node TSMC N7 [--as-of ...]
nodecompare compare TSMC SMIC [--as-of ...] [--known-by ...]
nodecompare equivalent Intel "Intel 4" [--reference TSMC] [--library HP] [--basis ...]
nodecompare trend [--foundry TSMC] [--since ...] [--until ...] [--basis ...] [--library HD]
nodecompare products [--foundry SMIC] [--node N+2] [--region China] [--designer Huawei]
nodecompare sources [--tier weak] [--kind press] [--publisher ...]
nodecompare disputes [--known-by ...]
nodecompare controls [--foundry SMIC] [--as-of ...] [--known-by ...]
nodecompare beyond-controls [--as-of ...] [--known-by ...]
nodecompare nodes [--foundry TSMC] [--as-of ...] [--known-by ...]
nodecompare story
nodecompare diff 2022-07-01 2022-07-31 [--as-of ...] [--foundry SMIC] [--class 7] [--basis ...]
nodecompare export --format csv|datapackage|parquet DIR

Every subcommand takes ``--json``; ``--catalog FILE`` merges a catalog file into the
bundled one. Text fits the terminal (``COLUMNS``, else 100 columns when not a terminal);
the commands that show claims or sources take ``--evidence summary|full|none``
(summary: one line per claim with numbered sources listed below; full: each claim's
evidence and every source with its link, which stays whole on its own line when longer
than the width; none: no evidence).

Exit status: 0 on success; 1 when the library refuses the input (an unknown name, a bad
catalog file) or, with a one-line "internal error" and a request to report it, on a bug;
2 for a command line argparse cannot read. No traceback is printed unless
``NODECOMPARE_DEBUG=1`` is set. A reader that stops early (``nodecompare sources | head``)
ends the output quietly, with status 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, Final, NoReturn

from nodecompare.catalog import Catalog
from nodecompare.dates import DAY_FORM, to_date
from nodecompare.errors import NodeCompareError, ValidationError
from nodecompare.io import FORMATS, default_catalog, load_catalog
from nodecompare.model import Basis, Confidence, SourceKind, Tier
from nodecompare.queries import (
    beyond_controls,
    claims,
    compare,
    controls,
    density_trend,
    disputes,
    equivalent,
    knowledge_diff,
    leaders,
    node,
    nodes,
    products,
    sources,
    story,
)
from nodecompare.queries.bases import BASES
from nodecompare.render.style import EVIDENCE_MODES, terminal_width, text_style
from nodecompare.render.tables import fit
from nodecompare.results import NodeReport, as_data, as_text

__all__ = ["DEBUG_VARIABLE", "main"]

Handler = Callable[[argparse.Namespace, Catalog], Any]

#: Set to 1 to let an unexpected exception show its traceback.
DEBUG_VARIABLE: Final = "NODECOMPARE_DEBUG"
_REPORT_HINT: Final = (
    "please report it to the nodecompare developers with the command you ran "
    f"({DEBUG_VARIABLE}=1 shows the traceback)"
)


class _Parser(argparse.ArgumentParser):
    """A parser whose usage errors are one line, naming the command and where help is."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {_one_line(message)} (see {self.prog} --help)\n")


def _one_line(text: str, limit: int = 2000) -> str:
    """``text`` on one line: a list of problems becomes "N problems: a; b"."""
    head, *rest = text.splitlines() or [""]
    items = "; ".join(" ".join(line.strip().removeprefix("- ").split()) for line in rest)
    line = " ".join(f"{head} {items}".split())
    return line if len(line) <= limit else f"{line[:limit]}..."


def _date(text: str) -> dt.date:
    try:
        return to_date(text, "date")
    except NodeCompareError:
        raise argparse.ArgumentTypeError(f"expected a date {DAY_FORM}, got {text!r}") from None


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of nm, got {text!r}")
    return value


def _parents() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The options subcommands share: the output format (with how much evidence text
    shows), and the dates asked about."""
    output = argparse.ArgumentParser(add_help=False)
    output.add_argument("--json", action="store_true", help="print JSON instead of a table")
    when = argparse.ArgumentParser(add_help=False)
    when.add_argument("--as-of", type=_date, help="the date asked about (default today)")
    when.add_argument("--known-by", type=_date, help="count only what was public by this date")
    return output, when


def _with_evidence(output: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """``output`` and ``--evidence``, for the commands that show claims."""
    evidence = argparse.ArgumentParser(add_help=False, parents=[output])
    evidence.add_argument(
        "--evidence",
        choices=EVIDENCE_MODES,
        default=EVIDENCE_MODES[0],
        help="summary: a line per claim, sources numbered below (default); "
        "full: each claim's evidence and sources; none: no evidence",
    )
    return evidence


def _leaders(args: argparse.Namespace, catalog: Catalog) -> Any:
    return leaders(
        args.n,
        as_of=args.as_of,
        known_by=args.known_by,
        basis=args.basis,
        min_confidence=args.min_confidence,
        region=args.region,
        catalog=catalog,
    )


def _claims(args: argparse.Namespace, catalog: Catalog) -> Any:
    return claims(
        foundry=args.foundry,
        source=args.source,
        as_of=args.as_of,
        known_by=args.known_by,
        catalog=catalog,
    )


def _node(args: argparse.Namespace, catalog: Catalog) -> Any:
    found = node(args.foundry, args.name, as_of=args.as_of, known_by=args.known_by, catalog=catalog)
    return NodeReport(found, claims(node=found, catalog=catalog))


def _compare(args: argparse.Namespace, catalog: Catalog) -> Any:
    return compare(args.a, args.b, as_of=args.as_of, known_by=args.known_by, catalog=catalog)


def _equivalent(args: argparse.Namespace, catalog: Catalog) -> Any:
    placed = node(args.foundry, args.name, catalog=catalog)
    return equivalent(
        placed, args.reference, basis=args.basis, library=args.library, catalog=catalog
    )


def _trend(args: argparse.Namespace, catalog: Catalog) -> Any:
    return density_trend(
        foundries=args.foundry,
        since=args.since,
        until=args.until,
        basis=args.basis,
        library=args.library,
        as_of=args.as_of,
        known_by=args.known_by,
        catalog=catalog,
    )


def _products(args: argparse.Namespace, catalog: Catalog) -> Any:
    return products(
        foundry=args.foundry,
        node=args.node,
        region=args.region,
        designer=args.designer,
        catalog=catalog,
    )


def _sources(args: argparse.Namespace, catalog: Catalog) -> Any:
    return sources(tier=args.tier, kind=args.kind, publisher=args.publisher, catalog=catalog)


def _disputes(args: argparse.Namespace, catalog: Catalog) -> Any:
    return disputes(known_by=args.known_by, catalog=catalog)


def _controls(args: argparse.Namespace, catalog: Catalog) -> Any:
    return controls(args.foundry, as_of=args.as_of, known_by=args.known_by, catalog=catalog)


def _beyond(args: argparse.Namespace, catalog: Catalog) -> Any:
    return beyond_controls(as_of=args.as_of, known_by=args.known_by, catalog=catalog)


def _story(args: argparse.Namespace, catalog: Catalog) -> Any:
    return story(catalog=catalog)


def _diff(args: argparse.Namespace, catalog: Catalog) -> Any:
    return knowledge_diff(
        args.before,
        args.after,
        as_of=args.as_of,
        foundry=args.foundry,
        classes=args.classes,
        basis=args.basis,
        catalog=catalog,
    )


def _diff_command(commands: Any, output: argparse.ArgumentParser) -> None:
    learnt = commands.add_parser(
        "diff", parents=[output], help="what became known between two dates"
    )
    learnt.add_argument("before", type=_date, help="the day before the window, YYYY-MM-DD")
    learnt.add_argument("after", type=_date, help="the window's last day, YYYY-MM-DD")
    learnt.add_argument("--as-of", type=_date, help="the day the leaders are asked about")
    learnt.add_argument("--foundry", help="only what is about this foundry")
    learnt.add_argument(
        "--class",
        dest="classes",
        type=_positive,
        action="append",
        help="compare the leaders of this class in nm (repeatable; default every class)",
    )
    learnt.add_argument("--basis", choices=list(BASES), default="class")
    learnt.set_defaults(func=_diff)


def _nodes(args: argparse.Namespace, catalog: Catalog) -> Any:
    return nodes(args.foundry, as_of=args.as_of, known_by=args.known_by, catalog=catalog)


def _export(args: argparse.Namespace, catalog: Catalog) -> Any:
    try:
        return catalog.export(args.directory, args.format)
    except OSError as error:  # the directory, not a bug: one line naming it
        raise ValidationError.of("export", "directory", str(error)) from None


def _export_command(commands: Any, output: argparse.ArgumentParser) -> None:
    tables = commands.add_parser(
        "export", parents=[output], help="write the catalog as tables, one per kind of record"
    )
    tables.add_argument(
        "directory", help="the directory to write; replaced if it holds only an export's files"
    )
    tables.add_argument(
        "--format",
        choices=FORMATS,
        default="csv",
        help="CSV files, CSV files with a Frictionless datapackage.json, or Parquet files",
    )
    tables.set_defaults(func=_export)


def _commands(
    commands: Any, output: argparse.ArgumentParser, when: argparse.ArgumentParser
) -> None:
    claimed = [_with_evidence(output), when]
    lead = commands.add_parser("leaders", parents=claimed, help="who makes n-nm class chips")
    lead.add_argument("n", type=_positive, help="the node class in nm, e.g. 7")
    lead.add_argument("--basis", choices=list(BASES), default="class")
    lead.add_argument("--min-confidence", choices=[c.value for c in Confidence], default="reported")
    lead.add_argument("--region", help="only chips made there: US, EU, China, Taiwan, ...")
    lead.set_defaults(func=_leaders)

    claim = commands.add_parser("claims", parents=claimed, help="the claims about a foundry")
    claim.add_argument("--foundry", help="a foundry name")
    claim.add_argument("--source", help="only claims citing this source id")
    claim.set_defaults(func=_claims)

    lookup = commands.add_parser("node", parents=claimed, help="one node, its figures and claims")
    lookup.add_argument("foundry", help="a foundry name, e.g. TSMC")
    lookup.add_argument("name", help="the node's name or an alias, e.g. N7")
    lookup.set_defaults(func=_node)

    versus = commands.add_parser("compare", parents=claimed, help="two foundries, by generation")
    versus.add_argument("a", help="a foundry, e.g. TSMC")
    versus.add_argument("b", help="another, e.g. SMIC")
    versus.set_defaults(func=_compare)

    place = commands.add_parser(
        "equivalent", parents=[_with_evidence(output)], help="a node on another's ladder"
    )
    place.add_argument("foundry", help="a foundry name, e.g. Intel")
    place.add_argument("name", help="the node's name, e.g. 'Intel 4'")
    place.add_argument("--reference", default="TSMC", help="the reference vendor (default TSMC)")
    place.add_argument("--library", type=str.upper, help="only cells of this library (HD, HP)")
    place.add_argument(
        "--basis",
        choices=[b.value for b in Basis],
        help="place by densities of this basis (default: published, else derived)",
    )
    place.set_defaults(func=_equivalent)
    _evidence_commands(commands, output, when)


def _evidence_commands(
    commands: Any, output: argparse.ArgumentParser, when: argparse.ArgumentParser
) -> None:
    both, claimed = [output, when], [_with_evidence(output), when]
    trend = commands.add_parser("trend", parents=both, help="how fast logic density doubles")
    trend.add_argument("--foundry", action="append", help="only this foundry (repeatable)")
    trend.add_argument("--since", type=_date, help="only points from this date")
    trend.add_argument("--until", type=_date, help="only points before this date")
    trend.add_argument(
        "--basis",
        choices=[b.value for b in Basis],
        help="fit nodes' figures of this basis (default: products, transistors / die area)",
    )
    trend.add_argument("--library", type=str.upper, help="only figures of this cell library")
    trend.set_defaults(func=_trend)

    chips = commands.add_parser(
        "products", parents=[_with_evidence(output)], help="chips made on a node"
    )
    chips.add_argument("--foundry", help="only products of this foundry")
    chips.add_argument("--node", help="only products on this node (a name of --foundry, or an id)")
    chips.add_argument("--region", help="only products whose node is made in this region")
    chips.add_argument("--designer", help="only products of this designer")
    chips.set_defaults(func=_products)

    cited = commands.add_parser("sources", parents=[output], help="sources with their tiers")
    cited.add_argument("--tier", choices=[t.value for t in Tier], help="only this tier")
    cited.add_argument("--kind", choices=[k.value for k in SourceKind], help="only this kind")
    cited.add_argument("--publisher", help="only this publisher")
    cited.set_defaults(func=_sources)

    contested = commands.add_parser("disputes", parents=claimed, help="claims others contradict")
    contested.set_defaults(func=_disputes)

    rules = commands.add_parser("controls", parents=claimed, help="export controls in force")
    rules.add_argument("--foundry", help="only controls applying to this foundry")
    rules.set_defaults(func=_controls)

    past = commands.add_parser(
        "beyond-controls", parents=claimed, help="nodes reached past a control's threshold"
    )
    past.set_defaults(func=_beyond)

    told = commands.add_parser(
        "story", parents=[_with_evidence(output)], help="the SMIC 7 nm story of 2022"
    )
    told.set_defaults(func=_story)


def _table_commands(
    commands: Any, output: argparse.ArgumentParser, when: argparse.ArgumentParser
) -> None:
    table = commands.add_parser("nodes", parents=[output, when], help="every node, one row each")
    table.add_argument("--foundry", help="only this foundry's nodes")
    table.set_defaults(func=_nodes)


def parser() -> argparse.ArgumentParser:
    """The command line's parser: one subcommand per query."""
    top = _Parser(
        prog="nodecompare", description="Compare semiconductor process nodes, with sources."
    )
    top.add_argument(
        "--catalog", metavar="FILE", help="merge this JSON catalog file into the bundled one"
    )
    commands = top.add_subparsers(dest="command", required=True)
    parents = _parents()
    _commands(commands, *parents)
    _table_commands(commands, *parents)
    _export_command(commands, parents[0])
    _diff_command(commands, parents[0])
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (see the module's docstring)."""
    args = parser().parse_args(argv)
    try:
        _print(_run(args))
    except NodeCompareError as error:
        print(f"nodecompare: error: {_one_line(str(error))}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug: one line asking for a report, not a traceback
        if os.environ.get(DEBUG_VARIABLE, "") not in ("", "0"):
            raise
        print(
            f"nodecompare: internal error: {type(error).__name__}: "
            f"{_one_line(str(error), 200)} — {_REPORT_HINT}",
            file=sys.stderr,
        )
        return 1
    return 0


def _print(text: str) -> None:
    """Print ``text``; a reader that stops reading (``| head``) ends the output quietly."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        # Point stdout at nothing, so Python's flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _run(args: argparse.Namespace) -> str:
    catalog = default_catalog()
    if args.catalog:
        catalog = load_catalog(args.catalog, base=catalog)
    handler: Handler = args.func
    result = handler(args, catalog)
    if args.json:
        # Strict JSON, which has no NaN or infinity, so every reader can parse it.
        return json.dumps(as_data(result), indent=2, allow_nan=False)
    with text_style(terminal_width(), getattr(args, "evidence", EVIDENCE_MODES[0])) as style:
        return fit(as_text(result), style.width)
