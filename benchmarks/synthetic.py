"""Synthetic catalogs at scale: the bundled catalog extended to N claims, for the benchmarks.

The bundled catalog is kept as it is; records are added until the catalog holds ``claims``
claims, with about 1 source per 3 claims and 1 node per 20 (at small sizes, the bundled
catalog already has more). A new node is a later variant of a bundled node of the same
foundry: the same class, transistor and density, in production from zero to three years
after it (never, when the bundled node is not in production), made in its foundry's home
country (a location record). Claims come in reports: one new source, dated, reports one to
five claims about one node (their ``reported_on`` is its date), as a news article or a
teardown would. Production claims held from a day, month, quarter, half or year at or
before their report and after the node entered production; plans are reported before they
hold, announcements only before production. A few claims supersede or dispute a claim
about the same node reported earlier and generated before them (so there is no cycle).
The result passes ``load_catalog`` and ``nodecompare.integrity.check``; the same size and
seed give the same catalog, byte for byte.

    python benchmarks/synthetic.py --claims 100000 [--seed 0] --out /tmp/catalog-100k.json

Other benchmark scripts and tests import :func:`synthetic_document` and
:func:`write_synthetic`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path
from typing import Any

__all__ = ["synthetic_document", "write_synthetic"]

PUBLISHERS = [
    ("Tom's Hardware", "press"),
    ("AnandTech", "press"),
    ("DIGITIMES", "press"),
    ("Reuters", "press"),
    ("TechInsights", "teardown"),
    ("WikiChip", "analyst"),
    ("TrendForce", "press"),
    ("Evertiq", "press"),
]
#: Claim kinds with their weights, near the bundled catalog's mix.
KINDS = {
    "volume_production": 30,
    "product_shipped": 15,
    "risk_production": 5,
    "planned": 15,
    "announced": 12,
    "capability": 13,
    "statement": 10,
}
PRODUCTION_KINDS = ("volume_production", "product_shipped", "risk_production", "capability")
CONFIDENCES = {"confirmed": 55, "reported": 35, "speculative": 5, "disputed": 5}
#: Precisions of ``valid_from``, with their weights.
PRECISIONS = {"day": 40, "month": 30, "quarter": 15, "half": 5, "year": 10}
LAST_DAY = dt.date(2027, 12, 31)


def _partial(day: dt.date, precision: str) -> str:
    """The period of ``precision`` that contains ``day``, as the format writes it."""
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return day.isoformat()[:7]
    if precision == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if precision == "half":
        return f"{day.year}-H{(day.month - 1) // 6 + 1}"
    return str(day.year)


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


class _Generator:
    """The state of one generation: the document so far and what later records refer to."""

    def __init__(self, base: dict[str, Any], seed: int) -> None:
        self.rng = random.Random(seed)
        self.document = base
        self.country = {f["id"]: f["country"] for f in base["foundries"]}
        self.foundry_of = {n["id"]: n["foundry"] for n in base["nodes"]}
        self.bundled_nodes = list(base["nodes"])
        # A node is in production from its first production claim; nodes the bundled
        # catalog has no production claim for (announced, cancelled, research) never are.
        self.starts: dict[str, dt.date] = {}
        for claim in base["claims"]:
            if claim["node"] and claim["kind"] in ("volume_production", "product_shipped"):
                held = dt.date.fromisoformat(_first_day(claim["valid_from"]))
                self.starts[claim["node"]] = min(held, self.starts.get(claim["node"], held))
        self.nodes = list(self.foundry_of)
        self.earlier: dict[str, list[tuple[str, dt.date, str]]] = {}  # node: (id, report, kind)
        self.claim_count = 0

    def add_source(self, day: dt.date) -> str:
        publisher, kind = self.rng.choice(PUBLISHERS)
        number = len(self.document["sources"])
        source_id = f"syn-source-{number}"
        self.document["sources"].append(
            {
                "id": source_id,
                "publisher": publisher,
                "title": f"Synthetic report {number} on process technology",
                "kind": kind,
                "url": f"https://example.com/synthetic/{number}",
                "date": day.isoformat(),
                "accessed": "2026-01-15",
                "authors": [],
                "title_inferred": False,
                "via": None,
                "affiliation": None,
                "relays": [],
                "weak_reason": "",
            }
        )
        return source_id

    def add_node(self) -> None:
        """A later variant of a bundled node: same foundry, class and density, in
        production from zero to three years after it (if it is in production)."""
        rng = self.rng
        sibling = rng.choice(self.bundled_nodes)
        foundry = sibling["foundry"]
        number = len(self.document["nodes"])
        node_id = f"syn-{foundry}-{number}"
        densities = [f for f in sibling["figures"] if f["metric"] == "density"]
        node = {
            **sibling,
            "id": node_id,
            "name": f"Syn{number}",
            "aliases": [],
            "figures": densities[:1],
            "note": f"A synthetic variant of {sibling['id']}.",
        }
        self.document["nodes"].append(node)
        self.nodes.append(node_id)
        self.foundry_of[node_id] = foundry
        if sibling["id"] in self.starts:
            start = self.starts[sibling["id"]] + dt.timedelta(days=rng.randint(0, 3 * 365))
            self.starts[node_id] = start = min(start, LAST_DAY)
            self.add_location(node_id, start)

    def add_location(self, node: str, start: dt.date) -> None:
        """Where the new node is made: its foundry's home country, as a report says."""
        report = min(start + dt.timedelta(days=self.rng.randint(0, 200)), LAST_DAY)
        self.document["locations"].append(
            {
                "id": f"{node}-site",
                "node": node,
                "country": self.country[self.foundry_of[node]],
                "since": str(start.year),
                "reported_on": report.isoformat(),
                "sources": [self.add_source(report)],
                "city": "",
                "until": None,
                "note": "",
                "background": [],
            }
        )

    def add_report(self, size: int) -> None:
        """One new source reporting ``size`` claims about one node, all on its date."""
        rng = self.rng
        node = rng.choice(self.nodes)
        start = self.starts.get(node)
        # Reports run from three years before production to eight years after it.
        pivot = start or dt.date(rng.randint(2010, 2025), 1, 1)
        report = pivot + dt.timedelta(days=rng.randint(-3 * 365, 8 * 365))
        report = min(report, LAST_DAY)
        source = self.add_source(report)
        for _ in range(size):
            self.add_claim(node, start, report, source)

    def _kind(self, start: dt.date | None, report: dt.date) -> str:
        """A kind that fits the report's date: production only once in production, and
        an announcement only before it."""
        kind = _pick(self.rng, KINDS)
        if kind in PRODUCTION_KINDS and (start is None or report < start):
            return self.rng.choice(["planned", "announced", "statement"])
        if kind == "announced" and start is not None and report >= start:
            return "statement"
        return kind

    def _held(self, kind: str, start: dt.date | None, report: dt.date) -> dt.date:
        rng = self.rng
        if kind == "planned":  # a target date, reported before it holds
            return min(report + dt.timedelta(days=rng.randint(90, 3 * 365)), LAST_DAY)
        if kind in PRODUCTION_KINDS and start is not None:  # at or before its report
            return max(start, report - dt.timedelta(days=int(rng.expovariate(1 / 120))))
        return report

    def add_claim(self, node: str, start: dt.date | None, report: dt.date, source: str) -> None:
        rng = self.rng
        kind = self._kind(start, report)
        held = self._held(kind, start, report)
        precision = "day" if kind in ("announced", "statement") else _pick(rng, PRECISIONS)
        claim_id = f"syn-claim-{self.claim_count}"
        self.claim_count += 1
        valid_until = None
        if kind in PRODUCTION_KINDS and rng.random() < 0.05:
            valid_until = str(held.year + rng.randint(3, 12))
        supersedes, disputes = [], []
        older = [c for c in self.earlier.get(node, [])[-20:] if c[1] < report and c[2] == kind]
        if older and rng.random() < 0.04:
            supersedes.append(rng.choice(older)[0])
        elif older and rng.random() < 0.02:
            disputes.append(rng.choice(older)[0])
        self.earlier.setdefault(node, []).append((claim_id, report, kind))
        background = []
        if rng.random() < 0.1:
            background.append(rng.choice(self.document["sources"])["id"])
        self.document["claims"].append(
            {
                "id": claim_id,
                "kind": kind,
                "statement": f"{kind.replace('_', ' ').capitalize()} of node {node}.",
                "valid_from": _partial(held, precision),
                "reported_on": report.isoformat(),
                "sources": [source],
                "confidence": _pick(rng, CONFIDENCES),
                "node": node,
                "foundry": self.foundry_of[node],
                "region": None,
                "valid_until": valid_until,
                "evidence": f"Synthetic source {source}.",
                "note": "",
                "background": background,
                "disputes": disputes,
                "supersedes": supersedes,
            }
        )


