"""Issue 13, point 1: one table of every node, in text, HTML, a typed frame and data, and
a node's card in notebooks."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import nodecompare as nc
from nodecompare.render import text_style
from nodecompare.results import as_text

DAY = "2022-07-21"


def _tiny_catalog() -> nc.Catalog:
    """One foundry with a node whose name, note and source need escaping in HTML."""
    source = nc.Source("s", "P & <Q>", "<script>alert(1)</script>", nc.SourceKind.COMPANY)
    maker = nc.Foundry("m", "M&M <Fab>", "GB", nc.BusinessModel.IDM)
    density = nc.Figure(nc.Metric.DENSITY, 10.0, nc.Basis.VENDOR_CLAIM, source)
    node = nc.ProcessNode(
        "m-28", maker, "M<28>", marketing_nm=28.0, figures=(density,), note="<b>bold</b>"
    )
    hvm = nc.Claim(
        "m-28-hvm",
        nc.ClaimKind.VOLUME_PRODUCTION,
        "M<28> in production",
        nc.PartialDate.parse("2015"),
        dt.date(2015, 12, 31),
        (source,),
        node=node,
    )
    return nc.Catalog((source,), (maker,), (node,), (hvm,))


def test_every_node_appears_once() -> None:
    table = nc.nodes(as_of=DAY)
    catalog_ids = [node.id for node in nc.default_catalog().nodes]
    assert sorted(table.ids) == sorted(catalog_ids)
    assert len(set(table.ids)) == len(table.ids)
    tsmc = nc.nodes("TSMC", as_of=DAY)
    assert {row.node.foundry.name for row in tsmc} == {"TSMC"}
    assert set(tsmc.ids) < set(table.ids)


def test_known_by_hides_a_node_reported_later_and_a_later_name() -> None:
    assert "tsmc-a16" in nc.nodes("TSMC", as_of=DAY).ids
    assert "tsmc-a16" not in nc.nodes("TSMC", as_of=DAY, known_by="2019-01-01").ids
    # Intel's "10nm" was renamed Intel 7 on 2021-07-26: a reader before then knew it so.
    before = nc.nodes("Intel", as_of="2021-06-01", known_by="2021-06-01")
    assert "Intel 7" not in [row.name for row in before]
    after = nc.nodes("Intel", as_of=DAY)
    assert "Intel 7" in [row.name for row in after]


def test_production_dates_follow_the_claims_known_then() -> None:
    then = nc.nodes("SMIC", as_of=DAY, known_by="2022-07-01")
    now = nc.nodes("SMIC", as_of=DAY)
    n1_then = then[then.ids.index("smic-n-plus-1")]
    n1_now = now[now.ids.index("smic-n-plus-1")]
    assert (n1_then.status, n1_then.claims) == ("", ())
    assert n1_now.status == "surely"
    assert str(n1_now.surely_since) == "2021-07"
    leaders = nc.leaders(7, as_of=DAY)
    smic = next(e for e in leaders.entries if e.foundry.name == "SMIC")
    assert smic.since == n1_now.surely_since


def test_a_frame_has_typed_columns() -> None:
    pd = pytest.importorskip("pandas")
    frame = nc.nodes(as_of=DAY).to_frame()
    types = frame.dtypes.astype(str).to_dict()
    for column in ("production_possibly_from", "production_surely_from"):
        assert types[column].startswith("datetime64")
    for column in ("class_nm", "density_mtr_per_mm2", "cpp_nm", "mmp_nm", "sram_cell_um2"):
        assert types[column] == "float64"
    for column in ("density_mtr_per_mm2_basis", "cpp_nm_source", "foundry", "name"):
        assert isinstance(frame[column].dtype, pd.StringDtype)
    assert frame.loc["tsmc-n5", "density_mtr_per_mm2"] == pytest.approx(137.6)
    assert isinstance(frame.loc["tsmc-n5", "names"], list)
    assert frame.loc["tsmc-n5", "production_surely_from"] == pd.Timestamp("2020-06-30")


def test_the_table_shows_as_text_html_and_json() -> None:
    table = nc.nodes("TSMC", as_of=DAY)
    assert repr(table) == "<Nodes of TSMC on 2022-07-21: 22 nodes>"
    text = str(table)
    assert "tsmc-n5" in text
    assert "137.6" in text
    html = table._repr_html_()
    assert "analyst_calculation" in html
    data = json.loads(json.dumps(table.to_dict()))
    n5 = next(row for row in data["nodes"] if row["id"] == "tsmc-n5")
    assert n5["density_mtr_per_mm2_source"] == "hardzone-2022-tsmc-5nm-density"
    assert n5["production_surely_from"] == "2020-06-30"


def test_the_html_escapes_text() -> None:
    catalog = _tiny_catalog()
    table = nc.nodes(as_of=DAY, catalog=catalog)
    for html in (table._repr_html_(), catalog.node("m-28")._repr_html_()):
        assert "<script>" not in html
        assert "M<28>" not in html
        assert "M&lt;28&gt;" in html
    assert "<b>bold</b>" not in catalog.node("m-28")._repr_html_()


def test_a_node_shows_its_card_in_a_notebook() -> None:
    card = nc.node("TSMC", "N5")._repr_html_()
    for part in ("figures", "names over time", "production claims", "fabs"):
        assert f">{part}</caption>" in card
    # A node of another catalog shows what it carries itself.
    foreign = _tiny_catalog().node("m-28")._repr_html_()
    assert ">figures</caption>" in foreign
    assert ">fabs</caption>" not in foreign


def test_citations_show_as_html() -> None:
    assert nc.cite(nc.node("TSMC", "N5"))._repr_html_().startswith("<table>")


@pytest.mark.parametrize(
    ("arguments", "argument"),
    [
        ({"as_of": "20220721"}, "as_of"),
        ({"known_by": 2022}, "known_by"),
        ({"foundry": 3}, "foundry"),
        ({"catalog": "bundled"}, "catalog"),
    ],
)
def test_bad_arguments_are_refused_in_one_line(arguments: dict[str, object], argument: str) -> None:
    with pytest.raises(nc.ValidationError, match=argument) as caught:
        nc.nodes(**arguments)  # type: ignore[arg-type]
    assert "\n" not in str(caught.value)


def test_an_unknown_foundry_is_an_unknown_name() -> None:
    with pytest.raises(nc.UnknownNameError):
        nc.nodes("Nonesuch")


def test_a_node_card_names_each_figures_library_and_marks_projections() -> None:
    # Intel 3's two cell heights differ only by library; 5LPE's densities are projections.
    with text_style(width=120, evidence="summary"):
        intel_3 = as_text(nc.node("Intel", "Intel 3"))
        samsung_5 = as_text(nc.node("Samsung", "5LPE"))
    assert "240 nm HP" in intel_3
    assert "210 nm HD" in intel_3
    assert "vendor_ratio (projected)" in samsung_5
    assert "vendor_ratio (projected)" in nc.node("Samsung", "5LPE")._repr_html_()
