"""read_articles on broken, odd and hostile input, generated in tmp_path.

The promise under test: no crash, no hang, nothing silently dropped (every file is in
the load report, with a reason a person can act on), text decoded right, and nothing
read from outside the folder the user named.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import tempfile
import threading
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_tools import CorpusLoadError, LoadWarning, read_articles

from ..conftest import body, report_of

# --- helpers -----------------------------------------------------------------------------------


def read(source, **kwargs) -> pd.DataFrame:
    """read_articles, with its LoadWarning (expected here) silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadWarning)
        return read_articles(source, **kwargs)


def file_row(df: pd.DataFrame, path: Path) -> pd.Series:
    """The single file-level row (line is NA) of ``path`` in the load report."""
    rep = report_of(df)
    rows = rep[(rep["path"] == str(path)) & rep["line"].isna()]
    assert len(rows) == 1, f"{path} should have exactly one file row in the report:\n{rep.to_string()}"
    return rows.iloc[0]


def line_row(df: pd.DataFrame, path: Path, line: int) -> pd.Series:
    rep = report_of(df)
    rows = rep[(rep["path"] == str(path)) & (rep["line"] == line)]
    assert len(rows) == 1, f"{path}, line {line} should have exactly one row in the report:\n{rep.to_string()}"
    return rows.iloc[0]


def assert_all_reported(df: pd.DataFrame, paths) -> None:
    """Nothing silently dropped: each path is in the report, and its articles are in the table."""
    rep = report_of(df)
    missing = {str(p) for p in paths} - set(rep["path"])
    assert not missing, f"not in the load report: {missing}\n{rep.to_string()}"
    for p in paths:
        rows = rep[rep["path"] == str(p)]
        n = int(rows["n_articles"].sum())
        assert (df["source_path"] == str(p)).sum() == n, f"{p}: report says {n} articles"


def all_cells_text(df: pd.DataFrame) -> str:
    return "\n".join(map(str, df.to_numpy(dtype=object).ravel()))


# --- encodings ----------------------------------------------------------------------------------
def test_cp1252_file(tmp_path):
    path = tmp_path / "cp.txt"
    path.write_bytes(("Cheap lunch in town\n\nLunch at the café £15 for two, said the owner.\n\n"
                      + body("prices")).encode("cp1252"))
    with pytest.warns(LoadWarning, match="cp1252"):
        df = read_articles(path)
    r = df.iloc[0]
    assert "Lunch at the café £15 for two" in r["text"]
    assert r["encoding"] == "cp1252"
    assert "encoding_guessed" in r["flags"]
    row = file_row(df, path)
    assert row["status"] == "loaded_with_warnings"
    assert "cp1252" in row["reason"] and "line 3" in row["reason"]
    assert row["n_articles"] == 1


def test_long_cp1252_french_text_is_not_read_as_a_baltic_code_page(tmp_path):
    """Enough accents for the charset detector to have its say; it must not win with cp1257 ('trčs')."""
    fr = ("Le gouvernement a annoncé mercredi une réforme très contestée. Les syndicats, déçus, préparent déjà "
          "une grève générale à l'échelle régionale. Selon le ministre, les économies réalisées atteindraient "
          "15 millions d'euros, et les prix à la consommation resteraient stables. Au café £15, crème brûlée, "
          "naïveté, où, déjà, Noël.")
    path = tmp_path / "fr.txt"
    path.write_bytes(("Réforme contestée\n\n" + fr).encode("cp1252"))
    df = read(path)
    assert df.loc[0, "title"] == "Réforme contestée"
    assert df.loc[0, "text"] == fr
    assert df.loc[0, "encoding"] == "cp1252"


def test_cyrillic_cp1251_file_keeps_its_code_page(tmp_path):
    ru = ("Правительство объявило в среду о новой реформе. Профсоюзы недовольны и готовят забастовку по всей "
          "области. По словам министра, экономия составит пятнадцать миллионов рублей, а цены останутся стабильными.")
    path = tmp_path / "ru.txt"
    path.write_bytes(("Новая реформа\n\n" + ru).encode("cp1251"))
    df = read(path)
    assert df.loc[0, "title"] == "Новая реформа"
    assert df.loc[0, "text"] == ru


