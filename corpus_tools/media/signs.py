"""Warning signs: things in an article worth a second look, each with the evidence found.

A sign is never a verdict ("fake" or "real"): every one has innocent explanations, and the
``explanation`` column gives them in plain words for a student. Signs:

=====================  ===========================================================  ========
sign                   what is looked at                                            severity
=====================  ===========================================================  ========
``no_date``            the date is unknown (NaT)                                    note
``no_byline``          no author credit and no wire-agency credit                   note
``mixed_script``       a word in another alphabet, or a word mixing alphabets       check
                       (homoglyphs: "Кyiv" with a Cyrillic К)
``page_furniture``     website leftovers the cleaner removed or that remain         note
``doubled_punctuation`` ".." "!!" ",," "??" ";;" "::" (an ellipsis "..." is not)     check
``wire_style``         credits AP/Reuters/AFP but breaks that agency's house style  check
``copied_text``        a high share of words also found in other articles           note
``numbers_disagree``   a count or amount that another article gives differently     check
=====================  ===========================================================  ========

>>> import pandas as pd
>>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "byline": ["Ann Lee"], "agency": [None],
...                      "date": [pd.NaT], "text": ["Talks in Кyiv went on.. and on."]})
>>> warning_signs(arts)[["sign", "evidence"]].values.tolist()[:2]
[['no_date', 'no date found'], ['mixed_script', "Кyiv (К: Cyrillic) in 'Talks in Кyiv went on.. and on.'"]]
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from ..core.deprecation import warn_deprecated
from ..core.docstrings import fill_doc
from ..core.progress import progress_bar
from ..core.validation import as_list, require_columns
from ..data import read_rows, read_words
from ..io.cleaning import furniture_reason
from ..text.detectors import find_doubled_punctuation, find_mixed_script
from ..text.sentences import sentence_spans
from .numbers import find_number_disagreements, format_number, shorten
from .passages import add_shared_share

SIGN_COLUMNS = ["doc_id", "outlet", "sign", "label", "evidence", "line", "explanation", "severity"]

_SIGNS = read_rows("warning_signs.csv")
LABELS = {row["sign"]: row["label"] for row in _SIGNS}
SEVERITY = {row["sign"]: row["severity"] for row in _SIGNS}
EXPLANATIONS = {row["sign"]: row["explanation"] for row in _SIGNS}

# AP's stand-alone datelines (AP Stylebook, "datelines"): these cities take no country or state.
AP_STANDALONE = read_words("ap_standalone_datelines.txt")
WIRES = {"AP", "Reuters", "AFP"}
# Removed lines that are metadata moved into columns, not page furniture.
_METADATA_REASONS = {"title", "byline", "dateline", "date line", "section label"}
_WEEKDAY_ON = re.compile(r"\b(?:said|says|told|announced|met|spoke)\s+on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                         r"Saturday|Sunday)\b")
_EN_DASH_RANGE = re.compile(r"\d[\d,.]*\s*–\s*\d[\d,.]*")


def _sentence_at(text: str, pos: int) -> str:
    for a, b in sentence_spans(text):
        if a <= pos < b:
            return shorten(text[a:b])
    return shorten(text[max(0, pos - 60):pos + 60])


def _line_in(raw, needle: str):
    """Line number of ``needle`` in the text as read (1-based), or None."""
    if not isinstance(raw, str) or not needle:
        return None
    i = raw.find(needle)
    return raw.count("\n", 0, i) + 1 if i >= 0 else None


def _mixed_script(art) -> tuple[str, int | None] | None:
    found = find_mixed_script(art["text"])
    if not found:
        return None
    start, word, why = found[0]
    more = f" (+{len(found) - 1} more: {', '.join(w for _, w, _ in found[1:4])})" if len(found) > 1 else ""
    return f"{word} ({why}) in {_sentence_at(art['text'], start)!r}{more}", _line_in(art.get("raw_text"), word)


def _page_furniture(art):
    removed = art.get("removed_lines")
    removed = [r for r in removed if r.get("reason") not in _METADATA_REASONS] if isinstance(removed, list) else []
    # Furniture is what the loader's cleaner calls furniture: lines it kept (or texts loaded
    # uncleaned) are checked again.
    kept = [line.strip() for line in art["text"].splitlines() if furniture_reason(line.strip())]
    if not removed and not kept:
        return None
    parts = []
    if removed:
        reasons = Counter(r.get("reason", "") for r in removed)
        parts.append(f"removed {len(removed)} line(s) ({', '.join(f'{k} {v}' for k, v in reasons.items())}), "
                     f"e.g. {shorten(removed[0].get('text', ''), 70)!r}")
    if kept:
        parts.append(f"still in the text: {shorten(kept[0], 70)!r}")
    line = removed[0].get("line") if removed else _line_in(art.get("raw_text"), kept[0])
    return "; ".join(parts), line


def _doubled(art):
    text = art["text"]
    found = find_doubled_punctuation(text)
    if not found:
        return None
    start, mark = found[0]
    end = start + len(mark)
    a = max(0, text.rfind(" ", 0, max(0, start - 20)) + 1)
    example = shorten(text[a:end], 70)
    kinds = Counter(m for _, m in found)
    return (f"{len(found)} × {', '.join(f'{k!r}' for k in kinds)}; first: {example!r}",
            _line_in(art.get("raw_text"), text[a:end]))


def _dateline_raw(art) -> str:
    removed = art.get("removed_lines")
    for r in removed if isinstance(removed, list) else []:
        if r.get("reason") == "dateline":
            return str(r.get("text", ""))
    text = art["text"] if isinstance(art["text"], str) else ""
    return text[:120]


def _wire_style(art):
    agency = art.get("agency")
    if not isinstance(agency, str) or agency not in WIRES:
        return None
    text = art["text"]
    problems = []
    if agency == "AP":
        m = re.match(r"\s*([A-Z][A-Z .'-]+?),\s*([A-Z][A-Za-z .]+?)\s*\(AP\)", _dateline_raw(art))
        if m and m.group(1).strip() in AP_STANDALONE:
            problems.append(f"dateline {m.group(0).strip()!r}: AP names no country for {m.group(1).strip().title()}")
        on = _WEEKDAY_ON.search(text)
        if on:
            problems.append(f"{on.group()!r}: AP writes the day without 'on'")
        dash = _EN_DASH_RANGE.search(text)
        if dash:
            problems.append(f"{dash.group()!r}: AP writes ranges with a hyphen or 'to', not an en dash")
    doubled = find_doubled_punctuation(text)
    if doubled:
        problems.append(f"{len(doubled)} doubled punctuation mark(s): edited {agency} copy has none")
    if not problems:
        return None
    return f"credits {agency}; " + "; ".join(problems), None


@fill_doc
def warning_signs(articles: pd.DataFrame, *, passages=None, min_shared_share: float = 0.5, shared=None) -> pd.DataFrame:
    """Warning signs of each article: one row per (article, sign) found.

    Columns: ``doc_id, outlet, sign`` (short id, see the module's table), ``label`` (plain
    words), ``evidence`` (the text or value found, short), ``line`` (line in the file as read,
    where it helps), ``explanation`` (why it is worth checking and what innocent reasons there
    can be), ``severity`` (``note`` or ``check``). ``copied_text`` is checked against
    ``passages`` when given, else against a ``shared_share`` column of ``articles`` (from
    :func:`add_shared_share`), else not at all; it is found when ``min_shared_share`` of
    the article's words or more are shared.

    {params.passages}
    ``shared`` (deprecated): a table with ``doc_id`` and ``shared_share``; pass ``passages=``,
        or articles with a ``shared_share`` column, instead.

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Wait... it is fine."], "date": [pd.Timestamp("2024-01-02")],
    ...                      "byline": ["A. Writer"]})
    >>> len(warning_signs(arts))
    0
    """
    require_columns(articles, ["doc_id", "text"], what="articles table")
    arts = articles
    if shared is not None:
        if passages is not None:
            raise TypeError("warning_signs() got both shared= (deprecated) and passages=: pass only passages=.")
        warn_deprecated(
            "warning_signs(shared=...) is deprecated since corpus_tools 0.2: use "
            "warning_signs(articles, passages=find_shared_passages(articles)), or pass articles that have a "
            "shared_share column (add_shared_share(articles))."
        )
        require_columns(shared, ["doc_id", "shared_share"], what="shared table")
        arts = arts.drop(columns=["shared_share"], errors="ignore").merge(
            shared[["doc_id", "shared_share"]].drop_duplicates("doc_id"), on="doc_id", how="left")
    elif passages is not None:
        arts = add_shared_share(arts, passages=passages)
    rows = []
    records = arts.to_dict("records")
    for art in progress_bar(records, len(records), "Looking for warning signs"):
        if not isinstance(art.get("text"), str):
            art["text"] = ""
        found = {}
        if "date" in art and pd.isna(art["date"]):
            ev = art.get("date_evidence")
            found["no_date"] = (shorten(ev, 120) if isinstance(ev, str) and ev else "no date found", None)
        if ("byline" in art or "agency" in art) and not any(
                isinstance(art.get(c), str) and art.get(c).strip() for c in ("byline", "agency")):
            found["no_byline"] = ("no byline and no agency credit", None)
        for sign, check in (("mixed_script", _mixed_script), ("page_furniture", _page_furniture),
                            ("doubled_punctuation", _doubled), ("wire_style", _wire_style)):
            hit = check(art)
            if hit:
                found[sign] = hit
        share = art.get("shared_share")
        if share is not None and pd.notna(share) and share >= min_shared_share:
            found["copied_text"] = (f"{share:.0%} of its words also appear word for word in other articles", None)
        for sign, (evidence, line) in found.items():
            rows.append(
                {
                    "doc_id": art["doc_id"],
                    "outlet": art.get("outlet"),
                    "sign": sign,
                    "label": LABELS[sign],
                    "evidence": evidence,
                    "line": line,
                    "explanation": EXPLANATIONS[sign],
                    "severity": SEVERITY[sign],
                }
            )
    numbers = find_number_disagreements(arts)
    for r in numbers.drop_duplicates("doc_id").itertuples(index=False):
        rows.append(
            {
                "doc_id": r.doc_id,
                "outlet": r.outlet,
                "sign": "numbers_disagree",
                "label": LABELS["numbers_disagree"],
                "evidence": f"{format_number(r.value)} vs {format_number(r.other_value)} ({r.subject}, {r.what}): "
                f"{r.quote!r}; "
                f"{r.other_doc_id}: {r.other_quote!r}",
                "line": None,
                "explanation": EXPLANATIONS["numbers_disagree"],
                "severity": SEVERITY["numbers_disagree"],
            }
        )
    out = pd.DataFrame(rows, columns=SIGN_COLUMNS)
    out["line"] = pd.array(out["line"].tolist(), dtype="Int64")
    order = {s: i for i, s in enumerate(LABELS)}
    out["_o"] = out["sign"].map(order)
    pos = {d: i for i, d in enumerate(articles["doc_id"])}
    out["_d"] = out["doc_id"].map(pos)
    return out.sort_values(["_d", "_o"], kind="stable").drop(columns=["_d", "_o"]).reset_index(drop=True)


@fill_doc
def count_signs(signs: pd.DataFrame, *, by="outlet") -> pd.DataFrame:
    """How many articles show each sign: ``[*by], sign, n`` (``by=None``: over the whole table).

    {params.by}

    >>> signs = pd.DataFrame({"doc_id": ["a", "a", "b"], "outlet": ["X", "X", "Y"],
    ...                       "sign": ["no_date", "no_byline", "no_date"]})
    >>> count_signs(signs).values.tolist()
    [['X', 'no_byline', 1], ['X', 'no_date', 1], ['Y', 'no_date', 1]]
    """
    by = as_list(by)
    require_columns(signs, ["doc_id", "sign", *by], what="signs table")
    out = signs.groupby([*by, "sign"], dropna=False, sort=True)["doc_id"].nunique().rename("n").reset_index()
    out["n"] = out["n"].astype("int64")
    return out


