"""A date in a metadata field, read with its time and time zone, and one rule for time zones.

The rule: ``date`` is the date and time *as written*, in the writer's local time, for every value
(``Mon, 27 Nov 2023 23:30:00 -0500`` and ``2023-11-27T23:30:00-05:00`` are both 27 November, 23:30);
``date_utc`` is the same moment in UTC when the value says its zone (an offset, ``Z``, or a zone name
that has one meaning), and empty otherwise. So a corpus never mixes local and UTC days in ``date``,
and the instant is kept where it is known. Unix times have no local time: both are UTC.

Zone names with one meaning (``CEST``, ``EST``, ``GMT`` ...) are resolved and the evidence says how;
names that mean several zones (``IST``: India, Ireland or Israel) or none known leave ``date_utc``
empty and are reported. Dates pandas cannot hold (before 1677-09-21 or after 2262-04-11) are reported
as such.

>>> v = read_date_value("Mon, 27 Nov 2023 23:30:00 -0500")
>>> v.local, v.utc, v.zone
(Timestamp('2023-11-27 23:30:00'), Timestamp('2023-11-28 04:30:00'), 'UTC-05:00')
>>> read_date_value("2023-11-27T23:30:00-05:00").local == v.local
True
>>> read_date_value("27 Nov 2023 10:00 IST").note[:47]
"time zone 'IST' could be India (UTC+05:30), Ire"
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

import pandas as pd

from ..text.characters import quote_value
from .dates import find_date_mentions

# Zone names in news with one meaning. BST is read as British Summer Time (its use in English news).
ZONES = {
    "UTC": 0, "GMT": 0, "UT": 0, "Z": 0, "WET": 0, "WEST": 60, "BST": 60, "CET": 60, "CEST": 120, "MEZ": 60,
    "MESZ": 120, "EET": 120, "EEST": 180, "MSK": 180, "TRT": 180, "GST": 240, "PKT": 300, "NPT": 345,
    "WIB": 420, "ICT": 420, "HKT": 480, "SGT": 480, "AWST": 480, "JST": 540, "KST": 540, "ACST": 570,
    "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780, "EST": -300, "EDT": -240, "CDT": -300, "MST": -420,
    "MDT": -360, "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600, "SAST": 120, "EAT": 180,
    "WAT": 60, "CAT": 120,
}
AMBIGUOUS_ZONES = {
    "IST": "India (UTC+05:30), Ireland (UTC+01:00) or Israel (UTC+02:00)",
    "CST": "US Central (UTC-06:00), China (UTC+08:00) or Cuba (UTC-05:00)",
    "AST": "Atlantic (UTC-04:00) or Arabia (UTC+03:00)",
    "ADT": "Atlantic (UTC-03:00) or Arabia (UTC+04:00)",
    "ET": "US Eastern standard (UTC-05:00) or daylight (UTC-04:00) time",
    "CT": "US Central standard (UTC-06:00) or daylight (UTC-05:00) time",
    "PT": "US Pacific standard (UTC-08:00) or daylight (UTC-07:00) time",
}
# Earliest and latest instants pandas holds (in nanoseconds since 1970).
PANDAS_RANGE = "1677-09-21 to 2262-04-11"

_ISO = re.compile(r"\d{4}-[01]\d-[0-3]\d(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?)?"
                  r"\s*(?:Z|[+-][0-2]\d(?::?[0-5]\d)?)?")
_ZONE_AT_END = re.compile(
    r"^(?P<rest>.*?(?:\d|[AaPp]\.?[Mm]\.?))[\s,]*"
    r"(?:(?:UTC|GMT|UT)\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?"
    r"|(?P<sign2>[+-])(?P<h2>[01]\d):?(?P<m2>[0-5]\d)"
    r"|\(?(?!AM\b|PM\b)(?P<name>[A-Z]{1,5})\)?)\s*$"
)
_CLOCK = re.compile(r"\b(?P<h>[0-2]?\d):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\s*(?P<ap>[AaPp])\.?[Mm]\.?)?")
_RELATIVE = re.compile(r"\b(today|tonight|yesterday|tomorrow|now|ago|last|next|this)\b", re.I)


@dataclass(frozen=True)
class DateValue:
    """A date value read: ``local`` as written, ``utc`` when the zone is known, how the zone was read,
    ``problem`` when no date could be read, ``note`` when the date is read but its zone is not."""

    local: pd.Timestamp | None = None
    utc: pd.Timestamp | None = None
    zone: str | None = None
    problem: str | None = None
    note: str | None = None


def offset_text(minutes: int) -> str:
    """``-300`` -> ``"UTC-05:00"``."""
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def out_of_range(ts) -> bool:
    """True for a date pandas cannot hold in a table (before 1677-09-21 or after 2262-04-11)."""
    return ts is not None and not pd.isna(ts) and not (pd.Timestamp.min <= pd.Timestamp(ts) <= pd.Timestamp.max)


def range_problem(shown: str) -> str:
    return f"{shown} is a date outside the range pandas can hold ({PANDAS_RANGE})"


def split_aware(ts: pd.Timestamp) -> DateValue:
    """A timestamp as local wall-clock time plus, when it carries a zone, the UTC instant."""
    if ts.tzinfo is None:
        return DateValue(ts)
    minutes = int(ts.utcoffset().total_seconds() // 60)
    return DateValue(ts.tz_localize(None), ts.tz_convert("UTC").tz_localize(None), offset_text(minutes))


def _zone(m: re.Match) -> tuple[int | None, str | None, str | None]:
    """The offset in minutes, how the zone was read, and a note when it cannot be read."""
    if m.group("name"):
        name = m.group("name")
        if name in ZONES:
            return ZONES[name], f"{name} read as {offset_text(ZONES[name])}", None
        if name in AMBIGUOUS_ZONES:
            why = f"time zone '{name}' could be {AMBIGUOUS_ZONES[name]}"
        else:
            why = f"'{name}' is not a time zone this reader knows"
        return None, None, why
    sign = -1 if (m.group("sign") or m.group("sign2")) == "-" else 1
    h, mins = int(m.group("h") or m.group("h2")), int(m.group("m") or m.group("m2") or 0)
    if h > 14 or mins > 59:
        return None, None, f"{quote_value(m.group(0).strip())} is not a time zone offset"
    offset = sign * (h * 60 + mins)
    return offset, offset_text(offset), None


def _clock(text: str, start: int) -> tuple[int, int, int] | None:
    m = _CLOCK.search(text, start)
    if not m:
        return None
    h, mins, s = int(m.group("h")), int(m.group("m")), int(m.group("s") or 0)
    if m.group("ap"):
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if m.group("ap").lower() == "p" else 0)
    return (h, mins, s) if h < 24 else None


def read_date_value(value) -> DateValue:
    """Read a date from a metadata field: its local date and time as written, and its zone (see the module).

    Relative words ("today", "yesterday") are refused rather than turned into the current time, and a
    date without a year is refused rather than given this year.

    >>> read_date_value("27 Nov 2023 10:00 CEST").utc
    Timestamp('2023-11-27 08:00:00')
    >>> read_date_value("2300-01-01").problem
    "'2300-01-01' is a date outside the range pandas can hold (1677-09-21 to 2262-04-11)"
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return DateValue()
    if isinstance(value, (pd.Timestamp, _dt.datetime, _dt.date)):
        return _checked(split_aware(pd.Timestamp(value)), quote_value(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value != value or value in (float("inf"), float("-inf")):
            return DateValue(problem=f"{quote_value(value)} is not a date")
        unit = "ms" if abs(value) > 1e11 else "s"  # exports store Unix time in seconds or milliseconds
        try:
            ts = pd.Timestamp(value, unit=unit)
        except (ValueError, OverflowError):
            return DateValue(problem=range_problem(quote_value(value)) + " as a Unix time")
        return DateValue(ts, ts, "Unix time, UTC")
    s = str(value).strip()
    if not s:
        return DateValue()
    shown = quote_value(s)
    if _ISO.fullmatch(s):  # machine-written timestamps first: they are exact
        try:
            return _checked(split_aware(pd.Timestamp(s)), shown)
        except (ValueError, OverflowError):
            return DateValue(problem=f"{shown} is not a valid date")
    if re.fullmatch(r"\d{10}(\d{3})?", s):
        return read_date_value(int(s))
    return _checked(_read_written(s, shown), shown)


def _read_written(s: str, shown: str) -> DateValue:
    rest, offset, zone, note = s, None, None, None
    if (z := _ZONE_AT_END.match(s)) is not None:
        rest = z.group("rest")
        offset, zone, note = _zone(z)
    mentions = find_date_mentions(rest, any_year=True)
    if not mentions:
        if _RELATIVE.search(s):
            return DateValue(problem=f"{shown} is a relative date; it cannot be placed in time")
        return DateValue(problem=f"{shown} is not a date this reader understands")
    m = mentions[0]
    if m.year is None:
        return DateValue(problem=f"{shown} has no year")
    time = m.time or _clock(rest, m.end) or (0, 0, 0)
    try:
        local = pd.Timestamp(_dt.datetime(m.year, m.month, m.day, *time))
    except ValueError:
        return DateValue(problem=f"{shown} is not a valid date")
    if offset is None:
        return DateValue(local, note=note)
    return DateValue(local, local - pd.Timedelta(minutes=offset), zone)


def _checked(v: DateValue, shown: str) -> DateValue:
    if v.problem is None and (out_of_range(v.local) or out_of_range(v.utc)):
        return DateValue(problem=range_problem(shown))
    return v


def parse_date_value(value) -> tuple[pd.Timestamp, str | None]:
    """``(date as written, or NaT; problem or None)`` of a metadata field (see :func:`read_date_value`).

    >>> parse_date_value("2024-06-27T10:30:00Z")
    (Timestamp('2024-06-27 10:30:00'), None)
    >>> parse_date_value("today")[1]
    "'today' is a relative date; it cannot be placed in time"
    >>> parse_date_value("November 27")[1]
    "'November 27' has no year"
    """
    v = read_date_value(value)
    return (pd.NaT if v.local is None else v.local), v.problem


def solar_hijri_to_gregorian(jy: int, jm: int, jd: int) -> _dt.date:
    """A Solar Hijri (Persian calendar) date in the Gregorian calendar (the 33-year arithmetic rule).

    >>> solar_hijri_to_gregorian(1399, 4, 2), solar_hijri_to_gregorian(1399, 1, 1)
    (datetime.date(2020, 6, 22), datetime.date(2020, 3, 20))
    """
    jy += 1595
    days = -355668 + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + jd
    days += (jm - 1) * 31 if jm < 7 else (jm - 7) * 30 + 186
    return _dt.date(400, 1, 1) + _dt.timedelta(days=days - 146097)
