"""The project's two commands, for a fresh machine with only Python 3.11+ and the package index.

python3 run.py main   # install into .venv, then print who leads at 7 nm and the 2022 story
python3 run.py test   # install into .venv, then run pytest (property tests, docs examples,
                      # the notebook), mypy --strict, ruff, the checks of generated files,
                      # the docs site's strict build, and the cold-start and 10k-claim
                      # scale benchmarks against their limits
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / "nodecompare-installed"
#: cffconvert, which checks CITATION.cff, pins jsonschema 3.2 against the 4.x the tests
#: use, so the test job installs it apart, where tests/test_release.py finds it.
CFFCONVERT = VENV / "cffconvert"
#: The scale benchmark's CI run: 10k claims against json, pandas and DuckDB, with fewer
#: queries than its default to keep the test command short; its limits are in the script.
SCALE_CHECK = (
    "--claims",
    "10000",
    "--dates",
    "40",
    "--filters",
    "10",
    "--check",
    "--profile",
    "ci",
)


def _run(*command: str | Path) -> int:
    print("$", " ".join(str(part) for part in command), flush=True)
    return subprocess.call([str(part) for part in command], cwd=ROOT)


def _install(extra: str) -> None:
    """Create .venv and install the package with ``extra``, unless pyproject is unchanged."""
    wanted = f"{extra}:{hashlib.sha256((ROOT / 'pyproject.toml').read_bytes()).hexdigest()}"
    if STAMP.exists() and wanted in STAMP.read_text().split():
        return
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    quiet = "--quiet"
    steps: list[tuple[str | Path, ...]] = [
        (PYTHON, "-m", "pip", "install", quiet, "--upgrade", "pip"),
        (PYTHON, "-m", "pip", "install", quiet, "--editable", f".[{extra}]"),
    ]
    if extra == "test":
        target = ("--target", CFFCONVERT, "--upgrade")
        steps.append((PYTHON, "-m", "pip", "install", quiet, *target, "cffconvert==2.0.0"))
    for step in steps:
        if _run(*step) != 0:
            sys.exit(f"installing failed: {' '.join(map(str, step))}")
    done = STAMP.read_text().split() if STAMP.exists() else []
    STAMP.write_text("\n".join([*done, wanted]) + "\n")


def main_job() -> int:
    """Who leads at 7 nm today and on 2022-07-21, with evidence, and the article's story."""
    _install("all")
    return _run(PYTHON, "-m", "nodecompare", "story")


def _name(command: tuple[str | Path, ...]) -> str:
    """``ruff format`` for ``python -m ruff format --check .``; the script for a script."""
    words = [str(part) for part in command[1:]]
    return " ".join(words[1:3]) if words[0] == "-m" else words[0]


def checks_run_by_test(site_dir: Path) -> list[tuple[str | Path, ...]]:
    """The commands of the test job; the docs site is built into ``site_dir``.

    ``mkdocs build --strict`` fails on any warning: a broken link or anchor, or a page
    left out of the nav (mkdocs.yml raises those to warnings). Not ``--quiet``: that
    silences the warnings, and --strict then passes.
    """
    return [
        (PYTHON, "-m", "pytest", "-q"),
        (PYTHON, "-m", "mypy"),
        (PYTHON, "-m", "ruff", "check", "."),
        (PYTHON, "-m", "ruff", "format", "--check", "."),
        (PYTHON, "-m", "mkdocs", "build", "--strict", "--site-dir", site_dir),
        (PYTHON, "benchmarks/cold_start.py", "--runs", "7", "--check"),
        (PYTHON, "benchmarks/scale.py", *SCALE_CHECK),
    ]


def test_job() -> int:
    """The whole test suite: what CI runs."""
    _install("test")
    # Material for MkDocs prints a notice about its successor on every build; it says
    # nothing about these docs.
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    with tempfile.TemporaryDirectory(prefix="nodecompare-site-") as site_dir:
        failed = [_name(check) for check in checks_run_by_test(Path(site_dir)) if _run(*check) != 0]
    if failed:
        print(f"FAILED: {', '.join(failed)}", flush=True)
        return 1
    print("all checks passed", flush=True)
    return 0


def generate_job() -> int:
    """Regenerate the docs built from the data: coverage page, JSON Schema, figures."""
    _install("all")
    outputs = {
        "nodecompare.coverage": ROOT / "docs" / "coverage.md",
        "nodecompare.io.schema": ROOT / "docs" / "catalog.schema.json",
    }
    for module, path in outputs.items():
        done = subprocess.run(
            [str(PYTHON), "-m", module], cwd=ROOT, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        path.write_text(done.stdout, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return _run(PYTHON, "-m", "nodecompare.plots", ROOT / "docs" / "img")


if __name__ == "__main__":
    jobs = {"main": main_job, "test": test_job, "generate": generate_job}
    if len(sys.argv) != 2 or sys.argv[1] not in jobs:
        sys.exit(f"usage: python3 {Path(__file__).name} {{{'|'.join(jobs)}}}")
    sys.exit(jobs[sys.argv[1]]())
