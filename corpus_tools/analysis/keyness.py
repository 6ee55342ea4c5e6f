"""Keyness (which words one outlet uses more than the others) and collocations, as tidy tables.

>>> import pandas as pd
>>> counts = pd.DataFrame({"outlet": ["TASS", "TASS", "AP", "AP"], "term": ["kiev", "said", "kyiv", "said"],
...                        "n": [20, 80, 20, 80]})
>>> keyness(counts, by="outlet", target="TASS")[["term", "n_target", "n_reference", "g2"]].round(2).values.tolist()
[['kiev', 20, 0, 29.95], ['said', 80, 80, 0.0], ['kyiv', 0, 20, -29.95]]

Both functions only count and compare. A high score says a difference is unlikely to be
chance *in these texts*; it does not say why it is there, and it says nothing when the
counts are small (``keyness`` warns and marks those rows in ``low_expected``).
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd

from ..core.docstrings import fill_doc
from ..core.validation import as_list, require_columns, require_group_columns
from ..text.patterns import word_terms

KEYNESS_MEASURES = ("g2", "chi2")
KEYNESS_CORRECTIONS = (None, "yates", "williams")
COLLOCATION_MEASURES = ("llr", "pmi")


class SmallCountWarning(UserWarning):
    """Some expected frequencies are too small for the statistic to support a claim.

    >>> small = pd.DataFrame({"outlet": ["A", "B"], "term": ["kiev", "kyiv"], "n": [3, 1]})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     table = keyness(small, by="outlet", target="A")
    >>> issubclass(SmallCountWarning, UserWarning), caught[0].category.__name__, table["low_expected"].tolist()
    (True, 'SmallCountWarning', [True, True])
    """


_erfc = np.vectorize(math.erfc, otypes=[float])


def _p_value(statistic) -> np.ndarray:
    """Upper tail of the chi-square distribution with 1 degree of freedom: erfc(sqrt(x / 2))."""
    x = np.abs(np.asarray(statistic, dtype="float64"))
    return _erfc(np.sqrt(x / 2.0)) if x.size else x.copy()


def _table(o11, o12, o21, o22):
    """Observed and expected frequencies of many 2×2 tables (arrays of shape (4, m))."""
    observed = np.vstack([o11, o12, o21, o22]).astype("float64")
    r1, r2 = observed[0] + observed[1], observed[2] + observed[3]
    c1, c2 = observed[0] + observed[2], observed[1] + observed[3]
    n = r1 + r2
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = np.vstack([r1 * c1, r1 * c2, r2 * c1, r2 * c2]) / n
    return observed, expected, (r1, r2, c1, c2, n)


def _g2(observed, expected) -> np.ndarray:
    """2·Σ O·ln(O/E) over the four cells, with 0·ln 0 = 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        cells = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return np.maximum(2.0 * cells.sum(axis=0), 0.0)


