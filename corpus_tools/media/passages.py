"""Shared passages: wire copy, press releases and quotes that several articles carry word for word.

Words are compared after normalising (lower case, punctuation and quote marks ignored, curly
apostrophes made straight), as runs of ``min_words`` consecutive words ("shingles"). Each
shingle gets a stable 64-bit hash (BLAKE2b of each word, combined along the run), an inverted
index lists the articles holding each shingle, and consecutive shared shingles are merged into
passages. Time and memory grow with the number of words, never with the number of article
pairs, so tens of thousands of articles are fine.

>>> import pandas as pd
>>> quote = "We need to continue to support Ukraine, he said on Tuesday."
>>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["AFP", "TASS", "AP"],
...                      "text": ["Stoltenberg spoke. " + quote, "“" + quote + "”", "Nothing in common here."]})
>>> found = find_shared_passages(arts)
>>> found[["doc_id", "n_words", "n_docs"]].values.tolist()
[['a', 11, 2], ['b', 11, 2]]
>>> add_shared_share(arts, passages=found)[["doc_id", "shared_words", "shared_with"]].values.tolist()
[['a', 11, 1], ['b', 11, 1], ['c', 0, 0]]
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from ..core.cache import cached
from ..core.deprecation import keyword_only
from ..core.docstrings import fill_doc
from ..core.progress import progress_bar
from ..core.validation import require_columns
from ..text.patterns import TOKEN_RE

PASSAGE_COLUMNS = ["passage_id", "doc_id", "outlet", "start", "end", "n_words", "passage", "n_docs"]
_MASK64 = (1 << 64) - 1
_PRIME = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier of the polynomial hash along a shingle
_CHUNK_WORDS = 500_000  # words held as Python strings at once, before they become integer codes


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser: spreads every input bit over all 64 output bits (a bijection)."""
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def texts_of(articles: pd.DataFrame, text: str) -> list[str]:
    return [t if isinstance(t, str) else "" for t in articles[text].tolist()]


def _word_codes(texts: list[str], desc: str):
    """Every article's normalised words as integer codes (concatenated), words per article, vocabulary."""
    vocab: dict[str, int] = {}
    codes, lengths, words = [], [], []
    findall = TOKEN_RE.findall

    def flush():
        nonlocal words
        if words:
            # One lower() over many words is much faster than one per word.
            words = "\n".join(words).lower().replace("’", "'").split("\n")
        get = vocab.setdefault
        codes.append(np.array([get(w, len(vocab)) for w in words], dtype=np.int32))
        words = []

    for body in progress_bar(texts, len(texts), desc):
        found = findall(body)
        words.extend(found)
        lengths.append(len(found))
        if len(words) > _CHUNK_WORDS:
            flush()
    flush()
    all_codes = np.concatenate(codes) if codes else np.zeros(0, dtype=np.int32)
    return all_codes, np.asarray(lengths, dtype=np.int64), list(vocab)


def _word_hashes(vocab: list[str]) -> np.ndarray:
    """A stable 64-bit hash per word (BLAKE2b), the same in every Python process."""
    digests = b"".join(hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest() for w in vocab)
    return np.frombuffer(digests, dtype="<u8").astype(np.uint64)


def shingles(texts: list[str], k: int, desc: str = "Hashing shingles"):
    """Hashes of every run of ``k`` words: (article index, first word's position, hash), words per article."""
    if k < 1:
        raise ValueError(f"min_words must be at least 1, got {k}.")
    codes, lengths, vocab = _word_codes(texts, desc)
    wh = _word_hashes(vocab)[codes] if len(codes) else np.zeros(0, dtype=np.uint64)
    n_full = max(len(wh) - k + 1, 0)
    h = np.zeros(n_full, dtype=np.uint64)
    for j in range(k):
        h = h * _PRIME + wh[j:j + n_full]
    h = _fmix64(h)
    n_sh = np.maximum(lengths - k + 1, 0)
    doc = np.repeat(np.arange(len(lengths), dtype=np.int32), n_sh)
    pos = (np.arange(int(n_sh.sum()), dtype=np.int64) - np.repeat(np.cumsum(n_sh) - n_sh, n_sh)).astype(np.int32)
    first = np.repeat(np.cumsum(lengths) - lengths, n_sh) + pos  # global word index of each shingle
    return doc, pos, h[first], lengths


def group_starts(sorted_keys: np.ndarray) -> np.ndarray:
    return np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]) if len(sorted_keys) else np.zeros(0, int)


