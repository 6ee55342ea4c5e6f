"""Charts of topics and of the article map (plotly figures; nothing is computed here).

Each draws a table of :func:`find_topics`, of :func:`timeline` over its documents, or of
:func:`find_article_map`, and returns the Figure. Article text is escaped in labels and hover.

>>> terms = pd.DataFrame({"topic": [1, 1, 2], "label": ["1: goal, match", "1: goal, match", "2: tax"],
...                       "rank": [1, 2, 1], "term": ["goal", "match", "tax"], "weight": [0.6, 0.4, 1.0]})
>>> fig = plot_topics(terms)
>>> [list(t.y) for t in fig.data]
[['match', 'goal'], ['tax']]
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..core.docstrings import fill_doc
from ..core.validation import require_columns
from .chart_base import figure_from_dicts, layout_json, sample_rows, shown_note, style_figure, with_note
from .figures import empty_figure, short, topic_colors
from .plots import MAX_TEXT_POINTS, PALETTE, escape_label, figure_menu, outlet_colors

# The article map draws at most this many points (a fixed random sample above it).
MAX_MAP_POINTS = 10_000

# More panels than this (outlets) and the topic timeline becomes a menu, one outlet at a time.
MAX_PANELS = 12


def _grid(n_panels: int, wrap: int, titles, *, shared_y: bool = False, height_per_row: int = 260):
    from plotly.subplots import make_subplots

    cols = max(1, min(wrap, n_panels))
    rows = -(-n_panels // cols)
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles, shared_yaxes=shared_y,
                        horizontal_spacing=0.14 if not shared_y else 0.04,
                        vertical_spacing=min(0.25, 0.6 / rows) if rows > 1 else 0.1)
    return fig, cols, max(320, rows * height_per_row)


@fill_doc
def plot_topics(topic_terms: pd.DataFrame, *, n: int = 10, title: str | None = None,
                facet_col_wrap: int = 3) -> go.Figure:
    """The heaviest words of each topic: one panel of bars per topic (``topics.terms`` of :func:`find_topics`).

    {params.n}
        Here per topic.
    {params.title}

    >>> terms = pd.DataFrame({"topic": [1], "label": ["1: <b>"], "rank": [1], "term": ["<b>"], "weight": [1.0]})
    >>> plot_topics(terms).layout.annotations[0].text
    '1: &lt;b&gt;'

    """
    require_columns(topic_terms, ["topic", "label", "term", "weight"], what="topic terms table (topics.terms)")
    if topic_terms.empty:
        return empty_figure("No topics to show.", title=title or "Topics")
    table = topic_terms.sort_values(["topic", "weight", "term"], ascending=[True, False, True], kind="stable")
    table = table.groupby("topic", sort=True).head(n)
    groups = list(table.groupby("topic", sort=True))
    labels = [str(g["label"].iloc[0]) for _, g in groups]
    fig, cols, height = _grid(len(groups), facet_col_wrap, [escape_label(short(lb, 45)) for lb in labels],
                              height_per_row=60 + 22 * n)
    colors = topic_colors(topic_terms["label"])
    for i, ((_, g), label) in enumerate(zip(groups, labels)):
        top = g.iloc[::-1]
        fig.add_bar(y=[escape_label(t) for t in top["term"]], x=top["weight"], orientation="h",
                    marker_color=colors.get(g["label"].iloc[0], PALETTE[i % len(PALETTE)]), name=escape_label(label),
                    hovertemplate="%{y}: %{x:.1%} of the topic<extra>" + escape_label(label) + "</extra>",
                    row=i // cols + 1, col=i % cols + 1)
    fig.update_xaxes(tickformat=".1%")
    return style_figure(fig, title or "Topics: their heaviest words", showlegend=False, height=height)


@fill_doc
def plot_topic_timeline(timeline_table: pd.DataFrame, *, y: str = "weight", color: str = "label",
                        facet_col: str | None = "outlet", title: str | None = None,
                        facet_col_wrap: int = 3) -> go.Figure:
    """Each topic's share of the articles per period: one line per topic, one panel per outlet.

    ``timeline_table`` is :func:`timeline` over ``topics.documents``:
    ``timeline(topics.documents, by=["outlet", "label"], value="weight", freq="M")`` (the mean
    share of each topic in the articles of the period; ``n`` = articles). Without a
    ``facet_col`` column, one panel. Periods without articles are gaps; undated articles are
    counted under the chart. With more than 12 outlets, a menu shows one at a time.

    {params.title}

    >>> docs = pd.DataFrame({"doc_id": ["a", "a"], "label": ["1: goal", "2: tax"], "weight": [0.75, 0.25],
    ...                      "outlet": ["X", "X"], "date": pd.to_datetime(["2024-01-05"] * 2)})
    >>> from corpus_tools import timeline
    >>> fig = plot_topic_timeline(timeline(docs, by=["outlet", "label"], value="weight", freq="M"))
    >>> [(t.name, t.y.tolist()) for t in fig.data]
    [('1: goal', [0.75]), ('2: tax', [0.25])]
    """
    require_columns(timeline_table, ["period", y, color], what="timeline table")
    title = title or _timeline_title(facet_col)
    dated = timeline_table[timeline_table["period"].notna()]
    undated = timeline_table[timeline_table["period"].isna()]
    facet = facet_col if facet_col and facet_col in timeline_table.columns else None
    panels = sorted(dated[facet].dropna().unique(), key=str) if facet else [None]
    if facet and len(panels) > MAX_PANELS:
        return figure_menu({str(p): plot_topic_timeline(timeline_table[timeline_table[facet] == p], y=y, color=color,
                                                        facet_col=facet, title=f"{title}: {p}")
                            for p in panels}, label=facet)
    if dated.empty:
        return empty_figure("No dated articles: nothing to place on a time axis.", title=title)
    colors = topic_colors(timeline_table[color])
    # The panels, axes and look depend only on how many panels: made once (make_subplots and the
    # template cost more than the lines), then each line is a plain dict placed on its panel's axes.
    layout, grid, axes = _timeline_layout(len(panels), facet_col_wrap, title, titled=bool(facet))
    # Copies of what changes here (the panels' titles, a note); plotly copies the rest.
    layout = dict(layout)
    if facet:  # the panels' titles: the annotations, in the panels' order
        layout["annotations"] = [{**a, "text": escape_label(short(p, 40))}
                                 for a, p in zip(layout["annotations"], panels)]
    traces = []
    keys = [facet, color] if facet else [color]
    for key, g in dated.sort_values("period").groupby(keys, sort=True, observed=True):
        panel, name = (key if facet else (None, key[0] if isinstance(key, tuple) else key))
        i = panels.index(panel) if facet else 0
        label = escape_label(name)
        trace = {"type": "scatter", "x": g["period"].to_numpy(), "y": g[y].to_numpy(), "mode": "lines+markers",
                 "name": label, "legendgroup": label, "showlegend": i == 0,
                 "customdata": g["n"].to_numpy() if "n" in g.columns else np.full(len(g), np.nan),
                 "connectgaps": False,
                 "hovertemplate": "%{x|%Y-%m-%d}: %{y:.0%}<br>%{customdata} articles<extra>"
                                  + escape_label(short(name, 40)) + (f" · {escape_label(panel)}" if facet else "")
                                  + "</extra>", **axes[i]}
        if colors.get(name) is not None:
            trace["line"] = {"color": colors[name]}
        traces.append(trace)
    if len(undated):
        first = undated[undated[color] == undated[color].iloc[0]]
        count = int(first["n"].sum()) if "n" in first.columns else len(first)
        note = {"text": f"Not on the time axis: {count} undated article{'s' if count != 1 else ''}",
                "xref": "paper", "yref": "paper", "x": 0, "y": -0.12, "showarrow": False, "align": "left"}
        layout["annotations"] = [*layout.get("annotations", ()), note]
    return figure_from_dicts(traces, layout, grid=grid)


def _timeline_title(facet_col: str | None) -> str:
    return "Share of each topic over time" + (f", by {facet_col}" if facet_col else "")


def prepare_topic_timelines(max_panels: int, *, facet_col: str = "outlet", facet_col_wrap: int = 3) -> None:
    """Make the layouts of :func:`plot_topic_timeline` (default title) for 1 to ``max_panels`` panels now.

    An explorer calls this once: a filter that leaves another number of outlets then finds the
    panels ready, instead of waiting for plotly's ``make_subplots`` (tens of milliseconds).
    """
    for n in range(1, min(max_panels, MAX_PANELS) + 1):
        _timeline_layout(n, facet_col_wrap, _timeline_title(facet_col), titled=True)


@functools.lru_cache(maxsize=32)
def _timeline_layout(n_panels: int, wrap: int, title: str, *, titled: bool) -> tuple:
    """The topic timeline's layout for this many panels, as a dict (``titled``: with stand-in panel titles);
    the grid of make_subplots; each panel's axes. Made once for any outlets: a filter changes them often."""
    fig, cols, height = _grid(n_panels, wrap, [f"panel {i + 1}" for i in range(n_panels)] if titled else None,
                              shared_y=True)
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    axes = [fig._grid_ref[i // cols][i % cols][0].trace_kwargs for i in range(n_panels)]
    # The look (template, title, margins) as style_figure gives it, made once per title and height.
    look = layout_json(title, (("height", height), ("legend_title_text", "topic")))
    return {**fig.to_plotly_json()["layout"], **look}, (fig._grid_ref, fig._grid_str), axes


@fill_doc
def plot_article_map(article_map: pd.DataFrame, *, color: str = "outlet", title: str | None = None,
                     colors: dict | None = None, max_points: int = MAX_MAP_POINTS) -> go.Figure:
    """Every article as a point of :func:`find_article_map`, coloured by ``color`` (outlet, or ``label``: topic).

    Hover: title, outlet, date (and topic), escaped. For a topic colour, join the articles'
    main topic first: ``article_map.merge(docs[docs["main"]][["doc_id", "label"]], on="doc_id")``.
    Above 3,000 articles hover boxes leave the title out, so that a shared page stays small; above
    ``max_points`` (10,000) a fixed random sample of that many is drawn, and the title says so (more
    points only cover each other, and each one is sent to the browser on every redraw).

    {params.title}
    {params.colors}

    >>> m = pd.DataFrame({"doc_id": ["a", "b"], "x": [0.1, 0.5], "y": [0.0, 0.2], "outlet": ["X", "<i>Y</i>"],
    ...                   "title": ["One", "Two"]})
    >>> [t.name for t in plot_article_map(m).data]
    ['&lt;i&gt;Y&lt;/i&gt;', 'X']
    """
    require_columns(article_map, ["doc_id", "x", "y"], what="article map table")
    title = title or "Map of the articles: near each other when they use the same words"
    if article_map.empty:
        return empty_figure("No articles to place.", title=title)
    total = len(article_map)
    article_map = sample_rows(article_map, max_points)
    title = with_note(title, shown_note(len(article_map), total, "articles"))  # escaped
    has_color = color in article_map.columns
    if has_color and color in ("label", "topic"):
        colors = colors or topic_colors(article_map[color])
    elif has_color:
        colors = colors or outlet_colors(article_map[color])
    detailed = len(article_map) <= MAX_TEXT_POINTS
    groups = article_map.groupby(color, sort=True, observed=True, dropna=False) if has_color else [(None, article_map)]
    # Fixed-width text, not Python strings: plotly copies each trace's arrays twice on the way to
    # the page, and an array of strings is copied string by string.
    hover_all = map_hover(article_map, detailed).astype(str)
    traces = []
    for name, g in groups:
        hover = hover_all[article_map.index.get_indexer(g.index)] if len(groups) > 1 else hover_all
        traces.append({"type": "scatter" if detailed else "scattergl", "x": g["x"].to_numpy(), "y": g["y"].to_numpy(),
                       "mode": "markers", "name": escape_label(short(name, 40)),
                       "marker": {"size": 8 if detailed else 4, "opacity": 0.8,
                                  "color": (colors or {}).get(name, PALETTE[0])},
                       "text": hover, "hovertemplate": "%{text}<extra></extra>"})
    # The layout is made once per kind of title and legend; the title's text is set here.
    layout = _map_layout("<br>" in title, escape_label(color) if has_color else None, has_color)
    layout = {**layout, "title": {**layout["title"], "text": title}}
    if not detailed:
        note = {"text": f"{len(article_map):,} articles: titles left out of the hover boxes above "
                        f"{MAX_TEXT_POINTS:,} (filter first to read them)",
                "xref": "paper", "yref": "paper", "x": 0, "y": -0.08, "showarrow": False}
        layout["annotations"] = [*layout.get("annotations", ()), note]
    return figure_from_dicts(traces, layout)


@functools.lru_cache(maxsize=8)
def _map_layout(two_line_title: bool, legend: str | None, showlegend: bool) -> dict:
    fig = go.Figure()
    fig.update_xaxes(showticklabels=False, zeroline=False, title=None)
    fig.update_yaxes(showticklabels=False, zeroline=False, title=None, scaleanchor="x")
    # A stand-in title: its second line (the sample's note) gives the top margin room.
    return style_figure(fig, "title<br>note" if two_line_title else "title", escaped=True, height=600,
                        legend_title_text=legend, showlegend=showlegend).to_plotly_json()["layout"]


def _texts(values: pd.Series, text=escape_label, missing: str = "") -> np.ndarray:
    """``text(value)`` for each value (``missing`` for a missing one), as an object array.

    Few distinct outlets, topics and dates: each is turned into text once, not once per article.
    """
    codes, uniques = pd.factorize(values)
    return np.array([text(v) for v in uniques] + [missing], dtype=object)[codes]  # code -1 (missing): the last


def map_hover(article_map: pd.DataFrame, detailed: bool) -> np.ndarray:
    """Each point's hover text (escaped): title (when ``detailed``), outlet · date, topic, doc_id."""
    lines = []
    if detailed and "title" in article_map.columns:
        lines.append(("<b>" + article_map["title"].map(lambda t: escape_label(short(t, 120), width=60))
                      + "</b>").to_numpy(dtype=object))
    middle = _texts(article_map["outlet"]) if "outlet" in article_map.columns \
        else np.full(len(article_map), "", dtype=object)
    if "date" in article_map.columns:
        dates = pd.to_datetime(article_map["date"], errors="coerce")
        middle = middle + " · " + _texts(dates, lambda d: d.strftime("%Y-%m-%d"), "undated")
    lines.append(middle)
    if "label" in article_map.columns:
        lines.append(_texts(article_map["label"], lambda v: "topic " + escape_label(v)))
    if detailed:
        lines.append(_texts(article_map["doc_id"].astype(str)))
    joined = lines[0]
    for part in lines[1:]:
        joined = joined + np.where((joined != "") & (part != ""), "<br>", "") + part
    return joined
