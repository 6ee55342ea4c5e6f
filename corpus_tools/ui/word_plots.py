"""Charts of where words fall and of two groups' words side by side (plotly figures; nothing is computed here).

>>> hits = pd.DataFrame({"doc_id": ["a", "a"], "term": ["kyiv", "kiev"], "relative_position": [0.1, 0.8],
...                      "sentence": ["In <b>Kyiv</b>.", "In Kiev."]})
>>> fig = plot_dispersion(hits)
>>> [(t.name, t.x.tolist()) for t in fig.data]
[('kyiv', [0.1]), ('kiev', [0.8])]
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..core.docstrings import fill_doc
from ..core.validation import require_columns
from .chart_base import style_figure
from .figures import empty_figure, short
from .plots import MAX_TEXT_POINTS, NEGATIVE_COLOR, PALETTE, POSITIVE_COLOR, escape_label, figure_menu, with_note

# A menu of many pairs (one group against the rest, for each of 14 outlets) draws at most this many points
# in all, and never fewer than MIN_TERMS_PER_PAIR a pair: a shared page stays light enough to open quickly.
MENU_POINTS, MIN_TERMS_PER_PAIR = 6000, 500


@fill_doc
def plot_dispersion(table: pd.DataFrame, *, y: str = "doc_id", n: int = 40, title: str | None = None) -> go.Figure:
    """Where terms fall inside each article: one row per article (``y="outlet"``: per outlet), a mark per occurrence.

    ``table`` comes from :func:`find_dispersion` (marks at the relative position, 0 = the first
    word, 1 = the last; hover: the sentence) or from :func:`kwic` (marks at the word number;
    hover: the context). One colour per term (``term``, or the lower-cased ``match`` of a kwic
    table). The rows with the most occurrences are drawn, at most ``n``, in table order.

    {params.n}
        Here: how many rows (articles or outlets).
    {params.title}

    >>> hits = pd.DataFrame({"doc_id": ["a", "b"], "position": [3, 40], "left": ["", "in"], "match": ["Kyiv", "Kyiv"],
    ...                      "right": ["said", ""]})
    >>> plot_dispersion(hits).data[0].x.tolist()
    [3, 40]
    """
    require_columns(table, [y], what="dispersion or kwic table")
    relative = "relative_position" in table.columns
    x = "relative_position" if relative else "position"
    require_columns(table, [x], what="dispersion or kwic table")
    title = title or "Where the words fall in each " + ("article" if y == "doc_id" else escape_label(y))
    if table.empty:
        return empty_figure("No occurrences to place.", title=title)
    terms = table["term"] if "term" in table.columns else table["match"].astype(str).str.lower()
    order = [t for t in terms.cat.categories if t in set(terms)] if isinstance(terms.dtype, pd.CategoricalDtype) \
        else list(pd.unique(terms))
    terms = terms.astype(str)
    hits = table[y].astype(str).value_counts(sort=False)
    rows = list(pd.unique(table[y].astype(str)))
    shown = set(hits.sort_values(ascending=False, kind="stable").index[:n]) if len(rows) > n else set(rows)
    rows = [r for r in rows if r in shown]
    where = {r: i for i, r in enumerate(rows)}
    keep = table[y].astype(str).isin(shown).to_numpy()
    part, terms = table[keep], terms[keep]
    detailed = len(part) <= MAX_TEXT_POINTS
    fig = go.Figure()
    for k, term in enumerate(str(t) for t in order):
        g = part[(terms == term).to_numpy()]
        fig.add_scatter(x=g[x], y=[where[str(v)] for v in g[y]], mode="markers", name=escape_label(term),
                        marker=dict(symbol="line-ns-open", size=16, line_width=2, color=PALETTE[k % len(PALETTE)]),
                        text=[_context(r) for r in g.itertuples(index=False)] if detailed else None,
                        hovertemplate=("%{x:.0%}" if relative else "word %{x}") + "<br>%{text}<extra>"
                        + escape_label(term) + "</extra>")
    # Articles are named by their headline where there is one (the doc_id is in the hover box's title line).
    names = {}
    if y == "doc_id" and "title" in part.columns:
        firsts = part.drop_duplicates("doc_id")
        names = {str(d): t for d, t in zip(firsts["doc_id"], firsts["title"]) if isinstance(t, str) and t.strip()}
    fig.update_yaxes(tickvals=list(range(len(rows))), ticktext=[escape_label(short(names.get(r, r), 40)) for r in rows],
                     autorange="reversed", showgrid=True, zeroline=False)
    if relative:
        fig.update_xaxes(range=[-0.02, 1.02], tickformat=".0%", title="place in the article (0% first word, "
                                                                        "100% last)")
    else:
        fig.update_xaxes(rangemode="tozero", title="word number in the article")
    if len(hits) > len(rows):
        fig.add_annotation(text=f"The {len(rows)} of {len(hits)} rows with the most occurrences", xref="paper",
                           yref="paper", x=0, y=1.0, yanchor="bottom", showarrow=False)
    return style_figure(fig, title, height=max(300, 140 + 24 * len(rows)), legend_title_text="term")


def _context(row) -> str:
    d = row._asdict()
    if "sentence" in d:
        text = escape_label(short(d["sentence"], 300), width=70)
    else:
        text = (escape_label(d.get("left", "")) + " <b>" + escape_label(d.get("match", "")) + "</b> "
                + escape_label(d.get("right", "")))
    head = " · ".join(escape_label(short(d[c], 60)) for c in ("outlet", "title") if c in d and pd.notna(d[c]))
    return (head + "<br>" if head else "") + text


@fill_doc
def plot_term_scatter(compared: pd.DataFrame, *, x=None, y=None, scale: str = "log", n: int = 15,
                      max_terms: int = 2000, title: str | None = None) -> go.Figure:
    """Every term placed by its rate in two groups, coloured by how distinctive it is (scattertext's chart).

    ``compared`` comes from :func:`compare_terms`; a table of several pairs gets a menu (one
    pair at a time, in shared HTML too), ``x`` and ``y`` pick one. ``scale="log"``: rates per
    1,000 words on log axes (a term a group never uses sits at half a use, on the edge);
    ``scale="rank"``: the scaled dense rank of each count. Colour: log ratio (blue: used more
    by ``x``, orange: by ``y``); pale: counts too small to support a claim. The ``n`` most
    distinctive terms of each side are labelled (but for a label that would overlap a more
    distinctive one); the ``max_terms`` most frequent are drawn.

    {params.n}
        Here on each side.
    {params.title}

    >>> from corpus_tools import compare_terms
    >>> counts = pd.DataFrame({"outlet": ["AP", "AP", "TASS", "TASS"], "term": ["kyiv", "said", "kiev", "said"],
    ...                        "n": [20, 80, 20, 80]})
    >>> fig = plot_term_scatter(compare_terms(counts, x="TASS", y="AP"), scale="rank")
    >>> fig.data[0].customdata[:, 0].tolist(), fig.data[0].x.tolist()
    (['said', 'kiev', 'kyiv'], [1.0, 0.5, 0.0])
    """
    require_columns(compared, ["x", "y", "term", "n_x", "n_y", "rate_x", "rate_y", "rank_x", "rank_y", "log_ratio"],
                    what="compare_terms table")
    if scale not in ("log", "rank"):
        raise ValueError(f"scale={scale!r}: use 'log' (rates on log axes) or 'rank' (scaled ranks).")
    table = compared
    if x is not None:
        table = table[table["x"] == x]
    if y is not None:
        table = table[table["y"] == y]
    pairs = list(dict.fromkeys(zip(table["x"], table["y"])))
    if not pairs:
        return empty_figure("No terms to compare.", title=title or "Terms of two groups")
    if len(pairs) > 1:
        # Every pair's points travel in the page: keep the whole menu to about MENU_POINTS.
        per_pair = max(MIN_TERMS_PER_PAIR, min(max_terms, MENU_POINTS // len(pairs)))
        return figure_menu({f"{a} vs {b}": plot_term_scatter(table[(table["x"] == a) & (table["y"] == b)], scale=scale,
                                                              n=n, max_terms=per_pair, title=title)
                            for a, b in pairs}, label="Compare")
    a, b = pairs[0]
    return _term_scatter(table, a, b, scale=scale, n=n, max_terms=max_terms, title=title)


def _term_scatter(table, a, b, *, scale, n, max_terms, title) -> go.Figure:
    stat = "g2" if "g2" in table.columns else "log_ratio"
    top = table.assign(_total=table["n_x"] + table["n_y"]).sort_values(["_total", "term"], ascending=[False, True],
                                                                      kind="stable")
    labelled = pd.concat([table.nlargest(n, stat).query(f"{stat} > 0"), table.nsmallest(n, stat).query(f"{stat} < 0")])
    drawn = pd.concat([top.head(max_terms).drop(columns="_total"), labelled]).drop_duplicates("term")
    if scale == "log":
        size_x, size_y = table["n_x"].sum(), table["n_y"].sum()
        px = np.where(drawn["n_x"] > 0, drawn["rate_x"], 500.0 / max(size_x, 1))
        py = np.where(drawn["n_y"] > 0, drawn["rate_y"], 500.0 / max(size_y, 1))
    else:
        px, py = drawn["rank_x"].to_numpy(), drawn["rank_y"].to_numpy()
    low = drawn["low_expected"].to_numpy(dtype=bool) if "low_expected" in drawn.columns else np.zeros(len(drawn), bool)
    custom = np.column_stack([[escape_label(t) for t in drawn["term"]], drawn["n_x"], drawn["n_y"],
                              drawn["rate_x"].round(3), drawn["rate_y"].round(3), drawn["log_ratio"].round(2),
                              drawn[stat].round(2)]).astype(object)
    trace = go.Scatter if len(drawn) <= MAX_TEXT_POINTS else go.Scattergl
    name_a, name_b = escape_label(short(a, 30)), escape_label(short(b, 30))
    fig = go.Figure(trace(
        x=px, y=py, mode="markers", customdata=custom, showlegend=False,
        marker=dict(size=7, color=drawn["log_ratio"].clip(-4, 4), cmin=-4, cmax=4, opacity=np.where(low, 0.3, 0.85),
                    colorscale=[[0, NEGATIVE_COLOR], [0.5, "#dddddd"], [1, POSITIVE_COLOR]],
                    colorbar=dict(title="log2 ratio", tickvals=[-4, 0, 4],
                                  ticktext=[f"{name_b} ×16", "same", f"{name_a} ×16"])),
        hovertemplate=(f"<b>%{{customdata[0]}}</b><br>{name_a}: %{{customdata[1]}} (%{{customdata[3]}} per 1,000)"
                       f"<br>{name_b}: %{{customdata[2]}} (%{{customdata[4]}} per 1,000)<br>log ratio "
                       f"%{{customdata[5]}}, {stat.upper()} %{{customdata[6]}}<extra></extra>")))
    on = _free_labels(px, py, drawn["term"].isin(set(labelled["term"])).to_numpy(), drawn[stat].abs().to_numpy(),
                      log=scale == "log")
    fig.add_trace(go.Scatter(x=px[on], y=py[on], mode="text", text=list(custom[on, 0]), textposition="top center",
                             textfont=dict(size=11), hoverinfo="skip", showlegend=False))
    lo, hi = (min(px.min(), py.min()), max(px.max(), py.max())) if len(drawn) else (0.01, 1)
    fig.add_trace(go.Scatter(x=[lo, hi], y=[lo, hi], mode="lines", line=dict(dash="dot", color="#999", width=1),
                             hoverinfo="skip", showlegend=False))
    kind = "log" if scale == "log" else "linear"
    unit = "per 1,000 words" if scale == "log" else "frequency rank (0 unused, 1 most frequent)"
    fig.update_xaxes(type=kind, title=None, dtick="D2" if scale == "log" else None)
    fig.update_yaxes(type=kind, title=None, dtick="D2" if scale == "log" else None)
    # Axis names as annotations: a menu of pairs updates annotations, not axis titles.
    names = [dict(text=f"{escape_label(short(a, 40))}: {unit} →", xref="paper", yref="paper", x=0.5, y=-0.09,
                  showarrow=False),
             dict(text=f"{escape_label(short(b, 40))}: {unit} →", xref="paper", yref="paper", x=-0.07, y=0.5,
                  textangle=-90, showarrow=False)]
    for note in names:
        fig.add_annotation(**note)
    title = title or f"{a} (x) and {b} (y): each term by its use in both"
    left_out = len(table) - len(drawn)
    if left_out > 0:
        note = f"the {len(drawn):,} most frequent or most distinctive of {len(table):,} terms drawn"
        return style_figure(fig, None, height=670, margin=dict(l=70, r=10, t=80, b=70)).update_layout(
            title=with_note(title, note))
    return style_figure(fig, title, height=650, margin=dict(l=70, r=10, t=60, b=70))


def _free_labels(px, py, wanted: np.ndarray, strength: np.ndarray, *, log: bool) -> np.ndarray:
    """Which of the ``wanted`` points get a label: the strongest first, none on top of another (axis fractions)."""
    x, y = (np.log10(px), np.log10(py)) if log else (np.asarray(px, float), np.asarray(py, float))
    x = (x - x.min()) / ((x.max() - x.min()) or 1)
    y = (y - y.min()) / ((y.max() - y.min()) or 1)
    keep = np.zeros(len(x), dtype=bool)
    for i in sorted(np.flatnonzero(wanted), key=lambda i: -strength[i]):
        kept = np.flatnonzero(keep)
        if not ((np.abs(x[kept] - x[i]) < 0.07) & (np.abs(y[kept] - y[i]) < 0.03)).any():
            keep[i] = True
    return keep
