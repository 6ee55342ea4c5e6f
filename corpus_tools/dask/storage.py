"""Opening and saving partitioned corpora as Dask DataFrames (one partition per Parquet part)."""

from __future__ import annotations

import glob
import os
from pathlib import Path

import dask
import dask.dataframe as dd
import pandas as pd

from ..core.docstrings import fill_doc
from ..io.store import (
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
from .computing import compute_list


# --- reading and writing -----------------------------------------------------------------------
def read_part(path, columns=None) -> pd.DataFrame:
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
        return dd.from_map(read_part, files, meta=meta, label="read-articles", enforce_metadata=False)


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
    parts = compute_list(tasks, desc="Writing articles", progress=progress)
    json_columns = list(dict.fromkeys(c for p in parts for c in p.pop("json_columns")))
    finish_dataset(folder, parts, report=load_report, dtypes=articles.dtypes, json_columns=json_columns)
    return folder


