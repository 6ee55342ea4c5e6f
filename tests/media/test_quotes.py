import re
import time

import pandas as pd
import pytest

from corpus_tools.media.quote_variants import MATCH_COLUMNS, match_quotes
from corpus_tools.media.quotes import QUOTE_COLUMNS, count_speakers, find_quotes
from corpus_tools.ui import display as variants_module
from corpus_tools.ui.display import quote_variants_html, show_quote_variants

from ..conftest import REPO, benchmark_module, corpus_path


def arts(*texts, outlets=None):
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts),
                         "outlet": outlets or [f"O{i}" for i in range(len(texts))]})


@pytest.fixture(scope="module")
def sample_quotes(sample):
    return find_quotes(sample)


@pytest.fixture(scope="module")
def sample_matched(sample_quotes):
    return match_quotes(sample_quotes)


def doc(sample, prefix):
    return sample.loc[sample["doc_id"].str.startswith(prefix), "doc_id"].iat[0]


def words(s):
    return re.findall(r"\w+(?:['’]\w+)*", s.lower().replace("’", "'"))


# ------------------------------------------------------------------------ find_quotes on the sample

def test_columns_offsets_and_ids(sample, sample_quotes):
    q = sample_quotes
    assert list(q.columns) == QUOTE_COLUMNS + ["outlet"]
    texts = dict(zip(sample["doc_id"], sample["text"]))
    for row in q.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.quote
        # The marks themselves are never part of the quote.
        assert row.quote[0] not in "\"“”‘'" and row.quote[-1] not in "\"“”’'"
        assert texts[row.doc_id][row.start - 1] in "\"“‘'"
    assert q["quote_id"].is_unique
    assert all(qid.startswith(f"{d}:q") for qid, d in zip(q["quote_id"], q["doc_id"]))
    assert set(q["kind"]) <= {"direct", "partial"}
    assert q.groupby("doc_id")["start"].apply(lambda s: s.is_monotonic_increasing).all()


def test_every_quote_mark_pair_of_the_sample_is_found(sample, sample_quotes):
    # Each curly or straight double quotation in the sample is a quote (none is a scare quote there).
    for doc_id, text in zip(sample["doc_id"], sample["text"]):
        pairs = re.findall(r"[\"“]([^\"“”]+)[\"”]", text)
        found = sample_quotes.loc[sample_quotes["doc_id"] == doc_id, "quote"].tolist()
        assert [p.strip() for p in pairs] == [f for f in found if f in pairs], doc_id


def test_stoltenberg_is_the_most_quoted_in_every_article_quoting_him(sample_quotes):
    counts = count_speakers(sample_quotes, by="doc_id")
    named = counts[counts["speaker"] != "(unattributed)"]
    quoting_him = set(named.loc[named["speaker"] == "Jens Stoltenberg", "doc_id"])
    assert len(quoting_him) == 5
    for doc_id, group in named.groupby("doc_id"):
        if doc_id in quoting_him:
            top = group.sort_values("n_quotes", ascending=False)
            assert top["speaker"].iat[0] == "Jens Stoltenberg"
            assert top["n_quotes"].iat[0] > (top["n_quotes"].iat[1] if len(top) > 1 else 0)
    # Every way of writing him ends up as one speaker.
    written = sample_quotes.loc[sample_quotes["speaker"] == "Jens Stoltenberg", "speaker_as_written"]
    assert {"Stoltenberg", "NATO chief Jens Stoltenberg", "NATO Secretary General Jens Stoltenberg",
            "he"} <= set(written)


def test_he_said_after_a_stoltenberg_quote(sample, sample_quotes):
    q = sample_quotes[sample_quotes["doc_id"] == doc(sample, "000")]
    row = q[q["quote"].str.startswith("Putin has not achieved")].iloc[0]
    assert (row["speaker_as_written"], row["cue"], row["speaker"]) == ("he", "said", "Jens Stoltenberg")
    # The second half of '"X," he said. "Y."' has the same speaker.
    nxt = q[q["quote"].str.startswith("The war in Ukraine is a big strategic")].iloc[0]
    assert nxt["speaker"] == "Jens Stoltenberg" and nxt["paragraph"] == row["paragraph"]
    # "the alliance chief"/"the NATO secretary general" is the man named before.
    tass = sample_quotes[sample_quotes["doc_id"] == doc(sample, "003")]
    assert set(tass.loc[tass["speaker_as_written"] == "the NATO secretary general", "speaker"]) == {"Jens Stoltenberg"}
    # "According to him" after Peskov is named is Peskov.
    assert tass.loc[tass["cue"] == "according to", "speaker"].tolist() == ["Dmitry Peskov"]


