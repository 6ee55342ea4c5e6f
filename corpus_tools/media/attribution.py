"""Which reporting verb a quote belongs to, the speaker phrase that goes with it, and why.

:func:`find_cues` lists the reporting verbs of a sentence (quotations masked) with the speaker
phrase each one takes and the pattern that found it (``speaker_evidence``); :func:`choose` picks
the verb that attributes a given quote.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..data import read_rows
from .people import LEADERS, split_name
from .quote_marks import FILL
from .speakers import appositive, np_after, np_before, quoted_object, with_saying
from .subjects import clause_subject, sentence_subject

_ROWS = read_rows("reporting_verbs.csv")
# Reporting verbs as written. "according to" puts the speaker after it; -ing forms take the sentence's subject.
REPORTING_VERBS = sorted({row["verb"] for row in _ROWS}, key=len, reverse=True)


def _trie(words) -> str:
    """One regular expression for many words, branching letter by letter (much faster than a|b|c...)."""
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node) -> str:
        ends = "" in node
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + ("?" if ends else "")

    return walk(tree)


# -ing forms may open a sentence ("Acknowledging that Trump 'says a lot of stupid stuff,' Allen ..."), and
# a few verbs with the speaker after them ('Said Dorothy Poynter, who grew up with Ali, "We were proud."').
_OPENING = [v.capitalize() for v in REPORTING_VERBS if v.endswith("ing")] + ["Said", "Added", "Wrote", "Stated"]
_CUE = re.compile(r"\b((?i:according to)|" + _trie(REPORTING_VERBS + _OPENING) + r")\b")
_INVERTIBLE = {row["verb"] for row in _ROWS if row["speaker_may_follow"] == "yes"} | {"according to"}


_HEADLINE = re.compile(r"\s*((?:[A-Z][\w.'’\-]*\s+){0,3}[A-Z][\w'’\-]*):\s+\S")


class Cue(NamedTuple):
    who: str | None       # the speaker phrase as written
    cue: str              # the reporting verb as written
    pos: int              # where the verb starts in the text
    evidence: str | None  # which pattern found the speaker


def _speaker_for(cue: str, before: str, after: str, sent: str):
    """(speaker phrase, evidence) for one reporting verb of a sentence."""
    before = re.sub(r"([”\"]|(?<=" + FILL + r")’)(?=[A-Za-z])", r"\1 ", before)  # ',”Clinton said': no space
    if cue == "according to":
        return np_after(after), "according to"
    if cue == "quoted" and not re.search(r"\b(?:was|were|is|are|been|being)\s*$", before):
        return np_after(after), "X quoted Y"
    if cue.endswith("ing"):
        if re.search(r"\b(?:was|were|is|are|been|be|kept|keeps|keep)\s*$", before):
            return np_before(before)  # "Trump was saying"
        for find, how in ((with_saying, "with X saying"), (quoted_object, "X quoted Y")):
            who = find(before)
            if who:
                return who, how
        who = clause_subject(before) or sentence_subject(sent)
        return (who, "subject of the sentence") if who else (None, None)
    inverted = re.search(r"(?:[,:“”\"’']|" + FILL + r")\s*$|^\s*$", before)
    if inverted and cue in _INVERTIBLE and not appositive(before):
        who = np_after(after)
        if who and who.lower() not in {"he", "she", "him", "her", "them"}:
            return who, "name after the verb"
        # "Azmat, said he had been told": "he" starts the reported clause
    who, how = np_before(before)
    if who is None and not re.search(r"\b(?:who|which|that)\s+(?:[\w'’\-]+\s+){0,2}$", before):
        who = sentence_subject(sent[:len(before)] + " x")
        how = "subject of the sentence" if who else None
    return who, how


def find_cues(masked: str, a: int, b: int) -> list[Cue]:
    """The reporting verbs of the sentence ``masked[a:b]`` (quotes masked), each with its speaker phrase."""
    sent = masked[a:b]
    found: list[Cue] = []
    head = _HEADLINE.match(sent)
    if head and FILL * 3 in sent and not (head.group(1).isupper() and " " in head.group(1)) \
            and not all(w in LEADERS for w in head.group(1).split()):
        # A headline "Trump: Cruz Has 'To Come a Long Way' On Ethanol", a transcript "WALLACE: ...": the
        # name before the colon speaks.
        found.append(Cue(head.group(1), ":", a + head.end(1), "headline 'Name: ...'"))
    for m in _CUE.finditer(sent):
        if FILL * 3 in sent[max(0, m.start() - 1):m.end() + 1] or sent[max(0, m.start() - 3):m.start()] == "so-":
            continue  # inside a quotation, or "so-called"
        cue = m.group(1).lower()
        if cue.endswith("ing") and found and found[-1].cue.endswith("ing") and found[-1].who \
                and re.search(r"\band\s*$", sent[:m.start()]):
            # "with Donald Trump tweeting that ... and asking": the same speaker
            found.append(Cue(found[-1].who, cue, a + m.start(), found[-1].evidence))
            continue
        who, how = _speaker_for(cue, sent[:m.start()], sent[m.end():], sent)
        if who and (re.search(r"[“”\"]", who) or FILL * 2 in who.lower()):
            who, how = None, None  # a phrase running into a quotation is no speaker
        # A verb with no speaker found still marks speech.
        found.append(Cue(who, cue, a + m.start(), how))
    colon = _COLON_QUOTE.search(sent)
    if colon and not head and not any(c.pos < a + colon.start() for c in found):
        who, how = _before_colon(sent[:colon.start()], sent)
        if who:
            found.append(Cue(who, ":", a + colon.start(), how))
    return found


_COLON_QUOTE = re.compile(r":\s*[\"“‘']?(?:" + FILL.upper() + "|" + FILL + ")")


def _before_colon(before: str, sent: str):
    """'... doesn't surprise Republican pollster Daron Shaw: "..."' / 'Kaine has adopted the stance: "..."':
    a quote introduced by a colon, without a reporting verb, is the named person's before the colon,
    else the sentence subject's."""
    who, how = np_before(before)
    if who and how in ("name before the verb", "appositive", "joint speakers before the verb") and \
            split_name(who.split())[0]:
        return who, "name before a colon"
    who = sentence_subject(sent)
    return (who, "subject of the sentence") if who else (None, None)


