import pandas as pd
import pytest

from corpus_tools import PatternWarning, filter_articles


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


def test_keyword_lists_and_regular_expressions_as_whole_words():
    arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["Aid to Kyiv.", "Kiev said no.", "The Kievan Rus."]})
    assert filter_articles(arts, keyword=["Kyiv", "Kiev"])["doc_id"].tolist() == ["a", "b"]
    assert filter_articles(arts, keyword="Kiev|Kyiv", regex=True)["doc_id"].tolist() == ["a", "b"]
    assert filter_articles(arts, keyword="Kiev\\w*", regex=True)["doc_id"].tolist() == ["b", "c"]
    with pytest.warns(PatternWarning, match="regex=True"):
        assert filter_articles(arts, keyword="Kiev|Kyiv").empty
