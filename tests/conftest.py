"""Hypothesis settings for the suite: generated catalogs are large by design, and speed is
checked by the scripts in benchmarks/, not by per-example deadlines."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "nodecompare", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("nodecompare")
