"""Run fuzzed documents through the loader and classify what happens to each.

Outcomes: a ``CatalogError`` (the promise kept), accepted, or a foreign exception (named by
its type and the innermost nodecompare frame). Separately: a hang (over a second, measured
per document by the clock, not by signals), an accepted document the published JSON
Schema rejects, and an accepted one that cannot be saved and read back equal.

The clock is the process's CPU time: every hang found so far is work (quadratic parsing,
millions of problems), and CPU time does not count the time a busy machine gives to
other processes.
"""

from __future__ import annotations

import json
import random
import re
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import jsonschema

import nodecompare as nc
from fuzzing.damage import damage
from fuzzing.mutations import mutate
from fuzzing.seeds import seed_count, seed_document

PACKAGE: Final = Path(nc.__file__).resolve().parent
SCHEMA_FILE: Final = PACKAGE.parents[1] / "docs" / "catalog.schema.json"
HANG_SECONDS: Final = 1.0
_INDEX: Final = re.compile(r"\[[0-9]+\]")
#: Every third document is damaged bytes in a file; the others are mutated dicts.
BYTES_EVERY: Final = 3


@dataclass(frozen=True)
class Document:
    """One fuzzed document: a mutated dict, or damaged bytes to be read from a file."""

    index: int
    family: str
    data: Any = None
    text: bytes | None = None


def make_document(index: int, seed: int) -> Document:
    """Document ``index`` of the campaign ``seed``; the same pair always gives the same one."""
    rng = random.Random(f"{seed}/{index}")
    document = seed_document(rng.randrange(seed_count()))
    if index % BYTES_EVERY == BYTES_EVERY - 1:
        text = json.dumps(document, indent=2, ensure_ascii=rng.random() < 0.5).encode()
        family, damaged = damage(text, rng)
        return Document(index, family, text=damaged)
    return Document(index, mutate(document, rng), data=document)


@dataclass(frozen=True)
class Outcome:
    """What the loader did with one document (named, not kept: a campaign holds thousands)."""

    label: str  # "#12 quantity+cycle": the document's index and families
    damaged: bool  # damaged bytes read from a file, rather than a mutated dict
    kind: str  # "CatalogError", "accepted" or "foreign"
    seconds: float
    foreign: str = ""  # "TypeError at io/files.py:_walk"
    fails_schema: str = ""  # the schema's first complaint about an accepted document
    unsaveable: str = ""  # why an accepted catalog did not come back from a file


def place(error: BaseException) -> str:
    """The innermost nodecompare frame an exception passed through: ``io/files.py:_walk``."""
    inside = [
        frame
        for frame, _ in traceback.walk_tb(error.__traceback__)
        if Path(frame.f_code.co_filename).resolve().is_relative_to(PACKAGE)
    ]
    if not inside:
        return "outside nodecompare"
    code = inside[-1].f_code
    return f"{Path(code.co_filename).resolve().relative_to(PACKAGE).as_posix()}:{code.co_name}"


def _load(document: Document, folder: Path) -> nc.Catalog:
    if document.text is None:
        return nc.catalog_from_dict(document.data)
    path = folder / "fuzzed.json"
    path.write_bytes(document.text)
    return nc.load_catalog(path)


def _unsaveable(catalog: nc.Catalog, folder: Path) -> str:
    path = folder / "saved.json"
    try:
        nc.save_catalog(catalog, path)
        if nc.load_catalog(path) != catalog:
            return "read back unequal"
    except Exception as error:
        return f"{type(error).__name__} at {place(error)}"
    return ""


def schema_complaint(validator: jsonschema.protocols.Validator, data: Any) -> str:
    """The schema's first complaint about ``data``, or "" when it conforms."""
    try:
        error = next(iter(validator.iter_errors(data)), None)
    except Exception as failure:  # data no JSON can hold: the schema cannot judge it
        return f"the validator failed: {type(failure).__name__}"
    return "" if error is None else f"{error.json_path}: {error.validator}: {error.message[:200]}"


def _schema_verdict(validator: jsonschema.protocols.Validator, document: Document) -> str:
    if document.text is None:
        return schema_complaint(validator, document.data)
    try:
        data = json.loads(document.text)
    except (ValueError, RecursionError) as error:
        return f"the json module cannot read what the loader accepted: {type(error).__name__}"
    return schema_complaint(validator, data)


