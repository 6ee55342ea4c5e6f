"""The articles table behaves like any pandas DataFrame: pandas' own writers, pickling, concat and merge.

The load report travels in ``attrs`` as plain records, so pandas can write it as JSON;
``ct.load_report(articles)`` gives the table back from the table or any part of it.
"""

from __future__ import annotations

import copy
import json
import pickle
import warnings

import pandas as pd
import pytest

import corpus_tools as ct


@pytest.fixture
def articles():
    return ct.load_sample(cache=False)


def test_to_parquet_round_trip_with_no_error_or_warning(articles, tmp_path):
    path = tmp_path / "a.parquet"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        articles.to_parquet(path)
        back = pd.read_parquet(path)
    assert list(back.columns) == list(articles.columns) and len(back) == len(articles)
    pd.testing.assert_frame_equal(back.drop(columns=["flags", "removed_lines"]),
                                  articles.drop(columns=["flags", "removed_lines"]))
    assert [list(f) for f in back["flags"]] == articles["flags"].tolist()
    pd.testing.assert_frame_equal(ct.load_report(back), ct.load_report(articles))
    # corpus_tools reads the pandas-written file back as it was, report included.
    again = ct.read_articles(path)
    assert again["flags"].tolist() == articles["flags"].tolist()
    pd.testing.assert_frame_equal(ct.load_report(again), ct.load_report(articles))


def test_a_selection_writes_too(articles, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        articles[["doc_id", "text"]].to_parquet(tmp_path / "s.parquet")
        articles[articles["outlet"] != "unknown"].to_feather(tmp_path / "s.feather")
    assert pd.read_feather(tmp_path / "s.feather")["doc_id"].tolist() == articles.loc[
        articles["outlet"] != "unknown", "doc_id"].tolist()
    assert ct.load_report(pd.read_parquet(tmp_path / "s.parquet"))["n_articles"].sum() == 5


def test_to_json_and_to_csv(articles, tmp_path):
    articles.to_json(tmp_path / "a.json", orient="records", date_format="iso")
    assert [r["doc_id"] for r in json.loads((tmp_path / "a.json").read_text())] == articles["doc_id"].tolist()
    articles.to_csv(tmp_path / "a.csv", index=False)
    assert pd.read_csv(tmp_path / "a.csv")["doc_id"].tolist() == articles["doc_id"].tolist()
    json.dumps(articles.attrs)  # the attrs themselves are JSON


def test_pickle_and_deepcopy(articles):
    back = pickle.loads(pickle.dumps(articles))
    pd.testing.assert_frame_equal(back, articles)
    pd.testing.assert_frame_equal(ct.load_report(back), ct.load_report(articles))
    # pandas deep-copies attrs into each derived table: the records are shared, not copied row by row.
    assert copy.deepcopy(articles.attrs)["load_report"] is articles.attrs["load_report"]
    assert articles["text"].attrs["load_report"] is articles.attrs["load_report"]


def test_concat_and_merge_keep_the_report(articles, tmp_path):
    both = pd.concat([articles, articles], ignore_index=True)
    assert len(both) == 10 and len(ct.load_report(both)) == 5
    other = ct.read_articles(ct.write_articles(articles.iloc[:2], tmp_path / "two.parquet"))
    pd.concat([articles, other], ignore_index=True)  # different reports: pandas keeps none, and no error
    stats = ct.add_text_stats(articles)[["doc_id", "n_sentences"]]
    merged = articles.merge(stats, on="doc_id")
    assert len(merged) == 5 and ct.load_report(merged)["status"].eq("loaded").all()
    # With a table of one's own (no attrs), pandas keeps no attrs: the merge itself works.
    coded = pd.DataFrame({"doc_id": articles["doc_id"], "frame": list("abcde")})
    assert articles.merge(coded, on="doc_id")["frame"].tolist() == list("abcde")
    assert articles[["doc_id"]].join(articles[["title"]]).attrs == articles.attrs


def test_load_report_of_a_table_without_one():
    with pytest.raises(ValueError, match="no load report"):
        ct.load_report(pd.DataFrame({"text": ["x"]}))


def test_a_report_kept_as_a_table_still_reads(articles):
    # Older tables kept the report itself (a DataFrame) in attrs.
    old = articles.copy()
    old.attrs = {"load_report": ct.load_report(articles)}
    pd.testing.assert_frame_equal(ct.load_report(old), ct.load_report(articles))
    assert "5 articles from 5 files" in ct.summarize_load(old)
