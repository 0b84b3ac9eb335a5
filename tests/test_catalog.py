"""Lookups by name or alias, names valid over time, merge."""

import datetime as dt
import re
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nodecompare as nc
from nodecompare.strategies import catalogs


def test_foundry_lookup_ignores_case_and_spacing() -> None:
    tsmc = nc.foundry("tsmc")
    assert tsmc.name == "TSMC"
    assert nc.foundry("  T S M C ") is tsmc
    assert nc.foundry("GlobalFoundries") is nc.foundry("gf")


def test_node_lookup_by_name_alias_and_id() -> None:
    n7 = nc.node("TSMC", "N7")
    assert n7.id == "tsmc-n7"
    assert nc.node("tsmc", "n 7") is n7
    assert nc.node("tsmc-n7") is n7
    assert nc.node("TSMC", "TSMC N7") is n7


def test_intel_10nm_esf_is_intel_7() -> None:
    assert nc.node("Intel", "10nm ESF").name == "Intel 7"
    intel_7 = nc.node("Intel", "Intel 7", as_of="2024-01-01")
    assert nc.node("Intel", "10 nm Enhanced SuperFin") is intel_7
    assert nc.node("Intel", "7", as_of="2024-01-01") is intel_7


def test_a_current_name_spelled_exactly_needs_no_date() -> None:
    assert nc.node("Intel", "Intel 7") is nc.node("Intel", "Intel 7", as_of="2024-01-01")
    assert nc.node("Intel", "intel  7").name == "Intel 7"
    for loose in ("7nm", "7"):  # Intel's old name for Intel 4, and loosely Intel 7
        with pytest.raises(nc.AmbiguousNameError):
            nc.node("Intel", loose)


def test_intel_7nm_meant_intel_4_before_the_rename() -> None:
    with pytest.raises(nc.AmbiguousNameError) as caught:
        nc.node("Intel", "Intel 7nm")
    assert len(caught.value.candidates) == 2
    assert nc.node("Intel", "Intel 7nm", as_of="2021-01-01").name == "Intel 4"
    assert nc.node("Intel", "Intel 7nm", as_of="2022-01-01").name == "Intel 7"


def test_unknown_names_list_close_matches() -> None:
    with pytest.raises(nc.UnknownNameError, match="TSMC") as caught:
        nc.foundry("TSMCC")
    assert isinstance(caught.value, LookupError)
    assert "TSMC" in caught.value.candidates
    with pytest.raises(nc.UnknownNameError) as caught_node:
        nc.node("TSMC", "N77")
    assert "N7" in caught_node.value.candidates
    assert nc.default_catalog().get_node("TSMC", "N77") is None
    assert nc.default_catalog().get_foundry("nobody") is None


_SPACING = st.sampled_from(["", " ", "  ", "-", "_"])


def _respell(draw: Callable[[st.SearchStrategy[str]], str], name: str) -> str:
    chars = [draw(st.sampled_from([c.lower(), c.upper()])) + draw(_SPACING) for c in name]
    return draw(_SPACING) + "".join(chars)


@given(catalogs(), st.data())
def test_lookups_ignore_case_and_spacing(catalog: nc.Catalog, data: st.DataObject) -> None:
    for foundry in catalog.foundries:
        assert catalog.foundry(_respell(data.draw, foundry.name)) is foundry
    for node in catalog.nodes:
        assert (
            catalog.node(_respell(data.draw, node.foundry.name), _respell(data.draw, node.name))
            is node
        )


def test_every_bundled_name_finds_its_node() -> None:
    catalog = nc.default_catalog()
    for node in catalog.nodes:
        assert catalog.node(node.foundry.name, node.name, as_of="2100-01-01") is node
        for alias in node.aliases:
            day = alias.since or alias.until or None
            if alias.until is not None:
                day = (
                    alias.until.replace(year=alias.until.year - 1)
                    if alias.since is None
                    else alias.since
                )
            if alias.disputed:
                # Sources disagree on which node the name meant: no date decides.
                with pytest.raises(nc.AmbiguousNameError, match="sources disagree") as caught:
                    catalog.node(node.foundry.id, alias.name, as_of=day)
                assert caught.value.disputed
                continue
            assert catalog.node(node.foundry.id, alias.name, as_of=day) is node


