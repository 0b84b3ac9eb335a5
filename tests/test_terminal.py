"""Terminal output that fits (issue 13, point 3): every command's text fits the terminal,
evidence is one line per claim with numbered sources (or full, or none), and the story is
told in at most 120 lines at 100 columns."""

from __future__ import annotations

import argparse
import html
import itertools
import os
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import nodecompare as nc
from nodecompare.cli import main, parser
from nodecompare.render import text_style
from nodecompare.render.evidence import Notes, claim_evidence, source_line
from nodecompare.render.tables import MARK, display_width, text_table, wrap_line

DAY = "2022-07-21"

#: Typical arguments of each command; a command not listed runs with none.
TYPICAL: dict[str, list[str]] = {
    "leaders": ["7", "--as-of", DAY],
    "claims": ["--foundry", "SMIC"],
    "node": ["TSMC", "N5"],
    "compare": ["TSMC", "SMIC", "--as-of", DAY],
    "equivalent": ["Intel", "Intel 4"],
    "trend": ["--until", "2024-01-01"],
    "products": ["--foundry", "SMIC"],
    "sources": ["--tier", "weak"],
    "controls": ["--as-of", DAY],
    "beyond-controls": ["--as-of", DAY],
    "nodes": ["--as-of", DAY],
    "export": ["--format", "datapackage", "{directory}"],
    "diff": ["2022-07-01", "2022-07-31"],
}
MARKER = re.compile(r"\[(\d+)\]")
#: East Asian wide characters: the bundled data has Chinese and Korean source titles.
WIDE = re.compile("[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


SUBCOMMANDS = sorted(_subcommands())
WITH_EVIDENCE = sorted(
    name
    for name, sub in _subcommands().items()
    if "--evidence" in {option for a in sub._actions for option in a.option_strings}
)


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 0, f"{argv} failed: {capsys.readouterr().err}"
    return capsys.readouterr().out


@pytest.fixture
def columns_100(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")


def _sources_listed(out: str) -> dict[int, str]:
    """The numbered source list after ``sources:``: number -> source id."""
    _, heading, listed = out.rpartition("\nsources:\n")
    assert heading, "no source list"
    found = [re.fullmatch(r"\[(\d+)\] .* \(([^ ()]+)\)", line) for line in listed.splitlines()]
    assert all(found), listed
    return {int(m[1]): m[2] for m in found if m}


@pytest.mark.usefixtures("columns_100")
@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_command_fits_100_columns(
    command: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    typical = TYPICAL.get(command, [])
    out = _run([command, *(a.format(directory=tmp_path / "out") for a in typical)], capsys)
    too_wide = [line for line in out.splitlines() if display_width(line) > 100]
    assert too_wide == []


@pytest.mark.usefixtures("columns_100")
@pytest.mark.parametrize("argv", [["claims", "--foundry", "Hua Hong"], ["sources"]])
def test_chinese_and_korean_titles_fit_100_terminal_columns(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = _run(argv, capsys)
    assert WIDE.search(out)  # the output has wide text to measure
    assert [line for line in out.splitlines() if display_width(line) > 100] == []


def test_display_width_counts_terminal_columns() -> None:
    assert display_width("abc") == 3
    assert display_width("华虹集团") == 8
    assert display_width("삼성전자") == 8
    assert display_width("\uff21\uff22") == 4  # fullwidth A and B
    assert display_width("e\u0301e\u0301") == 2  # combining acute accents take no column
    assert display_width("a\u200bb") == 2  # zero-width space


@pytest.mark.parametrize("narrows", ["wrap", "cut_off"])
def test_a_table_with_wide_and_combining_text_keeps_its_columns_aligned(narrows: str) -> None:
    rows = [["tsmc", "台積電先進製程…" * 3, "x"], ["e\u0301e\u0301", "plain text", "y"]]
    if narrows == "wrap":
        table = text_table(["id", "name", "z"], rows, width=30, wrap=("name",))
    else:
        table = text_table(["id", "name", "z"], rows, width=30, cut_off=("name",))
    lines = table.splitlines()
    assert max(display_width(line) for line in lines) <= 30
    header = lines[0]
    column = display_width(header[: header.index(" z")]) + 1
    last = [line for line in lines if line.endswith((" x", " y"))]
    assert len(last) == 2
    assert all(display_width(line) - 1 == column for line in last)


def test_text_without_spaces_folds_between_wide_characters() -> None:
    line = "- title: " + "华虹集团华力二期十二英寸先进生产线" * 3
    lines = wrap_line(line, 60)
    assert len(lines) > 1
    assert max(display_width(part) for part in lines) <= 60
    assert "".join(lines).replace(" ", "") == line.replace(" ", "")  # no character lost


@pytest.mark.usefixtures("columns_100")
def test_the_story_is_told_in_120_lines_at_100_columns(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = _run(["story"], capsys)
    assert len(out.splitlines()) <= 120
    for fact in (
        "by what was known on 2022-07-01",
        "MinerVa",
        "Entity List",
        "the article says: only 12 nm",
        "Fab 42, Chandler, Arizona (US)",
    ):
        assert fact in out
    said = nc.claims(source="reference-article-2022")
    shown = " ".join(out.split())
    assert all(" ".join(c.statement.split()[:5]) in shown for c in said)


@pytest.mark.usefixtures("columns_100")
def test_the_story_shows_each_leader_of_each_date(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(["story"], capsys)
    sections = out.split("\n== ")
    known_then = next(s for s in sections if s.startswith("On 2022-07-21, by what was known"))
    assert "SMIC" not in known_then.split("\n", 1)[1]
    for name in nc.leaders(7, as_of=DAY).foundries:
        assert name in sections[1]


@pytest.mark.usefixtures("columns_100")
@pytest.mark.parametrize("command", WITH_EVIDENCE)
def test_evidence_none_prints_no_evidence(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run([command, *TYPICAL.get(command, []), "--evidence", "none"], capsys)
    assert not MARKER.search(out)
    assert not [line for line in out.splitlines() if line.startswith(("evidence", "sources:"))]
    assert "source:" not in out
    lines = out.splitlines()
    headers = [h for h, rule in itertools.pairwise(lines) if rule and set(rule) <= {"-", " "}]
    assert not [h for h in headers if {"source", "sources"} & set(h.split())]


@pytest.mark.usefixtures("columns_100")
def test_the_node_card_under_evidence_none_has_no_source_column(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = _run(["node", "TSMC", "N5", "--evidence", "none"], capsys)
    figures = out.split("\nfigure ", 1)[1].split("\n\n")[0]
    assert "source" not in figures.splitlines()[0]
    node = nc.node("TSMC", "N5")
    assert not [f for f in node.figures if f.source.title in out]


@pytest.mark.usefixtures("columns_100")
@pytest.mark.parametrize("command", WITH_EVIDENCE)
def test_the_source_list_matches_the_markers(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _run([command, *TYPICAL.get(command, [])], capsys)
    body = out.rpartition("\nsources:\n")[0]
    if not MARKER.search(out):
        return  # nothing cited (no control of this date has sources)
    listed = _sources_listed(out)
    assert sorted(listed) == list(range(1, len(listed) + 1))
    assert {int(n) for n in MARKER.findall(body)} == set(listed)
    catalog_ids = {s.id for s in nc.sources()}
    assert set(listed.values()) <= catalog_ids


def test_a_source_line_cuts_its_title_to_fit_a_long_publisher_and_key() -> None:
    source = nc.Source(
        "profit-2025-06-23-matebook-fold-kirin-x90-reuters",
        "Profit by Pakistan Today",
        "Huawei uses older chip in new MateBook Fold",
        nc.SourceKind.PRESS,
        date=nc.PartialDate.parse("2025-06-23"),
    )
    line = source_line(13, source, 100)
    assert display_width(line) <= 100
    assert line.startswith("[13] Profit by Pakistan Today, 2025-06-23, Huaw")
    assert line.endswith(f"{MARK} (profit-2025-06-23-matebook-fold-kirin-x90-reuters)")
    assert source_line(13, source, None).endswith("MateBook Fold (" + source.id + ")")


def test_a_summary_line_names_one_of_its_claims_sources() -> None:
    result = nc.leaders(7, as_of=DAY)
    text = str(result)
    listed = _sources_listed(text)
    claims = {c for entry in result for c in entry.claims}
    for line in text.split("\nevidence:\n")[1].split("\nsources:\n")[0].splitlines():
        (number,) = MARKER.findall(line)[:1]
        cited = listed[int(number)]
        assert any(cited in {s.id for s in c.sources} and c.subject in line for c in claims)


def test_a_summary_names_the_strongest_source_a_claim_cites() -> None:
    notes = Notes()
    for claim in nc.claims():
        number = int(MARKER.findall(notes.marker(claim))[0])
        named = notes.sources[number - 1]
        cited = claim.sources or claim.background
        assert named.tier.rank == min(s.tier.rank for s in cited), claim.id
    # TSMC N7's production is first reported by a relay of DIGITIMES, but the line names
    # TSMC's own Q3 2018 results, which it also cites.
    text = str(nc.leaders(7, as_of=DAY))
    (line,) = [x for x in text.splitlines() if x.strip().startswith("volume production: TSMC N7,")]
    assert _sources_listed(text)[int(MARKER.findall(line)[0])] == "tsmc-2018-10-18-q3-results"


def test_html_evidence_lists_a_claims_strongest_sources_first() -> None:
    page = nc.leaders(7, as_of=DAY)._repr_html_()
    assert page.index("TSMC Reports Third Quarter EPS") < page.index("China Flash Market")
    (listed,) = [
        c
        for c in nc.claims(source="reference-article-2022")
        if c.id == "ref2022-us-entity-list-smic-2020"
    ]
    page = nc.claims(source="reference-article-2022")._repr_html_()
    row = page[page.index(html.escape(listed.statement)) :].split("</tr>")[0]
    assert row.index("US Department of Commerce") < row.index("The Financial Trends")


def test_of_equally_strong_sources_a_summary_names_one_already_numbered() -> None:
    claim = next(
        c for c in nc.claims() if len(c.sources) > 1 and len({s.tier for s in c.sources}) == 1
    )
    notes = Notes()
    notes.number(claim.sources[-1])
    assert notes.marker(claim).startswith("[1]")


@pytest.mark.usefixtures("columns_100")
def test_evidence_full_prints_the_full_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(["leaders", "7", "--as-of", DAY, "--evidence", "full"], capsys)
    shown = " ".join(out.split())
    claims = [c for entry in nc.leaders(7, as_of=DAY) for c in entry.claims]
    for claim in claims:
        assert " ".join((claim.evidence or "").split()) in shown
        for source in claim.sources:
            assert str(source) in shown
            assert source.link is None or f"<{source.link}>" in shown
    # only a link longer than the width runs past it, whole, on a line of its own
    wide = [line.strip() for line in out.splitlines() if display_width(line) > 100]
    assert all(line.startswith("<http") and " " not in line for line in wide)


@pytest.mark.usefixtures("columns_100")
def test_a_cut_cell_ends_in_the_mark(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(["sources"], capsys)
    cut = [line for line in out.splitlines() if MARK in line]
    assert cut
    assert all(display_width(line) <= 100 for line in cut)
    longest = max(nc.sources(), key=lambda s: len(s.title))
    assert longest.title not in out
    assert longest.title[:20] in out
    assert longest.id in out


def test_text_table_cuts_only_the_columns_allowed() -> None:
    rows = [["an-id-that-must-stay-whole", "a title " * 20, "3.14159"]]
    table = text_table(["id", "title", "value"], rows, width=60, cut_off=("title",))
    lines = table.splitlines()
    assert max(display_width(line) for line in lines) <= 60
    assert lines[2].startswith("an-id-that-must-stay-whole")
    assert lines[2].split()[-1] == "3.14159"
    assert MARK in lines[2]


def test_text_table_folds_wrapped_columns_without_losing_words() -> None:
    rows = [["x1", "one two three four five six seven eight nine ten"]]
    table = text_table(["id", "title"], rows, width=20, wrap=("title",))
    lines = table.splitlines()
    assert max(display_width(line) for line in lines) <= 20
    assert " ".join(lines[2:]).split() == ["x1", *rows[0][1].split()]


def test_a_table_too_wide_for_its_fixed_columns_shows_records() -> None:
    rows = [["a-very-long-identifier-" * 3, "12345678901234567890"]]
    table = text_table(["id", "number"], rows, width=40)
    lines = [line.strip() for line in table.splitlines()]
    assert lines[0] == "- id:"
    assert rows[0][0] in lines  # kept whole on a line of its own
    assert "number: 12345678901234567890" in lines


def test_str_in_python_fits_100_columns_and_the_style_can_change_it() -> None:
    story = nc.story()
    assert max(display_width(line) for line in str(story).splitlines()) <= 100
    with text_style(width=None, evidence="full"):
        unlimited = str(nc.leaders(7, as_of=DAY))
    assert "evidence: " in unlimited
    assert max(display_width(line) for line in unlimited.splitlines()) > 100


@pytest.mark.parametrize("mode", ["most", None, 1, ("summary",)])
def test_a_bad_evidence_mode_is_refused(mode: object) -> None:
    with pytest.raises(nc.ValidationError, match="evidence"):
        text_style(evidence=mode).__enter__()  # type: ignore[arg-type]


@pytest.mark.parametrize("width", ["wide", float("inf"), float("nan"), True, 1.5, "120", 39, -1])
def test_a_bad_width_is_refused_with_a_validation_error(width: object) -> None:
    with pytest.raises(nc.ValidationError, match=r"text style.*width"):
        text_style(width=width).__enter__()  # type: ignore[arg-type]


def test_a_terminal_narrower_than_40_columns_is_shown_40_wide(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "20")
    out = _run(["sources", "--tier", "weak"], capsys)
    spaced = [line for line in out.splitlines() if " " in line.strip()]  # not a lone id
    assert 20 < max(display_width(line) for line in spaced) <= 40


def _with_controls() -> nc.Catalog:
    base = nc.default_catalog()
    source = attrs.evolve(
        base.sources[0],
        title="evil \x1b]0;pwned\x07 \x1b[2J title\twith tab",
        publisher="Pub\nlisher",
    )
    return nc.Catalog(sources=(source, *base.sources[1:3]))


def test_control_characters_in_catalog_text_never_reach_the_terminal() -> None:
    catalog = _with_controls()
    listing = str(nc.sources(catalog=catalog))
    cited = text_table(["id", "title"], [[s.id, s.title] for s in catalog.sources])
    for text in (listing, cited):
        assert not [ch for ch in text if ch != "\n" and not ch.isprintable()]
        assert "\ufffd]0;pwned\ufffd \ufffd[2J title with tab" in text


def test_a_newline_in_a_publisher_keeps_the_sources_listing_two_lines_a_source() -> None:
    catalog = _with_controls()
    lines = str(nc.sources(catalog=catalog)).splitlines()
    assert len(lines) == 3 + 2 * len(catalog.sources)
    (named,) = [line for line in lines if "Pub lisher" in line]
    assert named.startswith("    Pub lisher: ")
    assert named.endswith("\ufffd[2J title with tab]")  # the title is marked as inferred


def test_a_summary_line_of_many_claims_keeps_its_claim_text() -> None:
    catalog = nc.default_catalog()
    first = catalog.claims[0]
    claims = [attrs.evolve(first, id=f"x{i}", sources=(catalog.sources[i],)) for i in range(25)]
    notes = Notes()
    with text_style(80):
        (line,) = claim_evidence(claims, notes)
    assert display_width(line) <= 80
    assert line.lstrip().startswith(f"{first.kind.value.replace('_', ' ')}: {first.subject}")
    shown = MARKER.findall(line)
    assert 1 <= len(shown) < 25
    assert f"(+{25 - len(shown)} more claims)" in line
    assert len(notes.sources) == len(shown)  # only the sources on the line are listed


def test_the_sources_listing_keeps_two_lines_a_source_and_its_titles_at_40_columns(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    lines = _run(["sources"], capsys).splitlines()[3:]
    sources = nc.sources()
    assert len(lines) == 2 * len(sources)
    for source, about, named in zip(sources, lines[::2], lines[1::2], strict=True):
        assert about.startswith(source.id)
        assert display_width(about) <= 40 or about == source.id
        assert display_width(named) <= 40
        title = named.split(": ", 1)[1]
        # 12 columns, or 11 when a space before the mark was dropped, or the whole title
        assert display_width(title) >= 11 or MARK not in title


@pytest.mark.usefixtures("columns_100")
def test_a_relaying_source_keeps_its_title_before_its_relays(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = _run(["sources", "--publisher", "CNBC"], capsys).splitlines()
    (named,) = [b for a, b in itertools.pairwise(lines) if a.startswith("cnbc-2018-04-26")]
    assert display_width(named) <= 100
    assert "Intel executives say they 'bit off a little too much'" in named
    assert "(relaying Intel" in named


@pytest.mark.usefixtures("columns_100")
def test_the_nodes_command(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(["nodes", "--foundry", "SMIC", "--as-of", DAY], capsys)
    assert out.startswith("<Nodes of SMIC on 2022-07-21")
    assert "N+1" in out
    assert "smic-n-plus-1" in out  # at 100 columns every column fits for SMIC
    _run(["nodes", "--foundry", "SMIC", "--known-by", "2022-07-01", "--json"], capsys)
    assert main(["nodes", "--foundry", "Nowhere"]) == 1


def test_a_narrow_terminal_drops_the_nodes_tables_last_columns(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    out = _run(["nodes", "--as-of", DAY], capsys)
    assert max(display_width(line) for line in out.splitlines()) <= 60
    assert "not shown at this width:" in out
    assert "(see --json)" in out


def test_a_reader_that_stops_early_ends_the_output_quietly() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "nodecompare", "sources", "--json"],  # well over a pipe's buffer
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "100"},
    ) as running:
        assert running.stdout is not None
        assert running.stderr is not None
        assert running.stdout.readline()
        running.stdout.close()
        errors = running.stderr.read().decode()
        assert running.wait() == 0
    assert errors == ""