def _adjacent(pos: int, q_start: int, q_end: int, masked: str) -> bool:
    if pos >= q_end:
        return re.fullmatch(r"[\"”’',:\s]*(?:[\w'’\-]+\s+){0,4}", masked[q_end:pos]) is not None
    return re.fullmatch(r"[\w'’\- ]*?\s*[,:]?\s*[\"“‘']?", masked[pos:q_start - 1]) is not None and \
        len(masked[pos:q_start - 1].split()) <= 4


def choose(found: list[Cue], q_start: int, q_end: int, masked: str, *, partial: bool = False) -> Cue | None:
    """The reporting verb that attributes the quote at ``q_start:q_end``: right after it, else before it.

    Words quoted inside a sentence (``partial``) belong to the verb before them when there is one
    ('After Scalia said that students might do better at "less advanced schools," Trump said').
    """
    if not found:
        return None
    named = [f for f in found if f.who]
    if not named:
        # A verb with no speaker found ("officials said") counts only right next to the quote.
        near = [f for f in found if _adjacent(f.pos, q_start, q_end, masked)]
        return near[0] if near else None
    if partial:
        before = [f for f in named if f.pos < q_start and FILL * 3 not in masked[f.pos:q_start - 1]]
        if before:
            return before[-1]
    after = [f for f in named if f.pos >= q_end and not re.search(r"[.!?]", masked[q_end + 1:f.pos].strip(" ,\"”’'"))]
    for f in after:
        if re.fullmatch(r"[\"”’',:\s]*(?:[\w'’.\-]+\s+){0,8}", masked[q_end:f.pos]):
            return f
    before = [f for f in named if f.pos < q_start]
    if before:
        return before[-1]
    return after[0] if after else named[-1]


_TITLE_END = re.compile(r"(?<![\w.])(?:Del|Capt|Maj|Adm|Cmdr|Rev|Prof|Atty|Amb|Cpl|Pvt|Supt|Sgt|Col|Lt|Gen|Gov|Sen|Rep)"
                        r"\.\s*$")


def merge_attributions(masked: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences with '"...?" Mrs. Clinton asked.' joined: the splitter ends a sentence after '?"'
    before a capital, but the short sentence that follows only says who asked."""
    out: list[tuple[int, int]] = []
    for a, b in sentences:
        if out and _TITLE_END.search(masked, out[-1][0], a) and masked[a:a + 1].isupper():
            out[-1] = (out[-1][0], b)  # "said Del. Stacey Plaskett": a title the splitter does not know
            continue
        if out and re.search(r"[.!?]" + FILL.upper() + r"?[\"”’']\s*$", masked[out[-1][0]:a]):
            m = _CUE.search(masked, a, b)
            if m and len(masked[a:m.start()].split()) <= 6 and len(masked[a:b].split()) <= 14 \
                    and FILL * 3 not in masked[a:b] and "\n" not in masked[out[-1][1]:m.start()]:
                out[-1] = (out[-1][0], b)
                continue
        out.append((a, b))
    return out
