"""How alike whole articles are: shared-text containment between every pair (small corpora) and MinHash
near-duplicates (any size).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..analysis.vectors import document_term_matrix, tf_idf_matrix
from ..core.docstrings import fill_doc
from ..core.progress import progress_bar
from ..core.validation import require_columns
from .passages import (
    check_unique_ids,
    covered,
    find_shared_passages,
    group_starts,
    outlets_of,
    passage_words,
    shingles,
    texts_of,
)

PAIR_COLUMNS = ["doc_id_a", "doc_id_b", "similarity", "outlet_a", "outlet_b"]

# Above this many articles an exact matrix is too big to read (and to compute): use pairs.
MAX_MATRIX = 300


def _labels(articles: pd.DataFrame, label: str) -> list[str]:
    if label == "outlet: title" and label not in articles.columns:
        require_columns(articles, ["outlet", "title"], what="articles table")
        values = [f"{o}: {t}" for o, t in zip(articles["outlet"].fillna("unknown"), articles["title"].fillna(""))]
    else:
        require_columns(articles, [label], what="articles table")
        values = articles[label].fillna("").astype(str).tolist()
    counts = pd.Series(values).value_counts()
    # A matrix needs distinct labels: repeated ones get their doc_id.
    return [f"{v} [{d}]" if counts[v] > 1 else v for v, d in zip(values, articles["doc_id"])]


@fill_doc
def similarity_matrix(articles: pd.DataFrame, *, passages: pd.DataFrame | None = None, method: str = "containment",
                      label: str = "doc_id", min_words: int = 8, text: str = "text") -> pd.DataFrame:
    """A square table of how much each pair of articles shares (0 to 1), exact.

    ``method="containment"``: the share of the row article's words that are in passages it
    shares with the column article (not symmetric: a short article quoted whole by a long
    one has 1.0 on its row). ``method="jaccard"``: shared runs of ``min_words`` words over
    all distinct runs of the two (symmetric). ``method="tfidf"``: the cosine of the two
    articles' tf-idf vectors (stop words and words without a letter left out, weighed as
    :func:`find_topics` weighs them; symmetric): how alike their vocabulary is, whether or not
    they share a sentence. Index and columns are ``label``: a column
    (``doc_id``, ``title``...) or ``"outlet: title"``. The diagonal is 1. Up to
    :data:`MAX_MATRIX` articles; for more use :func:`find_similar_articles`.

    {params.passages}
    {params.text}

    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"],
    ...                      "text": ["One two three four.", "Two three four five six seven eight.", "Nine."]})
    >>> similarity_matrix(arts, min_words=3).round(2).values.tolist()
    [[1.0, 0.75, 0.0], [0.43, 1.0, 0.0], [0.0, 0.0, 1.0]]
    >>> similarity_matrix(arts, method="tfidf").round(2).values.tolist()
    [[1.0, 0.44, 0.0], [0.44, 1.0, 0.0], [0.0, 0.0, 1.0]]
    """
    require_columns(articles, ["doc_id", text], what="articles table")
    check_unique_ids(articles)
    if method not in ("containment", "jaccard", "tfidf"):
        raise ValueError(f"method must be 'containment', 'jaccard' or 'tfidf', got {method!r}.")
    n = len(articles)
    if n > MAX_MATRIX:
        raise ValueError(
            f"similarity_matrix compares every pair exactly and stops at {MAX_MATRIX} articles "
            f"(got {n}): a {n}×{n} table is too big to read. Use find_similar_articles(articles), "
            "which lists only the similar pairs and scales to large corpora, or filter the articles first."
        )
    labels = _labels(articles, label)
    if method == "jaccard":
        values = _exact_jaccard(texts_of(articles, text), min_words)
    elif method == "tfidf":
        values = _tfidf_cosine(articles, text)
    else:
        if passages is None:
            passages = find_shared_passages(articles, min_words=min_words, text=text, cache=False)
        values = _containment(articles, passages, text)
    np.fill_diagonal(values, 1.0)
    return pd.DataFrame(values, index=pd.Index(labels, name=label), columns=pd.Index(labels, name=label))


def _tfidf_cosine(articles, text) -> np.ndarray:
    frame = articles[["doc_id", text]].rename(columns={text: "text"}).astype({"doc_id": "str"})
    x, _ = tf_idf_matrix(document_term_matrix(frame, stopwords=None, words_only=True).matrix)
    return np.clip((x @ x.T).toarray(), 0.0, 1.0)


def _containment(articles, passages, text) -> np.ndarray:
    n = len(articles)
    n_words, p, rows, lo, hi = passage_words(articles, passages, text)
    own = pd.DataFrame({"passage_id": p["passage_id"].to_numpy(), "row": rows, "lo": lo, "hi": hi})
    pairs = own.merge(own[["passage_id", "row"]].drop_duplicates(), on="passage_id", suffixes=("", "_other"))
    pairs = pairs[pairs["row"] != pairs["row_other"]]
    cell = pairs["row"].to_numpy(dtype=np.int64) * n + pairs["row_other"].to_numpy(dtype=np.int64)
    words = covered(cell, pairs["lo"].to_numpy(), pairs["hi"].to_numpy(), n * n).reshape(n, n)
    return np.divide(words, n_words[:, None], out=np.zeros((n, n)), where=n_words[:, None] > 0)


def _shingle_sets(texts: list[str], k: int):
    """Each article's distinct shingle hashes: (article index, hash), sorted, no repeats."""
    doc, _, h, lengths = shingles(texts, k)
    order = np.lexsort((h, doc))
    doc, h = doc[order], h[order]
    keep = np.r_[True, (doc[1:] != doc[:-1]) | (h[1:] != h[:-1])] if len(h) else np.zeros(0, bool)
    return doc[keep], h[keep], len(lengths)


