"""Who is quoted, and how the same quote is cut by different outlets.

:func:`find_quotes` finds the words inside quotation marks and who said them, with plain rules
(quotation marks, a list of reporting verbs, names and pronouns), no language model.
:func:`count_speakers` counts quotes per speaker. How the same quote is cut by different
articles is in :mod:`corpus_tools.quote_variants` (``match_quotes``, ``show_quote_variants``).

>>> import pandas as pd
>>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": [
...     'NATO chief Jens Stoltenberg spoke. "We stand by Ukraine," he said. "Always."']})
>>> find_quotes(arts)[["quote", "speaker", "cue", "kind"]].values.tolist()
[['We stand by Ukraine,', 'Jens Stoltenberg', 'said', 'direct'], ['Always.', 'Jens Stoltenberg', 'said', 'direct']]

Reported speech without quotation marks ("X said that ...") is not listed: without a parser,
rules cannot tell well enough where the reported words end. The accuracy on hand-annotated
paragraphs is measured by ``benchmarks/eval_quotes.py``.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
import pandas as pd

from .tokens import _progress
from .validation import require_columns

QUOTE_COLUMNS = ["doc_id", "quote_id", "quote", "speaker", "speaker_as_written", "cue", "start", "end",
                 "kind", "paragraph"]
UNATTRIBUTED = "(unattributed)"

# Reporting verbs as written. "according to" puts the speaker after it; -ing forms take the sentence's subject.
_REPORTING = {
    "said", "says", "say", "told", "tells", "tell", "added", "adds", "stressed", "stresses", "noted", "notes",
    "claimed", "claims", "insisted", "insists", "alleged", "alleges", "admitted", "admits", "conceded",
    "concedes", "warned", "warns", "urged", "urges", "explained", "explains", "stated", "states", "argued",
    "argues", "asked", "asks", "wrote", "writes", "asserted", "asserts", "remarked", "remarks", "cautioned",
    "cautions", "continued", "continues", "declared", "declares", "announced", "announces", "replied", "replies",
    "answered", "answers", "emphasised", "emphasized", "emphasises", "emphasizes", "acknowledged", "acknowledges",
    "confirmed", "confirms", "suggested", "suggests", "complained", "complains", "predicted", "predicts",
    "revealed", "reveals", "recalled", "recalls", "commented", "comments", "observed", "observes", "maintained",
    "maintains", "tweeted", "tweets", "posted", "posts", "believes", "believed", "described", "describes",
    "accused", "accuses", "called", "calls", "insisting", "saying", "adding", "telling", "warning", "noting",
    "arguing", "stressing", "explaining", "writing", "calling", "describing"
}
REPORTING_VERBS = sorted(_REPORTING, key=len, reverse=True)
_CUE = re.compile(r"\b((?i:according to)|" + "|".join(REPORTING_VERBS) + r")\b")
_INVERTIBLE = {"said", "says", "added", "adds", "asked", "continued", "explained", "stressed", "insisted",
               "noted", "wrote", "warned", "according to", "argued", "claimed", "remarked", "replied"}

# Words that are a role or title, not part of a person's name ("NATO Secretary General Jens Stoltenberg").
ROLE_WORDS = {
    "secretary", "general", "minister", "president", "vice", "prime", "chief", "foreign", "defence", "defense",
    "state", "deputy", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "chair", "executive",
    "director", "head", "leader", "senator", "governor", "mayor", "ambassador", "envoy", "commissioner",
    "chancellor", "premier", "king", "queen", "prince", "princess", "pope", "analyst", "economist", "official",
    "officer", "adviser", "advisor", "counsel", "attorney", "judge", "professor", "coach", "manager", "captain",
    "striker", "forward", "midfielder", "sufferer", "diplomat", "counterpart", "representative", "rep", "sen",
    "gov", "gen", "lt", "col", "sgt", "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "former",
    "top", "chief-executive", "boss", "founder", "editor", "correspondent", "lawyer", "member", "mp", "mep",
    "aide", "secretary-general", "spokesman's", "interior", "finance", "economy", "trade", "justice", "health",
    "energy", "constable", "inspector", "superintendent", "detective", "sergeant"
}
_ORG_WORDS = {
    "commission", "council", "committee", "ministry", "department", "office", "bank", "institute", "association",
    "company", "corp", "inc", "ltd", "plc", "group", "university", "party", "agency", "chamber", "union", "court",
    "police", "government", "treasury", "news", "reuters", "board", "authority", "service", "services", "league",
    "federation", "club", "fund", "organisation", "organization", "nato", "un", "eu", "kremlin"
}
_TITLE_MALE = {"mr", "sir", "lord", "king", "prince", "spokesman", "chairman"}
_TITLE_FEMALE = {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "spokeswoman", "chairwoman"}
# A short list of first names is enough to pick "she" or "he" among the last few people named.
FEMALE_NAMES = {
    "annalena", "catherine", "melanie", "theresa", "patricia", "hillary", "kamala", "nancy", "angela", "ursula",
    "kaja", "liz", "elizabeth", "margaret", "mary", "anne", "anna", "ann", "jane", "sarah", "sara", "emma",
    "olivia", "sophie", "julia", "maria", "marie", "helen", "helena", "laura", "lisa", "susan", "karen", "linda",
    "barbara", "jennifer", "jessica", "michelle", "nicola", "hannah", "louise", "carolina", "kate", "katie",
    "claire", "clare", "rachel", "rebecca", "ruth", "victoria", "alice", "amy", "amanda", "andrea", "christine",
    "christina", "diane", "elena", "eva", "fiona", "gillian", "grace", "harriet", "isabel", "jacqueline",
    "joanna", "judith", "julie", "kathryn", "kirsty", "lucy", "madeleine", "marina", "natalie", "nina", "penny",
    "priti", "rosa", "samantha", "sandra", "sylvia", "tessa", "valerie", "yvonne", "zoe", "imelda", "kylie",
    "joss", "natasha", "annette", "condoleezza", "nikki", "elise", "kirstjen", "betsy", "sally", "sheila",
    "tanya", "yulia", "iryna", "olena", "giorgia", "marine", "ségolène"
}
MALE_NAMES = {
    "jens", "antony", "dmytro", "vladimir", "sergey", "dmitry", "volodymyr", "joe", "donald", "barack", "george",
    "bill", "tony", "gordon", "john", "james", "david", "michael", "robert", "william", "richard", "thomas",
    "charles", "christopher", "daniel", "paul", "mark", "steven", "andrew", "kenneth", "kevin", "brian", "edward",
    "ronald", "timothy", "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "stephen", "jonathan",
    "larry", "justin", "scott", "frank", "brandon", "raymond", "gregory", "samuel", "benjamin", "patrick", "jack",
    "dennis", "jerry", "alexander", "peter", "henry", "douglas", "adam", "nathan", "zachary", "kyle", "walter",
    "ian", "keith", "roger", "ivo", "boris", "emmanuel", "olaf", "rishi", "keir", "jeremy", "nigel", "ed", "alan",
    "alistair", "geoff", "stuart", "phil", "rick", "martin", "josep", "mike", "mitch", "chuck", "ted",
    "marco", "lindsey", "rex", "jim", "tom", "dan", "sean", "nick", "steve"
}

_RUN_CONNECT = {"of", "&", "de", "van", "von", "der", "da", "bin", "al", "la", "le", "du", "dos"}
_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
_ABBREV = {"mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "prof", "jr", "sr",
           "inc", "co", "corp", "ltd", "no", "vs", "nov", "dec", "jan", "feb", "aug", "sept", "oct", "mt"}
# Capitals standing for their governments ("Brussels believes"), never a "he" or "she".
_PLACES = {
    "brussels", "washington", "moscow", "kyiv", "kiev", "beijing", "london", "paris", "berlin", "tokyo", "tehran",
    "pyongyang", "seoul", "ankara", "jerusalem", "warsaw", "rome", "madrid", "delhi", "islamabad", "riyadh",
    "cairo", "damascus", "baghdad", "kabul", "ottawa", "canberra", "minsk", "budapest", "whitehall",
    "westminster", "downing"
}
# Capitalised only because they start a sentence: never part of a name.
_LEADERS = {"But", "And", "So", "Yet", "Meanwhile", "However", "Also", "Then", "Now", "Earlier", "Later", "Still",
            "In", "On", "At", "As", "After", "Before", "When", "While", "Speaking", "Asked", "Separately", "If",
            "Although", "Because", "Since", "With", "Without", "For", "From", "Under", "Despite", "Following",
            "Instead", "Even", "Only", "Both", "Today", "Yesterday", "This", "That", "These", "Those", "It", "There",
            "Here", "Why", "What", "How", "Who", "We", "They", "He", "She", "I", "You", "Our", "Their", "His", "Her",
            "A", "An", "The", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
            "January", "February", "March", "April", "June", "July", "August", "September", "October",
            "November", "December"}
_STOP_AFTER = {"in", "on", "at", "that", "to", "for", "with", "by", "from", "after", "before", "when", "while",
               "as", "during", "of", "and", "but", "who", "which", "this", "last", "earlier", "later", "yesterday"}
_ORG_NOUNS = {"company", "firm", "group", "bank", "ministry", "agency", "government", "statement", "carmaker",
              "retailer", "airline", "club", "party", "department", "office", "commission", "council"}
_OPEN_D, _CLOSE_D = "“„«", "”»"
_FILL = "x"


# ---------------------------------------------------------------------------------------- quote marks

def _quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, continues_previous) of each top-level quotation, marks excluded.

    Double quotes are paired with their direction read from the neighbouring characters;
    single quotes count only at top level and only when closed in the same paragraph, so
    apostrophes (Russia's, allies') are skipped. A paragraph ending inside a quote continues
    when the next paragraph opens with a mark (English convention); a mark that opens a new
    sentence while a quote is open closes it and opens the next (paragraphs joined in one line).
    """
    spans, n = [], len(text)
    open_at, single_at, cont = None, None, False
    i = 0
    while i < n:
        ch = text[i]
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch == "\n":
            single_at = None
            if open_at is not None:
                j = i
                while j < n and text[j].isspace():
                    j += 1
                if j < n and (text[j] in _OPEN_D or (text[j] == '"' and j + 1 < n and not text[j + 1].isspace())):
                    i = j + 1  # the quote runs on into the next paragraph
                    continue
                spans.append((open_at, i, cont))
                open_at, cont = None, False
            i += 1
            continue
        if ch in _OPEN_D or ch in _CLOSE_D or ch == '"':
            opening = ch in _OPEN_D or (ch == '"' and (prev.isspace() or prev in "([{—–-/'‘:")
                                        and not nxt.isspace())
            closing = ch in _CLOSE_D or (ch == '"' and not opening)
            if open_at is None and (opening or (ch == '"' and nxt.isalnum())):
                open_at, single_at = i + 1, None
            elif open_at is not None and opening and re.search(r"[.!?,:]\s+$", text[max(0, i - 3):i]):
                spans.append((open_at, i, cont))  # reopened: the earlier quote stopped at that sentence
                open_at, cont = i + 1, True
            elif open_at is not None and closing:
                spans.append((open_at, i, cont))
                open_at, cont = None, False
            i += 1
            continue
        if ch in "‘'’" and open_at is None:
            if ch in "‘'" and single_at is None and (prev.isspace() or prev in "([{—–-") and nxt.isalnum():
                single_at = i + 1
            elif single_at is not None and ch in "’'" and not prev.isspace() and not nxt.isalnum():
                if i - single_at > 1:
                    spans.append((single_at, i, False))
                single_at = None
        i += 1
    if open_at is not None:
        spans.append((open_at, n, cont))
    out = []
    for a, b, c in spans:
        seg = text[a:b]
        a2 = a + len(seg) - len(seg.lstrip())
        b2 = a + len(seg.rstrip())
        if b2 > a2 and re.search(r"\w", text[a2:b2]):
            out.append((a2, b2, c))
    return out


