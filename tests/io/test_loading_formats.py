"""read_articles on every input format it promises, with files generated in tmp_path.

Each test checks what a researcher relies on: the fields land in the right columns,
dates say where they came from, every file is in the load report, and a saved corpus
comes back as it was.
"""

from __future__ import annotations

import builtins
import csv
import gzip
import io
import json
import os
import warnings
from pathlib import Path

import pandas as pd
import pytest

from corpus_tools import LoadWarning, read_articles, write_articles

from ..conftest import body, report_of

# --- helpers -----------------------------------------------------------------------------------


def read_clean(source, **kwargs) -> pd.DataFrame:
    """read_articles on input that has nothing wrong with it: any LoadWarning fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", LoadWarning)
        return read_articles(source, **kwargs)


def file_row(df: pd.DataFrame, path: Path) -> pd.Series:
    """The single file-level row (line is NA) of ``path`` in the load report."""
    rep = report_of(df)
    rows = rep[(rep["path"] == str(path)) & rep["line"].isna()]
    assert len(rows) == 1, f"{path} should have exactly one file row in the report:\n{rep}"
    return rows.iloc[0]


def by_title(df: pd.DataFrame) -> dict[str, pd.Series]:
    assert df["title"].is_unique, df["title"].tolist()
    return {row["title"]: row for _, row in df.iterrows()}


def write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)


# --- plain text ---------------------------------------------------------------------------------
def test_text_folder_recursive_with_markdown_and_gzip(tmp_path):
    root = tmp_path / "corpus"
    (root / "sub" / "deep").mkdir(parents=True)
    (root / "a.txt").write_text("Council debates parking fees\n\n" + body("parking fees"), encoding="utf-8")
    (root / "sub" / "b.txt").write_text("Cycling lanes split the town\n\n" + body("cycling lanes"), encoding="utf-8")
    (root / "sub" / "deep" / "c.md").write_text("# Bus timetable overhaul\n\n" + body("the bus timetable"),
                                                encoding="utf-8")
    (root / "d.txt.gz").write_bytes(gzip.compress(("Tram line gets a new depot\n\n" + body("the tram depot")).encode()))

    df = read_clean(root)

    assert sorted(df["doc_id"]) == ["a", "d", "sub/b", "sub/deep/c"]
    rows = {r["doc_id"]: r for _, r in df.iterrows()}
    assert rows["a"]["title"] == "Council debates parking fees"
    assert rows["sub/b"]["title"] == "Cycling lanes split the town"
    assert rows["sub/deep/c"]["title"] == "Bus timetable overhaul"  # no leading '#'
    assert rows["d"]["title"] == "Tram line gets a new depot"
    assert rows["d"]["source_format"] == "text.gz"
    assert rows["a"]["source_format"] == "text"
    # The title is not repeated in the body, and the body is all there.
    assert rows["a"]["text"] == body("parking fees")
    assert rows["d"]["text"] == body("the tram depot")
    assert rows["sub/deep/c"]["text"] == body("the bus timetable")
    assert rows["sub/deep/c"]["source_path"] == str(root / "sub" / "deep" / "c.md")
    assert df["source_line"].isna().all()  # a text file is one article, no line
    assert (df["encoding"] == "utf-8").all()

    rep = report_of(df)
    assert len(rep) == 4
    assert set(rep["path"]) == {str(p) for p in root.rglob("*") if p.is_file()}
    assert (rep["status"] == "loaded").all() and (rep["n_articles"] == 1).all()


# --- CSV / TSV ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "names",
    [
        ("title", "text", "date", "outlet", "url", "author"),
        ("headline", "body", "published", "source", "link", "byline"),
        ("title", "content", "publish_date", "publisher", "url", "author"),
        ("headline", "article", "publishedAt", "site", "link", "byline"),
        ("title", "text", "pubdate", "media_name", "url", "author"),
    ],
    ids=lambda n: "-".join(n),
)
def test_csv_export_column_names(tmp_path, names):
    title_c, text_c, date_c, outlet_c, url_c, author_c = names
    path = tmp_path / "export.csv"
    write_csv(
        path,
        [title_c, text_c, date_c, outlet_c, url_c, author_c, "section_id", "Word Count"],
        [
            ["Budget vote delayed", body("the budget vote"), "2024-06-27 10:30", "Daily Planet", "https://dp.example/1",
             "Lois Lane", "politics", "412"],
            ["Port strike ends", body("the port strike"), "2024-06-28", "Harbour News", "https://hn.example/2",
             "Jimmy Olsen", "economy", "388"],
        ],
    )
    df = read_clean(path)

    assert len(df) == 2
    a, b = by_title(df)["Budget vote delayed"], by_title(df)["Port strike ends"]
    assert a["text"] == body("the budget vote")
    assert a["outlet"] == "Daily Planet" and b["outlet"] == "Harbour News"
    assert outlet_c in a["outlet_evidence"]
    assert a["url"] == "https://dp.example/1"
    assert a["byline"] == "Lois Lane" and b["byline"] == "Jimmy Olsen"
    assert a["date"] == pd.Timestamp("2024-06-27 10:30") and b["date"] == pd.Timestamp("2024-06-28")
    assert (df["date_source"] == "metadata").all()
    assert date_c in a["date_evidence"]
    # Columns the reader does not know are kept under their own names, values untouched.
    assert a["section_id"] == "politics" and a["Word Count"] == "412"
    assert list(df.columns[-2:]) == ["section_id", "Word Count"]
    assert df["source_format"].tolist() == ["csv", "csv"]
    # body() spans five lines, so the second row starts on line 7 of the file.
    assert df["source_line"].tolist() == [2, 7]
    assert df["doc_id"].tolist() == ["export:2", "export:7"]
    row = file_row(df, path)
    assert row["status"] == "loaded" and row["n_articles"] == 2


def test_csv_na_and_null_stay_strings(tmp_path):
    """'NA' (North America, a title) and 'null' are words in a news export, not missing values."""
    path = tmp_path / "export.csv"
    write_csv(
        path,
        ["title", "text", "region"],
        [["NA", body("the NA region"), "NA"], ["null", body("a null result"), "null"], ["N/A", body("nothing"), ""]],
    )
    df = read_clean(path)
    assert df["title"].tolist() == ["NA", "null", "N/A"]
    assert df["title"].notna().all()
    assert df["region"].tolist()[:2] == ["NA", "null"]
    assert "no_title" not in df.loc[0, "flags"] and "no_title" not in df.loc[1, "flags"]


def test_semicolon_delimited_csv(tmp_path):
    path = tmp_path / "euro.csv"
    write_csv(
        path,
        ["titel", "title", "text", "date", "price"],
        [["x", "Prix de l'essence", body("fuel prices, again"), "2024-03-01", "1,85"],
         ["y", "Grève des trains", body("the rail strike"), "2024-03-02", "2,10"]],
        delimiter=";",
    )
    df = read_clean(path)
    assert df["title"].tolist() == ["Prix de l'essence", "Grève des trains"]
    assert df.loc[0, "text"] == body("fuel prices, again")  # the commas inside the text did not split it
    assert df["price"].tolist() == ["1,85", "2,10"]
    assert df["titel"].tolist() == ["x", "y"]
    assert df["date"].tolist() == [pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-02")]


def test_tsv(tmp_path):
    path = tmp_path / "export.tsv"
    write_csv(
        path,
        ["title", "content", "publisher", "author", "lang"],
        [["Harbour reopens, finally", body("the harbour, reopened"), "Reuters", "A. Writer", "en"]],
        delimiter="\t",
    )
    df = read_clean(path)
    assert len(df) == 1
    r = df.iloc[0]
    assert (r["title"], r["outlet"], r["byline"], r["lang"]) == (
        "Harbour reopens, finally", "Reuters", "A. Writer", "en")
    assert r["text"] == body("the harbour, reopened")
    assert r["source_format"] == "tsv"
    assert r["source_line"] == 2


def test_quoted_multiline_fields_keep_file_line_numbers(tmp_path):
    multi = "First line of the story.\nSecond line of the same paragraph.\n\nA second paragraph, after a blank line."
    rows = [
        ["One-liner", "A short, single-line story about the weather in the hills."],
        ["Multi-liner", multi],
        ["After", "The story after the multi-line one, about the harvest festival."],
        ["Quoted \"title\"", 'She said "hello, world" and left.\nThen she came back.'],
        ["Last", "The very last story in this file, about the river."],
    ]
    path = tmp_path / "multi.csv"
    write_csv(path, ["title", "text"], rows)
    # Where each row starts in the file, counted independently of the reader.
    expected, line = [], 2
    for _, text in rows:
        expected.append(line)
        line += text.count("\n") + 1
    assert line - 1 == path.read_text().count("\n")

    df = read_clean(path)
    assert df["title"].tolist() == [r[0] for r in rows]
    assert df["source_line"].tolist() == expected == [2, 3, 7, 8, 10]
    assert df["doc_id"].tolist() == [f"multi:{n}" for n in expected]
    t = by_title(df)
    for piece in ("First line of the story.", "Second line of the same paragraph.",
                  "A second paragraph, after a blank line."):
        assert piece in t["Multi-liner"]["text"]
    assert t["Multi-liner"]["raw_text"] == multi
    assert 'She said "hello, world" and left.' in t['Quoted "title"']["text"]
    assert "Then she came back." in t['Quoted "title"']["text"]


# --- JSON ----------------------------------------------------------------------------------------
def test_json_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    recs = [
        {"id": "x-1", "title": "Floods in the valley", "text": body("the floods"), "date": "2024-02-01",
         "outlet": "Valley Times", "tags": ["weather", "floods"], "lang": "en"},
        {"id": "x-2", "headline": "Snow closes schools", "body": body("the snow"), "published": "2024-02-03T08:15:00",
         "source": {"name": "Mountain Post"}},
    ]
    path.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    df = read_clean(path)
    assert df["doc_id"].tolist() == ["x-1", "x-2"]  # the export's own id is kept
    assert df["source_line"].tolist() == [1, 2]
    t = by_title(df)
    assert t["Floods in the valley"]["outlet"] == "Valley Times"
    assert t["Snow closes schools"]["outlet"] == "Mountain Post"
    assert t["Snow closes schools"]["text"] == body("the snow")  # 'body', not 'text', in this record
    assert t["Snow closes schools"]["date"] == pd.Timestamp("2024-02-03 08:15")
    assert t["Floods in the valley"]["tags"] == ["weather", "floods"]
    assert t["Floods in the valley"]["lang"] == "en"
    assert (df["date_source"] == "metadata").all()
    assert (df["source_format"] == "jsonl").all()


def test_json_list(tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([
        {"headline": "Mayor resigns", "content": body("the mayor"), "media_name": "City Wire", "link": "https://cw.example/m"},
        {"headline": "New library opens", "content": body("the library"), "media_name": "City Wire"},
    ]), encoding="utf-8")
    df = read_clean(path)
    assert df["title"].tolist() == ["Mayor resigns", "New library opens"]
    assert df["outlet"].tolist() == ["City Wire", "City Wire"]
    assert df.loc[0, "url"] == "https://cw.example/m"
    assert df.loc[1, "text"] == body("the library")
    assert (df["source_format"] == "json").all()
    assert (df["date_source"] == "unknown").all() and df["date"].isna().all()


def test_newsapi_json(tmp_path):
    path = tmp_path / "newsapi.json"
    path.write_text(json.dumps({
        "status": "ok",
        "totalResults": 1,
        "articles": [{
            "source": {"id": None, "name": "BBC News"},
            "author": "BBC Reporter",
            "title": "Heatwave warning issued",
            "description": "Forecasters warn of a heatwave.",
            "url": "https://www.bbc.co.uk/news/heat",
            "urlToImage": None,
            "publishedAt": "2024-06-27T10:00:00Z",
            "content": body("the heatwave"),
        }],
    }), encoding="utf-8")
    df = read_clean(path)
    assert len(df) == 1
    r = df.iloc[0]
    assert r["outlet"] == "BBC News"
    assert r["title"] == "Heatwave warning issued"
    assert r["byline"] == "BBC Reporter"
    assert r["url"] == "https://www.bbc.co.uk/news/heat"
    assert r["date"] == pd.Timestamp("2024-06-27 10:00")
    assert r["date_source"] == "metadata"
    assert "publishedAt" in r["date_evidence"]
    assert r["text"] == body("the heatwave")
    assert r["description"] == "Forecasters warn of a heatwave."
    assert file_row(df, path)["n_articles"] == 1


def test_jsonl_gz(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    lines = [json.dumps({"title": f"Story {i}", "text": body(f"story number {i}")}) for i in range(3)]
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    df = read_clean(path)
    assert df["title"].tolist() == ["Story 0", "Story 1", "Story 2"]
    assert df["source_line"].tolist() == [1, 2, 3]
    assert (df["source_format"] == "jsonl.gz").all()
    assert df["doc_id"].tolist() == ["feed:1", "feed:2", "feed:3"]


# --- HTML ---------------------------------------------------------------------------------------
PARAS = [
    "The city council approved a new plan for public transport after a long debate that lasted well into the night.",
    "Under the plan, bus routes across the northern districts will be redrawn, and three new tram stops will be built "
    "near the hospital and the university campus.",
    "Opponents said the cost was too high and that residents had not been consulted properly, while supporters argued "
    "the changes were overdue by a decade.",
    "The first works are expected to start in the spring, and the council said it would publish a detailed timetable "
    "for each district in the coming weeks.",
]


def html_page(title: str, head: str, paras: list[str]) -> str:
    ps = "\n".join(f"<p>{p}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Daily Planet</title>
<meta property="og:title" content="{title}">
{head}
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>{title}</h1>
{ps}
</article></main>
<footer>Daily Planet, Metropolis</footer>
</body></html>"""


