"""Article bodies: what is removed as page furniture and what is kept as the article (issue: a recipe lost 91
lines to the repeated-line rule, tables that are the article were dropped, embedded posts went with the share
buttons). Measured on human gold by benchmarks/eval_bodies.py; these tests hold the behaviour."""

import html as htmllib

import pytest

from corpus_tools import read_articles
from corpus_tools.io.cleaning import remove_boilerplate

PROSE = [
    "The city council voted on Tuesday to expand the bus network into the northern districts next spring.",
    "Officials said the plan would add twelve routes and cost about four million euros over three years.",
    "Residents of the outlying estates have asked for better connections to the centre for more than a decade.",
    "The opposition said the money would be better spent on repairing roads that were damaged last winter.",
]


def _reasons(article) -> dict:
    return {r["text"]: r["reason"] for r in article["removed_lines"]}


def test_repeated_lines_of_a_recipe_or_an_interview_are_kept(tmp_path):
    text = "\n".join([
        "Meal prep for the week", "",
        PROSE[0], "",
        "Meal 1", "Eat every 2-3 hours", "1 cup strawberries, 8 oz. almond milk", "",
        "Meal 2", "Eat every 2-3 hours", "1 cup strawberries, 8 oz. almond milk", "",
        "Q: Why did you run again?", "A: Because the job is not finished.", "",
        "Q: Why did you run again?", "A: I was asked the same by my mother.", "",
        PROSE[1],
    ])
    (tmp_path / "recipe.txt").write_text(text, encoding="utf-8")
    a = read_articles(tmp_path).iloc[0]
    assert a["text"].count("Eat every 2-3 hours") == 2
    assert a["text"].count("1 cup strawberries, 8 oz. almond milk") == 2
    assert a["text"].count("Q: Why did you run again?") == 2
    assert not [r for r in a["removed_lines"] if "repeat" in r["reason"]]


def _page_twice() -> list[str]:
    return ["Council expands bus network", "", *PROSE, "", "Share this article", "", *PROSE]


def test_a_page_showing_the_article_twice_keeps_one_copy_and_lists_the_other():
    kept, removed = remove_boilerplate(_page_twice())
    kept_text = [t for _, t in kept]
    for sentence in PROSE:
        assert kept_text.count(sentence) == 1
    passage = [r for r in removed if r["reason"].startswith("repeated passage")]
    assert [r["text"] for r in passage] == PROSE
    assert passage[0]["line"] == 10 and "first at line 3" in passage[0]["reason"]


def test_remove_repeated_lines_false_keeps_every_repeat(tmp_path):
    for i in range(4):
        body = _page_twice() if i == 0 else [f"Story {i}", "", PROSE[i], ""]
        body += ["", "Home | World | Politics", "", '"We will not stop," the mayor said.', PROSE[0],
                 '"We will not stop," the mayor said.']
        (tmp_path / f"{i}.txt").write_text("\n".join(body), encoding="utf-8")
    on = read_articles(tmp_path, cache=False).set_index("source_path")
    off = read_articles(tmp_path, remove_repeated_lines=False, cache=False).set_index("source_path")
    first_on, first_off = on.iloc[0], off.iloc[0]
    reasons = " ".join(r["reason"] for r in first_on["removed_lines"])
    assert "repeated passage" in reasons and "pull quote" in reasons and "many articles" in reasons
    assert first_off["text"].count(PROSE[1]) == 2
    assert first_off["text"].count('"We will not stop," the mayor said.') == 2
    assert "Home | World | Politics" in first_off["text"]
    assert not [r for r in first_off["removed_lines"] if "repeat" in r["reason"] or "many articles" in r["reason"]]


@pytest.mark.parametrize("line, kind", [
    ("Comments are moderated. Read our community guidelines before posting.", "comment policy"),
    ("Join the conversation", "comment policy"),
    ("Disclaimer: this post is not financial advice.", "disclaimer"),
    ("The views expressed in this article are those of the author alone.", "disclaimer"),
    ("We may earn a commission when you buy through links on our site.", "disclaimer"),
    ("Subscribe to continue reading.", "paywall notice"),
    ("You have reached your limit of free articles this month.", "paywall notice"),
    ("Already a subscriber? Log in", "paywall notice"),
    ("Spotted an error? Suggest a correction to our editors.", "correction notice"),
    ("Tags: transport, city council, buses, budget", "tags"),
    ("Write to Jane Roe at jane.roe@example.com", "author contact"),
    ("Updated at 1:23 p.m.", "timestamp"),
    ("2019-11-19T08:57:40+01:00", "image address or timestamp alone on a line"),
    ("SEAN SPICER ELIMINATED FROM THE DANCE SHOW AFTER EIGHT WEEKS", "related-article teaser"),
    ("Thanks for signing up!", "reader prompt"),
])
def test_more_kinds_of_furniture_are_removed_and_named(line, kind):
    kept, removed = remove_boilerplate(["Council expands bus network", PROSE[0], line, PROSE[1]])
    assert [r["reason"] for r in removed] == [kind]
    assert [t for _, t in kept] == ["Council expands bus network", PROSE[0], PROSE[1]]


