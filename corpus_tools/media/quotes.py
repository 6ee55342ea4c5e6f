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

The rules: quotation marks in :mod:`.quote_marks`, reporting verbs and which quote each one
attributes in :mod:`.attribution`, speaker phrases as written in :mod:`.speakers`, names unified
and pronouns resolved in :mod:`.people`; the word lists in ``corpus_tools/data/``.

Reported speech without quotation marks ("X said that ...") is not listed: without a parser,
rules cannot tell well enough where the reported words end. The accuracy is measured on
hand-annotated paragraphs by ``benchmarks/eval_quotes.py`` and on PolNeAR, human attribution
annotations of US political news, by ``benchmarks/eval_polnear.py``.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..core.docstrings import fill_doc
from ..core.progress import progress_bar
from ..core.validation import require_columns
from .attribution import REPORTING_VERBS as REPORTING_VERBS  # used by framing
from .attribution import choose, find_cues, merge_attributions
from .people import People, resolve_speaker, split_name, surname_mapping
from .quote_marks import double_apostrophes, mask_quotes, quote_sentences, quote_spans
from .speakers import speaker_kind
from .subjects import note_subjects, sentence_subject

QUOTE_COLUMNS = ["doc_id", "quote_id", "quote", "speaker", "speaker_as_written", "speaker_kind",
                 "speaker_evidence", "cue", "start", "end", "kind", "paragraph"]
UNATTRIBUTED = "(unattributed)"

# Reporting verbs as written. "according to" puts the speaker after it; -ing forms take the sentence's subject.
# ---------------------------------------------------------------------------------------- find_quotes

def _named_subject(masked: str, a: int, b: int, people: People):
    """(name, as written) of the person a sentence opens with, when that person was named before."""
    written = sentence_subject(masked[a:b])
    if not written or not written[:1].isupper() or written.lower() in {"he", "she", "it", "they", "we", "i"}:
        return None
    name, is_person = people.add(written, as_speaker=False)
    return (name, written) if is_person and name in people.recent else None


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


_SMALL = {"of", "the", "and", "a", "an", "in", "on", "to", "for", "at", "with", "by", "or", "&"}


def _verb_before(found, q_start: int, masked: str):
    """The reporting verb shortly before a quote in its sentence ("explained why ... a "backhanded compliment"")."""
    before = [c for c in found if c.pos < q_start and len(masked[c.pos:q_start].split()) <= 25]
    return before[-1] if before else None


def _is_title(quote: str, masked: str, q_start: int) -> bool:
    """'on Fox News's "Fox and Friends."', 'a book titled "Women Who Work"': a name in title case, not speech."""
    words = [w for w in re.findall(r"[\w'’\-]+", quote) if w.lower() not in _SMALL]
    if not words or len(words) > 8 or sum(w[:1].isupper() or w[:1].isdigit() for w in words) < len(words):
        return False
    prev = masked[max(0, q_start - 40):q_start - 1].split()
    return bool(prev) and (prev[-1].lower() in {"on", "in", "at", "from", "of", "titled", "entitled", "named"}
                           or prev[-1].endswith(("’s", "'s", "’", "s'")))


