"""How results are shown: text, HTML, pandas frames, JSON data and plots.

Each module registers one function per result type with the dispatchers of
:mod:`nodecompare.results.base`; importing this package registers them all (importing
nodecompare does). pandas and matplotlib are imported only when a frame or a plot is
asked for. :func:`text_style` sets the width text fits and how much evidence it shows.
"""

from nodecompare.render import data, diff, exports, frames, html, nodes, plots, text
from nodecompare.render.style import text_style
from nodecompare.render.tables import html_table, link, text_table
from nodecompare.render.text import node_card

__all__ = [
    "data",
    "diff",
    "exports",
    "frames",
    "html",
    "html_table",
    "link",
    "node_card",
    "nodes",
    "plots",
    "text",
    "text_style",
    "text_table",
]
