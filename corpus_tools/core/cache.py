"""A disk cache for tables derived from a corpus (sentences, tokens, sentiment).

A cached table is keyed by the *content* of the input (every row's id and text, hashed),
the function, its parameters and the package version, so a changed corpus or changed
parameters never get an old answer. Never by a label the table carries (``DataFrame.attrs``):
pandas keeps those on a filtered table, which would then get the whole table's answer.
Tables are kept as Arrow IPC (Feather) files, lz4-compressed: read back about twice as
fast as Parquet. The cache lives in ``$CORPUS_TOOLS_CACHE`` or ``~/.cache/corpus_tools``;
:func:`clear_cache` empties it.

>>> import pandas as pd
>>> a = pd.DataFrame({"doc_id": ["x"], "text": ["Hello."]})
>>> content_key(a, ["doc_id", "text"], "demo", {"n": 1}) == content_key(a, ["doc_id", "text"], "demo", {"n": 1})
True
>>> content_key(a, ["doc_id", "text"], "demo", {"n": 1}) == content_key(a, ["doc_id", "text"], "demo", {"n": 2})
False
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

# Below this many input rows computing is faster than reading from disk.
MIN_ROWS = 500


def cache_dir() -> Path:
    """Where cached tables are kept: ``$CORPUS_TOOLS_CACHE`` or ``~/.cache/corpus_tools``."""
    env = os.environ.get("CORPUS_TOOLS_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "corpus_tools"


def clear_cache() -> int:
    """Delete every cached table; returns how many files were removed.

    >>> isinstance(clear_cache(), int)
    True
    """
    d = cache_dir()
    if not d.exists():
        return 0
    n = sum(1 for p in d.iterdir() if p.suffix in (".arrow", ".parquet"))
    shutil.rmtree(d, ignore_errors=True)
    return n


def content_key(frame: pd.DataFrame, columns, function: str, params: dict) -> str:
    """A hash of the given columns' values (row by row), the function name, parameters and version."""
    from .resources import code_fingerprint

    h = hashlib.blake2b(digest_size=20)
    h.update(json.dumps([function, code_fingerprint(), params, len(frame)], sort_keys=True, default=str).encode())
    for col in columns:
        h.update(col.encode())
        h.update(_column_bytes(frame[col]))
    return h.hexdigest()


def _column_bytes(values: pd.Series):
    """Bytes that change whenever any value of the column does (its type named with them).

    A categorical column is its codes and its categories: a 2-million-token table is keyed
    in milliseconds, where hashing every row's value takes a few hundred.
    """
    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        categories = pd.util.hash_pandas_object(dtype.categories.to_series(index=None), index=False).to_numpy()
        codes = values.cat.codes.to_numpy()
        return b"".join([f"category {codes.dtype} {len(categories)} {dtype.ordered}|".encode(), categories.tobytes(),
                         np.ascontiguousarray(codes).tobytes()])
    if isinstance(dtype, np.dtype) and dtype.kind in "biufmM":
        return f"{dtype.str}|".encode() + np.ascontiguousarray(values.to_numpy()).tobytes()
    return f"{dtype}|".encode() + pd.util.hash_pandas_object(values, index=False).to_numpy().tobytes()


def cached(frame: pd.DataFrame, columns, function: str, params: dict, compute, *, use=None) -> pd.DataFrame:
    """``compute()``, or its earlier result for the same content and parameters.

    ``use``: None caches inputs of at least :data:`MIN_ROWS` rows; True/False force it.
    A cache that cannot be written (read-only disk) is silently skipped: it only saves time.
    """
    if use is False or (use is None and len(frame) < MIN_ROWS):
        return compute()
    key = content_key(frame, columns, function, params)
    path = cache_dir() / f"{function}-{key}.arrow"
    if path.exists():
        try:
            return read_table(path)
        except Exception:  # a half-written or foreign file: recompute
            path.unlink(missing_ok=True)
    result = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        write_table(result, tmp)
        os.replace(tmp, path)
    except OSError:
        pass
    return result


def write_table(frame: pd.DataFrame, path) -> None:
    """A table as an lz4-compressed Arrow IPC file (its ``attrs`` left out: they may hold tables)."""
    import pyarrow as pa
    import pyarrow.feather as feather

    plain = frame.copy(deep=False)
    plain.attrs = {}
    feather.write_feather(pa.Table.from_pandas(plain, preserve_index=False), path, compression="lz4")


def read_table(path) -> pd.DataFrame:
    """A table written by :func:`write_table`.

    On one thread: a second one saves little on tables this size and costs CPU when the other
    core is busy.
    """
    import pyarrow.feather as feather

    return feather.read_table(path, use_threads=False).to_pandas(use_threads=False)