def test_html_page_metadata(tmp_path):
    path = tmp_path / "transport.html"
    path.write_text(html_page(
        "Council approves transport plan",
        '<meta property="og:site_name" content="Daily Planet">\n'
        '<meta name="author" content="Lois Lane">\n'
        '<meta property="article:published_time" content="2024-05-14T09:30:00+00:00">',
        PARAS,
    ), encoding="utf-8")
    df = read_clean(path)
    assert len(df) == 1
    r = df.iloc[0]
    assert r["doc_id"] == "transport"
    assert r["title"] == "Council approves transport plan"
    assert r["outlet"] == "Daily Planet"
    assert r["byline"] == "Lois Lane"
    assert r["date"].normalize() == pd.Timestamp("2024-05-14")
    assert r["date_source"] == "metadata"
    for p in PARAS:
        assert p in r["text"]
    for furniture in ("Home", "Sport", "Metropolis"):
        assert furniture not in r["text"]
    assert r["source_format"] == "html"


def test_a_site_name_with_a_slogan_gives_the_outlet_without_it(tmp_path):
    path = tmp_path / "transport.html"
    path.write_text(html_page("Council approves transport plan",
                              '<meta property="og:site_name" content="Daily Planet | Metropolis\'s favourite paper">',
                              PARAS), encoding="utf-8")
    r = read_clean(path).iloc[0]
    assert r["outlet"] == "Daily Planet" and "Metropolis's favourite paper" in r["outlet_evidence"]


