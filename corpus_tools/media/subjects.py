"""Who a sentence is about: its subject ("Speaking in Salem, Bush referred to Rubio as ..."), for
"..., saying" and verbs far from their subject, and the people a sentence names, for "he"/"she" later.
"""

from __future__ import annotations

import re

from .people import FEMALE_NAMES, LEADERS, MALE_NAMES, RUN_CONNECT, People, is_role, split_name
from .speakers import NAME, PARTY_TAGS, PREPOSITION_PHRASE, appositive_tail, is_speaker_noun


def sentence_subject(sent: str):
    """Who a sentence is about, for "..., saying ..." or a verb far from its subject.

    The opening name or description ("the club"), after an opening phrase or clause ("Speaking in
    Salem, New Hampshire, Trump went after Bush") and before an appositive ("Silverman, herself a
    Sanders supporter, incurred"); None when the sentence does not open that way.
    """
    text = PARTY_TAGS.sub("", sent[:400].lstrip(" \"“‘'-—–•*\t\n"))
    text = _CONJUNCTION.sub("", text)  # "And he made a point"
    commas = [m.end() for m in re.finditer(r",\s+", text[:220])]
    first = text.split(" ", 1)[0].strip(",")
    if first in LEADERS and first not in {"The", "A", "An", "He", "She", "They", "It", "We", "I"} \
            or first.lower().endswith("ing"):
        starts = commas
    else:  # "A few days later, Trump reversed himself": the opening phrase was no subject
        starts = [0] + commas[:1]
    for s in starts:
        found = _subject_at(text[s:])
        if found:
            return found
    return None


_VERB_NEXT = re.compile(r"\s+[\"“]?(?!(?:of|in|on|at|for|to|from|and|or|the|a|an|with|by)\b)[a-z]")
_PRONOUN_SUBJECT = re.compile(r"(he|she|they|it|we|i)(?:['’](?:s|m|re|ve|d|ll))?(?:,\s*too,)?\s+[\"“]?[a-z]",
                              re.IGNORECASE)
_THE_TITLED = re.compile(r"The\s+((?:[A-Z][\w.\-]*\s+)+)")
_DETERMINER_START = re.compile(r"(?i:the|a|an|one|another|some|two|three|several|many|most|both|other)\s")
_WORD = re.compile(r"[\w.'’\-]+")
NAME_RE = re.compile(NAME)
_SPACE_NAME = re.compile(r"\s+(" + NAME + r")")
_SUBJECT_PP = re.compile(r"\s+(?:inside|outside|close\s+to|near|within|for|of|at|with|from)\s+"
                         r"(?:[\w.'’\-]+\s+){0,4}?[\w.'’\-]+(?=" + _VERB_NEXT.pattern + ")")
_BARE_PLURAL = re.compile(r"((?:[A-Z][\w.\-]*\s+){0,3}?([A-Z]?[a-z][\w\-]*s)" + PREPOSITION_PHRASE + r")(?=,|"
                          + _VERB_NEXT.pattern + ")")
_TOKEN = re.compile(r"[^\s,]+,?")
_LOWER_RUN = re.compile(r"((?:\s+[a-z][\w\-]*){1,3})\s+(?=[A-Z])")
_CONJUNCTION = re.compile(r"^(?:And|But|So|Yet|Or|Then|Still|Now|Instead)\s+(?=[A-Za-z])")


