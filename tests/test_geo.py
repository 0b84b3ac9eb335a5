"""Where chips are made (fabs and regions) and export controls, on a small catalog of our own."""

import datetime as dt

import pytest

import nodecompare as nc

D = nc.PartialDate.parse
SOURCE = nc.Source("s", "P", "T", nc.SourceKind.GOVERNMENT)
BLUE = nc.Foundry("blue", "Blue", "US", nc.BusinessModel.IDM)
RED = nc.Foundry("red", "Red", "CN", nc.BusinessModel.FOUNDRY)
B7 = nc.ProcessNode("blue-b7", BLUE, "B7", marketing_nm=7.0)
R14 = nc.ProcessNode("red-r14", RED, "R14", marketing_nm=14.0)
R7 = nc.ProcessNode("red-r7", RED, "R7", marketing_nm=7.0)


def _production(node: nc.ProcessNode, since: str) -> nc.Claim:
    return nc.Claim(
        f"{node.id}-hvm",
        nc.ClaimKind.VOLUME_PRODUCTION,
        f"{node.name} in production",
        D(since),
        D(since).end,
        (SOURCE,),
        node=node,
    )


def _catalog() -> nc.Catalog:
    oregon = nc.Fab(
        "blue-or",
        BLUE,
        "Fab OR",
        "Hillsboro, Oregon",
        "US",
        (nc.FabNode(B7, D("2020-01"), dt.date(2020, 2, 1), (SOURCE,)),),
    )
    ireland = nc.Fab(
        "blue-ie",
        BLUE,
        "Fab IE",
        "Leixlip",
        "IE",
        (nc.FabNode(B7, D("2023-09"), dt.date(2023, 9, 29), (SOURCE,)),),
    )
    shanghai = nc.Fab(
        "red-sh",
        RED,
        "Fab SH",
        "Shanghai",
        "CN",
        (
            nc.FabNode(R14, D("2019-11"), dt.date(2019, 11, 7), (SOURCE,)),
            nc.FabNode(R7, D("2021-07"), dt.date(2022, 7, 21), (SOURCE,)),
        ),
    )
    listing = nc.ExportControl(
        "entity-list",
        "US",
        "Entity List: Red",
        (nc.ControlScope.ITEMS,),
        dt.date(2020, 12, 18),
        dt.date(2020, 12, 18),
        (SOURCE,),
        target_foundries=(RED,),
        threshold_nm=10.0,
    )
    late_rule = nc.ExportControl(
        "late-rule",
        "US",
        "Rule on China",
        (nc.ControlScope.EQUIPMENT,),
        dt.date(2022, 10, 7),
        dt.date(2022, 10, 7),
        (SOURCE,),
        target_countries=("CN",),
        threshold_nm=16.0,
    )
    return nc.Catalog(
        (SOURCE,),
        (BLUE, RED),
        (B7, R14, R7),
        (_production(B7, "2020-01"), _production(R14, "2019-11"), _production(R7, "2021-07")),
        (oregon, ireland, shanghai),
        (listing, late_rule),
    )


def test_leaders_by_region_follow_the_fabs() -> None:
    catalog = _catalog()
    assert nc.leaders(7, as_of="2022-01-01", region="US", catalog=catalog).foundries == ("Blue",)
    assert nc.leaders(7, as_of="2022-01-01", region="EU", catalog=catalog).foundries == ()
    in_eu = nc.leaders(7, as_of="2024-01-01", region="eu", catalog=catalog)
    assert in_eu.foundries == ("Blue",)
    assert str(in_eu[0].since) == "2023-09"
    assert [fab.name for fab in in_eu[0].fabs] == ["Fab IE"]
    assert "in EU" in str(in_eu)
    assert "Leixlip" in str(in_eu)
    assert nc.leaders(7, as_of="2022-01-01", region="China", catalog=catalog).foundries == ("Red",)
    assert (
        nc.leaders(
            7, as_of="2022-01-01", region="CN", known_by="2022-01-01", catalog=catalog
        ).foundries
        == ()
    )


def test_unknown_region_is_a_validation_error() -> None:
    with pytest.raises(nc.ValidationError, match="region"):
        nc.leaders(7, region="Atlantis")


def test_controls_in_force_for_a_foundry() -> None:
    catalog = _catalog()
    assert [c.id for c in nc.controls("Red", as_of="2021-01-01", catalog=catalog)] == [
        "entity-list"
    ]
    assert [c.id for c in nc.controls("Red", as_of="2023-01-01", catalog=catalog)] == [
        "entity-list",
        "late-rule",
    ]
    assert list(nc.controls("Blue", as_of="2023-01-01", catalog=catalog)) == []
    assert list(nc.controls("Red", as_of="2020-12-01", catalog=catalog)) == []
    assert "Entity List: Red" in str(nc.controls(as_of="2023-01-01", catalog=catalog))


def test_beyond_controls_finds_nodes_reached_after_a_control() -> None:
    catalog = _catalog()
    (breach,) = nc.beyond_controls(as_of="2022-08-01", catalog=catalog)
    assert breach.control.id == "entity-list"
    assert breach.node is R7
    assert str(breach.reached) == "2021-07"
    assert breach.years_after == pytest.approx(0.53, abs=0.01)
    # R14 predates the entity listing, and nothing new came after the late rule.
    assert not nc.beyond_controls(as_of="2021-01-01", catalog=catalog)
    assert not nc.beyond_controls(as_of="2022-08-01", known_by="2021-06-01", catalog=catalog)
    assert "evidence" in str(nc.beyond_controls(as_of="2022-08-01", catalog=catalog))


