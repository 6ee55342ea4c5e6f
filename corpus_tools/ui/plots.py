"""Charts of the tables the analysis functions return (plotly figures; nothing is computed here).

Each ``plot_*`` function takes a table, draws it, and returns the plotly Figure so you
can keep editing it (``fig.update_layout(...)``). One colour per outlet, the same in
every chart, from a colour-blind-safe palette (pass ``colors=outlet_colors(articles["outlet"])``
to keep them fixed when a chart shows only some outlets). Article text in labels and hover boxes
is escaped, so markup in a corpus is shown as text, never run.

>>> import pandas as pd
>>> counts = pd.DataFrame({"outlet": ["TASS", "AP"], "term": ["kiev", "kyiv"], "n": [5, 3], "share": [0.1, 0.2]})
>>> fig = plot_top_terms(counts, by="outlet")
>>> [t.name for t in fig.data], list(fig.data[0].y)
(['AP', 'TASS'], ['kyiv'])
"""

from __future__ import annotations

import copy
import functools
import html
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..core.deprecation import renamed_parameter
from ..core.docstrings import fill_doc
from ..core.validation import as_list, require_columns

# Okabe & Ito (2008), then Carto's "Safe": both chosen to stay distinct for colour-blind readers.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#88CCEE", "#CC6677", "#DDCC77", "#117733", "#332288", "#AA4499", "#44AA99", "#999933", "#882255"]
UNKNOWN_COLOR = "#999999"
# Above this many points, hover texts and individual box points would make a shared page tens of MB.
MAX_TEXT_POINTS = 5000
POSITIVE_COLOR, NEGATIVE_COLOR = "#0072B2", "#D55E00"


def outlet_colors(outlets) -> dict:
    """One fixed colour per outlet (sorted by name); "unknown" is grey.

    >>> outlet_colors(["TASS", "AP", "unknown"])
    {'AP': '#0072B2', 'TASS': '#E69F00', 'unknown': '#999999'}
    """
    names = sorted({str(o) for o in outlets if pd.notna(o)})
    known = [n for n in names if n != "unknown"]
    colors = {n: PALETTE[i % len(PALETTE)] for i, n in enumerate(known)}
    if "unknown" in names:
        colors["unknown"] = UNKNOWN_COLOR
    return colors


def escape_label(value, *, width: int | None = None) -> str:
    """Text for a chart label or hover box: HTML-escaped, optionally wrapped with <br>."""
    s = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    lines = textwrap.wrap(s, width) if width else [s]
    # "$" as an entity: plotly would typeset a label that starts and ends with "$" as maths.
    # Quotes stay as they are: with "<" escaped they cannot open an attribute, and plotly
    # would show "&quot;" literally.
    return "<br>".join(html.escape(line, quote=False).replace("$", "&#36;") for line in lines)


def _layout(fig: go.Figure, title: str | None, **kw) -> go.Figure:
    fig.update_layout(
        title=escape_label(title) if title else None,
        template="plotly_white",
        legend_title_text=kw.pop("legend", None),
        margin=dict(l=10, r=10, t=60 if title else 30, b=10),
        **kw,
    )
    return fig


def _figure(title: str | None, **kw) -> go.Figure:
    """An empty figure with :func:`_layout` applied; the layout is built once per set of arguments.

    Applying the template costs tens of milliseconds (more once traces are added); an explorer
    redraws the same kind of chart again and again.
    """
    fig = go.Figure(layout=copy.deepcopy(_layout_json(title, tuple(sorted(kw.items())))))
    # Properties set to None leave an empty object behind in _layout's figure, not in the copy.
    empty = {k: None for k, v in kw.items() if v is None and k != "legend"}
    return fig.update_layout(**empty) if empty else fig


@functools.lru_cache(maxsize=64)
def _layout_json(title, items: tuple) -> dict:
    return _layout(go.Figure(), title, **dict(items)).to_plotly_json()["layout"]


