"""similarity_overview: every pair exactly up to MAX_MATRIX articles, MinHash near-copies per outlet above."""

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.media import similarity

WIRE = ("The measure passed the chamber by a narrow margin after a long night of debate in the capital city, and "
        "it now goes to the other chamber, where its fate is far less certain according to aides from both parties.")


def _articles(n):
    own = "Story {i} is about thing {i} in place {i}, told by witness {i} on day {i} in words that are its own."
    texts = [f"Item {i}. {WIRE}" if i % 2 == 0 else own.format(i=i) * 2 for i in range(n)]
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], "outlet": [["A", "B", "C"][i % 3] for i in range(n)],
                         "text": texts})


def test_small_corpora_get_the_exact_matrix(sample):
    table = ct.similarity_overview(sample)
    assert table.attrs["method"] == "exact" and table.shape == (5, 5)
    pd.testing.assert_frame_equal(table, ct.similarity_matrix(sample, label="outlet"), check_like=False)
    assert "every pair compared exactly" in table.attrs["note"]
    ct.plot_similarity(table, title=table.attrs["title"])


def test_above_the_limit_near_copies_are_counted_per_outlet(monkeypatch):
    monkeypatch.setattr(similarity, "MAX_MATRIX", 5)
    articles = _articles(12)  # d0, d2, ..., d10 share the wire text: outlets A, C, B, A, C, B
    with pytest.raises(ValueError, match="stops at 5 articles"):
        ct.similarity_matrix(articles)
    table = ct.similarity_overview(articles)
    assert table.attrs["method"] == "minhash" and list(table.index) == list(table.columns) == ["A", "B", "C"]
    pairs = ct.find_similar_articles(articles)
    assert table.attrs["pairs"] == len(pairs) > 0
    # Each outlet has 4 articles, 2 of them with the wire text: half of them have a near-copy in every outlet.
    assert (table.to_numpy() == 0.5).all()
    assert "12 articles: more than 5" in table.attrs["note"] and "find_similar_articles" in table.attrs["note"]
    fig = ct.plot_similarity(table, title=table.attrs["title"])
    assert list(fig.layout.yaxis.ticktext) == ["A", "B", "C"]


def test_no_similar_pairs_give_a_table_of_zeros(monkeypatch):
    monkeypatch.setattr(similarity, "MAX_MATRIX", 2)
    table = ct.similarity_overview(_articles(6).assign(text=lambda t: t["doc_id"] + " " + t["text"].str[:60]))
    assert table.attrs["pairs"] == 0 and (table.to_numpy() == 0).all()
