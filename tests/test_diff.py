"""The knowledge diff (issue 13, deliverable 6): what became known between two dates."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nodecompare as nc
from nodecompare import cli
from nodecompare.render import text_style
from nodecompare.strategies import producing_catalogs

JULY_2022 = ("2022-07-01", "2022-07-31")
_SOURCE = nc.Source("s", "P", "T", nc.SourceKind.PRESS)
_ACME = nc.Foundry("acme", "Acme", "US", nc.BusinessModel.IDM)
_A7 = nc.ProcessNode("acme-a7", _ACME, "A7", marketing_nm=7.0)


def _claim(claim_id: str, held: str, reported: dt.date, **fields: Any) -> nc.Claim:
    return nc.Claim(
        claim_id,
        fields.pop("kind", nc.ClaimKind.VOLUME_PRODUCTION),
        fields.pop("statement", f"claim {claim_id}"),
        nc.PartialDate.parse(held),
        reported,
        (_SOURCE,),
        node=_A7,
        **fields,
    )


def _acme() -> nc.Catalog:
    """A7 in production from 2019 (reported 1 January 2019), doubted on 1 March 2020, and
    corrected to 2021 on 1 June 2021 (which closes the doubt: one side is replaced)."""
    early = _claim("early", "2019", dt.date(2019, 1, 1))
    doubt = _claim(
        "doubt",
        "2019",
        dt.date(2020, 3, 1),
        kind=nc.ClaimKind.CAPABILITY,
        statement="A7 was <b>never</b> made",
        confidence=nc.Confidence.DISPUTED,
        disputes=("early",),
    )
    correction = _claim("correction", "2021", dt.date(2021, 6, 1), supersedes=("early",))
    return nc.Catalog((_SOURCE,), (_ACME,), (_A7,), (early, doubt, correction))


@pytest.fixture(scope="module")
def july() -> nc.KnowledgeDiff:
    return nc.knowledge_diff(*JULY_2022)


def test_july_2022_diff_holds_smics_7nm_and_its_entry_among_the_leaders(
    july: nc.KnowledgeDiff,
) -> None:
    new = {claim.id: claim for claim in july.new_claims}
    minerva = new["smic-n-plus-1-minerva-shipped"]
    assert minerva.node == nc.node("SMIC", "N+1")
    assert "TechInsights" in {source.publisher for source in minerva.sources}
    assert len(new) == 13
    seven = july.leaders_of(7)
    assert seven is not None
    assert seven.before.foundries == ("Samsung", "TSMC", "Intel")
    assert seven.after.foundries == ("Samsung", "TSMC", "SMIC", "Intel")
    assert (seven.entered, seven.left, seven.possibly_entered) == (("SMIC",), (), ())
    (smic,) = seven.changes
    assert (smic.was, smic.now, smic.node_now, str(smic.since_now)) == (
        "",
        "surely",
        nc.node("SMIC", "N+1"),
        "2021-07",
    )
    assert minerva in smic.because
    assert [change.n for change in july.leaders] == [7.0, 8.0, 10.0, 12.0]
    assert july.leaders_of(5) is None
    assert [d.claim.id for d in july.new_disputes] == [
        "ref2022-eu-most-advanced-12nm",
        "ref2022-us-most-advanced-12nm",
    ]
    assert (july.superseded, july.closed_disputes) == ((), ())


def test_a_diff_about_one_foundry_keeps_only_what_is_about_it() -> None:
    tsmc = nc.knowledge_diff(*JULY_2022, foundry="TSMC")
    assert tsmc.is_empty
    smic = nc.knowledge_diff(*JULY_2022, foundry="SMIC", classes=[7, 14])
    assert {c.foundry.name for c in smic.new_claims if c.foundry} == {"SMIC"}
    assert [change.n for change in smic.leaders] == [7.0]


def test_an_empty_window_gives_an_empty_diff() -> None:
    same_day = nc.knowledge_diff("2022-07-19", "2022-07-19")
    assert same_day.is_empty
    assert repr(same_day) == "<KnowledgeDiff 2022-07-19 to 2022-07-19: nothing new>"
    assert "New claims (0): none" in str(same_day)
    assert nc.knowledge_diff("1950-01-01", "1960-01-01").is_empty
    assert nc.knowledge_diff(*JULY_2022, catalog=nc.Catalog()).is_empty


def test_as_of_defaults_to_the_windows_last_day(july: nc.KnowledgeDiff) -> None:
    assert july.as_of == dt.date(2022, 7, 31)
    before_smic = nc.knowledge_diff(*JULY_2022, as_of="2021-06-30")
    assert before_smic.as_of == dt.date(2021, 6, 30)
    assert before_smic.leaders_of(7) is None  # N+1 was not yet made on 30 June 2021
    assert before_smic.new_claims == july.new_claims


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: nc.knowledge_diff("2022-07-31", "2022-07-01"), "after"),
        (lambda: nc.knowledge_diff(None, "2022-07-01"), "before"),  # type: ignore[arg-type]
        (lambda: nc.knowledge_diff("2022-07-01", None), "after"),  # type: ignore[arg-type]
        (lambda: nc.knowledge_diff("2022-07", "2022-07-31"), "before"),
        (lambda: nc.knowledge_diff("2022-07-01", "20220731"), "after"),
        (lambda: nc.knowledge_diff("2022-07-01", "x" * 100_000), "after"),
        (lambda: nc.knowledge_diff("2022-07-01", 20220731), "after"),  # type: ignore[arg-type]
        (lambda: nc.knowledge_diff(*JULY_2022, as_of="2022-02-30"), "as_of"),
        (lambda: nc.knowledge_diff(*JULY_2022, classes=[7, -1]), "classes"),
        (lambda: nc.knowledge_diff(*JULY_2022, classes="7"), "classes"),  # type: ignore[arg-type]
        (lambda: nc.knowledge_diff(*JULY_2022, basis="bogus"), "basis"),
        (lambda: nc.knowledge_diff(*JULY_2022, foundry=5), "foundry"),  # type: ignore[arg-type]
        (lambda: nc.knowledge_diff(*JULY_2022, catalog={}), "catalog"),  # type: ignore[arg-type]
    ],
    ids=[
        "swapped",
        "before-none",
        "after-none",
        "before-a-month",
        "after-no-dashes",
        "after-100k",
        "after-int",
        "as-of-feb-30",
        "classes-negative",
        "classes-text",
        "basis-bogus",
        "foundry-int",
        "catalog-dict",
    ],
)
def test_bad_diff_arguments_are_refused_in_one_line(call: Any, argument: str) -> None:
    with pytest.raises(nc.ValidationError) as caught:
        call()
    assert [problem.field for problem in caught.value.problems] == [argument]
    message = str(caught.value)
    assert "\n" not in message
    assert len(message) < 300


def test_swapped_dates_are_refused_naming_both() -> None:
    with pytest.raises(nc.ValidationError, match=r"2022-07-01 is before 'before' \(2022-07-31\)"):
        nc.knowledge_diff("2022-07-31", "2022-07-01")


def test_unknown_foundry_is_an_unknown_name() -> None:
    with pytest.raises(nc.UnknownNameError):
        nc.knowledge_diff(*JULY_2022, foundry="Acme")


def test_a_claim_reported_on_before_is_excluded_and_on_after_included() -> None:
    window = nc.knowledge_diff("2020-03-01", "2021-06-01", catalog=_acme())
    assert [c.id for c in window.new_claims] == ["correction"]
    day_later = nc.knowledge_diff("2020-02-29", "2021-05-31", catalog=_acme())
    assert [c.id for c in day_later.new_claims] == ["doubt"]


def test_a_new_dispute_opens_and_closes_when_a_side_is_superseded() -> None:
    catalog = _acme()
    doubted = nc.knowledge_diff("2020-01-01", "2020-06-01", catalog=catalog)
    (dispute,) = doubted.new_disputes
    assert (dispute.claim.id, [c.id for c in dispute.contradicted_by]) == ("doubt", ["early"])
    assert (doubted.closed_disputes, doubted.superseded, doubted.leaders) == ((), (), ())
    corrected = nc.knowledge_diff("2021-01-01", "2021-12-31", catalog=catalog)
    (replaced,) = corrected.superseded
    assert (replaced.claim.id, [c.id for c in replaced.by]) == ("early", ["correction"])
    (closed,) = corrected.closed_disputes
    assert (closed.claim.id, [c.id for c in closed.contradicted_by]) == ("doubt", ["early"])
    assert corrected.new_disputes == ()


def test_a_claim_replaced_before_the_window_is_not_superseded_again() -> None:
    acme = _acme()
    second = _claim("second", "2020", dt.date(2022, 3, 1), supersedes=("early", "correction"))
    catalog = nc.Catalog(acme.sources, acme.foundries, acme.nodes, (*acme.claims, second))
    (replaced,) = nc.knowledge_diff("2022-01-01", "2022-12-31", catalog=catalog).superseded
    assert (replaced.claim.id, [c.id for c in replaced.by]) == ("correction", ["second"])


def test_a_correction_moves_a_leader_from_surely_to_possibly() -> None:
    corrected = nc.knowledge_diff("2021-01-01", "2021-06-30", catalog=_acme())
    seven = corrected.leaders_of(7)
    assert seven is not None
    assert (seven.left, seven.possibly_entered, seven.entered) == (("Acme",), ("Acme",), ())
    (acme,) = seven.changes
    assert acme.summary == "surely -> possibly"
    assert [c.id for c in acme.because] == ["correction"]
    later = nc.knowledge_diff("2021-01-01", "2021-12-31", catalog=_acme()).leaders_of(7)
    assert later is not None
    (moved,) = later.changes
    assert (moved.summary, str(moved.since_was), str(moved.since_now)) == (
        "surely, since changed",
        "2019",
        "2021",
    )


def test_every_form_of_the_july_diff(july: nc.KnowledgeDiff) -> None:
    text = str(july)
    assert max(len(line) for line in text.splitlines()) <= 100
    assert "smic-n-plus-1-minerva-shipped" in text
    assert "7 nm   SMIC     entered (surely)  N+1" in text
    page = july._repr_html_()
    assert page.startswith("<div><h4>")
    assert "MinerVa" in page
    frame = july.to_frame()
    assert str(frame["reported_on"].dtype) == "datetime64[us]"
    assert str(frame["class_nm"].dtype) == "float64"
    assert (frame["change"] == "new claim").sum() == 13
    leaders = frame[frame["change"] == "leaders"]
    assert list(leaders["class_nm"]) == [7.0, 8.0, 10.0, 12.0]
    assert "smic-n-plus-1-minerva-shipped" in leaders["related"].iloc[0]
    data = july.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["leaders"][0]["entered"] == ["SMIC"]
    assert data["leaders"][0]["after"]["surely"] == ["Samsung", "TSMC", "SMIC", "Intel"]
    assert "TechInsights" in {source.publisher for source in nc.cite(july)}


def test_an_empty_diff_has_every_form() -> None:
    empty = nc.knowledge_diff("2022-07-19", "2022-07-19", catalog=_acme())
    assert empty.to_frame().empty
    assert list(empty.to_frame().columns)[:3] == ["change", "reported_on", "claim"]
    assert json.loads(json.dumps(empty.to_dict()))["new_claims"] == []
    assert "<table>" in empty._repr_html_()
    assert len(nc.cite(empty)) == 0


def test_long_names_are_cut_or_wrapped_to_100_columns_and_ids_kept_whole() -> None:
    wordy = nc.Foundry("wordy", "Wordy " * 30, "US", nc.BusinessModel.IDM)
    node = nc.ProcessNode("wordy-w7", wordy, "W7 " * 20, marketing_nm=7.0)
    claim = nc.Claim(
        "a-" + "very-" * 8 + "long-id",
        nc.ClaimKind.VOLUME_PRODUCTION,
        "W7 made",
        nc.PartialDate.parse("2019"),
        dt.date(2019, 1, 1),
        (_SOURCE,),
        node=node,
    )
    catalog = nc.Catalog((_SOURCE,), (wordy,), (node,), (claim,))
    text = str(nc.knowledge_diff("2018-12-31", "2020-01-01", foundry="wordy", catalog=catalog))
    assert max(len(line) for line in text.splitlines()) <= 100
    assert "…" in text
    assert "entered (surely)" in text
    assert "a-" + "very-" * 8 + "long-id" in text


def test_the_diff_fits_a_narrow_text_style(july: nc.KnowledgeDiff) -> None:
    with text_style(width=60):
        narrow = str(july)
    assert max(len(line) for line in narrow.splitlines()) <= 60
    assert "smic-n-plus-1-minerva-shipped" in narrow  # ids are never cut


def test_html_escapes_what_a_claim_says() -> None:
    page = nc.knowledge_diff("2020-01-01", "2020-06-01", catalog=_acme())._repr_html_()
    assert "&lt;b&gt;never&lt;/b&gt;" in page
    assert "<b>" not in page


def test_the_command_line_diff(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["diff", *JULY_2022, "--class", "7"]) == 0
    out = capsys.readouterr().out
    assert "entered (surely)" in out
    assert max(map(len, out.splitlines())) <= 100
    assert cli.main(["diff", *JULY_2022, "--json", "--foundry", "SMIC"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["foundry"] == "SMIC"
    assert [change["n_nm"] for change in data["leaders"]] == [7.0, 8.0, 10.0, 12.0]
    assert cli.main(["diff", "2022-07-31", "2022-07-01"]) == 1
    assert "query.after" in capsys.readouterr().err
    with pytest.raises(SystemExit) as refused:
        cli.main(["diff", "2022-07-01", "2022-07"])
    assert refused.value.code == 2


@st.composite
def _catalog_and_days(draw: st.DrawFn) -> tuple[nc.Catalog, dt.date, dt.date, dt.date]:
    """A catalog and three days around its claims' reports, in order."""
    catalog = draw(producing_catalogs())
    reported = sorted({claim.reported_on for claim in catalog.claims})
    near = st.builds(
        lambda day, shift: day + dt.timedelta(days=shift),
        st.sampled_from(reported),
        st.integers(-2, 2),
    )
    first, second, third = sorted(draw(near) for _ in range(3))
    return catalog, first, second, third