def test_html_without_date_markup_is_undated(tmp_path):
    """'the 2024 budget' in the body is no publication date: not 2024-01-01."""
    paras = ["Ministers will present the 2024 budget to parliament, with new spending on schools and roads "
             "expected to dominate the debate among lawmakers."] + PARAS[1:]
    path = tmp_path / "budget.htm"
    path.write_text(html_page("Ministers prepare the 2024 budget", "", paras), encoding="utf-8")
    df = read_clean(path)
    assert len(df) == 1
    r = df.iloc[0]
    assert "the 2024 budget" in r["text"]
    assert pd.isna(r["date"])
    assert r["date_source"] == "unknown"
    assert "undated" in r["flags"]
    assert r["source_format"] == "html"


# --- globs and lists ------------------------------------------------------------------------------
def _small_tree(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "2023").mkdir(parents=True)
    (root / "2024").mkdir()
    (root / "2023" / "x.txt").write_text("Old story one\n\n" + body("an old story"), encoding="utf-8")
    (root / "2024" / "y.txt").write_text("New story two\n\n" + body("a new story"), encoding="utf-8")
    (root / "2024" / "z.txt").write_text("New story three\n\n" + body("another new story"), encoding="utf-8")
    write_csv(root / "2024" / "table.csv", ["title", "text"], [["Table story", body("a story in a table")]])
    return root


