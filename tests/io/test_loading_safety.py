"""Issue 14, part A: one bad value never aborts a load, nothing is read from outside the roots, limits hold.

Each test builds the case the issue describes in tmp_path and checks: the load goes on, the
case has a report row naming the file (and line), and ``errors="raise"`` gives CorpusLoadError.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import threading
import tracemalloc
import warnings
from pathlib import Path

import pandas as pd
import pytest

from corpus_tools import CorpusLoadError, LoadWarning, read_articles, write_articles

from ..conftest import body, report_of

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="links and byte file names need a POSIX system")


def read(source, **kwargs) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadWarning)
        return read_articles(source, cache=False, **kwargs)


def flat(topic: str) -> str:
    """The three paragraphs of ``body`` on one line (a JSON string or CSV field)."""
    return body(topic).replace("\n\n", " ")


def rows_of(df, path, line=None):
    rep = report_of(df)
    rep = rep[rep["path"] == str(path)]
    return rep[rep["line"].isna()] if line is None else rep[rep["line"] == line]


def one_row(df, path, line=None) -> pd.Series:
    """The one row of ``path`` (at ``line``, or its file row), notes aside."""
    rows = rows_of(df, path, line).query("status != 'note'")
    assert len(rows) == 1, report_of(df).to_string()
    return rows.iloc[0]


def story(tmp: Path, name="good.txt", topic="the harbour") -> Path:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"A story on {topic}\n\n" + body(topic), encoding="utf-8")
    return path


def with_deadline(func, seconds=20):
    out: dict = {}

    def run():
        try:
            out["value"] = func()
        except BaseException as e:
            out["error"] = e

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"did not return within {seconds} s"
    if "error" in out:
        raise out["error"]
    return out["value"]


# --- 1. one bad value is contained to its row or file ----------------------------------------------
def _jsonl(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


CASES = {
    # name: (file name, content, line of the report row or None for the file, words of the reason)
    "lone surrogate": ("feed.jsonl", '{"title": "a", "text": "' + flat("ports") + '"}\n'
                       '{"title": "b", "text": "bad \\ud800 value. ' + flat("bridges") + '"}\n', 2, "surrogate"),
    "nested 100,000 deep (JSON)": ("deep.json", "[" * 100_000 + "]" * 100_000, None, "nested"),
    "nested 100,000 deep (JSON Lines)": ("deep.jsonl", '{"text": "' + flat("ports") + '"}\n{"text": '
                                         + "[" * 100_000 + "]" * 100_000 + "}\n", 2, "nested"),
    "50,000 digits (JSON Lines)": ("big.jsonl", '{"text": "' + flat("ports") + '"}\n{"text": "x", "n": '
                                   + "9" * 50_000 + "}\n", 2, "number too long"),
    "50,000 digits (JSON)": ("big.json", '[{"text": "x", "n": ' + "9" * 50_000 + "}]", None, "number too long"),
    "epoch 9999999999999 (JSON)": ("t.json", json.dumps([{"title": "a", "text": flat("ports"),
                                                          "timestamp": 9999999999999}]), None,
                                   "outside the range pandas can hold"),
    "epoch -9999999999 (JSON)": ("t2.json", json.dumps([{"title": "a", "text": flat("ports"),
                                                         "timestamp": -9999999999}]), None,
                                  "outside the range pandas can hold"),
    "epoch 9999999999999 (CSV)": ("t.csv", f'title,text,timestamp\na,"{flat("ports")}",9999999999999\n', None,
                                  "outside the range pandas can hold"),
    "text Infinity": ("inf.jsonl", '{"title": "t", "text": Infinity}\n', 1, "number inf"),
    "text NaN": ("nan.jsonl", '{"title": "t", "text": NaN}\n', 1, "number nan"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_one_bad_value_is_contained(tmp_path, case):
    name, content, line, words = CASES[case]
    good = story(tmp_path)
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    df = read(tmp_path)
    assert str(good) in set(df["source_path"])  # the rest loads
    row = one_row(df, bad, line)
    assert words in row["reason"], row["reason"]
    with pytest.raises(CorpusLoadError) as info:
        read_articles(tmp_path, errors="raise", cache=False)
    assert name in str(info.value) and (line is None or f"line {line}" in str(info.value))


def test_surrogate_is_replaced_and_the_row_kept(tmp_path):
    path = _jsonl(tmp_path / "feed.jsonl", json.dumps({"title": "ok \ud800 title", "text": "bad \udfff. " + body("x"),
                                                       "\ud801key": "v"}, ensure_ascii=True))
    df = read(path)
    assert df.loc[0, "title"] == "ok \ufffd title" and df.loc[0, "text"].startswith("bad \ufffd.")
    assert "\ufffdkey" in df.columns
    df.to_parquet(tmp_path / "out.parquet")  # the table can be written: no lone surrogate is left


def test_out_of_range_date_leaves_the_article_undated(tmp_path):
    path = tmp_path / "t.json"
    path.write_text(json.dumps([{"title": "a", "text": body("ports"), "timestamp": 9999999999999},
                                {"title": "b", "text": body("docks"), "timestamp": 1700000000}]))
    df = read(path).set_index("title")
    assert pd.isna(df.loc["a", "date"]) and "undated" in df.loc["a", "flags"]
    assert "outside the range pandas can hold" in df.loc["a", "date_evidence"]
    assert str(df.loc["b", "date"].date()) == "2023-11-14"


@posix_only
def test_file_name_with_a_byte_that_is_not_utf8(tmp_path):
    story(tmp_path)
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    try:
        with open(raw, "w", encoding="utf-8") as f:
            f.write("Cafe story\n\n" + body("cafes"))
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    df = read(tmp_path)
    shown = str(tmp_path / "caf\\xe9.txt")
    assert shown in set(df["source_path"]) and "caf\\xe9" in set(df["doc_id"])
    assert one_row(df, shown)["status"] == "loaded"
    df.to_parquet(tmp_path / "out.parquet")
    write_articles(df, tmp_path / "saved.parquet")


def test_an_article_that_fails_to_process_is_left_out_and_reported(tmp_path, monkeypatch):
    import corpus_tools.io.rows as rows

    real = rows.parse_article

    def fragile(raw, **kw):
        if "poison" in raw:
            raise RuntimeError("boom")
        return real(raw, **kw)

    monkeypatch.setattr(rows, "parse_article", fragile)
    good = story(tmp_path)
    bad = story(tmp_path, "bad.txt", "poison")
    df = read(tmp_path)
    assert df["source_path"].tolist() == [str(good)]
    row = one_row(df, bad)
    assert row["status"] == "skipped" and "RuntimeError: boom" in row["reason"] and row["n_articles"] == 0


def test_a_reader_that_fails_loses_only_its_file(tmp_path, monkeypatch):
    import corpus_tools.io.rows as rows

    def broken(*a, **kw):
        raise RecursionError("deep")

    monkeypatch.setattr(rows, "read_table_text", broken)
    story(tmp_path)
    (tmp_path / "t.csv").write_text("title,text\na,b\n")
    df = read(tmp_path)
    assert len(df) == 1 and "RecursionError" in one_row(df, tmp_path / "t.csv")["reason"]


# --- 2. confinement -----------------------------------------------------------------------------------
def _outside(tmp_path: Path) -> Path:
    out = tmp_path / "outside"
    (out / "deep").mkdir(parents=True)
    (out / "secret.txt").write_text("Secret\n\nSECRET-OUTSIDE-TEXT " + body("secrets"))
    (out / "deep" / "more.txt").write_text("More\n\nSECRET-OUTSIDE-TEXT " + body("more secrets"))
    return out


def _nothing_outside(df, root: Path, out: Path):
    rep = report_of(df)
    assert all(p.startswith(str(root)) for p in rep["path"]), rep.to_string()
    assert not rep["reason"].str.contains(str(out), regex=False).any()
    assert "SECRET-OUTSIDE-TEXT" not in "\n".join(map(str, df.to_numpy(dtype=object).ravel()))


@posix_only
def test_recursive_glob_does_not_follow_links(tmp_path):
    out = _outside(tmp_path)
    root = tmp_path / "corpus"
    story(root, "a/s.txt")
    os.symlink(".", root / "x")  # two loops: glob's '**' used to walk 2**40 paths
    os.symlink("..", root / "a" / "y")
    os.symlink(out, root / "out")
    os.symlink(out / "secret.txt", root / "a" / "secret.txt")
    for pattern in ("**/*.txt", "**/*", "**", "*/*.txt"):
        df = with_deadline(lambda pattern=pattern: read(str(root / pattern)))
        assert df["source_path"].tolist() == [str(root / "a" / "s.txt")], pattern
        _nothing_outside(df, root, out)
    df = read(str(root / "**" / "*.txt"))
    assert "loop" in one_row(df, root / "x")["reason"]
    assert "outside the folder" in one_row(df, root / "out")["reason"]
    assert "outside the folder" in one_row(df, root / "a" / "secret.txt")["reason"]


@posix_only
def test_folder_reached_through_a_link_inside_is_read_once_and_the_link_reported(tmp_path):
    story(tmp_path, "real/s.txt")
    os.symlink("real", tmp_path / "a_link")  # listed before the folder it points to
    for source in (tmp_path, str(tmp_path / "**" / "*.txt")):
        df = read(source)
        assert df["source_path"].tolist() == [str(tmp_path / "real" / "s.txt")]
        row = one_row(df, tmp_path / "a_link")
        assert row["status"] == "skipped" and "read once, under its own name" in row["reason"]


def _saved_corpus_with_parts(tmp_path: Path, parts: list):
    other = tmp_path / "private"
    other.mkdir()
    secret = pd.DataFrame({"doc_id": ["s"], "title": ["SECRET-OUTSIDE-TEXT"], "text": ["x"]})
    write_articles(secret, other / "other.parquet")
    corpus = tmp_path / "corpus"
    write_articles(pd.DataFrame({"doc_id": ["a", "b"], "title": ["A", "B"], "text": ["x", "y"]}), corpus,
                   partitioned=True, rows_per_file=1)
    manifest = corpus / "_corpus_tools.json"
    info = json.loads(manifest.read_text())
    info["parts"] += [{"file": f, "n_articles": 1} for f in parts]
    manifest.write_text(json.dumps(info))
    return corpus, other


@posix_only
def test_manifest_parts_outside_the_folder_are_refused(tmp_path):
    corpus, other = _saved_corpus_with_parts(tmp_path, ["../private/other.parquet", str(tmp_path / "private"
                                                        / "other.parquet"), "link.parquet", "missing.parquet"])
    os.symlink(other / "other.parquet", corpus / "link.parquet")
    df = read(corpus)
    assert df["title"].tolist() == ["A", "B"]
    _nothing_outside(df, corpus, other)
    reasons = rows_of(df, corpus / "_corpus_tools.json")["reason"].tolist()
    assert len(reasons) == 3 and all("not read" in r for r in reasons)
    assert "cannot be read" in one_row(df, corpus / "missing.parquet")["reason"]
    with pytest.raises(CorpusLoadError, match="part 3"):
        read_articles(corpus, errors="raise")
    import corpus_tools.dask as cd

    with pytest.raises(ValueError, match="part 3"):
        cd.read_articles(corpus)


def test_broken_manifest_is_reported_and_the_parts_read(tmp_path):
    corpus, _ = _saved_corpus_with_parts(tmp_path, [])
    (corpus / "_corpus_tools.json").write_text("{not json")
    df = read(corpus)
    assert sorted(df["title"]) == ["A", "B"]
    assert "cannot be read" in rows_of(df, corpus / "_corpus_tools.json")["reason"].iloc[0]


# --- 3. limits --------------------------------------------------------------------------------------------
def test_gzip_bomb_is_reported_with_bounded_memory(tmp_path):
    story(tmp_path)
    bomb = tmp_path / "bomb.txt.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as f:
        f.write(b"Title\n\n")
        chunk = b"all work and no play makes jack a dull boy. " * 24_000
        for _ in range(64):  # 64 MB of text in about 200 KB
            f.write(chunk)
    tracemalloc.start()
    try:
        df = read(tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    row = one_row(df, bomb)
    assert row["status"] == "skipped" and "max_gz_ratio" in row["reason"] and "expands more than 50" in row["reason"]
    assert len(df) == 1
    assert peak < 40e6, peak  # stopped at 8 MB of output, not after 64 MB


def test_gunzip_limits():
    from corpus_tools.io.limits import TooLarge, check_limits, gunzip

    data = gzip.compress(b"x" * 9_000_000) + gzip.compress(b"y" * 10)  # two members, as `cat a.gz b.gz`
    with pytest.raises(TooLarge, match="max_gz_ratio"):
        gunzip(data, check_limits())
    assert len(gunzip(data, check_limits({"max_gz_ratio": None}))) == 9_000_010
    with pytest.raises(TooLarge, match="max_file_mb"):
        gunzip(data, check_limits({"max_gz_ratio": None, "max_file_mb": 5}))
    with pytest.raises(OSError, match="ends before its end"):
        gunzip(data[:100], check_limits())


def test_single_line_file_over_the_line_limit_is_reported_with_bounded_memory(tmp_path):
    path = tmp_path / "one_line.txt"
    path.write_bytes(b"Title\n\n" + b"word " * 2_200_000)  # 11 MB on one line
    tracemalloc.start()
    try:
        df = read(tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    row = one_row(df, path)
    assert row["status"] == "skipped" and "line 3 is 10.5 MB long" in row["reason"] and "max_line_mb" in row["reason"]
    assert peak < 2.5 * path.stat().st_size, peak


@pytest.mark.parametrize("limits, env, words", [
    ({"max_file_mb": 0.0001}, {}, "max_file_mb"),
    ({}, {"CORPUS_TOOLS_MAX_FILE_MB": "0.0001"}, "max_file_mb"),
    ({"max_line_mb": 0.00005}, {}, "line 3 is"),
    ({}, {"CORPUS_TOOLS_MAX_LINE_MB": "0.00005"}, "line 3 is"),
])
def test_limits_can_be_set_per_call_and_per_session(tmp_path, monkeypatch, limits, env, words):
    path = story(tmp_path)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    df = read(tmp_path, limits=limits)
    row = one_row(df, path)
    assert row["status"] == "skipped" and words in row["reason"]
    monkeypatch.delenv(next(iter(env), "UNSET_VARIABLE"), raising=False)
    assert len(read(tmp_path)) == 1


def test_json_depth_limit(tmp_path):
    path = tmp_path / "deep.jsonl"
    nested = {"x": 1}
    for _ in range(150):
        nested = {"x": nested}
    path.write_text(json.dumps({"text": body("nests"), "meta": nested}) + "\n")
    assert "max_json_depth" in one_row(read(path), path, 1)["reason"]
    assert len(read(path, limits={"max_json_depth": 200})) == 1


def test_limits_are_checked():
    with pytest.raises(ValueError, match="max_file_mb"):
        read_articles(".", limits={"max_size": 1})
    with pytest.raises(ValueError, match="above 0"):
        read_articles(".", limits={"max_line_mb": -1})
    with pytest.raises(TypeError):
        read_articles(".", limits=5)


# --- 4. metadata keys match exactly ------------------------------------------------------------------------
def _years(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    story(root, "2023/01.txt", "tides")
    story(root, "2024/01.txt", "ferries")
    story(root, "sub/solo.txt", "lighthouses")
    return root


def test_metadata_key_matching_no_file_is_not_applied_by_base_name(tmp_path):
    root = _years(tmp_path)
    meta = tmp_path / "meta.csv"
    meta.write_text("file,outlet\n2025/01.txt,WRONG\n01.txt,AMBIGUOUS\nsolo.txt,Solo News\n2024/01.txt,Ferry Post\n")
    df = read(root, metadata=meta).set_index("doc_id")
    assert df["outlet"].to_dict() == {"2023/01": "unknown", "2024/01": "Ferry Post", "sub/solo": "Solo News"}
    assert "matches no article" in one_row(df, meta, 2)["reason"]
    assert "shared by 2 files" in one_row(df, meta, 3)["reason"]
    notes = rows_of(df, meta).query("status == 'note'")["reason"].tolist()
    assert notes == ["1 metadata row matched by file name alone (no other file of the corpus has that name; "
                     "lines 4); the others by id or by path"]
    assert "metadata for 2 of 4 rows applied" in rows_of(df, meta).query("status == 'loaded'")["reason"].iloc[0]


def test_duplicate_metadata_keys_first_row_wins_and_the_other_is_reported(tmp_path):
    root = _years(tmp_path)
    meta = tmp_path / "meta.jsonl"
    meta.write_text("\n".join(json.dumps(r) for r in [{"file": "2023/01.txt", "outlet": "First"},
                                                       {"doc_id": "2023/01", "outlet": "Second"},
                                                       {"path": "2023/01.txt", "outlet": "Third"}]) + "\n")
    df = read(root, metadata=meta).set_index("doc_id")
    assert df.loc["2023/01", "outlet"] == "First"
    for line in (2, 3):
        row = one_row(df, meta, line)
        assert row["status"] == "skipped" and "same article as line 1" in row["reason"]


# --- 8. the other cases -------------------------------------------------------------------------------------
def test_articles_named_like_readme_files_are_read(tmp_path):
    articles = ["authors-interview.txt", "license-plates.txt", "readme-first.txt", "changelog-of-war.txt",
                "copying-machines.txt"]
    for k, name in enumerate(articles):
        story(tmp_path, name, f"topic {k}")
    skipped = ["README", "README.md", "LICENSE", "LICENSE.txt", "COPYING", "CHANGELOG.md", "AUTHORS", ".DS_Store",
               "Thumbs.db", "desktop.ini"]
    for name in skipped:
        (tmp_path / name).write_text("About this corpus\n\nCollected by us.")
    (tmp_path / "LICENSE-MIT.txt").write_text("MIT License\n\nPermission is hereby granted, free of charge, to any "
                                              "person obtaining a copy of this software.")
    df = read(tmp_path)
    assert sorted(Path(p).name for p in df["source_path"]) == sorted(articles)
    for name in skipped + ["LICENSE-MIT.txt"]:
        assert one_row(df, tmp_path / name)["status"] == "skipped", name


def test_excel_sep_line_is_honoured(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_text(f"sep=;\ntitle;text;outlet\nFirst;{flat('a')};X\nSecond;{flat('b')};Y\n")
    df = read(path)
    assert df[["title", "outlet", "source_line"]].values.tolist() == [["First", "X", 3], ["Second", "Y", 4]]
    assert one_row(df, path)["status"] == "loaded"


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_cr_only_line_ends(tmp_path, suffix):
    path = tmp_path / f"old_mac{suffix}"
    texts = [flat(t) for t in ("a", "b", "c")]
    if suffix == ".jsonl":
        content = "\r".join(json.dumps({"title": f"T{k}", "text": t}) for k, t in enumerate(texts)) + "\r"
    else:
        content = "title,text\r" + "\r".join(f"T{k},{t}" for k, t in enumerate(texts)) + "\r"
    path.write_bytes(content.encode())
    df = read(path)
    assert df["title"].tolist() == ["T0", "T1", "T2"]
    assert df["source_line"].tolist() == ([1, 2, 3] if suffix == ".jsonl" else [2, 3, 4])


def test_nul_byte_near_the_start_of_a_csv_does_not_lose_it(tmp_path):
    path = tmp_path / "export.csv"
    rows = "".join(f"Title {i},{flat(str(i))}\n" for i in range(1000))
    path.write_text("title,text\nT,one\x00two\n" + rows)
    df = read(path)
    assert len(df) == 1001
    row = one_row(df, path)
    assert row["status"] == "loaded_with_warnings" and "NUL byte (\\x00) at line 2" in row["reason"]


def test_duplicate_ids_are_renamed_flagged_and_reported(tmp_path):
    path = _jsonl(tmp_path / "f.jsonl", *(json.dumps({"id": "1", "text": body(t)}) for t in ("a", "b", "c")))
    df = read(path)
    assert df["doc_id"].tolist() == ["1", "1~2", "1~3"]
    assert ["duplicate_id" in f for f in df["flags"]] == [False, True, True]
    note = rows_of(df, path).query("status == 'note'")["reason"].tolist()
    assert note == ["2 articles have the id of an earlier article, renamed with ~2, ~3, ... (flagged 'duplicate_id'); "
                    "first here: line 2, '1' became '1~2'"]