def _quotes_in(text: str):
    work = double_apostrophes(text)
    spans = quote_spans(work)
    if not spans:
        return []
    masked = mask_quotes(work, spans)
    people = People()
    rows = []
    para_starts = [0] + [m.end() for m in re.finditer(r"\n+", text)]
    last_said = {}  # paragraph -> (speaker, as written, cue) of its latest attribution
    last_sentence = {}  # paragraph -> its last sentence without quotes
    qi = 0
    for a, b in merge_attributions(masked, quote_sentences(masked, spans)):
        if qi >= len(spans):
            break  # nothing after the last quote matters
        sent_quotes = []
        while qi < len(spans) and spans[qi][0] - 1 < b:
            sent_quotes.append(spans[qi])
            qi += 1
        para = int(np.searchsorted(para_starts, a, side="right") - 1)
        found = find_cues(masked, a, b)
        # Resolved in reading order, so "he" looks only at people named before it.
        resolved = {c.pos: resolve_speaker(c.who, people) for c in found}
        note_subjects(masked[a:b], people)
        for qs, qe, cont in sent_quotes:
            qpara = int(np.searchsorted(para_starts, qs - 1, side="right") - 1)
            kind = _kind(text, masked, a, qs, cont)
            pick = choose(found, qs, qe, masked, partial=kind == "partial")
            quote = text[qs:qe]
            if kind == "partial" and _is_title(quote, masked, qs):
                continue
            if pick is not None:
                (speaker, how), written, cue = resolved[pick.pos], pick.who, pick.cue
                evidence = "; ".join(x for x in (pick.evidence, how) if x) or "reporting verb, no speaker found"
            elif kind == "partial" and (verb := _verb_before(found, qs, masked)) and not _is_title(quote, masked, qs):
                # A reporting verb before the quoted words makes them speech, even with its speaker unknown.
                speaker, written, cue = None, None, verb.cue
                evidence = "reporting verb, no speaker found"
            elif not _is_speech(quote, kind):
                continue
            elif kind == "partial" and (subject := _named_subject(masked, a, b, people)):
                # 'Mrs. Clinton has positioned her agenda around plans to "build on the progress"'
                speaker, written, cue = subject[0], subject[1], None
                evidence = "subject of the sentence (no reporting verb)"
            elif qpara in last_said:
                # "X," he said. "Y." and a quote after a sentence that named its speaker.
                speaker, written, cue = last_said[qpara]
                evidence = "speaker of the quote or attribution before it in the paragraph"
            elif qpara - 1 in last_said and kind == "direct" and not masked[para_starts[qpara]:qs - 1].strip():
                # A paragraph that is only a quote continues the speaker of the paragraph before.
                speaker, written, cue = last_said[qpara - 1]
                evidence = "speaker of the paragraph before"
            elif (qpara - 1 in last_sentence and kind == "direct" and not masked[para_starts[qpara]:qs - 1].strip()
                  and (subject := _named_subject(masked, *last_sentence[qpara - 1], people))):
                # "Viguerie is upbeat about Cruz's chances." then a paragraph that is only a quote.
                speaker, written, cue = subject[0], subject[1], None
                evidence = "subject of the paragraph before"
            else:
                speaker = written = cue = None
                evidence = "no reporting verb"
            if speaker is None and cue is None and len(re.findall(r"\w+", quote)) <= 3 and not cont:
                continue  # a headline or a word in marks, with nobody saying it
            rows.append({"quote": quote, "speaker": speaker, "speaker_as_written": written, "cue": cue,
                         "start": qs, "end": qe, "kind": kind, "paragraph": qpara, "speaker_evidence": evidence})
            if speaker is not None:
                last_said[qpara] = (speaker, written, cue)
        if not sent_quotes:
            last_sentence[para] = (a, b)
        if found and not sent_quotes:
            c = found[-1]
            if resolved[c.pos][0] is not None:
                last_said[para] = (resolved[c.pos][0], c.who, c.cue)
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

    Columns: ``doc_id, quote_id, quote, speaker, speaker_as_written, speaker_kind, speaker_evidence,
    cue, start, end, kind, paragraph`` plus the ``metadata`` columns present. ``quote`` is the text
    inside the marks (``text[start:end] == quote``; a quote running over paragraphs keeps the
    paragraph break and the mark that reopens it; two apostrophes ''like this'' count as a double
    mark). ``speaker`` is a full name ("Jens Stoltenberg" for "Stoltenberg", "he" or "NATO
    Secretary-General Jens Stoltenberg"; "John Mica" for "Rep. John Mica (R-Fla.)"), joint speakers
    joined by "and", or a description kept as written ("the CNN host", "a White House official");
    NA when the text does not say well enough (an empty speaker rather than a guess).
    ``speaker_as_written`` is the phrase in the text ("he"; "Trump" of "Trump, 70, told").
    ``speaker_kind`` is "named", "described" ("the CNN host", "the daily", "Trump's lawyer") or
    "anonymous" ("a White House official", "sources familiar with the talks"), NA without a speaker.
    ``speaker_evidence`` says which pattern found the speaker: "name before the verb", "name after
    the verb", "appositive" ("Smith, a spokesman for X, said"), "name before 'who'", "joint speakers
    before the verb", "description before the verb", "pronoun before the verb", "according to",
    "X quoted Y", "with X saying", "subject of the sentence", "headline 'Name: ...'", followed by
    how a pronoun or title was resolved ("'he': the last man named", "'she' with nobody named
    before", "'the alliance chief' refers back to a name"); for a quote without a verb of its own,
    "speaker of the quote or attribution before it in the paragraph", "speaker of the paragraph
    before", "subject of the paragraph before" or "subject of the sentence (no reporting verb)";
    "reporting verb, no speaker found" or "no reporting verb" when the speaker is NA.
    ``cue`` is the reporting verb as written ("said", "told", "according to"; ":" in a headline);
    ``kind`` is "direct" (a sentence or more in quotation marks) or "partial" (words quoted inside a
    sentence). Possessives ("Trump's") are never speakers. Scare quotes and titles (quoted words
    that no reporting verb or speaker attributes; a title-case name after "on" or a possessive) are
    left out. Reported speech without marks is not listed.

    {params.text}
    {params.metadata}

    >>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": [
    ...     "Catherine Colonna said Kyiv faced 'heavy attacks'. “We will help,” she said."]})
    >>> find_quotes(arts)[["quote", "speaker", "kind"]].values.tolist()
    [['heavy attacks', 'Catherine Colonna', 'partial'], ['We will help,', 'Catherine Colonna', 'direct']]
    >>> arts = pd.DataFrame({"doc_id": ["b"], "text": [
    ...     'Rep. John Mica (R-Fla.) said it was "dead." "Not again," the CNN host said. "No," an aide said.']})
    >>> find_quotes(arts)[["speaker", "speaker_kind", "speaker_evidence"]].values.tolist()
    [['John Mica', 'named', 'name before the verb'], ['the CNN host', 'described', 'description before the verb'], \
['an aide', 'anonymous', 'description before the verb']]
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
    out["speaker_kind"] = [speaker_kind(s, w) for s, w in zip(out["speaker"], out["speaker_as_written"])]
    for c in ("quote", "speaker", "speaker_as_written", "speaker_kind", "speaker_evidence", "cue", "kind"):
        out[c] = out[c].astype("object").where(out[c].notna(), pd.NA)
    out["doc_id"] = out["doc_id"].astype(str)
    for c in ("start", "end", "paragraph"):
        out[c] = out[c].astype("int64")
    return out.reset_index(drop=True)


def _normalise_across(quotes: pd.DataFrame) -> None:
    """A surname alone ("Stoltenberg") takes the full name the corpus gives it elsewhere, if one dominates."""
    mapping = surname_mapping(quotes["speaker"])
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
