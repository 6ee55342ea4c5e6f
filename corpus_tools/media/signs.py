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
``doubled_punctuation`` ".." "!!" ",," "??" ";;" (an ellipsis "..." is not counted)   check
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
import unicodedata
from collections import Counter

import pandas as pd

from ..core.deprecation import warn_deprecated
from ..core.docstrings import fill_doc
from ..core.progress import progress_bar
from ..core.validation import as_list, require_columns
from ..text.sentences import sentence_spans
from .numbers import find_number_disagreements, format_number, shorten
from .passages import add_shared_share

SIGN_COLUMNS = ["doc_id", "outlet", "sign", "label", "evidence", "line", "explanation", "severity"]

LABELS = {
    "no_date": "no publication date",
    "no_byline": "no author or agency named",
    "mixed_script": "letters from another alphabet",
    "page_furniture": "website leftovers",
    "doubled_punctuation": "doubled punctuation",
    "wire_style": "does not follow the credited agency's style",
    "copied_text": "much of the text also appears elsewhere",
    "numbers_disagree": "a number that other articles give differently",
}
SEVERITY = {"no_date": "note", "no_byline": "note", "mixed_script": "check", "page_furniture": "note",
            "doubled_punctuation": "check", "wire_style": "check", "copied_text": "note", "numbers_disagree": "check"}
EXPLANATIONS = {
    "no_date": "Without a date you cannot tell whether the article is current or an old story passed around again. "
               "The date is often simply lost when a text is copied from a web page, so look for it at the source.",
    "no_byline": "Nobody is named as responsible for the text: no author and no news agency. Many sites leave bylines "
                 "off short news items, and copying can drop them; check who published it.",
    "mixed_script": "A word is written in another alphabet, or mixes alphabets (a Cyrillic letter that looks Latin). "
                    "This can come from machine translation, from text assembled from several sources, or from letters "
                    "swapped on purpose to dodge filters. A name quoted in its own alphabet is an innocent reason.",
    "page_furniture": "Lines from the web page around the article (buttons, prompts, teasers, correction notices) were "
                      "copied with it. This says how the text was collected, not whether it is reliable.",
    "doubled_punctuation": "Doubled marks are rare in edited news copy. They can come from careless copying or conversion, "
                           "or from a text that was assembled or rewritten by a person or a program.",
    "wire_style": "The text credits a news agency, but agencies follow a strict house style and this text breaks it. "
                  "The text may have been re-edited by the site that published it, or the credit may not be genuine.",
    "copied_text": "Much of the article appears word for word in other articles of the corpus. Agency copy, press "
                   "releases and shared quotes are normal reasons; compare the texts to see who adds what.",
    "numbers_disagree": "Another article gives a different number for the same thing. One may be out of date (a text "
                        "recycled from an older story), one may be a mistake, or they may count different things.",
}

# AP's stand-alone datelines (AP Stylebook, "datelines"): these cities take no country or state.
AP_STANDALONE = {
    "AMSTERDAM", "BAGHDAD", "BANGKOK", "BEIJING", "BEIRUT", "BERLIN", "BRUSSELS", "CAIRO", "DJIBOUTI", "DUBLIN",
    "GENEVA", "GIBRALTAR", "GUATEMALA CITY", "HAVANA", "HELSINKI", "HONG KONG", "ISLAMABAD", "ISTANBUL", "JERUSALEM",
    "JOHANNESBURG", "KABUL", "KUWAIT CITY", "LONDON", "LUXEMBOURG", "MACAO", "MADRID", "MEXICO CITY", "MONACO",
    "MONTREAL", "MOSCOW", "NEW DELHI", "OTTAWA", "PARIS", "QUEBEC CITY", "RIO DE JANEIRO", "ROME", "SAN MARINO",
    "SINGAPORE", "STOCKHOLM", "SYDNEY", "TAIPEI", "TOKYO", "TORONTO", "VATICAN CITY", "VIENNA", "ZURICH",
    "ATLANTA", "BALTIMORE", "BOSTON", "CHICAGO", "CINCINNATI", "CLEVELAND", "DALLAS", "DENVER", "DETROIT", "HONOLULU",
    "HOUSTON", "INDIANAPOLIS", "LAS VEGAS", "LOS ANGELES", "MIAMI", "MILWAUKEE", "MINNEAPOLIS", "NEW ORLEANS",
    "NEW YORK", "OKLAHOMA CITY", "PHILADELPHIA", "PHOENIX", "PITTSBURGH", "ST. LOUIS", "SALT LAKE CITY",
    "SAN ANTONIO", "SAN DIEGO", "SAN FRANCISCO", "SEATTLE", "WASHINGTON",
}
WIRES = {"AP", "Reuters", "AFP"}
# Removed lines that are metadata moved into columns, not page furniture.
_METADATA_REASONS = {"title", "byline", "dateline", "date line", "section label"}
# Furniture the cleaner may have kept: reader prompts, teasers and share buttons.
_FURNITURE = re.compile(
    r"^(?:to suggest a correction.*|other topics of interest|do you like this article\??|captcha\b.*|read more\b.*|"
    r"related(?: articles| stories)?:?|share (?:this|on)\b.*|click here\b.*|sign up for\b.*|subscribe\b.*|advertisement|"
    r"(?:icon-)?(?:facebook|twitter|whatsapp|telegram)(?:\s+(?:icon-)?(?:facebook|twitter|whatsapp|telegram))+)\s*$",
    re.IGNORECASE | re.MULTILINE)
