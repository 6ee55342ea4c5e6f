"""Interactive explorers for JupyterLab: a filter panel and charts that redraw when it changes.

The widgets only collect choices and call the same public functions you would call by
hand (:func:`filter_articles`, :func:`count_terms`, :func:`keyness`, :func:`kwic`, ...);
no analysis lives here. Text boxes and sliders act when you press Enter or let go, so
typing stays smooth. Widgets need a live kernel: in a notebook exported to HTML they
are replaced by a note, and the notebooks show a chart with its own menu instead.

>>> from corpus_tools import load_sample
>>> panel = FilterPanel(load_sample())
>>> panel.outlets.value = ("TASS",)
>>> panel.value["outlet"].tolist()
['TASS']
"""

from __future__ import annotations

import warnings

import ipywidgets as w
import numpy as np
import pandas as pd

from ..analysis.keyness import SmallCountWarning, keyness
from ..analysis.kwic import kwic
from ..analysis.sentiment import add_sentiment, find_sentences_mentioning
from ..analysis.terms import TermMatrix, ngrams
from ..analysis.timeline import freq_code, term_timeline, timeline
from ..core.docstrings import fill_doc
from ..text.search_terms import PatternWarning
from ..text.sentences import split_sentences
from ..text.stopwords import remove_stopwords
from ..text.tokens import tokenize
from .display import kwic_html
from .filter_panel import STYLE, WIDE, FilterPanel
from .plots import (
    MAX_TEXT_POINTS,
    outlet_colors,
    plot_keyness,
    plot_sentences,
    plot_sentiment,
    plot_timeline,
    plot_top_terms,
)


def _pattern_notes(caught) -> list[str]:
    """The messages of the PatternWarnings among ``caught`` (shown in the explorer); the other warnings go on."""
    for note in caught:
        if not issubclass(note.category, PatternWarning):
            warnings.warn_explicit(note.message, note.category, note.filename, note.lineno)
    return [str(note.message) for note in caught if issubclass(note.category, PatternWarning)]


class _Explorer(w.VBox):
    """A filter panel, some controls and a chart area that is redrawn in place."""

    def __init__(self, articles: pd.DataFrame, controls: list):
        self.panel = FilterPanel(articles)
        # What the charts need of the chosen articles; a filter change selects rows of this.
        self._slim = articles[[c for c in ("doc_id", "outlet", "date") if c in articles.columns]]
        # Colours fixed from all outlets, so an outlet keeps its colour when others are filtered out.
        self.colors = outlet_colors(articles["outlet"])
        self.out = w.Output(layout=w.Layout(min_height="380px"))
        self.message = w.Label()
        self.figure = None
        super().__init__([w.HBox([self.panel, w.VBox(controls, layout=w.Layout(width="45%"))]), self.message, self.out])
        self.add_class(f"ct-{type(self).__name__.lower()}")
        self.panel._on_mask(self.redraw)
        for c in controls:
            c.observe(lambda _: self.redraw(), names="value")

    def _show(self, fig) -> None:
        # Replacing the outputs (not `with out: display(...)`) avoids a known nbclient stall.
        # Only Plotly's own format: JupyterLab treats widget outputs as untrusted and would
        # otherwise pick the HTML version, whose script it strips (a blank chart).
        if fig is None:
            self.out.outputs = ()
            return
        import plotly.io as pio

        bundle = pio.renderers["plotly_mimetype"].to_mimebundle(fig)
        self.out.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)

    def redraw(self, mask=None):
        """Draw the chart for the chosen articles (``mask``: the panel's choice, computed when None).

        ``draw`` gets the chosen rows of ``doc_id, outlet, date``, not the whole articles table.
        """
        try:
            self._mask = self.panel.mask() if mask is None else mask
            with warnings.catch_warnings(record=True) as notes:  # a search term's note is shown above the chart
                warnings.simplefilter("always", PatternWarning)
                self.figure = self.draw(self._slim[self._mask])
            self.message.value = " ".join(_pattern_notes(notes))
        except Exception as e:  # show the problem, keep the explorer usable
            self.figure = None
            self.message.value = f"Cannot draw this: {e}"
        self._show(self.figure)
        return self.figure