@pytest.mark.parametrize("line", [
    "WHAT YOU NEED TO MAKE JAM",  # a subhead in capitals, short
    '"Comments are welcome," the minister said of the consultation, which closes on Friday.',
    "The report does not necessarily mean the plan will fail, analysts said on Monday evening.",
    "| LOW | LOWE'S COMPANIES INC. | 113.40 | -1.62 |",
])
def test_article_lines_that_look_a_little_like_furniture_stay(line):
    kept, removed = remove_boilerplate(["Council expands bus network", PROSE[0], line, PROSE[1]])
    assert line in [t for _, t in kept], removed


def test_headlines_after_a_teaser_marker_do_not_take_the_next_paragraph():
    lines = ["Council expands bus network", PROSE[0], "DON'T MISS", "China furious at Macron [INSIGHT]",
             "Lakers vs Nets: NBA decision [VIDEO]", "Hong Kong threatened with intervention [REACTION]",
             PROSE[1], PROSE[2]]
    kept, removed = remove_boilerplate(lines)
    assert [t for _, t in kept] == ["Council expands bus network", PROSE[0], PROSE[1], PROSE[2]]
    assert {r["reason"] for r in removed} == {"related-article teaser"}


def _html_page(body: str, title: str = "Council expands bus network") -> str:
    t = htmllib.escape(title)
    return (f"<html><head><title>{t} | City News</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{t}</h1>{body}</article><footer>© City News</footer></body></html>")


def test_a_table_that_is_the_article_is_kept(tmp_path):
    rows = "".join(f"<tr><td>{i}</td><td>Team {name}</td><td>{30 - 3 * i}</td></tr>"
                   for i, name in enumerate(["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"], 1))
    body = (f"<p>{PROSE[0]}</p><table><tr><th>Pos</th><th>Team</th><th>Points</th></tr>{rows}</table>"
            f"<p>{PROSE[1]}</p><p>{PROSE[2]}</p>")
    (tmp_path / "standings.html").write_text(_html_page(body), encoding="utf-8")
    a = read_articles(tmp_path).iloc[0]
    for name in ("Team Alpha", "Team Delta", "Team Foxtrot"):
        assert name in a["text"]


def test_a_post_embedded_in_the_article_is_kept(tmp_path):
    tweet = ('<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">Yes this is real '
             'and yes the state spent half a million dollars on it</p>— Dianna Anderson (@dianna) '
             '<a href="https://twitter.com/x/status/1">November 18, 2019</a></blockquote></div>')
    body = f"<p>{PROSE[0]}</p><p>{PROSE[1]}</p>{tweet}<p>{PROSE[2]}</p><p>{PROSE[3]}</p>"
    (tmp_path / "tweet.html").write_text(_html_page(body), encoding="utf-8")
    a = read_articles(tmp_path).iloc[0]
    assert "the state spent half a million dollars" in a["text"]


def test_the_headline_set_out_again_in_the_body_is_removed(tmp_path):
    text = "\n".join(["Council expands bus network", "", PROSE[0], "", "Council expands bus network", "", PROSE[1]])
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    a = read_articles(tmp_path).iloc[0]
    assert a["title"] == "Council expands bus network"
    assert "Council expands bus network" not in a["text"]
    assert _reasons(a)["Council expands bus network"] == "title repeated"


def test_an_article_split_by_advertisements_is_read_whole(tmp_path):
    first = "".join(f"<p>{p} {q}</p>" for p in PROSE for q in PROSE[:2])
    second = ("<p>After the vote the mayor walked to the depot and thanked the drivers who had kept the old routes "
              "running through the winter strikes.</p><p>Construction of the first new stops is due to start in "
              "March, once the tender for the shelters has been awarded to a local firm.</p>")
    page = ("<html><head><title>Council expands bus network</title></head><body><main>"
            "<div class='grid'><div class='body body__container article__body'>" + first + "</div>"
            "<aside class='rail'><div class='ad'>Advertisement</div></aside></div>"
            "<div class='ad ad--mid'><span>Advertisement</span></div>"
            "<div class='grid'><div class='body body__container article__body'>" + second + "</div></div>"
            "</main><footer>© City News</footer></body></html>")
    (tmp_path / "split.html").write_text(page, encoding="utf-8")
    a = read_articles(tmp_path).iloc[0]
    assert PROSE[3] in a["text"]
    assert "Construction of the first new stops is due to start in March" in a["text"]
    assert a["text"].index(PROSE[3]) < a["text"].index("Construction of the first new stops")
