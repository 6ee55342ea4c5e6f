"""Counting straight from texts finds exactly the tokens of the lowercased text (as CountVectorizer does)."""

import re
import sys
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus_tools.text.term_counts as term_counts_module
from corpus_tools.text.patterns import TOKEN_PATTERN
from corpus_tools.text.term_counts import term_counts


def _reference(texts):
    """Tokens of each whole text, lowercased first: one Counter per text."""
    return [Counter(t.replace("’", "'") for t in re.findall(TOKEN_PATTERN, s.lower())) if isinstance(s, str)
            else Counter() for s in texts]


def _ours(texts):
    m, vocab = term_counts(texts)
    assert m.shape == (len(texts), len(vocab))
    return [Counter({vocab[j]: int(n) for j, n in zip(row.indices, row.data)}) for row in m]


def test_counts_by_hand():
    texts = ["The U.S. and the U.K. met at 9 a.m.", "Kyiv’s  forces,\nKyiv's allies", "", None]
    assert _ours(texts) == [
        Counter({"the": 2, "u.s.": 1, "and": 1, "u.k.": 1, "met": 1, "at": 1, "9": 1, "a.m.": 1}),
        Counter({"kyiv's": 2, "forces": 1, "allies": 1}), Counter(), Counter()]


def test_dotted_capital_i_lowercases_to_two_tokens_as_in_count_vectorizer():
    from sklearn.feature_extraction.text import CountVectorizer

    texts = ["İstanbul and İzmir, İ.S. ΟΔΟΣ ΟΔΟΣ."]
    vec = CountVectorizer(token_pattern=TOKEN_PATTERN, preprocessor=lambda s: s.lower().replace("’", "'"))
    theirs = dict(zip(vec.fit(texts).get_feature_names_out(), vec.transform(texts).toarray()[0].tolist()))
    assert _ours(texts)[0] == Counter(theirs)
    assert {"i", "stanbul", "zmir", "s", "οδος"} <= set(theirs) and "i̇stanbul" not in theirs


# Pieces that test the claims the module rests on: tokens never span white space of any kind
# (Python's and Arrow's white space, including \x1c-\x1f, NBSP, U+2028), lowercasing letters that
# change length or context (İ, final sigma, the Kelvin sign), abbreviations, URLs, other scripts.
PIECES = ["U.S.", "u.s", "F.B.I.", "Ph.D.", "a.m.", "e.g.", "Mr.", "x.y.z", "İ", "İstanbul", "İ.S.", "ΟΔΟΣ", "Σ",
          "σ", "\u212a", "\u212a.", "ß", "ﬁ", "Kyiv’s", "full-scale", "--", "'", "’", "-", ".", "...", "…",
          "https://www.bbc.co.uk/news/world-2024.html?x=1&y=2", "user@example.org", "#tag", "@name",
          "Москва", "т.е.", "東京", "مرحبا", "हिन्दी", "café", "cafe\u0301", "2004", "6-3", "3.5", "_", "x_y", "\x00",
          " ", "  ", "\n", "\t", "\r\n", "\xa0", "\u2028", "\u3000", "\x1c", "\x1f", "\x85", "\u200b", "\u180e",
          "(", ")", "“", "”", "\"", "a", "B", "c1"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=25).map("".join), min_size=1, max_size=5))
def test_pieces_give_the_tokens_of_the_whole_lowercased_text(texts):
    assert _ours(texts) == _reference(texts)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=4))
def test_any_unicode_text(texts):
    texts = [t for t in texts if not any(0xD800 <= ord(c) <= 0xDFFF for c in t)]  # (not valid UTF-8)
    assert _ours(texts) == _reference(texts)


def test_white_space_splits_where_python_does():
    # Arrow's white space must be Python's (str.isspace): any difference could join or cut tokens.
    spaces = [chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()]
    texts = [f"ab{s}cd" for s in spaces]
    assert _ours(texts) == [Counter({"ab": 1, "cd": 1})] * len(spaces)


def test_chunks_are_merged_into_one_vocabulary(monkeypatch):
    texts = ["Kyiv said no.", "Kiev said yes.", "NATO and Kyiv.", "", "yes yes"] * 3
    one = _ours(texts)
    monkeypatch.setattr(term_counts_module, "CHUNK_CHARS", 10)
    assert _ours(texts) == one == _reference(texts)


@pytest.mark.filterwarnings("ignore")
def test_equal_to_count_vectorizer_on_bbc():
    from sklearn.feature_extraction.text import CountVectorizer

    from corpus_tools import read_articles

    from ..conftest import corpus_path

    texts = read_articles(corpus_path("bbc_news_2225", "bbc"), progress=False)["text"]
    m, vocab = term_counts(texts)
    vec = CountVectorizer(token_pattern=TOKEN_PATTERN, preprocessor=lambda s: s.lower().replace("’", "'"))
    theirs = vec.fit_transform(texts)
    order = np.argsort(np.asarray(vocab, dtype=object))
    assert np.asarray(vocab, dtype=object)[order].tolist() == vec.get_feature_names_out().tolist()
    assert (m[:, order] != theirs).nnz == 0  # every article, every term