def _shared_runs(texts: list[str], k: int, max_docs: int | None):
    """Passages as runs: article, first and last word (inclusive), key of the word sequence.

    A shingle is shared when at least two articles hold it (and at most ``max_docs``).
    Consecutive shared shingles of an article form one run while the *set* of articles
    holding them stays the same, so one run is one passage with one list of articles.
    """
    doc, pos, h, lengths = shingles(texts, k)
    order = np.argsort(h, kind="stable")  # stable: within one hash, articles stay in order
    hs, ds = h[order], doc[order]
    starts = group_starts(hs)
    new_doc = np.r_[True, (hs[1:] != hs[:-1]) | (ds[1:] != ds[:-1])] if len(hs) else np.zeros(0, bool)
    n_docs = np.add.reduceat(new_doc.astype(np.int64), starts) if len(hs) else np.zeros(0, np.int64)
    # A hash of the set of articles holding the shingle: the sum of one random number per article.
    doc_tag = _fmix64(np.arange(1, len(lengths) + 1, dtype=np.uint64))
    tag = np.where(new_doc, doc_tag[ds], np.uint64(0))
    doc_set = np.add.reduceat(tag, starts) if len(hs) else np.zeros(0, np.uint64)
    group = np.cumsum(np.r_[False, hs[1:] != hs[:-1]]) if len(hs) else np.zeros(0, np.int64)
    nd = np.empty(len(h), dtype=np.int64)
    nd[order] = n_docs[group]
    sig = np.empty(len(h), dtype=np.uint64)
    sig[order] = doc_set[group]
    del order, hs, ds, tag, group
    shared = nd >= 2
    n_boilerplate = 0
    if max_docs is not None:
        too_common = nd > max_docs
        n_boilerplate = int(np.count_nonzero(too_common))
        shared &= ~too_common
    d, p, hh, sg = doc[shared], pos[shared], h[shared], sig[shared]
    if not len(d):
        empty = np.zeros(0, dtype=np.int64)
        return (
            pd.DataFrame({"row": empty, "first_word": empty, "last_word": empty, "key": empty}),
            lengths,
            n_boilerplate,
        )
    brk = np.r_[True, (d[1:] != d[:-1]) | (p[1:] != p[:-1] + 1) | (sg[1:] != sg[:-1])]
    run_start = np.flatnonzero(brk)
    run_end = np.r_[run_start[1:], len(d)] - 1
    # The key of a run is a hash of its shingles and their order: equal keys, equal words.
    offset = np.arange(len(d), dtype=np.int64) - np.repeat(run_start, run_end - run_start + 1)
    mixed = _fmix64(hh + offset.astype(np.uint64) * _PRIME)
    key = np.add.reduceat(mixed, run_start)
    runs = pd.DataFrame({
        "row": d[run_start].astype(np.int64),
        "first_word": p[run_start].astype(np.int64),
        "last_word": p[run_end].astype(np.int64) + k - 1,
        "key": (key ^ (run_end - run_start).astype(np.uint64)).view(np.int64),
    })
    return runs, lengths, n_boilerplate


@fill_doc
def find_shared_passages(articles: pd.DataFrame, *, min_words: int = 8, text: str = "text",
                         max_docs: int | None = None, cache=None) -> pd.DataFrame:
    """Passages of at least ``min_words`` consecutive words that appear in more than one article.

    One row per (passage, article): ``passage_id, doc_id, outlet, start, end, n_words,
    passage, n_docs``. ``start``/``end`` are character offsets into that article's text, so
    ``text[start:end]`` shows the passage as that article wrote it; ``passage`` is the text
    as written in the first article; ``n_docs`` counts the articles carrying it. Passages
    are ordered from the most widely shared (then longest) down.

    Words are compared in lower case with punctuation and quote marks ignored ("Kyiv’s" =
    "kyiv's"). A passage is the longest stretch shared by the same articles: where a third
    article quotes only part of a paragraph two others share, the paragraph is cut there
    into pieces (each listing exactly the articles that carry it).

    ``max_docs``: words shared by more than this many articles are treated as boilerplate
    ("To suggest a correction ...") and left out; how many shingles were left out is in
    ``.attrs["boilerplate_shingles"]`` (not kept by the disk cache). Without ``max_docs``
    nothing is left out.

    {params.text}
    {params.cache}

    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["He said: “We need to stay the course now.”",
    ...                                                     "We need to stay the course now, he said."]})
    >>> found = find_shared_passages(arts, min_words=5)
    >>> found[["doc_id", "start", "end", "passage", "n_docs"]].values.tolist()
    [['a', 10, 40, 'We need to stay the course now', 2], ['b', 0, 30, 'We need to stay the course now', 2]]
    """
    require_columns(articles, ["doc_id", text], what="articles table")
    check_unique_ids(articles)
    if max_docs is not None and max_docs < 2:
        raise ValueError(f"max_docs must be at least 2 (a passage needs two articles), got {max_docs}.")
    columns = ["doc_id", text] + (["outlet"] if "outlet" in articles.columns else [])
    return cached(
        articles,
        columns,
        "find_shared_passages",
        {"min_words": min_words, "text": text, "max_docs": max_docs},
        lambda: _find_shared_passages(articles, min_words, text, max_docs),
        use=cache,
    )


