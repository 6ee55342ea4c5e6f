"""Charts of topics, topic shares over time and the article map: drawn from their tables, text escaped."""

import json
import warnings

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.analysis.keyness import SmallCountWarning

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def topics(sample):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallCountWarning)
        return ct.find_topics(sample, n_topics=3)


def test_topics_chart_draws_the_terms_table(topics):
    fig = ct.plot_topics(topics.terms, n=4)
    assert len(fig.data) == topics.terms["topic"].nunique()
    first = topics.terms[topics.terms["topic"] == 1].head(4)
    assert list(fig.data[0].y) == first["term"].tolist()[::-1]
    assert list(fig.data[0].x) == first["weight"].tolist()[::-1]
    assert [a.text for a in fig.layout.annotations] == [str(lb) for lb in topics.terms["label"].cat.categories]


def test_topic_timeline_lines_per_topic_panels_per_outlet_undated_noted(sample, topics):
    shares = ct.timeline(topics.documents, by=["outlet", "label"], value="weight", freq="D")
    fig = ct.plot_topic_timeline(shares)
    dated = shares[shares["period"].notna()]
    assert len(fig.data) == dated.groupby(["outlet", "label"], observed=True).ngroups
    assert sum(t.showlegend for t in fig.data) == topics.terms["topic"].nunique()
    n_undated = int(sample["date"].isna().sum())
    assert any(f"{n_undated} undated" in a.text for a in fig.layout.annotations)
    one = ct.plot_topic_timeline(ct.timeline(topics.documents, by="label", value="weight", freq="D"), facet_col=None)
    assert len(one.data) == topics.terms["topic"].nunique()


def test_topic_timeline_of_many_outlets_is_a_menu():
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(14)], "label": ["1: a"] * 14, "weight": [1.0] * 14,
                         "outlet": [f"outlet {i}" for i in range(14)], "date": pd.Timestamp("2024-01-01")})
    fig = ct.plot_topic_timeline(ct.timeline(docs, by=["outlet", "label"], value="weight"))
    assert len(fig.layout.updatemenus[0].buttons) == 14


def test_article_map_colours_and_hover(sample, topics):
    m = ct.find_article_map(sample)
    fig = ct.plot_article_map(m)
    colors = ct.outlet_colors(sample["outlet"])
    assert {t.name: t.marker.color for t in fig.data} == {o: colors[o] for o in sample["outlet"].unique()}
    hover = " ".join(h for t in fig.data for h in t.text)
    assert "NATO committed to helping Ukraine" in hover and "2023-11-27" in hover and "undated" in hover
    main = topics.documents[topics.documents["main"]][["doc_id", "label"]]
    by_topic = ct.plot_article_map(m.merge(main, on="doc_id"), color="label")
    assert {t.name for t in by_topic.data} == {str(v) for v in main["label"]}


def test_article_text_is_escaped_everywhere():
    terms = pd.DataFrame({"topic": [1], "label": [f"1: {HOSTILE}"], "rank": [1], "term": [HOSTILE], "weight": [1.0]})
    docs = pd.DataFrame({"doc_id": [HOSTILE], "label": [f"1: {HOSTILE}"], "weight": [1.0], "outlet": [HOSTILE],
                         "date": pd.to_datetime(["2024-01-01"])})
    m = pd.DataFrame({"doc_id": [HOSTILE], "x": [0.0], "y": [0.0], "outlet": [HOSTILE], "title": [HOSTILE],
                      "label": [f"1: {HOSTILE}"]})
    figs = [ct.plot_topics(terms), ct.plot_topic_timeline(ct.timeline(docs, by=["outlet", "label"], value="weight")),
            ct.plot_article_map(m), ct.plot_article_map(m, color="label")]
    for fig in figs:
        page = json.dumps(fig.to_plotly_json(), default=str)
        assert "<script>" not in page and "&lt;script&gt;" in page


def test_empty_tables_give_a_chart_that_says_so():
    empty_terms = pd.DataFrame(columns=["topic", "label", "rank", "term", "weight"])
    assert "No topics" in ct.plot_topics(empty_terms).layout.annotations[0].text
    assert "No articles" in ct.plot_article_map(pd.DataFrame(columns=["doc_id", "x", "y"])).layout.annotations[0].text


def test_large_maps_leave_titles_out_of_hover():
    n = 6000
    m = pd.DataFrame({"doc_id": [str(i) for i in range(n)], "x": range(n), "y": range(n), "outlet": "X",
                      "title": "A long title"})
    fig = ct.plot_article_map(m)
    assert fig.data[0].type == "scattergl" and "A long title" not in fig.data[0].text[0]


def test_very_large_maps_draw_a_fixed_sample_and_say_so():
    n = 25_000
    m = pd.DataFrame({"doc_id": [str(i) for i in range(n)], "x": range(n), "y": range(n),
                      "outlet": ["<b>X</b>", "Y"] * (n // 2), "date": pd.Timestamp("2024-05-01"), "title": "T"})
    fig = ct.plot_article_map(m, max_points=10_000)
    assert sum(len(t.x) for t in fig.data) == 10_000
    assert "10,000 of 25,000 articles shown" in fig.layout.title.text
    again = ct.plot_article_map(m, max_points=10_000)
    assert list(again.data[0].x) == list(fig.data[0].x)  # the same sample every time
    hover = [h for t in fig.data for h in t.text]
    assert "&lt;b&gt;X&lt;/b&gt; · 2024-05-01" in hover and not any("<b>X" in h for h in hover)


def test_figures_drawn_from_ready_made_dicts_still_check_later_changes(sample, topics):
    fig = ct.plot_topic_timeline(ct.timeline(topics.documents, by=["outlet", "label"], value="weight", freq="M"))
    with pytest.raises(ValueError):
        fig.update_layout(not_a_property=1)
    with pytest.raises(ValueError):
        fig.data[0].update(not_a_property=1)
    fig.update_xaxes(title_text="month", row=1, col=1)  # the panels' grid is kept
    fig.add_scatter(x=[pd.Timestamp("2024-01-01")], y=[0.5], row=1, col=2)
    assert fig.layout.xaxis.title.text == "month" and fig.data[-1].xaxis == "x2"
    again = ct.plot_topic_timeline(ct.timeline(topics.documents, by=["outlet", "label"], value="weight", freq="M"))
    assert again.layout.xaxis.title.text is None  # a figure's changes do not reach the next one
    article_map = ct.find_article_map(sample)
    ct.plot_article_map(article_map).update_layout(title_text="Mine")
    assert ct.plot_article_map(article_map).layout.title.text != "Mine"


def test_topic_timelines_of_other_outlets_keep_their_own_panel_titles():
    def drawn(outlets):
        docs = pd.DataFrame({"doc_id": list(outlets), "label": "1: a", "weight": 1.0, "outlet": list(outlets),
                             "date": pd.Timestamp("2024-01-01")})
        return ct.plot_topic_timeline(ct.timeline(docs, by=["outlet", "label"], value="weight"))

    first, second = drawn(["A", "<b>B</b>"]), drawn(["C", "D"])
    assert [a.text for a in first.layout.annotations] == ["&lt;b&gt;B&lt;/b&gt;", "A"]
    assert [a.text for a in second.layout.annotations] == ["C", "D"]
    assert [a.text for a in drawn(["A", "<b>B</b>"]).layout.annotations] == ["&lt;b&gt;B&lt;/b&gt;", "A"]
    assert [t.xaxis for t in second.data] == ["x", "x2"]
