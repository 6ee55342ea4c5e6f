"""n_words counts the tokens of TOKEN_PATTERN, with a faster regex of its own: the same matches."""

import pytest

from corpus_tools.io import word_counts
from corpus_tools.text.patterns import TOKEN_RE

TEXTS = [
    "The U.S. and full-scale Kyiv's", "e.g.Kyiv a.b.c-d Ph.D. ph.d.x PH.D", "U.S.A. U.S F.B.I.'s", "x-y-z -x- x--y",
    "don’t rock’n’roll it's 'quoted'", "İstanbul ΟΔΟΣ Київ’s ſtate", "123 4.5 6,000 _a_ a_b", "a. b. c.", "",
    "新华社北京12月7日电 ไทย", "end.\nU.S.\tmid-\nline", "x" * 50 + "." + "y" * 3,
]


@pytest.mark.parametrize("text", TEXTS)
def test_counted_matches_are_the_tokens(text):
    assert word_counts._COUNTED.findall(text) == TOKEN_RE.findall(text)
