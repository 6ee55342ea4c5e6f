import pandas as pd

from corpus_tools import filter_articles


def test_each_condition(sample):
    assert filter_articles(sample, outlets=["TASS"])["outlet"].tolist() == ["TASS"]
    dated = filter_articles(sample, start="2023-11-27", end="2023-11-27", include_undated=False)
    assert sorted(dated["date"].dt.day) == [27, 27]
    with_undated = filter_articles(sample, start="2023-11-27", end="2023-11-27")
    assert len(with_undated) == 3
    assert filter_articles(sample, keyword="allegedly")["outlet"].tolist() == ["TASS"]
    assert len(filter_articles(sample, keyword=r"Kyiv|Kiev", regex=True)) == 5
    assert (filter_articles(sample, min_words=600)["n_words"] >= 600).all()
    assert "004_03b79c85bce5be51" not in set(filter_articles(sample, exclude_flags=["mixed_script"])["doc_id"])


def test_no_conditions_keeps_everything_and_input_unchanged(sample):
    before = sample.copy()
    assert len(filter_articles(sample)) == 5
    pd.testing.assert_frame_equal(sample, before)
