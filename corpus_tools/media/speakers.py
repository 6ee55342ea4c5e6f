"""Who spoke: the speaker phrase around a reporting verb, as written ("said NATO chief Jens
Stoltenberg", "Rep. John Mica (R-Fla.) said", "Trump, 70, told", "the CNN host reiterated"), and
what kind of speaker it is (named, described, anonymous).

Each function reads the reporter's words only (quotations are masked before) and returns the
phrase as written, or None when nothing fits well enough: an empty speaker is better than a guess.
"""

from __future__ import annotations

import re

from ..data import read_words
from .people import (
    FIRST_NAMES,
    LEADERS,
    ORG_NOUNS,
    ORG_WORDS,
    ROLE_WORDS,
    RUN_CONNECT,
    STOP_AFTER,
    is_role,
    split_name,
)

SPEAKER_NOUNS = read_words("speaker_nouns.txt") | ROLE_WORDS | ORG_NOUNS | ORG_WORDS

# "(R-Fla.)", "(D-N.Y.)", "(I-Vt.)", "(R)": a party and state after a US politician's name; "(AP)", "(CNN)".
PARTY_TAGS = re.compile(r"\s*\((?:[A-Z]{2,}|(?:R|D|I|Ind|Dem|Rep|GOP|DFL|L|G)"
                   r"(?:\s?[-–,]\s?[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?)\)")

_AUX = re.compile(r"\s+(?:has|have|had|would|will|was|is|are|were|did|does|do|could|can|may|might|must|should)"
                  r"(?:\s+been)?\s*$")

_TRAILING = re.compile(
    r"(?:\s*,?\s*\b(?:also|then|later|earlier|previously|again|further|however|repeatedly|once|recently|reportedly|"
    r"subsequently|simply|just|only|even|publicly|privately|flatly|quickly|firmly|angrily|bluntly|told\s+\w+|"
    r"(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year)"
    r"(?:\s+(?:morning|afternoon|evening|night))?|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?|"
    r"yesterday|today|tonight)\b,?)+\s*$")

# "Trump in his announcement speech (called)": a name, then where or when, then the verb.
_INSIDE = re.compile(r"([A-Z][\w'’\-]+)\s+(?:in|on|at|during)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w\-]+\s+){0,3}"
                     r"(?:speech|interview|statement|debate|rally|email|letter|tweet|post|op-ed|memo|remarks|address|"
                     r"appearance|meeting|conference|call|town\s+hall|hearing|report|book|video|ad)\s*$")

# ", in a statement," / ", in an interview with CNN," between the speaker and the verb.
_ASIDE = re.compile(r",\s*(?:in|on|at|during|via|through|speaking|writing)\s+[^,]{1,70},?\s*$")

NAME = r"[A-Z][\w'’.\-]*(?:\s+(?:(?:de|van|von|bin|al|da|di|du|le|la|der|den|del|el)\s+)?[A-Z][\w'’.\-]*)*"

_ABBREVIATED = (r"(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Del|Lt|Col|Sgt|Jr|Sr|Capt|Maj|Adm|Cmdr|Rev|Prof|"
                r"Atty|Amb|Cpl|Pvt|Supt)\.")

_ROLE_WORD = r"(?:[a-z][\w\-]*\s+){0,2}"
_JOINT = re.compile(r"(?:^|(?<=[\s,;:—–(]))((?:" + _ROLE_WORD + NAME + r",\s+)*" + _ROLE_WORD + NAME + r",?\s+and\s+"
                    + _ROLE_WORD + NAME + r")\s*$")

_PREPOSITIONS = {"in", "on", "at", "of", "to", "for", "by", "with", "from", "about", "against", "than", "into",
                 "over", "under", "between", "like", "toward", "towards"}

_DETERMINERS = r"(?:the|a|an|one|some|two|three|four|several|many|other|another|his|her|its|their|our|your|this|that)"

