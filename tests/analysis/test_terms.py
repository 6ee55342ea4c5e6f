import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tools.analysis.terms import count_terms, ngrams
from corpus_tools.analysis.tf_idf import add_tf_idf
from corpus_tools.core.validation import as_list
from corpus_tools.text.patterns import TOKEN_PATTERN, word_terms
from corpus_tools.text.tokens import tokenize

from ..conftest import corpus_path

TOKS = pd.DataFrame({
    "doc_id": ["a", "a", "a", "a", "b", "b", "c"],
    "sent_id": [0, 0, 0, 1, 0, 0, 0],
    "position": [0, 1, 2, 3, 0, 1, 0],
    "token": ["kyiv", "said", "kyiv", "said", "kiev", "said", "kyiv"],
    "outlet": ["X", "X", "X", "X", "TASS", "TASS", "X"],
})


def test_counts_shares_and_document_frequency_by_hand():
    c = count_terms(TOKS, by="outlet")
    x = c[c["outlet"] == "X"].set_index("term")
    assert x.loc["kyiv", "n"] == 3 and x.loc["said", "n"] == 2
    assert x.loc["kyiv", "share"] == pytest.approx(3 / 5)
    assert x.loc["kyiv", "n_docs"] == 2 and x.loc["said", "n_docs"] == 1
    assert c.groupby("outlet")["share"].sum().tolist() == pytest.approx([1.0, 1.0])


def test_by_string_equals_by_list_and_none_is_corpus_wide():
    pd.testing.assert_frame_equal(count_terms(TOKS, by="outlet"), count_terms(TOKS, by=["outlet"]))
    total = count_terms(TOKS)
    assert list(total.columns) == ["term", "n", "share", "n_docs"]
    assert total.set_index("term")["n"].to_dict() == {"kyiv": 3, "said": 3, "kiev": 1}


def test_bigrams_stay_inside_sentences():
    assert ngrams(TOKS, ngram=2)["token"].tolist() == ["kyiv said", "said kyiv", "kiev said"]
    c = count_terms(TOKS, ngram=2)
    assert set(c["term"]) == {"kyiv said", "said kyiv", "kiev said"}


def test_grouping_column_missing_says_how_to_get_it():
    with pytest.raises(KeyError, match="metadata"):
        count_terms(TOKS.drop(columns="outlet"), by="outlet")


def test_tf_idf_formula_by_hand():
    c = count_terms(TOKS, by="doc_id")
    t = add_tf_idf(c).set_index(["doc_id", "term"])
    # "kiev" is in 1 of 3 documents, 1 of 2 tokens of b: tf = 1/2, idf = ln(3/1)
    assert t.loc[("b", "kiev"), "tf_idf"] == pytest.approx(0.5 * np.log(3))
    # "said" is in documents a and b: idf = ln(3/2)
    assert t.loc[("a", "said"), "idf"] == pytest.approx(np.log(3 / 2))
    assert t.loc[("c", "kyiv"), "tf"] == 1.0


def test_input_unchanged():
    before = TOKS.copy(deep=True)
    add_tf_idf(count_terms(TOKS, by="outlet"))
    pd.testing.assert_frame_equal(TOKS, before)


def test_counts_agree_with_scikit_learn_on_bbc():
    from sklearn.feature_extraction.text import CountVectorizer

    from corpus_tools import read_articles

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = read_articles(corpus_path("bbc_news_2225", "bbc"), progress=False)
    ours = count_terms(tokenize(articles, cache=False), words_only=False).set_index("term")["n"]
    # Same token pattern and lower-casing; the curly apostrophe becomes a straight one in both.
    vec = CountVectorizer(token_pattern=TOKEN_PATTERN, preprocessor=lambda s: s.lower().replace("’", "'"))
    matrix = vec.fit_transform(articles["text"])
    theirs = pd.Series(np.asarray(matrix.sum(axis=0)).ravel(), index=vec.get_feature_names_out())
    assert len(ours) == len(theirs)
    pd.testing.assert_series_equal(ours.sort_index(), theirs.sort_index(), check_names=False, check_dtype=False)


