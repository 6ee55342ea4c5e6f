"""Articles as vectors: a document × term matrix of counts, and its tf-idf weights.

What topics (:func:`find_topics`), the article map (:func:`find_article_map`) and tf-idf
similarity (``similarity_matrix(method="tfidf")``) are computed from, built once here.
Input is an articles table (tokenized here), a tokens table, or a counts table per
article (``count_terms(tokens, by="doc_id")``).

>>> import pandas as pd
>>> toks = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "token": ["kyiv", "the", "kyiv", "kiev"]})
>>> dt = document_term_matrix(toks, stopwords=None)   # the shipped stop words left out
>>> dt.terms.tolist(), dt.matrix.toarray().tolist()
(['kiev', 'kyiv'], [[0, 2], [1, 0]])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.validation import require_columns
from ..text.patterns import word_terms
from ..text.stopwords import stopwords as shipped_stopwords
from ..text.tokens import tokenize


@dataclass
class DocumentTerms:
    """``matrix`` (documents × terms, counts, scipy CSR), its ``terms`` (sorted) and ``documents``.

    ``documents`` has one row per matrix row: ``doc_id`` and the metadata columns found.
    """

    matrix: object
    terms: pd.Index
    documents: pd.DataFrame


def input_kind(frame: pd.DataFrame, *, token: str = "token") -> str:
    """``"tokens"``, ``"counts"`` or ``"articles"``: what kind of table ``frame`` is (or a clear error)."""
    if not isinstance(frame, pd.DataFrame):
        require_columns(frame, [], what="articles, tokens or counts table")
    if token in frame.columns:
        require_columns(frame, ["doc_id"], what="tokens table")
        return "tokens"
    if "term" in frame.columns and "n" in frame.columns:
        if "doc_id" not in frame.columns:
            raise KeyError("The counts table has no 'doc_id' column: count the terms per article, "
                           "count_terms(tokens, by='doc_id').")
        return "counts"
    if "text" in frame.columns:
        require_columns(frame, ["doc_id"], what="articles table")
        return "articles"
    raise KeyError(f"Expected an articles table (doc_id, text), a tokens table (doc_id, {token}) or a counts table "
                   f"per article (doc_id, term, n). Its columns are: {', '.join(map(str, frame.columns)) or 'none'}.")


def _stop_set(stopwords) -> set:
    if stopwords is None:
        stopwords = shipped_stopwords()
    words = stopwords["word"] if isinstance(stopwords, pd.DataFrame) else pd.Series(list(stopwords), dtype=object)
    return set(words.astype(str).str.lower().str.replace("’", "'"))


def document_term_matrix(frame: pd.DataFrame, *, token: str = "token", stopwords=(), metadata=(),
                         min_docs: int = 1, max_share: float = 1.0, words_only: bool = False,
                         vocabulary=None) -> DocumentTerms:
    """Counts of every term in every article (rows in the order articles first appear).

    ``stopwords``: words left out (None: the shipped English list; a list or a table with a
    ``word`` column). Terms used by fewer than ``min_docs`` articles or by more than
    ``max_share`` of them are left out, and with ``words_only`` numbers and one-letter tokens
    ("2004", "6-3", "f": :func:`~corpus_tools.text.patterns.word_terms`); ``vocabulary`` (a list
    of terms) fixes the columns instead. From an articles table every article is a row, even one
    without words.

    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["Kyiv, Kyiv.", "Kiev and Kyiv."]})
    >>> dt = document_term_matrix(arts, stopwords=None, metadata=["outlet"])
    >>> dt.terms.tolist(), dt.matrix.toarray().tolist(), dt.documents.values.tolist()
    (['kiev', 'kyiv'], [[0, 2], [1, 1]], [['a', 'X'], ['b', 'Y']])
    """
    from scipy import sparse

    metadata = [metadata] if isinstance(metadata, str) else list(metadata)
    kind = input_kind(frame, token=token)
    present = [m for m in metadata if m in frame.columns]
    if kind == "articles":
        documents = frame[["doc_id", *present]].drop_duplicates("doc_id").reset_index(drop=True)
        documents["doc_id"] = documents["doc_id"].astype(str)
        frame = tokenize(frame, metadata=[])
        word, weights = frame["token"], None
    else:
        word = frame[token] if kind == "tokens" else frame["term"]
        weights = None if kind == "tokens" else frame["n"].to_numpy(dtype="int64")
    # Codes of the distinct values, each spelled out once (a categorical's own codes, not every token).
    doc_codes, doc_values = _codes(frame["doc_id"])
    if kind != "articles":  # the articles in order of appearance, with the metadata of their first row
        starts = np.flatnonzero(np.r_[True, doc_codes[1:] != doc_codes[:-1]]) if len(doc_codes) else doc_codes
        starts = starts[doc_codes[starts] >= 0]
        first = np.sort(starts[np.unique(doc_codes[starts], return_index=True)[1]])
        documents = frame.iloc[first][["doc_id", *present]].reset_index(drop=True)
        documents["doc_id"] = documents["doc_id"].astype(str)
    for c in present:  # plain values, not a tokens table's categories
        if isinstance(documents[c].dtype, pd.CategoricalDtype):
            documents[c] = documents[c].astype(documents[c].cat.categories.dtype)
    doc_index = pd.Index(documents["doc_id"])
    term_codes, vocab = _codes(word)
    vocab = pd.Index(vocab).astype(str)
    # Words left out whatever their counts are dropped before counting: fewer tokens to count.
    wanted = _wanted_words(vocab, stopwords=stopwords, words_only=words_only, vocabulary=vocabulary)
    term_of = np.where(wanted, np.cumsum(wanted) - 1, -1)
    vocab = vocab[wanted]
    row_of = np.append(doc_index.get_indexer(pd.Index(doc_values).astype(str)), -1)
    term_codes = np.append(term_of, -1)[term_codes]
    rows = row_of[doc_codes]
    ok = (term_codes >= 0) & (rows >= 0)
    data = np.ones(int(ok.sum()), dtype="int32") if weights is None else weights[ok]
    counts = sparse.csr_matrix((data, (rows[ok], term_codes[ok])), shape=(len(doc_index), len(vocab)))
    del rows, term_codes, ok, data
    counts.sum_duplicates()
    n_docs = np.bincount(counts.indices, minlength=counts.shape[1])
    keep = np.ones(len(vocab), dtype=bool) if vocabulary is not None else \
        (n_docs >= min_docs) & (n_docs <= max_share * counts.shape[0])
    keep = np.flatnonzero(keep)
    terms = vocab[keep]
    order = np.argsort(np.asarray(terms, dtype=object), kind="stable")
    matrix = counts[:, keep[order]].tocsr()
    if vocabulary is not None:  # the given vocabulary's columns, in its order (absent terms: empty columns)
        given = pd.Index(list(vocabulary), dtype="str")
        where = given.get_indexer(terms[order])
        matrix = sparse.csr_matrix((matrix.data, where[matrix.indices], matrix.indptr), shape=(len(doc_index),
                                                                                             len(given)))
        return DocumentTerms(matrix, given, documents)
    return DocumentTerms(matrix, pd.Index(terms[order], dtype="str"), documents)


def _codes(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes (-1: missing) and the values they stand for; a categorical's own codes, not refactorized."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy().astype("int64"), pd.Index(column.cat.categories)
    codes, values = pd.factorize(column)
    return codes, pd.Index(values)


def _wanted_words(vocab: pd.Index, *, stopwords, words_only, vocabulary) -> np.ndarray:
    """One boolean per word: not a stop word (and with ``words_only``, a word: ``word_terms``), or in ``vocabulary``."""
    if vocabulary is not None:
        return np.asarray(vocab.isin(pd.Index(list(vocabulary), dtype="str")))
    keep = np.ones(len(vocab), dtype=bool)
    stop = _stop_set(stopwords)
    if stop:
        keep &= ~np.asarray(vocab.str.replace("’", "'").isin(stop))
    if words_only:
        keep &= word_terms(vocab)
    return keep


def tf_idf_matrix(counts, *, idf=None):
    """Tf-idf rows of unit length, and the idf used: ``(matrix, idf)``.

    tf = 1 + ln(count) (counts above 0), idf = ln((1 + documents) / (1 + documents with the
    term)) + 1, each row divided by its Euclidean length: scikit-learn's ``TfidfTransformer``
    with ``sublinear_tf=True`` (the defaults otherwise). Pass ``idf`` to weigh new rows as
    earlier ones were. Rows without any term stay zero.

    >>> from scipy import sparse
    >>> x, idf = tf_idf_matrix(sparse.csr_matrix([[1, 0], [1, 1]]))
    >>> x.toarray().round(3).tolist(), idf.round(3).tolist()
    ([[1.0, 0.0], [0.58, 0.815]], [1.0, 1.405])
    """
    from scipy import sparse

    x = sparse.csr_matrix(counts, dtype="float64", copy=True)
    x.eliminate_zeros()
    if idf is None:
        n_docs = np.bincount(x.indices, minlength=x.shape[1])
        idf = np.log((1.0 + x.shape[0]) / (1.0 + n_docs)) + 1.0
    x.data = (1.0 + np.log(x.data)) * idf[x.indices]
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    x = sparse.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)) @ x
    return x.tocsr(), idf
