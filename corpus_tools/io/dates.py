"""Reading dates the way news articles write them, and saying where each date came from.

News text writes dates as "Thu Jun 27 2024", "Tuesday, Nov. 28", "November 27",
"31-Dec-17" or "2024-06-27". A date without a year is only completed with stated
evidence (a weekday that fixes the year, the corpus's other dates, or a reference date);
the evidence is returned as words a reader can check.

A date value in a metadata field is read by :mod:`corpus_tools.io.date_values`.

>>> [m.text for m in find_date_mentions("BRUSSELS, November 27. /TASS/. On Tuesday, Nov. 28, ...")]
['November 27', 'Tuesday, Nov. 28']
>>> [(m.year, m.month, m.day) for m in find_date_mentions("31-Dec-17")]
[(2017, 12, 31)]
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

import pandas as pd

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}
# Capitalised names only in running text, so that "may" the verb is not a month.
_MON = (r"(?P<mon>(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|April|May|June|July"
        r"|August|September|October|November|December)")
_WD = (r"(?:(?P<wd>Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
       r"|Sunday)\.?,?\s+)?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_TIME = r"(?:[T ,]+(?P<hh>[0-2]\d):(?P<mm>[0-5]\d)(?::(?P<ss>[0-5]\d))?)?"


def _patterns(year: str) -> list:
    opt_year = r"(?:,?\s+(?P<year>" + year + r"))?"
    return [
        ("iso", re.compile(r"\b(?P<year>" + year + r")-(?P<month>[01]\d)-(?P<day>[0-3]\d)" + _TIME + r"\b")),
        ("ymd", re.compile(r"\b(?P<year>" + year + r")/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)\b")),
        (
            "d-mon-y",
            re.compile(
                r"\b(?P<day>[0-3]?\d)-(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(?P<year>\d\d(?:\d\d)?)\b",
                re.I,
            ),
        ),
        ("mdy", re.compile(r"\b" + _WD + _MON + r"\s+" + _DAY + r"\b(?!:)" + opt_year + r"\b")),
        ("dmy", re.compile(r"\b" + _WD + _DAY + r"\s+" + _MON + r"(?![a-z])" + opt_year + r"\b")),
    ]


# In running text only years 1900-2099 are dates ("in 1850" is history, not the day of the news);
# a date field may hold any four-digit year.
_PATTERNS = _patterns(r"(?:19|20)\d\d")
_ANY_YEAR_PATTERNS = _patterns(r"\d{4}")
_DIGIT = re.compile(r"\d")
# What a text must hold for each kind of date to be in it: a substring, then a short pattern that the
# regex engine scans for quickly (it starts with a digit or a letter, not with the patterns' \b).
# They skip the costly patterns in texts that cannot hold such a date (most texts).
_MONTH_PREFIXES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MON_HINT = "(?:" + "|".join(_MONTH_PREFIXES) + ")"
_NEEDS = {
    "iso": ("-", re.compile(r"\d-[01]\d-[0-3]\d")),
    "ymd": ("/", re.compile(r"\d/[01]?\d/[0-3]?\d")),
    "d-mon-y": ("-", re.compile(r"\d-\w\w\w-\d")),  # \w: the month is matched ignoring case ("ſep" too)
    "mdy": (None, re.compile(_MON_HINT + r"[a-z]*\.?\s+\d")),  # None: a month name, capitalised
    "dmy": (None, re.compile(r"\d(?:st|nd|rd|th)?\s+" + _MON_HINT)),
}
_ONLY_WEEKDAY = re.compile(r"\b(?:on|last|this|since)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


@dataclass(frozen=True)
class DateMention:
    """A date written in a text: ``year`` is None when the text gives none."""

    text: str
    start: int
    end: int
    month: int
    day: int
    year: int | None = None
    weekday: int | None = None
    time: tuple[int, int, int] | None = None

    def timestamp(self, year: int | None = None) -> pd.Timestamp | None:
        y = self.year if year is None else year
        try:
            return pd.Timestamp(_dt.datetime(y, self.month, self.day, *(self.time or (0, 0, 0))))
        except (TypeError, ValueError):
            return None


def two_digit_year(yy: int) -> int:
    # "31-Dec-17": a two-digit year is taken as the nearest century not far in the future.
    pivot = (_dt.date.today().year % 100) + 1
    return 2000 + yy if yy <= pivot else 1900 + yy


def _mention_from_match(kind: str, m: re.Match) -> DateMention | None:
    g = m.groupdict()
    if "mon" in g and g.get("mon"):
        month = _MONTHS.get(g["mon"].rstrip(".").lower())
    else:
        month = int(g["month"])
    day = int(g["day"])
    year = g.get("year")
    if year is not None:
        year = int(year)
        if year < 100:
            year = two_digit_year(year)
    weekday = _WEEKDAYS.get(g["wd"].lower()) if g.get("wd") else None
    time = None
    if g.get("hh"):
        time = (int(g["hh"]), int(g["mm"]), int(g["ss"] or 0))
    if not month or not 1 <= day <= 31:
        return None
    mention = DateMention(m.group(0).strip(), m.start(), m.end(), month, day, year, weekday, time)
    # A date that does not exist ("February 30") is not a date.
    if mention.timestamp(year or 2000) is None:
        return None
    return mention


def find_date_mentions(text: str, *, any_year: bool = False) -> list[DateMention]:
    """Every date written in ``text``, in reading order (overlaps resolved to the longest).

    Years are 1900-2099 (running text), or any four digits with ``any_year=True`` (a date field).

    >>> [(m.month, m.day, m.year) for m in find_date_mentions("Thu Jun 27 2024")]
    [(6, 27, 2024)]
    """
    found: list[DateMention] = []
    if not _DIGIT.search(text):  # every written date has a digit: skip the costly patterns
        return found
    month = any(name in text for name in _MONTH_PREFIXES)
    for kind, pattern in _ANY_YEAR_PATTERNS if any_year else _PATTERNS:
        needs, hint = _NEEDS[kind]
        if not (needs in text if needs else month) or not hint.search(text):
            continue
        for m in pattern.finditer(text):
            mention = _mention_from_match(kind, m)
            if mention is not None:
                found.append(mention)
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMention] = []
    for d in found:
        if kept and d.start < kept[-1].end:
            continue
        kept.append(d)
    return kept


def find_weekday_only(text: str) -> str | None:
    """The first "on Tuesday"-style mention, used to explain why a text stays undated."""
    m = _ONLY_WEEKDAY.search(text)
    return m.group(0) if m else None


def _fmt(ts) -> str:
    return pd.Timestamp(ts).strftime("%Y-%m-%d")


def resolve_year(
    mention: DateMention,
    *,
    corpus_dates: list[tuple[str, pd.Timestamp]] = (),
    reference_date=None,
    max_gap_days: int = 183,
) -> tuple[pd.Timestamp | None, str]:
    """Complete a date written without a year, and say how.

    Order of evidence: a weekday that fixes the year (the candidate nearest to the
    reference date or the corpus's dates), then
    ``reference_date``, then the nearest dated article in the corpus (at most
    ``max_gap_days`` away). Without any of these the date stays unknown.

    >>> m = find_date_mentions("Tuesday, Nov. 28")[0]
    >>> ts, why = resolve_year(m, corpus_dates=[("a1", pd.Timestamp("2024-06-27"))])
    >>> ts.date(), why.split(",")[0]
    (datetime.date(2023, 11, 28), "'Tuesday")
    """
    label = f"'{mention.text}'"
    today = pd.Timestamp(_dt.date.today())
    anchors = []
    if reference_date is not None:
        anchors = [("reference_date", pd.Timestamp(reference_date))]
    elif corpus_dates:
        anchors = list(corpus_dates)

    def nearest(years):
        best = None
        for y in years:
            ts = mention.timestamp(y)
            if ts is None:
                continue
            for name, anchor in anchors:
                gap = abs((ts - anchor).days)
                if best is None or gap < best[0]:
                    best = (gap, y, name, anchor)
        return best

    if mention.weekday is not None:
        candidates = [
            y for y in range(today.year - 40, today.year + 2)
            if (ts := mention.timestamp(y)) is not None and ts.weekday() == mention.weekday
        ]
        wd_name = _dt.date(2024, 1, 1 + mention.weekday).strftime("%A")  # 2024-01-01 was a Monday
        _ts = mention.timestamp(2000)
        md = f"{_ts:%b} {_ts.day}"
        if not candidates:
            return None, f"{label}: no recent year has {md} on a {wd_name}"
        if anchors:
            gap, y, name, anchor = nearest(candidates)
            source = (
                "reference_date"
                if name == "reference_date"
                else f"the corpus's dates (nearest: {name}, {_fmt(anchor)})"
            )
            others = [c for c in candidates if c != y][-3:]
            return mention.timestamp(y), (
                f"{label}: {md} fell on a {wd_name} in {y}, the year of that kind nearest to {source}"
                + (f"; also a {wd_name} in {', '.join(map(str, others))}" if others else "")
            )
        # A weekday narrows the year to one every few years; without dates to compare
        # with, choosing among them would be a guess, so say so and leave it open.
        recent = [c for c in candidates if mention.timestamp(c) <= today][-4:][::-1]
        return None, (
            f"{label}: {md} was a {wd_name} in {', '.join(map(str, recent))}, ...; "
            "give reference_date= (or dated articles) to choose"
        )

    if not anchors:
        return None, f"{label} has no year; give reference_date= (or dated articles) to place it"
    best = nearest(range(min(a.year for _, a in anchors) - 1, max(a.year for _, a in anchors) + 2))
    if best is None or best[0] > max_gap_days:
        return None, f"{label} has no year, and no dated article lies within {max_gap_days} days of it in any year"
    gap, y, name, anchor = best
    if name == "reference_date":
        return mention.timestamp(y), f"{label} has no year; {y} from reference_date={_fmt(anchor)}"
    return mention.timestamp(y), (
        f"{label} has no year; {y} from the nearest dated article in the corpus "
        f"({name}, {_fmt(anchor)}, {gap} day{'s' if gap != 1 else ''} apart)"
    )
