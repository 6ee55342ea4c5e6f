"""timeline and term_timeline on tiny tables whose numbers can be checked on paper."""

import warnings

import numpy as np
import pandas as pd
import pytest

from corpus_tools.analysis.timeline import term_timeline, timeline
from corpus_tools.text.search_terms import PatternWarning
from corpus_tools.text.tokens import tokenize

NaT = pd.NaT
D = pd.Timestamp  # 2024-01-01 is a Monday


def arts():
    """Six articles: X on Jan 1 (2) and Jan 8; Y on Jan 3 and Feb 5, and one undated (e)."""
    return pd.DataFrame({
        "doc_id": ["a", "b", "c", "d", "e", "f"],
        "outlet": ["X", "X", "Y", "X", "Y", "Y"],
        "date": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-03", "2024-01-08", None, "2024-02-05"]),
        "compound": [0.5, -0.5, 1.0, 0.2, 0.9, -1.0],
    })


def rows(t, *cols):
    """(period as text or 'undated', *cols) per row."""
    per = ["undated" if pd.isna(p) else str(p.date()) for p in t["period"]]
    return [tuple([p, *vals]) for p, vals in zip(per, t[list(cols)].itertuples(index=False))]


# --- timeline ---------------------------------------------------------------------------------
def test_daily_counts_with_zero_filled_gaps_and_undated_row():
    t = timeline(arts())
    assert list(t.columns) == ["period", "n", "undated"]
    # 2024-01-01 .. 2024-02-05 is 36 days, plus one undated row.
    assert len(t) == 37
    counts = {p: n for p, n in rows(t, "n") if n}
    assert counts == {"2024-01-01": 2, "2024-01-03": 1, "2024-01-08": 1, "2024-02-05": 1, "undated": 1}
    assert rows(t, "n")[1] == ("2024-01-02", 0)
    assert t["n"].sum() == 6  # every article counted, the undated one too
    assert t["undated"].tolist() == [False] * 36 + [True]
    assert t.attrs["n_undated"] == 1
    assert str(t["n"].dtype) == "int64" and t["undated"].dtype == bool
    assert pd.api.types.is_datetime64_dtype(t["period"])


def test_weekly_counts_start_on_monday():
    t = timeline(arts(), freq="W")
    assert rows(t, "n") == [("2024-01-01", 3), ("2024-01-08", 1), ("2024-01-15", 0), ("2024-01-22", 0),
                            ("2024-01-29", 0), ("2024-02-05", 1), ("undated", 1)]
    sunday = pd.DataFrame({"date": pd.to_datetime(["2024-01-07 23:59", "2024-01-08 00:01"])})
    assert rows(timeline(sunday, freq="week"), "n") == [("2024-01-01", 1), ("2024-01-08", 1)]


def test_monthly_counts_and_frequency_names():
    t = timeline(arts(), freq="M")
    assert rows(t, "n") == [("2024-01-01", 4), ("2024-02-01", 1), ("undated", 1)]
    pd.testing.assert_frame_equal(timeline(arts(), freq="month"), t)
    pd.testing.assert_frame_equal(timeline(arts(), freq="week"), timeline(arts(), freq="W"))
    pd.testing.assert_frame_equal(timeline(arts(), freq="day"), timeline(arts(), freq="D"))
    with pytest.raises(ValueError, match="'W'"):
        timeline(arts(), freq="fortnight")


def test_by_outlet_zero_fills_each_group_and_undated_only_where_there_are_any():
    t = timeline(arts(), freq="M", by="outlet")
    assert list(t.columns) == ["period", "outlet", "n", "undated"]
    assert rows(t, "outlet", "n") == [
        ("2024-01-01", "X", 3), ("2024-02-01", "X", 0),
        ("2024-01-01", "Y", 1), ("2024-02-01", "Y", 1), ("undated", "Y", 1),
    ]
    assert t.attrs["n_undated"] == 1


def test_by_string_equals_by_list():
    for freq in ["D", "W", "M"]:
        pd.testing.assert_frame_equal(timeline(arts(), freq=freq, by="outlet"),
                                      timeline(arts(), freq=freq, by=["outlet"]))
    toks = pd.DataFrame({"token": ["a", "b"], "outlet": ["X", "Y"], "date": pd.to_datetime(["2024-01-01"] * 2)})
    pd.testing.assert_frame_equal(term_timeline(toks, "a", by="outlet"), term_timeline(toks, ["a"], by=["outlet"]))


def test_value_mean_median_and_sum():
    t = timeline(arts(), freq="M", value="compound")
    assert list(t.columns) == ["period", "compound", "n", "undated"]
    # January: (0.5 - 0.5 + 1.0 + 0.2) / 4 = 0.3; February: -1.0; undated: 0.9.
    assert rows(t, "compound", "n") == [("2024-01-01", pytest.approx(0.3), 4), ("2024-02-01", -1.0, 1),
                                       ("undated", 0.9, 1)]
    med = timeline(arts(), freq="M", value="compound", agg="median")
    assert med["compound"].iloc[0] == pytest.approx(0.35)  # middle of -0.5, 0.2, 0.5, 1.0
    s = timeline(arts(), freq="M", by="outlet", value="compound", agg="sum")
    assert rows(s, "outlet", "compound", "n") == [
        ("2024-01-01", "X", pytest.approx(0.2), 3), ("2024-02-01", "X", 0.0, 0),  # sum of nothing is 0
        ("2024-01-01", "Y", 1.0, 1), ("2024-02-01", "Y", -1.0, 1), ("undated", "Y", 0.9, 1),
    ]


