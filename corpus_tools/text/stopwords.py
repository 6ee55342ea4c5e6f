"""Stop words and stemming."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.docstrings import fill_doc
from ..core.validation import require_columns
from ..data import data_path


def snowball_stemmer():
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english").stem


def stopwords(language: str = "english", *, extra=()) -> pd.DataFrame:
    """The stop-word list as a table with one column ``word`` (shipped with the package).

    Add your own words with ``extra=["said", "says"]``.

    >>> sw = stopwords(extra=["said"])
    >>> "the" in set(sw["word"]), "said" in set(sw["word"])
    (True, True)
    """
    name = f"stopwords_{language.lower()}.txt"
    try:
        lines = data_path(name).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ValueError(f"No stop-word list for {language!r}; only 'english' is shipped. "
                         "Pass your own list to remove_stopwords(stopwords=[...]).") from None
    words = [w.strip().lower() for w in lines if w.strip() and not w.startswith("#")]
    words = list(dict.fromkeys(words + [w.lower() for w in extra]))
    return pd.DataFrame({"word": pd.Series(words, dtype="str")})


@fill_doc
def remove_stopwords(tokens: pd.DataFrame, *, stopwords=None, token: str = "token") -> pd.DataFrame:
    """Tokens without stop words: an anti-join with the stop-word table.

    ``stopwords`` is a table with a ``word`` column, a list of words, or None for
    the shipped English list. Positions are kept as they were (gaps show removals).

    {params.token}

    >>> toks = pd.DataFrame({"doc_id": ["a"] * 3, "position": [0, 1, 2], "token": ["the", "front", "line"]})
    >>> remove_stopwords(toks)["token"].tolist()
    ['front', 'line']
    """
    require_columns(tokens, [token], what="tokens table")
    if stopwords is None:
        stopwords = globals()["stopwords"]()
    words = stopwords["word"] if isinstance(stopwords, pd.DataFrame) else pd.Series(list(stopwords))
    drop = set(words.astype(str).str.lower().str.replace("’", "'"))
    column = tokens[token]
    if isinstance(column.dtype, pd.CategoricalDtype):
        # Each distinct word is looked up once, then every token by its code.
        codes = column.cat.codes.to_numpy()
        stop = np.append(column.cat.categories.isin(drop), False)  # code -1 (missing) is kept
        keep = ~stop[codes]
    else:
        keep = ~column.isin(drop).to_numpy()
    return tokens[keep].reset_index(drop=True)


