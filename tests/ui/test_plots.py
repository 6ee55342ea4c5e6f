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


def test_large_tables_draw_a_fixed_sample_with_its_texts_and_say_so():
    import numpy as np

    from corpus_tools.ui.plots import MAX_TEXT_POINTS

    n = MAX_TEXT_POINTS * 3
    big = pd.DataFrame({"outlet": np.where(np.arange(n) % 3, "A", "B"), "compound": np.linspace(-1, 1, n),
                        "text": [f"sentence {i} <b>" for i in range(n)], "sent_id": np.arange(n), "doc_id": ["d"] * n})
    fig = ct.plot_sentences(big)
    shown = [t for trace in fig.data for t in trace.text]
    assert len(shown) == MAX_TEXT_POINTS and all("&lt;b&gt;" in t and "<b>" not in t for t in shown)
    assert f"{MAX_TEXT_POINTS:,} of {n:,} sentences shown" in fig.layout.title.text
    # The same sample every time, and each point's text is its own sentence.
    assert ct.plot_sentences(big).to_json() == fig.to_json()
    for trace in fig.data:
        assert [f"sentence {x} &lt;b&gt;" for x in trace.x] == list(trace.text)
    boxes = ct.plot_sentiment(big)
    # The boxes are drawn from the statistics of every value; the points are the sample.
    stats = [t for t in boxes.data if t.q1 is not None]
    points = [t for t in boxes.data if t.boxpoints == "all"]
    a = big.loc[big["outlet"] == "A", "compound"]
    assert stats[0].y is None and stats[0].q1 == (np.quantile(a, 0.25),) and stats[0].median == (np.median(a),)
    assert sum(len(t.y) for t in points) == MAX_TEXT_POINTS and all(t.text is not None for t in points)
    assert "boxes from all" in boxes.layout.title.text
    small = big.head(10)
    assert len(ct.plot_sentences(small).data[0].text) + len(ct.plot_sentences(small).data[1].text) == 10
    assert "shown" not in (ct.plot_sentences(small).layout.title.text or "")
    # Without texts (as the sentiment explorer sends at scale): only the boxes.
    no_text = ct.plot_sentiment(big[["outlet", "compound"]])
    assert all(t.q1 is not None for t in no_text.data) and "without the points" in no_text.layout.title.text


# ---------------------------------------------------------------------------------------------
# Colours: distinct, visible on white, fixed by name; beyond 12, grey


def _lab(hex_color):
    import numpy as np

    rgb = np.array([int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ lin
    f = np.cbrt(xyz / [0.95047, 1.0, 1.08883])
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])]), xyz[1]


def test_palette_colours_are_distinct_and_visible_on_white():
    import itertools

    from corpus_tools.ui.chart_base import OTHER_COLOR, PALETTE, UNKNOWN_COLOR

    assert len(PALETTE) == 12 == len(set(PALETTE))
    for color in PALETTE:
        _, luminance = _lab(color)
        assert 1.05 / (luminance + 0.05) >= 3.0, color  # WCAG contrast for marks against white
    colors = [*PALETTE, OTHER_COLOR, UNKNOWN_COLOR]
    closest = min((float(((_lab(a)[0] - _lab(b)[0]) ** 2).sum() ** 0.5), a, b)
                  for a, b in itertools.combinations(colors, 2))
    assert closest[0] > 20, closest  # CIE76: the old palette had two light blues 10 apart


def test_outlet_colours_by_sorted_name_and_grey_beyond_twelve():
    from corpus_tools.ui.chart_base import OTHER_COLOR, PALETTE

    names = [f"outlet {i:02d}" for i in range(9)]
    colors = outlet_colors(reversed(names))
    assert [colors[n] for n in names] == PALETTE[:9]
    many = [f"o{i:02d}" for i in range(15) for _ in range(20 - i)] + ["other", "unknown"]  # o00 largest
    colors = outlet_colors(many)
    assert [colors[f"o{i:02d}"] for i in range(12)] == PALETTE
    assert {colors[f"o{i:02d}"] for i in range(12, 15)} == {OTHER_COLOR} and colors["other"] == OTHER_COLOR
    fig = ct.plot_sentences(pd.DataFrame({"outlet": many, "compound": 0.0, "text": "x", "sent_id": 0}))
    assert "3 smaller outlets in grey" in fig.layout.title.text


# ---------------------------------------------------------------------------------------------
# Lines that would hide each other: one row per outlet


def _coverage(n_outlets, undated=0):
    periods = pd.to_datetime(["2024-01-01", "2024-01-08", "2024-01-15"])
    rows = [{"period": p, "outlet": f"<i>O{k}</i>", "n": 2} for k in range(n_outlets) for p in periods]
    rows += [{"period": pd.NaT, "outlet": "<i>O0</i>", "n": undated}] if undated else []
    return pd.DataFrame(rows)


