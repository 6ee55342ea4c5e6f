"""Words used alike (NLTK's Text.similar and common_contexts), checked against NLTK itself."""

from collections import Counter

import pandas as pd
import pytest
from nltk.text import ContextIndex

import corpus_tools as ct

# Letters only: NLTK drops every other token (punctuation, numbers) before taking contexts.
TEXT = ("the cat sat on the mat then the dog sat on the rug then a cat ran to the dog then the bird sat on the mat "
        "then a dog ran to the cat").split()


def _tokens(words, doc="a"):
    return pd.DataFrame({"doc_id": doc, "sent_id": 0, "position": range(len(words)), "token": words})


def _nltk_similar(words, word):
    """What NLTK's Text.similar ranks by: distinct contexts shared with ``word``."""
    index = ContextIndex(words, filter=lambda x: x.isalpha(), key=lambda s: s.lower())
    wci = index._word_to_contexts
    contexts = set(wci[word])
    return Counter(w for w in wci.conditions() for c in wci[w] if c in contexts and w != word), index


def test_similar_words_by_hand():
    table = ct.similar_words(_tokens(TEXT), "cat")
    assert list(table.columns) == ["word", "contexts", "score", "n"]
    # cat: (the, sat), (a, ran), (the, *END*); dog: (the, sat), (the, then), (a, ran); bird: (the, sat).
    top = table.set_index("word")
    assert top.loc["dog", "contexts"] == 2 and top.loc["dog", "n"] == 3
    assert top.loc["dog", "score"] == 1 * 1 + 1 * 1  # (the, sat) and (a, ran): cat once, dog once in each
    assert top.loc["bird", "contexts"] == 1
    assert table["contexts"].is_monotonic_decreasing


@pytest.mark.parametrize("word", ["cat", "dog", "mat", "sat", "the"])
def test_similar_words_match_nltk(word):
    expected, _ = _nltk_similar(TEXT, word)
    table = ct.similar_words(_tokens(TEXT), word, n=100)
    table = table[table["word"].str.isalpha()]
    assert dict(zip(table["word"], table["contexts"])) == dict(expected)


def test_similar_words_on_the_sample_match_nltk_article_by_article(sample):
    tokens = ct.tokenize(sample)
    one = tokens[tokens["doc_id"] == tokens["doc_id"].cat.categories[0]]
    one = one[one["token"].astype(str).str.isalpha()]  # as NLTK's stream
    words = one["token"].astype(str).tolist()
    for word in ("nato", "ukraine", "said"):
        expected, _ = _nltk_similar(words, word)
        table = ct.similar_words(one, word, n=1000)
        assert dict(zip(table["word"], table["contexts"])) == {w: k for w, k in expected.items()}, word


def test_contexts_do_not_cross_articles_and_unknown_words_give_nothing():
    two = pd.concat([_tokens(["in", "kyiv"], "a"), _tokens(["kiev", "today"], "b")])
    assert ct.similar_words(two, "kyiv").empty
    assert ct.common_contexts(two, ["kyiv", "kiev"]).empty
    assert ct.similar_words(two, "paris").empty
    assert ct.common_contexts(two, ["kyiv", "paris"]).empty


def test_common_contexts_match_nltk():
    _, index = _nltk_similar(TEXT, "cat")
    expected = {tuple(c) for c in index.common_contexts(["cat", "dog"])}
    table = ct.common_contexts(_tokens(TEXT), ["cat", "dog"])
    assert list(table.columns) == ["left", "right", "n"]
    assert set(zip(table["left"], table["right"])) == expected
    # Here every occurrence counts: (the, sat) holds cat once and dog once.
    assert table.set_index(["left", "right"]).loc[("the", "sat"), "n"] == 2
    with pytest.raises(ValueError, match="Give the words"):
        ct.common_contexts(_tokens(TEXT), [])
