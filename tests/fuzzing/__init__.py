"""A seeded fuzzer for catalog documents (issue 14), shared by the tests and
``benchmarks/fuzz.py``.

- :mod:`fuzzing.seeds`: small self-contained slices of the bundled catalog files;
- :mod:`fuzzing.mutations`: mutation families on documents as dicts;
- :mod:`fuzzing.damage`: byte-level damage to documents as files;
- :mod:`fuzzing.harness`: each document through the loader, its outcome classified.
"""

from fuzzing.harness import Campaign, Document, Outcome, make_document, run_campaign

__all__ = ["Campaign", "Document", "Outcome", "make_document", "run_campaign"]