def test_ministers_in_002(sample, sample_quotes):
    q = sample_quotes[sample_quotes["doc_id"] == doc(sample, "002")]
    assert {"Antony Blinken", "Dmytro Kuleba", "Annalena Baerbock", "Catherine Colonna", "Melanie Joly",
            "Krisjanis Karins", "Jens Stoltenberg"} <= set(q["speaker"].dropna())
    # Two "she said": the first after Colonna is named, the second after Joly.
    she = q[q["speaker_as_written"] == "she"]
    assert she["speaker"].tolist() == ["Catherine Colonna", "Melanie Joly"]
    assert she["quote"].str.startswith("We are underscoring").tolist() == [True, False]
    blinken = q[q["speaker"] == "Antony Blinken"].iloc[0]
    assert blinken["kind"] == "partial" and blinken["quote"].startswith("strongly reaffirming")


def test_single_quotes_and_apostrophes(sample, sample_quotes):
    q = sample_quotes[sample_quotes["doc_id"] == doc(sample, "000")]
    first = q.iloc[0]
    assert first["quote"] == "a big strategic mistake and defeat" and first["kind"] == "partial"
    assert first["speaker"] == "Jens Stoltenberg"
    # No quote opens or closes at an apostrophe inside or after a word (Russia's, NATO’s, allies').
    texts = dict(zip(sample["doc_id"], sample["text"]))
    for row in sample_quotes.itertuples():
        text = texts[row.doc_id]
        assert not text[row.start - 2:row.start - 1].isalnum()
        assert not text[row.end + 1:row.end + 2].isalnum()


# ------------------------------------------------------------------------ find_quotes, small cases

def test_split_attribution_and_inverted_verbs():
    q = find_quotes(arts('"We will stay," said NATO chief Jens Stoltenberg. "Always." Later he added that '
                         '"nothing had changed".'))
    assert q["quote"].tolist() == ["We will stay,", "Always.", "nothing had changed"]
    assert q["speaker"].tolist() == ["Jens Stoltenberg"] * 3
    assert q["cue"].tolist() == ["said", "said", "added"]
    assert q["kind"].tolist() == ["direct", "direct", "partial"]


def test_quote_running_over_paragraphs():
    text = ("Ann Lee told reporters: “We came a long way.\n\n“We will go further.”\n\n"
            "Nobody answered.")
    q = find_quotes(arts(text))
    assert len(q) == 1
    row = q.iloc[0]
    assert text[row["start"]:row["end"]] == row["quote"]
    assert row["quote"].startswith("We came") and row["quote"].endswith("further.")
    assert (row["speaker"], row["cue"], row["paragraph"]) == ("Ann Lee", "told", 0)


def test_paragraph_that_is_only_a_quote_continues_the_speaker():
    q = find_quotes(arts('"It is hard," Ann Lee said.\n\n"But we go on."\n\nThe minister left.\n\n'
                         '"Who knows what comes next?"'))
    assert q["speaker"].tolist()[:2] == ["Ann Lee", "Ann Lee"]
    assert q["paragraph"].tolist() == [0, 1, 3]
    assert pd.isna(q["speaker"].iat[2])  # a narrative paragraph came in between


def test_scare_quotes_titles_and_nested_quotes_are_not_speech():
    q = find_quotes(arts('England had "tries" disallowed. He starred in "Million Dollar Baby" last year. '
                         'Mr Scott said: "There are lots of \'urban legends\' about Wal-Mart." '
                         "The allies' plan and Russia’s reply were 'not new', officials said."))
    assert q["quote"].tolist() == ["There are lots of 'urban legends' about Wal-Mart.", "not new"]
    assert q["speaker"].iat[0] == "Scott"