def _exact_jaccard(texts: list[str], k: int) -> np.ndarray:
    from scipy import sparse

    doc, h, n = _shingle_sets(texts, k)
    cols = pd.factorize(h)[0]
    x = sparse.csr_matrix(
        (np.ones(len(doc), dtype=np.int32), (doc, cols)), shape=(n, max(len(cols) and cols.max() + 1, 1))
    )
    inter = (x @ x.T).toarray().astype(float)
    size = np.bincount(doc, minlength=n).astype(float)
    union = size[:, None] + size[None, :] - inter
    return np.divide(inter, union, out=np.zeros((n, n)), where=union > 0)


def find_similar_articles(articles: pd.DataFrame, *, threshold: float = 0.5, num_perm: int = 128, min_words: int = 8,
                          text: str = "text") -> pd.DataFrame:
    """Pairs of articles whose runs of ``min_words`` words overlap a lot, found without comparing all pairs.

    One row per pair: ``doc_id_a, doc_id_b, similarity, outlet_a, outlet_b``, most similar
    first. ``similarity`` is the Jaccard similarity of the two articles' sets of word runs
    (shared over all), *estimated* from ``num_perm`` MinHash values (datasketch's "affine32"
    scheme; the estimate is off by about ``1/sqrt(num_perm)``, ±0.09 at 128). Candidate pairs
    come from datasketch's ``MinHashLSH`` and pairs estimated below ``threshold`` are dropped,
    so a pair near the threshold may be missed. Articles shorter than ``min_words`` are skipped.

    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"],
    ...                      "text": ["The same wire story about the summit, word for word.",
    ...                               "The same wire story about the summit, word for word!", "Something else."]})
    >>> find_similar_articles(arts, min_words=3).values.tolist()
    [['a', 'b', 1.0, 'X', 'Y']]
    """
    from datasketch import MinHashLSH

    require_columns(articles, ["doc_id", text], what="articles table")
    check_unique_ids(articles)
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be between 0 and 1, got {threshold}.")
    doc, h, _ = _shingle_sets(texts_of(articles, text), min_words)
    rows, signatures = _minhash_signatures(doc, h, num_perm)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sketches = [_as_minhash(s) for s in signatures]
    with lsh.insertion_session() as session:
        for r, m in zip(progress_bar(rows.tolist(), len(rows), "Indexing (MinHash LSH)"), sketches):
            session.insert(r, m, check_duplication=False)
    a_idx, b_idx = [], []
    for i, (r, m) in enumerate(zip(progress_bar(rows.tolist(), len(rows), "Querying (MinHash LSH)"), sketches)):
        for other in lsh.query(m):
            if other > r:
                a_idx.append(i)
                b_idx.append(int(np.searchsorted(rows, other)))
    a_idx, b_idx = np.asarray(a_idx, dtype=np.int64), np.asarray(b_idx, dtype=np.int64)
    sim = np.concatenate([(signatures[a_idx[s:s + 100_000]] == signatures[b_idx[s:s + 100_000]]).mean(axis=1)
                          for s in range(0, len(a_idx), 100_000)]) if len(a_idx) else np.zeros(0)
    keep = sim >= threshold
    ra, rb = rows[a_idx[keep]], rows[b_idx[keep]]
    ids, outlets = articles["doc_id"].to_numpy(dtype=object), outlets_of(articles)
    out = pd.DataFrame(
        {
            "doc_id_a": ids[ra],
            "doc_id_b": ids[rb],
            "similarity": sim[keep],
            "outlet_a": pd.Series(outlets[ra], dtype="str"),
            "outlet_b": pd.Series(outlets[rb], dtype="str"),
        }
    )
    return out.sort_values(["similarity", "doc_id_a", "doc_id_b"], ascending=[False, True, True], kind="stable",
                           ignore_index=True)


