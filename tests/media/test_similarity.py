"""similarity_matrix(method="tfidf"): the cosine of tf-idf vectors, checked against scikit-learn."""

import numpy as np

import corpus_tools as ct


def test_tfidf_cosine_equals_scikit_learns(sample):
    from sklearn.feature_extraction.text import TfidfVectorizer

    m = ct.similarity_matrix(sample, method="tfidf")
    from corpus_tools.text.patterns import TOKEN_PATTERN, word_terms

    vec = TfidfVectorizer(sublinear_tf=True, stop_words=list(ct.stopwords()["word"]), token_pattern=TOKEN_PATTERN)
    x = vec.fit_transform(sample["text"].str.lower().str.replace("’", "'"))
    keep = [i for i, is_word in enumerate(word_terms(vec.get_feature_names_out())) if is_word]
    x = x[:, keep]
    from sklearn.preprocessing import normalize

    x = normalize(x)
    expected = (x @ x.T).toarray()
    assert np.allclose(m.to_numpy(), np.clip(expected, 0, 1) + np.eye(len(sample)) * (1 - np.diag(expected)))
    assert np.allclose(m.to_numpy(), m.to_numpy().T)


def test_default_method_is_unchanged(sample):
    assert (ct.similarity_matrix(sample) == ct.similarity_matrix(sample, method="containment")).all().all()