def test_pronoun_gender_and_titles():
    text = ("President Emmanuel Macron met Foreign Minister Annalena Baerbock. Melanie Joly arrived later. "
            "\"We agree,\" he said. \"So do I,\" she said.")
    q = find_quotes(arts(text))
    assert q["speaker"].tolist() == ["Emmanuel Macron", "Melanie Joly"]


def test_speaker_names_normalised_in_article_and_corpus():
    q = find_quotes(arts('NATO Secretary-General Jens Stoltenberg spoke. "Yes we will," Stoltenberg said.',
                         '"No doubt about it," Stoltenberg told reporters.',
                         '"We will see about that," said Secretary General Jens Stoltenberg.'))
    assert q["speaker"].tolist() == ["Jens Stoltenberg"] * 3
    assert q["speaker_as_written"].tolist() == ["Stoltenberg", "Stoltenberg", "Secretary General Jens Stoltenberg"]


def test_empty_and_missing_text_and_input_unchanged():
    frame = arts("No quotes here.", None, "")
    before = frame.copy()
    q = find_quotes(frame)
    assert q.empty and list(q.columns) == QUOTE_COLUMNS + ["outlet"]
    pd.testing.assert_frame_equal(frame, before)
    with pytest.raises(KeyError, match="no column 'body'"):
        find_quotes(frame, text="body")


# ------------------------------------------------------------------------ count_speakers

def test_count_speakers(sample_quotes):
    before = sample_quotes.copy()
    by_outlet = count_speakers(sample_quotes)
    match_quotes(sample_quotes)
    pd.testing.assert_frame_equal(sample_quotes, before)
    assert list(by_outlet.columns) == ["outlet", "speaker", "n_quotes", "n_words", "share", "n_articles"]
    pd.testing.assert_frame_equal(by_outlet, count_speakers(sample_quotes, by=["outlet"]))
    assert by_outlet.groupby("outlet")["share"].sum().round(9).eq(1).all()
    assert by_outlet["n_quotes"].sum() == len(sample_quotes)
    expected_words = sample_quotes["quote"].str.count(r"[\w'’\-]+").sum()
    assert by_outlet["n_words"].sum() == expected_words
    # Sorted by group, most quoted first.
    for _, g in by_outlet.groupby("outlet", sort=False):
        assert g["n_quotes"].is_monotonic_decreasing
    overall = count_speakers(sample_quotes, by=None)
    assert overall["speaker"].iat[0] == "Jens Stoltenberg"
    assert overall["n_articles"].iat[0] == sample_quotes.loc[sample_quotes["speaker"] == "Jens Stoltenberg",
                                                             "doc_id"].nunique()
    q = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "speaker": [pd.NA], "quote": ["Who knows?"]})
    assert count_speakers(q)["speaker"].tolist() == ["(unattributed)"]


# ------------------------------------------------------------------------ match_quotes on the sample

def test_frontline_quote_matched_in_every_article_carrying_it(sample, sample_quotes, sample_matched):
    assert list(sample_matched.columns) == MATCH_COLUMNS
    carrying = {d for d, t in zip(sample["doc_id"], sample["text"])
                if re.search(r"even though the frontline has not moved", t, re.IGNORECASE)}
    assert len(carrying) >= 2
    q_ids = sample_quotes.loc[sample_quotes["quote"].str.contains("even though the frontline has not moved",
                                                                   case=False), "quote_id"]
    groups = sample_matched.loc[sample_matched["quote_id"].isin(q_ids), "group_id"].unique()
    assert len(groups) == 1
    group = sample_matched[sample_matched["group_id"] == groups[0]]
    assert set(group["doc_id"]) == carrying
    variant = group[group["quote_id"] != group["reference"]].iloc[0]
    ops = {d["op"] for d in variant["diff"]}
    assert "trimmed_start" in ops and ({"added", "changed"} & ops)
    assert variant["diff_summary"] != "same words" and 0 < variant["similarity"] < 100


