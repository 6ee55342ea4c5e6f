"""Who spoke: the speaker phrase around a reporting verb, names unified ("Jens Stoltenberg" =
"Stoltenberg"), and "he"/"she" resolved to the last person named.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..data import read_rows, read_words

ROLE_WORDS = read_words("roles.txt")

_ORG_WORDS = read_words("organisation_words.txt")

_TITLE_MALE = {r["word"] for r in read_rows("first_names.csv") if r["kind"] == "title" and r["gender"] == "m"}

_TITLE_FEMALE = {r["word"] for r in read_rows("first_names.csv") if r["kind"] == "title" and r["gender"] == "f"}

# A short list of first names is enough to pick "she" or "he" among the last few people named.
FEMALE_NAMES = {r["word"] for r in read_rows("first_names.csv") if r["kind"] == "first_name" and r["gender"] == "f"}

MALE_NAMES = {r["word"] for r in read_rows("first_names.csv") if r["kind"] == "first_name" and r["gender"] == "m"}

_RUN_CONNECT = read_words("name_particles.txt")

_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}

_PLACES = read_words("capitals_as_governments.txt")

_LEADERS = read_words("sentence_openers.txt")

_STOP_AFTER = {"in", "on", "at", "that", "to", "for", "with", "by", "from", "after", "before", "when", "while",
               "as", "during", "of", "and", "but", "who", "which", "this", "last", "earlier", "later", "yesterday"}

_ORG_NOUNS = read_words("organisation_nouns.txt")


def _tokens_before(s: str) -> list[str]:
    return re.findall(r"[\w'’.&\-]+|,", s)


def split_name(words: list[str]):
    """(name tokens, role tokens) of a capitalised run: the name is the trailing personal part."""
    name = []
    for w in reversed(words):
        low = w.lower().rstrip(".")
        if (w[:1].isupper() and not _is_role(low) and low not in _ORG_WORDS and w not in _LEADERS
                and not re.search(r"['’]s$", w)
                and not (w.isupper() and len(w) > 1) and low not in _RUN_CONNECT):
            name.insert(0, w)
        else:
            break
    return name[-4:], words[: len(words) - len(name)]


def appositive(before: str):
    """"Joe McLean, a football specialist at Grant Thornton," (before "said"): the name."""
    m = re.search(r"([A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)*),\s+(?:a|an|the|[a-z][\w\-]*)\b[^,]{0,90},\s*$", before)
    if m and not re.search(r"\b(?:said|says|when|while|if|that|which|who)\b", m.group(0)[len(m.group(1)):]):
        return m.group(1)
    return None


def np_before(before: str):
    """The speaker phrase right before a reporting verb, as written (or None)."""
    before = re.sub(r"\s*\([A-Z]{2,}\)", "", before)
    before = re.sub(r"(?:\s*,?\s*\b(?:has|have|had|also|then|later|earlier|previously|again|further|however|"
                    r"would|will|was|is|repeatedly|once|recently|reportedly|subsequently|simply|just|"
                    r"only|even|had\s+been|has\s+been)\b,?)+\s*$", "", before)
    before = before.rstrip()
    # "Joe McLean, a football specialist at Grant Thornton, said": the name before the description.
    appos = appositive(before)
    if appos:
        return appos
    before = before.rstrip(",").rstrip()
    pron = re.search(r"\b(he|she|they|it|we|i)\s*$", before, re.IGNORECASE)
    if pron:
        return pron.group(1)
    words = before.split()
    run = []
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        low = w.lower().strip(",")
        if w.endswith(",") and run:
            if _is_role(run[0].lower()) and w[:1].isupper():
                # "John Houlihan, editor of X told": the closing comma is missing; the name is before.
                name = [w.strip(",")]
                while k > 0 and words[k - 1][:1].isupper() and not words[k - 1].endswith(","):
                    k -= 1
                    name.insert(0, words[k])
                return " ".join(name)
            break
        w = w.strip(",")
        if w[:1].isupper() or low in ROLE_WORDS or (low in _RUN_CONNECT and run) or low in {"the"}:
            run.insert(0, w)
            if low == "the":
                break
        else:
            break
    while run and (run[0].lower() in _RUN_CONNECT or run[0] in _LEADERS):
        run.pop(0)
    if (run and any(w[:1].isupper() or w.lower() in ROLE_WORDS for w in run if w.lower() != "the")
            and (run[0].lower() == "the" or run[-1][:1].isupper() or run[-1].lower() in ROLE_WORDS)):
        return " ".join(run)
    m = re.search(r"\b(?:the|a|an|his|her|its|their)\s+(?:[\w\-]+\s+){0,3}?([\w\-]+)\s*$", before, re.IGNORECASE)
    if m and (m.group(1).lower() in ROLE_WORDS or m.group(1).lower() in _ORG_WORDS
              or m.group(1).lower() in {"company", "firm", "group", "official", "officials", "source", "sources"}):
        return m.group(0).strip()
    return None


def np_after(after: str):
    """The speaker phrase right after an inverted verb ("said NATO chief Jens Stoltenberg").

    A few describing words may come first ("said mobile analyst Carolina Milanesi"); the name is
    the last capitalised run before a comma, full stop or preposition.
    """
    m = re.match(r"\s*(him|her|them|he|she)\b", after)
    if m:
        return m.group(1)
    clause = re.match(r"\s*([^,;:()\n]*)", after).group(1)
    words, name_end = [], None
    for w in clause.split()[:10]:
        bare = w.rstrip(".")
        low = bare.lower()
        is_name = bare[:1].isupper() and not _is_role(low) and not (bare.isupper() and len(bare) > 1)
        if not is_name and (low in _STOP_AFTER or (words and low in {"the", "a", "an"})):
            break
        words.append(bare)
        if is_name:
            name_end = len(words)
        if w.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov)\.", w):
            break
    if name_end is not None:
        return " ".join(words[:name_end])
    while words and not (_is_role(words[-1].lower()) or words[-1].lower() in _ORG_NOUNS or words[-1][:1].isupper()):
        words.pop()
    return " ".join(words) if words and (words[0][:1].isupper() or words[0].lower() in {"the", "a", "an"}) else None


def sentence_subject(sent: str):
    """Who a sentence is about, for "..., saying ...": its opening name or "the club"."""
    words = sent.split()
    while words and (words[0].strip(",") in _LEADERS and words[0].strip(",") not in {"The", "A", "An"}
                     or words[0].endswith(",")):
        words.pop(0)
    if len(words) >= 2 and words[0] in {"The", "A", "An"} and words[1][:1].islower():
        role = [words[0].lower()]
        for w in words[1:4]:
            role.append(w.strip(","))
            if _is_role(w.lower().strip(",")) or w.lower().strip(",") in _ORG_NOUNS:
                return " ".join(role)
        return None
    run = []
    for w in words[:8]:
        bare = w.strip(",")
        if bare[:1].isupper() or _is_role(bare.lower()) or (run and bare.lower() in _RUN_CONNECT):
            run.append(bare)
            if w.endswith(","):
                break
        else:
            break
    return " ".join(run) if run and run[-1][:1].isupper() and split_name(run)[0] else None


def _is_role(low: str) -> bool:
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
        place = len(name) == 1 and name[0].lower() in _PLACES
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
            if f in FEMALE_NAMES or role_low & _TITLE_FEMALE:
                self.gender[full] = "f"
            elif f in MALE_NAMES or role_low & _TITLE_MALE:
                self.gender[full] = "m"
        return full, True

    def seen(self, name: str, is_person: bool):
        for target in (self.recent if is_person else self.orgs, self.named):
            if name in target:
                target.remove(name)
            target.append(name)

    def pronoun(self, word: str):
        want = _PRONOUNS.get(word.lower())
        if want is None:
            return None
        for name in reversed(self.recent):
            if self.gender.get(name, want) == want:
                return name
        return None

    def role(self, phrase: str):
        words = [w.lower() for w in re.findall(r"[\w\-]+", phrase)]
        if words and words[-1] in _ORG_NOUNS | _ORG_WORDS:
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
        return self.recent[-1] if self.recent else None


def resolve_speaker(written: str | None, people: People):
    """Normalised speaker for a phrase as written, updating who was last named."""
    if not written:
        return None
    low = written.lower()
    if low in {"he", "she", "him", "her"}:
        return people.pronoun(low)
    if low in {"they", "it", "we", "i", "them"}:
        return None
    first, last = low.split()[0], written.split()[-1]
    if last[:1].islower():
        # "the alliance chief", "the company": someone named before; "Kyiv's top general": nobody named.
        return people.role(written) if first in {"the", "his", "her", "its", "their"} else None
    name, is_person = people.add(written, as_speaker=True)
    if name:
        people.seen(name, is_person)
    return name


_ROLES_RE = "|".join(sorted(ROLE_WORDS, key=len, reverse=True))

_SUBJECT = re.compile(r"(?<![\w'’.\-])((?:[A-Z][\w'’.\-]*\s+|(?:" + _ROLES_RE
                      + r"|of|&)\s+)*[A-Z][\w'’\-]*)(?=,?\s+[a-z]+\b)")


def note_subjects(masked_sentence: str, people: People):
    """Remember people named as the subject of a sentence ("Melanie Joly pushed back..."), for pronouns."""
    for m in _SUBJECT.finditer(masked_sentence):
        if m.start() > 60 and masked_sentence[m.start() - 2:m.start()] != ", ":
            continue  # named late in a sentence: an object ("he met President Putin"), not its subject
        words = m.group(1).split()
        name, role = split_name(words)
        first = name[0].lower() if name else ""
        titled = any(_is_role(w.lower().rstrip(".")) for w in role)
        if name and (len(name) >= 2 and (first in FEMALE_NAMES or first in MALE_NAMES or role)
                     or titled or name[-1] in people.full):
            full, is_person = people.add(m.group(1), as_speaker=False)
            if is_person:
                people.seen(full, True)


