"""Stop words and stemming, per language.

English and Greek lists are shipped (``corpus_tools/data/stopwords_english.txt``, ``stopwords_greek.txt``); 31
more languages come from the ``stop-words`` package, with the changes listed in
``corpus_tools/data/stopwords_changes.csv``; :func:`languages` lists them with their stemmers.
"""

from __future__ import annotations

import warnings
from functools import lru_cache

import numpy as np
import pandas as pd

from ..core.docstrings import fill_doc
from ..core.validation import require_columns
from ..data import data_path, read_rows
from .languages import MIXED, UNKNOWN, language_info

AUTO = "auto"


def is_auto(stopwords) -> bool:
    """Whether ``stopwords`` asks for each article's own language (``"auto"``)."""
    return isinstance(stopwords, str) and stopwords == AUTO


def snowball_stemmer(language: str = "english"):
    """NLTK's Snowball stemmer for ``language`` (a name NLTK knows: "english", "russian"), as a function."""
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer(language).stem


def stemmer_for(language):
    """The Snowball stem function for a language code or name, or None when Snowball has no stemmer for it.

    >>> stemmer_for("ru")("переговоры"), stemmer_for("uk")
    ('переговор', None)
    """
    info = language_info(language)
    return snowball_stemmer(info["snowball"]) if info and info["snowball"] else None


@lru_cache(maxsize=64)
def _words(language: str) -> tuple[str, ...]:
    info = language_info(language)
    if info is None or not info["stopwords"]:
        known = ", ".join(sorted(r["language"] for r in read_rows("languages.csv") if r["stopwords"]))
        raise ValueError(f"No stop-word list for {language!r}. Lists: {known} (codes, or names such as "
                         "'russian'). Pass your own list to remove_stopwords(stopwords=[...]).")
    if info["stopwords"] == "shipped":
        lines = data_path(f"stopwords_{info['name']}.txt").read_text(encoding="utf-8").splitlines()
        return tuple(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))
    from stop_words import LANGUAGE_MAPPING, get_stop_words

    # The package knows most languages by code; Norwegian "no" (the detector's code) by its name.
    code = info["language"] if info["language"] in LANGUAGE_MAPPING else info["name"]
    words = [w.strip().lower() for w in get_stop_words(code) if w.strip()]
    changes = [r for r in read_rows("stopwords_changes.csv") if r["language"] == info["language"]]
    drop = {r["word"] for r in changes if r["change"] == "remove"}
    words = [w for w in words if w not in drop] + [r["word"] for r in changes if r["change"] == "add"]
    return tuple(dict.fromkeys(words))


def stopwords(language: str = "english", *, extra=()) -> pd.DataFrame:
    """The stop-word list of ``language`` as a table with one column ``word``.

    ``language``: a name or ISO code ("russian", "ru", "ru-RU"); 33 languages (:func:`languages`).
    Add your own words with ``extra=["said", "says"]``.

    >>> sw = stopwords(extra=["said"])
    >>> "the" in set(sw["word"]), "said" in set(sw["word"])
    (True, True)
    >>> "что" in set(stopwords("ru")["word"]), "мира" in set(stopwords("russian")["word"])  # мира: peace
    (True, False)
    """
    words = list(dict.fromkeys(list(_words(language)) + [w.lower() for w in extra]))
    return pd.DataFrame({"word": pd.Series(words, dtype="str")})


def languages() -> pd.DataFrame:
    """The languages the package knows by name: ``language, name, n_stopwords, stopwords, stemmer``.

    ``stopwords`` says where the list comes from ("shipped", "stop-words"; empty: none), ``stemmer``
    names NLTK's Snowball stemmer used by ``tokenize(stem=True)`` (empty: tokens stay unstemmed).

    >>> t = languages().set_index("language")
    >>> int(t.loc["ru", "n_stopwords"]), t.loc["ru", "stemmer"], t.loc["uk", "stemmer"]
    (394, 'russian', '')
    """
    rows = [(r["language"], r["name"], len(_words(r["language"])) if r["stopwords"] else 0, r["stopwords"],
             r["snowball"]) for r in read_rows("languages.csv")]
    return pd.DataFrame(rows, columns=["language", "name", "n_stopwords", "stopwords", "stemmer"])