def test_glob_pattern(tmp_path):
    root = _small_tree(tmp_path)
    df = read_clean(str(root / "**" / "*.txt"))
    assert sorted(df["title"]) == ["New story three", "New story two", "Old story one"]
    assert set(report_of(df)["path"]) == {str(p) for p in root.rglob("*.txt")}  # the CSV was not matched

    df = read_clean(str(root / "2024" / "*.txt"))
    assert sorted(df["title"]) == ["New story three", "New story two"]

    # 'folder/**' matches the folder and everything below it: each file is still read once.
    df = read_clean(str(root / "**"))
    assert sorted(df["title"]) == ["New story three", "New story two", "Old story one", "Table story"]
    assert report_of(df)["path"].is_unique
    assert sorted(df["doc_id"]) == ["2023/x", "2024/table:2", "2024/y", "2024/z"]


def test_glob_matching_nothing_raises(tmp_path):
    root = _small_tree(tmp_path)
    with pytest.raises(FileNotFoundError, match=r"\*\.docx"):
        read_articles(str(root / "*.docx"))


def test_list_of_sources(tmp_path):
    root = _small_tree(tmp_path)
    df = read_clean([root / "2023", root / "2024" / "table.csv", str(root / "2024" / "y.txt")])
    assert sorted(df["title"]) == ["New story two", "Old story one", "Table story"]
    assert set(report_of(df)["path"]) == {
        str(root / "2023" / "x.txt"), str(root / "2024" / "table.csv"), str(root / "2024" / "y.txt")}
    assert df["doc_id"].is_unique


