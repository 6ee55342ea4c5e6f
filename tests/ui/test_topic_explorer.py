"""The explorer of notebook 06: a filter change redraws what a fresh computation on the chosen articles draws."""

import warnings

import pytest

import corpus_tools as ct
from corpus_tools.analysis.keyness import SmallCountWarning
from corpus_tools.widgets import TopicsExplorer, topics_explorer


@pytest.fixture(scope="module")
def found(sample):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallCountWarning)
        return ct.find_topics(sample, n_topics=2), ct.find_article_map(sample)


def test_outlet_filter_redraws_shares_and_map(sample, found):
    topics, article_map = found
    ex = topics_explorer(sample, topics=topics, article_map=article_map)
    assert isinstance(ex, TopicsExplorer)
    assert {t.name for t in ex.map_figure.data} == set(sample["outlet"])
    ex.panel.outlets.value = ("TASS", "AP")
    assert {t.name for t in ex.map_figure.data} == {"TASS", "AP"}
    chosen = set(sample.loc[sample["outlet"].isin(["TASS", "AP"]), "doc_id"])
    docs = topics.documents[topics.documents["doc_id"].isin(chosen)]
    expected = ct.plot_topic_timeline(ct.timeline(docs, by=["outlet", "label"], value="weight", freq="M"))
    assert ex.shares_figure.to_plotly_json() == expected.to_plotly_json()
    assert len(ex.shares_out.outputs) == 1 and len(ex.map_out.outputs) == 1


def test_colour_by_topic_and_period(sample, found):
    topics, article_map = found
    ex = topics_explorer(sample, topics=topics, article_map=article_map)
    ex.color.value = "label"
    main = topics.documents[topics.documents["main"]]
    assert {t.name for t in ex.map_figure.data} == {str(v) for v in main["label"]}
    ex.freq.value = "D"
    assert ex.shares_figure is not None and ex.message.value == ""


def test_topics_and_map_are_found_when_not_given(sample):
    with pytest.warns(SmallCountWarning):
        ex = topics_explorer(sample, n_topics=2)
    assert ex.topics.terms["topic"].nunique() == 2 and len(ex.article_map) == len(sample)


def test_a_filter_change_selects_the_same_articles_by_row_or_by_id():
    import warnings

    import numpy as np

    from corpus_tools import find_topics, load_sample
    from corpus_tools.widgets import topics_explorer

    articles = load_sample()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        explorer = topics_explorer(articles, topics=find_topics(articles, n_topics=2))
        mask = (articles["outlet"] == "TASS").to_numpy()
        by_row = explorer.draw(mask=mask)
        by_id = explorer.draw(set(articles.loc[mask, "doc_id"]))
    for a, b in zip(by_row, by_id):
        assert [t.name for t in a.data] == [t.name for t in b.data]
        assert all(np.array_equal(np.asarray(x.x), np.asarray(y.x)) for x, y in zip(a.data, b.data))


def test_after_a_filter_change_the_shown_figures_hold_only_the_chosen_articles(sample, found):
    topics, article_map = found
    ex = topics_explorer(sample, topics=topics, article_map=article_map)
    ex.panel.undated.value = False
    ex.panel.outlets.value = ("TASS", "AP", "Kontur")
    chosen = sample[sample["outlet"].isin(["TASS", "AP", "Kontur"]) & sample["date"].notna()]
    shown = ex.map_out.outputs[0]["data"]["application/vnd.plotly.v1+json"]  # what the page draws
    assert {t["name"] for t in shown["data"]} == set(chosen["outlet"])
    assert sum(len(t.x) for t in ex.map_figure.data) == len(chosen)
    ids = " ".join(h for t in ex.map_figure.data for h in t.text)  # the hover boxes end with the doc_id
    left_out = set(sample["doc_id"]) - set(chosen["doc_id"])
    assert all(d in ids for d in chosen["doc_id"]) and not any(d in ids for d in left_out)
    docs = topics.documents[topics.documents["doc_id"].isin(set(chosen["doc_id"]))]
    expected = ct.plot_topic_timeline(ct.timeline(docs, by=["outlet", "label"], value="weight", freq="M"))
    assert ex.shares_figure.to_plotly_json() == expected.to_plotly_json()
    assert not any("undated" in (a.text or "") for a in ex.shares_figure.layout.annotations)
    ex.panel.outlets.value = tuple(ex.panel.outlets.options)  # back to all: the undated ones return
    ex.panel.undated.value = True
    assert sum(len(t.x) for t in ex.map_figure.data) == len(sample)
