"""Test configuration shared by tests/, docs/ and the doctests in src/."""

import os

from hypothesis import HealthCheck, settings

# Running the module would start the command line during doctest collection.
collect_ignore = ["src/nodecompare/__main__.py"]

# Generated catalogs are large by design; speed is the benchmarks' job, not a health check's.
settings.register_profile(
    "default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fast", max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
