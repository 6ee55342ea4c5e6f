"""The patterns every step agrees on: what a token is, and which abbreviations do not end a sentence."""

from __future__ import annotations

import re

from ..data import read_words

TOKEN_PATTERN = r"\w+(?:[-'’]\w+)*"


TOKEN_RE = re.compile(TOKEN_PATTERN)


PARAGRAPH_RE = re.compile(r"\n\s*\n|\n")


ABBREVIATIONS = read_words("abbreviations.txt")  # do not end a sentence: "Gen.", "U.S."


INITIALS_RE = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")  # "J", "U.S", "D.C"


