"""Topics of a corpus larger than memory: NMF learned part by part (scikit-learn's MiniBatchNMF).

1. Every partition is tokenized once to count in how many articles each word occurs, and a
   sample of its articles (``sample`` in all, drawn with ``seed``) is kept as word counts.
2. The vocabulary (as :func:`corpus_tools.find_topics` chooses it, at most ``max_terms``
   words) and the idf are fixed from those counts; the topics are first found on the sample
   with the same NMF as the pandas function.
3. Every partition is tokenized again into tf-idf rows (kept on the workers); the topics are
   refined with ``MiniBatchNMF.partial_fit`` on every partition in turn (rows shuffled with
   ``seed``), then each article's topic shares are worked out from the final topics.

The same corpus, partitions and seed give the same tables. The tf-idf rows of every article
are held in the workers' memory until the documents table is computed (about 12 bytes per
distinct word of an article: some 200 MB per 100,000 news articles).
"""

from __future__ import annotations

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd

from ..analysis.topics import Topics, document_topics, fit_nmf, small_corpus_warning, topic_order, topic_terms
from ..analysis.vectors import document_term_matrix, tf_idf_matrix
from ..core.docstrings import fill_doc
from ..core.parallel import as_task
from ..core.validation import require_columns
from .computing import compute_list, meta_of, persist_list, wanted_columns


def _counts(part: pd.DataFrame, *, text, metadata, stopwords, vocabulary=None):
    frame = part.rename(columns={text: "text"}) if text != "text" else part
    with as_task():
        return document_term_matrix(frame.astype({"doc_id": "str"}), stopwords=stopwords, metadata=metadata,
                                    words_only=True, vocabulary=vocabulary)


def _survey(part: pd.DataFrame, index: int, *, text, stopwords, seed, per_part) -> dict:
    """Pass 1 on one partition: document frequencies of its words, and the counts of a sample of its articles."""
    dt = _counts(part, text=text, metadata=[], stopwords=stopwords)
    m = dt.matrix
    rng = np.random.default_rng([seed, index])
    rows = np.sort(rng.choice(m.shape[0], size=min(per_part, m.shape[0]), replace=False))
    return {"terms": dt.terms, "n_docs": np.bincount(m.indices, minlength=m.shape[1]), "n": m.shape[0],
            "sample": m[rows]}


def _tfidf_rows(part: pd.DataFrame, *, text, metadata, stopwords, vocabulary, idf):
    """Pass 2: the partition's tf-idf rows over the fixed vocabulary, and its articles' metadata."""
    dt = _counts(part, text=text, metadata=metadata, stopwords=stopwords, vocabulary=vocabulary)
    return tf_idf_matrix(dt.matrix, idf=idf)[0], dt.documents


def _shares(rows, model) -> np.ndarray:
    return model.transform(rows[0])


def _documents(rows, w, order, labels) -> pd.DataFrame:
    return document_topics(w[:, order], rows[1], labels)


