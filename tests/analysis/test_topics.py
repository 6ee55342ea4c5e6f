"""Topics (NMF on tf-idf): tables, determinism, small-corpus warning, reading a topic, and the BBC sections."""

import warnings

import numpy as np
import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.analysis.keyness import SmallCountWarning
from corpus_tools.analysis.topics import MIN_ARTICLES_PER_TOPIC, Topics

from ..conftest import corpus_path

SPORT = ["The striker scored a goal in the match.", "A late goal won the match for the team.",
         "The team lost the match after a penalty goal.", "Fans cheered the goal and the team."]
MONEY = ["The bank raised the tax on the budget.", "Tax cuts shaped the budget of the bank.",
         "The budget deficit worried the bank.", "A new tax hit the budget again."]


@pytest.fixture
def two_groups():
    texts = SPORT + MONEY
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(8)], "outlet": ["X", "Y"] * 4, "title": texts,
                         "date": pd.to_datetime(["2024-01-01", "2024-01-02"] * 4), "text": texts})


def topics_of(frame, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallCountWarning)
        return ct.find_topics(frame, **kwargs)


def test_two_obvious_topics_are_found_and_tables_documented(two_groups):
    topics = topics_of(two_groups, n_topics=2, min_docs=2, max_share=0.9, n_terms=3)
    assert isinstance(topics, Topics)
    terms, docs = topics
    assert list(terms.columns) == ["topic", "label", "rank", "term", "weight"]
    assert list(docs.columns) == ["doc_id", "topic", "label", "weight", "main", "outlet", "date", "title"]
    by_topic = sorted(terms.groupby("topic")["term"].apply(frozenset), key=sorted)
    assert sorted(map(sorted, by_topic)) == [["bank", "budget", "tax"], ["goal", "match", "team"]]
    main = docs[docs["main"]].set_index("doc_id")["topic"]
    sport, money = main[[f"d{i}" for i in range(4)]], main[[f"d{i}" for i in range(4, 8)]]
    assert sport.nunique() == 1 and money.nunique() == 1 and sport.iloc[0] != money.iloc[0]
    # Shares: every article's weights sum to 1; each topic's word weights are shares of the topic.
    assert np.allclose(docs.groupby("doc_id")["weight"].sum(), 1.0)
    assert (terms["weight"] > 0).all() and (terms.groupby("topic")["weight"].sum() <= 1 + 1e-9).all()
    assert terms.groupby("topic")["rank"].apply(list).tolist() == [[1, 2, 3], [1, 2, 3]]
    # The label is the topic number and its three heaviest words, an ordered categorical.
    first = terms[terms["topic"] == 1].sort_values("rank")["term"].tolist()
    assert str(terms["label"].iloc[0]) == "1: " + ", ".join(first)
    assert list(docs["label"].cat.categories) == list(terms["label"].cat.categories)
    assert docs["label"].cat.ordered


def test_topic_one_carries_the_most_weight(two_groups):
    docs = topics_of(two_groups.iloc[[0, 1, 2, 3, 4, 5]], n_topics=2, max_share=0.9).documents
    totals = docs.groupby("topic")["weight"].sum()
    assert totals[1] >= totals[2]


def test_same_seed_same_tables_and_articles_tokens_counts_agree(two_groups):
    a = topics_of(two_groups, n_topics=2, seed=3)
    b = topics_of(two_groups, n_topics=2, seed=3)
    pd.testing.assert_frame_equal(a.terms, b.terms)
    pd.testing.assert_frame_equal(a.documents, b.documents)
    tokens = ct.tokenize(two_groups, metadata=["outlet", "date", "title"])
    from_tokens = topics_of(tokens, n_topics=2, seed=3)
    pd.testing.assert_frame_equal(from_tokens.terms, a.terms)
    pd.testing.assert_frame_equal(from_tokens.documents, a.documents)
    counts = ct.count_terms(tokens, by="doc_id")
    from_counts = topics_of(counts, n_topics=2, seed=3)
    pd.testing.assert_frame_equal(from_counts.terms, a.terms)
    pd.testing.assert_frame_equal(from_counts.documents[["doc_id", "topic", "weight", "main"]],
                                  a.documents[["doc_id", "topic", "weight", "main"]])


def test_input_is_not_changed(two_groups):
    before = two_groups.copy()
    topics_of(two_groups, n_topics=2)
    pd.testing.assert_frame_equal(two_groups, before)


def test_small_corpus_warns_and_says_how_many_articles_are_needed(sample):
    with pytest.warns(SmallCountWarning, match=r"Only 5 articles.*at least 100 articles") as caught:
        topics = ct.find_topics(sample, n_topics=5)
    assert f"{MIN_ARTICLES_PER_TOPIC} per topic" in str(caught[0].message)
    assert topics.documents["doc_id"].nunique() == 5
    with pytest.warns(SmallCountWarning, match="at least 200 articles"):
        ct.find_topics(sample, n_topics=10)


