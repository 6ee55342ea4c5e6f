"""Tokens as a tidy table (one row per word), offline (no ``nltk.download()``).

A token is a word, or an abbreviation with periods kept whole: ``U.S.`` → ``u.s.``, ``F.B.I.``,
``U.N.``, ``U.K.``, ``a.m.``, ``p.m.``, ``e.g.``, ``Ph.D.`` (the full rule, with the case of
initials such as "John F. Kennedy", is in :mod:`corpus_tools.text.patterns`). Sentences are
those of :mod:`corpus_tools.text.sentences` ("the U.S. Army" stays one sentence); the one-pass
scanner that finds both at once is :mod:`corpus_tools.text.tokenizer`.

>>> import pandas as pd
>>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
...                      "text": ["Mr. Smith went to Kyiv on Nov. 28. “Why?” he asked."]})
>>> tokenize(arts, metadata=["outlet"]).head(3).values.tolist()
[['a', 0, 0, 'mr', 'X'], ['a', 0, 1, 'smith', 'X'], ['a', 0, 2, 'went', 'X']]
>>> tokenize(pd.DataFrame({"doc_id": ["b"], "text": ["The U.S. Army and the F.B.I. met."]}))["token"].tolist()
['the', 'u.s.', 'army', 'and', 'the', 'f.b.i.', 'met']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.cache import cached
from ..core.docstrings import fill_doc
from ..core.validation import require_columns
from .stopwords import snowball_stemmer, stemmer_for

# Left out on purpose: abbreviations that are also English words ending sentences
# ("sat", "sun", "wed", "mar", "no", "ill", "mass", "wash", "ore", "fig", "est", "la", "pa").


TOKENIZE_PROGRESS_MIN = 10_000  # tokenizing is ten times faster than splitting sentences


@fill_doc
def tokenize(
    articles: pd.DataFrame,
    *,
    text: str = "text",
    lowercase: bool = True,
    stem=False,
    metadata=(),
    cache=None,
) -> pd.DataFrame:
    """One row per token: ``doc_id, sent_id, position, token`` (+ ``metadata`` columns).

    Tokens are runs of letters and digits with inner hyphens or apostrophes
    ("Kyiv's", "full-scale"), and abbreviations written with periods, kept whole with their
    final period ("U.S." → ``u.s.``, "F.B.I.", "a.m.", "Ph.D."; a lone initial as in "John F.
    Kennedy" stays ``f``): ``TOKEN_PATTERN``, listed in :mod:`corpus_tools.text.patterns`.
    Curly apostrophes become straight ones so "Kyiv’s" and "Kyiv's" are one term. Tokens are those
    of the lowercased text, as scikit-learn's CountVectorizer finds them ("İstanbul" is ``i``,
    ``stanbul``: "İ" lowercases to "i" and a combining dot). ``position`` counts tokens from 0
    within the article. ``stem=True`` applies NLTK's Snowball stemmer of each article's ``language`` (English
    for tables without that column, and for articles of ``unknown`` or ``mixed`` language); tokens of a
    language Snowball has no stemmer for (Ukrainian, Polish, Greek...: see :func:`languages`) stay as
    they are, with a warning. ``stem="russian"`` (or ``"ru"``) stems every article in one language.
    Pass ``metadata=["outlet", "date"]`` to carry article columns along.
    To keep the table small, ``token``, ``doc_id`` and text metadata are categoricals
    (categories sorted, so sorting still goes by the words), ``sent_id`` is int16 (int32 for an
    article of more than 32,767 sentences) and ``position`` int32: about 12 bytes per token, about
    2.1 times the text. Dates are ordered categoricals of dates (one or two bytes per token, not
    eight): ``.dt``, sorting, ``min``/``max`` and grouping work as on dates; compare with a string
    (``tokens["date"] >= "2024-01-01"``) or convert first (``tokens["date"].astype("datetime64[ns]")``).
    Sentences are those of :func:`split_sentences`.
    Corpora of more than 2,000 articles are tokenized on every core.

    {params.text}
    {params.metadata}
    {params.cache}

    >>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["Kyiv’s forces held. Allies agreed."]})
    >>> tokenize(arts, metadata=["outlet"]).values.tolist()[:4]
    [['a', 0, 0, "kyiv's", 'X'], ['a', 0, 1, 'forces', 'X'], ['a', 0, 2, 'held', 'X'], ['a', 1, 3, 'allies', 'X']]
    """
    metadata = [metadata] if isinstance(metadata, str) else list(metadata)
    require_columns(articles, ["doc_id", text, *metadata], what="articles table")
    by_language = stem is True and "language" in articles.columns
    if isinstance(stem, str) and stemmer_for(stem) is None:
        raise ValueError(f"No Snowball stemmer for {stem!r}; see corpus_tools.languages() for those there are.")
    params = {"text": text, "lowercase": lowercase, "stem": stem, "metadata": metadata, "by_language": by_language}
    keyed = ["doc_id", text, *metadata, *(["language"] if by_language and "language" not in metadata else [])]
    out = cached(articles, keyed, "tokenize", params,
                 lambda: _tokenize(articles, text, lowercase, stem, metadata, by_language), use=cache)
    for m in metadata:  # a cached table may come back with plain dates: one small code per token again
        if m in out.columns and pd.api.types.is_datetime64_any_dtype(out[m].dtype):
            out[m] = repeat_column(out[m], np.ones(len(out), dtype="int64"))
    return out


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
    from ..core.parallel import advance
    from .tokenizer import tokenize_chunk

    texts, ranges, lowercase, stem, bar = job
    stemmer = (stemmer_for(stem) if isinstance(stem, str) else snowball_stemmer()) if stem else None
    vocabs, codes, sent_ids, per_doc = [], [], [], []
    for a, b in ranges:
        # Python strings for one chunk at a time, not for the whole column at once.
        words, c, s, n = tokenize_chunk(texts.iloc[a:b].tolist(), lowercase=lowercase, stem=stemmer)
        vocabs.append(words)
        codes.append(c)
        sent_ids.append(s)
        per_doc.append(n)
        advance(bar, b - a)
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


def _tokenize(articles, text, lowercase, stem, metadata, by_language=False):
    from ..core.parallel import in_task, map_chunks, n_cores, start_watching

    start_watching()
    if by_language:  # stems per article language, once the tokens are known
        return _stem_by_language(_tokenize(articles, text, lowercase, False, metadata), articles)

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
    jobs = [(texts, [ranges[i] for i in p], lowercase, stem, bar) for p in parts]
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
    # Two bytes a sentence number when they fit (a news article has far fewer than 32,768 sentences).
    fits = all(len(r[2]) == 0 or r[2].max() < 2**15 for r in results)
    sent_id = np.empty(len(codes), dtype="int16" if fits else "int32")
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
    out = pd.DataFrame({
        "doc_id": doc_id_column(articles["doc_id"], per_doc),
        "sent_id": sent_id,
        "position": position,
        "token": pd.Categorical.from_codes(codes, categories=pd.Index(vocab, dtype="str")),
    }, copy=False)
    for m in metadata:
        out[m] = repeat_column(articles[m], per_doc)
    return out


def _stem_by_language(tokens: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Each token stemmed with its article's Snowball stemmer: each distinct (language, word) once."""
    import warnings

    from .languages import MIXED, UNKNOWN

    # The language of each doc_id category (an id shared by several articles: the first one's).
    by_id = pd.Series(articles["language"].astype("str").to_numpy(), index=articles["doc_id"].astype("str").to_numpy())
    by_id = by_id[~by_id.index.duplicated()]
    doc_lang = by_id.reindex(tokens["doc_id"].cat.categories).fillna(UNKNOWN).to_numpy()
    lang_codes, lang_values = pd.factorize(pd.Series(doc_lang, dtype="str"))
    token_lang = lang_codes[tokens["doc_id"].cat.codes.to_numpy()]
    stemmers, unstemmed = [], []
    for v in lang_values:
        fn = stemmer_for("english" if v in (MIXED, UNKNOWN) else v)
        stemmers.append(fn)
        if fn is None:
            unstemmed.append(v)
    if unstemmed:
        n = int(np.isin(token_lang, [k for k, v in enumerate(lang_values) if v in unstemmed]).sum())
        warnings.warn(f"No Snowball stemmer for {', '.join(sorted(unstemmed))}: their {n:,} tokens are left "
                      "unstemmed (corpus_tools.languages() lists the stemmers).", UserWarning, stacklevel=4)
    words = tokens["token"].cat.categories
    pair = token_lang.astype("int64") * len(words) + tokens["token"].cat.codes.to_numpy()
    uniq, inverse = np.unique(pair, return_inverse=True)
    stems = [w if fn is None else fn(w) for fn, w in
             ((stemmers[int(p // len(words))], words[int(p % len(words))]) for p in uniq)]
    codes, values = pd.factorize(pd.Series(stems, dtype="str"), sort=True)
    out = tokens.copy()
    out["token"] = pd.Categorical.from_codes(codes[inverse].astype("int32"), categories=pd.Index(values, dtype="str"))
    return out


def doc_id_column(doc_ids: pd.Series, repeats: np.ndarray) -> pd.Categorical:
    """The tokens table's ``doc_id``: each article's id (as a string) ``repeats`` times, a categorical."""
    doc_codes, doc_values = pd.factorize(pd.Series(doc_ids.to_numpy(dtype=object), dtype="str"), sort=True)
    small = "int16" if len(doc_values) < 2**15 else "int32"
    return pd.Categorical.from_codes(np.repeat(doc_codes.astype(small), repeats),
                                     categories=pd.Index(doc_values, dtype="str"))


def _small_codes(codes: np.ndarray, n_values: int) -> np.ndarray:
    return codes.astype("int8" if n_values < 2**7 else "int16" if n_values < 2**15 else "int32")


def repeat_column(column: pd.Series, repeats: np.ndarray):
    """Each value of ``column`` ``repeats`` times, as the tokens table holds metadata.

    Text columns become categoricals (one small code per token; categories sorted). Dates become
    ordered categoricals of dates: one or two bytes per token instead of eight, and ``.dt``, sorting,
    ``min``/``max`` and grouping still work; compare with a date as a string
    (``tokens["date"] >= "2024-01-01"``) or convert first (``tokens["date"].astype("datetime64[ns]")``).
    """
    if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
        codes, values = pd.factorize(column, sort=True)
        if len(values) == 0 or all(isinstance(v, str) for v in values):
            return pd.Categorical.from_codes(np.repeat(_small_codes(codes, len(values)), repeats),
                                             categories=pd.Index(values, dtype="str"))
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        codes, values = pd.factorize(column, sort=True)
        return pd.Categorical.from_codes(np.repeat(_small_codes(codes, len(values)), repeats),
                                         categories=values, ordered=True)
    return np.repeat(column.to_numpy(), repeats)


def as_strings(column: pd.Series) -> pd.Series:
    """``column.astype(str)``; a categorical (as tokens hold text) from its categories and codes, without
    making a string per token first.

    >>> as_strings(pd.Series(pd.Categorical(["b", None, "a"]))).tolist()
    ['b', nan, 'a']
    """
    if not isinstance(column.dtype, pd.CategoricalDtype) or not pd.api.types.is_string_dtype(column.cat.categories):
        return column.astype(str)  # dates, numbers: as pandas writes each value
    categories = pd.array(column.cat.categories.astype(str))
    return pd.Series(categories.take(column.cat.codes.to_numpy(), allow_fill=True), index=column.index,
                     name=column.name)