class TermsExplorer(_Explorer):
    # The "How many" slider's largest value: each outlet's top rows kept ready for the chart.
    MAX_N = 40

    def __init__(self, articles: pd.DataFrame, *, tokens: pd.DataFrame | None = None, stopwords=None, target=None,
                 words_only: bool = True):
        self.words_only = words_only
        # Whole outlets kept or dropped can reuse per-outlet counts only when the tokens and their
        # outlets come from these articles; tokens passed in are always counted afresh.
        self._whole_outlets_ok = tokens is None
        self.tokens = tokens if tokens is not None else remove_stopwords(
            tokenize(articles, metadata=["outlet"]), stopwords=stopwords)
        self._outlet_sizes = articles["outlet"].value_counts(dropna=False).to_dict()
        self._by_outlet: dict[int, list] = {}
        outlets = sorted(articles["outlet"].dropna().unique())
        self.view = w.Dropdown(options=[("Most frequent words", "top"), ("Most frequent two-word phrases", "bigrams"),
                                        ("Distinctive words of one outlet (keyness)", "keyness")],
                               value="top", description="Show", style=STYLE)
        self.target = w.Dropdown(options=outlets, value=target if target in outlets else (outlets or [None])[0],
                                 description="Outlet", style=STYLE)
        self.n = w.IntSlider(
            value=15, min=5, max=self.MAX_N, description="How many", continuous_update=False, style=STYLE
        )
        self._matrices: dict[int, TermMatrix] = {}
        super().__init__(articles, [self.view, self.target, self.n])
        self.redraw()

    def _matrix(self, ngram: int) -> TermMatrix:
        # Built once per view; each redraw then only sums the chosen articles' rows.
        if ngram not in self._matrices:
            grams = ngrams(self.tokens, ngram=ngram) if ngram > 1 else self.tokens
            self._matrices[ngram] = TermMatrix(grams, by="outlet", words_only=self.words_only)
        return self._matrices[ngram]

    def _outlet_tables(self, ngram: int) -> list:
        """``(outlet, counts, top counts)`` for each outlet over all its articles, in count_terms' order."""
        if ngram not in self._by_outlet:
            full = self._matrix(ngram).count()
            outlets = full["outlet"].to_numpy()
            cuts = np.flatnonzero(np.r_[True, outlets[1:] != outlets[:-1], True]) if len(full) else np.array([0])
            self._by_outlet[ngram] = [
                (outlets[a], full.iloc[a:b], full.iloc[a:min(b, a + self.MAX_N)]) for a, b in zip(cuts[:-1], cuts[1:])]
        return self._by_outlet[ngram]

    def counts(self, articles, *, ngram: int = 1, top: bool = False) -> pd.DataFrame:
        """``count_terms(tokens of these articles, by="outlet")``; ``top``: only each outlet's first MAX_N rows.

        A filter that keeps or drops whole outlets (the outlet filter) puts per-outlet tables
        counted once together, in milliseconds; any other choice counts the chosen articles' rows.
        """
        sizes = articles["outlet"].value_counts(dropna=False)
        whole = self._whole_outlets_ok and not sizes.index.hasnans and len(sizes) > 0 and all(
            self._outlet_sizes.get(o) == k for o, k in sizes.items())
        if whole:
            chosen = set(sizes.index)
            parts = [top_rows if top else rows for o, rows, top_rows in self._outlet_tables(ngram) if o in chosen]
            if parts:
                return pd.concat(parts, ignore_index=True)
        counts = self._matrix(ngram).count(doc_ids=articles["doc_id"])
        return (
            counts.groupby("outlet", sort=False, dropna=False).head(self.MAX_N).reset_index(drop=True)
            if top
            else counts
        )

    def draw(self, articles):
        ngram = 2 if self.view.value == "bigrams" else 1
        counts = self.counts(articles, ngram=ngram, top=self.view.value != "keyness")
        if self.view.value == "keyness":
            if self.target.value not in set(articles["outlet"]):
                raise ValueError(f"the outlet {self.target.value!r} is not among the selected articles")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SmallCountWarning)  # the chart shows low counts pale
                table = keyness(counts, by="outlet", target=self.target.value, words_only=self.words_only)
            return plot_keyness(table, n=self.n.value, target=self.target.value)
        return plot_top_terms(counts, by="outlet", n=self.n.value, colors=self.colors)


