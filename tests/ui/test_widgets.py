import datetime

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.ui.explorers import (
    kwic_explorer,
    sentiment_explorer,
    terms_explorer,
    timeline_explorer,
    upload_articles,
)
from corpus_tools.ui.filter_panel import FilterPanel


def test_filter_panel_equals_filter_articles(sample):
    panel = FilterPanel(sample)
    panel.outlets.value = ("TASS", "unknown")
    panel.min_words.value = 500
    expected = ct.filter_articles(sample, **panel.params())
    assert panel.value["doc_id"].tolist() == expected["doc_id"].tolist()
    assert set(panel.value["outlet"]) <= {"TASS", "unknown"}
    assert panel.count.value.startswith(f"{len(expected)} of 5")


def test_changing_the_outlet_filter_redraws_the_terms_chart(sample):
    ex = terms_explorer(sample)
    before = {t.name for t in ex.figure.data}
    ex.panel.outlets.value = ("AP",)
    assert before == {"AP", "Kontur", "TASS", "unknown"} and {t.name for t in ex.figure.data} == {"AP"}
    assert len(ex.out.outputs) == 1


def test_keyness_view_and_a_clear_message_when_the_target_is_filtered_out(sample):
    ex = terms_explorer(sample)
    ex.view.value = "keyness"
    ex.target.value = "TASS"
    assert "kiev" in list(ex.figure.data[0].y)
    ex.panel.outlets.value = ("AP", "Kontur")
    assert ex.figure is None and "not among the selected" in ex.message.value


def test_kwic_explorer_escapes_and_follows_the_filter(sample):
    ex = kwic_explorer(sample, "Kiev")
    assert len(ex.table) == 5
    ex.panel.outlets.value = ("AP",)
    assert len(ex.table) == 0
    evil = pd.DataFrame({"doc_id": ["x"], "outlet": ["<b>o</b>"], "text": ["Kiev <script>alert(1)</script>"],
                         "date": [pd.NaT], "n_words": [3], "flags": [[]]})
    html = kwic_explorer(evil, "Kiev").out.outputs[0]["data"]["text/html"]
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_explorers_show_a_search_terms_note_and_leave_numbers_out_of_counts(sample):
    ex = kwic_explorer(sample, "Kyiv")
    note = ex.out.outputs[0]
    assert note["output_type"] == "stream" and "'Kiev'" in note["text"] and "variants=True" in note["text"]
    assert "text/html" in ex.out.outputs[1]["data"]
    s = sentiment_explorer(sample)
    s.term.value = "Kiev|Kyiv"
    assert "regex=True" in s.message.value and s.figure is not None
    slim = sample[["doc_id", "outlet", "date"]]
    words = set(terms_explorer(sample).counts(slim)["term"])
    every = set(terms_explorer(sample, words_only=False).counts(slim)["term"])
    numbers = {t for t in every if not any(ch.isalpha() for ch in t)}
    assert numbers and not numbers & words and words <= every


def test_sentiment_and_timeline_explorers(sample):
    s = sentiment_explorer(sample)
    n_all = sum(len(t.y) for t in s.figure.data)
    s.term.value = "Putin"
    assert 0 < sum(len(t.y) for t in s.figure.data) < n_all
    t = timeline_explorer(sample)
    t.terms.value = "Kyiv, Kiev"
    assert {tr.name.split(" / ")[0] for tr in t.figure.data} == {"Kyiv", "Kiev"}


def test_sentiment_explorer_mentioning_matches_find_sentences_mentioning(sample):
    # The widget and the function a user calls by hand pick the same sentences (whole words).
    from corpus_tools import find_sentences_mentioning

    s = sentiment_explorer(sample)
    for term in ("Putin", "Stolt", "NATO", "allies"):
        s.term.value = term
        drawn = sum(len(t.y) for t in s.figure.data)
        assert drawn == len(find_sentences_mentioning(sample, term)), term
    s.term.value = "Stolt"  # a prefix of Stoltenberg is not a word
    assert sum(len(t.y) for t in s.figure.data) == 0


def test_upload_saves_only_base_names(tmp_path):
    box = upload_articles(tmp_path / "up")
    box.children[0].value = ({"name": "../../escape.txt", "content": memoryview(b"Title\n\nBody text."),
                              "type": "text/plain", "size": 17, "last_modified": datetime.datetime.now()},)
    assert (tmp_path / "up" / "escape.txt").exists() and not (tmp_path / "escape.txt").exists()


def test_an_outlet_keeps_its_colour_when_others_are_filtered_out(sample):
    ex = terms_explorer(sample)
    tass_before = next(t for t in ex.figure.data if t.name == "TASS").marker.color
    ex.panel.outlets.value = ("TASS",)
    assert ex.figure.data[0].marker.color == tass_before


def _many(sample, copies=6):
    """The sample repeated, with distinct ids, three outlets (one missing an article) and dates over weeks."""
    big = pd.concat([sample] * copies, ignore_index=True)
    big["doc_id"] = [f"{d}#{i}" for i, d in enumerate(big["doc_id"])]
    big["outlet"] = [["A", "B", "C"][i % 3] for i in range(len(big))]
    big["date"] = pd.Timestamp("2024-01-01") + pd.to_timedelta([i * 3 for i in range(len(big))], unit="D")
    big.attrs = {}
    return big


