"""The analysis steps on a Dask DataFrame: each partition goes through the pandas function itself."""

from __future__ import annotations

import dask.dataframe as dd
import pandas as pd

# (corpus_tools.analysis.kwic and .timeline are also the names of functions: import from the modules)
from ..analysis.kwic import kwic_rows
from ..analysis.sentiment import add_sentiment as _pandas_add_sentiment
from ..analysis.sentiment import check_method
from ..analysis.terms import count_terms as _pandas_count_terms
from ..analysis.timeline import (
    check_names,
    date_span,
    finish_timeline,
    freq_code,
    period_groups,
)
from ..analysis.timeline import timeline as _pandas_timeline
from ..core.docstrings import fill_doc
from ..core.parallel import as_task
from ..core.validation import as_list, require_columns, require_group_columns
from ..text.search_terms import search_terms
from ..text.stopwords import is_auto
from ..text.tokens import tokenize as _pandas_tokenize
from .computing import compute, meta_of, persist, wanted_columns


# --- tokens and counts ---------------------------------------------------------------------------
def _tokenize_partition(part: pd.DataFrame, *, text, lowercase, stem, metadata) -> pd.DataFrame:
    with as_task():
        out = _pandas_tokenize(part, text=text, lowercase=lowercase, stem=stem, metadata=metadata, cache=False)
    # Each partition has its own categories: plain values (strings, dates) concatenate across partitions
    # and sort by the words, as the pandas table's sorted categories do.
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype) and not (
            col in part.columns and isinstance(part[col].dtype, pd.CategoricalDtype)
        ):
            categories = out[col].cat.categories.dtype
            out[col] = out[col].astype(categories if pd.api.types.is_datetime64_any_dtype(categories) else "str")
    return out


@fill_doc
def tokenize(articles: dd.DataFrame, *, text: str = "text", lowercase: bool = True, stem: bool = False,
             metadata=(), cache=None) -> dd.DataFrame:
    """:func:`corpus_tools.tokenize` for a Dask DataFrame of articles: a lazy tokens table.

    Same rows and values as the pandas function, partition by partition
    (``doc_id, sent_id, position, token`` + ``metadata``). One difference:
    ``token``, ``doc_id`` and text metadata are plain strings (``str``) and dates plain
    dates, not categoricals, because every partition would have categories of its own.
    ``cache`` is accepted for the same signature; the Dask path never caches.

    {params.text}
    {params.metadata}
    """
    metadata = [metadata] if isinstance(metadata, str) else list(metadata)
    empty = meta_of(articles, "articles table", "tokenize")
    require_columns(empty, ["doc_id", text, *metadata], what="articles table")
    kwargs = {"text": text, "lowercase": lowercase, "stem": stem, "metadata": metadata}
    needed = wanted_columns(empty, ["doc_id", text, *metadata])
    meta = _tokenize_partition(empty[needed], **kwargs)
    return articles[needed].map_partitions(_tokenize_partition, **kwargs, meta=meta, enforce_metadata=False,
                                   align_dataframes=False)


def _count_partition(part: pd.DataFrame, *, by, ngram, token_column, text, words_only, stopwords=None,
                     extra=()) -> pd.DataFrame:
    # (not "token=": map_partitions keeps that keyword for itself)
    token = token_column
    if token not in part.columns and ngram != 1:  # n-grams of articles: tokenize here, nothing kept but the counts
        meta = [b for b in by if b != "doc_id"] + (["language"] if "language" in part.columns else [])
        with as_task():
            part = _pandas_tokenize(part, text=text, metadata=list(dict.fromkeys(meta)), cache=False)
        token = "token"
    # (single words of an articles table: the pandas function counts them straight from the texts)
    counts = _pandas_count_terms(part, by=by, ngram=ngram, token=token, text=text, words_only=words_only,
                                 stopwords=stopwords, extra=extra)
    return counts.drop(columns="share")


