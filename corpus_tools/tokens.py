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


# A sentence ends at . ! ? (or …), possibly followed by closing quotes or brackets, then
# white space, then something that can start a sentence (a capital, a digit, an opening quote).
_BOUNDARY = re.compile(r"[.!?…]+[\"”’'\)\]]*(?=\s+[\"“‘'(\[]*[A-Z0-9\u00c0-\u024f\u0400-\u042f])")
_WORD_BEFORE = re.compile(r"(\S+)$")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")  # "J", "U.S", "D.C"


def _ends_sentence(text: str, at: int, stop: str) -> bool:
    """Whether the stop ``stop`` found at ``text[at]`` ends a sentence (a "." does not after "Nov" or "U.S")."""
    if not stop.startswith(".") or stop.startswith(".."):
        return True
    # The word is the whole run of non-spaces before the stop; look back 40 characters
    # first, further only when the run is longer.
    lo = max(0, at - 40)
    m = _WORD_BEFORE.search(text, lo, at)
    while m and m.start() == lo > 0 and not text[lo - 1].isspace():
        lo = max(0, lo - 400)
        m = _WORD_BEFORE.search(text, lo, at)
    if not m:
        return True
    word = m.group(1).lstrip("\"“‘'([").rstrip(".")
    return not (word.lower() in ABBREVIATIONS or _INITIALS.fullmatch(word))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``.

    Paragraph and line breaks always end a sentence (headlines and subheads have no
    full stop). Within a paragraph a sentence ends at ". ! ?" (with any closing quote)
    followed by a capital, a digit or an opening quote, except after a news abbreviation
    ("Nov.", "Gen.", :data:`ABBREVIATIONS`) or initials ("U.S.", "J."). So "“Why?” he
    asked." stays one sentence. A pure-regex rule like Punkt's without its training,
    and about ten times faster.

    >>> t = "Mr. Smith met Gen. Milley in the U.S. on Nov. 28. “Why?” he asked. It did."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['Mr. Smith met Gen. Milley in the U.S. on Nov. 28.', '“Why?” he asked.', 'It did.']
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for para_match in [*_PARAGRAPH.finditer(text), None]:
        end = para_match.start() if para_match else len(text)
        start = pos
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            for m in _BOUNDARY.finditer(text, start, end):
                if _ends_sentence(text, m.start(), m.group().rstrip("\"”’')]")):
                    spans.append((start, m.end()))
                    start = m.end()
                    while start < end and text[start].isspace():
                        start += 1
            stop = end
            while stop > start and text[stop - 1].isspace():
                stop -= 1
            if stop > start:
                spans.append((start, stop))
        if para_match is None:
            break
        pos = para_match.end()
    return spans


def split_sentences(articles: pd.DataFrame, *, text: str = "text", metadata=(), cache=None) -> pd.DataFrame:
    """One row per sentence: ``doc_id, sent_id, text, start, end`` (+ ``metadata`` columns).

    ``sent_id`` counts from 0 within each article; ``start``/``end`` are character
    offsets into the article's text, so ``article_text[start:end] == sentence``.
    Large inputs are cached on disk (see :mod:`corpus_tools.cache`; ``cache=False`` to skip).

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["It rained on Nov. 28. “Why?” he asked."]})
    >>> split_sentences(arts)[["sent_id", "text", "start", "end"]].values.tolist()
    [[0, 'It rained on Nov. 28.', 0, 21], [1, '“Why?” he asked.', 22, 38]]
    """
    metadata = [metadata] if isinstance(metadata, str) else list(metadata)
    require_columns(articles, ["doc_id", text, *metadata], what="articles table")
    return cached(articles, ["doc_id", text, *metadata], "split_sentences", {"text": text, "metadata": metadata},
                  lambda: _split_sentences(articles, text, metadata), use=cache)


# Below this many articles a progress bar is more noise than help.
PROGRESS_MIN = 2000
TOKENIZE_PROGRESS_MIN = 10_000  # tokenizing is ten times faster than splitting sentences