def _mask(text: str, spans) -> str:
    """The text with quoted words replaced by filler, so rules only read the reporter's words.

    Final punctuation stays, so a sentence still ends after a quote that ends one.
    """
    chars = list(text)
    for a, b, _ in spans:
        stop = b - 1 if text[b - 1] in ".!?" else b
        for k in range(a, stop):
            if not chars[k].isspace() or chars[k] == "\n":
                chars[k] = _FILL
    return "".join(chars)


_SENT_END = re.compile(r"[.!?…]['\"”’»)]*\s+(?=[\"“‘'«(A-Z0-9])|\n+")


def _sentences(masked: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENT_END.finditer(masked):
        if m.group(0)[0] == ".":
            word = re.search(r"([\w.]+)\.$", masked[max(0, m.start() - 12):m.start() + 1])
            if word and (word.group(1).lower() in _ABBREV or re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word.group(1))):
                continue
        spans.append((start, m.start() + 1))
        start = m.end()
    spans.append((start, len(masked)))
    return [(a, b) for a, b in spans if b > a]


# ---------------------------------------------------------------------------------------- speakers

def _tokens_before(s: str) -> list[str]:
    return re.findall(r"[\w'’.&\-]+|,", s)


def _split_name(words: list[str]):
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


def _appositive(before: str):
    """"Joe McLean, a football specialist at Grant Thornton," (before "said"): the name."""
    m = re.search(r"([A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)*),\s+(?:a|an|the|[a-z][\w\-]*)\b[^,]{0,90},\s*$", before)
    if m and not re.search(r"\b(?:said|says|when|while|if|that|which|who)\b", m.group(0)[len(m.group(1)):]):
        return m.group(1)
    return None


