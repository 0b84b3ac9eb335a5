"""The data as a citable release: its version and licence, CITATION.cff, the data changelog,
checked by cffconvert, and cite()'s BibTeX and CSL-JSON read by real parsers (pybtex,
citeproc-py)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pybtex.database
import pybtex.errors
import pytest
import yaml
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.frontend import STYLES_PATH
from citeproc.source.json import CiteProcJSON

import nodecompare as nc
from nodecompare.reference import release

ROOT = Path(__file__).resolve().parents[1]
#: The keys CFF 1.2.0 requires of a citation file and of each reference in it; cffconvert
#: checks the whole schema below, these say what we rely on.
CFF_REQUIRED = {"cff-version", "message", "title", "authors"}
CFF_REFERENCE_REQUIRED = {"type", "title", "authors"}
#: The CSL specification's own lists of item types and variables, as citeproc-py ships them.
CSL_SCHEMA = resources.files("citeproc").joinpath("data", "schema", "schemas", "styles")


def test_data_version_is_the_release_and_read_lazily() -> None:
    assert nc.data_version == release().version
    assert re.fullmatch(r"20\d\d\.(0[1-9]|1[0-2])", nc.data_version)
    assert "data_version" in dir(nc)
    assert nc.data_version != nc.__version__
    code = (
        "import sys, nodecompare; from nodecompare.reference import release;"
        "assert release.cache_info().currsize == 0;"
        "nodecompare.data_version; assert release.cache_info().currsize == 1"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_release_json_gives_a_date_title_and_a_separate_licence() -> None:
    data = release()
    assert data.released <= dt.date.today()
    assert data.version == f"{data.released:%Y.%m}"
    assert data.licence == "CC-BY-4.0"
    assert data.licence_url == "https://creativecommons.org/licenses/by/4.0/"
    assert data.title
    assert data.authors
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == "MIT"
    licence = (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
    assert data.licence_url in licence
    assert "MIT" in licence


def _citation_cff() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_citation_cff_has_what_cff_1_2_0_requires() -> None:
    cff = _citation_cff()
    assert set(cff) >= CFF_REQUIRED
    assert cff["type"] in {"software", "dataset"}
    assert all(isinstance(author.get("name"), str) for author in cff["authors"])
    for reference in cff["references"]:
        assert set(reference) >= CFF_REFERENCE_REQUIRED
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", reference.get("date-released", "2000-01-01"))
    # Licences are SPDX identifiers, as CFF requires.
    assert {cff["license"], *(r["license"] for r in cff["references"])} <= {"MIT", "CC-BY-4.0"}


def _cffconvert_validate(citation: Path) -> subprocess.CompletedProcess[str]:
    """cffconvert's verdict on ``citation``: run.py installs it apart, under the venv,
    because it pins jsonschema 3.2 (the tests use 4.x)."""
    installed = Path(sys.prefix) / "cffconvert"
    if not (installed / "cffconvert").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"cffconvert is not installed in {installed}; run.py test installs it")
        pytest.skip(f"cffconvert is not installed in {installed} (python3 run.py test does it)")
    command = "import sys; from cffconvert.cli.cli import cli; sys.exit(cli())"
    return subprocess.run(
        [sys.executable, "-c", command, "--validate", "--infile", str(citation)],
        env={**os.environ, "PYTHONPATH": str(installed)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_citation_cff_validates_with_cffconvert() -> None:
    checked = _cffconvert_validate(ROOT / "CITATION.cff")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "valid" in checked.stdout


def test_cffconvert_refuses_a_citation_without_authors(tmp_path: Path) -> None:
    broken = tmp_path / "CITATION.cff"
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    broken.write_text(text.replace("authors:", "creators:", 1), encoding="utf-8")
    checked = _cffconvert_validate(broken)
    assert checked.returncode != 0, checked.stdout


def test_citation_cff_names_the_software_and_this_data_release() -> None:
    cff = _citation_cff()
    assert cff["cff-version"] == "1.2.0"
    assert cff["version"] == nc.__version__
    assert cff["license"] == "MIT"
    (data,) = (ref for ref in cff["references"] if ref["type"] == "data")
    assert data["version"] == nc.data_version
    assert data["date-released"] == release().released.isoformat()
    assert data["license"] == release().licence
    assert data["title"] == release().title


def test_data_changelog_has_an_entry_for_this_release() -> None:
    text = (ROOT / "DATA-CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (\S+) \((\d{4}-\d\d-\d\d)\)$", text, flags=re.MULTILINE)
    assert headings[0] == (nc.data_version, release().released.isoformat())
    assert len({version for version, _ in headings}) == len(headings)


def _counted(text: str, *nouns: str) -> list[int]:
    """The number ``text`` puts before each of ``nouns``, once each, across line breaks."""
    flat = " ".join(text.split())
    counts = []
    for noun in nouns:
        found = re.findall(rf"(?<![\w,])(\d[\d,]*) {re.escape(noun)}(?!\w)", flat)
        assert len(found) == 1, (noun, found)
        counts.append(int(found[0].replace(",", "")))
    return counts


def _paragraph(text: str, opening: str) -> str:
    """The lines from ``opening`` to the next blank line or list item."""
    start = text.index(opening)
    return re.split(r"\n\s*\n|\n- ", text[start:], maxsplit=1)[0]


def test_the_readme_and_the_changelog_count_the_bundled_catalog() -> None:
    catalog = nc.default_catalog()
    both = {
        "claims": len(catalog.claims),
        "fabs": len(catalog.fabs),
        "export controls": len(catalog.controls),
        "products": len(catalog.products),
        "sources": len(catalog.sources),
    }
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    said = _paragraph(readme, "The catalog is a set of JSON files")
    expected = {
        "manufacturers": len(catalog.foundries),
        "logic nodes": len(catalog.nodes),
        "locations": len(catalog.locations),
        **both,
    }
    assert _counted(said, *expected) == list(expected.values())
    changelog = (ROOT / "DATA-CHANGELOG.md").read_text(encoding="utf-8")
    said = _paragraph(changelog, "It holds")
    expected = {"foundries": len(catalog.foundries), "process nodes": len(catalog.nodes), **both}
    assert _counted(said, *expected) == list(expected.values())


@cache
def _all_cited() -> nc.Citations:
    return nc.cite(nc.default_catalog().sources)


def test_cite_names_the_data_release() -> None:
    cited = nc.cite(nc.node("TSMC", "N5"))
    assert cited.release == release()
    assert cited.release not in cited  # iterating gives the sources alone
    assert nc.Citations((), release=None).bibtex() == "\n"


def test_cite_names_the_data_release_only_for_its_own_records() -> None:
    bundled = nc.default_catalog().sources[0]
    own = nc.Source("my-notes", "Me", "My notes", nc.SourceKind.ANALYST)
    assert nc.cite(own).release is None
    assert "nodecompare-data" not in nc.cite(own).bibtex()
    assert nc.cite(attrs.evolve(bundled, title="My edit")).release is None
    assert nc.cite(own, bundled).release == release()
    assert nc.Citations(()).release is None


def test_bibtex_parses_with_pybtex_every_value_braced() -> None:
    cited = _all_cited()
    text = cited.bibtex()
    assert not re.search(r"^\s+\w+ = [^{]", text, flags=re.MULTILINE)
    pybtex.errors.set_strict_mode(True)
    entries = pybtex.database.parse_string(text, "bibtex").entries
    assert list(entries) == [*(s.id for s in cited), f"nodecompare-data-{nc.data_version}"]
    kinds = {s.id: s.kind.value for s in cited}
    for key, entry in entries.items():
        assert entry.fields["title"]
        if key in kinds:
            assert entry.fields["note"] == f"{kinds[key]} source"
    data = entries[f"nodecompare-data-{nc.data_version}"]
    assert data.fields["version"] == nc.data_version
    assert "CC-BY-4.0" in data.fields["note"]
    assert [str(p) for p in data.persons["author"]] == ["{nodecompare developers}"]


def test_bibtex_of_several_authors_parses_into_each_name() -> None:
    source = nc.Source(
        "two", "IEDM", "A_b & 50%", nc.SourceKind.ACADEMIC, authors=("A. One", "B. Two")
    )
    pybtex.errors.set_strict_mode(True)
    entry = pybtex.database.parse_string(nc.cite(source).bibtex(), "bibtex").entries["two"]
    assert [str(p) for p in entry.persons["author"]] == ["{A. One}", "{B. Two}"]
    assert entry.fields["note"] == "academic source"


def _rnc_names(file: str, definition: str) -> set[str]:
    """The quoted names of one definition in a RELAX NG compact file of the CSL schema."""
    text = CSL_SCHEMA.joinpath(file).read_text(encoding="utf-8")
    names: set[str] = set()
    for match in re.finditer(
        rf"^\s*{re.escape(definition)} =(.*?)(?=^\s*[\w.-]+ =|^\}})", text, re.M | re.S
    ):
        names |= set(re.findall(r'"([^"]+)"', match.group(1)))
    assert names, definition
    return names


def test_csl_json_uses_csl_types_and_variables_and_citeproc_reads_it() -> None:
    items = json.loads(_all_cited().csl_json())
    assert items[-1]["id"] == f"nodecompare-data-{nc.data_version}"
    assert items[-1]["type"] == "dataset"
    types = _rnc_names("csl-types.rnc", "item-types")
    variables = set().union(
        *(
            _rnc_names("csl-variables.rnc", f"variables.{name}")
            for name in ("dates", "names", "numbers", "strings", "titles")
        )
    )
    for item in items:
        assert item["type"] in types
        assert set(item) - {"id", "type"} <= variables, item["id"]
    # citeproc-py reads every item, and warns of any field it does not know (the test run
    # makes warnings errors); it renders one item of each type, the release among them.
    source = CiteProcJSON(items)
    assert len(source) == len(items)
    one_of_each = list({item["type"]: item["id"] for item in items}.values())
    style = CitationStylesStyle(str(Path(STYLES_PATH) / "harvard-cite-them-right.csl"))
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(key) for key in one_of_each]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(one_of_each)
    assert any(release().title in entry for entry in rendered)
