"""compare() and equivalent(): vendors side by side, nodes on a reference ladder."""

import importlib.util

import pytest

import nodecompare as nc
from nodecompare.render import text_style


def test_tsmc_against_smic() -> None:
    result = nc.compare("TSMC", "SMIC", as_of="2023-01-01")
    rows = {row.generation.label: row for row in result}
    seven = rows["7/6 nm"]
    assert seven.a is not None
    assert seven.b is not None
    assert seven.a.node.name == "N7"
    assert seven.b.node.name == "N+1"
    assert seven.leader == nc.foundry("TSMC")
    assert seven.lag_years == pytest.approx(3.25, abs=0.1)
    assert rows["5/4 nm"].b is None
    assert rows["5/4 nm"].lag_years is None
    text = str(result)
    assert "TSMC by 3.2 y" in text
    with text_style(evidence="full"):
        assert "MinerVa" in str(result)
    assert result._repr_html_().startswith("<table>")
    assert list(result.to_frame().index)[:2] == ["28 nm", "22/20 nm"]


def test_compare_is_antisymmetric() -> None:
    ab = nc.compare("TSMC", "Samsung", as_of="2024-01-01")
    ba = nc.compare("Samsung", "TSMC", as_of="2024-01-01")
    for x, y in zip(ab, ba, strict=True):
        assert x.generation == y.generation
        assert (x.lag_years is None) == (y.lag_years is None)
        if x.lag_years is not None and y.lag_years is not None:
            assert x.lag_years == pytest.approx(-y.lag_years)
            assert x.leader == y.leader


def test_compare_by_what_was_known() -> None:
    rows = {
        r.generation.label: r
        for r in nc.compare("TSMC", "SMIC", as_of="2022-07-21", known_by="2022-07-01")
    }
    assert rows["7/6 nm"].b is None


def test_equivalent_places_nodes_on_tsmcs_ladder() -> None:
    smic = nc.equivalent(nc.node("SMIC", "N+1"))
    assert smic.nearest.name == "N7"
    assert 6 < smic.equivalent_nm < 8
    intel_10 = nc.equivalent(nc.node("Intel", "10nm"))
    assert intel_10.nearest.name == "N7"
    assert "TSMC" in intel_10.basis
    assert "~ TSMC" in str(intel_10)


def test_equivalent_of_a_reference_node_is_its_own_number() -> None:
    n5 = nc.node("TSMC", "N5")
    placed = nc.equivalent(n5)
    assert placed.nearest is n5
    assert placed.equivalent_nm == pytest.approx(5)
    assert not placed.extrapolated


def test_equivalent_needs_densities() -> None:
    with pytest.raises(nc.ValidationError, match="no density") as raised:
        nc.equivalent(nc.node("TSMC", "A16"))
    assert "ask for basis" not in str(raised.value)


def test_equivalent_names_the_bases_a_node_has_when_it_has_none_asked_for() -> None:
    # Samsung 5LPE's only densities are WikiChip's projections from Samsung's area claim.
    with pytest.raises(nc.ValidationError, match="ask for basis 'vendor_ratio'"):
        nc.equivalent("samsung-5lpe")
    placed = nc.equivalent("samsung-5lpe", basis="vendor_ratio")
    assert placed.density.basis is nc.Basis.VENDOR_RATIO