def _first_day(text: str) -> str:
    """The first day of a partial date as the format writes it (``2021-Q3``: 2021-07-01)."""
    if len(text) == 10:
        return text
    if len(text) == 7 and text[5] in "QH":
        months = 3 if text[5] == "Q" else 6
        return f"{text[:4]}-{(int(text[6]) - 1) * months + 1:02d}-01"
    return f"{text}-01-01" if len(text) == 4 else f"{text}-01"


def _bundled_document() -> dict[str, Any]:
    """The bundled catalog as a plain JSON document (enums written as their values)."""
    import nodecompare as nc

    document: dict[str, Any] = json.loads(json.dumps(nc.catalog_to_dict(nc.default_catalog())))
    return document


def synthetic_document(claims: int, seed: int = 0) -> dict[str, Any]:
    """The bundled catalog extended to ``claims`` claims, as a document ``load_catalog``
    and ``catalog_from_dict`` read; the same ``claims`` and ``seed`` give the same one."""
    generator = _Generator(_bundled_document(), seed)
    document = generator.document
    if claims < len(document["claims"]):
        raise ValueError(f"the bundled catalog already has {len(document['claims'])} claims")
    for _ in range(claims // 20 - len(document["nodes"])):
        generator.add_node()
    while len(document["claims"]) < claims:
        generator.add_report(min(generator.rng.randint(1, 5), claims - len(document["claims"])))
    return document


def write_synthetic(path: str | Path, claims: int, seed: int = 0) -> Path:
    """Write :func:`synthetic_document` to ``path`` as ``save_catalog`` writes a catalog."""
    text = json.dumps(synthetic_document(claims, seed), indent=2, ensure_ascii=False) + "\n"
    target = Path(path)
    target.write_text(text, encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    arguments = parser.parse_args()
    path = write_synthetic(arguments.out, arguments.claims, arguments.seed)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB, {arguments.claims} claims)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