def test_empty_period_mean_is_nan_and_missing_values_are_skipped_but_articles_counted():
    w = timeline(arts(), freq="W", value="compound")
    assert np.isnan(w.loc[w["period"] == D("2024-01-15"), "compound"].item())
    a = arts()
    a.loc[0, "compound"] = np.nan
    t = timeline(a, freq="M", value="compound")
    assert t["compound"].iloc[0] == pytest.approx(0.7 / 3) and t["n"].iloc[0] == 4


def test_integer_sums_stay_integers():
    a = arts().assign(shares=[1, 2, 3, 4, 5, 6])
    t = timeline(a, freq="M", value="shares", agg="sum")
    assert t["shares"].tolist() == [1 + 2 + 3 + 4, 6, 5] and str(t["shares"].dtype) == "int64"


def test_input_unchanged():
    a = arts()
    a.attrs["load_report"] = "kept"
    before = a.copy()
    timeline(a, freq="W", by="outlet", value="compound")
    pd.testing.assert_frame_equal(a, before)
    assert a.attrs == {"load_report": "kept"}


def test_no_undated_all_undated_and_empty():
    dated = arts().dropna(subset=["date"])
    t = timeline(dated, freq="M")
    assert not t["undated"].any() and t.attrs["n_undated"] == 0
    none = arts().assign(date=pd.NaT)
    t = timeline(none, by="outlet")
    assert rows(t, "outlet", "n") == [("undated", "X", 3), ("undated", "Y", 3)] and t.attrs["n_undated"] == 6
    t = timeline(arts().iloc[:0], by="outlet")
    assert len(t) == 0 and list(t.columns) == ["period", "outlet", "n", "undated"]


def test_missing_outlet_is_a_group_not_dropped():
    a = arts()
    a.loc[3, "outlet"] = None
    t = timeline(a, freq="M", by="outlet")
    assert t["n"].sum() == 6
    assert t.loc[t["outlet"].isna(), "n"].tolist() == [1, 0]


def test_text_dates_time_zones_and_bad_dates():
    a = pd.DataFrame({"date": ["2024-01-01", None, "2024-01-02"]})
    assert rows(timeline(a), "n") == [("2024-01-01", 1), ("2024-01-02", 1), ("undated", 1)]
    tz = pd.DataFrame({"date": pd.to_datetime(["2024-01-01 23:30"]).tz_localize("Europe/Kyiv")})
    assert rows(timeline(tz), "n") == [("2024-01-01", 1)]  # the local day, not the UTC one
    with pytest.raises(ValueError, match="cannot be read as a date"):
        timeline(pd.DataFrame({"date": ["2024-01-01", "last Tuesday"]}))


def test_clear_errors():
    with pytest.raises(KeyError, match="'outlet'"):
        timeline(arts().drop(columns="outlet"), by="outlet")
    with pytest.raises(TypeError, match="numeric"):
        timeline(arts(), value="outlet")


def test_sample_undated_article_is_counted(sample):
    t = timeline(sample, freq="M", by="outlet")
    assert t["n"].sum() == len(sample) == 5
    undated = t[t["undated"]]
    assert undated[["outlet", "n"]].values.tolist() == [["AP", 1]]
    assert t.attrs["n_undated"] == 1 == sample["date"].isna().sum()
    # 2023-11 .. 2024-06 for each of the 4 outlets, plus AP's undated row.
    assert len(t) == 8 * 4 + 1


# --- term_timeline ----------------------------------------------------------------------------
def toks():
    d1, d3 = D("2024-01-01"), D("2024-01-03")
    return pd.DataFrame({
        "doc_id": ["a", "a", "a", "b", "b", "b", "c", "c"],
        "token": ["nato", "kyiv", "said", "NATO", "kyiv's", "war", "nato", "peace"],
        "outlet": ["X", "X", "X", "Y", "Y", "Y", "Y", "Y"],
        "date": [d1, d1, d1, d3, d3, d3, NaT, NaT],
    })


def test_term_timeline_shares_on_paper():
    t = term_timeline(toks(), ["nato", "kyiv*"])
    assert list(t.columns) == ["period", "term", "n", "total", "share", "undated"]
    got = rows(t, "term", "n", "total", "share")
    nan = got[1][4]
    assert np.isnan(nan)
    assert got == [
        ("2024-01-01", "nato", 1, 3, 1 / 3), ("2024-01-02", "nato", 0, 0, nan), ("2024-01-03", "nato", 1, 3, 1 / 3),
        ("undated", "nato", 1, 2, 0.5),
        ("2024-01-01", "kyiv*", 1, 3, 1 / 3), ("2024-01-02", "kyiv*", 0, 0, got[5][4]),
        ("2024-01-03", "kyiv*", 1, 3, 1 / 3), ("undated", "kyiv*", 0, 2, 0.0),
    ]
    assert t["undated"].tolist() == [False, False, False, True] * 2
    assert t.attrs["n_undated"] == 2
    assert t.attrs["matches"] == {"nato": ["nato"], "kyiv*": ["kyiv", "kyiv's"]}


