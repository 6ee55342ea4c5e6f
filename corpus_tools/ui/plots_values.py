"""Charts of one value per row (article lengths, sentiment scores): boxes per outlet, and sentences
as points. Above ``MAX_TEXT_POINTS`` rows (3,000), a fixed random sample is drawn as points (each with
its text on hover) and the title says how many of how many are shown; boxes always describe every row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..core.docstrings import fill_doc
from ..core.validation import require_columns
from . import chart_base
from .chart_base import (
    PALETTE,
    escape_label,
    greyed_note,
    outlet_colors,
    sample_rows,
    shown_note,
    style_figure,
    with_note,
)


def _unit(table: pd.DataFrame) -> str:
    return "sentences" if "sent_id" in table.columns else "articles" if "doc_id" in table.columns else "values"


def _hover(texts: pd.Series, limit: int, width: int) -> list[str]:
    return [escape_label(t[:limit] + ("…" if len(t) > limit else ""), width=width) for t in texts.fillna("")]


@fill_doc
def plot_distribution(table: pd.DataFrame, *, y: str, by: str = "outlet", text: str | None = "text",
                      title: str | None = None, y_title: str | None = None, colors: dict | None = None,
                      missing: str = "no {y} for {groups}") -> go.Figure:
    """One box per group (each value of the ``by`` column) with its rows as points.

    For article lengths, sentiment scores, ...

    Hover shows the (escaped) ``text`` behind each point, so a reader can check any value.
    Above 3,000 rows the boxes are drawn from every value and the points are a fixed random
    sample of 3,000 (the title says so). Groups without any value have no box: the title names
    them (``missing``, a template with ``{y}`` and ``{groups}``).

    {params.title}
    {params.colors}

    >>> scores = pd.DataFrame({"outlet": ["AP", "AP", "TASS"], "compound": [0.5, -0.2, 0.1], "text": ["a", "b", "c"]})
    >>> fig = plot_distribution(scores, y="compound")
    >>> [(t.type, t.name, t.y.tolist()) for t in fig.data], fig.layout.title.text
    ([('box', 'AP', [0.5, -0.2]), ('box', 'TASS', [0.1])], 'compound by outlet')
    """
    require_columns(table, [by, y], what="table")
    colors = colors or outlet_colors(table[by])
    detailed = len(table) <= chart_base.MAX_TEXT_POINTS  # (read here, so a test can lower it)
    has_text = bool(text) and text in table.columns
    if not detailed and not has_text:
        return _boxes_only(table, y=y, by=by, colors=colors, missing=missing,
                           title=title or f"{y} by {by}", y_title=y_title or y)
    fig = go.Figure()
    points = table if detailed else sample_rows(table) if has_text else table.iloc[:0]
    groups = points.groupby(by, sort=True, observed=True)
    for name, g in table.groupby(by, sort=True, observed=True):
        label, color = escape_label(name), colors.get(str(name))
        if not detailed:
            # The box from its five numbers over every value (a page of 2 million scores would be
            # tens of MB and slow to redraw) ...
            _add_summary_box(fig, g[y], label, color)
        if name not in groups.groups:
            continue
        # ... and the points (every one, or the sample) with their texts, over an invisible box.
        p = groups.get_group(name)
        hover = _hover(p[text].astype(str).where(p[text].notna()), 200, 60) if has_text else None
        box = {} if detailed else dict(fillcolor="rgba(0,0,0,0)", line_width=0, hoveron="points")
        fig.add_box(y=p[y], name=label, boxpoints="all", jitter=0.4, pointpos=0,
                    marker=dict(color=color, size=5 if detailed else 4, opacity=0.7 if detailed else 0.5),
                    line_color=color, text=hover, hovertemplate="%{y:.3f}" + ("<br>%{text}" if hover else "")
                    + "<extra>" + label + "</extra>", **box)
    notes = [greyed_note(colors, table[by].dropna().unique()), missing_note(table, by, y, missing)]
    if not detailed:
        notes.append(shown_note(len(points), len(table), _unit(table)) + "; boxes from all"
                     if has_text else f"boxes from all {len(table):,} values, without the points")
    return style_figure(fig, with_note(title or f"{y} by {by}", *notes), escaped=True, yaxis_title=y_title or y,
                        xaxis_title=None, showlegend=False, height=450)


def missing_note(table: pd.DataFrame, by: str, y: str, template: str = "no {y} for {groups}") -> str | None:
    """"no compound for Вестник, Кур'єр": the groups whose ``y`` is missing in every row (they draw nothing)."""
    if by not in table.columns or y not in table.columns:
        return None
    has = table[y].notna().groupby(table[by], sort=True, observed=True).any()
    return _missing_text([str(g) for g in has.index[~has.to_numpy()]], y, template)


def _missing_text(empty: list, y: str, template: str) -> str | None:
    if not empty:
        return None
    names = ", ".join(empty[:5]) + (f" and {len(empty) - 5:,} more" if len(empty) > 5 else "")
    return template.format(y=y, groups=names)


def summary_box(v: np.ndarray, label: str, color) -> dict | None:
    """A box trace (a dict) from the statistics of the values ``v`` (no NaN): quartiles (linear, as plotly),
    whiskers within 1.5 IQR, mean. None when there is no value. In sorted values the whiskers are found by
    bisection.

    >>> summary_box(np.array([1.0, 2.0, 3.0, 10.0]), "AP", "#000")["upperfence"]  # 10 lies beyond the whisker
    [3.0]
    """
    if not len(v):
        return None
    q1, median, q3 = np.quantile(v, [0.25, 0.5, 0.75])
    iqr = q3 - q1
    if (v[1:] >= v[:-1]).all():  # sorted: the whiskers are found by bisection
        lower = v[np.searchsorted(v, q1 - 1.5 * iqr, "left")]
        upper = v[np.searchsorted(v, q3 + 1.5 * iqr, "right") - 1]
    else:
        lower, upper = v[v >= q1 - 1.5 * iqr].min(), v[v <= q3 + 1.5 * iqr].max()
    box = {"type": "box", "x": [label], "q1": [float(q1)], "median": [float(median)], "q3": [float(q3)],
           "lowerfence": [float(lower)], "upperfence": [float(upper)], "mean": [float(v.mean())], "name": label,
           "hoverinfo": "y"}
    return box | ({"marker": {"color": color}, "line": {"color": color}} if color is not None else {})


def _add_summary_box(fig: go.Figure, values: pd.Series, label: str, color) -> None:
    box = summary_box(values.dropna().to_numpy(dtype="float64"), label, color)
    if box is not None:
        fig.add_trace(box)


def _boxes_only(table: pd.DataFrame, *, y: str, by: str, colors: dict, missing: str, title: str,
                y_title: str) -> go.Figure:
    """:func:`plot_distribution`'s boxes over every value, without points: each group's rows found from its codes
    (in one pass when the rows come in group order), the figure built without plotly's checks."""
    column = table[by]
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes, names = column.cat.codes.to_numpy(), column.cat.categories
    else:
        codes, names = pd.factorize(column, sort=True)
    values = table[y].to_numpy(dtype="float64")
    if len(codes) > 1 and (codes[1:] < codes[:-1]).any():
        order = np.argsort(codes, kind="stable")
        codes, values = codes[order], values[order]
    bounds = np.flatnonzero(np.diff(codes)) + 1
    traces, present, empty = [], [], []
    for a, b in zip(np.r_[0, bounds], np.r_[bounds, len(codes)]):
        if b <= a or codes[a] < 0:  # rows without a group: no box, as groupby leaves them out
            continue
        name = names[codes[a]]
        present.append(name)
        v = values[a:b]
        box = summary_box(v[~np.isnan(v)], escape_label(name), colors.get(str(name)))
        traces.append(box) if box is not None else empty.append(str(name))
    notes = [greyed_note(colors, present), _missing_text(empty, y, missing),
             f"boxes from all {len(table):,} values, without the points"]
    layout = chart_base.styled_layout(with_note(title, *notes), yaxis_title=y_title, xaxis_title=None,
                                      showlegend=False, height=450)
    return chart_base.figure_from_dicts(traces, layout)


