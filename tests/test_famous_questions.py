"""The questions people ask, on the bundled catalog, with answers checked against sources.

Each answer pins who surely qualifies, who possibly does (a production date known only to a
period containing the day asked about) and who is absent. The dates behind them, with their
sources, are in the data files; the notes of the production claims say where a date is
coarse and why.
"""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nodecompare as nc

EVERYONE = frozenset(f.name for f in nc.default_catalog().foundries)


def _check(result: nc.Leaders, surely: set[str], possibly: set[str] | None = None) -> None:
    """Exactly these surely and possibly qualify; every other foundry is absent."""
    assert set(result.foundries) == surely, result
    assert set(result.possible_foundries) == (possibly or set()), result
    absent = EVERYONE - surely - (possibly or set())
    assert absent.isdisjoint(result.foundries + result.possible_foundries)
    assert result.unlocated_foundries == ()


# Who makes n-nm class chips at the end of each year (default basis: the vendor's class).
# TSMC N7 2018-04, Samsung 7LPP 2018-10, SMIC N+1 2021-07 (TechInsights), Intel 7 2021-07;
# TSMC N5 2020-Q2, Samsung 5LPE 2020-Q2 (its Q2 2020 call), Samsung SF4 2021, Intel 4
# 2023-09; Samsung SF3E 2022-06-30, TSMC N3 2022-12, Intel 3 2024-06; Samsung SF2 2025-09
# (press), Intel 18A 2025-10, TSMC N2 2025-Q4.
YEAR_ENDS = {
    (7, 2018): {"TSMC", "Samsung"},
    (7, 2019): {"TSMC", "Samsung"},
    (7, 2020): {"TSMC", "Samsung"},
    (7, 2021): {"SMIC", "TSMC", "Intel", "Samsung"},
    (7, 2022): {"SMIC", "Intel", "TSMC", "Samsung"},
    (7, 2023): {"SMIC", "Intel", "TSMC", "Samsung"},
    (7, 2024): {"SMIC", "Intel", "TSMC", "Samsung"},
    (7, 2025): {"SMIC", "Intel", "TSMC", "Samsung"},
    (5, 2018): set(),
    (5, 2019): set(),
    (5, 2020): {"TSMC", "Samsung"},
    (5, 2021): {"TSMC", "Samsung"},
    (5, 2022): {"TSMC", "Samsung"},
    (5, 2023): {"TSMC", "Intel", "Samsung"},
    (5, 2024): {"TSMC", "Intel", "Samsung"},
    (5, 2025): {"TSMC", "Intel", "Samsung"},
    (3, 2018): set(),
    (3, 2019): set(),
    (3, 2020): set(),
    (3, 2021): set(),
    (3, 2022): {"TSMC", "Samsung"},
    (3, 2023): {"TSMC", "Samsung"},
    (3, 2024): {"TSMC", "Intel", "Samsung"},
    (3, 2025): {"TSMC", "Intel", "Samsung"},
    (2, 2018): set(),
    (2, 2019): set(),
    (2, 2020): set(),
    (2, 2021): set(),
    (2, 2022): set(),
    (2, 2023): set(),
    (2, 2024): set(),
    (2, 2025): {"TSMC", "Intel", "Samsung"},
}


@pytest.mark.parametrize(("n", "year"), sorted(YEAR_ENDS))
def test_who_makes_each_class_at_the_end_of_the_year(n: int, year: int) -> None:
    _check(nc.leaders(n, as_of=f"{year}-12-31"), YEAR_ENDS[n, year])


@pytest.mark.parametrize(
    ("n", "day", "surely", "possibly"),
    [
        # Both N5 and 5LPE are dated to 2020-Q2: possibly in mid-May, surely from 30 June.
        (5, "2020-05-15", set(), {"TSMC", "Samsung"}),
        (5, "2020-06-30", {"TSMC", "Samsung"}, set()),
        # The question: 15 November 2020 is after both quarters ended.
        (5, "2020-11-15", {"TSMC", "Samsung"}, set()),
        # TSMC's N3 is dated to December 2022; Samsung's SF3E to 30 June 2022.
        (3, "2022-12-15", {"Samsung"}, {"TSMC"}),
        # TSMC said N2 entered volume production in the fourth quarter of 2025.
        (2, "2025-11-15", {"Intel", "Samsung"}, {"TSMC"}),
        # SMIC's N+1 is dated to July 2021 (TechInsights): possibly from its first day.
        (7, "2021-07-15", {"TSMC", "Samsung"}, {"SMIC", "Intel"}),
    ],
)
def test_surely_and_possibly_inside_a_period(
    n: int, day: str, surely: set[str], possibly: set[str]
) -> None:
    _check(nc.leaders(n, as_of=day), surely, possibly)


