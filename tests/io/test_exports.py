"""Real exports read without editing them: corpora shaped like the common ones, generated in tmp_path.

A JSON export with one file per article and a paragraph list, a headline CSV (unnamed index
column, URLs, MM/DD/YYYY dates, domains as outlets), a DD.MM.YYYY CSV, NewsAPI and Media
Cloud exports: for each, the rows, text, dates, outlets and the load report a researcher
relies on, and ``columns=`` where the usual names do not fit.
"""

from __future__ import annotations

import csv
import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

from corpus_tools import LoadWarning, load_report, read_articles, summarize_load

from ..conftest import body, report_of


def read_clean(source, **kwargs) -> pd.DataFrame:
    """read_articles on input with nothing wrong with it: any LoadWarning fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", LoadWarning)
        return read_articles(source, **kwargs)


def notes(df) -> list[str]:
    rep = report_of(df)
    return rep.loc[rep["status"] == "note", "reason"].tolist()


def write_csv(path: Path, header, rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


# --- JSON: one file per article, the body a list of paragraphs ------------------------------------
OUTLETS = ["fox", "FOX", "Fox", "CNN", "cnn", "Reuters"]


def json_export(root: Path, *, body_key="paragraphs") -> Path:
    root.mkdir()
    for i in range(6):
        doc = {"id": f"story-{i}", "headline": f"Strike on the grain port, day {i}",
               body_key: [f"Paragraph one of story {i}, with a comma, and a second clause.",
                          f"Paragraph two of story {i} says what officials said."],
               "meta": {"publisher": OUTLETS[i], "published": f"2022-03-{i + 1:02d}T10:00:00Z"}}
        (root / f"{i:03d}.json").write_text(json.dumps(doc), encoding="utf-8")
    return root


def test_json_export_with_a_paragraph_list_and_nested_keys(tmp_path):
    root = json_export(tmp_path / "export")
    df = read_clean(root, columns={"outlet": "meta.publisher", "date": "meta.published"})
    assert len(df) == 6 and df["doc_id"].tolist() == [f"story-{i}" for i in range(6)]
    # Paragraphs are kept as paragraphs, with no stray commas between them.
    assert df.loc[0, "text"] == ("Paragraph one of story 0, with a comma, and a second clause.\n\n"
                                 "Paragraph two of story 0 says what officials said.")
    assert df.loc[0, "raw_text"] == df.loc[0, "text"]
    assert df.loc[0, "title"] == "Strike on the grain port, day 0"
    assert df["date"].tolist() == [pd.Timestamp(f"2022-03-{i + 1:02d} 10:00") for i in range(6)]
    assert (df["date_source"] == "metadata").all() and "meta.published" in df.loc[0, "date_evidence"]
    # fox, FOX and Fox are one outlet: three outlets, not six; the report says so once.
    assert df["outlet"].tolist() == ["Fox", "Fox", "Fox", "CNN", "CNN", "Reuters"]
    assert "written 'fox'" in df.loc[0, "outlet_evidence"] and "meta.publisher" in df.loc[0, "outlet_evidence"]
    (merged,) = [n for n in notes(df) if "case or spacing" in n]
    assert "'fox', 'FOX' → 'Fox' (2 articles)" in merged and "'cnn' → 'CNN' (1 article)" in merged
    assert str(root) in report_of(df).query("status == 'note'")["path"].tolist()


def test_nested_keys_are_not_guessed_but_pointed_out(tmp_path):
    root = json_export(tmp_path / "export")
    with pytest.warns(LoadWarning) as said_aloud:  # a whole corpus undated must not go unnoticed
        df = read_articles(root)
    assert [w for w in said_aloud if "'meta.published' looks like one" in str(w.message)]
    assert [w for w in said_aloud if "'meta.publisher' looks like one" in str(w.message)]
    assert df["date"].isna().all() and (df["outlet"] == "unknown").all()  # source.id is no id, meta.x no date
    said = notes(df)
    assert "the key 'meta.published' looks like one: name it with columns={'date': 'meta.published'}" in said[0]
    assert "--outlet-column meta.publisher" in said[1]


def test_a_nested_key_like_newsapis_source_name_is_pointed_out(tmp_path):
    rows = [{"meta": {"source": {"name": "Herald"}}, "title": f"T{i}", "text": f"Words of article {i} here."}
            for i in range(3)]
    (tmp_path / "a.jsonl").write_text("\n".join(map(json.dumps, rows)))
    with pytest.warns(LoadWarning, match="'meta.source.name' looks like one"):
        read_articles(tmp_path / "a.jsonl")


@pytest.mark.parametrize("key", ["paragraphs", "body"])
def test_a_paragraph_list_under_a_usual_name_needs_no_columns(tmp_path, key):
    df = read_clean(json_export(tmp_path / "export", body_key=key),
                    columns={"date": "meta.published", "outlet": "meta.publisher"})
    assert len(df) == 6 and df.loc[1, "text"].count("\n\n") == 1 and ", Paragraph" not in df.loc[1, "text"]


def test_paragraph_objects_give_their_text(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"title": "T", "body": [{"type": "p", "text": "One."}, {"type": "p", "text": "Two."},
                                                       {"type": "image", "url": "x.jpg"}]}), encoding="utf-8")
    assert read_articles(path, columns={"text": "body"}).loc[0, "text"] == "One.\n\nTwo."


# --- a headline CSV: no body, an unnamed index, URLs, MM/DD/YYYY, domains ---------------------------
HEADLINES = [
    ["By recognizing Kherson, the UN sends a signal (Photo)", "The UN said on Tuesday it would act.",
     "www.msnbc.com", "02/28/2022", "https://www.msnbc.com/a"],
    ["ZNPP: reactor five shut down", "Energoatom says the reactor is off.", "msnbc.com", "03/01/2022",
     "https://www.msnbc.com/b"],
    ["Strike hit on Tuesday, Nov. 8, Moscow says", "Officials gave no figures.", "FoxNews.com", "11/09/2022",
     "https://www.foxnews.com/c"],
    ["Grain deal extended", "Ships leave Odesa.", "foxnews.com", "", "https://www.foxnews.com/d"],
]


def headline_csv(path: Path) -> Path:
    return write_csv(path, ["", "title", "description", "outlet", "date", "url"],
                     [[i, *row] for i, row in enumerate(HEADLINES)])


def test_headline_csv_loads_as_headlines(tmp_path):
    path = headline_csv(tmp_path / "headlines.csv")
    df = read_clean(path, tidy_domains=True)
    assert len(df) == 4
    assert df.loc[0, "title"] == HEADLINES[0][0]
    assert df.loc[0, "text"] == HEADLINES[0][0] + "\n\n" + HEADLINES[0][1]
    assert all("headline_only" in f and "short_text" not in f for f in df["flags"])
    # What only makes sense for full articles is not looked for: no byline, dateline or caption.
    assert df["byline"].isna().all() and df["dateline"].isna().all()
    assert all(r == [] for r in df["removed_lines"])
    # MM/DD/YYYY, decided once from '02/28/2022' and applied to '03/01/2022' too.
    assert df["date"].tolist()[:3] == [pd.Timestamp("2022-02-28"), pd.Timestamp("2022-03-01"),
                                       pd.Timestamp("2022-11-09")]
    assert "read as MM/DD/YYYY" in df.loc[1, "date_evidence"]
    # The undated row is not dated from its headline ("Tuesday, Nov. 8" would give 2023-11-08).
    assert pd.isna(df.loc[3, "date"]) and "headlines are not searched" in df.loc[3, "date_evidence"]
    assert df["date_source"].tolist() == ["metadata"] * 3 + ["unknown"]
    assert df["outlet"].tolist() == ["msnbc.com", "msnbc.com", "foxnews.com", "foxnews.com"]
    assert df["url"].tolist() == [r[4] for r in HEADLINES]
    # The unnamed index column and the description are kept.
    assert df["column_1"].tolist() == ["0", "1", "2", "3"] and df.loc[1, "description"] == HEADLINES[1][1]
    said = notes(df)
    assert any("read as headlines" in n and "'title' + 'description'" in n for n in said)
    assert any("read as MM/DD/YYYY" in n and "'02/28/2022' has 28 in the second place" in n for n in said)
    assert any("'www.msnbc.com' → 'msnbc.com'" in n for n in said)
    summary = summarize_load(df)
    assert "Dates: 2022-02-28 to 2022-11-09; 1 undated" in summary and "read as headlines" in summary


def test_domains_left_alone_unless_asked_but_the_report_says_they_look_alike(tmp_path):
    df = read_clean(headline_csv(tmp_path / "headlines.csv"))
    # FoxNews.com and foxnews.com differ in case only: merged (a tie, so the spelling with capitals).
    assert sorted(df["outlet"].unique()) == ["FoxNews.com", "msnbc.com", "www.msnbc.com"]
    assert any("look like the same web site" in n and "tidy_domains=True" in n for n in notes(df))


def test_outlet_aliases(tmp_path):
    df = read_clean(headline_csv(tmp_path / "headlines.csv"), tidy_domains=True,
                    outlet_aliases={"msnbc.com": "MSNBC", "FOXNEWS.COM": "Fox News", "nbc.com": "NBC"})
    assert df["outlet"].tolist() == ["MSNBC", "MSNBC", "Fox News", "Fox News"]
    assert "outlet_aliases" in df.loc[0, "outlet_evidence"]
    said = " ".join(notes(df))
    assert "outlet_aliases applied" in said and "outlet_aliases that match no outlet: 'nbc.com'" in said


def test_title_and_description_named_as_text(tmp_path):
    path = write_csv(tmp_path / "h.csv", ["head", "desc", "site"], [["A headline", "Its description.", "X"]])
    df = read_clean(path, columns={"text": ["head", "desc"], "title": "head", "outlet": "site"})
    assert df.loc[0, "text"] == "A headline\n\nIts description." and df.loc[0, "title"] == "A headline"
    assert "headline_only" in df.loc[0, "flags"] and df.loc[0, "outlet"] == "X"


def test_a_body_column_named_in_columns_is_a_full_article(tmp_path):
    path = write_csv(tmp_path / "t.csv", ["hed", "story_text", "text"],
                     [["Council vote", "BRUSSELS -- " + body("the vote"), "a note, not the text"]])
    df = read_clean(path, columns={"text": "story_text", "title": "hed"})
    assert df.loc[0, "dateline"] == "BRUSSELS" and df.loc[0, "text"] == body("the vote")
    assert "headline_only" not in df.loc[0, "flags"]
    assert df.loc[0, "text_original"] == "a note, not the text"  # the other "text" column is kept


# --- DD.MM.YYYY ------------------------------------------------------------------------------------
def test_dotted_day_first_dates(tmp_path):
    path = write_csv(tmp_path / "de.csv", ["title", "text", "datum", "zeitung"], [
        ["Eins", body("eins"), "01.03.2022", "Tagesblatt"],
        ["Zwei", body("zwei"), "28.02.2022", "Tagesblatt"],
        ["Drei", body("drei"), "05.04.2022 14:30", "Tagesblatt"],
    ])
    df = read_clean(path, columns={"date": "datum", "outlet": "zeitung"})
    assert df["date"].tolist() == [pd.Timestamp("2022-03-01"), pd.Timestamp("2022-02-28"),
                                   pd.Timestamp("2022-04-05 14:30")]
    assert df["outlet"].tolist() == ["Tagesblatt"] * 3
    assert any("read as DD.MM.YYYY" in n and "28.02.2022" in n for n in notes(df))


# --- NewsAPI and Media Cloud ----------------------------------------------------------------------------
def test_newsapi_export(tmp_path):
    path = tmp_path / "newsapi.json"
    path.write_text(json.dumps({"status": "ok", "totalResults": 2, "articles": [
        {"source": {"id": "bbc-news", "name": "BBC News"}, "author": "BBC News", "title": "Talks to begin",
         "description": "Delegations will meet.", "url": "https://www.bbc.co.uk/news/x", "urlToImage": None,
         "publishedAt": "2022-02-28T10:15:00Z", "content": body("the talks")},
        {"source": {"id": None, "name": "bbc news"}, "author": None, "title": "Talks end",
         "description": "No agreement.", "url": "https://www.bbc.co.uk/news/y", "urlToImage": None,
         "publishedAt": "2022-03-01T18:00:00Z", "content": body("the end of the talks")},
    ]}), encoding="utf-8")
    df = read_clean(path)
    assert df["title"].tolist() == ["Talks to begin", "Talks end"] and df.loc[0, "text"] == body("the talks")
    assert df["outlet"].tolist() == ["BBC News", "BBC News"]
    assert df["date"].tolist() == [pd.Timestamp("2022-02-28 10:15"), pd.Timestamp("2022-03-01 18:00")]
    assert df.loc[0, "description"] == "Delegations will meet." and "headline_only" not in df.loc[0, "flags"]


def test_newsapi_content_cut_by_the_api_is_flagged_and_loses_its_marker(tmp_path):
    path = tmp_path / "newsapi.json"
    cut = body("the talks")[:190] + "… [+2345 chars]"
    path.write_text(json.dumps({"status": "ok", "articles": [
        {"source": {"name": "BBC News"}, "title": "Talks", "url": "https://bbc.co.uk/1",
         "publishedAt": "2022-02-28T10:15:00Z", "content": cut},
        {"source": {"name": "BBC News"}, "title": "Prices", "url": "https://bbc.co.uk/2",
         "publishedAt": "2022-02-28T11:15:00Z", "content": body("prices rose by [+5 chars] in brackets")}]}),
        encoding="utf-8")
    df = read_clean(path)
    assert "chars]" not in df.loc[0, "text"] and df.loc[0, "text"].endswith("…")
    assert df.loc[0, "text"].startswith(body("the talks")[:150]) and "truncated" in df.loc[0, "flags"]
    assert "[+5 chars]" in df.loc[1, "text"] and "truncated" not in df.loc[1, "flags"]  # only at the end


def test_media_cloud_export_has_titles_only(tmp_path):
    path = write_csv(tmp_path / "mc.csv", ["stories_id", "publish_date", "title", "url", "language", "media_id",
                                           "media_name", "media_url"], [
        ["2050001", "2022-02-24 05:13:00", "Russia launches attack on Ukraine", "https://bbc.co.uk/1", "en", "1094",
         "BBC", "http://bbc.co.uk"],
        ["2050002", "2022-02-24 06:01:12.345678", "Explosions heard in Kyiv", "https://nytimes.com/2", "en", "1",
         "New York Times", "http://nytimes.com"],
        ["2050003", "", "Markets fall as war begins", "https://nytimes.com/3", "en", "1", "new york times",
         "http://nytimes.com"],
    ])
    df = read_clean(path)
    assert df["doc_id"].tolist() == ["2050001", "2050002", "2050003"]
    assert df["text"].tolist() == df["title"].tolist()
    assert df["outlet"].tolist() == ["BBC", "New York Times", "New York Times"]
    assert df.loc[1, "date"] == pd.Timestamp("2022-02-24 06:01:12.345678") and pd.isna(df.loc[2, "date"])
    assert df["media_url"].tolist()[0] == "http://bbc.co.uk"
    assert any("the text is 'title'" in n for n in notes(df))


# --- columns=: mistakes said plainly -------------------------------------------------------------------
def test_no_text_column_lists_the_columns_and_the_option(tmp_path):
    path = write_csv(tmp_path / "scores.csv", ["name", "comment"], [["x", "a long free-text comment about it"]])
    with pytest.warns(LoadWarning):
        df = read_articles(path)
    reason = report_of(df)["reason"].iloc[0]
    assert "the columns are: name, comment" in reason
    assert "columns={'text': 'comment'}" in reason and "--text-column 'comment'" in reason


def test_columns_naming_what_a_file_lacks(tmp_path):
    path = write_csv(tmp_path / "t.csv", ["title", "text"], [["A", body("a")]])
    with pytest.warns(LoadWarning, match="'published' for the date"):
        df = read_articles(path, columns={"date": "published"})
    assert len(df) == 1
    with pytest.warns(LoadWarning):
        df = read_articles(path, columns={"text": "story"})
    assert len(df) == 0 and "the text column named in columns= ('story')" in report_of(df)["reason"].iloc[0]


@pytest.mark.parametrize("columns,message", [
    ({"body": "x"}, "no field 'body'"),
    ({"date": ["a", "b"]}, "only 'text' may join several"),
    ({"text": ""}, "takes a column name"),
    (["text"], "takes a dict"),
])
def test_bad_columns_argument(tmp_path, columns, message):
    path = write_csv(tmp_path / "t.csv", ["title", "text"], [["A", body("a")]])
    with pytest.raises((ValueError, TypeError), match=message):
        read_articles(path, columns=columns)


def test_load_report_is_the_same_table_as_before(tmp_path):
    df = read_clean(headline_csv(tmp_path / "h.csv"))
    rep = load_report(df)
    assert list(rep.columns) == ["path", "line", "status", "reason", "n_articles"]
    assert str(rep["line"].dtype) == "Int64" and rep.loc[0, "n_articles"] == 4


def test_a_metadata_side_file_in_the_folder_is_not_read_as_headlines(tmp_path):
    (tmp_path / "a.txt").write_text("Title a\n\n" + body("a"), encoding="utf-8")
    write_csv(tmp_path / "meta.csv", ["file", "title", "outlet"], [["a.txt", "Title a", "X"]])
    with pytest.warns(LoadWarning, match="look like a metadata side file"):
        df = read_articles(tmp_path)
    assert len(df) == 1 and df.loc[0, "outlet"] == "unknown"
    assert read_clean(tmp_path / "a.txt", metadata=tmp_path / "meta.csv").loc[0, "outlet"] == "X"
