"""Who each outlet names: a chart of :func:`corpus_tools.compare_mentions` (computes nothing itself).

Names come from article text, which is untrusted: every label and hover text is escaped.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..core.docstrings import fill_doc
from ..core.validation import as_list, require_columns
from .chart_base import empty_figure, escape_label, style_figure, with_note

_LABEL_MARK = {"person": "person", "place": "place", "organisation": "org."}


@fill_doc
def plot_entities(comparison: pd.DataFrame, *, n: int = 25, by="outlet", value: str = "share",
                  title: str | None = None) -> go.Figure:
    """A grid of entities (rows) by group (columns): the share of each group's articles naming each one.

    ``comparison``: the table of :func:`compare_mentions` (its first ``n`` entities, in its order:
    most articles first). Empty cells are groups that never name the entity; the hover box says how
    many articles of how many. ``value``: the column coloured ("share" or "articles").

    {params.n}
    {params.by}
    {params.title}

    >>> t = pd.DataFrame({"entity": ["Kyiv", "Kyiv"], "label": ["place"] * 2, "outlet": ["X", "Y"],
    ...                   "articles": [2, 0], "group_articles": [2, 1], "share": [1.0, 0.0]})
    >>> fig = plot_entities(t)
    >>> list(fig.data[0].x), list(fig.data[0].y), [list(r) for r in fig.data[0].z]
    (['X', 'Y'], ['Kyiv (place)'], [[1.0, None]])
    """
    by = as_list(by)
    require_columns(comparison, ["entity", "label", *by, "articles", "group_articles", value],
                    what="comparison table (from compare_mentions)")
    if comparison.empty:
        return empty_figure("No entity is named in enough articles to compare.", title=title)
    keys = list(dict.fromkeys(zip(comparison["entity"], comparison["label"])))[:n]
    shown = comparison[pd.Series(list(zip(comparison["entity"], comparison["label"])), index=comparison.index)
                       .isin(keys)]
    group = shown[by].astype(str).agg(" / ".join, axis=1)
    groups = sorted(group.unique())
    rows = [f"{escape_label(e)} ({_LABEL_MARK.get(lab, escape_label(lab))})" for e, lab in keys]
    where = {k: i for i, k in enumerate(keys)}
    z = [[None] * len(groups) for _ in keys]
    hover = [[""] * len(groups) for _ in keys]
    for (e, lab, g, k, tot, v) in zip(shown["entity"], shown["label"], group, shown["articles"],
                                      shown["group_articles"], shown[value]):
        i, j = where[(e, lab)], groups.index(g)
        z[i][j] = float(v) if k > 0 else None
        hover[i][j] = f"{escape_label(e)}<br>{escape_label(g)}: {k} of {tot} articles"
    top = 1.0 if value == "share" else max([v for r in z for v in r if v is not None], default=1.0)
    # Both ends fixed (zmin alone is ignored) and a visible lightest blue: a share of 0.1 must not look empty.
    fig = go.Figure(go.Heatmap(z=z, x=[escape_label(g) for g in groups], y=rows, text=hover,
                               hovertemplate="%{text}<extra></extra>", colorscale=[[0, "#c6dbef"], [1, "#08306b"]],
                               zmin=0, zmax=top,
                               colorbar=dict(title=escape_label(value)), xgap=2, ygap=2))
    fig.update_yaxes(autorange="reversed")
    left = len(dict.fromkeys(zip(comparison["entity"], comparison["label"]))) - len(keys)
    note = f"the {len(keys)} named in most articles; {left} more in the table" if left > 0 else None
    head = title or f"Who each {' / '.join(by)} names: {value.replace('_', ' ')} of its articles"
    return style_figure(fig, with_note(head, note), escaped=True, height=max(300, 60 + 24 * len(keys)))
