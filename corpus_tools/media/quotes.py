"""Who is quoted, and how the same quote is cut by different outlets.

:func:`find_quotes` finds the words inside quotation marks and who said them, with plain rules
(quotation marks, a list of reporting verbs, names and pronouns), no language model.
:func:`count_speakers` counts quotes per speaker. How the same quote is cut by different
articles is in :mod:`corpus_tools.media.quote_variants` (``match_quotes``, ``show_quote_variants``).

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

from ..core.docstrings import fill_doc
from ..core.progress import progress_bar
from ..core.validation import require_columns
from ..data import read_rows
from ..text.sentences import sentence_spans
from .speakers import (
    People,
    appositive,
    note_subjects,
    np_after,
    np_before,
    resolve_speaker,
    sentence_subject,
    split_name,
)

QUOTE_COLUMNS = ["doc_id", "quote_id", "quote", "speaker", "speaker_as_written", "cue", "start", "end",
                 "kind", "paragraph"]
UNATTRIBUTED = "(unattributed)"

# Reporting verbs as written. "according to" puts the speaker after it; -ing forms take the sentence's subject.
_REPORTING = {row["verb"] for row in read_rows("reporting_verbs.csv")}
REPORTING_VERBS = sorted(_REPORTING, key=len, reverse=True)
_CUE = re.compile(r"\b((?i:according to)|" + "|".join(REPORTING_VERBS) + r")\b")
_INVERTIBLE = {row["verb"] for row in read_rows("reporting_verbs.csv") if row["speaker_may_follow"] == "yes"} | {
    "according to"
}

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


_TWO_APOSTROPHES = re.compile(r"(?<!['‘’])(?:''|``)(?!['‘’])")


def _double_apostrophes(text: str) -> str:
    """Two apostrophes (''We'', ``We'') written for a double quotation mark, as in the NYT archive, made one.

    Each pair becomes a space and a straight mark on the side that keeps the offsets and tells
    opening from closing: ' "We' opens, 'now," ' closes.
    """
    if "''" not in text and "``" not in text:
        return text

    def one(m):
        a, b = m.start(), m.end()
        opening = (a == 0 or text[a - 1].isspace() or text[a - 1] in "([{—–-") and b < len(text) \
            and not text[b].isspace()
        return ' "' if opening else '" '

    return _TWO_APOSTROPHES.sub(one, text)


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


def _sentences(masked: str, spans) -> list[tuple[int, int]]:
    """The sentences of the text, by the one splitter (:func:`sentence_spans`) with each quotation opaque.

    Masked quotations cannot end a sentence inside; their first letter is made a capital so
    that a quotation can open one, as its words would.
    """
    chars = list(masked)
    for a, _, _ in spans:
        if a < len(chars) and chars[a] == _FILL:
            chars[a] = _FILL.upper()
    return sentence_spans("".join(chars))


# ---------------------------------------------------------------------------------------- speakers

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
            who = np_after(after)
        elif cue.endswith("ing"):
            who = sentence_subject(sent)
        else:
            inverted = re.search(r"(?:[,:”\"’']|" + _FILL + r")\s*$", before)
            if inverted and cue in _INVERTIBLE and not appositive(before):
                who = np_after(after)
                if who and who.lower() in {"he", "she", "him", "her", "them"}:
                    who = None  # "Azmat, said he had been told": "he" starts the reported clause
            if who is None:
                who = np_before(before)
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
    work = _double_apostrophes(text)
    spans = _quote_spans(work)
    if not spans:
        return []
    masked = _mask(work, spans)
    people = People()
    rows = []
    para_starts = [0] + [m.end() for m in re.finditer(r"\n+", text)]
    last_said = {}  # paragraph -> (speaker, as written, cue) of its latest attribution
    qi = 0
    for a, b in _sentences(masked, spans):
        sent_quotes = []
        while qi < len(spans) and spans[qi][0] - 1 < b:
            sent_quotes.append(spans[qi])
            qi += 1
        para = int(np.searchsorted(para_starts, a, side="right") - 1)
        found = _attribution(masked, a, b)
        # Resolved in reading order, so "he" looks only at people named before it.
        resolved = {pos: resolve_speaker(who, people) for who, cue, pos in found}
        note_subjects(masked[a:b], people)
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
                    full, _ = split_name(m.group(0).split())
                    if len(full) > len(people.full[name]):
                        people.full[name] = full
            r["speaker"] = " ".join(people.full[name])
    return rows


@fill_doc
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

    {params.text}
    {params.metadata}

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
    for doc_id, body, *meta in progress_bar(items, len(articles), "Finding quotes"):
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

@fill_doc
def count_speakers(quotes: pd.DataFrame, *, by="outlet") -> pd.DataFrame:
    """How often each speaker is quoted, per group (``by=None``: over the whole corpus).

    Columns: the ``by`` columns, ``speaker, n_quotes, n_words`` (words quoted), ``share`` (of the
    group's quotes) and ``n_articles``; sorted by group, most quoted first. Quotes with no known
    speaker count as "(unattributed)".

    {params.by}

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
