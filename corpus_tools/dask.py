"""Corpora larger than memory, on this machine or a cluster, with Dask.

The same functions as the pandas ones, with the same names and arguments, for a Dask
DataFrame of articles: one partition per Parquet file of a corpus saved with
``write_articles(articles, folder, partitioned=True)``. Each partition is worked on
by the pandas function itself, so results equal the pandas path:

* ``read_articles(folder)`` opens the saved corpus lazily (nothing is read yet);
* ``tokenize``, ``add_sentiment`` and ``kwic`` give lazy Dask DataFrames (rows);
  ``.compute()`` them, or :func:`compute` them with a progress bar, when they fit in memory;
* ``count_terms`` and ``timeline`` give pandas tables, counted partition by partition
  and added up.

Work runs on whatever Dask scheduler is active: start a ``dask.distributed.Client``
(``Client(LocalCluster(n_workers=2, threads_per_worker=1))`` for every core of this
machine, ``Client("tcp://scheduler:8786")`` for a cluster whose workers have
corpus_tools installed) and everything runs there; long steps show a progress bar.
Inside a partition corpus_tools uses one core and shows no bar of its own.

>>> import tempfile, corpus_tools as ct
>>> folder = ct.write_articles(ct.load_sample(), tempfile.mkdtemp() + "/corpus", partitioned=True, rows_per_file=2)
>>> articles = read_articles(folder)
>>> articles.npartitions
3
>>> counts = count_terms(articles, by="outlet", progress=False)
>>> list(counts.columns)
['outlet', 'term', 'n', 'share', 'n_docs']
>>> counts.equals(ct.count_terms(ct.tokenize(ct.load_sample(), metadata=["outlet"]), by="outlet"))
True
"""

from __future__ import annotations

import glob
import os
from contextlib import nullcontext
from pathlib import Path

import dask
import dask.dataframe as dd
import pandas as pd

# (corpus_tools.analysis.kwic and corpus_tools.analysis.timeline are also the names of functions: import from the modules)
from .analysis.kwic import kwic as _pandas_kwic
from .analysis.sentiment import add_sentiment as _pandas_add_sentiment
from .analysis.sentiment import check_method
from .analysis.terms import count_terms as _pandas_count_terms
from .analysis.timeline import (
    check_names,
    finish_timeline,
    freq_code,
    period_groups,
)
from .analysis.timeline import timeline as _pandas_timeline
from .core.docstrings import fill_doc
from .core.parallel import as_task
from .core.validation import as_list, require_columns, require_group_columns
from .io.store import (
    MANIFEST,
    dataset_parts,
    decode_table,
    finish_dataset,
    is_dataset,
    json_column_names,
    part_name,
    read_parquet_file,
    start_dataset,
    write_part,
)
from .text.tokens import tokenize as _pandas_tokenize

__all__ = ["read_articles", "write_articles", "tokenize", "count_terms", "add_sentiment", "timeline", "kwic",
           "compute"]


# --- reading and writing -----------------------------------------------------------------------
def _read_part(path, columns=None) -> pd.DataFrame:
    """One part file as pandas, decoded exactly as :func:`corpus_tools.read_articles` decodes it."""
    df = read_parquet_file(path, columns=None if columns is None else list(columns))
    df.attrs = {}
    return df


def _parquet_files(path) -> list[str]:
    if isinstance(path, (list, tuple)):
        return [str(p) for p in path]
    text = os.fspath(path)
    if is_dataset(text):
        return [str(p) for p in dataset_parts(text)[0]]
    if os.path.isdir(text):
        raise FileNotFoundError(f"{text} is not a corpus saved with write_articles(..., partitioned=True): "
                                f"it has no {MANIFEST}.")
    files = sorted(glob.glob(text)) if any(ch in text for ch in "*?[") else [text]
    if not files or not all(os.path.isfile(f) for f in files):
        raise FileNotFoundError(f"No saved corpus at {text!r}.")
    return files


