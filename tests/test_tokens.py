import pandas as pd
import pytest

from corpus_tools.tokens import remove_stopwords, split_sentences, stopwords, tokenize

ARTS = pd.DataFrame({
    "doc_id": ["a", "b"],
    "outlet": ["X", "Y"],
    "text": [
        "Mr. Smith met Gen. Milley in the U.S. on Nov. 28. “Will it last?” she asked. It did.\n\nNew paragraph",
        "Kyiv’s forces held. Kyiv's allies agreed.",
    ],
})


def test_sentences_respect_abbreviations_quotes_and_paragraphs():
    s = split_sentences(ARTS)
    a = s[s["doc_id"] == "a"]["text"].tolist()
    assert a == ["Mr. Smith met Gen. Milley in the U.S. on Nov. 28.", "“Will it last?” she asked.", "It did.", "New paragraph"]
    assert s.groupby("doc_id")["sent_id"].apply(list).to_dict() == {"a": [0, 1, 2, 3], "b": [0, 1]}


def test_sentence_offsets_point_into_the_text():
    s = split_sentences(ARTS)
    texts = dict(zip(ARTS["doc_id"], ARTS["text"]))
    for _, r in s.iterrows():
        assert texts[r["doc_id"]][r["start"]:r["end"]] == r["text"]


def test_tokens_one_row_per_token_with_positions_and_metadata():
    t = tokenize(ARTS, metadata="outlet")
    assert list(t.columns) == ["doc_id", "sent_id", "position", "token", "outlet"]
    b = t[t["doc_id"] == "b"]
    assert b["token"].tolist() == ["kyiv's", "forces", "held", "kyiv's", "allies", "agreed"]
    assert b["position"].tolist() == list(range(6)) and b["sent_id"].tolist() == [0, 0, 0, 1, 1, 1]
    assert set(b["outlet"]) == {"Y"}
    a = t[t["doc_id"] == "a"]
    assert a[a["token"] == "paragraph"]["sent_id"].item() == 3


def test_case_and_stemming_options():
    t = tokenize(ARTS, lowercase=False)
    assert "Smith" in set(t["token"])
    stemmed = tokenize(ARTS, stem=True)
    assert "agre" in set(stemmed["token"]) and "alli" in set(stemmed["token"])


def test_metadata_string_and_list_are_the_same():
    pd.testing.assert_frame_equal(tokenize(ARTS, metadata="outlet"), tokenize(ARTS, metadata=["outlet"]))


def test_input_unchanged():
    before = ARTS.copy(deep=True)
    tokenize(ARTS, metadata=["outlet"])
    split_sentences(ARTS)
    pd.testing.assert_frame_equal(ARTS, before)


def test_stop_words_are_an_anti_join_and_extendable():
    t = tokenize(ARTS)
    kept = remove_stopwords(t)
    assert "the" not in set(kept["token"]) and "smith" in set(kept["token"])
    own = remove_stopwords(t, stopwords=stopwords(extra=["asked"]))
    assert "asked" not in set(own["token"])
    assert remove_stopwords(t, stopwords=["kyiv's"])["token"].str.contains("kyiv").sum() == 0
    # positions are kept, so the gaps show what was removed
    assert kept["position"].is_monotonic_increasing or kept.groupby("doc_id")["position"].is_monotonic_increasing.all()


def test_missing_column_is_named():
    with pytest.raises(KeyError, match="'outlet'"):
        tokenize(ARTS[["doc_id", "text"]], metadata=["outlet"])


def test_empty_and_missing_text():
    arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["", None]})
    assert len(tokenize(arts)) == 0 and len(split_sentences(arts)) == 0


def test_tokens_match_the_loader_word_count(sample):
    t = tokenize(sample)
    counts = t.groupby("doc_id").size()
    assert counts.to_dict() == dict(zip(sample["doc_id"], sample["n_words"]))


@pytest.mark.parametrize("text", ["The cat sat. The cat ran away.", "He said no. Then he left.", "They wed. It was March."])
def test_words_that_look_like_abbreviations_still_end_sentences(text):
    assert len(split_sentences(pd.DataFrame({"doc_id": ["a"], "text": [text]}))) == 2
