"""Term frequencies and n-grams as tidy tables: one row per (group, term).

>>> import pandas as pd
>>> toks = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "sent_id": [0, 0, 0, 0],
...                      "position": [0, 1, 2, 0], "token": ["kyiv", "said", "kyiv", "kiev"],
...                      "outlet": ["X", "X", "X", "TASS"]})
>>> count_terms(toks, by="outlet").values.tolist()
[['TASS', 'kiev', 1, 1.0, 1], ['X', 'kyiv', 2, 0.6666666666666666, 1], ['X', 'said', 1, 0.3333333333333333, 1]]

Numbers and one-letter tokens are left out unless ``words_only=False``:

>>> toks = pd.DataFrame({"doc_id": ["a"] * 4, "token": ["u.s.", "22", "f", "u.s."]})
>>> count_terms(toks)["term"].tolist(), count_terms(toks, words_only=False)["term"].tolist()
(['u.s.'], ['u.s.', '22', 'f'])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.deprecation import renamed_parameter
from ..core.docstrings import fill_doc
from ..core.validation import as_list, require_columns, require_group_columns
from ..text.patterns import word_terms
from ..text.stopwords import is_auto, remove_stopwords, stop_table


@renamed_parameter(old="n", new="ngram", since="0.2")
@fill_doc
def ngrams(tokens: pd.DataFrame, *, ngram: int = 2, token: str = "token", sep: str = " ") -> pd.DataFrame:
    """One row per n-gram: the tokens table with ``token`` holding ``ngram`` consecutive tokens.

    N-grams never cross a sentence boundary; they are built from consecutive rows of
    the table as given (so after stop-word removal they join the remaining words).

    {params.ngram}
    {params.token}

    >>> toks = pd.DataFrame({"doc_id": ["a"] * 3, "sent_id": [0, 0, 1], "position": [0, 1, 2],
    ...                      "token": ["big", "win", "today"]})
    >>> ngrams(toks, ngram=2)["token"].tolist()
    ['big win']
    """
    require_columns(tokens, ["doc_id", "sent_id", token], what="tokens table")
    n = ngram
    if n == 1:
        return tokens.copy()
    if n < 1:
        raise ValueError("ngram must be 1 or more")
    t = tokens.reset_index(drop=True)
    if len(t) < n:
        return t.iloc[:0].copy()
    idx, gram_codes, spellings = _ngram_codes(t, n, token, sep)
    out = t.iloc[idx].reset_index(drop=True)
    out[token] = pd.Categorical.from_codes(gram_codes, categories=spellings)
    return out


def _ngram_codes(t: pd.DataFrame, n: int, token: str, sep: str):
    """``(rows, codes, spellings)``: the first token's row of each n-gram, its code, and the sorted spellings.

    N-grams are codes made from word codes; each distinct n-gram is spelled once (in Arrow), never once per
    occurrence.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    codes, vocab = _codes(t[token])
    doc = _codes(t["doc_id"])[0]
    sent = t["sent_id"].to_numpy()
    m = max(len(t) - n + 1, 0)
    ok = np.ones(m, dtype=bool)
    for k in range(1, n):
        ok &= (doc[k:k + m] == doc[:m]) & (sent[k:k + m] == sent[:m])
    del doc
    idx = np.flatnonzero(ok)
    del ok
    key = codes[idx].astype("int64")
    for k in range(1, n):
        key = key * (len(vocab) + 1) + codes[idx + k]
        if k < n - 1:  # keep the numbers small for the next word
            key = pd.factorize(key)[0].astype("int64")
    gram_codes, _ = pd.factorize(key)
    del key
    first = np.empty(int(gram_codes.max()) + 1 if len(gram_codes) else 0, dtype="int64")
    first[gram_codes[::-1]] = idx[::-1]
    words = pa.array([str(w) for w in vocab], type=pa.large_string())
    parts = [words.take(pa.array(codes[first + k])) for k in range(n)]
    spelled = pc.binary_join_element_wise(*parts, pa.scalar(sep, type=pa.large_string()))
    # The same spelling from different words (a token holding ``sep``) is one n-gram; spellings sorted
    # in code point order, as Python sorts strings.
    encoded = pc.dictionary_encode(spelled)
    order = pc.array_sort_indices(encoded.dictionary).to_numpy()
    rank = np.empty(len(order), dtype="int32")
    rank[order] = np.arange(len(order), dtype="int32")
    spellings = pd.Index(pd.array(encoded.dictionary.take(pa.array(order)), dtype="str"))
    return idx, rank[encoded.indices.to_numpy()][gram_codes], spellings


