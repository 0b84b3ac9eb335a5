"""docs/notebooks/tour.ipynb runs in a real Jupyter kernel and shows what its text promises.

The notebook is committed without outputs: they hold today's date and the data of one
release, and would go stale with either. This test executes it with nbclient in an
IPython kernel started from the running interpreter, so the kernel imports the package
under test, and then reads each cell's outputs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

import nodecompare as nc

nbclient = pytest.importorskip("nbclient")
nbformat = pytest.importorskip("nbformat")

TOUR = Path(__file__).resolve().parent.parent / "docs" / "notebooks" / "tour.ipynb"
#: Seconds any one cell may take before the run fails; the whole tour takes a few.
CELL_TIMEOUT = 60


def _kernel_environment(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``python3`` kernelspec that starts this interpreter, found before any installed one.

    The kernel inherits this process's environment (PYTHONPATH included), so with the same
    interpreter it imports the same nodecompare. Jupyter's and IPython's files go to
    ``home``, so no configuration or startup file of the user's applies, and figures show
    inline whatever matplotlib backend the tests use.
    """
    spec = home / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "Python 3 (tests)", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(home / "jupyter"))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(home / "jupyter"))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(home / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(home / "ipython"))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")


@pytest.fixture(scope="module")
def tour(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The tour, executed, with one more cell that prints where it imported nodecompare."""
    home = tmp_path_factory.mktemp("kernel-home")
    notebook = nbformat.read(TOUR, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("print(nc.__file__)"))
    with pytest.MonkeyPatch.context() as monkeypatch:
        _kernel_environment(home, monkeypatch)
        client = nbclient.NotebookClient(
            notebook,
            kernel_name="python3",
            timeout=CELL_TIMEOUT,
            resources={"metadata": {"path": str(TOUR.parent)}},
        )
        client.execute()
    return notebook


def _outputs(notebook: Any, source: str) -> list[Any]:
    """The outputs of the one code cell whose source is ``source``."""
    cells = [cell for cell in notebook.cells if cell.source == source]
    assert len(cells) == 1, f"the tour has {len(cells)} cells running {source!r}"
    outputs: list[Any] = cells[0].outputs
    return outputs


def _shown(notebook: Any, source: str, mime: str) -> str:
    """What the cell running ``source`` shows as its result in ``mime``."""
    results = [out for out in _outputs(notebook, source) if out.output_type == "execute_result"]
    assert len(results) == 1, f"{source!r} shows no result"
    shown: str = results[0].data[mime]
    return shown


def _printed(notebook: Any, source: str) -> str:
    streams = _outputs(notebook, source)
    return "".join(out.text for out in streams if out.output_type == "stream")


def test_the_tour_is_committed_without_outputs() -> None:
    notebook = nbformat.read(TOUR, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code, "the tour has no code"
    assert all(not cell.outputs and cell.execution_count is None for cell in code)


def test_the_kernel_imports_the_package_under_test(tour: Any) -> None:
    assert _printed(tour, "print(nc.__file__)").strip() == nc.__file__


def test_no_cell_of_the_tour_errs_or_warns(tour: Any) -> None:
    troubles = [
        (cell.source, out.get("name", out.output_type))
        for cell in tour.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "error" or out.get("name") == "stderr"
    ]
    assert troubles == []


def test_the_tour_shows_smic_among_the_7nm_leaders_only_after_the_teardown(tour: Any) -> None:
    known_now = _shown(tour, 'nc.leaders(7, as_of="2022-07-21")', "text/html")
    known_then = _shown(
        tour, 'nc.leaders(7, as_of="2022-07-21", known_by="2022-07-01")', "text/html"
    )
    assert all(name in known_now for name in ("TSMC", "Samsung", "Intel", "SMIC"))
    assert "TSMC" in known_then
    assert "SMIC" not in known_then
    assert "<table" in _shown(tour, "nc.leaders(7)", "text/html")


def test_the_tour_shows_the_html_node_card_of_tsmc_n5(tour: Any) -> None:
    card = _shown(tour, 'nc.node("TSMC", "N5")', "text/html")
    n5 = nc.node("TSMC", "N5")
    assert card == n5._repr_html_()
    assert "TSMC N5" in card
    assert "<table" in card


def test_the_tour_shows_the_table_of_every_node(tour: Any) -> None:
    nodes = nc.nodes()
    assert f"{len(nodes)} nodes" in _shown(tour, "nc.nodes()", "text/plain")
    table = _shown(tour, "nc.nodes()", "text/html")
    assert all(node.name in table for node in nodes)


def test_the_tour_compares_tsmc_and_smic(tour: Any) -> None:
    comparison = _shown(tour, 'nc.compare("TSMC", "SMIC")', "text/html")
    assert "TSMC vs SMIC" in comparison


def test_the_tour_fits_and_plots_the_density_trend(tour: Any) -> None:
    trend = _shown(tour, "trend = nc.density_trend()\ntrend", "text/plain")
    assert trend.startswith("<Trend all foundries: doubles every")
    images = [out for out in _outputs(tour, "trend.plot();") if "image/png" in out.get("data", {})]
    assert len(images) == 1


def test_the_tour_cites_its_sources_and_the_data_release(tour: Any) -> None:
    cited = nc.cite(nc.leaders(7, as_of="2022-07-21"))
    table = _shown(tour, 'cited = nc.cite(nc.leaders(7, as_of="2022-07-21"))\ncited', "text/html")
    assert table == cited._repr_html_()
    entry = _printed(tour, 'print(cited.bibtex().split("\\n\\n")[-1])')
    assert entry.startswith(f"@misc{{nodecompare-data-{nc.data_version},")