def _np_before(before: str):
    """The speaker phrase right before a reporting verb, as written (or None)."""
    before = re.sub(r"\s*\([A-Z]{2,}\)", "", before)
    before = re.sub(r"(?:\s*,?\s*\b(?:has|have|had|also|then|later|earlier|previously|again|further|however|"
                    r"would|will|was|is|repeatedly|once|recently|reportedly|subsequently|simply|just|"
                    r"only|even|had\s+been|has\s+been)\b,?)+\s*$", "", before)
    before = before.rstrip()
    # "Joe McLean, a football specialist at Grant Thornton, said": the name before the description.
    appos = _appositive(before)
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


def _np_after(after: str):
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


def _sentence_subject(sent: str):
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
    return " ".join(run) if run and run[-1][:1].isupper() and _split_name(run)[0] else None


def _is_role(low: str) -> bool:
    return low in ROLE_WORDS or low.split("-")[0] in ROLE_WORDS


class _People:
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
        name, role = _split_name(words)
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


def _resolve(written: str | None, people: _People):
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


def _note_subjects(masked_sentence: str, people: _People):
    """Remember people named as the subject of a sentence ("Melanie Joly pushed back..."), for pronouns."""
    for m in _SUBJECT.finditer(masked_sentence):
        if m.start() > 60 and masked_sentence[m.start() - 2:m.start()] != ", ":
            continue  # named late in a sentence: an object ("he met President Putin"), not its subject
        words = m.group(1).split()
        name, role = _split_name(words)
        first = name[0].lower() if name else ""
        titled = any(_is_role(w.lower().rstrip(".")) for w in role)
        if name and (len(name) >= 2 and (first in FEMALE_NAMES or first in MALE_NAMES or role)
                     or titled or name[-1] in people.full):
            full, is_person = people.add(m.group(1), as_speaker=False)
            if is_person:
                people.seen(full, True)