def test_more_topics_than_articles_gives_as_many_as_there_can_be(sample):
    with pytest.warns(SmallCountWarning, match="Found 5 topics"):
        topics = ct.find_topics(sample, n_topics=8)
    assert topics.terms["topic"].nunique() <= 5


def test_article_without_words_has_no_main_topic(two_groups):
    arts = pd.concat([two_groups, pd.DataFrame({"doc_id": ["empty"], "text": ["The and of."]})], ignore_index=True)
    docs = topics_of(arts, n_topics=2).documents
    empty = docs[docs["doc_id"] == "empty"]
    assert (empty["weight"] == 0).all() and not empty["main"].any()


def test_bad_arguments_are_clear(two_groups):
    with pytest.raises(ValueError, match="n_topics"):
        ct.find_topics(two_groups, n_topics=0)
    with pytest.raises(KeyError, match="articles table"):
        ct.find_topics(pd.DataFrame({"x": [1]}))


def test_topics_over_time_and_by_outlet_come_from_timeline(two_groups):
    docs = topics_of(two_groups, n_topics=2).documents
    shares = ct.timeline(docs, by=["outlet", "label"], value="weight", freq="D")
    assert set(shares.columns) == {"period", "outlet", "label", "weight", "n", "undated"}
    # Each outlet publishes on one day here: its two topic shares add up to 1 that day.
    day = shares[shares["n"] > 0].groupby(["outlet", "period"])["weight"].sum()
    assert np.allclose(day, 1.0)
    assert (shares[shares["n"] > 0]["n"] == 4).all()  # four articles of each outlet, per topic row


def test_find_topic_sentences_reads_a_topic(two_groups):
    topics = topics_of(two_groups, n_topics=2, max_share=0.9)
    sport = int(topics.documents.set_index("doc_id").loc["d0"].query("main")["topic"].iloc[0])
    rows = ct.find_topic_sentences(two_groups, topics=topics, topic=sport, n_articles=2, n_sentences=1)
    assert list(rows.columns) == ["topic", "label", "doc_id", "weight", "sent_id", "sentence", "score", "words",
                                  "outlet", "title", "date"]
    assert len(rows) == 2 and set(rows["doc_id"]) <= {f"d{i}" for i in range(4)}
    assert rows["weight"].is_monotonic_decreasing
    listed = set(topics.terms.loc[topics.terms["topic"] == sport, "term"])
    for words, sentence in zip(rows["words"], rows["sentence"]):
        assert set(words.split(", ")) <= listed and all(w in sentence.lower() for w in words.split(", "))
    every = ct.find_topic_sentences(two_groups, topics=topics, n_articles=1)
    assert set(every["topic"]) == {1, 2}
    with pytest.raises(ValueError, match="No topic 7"):
        ct.find_topic_sentences(two_groups, topics=topics, topic=7)


def test_find_topic_sentences_scores_by_hand():
    arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Nothing here. Goal and match. Goal again.", "A goal."]})
    terms = pd.DataFrame({"topic": [1, 1], "label": ["1: goal, match"] * 2, "rank": [1, 2], "term": ["goal", "match"],
                          "weight": [0.6, 0.4]})
    docs = pd.DataFrame({"doc_id": ["a", "b"], "topic": [1, 1], "label": ["1: goal, match"] * 2, "weight": [0.9, 0.5],
                         "main": [True, True]})
    rows = ct.find_topic_sentences(arts, topics=Topics(terms, docs))
    assert rows[["doc_id", "sentence", "score", "words"]].values.tolist() == [
        ["a", "Goal and match.", 1.0, "goal, match"], ["a", "Goal again.", 0.6, "goal"], ["b", "A goal.", 0.6, "goal"]]


@pytest.mark.corpora
def test_bbc_five_topics_match_its_five_sections():
    from sklearn.metrics import normalized_mutual_info_score

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = ct.read_articles(corpus_path("bbc_news_2225", "bbc"), progress=False)
    first = ct.find_topics(articles, n_topics=5, seed=0)
    docs = first.documents
    main = docs[docs["main"]]
    assert len(main) == len(articles)
    section = main["doc_id"].str.split("/").str[0]
    nmi = normalized_mutual_info_score(section, main["topic"])
    assert nmi >= 0.75, nmi
    # Same seed, same assignment of every article.
    again = ct.find_topics(articles, n_topics=5, seed=0)
    pd.testing.assert_frame_equal(again.documents, docs)
    pd.testing.assert_frame_equal(again.terms, first.terms)