def test_names_clashing_in_time_are_rejected() -> None:
    base = nc.default_catalog()
    n7 = base.node("TSMC", "N7")
    clash = nc.ProcessNode(
        "tsmc-other", n7.foundry, "Other", aliases=(nc.Alias("n7"),), marketing_nm=7.0
    )
    with pytest.raises(nc.CatalogError, match=re.escape("name 'n7' also means")):
        nc.Catalog(base.sources, base.foundries, (*base.nodes, clash), base.claims)


def test_records_must_refer_inside_the_catalog() -> None:
    base = nc.default_catalog()
    stranger = nc.Foundry("stranger", "Stranger", "US", nc.BusinessModel.IDM)
    node = nc.ProcessNode("stranger-n1", stranger, "N1", marketing_nm=1.0)
    with pytest.raises(nc.CatalogError, match=r"Foundry 'stranger', not in the catalog"):
        nc.Catalog(base.sources, base.foundries, (*base.nodes, node), base.claims)


def test_background_sources_must_be_in_the_catalog() -> None:
    """A source cited as background (by a claim, a fab's node or a location) is a
    reference like any other: one the catalog does not hold is refused."""
    base = nc.default_catalog()
    stray = nc.Source("stray-notes", "Me", "My notes", nc.SourceKind.ANALYST)
    claim, fab, location = base.claims[0], base.fabs[0], base.locations[0]
    made = attrs.evolve(fab.nodes[0], background=(stray,))
    changed = {
        "claims": (attrs.evolve(claim, background=(stray,)), *base.claims[1:]),
        "fabs": (attrs.evolve(fab, nodes=(made, *fab.nodes[1:])), *base.fabs[1:]),
        "locations": (attrs.evolve(location, background=(stray,)), *base.locations[1:]),
    }
    for section, records in changed.items():
        parts = {name: getattr(base, name) for name in nc.catalog.SECTIONS}
        parts[section] = records
        with pytest.raises(nc.CatalogError, match=r"Source 'stray-notes', not in the catalog"):
            nc.Catalog(**parts)


@given(catalogs(), catalogs())
def test_merge_keeps_every_record_of_both(a: nc.Catalog, b: nc.Catalog) -> None:
    try:
        merged = a.merge(b)
    except nc.CatalogError as error:
        # Only a real conflict (same id, different record) may stop a merge.
        for problem in error.problems:
            section, _, rest = problem.record.partition("[")
            record_id = rest.split("'")[1]
            ours = {r.id: r for r in getattr(a, section)}
            theirs = {r.id: r for r in getattr(b, section)}
            assert ours[record_id] != theirs[record_id]
        return
    for section in ("sources", "foundries", "nodes", "claims"):
        ids = {r.id for r in getattr(merged, section)}
        assert ids == {r.id for r in getattr(a, section)} | {r.id for r in getattr(b, section)}
        assert set(getattr(a, section)) <= set(getattr(merged, section))


def test_merge_refuses_to_overwrite() -> None:
    base = nc.default_catalog()
    n7 = base.node("TSMC", "N7")
    changed = nc.Catalog(
        base.sources,
        base.foundries,
        tuple(attrs.evolve(n, note="edited") if n is n7 else n for n in base.nodes),
        (),
    )
    with pytest.raises(nc.CatalogError, match=r"'tsmc-n7'\.id: conflicts"):
        base.merge(changed)
    assert base.merge(base) == base


def test_samsungs_renamed_3nm_follows_its_names() -> None:
    sf2 = nc.node("Samsung", "SF2")
    assert nc.node("Samsung", "SF3", as_of="2023-06-01") is sf2
    assert nc.node("Samsung", "3GAP") is sf2
    assert nc.node("Samsung", "3GAE") is nc.node("Samsung", "SF3E")
    assert sf2.marketing_nm_on(dt.date(2023, 6, 1)) == 3
    assert sf2.name_on(dt.date(2023, 6, 1)) == "SF3"
    assert sf2.name_on(dt.date(2024, 6, 1)) == "SF2"


def test_names_given_later_are_unknown_to_an_earlier_reader() -> None:
    # Before 26 July 2021 "Intel 7" could only mean the node then called 7nm.
    assert nc.node("Intel", "Intel 7", known_by="2021-07-01").name == "Intel 4"
    assert nc.node("Intel", "Intel 7", as_of="2022-01-01", known_by="2022-01-01").name == "Intel 7"
    with pytest.raises(nc.UnknownNameError, match="as known on 2021-07-01"):
        nc.node("Intel", "Intel 3", known_by="2021-07-01")