def read_articles(path) -> dd.DataFrame:
    """A saved corpus as a lazy Dask DataFrame of articles: one partition per Parquet file.

    ``path`` is a folder written by ``write_articles(..., partitioned=True)``, or one or
    more ``.parquet`` files written by :func:`corpus_tools.write_articles` (a list or a
    glob). Columns and dtypes are those of :func:`corpus_tools.read_articles`; only the
    columns a computation uses are read. The load report is in the folder's manifest:
    ``corpus_tools.read_articles(folder)`` (pandas) has it in ``attrs``.
    """
    import pyarrow.parquet as pq

    files = _parquet_files(path)
    meta = decode_table(pq.ParquetFile(files[0]).schema_arrow.empty_table())
    meta.attrs = {}
    # Dask would turn every object column into Arrow strings, lists of flags too: the
    # columns stay as the pandas reader gives them.
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_map(_read_part, files, meta=meta, label="read-articles", enforce_metadata=False)


def _write_partition(part: pd.DataFrame, path: str) -> dict:
    columns = json_column_names(part)
    write_part(part, Path(path), json_columns=columns)
    return {"file": Path(path).name, "n_articles": len(part), "json_columns": columns}


@fill_doc
def write_articles(articles: dd.DataFrame, path, *, load_report=None, progress=None) -> Path:
    """Save a Dask DataFrame of articles as a partitioned corpus: one Parquet file per partition.

    The folder reads back with :func:`corpus_tools.read_articles` (pandas, with
    ``load_report`` in ``attrs`` if given) or :func:`read_articles` (Dask). Each
    partition is written by the worker that holds it, so the corpus never has to fit
    in one process: this is how a corpus built with Dask (filtered, replicated,
    cleaned) is saved.

    {params.progress}
    """
    folder = start_dataset(path)
    tasks = [dask.delayed(_write_partition)(part, str(folder / part_name(k)))
             for k, part in enumerate(articles.to_delayed())]
    parts = _compute_list(tasks, desc="Writing articles", progress=progress)
    json_columns = list(dict.fromkeys(c for p in parts for c in p.pop("json_columns")))
    finish_dataset(folder, parts, report=load_report, dtypes=articles.dtypes, json_columns=json_columns)
    return folder


# --- running with a progress bar ------------------------------------------------------------------
def _client():
    """The active ``dask.distributed`` client, or None (then the local scheduler runs)."""
    try:
        from distributed import default_client

        return default_client()
    except (ImportError, ValueError):
        return None


def _show(progress, n_parts: int) -> bool:
    return n_parts > 1 if progress is None else bool(progress)


def _compute_list(tasks: list, *, desc: str, progress=None) -> list:
    """Compute a list of dask objects; the bar moves as each one finishes (tqdm.auto: notebook or terminal)."""
    from tqdm.auto import tqdm

    show = _show(progress, len(tasks))
    client = _client()
    if client is not None:
        from distributed import as_completed

        futures = client.compute(tasks)
        for _ in tqdm(as_completed(futures), total=len(futures), desc=desc, unit="part", disable=not show):
            pass
        return client.gather(futures)
    from tqdm.dask import TqdmCallback

    with TqdmCallback(desc=desc, unit="task") if show else nullcontext():
        return list(dask.compute(*tasks))


def _persist(frame: dd.DataFrame, *, desc: str, progress=None) -> dd.DataFrame:
    """``frame.persist()`` with a progress bar over its partitions."""
    from tqdm.auto import tqdm

    show = _show(progress, frame.npartitions)
    client = _client()
    if client is not None:
        from distributed import as_completed, futures_of

        done = client.persist(frame)
        futures = futures_of(done)
        for _ in tqdm(as_completed(futures), total=len(futures), desc=desc, unit="part", disable=not show):
            pass
        return done
    from tqdm.dask import TqdmCallback

    with TqdmCallback(desc=desc, unit="task") if show else nullcontext():
        return frame.persist()


