"""Source tiers, products as evidence, and which figure of a basis is preferred."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pytest

import nodecompare as nc
from nodecompare.model.publishers import canonical_spelling
from nodecompare.render import text_style

DAY = dt.date(2020, 1, 1)


def _source(source_id: str, publisher: str, kind: str = "press", **extra: object) -> nc.Source:
    return nc.Source(source_id, publisher, "A title", nc.SourceKind(kind), **extra)  # type: ignore[arg-type]


# --- tiers ----------------------------------------------------------------------------------


def test_a_speaker_is_primary_whoever_hosts_it() -> None:
    release = _source("r", "TSMC", "company", via=nc.Copy("Design & Reuse", "https://x.test/r"))
    assert release.tier is nc.Tier.PRIMARY
    assert _source("p", "IEEE", "academic").tier is nc.Tier.PRIMARY


def test_press_takes_its_publishers_tier_and_the_unknown_is_weak() -> None:
    assert _source("a", "AnandTech").tier is nc.Tier.REPUTABLE
    assert _source("b", "Some Content Farm").tier is nc.Tier.WEAK
    # Unchecked data only: integrity.check asks such a source to name AnandTech.
    by_domain = _source("c", "Unlisted name", url="https://www.anandtech.com/show/1")
    assert by_domain.tier is nc.Tier.REPUTABLE


def test_the_publisher_table_has_one_spelling_per_publisher() -> None:
    path = resources.files("nodecompare").joinpath("data", "reference", "publishers.json")
    table = json.loads(path.read_bytes())
    names = [entry["name"] for entry in table["publishers"]]
    spellings = [s for entry in table["publishers"] for s in entry.get("spellings", ())]
    domains = [d for entry in table["publishers"] for d in entry.get("domains", ())]
    assert len(set(names)) == len(names)
    assert not set(spellings) & set(names)
    assert len(set(spellings)) == len(spellings)
    assert len(set(domains)) == len(domains)
    assert {entry["tier"] for entry in table["publishers"]} <= {t.value for t in nc.Tier}
    assert canonical_spelling("DigiTimes") == "DIGITIMES"
    places = [entry["address"] for entry in table["copy_hosts"]]
    assert len(set(places)) == len(places)
    for place in places:
        host = place.partition("/")[0]
        assert host == host.lower(), place
        assert not host.startswith("www."), place
        # A publisher's own domain is never a place of copies, nor inside one.
        assert not [d for d in domains if f".{d}".endswith(f".{host}") or host.endswith(f".{d}")]


def test_a_relayed_party_is_named() -> None:
    with pytest.raises(nc.ValidationError, match="relays: expected non-empty text"):
        _source("s", "P", relays=("Acme", " "))
    record = {"id": "s", "publisher": "P", "title": "T", "kind": "press", "relays": [""]}
    with pytest.raises(nc.CatalogError, match="relays: expected non-empty text"):
        nc.catalog_from_dict({"sources": [record]})


def test_every_bundled_source_uses_the_canonical_spelling() -> None:
    misspelt = [
        (s.id, s.publisher) for s in nc.default_catalog().sources if canonical_spelling(s.publisher)
    ]
    assert misspelt == []


def test_sources_table_filters_by_tier() -> None:
    weak = nc.sources(tier="weak")
    assert len(weak) > 0
    assert {s.tier for s in weak} == {nc.Tier.WEAK}
    assert repr(weak) == f"<Sources weak: {len(weak)}>"
    assert "tier" in str(weak).splitlines()[1]
    assert "<table>" in weak._repr_html_()
    with pytest.raises(nc.ValidationError, match="tier"):
        nc.sources(tier="gold")


def test_a_sources_table_says_why_a_weak_source_is_cited_and_what_limits_the_others() -> None:
    pytest.importorskip("pandas")
    frame = nc.sources().to_frame()
    assert "VLSI 2022" in frame.loc["optocrypto-2022-intel-4-pitches", "weak_reason"]
    relay = frame.loc["notebookcheck-2016-gtx-1050-notebooks-2017"]
    assert "rumour" in relay["note"]
    assert relay.isna()["weak_reason"]
    (as_dict,) = nc.sources(publisher="Optocrypto").to_dict()
    assert as_dict["weak_reason"] == frame.loc["optocrypto-2022-intel-4-pitches", "weak_reason"]


def test_a_sources_table_says_whose_reports_a_source_relays() -> None:
    mobilesyrup = "mobilesyrup-2014-09-23-apple-a8-tsmc-20nm"
    relaying = nc.sources(publisher="MobileSyrup")
    (as_dict,) = [d for d in relaying.to_dict() if d["id"] == mobilesyrup]
    assert as_dict["relays"] == ["Chipworks", "Apple"]
    # Semicolons part the entries, since one may have commas inside its parentheses.
    assert "(relaying Chipworks; Apple)" in str(relaying)
    assert "<th style='text-align:left'>relays</th>" in relaying._repr_html_()
    assert ">Chipworks; Apple</td>" in relaying._repr_html_()
    pandas = pytest.importorskip("pandas")
    frame = nc.sources().to_frame()
    assert frame.loc[mobilesyrup, "relays"] == ["Chipworks", "Apple"]
    assert frame.loc["anandtech-2002-northwood-130nm-die", "relays"] == []
    assert pandas.api.types.is_object_dtype(frame["relays"])


# --- which figure is preferred ----------------------------------------------------------------


def _node(*figures: nc.Figure) -> nc.ProcessNode:
    foundry = nc.Foundry("f", "F", "TW", nc.BusinessModel.FOUNDRY)
    return nc.ProcessNode("f-n7", foundry, "N7", marketing_nm=7, figures=figures)


def test_the_preferred_figure_does_not_depend_on_file_order() -> None:
    early = _source("early", "AnandTech", date=nc.PartialDate.parse("2018-01"))
    late = _source("late", "AnandTech", date=nc.PartialDate.parse("2020-06-01"))
    weak = _source("weak", "A Blog", date=nc.PartialDate.parse("2024-01-01"))
    basis = nc.Basis.ANALYST_CALCULATION
    figures = [
        nc.Figure.from_quantity(nc.Metric.DENSITY, "90 MTr/mm**2", basis, early),
        nc.Figure.from_quantity(nc.Metric.DENSITY, "95 MTr/mm**2", basis, late),
        nc.Figure.from_quantity(nc.Metric.DENSITY, "99 MTr/mm**2", basis, weak),
        nc.Figure.from_quantity(nc.Metric.DENSITY, "120 MTr/mm**2", basis, late, projected=True),
    ]
    for order in (figures, figures[::-1]):
        density = _node(*order).density
        assert density is not None
        assert density.magnitude == 95


def test_headline_cells_come_before_high_performance_ones() -> None:
    source = _source("s", "AnandTech")
    basis = nc.Basis.ANALYST_CALCULATION
    hp = nc.Figure.from_quantity(nc.Metric.DENSITY, "65 MTr/mm**2", basis, source, library="HP")
    hd = nc.Figure.from_quantity(nc.Metric.DENSITY, "91 MTr/mm**2", basis, source, library="HD")
    assert _node(hp, hd).density == hd


# --- products --------------------------------------------------------------------------------


def _product(**changes: object) -> nc.Product:
    node = nc.node("TSMC", "N5")
    fields: dict[str, object] = {
        "id": "chip",
        "name": "Chip",
        "designer": "Designer",
        "node": node,
        "released": nc.PartialDate.parse("2020-10"),
        "sources": node.sources[:1],
        "die_area_mm2": 88.0,
        "transistors": 11_800_000_000,
    }
    return nc.Product(**(fields | changes))  # type: ignore[arg-type]


def test_a_products_density_is_computed_from_its_count_and_area() -> None:
    density = _product().density
    assert density is not None
    assert density.basis is nc.Basis.PRODUCT_MEASUREMENT
    assert density.magnitude == pytest.approx(11_800 / 88, rel=1e-3)
    assert _product(transistors=None).density is None
    assert _product(die_area_mm2=None).density is None


@pytest.mark.parametrize("count", [True, 1.18e10, -5, 0])
def test_a_transistor_count_is_a_positive_whole_number(count: object) -> None:
    with pytest.raises(nc.ValidationError, match=r"Product\.transistors"):
        _product(transistors=count)


def test_which_chips_are_made_on_smic_n_plus_2() -> None:
    found = nc.products(foundry="SMIC", node="N+2")
    assert "HiSilicon Kirin 9000S" in found.names
    assert {p.node for p in found} == {nc.node("SMIC", "N+2")}
    assert repr(found) == f"<Products on SMIC N+2: {len(found)}>"
    assert found.to_frame().index.name == "id"
    assert "<table>" in found._repr_html_()
    assert len(nc.cite(found)) >= len(found)


def test_products_by_region_follow_where_the_node_is_made() -> None:
    in_us = nc.products(region="US")
    assert all(any(s.country == "US" for s in nc.default_catalog().sites(p.node)) for p in in_us)
    assert len(in_us) < len(nc.products())


def test_the_bundled_products_cover_two_decades() -> None:
    catalog = nc.default_catalog()
    assert len(catalog.products) >= 40
    years = {p.released.start.year for p in catalog.products}
    assert min(years) <= 2006
    assert max(years) >= 2025
    wanted = {"MinerVa7", "Kirin 9000S", "Kirin 9010", "Kirin 9020", "Kirin 9030"}
    assert all(any(w in p.name for p in catalog.products) for w in wanted)


# --- trends on one basis ---------------------------------------------------------------------


def test_the_default_trend_fits_products_on_one_basis_with_thirty_points() -> None:
    trend = nc.density_trend(as_of="2026-11-23")
    assert trend.bases == (nc.Basis.PRODUCT_MEASUREMENT,)
    assert trend.n >= 30
    assert "products" in trend.summary()
    assert all(point.product is not None for point in trend.points)


def test_a_fit_that_mixes_bases_says_so() -> None:
    mixed = nc.density_trend(as_of="2026-11-23", basis=["analyst_calculation", "vendor_claim"])
    assert len(mixed.bases) == 2
    assert "MIXED bases" in mixed.summary()
    one = nc.density_trend(as_of="2026-11-23", basis="vendor_claim")
    assert "MIXED" not in one.summary()


def test_a_projected_density_is_marked_in_the_leaders_table() -> None:
    answer = nc.leaders(2, as_of="2026-06-30")
    n2 = nc.node("TSMC", "N2")
    assert n2.density is not None
    assert n2.density.projected
    assert f"{n2.density.magnitude:g} (projected)" in str(answer)
    assert "(projected)" in answer._repr_html_()


def test_a_sources_line_sets_the_copy_apart_from_the_relays() -> None:
    both = [(s, s.via.host) for s in nc.sources() if s.via is not None and s.relays]
    assert both, "the bundled catalog has a source read through a copy that relays others"
    source, host = both[0]
    with text_style(width=None):
        text = str(nc.sources(publisher=source.publisher))
    line = next(line for line in text.splitlines() if f"read via {host}" in line)
    assert f" | relaying {'; '.join(source.relays)})" in line
