"""The questions and answer key of the classroom exercises, written from templates filled with a lesson's findings.

The templates are ``corpus_tools/data/classroom_questions.csv`` (one row per question and part). Article text
put into Markdown is escaped, so a quote holding ``<script>``, ``*`` or ``$`` is shown as written.

>>> escape_markdown('He said "<b>$40</b>" *now*')
'He said "&lt;b&gt;&#36;40&lt;/b&gt;" \\\\*now\\\\*'
"""

from __future__ import annotations

import html
import re

import pandas as pd

from ..data import read_rows
from .numbers import shorten

TEMPLATES = {(row["key"], row["part"]): row["text"].replace("\\n", "\n")
             for row in read_rows("classroom_questions.csv")}
ANSWER_LABEL = "**Answer key (teacher) — the tool's view: check it before class.**"
MAX_LINKS = 10
_MARKDOWN = re.compile(r"([\\`*_\[\]#|~])")


def escape_markdown(value) -> str:
    """Text for a Markdown cell shown as written: HTML escaped, Markdown's marks and ``$`` neutralised, one line."""
    text = " ".join(str(value).split())
    return _MARKDOWN.sub(r"\\\1", html.escape(text, quote=False)).replace("$", "&#36;")


def _q(text) -> str:
    """Quoted, without the comma or colon a quotation ends on inside its sentence."""
    return f"“{escape_markdown(str(text).strip().rstrip(',;:').rstrip())}”"


def _bullets(items) -> str:
    return "\n".join(f"- {item}" for item in items)


def _n(lesson) -> int:
    return len(lesson.get("story", {}).get("doc_ids", []))


def _outlets(lesson) -> list | None:
    names = sorted({a["outlet"] for a in lesson.get("story", {}).get("articles", [])})
    return names if 2 <= len(names) <= 8 else None


def _story(lesson):
    st = lesson["story"]
    links = [f"{_q(x['a'])} and {_q(x['b'])}: {escape_markdown(x['shares'])}" for x in st["links"][:MAX_LINKS]]
    more = len(st["links"]) - MAX_LINKS
    links = (links + ([f"and {more} more pair(s)"] if more > 0 else [])) or [
        "nothing: no two of them share a quote, a passage or much of their vocabulary"]
    alone = st["unlinked"]
    unlinked = f"Sharing no quote or passage with the others: {'; '.join(_q(t) for t in alone)}.\n\n" if alone else ""
    plain = {"n": _n(lesson), "n_outlets": st["n_outlets"], "dates": st["dates"], "how": st["how"]}
    return True, plain, {"links": _bullets(links), "unlinked": unlinked}


def _versions(quote) -> str:
    items = []
    for v in quote["versions"]:
        what = "the longest version" if v["summary"] == "same words" else escape_markdown(v["summary"])
        items.append(f"**{escape_markdown(v['outlet'])}**, {_q(v['title'])}: {what} — *{_q(shorten(v['quote'], 300))}*")
    return _bullets(items)


def _quote(lesson):
    quote = lesson["quote"]
    if not quote.get("phrase"):
        return False, {"n": _n(lesson), "n_quotes": quote.get("n_quotes", 0)}, {}
    plain = {"speaker": quote["speaker"] or "someone", "quote": shorten(quote["reference"], 300).rstrip(",;: "),
             "phrase": quote["phrase"], "n_articles": quote["n_articles"], "n": _n(lesson),
             "counts": [str(i) for i in range(1, _n(lesson) + 1)]}
    return True, plain, {"versions": _versions(quote)}


def _terms(found) -> str:
    items = []
    for t in found:
        alt = f", where others write *{escape_markdown(t['alternative'])}*" if t["alternative"] else ""
        items.append(f"*{escape_markdown(t['term'])}* ({escape_markdown(t['category'].replace('_', ' '))}){alt}: "
                     f"used by {escape_markdown(', '.join(t['users']))}; not by "
                     f"{escape_markdown(', '.join(t['non_users']))}. {escape_markdown(t['note'])}")
    return _bullets(items)


def _framing(lesson, name="framing"):
    found = lesson[name]
    scope = lesson.reasons.get(name, "")
    if not found:
        return False, {"scope": scope, "n": _n(lesson)}, {}
    first = found[0]
    alt = f" where others write *{escape_markdown(first['alternative'])}*" if first["alternative"] else ""
    plain = {"term": first["term"], "verb": first["term"], "scope": scope, "outlets": _outlets(lesson),
             "speaker": lesson.get("quote", {}).get("speaker") or next((s["speaker"] for s in lesson.get(
                 "speakers", []) if s["speaker"] != "(unattributed)"), "The minister")}
    md = {"terms": _terms(found), "alternative": alt, "example": ""}
    evidence = getattr(lesson, "verb_evidence", None)
    if name == "verbs" and evidence is not None and len(evidence):
        r = evidence.iloc[0]
        md["example"] = (f"For example ({escape_markdown(r.get('outlet', ''))}): *…{escape_markdown(r['left'])} "
                         f"**{escape_markdown(r['match'])}** {escape_markdown(r['right'])}…*\n\n")
    return True, plain, md