@fill_doc
def compute(frame: dd.DataFrame, *, desc: str = "Computing", progress=None) -> pd.DataFrame:
    """``frame.compute()`` with a progress bar; the result must fit in memory.

    {params.progress}

    >>> import pandas as pd, dask.dataframe as dd
    >>> compute(dd.from_pandas(pd.DataFrame({"x": [1, 2]}), npartitions=1))["x"].tolist()
    [1, 2]
    """
    return _persist(frame, desc=desc, progress=progress).compute()


def _meta(frame, what: str, function: str) -> pd.DataFrame:
    """The empty pandas frame that stands for ``frame``; a clear error if it is not a Dask DataFrame."""
    if not isinstance(frame, dd.DataFrame):
        raise TypeError(f"corpus_tools.dask.{function} takes a Dask DataFrame ({what}), got {type(frame).__name__}. "
                        f"Use corpus_tools.{function} for a pandas table, or dask.dataframe.from_pandas(table, "
                        "npartitions=...) first.")
    return frame._meta


def _columns(empty: pd.DataFrame, wanted) -> list:
    """The columns of ``wanted`` the table has, once each, in the table's order: all a step reads."""
    wanted = set(wanted)
    return [c for c in empty.columns if c in wanted]


# --- tokens and counts ---------------------------------------------------------------------------
def _tokenize_partition(part: pd.DataFrame, *, text, lowercase, stem, metadata) -> pd.DataFrame:
    with as_task():
        out = _pandas_tokenize(part, text=text, lowercase=lowercase, stem=stem, metadata=metadata, cache=False)
    # Each partition has its own categories: plain strings concatenate across partitions
    # and sort by the words, as the pandas table's sorted categories do.
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype) and not (
            col in part.columns and isinstance(part[col].dtype, pd.CategoricalDtype)
        ):
            out[col] = out[col].astype("str")
    return out


@fill_doc
def tokenize(articles: dd.DataFrame, *, text: str = "text", lowercase: bool = True, stem: bool = False,
             metadata=(), cache=None) -> dd.DataFrame:
    """:func:`corpus_tools.tokenize` for a Dask DataFrame of articles: a lazy tokens table.

    Same rows and values as the pandas function, partition by partition
    (``doc_id, sent_id, position, token`` + ``metadata``). One difference:
    ``token``, ``doc_id`` and text metadata are plain strings (``str``), not
    categoricals, because every partition would have categories of its own.
    ``cache`` is accepted for the same signature; the Dask path never caches.

    {params.text}
    {params.metadata}
    """
    metadata = [metadata] if isinstance(metadata, str) else list(metadata)
    empty = _meta(articles, "articles table", "tokenize")
    require_columns(empty, ["doc_id", text, *metadata], what="articles table")
    kwargs = {"text": text, "lowercase": lowercase, "stem": stem, "metadata": metadata}
    needed = _columns(empty, ["doc_id", text, *metadata])
    meta = _tokenize_partition(empty[needed], **kwargs)
    return articles[needed].map_partitions(_tokenize_partition, **kwargs, meta=meta, enforce_metadata=False,
                                   align_dataframes=False)


def _count_partition(part: pd.DataFrame, *, by, ngram, token_column, text) -> pd.DataFrame:
    # (not "token=": map_partitions keeps that keyword for itself)
    token = token_column
    if token not in part.columns:  # an articles table: tokenize here, nothing kept but the counts
        with as_task():
            part = _pandas_tokenize(part, text=text, metadata=by, cache=False)
        token = "token"
    counts = _pandas_count_terms(part, by=by, ngram=ngram, token=token)
    return counts.drop(columns="share")