def test_an_equivalent_marks_the_projected_densities_it_rests_on() -> None:
    # 5LPE's density and N6's and N5's vendor-ratio figures are estimates made before
    # products were measured.
    placed = nc.equivalent("samsung-5lpe", basis="vendor_ratio")
    assert placed.density.projected
    assert repr(placed).startswith("<Samsung 5LPE: 106 MTr/mm**2 (projected) ~ TSMC")
    lines = {line.split("  ")[0]: line for line in str(placed).splitlines()[4:7]}
    assert "vendor_ratio (projected)" in lines["Samsung 5LPE (placed)"]
    assert "vendor_ratio (projected)" in lines["TSMC N5"]
    assert "vendor_ratio (projected)" in lines["TSMC N6"]
    assert "vendor_ratio (projected)" in placed._repr_html_()
    data = placed.to_dict()
    assert data["density_projected"] is True
    assert {step["node"]: step["projected"] for step in data["ladder"]} == {
        "tsmc-n5": True,
        "tsmc-n6": True,
    }
    if importlib.util.find_spec("pandas"):
        assert placed.to_frame()["projected"].to_dict() == {
            "samsung-5lpe": True,
            "tsmc-n6": True,
            "tsmc-n5": True,
        }
    # Only the estimates are marked: N7's and N5's HD densities were worked out from
    # measured cells, N2's before production.
    measured = nc.equivalent("tsmc-n5p")
    rows = {line.split("  ")[0]: line for line in str(measured).splitlines()[4:8]}
    assert "(projected)" not in rows["TSMC N7"]
    assert "(projected)" not in rows["TSMC N5"]
    assert "analyst_calculation (projected)" in rows["TSMC N2"]
    assert {step["node"]: step["projected"] for step in measured.to_dict()["ladder"]} == {
        "tsmc-n7": False,
        "tsmc-n5": False,
        "tsmc-n2": True,
    }


def test_a_lag_within_the_dates_precision_names_no_leader() -> None:
    rows = {r.generation.label: r for r in nc.compare("TSMC", "Samsung", as_of="2024-01-01")}
    five = rows["5/4 nm"]  # both known only to the quarter, 2020-Q2
    assert (str(five.a.since), str(five.b.since)) == ("2020-Q2", "2020-Q2")  # type: ignore[union-attr]
    assert five.lag_interval == pytest.approx((-0.25, 0.25), abs=0.01)
    assert five.leader is None
    assert "unclear" in str(nc.compare("TSMC", "Samsung", as_of="2024-01-01"))
    seven = rows["7/6 nm"]  # 2018-04 against 2018-10
    low, high = seven.lag_interval or (0, 0)
    assert 0 < low <= (seven.lag_years or 0) <= high
    assert seven.leader == nc.foundry("TSMC")


SOURCE = nc.Source("s", "P", "T", nc.SourceKind.ANALYST)


def _density(value: float, library: str) -> nc.Figure:
    return nc.Figure(nc.Metric.DENSITY, value, nc.Basis.ANALYST_CALCULATION, SOURCE, "", library)


def _ladder_catalog(*rungs: tuple[float, dict[str, float]]) -> nc.Catalog:
    """A reference vendor 'Ref' with a node R<number> per rung, its densities by library."""
    ref = nc.Foundry("ref", "Ref", "TW", nc.BusinessModel.FOUNDRY)
    nodes = tuple(
        nc.ProcessNode(
            f"ref-r{number:g}",
            ref,
            f"R{number:g}",
            marketing_nm=number,
            figures=tuple(_density(value, library) for library, value in densities.items()),
        )
        for number, densities in rungs
    )
    return nc.Catalog((SOURCE,), (ref,), nodes)


def _hp_node(density: float) -> nc.ProcessNode:
    other = nc.Foundry("other", "Other", "US", nc.BusinessModel.IDM)
    return nc.ProcessNode("other-x", other, "X", marketing_nm=4, figures=(_density(density, "HP"),))


