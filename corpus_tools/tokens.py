"""Sentences and tokens as tidy tables, offline (no ``nltk.download()``).

>>> import pandas as pd
>>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
...                      "text": ["Mr. Smith went to Kyiv on Nov. 28. “Why?” he asked."]})
>>> split_sentences(arts)[["sent_id", "text"]].values.tolist()
[[0, 'Mr. Smith went to Kyiv on Nov. 28.'], [1, '“Why?” he asked.']]
>>> tokenize(arts, metadata=["outlet"]).head(3).values.tolist()
[['a', 0, 0, 'mr', 'X'], ['a', 0, 1, 'smith', 'X'], ['a', 0, 2, 'went', 'X']]
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from .cache import cached
from .validation import require_columns

TOKEN_PATTERN = r"\w+(?:[-'’]\w+)*"
_TOKEN = re.compile(TOKEN_PATTERN)
_PARAGRAPH = re.compile(r"\n\s*\n|\n")

# News abbreviations that end with a period but do not end a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj", "brig", "cpl", "pvt",
    "sen", "rep", "gov", "pres", "amb", "hon", "rev", "st", "jr", "sr", "inc", "corp", "ltd", "co", "plc", "bros",
    "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "thu", "thur", "thurs", "fri",
    "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "a.m", "p.m", "e.g", "i.e", "vs", "etc", "approx",
    "dept", "mt", "ft", "ave", "blvd", "ph.d", "calif", "fla", "mich", "minn", "tenn", "tex", "wis", "conn",
    "ariz", "colo", "nev", "okla",
}
# Left out on purpose: abbreviations that are also English words ending sentences
# ("sat", "sun", "wed", "mar", "no", "ill", "mass", "wash", "ore", "fig", "est", "la", "pa").


@lru_cache(maxsize=1)
def _punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``.

    Paragraph and line breaks always end a sentence (headlines and subheads have no
    full stop); within a paragraph, NLTK's Punkt algorithm with news abbreviations
    decides, and a "sentence" starting in lower case ("Why?" he asked) is joined back.
    """
    spans: list[tuple[int, int]] = []
    punkt = _punkt()
    pos = 0
    for para_match in [*_PARAGRAPH.finditer(text), None]:
        end = para_match.start() if para_match else len(text)
        para = text[pos:end]
        if para.strip():
            for a, b in punkt.span_tokenize(para):
                a, b = a + pos, b + pos
                piece = text[a:b]
                if spans and spans[-1][1] > pos and piece[:1].islower():
                    spans[-1] = (spans[-1][0], b)
                else:
                    spans.append((a, b))
        if para_match is None:
            break
        pos = para_match.end()
    return spans


def split_sentences(articles: pd.DataFrame, *, text: str = "text", metadata=(), cache=None) -> pd.DataFrame:
    """One row per sentence: ``doc_id, sent_id, text, start, end`` (+ ``metadata`` columns).

    ``sent_id`` counts from 0 within each article; ``start``/``end`` are character
    offsets into the article's text, so ``article_text[start:end] == sentence``.
    Large inputs are cached on disk (see :mod:`corpus_tools.cache`; ``cache=False`` to skip).
    """
    metadata = [metadata] if isinstance(metadata, str) else list(metadata)
    require_columns(articles, ["doc_id", text, *metadata], what="articles table")
    return cached(articles, ["doc_id", text, *metadata], "split_sentences", {"text": text, "metadata": metadata},
                  lambda: _split_sentences(articles, text, metadata), use=cache)


def _split_sentences(articles, text, metadata):
    doc_ids, sent_ids, texts, starts, ends, rows = [], [], [], [], [], []
    for i, (doc_id, body) in enumerate(zip(articles["doc_id"], articles[text])):
        if not isinstance(body, str):
            continue
        for k, (a, b) in enumerate(sentence_spans(body)):
            doc_ids.append(doc_id)
            sent_ids.append(k)
            texts.append(body[a:b])
            starts.append(a)
            ends.append(b)
            rows.append(i)
    out = pd.DataFrame({
        "doc_id": pd.Series(doc_ids, dtype="str"),
        "sent_id": np.asarray(sent_ids, dtype="int64"),
        "text": pd.Series(texts, dtype="str"),
        "start": np.asarray(starts, dtype="int64"),
        "end": np.asarray(ends, dtype="int64"),
    })
    for m in metadata:
        out[m] = articles[m].to_numpy()[np.asarray(rows, dtype="int64")] if rows else articles[m].iloc[:0].to_numpy()
    return out


