"""People named in an article: names unified ("Jens Stoltenberg" = "Stoltenberg"), titles and gender
kept, and "he"/"she" or "the alliance chief" resolved to someone named before.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..data import read_rows, read_words

ROLE_WORDS = read_words("roles.txt")

ORG_WORDS = read_words("organisation_words.txt")

TITLE_MALE = {r["word"] for r in read_rows("first_names.csv") if r["kind"] == "title" and r["gender"] == "m"}

TITLE_FEMALE = {r["word"] for r in read_rows("first_names.csv") if r["kind"] == "title" and r["gender"] == "f"}

# A short list of first names is enough to pick "she" or "he" among the last few people named.
FEMALE_NAMES = {r["word"] for r in read_rows("first_names.csv") if r["kind"] == "first_name" and r["gender"] == "f"}

MALE_NAMES = {r["word"] for r in read_rows("first_names.csv") if r["kind"] == "first_name" and r["gender"] == "m"}

FIRST_NAMES = FEMALE_NAMES | MALE_NAMES

RUN_CONNECT = read_words("name_particles.txt")

PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}

PLACES = read_words("capitals_as_governments.txt")

LEADERS = read_words("sentence_openers.txt")

STOP_AFTER = {"in", "on", "at", "that", "to", "for", "with", "by", "from", "after", "before", "when", "while",
              "as", "during", "of", "and", "but", "who", "which", "this", "last", "earlier", "later", "yesterday"}

ORG_NOUNS = read_words("organisation_nouns.txt")


def split_name(words: list[str]):
    """(name tokens, role tokens) of a capitalised run: the name is the trailing personal part."""
    name = []
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        low = w.lower().rstrip(".")
        surname = not name and k > 0 and words[k - 1].lower() in FIRST_NAMES  # "Charlie King", "Martin Luther King"
        if (w[:1].isupper() and (surname or not is_role(low)) and low not in ORG_WORDS and w not in LEADERS
                and not re.search(r"['’]s$", w)
                and not (w.isupper() and len(w) > 1) and low not in RUN_CONNECT):
            name.insert(0, w)
        else:
            break
    return name[-4:], words[: len(words) - len(name)]


def is_role(low: str) -> bool:
    return low in ROLE_WORDS or low.split("-")[0] in ROLE_WORDS


class People:
    """People named so far in one article: full names, gender, and who was last named."""

    def __init__(self):
        self.full: dict[str, list[str]] = {}   # last token -> longest full name tokens
        self.titles: dict[str, set] = defaultdict(set)
        self.gender: dict[str, str] = {}
        self.recent: list[str] = []             # normalised names, most recent last
        self.orgs: list[str] = []
        self.named: list[str] = []              # people and organisations, most recent last
        self.last_speaker: tuple[str, str] | None = None  # (speaker, "person" / "thing" / "group")

    def add(self, written: str, *, as_speaker: bool):
        """Register a capitalised phrase; return (normalised name, is_person)."""
        words = [w.strip(",") for w in written.split()]
        if words and words[0].lower() in {"the", "his", "her", "its", "their"}:
            words = words[1:]
        name, role = split_name(words)
        if not name or (role and role[-1].lower() in {"of", "&"}):
            return (" ".join(words).strip() or None), False  # an organisation ("Chamber of Commerce")
        role_low = {w.lower().rstrip(".") for w in role}
        key, first = name[-1], name[0].lower()
        known = self.full.get(key)
        if known is not None and len(name) >= 2 and len(known) >= 2 and name[0] != known[0] \
                and not (name[0].endswith(".") or known[0].endswith(".")):
            # "Ivanka Trump" after "Donald Trump": another person of the same family name; "Trump" alone
            # still stands for the first one named.
            key = " ".join(name)
            known = self.full.get(key)
        place = len(name) == 1 and name[0].lower() in PLACES
        is_person = known is not None or (not place and (
            bool(role_low & ROLE_WORDS) or first in FEMALE_NAMES or first in MALE_NAMES or as_speaker))
        if not is_person:
            return " ".join(name if place else words), False
        if known is None or len(name) > len(known):
            self.full[key] = name
        full = " ".join(self.full[key])
        self.titles[full] |= {w.lower() for w in role}
        if full not in self.gender:
            f = self.full[key][0].lower()
            if f in FEMALE_NAMES or role_low & TITLE_FEMALE:
                self.gender[full] = "f"
            elif f in MALE_NAMES or role_low & TITLE_MALE:
                self.gender[full] = "m"
        return full, True

    def seen(self, name: str, is_person: bool):
        for target in (self.recent if is_person else self.orgs, self.named):
            if name in target:
                target.remove(name)
            target.append(name)

    def pronoun(self, word: str):
        want = PRONOUNS.get(word.lower())
        if want is None:
            return None
        for name in reversed(self.recent):
            if self.gender.get(name, want) == want:
                return name
        return None

    def role(self, phrase: str):
        words = [w.lower() for w in re.findall(r"[\w\-]+", phrase)]
        if words and words[-1] in ORG_NOUNS | ORG_WORDS:
            # "the company": the last organisation, or a one-word name nobody called he or she (GM, Renault).
            for name in reversed(self.named):
                if name in self.orgs or (" " not in name and name not in self.gender):
                    return name
            return None
        if not (set(words) & ROLE_WORDS):
            return None
        for name in reversed(self.recent):
            if set(words[1:]) & self.titles.get(name, set()):
                return name
        return None  # nobody named with that title: the description stays as written


# Pronouns and quantifiers that stand for people without saying who ("Others ... continued to warn").
_UNRESOLVED = {"they", "it", "we", "i", "you", "them", "who", "which", "others", "some", "many", "most", "both", "all",
               "few", "several", "this", "that", "these", "those", "one"}


def resolve_speaker(written: str | None, people: People):
    """(normalised speaker, how it was resolved) for a phrase as written, updating who was last named.

    "he"/"she" is the last man/woman named (None when nobody fits); "the alliance chief" is the
    person named before with that title; "the company" the organisation named before; any other
    description ("the CNN host", "a White House official") stays as written. "it" and "they" are the
    speaker just before when that was an organisation or a description ("the company wrote ... It
    added", "the protesters ... they chanted"), else nobody.
    """
    name, how, kind = _resolve(written, people)
    if name is not None and kind:
        people.last_speaker = (name, kind)
    return name, how


def _resolve(written: str | None, people: People):
    if not written:
        return None, None, None
    low = written.lower()
    if low in {"he", "she", "him", "her"}:
        name = people.pronoun(low)
        return (name, f"'{low}': the last {'woman' if low in {'she', 'her'} else 'man'} named", "person") if name \
            else (None, f"'{low}' with nobody named before", None)
    last = people.last_speaker
    if low in {"it", "they", "them"} and last and last[1] == ("thing" if low == "it" else "group"):
        return last[0], f"'{low}': the speaker just before", None
    if low in _UNRESOLVED:
        return None, f"'{low}' is not resolved", None
    words = written.split()
    first, end = low.split()[0], words[-1]
    if not end[:1].isupper() or re.search(r"['’]s?$", end):
        if first in {"the", "his", "her", "its", "their"}:
            name = people.role(written)
            if name:
                return name, f"'{written}' refers back to a name", "person" if name in people.recent else "thing"
        plural = end.endswith("s") and not end.endswith(("ss", "'s", "’s"))
        return written, None, "group" if plural else "thing"
    if re.search(r"\s+and\s+[a-z]*\s*[A-Z]", written):  # joint speakers: each name as a speaker, in order
        names = []
        for part in re.split(r",?\s+and\s+|,\s+", written):
            name, is_person = people.add(part, as_speaker=True)
            if name:
                people.seen(name, is_person)
                names.append(name)
        return " and ".join(names) or None, None, "group"
    name, is_person = people.add(written, as_speaker=True)
    if name:
        people.seen(name, is_person)
    return name, None, "person" if is_person else "thing"


def surname_mapping(names) -> dict:
    """{surname alone: full name} over a whole corpus: "Stoltenberg" is "Jens Stoltenberg" when that full
    name is the only one ending so, or holds three quarters of the uses ("Tony Blair" over "Cherie Blair").

    ``names``: one value per use (a speaker per quote, a person per mention); missing values are skipped.

    >>> surname_mapping(["Jens Stoltenberg", "Stoltenberg", "Stoltenberg", "Putin"])
    {'Stoltenberg': 'Jens Stoltenberg'}
    """
    counts = Counter(str(n) for n in names if isinstance(n, str) and n)
    full = defaultdict(set)
    for s in counts:
        parts = s.split()
        if len(parts) >= 2:
            full[parts[-1]].add(s)
    mapping = {}
    for s in sorted(counts, key=lambda n: -counts[n]):
        found = sorted(full.get(s, ()), key=lambda n: -counts[n]) if " " not in s else []
        if found and counts[found[0]] >= 0.75 * sum(counts[n] for n in found):
            mapping[s] = found[0]
    return mapping
