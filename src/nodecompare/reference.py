"""The reference tables shipped beside the catalog, in ``data/reference``: publishers and
their tiers, regions and their members over time, node generations, and the documented
exceptions to the usual density order; and the data's own release (its calendar version,
date and licence, apart from the code's).

They are data, each entry with its sources, read on first use (importing nodecompare
stays cheap) and handed on as parsed JSON; the modules that apply them give them types.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from typing import Any, Final

import attrs

__all__ = ["FOLDER", "Release", "release", "table"]

#: Where the tables lie inside the package; the catalog loader skips this folder.
FOLDER: Final = ("data", "reference")


@cache
def table(name: str) -> Any:
    """The parsed JSON of ``data/reference/<name>.json``, read once."""
    path = resources.files("nodecompare").joinpath(*FOLDER, f"{name}.json")
    return json.loads(path.read_bytes())


@attrs.frozen
class Release:
    """One release of the bundled data: its calendar version (``YYYY.MM``), title, date,
    authors and licence (an SPDX id, its name and URL), as ``data/reference/release.json``
    gives them."""

    version: str
    title: str
    released: dt.date
    authors: tuple[str, ...]
    licence: str
    licence_name: str
    licence_url: str


@cache
def release() -> Release:
    """The release of the bundled data, read once."""
    data = table("release")
    licence = data["licence"]
    return Release(
        version=data["version"],
        title=data["title"],
        released=dt.date.fromisoformat(data["released"]),
        authors=tuple(data["authors"]),
        licence=licence["id"],
        licence_name=licence["name"],
        licence_url=licence["url"],
    )