def test_a_filter_change_draws_what_a_fresh_computation_on_the_filtered_articles_draws(sample):
    big = _many(sample)
    ex = terms_explorer(big)
    tl = timeline_explorer(big)
    dates = ex.panel.dates.options
    changes = [dict(outlets=("A", "C")), dict(outlets=("B",)), dict(dates=(dates[2][1], dates[-3][1])),
               dict(keyword="Kyiv"), dict(outlets=("A", "B", "C"), view="bigrams"), dict(view="keyness", n=7)]
    for change in changes:
        for explorer in (ex, tl):
            if "outlets" in change:
                explorer.panel.outlets.value = change["outlets"]
            if "dates" in change:
                explorer.panel.dates.value = change["dates"]
            if "keyword" in change:
                explorer.panel.keyword.value = change["keyword"]
        if "view" in change:
            ex.view.value = change["view"]
        if "n" in change:
            ex.n.value = change["n"]
        chosen = ct.filter_articles(big, **ex.panel.params())
        tokens = ct.remove_stopwords(ct.tokenize(chosen, metadata=["outlet"], cache=False))
        ngram = 2 if ex.view.value == "bigrams" else 1
        counts = ct.count_terms(tokens, by="outlet", ngram=ngram)
        if ex.view.value == "keyness":
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                expected = ct.plot_keyness(ct.keyness(counts, by="outlet", target=ex.target.value), n=ex.n.value,
                                           target=ex.target.value)
        else:
            expected = ct.plot_top_terms(counts, by="outlet", n=ex.n.value, colors=ct.outlet_colors(big["outlet"]))
        assert ex.figure.to_json() == expected.to_json(), change
        expected = ct.plot_timeline(ct.timeline(chosen, freq="W", by="outlet"), color="outlet",
                                    title="Articles over time", colors=ct.outlet_colors(big["outlet"]))
        assert tl.figure.to_json() == expected.to_json(), change
        assert ex.panel.count.value.startswith(f"{len(chosen)} of {len(big)}")


@pytest.mark.filterwarnings("ignore::corpus_tools.text.search_terms.PatternWarning")  # Kiev occurs too
def test_kwic_and_sentiment_explorers_after_a_filter_change_equal_a_fresh_computation(sample):
    big = _many(sample)
    kx = kwic_explorer(big, "Kyiv")
    sx = sentiment_explorer(big)
    for outlets in [("A",), ("B", "C"), ("C",), ("A", "B", "C")]:
        for explorer in (kx, sx):
            explorer.panel.outlets.value = outlets
        chosen = ct.filter_articles(big, **kx.panel.params())
        pd.testing.assert_frame_equal(kx.table, ct.kwic(chosen, "Kyiv", window=kx.window.value))
        scored = sx.sentences[sx.sentences["doc_id"].isin(chosen["doc_id"])]
        expected = ct.plot_sentiment(scored, title="Sentence sentiment by outlet",
                                     colors=ct.outlet_colors(big["outlet"]))
        assert sx.figure.to_json() == expected.to_json()
    kx.panel.keyword.value = "zzznotthere"
    pd.testing.assert_frame_equal(kx.table, ct.kwic(ct.filter_articles(big, **kx.panel.params()), "Kyiv"))


def test_sentiment_boxes_of_many_scores_after_a_filter_change_equal_a_fresh_computation(sample, monkeypatch):
    import corpus_tools.ui.chart_base as chart_base
    import corpus_tools.ui.explorers as widgets

    # As with hundreds of thousands of sentences: boxes drawn from statistics, from a slim table.
    monkeypatch.setattr(chart_base, "MAX_TEXT_POINTS", 20)
    monkeypatch.setattr(widgets, "MAX_TEXT_POINTS", 20)
    big = _many(sample)
    sx = sentiment_explorer(big)
    for outlets in [("A",), ("B", "C"), ("A", "B", "C")]:
        sx.panel.outlets.value = outlets
        chosen = ct.filter_articles(big, **sx.panel.params())
        scored = sx.sentences[sx.sentences["doc_id"].isin(chosen["doc_id"])]
        # The explorer sends only outlets and scores at this scale: boxes, without the sampled points.
        expected = ct.plot_sentiment(scored[["outlet", "compound"]], title="Sentence sentiment by outlet",
                                     colors=ct.outlet_colors(big["outlet"]))
        # (the same numbers; a mean summed in another order may differ in its last digit)
        assert _rounded(sx.figure) == _rounded(expected)
        assert sx.figure.data[0].q1 is not None and sx.figure.data[0].y is None


def _rounded(fig):
    import json

    def walk(x):
        if isinstance(x, float):
            return round(x, 12)
        if isinstance(x, list):
            return [walk(v) for v in x]
        return {k: walk(v) for k, v in x.items()} if isinstance(x, dict) else x
    return walk(json.loads(fig.to_json()))