def run_document(
    document: Document, folder: Path, validator: jsonschema.protocols.Validator
) -> Outcome:
    """Load one document, and save and reload it if accepted, timing both."""
    label, damaged = f"#{document.index} {document.family}", document.text is not None
    start = time.process_time()
    try:
        catalog = _load(document, folder)
    except nc.CatalogError:
        return Outcome(label, damaged, "CatalogError", time.process_time() - start)
    except Exception as error:
        where = f"{type(error).__name__} at {place(error)}"
        return Outcome(label, damaged, "foreign", time.process_time() - start, foreign=where)
    unsaveable = _unsaveable(catalog, folder)
    seconds = time.process_time() - start
    complaint = _schema_verdict(validator, document)
    return Outcome(
        label, damaged, "accepted", seconds, fails_schema=complaint, unsaveable=unsaveable
    )


def schema_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@dataclass
class Campaign:
    """The outcomes of a campaign, and the table and target violations they make."""

    seed: int
    outcomes: list[Outcome] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.kind == kind]

    @property
    def hangs(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.seconds > HANG_SECONDS]

    @property
    def fails_schema(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.fails_schema]

    @property
    def unsaveable(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.unsaveable]

    def violations(self) -> list[str]:
        """Each broken target (no foreign exception, no hang, nothing unsaveable), with
        every offending document."""
        return [
            f"{what}: {outcome.label}: {detail(outcome)}"
            for what, outcomes, detail in (
                ("foreign exception", self.of_kind("foreign"), lambda o: o.foreign),
                ("hang", self.hangs, lambda o: f"{o.seconds:.1f} s"),
                ("unsaveable", self.unsaveable, lambda o: o.unsaveable),
            )
            for outcome in outcomes
        ]

    def table(self) -> str:
        return "\n".join(_table_lines(self))


def _schema_rule(complaint: str) -> str:
    """The place and the keyword of a schema complaint, list indices left out:
    ``$.nodes[].figures[].value: pattern``."""
    path, keyword = complaint.split(": ")[:2]
    return f"{_INDEX.sub('[]', path)}: {keyword}"


def _grouped(outcomes: list[Outcome], key: Callable[[Outcome], str]) -> Iterator[str]:
    """One line per distinct ``key``, most frequent first, with an example document."""
    counts = Counter(key(o) for o in outcomes)
    for value, count in counts.most_common():
        example = next(o for o in outcomes if key(o) == value)
        yield f"    {count:>6}  {value}  (e.g. {example.label})"


def _table_lines(campaign: Campaign) -> Iterator[str]:
    outcomes = campaign.outcomes
    damaged = sum(o.damaged for o in outcomes)
    slowest = max(outcomes, key=lambda o: o.seconds)
    yield f"seed {campaign.seed}"
    yield f"documents                      {len(outcomes):>6}  ({damaged} of them damaged bytes)"
    yield f"CatalogError                   {len(campaign.of_kind('CatalogError')):>6}"
    yield f"accepted                       {len(campaign.of_kind('accepted')):>6}"
    yield f"  that fail the schema         {len(campaign.fails_schema):>6}"
    yield from _grouped(campaign.fails_schema, lambda o: _schema_rule(o.fails_schema))
    yield f"  that cannot be saved         {len(campaign.unsaveable):>6}"
    yield from _grouped(campaign.unsaveable, lambda o: o.unsaveable)
    yield f"foreign exceptions             {len(campaign.of_kind('foreign')):>6}"
    yield from _grouped(campaign.of_kind("foreign"), lambda o: o.foreign)
    yield f"hangs over {HANG_SECONDS:g} s                {len(campaign.hangs):>6}"
    yield from (f"    {o.seconds:6.1f} s  {o.label}" for o in campaign.hangs)
    yield f"slowest document               {slowest.seconds:6.2f} s  ({slowest.label})"


def run_campaign(count: int, seed: int = 0) -> Campaign:
    """Run the first ``count`` documents of campaign ``seed``."""
    campaign = Campaign(seed)
    validator = schema_validator()
    with tempfile.TemporaryDirectory(prefix="nodecompare-fuzz-") as folder:
        for index in range(count):
            document = make_document(index, seed)
            campaign.outcomes.append(run_document(document, Path(folder), validator))
    return campaign
