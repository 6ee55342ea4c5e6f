"""Numbers that disagree between articles about the same subject (group sizes, money amounts)."""

from __future__ import annotations

import re

import pandas as pd

from ..core.validation import require_columns
from ..text.sentences import sentence_spans

# Numbers that disagree. Two kinds of fact are compared, conservatively:
# - the size of a group: "an alliance of 30 countries", "its 32 members" (the total after of/its/has/with/all);
# - an amount of money with the words that say what it is for: "$40 billion in security aid".
# Both must be in sentences naming the same subject (a capitalised name such as NATO or United States).
_NUM = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"

_MEMBERS = re.compile(r"\b(?:of|its|has|have|with|all)\s+(?:the\s+)?" + _NUM +
                      r"\s+(?:member\s+)?(countries|members|allies|nations|states|member states)\b", re.IGNORECASE)

_MONEY = re.compile(
    r"([$£€])\s?" + _NUM + r"[\s-]*(billion|million|bn|m)\b[\s-]*(?:(?:in|of|worth)\s+)?"
    r"((?:[a-z]+[\s-]+)?(?:aid|assistance|package|funding|loan|deal|budget|spending|sanctions))\b",
    re.IGNORECASE,
)

_NAME = re.compile(r"\b(?:[A-Z]{2,}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)\b")

_COMMON = {"The", "A", "An", "In", "It", "He", "She", "They", "We", "This", "That", "But", "And", "On", "Its", "His",
           "Her", "Their", "Former", "President", "Secretary", "General", "Minister", "US", "Mr", "Mrs", "Ms"}


def format_number(v: float) -> str:
    return f"{v:,.0f}" if v == int(v) else f"{v:,}"


def _facts(doc_id: str, text: str) -> list[dict]:
    out = []
    for a, b in sentence_spans(text):
        sent = text[a:b]
        names = {n for n in _NAME.findall(sent) if n not in _COMMON}
        if not names:
            continue
        for m in _MEMBERS.finditer(sent):
            out.append(
                {
                    "doc_id": doc_id,
                    "kind": "members",
                    "what": "members",
                    "value": float(m.group(1).replace(",", "")),
                    "quote": shorten(sent, 140),
                    "names": names,
                }
            )
        for m in _MONEY.finditer(sent):
            scale = {"billion": 1e9, "bn": 1e9, "million": 1e6, "m": 1e6}[m.group(3).lower()]
            what = m.group(1) + " " + " ".join(m.group(4).lower().replace("-", " ").split())
            out.append(
                {
                    "doc_id": doc_id,
                    "kind": "money",
                    "what": what,
                    "value": float(m.group(2).replace(",", "")) * scale,
                    "quote": shorten(sent, 140),
                    "names": names,
                }
            )
    return out


def _same(a: float, b: float) -> bool:
    # Within 5%: "$18bn" and "$18.6bn" are the same amount rounded, not a disagreement.
    return abs(a - b) <= 0.05 * max(abs(a), abs(b))


def find_number_disagreements(articles: pd.DataFrame, *, text: str = "text") -> pd.DataFrame:
    """Pairs of articles giving different numbers for the same thing about the same subject.

    One row per (article, other article, thing): ``doc_id, outlet, kind`` (``members`` or
    ``money``), ``what``, ``value, quote, other_doc_id, other_value, other_quote, subject``.
    Looked for: the size of a group ("an alliance of 30 countries" vs "its 32 members") and
    amounts of money described by the same words ("$40 billion in security aid"), in sentences
    naming the same subject. Conservative on purpose: most disagreements are not found.

    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["NATO is an alliance of 30 countries.",
    ...                                                     "NATO says 23 of its 32 members will pay."]})
    >>> find_number_disagreements(arts)[["doc_id", "value", "other_value", "subject"]].values.tolist()
    [['a', 30.0, 32.0, 'NATO'], ['b', 32.0, 30.0, 'NATO']]
    """
    require_columns(articles, ["doc_id", text], what="articles table")
    columns = [
        "doc_id",
        "outlet",
        "kind",
        "what",
        "value",
        "quote",
        "other_doc_id",
        "other_value",
        "other_quote",
        "subject",
    ]
    facts = [f for d, t in zip(articles["doc_id"], articles[text]) if isinstance(t, str) for f in _facts(d, t)]
    if not facts:
        return pd.DataFrame(columns=columns)
    outlets = dict(zip(articles["doc_id"], articles["outlet"])) if "outlet" in articles.columns else {}
    by_key: dict = {}
    for f in facts:
        for name in f["names"]:
            by_key.setdefault((f["kind"], f["what"], name), []).append(f)
    rows, seen = [], set()
    for (kind, what, name), fs in by_key.items():
        docs = {f["doc_id"] for f in fs}
        if len(docs) < 2:
            continue
        for f in fs:
            for g in fs:
                key = (f["doc_id"], g["doc_id"], kind, what, f["value"], g["value"])
                if f["doc_id"] == g["doc_id"] or _same(f["value"], g["value"]) or key in seen:
                    continue
                # A value the other article also states agrees: only values it never gives disagree.
                if any(h["doc_id"] == g["doc_id"] and _same(h["value"], f["value"]) for h in fs):
                    continue
                seen.add(key)
                rows.append({"doc_id": f["doc_id"], "outlet": outlets.get(f["doc_id"]), "kind": kind, "what": what,
                             "value": f["value"], "quote": f["quote"], "other_doc_id": g["doc_id"],
                             "other_value": g["value"], "other_quote": g["quote"], "subject": name})
    out = pd.DataFrame(rows, columns=columns)
    out = out.sort_values(["doc_id", "other_doc_id", "kind", "what", "subject"], kind="stable")
    return out.drop_duplicates(["doc_id", "other_doc_id", "kind", "what", "value", "other_value"]).reset_index(
        drop=True
    )


def shorten(s: str, n: int = 160) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"


