"""Issue 14, part 6: one rule for time zones (``date`` as written locally, ``date_utc`` the instant),
named zones resolved or reported, the range pandas can hold, whole values in the evidence."""

import json
import warnings

import pandas as pd
import pytest

from corpus_tools import load_report, read_articles
from corpus_tools.io.date_values import read_date_value

BODY = " ".join(["The council met on the budget and the roads again."] * 8)


def read_dates(tmp_path, *values, name="dates.jsonl", **kw):
    path = tmp_path / name
    path.write_text("".join(json.dumps({"title": f"t{i}", "text": BODY + f" {i}", "date": v}) + "\n"
                            for i, v in enumerate(values)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_articles(path, **kw), path


def test_rfc_2822_and_iso_give_the_same_date_time_and_instant(tmp_path):
    df, _ = read_dates(tmp_path, "Mon, 27 Nov 2023 23:30:00 -0500", "2023-11-27T23:30:00-05:00")
    assert df["date"].tolist() == [pd.Timestamp("2023-11-27 23:30")] * 2
    assert df["date_utc"].tolist() == [pd.Timestamp("2023-11-28 04:30")] * 2
    assert all("UTC-05:00" in e for e in df["date_evidence"])


def test_dates_without_a_zone_have_no_utc_and_zulu_is_utc(tmp_path):
    df, _ = read_dates(tmp_path, "2023-11-27 10:00", "2023-11-27T10:00:00Z")
    assert df["date"].tolist() == [pd.Timestamp("2023-11-27 10:00")] * 2
    assert pd.isna(df.loc[0, "date_utc"]) and df.loc[1, "date_utc"] == pd.Timestamp("2023-11-27 10:00")
    assert df["date_utc"].dtype == "datetime64[ns]"


def test_one_corpus_never_mixes_local_and_utc_days(tmp_path):
    df, _ = read_dates(tmp_path, "2023-11-27T23:30:00-05:00", "27 Nov 2023 23:30 EST", "Nov 27, 2023 11:30 PM EST")
    assert df["date"].dt.date.astype(str).tolist() == ["2023-11-27"] * 3
    assert df["date_utc"].nunique() == 1


def test_cest_is_resolved_and_ist_is_reported(tmp_path):
    df, path = read_dates(tmp_path, "27 Nov 2023 10:00 CEST", "27 Nov 2023 10:00 IST")
    assert df["date"].tolist() == [pd.Timestamp("2023-11-27 10:00")] * 2  # the local time as written
    assert df.loc[0, "date_utc"] == pd.Timestamp("2023-11-27 08:00")
    assert "CEST read as UTC+02:00" in df.loc[0, "date_evidence"]
    assert pd.isna(df.loc[1, "date_utc"]) and "time zone is unknown" in df.loc[1, "date_evidence"]
    rep = load_report(df)
    reason = " ".join(rep.loc[rep["path"] == str(path), "reason"])
    assert "'IST' could be India (UTC+05:30), Ireland (UTC+01:00) or Israel (UTC+02:00)" in reason
    assert "line 2" in reason


@pytest.mark.parametrize("value, local, utc", [
    ("Mon, 27 Nov 2023 23:30:00 GMT", "2023-11-27 23:30", "2023-11-27 23:30"),
    ("27 November 2023 14:05 MSK", "2023-11-27 14:05", "2023-11-27 11:05"),
    ("Nov 27, 2023 3:00 pm (PST)", "2023-11-27 15:00", "2023-11-27 23:00"),
    ("2023-11-27 10:00 GMT+2", "2023-11-27 10:00", "2023-11-27 08:00"),
    ("27 Nov 2023 10:00 BST", "2023-11-27 10:00", "2023-11-27 09:00"),
])
def test_named_zones_and_offsets(value, local, utc):
    v = read_date_value(value)
    assert (v.local, v.utc) == (pd.Timestamp(local), pd.Timestamp(utc))


def test_unknown_zone_names_are_reported_not_ignored():
    v = read_date_value("27 Nov 2023 10:00 XYZ")
    assert v.local == pd.Timestamp("2023-11-27 10:00") and v.utc is None and "XYZ" in v.note
    assert read_date_value("Nov 27, 2023 10:00 AM").note is None  # AM is no zone


def test_dates_before_1900_load_and_after_2261_are_reported_with_the_range(tmp_path):
    df, path = read_dates(tmp_path, "1850-01-01", "2 March 1850", "2300-01-01", "1 January 1600")
    assert df["date"].tolist()[:2] == [pd.Timestamp("1850-01-01"), pd.Timestamp("1850-03-02")]
    for i in (2, 3):
        assert pd.isna(df.loc[i, "date"])
        assert "outside the range pandas can hold (1677-09-21 to 2262-04-11)" in df.loc[i, "date_evidence"]
        assert "not a date this reader understands" not in df.loc[i, "date_evidence"]
    rep = load_report(df)
    assert rep["reason"].str.contains("outside the range pandas can hold").any()


def test_numeric_dates_out_of_range_are_reported_too(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(f"title,text,date\na,{BODY},01/02/1600\nb,{BODY},28/02/2022\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = read_articles(path)
    assert pd.isna(df.loc[0, "date"]) and "outside the range pandas can hold" in df.loc[0, "date_evidence"]
    assert df.loc[1, "date"] == pd.Timestamp("2022-02-28")


def test_date_evidence_quotes_multi_word_values_whole_and_escaped(tmp_path):
    long_value = "Published on the 2nd, which is not a date this reader can place, o'clock and all\nnext line"
    df, _ = read_dates(tmp_path, long_value, "27 November 2023, 10:30 local time (updated)", "x" * 300)
    assert repr(long_value)[1:-1].replace('"', "") in df.loc[0, "date_evidence"]  # whole, \n visible
    assert "\n" not in df.loc[0, "date_evidence"]
    assert df.loc[0, "date_evidence"].count("Published on the 2nd") == 1  # quoted once
    assert "'27 November 2023, 10:30 local time (updated)'" in df.loc[1, "date_evidence"]
    assert df.loc[1, "date"] == pd.Timestamp("2023-11-27 10:30")
    assert "(... 100 more characters)" in df.loc[2, "date_evidence"]


def test_an_escape_sequence_in_a_date_is_quoted_visibly(tmp_path):
    df, _ = read_dates(tmp_path, "\x1b[2J\x1b[HALL FILES LOADED OK")
    ev = df.loc[0, "date_evidence"]
    assert "\x1b" not in ev and "\\x1b[2J\\x1b[HALL FILES LOADED OK" in ev
    assert not any("\x1b" in r for r in load_report(df)["reason"])