def test_absolutely_certain_elision_between_afp_and_tass(sample, sample_matched):
    afp, tass = doc(sample, "000"), doc(sample, "003")
    hit = sample_matched[sample_matched["quote"].str.contains("absolutely certain that the message")]
    assert set(hit["doc_id"]) == {afp, tass} and hit["group_id"].nunique() == 1
    # TASS prints the longer version; the AFP text replaces the middle with "...".
    assert hit["reference"].iat[0].startswith(tass)
    tass_text = sample.loc[sample["doc_id"] == tass, "text"].iat[0]
    middle = re.search(r"at this meeting (.*?) is that we need", tass_text).group(1)
    variant = hit[hit["doc_id"] == afp].iloc[0]
    elided = [d for d in variant["diff"] if d["op"] == "elided"]
    assert len(elided) == 1 and elided[0]["marked"] is True
    assert words(" ".join(elided[0]["words"])) == words(middle)
    assert f"'...' replaces {len(words(middle))} words" in variant["diff_summary"]
    lead = re.search(r'"(\w+ \w+ \w+), I\'m absolutely', tass_text).group(1)
    assert [d["words"] for d in variant["diff"] if d["op"] == "trimmed_start"] == [lead.split()]


def test_match_only_across_articles_and_thresholds():
    q = find_quotes(arts('"We will never give up on this town, never, whatever they say," Ann Lee said.',
                         'Ann Lee said "we will never give up on this town" at the rally.',
                         '"We will never give up on this town, never, whatever they say," Ann Lee said. '
                         '"We will never give up on this town, never, whatever they say."',
                         '"I would like to thank everyone who came," she said.',
                         '"I would like to go home now," he said.'))
    m = match_quotes(q)
    assert m["group_id"].nunique() == 1
    group = m[m["group_id"] == 1]
    assert set(group["doc_id"]) == {"d0", "d1", "d2"}  # a stock phrase ("I would like to") is not a match
    short = group[group["doc_id"] == "d1"].iloc[0]
    assert [d["op"] for d in short["diff"]] == ["equal", "trimmed_end"] and short["similarity"] == 100
    assert match_quotes(q, min_words=20).empty
    one_article = q[q["doc_id"] == "d2"]
    assert match_quotes(one_article).empty
    empty = match_quotes(q.iloc[:0])
    assert empty.empty and list(empty.columns) == MATCH_COLUMNS
    with pytest.raises(KeyError, match="no column 'quote_id'"):
        match_quotes(q.drop(columns="quote_id"))


def test_unmarked_cuts_and_changed_words():
    q = pd.DataFrame({"quote_id": ["a:q1", "b:q1"], "doc_id": ["a", "b"], "outlet": ["A", "B"], "speaker": ["X", "X"],
                      "quote": ["We have a good plan and we will carry it out with our allies in full",
                                "We have a good plan and we will carry it out in full"]})
    v = match_quotes(q).iloc[1]
    assert [d["op"] for d in v["diff"]] == ["equal", "elided", "equal"]
    assert v["diff"][1]["words"] == ["with", "our", "allies"] and v["diff"][1]["marked"] is False
    assert v["diff_summary"] == "left out 3 words unmarked"


# ------------------------------------------------------------------------ display

def test_variants_html_escapes_and_marks(sample_matched, monkeypatch):
    page = quote_variants_html(sample_matched)
    assert "<del" in page and "<ins>" in page and page.count('class="ct-quote-group"') == sample_matched[
        "group_id"].nunique()
    q = pd.DataFrame({"quote_id": ["a:q1", "b:q1"], "doc_id": ["a", "b"], "outlet": ["<b>A</b>", "B"],
                      "speaker": ["X", "X"],
                      "quote": ["<script>alert(1)</script> we shall see it through to the end $5",
                                "<script>alert(1)</script> we shall see it through"]})
    page = quote_variants_html(match_quotes(q))
    assert "<script>" not in page and "<b>A" not in page
    assert "&lt;b&gt;A" in page and "&lt;script&gt;" in page and "&#36;5" in page
    shown = []
    monkeypatch.setattr(variants_module, "display_html", shown.append)
    show_quote_variants(match_quotes(q), max_groups=1)
    assert shown and "<script>" not in shown[0]
    assert "No quote" in quote_variants_html(match_quotes(q.iloc[:1]))


