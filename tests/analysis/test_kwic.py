import re
import warnings

import pandas as pd
import pytest

from corpus_tools.analysis.kwic import kwic
from corpus_tools.text.search_terms import PatternWarning
from corpus_tools.text.tokens import tokenize
from corpus_tools.ui.display import kwic_html

ARTS = pd.DataFrame({
    "doc_id": ["a", "b"],
    "outlet": ["X", "TASS"],
    "text": ["Aid to Kyiv's forces will go on, the front line holds.",
             "NATO keeps supporting Kiev, the front line moved."],
})


def test_every_kyiv_and_kiev_in_the_sample(sample):
    k = kwic(sample, "Kyiv|Kiev", regex=True)
    expected = {d: len(re.findall("Kyiv|Kiev", t, re.I)) for d, t in zip(sample["doc_id"], sample["text"])}
    assert k.groupby("doc_id").size().to_dict() == {d: n for d, n in expected.items() if n}
    assert set(k["doc_id"]) == set(sample["doc_id"])  # all five articles use one spelling or the other
    assert set(k[k["outlet"] == "TASS"]["match"].str[:4]) == {"Kiev"}


def test_words_globs_phrases_and_case():
    with pytest.warns(PatternWarning, match="'Kiev' "):  # the other spelling is there: a note says so
        assert kwic(ARTS, "kyiv")["match"].tolist() == ["Kyiv's"]
    assert kwic(ARTS, "KI*")["match"].tolist() == ["Kiev"]
    assert kwic(ARTS, "front line")[["doc_id", "match"]].values.tolist() == [["a", "front line"], ["b", "front line"]]
    with pytest.warns(PatternWarning):
        assert kwic(ARTS, "kyiv", case_sensitive=True).empty


def test_window_and_context_columns():
    with pytest.warns(PatternWarning):
        k = kwic(ARTS, "Kiev", window=2)
    assert k.loc[0, ["left", "match", "right"]].tolist() == ["keeps supporting", "Kiev", ", the front"]
    assert list(k.columns) == ["doc_id", "sent_id", "position", "left", "match", "right", "outlet"]
    assert k.loc[0, "position"] == tokenize(ARTS).query("doc_id == 'b' and token == 'kiev'")["position"].item()


def test_on_a_tokens_table():
    k = kwic(tokenize(ARTS, metadata=["outlet"]), "front line", window=1)
    assert k[["left", "match", "right", "outlet"]].values.tolist() == [
        ["the", "front line", "holds", "X"], ["the", "front line", "moved", "TASS"]]


def test_no_match_gives_an_empty_table_with_the_columns():
    k = kwic(ARTS, "zebra")
    assert k.empty and {"doc_id", "left", "match", "right"} <= set(k.columns)


def test_show_kwic_escapes_article_text():
    evil = pd.DataFrame({"doc_id": ["<b>x</b>"],
                         "text": ['Kyiv <script>alert(1)</script> <img src=x onerror="alert(2)"> $40 and $60']})
    markup = kwic_html(kwic(evil, "kyiv", window=8))
    assert "<script>" not in markup and "<img" not in markup and "<b>x" not in markup
    assert "&lt;script&gt;" in markup and "$" not in markup


# --- lists of spellings, regular expressions as whole words, spelling variants ---------------------
# Worked by hand: Kyiv in a and b, Kiev in c; "Kievan" and "Yenakiev" are other words.
NAMES = pd.DataFrame({
    "doc_id": ["a", "b", "c"],
    "outlet": ["AP", "Reuters", "BBC"],
    "text": ["Zelenskyy met aides in Kyiv. The Kievan Rus was old.",
             "Zelenskiy said Kyiv would hold. Fighting near Yenakiev went on.",
             "Zelensky thanked allies in Kiev. Zelensky's aides agreed."],
})


def test_a_plain_pattern_with_a_bar_warns_and_is_looked_for_as_written():
    with pytest.warns(PatternWarning, match=r"regex=True or a list: \['Kiev', 'Kyiv'\]"):
        assert kwic(NAMES, "Kiev|Kyiv").empty


