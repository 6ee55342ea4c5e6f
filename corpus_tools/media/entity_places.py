"""Places for :mod:`.entity_rules`: the place list (``places.csv``, with ``spelling_variants.csv``), and the
few ways news writes places that a list alone misses: two places joined by a hyphen ("US-China talks"), a
US state's postal or AP abbreviation after a party letter or a town ("Rep. Frank Lucas (R-OK)",
"West Palm Beach, FL"), names listed before "counties" or "provinces" ("Barry and Van Buren counties"), a town
of the list that the article gives to a person ("Moreno" after "Juan Moreno").

>>> before_place_noun("in Barry, Berrien and Van Buren counties", 8), before_place_noun("Barry said", 5)
(True, False)
>>> hyphenated("US-China"), state_abbreviation("Lucas (R-OK) said", 7, 11), state_abbreviation("a OK b", 2, 4)
(['US', 'China'], (9, 11, 'Oklahoma'), None)
"""

from __future__ import annotations

import re
from functools import cache

from ..data import read_rows

# US postal codes and AP abbreviations of the states, read only where the context says it is a state.
_STATES = {
    "Alabama": "AL Ala.", "Alaska": "AK", "Arizona": "AZ Ariz.", "Arkansas": "AR Ark.", "California": "CA Calif.",
    "Colorado": "CO Colo.", "Connecticut": "CT Conn.", "Delaware": "DE Del.", "Florida": "FL Fla.",
    "Georgia": "GA Ga.", "Hawaii": "HI", "Idaho": "ID", "Illinois": "IL Ill.", "Indiana": "IN Ind.", "Iowa": "IA",
    "Kansas": "KS Kan.", "Kentucky": "KY Ky.", "Louisiana": "LA La.", "Maine": "ME", "Maryland": "MD Md.",
    "Massachusetts": "MA Mass.", "Michigan": "MI Mich.", "Minnesota": "MN Minn.", "Mississippi": "MS Miss.",
    "Missouri": "MO Mo.", "Montana": "MT Mont.", "Nebraska": "NE Neb.", "Nevada": "NV Nev.",
    "New Hampshire": "NH N.H.", "New Jersey": "NJ N.J.", "New Mexico": "NM N.M.", "New York": "NY N.Y.",
    "North Carolina": "NC N.C.", "North Dakota": "ND N.D.", "Ohio": "OH", "Oklahoma": "OK Okla.",
    "Oregon": "OR Ore.", "Pennsylvania": "PA Pa.", "Rhode Island": "RI R.I.", "South Carolina": "SC S.C.",
    "South Dakota": "SD S.D.", "Tennessee": "TN Tenn.", "Texas": "TX", "Utah": "UT", "Vermont": "VT Vt.",
    "Virginia": "VA Va.", "Washington": "WA Wash.", "West Virginia": "WV W.Va.", "Wisconsin": "WI Wis.",
    "Wyoming": "WY Wyo.", "District of Columbia": "DC D.C."}
_TOWN_WORDS = (" City", " Beach", " Park", " Springs", " Heights", " Falls", " Township", " County", " Village")
_ABBREVIATIONS = {a: state for state, short in _STATES.items() for a in short.split()}


_NAME = r"[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*)*"
# A list of names that a plural noun of places closes: "Barry, Berrien and Van Buren counties".
_BEFORE_PLACE_NOUN = re.compile(rf"(?:(?:, (?:and |or )?| (?:and|or) ){_NAME})*,? (?:counties|provinces|districts|"
                                r"oblasts|parishes|boroughs|prefectures|governorates|townships)\b")


_BASED = re.compile(r"\s+(?:[a-z\-]+\s+){0,2}(?:firm|company|group|agency|startup|bank|charity|organi[sz]ation|"
                    r"newspaper|publisher|fund|investor|retailer|developer|maker|manufacturer|chain|team|lender|"
                    r"insurer|carrier|airline|brewer|operator|provider|consultancy|think tank)s?\b")


@cache
def places() -> dict[str, str]:
    """{spelling: place} of ``places.csv``, with the spelling variants of ``spelling_variants.csv`` of any
    place in it (one entity for Kyiv and Kiev)."""
    table = {r["spelling"]: r["place"] for r in read_rows("places.csv")}
    groups: dict[str, list[str]] = {}
    for r in read_rows("spelling_variants.csv"):
        groups.setdefault(r["group"], []).append(r["spelling"])
    for spellings in groups.values():
        known = [table[s] for s in spellings if s in table]
        if known:
            for s in spellings:
                table.setdefault(s, known[0])
    return table


@cache
def regions() -> frozenset[str]:
    return frozenset(r["place"] for r in read_rows("places.csv") if r["kind"] in ("continent", "region", "country"))


@cache
def towns() -> frozenset[str]:
    """Spellings of the list's towns (under 300,000 people): also surnames often enough ("Weston", "Warwick")
    that they do not stop a pair of capitalised words from being a person's name."""
    return frozenset(r["spelling"] for r in read_rows("places.csv") if r["kind"] in ("town", "celestial body"))


def major_place(word: str) -> bool:
    """A word of the place list that is not only a town's name."""
    return word in places() and word not in towns()


def before_place_noun(text: str, end: int) -> bool:
    """The name ending at ``end`` is one of a list closed by "counties", "provinces", "districts"..."""
    return _BEFORE_PLACE_NOUN.match(text[end:end + 300]) is not None


def based_place(text: str, end: int) -> bool:
    """"Houston-area", or "-based" before a kind of organisation ("a Minneapolis-based firm"; not
    "Linux-based software"): the name before the hyphen is a place."""
    word = text[:end].rsplit(None, 1)[-1] if text[:end].strip() else ""
    return word.endswith("-area") or word.endswith("-based") and _BASED.match(text, end) is not None


def hyphenated(word: str) -> list[str] | None:
    """The places of "US-China", "Russia-Ukraine", "Israel-Gaza" (each part in the list), else None."""
    parts = word.split("-")
    return parts if len(parts) > 1 and all(p in places() for p in parts) else None


def state_abbreviation(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """(start, end, state) of "OK" or "Fla." where it stands for a state: after a party letter ("(R-OK)",
    "D-Calif."), or after a place and a comma ("West Palm Beach, FL"; "Miami, Fla.")."""
    if re.match(r"[RDI]-", text[start:end]):  # "R-OK" is one word
        start += 2
    if text[start:end] not in _ABBREVIATIONS:
        end += 1  # "Fla." with its full stop
    state = _ABBREVIATIONS.get(text[start:end])
    if state is None:
        return None
    if re.search(r"(?:^|[\s(])[RDI]-$", text[max(0, start - 3):start]):
        return start, end, state
    before = re.search(r"([A-Z][\w.]*(?: [A-Z][\w.]*)*), $", text[max(0, start - 40):start])
    town = before and (before.group(1) in places() or before.group(1).endswith(_TOWN_WORDS))
    return (start, end, state) if town else None