def _passages(lesson):
    items = [f"{_q(p['passage'])} ({p['n_words']} words): {'; '.join(escape_markdown(s) for s in p['stories'])}"
             for p in lesson.get("passages", [])]
    return bool(items), {"n": _n(lesson)}, {"passages": _bullets(items)}


def _discuss(lesson):
    arts = lesson["story"]["articles"]
    heads = [f"{escape_markdown(a['outlet'])}: {_q(a['title'])}" for a in arts]
    quotes = getattr(lesson, "quotes", None)
    quoted = []
    for a in arts:
        said = quotes.loc[quotes["doc_id"].astype(str) == a["doc_id"], "speaker"] if quotes is not None and len(
            quotes) else pd.Series(dtype=object)
        who = said.dropna().value_counts().index[:3].tolist()
        quoted.append(f"{_q(a['title'])}: {escape_markdown(', '.join(who)) if who else 'no one'}")
    return True, {"n": _n(lesson)}, {"headlines": _bullets(heads), "quoted": _bullets(quoted)}


def _speakers(lesson):
    named = [s for s in lesson.get("speakers", []) if s["speaker"] != "(unattributed)"]
    if not named:
        return False, {"n": _n(lesson)}, {}
    top = named[0]
    others = ", ".join(f"{s['speaker']} ({s['n_quotes']})" for s in named[1:5]) or "no one else"
    alone = lesson.get("unquoted", [])
    unquoted = f"Stories that quote no one: {'; '.join(_q(t) for t in alone)}. " if alone else ""
    options = sorted(s["speaker"] for s in named[:4])
    plain = {"n": _n(lesson), "top": top["speaker"], "top_quotes": top["n_quotes"], "top_articles": top["n_articles"],
             "others": others, "speakers": options if len(options) >= 2 else None}
    return True, plain, {"unquoted": unquoted}


def _suspect(lesson, part="suspect"):
    signs = lesson["signs"]
    s = signs["suspect"]
    plain = {"title": s.get("title", ""), "outlet": s.get("outlet", ""), "n_total": signs["n_total"],
             "n_articles": signs["n_articles"]}
    md = {"signs": _bullets(f"**{escape_markdown(x['label'])}**: {escape_markdown(shorten(x['evidence'], 300))} — "
                            f"{escape_markdown(x['explanation'])}" for x in s.get("signs", [])),
          "numbers": _bullets(f"{_q(x['title'])}: {escape_markdown(shorten(x['evidence'], 400))}"
                              for x in signs["numbers"]),
          "top": _bullets(f"{_q(x['title'])} ({escape_markdown(x['outlet'])}): {escape_markdown(', '.join(x['signs']))}"
                          for x in signs["top"])}
    found = {"suspect": bool(s.get("signs")), "numbers": bool(signs["numbers"]), "top": bool(signs["top"])}[part]
    return found, plain, md


BUILDERS = {
    "1": lambda lesson: (True, {"n": _n(lesson)}, {}), "1.1": _story, "1.2": _quote, "1.3": _framing,
    "1.4": _passages, "1.5": _discuss, "2.1": _speakers, "2.2": _quote, "2.3": lambda lesson: _framing(lesson, "verbs"),
    "3.1": _suspect, "3.2": lambda lesson: _suspect(lesson, "numbers"), "3.3": lambda lesson: _suspect(lesson, "top"),
}


def _template(key: str, part: str, found: bool) -> str:
    if not found and (key, f"none_{part}") in TEMPLATES:
        return TEMPLATES[(key, f"none_{part}")]
    return TEMPLATES.get((key, part), "")


def fill_question(lesson, key: str) -> dict:
    """``prompt`` (plain text), ``options`` (a list or None), ``question`` and ``answer`` (Markdown, the answer
    starting with :data:`ANSWER_LABEL`) and ``found`` (False: the corpus holds nothing for this question, and
    the text says so) of question ``key`` ("1.2") of a :class:`~corpus_tools.media.lesson.Lesson`."""
    if key not in BUILDERS:
        raise KeyError(f"No classroom question {key!r}: the questions are {', '.join(BUILDERS)}.")
    found, plain, md = BUILDERS[key](lesson)
    escaped = {k: escape_markdown(v) for k, v in plain.items() if not isinstance(v, list) and v is not None}
    options_text = _template(key, "options", found)
    field = options_text.strip("{}") if options_text.startswith("{") else None
    options = plain.get(field) if field else ([o.strip() for o in options_text.split("|")] if options_text else None)
    prompt = _template(key, "prompt", found).format(**{k: v for k, v in plain.items() if not isinstance(v, list)})
    answer = _template(key, "answer", found)
    return {"prompt": prompt, "options": options or None, "found": found,
            "title": _template(key, "title", found).format(**escaped, **md),
            "question": _template(key, "question", found).format(**escaped, **md),
            "answer": f"{ANSWER_LABEL} {answer.format(**escaped, **md)}" if answer else ""}