# VADER leaves texts in other languages (and empty ones) without a score: say whose, not just draw less.
NOT_SCORED = "no score for {groups} (VADER reads English only: see the language column)"


def plot_sentiment(scored: pd.DataFrame, *, by: str = "outlet", y: str = "compound", text: str = "text",
                   title: str | None = None, colors: dict | None = None) -> go.Figure:
    """Distribution of VADER scores per group (sentences or articles), with the text on hover.

    >>> scores = pd.DataFrame({"outlet": ["AP", "AP", "TASS"], "compound": [0.5, -0.2, 0.1], "text": ["a", "b", "c"]})
    >>> fig = plot_sentiment(scores)
    >>> [t.name for t in fig.data], fig.layout.yaxis.title.text
    (['AP', 'TASS'], 'VADER compound (−1 negative … +1 positive)')
    """
    fig = plot_distribution(scored, y=y, by=by, text=text, title=title or f"Sentiment ({y}) by {by}",
                            y_title=f"VADER {y} (−1 negative … +1 positive)", colors=colors, missing=NOT_SCORED)
    fig.add_hline(y=0, line_dash="dot", line_color="#666")
    return fig


def plot_sentences(scored_sentences: pd.DataFrame, *, x: str = "sent_id", y: str = "compound", color: str = "outlet",
                   title: str | None = None, colors: dict | None = None) -> go.Figure:
    """Every sentence as a point (its place in the article × its score), with its text on hover.

    Above 3,000 sentences, a fixed random sample of 3,000 is drawn (the title says so).

    >>> sents = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": [0, 1, 0], "outlet": ["AP", "AP", "TASS"],
    ...                       "compound": [0.5, -0.2, 0.1], "text": ["Good.", "Bad.", "Fine."]})
    >>> [(t.name, t.x.tolist(), t.y.tolist()) for t in plot_sentences(sents).data]
    [('AP', [0, 1], [0.5, -0.2]), ('TASS', [0], [0.1])]
    """
    require_columns(scored_sentences, [x, y, "text"], what="sentences table")
    has_color = color in scored_sentences.columns
    colors = colors or (outlet_colors(scored_sentences[color]) if has_color else {})
    shown = sample_rows(scored_sentences)
    fig = go.Figure()
    for name, g in (shown.groupby(color, sort=True, observed=True) if has_color else [("sentences", shown)]):
        fig.add_scatter(
            x=g[x],
            y=g[y],
            mode="markers",
            name=escape_label(name),
            marker=dict(color=colors.get(str(name), PALETTE[0]), size=7 if len(shown) < 1000 else 5,
                        opacity=1.0 if len(shown) < 1000 else 0.6),
            text=_hover(g["text"], 200, 70),
            customdata=g["doc_id"].map(escape_label) if "doc_id" in g.columns else None,
            hovertemplate="%{customdata} · sentence %{x}<br>score %{y:.3f}<br>%{text}<extra></extra>",
        )
    fig.add_hline(y=0, line_dash="dot", line_color="#666")
    notes = [shown_note(len(shown), len(scored_sentences), "sentences"),
             greyed_note(colors, scored_sentences[color].dropna().unique()) if has_color else None,
             missing_note(scored_sentences, color, y, NOT_SCORED) if has_color else None]
    return style_figure(fig, with_note(title or "Sentences: where they stand in the article and how they score",
                                       *notes), escaped=True, xaxis_title="sentence number in the article",
                        yaxis_title=f"VADER {y}", legend=color, height=450)