_ANONYMOUS = re.compile(
    r"^(?:a|an|one|some|two|three|four|five|several|many|other|another|few|most|unnamed|anonymous)\b|"
    r"\b(?:anonymous|anonymity|unnamed|not\s+(?:authorized|authorised)|not\s+to\s+be\s+(?:named|identified)|"
    r"familiar\s+with|declined\s+to\s+be\s+(?:named|identified))\b", re.IGNORECASE)


def is_speaker_noun(word: str) -> bool:
    low = word.lower().strip(",.")
    if low[:1].isdigit() and re.fullmatch(r"\d+-year-olds?", low):
        return True
    if low.endswith("men") and low[:-3] + "man" in SPEAKER_NOUNS:
        return True  # "chairmen", "spokesmen"
    return low in SPEAKER_NOUNS or (low.endswith("s") and low[:-1] in SPEAKER_NOUNS) or \
        (low.endswith("ies") and low[:-3] + "y" in SPEAKER_NOUNS) or is_role(low)


def clean_before(before: str) -> str:
    """The words before a verb without party-state tags, asides and adverbs ("Rep. John Mica (R-Fla.) on Friday")."""
    before = PARTY_TAGS.sub("", before).rstrip()
    before = _INSIDE.sub(r"\1", before)
    closing_comma = before.endswith(",")  # "Mr. Kim, who was in Africa this week," keeps its closing comma
    for _ in range(2):
        before = _AUX.sub("", before)
        before = _TRAILING.sub("", before).rstrip()
        before = _ASIDE.sub(",", before).rstrip()
    return before + "," if closing_comma and not before.endswith(",") else before


def appositive_tail(tail: str) -> bool:
    """Whether ", 70," / ", a spokesman for X," / ", Sanders's chief strategist," is a description, not a clause."""
    segments = [s.strip() for s in tail.split(",") if s.strip()]
    if not 1 <= len(segments) <= 3 or len(tail) > 170:
        return False
    for k, seg in enumerate(segments):
        first = seg.split()[0]
        if re.search(r"\b(?:said|says|told|when|while|if|that|because|and\s+(?:he|she|they))\b", seg):
            return False
        if first in {"who", "whose"} and len(seg) > 100:
            return False
        described = (re.fullmatch(r"\d{1,3}", seg) or first[:1].islower()
                     or re.match(r"(?:[A-Z][\w.\-]*\s+){0,2}[A-Z][\w.\-]*(?:['’]s|s['’])(?!\w)", seg)
                     or first in {"Democrat", "Republican", "Independent"}
                     or k > 0 and len(seg.split()) <= 3 and seg[:1].isupper())  # ", 30, of Gainesville, Fla."
        if not described:
            return False
    return True


def appositive(before: str):
    """"Joe McLean, a football specialist at Grant Thornton," / "Trump, 70," (before "said"): the name."""
    if not before.rstrip().endswith(","):
        return None
    for m in re.finditer(r"(?:^|(?<=[\s(\"“”—–:;]))(" + NAME + r"),\s+", before):
        name, tail = m.group(1), before[m.end():].rstrip()[:-1]
        prev = before[:m.start()].split()
        if prev and prev[-1].lower() in _PREPOSITIONS or not tail or all(w in LEADERS for w in name.split()):
            continue
        if appositive_tail(tail):
            return name
    return None


PREPOSITION_PHRASE = (r"(?:\s+(?:for|of|to|at|with|from|in|on)\s+[^,;:()]{0,60}?[\w.]"
       + "".join(rf"(?<!\b{w})" for w in ("and", "or", "but", "the", "a", "an", "his", "her", "its", "their", "of",
                                         "to", "for", "in", "on", "at", "with", "from", "that", "which", "who"))
       + r")?")


