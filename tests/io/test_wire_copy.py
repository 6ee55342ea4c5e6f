"""Plain-text wire copy: datelines in their common forms, before lines repeated across the corpus are
removed and never as a title; word counts of scripts written without spaces."""

import json

import pandas as pd
import pytest

from corpus_tools import read_articles
from corpus_tools.io.parsing import parse_article
from corpus_tools.io.word_counts import is_short_text, n_words

from ..conftest import REPO

FORMS = [
    ("HAVANA (AP) -- Cuba freed prisoners on Tuesday.", "HAVANA", "AP"),
    ("HAVANA (AP) --\n\nCuba freed prisoners on Tuesday.", "HAVANA", "AP"),
    ("HAVANA (AP)--Cuba freed prisoners on Tuesday.", "HAVANA", "AP"),
    ("CANBERRA, Australia (AP)_ Turning away from coal, the government set targets.", "CANBERRA, Australia", "AP"),
    ("PORT-AU-PRINCE, Haiti (AP) _ Gangs blocked the road.", "PORT-AU-PRINCE, Haiti", "AP"),
    ("NAIROBI, Kenya (AP)—Heavy rains displaced families.", "NAIROBI, Kenya", "AP"),
    ("LOS ANGELES (AP) – A judge blocked the rule.", "LOS ANGELES", "AP"),
    ("WINSTON-SALEM, N.C. (AP) -- A fire forced people from their homes.", "WINSTON-SALEM, N.C.", "AP"),
    ("BEIJING, Dec. 7 (Xinhua) -- China's trade grew.", "BEIJING", "Xinhua"),
    ("PARIS, 12 mai (AFP) - Les syndicats ont appelé à la grève.", "PARIS", "AFP"),
    ("WASHINGTON (Reuters)-The Senate passed the bill.", "WASHINGTON", "Reuters"),
    ("MOSCOW (UPI) -- Russia raised rates.", "MOSCOW", "UPI"),
    ("ROME (ANSA) - Italy approved the budget.", "ROME", "ANSA"),
    ("NEW YORK (Bloomberg) -- Stocks rose.", "NEW YORK", "Bloomberg"),
    ("WASHINGTON-The Supreme Court agreed to hear the case.", "WASHINGTON", None),
    ("SACRAMENTO, Calif. (AP) -- The budget passed.", "SACRAMENTO, Calif.", "AP"),  # the state with its period
    ("ST. LOUIS, Mo. — The council met.", "ST. LOUIS, Mo.", None),
]


@pytest.mark.parametrize("text, place, agency", FORMS)
def test_each_dateline_form(text, place, agency):
    a = parse_article("A headline\n\n" + text)
    assert (a.title, a.dateline, a.agency) == ("A headline", place, agency)
    assert a.text.split()[0][0].isupper() and "(" not in a.text.split()[0]


@pytest.mark.parametrize("text", ["UTF-16 story", "WASHINGTON-based groups sued.", "NATO - the alliance met.",
                                  "U.S. officials said on Monday.", "OPEC-led producers agreed."])
def test_openings_that_are_no_dateline(text):
    assert parse_article("A headline\n\n" + text).dateline is None


@pytest.mark.parametrize("text", FORMS[:4])
def test_a_dateline_is_never_a_title(text):
    a = parse_article(text[0])
    assert a.title is None and "no_title" in a.flags and a.dateline == text[1]


def test_a_corpus_of_stories_opening_with_the_same_dateline_keeps_them(tmp_path):
    for i in range(20):
        (tmp_path / f"{i:02d}.txt").write_text(
            f"Cuban story {i}\n\nHAVANA (AP) --\n\nCuba's government said on day {i} that it would act.\n")
    (tmp_path / "notitle").mkdir()
    for i in range(5):
        (tmp_path / "notitle" / f"{i}.txt").write_text(f"HAVANA (AP) --\nCuba freed {i} prisoners on Tuesday.\n")
    pd.DataFrame({"title": [f"Table story {i}" for i in range(5)],
                  "text": [f"HAVANA (AP) --\nCuba said {i} things." for i in range(5)]}).to_csv(tmp_path / "t.csv")
    arts = read_articles(tmp_path, progress=False)
    assert len(arts) == 30
    assert (arts["dateline"] == "HAVANA").all() and (arts["agency"] == "AP").all()
    assert not any("many articles" in r["reason"] for rs in arts["removed_lines"] for r in rs)
    assert not arts["title"].str.contains("HAVANA").any()
    assert arts["text"].str.startswith("Cuba").all()


def test_written_wire_stories_recall_and_precision():
    stories = [json.loads(s) for s in (REPO / "tests" / "data" / "wire_datelines.jsonl").read_text().splitlines()]
    found = [parse_article("A headline\n\n" + s["text"]).dateline for s in stories]
    gold = [s["dateline"] for s in stories]
    right = sum(f == g and g is not None for f, g in zip(found, gold))
    assert right / sum(g is not None for g in gold) >= 0.9
    assert right == sum(f is not None for f in found)  # no false datelines


CHINESE = ("新华社北京12月7日电 国家统计局7日发布数据显示，今年前11个月，我国货物贸易进出口总值同比增长百分之五。"
           "其中，出口增长百分之六，进口增长百分之三。专家表示，外贸保持稳定增长，显示出中国经济的韧性和活力。") * 6


def test_a_chinese_article_is_not_short_and_has_a_sensible_word_count(tmp_path):
    text = CHINESE[:590]
    assert len(text) == 590
    assert 300 <= n_words(text) <= 420  # about 1.5 characters a word
    assert not is_short_text(text)
    assert is_short_text(text[:80])
    (tmp_path / "a.txt").write_text("中国外贸前11个月增长百分之五\n\n" + text, encoding="utf-8")
    row = read_articles(tmp_path, progress=False).iloc[0]
    assert "short_text" not in row["flags"] and row["n_words"] >= 300


def test_japanese_and_thai_are_counted_from_their_characters():
    assert n_words("東京で記者会見が行われました") == round(14 / 1.5)
    assert n_words("รัฐบาลไทยประกาศมาตรการใหม่") == round(26 / 4.5)
    assert n_words("Seoul 서울에서 회의가 열렸다") == 4  # Korean is written with spaces


def test_abbreviations_are_one_word():
    assert n_words("The U.S. and the U.K. met at 9 a.m.") == 9  # "U.S." was two words
    assert n_words("Kyiv's full-scale war") == 3


@pytest.mark.parametrize("byline, who", [("By JANE ROE", "JANE ROE"), ("BY MARÍA LÓPEZ", "MARÍA LÓPEZ"),
                                         ("By Anna Smith and Tom Jones", "Anna Smith and Tom Jones")])
def test_a_byline_opening_a_text_without_a_title_line_is_a_byline_not_a_title(byline, who):
    a = parse_article(f"{byline}\n\nWASHINGTON (AP) -- The Senate passed the bill on Tuesday after a long debate.\n")
    assert a.title is None and a.byline == who and a.dateline == "WASHINGTON"


def test_a_headline_starting_with_by_is_still_a_title():
    a = parse_article("By the numbers: how the Senate voted\n\nThe Senate passed the bill on Tuesday after a debate.\n")
    assert a.title == "By the numbers: how the Senate voted"
