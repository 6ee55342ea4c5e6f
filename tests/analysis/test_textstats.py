"""add_text_stats on tiny texts counted by hand."""

import numpy as np
import pandas as pd
import pytest

from corpus_tools.analysis.textstats import (
    STATS_COLUMNS,
    add_text_stats,
    count_syllables,
)
from corpus_tools.io.word_counts import n_words


def stats_of(*texts, **kw):
    arts = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})
    return add_text_stats(arts, **kw)


@pytest.mark.parametrize("word, syllables", [
    ("cat", 1), ("the", 1), ("make", 1),          # silent final e
    ("table", 2), ("little", 2), ("syllable", 3),  # consonant + le is a syllable
    ("see", 1), ("agree", 2),                      # "ee" is one vowel group, not a silent e
    ("happy", 2), ("beautiful", 3), ("reading", 2), ("NATO", 2),
    ("full-scale", 2), ("2023", 1),
    ("Kyiv’s", 1), ("rhythm", 1),                  # limits of the heuristic (really 2 each), as documented
])
def test_syllables_hand_counted(word, syllables):
    assert count_syllables(word) == syllables


def test_flesch_reading_ease_by_hand():
    s = stats_of("The cat is happy. It will run to the table.").iloc[0]
    # 10 words, 2 sentences; syllables 1+1+1+2 + 1+1+1+1+1+2 = 12.
    assert s["n_words"] == 10 and s["n_sentences"] == 2
    assert s["mean_sentence_length"] == 5.0
    assert s["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * 10 / 2 - 84.6 * 12 / 10)  # 100.24
    assert s["flesch_reading_ease"] == pytest.approx(100.24)
    # the, cat, is, happy, it, will, run, to, table: 9 types in 10 tokens.
    assert s["ttr"] == pytest.approx(0.9)


def test_mattr_by_hand_with_window_3():
    text = "Red blue red. Green red blue."
    # Windows: (red blue red) 2, (blue red green) 3, (red green red) 2, (green red blue) 3 -> 10/4/3.
    s = stats_of(text, window=3).iloc[0]
    assert s["mattr"] == pytest.approx(10 / 4 / 3)
    assert s["ttr"] == pytest.approx(3 / 6)
    assert stats_of(text, window=6).iloc[0]["mattr"] == pytest.approx(0.5)  # one window = ttr
    assert stats_of(text, window=100).iloc[0]["mattr"] == pytest.approx(0.5)  # shorter than window: ttr
    assert stats_of(text, window=1).iloc[0]["mattr"] == 1.0


def test_ttr_is_case_insensitive_and_joins_curly_apostrophes():
    s = stats_of("Red red RED. Kyiv's Kyiv’s.").iloc[0]
    assert s["n_words"] == 5 and s["ttr"] == pytest.approx(2 / 5)


def test_empty_and_missing_text_give_nan_not_a_crash():
    s = stats_of("", "   ", None, "...", "One word.")
    assert s["n_words"].tolist() == [0, 0, 0, 0, 2]
    for col in ["ttr", "mattr", "flesch_reading_ease", "mean_sentence_length"]:
        assert s[col].iloc[:4].isna().all(), col
        assert s[col].iloc[4:].notna().all(), col
    assert str(s["n_words"].dtype) == "int64" and str(s["n_sentences"].dtype) == "int64"
    empty = add_text_stats(pd.DataFrame({"doc_id": [], "text": []}))
    assert list(empty.columns) == ["doc_id", "text", *STATS_COLUMNS] and len(empty) == 0


def test_adds_columns_keeps_rows_and_leaves_input_unchanged():
    arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "n_words": [99, 99],
                         "text": ["The dog barked. A man walked by.", "Short one."]}, index=[10, 20])
    before = arts.copy()
    out = add_text_stats(arts)
    pd.testing.assert_frame_equal(arts, before)
    assert list(out.columns) == ["doc_id", "outlet", "n_words", "text", *STATS_COLUMNS[1:]]
    assert out.index.tolist() == [10, 20] and out["outlet"].tolist() == ["X", "Y"]
    assert out["n_words"].tolist() == [7, 2]  # recounted from the text
    assert out["n_sentences"].tolist() == [2, 1]


def test_other_text_column_and_errors():
    arts = pd.DataFrame({"doc_id": ["a"], "title": ["NATO chief speaks"]})
    assert add_text_stats(arts, text="title")["n_words"].tolist() == [3]
    with pytest.raises(KeyError, match="'text'"):
        add_text_stats(arts)
    with pytest.raises(ValueError, match="window"):
        add_text_stats(arts, text="title", window=0)


def test_on_sample(sample):
    s = add_text_stats(sample)
    assert (s["n_words"] == sample["n_words"]).all()
    assert (s["n_words"] == sample["text"].map(n_words)).all()
    assert (s["n_sentences"] > 10).all()
    assert s["flesch_reading_ease"].between(0, 100).all()
    # Long texts: the moving average over 100 words sees more variety than the whole-text ratio.
    assert (s["mattr"] > s["ttr"]).all()
    assert np.allclose(s["mean_sentence_length"], s["n_words"] / s["n_sentences"])
