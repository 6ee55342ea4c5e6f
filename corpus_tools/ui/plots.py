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

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..core.deprecation import renamed_parameter
from ..core.docstrings import fill_doc
from ..core.validation import as_list, require_columns
from .chart_base import (  # noqa: F401  (re-exported: the charts' public names live here)
    MAX_TEXT_POINTS,
    NEGATIVE_COLOR,
    OTHER_COLOR,
    PALETTE,
    POSITIVE_COLOR,
    UNKNOWN_COLOR,
    empty_figure,
    escape_label,
    greyed_note,
    outlet_colors,
    style_figure,
    with_note,
)
from .plots_time import plot_timeline  # noqa: F401
from .plots_values import plot_distribution, plot_sentences, plot_sentiment  # noqa: F401

# Above this many articles a similarity heatmap has no axis labels (they would overlap): hover names them.
MAX_SIMILARITY_LABELS = 80


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

    >>> fig = plot_top_terms(pd.DataFrame({"term": ["kyiv", "aid", "rain"], "n": [3, 2, 1]}), n=2)
    >>> list(fig.data[0].y), fig.layout.title.text  # bars listed bottom to top
    (['aid', 'kyiv'], 'Most frequent terms<br><sup>top 2 of 3 terms; 1 more not shown</sup>')
    """
    by = as_list(by)
    require_columns(counts, ["term", x, *by], what="counts table")
    if counts.empty:
        return empty_figure("No words to count: the articles chosen have no text left after stop words.",
                            title=title or "Most frequent words")
    # Only the top rows of each group are drawn: cut them first, the table may have millions.
    counts = counts.sort_values([*by, x, "term"], ascending=[True] * len(by) + [False, True], kind="stable")
    sizes = counts.groupby(by, sort=True).size() if by else pd.Series([len(counts)])
    counts = counts.groupby(by, sort=True).head(n) if by else counts.head(n)
    groups = list(counts.groupby(by, sort=True)) if by else [((None,), counts)]
    colors = colors or (outlet_colors(counts[by[0]]) if by else {})
    names = [" / ".join(map(str, key)) if by else "all" for key, _ in groups]
    cols = max(1, min(facet_col_wrap, len(groups)))
    rows = -(-len(groups) // cols)
    # The panels' layout depends only on these: built once, then reused for every redraw.
    # Room between panels for the longest word label (two-word phrases, long Cyrillic words):
    # a panel's labels would otherwise cover the bars of the panel on their left.
    longest = int(counts["term"].astype(str).str.len().max()) if len(counts) else 0
    spacing = round(min(0.3, max(0.12, 0.02 + longest * 0.0075)), 2) if cols > 1 else 0.12
    layout, grid = _top_terms_layout(tuple(escape_label(nm) for nm in names) if by else None, rows, cols, x,
                                     title or f"Most frequent terms{' by ' + ', '.join(by) if by else ''}",
                                     max(350, rows * (60 + 20 * n)), spacing)
    fig = go.Figure(layout=copy.deepcopy(layout))
    # As make_subplots leaves it, so that fig.update_xaxes(row=..., col=...) keeps working.
    fig.__dict__["_grid_ref"], fig.__dict__["_grid_str"] = copy.deepcopy(grid)
    left_out = _terms_left_out(sizes, n, by)
    if left_out:  # set after the cached layout, which stays the same from one redraw to the next
        fig.update_layout(title_text=with_note(title or fig.layout.title.text, left_out), margin_t=80)
    for i, ((key, g), name) in enumerate(zip(groups, names)):
        top = g.iloc[::-1]
        axis = "" if i == 0 else str(i + 1)  # make_subplots numbers the panels row by row
        fig.add_bar(
            y=[escape_label(t) for t in top["term"]], x=top[x], orientation="h", name=escape_label(name),
            marker_color=colors.get(str(key[0]), PALETTE[0]) if by else PALETTE[0],
            hovertemplate="%{y}: %{x}<extra>" + escape_label(name) + "</extra>", xaxis="x" + axis, yaxis="y" + axis,
        )
    return fig


def _terms_left_out(sizes: pd.Series, n: int, by: list) -> str | None:
    """"top 15 of 8,421 terms; 8,406 more not shown", or for panels "each panel: its top 15 terms"."""
    if by:  # (an explorer passes only each group's top rows: no total to state)
        return f"each panel: its top {n} terms"
    total = int(sizes.max()) if len(sizes) else 0
    return f"top {n} of {total:,} terms; {total - n:,} more not shown" if total > n else None


@functools.lru_cache(maxsize=32)
def _top_terms_layout(titles, rows: int, cols: int, x: str, title: str, height: int, spacing: float = 0.12) -> tuple:
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles,
                        horizontal_spacing=spacing, vertical_spacing=min(0.3, 0.5 / rows) if rows > 1 else 0.1)
    label = "share of the group's words" if x == "share" else "occurrences"
    fig.update_xaxes(title_text=label, row=rows)  # the bottom row only: titles between rows would collide
    layout = style_figure(fig, title, showlegend=False, height=height).to_plotly_json()["layout"]
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

    >>> from corpus_tools import keyness
    >>> counts = pd.DataFrame({"outlet": ["TASS", "AP"], "term": ["kiev", "kyiv"], "n": [20, 20]})
    >>> fig = plot_keyness(keyness(counts, by="outlet", target="TASS"), target="TASS")
    >>> list(fig.data[0].y), fig.layout.title.text
    (['kyiv', 'kiev'], 'Words that set TASS apart (right) and that it avoids (left)')
    """
    if keyness_table.empty:
        return empty_figure("Nothing to compare: keyness needs at least two outlets (groups).",
                            title=title or "Distinctive words", height=200)
    if "target" in keyness_table.columns and target is None:
        return figure_menu({t: plot_keyness(g.drop(columns="target"), n=n, target=t, title=title)
                            for t, g in keyness_table.groupby("target", sort=True)}, label="Outlet")
    stat = "g2" if "g2" in keyness_table.columns else "chi2"
    require_columns(keyness_table, ["term", stat, "n_target", "n_reference"], what="keyness table")
    over, under = keyness_table[keyness_table[stat] > 0], keyness_table[keyness_table[stat] < 0]
    pos, neg = over.nlargest(n, stat), under.nsmallest(n, stat)
    hidden = len(over) + len(under) - len(pos) - len(neg)
    note = (f"the top {n} each side of {len(over):,} over-used and {len(under):,} under-used terms; "
            f"+ {hidden:,} more terms not shown") if hidden else None
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
    title = title or f"Words that set {target or 'the target'} apart (right) and that it avoids (left)"
    return style_figure(fig, with_note(title, note), escaped=True,
                        xaxis_title=f"{stat.upper()} (signed: positive = used more by {who} than by the others)",
                        yaxis_title=None, height=max(350, 22 * len(both)), showlegend=False)


