"""cite(): the sources behind records and results, as BibTeX and CSL-JSON."""

import json

import pytest

import nodecompare as nc


def test_cite_a_node_gathers_its_own_and_its_figures_sources() -> None:
    n5 = nc.node("TSMC", "N5")
    cited = nc.cite(n5)
    for figure in n5.figures:
        assert figure.source in cited
    for source in n5.sources:
        assert source in cited
    assert len({s.id for s in cited}) == len(cited)


def test_cite_a_claim_and_a_query_result() -> None:
    claim = nc.default_catalog().claim("smic-n-plus-1-minerva-shipped")
    assert list(nc.cite(claim)) == list(claim.sources)
    story = nc.leaders(7, as_of="2022-07-21")
    cited = nc.cite(story)
    assert all(s in cited for entry in story for c in entry.claims for s in c.sources)
    assert nc.cite(claim, story).sources[: len(claim.sources)] == claim.sources


def test_cite_refuses_things_without_sources_in_one_line() -> None:
    with pytest.raises(nc.UnsupportedError, match=r"^cannot cite a int$"):
        nc.cite(42)
    with pytest.raises(TypeError, match=r"^cannot cite a str$"):
        nc.cite("tsmc")
    with pytest.raises(
        TypeError,
        match=r"^cannot cite a Catalog; cite catalog.sources or its records$",
    ):
        nc.cite(nc.Catalog())


def test_cite_a_comparison_a_dispute_list_and_a_trend() -> None:
    comparison = nc.compare("TSMC", "SMIC", as_of="2022-07-21")
    dating = {
        s
        for row in comparison
        for side in (row.a, row.b)
        if side is not None
        for claim in side.claims
        for s in claim.sources
    }
    assert dating
    assert dating <= set(nc.cite(comparison))
    disputes = nc.disputes()
    both_sides = {s for d in disputes for c in (d.claim, *d.contradicted_by) for s in c.sources}
    assert both_sides
    assert both_sides <= set(nc.cite(disputes))
    trend = nc.density_trend()
    # A product's density rests on its area and its count: every source of the product.
    behind = {s for p in trend.points if p.product is not None for s in p.product.sources}
    assert len(behind) > 5
    assert set(nc.cite(trend)) == behind


def test_bibtex_entries() -> None:
    source = nc.Source(
        "my-key",
        "Tom's Hardware",
        "100% of {things} & more",
        nc.SourceKind.PRESS,
        url="https://example.org/a_b",
        authors=("A. Writer",),
    )
    text = nc.cite(source).bibtex()
    assert text.startswith("@misc{my-key,")
    assert r"100\% of \{things\} \& more" in text
    assert "url = {https://example.org/a_b}" in text
    assert "{A. Writer}" in text
    unescaped = text.replace(r"\{", "").replace(r"\}", "")
    assert unescaped.count("{") == unescaped.count("}")


def test_csl_json_reads_back() -> None:
    cited = nc.cite(nc.node("TSMC", "N7"))
    *items, data = json.loads(cited.csl_json())
    assert [item["id"] for item in items] == [s.id for s in cited]
    assert data["id"] == f"nodecompare-data-{nc.data_version}"
    for item, source in zip(items, cited, strict=True):
        assert item["title"] == source.title
        if source.date:
            assert item["issued"]["date-parts"][0][0] == source.date.start.year
        if source.accessed:
            assert "accessed" in item


def test_every_bundled_source_records_when_we_read_it() -> None:
    assert all(s.accessed is not None for s in nc.default_catalog().sources)
