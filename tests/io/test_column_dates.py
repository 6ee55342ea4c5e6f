"""Dates in a column: one format per column, inferred from all its values, stated once, never guessed around.

The values of a column are read with one format: a value that can only be read one way
(``02/28/2022``) decides it for the others (``03/01/2022``). A value that cannot be read
leaves its row undated and is reported; its date is not taken from the text instead.
"""

from __future__ import annotations

import csv
import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

from corpus_tools import LoadWarning, read_articles
from corpus_tools.io.column_dates import read_date_values

from ..conftest import body, report_of


def dates(values, **kwargs):
    got = read_date_values(values, name=kwargs.pop("name", "date"), **kwargs)
    return [None if ts is None else str(ts) for ts, _ in got.values], got


@pytest.mark.parametrize("values,expected,label", [
    (["02/28/2022", "03/01/2022"], ["2022-02-28 00:00:00", "2022-03-01 00:00:00"], "MM/DD/YYYY"),
    (["28/02/2022", "03/01/2022"], ["2022-02-28 00:00:00", "2022-01-03 00:00:00"], "DD/MM/YYYY"),
    (["01.03.2022", "28.02.2022"], ["2022-03-01 00:00:00", "2022-02-28 00:00:00"], "DD.MM.YYYY"),
    (["01.03.2022"], ["2022-03-01 00:00:00"], "DD.MM.YYYY"),  # dots: day first unless a value says otherwise
    (["20220228", "20221109"], ["2022-02-28 00:00:00", "2022-11-09 00:00:00"], "YYYYMMDD"),
    (["28/02/22"], ["2022-02-28 00:00:00"], "DD/MM/YY"),
    (["02/28/2022 3:45 PM", "03/01/2022 09:05"], ["2022-02-28 15:45:00", "2022-03-01 09:05:00"], "MM/DD/YYYY"),
    (["2022-02-28T10:00:00Z", "31-Dec-17", "Nov 27, 2023"],
     ["2022-02-28 10:00:00", "2017-12-31 00:00:00", "2023-11-27 00:00:00"], None),  # nothing to decide
])
def test_one_format_per_column(values, expected, label):
    got, info = dates(values)
    assert got == expected and info.label == label


def test_a_column_that_cannot_tell_day_from_month_is_not_guessed():
    got, info = dates(["01/02/2022", "03/04/2022"])
    assert got == [None, None] and "pass dayfirst=True or dayfirst=False" in info.values[0][1]
    assert dates(["01/02/2022"], dayfirst=True)[0] == ["2022-02-01 00:00:00"]
    assert dates(["01/02/2022"], dayfirst=False)[0] == ["2022-01-02 00:00:00"]


def test_a_column_holding_both_orders_reads_only_what_is_unambiguous():
    got, info = dates(["13/02/2022", "02/13/2022", "01/02/2022"])
    assert got == ["2022-02-13 00:00:00", "2022-02-13 00:00:00", None]
    assert "holds both" in info.values[2][1]


def test_numbers_are_unix_time_only_when_the_column_says_so():
    assert dates([1645000000], name="date")[0] == [None]
    assert "pass date_format='epoch'" in dates(["1645000000"], name="date")[1].values[0][1]
    assert dates([1645000000, "1645000000000"], name="created_utc")[0] == ["2022-02-16 08:26:40"] * 2
    assert dates(["1645000000"], name="timestamp")[0] == ["2022-02-16 08:26:40"]
    assert dates([1645000000], date_format="epoch")[0] == ["2022-02-16 08:26:40"]


def test_date_format_given_is_applied_to_every_value():
    got, info = dates(["3 Feb 2022", "2022-02-04"], date_format="%d %b %Y")
    assert got == ["2022-02-03 00:00:00", None] and "does not match date_format='%d %b %Y'" in info.values[1][1]


def write_csv(path: Path, header, rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([header, *rows])
    return path


def test_an_unreadable_column_is_reported_once_and_its_rows_stay_undated(tmp_path):
    # The text names a date ("on Tuesday, Nov. 28, 2023"), which is not taken in place of the column's.
    rows = [[f"Story {i}", "PARIS -- Officials said on Tuesday, Nov. 28, 2023 that " + body(f"item {i}"), "soon"]
            for i in range(30)]
    path = write_csv(tmp_path / "t.csv", ["title", "text", "date"], rows)
    with pytest.warns(LoadWarning, match="none of the 30 dates in column 'date' could be read"):
        df = read_articles(path)
    assert df["date"].isna().all() and (df["date_source"] == "unknown").all()
    assert "the date field held 'soon'" in df.loc[0, "date_evidence"]
    rep = report_of(df)
    assert len(rep) == 1 and rep.loc[0, "status"] == "loaded_with_warnings"


def test_a_few_unreadable_dates_are_reported_by_line(tmp_path):
    rows = [["A", body("a"), "02/28/2022"], ["B", "On Tuesday, Nov. 28, 2023 " + body("b"), "the day before"],
            ["C", body("c"), "03/01/2022"]]
    path = write_csv(tmp_path / "t.csv", ["title", "text", "date"], rows)
    with pytest.warns(LoadWarning, match="line 7: date 'the day before' is not a date"):  # the row's first line
        df = read_articles(path)
    assert df["date"].tolist()[::2] == [pd.Timestamp("2022-02-28"), pd.Timestamp("2022-03-01")]
    assert pd.isna(df.loc[1, "date"]) and df.loc[1, "date_source"] == "unknown"
    rep = report_of(df)
    assert rep.loc[rep["line"] == df.loc[1, "source_line"], "status"].tolist() == ["loaded_with_warnings"]
    assert "could not be read and stay undated" in rep.loc[rep["status"] == "note", "reason"].iloc[0]


def test_one_article_files_share_one_format_across_files(tmp_path):
    root = tmp_path / "export"
    root.mkdir()
    for i, d in enumerate(["02/28/2022", "03/01/2022", "03/02/2022"]):
        (root / f"{i}.json").write_text(json.dumps({"title": f"T{i}", "text": body(str(i)), "date": d}))
    with warnings.catch_warnings():
        warnings.simplefilter("error", LoadWarning)
        df = read_articles(root)
    assert df["date"].tolist() == [pd.Timestamp("2022-02-28"), pd.Timestamp("2022-03-01"), pd.Timestamp("2022-03-02")]
    rep = report_of(df)
    (note,) = rep.loc[rep["status"] == "note", "reason"]
    assert "3 values in 3 files" in note and "MM/DD/YYYY" in note
    assert rep.loc[rep["status"] == "note", "path"].tolist() == [str(root)]


def test_the_metadata_file_dates_are_inferred_too(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    for name in ("a", "b"):
        (root / f"{name}.txt").write_text(f"Title {name}\n\n" + body(name), encoding="utf-8")
    meta = write_csv(tmp_path / "meta.csv", ["file", "date"], [["a.txt", "28.02.2022"], ["b.txt", "01.03.2022"]])
    df = read_articles(root, metadata=meta)
    assert df["date"].tolist() == [pd.Timestamp("2022-02-28"), pd.Timestamp("2022-03-01")]
    assert "metadata file meta.csv" in df.loc[1, "date_evidence"]


@pytest.mark.parametrize("kwargs,message", [
    ({"date_format": "MM/DD/YYYY"}, "strptime format"), ({"dayfirst": "yes"}, "dayfirst must be"),
])
def test_bad_date_options(tmp_path, kwargs, message):
    path = write_csv(tmp_path / "t.csv", ["title", "text"], [["A", body("a")]])
    with pytest.raises(ValueError, match=message):
        read_articles(path, **kwargs)