def _permutations(num_perm: int) -> np.ndarray:
    from datasketch import MinHash

    if num_perm not in _PERMUTATIONS:
        _PERMUTATIONS[num_perm] = MinHash(num_perm=num_perm, seed=1, scheme="affine32").permutations
    return _PERMUTATIONS[num_perm]


def _minhash_signatures(doc: np.ndarray, h: np.ndarray, num_perm: int):
    """datasketch's affine32 MinHash of every article's shingle set, computed for all articles at once.

    Same arithmetic as ``MinHash(hashfunc=...).update_batch``: the 32-bit input hash is mixed
    with MurmurHash3's finaliser, each permutation is ``a*h + b`` modulo 2^32, the minimum kept.
    """
    a, b = _permutations(num_perm)
    hv = (h >> np.uint64(32)).astype(np.uint32)
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    hv = hv ^ (hv >> np.uint32(16))
    starts = group_starts(doc)
    sig = np.empty((len(starts), num_perm), dtype=np.uint32)
    for j in range(num_perm):
        sig[:, j] = np.minimum.reduceat(hv * a[j] + b[j], starts) if len(starts) else 0
    return doc[starts].astype(np.int64), sig


def _as_minhash(values: np.ndarray):
    from datasketch import MinHash

    return MinHash(seed=1, hashvalues=values, permutations=_permutations(len(values)), scheme="affine32")


_PERMUTATIONS: dict[int, np.ndarray] = {}




@fill_doc
def similarity_overview(articles: pd.DataFrame, *, passages: pd.DataFrame | None = None, label: str = "outlet",
                        by: str = "outlet", threshold: float = 0.5) -> pd.DataFrame:
    """How much articles share, at any size: a square table for :func:`plot_similarity`, values 0 to 1.

    Up to :data:`MAX_MATRIX` articles, :func:`similarity_matrix` (every pair of articles compared
    exactly; rows and columns are articles named by ``label``). Above, every pair is too many:
    near-copies are found with :func:`find_similar_articles` (MinHash, Jaccard similarity of at
    least ``threshold``) and the table is ``by`` × ``by``: the share of the row group's articles
    that have a near-copy in the column group. ``attrs``: ``method`` (``"exact"`` or
    ``"minhash"``), ``pairs`` (the number of similar pairs; minhash only), ``title`` and ``note``
    (a sentence saying which method was used and why, to print above the chart).

    {params.passages}
        Used only for the exact table.

    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["Same words here.", "Same words."]})
    >>> similarity_overview(arts).attrs["method"]
    'exact'
    """
    n = len(articles)
    if n <= MAX_MATRIX:
        table = similarity_matrix(articles, passages=passages, label=label)
        table.attrs.update(method="exact", title="How much each pair of articles shares",
                           note=f"{n:,} article(s): every pair compared exactly (the share of the row article's "
                                "words found in passages it shares with the column article).")
        return table
    require_columns(articles, ["doc_id", by], what="articles table")
    pairs = find_similar_articles(articles, threshold=threshold)
    group = pd.Series(articles[by].fillna("unknown").astype(str).to_numpy(), index=articles["doc_id"].to_numpy())
    both = pd.DataFrame({"doc_id": np.r_[pairs["doc_id_a"].to_numpy(), pairs["doc_id_b"].to_numpy()],
                         "other": np.r_[pairs["doc_id_b"].to_numpy(), pairs["doc_id_a"].to_numpy()]})
    both = both.assign(row=group.reindex(both["doc_id"]).to_numpy(), column=group.reindex(both["other"]).to_numpy())
    with_copy = both.drop_duplicates(["doc_id", "column"]).groupby(["row", "column"]).size()
    sizes = group.value_counts()
    names = sorted(sizes.index)
    table = (with_copy.unstack(fill_value=0).reindex(index=names, columns=names, fill_value=0)
             .div(sizes.reindex(names), axis=0).astype(float))
    table.index.name = table.columns.name = by
    table.attrs.update(
        method="minhash", pairs=len(pairs),
        title=f"Share of each {by}'s articles with a near-copy in another {by}",
        note=(f"{n:,} articles: more than {MAX_MATRIX}, too many pairs to compare every one exactly, so near-copies "
              f"were found with MinHash (find_similar_articles: Jaccard similarity of at least {threshold:.0%}, "
              f"estimated; {len(pairs):,} pairs) and counted per {by}: each cell is the share of the row {by}'s "
              f"articles that have a near-copy in the column {by}."))
    return table
