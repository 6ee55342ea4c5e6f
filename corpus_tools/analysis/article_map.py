"""A map of the articles by what they say: near each other when they use the same words.

>>> arts = pd.DataFrame({"doc_id": list("abc"), "outlet": list("XYZ"),
...                      "text": ["Goal and match.", "Match, goal, cup.", "Tax and budget."]})
>>> list(find_article_map(arts, min_docs=1).columns)
['doc_id', 'x', 'y', 'outlet']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.docstrings import fill_doc
from .vectors import document_term_matrix, tf_idf_matrix

# t-SNE compares every article with its neighbours, many times over: minutes at this size.
MAX_TSNE = 20_000
METHODS = ("svd", "tsne")


@fill_doc
def find_article_map(articles_or_tokens: pd.DataFrame, *, method: str = "svd", seed: int = 0, min_docs: int = 2,
                     stopwords=None, token: str = "token", metadata=("outlet", "date", "title")) -> pd.DataFrame:
    """Each article as a point ``x, y``: ``doc_id, x, y`` + ``metadata``, near the articles that use the same words.

    From the articles' tf-idf rows (stop words, words without a letter and words of fewer than
    ``min_docs`` articles left out; as :func:`find_topics` weighs them).

    - ``method="svd"`` (default, any size): the second and third components of a truncated SVD
      (latent semantic analysis). The first one is left out: for tf-idf rows, which are never
      negative, it points at the average article and says how typical an article is, not what
      it is about.
    - ``method="tsne"`` (up to 20,000 articles): t-SNE from the first 50 SVD components, with
      ``random_state=seed``. Neighbours are kept together, but distances between far-apart groups
      and the size of a group mean nothing.

    The same input and ``seed`` give the same map. Axes have no units: only nearness counts.
    Articles without a counted word sit at 0, 0.
    Input: an articles table, a tokens table, or counts per article (``count_terms(tokens, by="doc_id")``).

    {params.token}
    {params.metadata}

    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"],
    ...                      "text": ["Goal and match.", "Match and goal.", "Tax and budget."]})
    >>> m = find_article_map(arts, min_docs=1)
    >>> m[["doc_id", "outlet"]].values.tolist(), bool(abs(m["x"][0] - m["x"][1]) < abs(m["x"][0] - m["x"][2]))
    ([['a', 'X'], ['b', 'Y'], ['c', 'Z']], True)
    """
    if method not in METHODS:
        raise ValueError(f"method={method!r} is not known: use 'svd' (any size) or 'tsne' (up to {MAX_TSNE:,} "
                         "articles).")
    metadata = [metadata] if isinstance(metadata, str) else list(metadata)
    dt = document_term_matrix(articles_or_tokens, token=token, stopwords=stopwords, metadata=metadata,
                              min_docs=min_docs, words_only=True)
    n = dt.matrix.shape[0]
    if method == "tsne" and n > MAX_TSNE:
        raise ValueError(f"method='tsne' stops at {MAX_TSNE:,} articles (got {n:,}): it would take too long. Use "
                         "method='svd', or map a sample of the articles.")
    x, _ = tf_idf_matrix(dt.matrix)
    if method == "svd":
        xy = _components(x, 3, seed=seed)[:, 1:3]
    else:
        xy = _tsne(_components(x, 50, seed=seed), seed=seed)
    out = dt.documents[["doc_id"]].copy()
    out["x"], out["y"] = xy[:, 0], xy[:, 1]
    for c in dt.documents.columns[1:]:
        out[c] = dt.documents[c].to_numpy()
    return out


def _components(x, k: int, *, seed: int) -> np.ndarray:
    """The first ``k`` SVD components of each row (columns of zeros where the matrix has fewer)."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.utils.extmath import svd_flip

    n, m = x.shape
    out = np.zeros((n, k))
    if min(n, m) <= k:  # small: the exact SVD
        if n and m:
            u, s, vt = np.linalg.svd(x.toarray(), full_matrices=False)
            u, vt = svd_flip(u, vt, u_based_decision=False)
            r = min(k, len(s))
            out[:, :r] = u[:, :r] * s[:r]
        return out
    return TruncatedSVD(n_components=k, random_state=seed).fit_transform(x)


def _tsne(components: np.ndarray, *, seed: int) -> np.ndarray:
    from sklearn.manifold import TSNE

    n = len(components)
    if n < 3:
        return components[:, :2]
    perplexity = float(min(30.0, (n - 1) / 3))
    return TSNE(n_components=2, perplexity=perplexity, init="pca", random_state=seed).fit_transform(components)
