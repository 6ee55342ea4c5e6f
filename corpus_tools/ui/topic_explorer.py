"""The explorer of notebook 06: choose outlets and a period, and the topic shares and the article map redraw.

Like the other explorers it only collects choices and calls the public functions
(:func:`timeline` over ``topics.documents``, :func:`plot_topic_timeline`,
:func:`plot_article_map`); the topics and the map are found once, before.

>>> import warnings
>>> from corpus_tools import find_topics, load_sample
>>> articles = load_sample()
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore")     # five articles are too few for topics: it says so
...     explorer = topics_explorer(articles, topics=find_topics(articles, n_topics=2))
>>> explorer.panel.outlets.value = ("TASS",)
>>> [t.name for t in explorer.map_figure.data]
['TASS']
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import pandas as pd

from ..analysis.article_map import find_article_map
from ..analysis.timeline import timeline
from ..analysis.topics import Topics, find_topics
from .filter_panel import STYLE, FilterPanel
from .plots import outlet_colors
from .topic_plots import plot_article_map, plot_topic_timeline, prepare_topic_timelines


class TopicsExplorer(w.VBox):
    """A filter panel, a period and a colour choice; below, topic shares over time and the article map."""

    def __init__(self, articles: pd.DataFrame, *, topics: Topics | None = None, article_map: pd.DataFrame | None = None,
                 n_topics: int = 10, seed: int = 0):
        self.topics = topics if topics is not None else find_topics(articles, n_topics=n_topics, seed=seed)
        self.article_map = article_map if article_map is not None else find_article_map(articles, seed=seed)
        docs = self.topics.documents
        main = docs.loc[docs["main"], ["doc_id", "label"]]
        self._map = self.article_map.merge(main, on="doc_id", how="left") if "label" not in self.article_map.columns \
            else self.article_map
        self.panel = FilterPanel(articles)
        self._ids = articles["doc_id"].astype(str).to_numpy()
        # Each topic row's and map point's article (by row): a filter change then selects them by
        # the panel's mask, without looking every id up in a set (-1: not in the articles).
        index = pd.Index(self._ids)
        self._doc_rows = index.get_indexer(docs["doc_id"].astype(str)) if index.is_unique else None
        self._map_rows = index.get_indexer(self._map["doc_id"].astype(str)) if index.is_unique else None
        # Only what the timeline reads of the topic rows (outlets as categories): selecting the
        # chosen rows then copies no ids or titles.
        self._docs = docs[[c for c in ("outlet", "label", "weight", "date") if c in docs.columns]]
        if "outlet" in self._docs.columns:
            self._docs = self._docs.assign(outlet=self._docs["outlet"].astype("category"))
            prepare_topic_timelines(self._docs["outlet"].nunique())  # one panel per outlet a filter leaves
        self.colors = outlet_colors(articles["outlet"]) if "outlet" in articles.columns else {}
        self.freq = w.Dropdown(options=[("Day", "D"), ("Week", "W"), ("Month", "M"), ("Year", "Y")], value="M",
                               description="Period", style=STYLE)
        self.color = w.Dropdown(options=[("Outlet", "outlet"), ("Main topic", "label")], value="outlet",
                                description="Map colour", style=STYLE)
        self.message = w.Label()
        self.shares_out = w.Output(layout=w.Layout(min_height="320px"))
        self.map_out = w.Output(layout=w.Layout(min_height="500px"))
        self.shares_figure = self.map_figure = None
        controls = w.VBox([self.freq, self.color], layout=w.Layout(width="45%"))
        super().__init__([w.HBox([self.panel, controls]), self.message, self.shares_out, self.map_out])
        self.add_class("ct-topicsexplorer")
        # The panel's mask only: no filtered copy of the articles (with their texts) on every change.
        self.panel._on_mask(self.redraw)
        for c in (self.freq, self.color):
            c.observe(lambda _: self.redraw(), names="value")
        self.redraw()

    def draw(self, doc_ids=None, *, mask=None) -> tuple:
        """The two figures for the chosen articles (``doc_ids``, or ``mask`` over the articles' rows):
        (topic shares over time, map)."""
        docs = self.topics.documents
        if mask is not None and self._doc_rows is not None:
            chosen_rows = np.append(mask, False)  # row -1 (an id not among the articles) is never chosen
            docs = self._docs[chosen_rows[self._doc_rows]]
        else:
            doc_ids = set(self._ids[mask]) if doc_ids is None else doc_ids
            docs = docs[docs["doc_id"].isin(doc_ids)]
        by = [c for c in ("outlet", "label") if c in docs.columns]
        shares = plot_topic_timeline(timeline(docs, by=by, value="weight", freq=self.freq.value),
                                     facet_col="outlet" if "outlet" in by else None)
        if mask is not None and self._map_rows is not None:
            chosen = self._map[chosen_rows[self._map_rows]]
        else:
            chosen = self._map[self._map["doc_id"].isin(doc_ids)]
        color = self.color.value
        article_map = plot_article_map(chosen, color=color, colors=self.colors if color == "outlet" else None)
        return shares, article_map

    def redraw(self, mask=None):
        """Draw both figures for the chosen articles (``mask``: the panel's choice, computed when None)."""
        try:
            mask = self.panel.mask() if mask is None else mask
            self.shares_figure, self.map_figure = self.draw(mask=np.asarray(mask, dtype=bool))
            self.message.value = ""
        except Exception as e:  # show the problem, keep the explorer usable
            self.shares_figure = self.map_figure = None
            self.message.value = f"Cannot draw this: {e}"
        for out, fig in ((self.shares_out, self.shares_figure), (self.map_out, self.map_figure)):
            out.outputs = () if fig is None else ({"output_type": "display_data", "data": _bundle(fig),
                                                   "metadata": {}},)
        return self.shares_figure, self.map_figure


def _bundle(fig) -> dict:
    # Only plotly's own format: JupyterLab treats widget outputs as untrusted and would pick the
    # HTML version, whose script it strips (as the other explorers do).
    import plotly.io as pio

    return pio.renderers["plotly_mimetype"].to_mimebundle(fig)


def topics_explorer(articles: pd.DataFrame, **kwargs) -> TopicsExplorer:
    """Topic shares over time (by outlet) and the map of the articles, redrawn as you filter.

    Pass ``topics=`` (from :func:`find_topics`) and ``article_map=`` (from :func:`find_article_map`)
    when you have them; otherwise they are found here (``n_topics=``, ``seed=``).

    >>> import warnings
    >>> from corpus_tools import load_sample
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")    # (five articles are far too few for topics: a warning says so)
    ...     explorer = topics_explorer(load_sample(), n_topics=2)
    >>> type(explorer).__name__                # display it in a notebook: the last line of a cell
    'TopicsExplorer'
    """
    return TopicsExplorer(articles, **kwargs)
