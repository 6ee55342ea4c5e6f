"""The article map: tf-idf, truncated SVD (or t-SNE); the same map for the same input and seed."""

import numpy as np
import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.analysis import article_map
from corpus_tools.analysis.vectors import document_term_matrix

from .test_topics import MONEY, SPORT


@pytest.fixture
def two_groups():
    texts = SPORT + MONEY
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(8)], "outlet": ["X", "Y"] * 4, "title": texts,
                         "date": pd.to_datetime(["2024-01-01", None] * 4), "text": texts})


def _gap(m):
    """Mean distance between the two groups over mean distance within them."""
    xy = m[["x", "y"]].to_numpy()
    a, b = xy[:4], xy[4:]
    within = np.mean([np.linalg.norm(p - q) for g in (a, b) for p in g for q in g])
    between = np.mean([np.linalg.norm(p - q) for p in a for q in b])
    return between / within


def test_map_columns_and_articles_on_the_same_subject_lie_together(two_groups):
    m = ct.find_article_map(two_groups)
    assert list(m.columns) == ["doc_id", "x", "y", "outlet", "date", "title"]
    assert m["doc_id"].tolist() == two_groups["doc_id"].tolist()
    assert _gap(m) > 3


def test_same_input_same_map_and_tokens_give_the_articles_map(two_groups):
    m = ct.find_article_map(two_groups, seed=1)
    pd.testing.assert_frame_equal(m, ct.find_article_map(two_groups, seed=1))
    tokens = ct.tokenize(two_groups, metadata=["outlet", "date", "title"])
    pd.testing.assert_frame_equal(ct.find_article_map(tokens, seed=1), m)


def test_svd_map_is_the_second_and_third_components_of_tf_idf(sample):
    from sklearn.feature_extraction.text import TfidfTransformer

    dt = document_term_matrix(sample, stopwords=None, min_docs=2, words_only=True)
    x = TfidfTransformer(sublinear_tf=True).fit_transform(dt.matrix).toarray()
    u, s, _ = np.linalg.svd(x, full_matrices=False)
    m = ct.find_article_map(sample)
    assert np.allclose(np.abs(m[["x", "y"]].to_numpy()), np.abs(u[:, 1:3] * s[1:3]), atol=1e-6)


def test_tsne_map_and_its_limit(two_groups, monkeypatch):
    m = ct.find_article_map(two_groups, method="tsne")
    assert _gap(m) > 2
    pd.testing.assert_frame_equal(m, ct.find_article_map(two_groups, method="tsne"))
    monkeypatch.setattr(article_map, "MAX_TSNE", 5)
    with pytest.raises(ValueError, match="stops at 5 articles.*method='svd'"):
        ct.find_article_map(two_groups, method="tsne")
    with pytest.raises(ValueError, match="method='umap' is not known"):
        ct.find_article_map(two_groups, method="umap")


def test_tiny_corpora_still_get_a_map(sample):
    for n in (1, 2, 5):
        m = ct.find_article_map(sample.head(n))
        assert len(m) == n and m[["x", "y"]].notna().all().all()
    assert len(ct.find_article_map(sample, method="tsne")) == 5
