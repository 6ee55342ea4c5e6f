import re

import pandas as pd
import pytest

from corpus_tools.media.numbers import find_number_disagreements
from corpus_tools.media.signs import SIGN_COLUMNS, count_signs, warning_signs
from corpus_tools.text.detectors import find_mixed_script
from tests.conftest import corpus_path

AP_DOC = "004_03b79c85bce5be51"
CLEAN = "000_d3c851319a9cef4d"


def art(text, **extra):
    """One synthetic article with a date and a byline, so only the sign under test can fire."""
    base = {"doc_id": "a", "outlet": "X", "text": text, "date": pd.Timestamp("2024-01-02"), "byline": "Ann Lee",
            "agency": None}
    base.update(extra)
    return pd.DataFrame([base])


def signs_of(frame, **kw):
    return set(warning_signs(frame, **kw)["sign"])


def evidence(frame, sign, **kw):
    s = warning_signs(frame, **kw)
    return s.loc[s["sign"] == sign, "evidence"].tolist()


# --- the sample -------------------------------------------------------------------------------

def test_sample_ap_text(sample):
    s = warning_signs(sample)
    ap = s[s["doc_id"] == AP_DOC].set_index("sign")
    assert {"mixed_script", "no_date", "doubled_punctuation", "wire_style"} <= set(ap.index)
    assert "провоцируя" in ap.loc["mixed_script", "evidence"]
    assert "accused NATO of" in ap.loc["mixed_script", "evidence"]  # the word with its sentence
    raw_lines = sample.loc[sample["doc_id"] == AP_DOC, "raw_text"].iat[0].splitlines()
    assert raw_lines[ap.loc["mixed_script", "line"] - 1].count("провоцируя") == 1
    assert "BRUSSELS, Belgium (AP)" in ap.loc["wire_style", "evidence"]
    assert not s[(s["doc_id"] == CLEAN) & (s["sign"].isin(["mixed_script", "doubled_punctuation", "wire_style"]))].size


def test_sample_numbers_disagree_quotes_both_sides(sample):
    s = warning_signs(sample)
    ev = s.loc[(s["doc_id"] == AP_DOC) & (s["sign"] == "numbers_disagree"), "evidence"]
    assert len(ev) == 1
    assert "30 countries" in ev.iat[0] and "32 members" in ev.iat[0]


def test_columns_order_and_input_unchanged(sample):
    before = sample.copy()
    s = warning_signs(sample)
    assert list(s.columns) == SIGN_COLUMNS
    pd.testing.assert_frame_equal(sample, before)
    assert set(s["severity"]) <= {"note", "check"}
    assert not s.duplicated(["doc_id", "sign"]).any()
    # evidence, never a verdict
    assert not s["explanation"].str.contains(r"\bfake\b|\bfalse\b", case=False).any()


# --- one synthetic article per sign --------------------------------------------------------------

def test_clean_article_has_no_signs():
    assert signs_of(art("NATO met on Tuesday... and the talks ended.")) == set()


def test_no_date_and_no_byline():
    assert signs_of(art("Talks went on.", date=pd.NaT)) == {"no_date"}
    assert signs_of(art("Talks went on.", byline=None)) == {"no_byline"}
    assert signs_of(art("Talks went on.", byline=None, agency="AFP")) == set()  # an agency credit counts


def test_mixed_script_word_and_homoglyph():
    ev = evidence(art("NATO was accused of провоцируя conflict in the region."), "mixed_script")
    assert ev[0].startswith("провоцируя")
    homoglyph = "Aid to \u041ayiv will go on, officials said."  # Cyrillic capital KA
    ev = evidence(art(homoglyph), "mixed_script")
    assert len(ev) == 1 and "Cyrillic" in ev[0] and "Aid to" in ev[0]
    lookalike = "Officials said the \u0410\u0420 report was wrong, and the agency denied it."  # Cyrillic "АР"
    assert "look Latin" in evidence(art(lookalike), "mixed_script")[0]
    assert find_mixed_script("Café in Zürich, naïve résumé.") == []  # accented Latin is Latin
    assert find_mixed_script("Переговоры продолжаются в Брюсселе сегодня.") == []  # a text in its own alphabet


def test_doubled_punctuation_but_not_ellipsis():
    assert signs_of(art("He paused... then went on. Wait… fine.")) == set()
    ev = evidence(art("It failed.. Really?? Yes,, ok."), "doubled_punctuation")
    assert ev and ev[0].startswith("3 ×") and "failed.." in ev[0]


def test_a_mark_flagged_when_loading_is_a_warning_sign_too(tmp_path):
    # One definition of doubled punctuation and mixed script: the load flag and the sign agree.
    from corpus_tools import read_articles

    (tmp_path / "a.txt").write_text("Title here\n\nThe ministers met:: and talked in Кyiv for hours, officials said.\n",
                                    encoding="utf-8")
    arts = read_articles(tmp_path)
    flags = set(arts["flags"].iat[0])
    signs = signs_of(arts)
    assert {"doubled_punctuation", "mixed_script"} <= flags
    assert {"doubled_punctuation", "mixed_script"} <= signs


