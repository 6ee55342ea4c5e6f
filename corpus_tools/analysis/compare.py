"""Two groups side by side: every term's rate in each, and how distinctive it is (the table of a scattertext chart).

>>> counts = pd.DataFrame({"outlet": ["AP", "AP", "TASS", "TASS"], "term": ["kyiv", "said", "kiev", "said"],
...                        "n": [20, 80, 20, 80]})
>>> compare_terms(counts, x="TASS", y="AP")[["term", "n_x", "n_y", "rank_x", "rank_y"]].values.tolist()
[['kiev', 20, 0, 0.5, 0.0], ['said', 80, 80, 1.0, 1.0], ['kyiv', 0, 20, 0.0, 0.5]]
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..core.docstrings import fill_doc
from ..core.validation import as_list, require_columns, require_group_columns
from .keyness import SmallCountWarning, keyness
from .terms import count_terms

# The y group of "one against the rest".
REST = "all others"
COMPARE_COLUMNS = ["x", "y", "term", "n_x", "n_y", "rate_x", "rate_y", "rank_x", "rank_y", "g2", "log_ratio",
                   "low_expected"]


@fill_doc
def compare_terms(tokens_or_counts: pd.DataFrame, *, by: str = "outlet", x=None, y=None,
                  token: str = "token", words_only: bool = True) -> pd.DataFrame:
    """Each term's rate in group ``x`` and in group ``y``: one row per (x, y, term).

    Columns: ``x, y, term, n_x, n_y, rate_x, rate_y, rank_x, rank_y, g2, log_ratio, low_expected``.
    ``n_*`` are the term's counts in each group, ``rate_*`` per 1,000 words of the group,
    ``rank_*`` its frequency's dense rank scaled to 0–1 (0: unused, 1: the group's most
    frequent; scattertext's rank scale); ``g2``, ``log_ratio`` and ``low_expected`` are
    :func:`keyness` with ``x`` as the target (positive: used more by ``x``). Rows of a pair
    are sorted by ``g2``, largest first. One :class:`SmallCountWarning` at most for counts too
    small to support a claim (marked in ``low_expected``).

    Input: a tokens table with the ``by`` column, or a counts table (``[by], term, n``, e.g.
    ``count_terms(tokens, by="outlet")``, or counts made elsewhere). Pairs: ``x`` and ``y``
    given: that pair; ``x`` only: ``x`` against all the other groups (``y`` = "all others");
    neither: the two groups, or with more than two, each group against all the others. With
    fewer than two groups, a warning and no rows.

    {params.by}
        Here one column: its values are the groups compared.
    {params.token}
    {params.words_only}

    >>> toks = pd.DataFrame({"doc_id": list("aaabbbcc"), "outlet": ["TASS"] * 3 + ["AP"] * 3 + ["RT"] * 2,
    ...                      "token": ["kiev", "kiev", "said", "kyiv", "kyiv", "said", "kiev", "said"]})
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")    # (eight words: a SmallCountWarning says the counts are too small)
    ...     table = compare_terms(toks)
    >>> sorted(set(zip(table["x"], table["y"])))
    [('AP', 'all others'), ('RT', 'all others'), ('TASS', 'all others')]
    """
    groups = as_list(by)
    if len(groups) != 1:
        raise ValueError(f"compare_terms compares the groups of one column: by={by!r}. Give one, e.g. by='outlet'.")
    by = groups[0]
    frame = tokens_or_counts
    if token in frame.columns:
        require_group_columns(frame, [by])
        counts = count_terms(frame, by=by, token=token, words_only=words_only)
    else:
        require_columns(frame, [by, "term", "n"], what="counts table")
        counts = frame
    values = sorted(counts[by].dropna().astype(str).unique())
    if len(values) < 2:
        warnings.warn(f"compare_terms compares groups, but {by!r} has {len(values)} value(s) here: nothing to compare "
                      "(give the articles an outlet, e.g. with a metadata file).", stacklevel=2)
        return pd.DataFrame({c: pd.Series([], dtype="str" if c in ("x", "y", "term") else "bool" if c ==
                                          "low_expected" else "float64") for c in COMPARE_COLUMNS})
    for v in (x, y):
        if v is not None and v != REST and v not in values:
            raise ValueError(f"{v!r} is not a value of {by!r}. Its values are: {', '.join(map(repr, values[:30]))}.")
    if y is not None and x is None:
        raise ValueError("Give x with y (compare_terms(counts, x='TASS', y='AP')), or x alone (against the rest).")
    if x is not None:
        pairs = [(x, REST if y is None else y)]
    elif len(values) == 2:
        pairs = [(values[0], values[1])]
    else:
        pairs = [(v, REST) for v in values]
    tables, n_low = [], 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallCountWarning)
        for a, b in pairs:
            sub = counts if b == REST else counts[counts[by].astype(str).isin([a, b])]
            k = keyness(sub.assign(**{by: sub[by].astype(str)}), by=by, target=a, words_only=words_only)
            n_low += int(k["low_expected"].sum())
            tables.append(_pair(k, a, b))
    if n_low:
        warnings.warn(f"{n_low:,} rows have expected frequencies too small to support a claim; they are marked in the "
                      "column low_expected.", SmallCountWarning, stacklevel=2)
    return pd.concat(tables, ignore_index=True)


def _dense_rank(n: np.ndarray) -> np.ndarray:
    """0 for the smallest count, 1 for the largest, equal steps between the distinct counts between."""
    levels, rank = np.unique(n, return_inverse=True)
    return rank / (len(levels) - 1) if len(levels) > 1 else np.zeros(len(n))


def _pair(k: pd.DataFrame, a, b) -> pd.DataFrame:
    n_x, n_y = k["n_target"].to_numpy(), k["n_reference"].to_numpy()
    out = pd.DataFrame({
        "x": pd.Series([a] * len(k), dtype="str"), "y": pd.Series([b] * len(k), dtype="str"), "term": k["term"],
        "n_x": n_x, "n_y": n_y,
        "rate_x": 1000.0 * n_x / max(n_x.sum(), 1), "rate_y": 1000.0 * n_y / max(n_y.sum(), 1),
        "rank_x": _dense_rank(n_x), "rank_y": _dense_rank(n_y),
        "g2": k["g2"], "log_ratio": k["log_ratio"], "low_expected": k["low_expected"],
    })
    return out[COMPARE_COLUMNS]