def test_timeline_with_many_outlets_has_one_row_each_on_shared_axes():
    table = _coverage(9, undated=3)
    fig = ct.plot_timeline(table, color="outlet", title="Coverage")
    assert len(fig.data) == 9 and len({t.yaxis for t in fig.data}) == 9 and {t.xaxis for t in fig.data} == {"x"}
    layout = fig.layout.to_plotly_json()
    # One value scale for every row, rows stacked top to bottom without overlapping, one time axis below.
    assert len({tuple(layout[f"yaxis{i}"]["range"]) for i in ["", *range(2, 10)]}) == 1
    tops = [layout[f"yaxis{i}"]["domain"] for i in ["", *range(2, 10)]]
    assert all(a[0] > b[1] for a, b in zip(tops, tops[1:])) and layout["xaxis"]["anchor"] == "y9"
    labels = [a.text for a in fig.layout.annotations]
    assert "<b>&lt;i&gt;O0&lt;/i&gt;</b>" in labels and not any("<i>" in t for t in labels)
    assert any("3 undated" in t for t in labels) and "one row per outlet" in fig.layout.title.text
    assert fig.layout.height >= 9 * 95
    # Few lines stay in one chart; either can be asked for.
    assert len({t.yaxis for t in ct.plot_timeline(_coverage(3), color="outlet").data}) == 1
    assert len({t.yaxis for t in ct.plot_timeline(_coverage(9), color="outlet", facet=False).data}) == 1
    assert len({t.yaxis for t in ct.plot_timeline(_coverage(2), color="outlet", facet=True).data}) == 2
    # The explorer's fixed colours are kept.
    colors = outlet_colors(table["outlet"])
    assert [t.line.color for t in fig.data] == [colors[f"<i>O{k}</i>"] for k in range(9)]


def test_term_timeline_by_outlet_has_a_row_per_outlet_and_a_line_per_term():
    periods = pd.to_datetime(["2024-01-01", "2024-01-08"])
    table = pd.DataFrame([{"period": p, "term": t, "outlet": o, "share": 0.1}
                          for t in ("kyiv", "kiev") for o in "ABC" for p in periods])
    fig = ct.plot_timeline(table, y="share", color=["term", "outlet"])
    assert len(fig.data) == 6 and len({t.yaxis for t in fig.data}) == 3
    assert sorted(t.name for t in fig.data if t.showlegend) == ["kiev", "kyiv"]


# ---------------------------------------------------------------------------------------------
# Axes limited to the top terms, with the rest counted


def test_framing_draws_the_most_used_terms_and_counts_the_rest():
    framing = pd.DataFrame(
        [{"outlet": o, "category": "place", "group": "kyiv", "term": t, "n": k, "share_in_group": 0.5}
         for o in ("A", "B") for t, k in (("kyiv", 50), ("kiev", 0))]
        + [{"outlet": o, "category": "scare_quote", "group": "scare_quote", "term": f"<q{i:03d}>", "n": 100 - i,
            "share_in_group": 0.01} for o in ("A", "B") for i in range(100)])
    fig = ct.plot_framing(framing, n=20)
    terms = list(fig.data[0].x[1])
    # The lexicon group whole (its unused alternative too), then the most used scare quotes.
    assert terms.count("kiev") == 1 and len(terms) == 20 and "&lt;q000&gt;" in terms and "&lt;q018&gt;" not in terms
    assert "+ 82 more terms not shown" in fig.layout.title.text and "<q" not in fig.layout.title.text
    assert len(ct.plot_framing(framing, category="scare_quote").data[0].x[1]) == 20
    assert len(ct.plot_framing(framing, group="kyiv").data[0].x[1]) == 2


def test_top_terms_and_keyness_say_how_many_terms_are_left_out(tokens):
    import warnings

    counts = ct.count_terms(tokens)
    fig = ct.plot_top_terms(counts, n=5)
    assert f"top 5 of {len(counts):,} terms; {len(counts) - 5:,} more not shown" in fig.layout.title.text
    by_outlet = ct.plot_top_terms(ct.count_terms(tokens, by="outlet"), by="outlet", n=5)
    assert "each panel: its top 5 terms" in by_outlet.layout.title.text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = ct.keyness(tokens, by="outlet", target="TASS")
    hidden = int((table["g2"] != 0).sum()) - 10
    assert f"+ {hidden:,} more terms not shown" in ct.plot_keyness(table, n=5, target="TASS").layout.title.text