# ------------------------------------------------------------------------ evaluation against hand annotation

def _eval_module():
    return benchmark_module("eval_quotes")


def test_gold_file_is_real_and_well_formed():
    raw = (REPO / "tests" / "data" / "quotes_gold.jsonl").read_text(encoding="utf-8")
    assert '"text"' not in raw  # references into ../shared/corpora, not the corpora's text
    gold = _eval_module().read_gold(corpora=corpus_path())
    assert len(gold) >= 30
    assert sum(not g["quotes"] for g in gold) >= 5 and sum(bool(g["quotes"]) for g in gold) >= 25
    for g in gold:
        assert not g["source"].startswith("data/sample")
        for q in g["quotes"]:
            assert q["quote"] in g["text"] and q["kind"] in {"direct", "partial"}


def test_evaluation_floor():
    # Floors a little under what find_quotes reaches (see benchmarks/eval_quotes.py): a regression fails.
    mod = _eval_module()
    scores = mod.evaluate(corpora=corpus_path())
    assert scores["spans_exact"]["f1"] >= 0.97
    assert scores["spans_overlap"]["precision"] >= 0.97 and scores["spans_overlap"]["recall"] >= 0.97
    assert scores["speakers"]["precision"] >= 0.96 and scores["speakers"]["recall"] >= 0.94
    assert scores["kind_accuracy"] >= 0.95
    heldout = mod.evaluate(split="heldout", corpora=corpus_path())
    assert heldout["n_paragraphs"] >= 10 and heldout["speakers"]["f1"] >= 0.8


# ------------------------------------------------------------------------ scale

@pytest.mark.corpora
@pytest.mark.slow
def test_bbc_corpus_in_seconds(quiet):
    from corpus_tools import read_articles

    articles = read_articles(corpus_path("bbc_news_2225", "bbc"))
    t0 = time.perf_counter()
    q = find_quotes(articles)
    t1 = time.perf_counter()
    m = match_quotes(q)
    t2 = time.perf_counter()
    print(f"find_quotes {t1 - t0:.1f} s ({len(q)} quotes), "
          f"match_quotes {t2 - t1:.1f} s ({m['group_id'].nunique()} groups)")
    assert t2 - t0 < 60
    assert len(q) > 5000 and q["speaker"].notna().mean() > 0.75
    texts = dict(zip(articles["doc_id"], articles["text"]))
    assert all(texts[d][s:e] == t for d, s, e, t in zip(q["doc_id"], q["start"], q["end"], q["quote"]))
    # The corpus holds duplicated stories: their quotes must be matched across articles.
    assert m["group_id"].nunique() > 100
    assert (m.groupby("group_id")["doc_id"].nunique() >= 2).all()


# ------------------------------------------------------------------------ patterns of US political news

def test_two_apostrophes_as_double_marks():
    # The NYT archive writes ''...'' for double quotation marks.
    text = "''We are five right now,'' Nega said. ''Another is coming.''"
    q = find_quotes(arts(text))
    assert q["quote"].tolist() == ["We are five right now,", "Another is coming."]
    assert q["speaker"].tolist() == ["Nega", "Nega"]
    assert all(text[s:e] == t for s, e, t in zip(q["start"], q["end"], q["quote"]))


def one(text, *cols):
    """The quotes of one article as (quote, speaker) pairs, with the asked columns too."""
    q = find_quotes(arts(text))
    return [tuple([r.quote, r.speaker if isinstance(r.speaker, str) else None]
                  + [getattr(r, c) if isinstance(getattr(r, c), str) else None for c in cols]) for r in q.itertuples()]


