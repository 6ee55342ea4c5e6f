"""From one article's raw text to its fields: title, byline, dateline, credits, date and clean body.

>>> raw = "Title here\\n\\nBy Jane Roe and AFP |\\n\\nBRUSSELS -- NATO chief said November 27.\\n\\nShare on Facebook"
>>> a = parse_article(raw)
>>> a.title, a.byline, a.dateline, a.agency, a.date_mention.text
('Title here', 'Jane Roe and AFP', 'BRUSSELS', 'AFP', 'November 27')
>>> a.text
'NATO chief said November 27.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text.detectors import find_doubled_punctuation, find_mixed_script
from .cleaning import (
    is_headline_like,
    normalize_text,
    rejoin_wrapped,
    remove_boilerplate,
)
from .dates import DateMention, find_date_mentions, find_weekday_only
from .word_counts import n_words

# Wire agencies and their usual spellings, mapped to one short name.
AGENCIES = {
    "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "reuters": "Reuters", "thomson reuters": "Reuters",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "tass": "TASS", "itar-tass": "TASS", "ria novosti": "RIA Novosti", "ria": "RIA Novosti",
    "interfax": "Interfax", "ukrinform": "Ukrinform", "unian": "UNIAN", "xinhua": "Xinhua",
    "dpa": "dpa", "ansa": "ANSA", "efe": "EFE", "bloomberg": "Bloomberg", "pti": "PTI",
    "anadolu": "Anadolu", "anadolu agency": "Anadolu", "aa": "Anadolu", "yonhap": "Yonhap", "kyodo": "Kyodo",
    "sputnik": "Sputnik", "upi": "UPI", "ians": "IANS", "cna": "CNA", "bna": "BNA", "pap": "PAP",
    "nyt": "NYT", "nyt news service": "NYT",
    "xinhua news agency": "Xinhua", "kyodo news": "Kyodo", "agencia efe": "EFE", "deutsche presse-agentur": "dpa",
    "united press international": "UPI", "bloomberg news": "Bloomberg",
    "ctk": "ČTK", "apa": "APA", "belga": "Belga", "anp": "ANP", "tt": "TT", "ntb": "NTB", "ritzau": "Ritzau",
}
# All-capital words that open sentences but are no place names.
_NOT_PLACES = {"NATO", "EU", "UN", "US", "UK", "USA", "AP", "AFP", "TASS", "BBC", "CNN", "UPDATE", "BREAKING",
               "EXCLUSIVE", "ANALYSIS", "OPINION", "WATCH", "LIVE", "VIDEO", "PHOTOS", "I", "A"}
_AGENCY_ALT = "|".join(sorted((re.escape(k) for k in AGENCIES), key=len, reverse=True))
_DATELINE = re.compile(
    r"^(?P<place>[A-Z](?:[A-Z'.]|-(?=[A-Z]{2}))+(?:[ \-][A-Z](?:[A-Z'.]|-(?=[A-Z]{2}))+){0,3}"
    r"(?:(?:,\s*[A-Z][a-z]+\.?)?/[A-Z](?:[A-Z'.]|-(?=[A-Z]{2}))+(?:[ \-][A-Z](?:[A-Z'.]|-(?=[A-Z]{2}))+){0,3})*)"
    r"(?:,\s*(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)(?P<region>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}|[A-Z]\.\s?[A-Z]\.))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]+\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+[^\W\d_]{3,9}\.?(?:\s+\d{4})?(?=\s*[(/])))?"
    r"\.?\s*"
    r"(?:/(?P<agency1>[A-Za-z][A-Za-z\- ]{1,20})/\.?|\((?P<agency2>[A-Za-z][\w .&\-]{0,30})\))?"
    # "--", "—", "–", "_", "-" or ":", with or without spaces ("(AP)_ Turning", "(AP)--The")
    r"\s*(?P<sep>—|–|--|-|_|:)?(?:\s+|(?<=[—–_-])(?=[A-Z][a-z]|[\"“‘']))"
)
_REPORTING_BEFORE = re.compile(
    r"\b(said|says|told|announced|stated|declared|warned|urged|reported|added|confirmed|insisted|claimed|wrote)"
    r"(\s+(on|late|early|in an interview|in a statement|at a press conference))?\s*,?\s*$"
)
_BYLINE = re.compile(r"^by\s+(?P<who>[^\n]{2,100}?)\s*[|•·,\-–—]*\s*$", re.I)
# A byline line by itself ("By JANE ROE", "By Anna Smith and Tom Jones"): never a title. Stricter
# than _BYLINE, whose "by" + anything would also take a headline such as "By the numbers: ...".
_BYLINE_ALONE = re.compile(r"^(?:By|BY)\s+[A-Z][\w.'’-]*(?:,?\s+(?:[A-Z][\w.'’-]*|and|&|de|da|van|von|der|al))*"
                           r"\s*[|•·,\-–—]*\s*$")
_MONTH_WORDS = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"}


def agency_name(name: str) -> str | None:
    """The short name of a wire agency, or None. ``agency_name("Associated Press") == "AP"``."""
    return AGENCIES.get(name.strip().strip(".").lower())


@dataclass
class ParsedArticle:
    text: str
    title: str | None = None
    section: str | None = None
    byline: str | None = None
    dateline: str | None = None
    agency: str | None = None
    outlet: str | None = None
    outlet_evidence: str | None = None
    date_mention: DateMention | None = None
    date_context: str | None = None
    weekday_only: str | None = None
    removed: list[dict] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    evidence: dict = field(default_factory=dict)


def split_credits(who: str) -> tuple[list[str], list[str], list[str]]:
    """Split a byline into (people, agencies, organisations).

    >>> split_credits("Kontur and AFP")
    ([], ['AFP'], ['Kontur'])
    >>> split_credits("Jane Roe, Associated Press")
    (['Jane Roe'], ['AP'], [])
    """
    people, agencies, orgs = [], [], []
    for part in re.split(r"\s*(?:,|;|&|\band\b|\bwith\b|\bfor\b|/)\s*", who):
        part = part.strip(" |.")
        if not part:
            continue
        ag = agency_name(part)
        if ag:
            agencies.append(ag)
        elif " " not in part and part[:1].isupper():
            # A lone capitalised name beside an agency is the site's own credit ("By Kontur and AFP").
            orgs.append(part)
        else:
            people.append(part)
    return people, agencies, orgs


_LEADING_CORRECTION = re.compile(r"^\((?=[^)]{0,200}\bcorrect)[^)]{5,300}\)\s*", re.I)
_INLINE_BYLINE = re.compile(
    r"^By\s+(?P<who>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|de|van|von|al)){0,5})\s+(?=\(|[A-Z]{3,}\b)"
)
_CREDIT_ONLY = re.compile(r"^\((?P<agency2>" + _AGENCY_ALT + r")\)\s*(?P<sep>—|–|--|-|_|:)\s*", re.I)


# AP-style abbreviations of US states, as datelines write them ("SACRAMENTO, Calif. (AP)").
_STATE_ABBREVIATIONS = frozenset(
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev "
    "Okla Ore Pa Tenn Vt Va Wash Wis Wyo".split())


def _match_dateline(line: str):
    line += " "  # a dateline alone on its line ("HAVANA (AP) --") ends where the line does
    m = _DATELINE.match(line)
    if not m:
        c = _CREDIT_ONLY.match(line)  # "(Reuters) - Alabama officials ..." with no place
        return (c, None, None, c.group("agency2")) if c else None
    place = m.group("place").strip(" .-")
    agency = m.group("agency1") or m.group("agency2")
    if agency and not agency_name(agency) and m.group("agency1") is None:
        # "(Belgium)" or "(File)" in brackets is no credit; keep it only if a separator follows.
        agency = None
        if not m.group("sep"):
            return None
    if not (agency or m.group("sep")):
        return None
    if place in _NOT_PLACES or len(re.sub(r"[^A-Z]", "", place)) < 3:
        return None
    region = m.group("region")
    if region and region.split()[0] in _MONTH_WORDS:
        return None
    if region in _STATE_ABBREVIATIONS and line[m.end("region"):m.end("region") + 1] == ".":
        region += "."  # "Calif." is written with its period
    return m, place, region, agency


def starts_with_dateline(line: str) -> bool:
    """Whether ``line`` opens with a wire dateline: such a line is never a title.

    >>> starts_with_dateline("HAVANA (AP) --"), starts_with_dateline("CANBERRA, Australia (AP)_ Turning")
    (True, True)
    >>> starts_with_dateline("Cuba frees prisoners"), starts_with_dateline("NATO - what next")
    (False, False)
    """
    return _match_dateline(line) is not None


def _sentence_around(text: str, start: int, end: int, limit: int = 160) -> str:
    """The sentence holding text[start:end], cut to about ``limit`` characters."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    left = left + 1 if left >= 0 else 0
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    s = text[left:right].strip()
    if len(s) > limit:
        s = s[: limit - 1].rsplit(" ", 1)[0] + "…"
    return s


