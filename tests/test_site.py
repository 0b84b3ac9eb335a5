"""The docs site (mkdocs.yml): its nav lists every page, its home page is README.md, and
the test command's strict build fails on a broken link or a page left out of the nav."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import run
import yaml

pytest.importorskip("mkdocs")
import mkdocs_hooks  # the hooks import mkdocs, checked above

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _nav_pages(nav: list[Any]) -> list[str]:
    """Every page file named in a mkdocs nav, sections included."""
    pages: list[str] = []
    for entry in nav:
        target = next(iter(entry.values())) if isinstance(entry, dict) else entry
        pages.extend(_nav_pages(target) if isinstance(target, list) else [target])
    return pages


def test_the_nav_lists_every_page_in_docs_and_the_pages_the_hooks_add() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    in_docs = {path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md")}
    added = {"index.md"} | {
        name for name in mkdocs_hooks.PUBLISHED_BESIDE_README if name.endswith(".md")
    }
    nav = _nav_pages(config["nav"])
    assert len(nav) == len(set(nav)), "a page is listed twice"
    assert set(nav) == in_docs | added
    assert nav[0] == "index.md"


def test_the_home_page_is_the_readme_with_its_links_into_docs_made_relative() -> None:
    readme = "See the [Guide](docs/guide.md) and the [licence](LICENSE-DATA).\n"
    expected = "See the [Guide](guide.md) and the [licence](LICENSE-DATA).\n"
    assert mkdocs_hooks.readme_for_site(readme) == expected


def _site_copy(tmp_path: Path) -> Path:
    """The files the site is built from, copied to ``tmp_path``."""
    for name in (
        "mkdocs.yml",
        "mkdocs_hooks.py",
        "README.md",
        *mkdocs_hooks.PUBLISHED_BESIDE_README,
    ):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(DOCS, tmp_path / "docs")
    return tmp_path


def _strict_build(source: Path) -> subprocess.CompletedProcess[str]:
    """The test command's docs build, run on ``source`` with this interpreter."""
    builds = [check for check in run.checks_run_by_test(source / "site") if "mkdocs" in check]
    assert len(builds) == 1, "the test command does not build the docs site"
    command = [sys.executable, *map(str, builds[0][1:])]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        command, cwd=source, env=environment, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("page", "text", "warning"),
    [
        ("scale.md", "\nSee [nowhere](nowhere.md).\n", "'nowhere.md'"),
        ("scale.md", "\nSee [the guide](guide.md#no-such-part).\n", "'#no-such-part'"),
        ("new-page.md", "# A page nobody listed\n", "new-page.md"),
    ],
    ids=["broken link", "broken anchor", "page left out of the nav"],
)
def test_the_strict_build_of_the_test_command_fails_on_a_warning(
    tmp_path: Path, page: str, text: str, warning: str
) -> None:
    source = _site_copy(tmp_path)
    with (source / "docs" / page).open("a", encoding="utf-8") as written:
        written.write(text)
    built = _strict_build(source)
    said = built.stdout + built.stderr
    assert built.returncode != 0
    assert "Aborted with 1 warnings in strict mode" in said
    assert warning in said