# Worked by hand: "U.S." and "F.B.I." are one token each; "22", "2004", "6-3" are numbers; "F" (an initial)
# and the "s" of "U.S.'s" are one-letter tokens.
ABBREVIATED = pd.DataFrame({"doc_id": ["a", "b"], "text": [
    "The U.S. and the F.B.I. met at 9 a.m. on May 22, 2004. John F. Kennedy's U.S.'s",
    "The U.N. and the U.S. drew 6-3. Ph.D. students met the U.K. team."]})
ALL_TOKENS = {"the": 5, "u.s.": 3, "and": 2, "f.b.i.": 1, "met": 2, "at": 1, "9": 1, "a.m.": 1, "on": 1, "may": 1,
              "22": 1, "2004": 1, "john": 1, "f": 1, "kennedy's": 1, "s": 1, "u.n.": 1, "drew": 1, "6-3": 1,
              "ph.d.": 1, "students": 1, "u.k.": 1, "team": 1}


def test_abbreviations_are_one_token_and_numbers_and_single_letters_are_left_out_by_default():
    tokens = tokenize(ABBREVIATED, cache=False)
    assert count_terms(tokens, words_only=False).set_index("term")["n"].to_dict() == ALL_TOKENS
    words = count_terms(tokens).set_index("term")["n"].to_dict()
    assert words == {t: n for t, n in ALL_TOKENS.items() if t not in {"9", "22", "2004", "6-3", "f", "s"}}
    # n-grams holding a number or a one-letter token are left out too
    bigrams = set(count_terms(tokens, ngram=2)["term"])
    assert "u.s. and" in bigrams and "22 2004" not in bigrams and "f kennedy's" not in bigrams
    assert "22 2004" in set(count_terms(tokens, ngram=2, words_only=False)["term"])
    # the sentence rule still holds: "Ph.D." opens the second sentence of b, "U.S." ends none
    assert tokens.groupby("doc_id")["sent_id"].max().to_dict() == {"a": 1, "b": 1}


def test_counts_of_abbreviations_equal_count_vectorizer_with_the_same_token_pattern():
    from sklearn.feature_extraction.text import CountVectorizer

    vec = CountVectorizer(token_pattern=TOKEN_PATTERN, preprocessor=lambda s: s.lower().replace("’", "'"))
    matrix = vec.fit_transform(ABBREVIATED["text"])
    theirs = dict(zip(vec.get_feature_names_out(), np.asarray(matrix.sum(axis=0)).ravel().tolist()))
    tokens = tokenize(ABBREVIATED, cache=False)
    assert count_terms(tokens, words_only=False).set_index("term")["n"].to_dict() == theirs == ALL_TOKENS
    # words_only=True: the same counts, keeping the features that word_terms calls words
    kept = {t: n for t, n in theirs.items() if word_terms([t])[0]}
    assert count_terms(tokens).set_index("term")["n"].to_dict() == kept


def test_term_matrix_recount_equals_count_terms_on_the_chosen_articles(sample):
    from corpus_tools.analysis.terms import TermMatrix

    tokens = tokenize(sample, metadata=["outlet"])
    tm = TermMatrix(tokens, by="outlet")
    for chosen in (["003_8a265002178ab370"], list(sample["doc_id"][:3]), list(sample["doc_id"])):
        expected = count_terms(tokens[tokens["doc_id"].isin(chosen)], by="outlet")
        got = tm.count(doc_ids=chosen)
        pd.testing.assert_frame_equal(got.astype({"outlet": "str"}), expected.astype({"outlet": "str"}))


@pytest.mark.parametrize("n", [2, 3])
def test_ngrams_of_the_sample_are_consecutive_words_of_one_sentence(sample, n):
    from corpus_tools.text.tokens import tokenize

    toks = tokenize(sample, cache=False)
    got = ngrams(toks, ngram=n)
    # Spelled out the slow way: every run of n rows within one article and sentence.
    expected = []
    for (_, _), sent in toks.groupby(["doc_id", "sent_id"], sort=False, observed=True):
        words = sent["token"].astype(str).tolist()
        expected += [" ".join(words[i:i + n]) for i in range(len(words) - n + 1)]
    assert sorted(got["token"].astype(str)) == sorted(expected)
    assert len(got) == len(expected) > 1000
    # Each row keeps the position of its first word.
    first = got.iloc[0]
    row = toks[(toks["doc_id"] == first["doc_id"]) & (toks["position"] == first["position"])]
    assert str(first["token"]).split(" ")[0] == str(row["token"].iloc[0])


