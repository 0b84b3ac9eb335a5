"""Small catalog documents that tests change one field of."""

from typing import Any


def small_document() -> dict[str, Any]:
    """A small valid document: one source, foundry, node (with a density) and claim."""
    return {
        "sources": [{"id": "s1", "publisher": "P", "title": "T", "kind": "analyst"}],
        "foundries": [
            {
                "id": "acme",
                "name": "Acme",
                "country": "US",
                "business_model": "idm",
                "sources": ["s1"],
            }
        ],
        "nodes": [
            {
                "id": "acme-a7",
                "foundry": "acme",
                "name": "A7",
                "marketing_nm": 7,
                "figures": [
                    {
                        "metric": "density",
                        "value": "90 MTr/mm**2",
                        "basis": "vendor_claim",
                        "source": "s1",
                    }
                ],
            }
        ],
        "claims": [
            {
                "id": "acme-a7-hvm",
                "kind": "volume_production",
                "statement": "A7 in volume production.",
                "node": "acme-a7",
                "valid_from": "2020-05",
                "reported_on": "2020-06-01",
                "sources": ["s1"],
            }
        ],
    }