def check_unique_ids(articles: pd.DataFrame) -> None:
    dup = articles["doc_id"][articles["doc_id"].duplicated()]
    if len(dup):
        raise ValueError(
            f"doc_id must be unique to tell articles apart; repeated: {', '.join(map(str, dup.unique()[:5]))}."
        )


def outlets_of(articles: pd.DataFrame) -> np.ndarray:
    if "outlet" in articles.columns:
        return articles["outlet"].fillna("unknown").astype(str).to_numpy(dtype=object)
    return np.full(len(articles), "unknown", dtype=object)


def _find_shared_passages(articles, k, text, max_docs):
    texts = texts_of(articles, text)
    runs, _, n_boilerplate = _shared_runs(texts, k, max_docs)
    # The same words twice in one article count once for that article.
    runs = runs.drop_duplicates(["key", "row"]).reset_index(drop=True)
    runs["n_docs"] = runs.groupby("key")["row"].transform("size")
    runs = runs[runs["n_docs"] >= 2].copy()
    runs["n_words"] = runs["last_word"] - runs["first_word"] + 1
    # Offsets only for the articles that share something: a second pass over far fewer texts.
    spans = _Spans(texts, runs["row"].unique())
    runs["start"] = spans.start[spans.base[runs["row"].to_numpy()] + runs["first_word"].to_numpy()]
    runs["end"] = spans.end[spans.base[runs["row"].to_numpy()] + runs["last_word"].to_numpy()]
    runs = runs.sort_values(["row", "first_word"], kind="stable")
    first = runs.drop_duplicates("key").copy()
    first = first.sort_values(["n_docs", "n_words"], ascending=False, kind="stable")
    first["passage_id"] = np.arange(len(first), dtype=np.int64)
    first["passage"] = [texts[r][a:b] for r, a, b in zip(first["row"], first["start"], first["end"])]
    runs = runs.merge(first[["key", "passage_id", "passage"]], on="key").sort_values(
        ["passage_id", "row"], kind="stable"
    )
    out = pd.DataFrame({
        "passage_id": runs["passage_id"].to_numpy(dtype=np.int64),
        "doc_id": pd.Series(articles["doc_id"].to_numpy()[runs["row"].to_numpy()], dtype=articles["doc_id"].dtype),
        "outlet": pd.Series(outlets_of(articles)[runs["row"].to_numpy()], dtype="str"),
        "start": runs["start"].to_numpy(dtype=np.int64),
        "end": runs["end"].to_numpy(dtype=np.int64),
        "n_words": runs["n_words"].to_numpy(dtype=np.int64),
        "passage": pd.Series(runs["passage"].to_numpy(dtype=object), dtype="str"),
        "n_docs": runs["n_docs"].to_numpy(dtype=np.int64),
    })
    out.attrs["boilerplate_shingles"] = n_boilerplate
    return out


class _Spans:
    """Character offsets of the words of some articles, in flat arrays.

    Word ``w`` of article ``r`` starts at ``start[base[r] + w]`` and ends at ``end[base[r] + w]``;
    ``n_words[r]`` counts the words of every article (listed or not).
    """

    def __init__(self, texts: list[str], rows, desc: str | None = None):
        wanted = np.zeros(len(texts), dtype=bool)
        wanted[np.asarray(rows, dtype=np.int64)] = True
        found: list[np.ndarray] = []
        self.n_words = np.zeros(len(texts), dtype=np.int64)
        finditer, findall = TOKEN_RE.finditer, TOKEN_RE.findall
        items = progress_bar(texts, len(texts), desc) if desc else texts
        for r, body in enumerate(items):
            if wanted[r]:
                found.append(np.array([m.span() for m in finditer(body)], dtype=np.int64).reshape(-1, 2))
                self.n_words[r] = len(found[-1])
            else:
                self.n_words[r] = len(findall(body))
        pairs = np.concatenate(found) if found else np.zeros((0, 2), dtype=np.int64)
        self.start, self.end = pairs[:, 0], pairs[:, 1]
        counts = np.where(wanted, self.n_words, 0)
        self.base = np.cumsum(counts) - counts
        self.wanted = wanted
        size = np.array([len(t) + 1 for t in texts], dtype=np.int64)
        self.char_base = np.cumsum(size) - size

    def word_interval(self, rows: np.ndarray, start: np.ndarray, end: np.ndarray):
        """Half-open word interval [lo, hi) of the words inside characters [start, end) of each row."""
        # One search for all rows at once: each article's offsets are shifted past the previous
        # article's text, so the flat arrays are increasing.
        shift = np.repeat(self.char_base, np.where(self.wanted, self.n_words, 0))
        first = self.base[rows]
        lo = np.searchsorted(self.start + shift, self.char_base[rows] + start, side="left") - first
        hi = np.searchsorted(self.end + shift, self.char_base[rows] + end, side="right") - first
        n = self.n_words[rows]
        return np.clip(lo, 0, n), np.clip(hi, 0, n)