@pytest.mark.parametrize(
    ("region", "n", "surely"),
    [
        ("China", 7, {"SMIC"}),  # N+1/N+2/N+3 in Shanghai
        ("China", 14, {"SMIC", "TSMC"}),  # and TSMC's N16 in Nanjing
        ("US", 7, {"Intel", "TSMC"}),  # Intel 7 in Arizona and Oregon; N4 in Arizona
        ("US", 14, {"Intel", "TSMC", "GlobalFoundries", "Samsung"}),  # + Malta, Austin
        ("Taiwan", 7, {"TSMC"}),
        ("Taiwan", 14, {"TSMC", "UMC"}),
        ("South Korea", 7, {"Samsung"}),
        ("Japan", 7, set()),
        ("Japan", 14, {"TSMC"}),  # JASM Kumamoto
        ("EU", 7, {"Intel"}),  # Intel 4 and Intel 3 at Fab 34, Ireland
    ],
)
def test_who_makes_them_where(region: str, n: int, surely: set[str]) -> None:
    result = nc.leaders(n, as_of="2025-12-31", region=region)
    _check(result, surely)


def test_where_on_the_articles_date() -> None:
    # SMIC in China; Intel 7 in Arizona the only US 7 nm; GF's 22FDX in Dresden surely,
    # Intel's 14 nm in Leixlip only possibly (dated to the year 2022).
    _check(nc.leaders(7, as_of="2022-07-21", region="China"), {"SMIC"})
    _check(nc.leaders(7, as_of="2022-07-21", region="US"), {"Intel"})
    _check(nc.leaders(22, as_of="2022-07-21", region="EU"), {"GlobalFoundries"}, {"Intel"})


def test_a_region_query_lists_foundries_of_unknown_location() -> None:
    # TSMC's N7-family variants are placed only by undated TSMC pages: a reader of 1 July
    # 2022 could not know where they were made, so TSMC is not silently dropped.
    result = nc.leaders(7, as_of="2022-07-21", region="China", known_by="2022-07-01")
    assert result.foundries == ()
    assert "TSMC" in result.unlocated_foundries
    assert "location unknown: TSMC" in str(result)


def test_what_was_known_on_2022_07_01_against_today() -> None:
    before = nc.leaders(7, as_of="2022-07-21", known_by="2022-07-01")
    _check(before, {"TSMC", "Samsung", "Intel"})
    _check(nc.leaders(7, as_of="2022-07-21"), {"TSMC", "Samsung", "SMIC", "Intel"})


def test_how_far_smic_is_behind_tsmc_at_7nm() -> None:
    rows = {row.generation.label: row for row in nc.compare("TSMC", "SMIC", as_of="2026-11-23")}
    seven = rows["7/6 nm"]
    assert seven.a is not None
    assert seven.b is not None
    assert (seven.a.node.name, str(seven.a.since)) == ("N7", "2018-04")
    assert (seven.b.node.name, str(seven.b.since)) == ("N+1", "2021-07")
    assert seven.leader == nc.foundry("TSMC")
    low, high = seven.lag_interval or (0.0, 0.0)
    assert 3.1 < low < high < 3.4
    assert rows["5/4 nm"].b is None  # no SMIC node of the 5 nm class in production


def test_possibly_shows_in_every_form() -> None:
    result = nc.leaders(2, as_of="2025-11-15")
    assert "possibly: TSMC (N2 in production known only to 2025-Q4)" in str(result)
    assert "possibly: N2 in production known only to 2025-Q4" in result._repr_html_()
    data = result.to_dict()
    assert [(p["foundry"], p["since"], p["surely_from"]) for p in data["possibly"]] == [
        ("TSMC", "2025-Q4", "2025-12-31")
    ]
    frame = result.to_frame()
    assert list(frame["status"]) == ["surely", "surely", "possibly"]
    assert list(frame["foundry"]) == ["Intel", "Samsung", "TSMC"]


DAYS = st.dates(dt.date(2017, 1, 1), dt.date(2026, 11, 23))


def _either(n: float, day: dt.date) -> set[str]:
    result = nc.leaders(n, as_of=day)
    return set(result.foundries) | set(result.possible_foundries)


@given(DAYS, st.sampled_from([2, 3, 5, 7, 10, 14]), st.sampled_from([3, 5, 7, 10, 14, 28]))
def test_surely_and_possibly_nest_across_classes(day: dt.date, small: int, large: int) -> None:
    if small > large:
        small, large = large, small
    assert set(nc.leaders(small, as_of=day).foundries) <= set(
        nc.leaders(large, as_of=day).foundries
    )
    assert _either(small, day) <= _either(large, day)


@given(DAYS, DAYS, st.sampled_from([2, 3, 5, 7, 14]))
def test_surely_and_possibly_grow_with_time(early: dt.date, late: dt.date, n: int) -> None:
    if early > late:
        early, late = late, early
    assert set(nc.leaders(n, as_of=early).foundries) <= set(nc.leaders(n, as_of=late).foundries)
    assert _either(n, early) <= _either(n, late)
    # Whoever possibly qualifies on a day surely does once its period has ended.
    for maybe in nc.leaders(n, as_of=early).possibly:
        assert maybe.foundry.name in nc.leaders(n, as_of=maybe.since.end).foundries
