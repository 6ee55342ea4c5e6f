"""The filter panel every explorer shares: outlet, date range and keyword, each redraw calling the same
public functions a user would.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import pandas as pd

from ..analysis.filters import article_mask

WIDE = w.Layout(width="100%")

STYLE = {"description_width": "110px"}


class FilterPanel(w.VBox):
    """Outlets, date range, keyword, minimum length and flags; ``.value`` is the filtered articles table.

    ``on_change(callback)`` calls ``callback(filtered_articles)`` after every change;
    :meth:`mask` is the same choice as one boolean per article (what the explorers use,
    so that a change costs a few operations on per-article arrays, not a copy of the table).
    """

    def __init__(self, articles: pd.DataFrame):
        self.articles = articles
        # The columns the conditions read, made fast to compare once: outlets as categories,
        # dates parsed. Selecting columns copies no text (copy-on-write).
        lookup = articles[[c for c in ("outlet", "date", "n_words", "flags", "title", "text") if c in articles.columns]]
        if "outlet" in lookup.columns:
            lookup = lookup.assign(outlet=lookup["outlet"].astype("category"))
        if "date" in lookup.columns:
            try:
                lookup = lookup.assign(date=pd.to_datetime(lookup["date"]))
            except (ValueError, TypeError):
                pass  # filtering by date then reports the problem, as filter_articles does
        self._lookup = lookup
        self._keyword_masks: dict = {}
        self._mask_callbacks = []
        outlets = sorted(articles["outlet"].dropna().unique())
        self.outlets = w.SelectMultiple(options=outlets, value=tuple(outlets), rows=min(6, max(2, len(outlets))),
                                        description="Outlets", style=STYLE, layout=WIDE)
        days = sorted(pd.to_datetime(articles["date"]).dropna().dt.normalize().unique()) if "date" in articles else []
        self.dates = None
        rows = [self.outlets]
        self.date_range = None
        if len(days) > 1:
            opts = [(pd.Timestamp(d).strftime("%Y-%m-%d"), pd.Timestamp(d)) for d in days]
            # The slider's own readout is cut off in a narrow panel: the chosen range is a label of its own.
            self.dates = w.SelectionRangeSlider(options=opts, index=(0, len(opts) - 1), description="Dates",
                                                continuous_update=False, readout=False, style=STYLE,
                                                layout=w.Layout(flex="1 1 auto", width="auto"))
            self.date_range = w.Label(layout=w.Layout(flex="0 0 auto", width="auto"))
            self.date_range.add_class("ct-date-range")
            self.dates.observe(self._show_dates, names="value")
            self._show_dates()
            rows.append(w.HBox([self.dates, self.date_range], layout=WIDE))
        self.undated = w.Checkbox(value=True, description="include undated articles", indent=False)
        self.keyword = w.Text(placeholder="a word, a phrase, or a regular expression", description="Keyword",
                              continuous_update=False, style=STYLE, layout=WIDE)
        self.regex = w.Checkbox(value=False, description="regular expression", indent=False)
        longest = int(articles["n_words"].max()) if "n_words" in articles and len(articles) else 0
        self.min_words = w.IntSlider(value=0, min=0, max=max(longest, 1), step=10, description="Min. words",
                                     continuous_update=False, style=STYLE, layout=WIDE)
        flags = sorted({f for fl in articles.get("flags", pd.Series(dtype=object)) if isinstance(fl, list) for f in fl})
        self.exclude = w.SelectMultiple(options=flags, value=(), rows=min(5, max(2, len(flags))),
                                        description="Leave out", style=STYLE, layout=WIDE)
        self.count = w.Label()
        rows += [w.HBox([self.undated, self.regex]), self.keyword, self.min_words]
        if flags:
            rows.append(self.exclude)
        rows.append(self.count)
        super().__init__(rows)
        # CSS classes let a person's stylesheet, or a browser test, find the parts.
        self.add_class("ct-filter-panel")
        self.outlets.add_class("ct-outlets")
        self._callbacks = []
        for control in (self.outlets, self.dates, self.undated, self.keyword, self.regex, self.min_words, self.exclude):
            if control is not None:
                control.observe(self._changed, names="value")
        self._update_count(self.mask())

    def params(self) -> dict:
        """The current choices, as keyword arguments of :func:`filter_articles`."""
        start = end = None
        if self.dates is not None:
            start, end = self.dates.value
        return dict(outlets=list(self.outlets.value), start=start, end=end, include_undated=self.undated.value,
                    keyword=self.keyword.value.strip() or None, regex=self.regex.value, min_words=self.min_words.value,
                    exclude_flags=list(self.exclude.value))

    def mask(self) -> np.ndarray:
        """One boolean per article: True where it passes the current choices (as :func:`filter_articles`)."""
        params = self.params()
        keyword, regex = params.pop("keyword"), params.pop("regex")
        keep = article_mask(self._lookup, **params)
        if keyword:
            # Searching every text is the slow condition: remember the last few answers.
            key = (keyword, regex)
            if key not in self._keyword_masks:
                if len(self._keyword_masks) >= 8:
                    self._keyword_masks.pop(next(iter(self._keyword_masks)))
                self._keyword_masks[key] = article_mask(self.articles, keyword=keyword, regex=regex)
            keep = keep & self._keyword_masks[key]
        return keep

    @property
    def value(self) -> pd.DataFrame:
        return self.articles[self.mask()]

    def on_change(self, callback) -> None:
        self._callbacks.append(callback)

    def _on_mask(self, callback) -> None:
        """``callback(mask)`` after every change (the explorers: no filtered copy of the articles needed)."""
        self._mask_callbacks.append(callback)

    def _show_dates(self, change=None):
        start, end = self.dates.value
        self.date_range.value = f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"

    def _update_count(self, value):
        n = int(np.count_nonzero(value)) if isinstance(value, np.ndarray) else len(value)
        self.count.value = f"{n:,} of {len(self.articles):,} articles selected"

    def _changed(self, change=None):
        try:
            mask = self.mask()
        except Exception as e:  # e.g. a half-typed regular expression
            self.count.value = f"Cannot filter: {e}"
            return
        self._update_count(mask)
        if self._callbacks:
            value = self.articles[mask]
            for cb in self._callbacks:
                cb(value)
        for cb in self._mask_callbacks:
            cb(mask)


