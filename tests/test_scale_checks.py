"""What ``benchmarks/scale.py --check`` holds each size to: issue 12's targets where the
issue sets them, and growth no faster than n log n once the sizes reach 1M claims."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from scale import size_limits, too_fast


def test_the_target_profile_holds_the_queries_to_issue_12s_targets_at_100k() -> None:
    limits = size_limits(100_000, "target")
    assert limits["leaders / DuckDB"] < 1
    assert limits["timeline / pandas"] == 1.0
    assert limits["peak memory / file size"] == 3.0


def test_at_1m_claims_the_target_profile_holds_only_loading_the_issue_names() -> None:
    assert size_limits(1_000_000, "target") == {"load_catalog / json.load": 2.0}


def test_the_ci_profile_holds_at_its_own_size() -> None:
    assert size_limits(10_000, "ci")["leaders / pandas"] < 1


def test_growth_past_n_log_n_fails_only_once_the_sizes_reach_1m() -> None:
    exponents = {"timeline": 1.3, "leaders": 1.02, "peak memory": 1.5}
    assert too_fast([100_000, 1_000_000], exponents) == [
        "timeline grows as n^1.30, faster than n log n (n^1.18 allowed)"
    ]
    assert too_fast([10_000, 100_000], exponents) == []


def test_reading_every_claim_is_shown_but_not_held_to_n_log_n() -> None:
    """Reading every claim of an answer is bound by memory, not by the query; finding the
    claims (the timeline row) is still held to n log n."""
    exponents = {"timeline": 1.25, "timeline, claims read": 1.33}
    assert too_fast([100_000, 1_000_000], exponents) == [
        "timeline grows as n^1.25, faster than n log n (n^1.18 allowed)"
    ]
    assert size_limits(100_000, "target")["timeline, claims read / pandas"] == 1.0