def test_mixed_utf8_and_cp1252_lines(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Zürich café reopens\n\nThe naïve café in Zürich was open again.\n\n".encode("utf-8")
                     + "Coffee now costs £15 at the café, said the owner.\n\n".encode("cp1252")
                     + body("the café").encode("utf-8"))
    with pytest.warns(LoadWarning, match="mixed encodings"):
        df = read_articles(path)
    r = df.iloc[0]
    assert r["title"] == "Zürich café reopens"
    assert "The naïve café in Zürich was open again." in r["text"]  # the UTF-8 part
    assert "Coffee now costs £15 at the café, said the owner." in r["text"]  # the cp1252 line
    assert "\ufffd" not in r["text"] and "Ã" not in r["text"]
    assert "mixed_encoding" in r["flags"]
    row = file_row(df, path)
    assert row["status"] == "loaded_with_warnings" and "line 5" in row["reason"]


def test_utf8_with_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ("Title after a BOM\n\n" + body("byte-order marks")).encode("utf-8"))
    with warnings.catch_warnings():
        warnings.simplefilter("error", LoadWarning)  # a BOM is no problem
        df = read_articles(path)
    assert df.loc[0, "title"] == "Title after a BOM"
    assert "\ufeff" not in df.loc[0, "title"] and "\ufeff" not in df.loc[0, "raw_text"]
    assert df.loc[0, "encoding"].startswith("utf-8")


def test_utf8_bom_csv_header(tmp_path):
    """Excel's 'CSV UTF-8' starts with a BOM: the first column must still be found by name."""
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + f'title,text\nExcel row,"{body("excel")}"\n'.encode("utf-8"))
    df = read(path)
    assert df.loc[0, "title"] == "Excel row"
    assert "\ufeff" not in "".join(df.columns)


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(("Kyiv – Київ talks\n\nDelegates met in Київ and Zürich.\n\n" + body("talks")).encode("utf-16"))
    df = read(path)
    r = df.iloc[0]
    assert r["title"] == "Kyiv – Київ talks"
    assert "Delegates met in Київ and Zürich." in r["text"]
    assert "\x00" not in r["raw_text"]
    assert "utf-16" in r["encoding"]


def test_utf16_tab_separated_excel_export(tmp_path):
    """Excel's 'Unicode text' export: UTF-16 with BOM, tab-separated."""
    path = tmp_path / "excel.tsv"
    path.write_bytes(f"title\ttext\nÉté à Київ\t{body('the summer').replace(chr(10), ' ')}\n".encode("utf-16"))
    df = read(path)
    assert df["title"].tolist() == ["Été à Київ"]
    assert df.loc[0, "source_line"] == 2


def test_utf16_le_without_bom(tmp_path):
    path = tmp_path / "u16le.txt"
    path.write_bytes(("No BOM here\n\nThe café opened.\n\n" + body("missing byte-order marks")).encode("utf-16-le"))
    with pytest.warns(LoadWarning, match="utf-16-le"):
        df = read_articles(path)
    r = df.iloc[0]
    assert r["title"] == "No BOM here"
    assert "The café opened." in r["text"]
    for col in ("title", "text", "raw_text"):
        assert "\x00" not in r[col]
    assert r["encoding"].startswith("utf-16-le")
    assert file_row(df, path)["status"] == "loaded_with_warnings"


def test_valid_utf8_emoji_and_cyrillic_read_as_utf8(tmp_path):
    title = "Київ 🇺🇦 празднует"
    text = "Жители Києва вышли на улицы 🎉. Great news 👍 — «ура»!\n\n" + body("the festival")
    path = tmp_path / "emoji.txt"
    path.write_bytes((title + "\n\n" + text).encode("utf-8"))
    df = read(path)
    r = df.iloc[0]
    assert r["encoding"] == "utf-8"
    assert r["title"] == title
    assert r["text"] == text
    assert "encoding_guessed" not in r["flags"]


# --- files that hold no article -------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\r\n   \n", "white space"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4, "binary"),
        ("blank.csv", b"\n\n", "white space"),
        ("broken.txt.gz", b"this is not gzip data", "cannot be read"),
        ("header_only.csv", b"title,text\n", "no articles"),
        ("empty_list.json", b"[]", "no articles"),
    ],
)
def test_files_without_articles_are_skipped_with_reason(tmp_path, name, data, reason):
    (tmp_path / "ok.txt").write_text("A real story\n\n" + body("a real story"), encoding="utf-8")
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.warns(LoadWarning, match=name.replace(".", r"\.")):
        df = read_articles(tmp_path)
    row = file_row(df, path)
    assert row["status"] == "skipped"
    assert reason in row["reason"]
    assert df["title"].tolist() == ["A real story"]
    assert_all_reported(df, [path, tmp_path / "ok.txt"])


