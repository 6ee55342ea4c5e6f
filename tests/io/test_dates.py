import pandas as pd
import pytest

from corpus_tools.io.date_values import parse_date_value
from corpus_tools.io.dates import find_date_mentions, resolve_year


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Thu Jun 27 2024", (2024, 6, 27, 3)),
        ("Tuesday, Nov. 28", (None, 11, 28, 1)),
        ("November 27", (None, 11, 27, None)),
        ("31-Dec-17", (2017, 12, 31, None)),
        ("2024-06-27", (2024, 6, 27, None)),
        ("June 27, 2024", (2024, 6, 27, None)),
        ("27 June 2024", (2024, 6, 27, None)),
        ("Sept. 3", (None, 9, 3, None)),
    ],
)
def test_news_date_forms(text, expected):
    (m,) = find_date_mentions(f"said on {text}, officials")
    assert (m.year, m.month, m.day, m.weekday) == expected


def test_no_false_dates():
    assert find_date_mentions("you may 5 of them") == []
    assert find_date_mentions("the 2024 budget and 15,000-20,000 troops") == []
    assert find_date_mentions("February 30") == []


@pytest.mark.parametrize("value", ["today", "yesterday", "now", "last week"])
def test_relative_dates_are_refused_not_turned_into_now(value):
    ts, problem = parse_date_value(value)
    assert pd.isna(ts) and "relative" in problem


def test_yearless_metadata_date_is_refused():
    ts, problem = parse_date_value("November 27")
    assert pd.isna(ts) and "no year" in problem


def test_machine_dates():
    assert parse_date_value("2024-06-27T10:30:00+02:00")[0] == pd.Timestamp("2024-06-27 10:30")  # as written
    assert parse_date_value("31-Dec-17")[0] == pd.Timestamp("2017-12-31")
    assert parse_date_value("December 31, 2017 ")[0] == pd.Timestamp("2017-12-31")
    assert parse_date_value(1719482400)[0] == pd.Timestamp("2024-06-27 10:00")
    assert parse_date_value("1719482400000")[0] == pd.Timestamp("2024-06-27 10:00")


def test_yearless_date_is_never_resolved_silently():
    m = find_date_mentions("November 27")[0]
    ts, why = resolve_year(m)
    assert ts is None and "reference_date" in why


def test_weekday_alone_lists_the_candidate_years_instead_of_guessing():
    m = find_date_mentions("Tuesday, Nov. 28")[0]
    ts, why = resolve_year(m)
    assert ts is None and "2023" in why and "2017" in why


def test_weekday_picks_the_year_nearest_the_corpus():
    m = find_date_mentions("Tuesday, Nov. 28")[0]
    ts, why = resolve_year(m, corpus_dates=[("x", pd.Timestamp("2017-10-01"))])
    assert ts == pd.Timestamp("2017-11-28") and "Tuesday" in why and "x" in why


def test_reference_date_places_the_year():
    m = find_date_mentions("December 30")[0]
    ts, why = resolve_year(m, reference_date="2024-01-02")
    assert ts == pd.Timestamp("2023-12-30") and "reference_date" in why


def test_corpus_dates_too_far_do_not_place_the_year():
    m = find_date_mentions("March 3")[0]
    ts, why = resolve_year(m, corpus_dates=[("x", pd.Timestamp("2020-09-15"))], max_gap_days=100)
    assert ts is None and "100 days" in why


def test_reference_date_in_read_articles(tmp_path):
    from corpus_tools import read_articles

    (tmp_path / "a.txt").write_text("Headline\n\nKYIV -- The minister said November 27 that talks go on.\n")
    undated = read_articles(tmp_path)
    assert pd.isna(undated.loc[0, "date"]) and "date_without_year" in undated.loc[0, "flags"]
    dated = read_articles(tmp_path, reference_date="2023-12-05")
    assert dated.loc[0, "date"] == pd.Timestamp("2023-11-27")
    assert dated.loc[0, "date_source"] == "inferred" and "reference_date=2023-12-05" in dated.loc[0, "date_evidence"]