# --- metadata side files ------------------------------------------------------------------------
def _meta_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "project" / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("Harbour reopens after storm\n\n" + body("the harbour"), encoding="utf-8")
    (root / "sub" / "b.txt").write_text("Airport expansion approved\n\n" + body("the airport"), encoding="utf-8")
    (root / "c.txt").write_text("Trade talks resume\n\nBRUSSELS (Reuters) - Ministers said on Thursday, June 3, 2021 "
                                "that trade talks would resume.\n\n" + body("trade"), encoding="utf-8")
    return root


def test_metadata_csv_keyed_by_file(tmp_path):
    root = _meta_corpus(tmp_path)
    meta = tmp_path / "project" / "meta.csv"
    write_csv(meta, ["file", "outlet", "date", "topic"], [
        ["a.txt", "Harbour Gazette", "2023-02-03", "maritime"],
        ["sub/b.txt", "Sky News Daily", "2023-02-04 18:00", "aviation"],
    ])
    df = read_clean(root, metadata=meta)  # c.txt having no metadata row is not a problem
    rows = {r["doc_id"]: r for _, r in df.iterrows()}
    assert rows["a"]["outlet"] == "Harbour Gazette"
    assert rows["a"]["date"] == pd.Timestamp("2023-02-03") and rows["a"]["date_source"] == "metadata"
    assert rows["sub/b"]["outlet"] == "Sky News Daily"
    assert rows["sub/b"]["date"] == pd.Timestamp("2023-02-04 18:00") and rows["sub/b"]["date_source"] == "metadata"
    assert "meta.csv" in rows["a"]["outlet_evidence"] and "meta.csv" in rows["a"]["date_evidence"]
    assert rows["a"]["topic"] == "maritime" and rows["sub/b"]["topic"] == "aviation"
    # The article without a metadata row keeps what its own text says.
    assert rows["c"]["outlet"] == "Reuters"
    assert rows["c"]["date"] == pd.Timestamp("2021-06-03") and rows["c"]["date_source"] == "text"
    assert pd.isna(rows["c"]["topic"])
    mrow = file_row(df, meta)
    assert mrow["status"] == "loaded" and "2 of 2" in mrow["reason"]


