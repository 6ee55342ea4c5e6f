"""Running a notebook top to bottom with parameters, saying which cell failed and why."""

from __future__ import annotations

import ast
import html
import keyword
import tempfile
from pathlib import Path, PurePath

PARAMETERS_TAG = "parameters"

INJECTED_TAG = "injected-parameters"


class NotebookError(RuntimeError):
    """A notebook failed: names the notebook, the cell (counted from 1) and the error."""

    def __init__(self, message: str, *, notebook: str | None = None, cell: int | None = None,
                 ename: str | None = None, evalue: str | None = None):
        super().__init__(message)
        self.notebook, self.cell, self.ename, self.evalue = notebook, cell, ename, evalue

    def __reduce__(self):  # kept whole when raised in a worker process (reports run notebooks side by side)
        return _rebuild_error, (str(self), self.notebook, self.cell, self.ename, self.evalue)


def _rebuild_error(message, notebook, cell, ename, evalue) -> NotebookError:
    return NotebookError(message, notebook=notebook, cell=cell, ename=ename, evalue=evalue)


def _literal(name: str, value) -> str:
    """``value`` as Python source that evaluates back to the same value (or a clear error)."""
    if isinstance(value, PurePath):
        value = str(value)
    text = repr(value)
    try:
        ok = ast.literal_eval(text) == value
    except (ValueError, SyntaxError, TypeError, RecursionError):
        ok = False
    if not ok:
        raise TypeError(f"parameter {name}={value!r} cannot be written into a notebook: use a str, number, "
                        "bool, None, or a list/tuple/dict/set of these")
    return text


def inject_parameters(nb, parameters: dict) -> None:
    """Insert (in place) a cell tagged ``injected-parameters`` assigning ``parameters``.

    It goes right after the first cell tagged ``parameters`` (at the top when there is none, as
    papermill does); an earlier injected cell is removed first. Values are written with
    ``repr`` and checked to read back unchanged, so a string holding quotes or newlines
    stays a string.
    """
    import nbformat

    lines = ["# Parameters injected by corpus_tools.apps.report"]
    for name, value in parameters.items():
        if not (isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name)):
            raise ValueError(f"{name!r} is not a valid Python variable name")
        lines.append(f"{name} = {_literal(name, value)}")
    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    cell = nbformat.v4.new_code_cell("\n".join(lines), metadata={"tags": [INJECTED_TAG]})
    if nb.get("nbformat", 4) == 4 and nb.get("nbformat_minor", 0) < 5:
        cell.pop("id", None)  # cell ids came with nbformat 4.5
    where = next((i + 1 for i, c in enumerate(nb.cells)
                  if c.cell_type == "code" and PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])), 0)
    nb.cells.insert(where, cell)


def parse_parameters(items) -> dict:
    """``["NAME=VALUE", ...]`` (``corpus-tools report --param``) as ``{NAME: value}``.

    A value that reads as a Python literal is that literal (``15``, ``None``, ``True``,
    ``["kyiv", "kiev"]``, ``"quoted text"``); anything else is the text as written (``TASS``,
    ``Kyiv|Kiev``, ``White House``).

    >>> parse_parameters(["N_TERMS=20", "TARGET=TASS", "WORDS=['kyiv', 'kiev']", "KEYWORD=Kyiv|Kiev", "TERM=None"])
    {'N_TERMS': 20, 'TARGET': 'TASS', 'WORDS': ['kyiv', 'kiev'], 'KEYWORD': 'Kyiv|Kiev', 'TERM': None}
    """
    parsed = {}
    for item in items or ():
        name, sep, text = str(item).partition("=")
        name = name.strip()
        if not sep or not name:
            raise ValueError(f"--param {item!r}: write NAME=VALUE, e.g. --param TARGET=TASS")
        try:
            value = ast.literal_eval(text.strip())
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            value = text
        parsed[name] = value
    return parsed


def notebook_parameters(nb) -> list[str]:
    """The names the cell tagged ``parameters`` assigns, in order (``nb``: a notebook or its path)."""
    import nbformat

    if isinstance(nb, (str, PurePath)):
        nb = nbformat.read(nb, as_version=4)
    names: list[str] = []
    for cell in nb.cells:
        if cell.cell_type == "code" and PARAMETERS_TAG in cell.get("metadata", {}).get("tags", []):
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                return names
            for node in tree.body:
                targets = node.targets if isinstance(node, ast.Assign) else \
                    [node.target] if isinstance(node, ast.AnnAssign) else []
                names += [t.id for t in targets if isinstance(t, ast.Name) and t.id not in names]
            break
    return names