@renamed_parameter(old="columns", new="facet_col_wrap", since="0.2")
@fill_doc
def plot_top_terms(counts: pd.DataFrame, *, n: int = 15, by=None, x: str = "n", title: str | None = None,
                   colors: dict | None = None, facet_col_wrap: int = 3) -> go.Figure:
    """Horizontal bars of the ``n`` most frequent terms; with ``by``, one panel per group.

    ``counts`` comes from :func:`count_terms`; ``x="share"`` shows the share of the group's words.
    Panels have their own word axis (each group's own top words), at most ``facet_col_wrap``
    per row (as in plotly express).

    {params.n}
    {params.by}
    {params.title}
    {params.colors}
    """
    by = as_list(by)
    require_columns(counts, ["term", x, *by], what="counts table")
    # Only the top rows of each group are drawn: cut them first, the table may have millions.
    counts = counts.sort_values([*by, x, "term"], ascending=[True] * len(by) + [False, True], kind="stable")
    counts = counts.groupby(by, sort=True).head(n) if by else counts.head(n)
    groups = list(counts.groupby(by, sort=True)) if by else [((None,), counts)]
    colors = colors or (outlet_colors(counts[by[0]]) if by else {})
    names = [" / ".join(map(str, key)) if by else "all" for key, _ in groups]
    cols = max(1, min(facet_col_wrap, len(groups)))
    rows = -(-len(groups) // cols)
    # The panels' layout depends only on these: built once, then reused for every redraw.
    layout, grid = _top_terms_layout(tuple(escape_label(nm) for nm in names) if by else None, rows, cols, x,
                                     title or f"Most frequent terms{' by ' + ', '.join(by) if by else ''}",
                                     max(350, rows * (60 + 20 * n)))
    fig = go.Figure(layout=copy.deepcopy(layout))
    # As make_subplots leaves it, so that fig.update_xaxes(row=..., col=...) keeps working.
    fig.__dict__["_grid_ref"], fig.__dict__["_grid_str"] = copy.deepcopy(grid)
    for i, ((key, g), name) in enumerate(zip(groups, names)):
        top = g.iloc[::-1]
        axis = "" if i == 0 else str(i + 1)  # make_subplots numbers the panels row by row
        fig.add_bar(
            y=[escape_label(t) for t in top["term"]], x=top[x], orientation="h", name=escape_label(name),
            marker_color=colors.get(key[0], PALETTE[0]) if by else PALETTE[0],
            hovertemplate="%{y}: %{x}<extra>" + escape_label(name) + "</extra>", xaxis="x" + axis, yaxis="y" + axis,
        )
    return fig


@functools.lru_cache(maxsize=32)
def _top_terms_layout(titles, rows: int, cols: int, x: str, title: str, height: int) -> tuple:
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles,
                        horizontal_spacing=0.12, vertical_spacing=min(0.3, 0.5 / rows) if rows > 1 else 0.1)
    label = "share of the group's words" if x == "share" else "occurrences"
    fig.update_xaxes(title_text=label, row=rows)  # the bottom row only: titles between rows would collide
    layout = _layout(fig, title, showlegend=False, height=height).to_plotly_json()["layout"]
    return layout, (fig.__dict__.get("_grid_ref"), fig.__dict__.get("_grid_str"))