def _chi2(observed, expected, *, yates: bool = False) -> np.ndarray:
    """Σ (|O − E| − c)² / E over the four cells, c = 0.5 with Yates' correction (never below 0)."""
    diff = np.abs(observed - expected)
    if yates:
        diff = np.maximum(diff - 0.5, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        cells = np.where(expected > 0, diff ** 2 / expected, 0.0)
    return cells.sum(axis=0)


def _signed(statistic, observed, expected) -> np.ndarray:
    """Positive where the first cell is above its expected frequency, negative where below."""
    return np.where(observed[0] < expected[0], -statistic, statistic)


def _show_values(values) -> str:
    values = sorted(values, key=str)
    shown = ", ".join(map(repr, values[:30]))
    return shown + (f" ... and {len(values) - 30} more" if len(values) > 30 else "")


def _target_mask(frame: pd.DataFrame, by: list[str], target) -> np.ndarray:
    """Which rows belong to the target group(s); a clear error for values that are not there."""
    if len(by) == 1:
        keys = frame[by[0]]
        targets = [target] if isinstance(target, (str, bytes)) or not pd.api.types.is_list_like(target) \
            else list(target)
        present = list(pd.unique(keys.dropna()))
        mask = keys.isin(targets).to_numpy()
    else:
        keys = pd.MultiIndex.from_frame(frame[by])
        if isinstance(target, tuple):
            targets = [target]
        elif pd.api.types.is_list_like(target) and not isinstance(target, str) \
                and all(isinstance(t, tuple) for t in target):
            targets = list(target)
        else:
            raise ValueError(f"With several by columns {by}, give target as a tuple with one value per column, "
                             f"e.g. target={tuple(frame[by].iloc[0]) if len(frame) else ('TASS', 2023)!r}, "
                             "or a list of such tuples.")
        present = list(keys.unique())
        mask = np.asarray(keys.isin(targets))
    if not targets:
        raise ValueError(f"target is empty: name the value(s) of {by} to compare with the rest.")
    missing = [t for t in targets if t not in set(present)]
    if missing:
        raise ValueError(
            f"target {_show_values(missing)} is not a value of {by[0] if len(by) == 1 else by} in this table. "
            f"The values present are: {_show_values(present) or 'none'}."
        )
    if mask.all():
        raise ValueError(
            f"Every row belongs to the target {_show_values(targets)}: there is nothing left to compare with. "
            f"Keep at least one other value of {by[0] if len(by) == 1 else by} in the table."
        )
    return mask


@fill_doc
def keyness(
    tokens_or_counts: pd.DataFrame,
    *,
    by,
    target,
    measure: str = "g2",
    correction: str | None = None,
    min_expected: float = 5,
    token: str = "token",
    words_only: bool = True,
) -> pd.DataFrame:
    """Words the ``target`` group uses more (or less) than all the other groups together.

    Input: a tokens table with a ``by`` column (``tokenize(articles, metadata=["outlet"])``)
    or a counts table from :func:`corpus_tools.analysis.terms.count_terms` (``[*by], term, n, ...``).
    ``target`` is a value of the ``by`` column (``"TASS"``) or a list of values
    (``["TASS", "RIA"]``); with several ``by`` columns, a tuple or a list of tuples.
    Every other row, including rows whose ``by`` value is missing, is the reference.

    Returns one row per term used by the target or the reference, with columns
    ``term, n_target, n_reference, expected_target, g2 (or chi2), p, log_ratio, low_expected``,
    sorted by the signed statistic, largest first (ties by term).

    For each term, a 2×2 table: a = the term in the target, b = the term in the reference,
    c = all other tokens of the target, d = all other tokens of the reference; N = a+b+c+d,
    expected E = row total × column total / N (``expected_target`` = (a+b)·(a+c)/N).

    - ``measure="g2"`` (default): log-likelihood G² = 2·Σ O·ln(O/E) over the four cells,
      with 0·ln 0 = 0 (Dunning 1993; Rayson & Garside 2000).
    - ``measure="chi2"``: Pearson's χ² = Σ (O − E)²/E.
    - ``correction=None`` (default): no correction. ``"yates"`` (χ² only): Yates' continuity
      correction Σ (max(|O − E| − 0.5, 0))²/E, as in ``scipy.stats.chi2_contingency``.
      ``"williams"`` (G² only): G²/q with Williams' q for a 2×2 table (Sokal & Rohlf,
      *Biometry*): q = 1 + (N/(a+b) + N/(c+d) − 1)·(N/(a+c) + N/(b+d) − 1) / (6N).
    - The statistic is signed: positive where the target uses the term more than
      expected, negative where less. ``p`` is the chi-square upper tail with 1 degree of
      freedom of its size, erfc(√(|x|/2)).
    - ``log_ratio`` (Hardie 2014): log2((a / size of target) / (b / size of reference)),
      where a zero count a or b is replaced by 0.5. +1 means twice as frequent in the target.
    - ``low_expected`` is True when any of the four expected frequencies is below
      ``min_expected``; a warning (:class:`SmallCountWarning`) says how many rows that is.
      Those counts are too small to support a claim, whatever ``p`` says. Pass
      ``min_expected=0`` to switch the check off.

    Each group's size is its number of tokens (from a counts table: the sum of ``n``, so
    pass all the counts, not a top-20 excerpt), numbers and one-letter tokens left out
    unless ``words_only=False``; remove stop words (or not) before, the same way for all groups.

    {params.token}
    {params.words_only}

    >>> toks = pd.DataFrame({"outlet": ["TASS"] * 3 + ["AP"] * 3,
    ...                      "token": ["kiev", "kiev", "said", "kyiv", "kyiv", "said"]})
    >>> table = keyness(toks, by="outlet", target="TASS", min_expected=0)
    >>> table[["term", "n_target", "n_reference", "log_ratio"]].values.tolist()
    [['kiev', 2, 0, 2.0], ['said', 1, 1, 0.0], ['kyiv', 0, 2, -2.0]]
    """
    frame = tokens_or_counts
    by = as_list(by)
    if not by:
        raise ValueError("keyness compares groups: name the column that holds them and the target group, "
                         "e.g. keyness(tokens, by='outlet', target='TASS').")
    if measure not in KEYNESS_MEASURES:
        raise ValueError(
            f"measure={measure!r} is not known: use 'g2' (log-likelihood) or 'chi2' (Pearson's chi-square)."
        )
    if correction not in KEYNESS_CORRECTIONS:
        raise ValueError(
            f"correction={correction!r} is not known: use None, 'yates' (for chi2) or 'williams' (for g2)."
        )
    if correction == "yates" and measure != "chi2":
        raise ValueError("Yates' correction is for measure='chi2'; for the log-likelihood use correction='williams'.")
    if correction == "williams" and measure != "g2":
        raise ValueError("Williams' correction is for measure='g2'; for chi-square use correction='yates'.")

    require_columns(frame, [], what="tokens or counts table")
    if token in frame.columns:
        require_group_columns(frame, by)
        terms, weights = frame[token], None
    elif "term" in frame.columns and "n" in frame.columns:
        missing = [b for b in by if b not in frame.columns]
        if missing:
            raise KeyError(f"The counts table has no column {', '.join(map(repr, missing))}: count the terms by it, "
                           f"count_terms(tokens, by={by!r}). Its columns are: {', '.join(map(str, frame.columns))}.")
        terms, weights = frame["term"], frame["n"]
    else:
        raise KeyError(
            f"keyness needs a tokens table (a column {token!r}, from tokenize(articles, metadata={by!r})) or a counts "
            f"table (columns 'term' and 'n', from count_terms(tokens, by={by!r})). "
            f"Its columns are: {', '.join(map(str, frame.columns)) or 'none'}."
        )
    in_target = _target_mask(frame, by, target)

    codes, uniques = pd.factorize(terms)
    wanted = word_terms(uniques) if words_only else np.ones(len(uniques), dtype=bool)
    known = np.append(wanted, False)[codes]  # code -1 (a missing term): False
    vocabulary = len(uniques)
    if weights is None:
        n_t = np.bincount(codes[known & in_target], minlength=vocabulary)
        n_r = np.bincount(codes[known & ~in_target], minlength=vocabulary)
    else:
        w = weights.to_numpy(dtype="float64", na_value=0.0)
        if (w < 0).any():
            raise ValueError("The counts table has negative counts in column 'n'.")
        n_t = np.bincount(codes[known & in_target], weights=w[known & in_target], minlength=vocabulary)
        n_r = np.bincount(codes[known & ~in_target], weights=w[known & ~in_target], minlength=vocabulary)
        if pd.api.types.is_integer_dtype(weights.dtype):
            n_t, n_r = n_t.astype("int64"), n_r.astype("int64")
    size_t, size_r = n_t.sum(), n_r.sum()
    if size_t == 0 or size_r == 0:
        which = "target" if size_t == 0 else "reference"
        raise ValueError(f"The {which} has no tokens at all, so there is nothing to compare.")

    keep = (n_t + n_r) > 0
    n_t, n_r = n_t[keep], n_r[keep]
    observed, expected, (r1, r2, c1, c2, n) = _table(n_t, n_r, size_t - n_t, size_r - n_r)
    if measure == "g2":
        stat = _g2(observed, expected)
        if correction == "williams":
            q = 1.0 + (n / r1 + n / r2 - 1.0) * (n / c1 + n / c2 - 1.0) / (6.0 * n)
            stat = stat / q
    else:
        stat = _chi2(observed, expected, yates=correction == "yates")
    signed = _signed(stat, observed, expected)
    freq_t = np.where(n_t > 0, n_t, 0.5) / size_t
    freq_r = np.where(n_r > 0, n_r, 0.5) / size_r
    low = expected.min(axis=0) < (min_expected or 0)

    out = pd.DataFrame({
        "term": pd.Series(np.asarray(uniques, dtype=object)[keep]).astype("str"),
        "n_target": n_t,
        "n_reference": n_r,
        "expected_target": expected[0],
        measure: signed,
        "p": _p_value(stat),
        "log_ratio": np.log2(freq_t / freq_r),
        "low_expected": low,
    })
    out = out.sort_values([measure, "term"], ascending=[False, True], ignore_index=True)
    if low.any():
        example = out.loc[out["low_expected"], "term"].iloc[0]
        warnings.warn(
            f"{int(low.sum()):,} of {len(out):,} terms (e.g. {example!r}) have an expected frequency below "
            f"{min_expected} in their 2×2 table: their counts are too small to support a claim, whatever the "
            f"statistic or p says. They are marked in the column low_expected; keep the others with "
            f"result[~result['low_expected']].",
            SmallCountWarning,
            stacklevel=2,
        )
    return out


@fill_doc
def collocations(
    tokens: pd.DataFrame,
    *,
    window: int = 2,
    measure: str = "llr",
    min_count: int = 3,
    token: str = "token",
    by=None,
) -> pd.DataFrame:
    """Word pairs that occur near each other more often than chance: ``[*by], term1, term2, n, score``.

    How pairs are counted: inside one sentence (same ``doc_id`` and ``sent_id``), each
    token is paired with every later token at most ``window`` positions after it
    (1 ≤ position2 − position1 ≤ window, using the ``position`` column). Pairs are
    ordered, term1 before term2, so "new york" and "york new" are different pairs; each
    pair of tokens is counted once; ``n`` is the number of such pairs. Because positions
    are those of the running text, words removed before (stop words) still count as
    distance: with ``window=2``, "bank of england" without "of" pairs bank with england.

    Scores come from the 2×2 table of all counted pairs (of the group, with ``by``):
    O11 = n(term1, term2), O12 = pairs with term1 first and another second word,
    O21 = pairs with another first word and term2 second, O22 = the rest; N = all pairs.

    - ``measure="llr"`` (default): Dunning's log-likelihood G² = 2·Σ O·ln(O/E) on that
      table (0·ln 0 = 0), signed: negative where the pair is rarer than expected.
    - ``measure="pmi"``: log2(p(term1, term2) / (p(term1)·p(term2))) = log2(O11·N / (R1·C1)),
      with p(term1) the share of pairs with term1 first and p(term2) the share with term2
      second. PMI favours rare pairs: keep ``min_count`` at 3 or more.

    Pairs seen fewer than ``min_count`` times are dropped (after the table is built).
    Rows are sorted by group, then score (largest first), then ``n``, then the words.

    {params.by}
    {params.token}

    >>> toks = pd.DataFrame({"doc_id": ["a"] * 5, "sent_id": [0, 0, 0, 1, 1], "position": [0, 1, 2, 3, 4],
    ...                      "token": ["new", "york", "times", "new", "york"]})
    >>> collocations(toks, window=1, measure="pmi", min_count=1).round(3).values.tolist()
    [['york', 'times', 1, 1.585], ['new', 'york', 2, 0.585]]
    """
    by = as_list(by)
    require_columns(tokens, ["doc_id", "sent_id", "position", token], what="tokens table")
    require_group_columns(tokens, by)
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 1:
        raise ValueError(f"window={window!r}: give a whole number of tokens, 1 or more (1 = neighbours only).")
    if measure not in COLLOCATION_MEASURES:
        raise ValueError(
            f"measure={measure!r} is not known: use 'llr' (log-likelihood) or 'pmi' (pointwise mutual information)."
        )

    t = tokens[tokens[token].notna()]
    doc = pd.factorize(t["doc_id"])[0]
    pos = t["position"].to_numpy()
    order = np.lexsort((pos, doc))
    doc, pos = doc[order], pos[order]
    sent = t["sent_id"].to_numpy()[order]
    if len(pos) > 1 and ((doc[1:] == doc[:-1]) & (pos[1:] == pos[:-1])).any():
        raise ValueError("Two tokens of the same article have the same position: is the table a concatenation "
                         "of tables with the same doc_id? Give each article its own doc_id.")
    words, vocab = pd.factorize(t[token].to_numpy()[order])
    group = (t.groupby(by, sort=False, dropna=False).ngroup().to_numpy()[order] if by
             else np.zeros(len(t), dtype="int64"))

    firsts, seconds, groups = [], [], []
    m = len(t)
    for k in range(1, min(window, m - 1) + 1):
        i = np.arange(m - k)
        j = i + k
        ok = (doc[i] == doc[j]) & (sent[i] == sent[j]) & (pos[j] - pos[i] <= window) & (group[i] == group[j])
        if not ok.any():
            break  # rows further apart are further apart in the text too
        firsts.append(words[i[ok]])
        seconds.append(words[j[ok]])
        groups.append(group[i[ok]])
    empty = np.array([], dtype="int64")
    pairs = pd.DataFrame({
        "g": np.concatenate(groups) if groups else empty,
        "x": np.concatenate(firsts) if firsts else empty,
        "y": np.concatenate(seconds) if seconds else empty,
    })
    counted = pairs.groupby(["g", "x", "y"], sort=False).size().rename("n").reset_index()
    o11 = counted["n"].to_numpy(dtype="float64")
    r1 = counted.groupby(["g", "x"], sort=False)["n"].transform("sum").to_numpy(dtype="float64")
    c1 = counted.groupby(["g", "y"], sort=False)["n"].transform("sum").to_numpy(dtype="float64")
    total = counted.groupby("g", sort=False)["n"].transform("sum").to_numpy(dtype="float64")
    if measure == "llr":
        observed, expected, _ = _table(o11, r1 - o11, c1 - o11, total - r1 - c1 + o11)
        score = _signed(_g2(observed, expected), observed, expected)
    else:
        score = np.log2(o11 * total / (r1 * c1)) if len(o11) else o11

    out = pd.DataFrame({
        "term1": pd.Series(np.asarray(vocab, dtype=object)[counted["x"].to_numpy()]).astype("str"),
        "term2": pd.Series(np.asarray(vocab, dtype=object)[counted["y"].to_numpy()]).astype("str"),
        "n": counted["n"].to_numpy(dtype="int64"),
        "score": np.asarray(score, dtype="float64"),
    })
    if by:
        # The group of each pair: the by-values of any row of that group.
        first_row = pd.Series(np.arange(len(group)), dtype="int64").groupby(group).first()
        rows = np.asarray(order)[first_row.loc[counted["g"].to_numpy()].to_numpy()] if len(counted) else empty
        for b in reversed(by):
            out.insert(0, b, t[b].to_numpy()[rows] if len(rows) else t[b].iloc[:0].to_numpy())
    out = out[out["n"] >= min_count]
    return out.sort_values([*by, "score", "n", "term1", "term2"],
                           ascending=[True] * len(by) + [False, False, True, True], ignore_index=True)


def keyness_all(tokens_or_counts: pd.DataFrame, *, by, **kwargs) -> pd.DataFrame:
    """:func:`keyness` of every group against all the others, stacked: ``target`` + keyness columns.

    One warning at most for small counts (see the ``low_expected`` column).

    >>> counts = pd.DataFrame({"outlet": ["TASS", "TASS", "AP", "AP"], "term": ["kiev", "said", "kyiv", "said"],
    ...                        "n": [20, 80, 20, 80]})
    >>> keyness_all(counts, by="outlet")[["target", "term"]].head(2).values.tolist()
    [['AP', 'kyiv'], ['AP', 'said']]
    """
    groups = as_list(by)
    require_columns(tokens_or_counts, groups, what="table")
    values = sorted(tokens_or_counts[groups[0]].dropna().unique()) if len(groups) == 1 else \
        sorted(tokens_or_counts[groups].dropna().drop_duplicates().itertuples(index=False, name=None))
    tables = []
    n_low = 0
    if len(values) < 2:
        warnings.warn(f"Keyness compares a group with the others, but {by!r} has {len(values)} value(s) here: "
                      "nothing to compare (give the articles an outlet, e.g. with a metadata file).", stacklevel=2)
        values = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallCountWarning)
        for v in values:
            t = keyness(tokens_or_counts, by=by, target=v, **kwargs)
            n_low += int(t["low_expected"].sum())
            tables.append(t.assign(target=" / ".join(map(str, v)) if isinstance(v, tuple) else v))
    if n_low and kwargs.get("min_expected", 5):
        warnings.warn(f"{n_low} rows have expected frequencies too small to support a claim; "
                      "they are marked in the column low_expected.", SmallCountWarning, stacklevel=2)
    out = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=["target"])
    return out[["target", *[c for c in out.columns if c != "target"]]]