@fill_doc
def count_terms(tokens_or_articles: dd.DataFrame, *, by=None, ngram: int = 1, token: str = "token",
                text: str = "text", words_only: bool = True, stopwords=None, extra=(), progress=None) -> pd.DataFrame:
    """:func:`corpus_tools.count_terms` for a Dask DataFrame: the same pandas table.

    Takes a tokens table (from :func:`tokenize`) or an articles table (tokenized
    partition by partition, never held whole). Columns ``[*by], term, n, share, n_docs``,
    sorted by group, then ``n`` (largest first), then term. Each partition is counted,
    the counts are added up on the cluster, and ``share`` is worked out from the sums.
    ``n_docs`` adds up correctly because each article lies in one partition (true of
    corpora read with :func:`read_articles` and their tokens). ``stopwords``, ``extra``: as the
    pandas function takes them (``"auto"`` needs a ``language`` column).

    {params.by}
    {params.ngram}
    {params.token}
    {params.text}
    {params.words_only}
    {params.progress}
    """
    by = as_list(by)
    empty = meta_of(tokens_or_articles, "tokens or articles table", "count_terms")
    is_tokens = token in empty.columns
    require_columns(empty, ["doc_id", token if is_tokens else text], what="tokens or articles table")
    require_group_columns(empty, by)
    auto = is_auto(stopwords)
    if auto:
        require_columns(empty, ["language"], what="tokens or articles table (stopwords='auto')")
    kwargs = {"by": by, "ngram": ngram, "token_column": token, "text": text, "words_only": words_only,
              "stopwords": stopwords, "extra": list(extra)}
    needed = wanted_columns(empty, ["doc_id", *(["sent_id", token] if is_tokens else [text]), *by,
                                    *(["language"] if auto else [])])
    meta = _count_partition(empty[needed], **kwargs)
    partial = tokens_or_articles[needed].map_partitions(_count_partition, **kwargs, meta=meta, enforce_metadata=False,
                                                align_dataframes=False)
    partial = persist(partial, desc="Counting terms", progress=progress)
    keys = [*by, "term"]
    # A tree of sums into one partition (the counts of a corpus fit in memory; no shuffle).
    groups = partial.groupby(keys, dropna=False, observed=True, sort=False)
    summed = groups[["n", "n_docs"]].sum(split_every=8, split_out=1)
    out = summed.compute().reset_index()
    del partial
    totals = out.groupby(by, dropna=False, observed=True, sort=False)["n"].transform("sum") if by else out["n"].sum()
    out["share"] = out["n"] / totals
    out = out.sort_values([*by, "n", "term"], ascending=[True] * len(by) + [False, True], kind="stable",
                          na_position="last", ignore_index=True)
    out = out[[*by, "term", "n", "share", "n_docs"]].astype({"n": "int64", "n_docs": "int64"})
    for b in by:  # group values as the pandas function gives them (dtype inferred from the values)
        out[b] = pd.Series(out[b].to_numpy(dtype=object), index=out.index)
    return out


# --- sentiment -----------------------------------------------------------------------------------
def _sentiment_partition(part: pd.DataFrame, *, text, method) -> pd.DataFrame:
    with as_task():
        return _pandas_add_sentiment(part, text=text, method=method, progress=False, cache=False)


@fill_doc
def add_sentiment(frame: dd.DataFrame, *, text: str = "text", method=None, progress=None, cache=None) -> dd.DataFrame:
    """:func:`corpus_tools.add_sentiment` for a Dask DataFrame: lazy, the same scores exactly.

    ``method=None`` chooses as the pandas function does ("sentences" for an articles
    table). Every partition is scored by VADER on one worker core. ``progress`` and
    ``cache`` are accepted for the same signature: progress shows when the result is
    computed (:func:`compute`), and the Dask path never caches.

    {params.text}
    """
    empty = meta_of(frame, "table", "add_sentiment")
    require_columns(empty, [text], what="table")
    method = check_method(empty, method)
    meta = _sentiment_partition(empty, text=text, method=method)
    return frame.map_partitions(_sentiment_partition, text=text, method=method, meta=meta, enforce_metadata=False,
                                align_dataframes=False)


# --- timeline --------------------------------------------------------------------------------------
# Aggregates that add up across partitions: what each partition keeps.
_PARTIAL_AGGS = ("mean", "sum", "count", "min", "max")


def _timeline_partition(part: pd.DataFrame, *, by, value, date, code) -> pd.DataFrame:
    g = period_groups(part, by=by, value=value, date=date, code=code, with_dates=True)
    stats = g.size().rename("n").to_frame()
    stats["__first"], stats["__last"] = g["__date"].min(), g["__date"].max()  # for the chart's partial periods
    if value is not None:
        stats["__sum"] = g["__value"].sum()
        stats["__count"] = g["__value"].count()
        stats["__min"] = g["__value"].min()
        stats["__max"] = g["__value"].max()
    return stats.reset_index()