def test_the_order_of_the_records_never_decides_the_node_past_a_control() -> None:
    """Two nodes of one class, in production from one month: the one with the smaller id
    is named, whichever the file lists first."""
    r7b = nc.ProcessNode("red-r7b", RED, "R7B", marketing_nm=7.0)
    base = _catalog()
    twins = (R7, r7b)
    for order in (twins, twins[::-1]):
        catalog = nc.Catalog(
            (SOURCE,),
            (RED,),
            order,
            tuple(_production(node, "2021-07") for node in order),
            controls=tuple(c for c in base.controls if c.id == "entity-list"),
        )
        (breach,) = nc.beyond_controls(as_of="2022-08-01", catalog=catalog)
        assert breach.node is R7


def test_a_fab_makes_only_its_operators_nodes() -> None:
    with pytest.raises(nc.ValidationError, match="not made by"):
        nc.Fab(
            "x", BLUE, "X", "Y", "US", (nc.FabNode(R7, D("2021"), dt.date(2021, 1, 1), (SOURCE,)),)
        )


def test_a_control_needs_a_target() -> None:
    with pytest.raises(nc.ValidationError, match="target"):
        nc.ExportControl(
            "x",
            "US",
            "X",
            (nc.ControlScope.ITEMS,),
            dt.date(2020, 1, 1),
            dt.date(2020, 1, 1),
            (SOURCE,),
        )


def test_fabs_and_controls_round_trip() -> None:
    catalog = _catalog()
    assert nc.catalog_from_dict(nc.catalog_to_dict(catalog)) == catalog


def test_bundled_data_answers_where_and_past_which_control() -> None:
    assert nc.leaders(7, as_of="2022-07-21", region="US").foundries == ("Intel",)
    assert "TSMC" in nc.leaders(7, as_of="2022-07-21", region="Taiwan").foundries
    assert "TSMC" not in nc.leaders(7, as_of="2022-07-21", region="US").foundries
    assert "Intel" in nc.leaders(7, as_of="2024-01-01", region="EU").foundries
    breaches = nc.beyond_controls(as_of="2022-07-21")
    assert [(b.foundry.name, b.node.name, str(b.reached)) for b in breaches] == [
        ("SMIC", "N+1", "2021-07")
    ]
    assert {"Entity List listing of SMIC"} <= {
        c.title for c in nc.controls("SMIC", as_of="2021-01-01")
    }
    in_force_2023 = {c.jurisdiction for c in nc.controls("SMIC", as_of="2023-12-31")}
    assert {"US", "NL", "JP"} <= in_force_2023


def test_a_breach_known_only_to_a_month_is_possible_until_it_ends() -> None:
    # SMIC's N+1 is dated to July 2021, after the Entity List rule of December 2020.
    inside = nc.beyond_controls(as_of="2021-07-15")
    assert [b.foundry.name for b in inside] == []
    assert [(b.foundry.name, b.node.name, b.surely) for b in inside.possibly] == [
        ("SMIC", "N+1", False)
    ]
    assert "2021-07 (possibly)" in str(inside)
    after = nc.beyond_controls(as_of="2021-08-15")
    assert [(b.foundry.name, b.node.name) for b in after] == [("SMIC", "N+1")]
    assert after.possibly == ()


def test_a_planned_fab_places_no_production() -> None:
    catalog = _catalog()
    plan = nc.FabNode(R7, D("2022"), dt.date(2021, 3, 1), (SOURCE,), planned=True)
    texas = nc.Fab("red-tx", RED, "Fab TX", "Austin, Texas", "US", (plan,))
    with_plan = nc.Catalog(
        catalog.sources,
        catalog.foundries,
        catalog.nodes,
        catalog.claims,
        (*catalog.fabs, texas),
        catalog.controls,
    )
    assert not plan.makes_on(dt.date(2023, 1, 1))
    assert not plan.makes_on(dt.date(2023, 1, 1), possibly=True)
    assert (texas, plan) in with_plan.made_at(R7)
    assert all(site.fab != texas for site in with_plan.sites(R7))
    in_us = nc.leaders(7, as_of="2023-01-01", region="US", catalog=with_plan)
    assert "Red" not in in_us.foundries
    assert "Red" not in in_us.possible_foundries
    assert nc.catalog_from_dict(nc.catalog_to_dict(with_plan)) == with_plan
    assert repr(plan) == "FabNode('Red R7', since='2022', planned)"


def test_bundled_plans_are_not_production_sites() -> None:
    catalog = nc.default_catalog()
    taylor = next(fab for fab in catalog.fabs if fab.id == "samsung-taylor")
    assert taylor.nodes == ()
    assert "Samsung" not in nc.leaders(2, as_of="2026-06-30", region="US").foundries
    plans = [made for fab in catalog.fabs for made in fab.nodes if made.planned]
    assert len(plans) >= 15
    sites = [site for node in catalog.nodes for site in catalog.sites(node)]
    assert not any(isinstance(site.made, nc.FabNode) and site.made.planned for site in sites)