@fill_doc
def remove_stopwords(tokens: pd.DataFrame, *, stopwords=None, extra=(), token: str = "token",
                     language: str = "language") -> pd.DataFrame:
    """Tokens without stop words: an anti-join with the stop-word table.

    ``stopwords`` is a table with a ``word`` column, a list of words, a language ("russian", "ru"), None for
    the shipped English list, or ``"auto"``: each token's own article language, from the tokens' ``language``
    column (``tokenize(articles, metadata=["language"])``). With ``"auto"``, tokens of articles whose language
    is ``mixed``, ``unknown`` or has no list lose the stop words of English and of every language of the table
    that has a list (a warning names the languages without one). ``extra=["said"]``: words removed besides
    the list (from every article). Positions are kept as they were (gaps show removals).

    {params.token}

    >>> toks = pd.DataFrame({"doc_id": ["a"] * 3, "position": [0, 1, 2], "token": ["the", "front", "line"]})
    >>> remove_stopwords(toks)["token"].tolist()
    ['front', 'line']
    >>> ru = pd.DataFrame({"token": ["the", "и", "фронт", "that"], "language": ["en", "ru", "ru", "ru"]})
    >>> remove_stopwords(ru, stopwords="auto")["token"].tolist()   # "that" is no Russian stop word
    ['фронт', 'that']
    >>> remove_stopwords(ru, stopwords="auto", extra=["фронт"])["token"].tolist()
    ['that']
    """
    require_columns(tokens, [token], what="tokens table")
    if is_auto(stopwords) and language not in tokens.columns:
        raise ValueError(f"stopwords='auto' needs the article language on each token, a column {language!r}; "
                         f"the tokens table has {', '.join(map(str, tokens.columns))}. Write "
                         "tokenize(articles, metadata=['language']) (read_articles adds the column; "
                         "ct.add_language(articles) for a table made otherwise).")
    word_codes, words = _codes_str(tokens[token])
    if not is_auto(stopwords):
        stop = np.append(stop_table(words, [None], stopwords=stopwords, extra=extra)[0], False)
        return tokens[~stop[word_codes]].reset_index(drop=True)  # (code -1, a missing token, is kept)
    lang_codes, langs = _codes_str(tokens[language])
    if len(lang_codes) and lang_codes.min() < 0:  # no language given: as "unknown" (every list)
        lang_codes, langs = np.where(lang_codes < 0, len(langs), lang_codes), [*langs, "nan"]
    sizes = np.bincount(lang_codes, minlength=len(langs))
    table = stop_table(words, langs, stopwords=stopwords, extra=extra, sizes=sizes, stacklevel=3)
    table = np.concatenate([table, np.zeros((len(table), 1), dtype=bool)], axis=1)
    return tokens[~table[lang_codes, word_codes]].reset_index(drop=True)


def stop_table(words, languages, *, stopwords=AUTO, extra=(), sizes=None, stacklevel: int = 3) -> np.ndarray:
    """Which of ``words`` are stop words in each of ``languages``: a boolean array, one row per language.

    ``stopwords``: as :func:`remove_stopwords` takes it; with ``"auto"`` each language has its own
    list, and languages that are ``mixed``, ``unknown`` or have no list get the stop words of
    English and of every language given that has a list (a warning names those without one;
    ``sizes``: the tokens of each language, for that warning). Otherwise every row is the same list.
    ``extra`` words are stop words in every row.

    >>> stop_table(["the", "и", "that"], ["en", "ru"]).tolist()
    [[True, False, True], [False, True, False]]
    """
    words = pd.Index(words)
    more = _drop_set(extra)
    if not is_auto(stopwords):
        if stopwords is None:
            stopwords = globals()["stopwords"]()
        elif isinstance(stopwords, str):
            stopwords = globals()["stopwords"](stopwords)
        drop = _drop_set(stopwords["word"] if isinstance(stopwords, pd.DataFrame) else list(stopwords)) | more
        return np.tile(np.asarray(words.isin(drop)), (len(languages), 1))
    lists, without = {}, []
    for v in languages:
        info = language_info(v)
        if info is not None and info["stopwords"]:
            lists[v] = _drop_set(_words(v)) | more
        elif v not in (MIXED, UNKNOWN, "nan"):
            without.append(v)
    if without:
        n = "" if sizes is None else \
            f" ({int(sum(s for v, s in zip(languages, sizes) if v in without)):,} tokens)"
        warnings.warn(f"No stop-word list for {', '.join(sorted(without))}{n}: their tokens lose the "
                      f"stop words of {', '.join(sorted({'en', *lists}))} (English and the table's other languages). "
                      "Pass your own list with stopwords=[...] to do better.", UserWarning, stacklevel=stacklevel)
    # Articles of no single known language: the stop words of English and of every language of the table.
    every = set().union(_drop_set(_words("en")), more, *lists.values())
    table = np.zeros((len(languages), len(words)), dtype=bool)
    for k, v in enumerate(languages):
        table[k] = words.isin(lists.get(v, every))
    return table


def _drop_set(words) -> set:
    return set(pd.Series(list(words), dtype="str").str.lower().str.replace("’", "'"))


def _codes_str(column: pd.Series):
    """``pd.factorize(column.astype("str"))``, codes and values; for a categorical of strings (as ``tokenize``
    makes), its own codes and categories (-1 for a missing value), without a string per token."""
    if isinstance(column.dtype, pd.CategoricalDtype) and pd.api.types.is_string_dtype(column.cat.categories):
        return column.cat.codes.to_numpy(), pd.Index(column.cat.categories.astype("str"))
    return pd.factorize(column.astype("str"))
