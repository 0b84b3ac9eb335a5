"""Hypothesis strategies for nodecompare's model, for users' property tests and ours.

Needs the ``strategies`` extra (``pip install nodecompare[strategies]``)::

    from hypothesis import given
    from nodecompare import catalog_from_dict, catalog_to_dict
    from nodecompare.strategies import catalogs

    @given(catalogs())
    def test_round_trip(catalog):
        assert catalog_from_dict(catalog_to_dict(catalog)) == catalog

:func:`catalogs` varies every field of every record; :func:`producing_catalogs` makes
small catalogs where most nodes are in production, so that queries such as
:func:`nodecompare.leaders` mostly answer, fast enough for hundreds of examples.
"""

from nodecompare.strategies.catalogs import catalogs
from nodecompare.strategies.places import export_controls, fabs, locations
from nodecompare.strategies.producing import producing_catalogs
from nodecompare.strategies.records import (
    claims,
    dates,
    figures,
    foundries,
    partial_dates,
    process_nodes,
    products,
    sources,
)

__all__ = [
    "catalogs",
    "claims",
    "dates",
    "export_controls",
    "fabs",
    "figures",
    "foundries",
    "locations",
    "partial_dates",
    "process_nodes",
    "producing_catalogs",
    "products",
    "sources",
]