def test_metadata_json_keyed_by_doc_id(tmp_path):
    root = _meta_corpus(tmp_path)
    meta = tmp_path / "project" / "meta.json"
    meta.write_text(json.dumps([
        {"doc_id": "sub/b", "outlet": "JSON Outlet", "date": "2022-12-01", "coder": "AB"},
        {"doc_id": "c", "outlet": "Overridden", "date": "2020-01-05", "coder": "CD"},
    ]), encoding="utf-8")
    df = read_clean(root, metadata=meta)
    rows = {r["doc_id"]: r for _, r in df.iterrows()}
    assert (rows["sub/b"]["outlet"], rows["sub/b"]["date"], rows["sub/b"]["date_source"]) == (
        "JSON Outlet", pd.Timestamp("2022-12-01"), "metadata")
    # The side file wins over what the text says (Reuters, Thursday, June 3, 2021).
    assert (rows["c"]["outlet"], rows["c"]["date"], rows["c"]["date_source"]) == (
        "Overridden", pd.Timestamp("2020-01-05"), "metadata")
    assert rows["sub/b"]["coder"] == "AB" and rows["c"]["coder"] == "CD"
    assert pd.isna(rows["a"]["coder"])
    assert rows["a"]["outlet"] == "unknown" and rows["a"]["date_source"] == "unknown"
    # The side file is not read as articles, even when it sits inside the corpus folder.
    inside = root / "meta.json"
    inside.write_text(meta.read_text(), encoding="utf-8")
    df2 = read_clean(root, metadata=inside)
    assert len(df2) == 3
    assert df2.set_index("doc_id")["coder"].to_dict()["c"] == "CD"


def test_metadata_row_pointing_outside_is_refused(tmp_path, monkeypatch):
    root = _meta_corpus(tmp_path)  # tmp/project/corpus, so ../../etc/passwd is tmp/etc/passwd
    secret = tmp_path / "etc" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:SECRET-ROOT-ENTRY:/root:/bin/bash\n", encoding="utf-8")
    assert (root / "../../etc/passwd").resolve() == secret.resolve()
    meta = tmp_path / "project" / "meta.csv"
    write_csv(meta, ["file", "outlet", "text", "title"], [
        ["a.txt", "Harbour Gazette", "", ""],
        ["../../etc/passwd", "Evil Outlet", "", "Evil title"],
        ["nowhere.txt", "Ghost Outlet", "", ""],
    ])

    opened = []
    real_open = io.open

    def spy_open(file, *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)):
            opened.append(os.path.realpath(os.fsdecode(file)))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", spy_open)
    monkeypatch.setattr(builtins, "open", spy_open)
    with pytest.warns(LoadWarning):
        df = read_articles(root, metadata=meta)
    monkeypatch.undo()

    assert os.path.realpath(secret) not in opened
    assert os.path.realpath(meta) in opened  # the spy did see the reads
    rep = report_of(df)
    meta_rows = rep[rep["path"] == str(meta)]
    bad = meta_rows[meta_rows["line"] == 3]
    assert len(bad) == 1 and bad.iloc[0]["status"] == "skipped"
    assert "outside the corpus folder" in bad.iloc[0]["reason"]
    unmatched = meta_rows[meta_rows["line"] == 4]
    assert len(unmatched) == 1 and unmatched.iloc[0]["status"] == "skipped"
    assert "nowhere.txt" in unmatched.iloc[0]["reason"]
    # Nothing from the refused or unmatched rows reached any article.
    assert len(df) == 3
    assert not df.isin(["Evil Outlet", "Evil title", "Ghost Outlet"]).any().any()
    assert "SECRET-ROOT-ENTRY" not in "\n".join(map(str, df.to_numpy(dtype=object).ravel()))
    assert df.set_index("doc_id").loc["a", "outlet"] == "Harbour Gazette"
    assert str(secret) not in set(rep["path"])