_DOUBLED = re.compile(r"(?<![.])\.\.(?![.])|,,|;;|\?\?|!!")
_WEEKDAY_ON = re.compile(r"\b(?:said|says|told|announced|met|spoke)\s+on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                         r"Saturday|Sunday)\b")
_EN_DASH_RANGE = re.compile(r"\d[\d,.]*\s*–\s*\d[\d,.]*")
_WORD = re.compile(r"[^\W\d_]+")
# Cyrillic and Greek letters that look like Latin ones: a word made only of these reads as Latin.
_LOOKALIKE = set("АВЕКМНОРСТХаеорсухіјѕԁӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧονρ")


def _script(ch: str) -> str:
    """The alphabet of a letter from its Unicode name ("CYRILLIC CAPITAL LETTER KA" -> Cyrillic)."""
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0] if name else ""
    return first.capitalize() if first in {"LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW", "ARMENIAN", "GEORGIAN",
                                           "DEVANAGARI", "THAI", "HANGUL", "HIRAGANA", "KATAKANA", "CJK"} else "other"


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


def find_mixed_script(text: str) -> list[tuple[int, str, str]]:
    """Words in another alphabet than the text's own, and words mixing alphabets: ``(start, word, why)``.

    >>> find_mixed_script("NATO was accused of провоцируя conflict in Кyiv")
    [(20, 'провоцируя', 'Cyrillic word in Latin text'), (43, 'Кyiv', 'К: Cyrillic')]
    """
    if not isinstance(text, str) or text.isascii():
        return []
    words = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    scripts = [[_script(ch) for ch in w] for _, w in words]
    totals = Counter(s[0] for s in scripts if len(set(s)) == 1 and s[0] != "other")
    if not totals:
        return []
    main = totals.most_common(1)[0][0]
    found = []
    for (start, w), s in zip(words, scripts):
        kinds = set(s) - {"other"}
        if len(kinds) > 1:
            odd = [ch for ch, k in zip(w, s) if k not in (main, "other")]
            found.append((start, w, ", ".join(f"{ch}: {_script(ch)}" for ch in dict.fromkeys(odd))))
        elif kinds and kinds != {main} and totals[main] >= 3 * totals[next(iter(kinds))]:
            if main == "Latin" and all(ch in _LOOKALIKE for ch in w):
                found.append((start, w, f"written in {next(iter(kinds))} letters that look Latin"))
            else:
                found.append((start, w, f"{next(iter(kinds))} word in {main} text"))
    return found


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
    kept = [m.group().strip() for m in _FURNITURE.finditer(art["text"])]
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
    found = list(_DOUBLED.finditer(text))
    if not found:
        return None
    first = found[0]
    a = max(0, text.rfind(" ", 0, max(0, first.start() - 20)) + 1)
    example = shorten(text[a:first.end()], 70)
    kinds = Counter(m.group() for m in found)
    return (f"{len(found)} × {', '.join(f'{k!r}' for k in kinds)}; first: {example!r}",
            _line_in(art.get("raw_text"), text[a:first.end()]))


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
    doubled = _DOUBLED.findall(text)
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
        warn_deprecated("warning_signs(shared=...) is deprecated since corpus_tools 0.2: use "
                        "warning_signs(articles, passages=find_shared_passages(articles)), or pass articles that have a "
                        "shared_share column (add_shared_share(articles)).")
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
            rows.append({"doc_id": art["doc_id"], "outlet": art.get("outlet"), "sign": sign, "label": LABELS[sign],
                         "evidence": evidence, "line": line, "explanation": EXPLANATIONS[sign], "severity": SEVERITY[sign]})
    numbers = find_number_disagreements(arts)
    for r in numbers.drop_duplicates("doc_id").itertuples(index=False):
        rows.append({"doc_id": r.doc_id, "outlet": r.outlet, "sign": "numbers_disagree", "label": LABELS["numbers_disagree"],
                     "evidence": f"{format_number(r.value)} vs {format_number(r.other_value)} ({r.subject}, {r.what}): {r.quote!r}; "
                                 f"{r.other_doc_id}: {r.other_quote!r}", "line": None,
                     "explanation": EXPLANATIONS["numbers_disagree"], "severity": SEVERITY["numbers_disagree"]})
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

    >>> signs = pd.DataFrame({"doc_id": ["a", "a", "b"], "outlet": ["X", "X", "Y"], "sign": ["no_date", "no_byline", "no_date"]})
    >>> count_signs(signs).values.tolist()
    [['X', 'no_byline', 1], ['X', 'no_date', 1], ['Y', 'no_date', 1]]
    """
    by = as_list(by)
    require_columns(signs, ["doc_id", "sign", *by], what="signs table")
    out = signs.groupby([*by, "sign"], dropna=False, sort=True)["doc_id"].nunique().rename("n").reset_index()
    out["n"] = out["n"].astype("int64")
    return out