def test_equivalent_sets_a_library_against_the_same_library_by_default() -> None:
    catalog = _ladder_catalog((7, {"HD": 100, "HP": 60}), (5, {"HD": 200, "HP": 120}))
    placed = nc.equivalent(_hp_node(120.0), "Ref", catalog=catalog)
    assert placed.library == "HP"
    assert placed.nearest.name == "R5"
    assert placed.equivalent_nm == pytest.approx(5)
    assert "HP cells" in placed.basis
    assert " HP ~ Ref 5.0 nm" in str(placed)
    assert nc.equivalent(_hp_node(120.0), "Ref", library="HP", catalog=catalog) == placed
    # With one HP rung only, each reference node stands at its preferred (HD) density.
    mixed = nc.equivalent(
        _hp_node(120.0),
        "Ref",
        catalog=_ladder_catalog((7, {"HD": 100, "HP": 60}), (5, {"HD": 200})),
    )
    assert mixed.library is None
    assert mixed.nearest.name == "R7"  # 120 lies nearer 100 than 200 on a log scale
    assert 6 < mixed.equivalent_nm < 7
    assert "HP cells" not in mixed.basis


def test_intel_7_lands_in_tsmcs_n7_class() -> None:
    placed = nc.equivalent(nc.node("Intel", "Intel 7"))
    assert placed.nearest.name == "N7"
    assert 6 < placed.equivalent_nm < 8
    # No density is published under the name: it is derived from Intel's HP-cell dimensions
    # and set against TSMC's HP cells.
    assert placed.density.basis is nc.Basis.DERIVED
    assert placed.library == "HP"
    assert [n.name for n, _ in placed.ladder] == ["N7", "N3"]
    assert "HP (derived) ~ TSMC" in str(placed)
    assert placed.basis == "logic density, HP cells: Intel 7 derived, TSMC analyst_calculation"
    assert [s.id for s in nc.cite(placed)] == [
        "anandtech-2022-intel-4-detail",
        "optocrypto-2022-intel-4-pitches",
        "wikichip-fuse-2019-tsmc-7nm-hd-hp-cells",
        "bitschips-2023-intel-4-density",
    ]


def test_the_reference_ladder_holds_published_densities_unless_asked() -> None:
    # Intel 7 has only a derived density: it is not a rung of Intel's ladder by default.
    placed = nc.equivalent(nc.node("TSMC", "N7"), "Intel")
    assert "Intel 7" not in [n.name for n, _ in placed.ladder]
    assert placed.nearest.name == "10nm"
    asked = nc.equivalent(
        nc.node("TSMC", "N7"), "Intel", basis=["analyst_calculation", "derived"], library="HP"
    )
    assert "Intel 7" in [n.name for n, _ in asked.ladder]


def test_a_ladder_whose_densities_do_not_fall_gives_no_number() -> None:
    catalog = _ladder_catalog((10, {"HP": 100}), (7, {"HP": 80}))
    with pytest.raises(nc.ValidationError, match="do not fall with its node numbers"):
        nc.equivalent(_hp_node(90.0), "Ref", catalog=catalog)


def test_intel_4_lands_between_n5_and_n3() -> None:
    placed = nc.equivalent(nc.node("Intel", "Intel 4"))
    assert 3 < placed.equivalent_nm < 5
    assert placed.library == "HP"
    assert placed.density.basis is nc.Basis.ANALYST_CALCULATION
    assert not placed.extrapolated


def test_an_equivalent_shows_the_ladder_it_was_read_from() -> None:
    placed = nc.equivalent(nc.node("Intel", "Intel 4"))
    lines = str(placed).splitlines()
    assert lines[1] == f"basis: {placed.basis}"
    rows = [line.split()[:2] for line in lines[4:7]]
    assert rows == [["TSMC", "N7"], ["Intel", "4"], ["TSMC", "N3"]]  # least dense first
    assert "(placed)" in lines[5]
    page = placed._repr_html_()
    assert "<a href='https://bits-chips.nl/" in page
    assert "HP cells" in page


def test_a_reference_node_placed_on_its_own_ladder_is_one_placed_row() -> None:
    pytest.importorskip("pandas")
    placed = nc.equivalent("tsmc-n5")
    frame = placed.to_frame()
    assert frame.index.is_unique
    assert list(frame.index[frame["placed"]]) == ["tsmc-n5"]
    assert [step.placed for step in placed.steps()].count(True) == 1
    labels = [line.split("  ")[0] for line in str(placed).splitlines()[4:]]
    assert "TSMC N5 (placed)" in labels
    assert "TSMC N5" not in labels