def test_titles_and_party_state_tags():
    assert one('Rep. John Mica (R-Fla.) said Friday: "We will not back down."', "speaker_kind") == [
        ("We will not back down.", "John Mica", "named")]
    assert one('"It is a disgrace," said Sen. Tim Kaine (D-Va.), standing by the door.') == [
        ("It is a disgrace,", "Tim Kaine")]
    assert one('Gov. Jay Nixon (D) and Del. Eleanor Holmes Norton (D-D.C.) met. "We agree," Norton said.') == [
        ("We agree,", "Eleanor Holmes Norton")]
    assert one('"This is a waste of time," said Del. Stacey Plaskett.') == [
        ("This is a waste of time,", "Stacey Plaskett")]
    # A surname that is also a title ("King") after a first name stays in the name.
    assert one('"Turnout makes a difference," said Charlie King, a prominent New York Democrat.') == [
        ("Turnout makes a difference,", "Charlie King")]


def test_appositives_with_age_job_or_place():
    assert one('Trump, 70, told CNN\'s Dana Bash: "I will win."') == [("I will win.", "Trump")]
    assert one('"We are done," Jeff Weaver, Sanders\' campaign manager, said in a statement.') == [
        ("We are done,", "Jeff Weaver")]
    assert one('"It was close," Michelle Stevens, 30, of Gainesville, Fla., said.') == [
        ("It was close,", "Michelle Stevens")]
    assert one('"We will appeal," Tad Smith, a spokesman for the company, said.',
               "speaker_evidence") == [("We will appeal,", "Tad Smith", "appositive")]


def test_described_and_anonymous_speakers_kept_as_written():
    text = ('CNN\'s Dana Bash pressed him. "Not again," the CNN host reiterated. '
            'The daily wrote that it was "a disgrace." "We are watching," a White House official said.')
    assert one(text, "speaker_kind") == [("Not again,", "the CNN host", "described"),
                                              ("a disgrace.", "The daily", "described"),
                                              ("We are watching,", "a White House official", "anonymous")]
    # A title that names someone introduced with it still refers back to that person.
    q = find_quotes(arts('NATO Secretary General Jens Stoltenberg spoke. "Yes," the secretary general said.'))
    assert (q["speaker"].iat[0], q["speaker_kind"].iat[0]) == ("Jens Stoltenberg", "named")


def test_x_quoted_y_and_with_x_saying():
    assert one('The RBK news website quoted Ms. Simonyan as saying: "We are ready."') == [
        ("We are ready.", "Simonyan")]
    text = ('Hillary Clinton did not comment, with spokesman Glen Caplin saying "the report is wrong."')
    assert one(text, "speaker_evidence") == [("the report is wrong.", "Glen Caplin", "with X saying")]


def test_possessives_are_never_speakers():
    assert one('"We will fight this," Trump\'s lawyer said.', "speaker_kind") == [
        ("We will fight this,", "Trump's lawyer", "described")]
    assert one('"It is over," said Trump\'s spokeswoman Hope Hicks.') == [("It is over,", "Hope Hicks")]
    assert one("House Speaker Paul Ryan told CNN Tuesday that Ginsburg’s comments “show bias to me.”") == [
        ("show bias to me.", "Paul Ryan")]


def test_partial_quotes_inside_reported_speech():
    # Quoted words inside the writer's sentence are quotes when the sentence attributes them to someone.
    text = ('Speaking in Salem, Bush referred to Rubio as "a bright, charismatic leader" but described his '
            'leadership skills as a "work in progress." Clinton supports "appropriate pay raises," opposes '
            '"arbitrary pay freezes" and recalled the freeze. Obama famously told her in a 2008 debate that she was '
            '"likable enough." Ryan said the wall would be "fully funded," and described the report as "faulty."')
    assert one(text) == [("a bright, charismatic leader", "Bush"), ("work in progress.", "Bush"),
                         ("appropriate pay raises,", "Clinton"), ("arbitrary pay freezes", "Clinton"),
                         ("likable enough.", "Obama"), ("fully funded,", "Ryan"), ("faulty.", "Ryan")]
    # Scare quotes are not: nobody is said to have said them ("so-called" is no reporting verb).
    assert one('The so-called "deal" was signed on Monday. The "experts" came too.') == []