def _description(before: str):
    """"the CNN host", "a White House official", "an aide to the senator", "White House officials",
    "Trump's campaign" right before a verb."""
    m = re.search(r"(?:^|(?<=[\s(\"“”—–:;,]))((?:(?i:" + _DETERMINERS + r")|[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*['’]s?)"
                  r"\s+(?:[\w.'’\-]+\s+){0,5}?([\w\-]+)" + PREPOSITION_PHRASE + r")\s*$", before)
    if m and is_speaker_noun(m.group(2)) and not m.group(2)[:1].isupper():
        return m.group(1)
    m = re.search(r"(?:^|(?<=[,;:—–(])\s*|\b(?:and|but|while)\s+)((?:[A-Z][\w.\-]*\s+){0,3}([a-z][\w\-]*s)"
                  + PREPOSITION_PHRASE + r")\s*$", before)
    if m and is_speaker_noun(m.group(2)):
        return m.group(1)  # a bare plural: "critics", "White House officials"
    return None


def np_before(before: str):
    """(speaker phrase right before a reporting verb as written, evidence), or (None, None)."""
    before = clean_before(before)
    m = re.search(r"(" + NAME + r"),?\s+who\s*$", before)
    if m and not all(w in LEADERS for w in m.group(1).split()):
        return m.group(1), "name before 'who'"  # "Mr. Sperling, who worked with her, said" is cut to this
    appos = appositive(before)
    if appos:
        return appos, "appositive"
    joint = _JOINT.search(before)
    if joint and all(split_name(p.split())[0] for p in re.split(r",?\s+and\s+|,\s+", joint.group(1))):
        return joint.group(1), "joint speakers before the verb"  # "singer Gary Lightbody and drummer Jonny Quinn"
    before = before.rstrip(",").rstrip()
    if re.search(r"\b(?:and|or|but)$", before):
        return None, None  # "Azmat said he ... and would say": the subject of the first verb speaks
    pron = re.search(r"(?:^|(?<![\w'’]))(he|she|they|it|we|i)\s*$", before, re.IGNORECASE)
    if pron:
        return pron.group(1), "pronoun before the verb"
    desc = _description(before)
    if desc and re.search(r"\s(?:for|of|to|at|with|from|in|on)\s", desc):
        return desc, "description before the verb"
    words = before.split()
    run = []
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        low = w.lower().strip(",")
        if w.endswith(",") and run:
            if is_role(run[0].lower()) and w[:1].isupper():
                # "John Houlihan, editor of X told": the closing comma is missing; the name is before.
                name = [w.strip(",")]
                while k > 0 and words[k - 1][:1].isupper() and not words[k - 1].endswith(","):
                    k -= 1
                    name.insert(0, words[k])
                return " ".join(name), "appositive"
            break
        if w.endswith(":"):
            break  # "The Latest: Trump said"
        w = w.strip(",")
        if re.search(r"['’]s?$", w) and w[:1].isupper() and run:
            break  # "Trump's spokeswoman Hope Hicks": the possessive is not part of the speaker's name
        if w[:1].isupper() or low in ROLE_WORDS or (low in RUN_CONNECT and run) or low in {"the"}:
            run.insert(0, w)
            if low == "the":
                break
        else:
            break
    while run and (run[0].lower() in RUN_CONNECT or run[0] in LEADERS):
        run.pop(0)
    if run and re.search(r"['’]s?$", run[-1]):
        run = []  # a possessive ("Trump's") is never a speaker
    if (run and any(w[:1].isupper() or w.lower() in ROLE_WORDS for w in run if w.lower() != "the")
            and (run[0].lower() == "the" or run[-1][:1].isupper() or run[-1].lower() in ROLE_WORDS)):
        if desc and len(desc) > len(" ".join(run)) and not run[-1][:1].isupper():
            return desc, "description before the verb"
        return " ".join(run), "name before the verb"
    if desc:
        return desc, "description before the verb"
    return None, None


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
        if re.search(r"['’]s?$", bare) and bare[:1].isupper():
            name_end = None  # "said Trump's spokeswoman ...": whoever follows the possessive
        surname = bool(words) and words[-1].lower() in FIRST_NAMES  # "Charlie King"
        is_name = bare[:1].isupper() and (surname or not is_role(low)) and not (bare.isupper() and len(bare) > 1) \
            and not re.search(r"['’]s?$", bare)
        if low == "and" and words and is_role(words[-1].lower().rstrip(".")):
            words.append(bare)  # "former Pennsylvania Gov. and Democratic National Committee Chairman Ed Rendell"
            continue
        if not is_name and (low in STOP_AFTER or (words and low in {"the", "a", "an"})):
            break
        words.append(bare)
        if is_name:
            name_end = len(words)
        if w.endswith(".") and not re.fullmatch(_ABBREVIATED, w):
            break
    if name_end is not None:
        return " ".join(words[:name_end])
    n = len(words)
    while words and not (is_speaker_noun(words[-1]) or words[-1][:1].isupper() and words[-1].isupper()):
        words.pop()
    if not words or re.search(r"['’]s?$", words[-1]) or not (
            words[0][:1].isupper() or words[0].lower() in {"the", "a", "an", "one", "two", "three", "several"}):
        return None
    phrase = " ".join(words)
    named = re.match(r"\s*" + re.escape(clause.strip()) + r",\s+(" + NAME + r")(?=\s*(?:[,.;]|$))", after)
    if named and len(words) == n and split_name(named.group(1).split())[0]:  # "said EEF chief economist, Steve Radley."
        name = named.group(1)
        return phrase + " " + (name[:-1] if name.endswith(".") and len(name.split()[-1]) > 2 else name)
    if len(words) >= n - 1:  # "said an aide to the senator", "a person close to": the phrase belongs to it
        pp = re.match(r"\s*" + re.escape(phrase) + r"(\s+(?:close\s+|familiar\s+|loyal\s+)?(?:for|of|to|at|with|from)"
                      r"\s+[^,;:()\n]{1,60}?)"
                      r"(?=\s*(?:[,;:()\n]|\.(?:\s|$)|$|\s+(?:on|in|at|during|after|before|who|that)\b))", clause)
        if pp:
            phrase += pp.group(1)
    return phrase