@fill_doc
def count_terms(
    tokens: pd.DataFrame,
    *,
    by=None,
    ngram: int = 1,
    token: str = "token",
    text: str = "text",
    words_only: bool = True,
    stopwords=None,
    extra=(),
) -> pd.DataFrame:
    """How often each term occurs: ``[*by], term, n, share, n_docs``.

    ``share`` is n divided by all terms counted in the group (so shares sum to 1 per group);
    ``n_docs`` is the number of articles of the group that use the term. ``by="outlet"``
    needs an ``outlet`` column in the tokens table (``tokenize(articles, metadata=["outlet"])``).
    Rows are sorted by group, then by ``n`` (largest first), then term. Counts of a million
    tokens or more are cached on disk (see :mod:`corpus_tools.core.cache`). N-grams are made
    first, then those with a number or one-letter token in them are left out.

    An articles table (a ``text`` column, no ``token`` column) is counted straight from its
    texts, several times faster than tokenizing first, and gives the same table as
    ``count_terms(tokenize(articles, metadata=by), by=by)`` row for row (default ``tokenize``:
    lowercased, not stemmed); ``by`` columns are then article columns. N-grams (``ngram=2``...)
    need sentences, so for them the articles are tokenized first.

    ``stopwords``, ``extra``: stop words left out before counting, as :func:`remove_stopwords`
    takes them (``"auto"``: each article's own language, from its ``language`` column; a list;
    a language), so ``share`` is among the words kept. ``None`` (default): every word counted.
    ``count_terms(articles, by="outlet", stopwords="auto", extra=["said"])`` gives the table of
    ``count_terms(remove_stopwords(tokenize(articles, metadata=["outlet", "language"]), stopwords="auto",
    extra=["said"]), by="outlet")``, without making the tokens.

    {params.by}
    {params.ngram}
    {params.token}
    {params.text}
    {params.words_only}

    >>> toks = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": [0, 0, 0], "token": ["kyiv", "kyiv", "kiev"]})
    >>> count_terms(toks).values.tolist()
    [['kyiv', 2, 0.6666666666666666, 1], ['kiev', 1, 0.3333333333333333, 1]]
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["Kyiv, Kyiv!", "Kiev."]})
    >>> count_terms(arts, by="outlet").values.tolist()
    [['X', 'kyiv', 2, 1.0, 1], ['Y', 'kiev', 1, 1.0, 1]]
    """
    by = as_list(by)
    stopwords = [] if stopwords is None and len(extra) else stopwords  # (None: no list, only the extra words)
    auto = is_auto(stopwords)
    if _is_articles(tokens, token, text):
        require_columns(tokens, ["doc_id", text, *by, *(["language"] if auto else [])], what="articles table")
        if ngram == 1:
            return TermMatrix(tokens, by=by, text=text, words_only=words_only, stopwords=stopwords,
                              extra=extra).count()
        from ..text.tokens import tokenize

        meta = [b for b in dict.fromkeys([*by, *(["language"] if auto else [])]) if b != "doc_id"]
        tokens = tokenize(tokens, text=text, metadata=meta)
        token = "token"
    if stopwords is not None:
        tokens = remove_stopwords(tokens, stopwords=stopwords, extra=extra, token=token)
    require_columns(tokens, ["doc_id", token], what="tokens table")
    require_group_columns(tokens, by)
    from ..core.cache import cached

    def compute():
        grams = tokens
        if ngram != 1:  # only the columns counted: n-grams of the whole table would copy every column
            needed = list(dict.fromkeys(["doc_id", "sent_id", token, *by]))
            grams = ngrams(tokens[needed], ngram=ngram, token=token)
        matrix = TermMatrix(grams, by=by, token=token, words_only=words_only)
        del grams  # (the n-grams' table is not needed while the counts are made)
        return matrix.count()

    columns = ["doc_id", token, *by] + (["sent_id"] if ngram != 1 else [])
    params = {"by": by, "ngram": ngram, "token": token, "words_only": words_only}
    return cached(tokens, columns, "count_terms", params, compute, use=len(tokens) >= CACHE_MIN_TOKENS)


