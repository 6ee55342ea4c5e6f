"""The rules behind :func:`corpus_tools.find_entities`: capitalised runs of words, and what decides
whether a run names a person, a place or an organisation (each decision names its evidence).

No language model: word lists in ``corpus_tools/data/`` (``places.csv``, ``entity_words.csv``,
``roles.txt``, ``first_names.csv``, ``first_names_census.txt``, ``organisation_words.txt``,
``organisation_names.csv``, ``sentence_openers.txt``; the cues around a name are in :mod:`.entity_cues`,
one sense per discourse in :mod:`.entity_discourse`) and the name unification of :mod:`.people`
("Stoltenberg" after "Jens Stoltenberg" is the same person).

>>> [(m.text, m.label, m.evidence) for m in entities_in("NATO chief Jens Stoltenberg met Putin in Kiev.")]
[('NATO', 'organisation', 'organisation list'), ('Jens Stoltenberg', 'person', "title 'chief'"), \
('Putin', 'other', 'capitalised word, no cue'), ('Kiev', 'place', 'place list')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..data import read_rows
from ..text.patterns import is_abbreviation
from ..text.sentences import sentence_spans
from . import entity_cues as cues
from . import entity_places as geo
from .entity_discourse import one_sense
from .entity_places import major_place, places, regions, towns
from .people import FIRST_NAMES, LEADERS, ORG_NOUNS, ORG_WORDS, RUN_CONNECT, People, is_role, split_name

# A capitalised word: "Stoltenberg", "U.S.", "al-Assad", "McDonald's", "G7"; a final "." is cut
# below unless the word is an abbreviation ("Mr.", "U.S.").
_WORD = re.compile(r"[A-Z\u00c0-\u00de\u0400-\u042f][\w'’\-&]*(?:\.(?=[\w])[\w'’\-&]*)*\.?")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")
# Lower-case words allowed inside a name when a capitalised word follows ("Bank of England").
_INSIDE = (RUN_CONNECT - {"&"}) | {"for", "of the", "de la", "bin", "al"}
_DAYS_MONTHS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
                "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
                "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}
_VERBS_AFTER = re.compile(r"^,?\s*(?:said|says|told|added|asked|wrote|explained|argued|insisted|warned|claimed|"
                          r"stressed|noted|announced|admitted|replied|believes|thinks|talked|tweeted|testified|recalled|responded|conceded|who\b|,\s+(?:a|an|the)\s+"
                          r"[a-z\-]+(?:\s+[a-z\-]+)?\s+(?:of|at|for)\b|,\s+\d{1,3}\s*[,–—])")
_DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
_PARTICLES = {"de", "van", "von", "bin", "al", "da", "di", "du", "le", "la", "der", "den", "del", "dos", "ben"}
# A capitalised first word of a sentence no rule placed: find_entities keeps it only as the surname of
# a person named elsewhere in the corpus.
INITIAL = "first word"
# The weakest person rule: its names are not used to settle surnames over the corpus.
WEAK_PERSON = "two or three capitalised words"
_DEMONYM_ENDS = ("ian", "ians", "an", "ans", "ese", "ish", "i", "is", "ic")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    entity: str
    label: str
    evidence: str


@cache
def _words(kind: str) -> frozenset[str]:
    return frozenset(r["word"] for r in read_rows("entity_words.csv") if r["kind"] == kind)


def _org_word(run) -> str | None:
    """The word that makes a run an organisation: its last word ("Defence Ministry"), or the last word
    before "of" ("Bank of England"); a cue in the middle ("NATO Jens Stoltenberg") is not enough."""
    cues = _org_cues()
    pieces = _split_on_inside(run)
    for w in (pieces[-1][-1][2], pieces[0][-1][2]):
        if w.lower().rstrip(".") in cues or w.lower() in cues or w.rsplit("-", 1)[-1].lower() in cues:
            return w  # "Ministry", "Post-Gazette"
    return None


@cache
def _org_cues() -> frozenset[str]:
    return _words("organisation_word") | ORG_WORDS


@cache
def _misc_words() -> frozenset[str]:
    return frozenset(w.lower() for w in _words("misc_word"))


def _is_acronym(word: str) -> bool:
    core = word.replace(".", "")
    return 2 <= len(core) <= 6 and core.isupper() and core.isalpha() and word not in _words("not_entity")


@cache
def _demonym(word: str) -> bool:
    """"Russian", "Ukrainians", "Chinese": a nationality written with a capital, not an entity."""
    if word in _words("nationality"):
        return True
    if not word.endswith(_DEMONYM_ENDS) or len(word) < 5:
        return False
    return any(len(p) >= 4 and word.startswith(p[:max(4, len(p) - 2)]) for p in _country_stems())


@cache
def _country_stems() -> tuple[str, ...]:
    return tuple(sorted({r["spelling"] for r in read_rows("places.csv") if r["kind"] in ("country", "continent")
                         and " " not in r["spelling"] and not r["spelling"].isupper()}))


def _runs(text: str, a: int, b: int):
    """Runs of capitalised words in ``text[a:b]``: lists of (start, end, word), possessives cut off."""
    run: list[tuple[int, int, str]] = []
    pos = a
    for m in _WORD.finditer(text, a, b):
        s, e, w = m.start(), m.end(), m.group()
        if w.endswith(".") and not is_abbreviation(w[:-1]) and not re.fullmatch(r"(?:[A-Z]\.)+", w):
            e, w = e - 1, w[:-1]
        gap = text[pos:s]
        joined = run and (gap == " " or (gap.strip() in _INSIDE and gap.startswith(" ") and gap.endswith(" ")))
        if run and not joined:
            yield run
            run = []
        possessive = _POSSESSIVE.search(w) if len(w) > 2 else None
        if possessive and not w.isupper() and w not in cues.organisation_names():  # "McDonald's"
            cut = 1 if possessive.group()[0] == "s" else len(possessive.group())  # "Airbus'" keeps its s
            e, w = e - cut, w[:-cut]
        elif possessive and w[:-2].isupper():
            e, w = e - 2, w[:-2]
        run.append((s, e, w))
        pos = e
        if possessive or text[e:e + 1] in ",;:()\"“”" or text[e:e + 2] in (" -", " –", " —"):
            yield run
            run = []
            pos = m.end()
    if run:
        yield run


def _split_on_inside(run):
    """Pieces of a run at its lower-case joining words ("Secretary General of NATO" -> two pieces)."""
    return [p for p in _pieces(run) if p]


def _pieces(run):
    piece = [run[0]]
    for prev, cur in zip(run, run[1:]):
        if cur[0] - prev[1] > 1:
            yield piece
            piece = []
        piece.append(cur)
    yield piece


def _mention(run, label, evidence, entity=None) -> Mention:
    return Mention(run[0][0], run[-1][1], "", entity or "", label, evidence)


def _classify(run, text: str, sent_start: int, people: People):
    """Mentions in one run: (list of Mention). Leading sentence openers, "The" and titles are not part of a name."""
    at_start = run[0][0] == sent_start or not text[sent_start:run[0][0]].strip(" \"“‘'([-–—•*")
    stripped = False
    while run and _opener(run[0][2]) and " ".join(w for *_, w in run) not in places():
        run, stripped = run[1:], True
    while len(run) > 1 and run[-1][2] in _DAYS:  # "on Twitter Tuesday": the day is not part of the name
        run = run[:-1]
    if not run:
        return []
    if len(run) == 1 and (state := geo.state_abbreviation(text, run[0][0], run[0][1])):  # "(R-OK)", "Miami, Fla."
        return [_mention([state], "place", "state after a party or a town", state[2])]
    if all(w.isupper() and len(w) > 1 for *_, w in run) and (len(run) > 1 or _capital_place(run[0][2])):
        return _shouted(run)
    if stripped and not at_start:  # "We Will Rock You", "All Right Now" inside a sentence: a title, not a name
        return [_mention(run, "other", "capitalised words after a function word")]
    words = [w for *_, w in run]
    phrase = text[run[0][0]:run[-1][1]]
    plain = " ".join(words)
    before = text[max(0, run[0][0] - 30):run[0][0]]
    prev_word = (re.findall(r"([\w\-]+)\W*$", before) or [""])[-1]
    first_of_sentence = run[0][0] == sent_start or not text[sent_start:run[0][0]].strip(" \"“‘'([-–—•*") \
        or text[:run[0][0]].rstrip().endswith(":")
    if text[run[0][0] - 1:run[0][0]] in ("#", "@"):
        return []  # hashtags and handles
    if len(run) == 1 and (parts := geo.hyphenated(plain)):  # "US-China talks": two places
        starts = [run[0][0] + len("-".join(parts[:i])) + (i > 0) for i in range(len(parts))]
        return [_mention([(a, a + len(p), p)], "place", "place list", places()[p]) for a, p in zip(starts, parts)]
    if len(run) == 1 and re.fullmatch(r"[^-]+-[a-z][a-z\-]+", plain):
        head = plain.split("-")[0]  # "US-led", "NEC-backed": the name is the part before the hyphen
        found = _classify([(run[0][0], run[0][0] + len(head), head)], text, sent_start, people)
        if geo.based_place(text, run[0][1]) and [m.label for m in found] in (["other"], [INITIAL]):
            found[0].label, found[0].evidence = "place", f"before '-{plain.rsplit('-', 1)[1]}'"  # "Houston-area"
        return found
    if len(run) <= 3 and geo.before_place_noun(text, run[-1][1]) and plain not in _words("organisation"):
        return [_mention(run, "place", "listed before 'counties', 'provinces'...")]  # "Barry and Cass counties"
    compass = re.fullmatch(r"(?:(?:North|South)(?:-?(?:east|west))?|East|West|Central|(?:North|South|East|West)ern"
                           r"|Inner|Outer|Greater|Upper|Lower)"
                           r" (.+)", plain)
    if compass and major_place(compass.group(1)):  # "Eastern Europe", "Inner Mongolia", "West Michigan"
        return [_mention(run, "place", "part of a listed place", plain)]
    if len(run) == 1 and plain in places() and plain not in regions() and cues.listed_organisation(plain, text):
        return [_mention(run, "organisation", "club list")]  # "Southampton" in a match report: the club
    if plain in places() or phrase in places():
        return [_mention(run, "place", "place list", places().get(plain) or places()[phrase])]
    if plain in _words("organisation") or phrase in _words("organisation"):
        return [_mention(run, "organisation", "organisation list")]
    k = next((k for k in range(1, len(run)) if text[run[k][0]:run[-1][1]] in _words("organisation")
              and text[run[0][0]:run[k - 1][1]] in places()), 0)
    if k:  # "US Senate", "UK Treasury": a place, then a listed organisation, is one organisation
        return [_mention(run, "organisation", "place and a listed organisation")]
    if plain in cues.agencies():
        return [_mention(run, "organisation", "news agency")]
    if len(run) > 1 and (listed := cues.listed_organisation(plain, text)):
        return [_mention(run, "organisation", listed)]  # "Aston Villa", "Johnson & Johnson"
    if len(run) == 2 and (cues.club_prefix(words[0]) or words[1] == "City") \
            and words[1 - (words[1] == "City")] in places():
        return [_mention(run, "organisation", "club name")]  # "Real Madrid", "Manchester City"
    if len(run) == 1 and _is_acronym(words[0]) and cues.abbreviates_common_words(text, run[0][0], run[0][1]):
        return []  # "hypersensitivity pneumonitis, or HP": an abbreviation, not an organisation
    if cues.quoted_title(text, run[0][0], run[-1][1]) and len(run) > 1:
        return [_mention(run, "other", "title in quotation marks")]  # the song “Bad Blood”
    if all(is_role(w.lower().rstrip(".")) or w.lower() in RUN_CONNECT for w in words) \
            or (len(run) == 1 and (words[0] in _words("not_entity") or _demonym(words[0]))):
        return []  # "Secretary General", "GDP", "Russian"
    pieces = _split_on_inside(run)
    if len(pieces) > 1 and all(is_role(w.lower().rstrip(".")) for *_, w in pieces[0]):
        # "President of the Chicago Council", "Secretary General of NATO": the title is not the name
        return _classify([t for p in pieces[1:] for t in p], text, sent_start, people)
    misc = next((w for w in reversed(words) if w.lower() in _misc_words()), None)
    if misc and len(run) > 1:  # "World Cup", "Hunting Act", "Grammy Awards": events, laws, prizes
        return [_mention(run, "other", f"event, law or prize word '{misc}'")]
    if len(run) > 1 and words[-1] == "District" and re.match(r" (?:Judge|Attorney|Court)\b", text[run[-1][1]:]):
        return _classify(run[:-1], text, sent_start, people)  # "U.S. District Judge": the place is "U.S."
    if len(run) > 1 and words[-1] in _words("place_word") and not _org_word(run[:-1]):
        return [_mention(run, "place", f"place word '{words[-1]}'")]  # "Lansdowne Road", "Guantanamo Bay"
    if len(pieces) > 1 and len(pieces[0]) > 1 and pieces[0][0][2].lower() in cues.first_names():
        # "Brian Batko of the Pittsburgh Post-Gazette": a person, then where they work
        return [m for p in pieces for m in _classify(p, text, sent_start, people)]
    cue = _org_word(run)
    if cue and not (len(run) == 1 and first_of_sentence):
        if len(run) == 1 and cue.lower() in ("party", "government", "army", "police", "court", "council"):
            return []  # "Party" alone, capitalised by house style
        return [_mention(run, "organisation", f"organisation word '{cue}'")]
    gaps = {text[a[1]:b[0]].strip() for a, b in zip(run, run[1:])} - {""}
    if gaps and gaps <= _PARTICLES:
        return [_person(run, f"name with '{sorted(gaps)[0]}'", people, text)]  # "Roland de Marigny"
    if len(_split_on_inside(run)) > 1:
        return [m for p in _split_on_inside(run) for m in _classify(p, text, sent_start, people)]
    name, role = split_name(words)
    parts = list(_leading_names(run)) if role and not name else []
    if parts and all(len(p) < len(run) for p in parts):  # "US Secretary": the names among the titles
        return [m for p in parts for m in _classify(p, text, sent_start, people)]
    if role and name:  # "President Vladimir Putin", "NATO Secretary General Jens Stoltenberg"
        k = len(role)
        titles = [w for w in role if is_role(w.lower().rstrip("."))]
        rest = _classify(run[:k], text, sent_start, people) if not titles else \
            [m for p in _leading_names(run[:k]) for m in _classify(p, text, sent_start, people)]
        if titles and (len(name) > 1 or not (name[0] in _words("not_entity") or _demonym(name[0]))):
            return rest + [_person(run[k:], f"title '{titles[-1]}'", people)]
        if titles:
            return rest  # "Former Republican": a title and an adjective
        # "NATO Jens Stoltenberg": an organisation, then a person; each on its own.
        tail = _classify(run[k:], text, run[k][0] if first_of_sentence else sent_start, people)
        if any(m.label == "person" for m in tail):
            return rest + tail
        run = run[k:]
        words = name
    if len(run) == 1 and is_role(words[0].lower().rstrip(".")):
        return []
    if len(run) == 1 and _is_acronym(words[0]):
        return [_mention(run, "organisation", "acronym")]
    after_kind = cues.noun_after(text[run[-1][1]:run[-1][1] + 20]) if len(run) == 1 else None
    if after_kind:  # "Honda brand", "the Obama administration"
        return [_mention(run, "organisation", "before a company noun") if after_kind == "organisation"
                else _person(run, "before 'administration'", people)]
    if len(run) == 1 and before.endswith("/") and (prev_word in _words("organisation")
                                                   or prev_word in cues.agencies()):
        return [_mention(run, "organisation", "joined to an organisation")]  # "a Reuters/Ipsos poll"
    if prev_word.islower() and prev_word in ORG_NOUNS and re.search(r"[a-z]\s+$", before):  # not "statement. X"
        return [_mention(run, "organisation", f"after '{prev_word}'")]  # "carmaker Renault", "the firm Axa"
    kind = cues.noun_before(before) if not first_of_sentence else None
    if kind == "organisation":
        return [_mention(run, "organisation", f"after '{prev_word}'")]  # "the band Queen"
    if kind == "work":
        return [_mention(run, "other", f"title after '{prev_word}'")]  # "the film Monsoon Wedding"
    if len(run) == 1 and prev_word in ("said", "says", "added") and re.match(r"\s*[.,]", text[run[-1][1]:]) \
            and not _common_word(words[0], text):
        return [_person(run, f"after '{prev_word}'", people)]  # '"...," said Souness.'
    if is_role(prev_word.lower()) and prev_word.islower():
        return [_person(run, f"title '{prev_word}'", people)]
    if len(run) == 1 and words[0] not in people.full and (listed := cues.listed_organisation(plain, text)):
        return [_mention(run, "organisation", listed)]  # "Ericsson", "Chelsea" in a match report
    if (words[0].lower() in FIRST_NAMES and (len(run) > 1 or not first_of_sentence)) \
            or (len(run) > 1 and words[0].lower() in cues.first_names() and not _demonym(words[0])):
        # the long list only before a surname, and not "Roman Catholics"
        return [_person(run, "first name", people)]
    if words[-1] in people.full or " ".join(words) in people.full:
        return [_person(run, "named before in the article", people)]
    if _VERBS_AFTER.match(text[run[-1][1]:run[-1][1] + 40]) and (not first_of_sentence or (
            len(run) == 1 and not words[0].endswith("s") and not _common_word(words[0], text)
            and words[0].lower() not in _org_cues())):  # "Police said" opens a sentence: not a person
        return [_person(run, "name before a reporting verb", people)]  # "Macron said", not "Officials said"
    if len(run) in (2, 3) and first_of_sentence and words[0].lower() not in cues.first_names() \
            and _common_word(words[0], text):
        # "Injured Chelsea", "Double Olympic": a sentence may open with a capitalised adjective.
        return _classify(run[1:], text, run[1][0], people)
    if len(run) in (2, 3) and words[0] not in _words("organisation") \
            and not any(major_place(w) or _demonym(w) or w in _DAYS_MONTHS or w.lower() in _org_cues()
                        or w.lower() in _function_words() or w.lower() in _misc_words()
                        or re.search(r"\d|-[a-z]", w) for w in words) \
            and all(w[:1].isupper() and not w.isupper() for w in words) \
            and (words[0].lower() in cues.first_names() or not _common_word(words[0], text)):  # not "Spilled Water"
        return [_person(run, WEAK_PERSON, people)]
    if len(run) == 1 and words[0].lower() in _function_words():
        return []
    if first_of_sentence and len(run) == 1:
        # Capitalised anyway: a person only if the article or the corpus names someone so (decided later).
        return [_mention(run, INITIAL, "first word of a sentence")]
    # A word alone: a person only when the article or the corpus gives that surname to someone (decided later).
    return [_mention(run, "other", "capitalised word, no cue" if len(run) == 1 else "capitalised words, no cue")]


def _capital_place(word: str) -> str | None:
    """The place a word in capitals names ("BRUSSELS", "KYIV"), if any."""
    return places().get(word) if len(word) <= 3 else places().get(word.title())


def _shouted(run) -> list[Mention]:
    """A headline or dateline in capitals ("NATO CHIEF IN KYIV"): only names from the lists are kept."""
    found = []
    i = 0
    while i < len(run):
        item, word = run[i], run[i][2]
        i += 1
        longer = next((k for k in (3, 2) if i - 1 + k <= len(run)
                       and " ".join(w.title() for *_, w in run[i - 1:i - 1 + k]) in places()), 0)
        if longer:  # "NEW DELHI", "SOUTH KOREA"
            name = " ".join(w.title() for *_, w in run[i - 1:i - 1 + longer])
            found.append(_mention(run[i - 1:i - 1 + longer], "place", "place list", places()[name]))
            i += longer - 1
        elif _capital_place(word):
            found.append(_mention([item], "place", "place list", _capital_place(word)))
        elif word in _words("organisation"):
            found.append(_mention([item], "organisation", "organisation list"))
    return found


def _common_word(word: str, text: str) -> bool:
    """A word that is written in lower case elsewhere in the article, or looks like an adjective or verb."""
    low = word.lower()
    return low.endswith(("ed", "ing", "ly", "ous", "ive", "ful", "less", "able", "est")) or "-" in low \
        or (low in text and re.search(rf"\b{re.escape(low)}\b", text) is not None)


def _opener(word: str) -> bool:
    """A word capitalised because it opens a sentence, a date or "I'm": never the start of a name."""
    return word in LEADERS or word.rstrip(".") in _DAYS_MONTHS or bool(re.match(r"I['’]", word))


@cache
def _function_words() -> frozenset[str]:
    return frozenset(w.lower() for w in LEADERS)


def _leading_names(run):
    """The parts of a title phrase that are names: "NATO" in "NATO Secretary General"."""
    piece = []
    for item in run:
        if is_role(item[2].lower().rstrip(".")) or item[2].lower() in RUN_CONNECT:
            if piece:
                yield piece
            piece = []
        else:
            piece.append(item)
    if piece:
        yield piece


def _person(run, evidence: str, people: People, text: str | None = None) -> Mention:
    written = text[run[0][0]:run[-1][1]] if text is not None else " ".join(w for *_, w in run)
    name, _ = people.add(written, as_speaker=True)
    return _mention(run, "person", evidence, name or written)


def entities_in(text: str, spans=None) -> list[Mention]:
    """The mentions of people, places and organisations in one article, in order (rules only).

    ``spans``: the article's sentence spans, when the caller has them already."""
    people = People()
    found = []
    for a, b in sentence_spans(text) if spans is None else spans:
        for run in _runs(text, a, b):
            for m in _classify(run, text, a, people):
                m.text = text[m.start:m.end]
                m.entity = m.entity or _canonical(m.text, m.label)
                found.append(m)
    # A surname met before its full name ("Putin ... Vladimir Putin") is the same person.
    for m in found:
        if m.label == "person" and " " not in m.entity and m.entity in people.full:
            m.entity = " ".join(people.full[m.entity])
        elif m.label in ("other", INITIAL) and m.text in people.full or m.label == "place" and m.text in towns() \
                and m.text in people.full:  # "Moreno" after "Juan Moreno": the person, not the town
            m.label, m.evidence = "person", "named elsewhere in the article"
            m.entity = " ".join(people.full[m.text])
    one_sense(found, text)  # "the carmaker Zorvik" makes the article's other "Zorvik" an organisation
    return found


def _canonical(written: str, label: str) -> str:
    s = re.sub(r"^[Tt]he\s+", "", written)
    if label == "organisation" and re.fullmatch(r"(?:[A-Z]\.){2,}", s):
        return s.replace(".", "")  # "U.N." and "UN" are one organisation
    return s


