"""Notebook set-up: charts that survive export to HTML, tables whose `$` are not maths.

Call :func:`setup_notebook` in a notebook's first code cell.
"""

from __future__ import annotations


def setup_notebook(*, offline_html: bool = True) -> None:
    """Make charts and tables behave in JupyterLab and in exported HTML.

    - Plotly figures are sent both as Plotly's own JupyterLab format and as HTML with
      plotly.js embedded (``offline_html=True``), so they draw in JupyterLab, and in a
      rendered HTML page with no network. (Plotly's default renderer can leave charts out
      of exported HTML; ``notebook_connected`` would fetch plotly.js from the internet.)
    - pandas tables are marked so that MathJax does not typeset "$40 ... $60" in article
      text as a formula.

    >>> setup_notebook()
    >>> import plotly.io as pio
    >>> pio.renderers.default
    'plotly_mimetype+notebook'
    """
    import pandas as pd
    import plotly.io as pio

    pio.renderers.default = "plotly_mimetype+notebook" if offline_html else "plotly_mimetype+notebook_connected"
    pd.set_option("display.html.use_mathjax", False)
    pd.set_option("display.max_colwidth", 120)