def _is_articles(frame: pd.DataFrame, token: str, text: str) -> bool:
    """Whether ``frame`` is an articles table (texts to count) rather than a tokens table."""
    return token not in frame.columns and text in frame.columns


# Smaller tables are counted faster than a cached result is found.
CACHE_MIN_TOKENS = 1_000_000


class TermMatrix:
    """Counts of every term in every (article, group), held as a sparse matrix.

    :func:`count_terms` builds one and counts once. An explorer that recounts after
    every filter change keeps one and calls :meth:`count` with the chosen articles,
    which takes milliseconds instead of regrouping millions of tokens.

    >>> toks = pd.DataFrame({"doc_id": ["a", "a", "b"], "token": ["kyiv", "kyiv", "kiev"], "outlet": ["X", "X", "Y"]})
    >>> tm = TermMatrix(toks, by="outlet")
    >>> tm.count(doc_ids=["b"]).values.tolist()
    [['Y', 'kiev', 1, 1.0, 1]]

    ``words_only`` (default True) leaves out numbers and one-letter tokens, as :func:`count_terms` does.
    An articles table (a ``text`` column, no ``token`` column) is counted straight from its texts.
    """

    def __init__(self, tokens: pd.DataFrame, *, by=None, token: str = "token", text: str = "text",
                 words_only: bool = True, stopwords=None, extra=()):
        self.by = as_list(by)
        stopwords = [] if stopwords is None and len(extra) else stopwords  # (None: no list, only the extra words)
        if _is_articles(tokens, token, text):
            require_columns(tokens, ["doc_id", text, *self.by], what="articles table")
            self._from_articles(tokens, text, stopwords, extra)
        else:
            require_columns(tokens, ["doc_id", token, *self.by], what="tokens table")
            if stopwords is not None:
                tokens = remove_stopwords(tokens, stopwords=stopwords, extra=extra, token=token)
            self._from_tokens(tokens, token)
        if words_only:  # numbers and one-letter tokens: their columns dropped, each distinct term looked at once
            keep = word_terms(self._terms)
            if not keep.all():
                self.matrix = self.matrix[:, np.flatnonzero(keep)]
                self._terms = self._terms[keep]
        self._term_rank = _ranks(self._terms)

    def _from_tokens(self, tokens: pd.DataFrame, token: str) -> None:
        from scipy import sparse

        # One matrix row per (article, group) pair: a group may differ within an article. Tokens come
        # article by article: runs of equal (article, group) are found on the small codes, and only the
        # runs' keys are factorized (no array of one 8-byte key per token).
        doc_codes, self._docs = _codes(tokens["doc_id"])
        group_codes = [_codes(tokens[b]) for b in self.by]
        change = np.ones(len(doc_codes), dtype=bool)
        np.not_equal(doc_codes[1:], doc_codes[:-1], out=change[1:])
        for codes, _ in group_codes:
            change[1:] |= codes[1:] != codes[:-1]
        starts = np.flatnonzero(change)
        del change
        key = doc_codes[starts].astype("int64")
        for codes, uniques in group_codes:
            key = key * (len(uniques) + 1) + codes[starts]
        run_rows, row_keys = pd.factorize(key)
        run_lengths = np.diff(np.r_[starts, len(doc_codes)])
        first = starts[np.unique(run_rows, return_index=True)[1]]
        self._row_doc = doc_codes[first]
        self._row_groups = [codes[first] for codes, _ in group_codes]
        self._group_values = [uniques for _, uniques in group_codes]
        term_codes, self._terms = _codes(tokens[token])
        n_rows = len(row_keys)
        ones = np.ones(len(term_codes), dtype="int32")
        if len(run_rows) and (np.diff(run_rows) >= 0).all():
            # Rows in order (the usual case): build the CSR arrays directly, no COO sort.
            indptr = np.r_[0, np.cumsum(np.bincount(run_rows, weights=run_lengths, minlength=n_rows))].astype("int64")
            # (a copy: the categorical's codes are read-only, and the indices are sorted in place)
            self.matrix = sparse.csr_matrix((ones, np.array(term_codes, dtype="int32"), indptr),
                                            shape=(n_rows, len(self._terms)))
            self.matrix.sum_duplicates()
        else:
            row_of_token = np.repeat(run_rows.astype("int32"), run_lengths)
            self.matrix = sparse.csr_matrix((ones, (row_of_token, term_codes)), shape=(n_rows, len(self._terms)))

    def _from_articles(self, articles: pd.DataFrame, text: str, stopwords, extra) -> None:
        """Rows and groups as the tokens table of ``tokenize(articles, metadata=by)`` would give them."""
        from scipy import sparse

        from ..text.term_counts import term_counts
        from ..text.tokens import doc_id_column, repeat_column

        counts, vocab = term_counts(articles[text])
        if stopwords is not None:
            counts = _without_stopwords(counts, vocab, articles, stopwords, extra)
        ones = np.ones(len(articles), dtype="int64")
        doc = pd.Series(doc_id_column(articles["doc_id"], ones), copy=False)
        doc_codes, self._docs = _codes(doc)
        key = doc_codes.astype("int64")
        group_codes = []
        for b in self.by:
            codes, uniques = _codes(doc if b == "doc_id" else pd.Series(repeat_column(articles[b], ones), copy=False))
            group_codes.append((codes, uniques))
            key = key * (len(uniques) + 1) + codes
        # Articles without a token have no row (as they have no token in a tokens table); articles
        # with the same id and group share one.
        used = np.flatnonzero(np.diff(counts.indptr) > 0)
        row_of_article, row_keys = pd.factorize(key[used])
        first = used[np.unique(row_of_article, return_index=True)[1]]
        counts = counts[used]
        if len(row_keys) < len(used):
            merge = sparse.csr_matrix((np.ones(len(used), dtype="int64"), (row_of_article, np.arange(len(used)))),
                                      shape=(len(row_keys), len(used)))
            counts = (merge @ counts).tocsr()
        self.matrix = counts
        self._row_doc = doc_codes[first]
        self._row_groups = [codes[first] for codes, _ in group_codes]
        self._group_values = [uniques for _, uniques in group_codes]
        self._terms = pd.Index(vocab, dtype="str")

    def count(self, *, doc_ids=None) -> pd.DataFrame:
        """The :func:`count_terms` table for the given articles (all when None)."""
        from scipy import sparse

        rows = np.arange(self.matrix.shape[0])
        if doc_ids is not None:
            wanted = pd.Index(self._docs).get_indexer(pd.Index(pd.unique(pd.Series(list(doc_ids), dtype=object))))
            keep = np.zeros(len(self._docs), dtype=bool)
            keep[wanted[wanted >= 0]] = True
            rows = rows[keep[self._row_doc]]
        m = self.matrix[rows] if doc_ids is not None else self.matrix
        # Group of each selected row, as one code over all grouping columns.
        if self.by:
            combo = np.zeros(len(rows), dtype="int64")
            for codes, values in zip(self._row_groups, self._group_values):
                combo = combo * (len(values) + 1) + codes[rows]
            group_of_row, group_keys = pd.factorize(combo, sort=True)
        else:
            group_of_row, group_keys = np.zeros(len(rows), dtype="int64"), np.array([0])
        g = sparse.csr_matrix((np.ones(len(rows), dtype="int64"), (group_of_row, np.arange(len(rows)))),
                              shape=(len(group_keys), len(rows)))
        n = (g @ m).tocsr()
        # Every stored count is positive: articles using a term are its stored entries.
        present = sparse.csr_matrix((np.ones(m.nnz, dtype="int32"), m.indices, m.indptr), shape=m.shape)
        docs = (g @ present).tocsr()
        del present
        n.sort_indices()
        docs.sort_indices()
        # Both products have the same non-zero pattern, so their data arrays line up.
        group_idx = np.repeat(np.arange(n.shape[0]), np.diff(n.indptr))
        keep = n.data > 0
        group_idx, term_idx = group_idx[keep], n.indices[keep]
        counts, n_docs = n.data[keep].astype("int64"), docs.data[keep].astype("int64")
        totals = np.bincount(group_idx, weights=counts, minlength=n.shape[0])
        columns = {}
        group_rank = np.zeros(n.shape[0], dtype="int64")
        if self.by:
            first_row = pd.Series(np.arange(len(rows))).groupby(group_of_row).first().to_numpy()
            groups = pd.DataFrame({b: np.asarray(values, dtype=object)[codes[rows][first_row]]
                                   for b, codes, values in zip(self.by, self._row_groups, self._group_values)})
            # Groups in the order sort_values puts their values (missing last).
            group_rank[groups.sort_values(self.by, kind="stable").index.to_numpy()] = np.arange(len(groups))
            for b in self.by:
                columns[b] = groups[b].to_numpy()[group_idx]
        # By group, then n (largest first), then term, as sort_values would, on integers.
        order = np.lexsort((self._term_rank[term_idx], -counts, group_rank[group_idx]))
        out = pd.DataFrame({b: v[order] for b, v in columns.items()})
        out["term"] = _take_strings(self._terms, term_idx[order])
        out["n"] = counts[order]
        out["share"] = counts[order] / totals[group_idx[order]]
        out["n_docs"] = n_docs[order]
        return out