def plot_counts(table: pd.DataFrame, *, x: str, y: str = "n", color=None, title: str | None = None,
                colors: dict | None = None, font_size: int | None = None) -> go.Figure:
    """Bars of any counts table (articles per outlet, flags, date sources ...); ``font_size``: for a projector.

    >>> fig = plot_counts(pd.DataFrame({"outlet": ["AP", "TASS"], "n": [2, 1]}), x="outlet")
    >>> fig.data[0].type, list(fig.data[0].x), fig.data[0].y.tolist()
    ('bar', ['AP', 'TASS'], [2, 1])
    """
    require_columns(table, [x, y, *as_list(color)], what="counts table")
    fig = go.Figure()
    groups = as_list(color)
    palette = colors or (
        outlet_colors(table[groups[0]]) if groups else outlet_colors(table[x]) if x == "outlet" else {}
    )
    for key, g in (table.groupby(groups, sort=True) if groups else [((None,), table)]):
        name = " / ".join(map(str, key)) if groups else y
        fig.add_bar(x=[escape_label(v) for v in g[x]], y=g[y], name=escape_label(name),
                    marker_color=palette.get(str(key[0])) if groups
                    else [palette.get(str(v), PALETTE[0]) for v in g[x]])
    outlets = table[groups[0]].unique() if groups else table[x].unique() if x == "outlet" else []
    fig = style_figure(fig, with_note(title, greyed_note(palette, outlets)), escaped=True, barmode="stack",
                       xaxis_title=x, yaxis_title=y, legend=", ".join(groups) or None, showlegend=bool(groups),
                       height=400)
    return _projector(fig, font_size, height=max(420, 25 * font_size)) if font_size else fig


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