def _subject_at(text: str):
    m = _PRONOUN_SUBJECT.match(text)
    if m:
        return m.group(1)
    titled = _THE_TITLED.match(text)
    if titled and any(is_role(w.lower().rstrip(".")) for w in titled.group(1).split()[:-1]):
        text = text[titled.start(1):]  # "The Attorney General Lord Goldsmith has"
    elif _DETERMINER_START.match(text):
        # "The conservative publication has", "The Slate technology columnist David Auerbach went"
        words = list(_WORD.finditer(text[:120]))[:7]
        for k, w in enumerate(words[1:6], start=1):
            if w.group()[:1].isupper() or not is_speaker_noun(w.group()):
                continue
            end = w.end()
            for nxt in words[k + 1:]:  # "the prime minister", "the party chairman"
                if nxt.start() != end + 1 or nxt.group()[:1].isupper() or not is_speaker_noun(nxt.group()):
                    break
                end = nxt.end()
            name = _SPACE_NAME.match(text, end)
            if name and split_name(name.group(1).split())[0]:
                end = name.end()
            else:  # "One operative inside Trump Tower tried"
                pp = _SUBJECT_PP.match(text, end)
                end = pp.end() if pp else end
            if text[end:end + 1] == "," or _VERB_NEXT.match(text, end):
                return text[:end]
            return None
        return None
    m = _BARE_PLURAL.match(text)
    if m and is_speaker_noun(m.group(2)):
        return m.group(1)  # a bare plural: "Attorneys for Clinton appeared", "White House officials said"
    # "Clinton campaign spokesman Brian Fallon responded", "Democratic front-runner Hillary Clinton, also ..., said"
    run = []
    for tok in _TOKEN.finditer(text[:200]):
        bare = tok.group().rstrip(",")
        if not (bare[:1].isupper() or run and (is_speaker_noun(bare) or bare.lower() in RUN_CONNECT)
                or is_role(bare.lower())):
            break
        run.append(tok)
        if tok.group().endswith(",") or re.search(r"['’](?:m|re|ve|ll|d)$", bare):
            break
    if not run or re.search(r"['’](?:m|re|ve|ll|d)$", run[-1].group().rstrip(",")):
        return None
    end = run[-1].start() + len(run[-1].group().rstrip(","))
    lower = _LOWER_RUN.match(text, end)
    if lower and not run[-1].group().endswith(",") and any(is_speaker_noun(w) for w in lower.group(1).split()):
        name = NAME_RE.match(text, lower.end())  # "Shadow home secretary David Davis echoed"
        if name and split_name(name.group().split())[0]:
            end = name.end()
    phrase, rest = text[:end], text[end:]
    last = phrase.split()[-1]
    if not last[:1].isupper():
        # "Trump's Virginia state director, Mike Rubino, reached out": the name after the description
        m = re.match(r",\s+(" + NAME + r"),\s*", rest)
        if m and split_name(m.group(1).split())[0] and re.match(r"[\w\s]{0,40}?[a-z]", rest[m.end():]):
            return m.group(1)
        return None
    dashes = re.match(r"\s*[—–]\s[^—–]{1,150}\s[—–]", rest) or re.match(r"\s--\s.{1,150}?\s--", rest)
    if dashes:
        rest = rest[dashes.end():]  # "Gov. Chris Christie — who is being vetted as a running mate — made"
    if rest.startswith(","):
        close = re.match(r",([^,]{1,120}),?\s*(?=[a-z])", rest)
        if not close or not appositive_tail(close.group(1)):
            return None
    elif not _VERB_NEXT.match(rest):
        return None
    name, _ = split_name(phrase.split())
    return phrase if name and not re.search(r"['’]s?$", phrase) else None


_FULL_NAME = re.compile(r"\b([A-Z][a-z]+)\s+((?:[A-Z]\.\s+)?(?:(?:de|van|von|al|bin|da|di|du|le|la|der|den|del|el)\s+)?"
                        r"[A-Z][\w\-]+)(?!['’\w])")


_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Sen|Rep|Gov|Dr|Gen|Lt|Col|Capt|Rev|Prof)\.?\s+[A-Z][\w'’\-]+(?!['’\w])")


def note_subjects(masked_sentence: str, people: People) -> None:
    """Remember who a sentence is about, for "he"/"she" later: every full name with a known first name
    (its gender), and the person the sentence opens with ("Instead, Fiorina opened by ...") as the
    last person named."""
    for m in _FULL_NAME.finditer(masked_sentence):
        if m.group(1).lower() in FEMALE_NAMES or m.group(1).lower() in MALE_NAMES:
            people.add(m.group(0), as_speaker=False)
    for m in _TITLED.finditer(masked_sentence):  # "Mrs. Clinton", "Sen. Sanders": a person, often a gender
        people.add(m.group(0), as_speaker=False)
    subject = sentence_subject(masked_sentence)
    if subject and subject[:1].isupper() and subject.lower() not in {"he", "she", "it", "they", "we", "i"}:
        # The subject of a sentence is a person when it has a title or a first name, or is a single name.
        full, is_person = people.add(subject, as_speaker=bool(re.fullmatch(r"[A-Z][a-z][\w'’\-]+", subject)))
        if is_person:
            people.seen(full, True)


_CLAUSE = re.compile(r"(?:,\s+|\s+)(?:when|as|while|after|because|since|where|until|but|and)\s+(?=\S)|[;:—–]\s+")


def clause_subject(before: str):
    """The subject of the last clause before an -ing verb ("..., when Sanders protesters interrupted her
    speech, shouting"), or None."""
    starts = [m.end() for m in _CLAUSE.finditer(before)]
    for s in reversed(starts[-2:]):
        found = _subject_at(PARTY_TAGS.sub("", before[s:]))
        if found:
            return found
    return None