@given(_catalog_and_days())
def test_the_diff_is_what_the_later_knowledge_adds(
    found: tuple[nc.Catalog, dt.date, dt.date, dt.date],
) -> None:
    catalog, a, b, c = found
    diff = nc.knowledge_diff(a, b, catalog=catalog)
    then, now = (set(nc.claims(known_by=day, catalog=catalog)) for day in (a, b))
    assert set(diff.new_claims) == now - then
    assert len(diff.new_claims) == len(now - then)
    replaced = {s.claim for s in diff.superseded}
    assert replaced == {claim for claim in now if catalog.is_superseded(claim, b)} - {
        claim for claim in then if catalog.is_superseded(claim, a)
    }
    pairs = {
        day: {
            frozenset((d.claim.id, o.id))
            for d in nc.disputes(known_by=day, catalog=catalog)
            for o in d.contradicted_by
        }
        for day in (a, b)
    }
    opened = {frozenset((d.claim.id, o.id)) for d in diff.new_disputes for o in d.contradicted_by}
    closed = {
        frozenset((d.claim.id, o.id)) for d in diff.closed_disputes for o in d.contradicted_by
    }
    assert (opened, closed) == (pairs[b] - pairs[a], pairs[a] - pairs[b])
    for change in diff.leaders:
        assert change.after == nc.leaders(change.n, as_of=b, known_by=b, catalog=catalog)
        assert change.changes
    # A class not listed kept its leaders, surely and possibly (their order may change:
    # a leader's most advanced node can, and the diff lists who entered or left).
    unchanged = set(diff.classes) - {change.n for change in diff.leaders}
    for n in unchanged:
        then_, now_ = (nc.leaders(n, as_of=b, known_by=day, catalog=catalog) for day in (a, b))
        assert set(then_.foundries) == set(now_.foundries)
        assert set(then_.possible_foundries) == set(now_.possible_foundries)
    # Two windows side by side learn what the one spanning them learns.
    later = nc.knowledge_diff(b, c, catalog=catalog)
    spanning = nc.knowledge_diff(a, c, catalog=catalog)
    assert set(spanning.new_claims) == set(diff.new_claims) | set(later.new_claims)
    assert nc.knowledge_diff(b, b, catalog=catalog).is_empty
