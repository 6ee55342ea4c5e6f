"""The patterns every step agrees on: what a token is, and which abbreviations do not end a sentence."""

from __future__ import annotations

import re

TOKEN_PATTERN = r"\w+(?:[-'’]\w+)*"


TOKEN_RE = re.compile(TOKEN_PATTERN)


PARAGRAPH_RE = re.compile(r"\n\s*\n|\n")


# News abbreviations that end with a period but do not end a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj", "brig", "cpl", "pvt",
    "sen", "rep", "gov", "pres", "amb", "hon", "rev", "st", "jr", "sr", "inc", "corp", "ltd", "co", "plc", "bros",
    "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "thu", "thur", "thurs", "fri",
    "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "a.m", "p.m", "e.g", "i.e", "vs", "etc", "approx",
    "dept", "mt", "ft", "ave", "blvd", "ph.d", "calif", "fla", "mich", "minn", "tenn", "tex", "wis", "conn",
    "ariz", "colo", "nev", "okla",
}


INITIALS_RE = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")  # "J", "U.S", "D.C"


