"""The patterns every step agrees on: what a token is, and which abbreviations do not end a sentence."""

from __future__ import annotations

import re

from ..data import read_words

TOKEN_PATTERN = r"\w+(?:[-'’]\w+)*"

TOKEN_RE = re.compile(TOKEN_PATTERN)

PARAGRAPH_RE = re.compile(r"\n\s*\n|\n")

ABBREVIATIONS = read_words("abbreviations.txt")  # do not end a sentence: "Gen.", "U.S."

INITIALS_RE = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")  # "J", "U.S", "D.C"

# The sentence rule, shared by the splitter (sentences.py) and the one-pass tokenizer (tokenizer.py):
# a sentence ends at . ! ? (or …), possibly followed by closing quotes or brackets, then white
# space, then something that can start a sentence (a capital, a digit, an opening quote) -- except
# after an abbreviation or initials (:func:`is_abbreviation`).
OPENERS = "\"“‘'(["
CLOSERS = "\"”’')]"
OPENER_CLASS = "[\"“‘'(\\[]"
CLOSER_CLASS = "[\"”’'\\)\\]]"
STOP_CLASS = "[.!?…]"
SENTENCE_NEXT = r"(?=\s+" + OPENER_CLASS + r"*[A-Z0-9\u00c0-\u024f\u0400-\u042f])"


def is_abbreviation(word: str) -> bool:
    """Whether a stop after ``word`` (as written, opening marks and final periods allowed) is no sentence end.

    >>> is_abbreviation("(Gen."), is_abbreviation("U.S"), is_abbreviation("Kyiv")
    (True, True, False)
    """
    word = word.lstrip(OPENERS).rstrip(".")
    return word.lower() in ABBREVIATIONS or INITIALS_RE.fullmatch(word) is not None