def _progress(items, total: int, desc: str, unit: str = "article"):
    from .parallel import in_task

    if total < PROGRESS_MIN or in_task():
        return items
    from tqdm.auto import tqdm

    return tqdm(items, total=total, desc=desc, unit=unit)


def _split_sentences(articles, text, metadata):
    doc_ids, sent_ids, texts, starts, ends, rows = [], [], [], [], [], []
    for i, (doc_id, body) in enumerate(_progress(zip(articles["doc_id"], articles[text]), len(articles), "Splitting sentences")):
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
    To keep the table small, ``token``, ``doc_id`` and text metadata are categoricals
    (categories sorted, so sorting still goes by the words) and ``sent_id``/``position``
    are int32: about 14 bytes per token. Sentences are those of :func:`split_sentences`.
    Corpora of more than 2,000 articles are tokenized on every core.
    Large inputs are cached on disk (see :mod:`corpus_tools.cache`; ``cache=False`` to skip).

    >>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["Kyiv’s forces held. Allies agreed."]})
    >>> tokenize(arts, metadata=["outlet"]).values.tolist()[:4]
    [['a', 0, 0, "kyiv's", 'X'], ['a', 0, 1, 'forces', 'X'], ['a', 0, 2, 'held', 'X'], ['a', 1, 3, 'allies', 'X']]
    """
    metadata = [metadata] if isinstance(metadata, str) else list(metadata)
    require_columns(articles, ["doc_id", text, *metadata], what="articles table")
    params = {"text": text, "lowercase": lowercase, "stem": stem, "metadata": metadata}
    return cached(articles, ["doc_id", text, *metadata], "tokenize", params,
                  lambda: _tokenize(articles, text, lowercase, stem, metadata), use=cache)


# Texts per chunk: small enough that a chunk's token strings stay a few MB, large enough
# that per-chunk work does not show.
CHUNK_CHARS = 500_000
# Above this many articles (or characters) every core tokenizes a share.
PARALLEL_MIN_ARTICLES = 2000
PARALLEL_MIN_CHARS = 4_000_000


def _chunks(lengths: np.ndarray, size: int) -> list[tuple[int, int]]:
    """(start, stop) row ranges of about ``size`` characters each, covering every row."""
    cuts = np.searchsorted(np.cumsum(lengths), np.arange(size, int(lengths.sum()), size), side="left") + 1
    bounds = np.unique(np.r_[0, np.clip(cuts, 0, len(lengths)), len(lengths)])
    return [(int(a), int(b)) for a, b in zip(bounds[:-1], bounds[1:])]


def _tokenize_part(job):
    """Tokenize rows in chunks (in a worker or here): ``(vocab, codes, sent_id, tokens_per_article)``."""
    from .tokenizer import tokenize_chunk

    texts, ranges, lowercase, stem, bar = job
    stemmer = _stemmer() if stem else None
    vocabs, codes, sent_ids, per_doc = [], [], [], []
    for a, b in ranges:
        # Python strings for one chunk at a time, not for the whole column at once.
        words, c, s, n = tokenize_chunk(texts.iloc[a:b].tolist(), lowercase=lowercase, stem=stemmer)
        vocabs.append(words)
        codes.append(c)
        sent_ids.append(s)
        per_doc.append(n)
        if bar is not None:
            bar.update(b - a)
    vocab, codes = _merge_vocabularies(vocabs, codes)
    return [vocab, codes, np.concatenate(sent_ids or [np.zeros(0, "int32")]),
            np.concatenate(per_doc or [np.zeros(0, "int64")])]


def _merge_vocabularies(vocabs, codes, *, sort=False):
    """One vocabulary for several (vocabulary, codes) pairs, and the codes into it (sorted with ``sort``)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    every = pa.array([w for v in vocabs for w in v], type=pa.string())
    encoded = pc.dictionary_encode(every)
    to_merged = encoded.indices.to_numpy()
    vocab = encoded.dictionary
    if sort:  # code point order, as Python sorts strings
        order = pc.array_sort_indices(vocab).to_numpy()
        rank = np.empty(len(order), dtype="int32")
        rank[order] = np.arange(len(order), dtype="int32")
        to_merged = rank[to_merged]
        vocab = vocab.take(pa.array(order))
    out = np.empty(sum(len(c) for c in codes), dtype="int32")
    start = at = 0
    for i, v in enumerate(vocabs):
        c = codes[i]
        np.take(to_merged[start:start + len(v)].astype("int32"), c, out=out[at:at + len(c)])
        start += len(v)
        at += len(c)
        codes[i] = c = None  # each part's codes go once copied: the peak stays near one copy
    return vocab.to_pylist(), out