# --- Counting an articles table straight from its texts ----------------------------------------------


def _both_ways(articles, by, **kw):
    tokens = tokenize(articles, metadata=[b for b in as_list(by) if b != "doc_id"], cache=False)
    return count_terms(articles, by=by, **kw), count_terms(tokens, by=by, **kw)


@pytest.mark.parametrize("by", [None, "outlet", "doc_id", ["outlet", "date"], "date"])
@pytest.mark.parametrize("words_only", [True, False])
def test_counting_articles_gives_the_table_of_counting_their_tokens(sample, by, words_only):
    fast, slow = _both_ways(sample, by, words_only=words_only)
    pd.testing.assert_frame_equal(fast, slow)


def test_counting_articles_with_missing_groups_ids_and_texts():
    articles = pd.DataFrame({"doc_id": [3, 1, 1, 2, 5], "outlet": ["X", None, None, "Y", "X"],
                             "date": pd.to_datetime(["2024-01-02", None, None, "2024-01-01", "2024-01-02"]),
                             "text": ["Kyiv said no. Kyiv!", "The U.S. and U.K.", "Kyiv again", None, ""]})
    for by in [None, "outlet", "doc_id", ["outlet", "date"]]:
        fast, slow = _both_ways(articles, by)
        pd.testing.assert_frame_equal(fast, slow)
    # the two rows of article 1 are one article of group "missing": n_docs counts it once
    assert count_terms(articles, by="outlet").query("term == 'kyiv'")["n_docs"].tolist() == [1, 1]


def test_n_grams_of_articles_go_through_their_tokens(sample):
    fast, slow = _both_ways(sample, "outlet", ngram=2)
    pd.testing.assert_frame_equal(fast, slow)


def test_an_articles_table_without_its_group_column_says_what_it_has(sample):
    with pytest.raises(KeyError, match="articles table.*'topic'"):
        count_terms(sample, by="topic")


GENERATED_PIECES = ["Mr.", "Gen.", "U.S.", "u.s", "F.B.I.", "Ph.D.", "e.g.", "a.m.", "x.y.z", "İ", "İstanbul", "İ.S.",
                    "ΟΔΟΣ", "\u212a.", "Kyiv’s", "full-scale", "https://www.bbc.co.uk/news/a-1.html?x=1", "Москва",
                    "т.е.", "東京", "2004", "6-3", "3.5", "...", "…", ".", "!", "?", "—", "“", "”", "(", ")", "'", " ",
                    " ", " ", "  ", "\n", "\n\n", "\xa0", "\t", "The", "Smith", "said", "a", "Why"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(GENERATED_PIECES), max_size=30).map("".join),
                          st.sampled_from(["X", "Y", None])), min_size=1, max_size=6))
def test_counting_generated_articles_two_ways(rows):
    articles = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(rows))], "text": [t for t, _ in rows],
                             "outlet": [o for _, o in rows]})
    for by in [None, "outlet"]:
        fast, slow = _both_ways(articles, by, words_only=False)
        pd.testing.assert_frame_equal(fast, slow)


@pytest.mark.filterwarnings("ignore")
def test_counting_bbc_articles_by_section_equals_count_vectorizer_and_the_tokens_path():
    from sklearn.feature_extraction.text import CountVectorizer

    from corpus_tools import read_articles

    articles = read_articles(corpus_path("bbc_news_2225", "bbc"), progress=False)
    articles = articles.assign(section=articles["doc_id"].str.split("/").str[0])
    fast, slow = _both_ways(articles, "section", words_only=False)
    pd.testing.assert_frame_equal(fast, slow)
    vec = CountVectorizer(token_pattern=TOKEN_PATTERN, preprocessor=lambda s: s.lower().replace("’", "'"))
    matrix = vec.fit_transform(articles["text"]).tocoo()
    theirs = (pd.DataFrame({"section": articles["section"].to_numpy()[matrix.row],
                            "term": vec.get_feature_names_out()[matrix.col], "n": matrix.data})
              .groupby(["section", "term"])["n"].sum())
    assert fast.set_index(["section", "term"])["n"].sort_index().to_dict() == theirs.sort_index().to_dict()