def test_regular_expressions_match_whole_words():
    k = kwic(NAMES, "Kiev|Kyiv", regex=True)
    assert k[["doc_id", "match"]].values.tolist() == [["a", "Kyiv"], ["b", "Kyiv"], ["c", "Kiev"]]
    inside = kwic(NAMES, "Kiev|Kyiv", regex=True, whole_words=False)
    assert inside["match"].tolist() == ["Kyiv", "Kievan", "Kyiv", "Yenakiev", "Kiev"]
    with pytest.warns(PatternWarning, match="'Kyiv'"):
        assert kwic(NAMES, "kiev", whole_words=False)["match"].tolist() == ["Kievan", "Yenakiev", "Kiev"]


def test_a_list_of_spellings_is_one_search():
    k = kwic(NAMES, ["Kyiv", "Kiev"])
    assert k[["doc_id", "match"]].values.tolist() == [["a", "Kyiv"], ["b", "Kyiv"], ["c", "Kiev"]]
    # the same occurrence found by two spellings is one row
    with pytest.warns(PatternWarning, match="'Kiev'"):
        assert len(kwic(NAMES, ["Kyiv", "Ky*"])) == 2
    toks = tokenize(NAMES, metadata=["outlet"])
    assert kwic(toks, ["Kyiv", "Kiev"])["match"].tolist() == ["kyiv", "kyiv", "kiev"]
    assert kwic(toks, "kiev|kyiv", regex=True)["match"].tolist() == ["kyiv", "kyiv", "kiev"]
    assert kwic(toks, "kiev", regex=True, whole_words=False)["match"].tolist() == ["kievan", "yenakiev", "kiev"]


def test_globs_give_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert kwic(NAMES, "Zelensk*")["match"].tolist() == ["Zelenskyy", "Zelenskiy", "Zelensky", "Zelensky's"]


def test_other_spellings_in_the_articles_are_named_or_searched_with_variants():
    with pytest.warns(PatternWarning, match=r"'Zelenskyy' \(1 article\), 'Zelenskiy' \(1 article\).*variants=True"):
        assert set(kwic(NAMES, "Zelensky")["doc_id"]) == {"c"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        k = kwic(NAMES, "Zelensky", variants=True)
    assert k[["doc_id", "match"]].values.tolist() == [["a", "Zelenskyy"], ["b", "Zelenskiy"], ["c", "Zelensky"],
                                                       ["c", "Zelensky's"]]
    with pytest.warns(PatternWarning, match="'Kiev'"):  # on a tokens table too
        kwic(tokenize(NAMES), "kyiv")


def test_abbreviations_with_periods_are_found_as_written():
    arts = pd.DataFrame({"doc_id": ["a"], "text": ["The U.S. and the US agreed."]})
    assert kwic(arts, "U.S.", window=1)[["left", "match", "right"]].values.tolist() == [["The", "U.S.", "and"]]


def test_an_empty_corpus_has_nothing_to_search_whatever_the_pattern():
    empty = NAMES.iloc[:0]
    for pattern in ("", "Kyiv", ["Kyiv", "Kiev"]):
        k = kwic(empty, pattern, regex=True)
        assert k.empty and list(k.columns) == ["doc_id", "sent_id", "position", "left", "match", "right", "outlet"]
    with pytest.raises(ValueError, match="look for"):
        kwic(NAMES, "", regex=True)


@pytest.mark.parametrize("pattern", ["the", "blair", "Tony Blair", "prime minister", "gov?rnment", "blai*", "u.s.",
                                     "mr blair said", "aa"])
def test_every_occurrence_in_the_articles_is_the_one_in_their_tokens(pattern):
    # Articles are searched only where the text holds the pattern's longest word; the tokens table, token by token.
    texts = ["Blair's aide met BLAIR and blair-ites; Tony Blair, the prime minister. Mr Blair said: no.",
             "The U.S. and the U.S.'s allies: aaa aa a. Theirs, the government (govrnment) and Blairs.",
             "Prime Minister Tony Blair said the government's plan, and mr blair said it again; tHe end."]
    arts = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PatternWarning)
        from_text = kwic(arts, pattern, window=2)
        from_tokens = kwic(tokenize(arts), pattern, window=2)
    assert len(from_text) > 0
    assert from_text[["doc_id", "sent_id", "position"]].values.tolist() == \
        from_tokens[["doc_id", "sent_id", "position"]].values.tolist()
    assert [m.lower().replace(" ", "") for m in from_text["match"]] == \
        [m.replace(" ", "") for m in from_tokens["match"]]