def test_metadata_unmatched_row_is_reported(tmp_path):
    root = _meta_corpus(tmp_path)
    meta = tmp_path / "project" / "meta.jsonl"
    meta.write_text(json.dumps({"doc_id": "a", "outlet": "Kept"}) + "\n"
                    + json.dumps({"doc_id": "no-such-article", "outlet": "Lost"}) + "\n", encoding="utf-8")
    with pytest.warns(LoadWarning, match="no-such-article"):
        df = read_articles(root, metadata=meta)
    rep = report_of(df)
    row = rep[(rep["path"] == str(meta)) & (rep["line"] == 2)]
    assert len(row) == 1 and row.iloc[0]["status"] == "skipped"
    assert "matches no article" in row.iloc[0]["reason"]
    assert "1 of 2" in file_row(df, meta)["reason"]
    assert df.set_index("doc_id").loc["a", "outlet"] == "Kept"
    assert "Lost" not in set(df["outlet"])


# --- saving and reading back ----------------------------------------------------------------------
def _mixed_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "mixed"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(
        "Politics\n\nMinister quits over leaked memo\n\nBy Jane Roe and AFP |\n\n"
        "PARIS -- The minister resigned on Tuesday, November 28, 2023 after a leaked memo.\n\n"
        + body("the leaked memo") + "\n\nShare on Facebook", encoding="utf-8")
    (root / "sub" / "b.md").write_text("# Markdown story\n\n" + body("markdown"), encoding="cp1252")
    (root / "sub" / "c.txt").write_bytes(("Caf\xe9 prices\n\n" + body("the café at £15")).encode("cp1252"))
    write_csv(root / "t.csv", ["title", "text", "date", "score", "region"], [
        ["NA", body("a table row"), "2024-01-01", "1", "NA"],
        ["Second row", body("another table row"), "not a date", "2", ""],
    ])
    (root / "j.jsonl").write_text(
        json.dumps({"title": "JSON one", "text": body("json one"), "tags": ["a", "b"], "n": 3}) + "\n"
        + json.dumps({"title": "JSON two", "text": body("json two"), "n": 4}) + "\n", encoding="utf-8")
    (root / "empty.txt").write_text("")
    return root


