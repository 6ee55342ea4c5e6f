"""Notebook set-up: charts that survive export to HTML, tables whose `$` are not maths and whose control
characters show, warnings as short notes.

Call :func:`setup_notebook` in a notebook's first code cell.
"""

from __future__ import annotations

import sys
import warnings

from ..text.characters import visible

_PYTHON_SHOWWARNING = warnings.showwarning

def show_note(message, category=UserWarning, filename=None, lineno=None, file=None, line=None) -> None:
    """Show a warning as a short note a reader understands: its message and its kind, on standard output.

    Python's own display names the file and line that raised it (in a notebook, a temporary file
    such as ``/tmp/ipykernel_1582/4089337860.py:1``) and repeats the line of code, and a notebook
    paints it red. :func:`setup_notebook` makes warnings use this instead (the arguments are those
    of :func:`warnings.showwarning`; the file and line are left out).

    >>> show_note("2 rows have small counts.", UserWarning)
    Note: 2 rows have small counts.
    """
    text = visible(" ".join(str(message).split()))
    kind = "" if category in (UserWarning, Warning) else f" ({category.__name__})"
    print(f"Note: {text}{kind}", file=sys.stdout if file is None or file is sys.stderr else file)


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the notebooks' dependencies
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


def safe_table_html(table) -> str | None:
    """pandas' own HTML for a table, with control characters and bidi controls shown as escapes.

    pandas escapes ``<`` and ``&`` but passes an ESC, a NUL or a right-to-left override through, and
    the last reorders what the page shows (a file name or outlet "SSAT" shown as "TASS").

    >>> import pandas as pd
    >>> "\\\\u202eSSAT" in safe_table_html(pd.DataFrame({"outlet": ["\\u202eSSAT"]}))
    True
    """
    markup = table._repr_html_()
    return None if markup is None else visible(markup, keep="\n\t")


def _safe_table_text(table, printer, cycle) -> None:
    printer.text(visible(repr(table), keep="\n"))


def _show_tables_safely() -> None:
    """Make the notebook show pandas tables through :func:`safe_table_html` (and their text the same way)."""
    import pandas as pd
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return
    formatters = shell.display_formatter.formatters
    formatters["text/html"].for_type(pd.DataFrame, safe_table_html)
    for kind in (pd.DataFrame, pd.Series):
        formatters["text/plain"].for_type(kind, _safe_table_text)


def _import_plotly_renderers() -> None:
    """Import plotly's renderers without the 1.5 s that jsonschema spends on a grammar no notebook uses.

    plotly imports nbformat (to check its version), nbformat imports jsonschema, and jsonschema
    builds an IRI grammar with lark at import when ``rfc3987-syntax`` is installed (Jupyter's
    own packages pull it in): about 1.5 s of CPU before the first chart. It only serves the
    "iri" format check of JSON schemas, which neither plotly nor nbformat ask for. jsonschema is
    imported here without it; ``rfc3987_syntax`` itself stays importable.
    """
    if "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # an import of it fails: jsonschema skips that check
        try:
            import jsonschema  # noqa: F401
        except ImportError:  # jsonschema not installed: nothing to gain
            pass
        finally:
            del sys.modules["rfc3987_syntax"]
    import plotly.io  # noqa: F401


def setup_notebook(*, offline_html: bool = True, notes: bool = True) -> None:
    """Make charts, tables and warnings behave in JupyterLab and in exported HTML.

    - Plotly figures are sent both as Plotly's own JupyterLab format and as HTML with
      plotly.js embedded (``offline_html=True``), so they draw in JupyterLab, and in a
      rendered HTML page with no network. (Plotly's default renderer can leave charts out
      of exported HTML; ``notebook_connected`` would fetch plotly.js from the internet.)
    - pandas tables are marked so that MathJax does not typeset "$40 ... $60" in article
      text as a formula.
    - pandas tables (the load report, the articles) show control characters and bidi controls in file
      names and values as escapes (``\\x1b``, ``\\u202e``): nothing in the data can reorder or hide
      what the page shows.
    - ``notes=True``: inside a notebook (a Jupyter kernel), warnings are shown by :func:`show_note`,
      "Note: ..." in plain text, without the temporary file name and line of code Python adds.

    >>> setup_notebook()
    >>> import plotly.io as pio
    >>> pio.renderers.default
    'plotly_mimetype+notebook'
    """
    import pandas as pd

    _import_plotly_renderers()
    import plotly.io as pio

    pio.renderers.default = "plotly_mimetype+notebook" if offline_html else "plotly_mimetype+notebook_connected"
    pd.set_option("display.html.use_mathjax", False)
    pd.set_option("display.max_colwidth", 120)
    _show_tables_safely()
    if notes and _in_kernel():
        warnings.showwarning = show_note
    elif not notes and warnings.showwarning is show_note:
        warnings.showwarning = _PYTHON_SHOWWARNING
