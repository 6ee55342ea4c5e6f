import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tools.text.patterns import TOKEN_PATTERN
from corpus_tools.text.sentences import sentence_spans, split_sentences
from corpus_tools.text.stopwords import remove_stopwords, stopwords
from corpus_tools.text.tokens import tokenize

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
    assert a == ["Mr. Smith met Gen. Milley in the U.S. on Nov. 28.", "“Will it last?” she asked.", "It did.",
                 "New paragraph"]
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


@pytest.mark.parametrize("text", ["The cat sat. The cat ran away.", "He said no. Then he left.",
                                  "They wed. It was March."])
def test_words_that_look_like_abbreviations_still_end_sentences(text):
    assert len(split_sentences(pd.DataFrame({"doc_id": ["a"], "text": [text]}))) == 2


# --- The one-pass tokenizer gives exactly the sentences of split_sentences ---------------


def _reference_tokens(texts):
    """Token, sentence number and position per token: split sentences, then find tokens in each."""
    rows = []
    for i, body in enumerate(texts):
        position = 0
        for k, (a, b) in enumerate(sentence_spans(body) if isinstance(body, str) else []):
            # lowercased before tokens are found, as scikit-learn's CountVectorizer does ("İ": "i" + a dot)
            for tok in re.findall(TOKEN_PATTERN, body[a:b].lower()):
                rows.append((i, k, position, tok.replace("’", "'")))
                position += 1
    return rows


def _fast_tokens(texts, **kw):
    arts = pd.DataFrame({"doc_id": [f"d{i:04d}" for i in range(len(texts))], "text": texts})
    t = tokenize(arts, cache=False, **kw)
    doc = t["doc_id"].astype(str).str[1:].astype(int)
    return list(zip(doc, t["sent_id"], t["position"], t["token"].astype(str)))


PIECES = ["Mr.", "Gen.", "U.S.", "e.g.", "ph.D.", "x.Gen.", "(Mr.", "“Dr.", "x(Mr.", "\"\"\"\"Mr.", "Sept.", "approx.",
          "A.B.C.D.E.F.G.H.I.J.K.L.M.N.O.P.Q.R.S.T.U.V.W.", "éA.B.C.D.E.F.G.H.I.J.K.L.M.N.O.P.Q.R.S.T.U.V.",
          "said.", "it.", "Kyiv’s", "full-scale", "2004.", "3.5", "...", "…", "?", "!", "?”", ".\"", ".)", "***", "—",
          "×", "÷", "\x00", "\n", "\n\n", " \n ", "  ", " ", "The", "Smith", "ΟΔΟΣ", "İstanbul", "\u212a.", "u.\u212a.",
          "'", "(", "\"", "“", "Why", "9", "Я", "É", "ſt.", "Σ", "ΑΣ", ":", "\u0301", "\u00ad",
          # abbreviation tokens: whole or cut short, after other characters, in other scripts
          "F.B.I.", "a.m.", "U.S", "A.B.C", "Ph.D", "x.y.", "т.е.", "É.É.", ".", "-", "'s", "z.", "5.", "_"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=30).map("".join), min_size=1, max_size=4))
def test_one_pass_tokenizer_matches_sentence_splitter(texts):
    assert _fast_tokens(texts) == _reference_tokens(texts)


@pytest.mark.parametrize("text", ["He left.  Σ is next.", "Mr.Mr.  Σ", "Ο ΑΡΗΣ. “Σήμερα” είπε.", "ΟΔΟΣ...Mr. Σ"])
def test_a_greek_capital_sigma_starts_a_sentence_in_both_tokenizers(text):
    # (found by the generated texts: the one-pass tokenizer lowercased every capital sigma, so it started none)
    assert _fast_tokens([text]) == _reference_tokens([text])
    tokens = tokenize(pd.DataFrame({"doc_id": ["a"], "text": [text]}), cache=False)
    assert tokens["sent_id"].max() == len(split_sentences(pd.DataFrame({"doc_id": ["a"], "text": [text]}))) - 1


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("aZé .!?\"“”'’()-\n×\x00Mr.SUİΣ:\u0301")), max_size=60),
                min_size=1, max_size=4))
def test_one_pass_tokenizer_matches_on_random_text(texts):
    assert _fast_tokens(texts) == _reference_tokens(texts)


@pytest.mark.filterwarnings("ignore")
def test_one_pass_tokenizer_on_a_real_corpus():
    from corpus_tools.io.read import read_articles
    from tests.conftest import corpus_path

    arts = read_articles(corpus_path("bbc_news_2225", "bbc"), progress=False).head(600)
    assert _fast_tokens(arts["text"].tolist()) == _reference_tokens(arts["text"].tolist())


def test_tokens_table_is_compact_and_round_trips_through_parquet(tmp_path):
    t = tokenize(ARTS, metadata="outlet", cache=False)
    assert {c: str(t[c].dtype) for c in ["sent_id", "position"]} == {"sent_id": "int16", "position": "int32"}
    assert isinstance(t["token"].dtype, pd.CategoricalDtype) and isinstance(t["doc_id"].dtype, pd.CategoricalDtype)
    # Categories sort like the strings, so sorting the table sorts by word.
    assert list(t["token"].cat.categories) == sorted(t["token"].cat.categories)
    t.to_parquet(tmp_path / "t.parquet")
    back = pd.read_parquet(tmp_path / "t.parquet")
    pd.testing.assert_frame_equal(back, t)


def test_large_inputs_use_worker_processes_with_the_same_result(monkeypatch):
    import corpus_tools.text.tokens as tokens_module

    texts = [ARTS["text"][i % 2] + f" Item {i}." for i in range(300)]
    arts = pd.DataFrame({"doc_id": [str(i) for i in range(300)], "text": texts})
    one = tokenize(arts, cache=False)
    monkeypatch.setattr(tokens_module, "PARALLEL_MIN_ARTICLES", 10)
    monkeypatch.setattr(tokens_module, "CHUNK_CHARS", 2000)
    many = tokenize(arts, cache=False)
    pd.testing.assert_frame_equal(one, many)
    assert np.array_equal(many["position"].to_numpy()[:3], [0, 1, 2])


@pytest.mark.filterwarnings("ignore")
def test_tokens_with_outlet_and_date_take_at_most_three_times_the_text():
    # As the notebooks tokenize: metadata=["outlet", "date"]; the BBC texts with eight outlets and a year of dates.
    from corpus_tools.io.read import read_articles
    from tests.conftest import corpus_path

    arts = read_articles(corpus_path("bbc_news_2225", "bbc"), progress=False)
    i = np.arange(len(arts))
    arts = arts.assign(outlet=[f"outlet {k % 8}" for k in i],
                       date=pd.Timestamp("2024-01-01") + pd.to_timedelta(i % 366, unit="D"))
    t = tokenize(arts, metadata=["outlet", "date"], cache=False)
    text_bytes = sum(len(s.encode("utf-8")) for s in arts["text"])
    assert t.memory_usage(deep=True).sum() <= 3 * text_bytes
    # the dates are still dates to whoever reads them
    assert t["date"].dt.month.max() == 12 and t["date"].min() == pd.Timestamp("2024-01-01")
    by_article = arts.set_index(arts["doc_id"].astype(str))["date"]
    expected = by_article.reindex(t["doc_id"].astype(str)).to_numpy()
    assert (t["date"].astype("datetime64[ns]").to_numpy() == expected).all()
