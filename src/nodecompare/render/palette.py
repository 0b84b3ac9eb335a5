"""What every figure shares: one colour per foundry and one marker per basis.

A foundry keeps its colour in every figure, whatever else is drawn with it. The bundled
foundries take the Okabe-Ito palette (Okabe and Ito 2008; Wong, Nature Methods 8, 441,
2011), which stays distinguishable with the common forms of colour blindness, without its
yellow, which is unreadable on white; the three drawn least often take colours of Paul
Tol's muted scheme. A foundry not listed (one of a user's catalog) takes one of the other
muted colours, chosen by a CRC-32 of its id, so it too keeps its colour from one run to
the next and never looks like a bundled foundry (two of a user's may share one). Nothing
here imports matplotlib.
"""

from __future__ import annotations

import zlib
from typing import Final

from nodecompare.model import Basis, Figure

__all__ = [
    "BASIS_MARKERS",
    "FOUNDRY_COLOURS",
    "NO_BASIS_MARKER",
    "NO_FOUNDRY_COLOUR",
    "basis_marker",
    "basis_name",
    "foundry_colour",
]

#: The bundled foundries' colours, by foundry id.
FOUNDRY_COLOURS: Final[dict[str, str]] = {
    "tsmc": "#0072B2",  # Okabe-Ito blue
    "samsung": "#D55E00",  # vermillion
    "intel": "#009E73",  # bluish green
    "smic": "#E69F00",  # orange
    "gf": "#CC79A7",  # reddish purple
    "umc": "#56B4E9",  # sky blue
    "ibm": "#000000",  # black
    "huahong": "#882255",  # Tol muted wine
    "rapidus": "#999933",  # Tol muted olive
    "tower": "#332288",  # Tol muted indigo
}

#: Paul Tol's muted scheme, for foundries not in :data:`FOUNDRY_COLOURS`, without the
#: colours bundled foundries hold: a user's foundry is never drawn as one of them.
_UNLISTED_COLOURS: Final = tuple(
    colour
    for colour in (
        "#CC6677",
        "#332288",
        "#DDCC77",
        "#117733",
        "#88CCEE",
        "#882255",
        "#44AA99",
        "#999933",
        "#AA4499",
    )
    if colour not in FOUNDRY_COLOURS.values()
)

#: Points that belong to no foundry (a trend fitted to the user's own points).
NO_FOUNDRY_COLOUR: Final = "#555555"

#: The marker of each basis; a projected figure is drawn hollow in its basis's marker.
BASIS_MARKERS: Final[dict[Basis, str]] = {
    Basis.VENDOR_CLAIM: "o",
    Basis.ANALYST_CALCULATION: "s",
    Basis.PRODUCT_MEASUREMENT: "D",
    Basis.VENDOR_RATIO: "^",
    Basis.DERIVED: "v",
}

#: The marker of a point given without a figure (a trend fitted to the user's points).
NO_BASIS_MARKER: Final = "P"


def foundry_colour(foundry_id: str | None) -> str:
    """The colour of a foundry in every figure: listed, or chosen by its id's CRC-32."""
    if foundry_id is None:
        return NO_FOUNDRY_COLOUR
    listed = FOUNDRY_COLOURS.get(foundry_id)
    if listed is not None:
        return listed
    # crc32, not hash(): str hashes are salted per process, and the colour must not change.
    return _UNLISTED_COLOURS[zlib.crc32(foundry_id.encode("utf-8")) % len(_UNLISTED_COLOURS)]


def basis_marker(figure: Figure | None) -> str:
    """The marker a point is drawn with: its figure's basis's, or the no-basis marker."""
    return NO_BASIS_MARKER if figure is None else BASIS_MARKERS[figure.basis]


def basis_name(figure: Figure | None) -> str:
    """A legend's words for a point's basis (``"vendor claim, projected"``)."""
    if figure is None:
        return "given point"
    words = figure.basis.value.replace("_", " ")
    return f"{words}, projected" if figure.projected else words