# ---------------------------------------------------------------------------------------- find_quotes

def _attribution(masked: str, a: int, b: int):
    """(speaker as written, cue, position) of the reporting verb that best fits this sentence's quotes."""
    sent = masked[a:b]
    found = []
    for m in _CUE.finditer(sent):
        cue = m.group(1).lower()
        if _FILL * 3 in sent[max(0, m.start() - 1):m.end() + 1]:
            continue
        before, after = sent[:m.start()], sent[m.end():]
        who = None
        if cue == "according to":
            who = _np_after(after)
        elif cue.endswith("ing"):
            who = _sentence_subject(sent)
        else:
            inverted = re.search(r"(?:[,:”\"’']|" + _FILL + r")\s*$", before)
            if inverted and cue in _INVERTIBLE and not _appositive(before):
                who = _np_after(after)
                if who and who.lower() in {"he", "she", "him", "her", "them"}:
                    who = None  # "Azmat, said he had been told": "he" starts the reported clause
            if who is None:
                who = _np_before(before)
        found.append((who, cue, a + m.start()))  # a verb with no speaker found still marks speech
    return found


def _adjacent(pos: int, q_start: int, q_end: int, masked: str) -> bool:
    if pos >= q_end:
        return re.fullmatch(r"[\"”’',:\s]*(?:[\w'’\-]+\s+){0,2}", masked[q_end:pos]) is not None
    return re.fullmatch(r"[\w'’\- ]*?\s*[,:]?\s*[\"“‘']?", masked[pos:q_start - 1]) is not None and \
        len(masked[pos:q_start - 1].split()) <= 4


