"""The bundled catalog: complete enough for its promises, every fact cited."""

import datetime as dt
import json
import re
from importlib import resources

import nodecompare as nc

ARTICLE = "reference-article-2022"


def test_starter_foundries() -> None:
    catalog = nc.default_catalog()
    for name in ("TSMC", "Samsung", "Intel", "SMIC", "GlobalFoundries", "UMC"):
        assert catalog.nodes_of(name), name


def test_every_source_is_cited() -> None:
    catalog = nc.default_catalog()
    cited = set(nc.cite(catalog.claims))
    cited |= {f.source for n in catalog.nodes for f in n.figures}
    cited |= {s for n in catalog.nodes for s in n.sources}
    cited |= {n.class_source for n in catalog.nodes if n.class_source}
    cited |= {s for f in catalog.foundries for s in f.sources}
    cited |= set(nc.cite(catalog.fabs, catalog.controls, catalog.locations))
    cited |= {s for n in catalog.nodes for a in n.aliases for s in a.sources}
    cited |= set(nc.cite(catalog.products))
    assert set(catalog.sources) == cited


def test_a_title_is_only_the_title() -> None:
    """Whether a title was seen is ``title_inferred``'s to say, never the title's words."""
    hedge = re.compile(r"\b(inferred|not seen|not verified|unverified)\b", re.IGNORECASE)
    assert [s.id for s in nc.default_catalog().sources if hedge.search(s.title)] == []


def test_every_node_from_28nm_to_2nm_class_per_leading_foundry() -> None:
    catalog = nc.default_catalog()
    expected: dict[str, set[float]] = {
        "TSMC": {28, 16, 10, 7, 5, 3, 2},
        "Samsung": {14, 10, 7, 5, 3, 2},
        "Intel": {22, 14, 10, 7, 4, 3, 1.8},
    }
    for foundry, classes in expected.items():
        have = {node.node_class for node in catalog.nodes_of(foundry)}
        assert classes <= have, (foundry, classes - have)


def test_every_volume_production_date_is_cited_for_the_leading_nodes() -> None:
    catalog = nc.default_catalog()
    for foundry, name in [
        ("TSMC", "N7"),
        ("TSMC", "N5"),
        ("TSMC", "N3"),
        ("Samsung", "7LPP"),
        ("Intel", "10nm ESF"),
        ("SMIC", "14nm"),
        ("SMIC", "N+1"),
    ]:
        node = catalog.node(foundry, name)
        kinds = {c.kind for c in catalog.claims_about(node)}
        assert kinds & {nc.ClaimKind.VOLUME_PRODUCTION, nc.ClaimKind.PRODUCT_SHIPPED}, node


def test_every_article_statement_is_a_claim_with_both_dates() -> None:
    told = nc.claims(source=ARTICLE)
    assert len(told) >= 14
    subjects = {c.subject for c in told}
    assert {"SMIC N+1", "SMIC 14nm", "TSMC N7", "Samsung 7LPP", "Intel 4"} <= subjects
    for claim in told:
        assert claim.reported_on <= dt.date(2022, 7, 22)
        assert claim.valid_from.start <= dt.date(2023, 12, 31)
        assert len(claim.sources) >= 1
    kinds = {c.kind for c in told}
    assert {nc.ClaimKind.EXPORT_CONTROL, nc.ClaimKind.POLICY, nc.ClaimKind.STATEMENT} <= kinds


def test_the_12nm_statement_is_recorded_as_disputed() -> None:
    twelve = [
        c
        for c in nc.claims(source=ARTICLE)
        if c.kind is nc.ClaimKind.MOST_ADVANCED and c.region == "US"
    ]
    assert twelve
    assert all(c.confidence is nc.Confidence.DISPUTED for c in twelve)


def test_coverage_of_manufacturers_and_nodes() -> None:
    catalog = nc.default_catalog()
    assert len(catalog.foundries) >= 10
    assert len(catalog.nodes) >= 70
    classes = {node.node_class for node in catalog.nodes}
    assert max(classes) >= 130
    assert min(classes) <= 1.4
    for name in (
        "TSMC",
        "Samsung",
        "Intel",
        "SMIC",
        "GlobalFoundries",
        "UMC",
        "Rapidus",
        "Hua Hong",
        "Tower",
        "IBM",
    ):
        assert catalog.nodes_of(name), name


def test_the_variants_people_compare_are_all_there() -> None:
    wanted = {
        "TSMC": ["N7", "N7P", "N6", "N5", "N5P", "N4", "N4P", "N3", "N3E", "N3P", "N2", "A16"],
        "Samsung": ["7LPP", "5LPE", "4LPP", "SF3E", "SF3", "SF2"],
        "Intel": ["22nm", "14nm", "10nm", "Intel 7", "Intel 4", "Intel 3", "20A", "18A", "14A"],
        "SMIC": ["28nm", "14nm", "12nm", "N+1", "N+2", "N+3"],
        "GlobalFoundries": ["22FDX", "14LPP", "12LP+"],
    }
    catalog = nc.default_catalog()
    for foundry, names in wanted.items():
        for name in names:
            assert catalog.node(foundry, name, as_of="2023-06-01"), (foundry, name)
    assert any(
        c.kind is nc.ClaimKind.CANCELLED for c in catalog.claims_about(catalog.node("Intel", "20A"))
    )


def test_no_confirmed_claim_rests_only_on_copies() -> None:
    """A claim marked confirmed cites at least one original: the speaker itself (a
    company, government, paper or teardown, even when read through a wire or a reprint)
    or a publication that is not itself a copy of another's report."""
    copy = re.compile(
        r"republish|repost|mirror|rewrite|\bcopy\b|reprint|translation|\([^)]* report\)", re.I
    )
    speakers = {nc.SourceKind.COMPANY, nc.SourceKind.GOVERNMENT, nc.SourceKind.ACADEMIC}
    speakers.add(nc.SourceKind.TEARDOWN)
    resting_on_copies = [
        claim.id
        for claim in nc.default_catalog().claims
        if claim.confidence is nc.Confidence.CONFIRMED
        and all(s.kind not in speakers and copy.search(s.publisher) for s in claim.sources)
    ]
    assert resting_on_copies == []


#: Words of a note written to whoever merges research, not to the reader: instructions,
#: edit history and research jargon. Notes say what a record rests on, for users.
WORKSHOP_WORDS = re.compile(
    r"integrator|replaces the earlier|moves valid_from|corrected from|suggested new|"
    r"existing fab id|can be dropped|may be kept|keep it if|do not drop|candidate only|"
    r"\bthe brief\b|\bthe task\b|\(unchanged\)|^keep ",
    re.IGNORECASE,
)


def _texts(record: object, where: str) -> list[tuple[str, str]]:
    if isinstance(record, dict):
        here = f"{where}/{record.get('id', '')}"
        return [found for key, value in record.items() for found in _texts(value, f"{here}.{key}")]
    if isinstance(record, list):
        return [found for item in record for found in _texts(item, where)]
    return [(where, record)] if isinstance(record, str) else []


def test_notes_speak_to_readers_not_to_whoever_merged_the_research() -> None:
    data = resources.files("nodecompare").joinpath("data")
    files = [
        path
        for folder in (data, *(p for p in data.iterdir() if p.is_dir()))
        for path in folder.iterdir()
        if path.name.endswith(".json")
    ]
    texts = [
        found
        for path in files
        for found in _texts(json.loads(path.read_text(encoding="utf-8")), path.name)
    ]
    assert len(texts) > 1000
    assert [(where, text) for where, text in texts if WORKSHOP_WORDS.search(text)] == []