class KwicExplorer(w.VBox):
    def __init__(self, articles: pd.DataFrame, pattern: str = "", *, regex: bool = False):
        self.panel = FilterPanel(articles)
        self.pattern = w.Text(value=pattern or "", placeholder="e.g. Kyiv, front line, Kyi*", description="Search",
                              continuous_update=False, style=STYLE, layout=WIDE)
        self.regex = w.Checkbox(value=regex, description="regular expression", indent=False)
        self.window = w.IntSlider(value=6, min=2, max=20, description="Context words", continuous_update=False,
                                  style=STYLE)
        self.out = w.Output()
        self.table = None
        self.articles = articles
        # A search over every article, kept per (pattern, window, regex): a filter change then
        # only picks the chosen articles' rows. Needs one row per doc_id to tell rows apart.
        self._unique_ids = articles["doc_id"].is_unique
        self._position = pd.Series(range(len(articles)), index=articles["doc_id"]) if self._unique_ids else None
        self._searches: dict = {}
        super().__init__([w.HBox([self.panel, w.VBox([self.pattern, self.regex, self.window],
                                                     layout=w.Layout(width="45%"))]), self.out])
        self.panel._on_mask(self.redraw)
        for c in (self.pattern, self.regex, self.window):
            c.observe(lambda _: self.redraw(), names="value")
        self.redraw()

    def search(self, mask) -> pd.DataFrame:
        """``kwic(the chosen articles, ...)`` with the current controls."""
        args = dict(window=self.window.value, regex=self.regex.value)
        if not self._unique_ids:
            return kwic(self.articles[mask], self.pattern.value, **args)
        key = (self.pattern.value, self.window.value, self.regex.value)
        if key not in self._searches:
            if len(self._searches) >= 4:
                self._searches.pop(next(iter(self._searches)))
            table = kwic(self.articles, self.pattern.value, **args)
            self._searches[key] = (table, self._position.reindex(table["doc_id"]).to_numpy())
        table, row_article = self._searches[key]
        chosen = table[mask[row_article]].reset_index(drop=True)
        # No occurrence among the chosen articles: the empty table exactly as kwic makes it.
        return chosen if len(chosen) else kwic(self.articles.iloc[:0], self.pattern.value, **args)

    def redraw(self, mask=None):
        from IPython.display import HTML

        self.out.outputs = ()
        if not self.pattern.value.strip():
            self.table = None
            return None
        try:
            with warnings.catch_warnings(record=True) as notes:  # a search term's note is shown above the table
                warnings.simplefilter("always", PatternWarning)
                self.table = self.search(self.panel.mask() if mask is None else mask)
            for note in _pattern_notes(notes):
                self.out.append_stdout(f"Note: {note}\n")
            self.out.append_display_data(HTML(kwic_html(self.table)))
        except Exception as e:
            self.out.append_display_data(f"Cannot search: {e}")
        return self.table


class SentimentExplorer(_Explorer):
    def __init__(self, articles: pd.DataFrame, *, sentences: pd.DataFrame | None = None):
        self.sentences = sentences if sentences is not None else add_sentiment(
            split_sentences(articles, metadata=["outlet"]))
        self._scores = None  # outlet and score of each sentence, made on first need
        self.view = w.Dropdown(options=[("Scores by outlet", "box"), ("Every sentence", "sentences")], value="box",
                               description="Show", style=STYLE)
        self.term = w.Text(placeholder="only sentences mentioning ... (e.g. Putin)", description="Mentioning",
                           continuous_update=False, style=STYLE, layout=WIDE)
        # Each sentence's article (by row), so that a filter change selects sentences by a mask.
        ids = articles["doc_id"]
        self._sentence_article = (pd.Series(range(len(ids)), index=ids).reindex(self.sentences["doc_id"]).to_numpy()
                                  if ids.is_unique and self.sentences["doc_id"].isin(ids).all() else None)
        super().__init__(articles, [self.view, self.term])
        self.redraw()

    def draw(self, articles):
        term = self.term.value.strip()
        if self._sentence_article is not None and len(self._mask) == len(self._slim):
            keep = self._mask[self._sentence_article]
            if not term and self.view.value == "box" and keep.sum() > MAX_TEXT_POINTS:
                # Boxes of this many scores are drawn from their statistics: the texts are not
                # needed, and selecting two columns is far cheaper than the whole table.
                if self._scores is None:
                    scores = self.sentences[[c for c in ("outlet", "compound") if c in self.sentences.columns]]
                    if "outlet" in scores.columns:  # grouped by codes: several times faster
                        scores = scores.astype({"outlet": "category"})
                    # In order of outlet, then score, once: each redraw then reads every box's numbers in one
                    # pass (a selection of sorted scores stays sorted).
                    keys = [scores["compound"].to_numpy()] + (
                        [scores["outlet"].cat.codes.to_numpy()] if "outlet" in scores.columns else [])
                    order = np.lexsort(keys)
                    self._scores = (scores.iloc[order].reset_index(drop=True), self._sentence_article[order])
                scores, article = self._scores
                return plot_sentiment(scores[self._mask[article]], title="Sentence sentiment by outlet",
                                      colors=self.colors)
            s = self.sentences[keep]
        else:
            s = self.sentences[self.sentences["doc_id"].isin(articles["doc_id"])]
        if term:
            # The same matching as by hand: whole words, any case, "Putin" finds "Putin's".
            s = find_sentences_mentioning(articles, term, sentences=s)
        title = f"Sentence sentiment{' in sentences mentioning ' + term if term else ''}"
        if self.view.value == "sentences":
            return plot_sentences(s, title=title, colors=self.colors)
        return plot_sentiment(s, title=title + " by outlet", colors=self.colors)