def with_saying(before: str):
    """"..., with spokesman Glen Caplin saying" / "– Ryan saying he was ... and Trump calling it": the phrase
    after "with", or a name opening a clause right before the -ing verb."""
    before = clean_before(before)
    bare = re.search(r"(?:^|[,;:—–]\s*|\s-\s|\band\s+)(" + NAME + r")\s*$", before)
    if bare and split_name(bare.group(1).split())[0] and not all(w in LEADERS for w in bare.group(1).split()):
        return bare.group(1)
    m = re.search(r"\bwith\s+((?:[\w.'’\-]+\s+){0,6}?[\w.'’\-]+)\s*$", before)
    if not m or re.search(r"['’]s?$", m.group(1)):
        return None
    phrase = m.group(1)
    if phrase.lower() in {"him", "her", "them", "it", "us", "me"}:
        return None
    if phrase[:1].isupper() or re.match(_DETERMINERS + r"\b", phrase, re.IGNORECASE) or is_role(phrase.split()[0]):
        return phrase
    return None


def quoted_object(before: str):
    """"the RBK news website quoted Ms. Simonyan as saying": Ms. Simonyan (who is quoted, not who quotes)."""
    m = re.search(r"\bquoted\s+(.{1,80}?)\s+as\s*$", before)
    return np_after(m.group(1)) if m else None


def speaker_kind(speaker, written) -> str | None:
    """"named" (a person or organisation by name), "described" ("the CNN host"), "anonymous" ("a White
    House official", "sources familiar with the talks"); None without a speaker."""
    if not isinstance(speaker, str) or not speaker:
        return None
    phrase = written if isinstance(written, str) and written else speaker
    if speaker[:1].isupper() and speaker.split()[-1][:1].isupper() and not re.search(r"['’]s?$", speaker):
        return "named"
    bare_plural = re.fullmatch(r"(?!(?:The|His|Her|Its|Their|Our|This|These|Those)\b)(?:[A-Z][\w.\-]*\s+){0,3}"
                               r"[a-z][\w\-]*[^s]s", phrase)  # "officials", "White House officials"
    if _ANONYMOUS.search(phrase) or bare_plural:
        return "anonymous"
    return "described"