def test_a_foreign_node_is_the_one_placed_row_beside_the_whole_ladder() -> None:
    pytest.importorskip("pandas")
    placed = nc.equivalent(nc.node("Intel", "Intel 4"))
    frame = placed.to_frame()
    assert list(frame.index[frame["placed"]]) == [placed.node.id]
    assert len(frame) == len(placed.ladder) + 1
    assert [step.label for step in placed.steps() if step.placed] == ["Intel 4 (placed)"]


def test_a_generation_only_possibly_reached_is_marked() -> None:
    rows = {r.generation.label: r for r in nc.compare("TSMC", "Samsung", as_of="2020-05-15")}
    five = rows["5/4 nm"]  # N5 and 5LPE are both dated to 2020-Q2
    assert five.a is not None
    assert five.b is not None
    assert (five.a.surely, five.b.surely) == (False, False)
    assert five.a.when == "2020-Q2 (possibly)"
    later = {r.generation.label: r for r in nc.compare("TSMC", "Samsung", as_of="2020-06-30")}
    assert later["5/4 nm"].a is not None
    assert later["5/4 nm"].a.surely
    assert rows["7/6 nm"].a is not None
    assert rows["7/6 nm"].a.surely


def test_the_order_of_the_records_never_decides_which_node_reached_a_generation() -> None:
    """Two nodes of one class in production from one month: compare() names the one with
    the smaller id, whichever the file lists first."""
    blue = nc.Foundry("blue", "Blue", "US", nc.BusinessModel.IDM)
    red = nc.Foundry("red", "Red", "CN", nc.BusinessModel.FOUNDRY)
    b7 = nc.ProcessNode("blue-b7", blue, "B7", marketing_nm=7.0)
    twins = (
        nc.ProcessNode("red-r7", red, "R7", marketing_nm=7.0),
        nc.ProcessNode("red-r7b", red, "R7B", marketing_nm=7.0),
    )

    def production(node: nc.ProcessNode, since: str) -> nc.Claim:
        start = nc.PartialDate.parse(since)
        kind = nc.ClaimKind.VOLUME_PRODUCTION
        return nc.Claim(
            f"{node.id}-hvm", kind, "in production", start, start.end, (SOURCE,), node=node
        )

    for order in (twins, twins[::-1]):
        catalog = nc.Catalog(
            (SOURCE,),
            (blue, red),
            (b7, *order),
            (production(b7, "2019-01"), *(production(node, "2021-07") for node in order)),
        )
        rows = {r.generation.label: r for r in nc.compare("Blue", "Red", catalog=catalog)}
        seven = rows["7/6 nm"].b
        assert seven is not None
        assert seven.node.id == "red-r7"


def test_the_order_of_the_records_never_decides_a_ladders_rung() -> None:
    """Two equally dense reference nodes of one number: the ladder holds the one with the
    smaller id, whichever the file lists first."""
    ref = nc.Foundry("ref", "Ref", "TW", nc.BusinessModel.FOUNDRY)
    twins = tuple(
        nc.ProcessNode(id, ref, name, marketing_nm=7, figures=(_density(90, "HD"),))
        for id, name in (("ref-r7", "R7"), ("ref-r7b", "R7B"))
    )
    r5 = nc.ProcessNode("ref-r5", ref, "R5", marketing_nm=5, figures=(_density(140, "HD"),))
    for order in (twins, twins[::-1]):
        catalog = nc.Catalog((SOURCE,), (ref,), (*order, r5))
        placed = nc.equivalent("ref-r7b", reference="Ref", catalog=catalog)
        assert [node.id for node, _ in placed.ladder] == ["ref-r7", "ref-r5"]
