"""The package's layout is its architecture: imports flow one way, and modules stay small.

Layers, lowest first (a module may import its own layer and the layers below, never above):
data, core -> text -> io -> analysis -> media -> ui -> apps (and dask) -> the public facades
(``corpus_tools/__init__.py``, ``widgets.py``, ``dask/__init__.py``).
"""

import ast
from pathlib import Path

from .conftest import REPO

PACKAGE = REPO / "corpus_tools"
LAYERS = {"data": 0, "core": 0, "text": 1, "io": 2, "analysis": 3, "media": 4, "ui": 5, "apps": 6, "dask": 6}
FACADES = {"corpus_tools", "corpus_tools.widgets", "corpus_tools.dask"}
MAX_LINES = 420


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules ``name`` imports, anywhere in the file (lazy imports inside functions too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:  # "from . import x" may name a module
                if f"{target}.{alias.name}" in known:
                    found.add(f"{target}.{alias.name}")
            if target in known:
                found.add(target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in known}
    return found - {name}


def _layer(module: str) -> float:
    if module in FACADES:
        return 7
    sub = module.split(".")[1]
    assert sub in LAYERS, f"{module} is in no layer: put it in one of {sorted(LAYERS)} (or a facade)"
    return LAYERS[sub]


def _graph():
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def test_no_module_imports_a_higher_layer():
    upward = [f"{a} (layer {_layer(a)}) imports {b} (layer {_layer(b)})"
              for a, deps in _graph().items() for b in deps if _layer(b) > _layer(a)]
    assert not upward, "\n".join(upward)


def test_sibling_layers_do_not_import_each_other_at_the_bottom():
    # data and core are both the bottom: neither may lean on the other's neighbours or any text code.
    graph = _graph()
    assert not [b for a, deps in graph.items() if a.startswith("corpus_tools.data") for b in deps]


def test_no_import_cycle():
    graph = _graph()
    state: dict[str, int] = {}

    def visit(node, stack):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt] if nxt in stack else [node, nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])


def test_the_checker_sees_an_upward_import(tmp_path, monkeypatch):
    # The rules above would pass vacuously if no import were found: check one that breaks them.
    fake = tmp_path / "corpus_tools" / "text"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text("from ..ui.plots import plot_keyness\n")
    found = _imports("corpus_tools.text.bad", fake / "bad.py", {"corpus_tools.ui.plots"})
    assert found == {"corpus_tools.ui.plots"} and _layer("corpus_tools.ui.plots") > _layer("corpus_tools.text.bad")


def test_modules_stay_small():
    big = {n: len(p.read_text(encoding="utf-8").splitlines()) for n, p in _modules().items()}
    assert not {n: k for n, k in big.items() if k > MAX_LINES}, f"split modules over {MAX_LINES} lines"


def test_private_names_are_not_borrowed_across_modules():
    # A name starting with "_" belongs to its module; what another module needs is given a public name.
    borrowed = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("corpus_tools")):
                borrowed += [f"{name}: {node.module}.{a.name}" for a in node.names
                             if a.name.startswith("_") and not a.name.startswith("__")]
    assert not borrowed, "\n".join(borrowed)