@fill_doc
class TimelineExplorer(_Explorer):
    """Articles, or the share of chosen words, over time, redrawn as you filter.

    {params.freq}
        Here the period the chart starts with (the menu changes it).
    """

    def __init__(self, articles: pd.DataFrame, *, tokens: pd.DataFrame | None = None, freq: str = "W"):
        self.tokens = tokens
        self._articles = articles
        self.freq = w.Dropdown(options=[("Day", "D"), ("Week", "W"), ("Month", "M"), ("Year", "Y")],
                               value=freq_code(freq), description="Period", style=STYLE)
        self.by_outlet = w.Checkbox(value=True, description="one line per outlet", indent=False)
        self.terms = w.Text(placeholder="words to follow, e.g. Kyiv, Kiev", description="Words",
                            continuous_update=False, style=STYLE, layout=WIDE)
        super().__init__(articles, [self.freq, self.by_outlet, self.terms])
        self.redraw()

    def draw(self, articles):
        by = "outlet" if self.by_outlet.value else None
        words = [t.strip() for t in self.terms.value.split(",") if t.strip()]
        if not words:
            return plot_timeline(timeline(articles, freq=self.freq.value, by=by), color=by,
                                 title="Articles over time", colors=self.colors)
        if self.tokens is None:
            self.tokens = tokenize(self._articles, metadata=["outlet", "date"])
        tokens = self.tokens[self.tokens["doc_id"].isin(articles["doc_id"])]
        table = term_timeline(tokens, words, freq=self.freq.value, by=by)
        return plot_timeline(table, y="share", color=(["term", by] if by else "term"),
                             title="Share of all words over time: " + ", ".join(words))


def upload_articles(folder="uploaded") -> w.VBox:
    """A button to upload article files (.txt, .csv, .jsonl, .html, ...) into ``folder``.

    Files are saved under their own base name only (no paths), so an upload can never
    write outside ``folder``. Then read them with ``read_articles(folder)``.
    """
    from pathlib import Path

    target = Path(folder)
    picker = w.FileUpload(multiple=True, description="Upload articles")
    status = w.Label(f"Files are saved in {target}/; then set CORPUS = {str(target)!r} and run the next cells.")

    def save(change):
        target.mkdir(parents=True, exist_ok=True)
        names = []
        for item in picker.value:
            name = Path(str(item["name"]).replace("\\", "/")).name
            if not name or name.startswith("."):
                continue
            (target / name).write_bytes(bytes(item["content"]))
            names.append(name)
        status.value = (
            f"Saved {len(names)} file(s) in {target}/: {', '.join(names[:5])}{' ...' if len(names) > 5 else ''}"
        )

    picker.observe(save, names="value")
    return w.VBox([picker, status])


def terms_explorer(articles: pd.DataFrame, **kwargs) -> TermsExplorer:
    """Top words, two-word phrases and distinctive words per outlet, redrawn as you filter.

    ``stopwords=``: the words left out (a table from :func:`stopwords`, e.g. ``stopwords(extra=["said"])``);
    ``target=``: the outlet the keyness view starts with; ``tokens=``: tokens already made;
    ``words_only=False``: numbers and one-letter tokens counted too (left out by default, as in :func:`count_terms`).
    """
    return TermsExplorer(articles, **kwargs)


def kwic_explorer(articles: pd.DataFrame, pattern: str = "", *, regex: bool = False) -> KwicExplorer:
    """Keyword-in-context search over the filtered articles (escaped, aligned table); ``regex=True``: ``pattern``
    is a regular expression (the box can be changed)."""
    return KwicExplorer(articles, pattern, regex=regex)


def sentiment_explorer(articles: pd.DataFrame, **kwargs) -> SentimentExplorer:
    """Sentence sentiment by outlet, optionally only sentences mentioning a word."""
    return SentimentExplorer(articles, **kwargs)


def timeline_explorer(articles: pd.DataFrame, **kwargs) -> TimelineExplorer:
    """Articles, or the share of chosen words, over time; undated articles noted under the chart.

    ``freq=``: the period the chart starts with ("D", "W", "M", "Y"); ``tokens=``: tokens already made.
    """
    return TimelineExplorer(articles, **kwargs)


__all__ = [
    "FilterPanel",
    "upload_articles",
    "kwic_explorer",
    "sentiment_explorer",
    "terms_explorer",
    "timeline_explorer",
]