def _choose(found, q_start: int, q_end: int, masked: str):
    if not found:
        return None
    named = [f for f in found if f[0]]
    if not named:
        # A verb with no speaker found ("officials said") counts only right next to the quote.
        near = [f for f in found if _adjacent(f[2], q_start, q_end, masked)]
        return near[0] if near else None
    found = named
    after = [f for f in found if f[2] >= q_end and not re.search(r"[.!?]", masked[q_end + 1:f[2]].strip(" ,\"”’'"))]
    for f in after:
        gap = masked[q_end:f[2]]
        if re.fullmatch(r"[\"”’',:\s]*(?:[\w'’.\-]+\s+){0,8}", gap):
            return f
    before = [f for f in found if f[2] < q_start]
    if before:
        return before[-1]
    return after[0] if after else found[-1]


def _kind(text: str, masked: str, s_start: int, q_start: int, continues: bool) -> str:
    if continues:
        return "direct"
    prefix = masked[s_start:q_start - 1].strip(" -–—•*\t")
    first = text[q_start:q_start + 1]
    if (not prefix or prefix.endswith((":", ","))) and (first.isupper() or first.isdigit()):
        return "direct"
    return "partial"


def _is_speech(quote: str, kind: str) -> bool:
    """Scare quotes and titles (a few words in marks, no reporting verb) are not speech."""
    if kind == "direct":
        return True
    words = re.findall(r"[\w'’\-]+", quote)
    if len(words) <= 3:
        return False
    caps = sum(w[:1].isupper() for w in words)
    return caps < 0.6 * len(words)