def test_term_timeline_by_outlet():
    t = term_timeline(toks(), "nato", by="outlet")
    assert list(t.columns) == ["period", "outlet", "term", "n", "total", "share", "undated"]
    assert rows(t, "outlet", "n", "total") == [
        ("2024-01-01", "X", 1, 3), ("2024-01-02", "X", 0, 0), ("2024-01-03", "X", 0, 0),
        ("2024-01-01", "Y", 0, 0), ("2024-01-02", "Y", 0, 0), ("2024-01-03", "Y", 1, 3), ("undated", "Y", 1, 2),
    ]


def test_term_timeline_weekly_and_globs():
    t = term_timeline(toks(), ["k*", "*a*", "kyi", "kyiv’s"], freq="W")
    dated = t[~t["undated"]].set_index("term")["n"].to_dict()
    # k*: kyiv, kyiv's; *a*: nato, said, NATO, war (and peace, undated); "kyi" is not a whole token.
    assert dated == {"k*": 2, "*a*": 4, "kyi": 0, "kyiv’s": 1}
    assert t.loc[t["undated"], "n"].tolist() == [0, 2, 0, 0]
    assert (t["total"] == [6, 2] * 4).all()


def test_term_timeline_input_unchanged_and_errors():
    tk = toks()
    before = tk.copy()
    term_timeline(tk, ["nato"], by="outlet", freq="M")
    pd.testing.assert_frame_equal(tk, before)
    with pytest.raises(KeyError, match=r"tokenize\(articles, metadata=\['date'"):
        term_timeline(tk.drop(columns="date"), "nato")
    with pytest.raises(KeyError, match="metadata"):
        term_timeline(tk.drop(columns="outlet"), "nato", by="outlet")
    with pytest.raises(ValueError, match="terms"):
        term_timeline(tk, [])


def test_term_timeline_spellings_counted_together_and_variants():
    tk = toks().assign(token=["nato", "kyiv", "said", "NATO", "Kiev", "war", "nato", "peace"])
    t = term_timeline(tk, [["kyiv", "kiev"], "war"], freq="M")
    dated = t[~t["undated"]].set_index("term")["n"].to_dict()
    assert dated == {"kyiv / kiev": 2, "war": 1} and t.attrs["matches"]["kyiv / kiev"] == ["kiev", "kyiv"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        by_variants = term_timeline(tk, "kyiv", freq="M", variants=True)
    assert by_variants.loc[~by_variants["undated"], "n"].tolist() == [2]
    with pytest.warns(PatternWarning, match="'Kiev'"):  # the other spelling is among the tokens
        term_timeline(tk, "kyiv", freq="M")
    with pytest.warns(PatternWarning, match="regex=True"):
        assert term_timeline(tk, "kyiv|kiev", freq="M")["n"].sum() == 0


def test_term_timeline_on_sample(sample):
    tk = tokenize(sample, metadata=["date", "outlet"])
    t = term_timeline(tk, ["nato", "ukrain*"], freq="M", by="outlet")
    nato = t[t["term"] == "nato"]
    assert nato["total"].sum() == len(tk)  # every token counted once per term, undated included
    undated = t[t["undated"]]
    assert undated["outlet"].tolist() == ["AP", "AP"]
    assert undated["total"].tolist() == [(tk["date"].isna()).sum()] * 2 == [t.attrs["n_undated"]] * 2
    assert nato["n"].sum() == (tk["token"] == "nato").sum()
    assert "ukrainian" in t.attrs["matches"]["ukrain*"]


def test_numbers_are_not_taken_for_dates():
    with pytest.raises(TypeError, match="should hold dates"):
        timeline(pd.DataFrame({"date": [20240101, 20240102]}))


def test_a_last_period_the_dates_barely_reach_is_named_on_the_chart():
    # Articles up to 5 Feb only: February's count is 5 days' worth, not a fall in coverage.
    from corpus_tools.ui.plots_time import plot_timeline

    t = timeline(arts(), freq="M", by="outlet")
    assert (t.attrs["first_date"], t.attrs["last_date"]) == ("2024-01-01", "2024-02-05")
    note = plot_timeline(t, color="outlet").layout.title.text
    assert "last month (Feb 2024): only 5 of its 29 days (the dates end 5 Feb 2024)" in note
    assert "first month" not in note  # January is covered from its first day
    assert "only" not in (plot_timeline(timeline(arts(), freq="D")).layout.title.text or "")  # days are never partial
    # Means and shares are not lowered by a short period: no note on them.
    assert "only" not in (plot_timeline(timeline(arts(), freq="M", value="compound"), y="compound").layout.title.text
                          or "")