def hide_paths(nb, paths: dict) -> None:
    """Replace (in place) each path of ``paths`` (``{path: what to show instead}``) in the notebook's code
    and outputs, so that a page shared with others does not show the folders of the machine it was made on.
    Each path is looked for as written, and escaped for HTML."""
    pairs = []
    for path, shown in paths.items():
        for form in {str(path), html.escape(str(path)), repr(str(path))[1:-1]}:
            pairs.append((form, str(shown)))
    pairs.sort(key=lambda p: -len(p[0]))  # the longest first: a folder's own path before its parent's

    def clean(value):
        if isinstance(value, str):
            for old, new in pairs:
                value = value.replace(old, new)
            return value
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return type(value)({k: clean(v) for k, v in value.items()})
        return value

    for cell in nb.cells:
        cell.source = clean(cell.source)
        if cell.cell_type == "code":
            cell.outputs = clean(cell.get("outputs", []))


def _cell_label(nb, index: int | None) -> tuple[int | None, str]:
    """(number counted from 1 among the notebook's own cells, first line of its source)."""
    if index is None or not (0 <= index < len(nb.cells)):
        return None, ""
    injected = [i for i, c in enumerate(nb.cells) if INJECTED_TAG in c.get("metadata", {}).get("tags", [])]
    number = index + 1 - sum(1 for i in injected if i < index)
    first = next((line for line in nb.cells[index].source.splitlines() if line.strip()), "")
    return number, first.strip()[:100]


def run_notebook(path, *, parameters: dict | None = None, timeout: float = 600, cwd=None,
                 kernel_name: str | None = None, on_cell=None):
    """Execute the notebook at ``path`` and return it (an ``nbformat.NotebookNode``) with its outputs.

    ``parameters`` (e.g. ``{"CORPUS": "/abs/path"}``) are assigned in a cell tagged
    ``injected-parameters`` inserted after the cell tagged ``parameters``. ``timeout`` is in
    seconds per cell (required: a stalled cell must not hang the run). The notebook runs in
    ``cwd`` (default: its own folder), so its relative paths mean what they mean in JupyterLab.

    ``on_cell(number, total)`` is called as each code cell starts (for a progress display).
    A failing cell raises :class:`NotebookError` naming the notebook, the cell and the error.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import (
        CellExecutionError,
        CellTimeoutError,
        DeadKernelError,
    )

    if timeout is None or timeout <= 0:
        raise ValueError("run_notebook needs a positive timeout (seconds per cell)")
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    if parameters:
        inject_parameters(nb, parameters)
    cwd = Path(cwd) if cwd is not None else path.resolve().parent
    kernel = kernel_name or nb.metadata.get("kernelspec", {}).get("name") or "python3"
    client = NotebookClient(nb, timeout=timeout, startup_timeout=max(60, min(timeout, 300)), kernel_name=kernel,
                            resources={"metadata": {"path": str(cwd)}})
    current: dict = {}
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]

    def on_cell_start(cell=None, cell_index=None, **_):
        current["index"] = cell_index
        if on_cell is not None and cell_index in code_cells:
            on_cell(code_cells.index(cell_index) + 1, len(code_cells))

    client.on_cell_start = on_cell_start
    # The kernel's own log (e.g. ipykernel's warning about TCP transport) goes to a file, not the
    # terminal; its end is quoted if the kernel dies.
    log = tempfile.TemporaryFile()
    try:
        client.execute(stderr=log, stdout=log)
    except CellExecutionError as e:
        number, first = _cell_label(nb, current.get("index"))
        raise NotebookError(
            f"{path.name}: cell {number} ({first!r}) failed with {e.ename}: {e.evalue}",
            notebook=str(path), cell=number, ename=e.ename, evalue=e.evalue) from e
    except (CellTimeoutError, TimeoutError) as e:
        number, first = _cell_label(nb, current.get("index"))
        raise NotebookError(f"{path.name}: cell {number} ({first!r}) did not finish within {timeout} s",
                            notebook=str(path), cell=number, ename="TimeoutError", evalue=str(e)) from e
    except DeadKernelError as e:
        number, first = _cell_label(nb, current.get("index"))
        log.seek(0)
        tail = log.read().decode("utf-8", "replace").strip()[-1500:]
        raise NotebookError(f"{path.name}: the kernel died while running cell {number} ({first!r})"
                            + (f"\nKernel log:\n{tail}" if tail else ""),
                            notebook=str(path), cell=number, ename="DeadKernelError", evalue=str(e)) from e
    finally:
        log.close()
    return nb


