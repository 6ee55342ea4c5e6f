"""The document × term matrix and its tf-idf, checked against scikit-learn."""

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

import corpus_tools as ct
from corpus_tools.analysis.vectors import document_term_matrix, tf_idf_matrix


def test_tf_idf_equals_scikit_learns_sublinear_tfidf():
    from sklearn.feature_extraction.text import TfidfTransformer

    counts = sparse.csr_matrix(np.array([[3, 0, 1, 0], [0, 0, 2, 5], [1, 1, 1, 1], [0, 0, 0, 0]]))
    x, idf = tf_idf_matrix(counts)
    t = TfidfTransformer(sublinear_tf=True).fit(counts)
    assert np.allclose(x.toarray(), t.transform(counts).toarray())
    assert np.allclose(idf, t.idf_)
    again, _ = tf_idf_matrix(counts[:2], idf=idf)  # new rows weighed as the first ones
    assert np.allclose(again.toarray(), x.toarray()[:2])


def test_counts_by_hand_from_every_kind_of_table():
    arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"],
                         "text": ["Kyiv, Kyiv and 2024.", "Kiev and Kyiv.", ""]})
    dt = document_term_matrix(arts, stopwords=None, metadata=["outlet", "missing"])
    assert dt.terms.tolist() == ["2024", "kiev", "kyiv"]
    assert dt.matrix.toarray().tolist() == [[1, 0, 2], [0, 1, 1], [0, 0, 0]]
    assert dt.documents.values.tolist() == [["a", "X"], ["b", "Y"], ["c", "Z"]]
    tokens = ct.tokenize(arts, metadata=["outlet"])
    from_tokens = document_term_matrix(tokens, stopwords=None, metadata=["outlet"])
    assert from_tokens.terms.tolist() == dt.terms.tolist()
    assert from_tokens.matrix.toarray().tolist() == dt.matrix.toarray()[:2].tolist()  # c has no tokens
    assert from_tokens.documents.values.tolist() == [["a", "X"], ["b", "Y"]]
    counts = ct.count_terms(tokens, by="doc_id", words_only=False)  # every token, numbers too
    from_counts = document_term_matrix(counts, stopwords=None)
    assert from_counts.matrix.toarray().tolist() == dt.matrix.toarray()[:2].tolist()


@pytest.mark.parametrize(("kwargs", "terms"), [
    ({"words_only": True}, ["kiev", "kyiv"]),
    ({"min_docs": 2}, ["kyiv"]),
    ({"max_share": 0.5}, ["2024", "kiev"]),
    ({"vocabulary": ["kyiv", "paris"]}, ["kyiv", "paris"]),
])
def test_choosing_the_words(kwargs, terms):
    arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Kyiv, Kyiv and 2024.", "Kiev and Kyiv."]})
    dt = document_term_matrix(arts, stopwords=None, **kwargs)
    assert dt.terms.tolist() == terms
    if "vocabulary" in kwargs:
        assert dt.matrix.toarray().tolist() == [[2, 0], [1, 0]]


def test_a_table_of_another_kind_is_a_clear_error():
    with pytest.raises(KeyError, match="count the terms per article"):
        document_term_matrix(pd.DataFrame({"term": ["x"], "n": [1]}))
    with pytest.raises(KeyError, match="Expected an articles table"):
        document_term_matrix(pd.DataFrame({"doc_id": ["x"]}))