@fill_doc
def count_terms(tokens_or_articles: dd.DataFrame, *, by=None, ngram: int = 1, token: str = "token",
                text: str = "text", progress=None) -> pd.DataFrame:
    """:func:`corpus_tools.count_terms` for a Dask DataFrame: the same pandas table.

    Takes a tokens table (from :func:`tokenize`) or an articles table (tokenized
    partition by partition, never held whole). Columns ``[*by], term, n, share, n_docs``,
    sorted by group, then ``n`` (largest first), then term. Each partition is counted,
    the counts are added up on the cluster, and ``share`` is worked out from the sums.
    ``n_docs`` adds up correctly because each article lies in one partition (true of
    corpora read with :func:`read_articles` and their tokens).

    {params.by}
    {params.ngram}
    {params.token}
    {params.text}
    {params.progress}
    """
    by = as_list(by)
    empty = _meta(tokens_or_articles, "tokens or articles table", "count_terms")
    is_tokens = token in empty.columns
    require_columns(empty, ["doc_id", token if is_tokens else text], what="tokens or articles table")
    require_group_columns(empty, by)
    kwargs = {"by": by, "ngram": ngram, "token_column": token, "text": text}
    needed = _columns(empty, ["doc_id", *(["sent_id", token] if is_tokens else [text]), *by])
    meta = _count_partition(empty[needed], **kwargs)
    partial = tokens_or_articles[needed].map_partitions(_count_partition, **kwargs, meta=meta, enforce_metadata=False,
                                                align_dataframes=False)
    partial = _persist(partial, desc="Counting terms", progress=progress)
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
    empty = _meta(frame, "table", "add_sentiment")
    require_columns(empty, [text], what="table")
    method = check_method(empty, method)
    meta = _sentiment_partition(empty, text=text, method=method)
    return frame.map_partitions(_sentiment_partition, text=text, method=method, meta=meta, enforce_metadata=False,
                                align_dataframes=False)


# --- timeline --------------------------------------------------------------------------------------
# Aggregates that add up across partitions: what each partition keeps.
_PARTIAL_AGGS = ("mean", "sum", "count", "min", "max")


def _timeline_partition(part: pd.DataFrame, *, by, value, date, code) -> pd.DataFrame:
    g = period_groups(part, by=by, value=value, date=date, code=code)
    stats = g.size().rename("n").to_frame()
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
    empty = _meta(articles, "articles table", "timeline")
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
    needed = _columns(empty, [date, *by, *([value] if value is not None else [])])
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
    return finish_timeline(stats, by=by, value=value, agg=agg, code=code)


# --- keyword in context -----------------------------------------------------------------------------
@fill_doc
def kwic(articles_or_tokens: dd.DataFrame, pattern: str, *, window: int = 5, regex: bool = False,
         case_sensitive: bool = False, text: str = "text", metadata=("outlet", "date")) -> dd.DataFrame:
    """:func:`corpus_tools.analysis.kwic` for a Dask DataFrame: a lazy table of the same rows.

    ``doc_id, sent_id, position, left, match, right`` + ``metadata``, in the order of
    the articles. Compute it (``.compute()``, :func:`compute`) or look at ``.head()``;
    :func:`corpus_tools.show_kwic` shows the computed table.

    {params.text}
    {params.metadata}
    """
    metadata = [metadata] if isinstance(metadata, str) else list(metadata)
    kwargs = {"window": window, "regex": regex, "case_sensitive": case_sensitive, "text": text,
              "metadata": metadata}
    empty = _meta(articles_or_tokens, "articles or tokens table", "kwic")
    # Only the columns kwic reads are loaded (not raw_text and the rest).
    needed = _columns(empty, ["doc_id", "sent_id", "position", "token", text, *metadata])
    meta = _pandas_kwic(empty[needed], pattern, **kwargs)
    return articles_or_tokens[needed].map_partitions(_pandas_kwic, pattern, **kwargs, meta=meta,
                                                     enforce_metadata=False, align_dataframes=False)
