"""Counting the words of a text as the articles table does (``n_words``), and what makes a text short.

>>> n_words("The U.S. and full-scale Kyiv's"), is_short_text("Too short.")
(5, True)
"""

from __future__ import annotations

import re

from ..text.patterns import TOKEN_SCAN_RE

_COUNTED = TOKEN_SCAN_RE

# Scripts written without spaces between words: a run of their characters is no word.
# Han ideographs, kana (Japanese) count 1 word per CJK_CHARACTERS_PER_WORD characters (modern Chinese words
# average about 1.5-1.7 characters, Japanese ones a little more); Thai, Lao, Khmer and Burmese 1 word per
# SEA_CHARACTERS_PER_WORD characters (about 4-5 letters and marks a word). Korean is written with spaces.
CJK_CHARACTERS_PER_WORD = 1.5
SEA_CHARACTERS_PER_WORD = 4.5
_CJK = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
                  r"\U00020000-\U0003134f]+")
_SEA = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]+")
_SPACELESS = re.compile(_CJK.pattern[:-2] + _SEA.pattern[1:-2] + "]")  # one character of either
# short_text: fewer than SHORT_WORDS words, or, for text mostly in scripts without spaces, fewer than
# SHORT_CHARACTERS of their characters (about 65 Chinese words).
SHORT_WORDS = 50
SHORT_CHARACTERS = 100
_LETTER = re.compile(r"[^\W\d_]")


def script_characters(text: str) -> tuple[int, int]:
    """Characters of ``text`` in scripts without spaces: (CJK ideographs and kana, Thai/Lao/Khmer/Burmese)."""
    if text.isascii() or not _SPACELESS.search(text):  # most texts: one quick scan instead of two findall
        return 0, 0
    return sum(map(len, _CJK.findall(text))), sum(map(len, _SEA.findall(text)))


def n_words(text: str) -> int:
    """Words as the articles table counts them (``n_words``).

    Tokens of ``corpus_tools.text.patterns.TOKEN_PATTERN`` (runs of letters/digits with inner - and ',
    abbreviations such as "U.S." one word), plus, for scripts without spaces, an estimate from their
    characters: CJK ideographs and kana / ``CJK_CHARACTERS_PER_WORD`` (1.5), Thai, Lao, Khmer and Burmese
    letters / ``SEA_CHARACTERS_PER_WORD`` (4.5), rounded.

    >>> n_words("The U.S. and full-scale Kyiv's"), n_words("新华社北京12月7日电"), n_words("")
    (5, 7, 0)
    """
    cjk, sea = script_characters(text)
    if cjk or sea:
        text = _SEA.sub(" ", _CJK.sub(" ", text))
    return len(_COUNTED.findall(text)) + round(cjk / CJK_CHARACTERS_PER_WORD + sea / SEA_CHARACTERS_PER_WORD)


def is_short_text(text: str, words: int | None = None) -> bool:
    """Fewer than ``SHORT_WORDS`` words; for text mostly in scripts without spaces, fewer than ``SHORT_CHARACTERS``.

    >>> is_short_text("Too short."), is_short_text("中" * 120), is_short_text("中" * 90)
    (True, False, True)
    """
    words = n_words(text) if words is None else words
    cjk, sea = script_characters(text)
    # Letters are counted only when some are of those scripts (0 > letters never holds).
    if (cjk or sea) and (cjk + sea) * 2 > len(_LETTER.findall(text)):
        return cjk + sea < SHORT_CHARACTERS
    return words < SHORT_WORDS

