"""Issue 11's promises: every result shows itself the same ways, one date grammar, the
reference tables are data with sources, and the command line offers --json everywhere."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from typing import Any

import pytest

import nodecompare as nc
from answers import ANSWERS, DAY, result_types
from nodecompare import reference
from nodecompare.cli import main, parser
from nodecompare.model.regions import region, regions
from nodecompare.queries.compare import generations


@pytest.fixture(scope="module", params=sorted(ANSWERS))
def answer(request: pytest.FixtureRequest) -> Any:
    made = ANSWERS[request.param]()
    assert type(made).__name__ == request.param
    return made


def test_every_result_type_is_listed() -> None:
    assert {kind.__name__ for kind in result_types()} == set(ANSWERS)


def test_a_result_has_a_short_repr(answer: Any) -> None:
    text = repr(answer)
    assert "\n" not in text
    assert len(text) <= 120
    assert repr(answer) == text  # deterministic


def test_a_result_shows_as_text_html_data_and_a_frame(answer: Any) -> None:
    pd = pytest.importorskip("pandas")
    text = str(answer)
    assert text.count("\n") >= 1
    assert text != repr(answer)
    assert answer._repr_html_().count("<table") >= 1
    assert json.loads(json.dumps(answer.to_dict()))
    assert isinstance(answer.to_frame(), pd.DataFrame)


def test_every_result_can_be_cited(answer: Any) -> None:
    assert len(nc.cite(answer)) > 0


def test_the_short_reprs_say_what_was_asked() -> None:
    assert repr(nc.leaders(7, as_of=DAY)) == "<Leaders 7 nm on 2022-07-21: 4 foundries>"
    assert repr(nc.node("TSMC", "N7")) == "ProcessNode('TSMC', 'N7')"
    in_us = nc.leaders(7, as_of=DAY, region="US", known_by="2022-07-01")
    assert repr(in_us) == "<Leaders 7 nm in US on 2022-07-21, known by 2022-07-01: 1 foundry>"


def test_an_unsupported_object_gets_a_one_line_error() -> None:
    with pytest.raises(nc.UnsupportedError) as caught:
        nc.cite(3.5)
    assert str(caught.value) == "cannot cite a float"
    with pytest.raises(TypeError, match=r"^cannot show a dict as text$"):
        nc.results.as_text({})


@pytest.mark.parametrize(
    ("text", "start", "precision"),
    [
        ("2021", dt.date(2021, 1, 1), "year"),
        ("2020-H2", dt.date(2020, 7, 1), "half"),
        ("2020-Q2", dt.date(2020, 4, 1), "quarter"),
        ("2021-07", dt.date(2021, 7, 1), "month"),
        ("2022-07-21", dt.date(2022, 7, 21), "day"),
    ],
)
def test_the_five_forms_of_a_date(text: str, start: dt.date, precision: str) -> None:
    date = nc.PartialDate.parse(text)
    assert (date.start, date.precision.value, str(date)) == (start, precision, text)


@pytest.mark.parametrize("text", ["2022W294", "20220721", "21/07/2022", "2022-7-21", "2022-02-30"])
def test_the_same_forms_are_refused_by_queries_and_files(text: str) -> None:
    with pytest.raises(nc.ValidationError, match="as_of"):
        nc.leaders(7, as_of=text)
    with pytest.raises(ValueError, match=re.escape(repr(text))):
        nc.PartialDate.parse(text)
    document = {"claims": [], "foundries": [], "sources": [{"id": "s", "publisher": "P"}]}
    document["sources"][0] |= {"title": "T", "kind": "press", "accessed": text}
    with pytest.raises(nc.CatalogError, match="accessed"):
        nc.catalog_from_dict(document)


def test_a_day_is_asked_for_where_a_day_is_needed() -> None:
    with pytest.raises(nc.ValidationError, match="a month, not a day"):
        nc.leaders(7, as_of="2022-07")
    assert nc.leaders(7, as_of=dt.datetime(2022, 7, 21, 12)).as_of == dt.date(2022, 7, 21)


def test_an_empty_catalog_is_a_catalog() -> None:
    empty = nc.Catalog()
    with pytest.raises(nc.UnknownNameError):
        nc.foundry("TSMC", catalog=empty)
    assert len(nc.leaders(7, catalog=empty)) == 0
    assert len(nc.claims(catalog=empty)) == 0


def test_the_eu_counts_its_members_of_the_date_asked() -> None:
    eu = region("eu")
    assert "GB" in eu.countries_on(dt.date(2019, 6, 1))
    assert "GB" not in eu.countries_on(dt.date(2020, 2, 1))
    assert "HR" not in eu.countries_on(dt.date(2013, 6, 30))
    assert "HR" in eu.countries_on(dt.date(2013, 7, 1))
    assert len(eu.countries_on(dt.date(2026, 1, 1))) == 27
    assert region("TW").name == "Taiwan"
    assert eu.sources


def test_a_fab_in_the_uk_was_made_in_the_eu_until_brexit() -> None:
    source = nc.Source("s", "P", "T", nc.SourceKind.COMPANY)
    maker = nc.Foundry("m", "Maker", "GB", nc.BusinessModel.IDM)
    node = nc.ProcessNode("m-28", maker, "M28", marketing_nm=28.0)
    hvm = nc.Claim(
        "m-28-hvm",
        nc.ClaimKind.VOLUME_PRODUCTION,
        "M28 in production",
        nc.PartialDate.parse("2015"),
        dt.date(2015, 12, 31),
        (source,),
        node=node,
    )
    made = nc.FabNode(node, nc.PartialDate.parse("2015"), dt.date(2015, 12, 31), (source,))
    fab = nc.Fab("m-fab", maker, "Fab 1", "Newport", "GB", (made,))
    catalog = nc.Catalog((source,), (maker,), (node,), (hvm,), fabs=(fab,))
    before = nc.leaders(28, as_of="2019-06-01", region="EU", catalog=catalog)
    after = nc.leaders(28, as_of="2021-06-01", region="EU", catalog=catalog)
    assert (before.foundries, after.foundries) == (("Maker",), ())
    assert fab.regions(dt.date(2019, 6, 1)) == ("EU",)
    assert fab.regions(dt.date(2021, 6, 1)) == ()


def test_reference_tables_are_data_with_sources() -> None:
    bands = reference.table("generations")["generations"]
    assert [b["label"] for b in bands] == [g.label for g in generations()]
    assert all(band["sources"] and band["names"] for band in bands)
    assert all(s["url"] and s["publisher"] for band in bands for s in band["sources"])
    dated = [r for r in regions().values() if any(m.joined or m.until for m in r.members)]
    assert dated
    assert all(r.sources for r in dated)


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_subcommand_takes_json() -> None:
    missing = [
        name
        for name, sub in _subcommands().items()
        if "--json" not in {option for a in sub._actions for option in a.option_strings}
    ]
    assert missing == []


@pytest.mark.parametrize(
    "argv",
    [
        ["leaders", "7", "--as-of", DAY],
        ["claims", "--foundry", "SMIC", "--known-by", "2022-07-01"],
        ["node", "TSMC", "N7"],
        ["compare", "TSMC", "SMIC", "--as-of", DAY],
        ["equivalent", "Intel", "Intel 4"],
        ["trend", "--foundry", "TSMC", "--basis", "analyst_calculation"],
        ["products", "--foundry", "SMIC"],
        ["sources", "--tier", "primary"],
        ["disputes", "--known-by", DAY],
        ["controls", "--foundry", "SMIC", "--as-of", DAY],
        ["beyond-controls", "--as-of", DAY],
        ["story"],
        ["diff", "2022-07-01", "2022-07-31"],
        ["nodes", "--foundry", "SMIC", "--as-of", DAY],
    ],
    ids=lambda argv: argv[0],
)
def test_each_subcommand_prints_json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*argv, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)


def test_the_choices_come_from_the_enums() -> None:
    choices = {
        (name, action.dest): tuple(action.choices)
        for name, sub in _subcommands().items()
        for action in sub._actions
        if action.choices
    }
    assert choices[("leaders", "min_confidence")] == tuple(c.value for c in nc.Confidence)
    assert choices[("sources", "tier")] == tuple(t.value for t in nc.Tier)
    assert choices[("trend", "basis")] == tuple(b.value for b in nc.Basis)