@fill_doc
def find_topics(articles: dd.DataFrame, *, n_topics: int = 10, seed: int = 0, n_terms: int = 10, min_docs: int = 2,
                max_share: float = 0.5, max_terms: int = 20_000, sample: int = 10_000, stopwords=None,
                text: str = "text", metadata=("outlet", "date", "title"), progress=None) -> Topics:
    """:func:`corpus_tools.find_topics` for a Dask DataFrame of articles, learned partition by partition.

    Returns the same two tables: ``terms`` (a pandas table) and ``documents`` (a lazy Dask
    DataFrame: compute it, or pass it to :func:`timeline`). The topics are not those of the
    pandas function exactly: they are first found on ``sample`` articles, then refined with
    scikit-learn's ``MiniBatchNMF`` over every partition (see the module's description).
    The vocabulary keeps at most ``max_terms`` words, those used by the most articles.

    {params.text}
    {params.metadata}
    {params.progress}

    >>> import dask.dataframe as dd, warnings
    >>> arts = pd.DataFrame({"doc_id": list("abcd"), "text": ["Goal, match, team.", "Match, goal, team.",
    ...                                                      "Tax, budget, bank.", "Budget, tax, bank."]})
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")    # (four articles are far too few: a warning says so)
    ...     topics = find_topics(dd.from_pandas(arts, npartitions=2), n_topics=2, min_docs=1, max_share=1.0,
    ...                          progress=False)
    >>> main = topics.documents.compute().query("main")
    >>> dict(zip(main["doc_id"], main["topic"]))
    {'a': 2, 'b': 2, 'c': 1, 'd': 1}
    """
    metadata = [metadata] if isinstance(metadata, str) else list(metadata)
    empty = meta_of(articles, "articles table", "find_topics")
    require_columns(empty, ["doc_id", text], what="articles table")
    if not isinstance(n_topics, (int, np.integer)) or n_topics < 1:
        raise ValueError(f"n_topics={n_topics!r}: give a whole number of topics, 1 or more.")
    needed = wanted_columns(empty, ["doc_id", text, *metadata])
    parts = articles[needed].to_delayed()
    per_part = -(-sample // len(parts))
    survey = dask.delayed(_survey, pure=True)
    found = compute_list([survey(p, i, text=text, stopwords=stopwords, seed=seed, per_part=per_part)
                          for i, p in enumerate(parts)], desc="Counting words", progress=progress)
    n_docs = sum(f["n"] for f in found)
    df = pd.concat([pd.Series(f["n_docs"], index=f["terms"]) for f in found]).groupby(level=0).sum()
    vocabulary = _vocabulary(df, n_docs, min_docs=min_docs, max_share=max_share, max_terms=max_terms, k=n_topics)
    idf = np.log((1.0 + n_docs) / (1.0 + df.reindex(vocabulary).to_numpy(dtype="float64"))) + 1.0
    from scipy import sparse

    picked = sparse.vstack([_columns(f["sample"], f["terms"], vocabulary) for f in found]).tocsr()
    k = int(min(n_topics, picked.shape[0], len(vocabulary)))
    if k < 1:
        raise ValueError(f"No words to find topics in ({n_docs} articles).")
    small_corpus_warning(n_docs, n_topics, k)
    start, _ = fit_nmf(tf_idf_matrix(picked, idf=idf)[0], k, seed=seed)
    rows = dask.delayed(_tfidf_rows, pure=True)
    held = persist_list([rows(p, text=text, metadata=metadata, stopwords=stopwords, vocabulary=vocabulary, idf=idf)
                         for p in parts], desc="Weighing words (tf-idf)", progress=progress)
    model = _refine(held, start, k, seed=seed, progress=progress)
    weights = persist_list([dask.delayed(_shares, pure=True)(r, model) for r in held], desc="Topic shares",
                           progress=progress)
    totals = compute_list([dask.delayed(_row_share_sums)(w) for w in weights], desc="Adding up", progress=False)
    order = topic_order(np.vstack(totals))
    terms = topic_terms(model.components_[order], vocabulary, n_terms=n_terms)
    labels = terms["label"].dtype
    meta = document_topics(np.zeros((0, k)), pd.DataFrame({c: empty[c] for c in needed if c != text}), labels)
    meta["doc_id"] = meta["doc_id"].astype("str")
    docs = dd.from_delayed([dask.delayed(_documents, pure=True)(r, w, order, labels) for r, w in zip(held, weights)],
                           meta=meta, verify_meta=False)
    return Topics(terms, docs)


def _row_share_sums(w: np.ndarray) -> np.ndarray:
    """Per topic, the sum over articles of its share of the article (what orders the topics); one row."""
    total = w.sum(axis=1, keepdims=True)
    return np.divide(w, total, out=np.zeros_like(w), where=total > 0).sum(axis=0, keepdims=True) if len(w) else \
        np.zeros((1, w.shape[1]))


def _vocabulary(df: pd.Series, n_docs: int, *, min_docs, max_share, max_terms, k) -> pd.Index:
    """The words kept, sorted: used by at least ``min_docs`` articles and at most ``max_share`` of them."""
    keep = df[(df >= min_docs) & (df <= max_share * n_docs)]
    if len(keep) < k:  # a tiny corpus: every word
        keep = df
    keep = keep.sort_index().sort_values(ascending=False, kind="stable").head(max_terms)
    return pd.Index(sorted(keep.index), dtype="str")


def _columns(matrix, terms: pd.Index, vocabulary: pd.Index):
    """``matrix`` (columns = ``terms``) with the columns of ``vocabulary`` (absent words: zeros)."""
    from scipy import sparse

    where = vocabulary.get_indexer(terms)
    coo = sparse.coo_matrix(matrix)
    keep = where[coo.col] >= 0
    return sparse.csr_matrix((coo.data[keep], (coo.row[keep], where[coo.col[keep]])),
                             shape=(coo.shape[0], len(vocabulary)))


def _refine(held: list, start, k: int, *, seed: int, progress=None, batch_size: int = 2048):
    """MiniBatchNMF started from the sample's topics, one pass over every partition (rows shuffled)."""
    import warnings

    from sklearn.decomposition import MiniBatchNMF
    from tqdm.auto import tqdm

    model = MiniBatchNMF(n_components=k, init="custom", random_state=seed, batch_size=batch_size, forget_factor=1.0)
    first = True
    bar = tqdm(total=len(held), desc="Refining topics", unit="part",
               disable=not (progress if progress is not None else len(held) > 1))
    for i, part in enumerate(held):
        x = part.compute()[0]
        x = x[np.random.default_rng([seed, i]).permutation(x.shape[0])]
        for a in range(0, x.shape[0], batch_size):
            batch = x[a:a + batch_size]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if first:
                    model.partial_fit(batch, W=start.transform(batch), H=start.components_.copy())
                    first = False
                else:
                    model.partial_fit(batch)
        bar.update(1)
    bar.close()
    if first:  # no rows at all: the sample's topics
        return start
    return model