MIXED_LANGUAGES = pd.DataFrame({
    "doc_id": ["en1", "ru1", "uk1", "mx1", "xx1", "en2"],
    "outlet": ["X", "Y", "Y", "X", "X", "Y"],
    "language": ["en", "ru", "uk", "mixed", "sw", "en"],
    "text": ["The army said that Kyiv was calm.", "Армия сказала, что в Киеве и в Харькове тихо.",
             "Армія сказала, що в Києві та у Харкові тихо.", "The army и Kyiv", "Jeshi lilisema kwamba Kyiv",
             "Kyiv said that the army was there, also."],
})


@pytest.mark.parametrize("stopwords, extra", [("auto", ["said", "also"]), ("auto", []), (None, ["said"]),
                                              ("english", []), ("ru", ["army"]), (["kyiv", "the"], ["calm"])])
def test_counting_articles_without_stop_words_equals_counting_the_tokens_left(stopwords, extra):
    from corpus_tools.text.stopwords import remove_stopwords

    meta = ["outlet", "language"] if stopwords == "auto" else ["outlet"]
    with warnings.catch_warnings(record=True) as fast_warned:
        warnings.simplefilter("always")
        fast = count_terms(MIXED_LANGUAGES, by="outlet", stopwords=stopwords, extra=extra)
    tokens = tokenize(MIXED_LANGUAGES, metadata=meta, cache=False)
    slow = count_terms(tokens, by="outlet", stopwords=stopwords, extra=extra)
    list_ = [] if stopwords is None else stopwords  # count_terms: None is no list, remove_stopwords: English
    with warnings.catch_warnings(record=True) as slow_warned:
        warnings.simplefilter("always")
        by_hand = count_terms(remove_stopwords(tokens, stopwords=list_, extra=extra), by="outlet")
    pd.testing.assert_frame_equal(fast, by_hand)
    pd.testing.assert_frame_equal(slow, by_hand)
    # Swahili has no list: both ways say so, naming the language
    assert [str(w.message)[:28] for w in fast_warned] == [str(w.message)[:28] for w in slow_warned]
    assert ("sw" in " ".join(str(w.message) for w in fast_warned)) == (stopwords == "auto")
    terms = set(fast["term"])
    assert not terms & {w.lower() for w in extra}
    assert ("the" in terms) == (stopwords in (None, "ru"))  # no list unless one is asked for
    assert fast.groupby("outlet")["share"].sum().round(9).eq(1).all()  # shares among the words kept


def test_auto_stop_words_drop_each_article_language_own_list():
    counts = count_terms(MIXED_LANGUAGES, by="doc_id", stopwords="auto")
    words = counts.groupby("doc_id")["term"].apply(set)
    assert "that" not in words["en1"] and "что" not in words["ru1"] and "що" not in words["uk1"]
    assert {"армия", "киеве"} <= words["ru1"] and "києві" in words["uk1"]
    assert not {"the", "и"} & words["mx1"]  # mixed: English and every listed language of the table


def test_auto_stop_words_need_the_language_column(sample):
    with pytest.raises(KeyError, match="language"):
        count_terms(sample.drop(columns="language"), by="outlet", stopwords="auto")


def test_two_word_phrases_without_stop_words_join_the_words_left(sample):
    from corpus_tools.text.stopwords import remove_stopwords

    got = count_terms(sample, by="outlet", ngram=2, stopwords="auto", extra=["said"])
    tokens = tokenize(sample, metadata=["outlet", "language"], cache=False)
    expected = count_terms(remove_stopwords(tokens, stopwords="auto", extra=["said"]), by="outlet", ngram=2)
    pd.testing.assert_frame_equal(got, expected)
    assert not {"the", "said"} & set(got["term"].str.split().explode())


def test_a_term_matrix_leaves_out_stop_words_from_tokens_as_from_articles(sample):
    from corpus_tools.analysis.terms import TermMatrix
    from corpus_tools.text.stopwords import remove_stopwords

    tokens = tokenize(sample, metadata=["outlet"], cache=False)
    expected = count_terms(remove_stopwords(tokens, stopwords="english", extra=["said"]), by="outlet")
    for table in (tokens, sample):
        got = TermMatrix(table, by="outlet", stopwords="english", extra=["said"]).count()
        pd.testing.assert_frame_equal(got, expected)
    only_extra = TermMatrix(tokens, by="outlet", extra=["said"]).count()  # no list: only the extra words go
    assert "said" not in set(only_extra["term"]) and "the" in set(only_extra["term"])