def test_write_read_roundtrip(tmp_path):
    root = _mixed_corpus(tmp_path)
    with pytest.warns(LoadWarning):
        df = read_articles(root)
    # The corpus exercises the awkward columns.
    assert any(len(f) > 0 for f in df["flags"])
    assert any(len(r) > 0 for r in df["removed_lines"])
    assert df["date"].isna().any() and df["date"].notna().any()
    assert {"score", "region", "tags", "n"} <= set(df.columns)
    rep = report_of(df)
    assert (rep["status"] == "skipped").any() and rep["line"].notna().any()

    path = write_articles(df, tmp_path / "out" / "corpus.parquet")
    assert path.exists()
    with warnings.catch_warnings():
        warnings.simplefilter("error", LoadWarning)  # reading a saved corpus back is not a new problem
        back = read_articles(path)

    assert list(back.columns) == list(df.columns)
    pd.testing.assert_series_equal(back.dtypes, df.dtypes)
    pd.testing.assert_frame_equal(back, df)
    assert back["flags"].tolist() == df["flags"].tolist()
    assert back["removed_lines"].tolist() == df["removed_lines"].tolist()
    assert all(isinstance(f, list) for f in back["flags"])
    assert all(isinstance(r, list) and all(isinstance(x, dict) for x in r) for r in back["removed_lines"])
    pd.testing.assert_frame_equal(report_of(back), report_of(df))
    assert back.attrs["load_report"] == df.attrs["load_report"]


def test_roundtrip_of_mixed_value_column(tmp_path):
    """An export column holding numbers in one file and words in another comes back as it was."""
    root = tmp_path / "c"
    root.mkdir()
    write_csv(root / "t.csv", ["title", "text", "score", "tags"], [["CSV row", body("the csv row"), "n/a", "x; y"]])
    (root / "j.jsonl").write_text(json.dumps(
        {"title": "JSON row", "text": body("the json row"), "score": 3, "tags": ["a", "b"]}) + "\n", encoding="utf-8")
    df = read_clean(root)
    assert df.set_index("title")["score"].to_dict() == {"CSV row": "n/a", "JSON row": 3}
    back = read_articles(write_articles(df, tmp_path / "c.parquet"))
    pd.testing.assert_series_equal(back.dtypes, df.dtypes)
    pd.testing.assert_frame_equal(back, df)


# --- ids and concatenation ------------------------------------------------------------------------
def test_doc_id_stable_and_unique(tmp_path):
    root = tmp_path / "corpus"
    for d in ("bbc", "cnn", "cnn/2024"):
        (root / d).mkdir(parents=True)
        (root / d / "story.txt").write_text(f"Story from {d}\n\n" + body(f"news from {d}"), encoding="utf-8")
    (root / "cnn" / "story.md").write_text("# Same name, other extension\n\n" + body("markdown news"), encoding="utf-8")
    write_csv(root / "cnn" / "story.csv", ["title", "text"], [["Row story", body("table news")]])

    first = read_clean(root)
    second = read_clean(root)
    assert len(first) == 5
    assert first["doc_id"].is_unique
    assert first["doc_id"].tolist() == second["doc_id"].tolist()
    assert dict(zip(first["doc_id"], first["source_path"])) == dict(zip(second["doc_id"], second["source_path"]))
    ids = dict(zip(first["source_path"], first["doc_id"]))
    assert ids[str(root / "bbc" / "story.txt")] == "bbc/story"
    assert ids[str(root / "cnn" / "2024" / "story.txt")] == "cnn/2024/story"
    # A row-level id names its line; the ids of the two cnn/story files differ.
    assert ids[str(root / "cnn" / "story.csv")] == "cnn/story:2"
    assert ids[str(root / "cnn" / "story.md")] != ids[str(root / "cnn" / "story.txt")]


def test_concat_of_two_reads(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "one.txt").write_text("Story one\n\n" + body("story one"), encoding="utf-8")
    write_csv(b / "rows.csv", ["title", "text", "extra"], [["Story two", body("story two"), "x"]])
    (b / "bad.docx").write_bytes(b"PK\x03\x04")
    da = read_clean(a)
    with pytest.warns(LoadWarning):
        db = read_articles(b)
    both = pd.concat([da, db], ignore_index=True)
    assert both["title"].tolist() == ["Story one", "Story two"]
    assert list(both.columns[: len(da.columns)]) == list(da.columns)
    assert both["date"].dtype == da["date"].dtype
    # The same corpus twice concatenates too (equal reports).
    twice = pd.concat([da, read_clean(a)], ignore_index=True)
    assert len(twice) == 2
