"""A disk cache for tables derived from a corpus (sentences, tokens, sentiment).

A cached table is keyed by the *content* of the input (every row's id and text, hashed),
the function, its parameters and the package version, so a changed corpus or changed
parameters never get an old answer. The cache lives in ``$CORPUS_TOOLS_CACHE`` or
``~/.cache/corpus_tools``; :func:`clear_cache` empties it.

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
    n = sum(1 for _ in d.glob("*.parquet"))
    shutil.rmtree(d, ignore_errors=True)
    return n


def content_key(frame: pd.DataFrame, columns, function: str, params: dict) -> str:
    """A hash of the given columns' values (row by row), the function name, parameters and version."""
    from .resources import package_version

    h = hashlib.blake2b(digest_size=20)
    h.update(json.dumps([function, package_version(), params], sort_keys=True, default=str).encode())
    for col in columns:
        values = frame[col]
        h.update(col.encode())
        h.update(pd.util.hash_pandas_object(values, index=False).to_numpy().tobytes())
    return h.hexdigest()


def cached(frame: pd.DataFrame, columns, function: str, params: dict, compute, *, use=None) -> pd.DataFrame:
    """``compute()``, or its earlier result for the same content and parameters.

    ``use``: None caches inputs of at least :data:`MIN_ROWS` rows; True/False force it.
    A cache that cannot be written (read-only disk) is silently skipped: it only saves time.
    """
    if use is False or (use is None and len(frame) < MIN_ROWS):
        return compute()
    key = content_key(frame, columns, function, params)
    path = cache_dir() / f"{function}-{key}.parquet"
    if path.exists():
        try:
            return pd.read_parquet(path)
        except Exception:  # a half-written or foreign file: recompute
            path.unlink(missing_ok=True)
    result = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        plain = result.copy(deep=False)
        plain.attrs = {}  # attrs may hold tables, which pandas cannot write to Parquet metadata
        plain.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    except OSError:
        pass
    return result