def test_weak_evidence_leaves_the_speaker_empty_and_says_why():
    q = find_quotes(arts('The markets fell. "We will win," he said.'))
    assert pd.isna(q["speaker"].iat[0]) and q["speaker_as_written"].iat[0] == "he"
    assert q["speaker_evidence"].iat[0] == "pronoun before the verb; 'he' with nobody named before"
    q = find_quotes(arts('"This is not over," she said. Others said "it is over."'))
    assert q["speaker"].isna().all()


def test_question_then_speaker_and_a_mark_typed_the_wrong_way():
    assert one('"Why do the richest get away with it?" Mrs. Clinton asked.') == [
        ("Why do the richest get away with it?", "Clinton")]
    assert one('“It\'s unusual,“ said Larry Noble. “It\'s hard.”') == [("It's unusual,", "Larry Noble"),
                                                                        ("It's hard.", "Larry Noble")]


def test_headline_joint_speakers_and_it_or_they_after_a_described_speaker():
    assert one("Trump: Cruz Has ‘To Come a Long Way’ On Ethanol.", "speaker_evidence") == [
        ("To Come a Long Way", "Trump", "headline 'Name: ...'")]
    assert one("WALLACE: “Let’s start with the news.”") == [("Let’s start with the news.", "WALLACE")]
    assert one('"It was hard," singer Gary Lightbody and drummer Jonny Quinn said.') == [
        ("It was hard,", "Gary Lightbody and Jonny Quinn")]
    text = ('"We want no part in the listing," the company wrote in its statement. It added, "We will remove it." '
            '"Stop the killing," the protesters chanted. Later they chanted "no justice, no peace."')
    assert one(text, "speaker_kind") == [("We want no part in the listing,", "the company", "described"),
                                         ("We will remove it.", "the company", "described"),
                                         ("Stop the killing,", "the protesters", "described"),
                                         ("no justice, no peace.", "the protesters", "described")]


def test_words_quoted_after_a_reporting_verb_are_speech_even_without_a_speaker():
    q = find_quotes(arts('Asked about it, the answer explained that the label was a "backhanded compliment."'))
    assert q["quote"].tolist() == ["backhanded compliment."] and q["cue"].tolist() == ["explained"]
    assert q["speaker"].isna().all() and q["speaker_evidence"].tolist() == ["reporting verb, no speaker found"]


def _polnear_module():
    return benchmark_module("eval_polnear")


def test_polnear_conversion_and_speaker_matching():
    # A hand-made article in PolNeAR's brat standoff format: two attributions, a title in marks outside them.
    mod = _polnear_module()
    text = ('Rep. John Mica (R-Fla.) said the plan was "dead." He spoke on Fox\'s "Fox and Friends."\n'
            '"We will fight," Hillary Clinton\'s campaign manager Robby Mook said.')

    def span(tid, label, written, find=text.index):
        start = find(written)
        return f"T{tid}\t{label} {start} {start + len(written)}\t{written}\n"

    ann = (span(1, "Source", "Rep. John Mica (R-Fla.)") + span(2, "Cue", "said")
           + span(3, "Content", 'the plan was "dead."') + "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
           + span(4, "Source", "Hillary Clinton's campaign manager Robby Mook") + span(5, "Cue", "said", text.rindex)
           + span(6, "Content", '"We will fight,"') + "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4\n")
    gold = mod.gold_quotes(text, mod.parse_ann(ann))
    assert [(g["quote"], g["source"]) for g in gold] == [
        ("dead.", "Rep. John Mica (R-Fla.)"), ("We will fight,", "Hillary Clinton's campaign manager Robby Mook")]
    assert mod.speaker_right("John Mica", "Rep. John Mica", "Rep. John Mica (R-Fla.)", [])
    assert not mod.speaker_right("Republicans", "Republicans", "Rep. John Mica (R-Fla.)", [])
    assert mod.speaker_right("Robby Mook", "Robby Mook", gold[1]["source"], [])
    assert not mod.speaker_right("Hillary Clinton", "Hillary Clinton", gold[1]["source"], [])
    assert mod.speaker_right("the CNN host", "the CNN host", "the CNN host", [])
    assert mod.speaker_right("Donald Trump", "he", "he", ["Trump, 70,"])
    assert not mod.speaker_right(None, None, "he", ["Trump"])
