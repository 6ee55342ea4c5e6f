"""Safe HTML for tables of article text: everything escaped, nothing typeset as maths.

Article text is untrusted. Every cell goes through :func:`escape_text`, which escapes
HTML and also ``$`` (JupyterLab would typeset "$40 billion ... $60" as maths) and
backslashes, so a corpus holding ``<script>`` or ``onerror=`` shows them as text; control
characters and bidirectional overrides show as escapes (``\\x1b``, ``\\u202e``), so they
cannot reorder or hide what is displayed.

>>> escape_text('<img src=x onerror="alert(1)"> costs $40')
'&lt;img src=x onerror=&quot;alert(1)&quot;&gt; costs &#36;40'
"""

from __future__ import annotations

import html

import pandas as pd

from ..core.validation import require_columns
from ..media.quote_variants import MATCH_COLUMNS
from ..media.story import headline
from ..text.characters import visible


def escape_text(value) -> str:
    """Escape a value for HTML display (``< > & " '``, plus ``$`` and ``\\`` against maths typesetting).

    Control characters and bidi controls show as escapes, line breaks and tabs stay:

    >>> escape_text("\\u202eSSAT\\x1b[2J")
    '&#92;u202eSSAT&#92;x1b[2J'
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if value is pd.NaT:
        return ""
    return html.escape(visible(value, keep="\n\t"), quote=True).replace("$", "&#36;").replace("\\", "&#92;")


def html_table(frame: pd.DataFrame, *, columns=None, classes: dict | None = None, max_rows: int = 500,
               caption: str | None = None, missing: str = "") -> str:
    """An HTML table of ``frame`` with every header and cell escaped.

    ``classes`` maps a column to a CSS class for its cells (e.g. the KWIC match column).
    Rows past ``max_rows`` are left out and the caption says how many. Missing values show as ``missing``.
    """
    columns = list(columns or frame.columns)
    classes = classes or {}
    shown = frame.head(max_rows)
    head = "".join(f"<th>{escape_text(c)}</th>" for c in columns)
    body = []
    for row in shown[columns].itertuples(index=False, name=None):
        row = [missing if _blank(v) else v for v in row]
        cells = "".join(
            f'<td class="{escape_text(classes[c])}">{escape_text(v)}</td>'
            if c in classes
            else f"<td>{escape_text(v)}</td>"
            for c, v in zip(columns, row)
        )
        body.append(f"<tr>{cells}</tr>")
    note = caption or ""
    if len(frame) > max_rows:
        note = f"{note} (showing {max_rows} of {len(frame)} rows)".strip()
    cap = f"<caption>{escape_text(note)}</caption>" if note else ""
    return f'<table class="corpus-tools">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _blank(value) -> bool:
    if isinstance(value, (list, tuple, dict)):
        return not value
    return value is None or value is pd.NaT or (not isinstance(value, str) and bool(pd.isna(value))) or \
        (isinstance(value, str) and not value.strip())


# Text reads from the left (JupyterLab aligns table cells right, with a rule this one must outweigh).
_TABLE_CSS = ("<style>table.ct-table td, table.ct-table th, .jp-RenderedHTMLCommon table.ct-table td, "
              ".jp-RenderedHTMLCommon table.ct-table th{text-align:left;vertical-align:top}</style>")


def table_html(table, *, columns=None, max_rows: int = 50, caption: str | None = None) -> str:
    """The HTML that :func:`show_table` displays: escaped, missing values as "—", dates as 2024-03-05, lists joined.

    >>> import pandas as pd
    >>> page = table_html(pd.DataFrame({"title": ["<b>A</b>", None], "date": pd.to_datetime(["2024-03-05", None])}))
    >>> "&lt;b&gt;A&lt;/b&gt;" in page, "2024-03-05" in page, "NaN" in page, page.count("—")
    (True, True, False, 2)
    >>> table_html(pd.DataFrame({"title": []}), caption="Numbers")
    '<p><i>Numbers: none found.</i></p>'
    """
    frame = table if isinstance(table, pd.DataFrame) else pd.DataFrame(list(table))
    frame = frame.copy()
    for c in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[c]):
            frame[c] = frame[c].dt.strftime("%Y-%m-%d")
        elif frame[c].dtype == object:
            frame[c] = frame[c].map(lambda v: ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    if frame.empty:
        return f"<p><i>{escape_text(caption) + ': ' if caption else ''}none found.</i></p>"
    columns = [c for c in columns if c in frame.columns] if columns is not None else None
    table = html_table(frame, columns=columns, max_rows=max_rows, caption=caption, missing="—")
    return _TABLE_CSS + table.replace('<table class="corpus-tools">', '<table class="corpus-tools ct-table">', 1)


def show_table(table, *, columns=None, max_rows: int = 50, caption: str | None = None) -> None:
    """Show a table (a DataFrame or a list of records) for a class: every cell escaped, missing values as
    "—" (never "NaN"), dates as 2024-03-05, at most ``max_rows`` rows (the caption says how many more)."""
    display_html(table_html(table, columns=columns, max_rows=max_rows, caption=caption))


def display_html(markup: str) -> None:
    """Show markup built by this module in the notebook (IPython only imported when needed)."""
    from IPython.display import HTML, display

    display(HTML(markup))


def articles_html(articles: pd.DataFrame, *, doc_ids=None, highlight=(), text: str = "text",
                  header=("outlet", "title", "date"), max_chars: int | None = None) -> str:
    """Articles as readable, escaped HTML: the headline, a line of ``header`` values, the text paragraph by paragraph.

    The headline is the title (else the first words of the text); the doc_id follows the header line in
    small type. ``highlight``: words or phrases marked wherever they occur (case-insensitive, whole
    words), e.g. framing terms a class should look at.

    >>> import pandas as pd
    >>> page = articles_html(pd.DataFrame({"doc_id": ["a"], "text": ["Kiev <b>or</b> Kyiv?"]}), highlight=["kiev"])
    >>> "<mark>Kiev</mark> &lt;b&gt;or&lt;/b&gt; Kyiv?" in page
    True
    """
    import re

    from ..core.validation import require_columns

    require_columns(articles, ["doc_id", text], what="articles table")
    rows = articles if doc_ids is None else articles[articles["doc_id"].isin(list(doc_ids))]
    terms = sorted({str(t) for t in highlight if str(t).strip()}, key=len, reverse=True)
    pattern = (
        re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?!\w)", re.IGNORECASE) if terms else None
    )

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
                          for c in header if c in rows.columns and c != "title" and pd.notna(row[c]) and str(row[c]))
        paras = "".join(f"<p>{paragraph(p)}</p>" for p in body.split("\n") if p.strip())
        parts.append(f'<article class="ct-article"><h4>{escape_text(headline(row))}</h4>'
                     f'<p><i>{meta}</i> <small style="color:#666">{escape_text(row["doc_id"])}</small></p>'
                     f"{paras}</article>")
    return "".join(parts) or "<p>No articles to show.</p>"


def show_articles(articles: pd.DataFrame, **kwargs) -> None:
    """Show articles to read in the notebook (escaped; see :func:`articles_html` for options).

    >>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["AP"], "title": ["Aid"], "text": ["Aid to <b>Kyiv</b>."]})
    >>> page = articles_html(arts)  # the HTML show_articles(arts) displays; show_articles returns None
    >>> page[:52], "Aid to &lt;b&gt;Kyiv&lt;/b&gt;." in page
    ('<article class="ct-article"><h4>Aid</h4><p><i>AP</i>', True)
    """
    display_html(articles_html(articles, **kwargs))


def show_kwic(kwic_table: pd.DataFrame, *, columns=None, max_rows: int = 200) -> None:
    """Display a KWIC table as an aligned, escaped HTML concordance (display only).

    Article text is escaped (a ``<script>`` in a corpus shows as text) and ``$`` signs
    are not typeset as maths.

    >>> from corpus_tools import kwic
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Aid to <b>Kyiv</b> goes on."]})
    >>> "&lt;b&gt;" in kwic_html(kwic(arts, "kyiv"))  # what show_kwic displays
    True
    """
    require_columns(kwic_table, ["left", "match", "right"], what="KWIC table")
    display_html(kwic_html(kwic_table, columns=columns, max_rows=max_rows))


_KWIC_CSS = (
    "<style>table.corpus-tools td.kwic-left{text-align:right;white-space:nowrap}"
    "table.corpus-tools td.kwic-match{font-weight:bold;text-align:center;white-space:nowrap}"
    "table.corpus-tools td.kwic-right{text-align:left;white-space:nowrap}</style>"
)


def kwic_html(kwic_table: pd.DataFrame, *, columns=None, max_rows: int = 200) -> str:
    """The HTML that :func:`show_kwic` displays (every cell escaped)."""
    extra = [c for c in ("outlet", "date") if c in kwic_table.columns]
    columns = columns or ["doc_id", *extra, "left", "match", "right"]
    shown = kwic_table.copy()
    if "date" in shown.columns:
        shown["date"] = pd.to_datetime(shown["date"]).dt.strftime("%Y-%m-%d")
    return _KWIC_CSS + html_table(
        shown, columns=columns, max_rows=max_rows,
        classes={"left": "kwic-left", "match": "kwic-match", "right": "kwic-right"},
        caption=f"{len(kwic_table)} occurrences",
    )


def _variant_html(diff) -> str:
    parts = []
    for d in diff:
        words = escape_text(" ".join(d["words"]))
        if d["op"] == "equal":
            parts.append(words)
        elif d["op"] in ("trimmed_start", "trimmed_end", "elided"):
            mark = " …" if d.get("marked") else ""
            parts.append(f'<del title="{escape_text(d["op"])}">{words}</del>{mark}')
        elif d["op"] == "added":
            parts.append(f"<ins>{words}</ins>")
        else:
            parts.append(f"<del>{words}</del> <ins>{escape_text(' '.join(d['new']))}</ins>")
    return " ".join(parts)


def quote_variants_html(matched: pd.DataFrame, *, containing: str | None = None, max_groups: int = 20) -> str:
    """Escaped HTML of matched quotes: per group the reference and each variant with its cuts.

    Words a variant left out are struck through (``<del>``), words it added or changed are
    underlined (``<ins>``), and the summary says what changed in plain words.
    ``containing``: only the groups where some version contains these words (case-insensitive),
    e.g. ``containing="absolutely certain"``.

    >>> m = pd.DataFrame({"group_id": [1], "quote_id": ["a:q1"], "doc_id": ["a"], "outlet": ["<b>X</b>"],
    ...     "speaker": ["Ann"], "quote": ["<script>"], "reference": ["a:q1"], "similarity": [100.0],
    ...     "n_words": [1], "diff": [[{"op": "equal", "words": ["<script>"]}]], "diff_summary": ["same words"]})
    >>> "<script>" in quote_variants_html(m), "&lt;script&gt;" in quote_variants_html(m)
    (False, True)
    """
    require_columns(matched, MATCH_COLUMNS, what="matched quotes table")
    if containing:
        hit = matched["quote"].str.contains(containing, case=False, regex=False)
        matched = matched[matched["group_id"].isin(matched.loc[hit, "group_id"])]
        if matched.empty:
            return f"<p>No quote shared by two articles contains “{escape_text(containing)}”.</p>"
    blocks = []
    ids = list(dict.fromkeys(matched["group_id"]))
    for gid in ids[:max_groups]:
        group = matched[matched["group_id"] == gid]
        ref = group[group["quote_id"] == group["reference"].iat[0]].iloc[0]
        items = []
        for _, r in group.iterrows():
            is_ref = r["quote_id"] == r["reference"]
            label = "reference" if is_ref else f"{r['similarity']:.0f}% · {escape_text(r['diff_summary'])}"
            body = escape_text(r["quote"]) if is_ref else _variant_html(r["diff"])
            items.append(f"<li><b>{escape_text(r['outlet'])}</b> <small>({escape_text(r['doc_id'])}; "
                         f"{label})</small><br>“{body}”</li>")
        who = escape_text(ref["speaker"]) if pd.notna(ref["speaker"]) else "unknown speaker"
        blocks.append(f'<div class="ct-quote-group"><h4>Quote {escape_text(gid)} · {who} · '
                      f"{escape_text(group['doc_id'].nunique())} articles</h4><ul>{''.join(items)}</ul></div>")
    if len(ids) > max_groups:
        blocks.append(f"<p>Showing {max_groups} of {len(ids)} groups.</p>")
    return "".join(blocks) or "<p>No quote is shared by two articles.</p>"


def show_quote_variants(matched: pd.DataFrame, *, containing: str | None = None, max_groups: int = 20) -> None:
    """Show how each shared quote was cut by each outlet (see :func:`quote_variants_html`).

    >>> from corpus_tools import match_quotes
    >>> q = pd.DataFrame({"quote_id": ["a:q1", "b:q1"], "doc_id": ["a", "b"], "outlet": ["X", "Y"], "speaker": "Ann",
    ...                   "quote": ["We will never give up on our town, never.", "We will never give up on our town"]})
    >>> page = quote_variants_html(match_quotes(q))  # the HTML show_quote_variants displays; it returns None
    >>> page.count("<li>"), '<del title="trimmed_end">never</del>' in page
    (2, True)
    """
    display_html(quote_variants_html(matched, containing=containing, max_groups=max_groups))