def _quotes_in(text: str):
    spans = _quote_spans(text)
    if not spans:
        return []
    masked = _mask(text, spans)
    people = _People()
    rows = []
    para_starts = [0] + [m.end() for m in re.finditer(r"\n+", text)]
    last_said = {}  # paragraph -> (speaker, as written, cue) of its latest attribution
    qi = 0
    for a, b in _sentences(masked):
        sent_quotes = []
        while qi < len(spans) and spans[qi][0] - 1 < b:
            sent_quotes.append(spans[qi])
            qi += 1
        para = int(np.searchsorted(para_starts, a, side="right") - 1)
        found = _attribution(masked, a, b)
        # Resolved in reading order, so "he" looks only at people named before it.
        resolved = {pos: _resolve(who, people) for who, cue, pos in found}
        _note_subjects(masked[a:b], people)
        for qs, qe, cont in sent_quotes:
            qpara = int(np.searchsorted(para_starts, qs - 1, side="right") - 1)
            kind = _kind(text, masked, a, qs, cont)
            pick = _choose(found, qs, qe, masked)
            quote = text[qs:qe]
            n_words = len(re.findall(r"\w+", quote))
            if pick is not None:
                speaker, written, cue = resolved[pick[2]], pick[0], pick[1]
            elif not _is_speech(quote, kind):
                continue
            elif qpara in last_said:
                # "X," he said. "Y." and a quote after a sentence that named its speaker.
                speaker, written, cue = last_said[qpara]
            elif qpara - 1 in last_said and kind == "direct" and not masked[para_starts[qpara]:qs - 1].strip():
                # A paragraph that is only a quote continues the speaker of the paragraph before.
                speaker, written, cue = last_said[qpara - 1]
            else:
                speaker = written = cue = None
            if speaker is None and cue is None and n_words <= 3 and not cont:
                continue  # a headline or a word in marks, with nobody saying it
            rows.append({"quote": quote, "speaker": speaker, "speaker_as_written": written, "cue": cue,
                         "start": qs, "end": qe, "kind": kind, "paragraph": qpara})
            if speaker is not None:
                last_said[qpara] = (speaker, written, cue)
        if found and not sent_quotes:
            who, cue, pos = found[-1]
            if resolved[pos] is not None:
                last_said[para] = (resolved[pos], who, cue)
    # A surname quoted before the full name appeared, or whose full name only comes up in passing
    # ("Prime Minister Tony Blair's plans"), still gets the full name.
    for r in rows:
        name = r["speaker"]
        if isinstance(name, str) and " " not in name and name in people.full:
            if len(people.full[name]) == 1:
                for m in re.finditer(r"((?:[A-Z][\w'’\-]+\s+){1,2})" + re.escape(name) + r"\b", masked):
                    full, _ = _split_name(m.group(0).split())
                    if len(full) > len(people.full[name]):
                        people.full[name] = full
            r["speaker"] = " ".join(people.full[name])
    return rows


def find_quotes(articles: pd.DataFrame, *, text: str = "text", metadata=("outlet",)) -> pd.DataFrame:
    """One row per quotation: the quoted words, who said them and how it was reported.

    Columns: ``doc_id, quote_id, quote, speaker, speaker_as_written, cue, start, end, kind,
    paragraph`` plus the ``metadata`` columns present. ``quote`` is the text inside the marks
    (``text[start:end] == quote``; a quote running over paragraphs keeps the paragraph break and
    the mark that reopens it). ``speaker`` is a full name ("Jens Stoltenberg" for "Stoltenberg",
    "he", "NATO Secretary-General Jens Stoltenberg"), NA when unknown; ``cue`` the reporting
    verb as written ("said", "told", "according to"); ``kind`` is "direct" (a sentence or more
    in quotation marks) or "partial" (words quoted inside a sentence). A quote with no reporting
    verb of its own continues the speaker of the quote or attribution before it in the paragraph
    ('"X," he said. "Y."'), or of the paragraph before when the paragraph is only a quote.
    Scare quotes and titles (a few words in marks, no reporting verb) are left out. Reported
    speech without marks is not listed.

    >>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": [
    ...     "Catherine Colonna said Kyiv faced 'heavy attacks'. “We will help,” she said."]})
    >>> find_quotes(arts)[["quote", "speaker", "kind"]].values.tolist()
    [['heavy attacks', 'Catherine Colonna', 'partial'], ['We will help,', 'Catherine Colonna', 'direct']]
    """
    metadata = [metadata] if isinstance(metadata, str) else list(metadata)
    require_columns(articles, ["doc_id", text], what="articles table")
    metadata = [c for c in metadata if c in articles.columns and c not in ("doc_id", text)]
    rows = []
    items = zip(articles["doc_id"], articles[text], *(articles[c] for c in metadata))
    for doc_id, body, *meta in _progress(items, len(articles), "Finding quotes"):
        if not isinstance(body, str) or not body:
            continue
        for k, r in enumerate(_quotes_in(body), start=1):
            r.update(doc_id=doc_id, quote_id=f"{doc_id}:q{k}", **dict(zip(metadata, meta)))
            rows.append(r)
    out = pd.DataFrame(rows, columns=QUOTE_COLUMNS + metadata)
    _normalise_across(out)
    for c in ("quote", "speaker", "speaker_as_written", "cue", "kind"):
        out[c] = out[c].astype("object").where(out[c].notna(), pd.NA)
    out["doc_id"] = out["doc_id"].astype(str)
    for c in ("start", "end", "paragraph"):
        out[c] = out[c].astype("int64")
    return out.reset_index(drop=True)