# --- CSV traps ----------------------------------------------------------------------------------
def test_csv_short_row(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("title,text,outlet\n"
                    "Alpha,The first story is complete and fine.,Daily Planet\n"
                    "Beta,The second story lost its outlet field\n"
                    "Gamma,The third story is fine again.,Harbour News\n", encoding="utf-8")
    with pytest.warns(LoadWarning, match="ragged.csv, line 3"):
        df = read_articles(path)
    assert df["title"].tolist() == ["Alpha", "Beta", "Gamma"]  # the short row is kept
    assert df.set_index("title").loc["Beta", "outlet"] == "unknown"
    assert df.set_index("title").loc["Gamma", "outlet"] == "Harbour News"
    row = line_row(df, path, 3)
    assert row["status"] == "loaded_with_warnings"
    assert "outlet" in row["reason"]
    f = file_row(df, path)
    assert f["status"] == "loaded_with_warnings" and f["n_articles"] == 3


def test_csv_long_row_keeps_extra_fields(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("title,text\n"
                    "Alpha,The first story has two stray fields.,surplus one,surplus two\n"
                    "Beta,The second story is fine.\n", encoding="utf-8")
    df = read(path)
    assert df["title"].tolist() == ["Alpha", "Beta"]
    assert df.loc[0, "extra_fields"] == "surplus one,surplus two"
    assert pd.isna(df.loc[1, "extra_fields"])
    row = line_row(df, path, 2)
    assert row["status"] == "loaded_with_warnings" and "extra_fields" in row["reason"]


def test_csv_duplicate_header(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("title,text,text\nAlpha,First text column.,Second text column.\n", encoding="utf-8")
    df = read(path)
    assert df.loc[0, "text"] == "First text column."
    assert df.loc[0, "text_2"] == "Second text column."
    row = line_row(df, path, 1)
    assert row["status"] == "loaded_with_warnings"
    assert "'text'" in row["reason"] and "text_2" in row["reason"]


def test_csv_without_text_column(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text("name,value,colour\nx,1,red\ny,2,blue\n", encoding="utf-8")
    with pytest.warns(LoadWarning, match="scores.csv"):
        df = read_articles(path)
    assert len(df) == 0
    row = file_row(df, path)
    assert row["status"] == "skipped"
    assert "no article text column" in row["reason"]
    assert "name, value, colour" in row["reason"]


def test_csv_unterminated_quote_is_reported(tmp_path):
    """A stray quote swallows the rest of the file into one field: that must not pass silently."""
    path = tmp_path / "stray.csv"
    path.write_text('title,text\n'
                    'Alpha,The first story is fine.\n'
                    'Beta,"The second story opens a quote and never closes it.\n'
                    'Gamma,The third story.\n'
                    'Delta,The fourth story.\n', encoding="utf-8")
    with pytest.warns(LoadWarning, match="stray.csv, line 3"):
        df = read_articles(path)
    row = line_row(df, path, 3)
    assert row["status"] == "loaded_with_warnings"
    assert "never closed" in row["reason"] and "3-5" in row["reason"]
    # The swallowed rows are still there, inside the row that swallowed them.
    assert "The fourth story." in df.set_index("title").loc["Beta", "text"]


def test_csv_closed_multiline_quote_is_not_reported(tmp_path):
    path = tmp_path / "fine.csv"
    path.write_text('title,text\nAlpha,"A story\nover two lines, with ""quotes""."\n', encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", LoadWarning)
        df = read_articles(path)
    assert df.loc[0, "raw_text"] == 'A story\nover two lines, with "quotes".'


# --- JSON traps ---------------------------------------------------------------------------------
def test_jsonl_with_bad_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([
        json.dumps({"title": "One", "text": body("line one")}),
        '{"title": "Two", "text": "cut off in the mid',
        json.dumps({"title": "Three", "text": body("line three")}),
        "[1, 2, 3]",
        "",
        json.dumps({"title": "Six", "text": body("line six")}),
    ]) + "\n", encoding="utf-8")
    with pytest.warns(LoadWarning, match="feed.jsonl, line 2"):
        df = read_articles(path)
    assert df["title"].tolist() == ["One", "Three", "Six"]
    assert df["source_line"].tolist() == [1, 3, 6]
    bad = line_row(df, path, 2)
    assert bad["status"] == "skipped" and "not valid JSON" in bad["reason"]
    assert line_row(df, path, 4)["status"] == "skipped"
    f = file_row(df, path)
    assert f["status"] == "loaded_with_warnings" and f["n_articles"] == 3


@pytest.mark.parametrize("content", ["42", '"just a string"', "null", "{not json"])
def test_json_file_that_holds_no_articles(tmp_path, content):
    path = tmp_path / "odd.json"
    path.write_text(content, encoding="utf-8")
    with pytest.warns(LoadWarning, match="odd.json"):
        df = read_articles(path)
    assert len(df) == 0
    rep = report_of(df)
    assert set(rep["path"]) == {str(path)}
    assert (rep["status"] == "skipped").all()
    assert rep["reason"].str.len().gt(0).all()


# --- duplicates ---------------------------------------------------------------------------------
def test_duplicate_articles_are_kept_and_flagged(tmp_path):
    text = "Storm hits the coast\n\n" + body("the storm")
    (tmp_path / "a_first.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b_copy.txt").write_text(text, encoding="utf-8")
    (tmp_path / "c_other.txt").write_text("Something else\n\n" + body("something else"), encoding="utf-8")
    with pytest.warns(LoadWarning, match="a_first"):
        df = read_articles(tmp_path)
    assert len(df) == 3
    flags = dict(zip(df["doc_id"], df["flags"]))
    assert "duplicate" not in flags["a_first"]
    assert "duplicate" in flags["b_copy"]
    assert "duplicate" not in flags["c_other"]
    row = file_row(df, tmp_path / "b_copy.txt")
    assert row["status"] == "loaded_with_warnings" and "a_first" in row["reason"]
    assert file_row(df, tmp_path / "a_first.txt")["status"] == "loaded"


# --- files that are not articles ------------------------------------------------------------------
def test_unsupported_hidden_and_readme_files_are_skipped(tmp_path):
    root = tmp_path / "corpus"
    (root / "notes").mkdir(parents=True)
    (root / "story.txt").write_text("A real story\n\n" + body("a real story"), encoding="utf-8")
    files = {
        root / "photo.jpg": (b"\xff\xd8\xff\xe0\x00\x10JFIF", "(.jpg)"),
        root / "report.docx": (b"PK\x03\x04\x14\x00", "(.docx)"),
        root / "no_extension": (b"Plain words.", "no extension"),
        root / ".hidden.txt": (b"Hidden\n\nHidden story text.", "hidden"),
        root / "notes" / "README.txt": (b"About this corpus\n\nCollected in 2024.", "README"),
        root / "LICENSE.md": (b"MIT License\n\nPermission is hereby granted.", "README or licence"),
    }
    for p, (data, _) in files.items():
        p.write_bytes(data)
    (root / ".cache").mkdir()
    (root / ".cache" / "inside.txt").write_text("Cached\n\nA cached copy.", encoding="utf-8")
    with pytest.warns(LoadWarning):
        df = read_articles(root)
    assert df["title"].tolist() == ["A real story"]
    for p, (_, reason) in files.items():
        row = file_row(df, p)
        assert row["status"] == "skipped" and reason in row["reason"], row["reason"]
    assert file_row(df, root / ".cache")["status"] == "skipped"  # the hidden folder, as one row
    assert "A cached copy" not in all_cells_text(df)
    assert_all_reported(df, [root / "story.txt", *files])

    # Named by the user, a README or a hidden file is read.
    assert read(root / "notes" / "README.txt")["title"].tolist() == ["About this corpus"]
    assert read(root / ".hidden.txt")["title"].tolist() == ["Hidden"]


# --- special files and links --------------------------------------------------------------------
def _read_with_deadline(source, seconds: float = 20):
    result: dict = {}

    def run():
        try:
            result["df"] = read(source)
        except BaseException as e:  # handed to the test thread
            result["error"] = e

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"read_articles({source}) did not return within {seconds} s"
    if "error" in result:
        raise result["error"]
    return result["df"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_named_pipe_is_skipped_without_hanging(tmp_path):
    (tmp_path / "story.txt").write_text("A real story\n\n" + body("a real story"), encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    df = _read_with_deadline(tmp_path)
    assert df["title"].tolist() == ["A real story"]
    row = file_row(df, fifo)
    assert row["status"] == "skipped" and "named pipe" in row["reason"]
    # Named directly, or matched by a glob, it is not opened either.
    assert file_row(_read_with_deadline(fifo), fifo)["status"] == "skipped"
    df = _read_with_deadline(str(tmp_path / "*.txt"))
    assert file_row(df, fifo)["status"] == "skipped"
    assert df["title"].tolist() == ["A real story"]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_symlink_to_file_outside_folder_is_not_followed(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    secret = outside / "passwd"
    secret.write_text("root:x:0:0:SECRET-ROOT-ENTRY:/root:/bin/bash\n" * 3, encoding="utf-8")
    (outside / "private").mkdir()
    (outside / "private" / "diary.txt").write_text("Dear diary\n\nSECRET-DIARY-ENTRY about things.", encoding="utf-8")
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "story.txt").write_text("A real story\n\n" + body("a real story"), encoding="utf-8")
    os.symlink(secret, root / "passwd.txt")
    os.symlink(outside / "private", root / "private")  # a folder link leading out
    os.symlink("story.txt", root / "alias.txt")  # a link that stays inside is fine

    with pytest.warns(LoadWarning):
        df = read_articles(root)
    text = all_cells_text(df)
    assert "SECRET-ROOT-ENTRY" not in text and "SECRET-DIARY-ENTRY" not in text
    for link in ("passwd.txt", "private"):
        row = file_row(df, root / link)
        assert row["status"] == "skipped" and "outside the folder" in row["reason"]
    assert str(secret) not in set(report_of(df)["path"])
    # A link inside the folder is not read twice: the file is read under its own name.
    assert set(df["source_path"]) == {str(root / "story.txt")}
    assert "read under its own name" in file_row(df, root / "alias.txt")["reason"]

    # Through a glob too, for the file link and for the folder link.
    df = read(str(root / "*"))
    text = all_cells_text(df)
    assert "SECRET-ROOT-ENTRY" not in text and "SECRET-DIARY-ENTRY" not in text
    for link in ("passwd.txt", "private"):
        row = file_row(df, root / link)
        assert row["status"] == "skipped" and "outside the folder" in row["reason"]
    # A link inside the folder is not read twice: the file is read under its own name.
    assert set(df["source_path"]) == {str(root / "story.txt")}
    assert "read under its own name" in file_row(df, root / "alias.txt")["reason"]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_symlink_loop_terminates_and_is_reported(tmp_path):
    root = tmp_path / "corpus"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "story.txt").write_text("A real story\n\n" + body("a real story"), encoding="utf-8")
    os.symlink("..", root / "a" / "b" / "up")  # a/b/up -> a
    os.symlink(".", root / "self")  # the root itself
    df = _read_with_deadline(root)
    assert df["source_path"].tolist() == [str(root / "a" / "story.txt")]  # read once, not again via the links
    for link in (root / "a" / "b" / "up", root / "self"):
        row = file_row(df, link)
        assert row["status"] == "skipped" and "loop" in row["reason"]


def test_messy_folder_everything_reported(tmp_path):
    """All the traps at once: each file once in the report, the good articles all there."""
    root = tmp_path / "messy"
    (root / "sub").mkdir(parents=True)
    good = {
        root / "good.txt": ("Good story\n\n" + body("a good story")).encode(),
        root / "cp.txt": ("Café story\n\n" + body("the café at £15")).encode("cp1252"),
        root / "sub" / "u16.txt": ("UTF-16 story\n\n" + body("wide characters")).encode("utf-16"),
        root / "sub" / "z.txt.gz": gzip.compress(("Zipped story\n\n" + body("compression")).encode()),
    }
    bad = {
        root / "empty.txt": b"",
        root / "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)),
        root / "photo.jpg": b"\xff\xd8\xff",
        root / "sub" / "README.md": b"# Readme\n\nAbout.",
        root / "odd.json": b"7",
        root / "cols.csv": b"a,b\n1,2\n",
    }
    for p, data in {**good, **bad}.items():
        p.write_bytes(data)
    df = read(root)
    assert sorted(df["title"]) == ["Café story", "Good story", "UTF-16 story", "Zipped story"]
    assert_all_reported(df, [*good, *bad])
    rep = report_of(df)
    assert rep["path"].is_unique
    for p in bad:
        assert file_row(df, p)["status"] == "skipped"
        assert file_row(df, p)["reason"]


# --- errors="raise" and missing paths -----------------------------------------------------------
def test_errors_raise_names_file_and_line(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("title,text,outlet\nAlpha,Fine row.,X\nBeta,Short row\n", encoding="utf-8")
    with pytest.raises(CorpusLoadError, match=r"ragged\.csv, line 3"):
        read_articles(path, errors="raise")


@pytest.mark.parametrize(
    "name, data",
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        ("empty.txt", b""),
        ("photo.jpg", b"\xff\xd8\xff"),
        ("feed.jsonl", b'{"title": "ok", "text": "fine"}\n{broken\n'),
    ],
)
def test_errors_raise_in_a_folder(tmp_path, name, data):
    (tmp_path / "good.txt").write_text("A real story\n\n" + body("a real story"), encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    with pytest.raises(CorpusLoadError) as info:
        read_articles(tmp_path, errors="raise")
    assert name in str(info.value)
    if name == "feed.jsonl":
        assert "line 2" in str(info.value)


def test_errors_must_be_known():
    with pytest.raises(ValueError, match="errors"):
        read_articles(".", errors="ignore")


def test_missing_paths_raise_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError, match="no_such_folder"):
        read_articles(tmp_path / "no_such_folder")
    with pytest.raises(FileNotFoundError):
        read_articles([tmp_path, tmp_path / "missing.txt"])
    (tmp_path / "story.txt").write_text("A real story\n\n" + body("a real story"), encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="meta.csv"):
        read_articles(tmp_path, metadata=tmp_path / "meta.csv")


# --- arbitrary bytes --------------------------------------------------------------------------------
_FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _check_any_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"input{suffix}"
        path.write_bytes(data)
        df = read(path)  # must not raise
        rep = report_of(df)
        assert set(rep["path"]) == {str(path)}, rep.to_string()
        row = file_row(df, path)
        if row["status"] == "skipped":
            assert len(df) == 0 and row["reason"]
        else:
            assert row["n_articles"] == len(df) >= 1
            assert (df["source_path"] == str(path)).all()
            assert df["doc_id"].is_unique
            if suffix == ".txt":
                assert len(df) == 1


@_FUZZ
@given(data=st.binary(max_size=2000))
def test_any_bytes_as_txt(data):
    _check_any_bytes(data, ".txt")


@_FUZZ
@given(data=st.binary(max_size=2000))
def test_any_bytes_as_csv(data):
    _check_any_bytes(data, ".csv")


@_FUZZ
@given(data=st.binary(max_size=2000))
def test_any_bytes_as_jsonl(data):
    _check_any_bytes(data, ".jsonl")


_TABLEISH = st.lists(
    st.sampled_from(["title", "text", ",", ";", "\t", '"', '""', "\n", "\r\n", "{", "}", ":", "[", "]", "null",
                     "café", "Київ", "\xa3", " ", "a", "1", "\ufeff", "NA"]),
    max_size=80,
).map("".join)


@_FUZZ
@given(text=_TABLEISH, header=st.sampled_from(["", "title,text\n", "title;text\n", '{"text": ']),
       suffix=st.sampled_from([".csv", ".jsonl", ".json", ".tsv"]),
       encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_table_like_text_never_crashes(text, header, suffix, encoding):
    """Random bytes rarely look like a table; these do, so the parsers' own paths get exercised."""
    _check_any_bytes((header + text).encode(encoding, errors="replace"), suffix)


def test_overlapping_sources_read_each_file_once(tmp_path):
    import warnings as _w

    (tmp_path / "a.txt").write_text("Headline\n\nBody text of the article goes here.\n")
    with _w.catch_warnings():
        _w.simplefilter("ignore")
        arts = read_articles([tmp_path, tmp_path / "a.txt"])
    assert len(arts) == 1
    rep = report_of(arts)
    assert rep["status"].tolist() == ["loaded", "skipped"] and "already read" in rep["reason"].iloc[1]


def test_two_word_first_line_with_no_body_is_the_title(tmp_path):
    (tmp_path / "a.txt").write_text("Breaking news\n\nA long line that has no full stop at the end of it here\n")
    a = read_articles(tmp_path).iloc[0]
    assert a["title"] == "Breaking news" and "long line" in a["text"]
