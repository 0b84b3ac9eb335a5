"""Disputed and superseded claims."""

import datetime as dt

import attrs
import pytest

import nodecompare as nc


def test_the_articles_12nm_claim_is_contradicted_for_the_us() -> None:
    open_disputes = {d.claim.id: d for d in nc.disputes()}
    us = open_disputes["ref2022-us-most-advanced-12nm"]
    assert us.claim.confidence is nc.Confidence.DISPUTED
    (against,) = us.contradicted_by
    assert against.node == nc.node("Intel", "Intel 7", as_of="2022-07-21")
    assert against.region == "US"
    assert against.sources
    assert "ref2022-eu-most-advanced-12nm" in open_disputes
    text = str(nc.disputes())
    assert "contradicted by" in text
    assert nc.disputes()._repr_html_().startswith("<table>")


def test_the_story_shows_the_contradictions_about_its_nodes_and_the_article() -> None:
    (section,) = [answer for title, answer in nc.story().sections if "Contradictions" in title]
    assert isinstance(section, nc.Disputes)
    shown = {d.claim.id for d in section}
    everywhere = {d.claim.id for d in nc.disputes()}
    assert {"ref2022-us-most-advanced-12nm", "ref2022-eu-most-advanced-12nm"} <= shown
    assert shown < everywhere  # Samsung's 5nm start dates are not the story's
    assert section.title.endswith(f"({len(section.entries)})")
    kept = ("samsung-7lpp", "samsung-sf3e", "tsmc-n5p", "intel-7", "smic-n-plus-1")
    for dispute in nc.disputes():
        sides = (dispute.claim, *dispute.contradicted_by)
        about = {c.node.id for c in sides if c.node} & set(kept)
        from_article = any(s.id == "reference-article-2022" for c in sides for s in c.sources)
        if about or from_article:
            assert dispute.claim.id in shown, dispute.claim.id


def test_disputes_known_by_a_date_leave_out_later_claims() -> None:
    early = {d.claim.id for d in nc.disputes(known_by="2021-01-01")}
    assert "ref2022-us-most-advanced-12nm" not in early


def _catalog_with_supersession() -> tuple[nc.Catalog, nc.Claim, nc.Claim]:
    source = nc.Source("s", "P", "T", nc.SourceKind.PRESS)
    acme = nc.Foundry("acme", "Acme", "US", nc.BusinessModel.IDM)
    a7 = nc.ProcessNode("acme-a7", acme, "A7", marketing_nm=7.0)
    early = nc.Claim(
        "early",
        nc.ClaimKind.VOLUME_PRODUCTION,
        "A7 in production from 2019",
        nc.PartialDate.parse("2019"),
        dt.date(2019, 1, 1),
        (source,),
        node=a7,
    )
    correction = nc.Claim(
        "correction",
        nc.ClaimKind.VOLUME_PRODUCTION,
        "A7 only in production from 2021",
        nc.PartialDate.parse("2021"),
        dt.date(2021, 6, 1),
        (source,),
        node=a7,
        supersedes=("early",),
    )
    return nc.Catalog((source,), (acme,), (a7,), (early, correction)), early, correction


def test_a_superseded_claim_stops_counting_once_the_correction_is_known() -> None:
    catalog, early, _ = _catalog_with_supersession()
    assert catalog.is_superseded(early)
    assert not catalog.is_superseded(early, known_by=dt.date(2020, 1, 1))
    assert nc.leaders(7, as_of="2020-01-01", known_by="2020-01-01", catalog=catalog).foundries == (
        "Acme",
    )
    assert nc.leaders(7, as_of="2020-01-01", catalog=catalog).foundries == ()
    assert str(nc.leaders(7, as_of="2022-01-01", catalog=catalog)[0].since) == "2021"


def test_references_between_claims_must_resolve() -> None:
    catalog, early, correction = _catalog_with_supersession()
    dangling = attrs.evolve(correction, disputes=("nowhere",))
    with pytest.raises(nc.CatalogError, match="refers to claim 'nowhere'"):
        nc.Catalog(catalog.sources, catalog.foundries, catalog.nodes, (early, dangling))
    with pytest.raises(nc.ValidationError, match="cannot refer to itself"):
        attrs.evolve(early, disputes=("early",))


def test_timeline_lists_claims_in_order_with_both_dates() -> None:
    smic = nc.timeline("SMIC")
    assert [c.valid_from for c in smic] == sorted(c.valid_from for c in smic)
    then = nc.timeline("SMIC", known_by="2022-07-01")
    assert all(c.reported_on <= dt.date(2022, 7, 1) for c in then)
    assert not any("MinerVa" in c.evidence for c in then)
    assert any("MinerVa" in c.evidence for c in smic)
    n1 = nc.node("SMIC", "N+1")
    assert all(c.node == n1 for c in nc.timeline(n1))
