"""Lines over time (from :func:`timeline` and :func:`term_timeline`), one row per outlet when lines
would hide each other.

>>> import pandas as pd
>>> t = pd.DataFrame({"period": pd.to_datetime(["2024-01-01", "2024-01-08"] * 5),
...                   "outlet": [o for o in "ABCDE" for _ in range(2)], "n": [1, 2] * 5})
>>> fig = plot_timeline(t, color="outlet")
>>> len(fig.data), [a.text for a in fig.layout.annotations][:2]
(5, ['<b>A</b>', '<b>B</b>'])
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..core.docstrings import fill_doc
from ..core.validation import as_list, require_columns
from .chart_base import PALETTE, escape_label, greyed_note, new_figure, outlet_colors, with_note

# More lines than this in one chart hide each other: one row per line instead (small multiples).
MAX_LINES = 4
ROW_HEIGHT = 95  # pixels per row of small multiples


@fill_doc
def plot_timeline(timeline_table: pd.DataFrame, *, y: str = "n", color=None, title: str | None = None,
                  colors: dict | None = None, facet: bool | None = None) -> go.Figure:
    """Lines over time from :func:`timeline` (or :func:`term_timeline` with ``y="share"``).

    Undated rows cannot be placed on the time axis: their count is written under the chart.
    A first or last period that the corpus's dates cover less than three quarters of is named
    under the title (its count looks like a fall, not because coverage fell).
    One line per value of the ``color`` column(s): the ``by`` of the timeline.

    ``facet``: one row per value of the last ``color`` column (small multiples sharing one time
    axis and one value scale), so lines that coincide cannot hide each other; ``None``: when
    there would be more than four lines.

    {params.title}
    {params.colors}

    >>> t = pd.DataFrame({"period": pd.to_datetime(["2024-01-01", "2024-01-08", None]), "n": [3, 1, 2]})
    >>> fig = plot_timeline(t)
    >>> fig.data[0].type, fig.data[0].y.tolist(), fig.layout.annotations[0].text
    ('scatter', [3, 1], 'Not on the time axis: 2 undated')
    """
    from ..analysis.timeline import partial_periods

    require_columns(timeline_table, ["period", y], what="timeline table")
    # Counts of a period the dates only partly cover look like a fall (means and shares do not).
    partial = partial_periods(timeline_table.attrs) if y == "n" else None
    groups = as_list(color)
    dated = timeline_table[timeline_table["period"].notna()]
    undated = timeline_table[timeline_table["period"].isna()]
    ylabel = {"n": "articles", "share": "share of all words"}.get(y, y)
    lines = list(dated.groupby(groups, sort=True)) if groups else [((None,), dated)]
    if facet is None:
        facet = len(lines) > MAX_LINES
    if facet and groups:
        fig = _facets(dated, groups, y, ylabel, title, colors, partial)
    else:
        colors = colors or (outlet_colors(dated[groups[0]]) if groups else {})
        note = greyed_note(colors, dated[groups[0]].unique()) if groups else None
        fig = new_figure(with_note(title or "Over time", note, partial), escaped=True, xaxis_title=None,
                         yaxis_title=ylabel, legend=", ".join(groups) or None, height=420)
        for key, g in lines:
            name = " / ".join(map(str, key)) if groups else y
            fig.add_scatter(x=g["period"], y=g[y], mode="lines+markers", name=escape_label(name),
                            line_color=colors.get(str(key[0]), PALETTE[0]) if groups else PALETTE[0])
    if len(undated):
        n_undated = int(undated["n"].sum()) if "n" in undated.columns else len(undated)
        fig.add_annotation(text=f"Not on the time axis: {n_undated} undated", xref="paper", yref="paper",
                           x=0, y=0, yanchor="top", yshift=-28, showarrow=False, align="left")
        fig.update_layout(margin_b=45)
    return fig


def _facets(dated: pd.DataFrame, groups: list, y: str, ylabel: str, title, colors, partial=None) -> go.Figure:
    """One row per value of the last group column; lines within a row by the first column (if two).

    The rows share one time axis (drawn once, at the bottom) and one value scale: a y axis per row
    stacked on one x axis, three to five times quicker to draw in a browser than a grid of subplots.
    """
    row_col, line_col = groups[-1], groups[0]
    rows = sorted(dated[row_col].dropna().astype(str).unique())
    colors = colors or outlet_colors(dated[line_col] if len(groups) > 1 else dated[row_col])
    note = greyed_note(colors, dated[line_col].astype(str).unique())
    values = pd.to_numeric(dated[y], errors="coerce")
    low, high = min(0.0, values.min()), max(0.0, values.max())
    scale = [low - 0.08 * (high - low), high + 0.08 * (high - low)] if high > low else None
    k, gap = len(rows), 30  # pixels between rows: room for the row's name
    height = 120 + k * ROW_HEIGHT + (k - 1) * gap
    plot = height - 120  # the plotting area (margins: title above, time axis below)
    axes, names = {}, []
    for i, name in enumerate(rows):
        top = 1 - i * (ROW_HEIGHT + gap) / plot
        axes["yaxis" + ("" if i == 0 else str(i + 1))] = dict(
            domain=[max(0.0, top - ROW_HEIGHT / plot), min(1.0, top)], anchor="x", range=scale, nticks=3,
            title_text=escape_label(ylabel) if i == k // 2 else None)
        names.append(dict(text=f"<b>{escape_label(name)}</b>", x=0, y=1, xref="paper",
                          yref=f"y{'' if i == 0 else i + 1} domain", xanchor="left", yanchor="bottom",
                          showarrow=False, font_size=12))
    legend = escape_label(line_col) if len(groups) > 1 else None
    fig = new_figure(with_note(title or "Over time", f"one row per {row_col}", note, partial), escaped=True,
                     showlegend=legend is not None, height=height, legend=legend)
    fig.update_layout(xaxis=dict(anchor="y" + (str(k) if k > 1 else ""), title_text=None), annotations=names, **axes)
    index = {r: i for i, r in enumerate(rows)}
    seen = set()
    for key, g in dated.groupby(groups, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        row = index[str(key[-1])]
        line = str(key[0])
        name = " / ".join(map(str, key[:-1])) if len(groups) > 1 else line
        fig.add_scatter(x=g["period"], y=g[y], mode="lines+markers", name=escape_label(name),
                        line_color=colors.get(line, PALETTE[0]), marker_size=4, xaxis="x",
                        yaxis="y" + ("" if row == 0 else str(row + 1)), legendgroup=escape_label(name),
                        showlegend=len(groups) > 1 and name not in seen,
                        hovertemplate="%{x}: %{y}<extra>" + escape_label(" / ".join(map(str, key))) + "</extra>")
        seen.add(name)
    return fig