@fill_doc
def plot_keyness(
    keyness_table: pd.DataFrame, *, n: int = 15, target: str | None = None, title: str | None = None
) -> go.Figure:
    """Diverging bars: the ``n`` terms most over-used (right) and under-used (left) by the target.

    ``keyness_table`` comes from :func:`keyness`, or from :func:`keyness_all` (a ``target``
    column): then a menu switches between targets, and works in shared HTML too.
    Terms whose counts are too small to support a claim (``low_expected``) are drawn pale.

    {params.n}
        Here on each side: the ``n`` most over-used and the ``n`` most under-used.
    {params.title}
    """
    if keyness_table.empty:
        fig = go.Figure()
        fig.add_annotation(text="Nothing to compare: keyness needs at least two outlets (groups).",
                           showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
        return _layout(fig, title or "Distinctive words", height=200)
    if "target" in keyness_table.columns and target is None:
        return figure_menu({t: plot_keyness(g.drop(columns="target"), n=n, target=t, title=title)
                            for t, g in keyness_table.groupby("target", sort=True)}, label="Outlet")
    stat = "g2" if "g2" in keyness_table.columns else "chi2"
    require_columns(keyness_table, ["term", stat, "n_target", "n_reference"], what="keyness table")
    pos = keyness_table[keyness_table[stat] > 0].nlargest(n, stat)
    neg = keyness_table[keyness_table[stat] < 0].nsmallest(n, stat)
    both = pd.concat([neg.iloc[::-1], pos.iloc[::-1]])
    low = both["low_expected"] if "low_expected" in both.columns else pd.Series(False, index=both.index)
    colors = [POSITIVE_COLOR if v > 0 else NEGATIVE_COLOR for v in both[stat]]
    fig = go.Figure(
        go.Bar(
            y=[escape_label(t) for t in both["term"]],
            x=both[stat],
            orientation="h",
            marker=dict(color=colors, opacity=[0.4 if flag else 1.0 for flag in low]),
            customdata=list(
                zip(
                    both["n_target"],
                    both["n_reference"],
                    both.get("p", both[stat] * 0),
                    both.get("log_ratio", both[stat] * 0),
                    ["yes" if f else "no" for f in low],
                )
            ),
            hovertemplate=(
                "<b>%{y}</b><br>" + stat.upper() + " %{x:.2f}<br>target: %{customdata[0]}, others: %{customdata[1]}"
                "<br>p %{customdata[2]:.3g}, log ratio %{customdata[3]:.2f}<br>too few to claim: %{customdata[4]}"
                "<extra></extra>"
            ),
        )
    )
    who = escape_label(target) if target else "the target"
    return _layout(fig, title or f"Words that set {target or 'the target'} apart (right) and that it avoids (left)",
                   xaxis_title=f"{stat.upper()} (signed: positive = used more by {who} than by the others)",
                   yaxis_title=None, height=max(350, 22 * len(both)), showlegend=False)


@fill_doc
def plot_timeline(timeline_table: pd.DataFrame, *, y: str = "n", color=None, title: str | None = None,
                  colors: dict | None = None) -> go.Figure:
    """Lines over time from :func:`timeline` (or :func:`term_timeline` with ``y="share"``).

    Undated rows cannot be placed on the time axis: their count is written under the chart.
    One line per value of the ``color`` column(s): the ``by`` of the timeline.

    {params.title}
    {params.colors}
    """
    require_columns(timeline_table, ["period", y], what="timeline table")
    groups = as_list(color)
    dated = timeline_table[timeline_table["period"].notna()]
    undated = timeline_table[timeline_table["period"].isna()]
    colors = colors or (outlet_colors(dated[groups[0]]) if groups else {})
    ylabel = {"n": "articles", "share": "share of all words"}.get(y, y)
    fig = _figure(
        title or "Over time", xaxis_title=None, yaxis_title=ylabel, legend=", ".join(groups) or None, height=420
    )
    for key, g in (dated.groupby(groups, sort=True) if groups else [((None,), dated)]):
        name = " / ".join(map(str, key)) if groups else y
        fig.add_scatter(x=g["period"], y=g[y], mode="lines+markers", name=escape_label(name),
                        line_color=colors.get(key[0], PALETTE[0]) if groups else PALETTE[0])
    if len(undated):
        n_undated = int(undated["n"].sum()) if "n" in undated.columns else len(undated)
        fig.add_annotation(text=f"Not on the time axis: {n_undated} undated", xref="paper", yref="paper",
                           x=0, y=-0.18, showarrow=False, align="left")
    return fig


@fill_doc
def plot_distribution(table: pd.DataFrame, *, y: str, by: str = "outlet", text: str | None = "text",
                      title: str | None = None, y_title: str | None = None, colors: dict | None = None) -> go.Figure:
    """One box per group (each value of the ``by`` column) with every row as a point.

    For article lengths, sentiment scores, ...

    Hover shows the (escaped) ``text`` behind each point, so a reader can check any value.

    {params.title}
    {params.colors}
    """
    require_columns(table, [by, y], what="table")
    colors = colors or outlet_colors(table[by])
    fig = go.Figure()
    detailed = len(table) <= MAX_TEXT_POINTS
    for name, g in table.groupby(by, sort=True):
        if not detailed:
            # Large tables: the box from its five numbers, not every value (a page of 2 million
            # scores would be tens of MB and slow to redraw).
            _add_summary_box(fig, g[y], escape_label(name), colors.get(name))
            continue
        hover = [escape_label(t[:300], width=60) for t in g[text].fillna("")] \
            if text and text in g.columns else None
        fig.add_box(y=g[y], name=escape_label(name), boxpoints="all", jitter=0.4, pointpos=0,
                    marker=dict(color=colors.get(name), size=5, opacity=0.7), line_color=colors.get(name),
                    text=hover, hovertemplate="%{y:.3f}" + ("<br>%{text}" if hover else "")
                    + "<extra>" + escape_label(name) + "</extra>")
    if not detailed:
        fig.add_annotation(text=f"{len(table):,} values: boxes show quartiles, whiskers and mean, without the points "
                                f"(filter below {MAX_TEXT_POINTS:,} to see each one)",
                           xref="paper", yref="paper", x=0, y=-0.15, showarrow=False)
    return _layout(fig, title or f"{y} by {by}", yaxis_title=y_title or y, xaxis_title=None, showlegend=False,
                   height=450)


def _add_summary_box(fig: go.Figure, values: pd.Series, label: str, color) -> None:
    """A box from precomputed statistics: quartiles (linear, as plotly), whiskers within 1.5 IQR, mean."""
    v = values.dropna().to_numpy(dtype="float64")
    if not len(v):
        return
    q1, median, q3 = np.quantile(v, [0.25, 0.5, 0.75])
    iqr = q3 - q1
    lower, upper = v[v >= q1 - 1.5 * iqr].min(), v[v <= q3 + 1.5 * iqr].max()
    fig.add_box(x=[label], q1=[q1], median=[median], q3=[q3], lowerfence=[lower], upperfence=[upper], mean=[v.mean()],
                name=label, marker=dict(color=color), line_color=color)


def plot_sentiment(scored: pd.DataFrame, *, by: str = "outlet", y: str = "compound", text: str = "text",
                   title: str | None = None, colors: dict | None = None) -> go.Figure:
    """Distribution of VADER scores per group (sentences or articles), with the text on hover."""
    fig = plot_distribution(scored, y=y, by=by, text=text, title=title or f"Sentiment ({y}) by {by}",
                            y_title=f"VADER {y} (−1 negative … +1 positive)", colors=colors)
    fig.add_hline(y=0, line_dash="dot", line_color="#666")
    return fig


def plot_sentences(scored_sentences: pd.DataFrame, *, x: str = "sent_id", y: str = "compound", color: str = "outlet",
                   title: str | None = None, colors: dict | None = None) -> go.Figure:
    """Every sentence as a point (its place in the article × its score), with its text on hover."""
    require_columns(scored_sentences, [x, y, "text"], what="sentences table")
    has_color = color in scored_sentences.columns
    colors = colors or (outlet_colors(scored_sentences[color]) if has_color else {})
    fig = go.Figure()
    detailed = len(scored_sentences) <= MAX_TEXT_POINTS
    for name, g in (scored_sentences.groupby(color, sort=True) if has_color else [("sentences", scored_sentences)]):
        fig.add_scatter(
            x=g[x],
            y=g[y],
            mode="markers",
            name=escape_label(name),
            marker=dict(color=colors.get(name, PALETTE[0]), size=7),
            text=[escape_label(t[:400], width=70) for t in g["text"].fillna("")] if detailed else None,
            customdata=g["doc_id"].map(escape_label) if "doc_id" in g.columns else None,
            hovertemplate="%{customdata} · sentence %{x}<br>score %{y:.3f}<br>%{text}<extra></extra>",
        )
    fig.add_hline(y=0, line_dash="dot", line_color="#666")
    if not detailed:
        fig.add_annotation(text=f"{len(scored_sentences):,} sentences: hover texts left out above {MAX_TEXT_POINTS:,} "
                                "(filter first to read them)", xref="paper", yref="paper", x=0, y=-0.2, showarrow=False)
    return _layout(fig, title or "Sentences: where they stand in the article and how they score",
                   xaxis_title="sentence number in the article", yaxis_title=f"VADER {y}", legend=color, height=450)


def plot_counts(table: pd.DataFrame, *, x: str, y: str = "n", color=None, title: str | None = None,
                colors: dict | None = None) -> go.Figure:
    """Bars of any counts table (articles per outlet, flags, date sources ...)."""
    require_columns(table, [x, y, *as_list(color)], what="counts table")
    fig = go.Figure()
    groups = as_list(color)
    palette = colors or (
        outlet_colors(table[groups[0]]) if groups else outlet_colors(table[x]) if x == "outlet" else {}
    )
    for key, g in (table.groupby(groups, sort=True) if groups else [((None,), table)]):
        name = " / ".join(map(str, key)) if groups else y
        fig.add_bar(x=[escape_label(v) for v in g[x]], y=g[y], name=escape_label(name),
                    marker_color=palette.get(key[0]) if groups else [palette.get(v, PALETTE[0]) for v in g[x]])
    return _layout(fig, title, barmode="stack", xaxis_title=x, yaxis_title=y, legend=", ".join(groups) or None,
                   showlegend=bool(groups), height=400)


def figure_menu(figures: dict, *, label: str = "Show") -> go.Figure:
    """One figure holding several, with a dropdown to switch between them.

    A plotly menu keeps working in shared HTML with no kernel, unlike a widget.

    >>> import plotly.graph_objects as go
    >>> menu = figure_menu({"A": go.Figure(go.Bar(x=[1])), "B": go.Figure(go.Bar(x=[2]))}, label="Outlet")
    >>> [t.visible for t in menu.data], [b.label for b in menu.layout.updatemenus[0].buttons]
    ([True, False], ['A', 'B'])
    """
    if not figures:
        raise ValueError("figure_menu needs at least one figure.")
    names = list(figures)
    first = figures[names[0]]
    fig = go.Figure(layout=first.layout)
    owner = []
    for i, name in enumerate(names):
        for trace in figures[name].data:
            fig.add_trace(trace)
            fig.data[-1].visible = i == 0
            owner.append(i)
    caption = dict(text=escape_label(label) + ":", x=1, xref="paper", xanchor="right", xshift=-170, y=1.13,
                   yref="paper", showarrow=False)
    buttons = []
    for i, name in enumerate(names):
        layout = figures[name].layout
        buttons.append(
            dict(
                label=escape_label(name),
                method="update",
                args=[
                    {"visible": [o == i for o in owner]},
                    {
                        "title": layout.title,
                        "height": layout.height,
                        "annotations": list(layout.annotations or []) + [caption],
                    },
                ],
            )
        )
    fig.update_layout(updatemenus=[dict(buttons=buttons, direction="down", x=1, xanchor="right", y=1.15, yanchor="top",
                                        showactive=True, pad=dict(r=4))],
                      annotations=list(first.layout.annotations or []) + [caption])
    return fig


def plot_similarity(matrix: pd.DataFrame, *, title: str | None = None, max_label: int = 40) -> go.Figure:
    """A heatmap of a square similarity table from :func:`similarity_matrix` (values 0 to 1).

    Rows and columns keep the table's order; labels are escaped and cut to ``max_label``
    characters (the hover box shows them longer), the diagonal is left blank and the hover
    gives both articles and the value as a percentage.

    >>> m = pd.DataFrame([[1.0, 0.5], [0.25, 1.0]], index=["a", "<b>x</b>"], columns=["a", "<b>x</b>"])
    >>> fig = plot_similarity(m)
    >>> list(fig.layout.yaxis.ticktext), fig.data[0].z[0][1], fig.data[0].z[1][1] is None
    (['a', '&lt;b&gt;x&lt;/b&gt;'], 0.5, True)
    """
    if matrix.shape[0] != matrix.shape[1]:
        raise ValueError(f"plot_similarity needs a square table (as from similarity_matrix), got {matrix.shape}.")

    def short(value, width):
        s = str(value)
        return s if len(s) <= width else s[: width - 1] + "…"

    n = len(matrix)
    z = matrix.to_numpy(dtype=float).copy()
    np.fill_diagonal(z, np.nan)  # an article against itself says nothing
    rows = [escape_label(short(v, 120)) for v in matrix.index]
    cols = [escape_label(short(v, 120)) for v in matrix.columns]
    hover = [[[rows[i], cols[j]] for j in range(n)] for i in range(n)]
    ticks = list(range(n))
    # Numbered axes with text ticks: two labels cut to the same text would otherwise merge.
    fig = go.Figure(go.Heatmap(
        z=[[None if np.isnan(v) else float(v) for v in row] for row in z], x=ticks, y=ticks, customdata=hover,
        zmin=0, zmax=1, colorscale="Blues", colorbar={"title": "shared", "tickformat": ".0%"}, hoverongaps=False,
        hovertemplate="row: <b>%{customdata[0]}</b><br>column: <b>%{customdata[1]}</b><br>%{z:.1%}<extra></extra>",
    ))
    fig.update_xaxes(
        tickvals=ticks,
        ticktext=[escape_label(short(v, max_label)) for v in matrix.columns],
        tickangle=-45,
        showgrid=False,
        zeroline=False,
    )
    fig.update_yaxes(
        tickvals=ticks,
        ticktext=[escape_label(short(v, max_label)) for v in matrix.index],
        autorange="reversed",
        showgrid=False,
        zeroline=False,
        scaleanchor="x",
    )
    side = max(550, min(1400, 300 + 24 * n))  # room for the labels plus square cells
    return _layout(fig, title or "How much each pair of articles shares", height=side, width=side + 200)


def plot_framing(framing: pd.DataFrame, *, category=None, group=None, value: str = "share_in_group", by: str = "outlet",
                 title: str | None = None, colors: dict | None = None):
    """Bars of each alternative's share (or ``value="per_1000"``) per outlet, grouped by alternatives.

    ``framing`` comes from :func:`framing_terms`; ``category`` / ``group`` pick which rows to draw.
    The x axis has two levels: the lexicon group and its terms; one colour per outlet.

    >>> from corpus_tools import framing_terms
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "TASS"], "text": ["Kyiv", "Kiev"]})
    >>> fig = plot_framing(framing_terms(arts), group="kyiv")
    >>> [t.name for t in fig.data], list(fig.data[0].y)
    (['TASS', 'X'], [1.0, 0.0])
    """
    import plotly.graph_objects as go

    require_columns(framing, [by, "group", "term", value], what="framing table")
    rows = framing
    if category is not None:
        rows = rows[rows["category"].isin(as_list(category))]
    if group is not None:
        rows = rows[rows["group"].isin(as_list(group))]
    rows = rows.sort_values(["group", "term", by], kind="stable")
    colors = colors or outlet_colors(rows[by])
    fig = go.Figure()
    for name, g in rows.groupby(by, sort=True):
        hover = [f"{escape_label(name)}<br>{escape_label(t)}: n = {n}, {p:.2f} per 1,000 words"
                 for t, n, p in zip(g["term"], g.get("n", pd.Series(0, index=g.index)),
                                    g.get("per_1000", pd.Series(0.0, index=g.index)))]
        fig.add_bar(
            name=escape_label(name),
            x=[[escape_label(v) for v in g["group"]], [escape_label(v) for v in g["term"]]],
            y=g[value].tolist(),
            marker_color=colors.get(str(name)),
            hovertext=hover,
            hoverinfo="text",
        )
    label = {"share_in_group": "share among the alternatives", "per_1000": "uses per 1,000 words"}.get(value, value)
    fig.update_layout(barmode="group", yaxis_title=escape_label(label))
    if value == "share_in_group":
        fig.update_yaxes(tickformat=".0%", range=[0, 1.05])
    return _layout(fig, title, legend=escape_label(by))


