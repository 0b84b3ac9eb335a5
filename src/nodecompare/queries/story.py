"""The reference story: SMIC's 7 nm-class chips, made since July 2021 and known from
21 July 2022, told query by query (``nodecompare story`` prints it)."""

from __future__ import annotations

from typing import Final

from nodecompare.catalog import Catalog
from nodecompare.model import Claim
from nodecompare.queries import arguments
from nodecompare.queries.claims import claims, disputes
from nodecompare.queries.controls import beyond_controls
from nodecompare.queries.leaders import leaders
from nodecompare.results import Disputes, Leaders, Story
from nodecompare.results.leaders import Leader, Possible, Unplaced

__all__ = ["STORY_DATE", "STORY_KNOWN_BY", "STORY_SOURCE", "story"]

#: The day Bloomberg reported SMIC's 7 nm, the day before, and the article retold.
STORY_DATE: Final = "2022-07-21"
STORY_KNOWN_BY: Final = "2022-07-01"
STORY_SOURCE: Final = "reference-article-2022"


def story(*, catalog: Catalog | None = None) -> Story:
    """Who makes 7 nm-class chips today and on the story's date, by what was known then,
    in the US, past which export controls, the contradictions about the nodes and
    statements shown, and the article's claims.

    Each section's title says all its answer's title does (the text shows it instead).
    """
    catalog = arguments.catalog_or_default(catalog)
    tables = (
        leaders(7, catalog=catalog),
        leaders(7, as_of=STORY_DATE, catalog=catalog),
        leaders(7, as_of=STORY_DATE, known_by=STORY_KNOWN_BY, catalog=catalog),
        leaders(7, as_of=STORY_DATE, region="US", catalog=catalog),
    )
    today, on_the_day, known_then, in_the_us = tables
    past = beyond_controls(as_of=STORY_DATE, catalog=catalog)
    said = claims(source=STORY_SOURCE, catalog=catalog)
    contested = disputes(catalog=catalog)
    bearing = _bearing_on(contested, tables)
    return Story(
        (
            (f"Who makes 7 nm-class chips today, {today.as_of}, by all claims known now", today),
            (
                f"On {STORY_DATE}, the day Bloomberg reported SMIC's 7 nm, by all claims known now",
                on_the_day,
            ),
            (f"On {STORY_DATE}, by what was known on {STORY_KNOWN_BY}", known_then),
            (
                f"Made in the US on {STORY_DATE}, by all claims known now "
                "(the article says: only 12 nm)",
                in_the_us,
            ),
            (
                f"Export controls SMIC advanced past, by {STORY_DATE} ({len(past)} "
                "reached after the control took effect)",
                past,
            ),
            (
                f"Contradictions about these nodes and the article ({len(bearing)} of "
                f"{len(contested)} open; each claim shown once)",
                bearing,
            ),
            (f"The article's statements ({STORY_SOURCE}), as claims with sources", said),
        )
    )


def _bearing_on(contested: Disputes, tables: tuple[Leaders, ...]) -> Disputes:
    """The contradictions with a side that is the article's or about a node the tables
    show; the rest (``nodecompare disputes`` lists all) are not the story's."""
    shown: list[Leader | Possible | Unplaced] = []
    for table in tables:
        shown += [*table.entries, *table.possibly, *table.location_unknown]
    nodes = {claim.node.id for entry in shown for claim in entry.claims if claim.node}
    nodes |= {leader.first_node.id for table in tables for leader in table.entries}

    def bears(claim: Claim) -> bool:
        return (claim.node is not None and claim.node.id in nodes) or any(
            source.id == STORY_SOURCE for source in claim.sources
        )

    kept = tuple(d for d in contested if any(map(bears, (d.claim, *d.contradicted_by))))
    return Disputes(f"Open contradictions about the story's nodes and article ({len(kept)})", kept)
