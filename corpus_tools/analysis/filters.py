"""Choosing articles: by outlet, date range, keyword, length and quality flags.

The notebook filter panel calls :func:`filter_articles`; so can you, with the same result.

>>> from corpus_tools import load_sample
>>> a = load_sample()
>>> filter_articles(a, outlets=["TASS", "AP"])["outlet"].tolist()
['TASS', 'AP']
>>> filter_articles(a, keyword="Kiev")["doc_id"].tolist()
['003_8a265002178ab370']
>>> len(filter_articles(a, start="2023-11-01", end="2023-11-30", include_undated=False))
3
"""

from __future__ import annotations

import inspect

import numpy as np
import pandas as pd

from ..core.validation import require_columns
from ..text.search_terms import search_terms, text_pattern


def article_mask(
    articles: pd.DataFrame,
    *,
    outlets=None,
    start=None,
    end=None,
    include_undated: bool = True,
    keyword=None,
    regex: bool = False,
    min_words: int = 0,
    exclude_flags=(),
) -> np.ndarray:
    """One boolean per row of ``articles``: True where it passes every condition of :func:`filter_articles`."""
    require_columns(articles, ["text"], what="articles table")
    keep = np.ones(len(articles), dtype=bool)
    if outlets is not None:
        require_columns(articles, ["outlet"], what="articles table")
        keep &= articles["outlet"].isin(list(outlets)).to_numpy()
    if start is not None or end is not None:
        require_columns(articles, ["date"], what="articles table")
        dates = pd.to_datetime(articles["date"])
        in_range = pd.Series(True, index=articles.index)
        if start is not None:
            in_range &= dates >= pd.Timestamp(start)
        if end is not None:
            # An end date means the whole of that day.
            in_range &= dates < pd.Timestamp(end) + pd.Timedelta(days=1)
        keep &= (in_range | (dates.isna() & include_undated)).to_numpy()
    elif not include_undated and "date" in articles.columns:
        keep &= articles["date"].notna().to_numpy()
    if keyword and (not isinstance(keyword, str) or keyword.strip()):
        pattern = text_pattern(search_terms(keyword, regex=regex), regex=regex)  # whole words, any case
        text = articles["text"].fillna("")
        if "title" in articles.columns:
            text = articles["title"].fillna("") + "\n" + text
        keep &= text.str.contains(pattern, regex=True).to_numpy()
    if min_words:
        words = (
            articles["n_words"] if "n_words" in articles.columns else articles["text"].fillna("").str.split().str.len()
        )
        keep &= (words >= min_words).to_numpy()
    if exclude_flags:
        require_columns(articles, ["flags"], what="articles table")
        bad = set(exclude_flags)
        keep &= np.array([not (bad & set(f if isinstance(f, list) else [])) for f in articles["flags"]], dtype=bool)
    return keep


def filter_articles(articles: pd.DataFrame, **conditions) -> pd.DataFrame:
    """The articles that pass every given condition (the input is not changed).

    ``outlets``: keep these outlets (None keeps all). ``start``/``end``: dates, inclusive;
    undated articles are kept unless ``include_undated=False``. ``keyword``: a word or
    phrase found (case-insensitive, whole words) in the title or text, or a list of
    spellings (``["Kyiv", "Kiev"]``: any of them); ``regex=True`` takes a regular expression,
    also matched as whole words ("Kiev|Kyiv" does not keep an article only for "Kievan").
    ``min_words``: shortest text kept. ``exclude_flags``:
    drop articles carrying any of these flags (e.g. ``["duplicate"]``).

    :func:`article_mask` gives the same choice as one boolean per row (no table is copied).

    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["AP", "TASS", "AP"],
    ...                      "text": ["Aid to Kyiv.", "Kiev said no.", "Rain."]})
    >>> filter_articles(arts, keyword="kyiv")["doc_id"].tolist()  # whole words, any case: not "Kiev"
    ['a']
    >>> filter_articles(arts, keyword=["kyiv", "kiev"])["doc_id"].tolist()
    ['a', 'b']
    >>> filter_articles(arts, outlets=["AP"], min_words=2)["doc_id"].tolist()
    ['a']
    """
    return articles[article_mask(articles, **conditions)]


# The conditions are article_mask's: one list, shown by help() and editors for both.
filter_articles.__signature__ = inspect.signature(article_mask).replace(return_annotation=pd.DataFrame)
