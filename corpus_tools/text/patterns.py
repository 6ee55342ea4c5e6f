"""The patterns every step agrees on: what a token is, which terms are words, which abbreviations do not end a sentence.

A token is a run of letters and digits with inner hyphens or apostrophes ("Kyiv's", "full-scale",
"2004"), or an abbreviation written with periods, kept whole with its final period:

- two or more single letters each followed by a period: ``U.S.`` → ``u.s.``, ``F.B.I.``, ``U.N.``,
  ``U.K.``, ``D.C.``, ``a.m.``, ``p.m.``, ``e.g.``, ``i.e.``, ``J.F.K.``;
- ``Ph.D.`` (the one longer shape listed).

A lone initial is not an abbreviation token: "John F. Kennedy" gives ``john``, ``f``, ``kennedy``
(a period after one capital is as often a sentence end, "Plan B."; counts leave one-letter tokens
out by default, see :func:`word_terms`). "U.S.-led" gives ``u.s.``, ``led``; "US" stays ``us``.

>>> import re
>>> re.findall(TOKEN_PATTERN, "The U.S. and F.B.I. at 9 a.m.: John F. Kennedy's Ph.D. thesis, 2004.")
['The', 'U.S.', 'and', 'F.B.I.', 'at', '9', 'a.m.', 'John', 'F', "Kennedy's", 'Ph.D.', 'thesis', '2004']

``TOKEN_PATTERN`` is a plain regular expression: scikit-learn's ``CountVectorizer(token_pattern=TOKEN_PATTERN,
preprocessor=lambda s: s.lower().replace("’", "'"))`` finds the same tokens as :func:`tokenize`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..data import read_words

# Abbreviations with periods, one token each (final period included): "U.S.", "a.m.", "Ph.D.".
ABBREVIATION_PATTERN = r"(?:[^\W\d_]\.){2,}|[Pp][Hh]\.[Dd]\."
WORD_PATTERN = r"\w+(?:[-'’]\w+)*"
TOKEN_PATTERN = ABBREVIATION_PATTERN + "|" + WORD_PATTERN

TOKEN_RE = re.compile(TOKEN_PATTERN)
# TOKEN_RE's matches, found faster: each starts with a word character (the look-ahead lets the engine skip
# the others quickly), and a word never gives back letters (possessive: nothing follows it). For scanning
# texts (tests/io/test_word_counts.py checks they are the same); TOKEN_PATTERN is what users see.
TOKEN_SCAN_RE = re.compile(r"(?=\w)(?:" + ABBREVIATION_PATTERN + r"|\w++(?:[-'’]\w++)*+)")

PARAGRAPH_RE = re.compile(r"\n\s*\n|\n")

ABBREVIATIONS = read_words("abbreviations.txt")  # do not end a sentence: "Gen.", "U.S."

INITIALS_RE = re.compile(r"(?:[A-Za-z\u212a]\.)*[A-Za-z\u212a]")  # "J", "U.S", "D.C" (\u212a: the Kelvin sign, a K)

# The sentence rule, shared by the splitter (sentences.py) and the one-pass tokenizer (tokenizer.py):
# a sentence ends at . ! ? (or …), possibly followed by closing quotes or brackets, then white
# space, then something that can start a sentence (a capital, a digit, an opening quote) -- except
# after an abbreviation or initials (:func:`is_abbreviation`).
# Guillemets and low quotes open quotes in Russian, Ukrainian, French and German; ¿ ¡ open Spanish sentences.
OPENERS = "\"“‘'([«„‹¿¡"
CLOSERS = "\"”’')]»›"
OPENER_CLASS = "[\"“‘'(\\[«„‹¿¡]"
CLOSER_CLASS = "[\"”’'\\)\\]»›]"
# ؟ is the Arabic question mark, । the Devanagari full stop (danda).
STOP_CLASS = "[.!?…؟।]"
# What may open the next sentence: a capital (Latin with accents, Cyrillic with Ukrainian Ґ, Greek), a digit, or
# a letter of a script without capitals (Arabic and Persian, Hebrew, Devanagari).
SENTENCE_NEXT = (r"(?=\s+" + OPENER_CLASS + r"*[A-Z0-9\u00c0-\u024f\u0400-\u042f\u0490\u0386-\u038f\u0391-\u03ab"
                 r"\u05d0-\u05ea\u0620-\u064a\u066e-\u06d3\u0904-\u0939])")
# Chinese and Japanese full stops end a sentence with no space after them (。！？ and closing brackets).
CJK_STOP = r"[。！？]+[」』）”’]*"

# A term made of words: each part (an n-gram's words are joined by spaces) holds a letter and has
# at least two characters. Numbers ("22", "2004", "6-3") and one-letter tokens ("f", "s") are not words.
WORD_TERM_RE = re.compile(r"(?:(?=[^ ]*[^\W\d_])[^ ]{2,})(?: (?=[^ ]*[^\W\d_])[^ ]{2,})*")


def is_abbreviation(word: str) -> bool:
    """Whether a stop after ``word`` (as written, opening marks and final periods allowed) is no sentence end.

    >>> is_abbreviation("(Gen."), is_abbreviation("U.S"), is_abbreviation("Kyiv")
    (True, True, False)
    """
    word = word.lstrip(OPENERS).rstrip(".")
    return word.lower() in ABBREVIATIONS or INITIALS_RE.fullmatch(word) is not None


def word_terms(terms) -> np.ndarray:
    """One boolean per term: True for words, False for numbers and one-letter tokens.

    What ``words_only=True`` keeps in :func:`count_terms`, :func:`keyness`, the terms explorer and
    the document-term matrix of topics and maps: terms whose every word holds a letter and has
    two characters or more ("u.s.", "covid-19", "1990s", "g7" are words; "22", "08", "2004",
    "6-3", "f" are not).

    >>> word_terms(["kyiv", "22", "6-3", "f", "u.s.", "covid-19", "nato summit", "on 22"]).tolist()
    [True, False, False, False, True, True, True, False]
    """
    values = pd.Series(np.asarray(terms, dtype=object) if not isinstance(terms, pd.Series) else terms, dtype="str")
    return np.asarray(values.str.fullmatch(WORD_TERM_RE).fillna(False), dtype=bool)
