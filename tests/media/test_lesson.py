"""Finding a story and what each classroom exercise needs, on a corpus built here (three outlets, four events)."""

import json
import re
import warnings

import pandas as pd
import pytest

from corpus_tools import find_story, hide_outlets, plan_lesson, read_articles
from corpus_tools.media.lesson_text import ANSWER_LABEL, BUILDERS, escape_markdown, fill_question

from .lesson_corpus import write_corpus


def _read(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_articles(path, progress=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("lesson") / "three.jsonl"
    rows = write_corpus(path)
    articles = _read(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return rows, articles, hide_outlets(articles)


def test_the_story_is_one_event_across_outlets(corpus):
    rows, articles, _ = corpus
    story = find_story(articles)
    assert story["outlet"].nunique() == len(story) == 3
    assert story["date"].nunique() == 1  # the same day: the same event
    links = pd.DataFrame(story.attrs["story"]["links"])
    assert len(links) == 3 and (links["quotes"] + links["passages"] > 0).all()
    assert "linked most closely" in story.attrs["story"]["how"]


def test_a_teacher_names_the_story_by_keyword_date_or_doc_ids(corpus):
    _, articles, hidden = corpus
    wildfire = find_story(articles, story="wildfire")
    assert len(wildfire) == 3 and wildfire["text"].str.contains("wildfire", case=False).all()
    assert set(find_story(articles, story="2024-03-12")["date"].dt.strftime("%Y-%m-%d")) == {"2024-03-12"}
    assert find_story(articles, story=["msnbc-rates", "reuters-border"])["doc_id"].tolist() == [
        "msnbc-rates", "reuters-border"]
    # One doc_id: that article and its closest partners; the original ids work on the hidden table too.
    around = find_story(hidden, story="msnbc-border")
    assert "Outlet B – 4" in set(around["doc_id"]) and around["outlet"].nunique() == 3
    assert find_story(hidden, story="reuters-border,msnbc-border")["doc_id"].tolist() == ["Outlet B – 4",
                                                                                          "Outlet C – 4"]


def test_the_findings_name_this_corpus_quotes_words_and_articles(corpus):
    rows, _, hidden = corpus
    texts = {r["title"]: r["text"] for r in rows}
    lesson = plan_lesson(hidden)
    json.dumps(dict(lesson))  # plain values
    story_texts = [texts[a["title"]] for a in lesson["story"]["articles"]]
    quote = lesson["quote"]
    # The phrase picks the quote: every version holds it, and it is in two stories or more.
    assert all(quote["phrase"].lower() in v["quote"].lower() for v in quote["versions"])
    assert sum(quote["phrase"] in t for t in story_texts) == quote["n_articles"] >= 2
    assert quote["n_outlets"] >= 2 and any(v["summary"] != "same words" for v in quote["versions"])
    for finding in lesson["framing"] + lesson["verbs"]:  # used by some outlets of the story, not by all
        term = re.compile(rf"\b{re.escape(finding['term'])}\b", re.IGNORECASE)
        used = [bool(term.search(t)) for t in story_texts]
        assert any(used) and not all(used), finding["term"]
    assert {"claimed", "insisted"} <= {f["term"] for f in lesson["verbs"]}
    suspect = lesson["signs"]["suspect"]
    assert suspect["title"] in texts and len(suspect["signs"]) >= 3
    assert suspect["title"] == lesson["signs"]["top"][0]["title"]


def test_questions_are_filled_from_the_findings_and_the_key_is_the_tools_view(corpus):
    _, _, hidden = corpus
    lesson = plan_lesson(hidden)
    q = lesson.question("1.2")
    assert escape_markdown(lesson["quote"]["reference"].rstrip(",")) in q and lesson["quote"]["speaker"] in q
    assert lesson["framing"][0]["term"] in lesson.question("1.3")
    assert lesson["verbs"][0]["term"] in lesson.question("2.3")
    assert escape_markdown(lesson["signs"]["suspect"]["title"]) in lesson.question("3.1")
    assert lesson.options("1.2") == ["1", "2", "3"] and lesson.options("1.3") == ["Outlet A", "Outlet B", "Outlet C"]
    for key in BUILDERS:
        filled = fill_question(lesson, key)
        assert not filled["answer"] or filled["answer"].startswith(ANSWER_LABEL), key
        assert "{" not in filled["question"] + filled["answer"] + filled["prompt"], key
    assert "Stoltenberg" not in "".join(lesson.question(k) + lesson.answer(k) for k in BUILDERS)


def test_nothing_for_an_exercise_is_said_not_failed(tmp_path):
    write_corpus(tmp_path / "fox.jsonl", outlets=["Fox News"], quotes=False)
    lesson = plan_lesson(_read(tmp_path / "fox.jsonl"))
    assert lesson["quote"]["phrase"] is None and lesson["framing"] == [] and lesson["speakers"] == []
    assert "one outlet" in lesson.reasons["framing"]
    for key in ("1.2", "1.3", "2.1", "2.2", "2.3"):
        assert not fill_question(lesson, key)["found"], key
    assert "no quote printed by two" in lesson.answer("1.2") and "one outlet" in lesson.answer("1.3")
    assert "no quotation" in lesson.answer("2.1") and lesson.options("1.2") == ["yes", "no"]
    assert fill_question(lesson, "3.1")["found"]  # the undated article still has its signs


def test_article_text_in_a_question_is_escaped():
    arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "title": ["<b>A</b>", "B *bold*"],
                         "text": ['Ann Lee said: "We <script>x</script> will pay $40 for every single *one* of them."',
                                  'Ann Lee said: "We <script>x</script> will pay $40 for every single *one*."']})
    lesson = plan_lesson(arts, exercise=2)
    text = lesson.question("2.2") + lesson.answer("2.2")
    assert "<script>" not in text and "&lt;script&gt;" in text and "$40" not in text and r"\*one\*" in text
