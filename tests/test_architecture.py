"""The package's layout rules (issue 11), read from the source with :mod:`ast`.

- No import circle between nodecompare's modules, counting imports inside functions (a
  lazy import is still a dependency); only ``if TYPE_CHECKING:`` imports are left out.
- Each module imports only from its own layer or the layers below it.
- No module imports another module's ``_private`` names.
- No module over 500 lines, no function over 60 (docstring included).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "nodecompare"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60

#: The layers, lowest first: a module may import from its own layer and those below.
#: Files are read (io) into the model, indexed (catalog), asked (queries), answered
#: (results), and shown (render, cli).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "units", "dates", "reference"),
    ("model",),
    ("metrics",),
    ("catalog",),
    ("io",),
    ("results",),
    ("queries",),
    ("render", "cite", "duckdb"),
    ("integrity", "coverage", "plots", "strategies"),
    ("cli", "__main__"),
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


MODULES = _modules()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from _imports(node)


def _owner(name: str) -> str | None:
    """The package module that ``name`` (a dotted module path) is, or lies in."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> Iterator[tuple[str, str]]:
    """(module imported, name imported or "") for each nodecompare import."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name, ""
        return
    base = node.module or ""
    if node.level:
        package = module.split(".")
        if MODULES[module].name != "__init__.py":
            package = package[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, base] if base else package)
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        yield (submodule, "") if submodule in MODULES else (base, alias.name)


def _packages_above(module: str) -> list[str]:
    parts = module.split(".")
    above = (".".join(parts[:end]) for end in range(2, len(parts)))
    return [package for package in above if package in MODULES]


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            for target, _ in _targets(name, node):
                owner = _owner(target)
                # The root package is imported with any of its modules; it is the API.
                if owner is None or owner in {"nodecompare", name}:
                    continue
                graph[name].add(owner)
                # Importing a module from outside its package runs the package's __init__.
                for package in _packages_above(owner):
                    if not name.startswith(package + ".") and package != name:
                        graph[name].add(package)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = 1
        path.append(name)
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)) is not None:
                return found
        path.pop()
        state[name] = 2
        return None

    for name in sorted(graph):
        if name not in state and (found := visit(name)) is not None:
            return found
    return None


def _layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else ""
    for rank, names in enumerate(LAYERS):
        if top in names:
            return rank
    raise AssertionError(f"{module} belongs to no layer; add it to LAYERS")


def test_no_import_circles() -> None:
    assert _cycle(_graph()) is None


def test_imports_go_down_the_layers() -> None:
    upward = [
        f"{name} imports {target}"
        for name, targets in _graph().items()
        if name != "nodecompare"
        for target in targets
        if _layer(target) > _layer(name)
    ]
    assert upward == []


def test_no_module_imports_anothers_private_names() -> None:
    private = [
        f"{name} imports {target}.{imported}"
        for name, path in MODULES.items()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8")))
        for target, imported in _targets(name, node)
        if imported.startswith("_") and _owner(target) not in {None, name}
    ]
    assert private == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_and_function_sizes(name: str) -> None:
    source = MODULES[name].read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_MODULE_LINES
    long = [
        f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
