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

import copy
import functools

import pandas as pd
import plotly.graph_objects as go

from ..core.docstrings import fill_doc
from ..core.validation import as_list, require_columns
from .chart_base import PALETTE, escape_label, greyed_note, new_figure, outlet_colors, style_figure, with_note

# More lines than this in one chart hide each other: one row per line instead (small multiples).
MAX_LINES = 4
ROW_HEIGHT = 95  # pixels per row of small multiples


@fill_doc
def plot_timeline(timeline_table: pd.DataFrame, *, y: str = "n", color=None, title: str | None = None,
                  colors: dict | None = None, facet: bool | None = None) -> go.Figure:
    """Lines over time from :func:`timeline` (or :func:`term_timeline` with ``y="share"``).

    Undated rows cannot be placed on the time axis: their count is written under the chart.
    One line per value of the ``color`` column(s): the ``by`` of the timeline.

    ``facet``: one row per value of the last ``color`` column (small multiples, one time axis and
    one value scale for all rows), so lines that coincide cannot hide each other; ``None``: when
    there would be more than four lines.

    {params.title}
    {params.colors}
    """
    require_columns(timeline_table, ["period", y], what="timeline table")
    groups = as_list(color)
    dated = timeline_table[timeline_table["period"].notna()]
    undated = timeline_table[timeline_table["period"].isna()]
    ylabel = {"n": "articles", "share": "share of all words"}.get(y, y)
    lines = list(dated.groupby(groups, sort=True)) if groups else [((None,), dated)]
    if facet is None:
        facet = len(lines) > MAX_LINES
    if facet and groups:
        fig = _facets(dated, groups, y, ylabel, title, colors)
    else:
        colors = colors or (outlet_colors(dated[groups[0]]) if groups else {})
        note = greyed_note(colors, dated[groups[0]].unique()) if groups else None
        fig = new_figure(with_note(title or "Over time", note), escaped=True, xaxis_title=None, yaxis_title=ylabel,
                         legend=", ".join(groups) or None, height=420)
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


def _facets(dated: pd.DataFrame, groups: list, y: str, ylabel: str, title, colors) -> go.Figure:
    """One row per value of the last group column; lines within a row by the first column (if two)."""
    row_col, line_col = groups[-1], groups[0]
    rows = sorted(dated[row_col].dropna().astype(str).unique())
    line_values = dated[line_col].astype(str)
    colors = colors or outlet_colors(dated[line_col] if len(groups) > 1 else dated[row_col])
    note = greyed_note(colors, line_values.unique())
    what = f"one row per {row_col}"
    layout, grid = _facet_layout(tuple(escape_label(r) for r in rows), ylabel,
                                 with_note(title or "Over time", what, note), len(groups) > 1)
    fig = go.Figure(layout=copy.deepcopy(layout))
    fig.__dict__["_grid_ref"], fig.__dict__["_grid_str"] = copy.deepcopy(grid)
    index = {r: i for i, r in enumerate(rows)}
    seen = set()
    for key, g in dated.groupby(groups, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        row = index[str(key[-1])]
        axis = "" if row == 0 else str(row + 1)
        line = str(key[0])
        name = " / ".join(map(str, key[:-1])) if len(groups) > 1 else line
        fig.add_scatter(x=g["period"], y=g[y], mode="lines+markers", name=escape_label(name),
                        line_color=colors.get(line, PALETTE[0]), marker_size=4, xaxis="x" + axis, yaxis="y" + axis,
                        legendgroup=escape_label(name), showlegend=len(groups) > 1 and name not in seen,
                        hovertemplate="%{x}: %{y}<extra>" + escape_label(" / ".join(map(str, key))) + "</extra>")
        seen.add(name)
    return fig


@functools.lru_cache(maxsize=32)
def _facet_layout(rows: tuple, ylabel: str, title: str, legend: bool) -> tuple:
    """The rows' layout, built once per set of rows (an explorer redraws the same rows again and again)."""
    from plotly.subplots import make_subplots

    k = len(rows)
    gap = 30  # pixels between rows, room for the row's name
    height = 110 + k * ROW_HEIGHT + (k - 1) * gap
    fig = make_subplots(rows=k, cols=1, shared_xaxes=True, vertical_spacing=gap / (height - 110) if k > 1 else 0)
    fig.update_yaxes(matches="y", nticks=3, rangemode="tozero")
    fig.update_xaxes(showticklabels=True)
    for i, name in enumerate(rows):
        axis = "" if i == 0 else str(i + 1)
        fig.add_annotation(text=f"<b>{name}</b>", x=0, y=1, xref=f"x{axis} domain", yref=f"y{axis} domain",
                           xanchor="left", yanchor="bottom", showarrow=False, font_size=12)
    fig.update_yaxes(title_text=escape_label(ylabel), row=(k + 1) // 2, col=1)
    style_figure(fig, title, escaped=True, showlegend=legend, height=height)
    return fig.to_plotly_json()["layout"], (fig.__dict__.get("_grid_ref"), fig.__dict__.get("_grid_str"))
