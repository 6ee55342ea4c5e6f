import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.ui.plots import escape_label, figure_menu, outlet_colors

EVIL = '<img src=x onerror="alert(1)">'


@pytest.fixture(scope="module")
def tokens(sample):
    return ct.remove_stopwords(ct.tokenize(sample, metadata=["outlet", "date"]))


def test_top_terms_draw_the_counts_table(tokens):
    counts = ct.count_terms(tokens, by="outlet")
    fig = ct.plot_top_terms(counts, by="outlet", n=5)
    tass = next(t for t in fig.data if t.name == "TASS")
    expected = counts[counts["outlet"] == "TASS"].nlargest(5, "n")
    assert list(tass.x)[::-1] == expected["n"].tolist() and list(tass.y)[::-1] == expected["term"].tolist()


def test_one_colour_per_outlet_in_every_chart(sample, tokens):
    colors = outlet_colors(sample["outlet"])
    fig1 = ct.plot_top_terms(ct.count_terms(tokens, by="outlet"), by="outlet")
    fig2 = ct.plot_timeline(ct.timeline(sample, freq="M", by="outlet"), color="outlet")
    for t in fig1.data:
        assert t.marker.color == colors[t.name]
    for t in fig2.data:
        assert t.line.color == colors[t.name]
    assert colors["unknown"] == "#999999" and len(set(colors.values())) == len(colors)


def test_keyness_diverges_and_marks_small_counts(tokens):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = ct.keyness(tokens, by="outlet", target="TASS")
    fig = ct.plot_keyness(table, n=5, target="TASS")
    bar = fig.data[0]
    assert sum(v > 0 for v in bar.x) == 5 and sum(v < 0 for v in bar.x) == 5
    assert "kiev" in list(bar.y)
    assert set(bar.marker.opacity) <= {0.4, 1.0}


def test_keyness_of_all_outlets_gets_a_menu_that_works_without_a_kernel(tokens):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig = ct.plot_keyness(ct.keyness_all(tokens, by="outlet"), n=5)
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == sorted(tokens["outlet"].unique())
    assert sum(t.visible for t in fig.data) == 1
    for i, b in enumerate(buttons):
        assert b.args[0]["visible"].index(True) == i


def test_timeline_notes_undated_articles(sample):
    fig = ct.plot_timeline(ct.timeline(sample, freq="M"))
    assert any("1 undated" in a.text for a in fig.layout.annotations)
    assert sum(fig.data[0].y) == 4  # the four dated articles


def test_article_text_is_escaped_in_labels_and_hover():
    scored = pd.DataFrame({"outlet": [EVIL], "compound": [0.5], "text": [EVIL + " $40 and $60"], "sent_id": [0],
                           "doc_id": [EVIL]})
    for fig in (ct.plot_sentiment(scored), ct.plot_sentences(scored)):
        blob = fig.to_json()
        assert "<img" not in blob and "&lt;img" in blob


def test_escape_label_wraps():
    assert escape_label("a < b " * 20, width=30).count("<br>") >= 2


def test_figure_menu_needs_figures():
    with pytest.raises(ValueError):
        figure_menu({})


def test_large_tables_leave_out_hover_texts_to_keep_pages_small():
    import numpy as np

    from corpus_tools.ui.plots import MAX_TEXT_POINTS

    n = MAX_TEXT_POINTS + 1
    big = pd.DataFrame({"outlet": ["A"] * n, "compound": np.linspace(-1, 1, n), "text": ["words"] * n,
                        "sent_id": np.arange(n), "doc_id": ["d"] * n})
    assert ct.plot_sentences(big).data[0].text is None
    box = ct.plot_sentiment(big).data[0]
    # The box is drawn from its statistics: no list of every value in the page.
    assert box.y is None and box.q1 == (np.quantile(big["compound"], 0.25),)
    assert box.median == (np.median(big["compound"]),) and box.upperfence == (1.0,)
    small = big.head(10)
    assert len(ct.plot_sentences(small).data[0].text) == 10