def covered(group: np.ndarray, lo: np.ndarray, hi: np.ndarray, n_groups: int) -> np.ndarray:
    """Words covered per group by half-open word intervals [lo, hi), overlaps counted once."""
    if not len(group):
        return np.zeros(n_groups, dtype=np.int64)
    stride = int(hi.max()) + 1
    glo, ghi = group * stride + lo, group * stride + hi  # groups never overlap once shifted apart
    order = np.lexsort((glo, group))
    glo, ghi, g = glo[order], ghi[order], group[order]
    reach = np.maximum.accumulate(ghi)
    before = np.r_[np.iinfo(np.int64).min, reach[:-1]]
    gain = np.maximum(0, ghi - np.maximum(glo, before))
    return np.bincount(g, weights=gain, minlength=n_groups).astype(np.int64)


def passage_words(articles: pd.DataFrame, passages: pd.DataFrame, text: str):
    """Word counts of every article, and each passage row's article number and word interval."""
    require_columns(passages, ["passage_id", "doc_id", "start", "end"], what="passages table")
    texts = texts_of(articles, text)
    row_of = pd.Series(np.arange(len(articles)), index=articles["doc_id"].to_numpy())
    p = passages[passages["doc_id"].isin(row_of.index)]
    rows = row_of.loc[p["doc_id"].to_numpy()].to_numpy(dtype=np.int64)
    spans = _Spans(texts, rows, "Counting shared words")
    lo, hi = spans.word_interval(rows, p["start"].to_numpy(dtype=np.int64), p["end"].to_numpy(dtype=np.int64))
    n_words = spans.n_words
    return n_words, p, rows, lo, hi


@keyword_only("passages", since="0.2")
@fill_doc
def add_shared_share(articles: pd.DataFrame, *, passages: pd.DataFrame | None = None, min_words: int = 8,
                     text: str = "text") -> pd.DataFrame:
    """The articles with ``shared_words``, ``shared_share`` and ``shared_with`` added.

    ``shared_words``: words of the article inside any shared passage (overlapping passages
    counted once); ``shared_share``: that over all its words (0 to 1; 0 for an empty text);
    ``shared_with``: how many other articles share at least one passage with it.
    ``min_words`` is used to find the passages when they are not given.

    {params.passages}
    {params.text}

    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["One two three four five six."] * 2})
    >>> add_shared_share(arts, min_words=3)[["shared_words", "shared_share", "shared_with"]].to_dict("list")
    {'shared_words': [6, 6], 'shared_share': [1.0, 1.0], 'shared_with': [1, 1]}
    """
    require_columns(articles, ["doc_id", text], what="articles table")
    check_unique_ids(articles)
    if passages is None:
        passages = find_shared_passages(articles, min_words=min_words, text=text)
    n_words, p, rows, lo, hi = passage_words(articles, passages, text)
    shared = covered(rows, lo, hi, len(articles))
    out = articles.copy()
    out["shared_words"] = shared
    out["shared_share"] = np.divide(shared, n_words, out=np.zeros(len(shared)), where=n_words > 0)
    out["shared_with"] = _partners(rows, p["passage_id"].to_numpy(), len(articles))
    return out


def _partners(rows: np.ndarray, passage_ids: np.ndarray, n: int) -> np.ndarray:
    """Other articles each article shares a passage with (a sparse product: no loop over pairs)."""
    from scipy import sparse

    if not len(rows):
        return np.zeros(n, dtype=np.int64)
    cols = pd.factorize(passage_ids)[0]
    x = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(n, cols.max() + 1))
    x.data[:] = 1  # duplicates summed by the constructor: back to 0/1
    together = (x @ x.T).tocsr()
    has_any = np.asarray(x.sum(axis=1)).ravel() > 0
    return (np.diff(together.indptr) - has_any).astype(np.int64)


