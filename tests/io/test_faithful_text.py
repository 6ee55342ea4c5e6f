"""Issue 14, part 5: text kept faithfully, and what is odd in it flagged (never silently fixed or kept)."""

import json
import warnings

import pytest

from corpus_tools import load_report, read_articles
from corpus_tools.io.load_report import CorpusLoadError
from corpus_tools.text.characters import find_mojibake, remove_zero_width, strip_controls, visible

BODY = " ".join(["The council met on the budget and the roads again."] * 8)
FAMILY = "👨\u200d👩\u200d👧"


def read(path, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_articles(path, **kw)


def jsonl(path, *records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def file_reason(df, path):
    rep = load_report(df)
    return " ".join(rep.loc[(rep["path"] == str(path)) & rep["line"].isna(), "reason"])


def test_nul_and_ansi_codes_in_text_are_removed_flagged_and_kept_in_raw_text(tmp_path):
    text = f"Lead \x00sentence with a NUL. \x1b[31mRed\x1b[0m words and a bell\x07. {BODY}"
    path = jsonl(tmp_path / "a.jsonl", {"title": "Title", "text": text, "outlet": "AP"})
    a = read(path).iloc[0]
    assert "\x00" not in a["text"] and "\x1b" not in a["text"] and "[31m" not in a["text"] and "\x07" not in a["text"]
    assert "Lead sentence with a NUL. Red words and a bell." in a["text"]
    assert a["raw_text"] == text  # the text as read, control characters and all
    assert "control_characters" in a["flags"]
    reason = file_reason(read(path), path)
    assert "control characters removed from the text" in reason and "NUL" in reason and "ANSI" in reason
    assert "raw_text" in reason


def test_a_nul_byte_late_in_a_text_file_is_removed_and_flagged(tmp_path):
    path = tmp_path / "late.txt"
    path.write_bytes(("Title\n\n" + "Padding sentence here. " * 400 + "\n\nThe end\x00 of it. " + BODY).encode())
    a = read(path).iloc[0]
    assert "\x00" not in a["text"] and "The end of it." in a["text"] and "\x00" in a["raw_text"]
    assert "control_characters" in a["flags"]


def test_control_characters_in_title_outlet_and_byline_are_removed_and_flagged(tmp_path):
    path = jsonl(tmp_path / "a.jsonl", {"title": "Ti\x1b[2Jtle", "text": BODY, "outlet": "A\x00P", "author": "Jo\x08e"})
    a = read(path).iloc[0]
    assert (a["title"], a["outlet"], a["byline"]) == ("Title", "AP", "Joe")
    assert "control_characters" in a["flags"]
    assert "title, outlet, byline" in file_reason(read(path), path)


def test_clean_text_gets_no_new_flag(tmp_path):
    record = {"title": "Київ і Zürich", "text": "Naïve café in Київ. " + BODY, "outlet": "AP"}
    path = jsonl(tmp_path / "a.jsonl", record)
    a = read(path).iloc[0]
    assert not {"control_characters", "bidi_controls", "mojibake", "replacement_characters"} & set(a["flags"])


def test_a_right_to_left_override_in_the_outlet_is_flagged(tmp_path):
    path = jsonl(tmp_path / "a.jsonl", {"title": "t", "text": BODY, "outlet": "\u202eSSAT"})
    df = read(path)
    assert "bidi_controls" in df.loc[0, "flags"]
    reason = file_reason(df, path)
    assert "U+202E" in reason and "outlet" in reason


def test_bidi_controls_in_text_and_title_are_flagged_and_kept(tmp_path):
    path = jsonl(tmp_path / "a.jsonl", {"title": "A \u2067isolate\u2069", "text": "x \u202bembedded\u202c. " + BODY})
    a = read(path).iloc[0]
    assert "bidi_controls" in a["flags"] and "\u202b" in a["text"] and "\u2067" in a["title"]


def test_joined_emoji_stay_whole(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"Family day\n\nThe {FAMILY} emoji and a flag 🏳️\u200d🌈 in a post. Kyi\u200bv. {BODY}")
    a = read(path).iloc[0]
    assert FAMILY in a["text"] and "🏳️\u200d🌈" in a["text"]
    assert "Kyiv." in a["text"]  # a stray zero-width space still goes


def test_zero_width_joiners_inside_words_of_joining_scripts_stay():
    persian = "می\u200cخواهم"
    assert remove_zero_width(persian) == persian
    assert remove_zero_width("a\u200db \u200d") == "ab "


def test_mojibake_is_flagged_and_noted_with_the_file_but_not_repaired(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"Title\n\nThe cafÃ© said itâ€™s open. {BODY}", encoding="utf-8")
    df = read(path)
    assert "cafÃ©" in df.loc[0, "text"]  # kept as it is
    assert "mojibake" in df.loc[0, "flags"]
    assert "mojibake" in file_reason(df, path) and "Ã©" in file_reason(df, path)


def test_replacement_characters_in_the_file_are_flagged(tmp_path):
    path = jsonl(tmp_path / "a.jsonl", {"title": "t", "text": f"Lost \ufffd here. {BODY}"},
                 {"title": "u", "text": f"Fine. {BODY} Another one."})
    df = read(path)
    assert df["flags"].map(lambda f: "replacement_characters" in f).tolist() == [True, False]
    assert "U+FFFD" in file_reason(df, path) and "line 1" in file_reason(df, path)


def test_strict_mode_stops_at_control_characters(tmp_path):
    path = jsonl(tmp_path / "a.jsonl", {"title": "t", "text": "a\x00b " + BODY})
    with pytest.raises(CorpusLoadError, match="a.jsonl: control characters"):
        read_articles(path, errors="raise")


@pytest.mark.parametrize("text, removed", [
    ("a\x1b]0;title\x07b", ["ANSI escape sequence"]),
    ("a\x9b2Jb", ["ANSI escape sequence"]),
    ("a\x7fb\x85c", ["DEL", "U+0085"]),
])
def test_strip_controls(text, removed):
    clean, found = strip_controls(text)
    assert found == removed and not any(ord(c) < 32 or 0x7f <= ord(c) <= 0x9f for c in clean)


def test_visible_and_mojibake_helpers():
    assert visible("a\r\nb\u2066") == "a\\r\\nb\\u2066"
    assert find_mojibake("Ð\x9fÑ\x80Ð¸Ð²ÐµÑ\x82") is not None
    assert find_mojibake("مرحبا " + FAMILY) is None
