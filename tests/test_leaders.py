"""leaders(): the reference article's facts, and invariants over every date."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nodecompare as nc
from nodecompare.render import text_style

STORY = "2022-07-21"
DATES = st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))


def test_on_the_story_date_tsmc_samsung_and_smic_lead_at_7nm() -> None:
    result = nc.leaders(7, as_of=STORY)
    assert {"TSMC", "Samsung", "SMIC"} <= set(result.foundries)
    assert result.foundries.index("SMIC") > result.foundries.index("TSMC")


def test_smic_entry_rests_on_the_minerva_teardown() -> None:
    smic = next(e for e in nc.leaders(7, as_of=STORY) if e.foundry.name == "SMIC")
    assert smic.node.name == "N+1"
    assert str(smic.since) == "2021-07"
    assert any("MinerVa" in claim.evidence for claim in smic.claims)
    assert any(s.publisher == "TechInsights" for claim in smic.claims for s in claim.sources)


def test_smic_absent_before_july_2021() -> None:
    assert "SMIC" not in nc.leaders(7, as_of="2021-06-30").foundries
    assert "SMIC" not in nc.leaders(7, as_of="2021-07-30").foundries
    assert "SMIC" in nc.leaders(7, as_of="2021-07-31").foundries


def test_smic_absent_by_what_was_known_before_the_teardown() -> None:
    assert "SMIC" not in nc.leaders(7, as_of=STORY, known_by="2022-07-01").foundries
    assert "SMIC" in nc.leaders(7, as_of=STORY, known_by=STORY).foundries


def test_the_answer_says_what_was_asked() -> None:
    result = nc.leaders(7, as_of=STORY, known_by="2022-07-01")
    assert result.as_of == dt.date(2022, 7, 21)
    assert result.known_by == dt.date(2022, 7, 1)
    assert "7 nm" in result.basis
    assert [e.rank for e in result] == list(range(1, len(result) + 1))
    text = str(result)
    assert "as known on 2022-07-01" in text
    assert "TSMC" in text
    assert "\nsources:\n[1] " in text
    html = result._repr_html_()
    assert html.startswith("<table>")
    assert "<a href=" in html


def test_default_date_is_today() -> None:
    assert nc.leaders(7).as_of == dt.date.today()


@given(DATES)
def test_gf_and_umc_never_lead_at_7nm(day: dt.date) -> None:
    result = nc.leaders(7, as_of=day)
    assert "GlobalFoundries" not in result.foundries
    assert "UMC" not in result.foundries


@given(DATES, st.sampled_from(["class", "name"]))
def test_leaders_nest_across_node_classes(day: dt.date, basis: str) -> None:
    at = {n: set(nc.leaders(n, as_of=day, basis=basis).foundries) for n in (2, 3, 5, 7, 10, 14, 28)}
    assert at[2] <= at[3] <= at[5] <= at[7] <= at[10] <= at[14] <= at[28]


@given(DATES, st.lists(st.floats(5, 7), min_size=2, max_size=2))
def test_leaders_by_density_nest_across_node_classes(day: dt.date, pair: list[float]) -> None:
    small, large = sorted(pair)
    assert set(nc.leaders(small, as_of=day, basis="density").foundries) <= set(
        nc.leaders(large, as_of=day, basis="density").foundries
    )


def test_density_threshold_is_read_off_the_reference_ladder() -> None:
    catalog = nc.default_catalog()
    basis = nc.ByDensity()
    n7 = catalog.node("TSMC", "N7").density
    n5 = catalog.node("TSMC", "N5").density
    assert n7 is not None
    assert n5 is not None
    assert basis.threshold(7, catalog) == pytest.approx(0.9 * n7.magnitude)
    assert basis.threshold(5, catalog) == pytest.approx(0.9 * n5.magnitude)
    assert basis.threshold(7, catalog) < basis.threshold(6, catalog) < basis.threshold(5, catalog)
    assert n7.magnitude < basis.threshold(6, catalog) / 0.9 < n5.magnitude
    with pytest.raises(nc.ValidationError, match="none to place 1 nm"):
        nc.leaders(1, basis="density")


@given(DATES, DATES, st.sampled_from([3, 5, 7, 14]))
def test_leading_is_kept_once_reached(a: dt.date, b: dt.date, n: int) -> None:
    early, late = sorted((a, b))
    then, later = nc.leaders(n, as_of=early), nc.leaders(n, as_of=late)
    for entry in then:
        # Production claims in the catalog do not end, so a leader stays one...
        assert entry.foundry.name in later.foundries
        # ...and the date it reached the class does not move.
        assert next(e for e in later if e.foundry == entry.foundry).since == entry.since


@given(DATES, DATES, DATES)
def test_more_knowledge_never_removes_a_leader(day: dt.date, a: dt.date, b: dt.date) -> None:
    early, late = sorted((a, b))
    assert set(nc.leaders(7, as_of=day, known_by=early).foundries) <= set(
        nc.leaders(7, as_of=day, known_by=late).foundries
    )


def test_name_basis_follows_intels_rename() -> None:
    # Intel 7 was "10nm Enhanced SuperFin" until 2021-07-26.
    before = nc.leaders(7, as_of="2021-07-25", basis="name")
    after = nc.leaders(7, as_of="2021-08-01", basis="name")
    assert "Intel" not in before.foundries
    assert "Intel" in after.foundries
    intel = next(e for e in after if e.foundry.name == "Intel")
    assert str(intel.since) == "2021-07-26"
    # SMIC never gave N+1 a number, so by name it never makes 7 nm.
    assert "SMIC" not in nc.leaders(7, as_of=STORY, basis="name").foundries


def test_density_basis_counts_intel_10nm_as_7nm_class() -> None:
    by_density = nc.leaders(7, as_of="2020-06-30", basis=nc.ByDensity())
    assert "Intel" in by_density.foundries
    assert "Intel" not in nc.leaders(7, as_of="2020-06-30").foundries
    custom = nc.leaders(7, as_of=STORY, basis=nc.ByDensity(minimum=nc.Q_(200, "MTr/mm**2")))
    assert "SMIC" not in custom.foundries


def test_min_confidence_excludes_weaker_claims() -> None:
    confirmed = nc.leaders(7, as_of=STORY, min_confidence="confirmed")
    for entry in confirmed:
        assert all(claim.confidence is nc.Confidence.CONFIRMED for claim in entry.claims)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"n": 0}, "n"),
        ({"n": -7}, "n"),
        ({"n": float("nan")}, "n"),
        ({"n": 7, "as_of": "21 July 2022"}, "as_of"),
        ({"n": 7, "known_by": "2022-13-01"}, "known_by"),
        ({"n": 7, "basis": "vibes"}, "basis"),
        ({"n": 7, "min_confidence": "sure"}, "min_confidence"),
    ],
)
def test_bad_arguments_raise_validation_errors(arguments: dict[str, object], field: str) -> None:
    with pytest.raises(nc.ValidationError) as caught:
        nc.leaders(**arguments)  # type: ignore[arg-type]
    assert caught.value.problems[0].field == field


def test_leaders_of_a_users_catalog() -> None:
    source = nc.Source("s", "P", "T", nc.SourceKind.TEARDOWN)
    acme = nc.Foundry("acme", "Acme", "US", nc.BusinessModel.IDM)
    a5 = nc.ProcessNode("acme-a5", acme, "A5", marketing_nm=5.0)
    claim = nc.Claim(
        "c",
        nc.ClaimKind.VOLUME_PRODUCTION,
        "A5 in production",
        nc.PartialDate.parse("2030"),
        dt.date(2030, 1, 1),
        (source,),
        node=a5,
    )
    catalog = nc.Catalog((source,), (acme,), (a5,), (claim,))
    # Known only to the year, the claim surely holds from the year's last day.
    assert nc.leaders(7, as_of="2030-12-30", catalog=catalog).foundries == ()
    assert nc.leaders(7, as_of="2030-12-31", catalog=catalog).foundries == ("Acme",)
    assert nc.leaders(3, as_of="2031-06-01", catalog=catalog).foundries == ()
    assert "no foundry" in str(nc.leaders(3, as_of="2031-06-01", catalog=catalog))


def test_the_order_of_the_records_never_decides_the_leaders() -> None:
    """Of two nodes of one class that entered production on one day, the denser is the
    foundry's most advanced, whichever the file lists first (a hypothesis example found
    the order deciding)."""
    source = nc.Source("s", "P", "T", nc.SourceKind.TEARDOWN)
    acme = nc.Foundry("acme", "Acme", "US", nc.BusinessModel.IDM)
    beta = nc.Foundry("beta", "Beta", "US", nc.BusinessModel.IDM)

    def node(foundry: nc.Foundry, name: str, density: float) -> nc.ProcessNode:
        figure = nc.Figure(nc.Metric.DENSITY, density, nc.Basis.ANALYST_CALCULATION, source)
        node_id = f"{foundry.id}-{name.lower()}"
        return nc.ProcessNode(node_id, foundry, name, marketing_nm=5.0, figures=(figure,))

    nodes = (node(acme, "A5", 150), node(acme, "A5P", 200), node(beta, "B5", 170))
    claims = tuple(
        nc.Claim(
            f"{n.id}-hvm",
            nc.ClaimKind.VOLUME_PRODUCTION,
            f"{n.name} in production",
            nc.PartialDate.parse("2030-01-01"),
            dt.date(2030, 1, 1),
            (source,),
            node=n,
        )
        for n in nodes
    )
    for order in (nodes, nodes[::-1]):
        catalog = nc.Catalog((source,), (acme, beta), order, claims)
        answer = nc.leaders(5, as_of="2030-06-01", catalog=catalog)
        assert answer.foundries == ("Acme", "Beta")
        assert answer.entries[0].node.name == "A5P"


def test_to_dict_and_frame() -> None:
    result = nc.leaders(7, as_of=STORY)
    data = result.to_dict()
    assert data["as_of"] == STORY
    assert [row["foundry"] for row in data["leaders"]] == list(result.foundries)
    frame = result.to_frame()
    assert list(frame["foundry"]) == list(result.foundries)


def test_membership_by_name() -> None:
    result = nc.leaders(7, as_of=STORY)
    assert "smic" in result  # type: ignore[comparison-overlap]
    assert result[0] in result
    assert "Nobody" not in result  # type: ignore[comparison-overlap]


def test_claims_about_a_foundry_include_those_about_its_nodes() -> None:
    shipped = nc.claims(foundry="SMIC", kinds=["product_shipped"])
    assert {c.node.name for c in shipped if c.node} >= {"N+1", "N+2"}
    assert all(c.foundry == nc.foundry("SMIC") for c in shipped)
    assert [c.valid_from for c in shipped] == sorted(c.valid_from for c in shipped)
    known = nc.claims(foundry="SMIC", known_by="2022-07-01")
    assert all(c.reported_on <= dt.date(2022, 7, 1) for c in known)
    assert len(known) < len(nc.claims(foundry="SMIC"))


def test_most_advanced_node_is_the_newest_of_the_smallest_class() -> None:
    smic = next(e for e in nc.leaders(7, as_of="2024-06-30") if e.foundry.name == "SMIC")
    assert smic.node.name == "N+2"
    assert smic.first_node.name == "N+1"
    assert str(smic.since) == "2021-07"


def test_a_claims_background_shows_apart_from_its_reports() -> None:
    result = nc.leaders(2, as_of="2025-12-31", known_by="2025-12-31")
    samsung = next(e for e in result if e.foundry.name == "Samsung")
    (claim,) = [c for c in samsung.claims if c.background]
    background = {s.id for s in claim.background}
    assert background == {"koreaherald-2025-09-15-exynos-2600"}
    leader = next(d for d in result.to_dict()["leaders"] if d["foundry"] == "Samsung")
    (as_dict,) = [c for c in leader["claims"] if c["id"] == claim.id]
    assert {s["id"] for s in as_dict["background"]} == background
    assert background.isdisjoint(s["id"] for s in as_dict["sources"])
    listed = nc.claims(foundry="Samsung", kinds=["volume_production"])
    with text_style(evidence="full"):
        assert "  background: The Korea Herald" in str(listed)
    frame = listed.to_frame()
    assert frame.loc[claim.id, "background"] == ["koreaherald-2025-09-15-exynos-2600"]


def test_the_date_a_foundry_reached_a_class_does_not_move_later() -> None:
    # A7 surely in production from 2019-06-01; A5 only "during 2019", so surely only from
    # the end of 2019. The class was surely reached on 2019-06-01, whenever asked.
    source = nc.Source("s", "P", "T", nc.SourceKind.COMPANY)
    acme = nc.Foundry("acme", "Acme", "US", nc.BusinessModel.IDM)
    a7 = nc.ProcessNode("acme-a7", acme, "A7", marketing_nm=7.0)
    a5 = nc.ProcessNode("acme-a5", acme, "A5", marketing_nm=5.0)

    def made(node: nc.ProcessNode, since: str) -> nc.Claim:
        start = nc.PartialDate.parse(since)
        kind = nc.ClaimKind.VOLUME_PRODUCTION
        return nc.Claim(f"{node.id}-hvm", kind, "made", start, start.end, (source,), node=node)

    catalog = nc.Catalog((source,), (acme,), (a7, a5), (made(a7, "2019-06-01"), made(a5, "2019")))
    early = nc.leaders(7, as_of="2019-06-15", catalog=catalog)
    late = nc.leaders(7, as_of="2020-01-01", catalog=catalog)
    assert [str(r.since) for r in (early[0], late[0])] == ["2019-06-01", "2019-06-01"]
    assert late[0].node.name == "A5"
