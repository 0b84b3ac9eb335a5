"""The command line: same answers as the library, clear errors, non-zero exit on bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

import nodecompare as nc
from nodecompare.cli import main


def test_leaders_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["leaders", "7", "--as-of", "2022-07-21"]) == 0
    out = capsys.readouterr().out
    assert "Who makes 7 nm-class chips on 2022-07-21" in out
    assert "SMIC" in out


def test_leaders_json_matches_the_library(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["leaders", "7", "--as-of", "2022-07-21", "--known-by", "2022-07-01", "--json"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    expected = nc.leaders(7, as_of="2022-07-21", known_by="2022-07-01")
    assert data == json.loads(json.dumps(expected.to_dict()))
    assert "SMIC" not in [row["foundry"] for row in data["leaders"]]


@pytest.mark.parametrize(
    "argv",
    [
        ["leaders", "seven"],
        ["leaders", "-7"],
        ["leaders", "7", "--as-of", "2022-13-40"],
        ["leaders", "7", "--basis", "vibes"],
        ["frobnicate"],
        [],
    ],
)
def test_bad_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "error" in capsys.readouterr().err


def test_unknown_foundry_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", "--foundry", "TSMCC"]) == 1
    assert "did you mean 'TSMC'" in capsys.readouterr().err


def test_user_catalog_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["--catalog", str(bad), "leaders", "7"]) == 1
    assert "bad.json" in capsys.readouterr().err


def test_story_tells_the_article(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["story"]) == 0
    out = capsys.readouterr().out
    assert "by what was known on 2022-07-01" in out
    assert "MinerVa" in out
    assert "Entity List" in out


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "nodecompare", "leaders", "5", "--as-of", "2021-01-01", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout)["n_nm"] == 5


def test_node_card(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["node", "tsmc", "n5"]) == 0
    out = capsys.readouterr().out
    assert "TSMC N5 (tsmc-n5)" in out
    assert "137.6 MTr/mm**2" in out
    assert "vendor_ratio" in out
    assert "Claims about TSMC N5" in out


def test_node_json_and_time_bound_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["node", "Intel", "Intel 7nm", "--as-of", "2021-01-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["node"]["id"] == "intel-4"
    assert data["node"]["foundry"] == "intel"
    assert main(["node", "Intel", "Intel 7nm"]) == 1
    assert "ambiguous" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["compare", "TSMC", "SMIC", "--as-of", "2023-01-01"], "TSMC vs SMIC"),
        (["equivalent", "SMIC", "N+1"], "~ TSMC"),
        (["equivalent", "Intel", "10nm", "--library", "HD"], "HD cells"),
        (["equivalent", "Samsung", "5LPE", "--basis", "vendor_ratio"], "vendor_ratio (projected)"),
        (["trend", "--until", "2024-01-01"], "density doubles every"),
        (["disputes"], "contradicted by"),
        (["controls", "--foundry", "SMIC"], "Export controls in force"),
        (["beyond-controls"], "Nodes past an export control"),
        (["leaders", "7", "--region", "Taiwan", "--as-of", "2022-07-21"], "in Taiwan"),
        (["products", "--foundry", "SMIC", "--node", "N+2"], "HiSilicon Kirin 9000S"),
        (["sources", "--tier", "weak"], "weak"),
        (["trend", "--basis", "vendor_claim"], "vendor claim: density doubles"),
    ],
)
def test_every_query_has_a_command(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 0
    assert expected in capsys.readouterr().out


def test_bad_region_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["leaders", "7", "--region", "Atlantis"]) == 1
    assert "region" in capsys.readouterr().err


def test_products_and_sources_print_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["products", "--designer", "Apple", "--json"]) == 0
    chips = json.loads(capsys.readouterr().out)
    assert {chip["designer"] for chip in chips} == {"Apple"}
    assert main(["sources", "--tier", "primary", "--json"]) == 0
    assert {source["tier"] for source in json.loads(capsys.readouterr().out)} == {"primary"}
    assert main(["products", "--foundry", "SMIC", "--node", "N+9"]) == 1


def _strict(text: str) -> object:
    """JSON as a strict reader takes it: NaN and infinity are not JSON."""

    def refuse(constant: str) -> object:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def test_a_trend_with_no_growth_prints_strict_json(capsys: pytest.CaptureFixture[str]) -> None:
    # The vendor-ratio estimates of 2020 fall: no finite doubling time, which JSON cannot
    # spell as infinity; it is null, and so is the interval's unbounded end.
    assert main(["trend", "--basis", "vendor_ratio", "--json"]) == 0
    data = _strict(capsys.readouterr().out)
    assert isinstance(data, dict)
    assert data["slope_per_year"] < 0
    assert data["doubling_years"] is None
    assert data["doubling_interval_years"][1] is None
    assert main(["trend", "--json"]) == 0
    growing = _strict(capsys.readouterr().out)
    assert isinstance(growing, dict)
    assert growing["doubling_years"] > 0
