"""Length, vocabulary and readability of each article, as columns of the articles table.

>>> import pandas as pd
>>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["The dog barked. The dog ran away."]})
>>> stats = add_text_stats(arts)
>>> stats[["n_words", "n_sentences"]].values.tolist(), stats["ttr"].round(3).tolist()
([[7, 2]], [0.714])
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

import numpy as np
import pandas as pd

from ..core.docstrings import fill_doc
from ..core.progress import progress_bar
from ..core.validation import require_columns
from ..io.word_counts import n_words as _count_words
from ..text.patterns import TOKEN_PATTERN
from ..text.sentences import sentence_spans

_TOKEN = re.compile(TOKEN_PATTERN)
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_CONSONANT_LE = re.compile(r"[^aeiouy]le$")

STATS_COLUMNS = ["n_words", "n_sentences", "ttr", "mattr", "flesch_reading_ease", "mean_sentence_length"]


@functools.lru_cache(maxsize=200_000)  # news reuses its words: count each once
def count_syllables(word: str) -> int:
    """Syllables of an English word by a heuristic (exact for most common words, not all).

    1. Lower-case the word, strip accents, drop apostrophes; parts joined by a hyphen
       are counted separately and added up ("full-scale" = full + scale).
    2. Count groups of consecutive vowels, with ``y`` as a vowel ("beau-ti-ful" = 3).
    3. Silent e: a final ``e`` after a consonant is not a syllable ("make" = 1), except
       in a final consonant + ``le`` ("ta-ble" = 2); "see" keeps its "ee" group.
    4. Every part counts at least 1 syllable (also numbers such as "2023").

    Known misses: "-ed" endings count as a syllable ("walked" = 2), and some vowel
    pairs that are two syllables count as one ("Kyiv" = 1, "recipe" = 2).

    >>> [count_syllables(w) for w in ["cat", "make", "table", "reading", "beautiful", "full-scale", "2023"]]
    [1, 1, 2, 2, 3, 2, 1]
    """
    total = 0
    for part in word.split("-"):
        p = unicodedata.normalize("NFKD", part.lower())
        p = "".join(ch for ch in p if "a" <= ch <= "z")
        n = len(_VOWEL_GROUP.findall(p))
        if len(p) >= 2 and p.endswith("e") and p[-2] not in "aeiouy" and not _CONSONANT_LE.search(p):
            n -= 1
        total += max(n, 1)
    return total


def _mattr(tokens: list[str], window: int) -> float:
    """Mean over all windows of ``window`` consecutive tokens of (distinct tokens / window)."""
    n = len(tokens)
    if n < window:
        return len(set(tokens)) / n
    counts = Counter(tokens[:window])
    distinct = [len(counts)]
    for i in range(window, n):
        old, new = tokens[i - window], tokens[i]
        counts[old] -= 1
        if counts[old] == 0:
            del counts[old]
        counts[new] += 1
        distinct.append(len(counts))
    return float(np.mean(distinct)) / window


def _stats(body, window: int) -> tuple:
    if not isinstance(body, str) or not body.strip():
        return 0, 0, np.nan, np.nan, np.nan, np.nan
    words = _count_words(body)
    sentences = len(sentence_spans(body))
    tokens = [t.lower().replace("’", "'") for t in _TOKEN.findall(body)]
    if not tokens:
        return words, sentences, np.nan, np.nan, np.nan, np.nan
    ttr = len(set(tokens)) / len(tokens)
    mattr = _mattr(tokens, window)
    if sentences:
        syllables = sum(count_syllables(t) for t in tokens)
        flesch = 206.835 - 1.015 * len(tokens) / sentences - 84.6 * syllables / len(tokens)
        msl = len(tokens) / sentences
    else:
        flesch = msl = np.nan
    return words, sentences, ttr, mattr, flesch, msl


@fill_doc
def add_text_stats(articles: pd.DataFrame, *, text: str = "text", window: int = 100) -> pd.DataFrame:
    """The articles table with ``n_words, n_sentences, ttr, mattr, flesch_reading_ease, mean_sentence_length``.

    Columns of these names already in the table are replaced (``n_words`` is the same
    count the loader makes). For each article's ``text``:

    - ``n_words``: tokens, runs of letters/digits with inner hyphens or apostrophes
      (``corpus_tools.text.patterns.TOKEN_PATTERN``: "Kyiv's", "full-scale", "U.S." are one word each);
      Chinese, Japanese, Thai... estimated from their characters (:func:`corpus_tools.io.word_counts.n_words`).
    - ``n_sentences``: sentences as ``split_sentences`` finds them (Punkt with news
      abbreviations; a line or paragraph break always ends a sentence, so a title
      line without a full stop counts as a sentence).
    - ``ttr`` (type-token ratio) = distinct lower-cased words / words. It falls as
      texts get longer, so compare it only between texts of similar length.
    - ``mattr`` (moving-average TTR, Covington & McFall 2010) = the mean TTR of every
      run of ``window`` consecutive words (windows 1..window, 2..window+1, ...);
      hardly depends on length. Equals ``ttr`` when the text has fewer than ``window`` words.
    - ``flesch_reading_ease`` = 206.835 − 1.015 × words/sentences − 84.6 × syllables/words
      (Flesch 1948; higher is easier: 60–70 plain English, below 30 very hard).
      Syllables are estimated by :func:`count_syllables`: vowel groups (a e i o u y),
      a final silent e not counted except in consonant + "le", at least 1 per word.
    - ``mean_sentence_length`` = words / sentences.

    Empty or missing text gives ``n_words = n_sentences = 0`` and NaN for the ratios
    (no crash). Counts are integers, the ratios floats.

    {params.text}

    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Dogs barked. Dogs ran.", ""]})
    >>> add_text_stats(arts, window=3)[["doc_id", "n_words", "ttr", "mattr", "mean_sentence_length"]].values.tolist()
    [['a', 4, 0.75, 0.8333333333333334, 2.0], ['b', 0, nan, nan, nan]]
    """
    require_columns(articles, [text], what="articles table")
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 1:
        raise ValueError(f"window should be a whole number of words, 1 or more (usually 50-500); got {window!r}.")
    rows = [_stats(body, int(window)) for body in progress_bar(articles[text], len(articles), "Measuring texts")]
    out = articles.copy()
    cols = list(zip(*rows)) if rows else [[] for _ in STATS_COLUMNS]
    for name, values in zip(STATS_COLUMNS, cols):
        dtype = "int64" if name in ("n_words", "n_sentences") else "float64"
        out[name] = np.asarray(values, dtype=dtype)
    return out
