"""Boilerplate rules generalise beyond the sample: other wordings of the same kinds of furniture."""

from corpus_tools import read_articles
from corpus_tools.io.cleaning import remove_boilerplate
from corpus_tools.text.detectors import find_mixed_script

ARTICLE = """Minister resigns after budget row

Share this story: Facebook Twitter Email

LONDON (Reuters) - The finance minister resigned on Monday after a row over the budget, officials said.

The minister at the G20 summit in Rome. (Photo: Jane Doe/Getty Images)

"I have done my duty," she told reporters outside parliament.

Related stories
Markets slide as minister quits
Investors sold shares after the surprise announcement. Analysts expect more turmoil.

The opposition called for an early election.

Sign up for our daily newsletter
Spotted a mistake? Report an error to the editors
Advertisement
"""


def test_other_wordings_of_the_same_furniture(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    a = read_articles(tmp_path).iloc[0]
    reasons = {r["text"]: r["reason"] for r in a["removed_lines"]}
    assert reasons["Share this story: Facebook Twitter Email"] == "share widget"
    assert reasons["The minister at the G20 summit in Rome. (Photo: Jane Doe/Getty Images)"] == "image caption"
    assert reasons["Related stories"] == "related-article teaser"
    assert reasons["Markets slide as minister quits"] == "related-article teaser"
    assert reasons["Sign up for our daily newsletter"] == "reader prompt"
    assert reasons["Spotted a mistake? Report an error to the editors"] == "correction notice"
    assert reasons["Advertisement"] == "reader prompt"
    assert a["title"] == "Minister resigns after budget row"
    assert a["outlet"] == "Reuters" and a["dateline"] == "LONDON"
    for kept in ("finance minister resigned", "I have done my duty", "early election"):
        assert kept in a["text"]
    assert "Analysts expect" not in a["text"]


def test_lines_repeated_across_many_articles_are_removed(tmp_path):
    for i in range(4):
        (tmp_path / f"{i}.txt").write_text(
            f"Story number {i}\n\nHome World Politics Business\n\nBody sentence number {i} about the news.\n"
        )
    arts = read_articles(tmp_path)
    for _, a in arts.iterrows():
        assert "Home World" not in a["text"]
        assert any("many articles" in r["reason"] for r in a["removed_lines"])
        assert a["title"].startswith("Story number")


def test_a_subhead_that_appears_once_is_kept():
    lines = ["Title", "", "First paragraph of text.", "", "Putin's strategic defeat", "", "More text."]
    kept, removed = remove_boilerplate(lines)
    assert "Putin's strategic defeat" in [t for _, t in kept]
    assert removed == []


def test_a_quote_repeated_as_pull_quote_is_kept_once():
    q = '"We see no alternative to support," he said'
    lines = ["Title", q, "KYIV -- Body.", q + "."]
    kept, removed = remove_boilerplate(lines)
    assert [t for _, t in kept].count(q + ".") == 1
    assert removed[0]["line"] == 2 and "repeated" in removed[0]["reason"]


def test_mixed_scripts():
    assert find_mixed_script("NATO accused of провоцируя conflict here in the region today") == [
        (16, "провоцируя", "Cyrillic word in Latin text")
    ]
    # A Latin 'c' hidden inside a Cyrillic word (homoglyph).
    assert find_mixed_script("Росcия")[0][1:] == ("Росcия", "c: Latin")
    assert find_mixed_script("Plain English text only.") == []
