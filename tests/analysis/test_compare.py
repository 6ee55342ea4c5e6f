"""Two groups side by side: rates, ranks and keyness of every term (the table behind plot_term_scatter)."""

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.analysis.compare import COMPARE_COLUMNS, REST

COUNTS = pd.DataFrame({"outlet": ["AP", "AP", "AP", "TASS", "TASS", "RT"], "term": ["kyiv", "said", "war", "kiev",
                       "said", "kiev"], "n": [20, 70, 10, 20, 80, 5]})


def test_one_pair_by_hand():
    table = ct.compare_terms(COUNTS, x="TASS", y="AP")
    assert list(table.columns) == COMPARE_COLUMNS
    row = table.set_index("term")
    assert row.loc["said", ["n_x", "n_y"]].tolist() == [80, 70]
    assert row.loc["said", "rate_x"] == pytest.approx(800.0) and row.loc["said", "rate_y"] == pytest.approx(700.0)
    # Dense ranks scaled to 0..1: TASS counts 0, 20, 80 (three levels); AP 0, 10, 20, 70 (four).
    assert row["rank_x"].to_dict() == {"kiev": 0.5, "said": 1.0, "kyiv": 0.0, "war": 0.0}
    assert row.loc["war", "rank_y"] == pytest.approx(1 / 3)
    # Keyness is keyness(): TASS against AP only (RT left out of this pair).
    k = ct.keyness(COUNTS[COUNTS["outlet"] != "RT"], by="outlet", target="TASS", min_expected=0).set_index("term")
    assert row["g2"].to_dict() == pytest.approx(k["g2"].to_dict())
    assert table["g2"].is_monotonic_decreasing


def test_pairs_chosen_as_documented():
    with pytest.warns(ct.SmallCountWarning):
        every = ct.compare_terms(COUNTS)
    assert sorted(set(zip(every["x"], every["y"]))) == [("AP", REST), ("RT", REST), ("TASS", REST)]
    with pytest.warns(ct.SmallCountWarning):
        rest = ct.compare_terms(COUNTS, x="RT").set_index("term")
    assert rest.loc["kiev", ["n_x", "n_y"]].tolist() == [5, 20]
    two = ct.compare_terms(COUNTS[COUNTS["outlet"] != "RT"])
    assert set(zip(two["x"], two["y"])) == {("AP", "TASS")}
    with pytest.raises(ValueError, match="'BBC' is not a value of 'outlet'"):
        ct.compare_terms(COUNTS, x="BBC")
    with pytest.raises(ValueError, match="Give x with y"):
        ct.compare_terms(COUNTS, y="AP")
    with pytest.raises(ValueError, match="one column"):
        ct.compare_terms(COUNTS, by=["outlet", "term"])
    with pytest.warns(UserWarning, match="nothing to compare"):
        empty = ct.compare_terms(COUNTS[COUNTS["outlet"] == "AP"])
    assert empty.empty and list(empty.columns) == COMPARE_COLUMNS
    assert "No terms" in ct.plot_term_scatter(empty).layout.annotations[0].text


def test_tokens_and_their_counts_give_the_same_table(sample):
    tokens = ct.remove_stopwords(ct.tokenize(sample, metadata=["outlet"]))
    counts = ct.count_terms(tokens, by="outlet")
    with pytest.warns(ct.SmallCountWarning):
        a = ct.compare_terms(tokens, x="TASS")
    with pytest.warns(ct.SmallCountWarning):
        b = ct.compare_terms(counts, x="TASS")
    pd.testing.assert_frame_equal(a, b)