def _normalise_across(quotes: pd.DataFrame) -> None:
    """A surname alone ("Stoltenberg") takes the full name the corpus gives it elsewhere, if one dominates."""
    speakers = quotes["speaker"].dropna()
    full = defaultdict(set)
    for s in speakers.unique():
        parts = str(s).split()
        if len(parts) >= 2:
            full[parts[-1]].add(s)
    counts = speakers.value_counts()
    mapping = {}
    for s in counts.index:
        names = sorted(full.get(s, ()), key=lambda n: -counts[n]) if " " not in str(s) else []
        # One full name, or one that holds three quarters of the quotes ("Tony Blair" over "Cherie Blair").
        if names and counts[names[0]] >= 0.75 * sum(counts[n] for n in names):
            mapping[s] = names[0]
    if mapping:
        quotes["speaker"] = quotes["speaker"].replace(mapping)


# ---------------------------------------------------------------------------------------- count_speakers

def count_speakers(quotes: pd.DataFrame, *, by="outlet") -> pd.DataFrame:
    """How often each speaker is quoted, per group (``by=None``: over the whole corpus).

    Columns: the ``by`` columns, ``speaker, n_quotes, n_words`` (words quoted), ``share`` (of the
    group's quotes) and ``n_articles``; sorted by group, most quoted first. Quotes with no known
    speaker count as "(unattributed)".

    >>> q = pd.DataFrame({"doc_id": ["a", "a", "b"], "outlet": ["X", "X", "Y"],
    ...                   "speaker": ["Ann Lee", None, "Ann Lee"], "quote": ["Yes we can.", "No.", "Go"]})
    >>> count_speakers(q)[["outlet", "speaker", "n_quotes", "n_words", "share"]].values.tolist()
    [['X', '(unattributed)', 1, 1, 0.5], ['X', 'Ann Lee', 1, 3, 0.5], ['Y', 'Ann Lee', 1, 1, 1.0]]
    """
    by = [] if by is None else ([by] if isinstance(by, str) else list(by))
    require_columns(quotes, ["doc_id", "speaker", "quote", *by], what="quotes table")
    frame = quotes[list(dict.fromkeys([*by, "doc_id", "speaker", "quote"]))].copy()
    frame["speaker"] = frame["speaker"].astype("object").where(frame["speaker"].notna(), UNATTRIBUTED)
    frame["n_words"] = frame["quote"].astype(str).str.count(r"[\w'’\-]+")
    keys = [*by, "speaker"]
    out = frame.groupby(keys, dropna=False, sort=False).agg(
        n_quotes=("quote", "size"), n_words=("n_words", "sum"), n_articles=("doc_id", "nunique")).reset_index()
    totals = out.groupby(by, dropna=False)["n_quotes"].transform("sum") if by else out["n_quotes"].sum()
    out["share"] = out["n_quotes"] / totals
    out = out.sort_values([*by, "n_quotes", "speaker"], ascending=[True] * len(by) + [False, True], kind="stable")
    out = out[[*keys, "n_quotes", "n_words", "share", "n_articles"]].reset_index(drop=True)
    for c in ("n_quotes", "n_words", "n_articles"):
        out[c] = out[c].astype("int64")
    return out