def plot_similarity(matrix: pd.DataFrame, *, title: str | None = None, max_label: int = 40, zmax: float | None = 1.0,
                    font_size: int | None = None) -> go.Figure:
    """A heatmap of a square similarity table from :func:`similarity_matrix` (values 0 to 1).

    Rows and columns keep the table's order; labels are escaped and cut to ``max_label``
    characters (the hover box shows them longer), the diagonal is left blank and the hover
    gives both articles and the value as a percentage. The colours run from 0 to ``zmax``; None fits
    them to the values (the largest off the diagonal, rounded up to the next 10%), so articles sharing
    a tenth of their words do not look white. ``font_size`` (e.g. 18): type for a projector.

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
    # Each article's number and label is its category on both axes (unique: two labels cut to the
    # same text never merge), and the hover box reads it from there: no copy of two labels in each
    # of the n × n cells (300 articles: 90,000 cells, 8 MB of page).
    rows = [f"{i + 1}. {escape_label(short(v, 120))}" for i, v in enumerate(matrix.index)]
    cols = [f"{j + 1}. {escape_label(short(v, 120))}" for j, v in enumerate(matrix.columns)]
    if zmax is None:
        top = np.nanmax(z) if n > 1 and not np.isnan(z).all() else 1.0
        zmax = float(min(1.0, max(0.1, np.ceil(top * 10 - 1e-9) / 10)))
    fig = go.Figure(go.Heatmap(
        z=[[None if np.isnan(v) else round(float(v), 4) for v in row] for row in z], x=cols, y=rows,
        zmin=0, zmax=zmax, colorscale="Blues", colorbar={"title": "shared", "tickformat": ".0%"}, hoverongaps=False,
        hovertemplate="row: <b>%{y}</b><br>column: <b>%{x}</b><br>%{z:.1%}<extra></extra>",
    ))
    labelled = n <= MAX_SIMILARITY_LABELS  # beyond, the labels would overlap: the hover names the articles
    fig.update_xaxes(type="category", tickvals=cols, tickangle=-45, showgrid=False, zeroline=False,
                     ticktext=[escape_label(short(v, max_label)) for v in matrix.columns], showticklabels=labelled)
    fig.update_yaxes(type="category", tickvals=rows, autorange="reversed", showgrid=False, zeroline=False,
                     ticktext=[escape_label(short(v, max_label)) for v in matrix.index], scaleanchor="x",
                     showticklabels=labelled)
    side = max(550, min(1400, 300 + 24 * n)) if labelled else 900  # room for the labels plus square cells
    note = None if labelled else f"{n} articles, too many to name on the axes: hover a cell to see which two"
    if zmax < 1:
        note = "; ".join(filter(None, [note, f"colours from 0 to {zmax:.0%}, the most any two share"]))
    fig = style_figure(fig, with_note(title or "How much each pair of articles shares", note), escaped=True,
                       height=side, width=side + 200)
    if font_size:  # room for the labels (about half a type size a character) and cells of 5 type sizes
        labels = font_size * min(max_label, max(len(str(v)) for v in matrix.index)) // 2 if n else 0
        side = min(1000, labels + 5 * font_size * n + 150)
        fig.update_layout(font_size=font_size, height=side, width=side + 120, hoverlabel_font_size=font_size,
                          margin=dict(l=10, r=10, t=110, b=10))
    return fig


@fill_doc
def plot_framing(framing: pd.DataFrame, *, n: int = 20, category=None, group=None, value: str = "share_in_group",
                 by: str = "outlet", title: str | None = None, colors: dict | None = None,
                 font_size: int | None = None):
    """Bars of each alternative's share (or ``value="per_1000"``, ``value="n"``) per outlet, grouped by alternatives.

    ``framing`` comes from :func:`framing_terms`; ``category`` / ``group`` pick which rows to draw.
    The x axis has two levels: the lexicon group and its terms; one colour per outlet.
    Only ``n`` terms are drawn: whole groups of alternatives first (the most used first, while
    they fit), then the most used terms of longer lists such as the scare quotes; the title says
    how many more there are (``category="scare_quote"`` shows only those).
    ``font_size`` (e.g. 20, for a projector): type that size, the terms alone on the axis (the group in
    the hover box), wide bars and the legend on top; pass few terms.

    {params.n}
    {params.title}
    {params.colors}

    >>> from corpus_tools import framing_terms
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "TASS"], "text": ["Kyiv", "Kiev"]})
    >>> fig = plot_framing(framing_terms(arts), group="kyiv")
    >>> [t.name for t in fig.data], list(fig.data[0].y)
    (['TASS', 'X'], [1.0, 0.0])
    """
    require_columns(framing, [by, "group", "term", value], what="framing table")
    rows = framing
    if category is not None:
        rows = rows[rows["category"].isin(as_list(category))]
    if group is not None:
        rows = rows[rows["group"].isin(as_list(group))]
    rows, hidden = _most_used_terms(rows, n, value)
    rows = rows.sort_values(["group", "term", by], kind="stable")
    colors = colors or outlet_colors(rows[by])
    fig = go.Figure()
    for name, g in rows.groupby(by, sort=True):
        hover = [f"{escape_label(name)}<br>{escape_label(t)}: n = {k}, {p:.2f} per 1,000 words"
                 for t, k, p in zip(g["term"], g.get("n", pd.Series(0, index=g.index)),
                                    g.get("per_1000", pd.Series(0.0, index=g.index)))]
        terms = [escape_label(v) for v in g["term"]]
        fig.add_bar(
            name=escape_label(name),
            x=terms if font_size else [[escape_label(v) for v in g["group"]], terms],
            y=g[value].tolist(),
            marker_color=colors.get(str(name)),
            hovertext=hover,
            hoverinfo="text",
        )
    label = {"share_in_group": "share among the alternatives", "per_1000": "uses per 1,000 words",
             "n": "times used"}.get(value, value)
    fig.update_layout(barmode="group", yaxis_title=escape_label(label))
    if value == "share_in_group":
        fig.update_yaxes(tickformat=".0%", range=[0, 1.05])
    elif value == "n":
        fig.update_yaxes(tickformat="d", rangemode="tozero")
    if rows.empty:
        fig.add_annotation(text="No framing word to draw", showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    shown = rows[["group", "term"]].drop_duplicates().shape[0]
    notes = [f"the {shown} most used terms; + {hidden:,} more terms not shown" if hidden else None,
             greyed_note(colors, rows[by].unique())]
    fig = style_figure(fig, with_note(title or ("Framing words by " + by if any(notes) else None), *notes),
                       escaped=True, legend=escape_label(by))
    return _projector(fig, font_size, height=max(420, 26 * font_size)) if font_size else fig


def _projector(fig: go.Figure, font_size: int, *, height: int) -> go.Figure:
    """Type big enough to read from the back of a classroom; the legend on top, out of the bars' way; whole
    numbers on an axis of counts."""
    values = [v for t in fig.data for v in (t.y if t.y is not None else ()) if isinstance(v, (int, float))]
    if values and all(float(v).is_integer() for v in values):
        fig.update_yaxes(tickformat="d", tick0=0, dtick=max(1, int(np.ceil(max(values) / 6))))
    return fig.update_layout(font_size=font_size, height=height, bargap=0.25, bargroupgap=0.05,
                             legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, font_size=font_size,
                                         title_text=""),
                             hoverlabel_font_size=font_size, margin=dict(l=10, r=10, t=130, b=10))


def _most_used_terms(rows: pd.DataFrame, n: int, value: str) -> tuple[pd.DataFrame, int]:
    """The rows of the ``n`` most used terms (whole groups when they fit) and how many used terms are left out."""
    uses = rows.groupby(["group", "term"], sort=False)["n" if "n" in rows.columns else value].sum()
    if uses.size <= n:
        return rows, 0
    by_group = uses.groupby(level=0, sort=False)
    totals, sizes = by_group.sum(), by_group.size()
    order = sorted(totals.index, key=lambda g: (-totals[g], str(g)))
    kept = []
    for name in order:  # groups of alternatives first, whole, while they fit
        if sizes[name] <= n - len(kept) and totals[name] > 0:
            kept += [(name, t) for t in uses.loc[name].index]
    for name in order:  # then long lists (scare quotes): their most used terms
        terms = uses.loc[name]
        if sizes[name] > n and len(kept) < n:
            top = sorted(terms[terms > 0].index, key=lambda t: (-terms[t], str(t)))[:n - len(kept)]
            kept += [(name, t) for t in top]
    keys = pd.MultiIndex.from_frame(rows[["group", "term"]])
    hidden = int(((uses > 0) & ~uses.index.isin(kept)).sum())
    return rows[keys.isin(kept)], hidden
