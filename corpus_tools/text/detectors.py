"""Odd characters and punctuation: the one definition used both when loading (flags) and by the warning signs.

>>> find_mixed_script("NATO was accused of провоцируя conflict in Кyiv")
[(20, 'провоцируя', 'Cyrillic word in Latin text'), (43, 'Кyiv', 'К: Cyrillic')]
>>> [m for _, m in find_doubled_punctuation("objectives.. It said... fine,, ok")]
['..', ',,']
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

_WORD = re.compile(r"[^\W\d_]+")
# Cyrillic and Greek letters that look like Latin ones: a word made only of these reads as Latin.
_LOOKALIKE = set("АВЕКМНОРСТХаеорсухіјѕԁӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧονρ")
_SCRIPTS = {"LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW", "ARMENIAN", "GEORGIAN", "DEVANAGARI", "THAI", "HANGUL",
            "HIRAGANA", "KATAKANA", "CJK"}
_LATIN = ("Latin",)  # every letter of an ASCII word is Latin: one entry stands for them all
_LATIN_OR_OTHER = ("Latin", "other")
# ".." ",," ";;" "??" "!!" "::"; an ellipsis "..." is not doubled.
_DOUBLED = re.compile(r"(?<![.])\.\.(?![.])|,,|;;|\?\?|!!|::")
_DOUBLED_MARKS = ("..", ",,", ";;", "??", "!!", "::")


@functools.lru_cache(maxsize=8192)
def script_of(ch: str) -> str:
    """The alphabet of a letter from its Unicode name ("CYRILLIC CAPITAL LETTER KA" -> "Cyrillic"), else "other"."""
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0] if name else ""
    return first.capitalize() if first in _SCRIPTS else "other"


def find_mixed_script(text: str) -> list[tuple[int, str, str]]:
    """Words in another alphabet than the text's own, and words mixing alphabets: ``(start, word, why)``.

    The text's own alphabet is the one most of its single-alphabet words use; a word in another
    alphabet counts only when the main one has at least three times as many words. Accented
    Latin is Latin; a text wholly in Cyrillic is not "mixed".

    >>> find_mixed_script("Росcия")  # a Latin "c" inside a Cyrillic word (a homoglyph)
    [(0, 'Росcия', 'c: Latin')]
    """
    if not isinstance(text, str) or text.isascii():
        return []
    # Letters of no named alphabet but Latin (accents, £, curly quotes): every word is Latin or of no
    # alphabet, so nothing is mixed. One look at each distinct character instead of every word.
    if all(ch.isascii() or script_of(ch) in _LATIN_OR_OTHER for ch in set(text)):
        return []
    words = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    # Letters in ASCII are Latin: only the other words are looked at letter by letter.
    scripts = [_LATIN if w.isascii() else [script_of(ch) for ch in w] for _, w in words]
    totals = Counter(s[0] for s in scripts if len(set(s)) == 1 and s[0] != "other")
    main = totals.most_common(1)[0][0] if totals else None
    found = []
    for (start, w), s in zip(words, scripts):
        kinds = set(s) - {"other"}
        if len(kinds) > 1:
            # The odd letters are those outside the text's alphabet (or, failing that, the word's own).
            ref = main if main in kinds else Counter(k for k in s if k != "other").most_common(1)[0][0]
            odd = [ch for ch, k in zip(w, s) if k not in (ref, "other")]
            found.append((start, w, ", ".join(f"{ch}: {script_of(ch)}" for ch in dict.fromkeys(odd))))
        elif main and kinds and kinds != {main} and totals[main] >= 3 * totals[next(iter(kinds))]:
            if main == "Latin" and all(ch in _LOOKALIKE for ch in w):
                found.append((start, w, f"written in {next(iter(kinds))} letters that look Latin"))
            else:
                found.append((start, w, f"{next(iter(kinds))} word in {main} text"))
    return found


def find_doubled_punctuation(text: str) -> list[tuple[int, str]]:
    """Doubled marks (".." ",," ";;" "??" "!!" "::") as ``(start, mark)``; an ellipsis "..." is not doubled.

    >>> find_doubled_punctuation("They met:: here")
    [(8, '::')]
    """
    if not isinstance(text, str) or not any(mark in text for mark in _DOUBLED_MARKS):
        return []  # a substring test is far cheaper than the regex's look-arounds
    return [(m.start(), m.group()) for m in _DOUBLED.finditer(text)]
