"""The reference story: SMIC's 7 nm-class chips, made since July 2021 and known from
21 July 2022, told query by query (``nodecompare story`` prints it)."""

from __future__ import annotations

from typing import Final

from nodecompare.catalog import Catalog
from nodecompare.queries import arguments
from nodecompare.queries.claims import claims, disputes
from nodecompare.queries.controls import beyond_controls
from nodecompare.queries.leaders import leaders
from nodecompare.results import Story

__all__ = ["STORY_DATE", "STORY_KNOWN_BY", "STORY_SOURCE", "story"]

#: The day Bloomberg reported SMIC's 7 nm, the day before, and the article retold.
STORY_DATE: Final = "2022-07-21"
STORY_KNOWN_BY: Final = "2022-07-01"
STORY_SOURCE: Final = "reference-article-2022"


def story(*, catalog: Catalog | None = None) -> Story:
    """Who makes 7 nm-class chips today and on the story's date, by what was known then,
    in the US, past which export controls, what is disputed, and the article's claims.

    Each section's title says all its answer's title does (the text shows it instead).
    """
    catalog = arguments.catalog_or_default(catalog)
    today = leaders(7, catalog=catalog)
    past = beyond_controls(as_of=STORY_DATE, catalog=catalog)
    contested = disputes(catalog=catalog)
    said = claims(source=STORY_SOURCE, catalog=catalog)
    return Story(
        (
            (f"Who makes 7 nm-class chips today, {today.as_of}, by all claims known now", today),
            (
                f"On {STORY_DATE}, the day Bloomberg reported SMIC's 7 nm, by all claims known now",
                leaders(7, as_of=STORY_DATE, catalog=catalog),
            ),
            (
                f"On {STORY_DATE}, by what was known on {STORY_KNOWN_BY}",
                leaders(7, as_of=STORY_DATE, known_by=STORY_KNOWN_BY, catalog=catalog),
            ),
            (
                f"Made in the US on {STORY_DATE}, by all claims known now "
                "(the article says: only 12 nm)",
                leaders(7, as_of=STORY_DATE, region="US", catalog=catalog),
            ),
            (
                f"Export controls SMIC advanced past, by {STORY_DATE} ({len(past)} "
                "reached after the control took effect)",
                past,
            ),
            (f"Claims that others contradict ({len(contested)} open, each shown once)", contested),
            (f"The article's statements ({STORY_SOURCE}), as claims with sources", said),
        )
    )
