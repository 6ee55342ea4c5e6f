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


def articles_html(articles: pd.DataFrame, *, doc_ids=None, highlight=(), text: str = "text",
                  header=("outlet", "title", "date"), max_chars: int | None = None) -> str:
    """Articles as readable, escaped HTML: a header line and the text paragraph by paragraph.

    ``highlight``: words or phrases marked wherever they occur (case-insensitive, whole words),
    e.g. framing terms a class should look at.

    >>> import pandas as pd
    >>> page = articles_html(pd.DataFrame({"doc_id": ["a"], "text": ["Kiev <b>or</b> Kyiv?"]}), highlight=["kiev"])
    >>> "<mark>Kiev</mark> &lt;b&gt;or&lt;/b&gt; Kyiv?" in page
    True
    """
    import re

    from .validation import require_columns

    require_columns(articles, ["doc_id", text], what="articles table")
    rows = articles if doc_ids is None else articles[articles["doc_id"].isin(list(doc_ids))]
    terms = sorted({str(t) for t in highlight if str(t).strip()}, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?!\w)", re.IGNORECASE) if terms else None

    def paragraph(par: str) -> str:
        if pattern is None:
            return escape_text(par)
        # Split on the raw text, then escape each piece: marks never cut through an entity.
        pieces = pattern.split(par)
        return "".join(f"<mark>{escape_text(p)}</mark>" if i % 2 else escape_text(p) for i, p in enumerate(pieces))

    parts = []
    for _, row in rows.iterrows():
        body = str(row[text]) if pd.notna(row[text]) else ""
        if max_chars is not None and len(body) > max_chars:
            body = body[:max_chars].rsplit(" ", 1)[0] + " …"
        meta = " · ".join(escape_text(row[c].date() if isinstance(row[c], pd.Timestamp) else row[c])
                          for c in header if c in rows.columns and pd.notna(row[c]) and str(row[c]))
        paras = "".join(f"<p>{paragraph(p)}</p>" for p in body.split("\n") if p.strip())
        parts.append(f'<article class="ct-article"><h4>{escape_text(row["doc_id"])}</h4>'
                     f"<p><i>{meta}</i></p>{paras}</article>")
    return "".join(parts) or "<p>No articles to show.</p>"


def show_articles(articles: pd.DataFrame, **kwargs) -> None:
    """Show articles to read in the notebook (escaped; see :func:`articles_html` for options)."""
    display_html(articles_html(articles, **kwargs))
