import re

import pandas as pd

from corpus_tools.analysis.kwic import kwic
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
    assert kwic(ARTS, "kyiv")["match"].tolist() == ["Kyiv's"]
    assert kwic(ARTS, "KI*")["match"].tolist() == ["Kiev"]
    assert kwic(ARTS, "front line")[["doc_id", "match"]].values.tolist() == [["a", "front line"], ["b", "front line"]]
    assert kwic(ARTS, "kyiv", case_sensitive=True).empty


def test_window_and_context_columns():
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
