"""One sense per discourse: a name an article (or the corpus) labels with a cue somewhere keeps that label
where it stands without one. "the oil company Yukos" makes the other, cue-less "Yukos" of the article
an organisation; a name labelled so in other articles, and never given to a person there, becomes one too
(more weakly: the evidence names the article it comes from).

>>> from .entity_rules import entities_in
>>> [(m.text, m.label, m.evidence) for m in entities_in("It hit the carmaker Zorvik. Later Zorvik sued.")]
[('Zorvik', 'organisation', "after 'carmaker'"), ('Zorvik', 'organisation', \
"labelled from another mention: 'the carmaker Zorvik' (after 'carmaker')")]
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

_LOWER = re.compile(r"\b[a-z][a-z\-']+\b")
FROM_ARTICLE = "labelled from another mention"
FROM_CORPUS = "labelled from another article"
# Labels a name gets without a cue, which evidence from another mention may change.
_OPEN = ("other", "first word")
# The person rule that only guesses (a capitalised pair): an organisation cue elsewhere in the article wins.
_WEAK_PERSON = ("two or three capitalised words",)
# Organisation evidence that says nothing the mention alone would not say again (a list, an acronym).
_NOT_A_CUE = ("organisation list", "acronym", "news agency", "company list", "club list")


def _is_cue(evidence: str) -> bool:
    return not evidence.startswith((FROM_ARTICLE, FROM_CORPUS)) and evidence not in _NOT_A_CUE


def _snippet(text: str, start: int, end: int) -> str:
    """The mention with the two words before it: "the carmaker Zorvik"."""
    before = re.findall(r"\S+", text[max(0, start - 40):start])[-2:]
    return " ".join([*before, text[start:end]]).strip()


def one_sense(found: list, text: str) -> None:
    """Give the cue-less mentions of a name the organisation label another mention of it in the same
    article has by a cue (in place). Names a person rule other than a guess also gave to a person, or a
    surname of the article's people, are left."""
    cued: dict[str, object] = {}
    strong_person = set()
    for m in found:
        if m.label == "organisation" and _is_cue(m.evidence):
            cued.setdefault(m.text, m)
        elif m.label == "person" and m.evidence not in _WEAK_PERSON:
            strong_person.add(m.text)
    for m in found:
        source = cued.get(m.text)
        if source is None or m is source or m.text in strong_person:
            continue
        if m.label in _OPEN or (m.label == "person" and m.evidence in _WEAK_PERSON):
            m.label, m.entity = "organisation", source.entity
            m.evidence = f"{FROM_ARTICLE}: '{_snippet(text, source.start, source.end)}' ({source.evidence})"


def lower_case_words(texts, words: set[str], out: pd.DataFrame) -> set[str]:
    """Those of ``words`` (lower case) that ``texts`` write in lower case at least as often as ``out``
    has capitalised mentions of them ("life", "fans"; not "trump")."""
    found: Counter = Counter()
    if words:
        for body in texts:
            found.update(w for w in _LOWER.findall(body) if w in words)
    written = out[out["text"].str.lower().isin(found)].groupby(out["text"].str.lower()).size()
    return {w for w, n in found.items() if n >= written.get(w, 0)}


def organisations_across(out: pd.DataFrame, texts=()) -> pd.DataFrame:
    """Cue-less names ("other"; not a sentence's first word) that other articles label as organisations by
    a cue, and no article gives to a person by a rule other than a guess, become organisations; not
    words the corpus (``texts``, the articles) also writes in lower case ("Fans", "Mobile")."""
    cued = out[(out["label"] == "organisation") & out["evidence"].map(_is_cue)]
    if cued.empty:
        return out
    open_ = out["label"] == "other"
    person_docs = out[(out["label"] == "person") & ~out["evidence"].isin(_WEAK_PERSON)] \
        .groupby("text")["doc_id"].nunique()
    org_docs = cued.groupby("text")["doc_id"].nunique()
    first = cued.drop_duplicates("text").set_index("text")
    names = {t for t, n in org_docs.items() if n > person_docs.get(t, 0)} & set(out.loc[open_, "text"])
    lower = lower_case_words(texts, {t.lower() for t in names}, out)
    names = {t for t in names if t.lower() not in lower}
    hit = open_ & out["text"].isin(names)
    if not hit.any():
        return out
    src = first.loc[out.loc[hit, "text"]]
    # Another article only: the article's own cue was applied already by one_sense.
    out.loc[hit, "label"] = "organisation"
    out.loc[hit, "entity"] = src["entity"].to_numpy()
    out.loc[hit, "evidence"] = [f"{FROM_CORPUS}: '{t}' in doc {d} ({e})"
                                for t, d, e in zip(src.index, src["doc_id"], src["evidence"])]
    return out