def test_a_large_similarity_heatmap_keeps_its_page_small():
    import numpy as np

    n = 300
    labels = [f"<b>outlet</b>: a long title number {i} " + "x" * 60 for i in range(n)]
    matrix = pd.DataFrame(np.random.default_rng(0).random((n, n)).round(3), index=labels, columns=labels)
    fig = ct.plot_similarity(matrix)
    heat = fig.data[0]
    assert heat.customdata is None and "%{y}" in heat.hovertemplate and "%{x}" in heat.hovertemplate
    assert len(set(heat.x)) == n and heat.y[0].startswith("1. &lt;b&gt;outlet&lt;/b&gt;")
    assert fig.layout.xaxis.showticklabels is False and "hover a cell" in fig.layout.title.text
    assert len(fig.to_json()) < 1_500_000  # was 11 MB with two labels in each cell


def test_counts_without_outlets_or_colour():
    fig = ct.plot_counts(pd.DataFrame({"flag": ["undated", "<b>x</b>"], "n": [2, 1]}), x="flag", title="Flags")
    assert fig.layout.title.text == "Flags" and list(fig.data[0].x) == ["undated", "&lt;b&gt;x&lt;/b&gt;"]


def test_panels_of_long_phrases_leave_room_for_their_labels():
    # Labels of the second panel must not cover the first panel's bars.
    long = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "n": [2, 1, 2, 1],
                         "term": ["атакували енергетичну", "вівторок окупанти", "brussels thursday", "banks energy"]})
    fig = ct.plot_top_terms(long, by="outlet")
    gap = fig.layout.xaxis2.domain[0] - fig.layout.xaxis.domain[1]
    assert gap * 900 >= len("атакували енергетичну") * 6.5  # px at plotly's default 12 px font and width
    short = long.assign(term=["kyiv", "aid", "nato", "eu"])
    fig = ct.plot_top_terms(short, by="outlet")
    assert fig.layout.xaxis2.domain[0] - fig.layout.xaxis.domain[1] < gap  # short words keep wide panels


def test_sentiment_charts_name_the_outlets_that_got_no_score():
    # Russian articles get no VADER score: their outlet must not just vanish from the chart.
    scored = pd.DataFrame({"doc_id": ["a", "b", "c"], "sent_id": [0, 0, 0], "outlet": ["Вестник", EVIL, "AP"],
                           "compound": [float("nan"), float("nan"), 0.2], "text": ["x", "y", "z"]})
    for fig in (ct.plot_sentiment(scored), ct.plot_sentences(scored)):
        note = fig.layout.title.text
        assert "no score for" in note and "Вестник" in note and "<img" not in note and "&lt;img" in note
    assert "no score" not in ct.plot_sentiment(scored.dropna()).layout.title.text


@pytest.mark.parametrize("categorical", [False, True])
def test_boxes_of_many_values_hold_each_group_statistics(monkeypatch, categorical):
    import numpy as np

    from corpus_tools.ui import chart_base
    from corpus_tools.ui.plots_values import plot_distribution

    monkeypatch.setattr(chart_base, "MAX_TEXT_POINTS", 10)
    rng = np.random.default_rng(3)
    outlets = rng.choice(["Zeta <b>", "AP", "TASS", "Empty"], size=400)
    values = np.where(outlets == "Empty", np.nan, rng.normal(0, 1, 400).round(3))
    values[::17] = np.nan
    values[next(i for i in range(1, 400) if outlets[i] != "Empty" and i % 17 and i != 7)] = 9.0  # an outlier
    table = pd.DataFrame({"outlet": outlets, "compound": values})
    table.loc[7, "outlet"] = None  # a row without a group draws nothing
    if categorical:
        table["outlet"] = table["outlet"].astype("category")
    for frame in (table, table.sort_values(["outlet", "compound"])):  # rows in any order, or in group order
        fig = plot_distribution(frame, y="compound")
        boxes = {t.name: t for t in fig.data}
        assert list(boxes) == ["AP", "TASS", "Zeta &lt;b&gt;"]  # sorted, escaped, the empty group left out
        for name, v in table.dropna().groupby("outlet", observed=True)["compound"]:
            b, (q1, med, q3) = boxes[name.replace("<", "&lt;").replace(">", "&gt;")], np.quantile(v, [.25, .5, .75])
            assert (b.q1[0], b.median[0], b.q3[0]) == (q1, med, q3)
            assert b.lowerfence[0] == v[v >= q1 - 1.5 * (q3 - q1)].min()
            assert b.upperfence[0] == v[v <= q3 + 1.5 * (q3 - q1)].max() and b.upperfence[0] < 9
            assert abs(b.mean[0] - v.mean()) < 1e-12
        title = fig.layout.title.text
        assert "no compound for Empty" in title and "boxes from all 400 values" in title