def tokenize(
    articles: pd.DataFrame,
    *,
    text: str = "text",
    lowercase: bool = True,
    stem: bool = False,
    metadata=(),
    cache=None,
) -> pd.DataFrame:
    """One row per token: ``doc_id, sent_id, position, token`` (+ ``metadata`` columns).

    Tokens are runs of letters and digits with inner hyphens or apostrophes
    (``TOKEN_PATTERN``: "Kyiv's", "full-scale"); curly apostrophes become straight
    ones so "Kyiv’s" and "Kyiv's" are one term. ``position`` counts tokens from 0
    within the article. ``stem=True`` applies NLTK's Snowball (English) stemmer.
    Pass ``metadata=["outlet", "date"]`` to carry article columns along.
    Large inputs are cached on disk (see :mod:`corpus_tools.cache`; ``cache=False`` to skip).
    """
    metadata = [metadata] if isinstance(metadata, str) else list(metadata)
    require_columns(articles, ["doc_id", text, *metadata], what="articles table")
    params = {"text": text, "lowercase": lowercase, "stem": stem, "metadata": metadata}
    return cached(articles, ["doc_id", text, *metadata], "tokenize", params,
                  lambda: _tokenize(articles, text, lowercase, stem, metadata), use=cache)


def _tokenize(articles, text, lowercase, stem, metadata):
    doc_ids, sent_ids, positions, tokens, rows = [], [], [], [], []
    for i, (doc_id, body) in enumerate(zip(articles["doc_id"], articles[text])):
        if not isinstance(body, str) or not body:
            continue
        spans = sentence_spans(body)
        if not spans:
            continue
        found = [(m.start(), m.group()) for m in _TOKEN.finditer(body)]
        if not found:
            continue
        starts = np.fromiter((s for s, _ in found), dtype="int64", count=len(found))
        sent_starts = np.fromiter((a for a, _ in spans), dtype="int64", count=len(spans))
        sids = np.searchsorted(sent_starts, starts, side="right") - 1
        n = len(found)
        doc_ids.extend([doc_id] * n)
        sent_ids.append(np.maximum(sids, 0))
        positions.append(np.arange(n, dtype="int64"))
        tokens.extend(t for _, t in found)
        rows.append(np.full(n, i, dtype="int64"))
    if tokens:
        joined = "\n".join(tokens)
        if lowercase:
            joined = joined.lower()
        joined = joined.replace("’", "'")
        tokens = joined.split("\n")
    if stem and tokens:
        tokens = _stem_all(tokens)
    out = pd.DataFrame({
        "doc_id": pd.Series(doc_ids, dtype="str"),
        "sent_id": np.concatenate(sent_ids) if sent_ids else np.array([], dtype="int64"),
        "position": np.concatenate(positions) if positions else np.array([], dtype="int64"),
        "token": pd.Series(tokens, dtype="str"),
    })
    idx = np.concatenate(rows) if rows else np.array([], dtype="int64")
    for m in metadata:
        out[m] = articles[m].to_numpy()[idx]
    return out


def _stem_all(tokens: list[str]) -> list[str]:
    from nltk.stem.snowball import SnowballStemmer

    stemmer = SnowballStemmer("english")
    cache: dict[str, str] = {}
    out = []
    for t in tokens:
        s = cache.get(t)
        if s is None:
            s = cache[t] = stemmer.stem(t)
        out.append(s)
    return out


def stopwords(language: str = "english", *, extra=()) -> pd.DataFrame:
    """The stop-word list as a table with one column ``word`` (shipped with the package).

    Add your own words with ``extra=["said", "says"]``.

    >>> sw = stopwords(extra=["said"])
    >>> "the" in set(sw["word"]), "said" in set(sw["word"])
    (True, True)
    """
    name = f"stopwords_{language.lower()}.txt"
    try:
        lines = resources.files("corpus_tools").joinpath("data", name).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ValueError(f"No stop-word list for {language!r}; only 'english' is shipped. "
                         "Pass your own list to remove_stopwords(stopwords=[...]).") from None
    words = [w.strip().lower() for w in lines if w.strip() and not w.startswith("#")]
    words = list(dict.fromkeys(words + [w.lower() for w in extra]))
    return pd.DataFrame({"word": pd.Series(words, dtype="str")})


def remove_stopwords(tokens: pd.DataFrame, *, stopwords=None, token: str = "token") -> pd.DataFrame:
    """Tokens without stop words: an anti-join with the stop-word table.

    ``stopwords`` is a table with a ``word`` column, a list of words, or None for
    the shipped English list. Positions are kept as they were (gaps show removals).
    """
    require_columns(tokens, [token], what="tokens table")
    if stopwords is None:
        stopwords = globals()["stopwords"]()
    words = stopwords["word"] if isinstance(stopwords, pd.DataFrame) else pd.Series(list(stopwords))
    drop = set(words.astype(str).str.lower().str.replace("’", "'"))
    keep = ~tokens[token].isin(drop)
    return tokens[keep].reset_index(drop=True)
