import pandas as pd

from corpus_tools.media.blind import hide_outlets


def test_hide_outlets_hides_names_and_credits_but_keeps_sources_apart(sample):
    hidden = hide_outlets(sample)
    assert not set(hidden["outlet"]) & set(sample["outlet"])
    assert hidden["outlet"].nunique() == 5  # the two unknown sources stay two sources
    assert set(hidden["agency"].dropna()) <= {"hidden"} and set(hidden["byline"].dropna()) <= {"hidden"}
    pd.testing.assert_series_equal(hidden["text"], sample["text"])
    assert sample["outlet"].tolist()[3] == "TASS"  # input unchanged