def test_page_furniture_removed_or_kept():
    removed = [{"line": 1, "text": "My title", "reason": "title"},
               {"line": 9, "text": "Do you like this article?", "reason": "reader prompt"}]
    s = warning_signs(art("Talks went on.", removed_lines=removed))
    assert s["sign"].tolist() == ["page_furniture"] and s["line"].iat[0] == 9
    assert "reader prompt" in s["evidence"].iat[0]
    only_metadata = removed[:1]
    assert signs_of(art("Talks went on.", removed_lines=only_metadata)) == set()
    kept = art("Talks went on.\n\nOther Topics of Interest\n\nMore text here.")
    assert "Other Topics of Interest" in evidence(kept, "page_furniture")[0]


def test_wire_style():
    dateline = [{"line": 3, "text": "LONDON, England (AP) —", "reason": "dateline"}]
    ev = evidence(art("Officials said on Monday that 10–12 people left.", agency="AP", removed_lines=dateline),
                  "wire_style")
    assert len(ev) == 1 and "LONDON, England (AP)" in ev[0] and "said on Monday" in ev[0] and "10–12" in ev[0]
    good = [{"line": 3, "text": "LONDON (AP) —", "reason": "dateline"}]
    assert signs_of(art("Officials said Monday that 10-12 people left.", agency="AP", removed_lines=good)) == set()
    # Reuters writes "on Monday": only the doubled marks count against it
    assert signs_of(art("Officials said on Monday it was over.", agency="Reuters")) == set()
    assert "wire_style" in signs_of(art("It was over.. said officials.", agency="Reuters"))
    assert "wire_style" not in signs_of(art("It was over.. said officials.", agency="TASS"))


def test_copied_text_from_passages_or_column():
    two = pd.concat([art("Alpha text."), art("Beta text.", doc_id="b")], ignore_index=True)
    with_column = two.assign(shared_share=[0.8, 0.2])
    s = warning_signs(with_column)
    assert s.loc[s["sign"] == "copied_text", "doc_id"].tolist() == ["a"]
    assert "80%" in s.loc[s["sign"] == "copied_text", "evidence"].iat[0]
    assert warning_signs(with_column, min_shared_share=0.1)["sign"].eq("copied_text").sum() == 2
    assert "copied_text" not in set(warning_signs(two)["sign"])  # nothing to go on: not checked
    from corpus_tools.media.passages import add_shared_share, find_shared_passages

    copied = pd.concat([art("Alpha text. The ministers agreed on a new package of support for the coming year."),
                        art("Beta text. The ministers agreed on a new package of support for the coming year.",
                            doc_id="b"),
                        art("Gamma text, written for this page alone.", doc_id="c")], ignore_index=True)
    passages = find_shared_passages(copied)
    s = warning_signs(copied, passages=passages)
    assert s.loc[s["sign"] == "copied_text", "doc_id"].tolist() == ["a", "b"]
    pd.testing.assert_frame_equal(s, warning_signs(add_shared_share(copied, passages=passages)))


def test_numbers_disagree_is_conservative():
    def two(t1, t2):
        return pd.concat([art(t1), art(t2, doc_id="b")], ignore_index=True)

    clash = two("NATO is an alliance of 30 countries.", "NATO says 23 of its 32 members will pay.")
    assert signs_of(clash) == {"numbers_disagree"}
    assert set(warning_signs(clash)["doc_id"]) == {"a", "b"}
    assert signs_of(two("NATO is an alliance of 31 countries.", "NATO has 31 members now.")) == set()
    assert signs_of(two("NATO is an alliance of 30 countries.", "The EU has 27 members.")) == set()  # other subject
    assert signs_of(two("Turkey took a $18bn loan from the IMF.", "Turkey's $18.6bn loan from the IMF ends.")) == set()
    money = find_number_disagreements(two("The United States gave $40 billion in security aid.",
                                          "The United States gave $60 billion in security aid."))
    assert sorted(money["value"]) == [40e9, 60e9]


def test_count_signs():
    signs = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "outlet": ["X", "X", "X", "Y"],
                          "sign": ["no_date", "no_byline", "no_date", "no_date"]})
    c = count_signs(signs)
    assert c.set_index(["outlet", "sign"])["n"].to_dict() == {
        ("X", "no_byline"): 1, ("X", "no_date"): 2, ("Y", "no_date"): 1}
    assert count_signs(signs, by=None).set_index("sign")["n"].to_dict() == {"no_byline": 1, "no_date": 3}


# --- real corpora --------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.corpora
def test_bbc_and_isot(quiet):
    import corpus_tools as ct
    from corpus_tools.media.passages import add_shared_share

    bbc = ct.read_articles(corpus_path("bbc_news_2225", "bbc"))
    s = warning_signs(add_shared_share(bbc))
    counts = count_signs(s, by=None).set_index("sign")["n"]
    assert counts["no_date"] == len(bbc) == 2225  # the BBC corpus carries no dates
    doubled = s[s["sign"] == "doubled_punctuation"]
    texts = bbc.set_index("doc_id")["text"]
    assert all(re.search(r"(?<!\.)\.\.(?!\.)|,,|;;|\?\?|!!", texts[d]) for d in doubled["doc_id"])

    isot = ct.read_articles(corpus_path("isot_fake_real_news_sample") / "*.csv")
    s = warning_signs(isot)
    credited = set(isot.loc[isot["agency"].notna() | isot["byline"].notna(), "doc_id"])
    assert not set(s.loc[s["sign"] == "no_byline", "doc_id"]) & credited