def parse_article(
    raw: str, *, title: str | None = None, corpus_repeats=frozenset(), find_title: bool = True, headline: bool = False,
    normalized: str | None = None,
) -> ParsedArticle:
    """Clean one article and pull its header fields out of the text.

    ``title`` given (from a table column) means the text is body only; otherwise the
    first non-empty line is the title when it reads like one. ``headline=True``: the text
    is a headline and/or a description, not a full article: nothing is looked for in it
    (a headline "By recognizing ..." has no byline, "ZNPP: ..." no dateline, "... (Photo)"
    is no caption) and no line is removed. ``normalized``: ``normalize_text(raw)`` when the caller has it
    already (the loader normalizes every text once, to find lines repeated across the corpus).

    >>> a = parse_article("By recognizing Kherson, the UN acts (Photo)", headline=True)
    >>> a.text, a.byline, a.removed
    ('By recognizing Kherson, the UN acts (Photo)', None, [])
    """
    if normalized is None:
        normalized = normalize_text(raw)
    if headline:
        art = ParsedArticle(text="\n\n".join(s for s in normalized.split("\n") if s), title=title)
        return _check_text(art)
    lines = normalized.split("\n")
    # The dateline is found before lines repeated across the corpus are removed: "HAVANA (AP) --" opening
    # many articles of a wire corpus is their dateline, not page furniture.
    head = [k for k, s in enumerate(lines) if s][:6]
    protect = frozenset(next(([k] for k in head if _match_dateline(lines[k])), []))
    kept, removed = remove_boilerplate(lines, corpus_repeats=corpus_repeats, keep_first=find_title and title is None,
                                       protect=protect, title=title)
    art = ParsedArticle(text="", title=title, removed=removed)
    flags = art.flags
    if any(r["reason"] not in ("title", "byline", "date line", "dateline") for r in removed):
        flags.append("boilerplate_removed")
    paras = [(no, s) for no, s in kept if s]
    moved: list[dict] = []

    def move(idx: int, reason: str):
        no, s = paras[idx]
        moved.append({"line": no, "text": s, "reason": reason})

    # Header: section label, title, date line, byline, in the first few lines.
    i = 0
    if find_title and title is None and paras:
        first = paras[0][1]
        second = paras[1][1] if len(paras) > 1 else ""
        if (len(paras) > 2 and n_words(first) <= 2 and is_headline_like(first) and is_headline_like(second, 30)
                and n_words(second) >= 5 and not _BYLINE.match(second) and not find_date_mentions(second)):
            art.section = first
            move(0, "section label")
            i = 1
        cand = paras[i][1] if i < len(paras) else ""
        if (cand and n_words(cand) <= 30 and not (cand.endswith(".") and n_words(cand) > 15) and len(cand) <= 250
                and not _match_dateline(cand)  # a dateline ("HAVANA (AP) --") is never a title
                and not (_BYLINE_ALONE.match(cand) and n_words(cand) <= 10)):  # nor a byline
            art.title = cand
            move(i, "title")
            i += 1
        else:
            flags.append("no_title")
    header_end = min(len(paras), i + 4)
    j = i
    while j < header_end:
        s = paras[j][1]
        mentions = find_date_mentions(s)
        if mentions and sum(len(m.text) for m in mentions) >= 0.6 * len(
            re.sub(r"^(published|updated|posted|date)\s*:?\s*", "", s, flags=re.I)
        ):
            if art.date_mention is None:
                art.date_mention, art.date_context = mentions[0], s
            move(j, "date line")
        elif (bm := _BYLINE.match(s)) and n_words(s) <= 12:
            art.byline = bm.group("who").strip()
            move(j, "byline")
        else:
            j += 1
            continue
        paras.pop(j)
        header_end -= 1
        # re-examine the same index, which now holds the next line

    body = [p for k, p in enumerate(paras) if k >= i]
    # Dateline at the start of one of the first body paragraphs (a standfirst may come first).
    for k in range(min(3, len(body))):
        no, first_body = body[k]
        corr = _LEADING_CORRECTION.match(first_body)
        if corr:  # "(Corrects spelling of ... in this Dec. 19 story.)" before the dateline
            moved.append({"line": no, "text": corr.group(0).strip(), "reason": "correction notice"})
            first_body = first_body[corr.end():]
            body[k] = (no, first_body)
            if "boilerplate_removed" not in flags:
                flags.append("boilerplate_removed")
        ib = _INLINE_BYLINE.match(first_body)
        if ib and art.byline is None:  # "By Sharon Bernstein (Reuters) - ..." in the same paragraph
            art.byline = ib.group("who")
            moved.append({"line": no, "text": ib.group(0).strip(), "reason": "byline"})
            first_body = first_body[ib.end():]
            body[k] = (no, first_body)
        dm = _match_dateline(first_body)
        if dm:
            m, place, region, agency = dm
            art.dateline = (f"{place}, {region}" if region else place) if place else None
            if agency:
                art.agency = agency_name(agency) or agency.strip()
                art.outlet, art.outlet_evidence = art.agency, f"dateline credit '{m.group(0).strip()}'"
            if place and m.group("date") and art.date_mention is None:
                dms = find_date_mentions(m.group("date"))
                if dms:
                    art.date_mention, art.date_context = dms[0], m.group(0).strip()
            moved.append({"line": no, "text": m.group(0).strip(), "reason": "dateline"})
            body[k] = (no, first_body[m.end():].strip())
            break
    if art.byline:
        people, agencies, orgs = split_credits(art.byline)
        if agencies and not art.agency:
            art.agency = agencies[0]
        if art.outlet is None and (orgs or agencies):
            art.outlet = orgs[0] if orgs else agencies[0]
            art.outlet_evidence = f"byline 'By {art.byline}'"
    # Inline agency credit anywhere in the lead, e.g. "/TASS/".
    if art.agency is None and body:
        m = re.search(r"/(" + _AGENCY_ALT + r")/", body[0][1], re.I)
        if m:
            art.agency = agency_name(m.group(1))
            art.outlet, art.outlet_evidence = art.agency, f"credit '{m.group(0)}' in the first paragraph"

    body, joined = rejoin_wrapped([p for p in body if p[1]])
    if joined:
        flags.append("rejoined_lines")
        art.evidence["rejoined_lines"] = joined
    art.text = "\n\n".join(s for _, s in body)
    art.removed = sorted(removed + moved, key=lambda r: r["line"])

    # Publication date from the lead, if the header had none: only a date that reads as
    # the day of the news ("on Tuesday, Nov. 28", "said November 27"), never any date
    # the story mentions ("in the year to 31 December 2004", "born on 5 April 1920").
    if art.date_mention is None:
        lead = "\n\n".join(s for _, s in body[:2])
        for dm in find_date_mentions(lead):
            before = lead[max(0, dm.start - 30):dm.start]
            if dm.weekday is not None or _REPORTING_BEFORE.search(before):
                art.date_mention = dm
                art.date_context = _sentence_around(lead, dm.start, dm.end)
                break
        else:
            art.weekday_only = find_weekday_only(lead)

    return _check_text(art)


def _check_text(art: ParsedArticle) -> ParsedArticle:
    """Flags about the clean text: mixed scripts, doubled punctuation, no text at all."""
    mixed = find_mixed_script(art.text + " " + (art.title or ""))
    if mixed:
        art.flags.append("mixed_script")
        art.evidence["mixed_script"] = [(word, why) for _, word, why in mixed]
    doubled = find_doubled_punctuation(art.text)
    if doubled:
        art.flags.append("doubled_punctuation")
        art.evidence["doubled_punctuation"] = len(doubled)
    if not art.text.strip():
        art.flags.append("empty_text")
    return art
