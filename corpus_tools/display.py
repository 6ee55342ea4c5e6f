"""Safe HTML for tables of article text: everything escaped, nothing typeset as maths.

Article text is untrusted. Every cell goes through :func:`escape_text`, which escapes
HTML and also ``$`` (JupyterLab would typeset "$40 billion ... $60" as maths) and
backslashes, so a corpus holding ``<script>`` or ``onerror=`` shows them as text.

>>> escape_text('<img src=x onerror="alert(1)"> costs $40')
'&lt;img src=x onerror=&quot;alert(1)&quot;&gt; costs &#36;40'
"""

from __future__ import annotations

import html

import pandas as pd


def escape_text(value) -> str:
    """Escape a value for HTML display (``< > & " '``, plus ``$`` and ``\\`` against maths typesetting)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if value is pd.NaT:
        return ""
    return html.escape(str(value), quote=True).replace("$", "&#36;").replace("\\", "&#92;")


def html_table(frame: pd.DataFrame, *, columns=None, classes: dict | None = None, max_rows: int = 500,
               caption: str | None = None) -> str:
    """An HTML table of ``frame`` with every header and cell escaped.

    ``classes`` maps a column to a CSS class for its cells (e.g. the KWIC match column).
    Rows past ``max_rows`` are left out and the caption says how many.
    """
    columns = list(columns or frame.columns)
    classes = classes or {}
    shown = frame.head(max_rows)
    head = "".join(f"<th>{escape_text(c)}</th>" for c in columns)
    body = []
    for row in shown[columns].itertuples(index=False, name=None):
        cells = "".join(
            f'<td class="{escape_text(classes[c])}">{escape_text(v)}</td>' if c in classes else f"<td>{escape_text(v)}</td>"
            for c, v in zip(columns, row)
        )
        body.append(f"<tr>{cells}</tr>")
    note = caption or ""
    if len(frame) > max_rows:
        note = f"{note} (showing {max_rows} of {len(frame)} rows)".strip()
    cap = f"<caption>{escape_text(note)}</caption>" if note else ""
    return f'<table class="corpus-tools">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def display_html(markup: str) -> None:
    """Show markup built by this module in the notebook (IPython only imported when needed)."""
    from IPython.display import HTML, display

    display(HTML(markup))
