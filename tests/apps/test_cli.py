import json
import subprocess
import sys

from corpus_tools import load_report, read_articles
from corpus_tools.apps.cli import main
from corpus_tools.io.read import SAMPLE_DIR


def test_load_prints_the_report_summary_and_saves(tmp_path, capsys):
    out = tmp_path / "corpus.parquet"
    assert main(["load", str(SAMPLE_DIR), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "5 articles from 5 files" in printed
    assert "files loaded: 5" in printed
    assert "TASS: 1" in printed and "unknown: 2" in printed
    assert "Dates: 2023-11-27 to 2024-06-27; 1 undated" in printed
    back = read_articles(out)
    assert len(back) == 5 and load_report(back)["n_articles"].sum() == 5


def test_load_partitioned_writes_parts_that_read_back_whole(tmp_path, capsys):
    import pandas as pd

    out = tmp_path / "corpus"
    assert main(["load", str(SAMPLE_DIR), "-o", str(out), "--partitioned", "--cores", "1"]) == 0
    assert out.is_dir() and list(out.glob("part-*.parquet"))
    back = read_articles(out)
    pd.testing.assert_frame_equal(back, read_articles(SAMPLE_DIR))


def test_load_names_problem_files(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Title\n\nSome text of the article.\n")
    (tmp_path / "b.txt").write_bytes(b"")
    assert main(["load", str(tmp_path), "-o", str(tmp_path / "c.parquet")]) == 0
    printed = capsys.readouterr().out
    assert "files skipped: 1" in printed and "b.txt: empty file" in printed


def test_strict_mode_fails_with_the_file_name(tmp_path, capsys):
    (tmp_path / "b.txt").write_bytes(b"")
    assert main(["load", str(tmp_path), "-o", str(tmp_path / "c.parquet"), "--strict"]) == 2
    assert "b.txt" in capsys.readouterr().err


def test_missing_source_is_a_clear_error(tmp_path, capsys):
    assert main(["load", str(tmp_path / "nope"), "-o", str(tmp_path / "c.parquet")]) == 2
    assert "No such file or folder" in capsys.readouterr().err


def test_console_script_is_installed():
    exe = sys.executable.rsplit("/", 1)[0] + "/corpus-tools"
    out = subprocess.run([exe, "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "load" in out.stdout


def test_load_exits_non_zero_with_a_reason_when_nothing_was_loaded(tmp_path, capsys):
    (tmp_path / "scores.csv").write_text("name,value\nx,1\n", encoding="utf-8")
    out = tmp_path / "c.parquet"
    assert main(["load", str(tmp_path), "-o", str(out)]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("corpus-tools:")]  # not the bars
    assert len(err) == 1 and err[0].startswith("corpus-tools: nothing loaded, nothing saved")
    assert "scores.csv: no article text column" in err[0] and "--text-column" in err[0]
    assert not out.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["load", str(empty), "-o", str(out)]) == 1
    assert "no files found" in capsys.readouterr().err


def test_load_flags_name_columns_dates_and_outlets(tmp_path, capsys):
    src = tmp_path / "headlines.csv"
    src.write_text(",hed,summary,site,day\n"
                   "0,Talks begin,Delegations meet at the border.,www.msnbc.com,03/04/2022\n"
                   "1,Talks end,No agreement.,MSNBC.com,03/05/2022\n", encoding="utf-8")
    out = tmp_path / "c.parquet"
    assert main(["load", str(src), "-o", str(out), "--text-column", "hed", "--text-column", "summary",
                 "--title-column", "hed", "--outlet-column", "site", "--date-column", "day", "--dayfirst",
                 "--tidy-domains", "--outlet-alias", "msnbc.com=MSNBC"]) == 0
    printed = capsys.readouterr().out
    assert "read as DD/MM/YYYY: dayfirst=True given" in printed and "MSNBC: 2" in printed
    back = read_articles(out)
    assert back["text"].tolist()[0] == "Talks begin\n\nDelegations meet at the border."
    assert back["date"].dt.strftime("%Y-%m-%d").tolist() == ["2022-04-03", "2022-05-03"]
    assert main(["load", str(src), "-o", str(out), "--outlet-alias", "msnbc"]) == 2
    assert "--outlet-alias takes NAME=OUTLET" in capsys.readouterr().err


def test_an_escape_sequence_in_a_date_field_is_printed_escaped(tmp_path, capsys):
    """Issue 14: an ESC sequence in the data must not clear the terminal and print a fake all-clear."""
    fake = "\x1b[2J\x1b[HALL FILES LOADED OK"
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"title": "t", "text": "Some words here.", "date": fake, "outlet": "AP\x1b[31m"}) + "\n")
    assert main(["load", str(src), "-o", str(tmp_path / "c.parquet")]) == 0
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out and "\x1b" not in captured.err
    assert "\\x1b[2J\\x1b[HALL FILES LOADED OK" in captured.out


def test_a_newline_in_a_file_name_stays_on_one_line(tmp_path, capsys):
    (tmp_path / "ok.txt").write_text("Title\n\nSome words here.")
    (tmp_path / "x\nskipped: fake.txt").write_text("")
    (tmp_path / "y\x1b[2J.txt").write_text("")
    assert main(["load", str(tmp_path), "-o", str(tmp_path / "c.parquet")]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert not any(line.startswith("skipped: fake") for line in out.splitlines())
    assert "x\\nskipped: fake.txt: empty file" in out and "y\\x1b[2J.txt" in out


def test_strict_mode_error_with_a_control_character_in_the_file_name_is_one_line(tmp_path, capsys):
    (tmp_path / "b\n\x1b[2Jc.txt").write_text("")
    assert main(["load", str(tmp_path), "-o", str(tmp_path / "c.parquet"), "--strict"]) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("corpus-tools:")]
    assert len(err) == 1 and "b\\n\\x1b[2Jc.txt" in err[0] and "\x1b" not in err[0]
