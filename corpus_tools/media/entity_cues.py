"""Small cues :mod:`.entity_rules` reads around a capitalised name: a lower-case noun before it ("the band
Queen", "the film Monsoon Wedding"), quotation marks around it (a title), an acronym that only abbreviates
lower-case words ("hypersensitivity pneumonitis, or HP"), a sports club named after its city ("Real
Madrid"), wire agencies, and first names beyond the short list of ``first_names.csv``.

>>> noun_before("shares of the carmaker "), noun_before("her album "), quoted_title("the song “Bad Blood” was", 10, 19)
('organisation', 'work', True)
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..data import read_rows, read_words
from ..io.parsing import AGENCIES
from .people import FIRST_NAMES

_LAST_WORD = re.compile(r"([a-z][a-z\-]*)\s*$")
_OPEN_QUOTES = "“‘\"'"
_CLOSE_QUOTES = "”’\"'"


@cache
def _kind(kind: str) -> frozenset[str]:
    return frozenset(r["word"] for r in read_rows("entity_words.csv") if r["kind"] == kind)


@cache
def first_names() -> frozenset[str]:
    """``first_names.csv`` and the common US first names of ``first_names_census.txt`` (lower case).

    >>> "kristen" in first_names(), "april" in first_names()
    (True, False)
    """
    return frozenset(FIRST_NAMES) | frozenset(read_words("first_names_census.txt"))


@cache
def agencies() -> frozenset[str]:
    """Wire agencies as news names them ("Associated Press", "Xinhua", "Bloomberg"): organisations."""
    names = {v for v in AGENCIES.values() if len(v) > 2}
    names |= {k.title() for k in AGENCIES if " " in k and not k.startswith("the ")}
    return frozenset(names)


def noun_before(before: str) -> str | None:
    """"organisation" or "work" when the text before a name ends with a noun that says which
    ("the carmaker ", "her album "); None otherwise."""
    m = _LAST_WORD.search(before)
    if not m:
        return None
    word = m.group(1)
    if word in _kind("org_noun"):
        return "organisation"
    if word in _kind("work_noun"):
        return "work"
    return None


def noun_after(after: str) -> str | None:
    """"organisation" or "person" when a lower-case noun right after a single name says which
    ("Honda brand motorbikes", "the Obama administration")."""
    m = re.match(r"\s([a-z]+)\b", after)
    if not m:
        return None
    return "organisation" if m.group(1) in _kind("org_after") else \
        "person" if m.group(1) in _kind("person_after") else None


def quoted_title(text: str, start: int, end: int) -> bool:
    """A name that fills a pair of quotation marks ("the song “Bad Blood”") is a title, not a person."""
    before = text[start - 1:start]
    after = text[end:end + 2].lstrip(",.;:!?")[:1] or text[end:end + 1]
    return bool(before) and before in _OPEN_QUOTES and after in _CLOSE_QUOTES and after != "" \
        and not (before == "'" and text[start - 2:start - 1].isalpha())


def abbreviates_common_words(text: str, start: int, end: int) -> bool:
    """An upper-case word whose letters start lower-case words just before or after it: "power delivery
    (PD)", "hypersensitivity pneumonitis, or HP", "called PD for power delivery". Not an organisation."""
    letters = text[start:end].replace(".", "").lower()
    if not letters.isalpha() or len(letters) < 2:
        return False
    n = len(letters)
    before = re.findall(r"[A-Za-z][\w\-]*", text[max(0, start - 80):start])[-n - 3:]
    after = re.findall(r"[A-Za-z][\w\-]*", text[end:end + 80])[:n + 3]
    for words in (before, after):
        for i in range(len(words) - n + 1):
            chunk = words[i:i + n]
            if all(w[0].islower() for w in chunk) and "".join(w[0] for w in chunk) == letters:
                return True
    return False


@cache
def organisation_names() -> dict[str, str]:
    """{name: "company" or "club"} of ``organisation_names.csv`` (S&P 500 and foreign listed companies,
    football clubs of the main leagues; see ``corpus_tools/data/README.md``).

    >>> organisation_names()["Aston Villa"], organisation_names()["Ericsson"]
    ('club', 'company')
    """
    return {r["name"]: r["kind"] for r in read_rows("organisation_names.csv")}


_SPORT = re.compile(r"\b(?:goals?|scored|striker|midfielder|defender|goalkeeper|league|premiership|cup|match|"
                    r"fixture|penalty|manager|club|season|draw|champions|relegation|promotion|stadium)\b")


@lru_cache(maxsize=8)
def _sporty(text: str) -> bool:
    return len(set(_SPORT.findall(text.lower()))) >= 3


def listed_organisation(name: str, text: str) -> str | None:
    """"company list" or "club list" when ``name`` is a listed company, or a listed club written in more
    than one word ("Aston Villa") or alone in an article about sport ("Everton" near "match", "league",
    "goal"); None otherwise."""
    kind = organisation_names().get(name)
    if kind == "club" and " " not in name and not _sporty(text):
        return None
    return f"{kind} list" if kind else None


def club_prefix(word: str) -> bool:
    """"Real", "Inter", "Bayern": a first word that makes "<word> <city>" a sports club."""
    return word in _kind("club_prefix")
