"""Dispersion, term scatter and co-occurrence network: drawn from their tables, text escaped."""

import json

import numpy as np
import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.ui.figures import short
from corpus_tools.ui.network import spring_layout

HOSTILE = "<img src=x onerror=alert(1)>"


def _clean(fig):
    page = json.dumps(fig.to_plotly_json(), default=str)
    return "<img" not in page


def test_dispersion_from_find_dispersion_one_row_per_article(sample):
    d = ct.find_dispersion(sample, ["kyiv", "kiev"])
    fig = ct.plot_dispersion(d)
    assert [t.name for t in fig.data] == ["kyiv", "kiev"]
    assert sorted(np.concatenate([t.x for t in fig.data])) == sorted(d["relative_position"])
    firsts = d.drop_duplicates("doc_id")  # each article named by its headline, in the table's order
    assert list(fig.layout.yaxis.ticktext) == [short(t, 40) if isinstance(t, str) and t else doc
                                               for doc, t in zip(firsts["doc_id"], firsts["title"])]
    untitled = ct.plot_dispersion(d.drop(columns="title"))
    assert list(untitled.layout.yaxis.ticktext) == list(pd.unique(d["doc_id"]))
    assert "Kiev" in " ".join(fig.data[1].text)  # the sentence on hover
    by_outlet = ct.plot_dispersion(d, y="outlet")
    assert set(by_outlet.layout.yaxis.ticktext) == set(d["outlet"])


def test_dispersion_from_kwic_uses_word_numbers(sample):
    k = ct.kwic(sample, "NATO")
    fig = ct.plot_dispersion(k)
    assert sorted(np.concatenate([t.x for t in fig.data])) == sorted(k["position"])
    assert fig.layout.xaxis.title.text == "word number in the article"


def test_dispersion_keeps_the_rows_with_most_occurrences():
    hits = pd.DataFrame({"doc_id": ["a", "b", "b", "c", "c", "c"], "term": "x",
                         "relative_position": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], "sentence": "s"})
    fig = ct.plot_dispersion(hits, n=2)
    assert list(fig.layout.yaxis.ticktext) == ["b", "c"]


def test_term_scatter_one_pair_and_a_menu_of_pairs(sample):
    counts = ct.count_terms(ct.remove_stopwords(ct.tokenize(sample, metadata=["outlet"])), by="outlet")
    with pytest.warns(ct.SmallCountWarning):
        table = ct.compare_terms(counts)
    fig = ct.plot_term_scatter(table)
    pairs = list(dict.fromkeys(zip(table["x"], table["y"])))
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == [f"{a} vs {b}" for a, b in pairs]
    one = ct.plot_term_scatter(table, x="TASS")
    points = one.data[0]
    tass = table[table["x"] == "TASS"].sort_values(["term"])
    drawn = pd.DataFrame({"term": points.customdata[:, 0], "x": points.x}).sort_values("term")
    used = tass["n_x"].to_numpy() > 0
    assert np.allclose(drawn["x"].to_numpy()[used], tass["rate_x"].to_numpy()[used])
    assert (drawn["x"].to_numpy()[~used] < tass["rate_x"][used].min()).all()  # unused: on the edge
    labels = set(one.data[1].text)
    assert "kiev" in labels and one.layout.xaxis.type == "log"
    rank = ct.plot_term_scatter(table, x="TASS", scale="rank")
    assert rank.layout.xaxis.type == "linear" and max(rank.data[0].x) == 1.0


def test_term_scatter_escapes_and_checks_scale():
    counts = pd.DataFrame({"outlet": [HOSTILE, HOSTILE, "B", "B"], "term": [HOSTILE, "war", "peace", "war"],
                           "n": [5, 5, 5, 5]})
    with pytest.warns(ct.SmallCountWarning):
        table = ct.compare_terms(counts)
    assert _clean(ct.plot_term_scatter(table))
    with pytest.raises(ValueError, match="scale="):
        ct.plot_term_scatter(table, scale="sqrt")


def test_network_draws_the_strongest_pairs(sample):
    tokens = ct.remove_stopwords(ct.tokenize(sample))
    pairs = ct.collocations(tokens, min_count=2)
    fig = ct.plot_cooccurrence_network(pairs, n=20)
    top = pairs.head(20)
    words = set(top["term1"]) | set(top["term2"])
    assert set(fig.data[-1].text) == words
    assert len(fig.data[-2].text) == 20  # one hover point per pair
    again = ct.plot_cooccurrence_network(pairs, n=20)
    assert np.allclose(again.data[-1].x, fig.data[-1].x)  # same seed, same layout


def test_network_per_outlet_is_a_menu_and_empty_says_so(sample):
    tokens = ct.remove_stopwords(ct.tokenize(sample, metadata=["outlet"]))
    pairs = ct.collocations(tokens, min_count=1, by="outlet")
    fig = ct.plot_cooccurrence_network(pairs)
    assert len(fig.layout.updatemenus[0].buttons) == pairs["outlet"].nunique()
    assert "No word pairs" in ct.plot_cooccurrence_network(pairs.iloc[:0]).layout.annotations[0].text
    hostile = pd.DataFrame({"term1": [HOSTILE], "term2": ["x"], "n": [2], "score": [1.0]})
    assert _clean(ct.plot_cooccurrence_network(hostile))


def test_spring_layout_pulls_linked_words_together():
    # Two pairs: a-b linked, c-d linked; a and b end closer than a and c.
    pos = spring_layout(4, np.array([[0, 1], [2, 3]]), np.array([1.0, 1.0]), seed=0)
    assert np.linalg.norm(pos[0] - pos[1]) < np.linalg.norm(pos[0] - pos[2])
    assert np.abs(pos).max() == pytest.approx(1.0)
    assert np.array_equal(pos, spring_layout(4, np.array([[0, 1], [2, 3]]), np.array([1.0, 1.0]), seed=0))


def test_term_scatter_of_many_pairs_stays_light_and_says_what_it_left_out():
    rng = np.random.default_rng(0)
    groups, terms = [f"Outlet {i:02d}" for i in range(14)], [f"word{i}" for i in range(3000)]
    counts = pd.DataFrame([(g, t, int(n)) for g in groups for t, n in zip(terms, rng.zipf(1.6, len(terms)))],
                          columns=["outlet", "term", "n"])
    with pytest.warns(ct.SmallCountWarning):  # (random counts: many are small)
        compared = ct.compare_terms(counts)
    fig = ct.plot_term_scatter(compared)
    assert len(fig.layout.updatemenus[0].buttons) == 14
    points = [len(t.x) for t in fig.data if t.mode == "markers"]
    assert len(points) == 14 and sum(points) <= 14 * (500 + 2 * 15)  # 500 a pair, plus the labelled terms
    assert min(points) >= 500
    one = ct.plot_term_scatter(compared, x="Outlet 03")
    assert 2000 <= len(one.data[0].x) <= 2030  # the 2,000 most frequent, and the labelled ones
    assert "most frequent or most distinctive of 3,000 terms drawn" in one.layout.title.text