def _tokenize(articles, text, lowercase, stem, metadata):
    from .parallel import in_task, map_chunks, n_cores

    texts = articles[text].reset_index(drop=True)
    lengths = texts.str.len().fillna(0).to_numpy(dtype="int64") if len(texts) else np.zeros(0, dtype="int64")
    ranges = _chunks(lengths, CHUNK_CHARS)
    cores = n_cores()
    parallel = cores > 1 and (len(texts) > PARALLEL_MIN_ARTICLES or lengths.sum() > PARALLEL_MIN_CHARS)
    parts = np.array_split(np.arange(len(ranges)), cores if parallel else 1)
    bar = None
    if len(texts) >= TOKENIZE_PROGRESS_MIN and not in_task():
        from tqdm.auto import tqdm

        bar = tqdm(total=len(texts), desc="Tokenizing", unit="article")
    # The bar moves with the first part (this process); the others run alongside.
    jobs = [(texts, [ranges[i] for i in p], lowercase, stem, bar if k == 0 else None) for k, p in enumerate(parts)]
    try:
        results = map_chunks(_tokenize_part, jobs, parallel=parallel)
    finally:
        if bar is not None:
            bar.update(len(texts) - bar.n)
            bar.close()
    del jobs
    # One sorted vocabulary, so the categories order like the strings they stand for.
    part_codes = [r[1] for r in results]
    for r in results:
        r[1] = None
    vocab, codes = _merge_vocabularies([r[0] for r in results], part_codes, sort=True)
    per_doc = np.concatenate([r[3] for r in results])
    sent_id = np.empty(len(codes), dtype="int32")
    at = 0
    for r in results:
        sent_id[at:at + len(r[2])] = r[2]
        at += len(r[2])
        r[2] = None  # freed part by part, not after a full copy
    del results
    # Token positions restart at 0 in each article. Arrays of one entry per token are made
    # a block of articles at a time: whole-corpus temporaries would raise the peak memory.
    position = np.arange(len(codes), dtype="int32")
    doc_start = np.cumsum(per_doc) - per_doc
    for a in range(0, len(per_doc), 10_000):
        b = min(a + 10_000, len(per_doc))
        lo, hi = int(doc_start[a]), int(doc_start[b - 1] + per_doc[b - 1])
        position[lo:hi] -= np.repeat(doc_start[a:b].astype("int32"), per_doc[a:b])
    doc_codes, doc_values = pd.factorize(pd.Series(articles["doc_id"].to_numpy(dtype=object), dtype="str"), sort=True)
    small = "int16" if len(doc_values) < 2**15 else "int32"
    out = pd.DataFrame({
        "doc_id": pd.Categorical.from_codes(np.repeat(doc_codes.astype(small), per_doc),
                                            categories=pd.Index(doc_values, dtype="str")),
        "sent_id": sent_id,
        "position": position,
        "token": pd.Categorical.from_codes(codes, categories=pd.Index(vocab, dtype="str")),
    }, copy=False)
    for m in metadata:
        out[m] = _repeat_column(articles[m], per_doc)
    return out


def _repeat_column(column: pd.Series, repeats: np.ndarray):
    """Each value of ``column`` ``repeats`` times; text columns become categoricals (one small code per token)."""
    if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
        codes, values = pd.factorize(column, sort=True)
        if len(values) == 0 or all(isinstance(v, str) for v in values):
            small = "int8" if len(values) < 2**7 else "int16" if len(values) < 2**15 else "int32"
            return pd.Categorical.from_codes(np.repeat(codes.astype(small), repeats),
                                             categories=pd.Index(values, dtype="str"))
    return np.repeat(column.to_numpy(), repeats)


def _stemmer():
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