def _without_stopwords(counts, vocab, articles: pd.DataFrame, stopwords, extra):
    """The counts matrix (one row per article) without the stop words of each article's language."""
    if is_auto(stopwords):
        lang_codes, langs = pd.factorize(articles["language"].astype("str"))
    else:
        lang_codes, langs = np.zeros(len(articles), dtype="int64"), [None]
    sizes = np.bincount(lang_codes, weights=np.asarray(counts.sum(axis=1)).ravel(), minlength=len(langs))
    table = stop_table(vocab, langs, stopwords=stopwords, extra=extra, sizes=sizes, stacklevel=6)
    stop = table[np.repeat(lang_codes, np.diff(counts.indptr)), counts.indices]
    if stop.any():
        counts = counts.copy()
        counts.data[stop] = 0
        counts.eliminate_zeros()
    return counts


def _codes(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes and the values they stand for (a categorical's own codes when it has no missing value)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
        if len(codes) == 0 or codes.min() >= 0:
            return codes, column.cat.categories  # (int8 to int32: widen before arithmetic)
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    return codes, uniques


def _arrow_strings(values):
    """``values`` as an Arrow array of strings, or None (other values: the slow way)."""
    import pyarrow as pa

    if not (isinstance(values.dtype, pd.StringDtype) or values.dtype == object) or len(values) == 0:
        return None
    try:
        arrow = pa.array(values.array)  # (an Arrow-backed column is handed over without a copy)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if isinstance(arrow, pa.ChunkedArray):
        arrow = arrow.combine_chunks()
    return arrow if pa.types.is_string(arrow.type) or pa.types.is_large_string(arrow.type) else None


def _take_strings(values: pd.Index, idx: np.ndarray) -> pd.Series:
    """``values[idx]`` as a ``str`` column; strings are copied in Arrow, not made into Python objects one by one."""
    import pyarrow as pa

    arrow = _arrow_strings(values)
    if arrow is None or arrow.null_count:
        return pd.Series(np.asarray(values, dtype=object)[idx], dtype="str")
    return pd.Series(pd.array(arrow.take(pa.array(idx)), dtype="str"))


def _ranks(values) -> np.ndarray:
    """Position of each value when the values are sorted as strings."""
    import pyarrow.compute as pc

    values = pd.Index(values)
    arrow = _arrow_strings(values)
    if arrow is not None and not arrow.null_count:  # sorted in Arrow: code point order, as Python sorts strings
        rank = np.empty(len(values), dtype="int64")
        rank[pc.array_sort_indices(arrow).to_numpy()] = np.arange(len(values))
        return rank
    missing = np.asarray(values.isna())
    # Missing values sort last, as in sort_values.
    strings = np.where(missing, "", np.asarray(values.astype(str), dtype=object))
    order = np.lexsort((strings, missing))
    rank = np.empty(len(order), dtype="int64")
    rank[order] = np.arange(len(order))
    return rank