@fill_doc
def timeline(articles: dd.DataFrame, *, freq="D", by=None, value=None, agg="mean", date: str = "date",
             progress=None) -> pd.DataFrame:
    """:func:`corpus_tools.analysis.timeline` for a Dask DataFrame: the same pandas table.

    Counts (and sums, counts, minima and maxima of ``value``) are taken per partition
    and added up, so ``agg`` "mean", "sum", "count", "min" and "max" never need the
    articles in one place; means can differ from pandas in the last digits (sums added
    in another order). Any other ``agg`` (a median, a function) reads the ``date``,
    ``by`` and ``value`` columns into memory and runs the pandas function on them.

    {params.freq}
    {params.by}
    {params.date}
    {params.progress}
    """
    by = as_list(by)
    empty = meta_of(articles, "articles table", "timeline")
    require_columns(empty, [date, *by, *([value] if value is not None else [])], what="articles table")
    check_names(by, [value] if value is not None else [], ("period", "n", "undated"))
    code = freq_code(freq)
    if value is not None and not pd.api.types.is_numeric_dtype(articles[value].dtype):
        # the pandas function words the error
        return _pandas_timeline(empty, freq=freq, by=by, value=value, agg=agg, date=date)
    if value is not None and agg not in _PARTIAL_AGGS:
        columns = list(dict.fromkeys([date, *by, value]))
        small = compute(articles[columns], desc="Reading dates", progress=progress)
        return _pandas_timeline(small.reset_index(drop=True), freq=freq, by=by, value=value, agg=agg, date=date)
    kwargs = {"by": by, "value": value, "date": date, "code": code}
    needed = wanted_columns(empty, [date, *by, *([value] if value is not None else [])])
    meta = _timeline_partition(empty[needed], **kwargs)
    partial = articles[needed].map_partitions(_timeline_partition, **kwargs, meta=meta, enforce_metadata=False,
                                      align_dataframes=False)
    parts = compute(partial, desc="Counting articles per period", progress=progress)
    g = parts.groupby(by + ["period"], dropna=False, sort=False, observed=True)
    stats = g["n"].sum().to_frame()
    if value is not None:
        if agg == "mean":
            stats[value] = g["__sum"].sum() / g["__count"].sum().where(lambda c: c > 0)
        else:
            stats[value] = {"sum": g["__sum"].sum, "count": g["__count"].sum, "min": g["__min"].min,
                            "max": g["__max"].max}[agg]()
    stats = stats.reset_index()
    out = finish_timeline(stats, by=by, value=value, agg=agg, code=code)
    out.attrs.update(date_span(pd.concat([parts["__first"], parts["__last"]]), code))
    return out


# --- keyword in context -----------------------------------------------------------------------------
@fill_doc
def kwic(articles_or_tokens: dd.DataFrame, pattern, *, window: int = 5, regex: bool = False,
         case_sensitive: bool = False, whole_words: bool = True, variants=False, text: str = "text",
         metadata=("outlet", "date")) -> dd.DataFrame:
    """:func:`corpus_tools.analysis.kwic` for a Dask DataFrame: a lazy table of the same rows.

    ``doc_id, sent_id, position, left, match, right`` + ``metadata``, in the order of
    the articles. Compute it (``.compute()``, :func:`compute`) or look at ``.head()``;
    :func:`corpus_tools.show_kwic` shows the computed table. A plain pattern with regular
    expression characters warns as in pandas; other spellings found in the corpus are not
    looked for here (that would read every partition): pass ``variants=True`` or a list.

    {params.whole_words}
    {params.variants}
    {params.text}
    {params.metadata}
    """
    metadata = [metadata] if isinstance(metadata, str) else list(metadata)
    # The pattern is checked (and its variants added) here, once; each partition then only searches.
    spellings = search_terms(pattern, regex=regex, variants=variants)
    kwargs = {"window": window, "regex": regex, "case_sensitive": case_sensitive, "whole_words": whole_words,
              "text": text, "metadata": metadata}
    empty = meta_of(articles_or_tokens, "articles or tokens table", "kwic")
    # Only the columns kwic reads are loaded (not raw_text and the rest).
    needed = wanted_columns(empty, ["doc_id", "sent_id", "position", "token", text, *metadata])
    meta = kwic_rows(empty[needed], spellings, **kwargs)
    return articles_or_tokens[needed].map_partitions(kwic_rows, spellings, **kwargs, meta=meta,
                                                     enforce_metadata=False, align_dataframes=False)
