"""The reference tables shipped beside the catalog, in ``data/reference``: publishers and
their tiers, regions and their members over time, node generations, and the documented
exceptions to the usual density order.

They are data, each entry with its sources, read on first use (importing nodecompare
stays cheap) and handed on as parsed JSON; the modules that apply them give them types.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any, Final

__all__ = ["FOLDER", "table"]

#: Where the tables lie inside the package; the catalog loader skips this folder.
FOLDER: Final = ("data", "reference")


@cache
def table(name: str) -> Any:
    """The parsed JSON of ``data/reference/<name>.json``, read once."""
    path = resources.files("nodecompare").joinpath(*FOLDER, f"{name}.json")
    return json.loads(path.read_bytes())
