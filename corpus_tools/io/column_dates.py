"""Dates in a column: one format for the whole column, inferred from all its values and stated once.

``02/28/2022`` can only be month first, ``28.02.2022`` only day first: one such value fixes
the order of the whole column, which is then applied to every value (``03/01/2022`` is
1 March in a column that also holds ``02/28/2022``). Eight digits are ``YYYYMMDD``; numbers
are Unix time only when the column is numeric and its name says so (``timestamp``,
``epoch``, ``created_utc``). A value that cannot be read leaves its row undated: a date is
then never guessed from the text instead.

>>> got = read_date_values(["02/28/2022", "03/01/2022"], name="date")
>>> [str(ts.date()) for ts, _ in got.values], got.label, got.why
(['2022-02-28', '2022-03-01'], 'MM/DD/YYYY', "month first: '02/28/2022' has 28 in the second place")
>>> read_date_values(["01.02.2022"], name="date").values[0][0]
Timestamp('2022-02-01 00:00:00')
>>> read_date_values(["01/02/2022"], name="date").values[0][1][:43]
"'01/02/2022' could be day first or month fi"
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

import pandas as pd

from ..text.characters import quote_value
from .date_values import out_of_range, range_problem, read_date_value, split_aware
from .dates import two_digit_year

_NUMERIC = re.compile(
    r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})"
    r"(?:(?:[ T]+|,\s*)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp])?\.?[Mm]?\.?)?$"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_EPOCH_NAME = re.compile(r"epoch|unix|timestamp|(?:^|[_.\s])(?:ts|utc)$|_utc|utc_|millis|seconds", re.I)
EPOCH_FORMATS = ("epoch", "epoch_s", "epoch_ms")


@dataclass
class ColumnDates:
    """The dates of one column: ``values`` holds ``(timestamp or None, problem or None)`` per value."""

    values: list = field(default_factory=list)
    utc: dict = field(default_factory=dict)  # value index -> (the UTC instant, how the zone was read)
    zone_notes: dict = field(default_factory=dict)  # value index -> why its zone could not be read
    label: str | None = None  # the format applied, e.g. "MM/DD/YYYY"; None when nothing had to be decided
    why: str | None = None
    undecided: str | None = None  # an example of values whose order (day or month first) could not be decided


def _as_string(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _is_number(value) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)) or bool(_NUMBER.match(_as_string(value)))


def _timestamp(year, month, day, m: re.Match | None = None):
    hh = mm = ss = 0
    if m is not None and m.group(5):
        hh, mm, ss = int(m.group(5)), int(m.group(6)), int(m.group(7) or 0)
        if m.group(8):
            if not 1 <= hh <= 12:
                return None
            hh = hh % 12 + (12 if m.group(8).lower() == "p" else 0)
    try:
        return pd.Timestamp(_dt.datetime(year, month, day, hh, mm, ss))
    except ValueError:
        return None


def _epoch(value, unit=None):
    x = float(_as_string(value))
    unit = unit or ("ms" if abs(x) > 1e11 else "s")
    try:
        return pd.Timestamp(x, unit=unit), None
    except (ValueError, OverflowError):
        return None, range_problem(quote_value(_as_string(value))) + " as a Unix time"


def _with_format(value, date_format: str):
    """``(timestamp or None, problem or None, (utc, zone) or None)`` of one value read with ``date_format``."""
    s = _as_string(value)
    if date_format in EPOCH_FORMATS:
        if not _is_number(value):
            return None, f"{quote_value(s)} is not a number, so not a Unix time (date_format={date_format!r})", None
        ts, problem = _epoch(value, {"epoch": None, "epoch_s": "s", "epoch_ms": "ms"}[date_format])
        return ts, problem, (ts, "Unix time, UTC") if ts is not None else None
    try:
        ts = pd.Timestamp(_dt.datetime.strptime(s, date_format))
    except ValueError:
        return None, f"{quote_value(s)} does not match date_format={date_format!r}", None
    v = split_aware(ts)  # %z: the time as written, and the instant
    return v.local, None, (v.utc, v.zone) if v.utc is not None else None


def _order_label(matches) -> str:
    m = matches[0]
    sep, year = m.group(2), "YYYY" if len(m.group(4)) == 4 else "YY"
    return sep, year


def read_date_values(values, *, name: str, date_format: str | None = None, dayfirst: bool | None = None) -> ColumnDates:
    """Read every value of one date column with one format for all (see the module's description)."""
    out = ColumnDates(values=[None] * len(values))
    if date_format is not None:
        for i, v in enumerate(values):
            ts, problem, utc = _with_format(v, date_format)
            out.values[i] = (ts, problem)
            if utc is not None:
                out.utc[i] = utc
        out.label, out.why = date_format, "date_format given"
        return out
    numeric = all(_is_number(v) for v in values)
    epoch_ok = numeric and bool(_EPOCH_NAME.search(name))
    ambiguous = {}
    used = set()
    for i, v in enumerate(values):
        s = _as_string(v)
        if (m := _NUMERIC.match(s)) is not None:
            ambiguous[i] = m
        elif (m := _COMPACT.match(s)) is not None:
            ts = _timestamp(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            out.values[i] = (ts, None) if ts is not None else (None, f"'{s}' is not a date as YYYYMMDD")
            used.add("YYYYMMDD")
        elif _is_number(v):
            if epoch_ok:
                out.values[i] = _epoch(v)
                if out.values[i][0] is not None:
                    out.utc[i] = (out.values[i][0], "Unix time, UTC")
                used.add("Unix time")
            else:
                out.values[i] = (None, f"'{s}' is a number; if it is a Unix time, pass date_format='epoch' "
                                       f"(the column's name '{name}' does not say so)")
        else:
            got = read_date_value(v if isinstance(v, (pd.Timestamp, _dt.datetime, _dt.date)) else s)
            out.values[i] = (got.local if got.problem is None else None, got.problem)
            if got.utc is not None:
                out.utc[i] = (got.utc, got.zone)
            if got.note:
                out.zone_notes[i] = got.note
    if ambiguous:
        label, why = _read_ambiguous(values, ambiguous, out, dayfirst)
        used.add(label)
        out.why = why
    if used:
        out.label = " and ".join(sorted(used))
        if out.why is None:
            unix = "Unix time" in used
            out.why = "Unix time, as the column's name says" if unix else "eight digits: year, month, day"
    return out


def _read_ambiguous(values, ambiguous: dict, out: ColumnDates, dayfirst) -> tuple[str, str]:
    """Day first or month first for the values written with numbers only: decided once, from all of them."""
    day_ex = next((m.group(0) for m in ambiguous.values() if int(m.group(1)) > 12 >= int(m.group(3))), None)
    month_ex = next((m.group(0) for m in ambiguous.values() if int(m.group(3)) > 12 >= int(m.group(1))), None)
    seps = {m.group(2) for m in ambiguous.values()}
    sep, year = _order_label(list(ambiguous.values()))
    if dayfirst is not None:
        order, why = ("day" if dayfirst else "month"), f"dayfirst={dayfirst} given"
    elif day_ex and month_ex:
        order, why = None, f"the column holds both '{day_ex}' (day first) and '{month_ex}' (month first)"
    elif day_ex:
        order, why = "day", f"day first: '{day_ex}' has {int(re.split('[./-]', day_ex)[0])} in the first place"
    elif month_ex:
        order, why = "month", f"month first: '{month_ex}' has {int(re.split('[./-]', month_ex)[1])} in the second place"
    elif seps == {"."}:
        order, why = "day", "day first, the usual order of dates written with dots (no value says otherwise)"
    else:
        order, why = None, "no value has a day over 12 to tell day first from month first"
    for i, m in ambiguous.items():
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        y = two_digit_year(y) if len(m.group(4)) == 2 else y
        this = order or ("day" if a > 12 >= b else "month" if b > 12 >= a else None)
        if this is None:
            out.values[i] = (None, f"'{m.group(0)}' could be day first or month first ({why}); "
                                   "pass dayfirst=True or dayfirst=False")
            continue
        ts = _timestamp(y, b, a, m) if this == "day" else _timestamp(y, a, b, m)
        fmt = "DD/MM" if this == "day" else "MM/DD"
        out.values[i] = (ts, None) if ts is not None else (None, f"'{m.group(0)}' is not a date as {fmt}/{year}")
    if order is None:
        out.undecided = next(m.group(0) for m in ambiguous.values() if max(int(m.group(1)), int(m.group(3))) <= 12)
        return f"DD{sep}MM{sep}{year} or MM{sep}DD{sep}{year}", why
    return (f"DD{sep}MM{sep}{year}" if order == "day" else f"MM{sep}DD{sep}{year}"), why


# Past this many unreadable dates in one table, they are reported together on the file's row.
MAX_ROW_PROBLEMS = 20


def _empty(v) -> bool:
    return v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v.strip())


def dates_from_columns(rows: list[dict], report, *, date_format=None, dayfirst=None) -> None:
    """Dates of the rows from their date column or field, one format per column; decisions go to ``report``.

    Rows whose field cannot be read are set undated here (``date_source`` "unknown"), so that
    no date is guessed from their text; rows without a value are left for the text.
    """
    groups: dict = {}
    for row in rows:
        value = row.pop("_date_value", None)
        column = row.pop("_date_column", None) or "date"
        group = row.pop("_date_group", None) or (column,)
        if not _empty(value):
            groups.setdefault((group, column), []).append((row, value))
    for (_group, column), items in groups.items():
        name = column.rsplit("column ", 1)[-1]
        got = read_date_values([v for _, v in items], name=name, date_format=date_format, dayfirst=dayfirst)
        failed = []
        for i, ((row, value), (ts, problem)) in enumerate(zip(items, got.values)):
            shown = quote_value(_as_string(value))
            utc, zone = got.utc.get(i, (None, None))
            if problem is None and (out_of_range(ts) or out_of_range(utc)):
                problem = range_problem(shown)
            if problem is None:
                row["date"], row["date_source"], row["date_utc"] = ts, "metadata", utc
                how = [f"read as {got.label}"] if got.label else []
                if zone:
                    how.append(f"local time as written; {zone}")
                elif i in got.zone_notes:
                    how.append("local time as written; its time zone is unknown, date_utc left empty")
                row["date_evidence"] = f"{column}: {shown}" + (f" ({'; '.join(how)})" if how else "")
            else:
                row["date"], row["date_source"] = pd.NaT, "unknown"
                # The value once, whole: "the date field held '2300-01-01', which is a date outside ..."
                why = (f"which {problem[len(shown):].strip()}" if problem.startswith(shown)
                       else f"which is not a usable date: {problem}")
                row["date_evidence"] = (f"the {column} field held {shown}, {why}; "
                                        "left undated (a date field that cannot be read is not replaced by one "
                                        "guessed from the text)")
                failed.append((row, problem))
        _report_column(report, column, items, got, failed)
        _report_zones(report, column, items, got)


def _report_column(report, column, items, got: ColumnDates, failed) -> None:
    """The decision once (a "note" row), and the values that could not be read."""
    paths = list(dict.fromkeys(row["source_path"] for row, _ in items))
    what = column if column.startswith(("metadata file", "HTML")) else f"column '{column}'"
    one_table = len(paths) == 1 and items[0][0].get("source_line") is not None
    if got.label:
        n = f"{len(items):,} value{'s' if len(items) != 1 else ''}"
        scope = n if len(paths) == 1 else f"{n} in {len(paths):,} files"
        if got.undecided:
            said = (f"dates in {what} ({scope}) written with numbers only, like '{got.undecided}', could be day "
                    f"first or month first: {got.why}; pass dayfirst=True or dayfirst=False")
        else:
            said = f"dates in {what} ({scope}) read as {got.label}: {got.why}"
        report.decide(paths[0] if len(paths) == 1 else _common_folder(paths),
                      said + (f"; {len(failed):,} could not be read and stay undated" if failed else ""))
    if not failed:
        return
    if one_table and (len(failed) == len(items) or len(failed) > MAX_ROW_PROBLEMS):
        lines = ", ".join(str(row["source_line"]) for row, _ in failed[:5]) + (", ..." if len(failed) > 5 else "")
        some = (f"none of the {len(items):,} dates in {what} could be read" if len(failed) == len(items)
                else f"{len(failed):,} of the {len(items):,} dates in {what} could not be read")
        report.note(paths[0], None, f"{some} (lines {lines}; first: {failed[0][1]}); those rows stay undated; "
                                    "pass date_format= (e.g. '%d %B %Y') if you know the format")
        return
    for row, problem in failed:
        report.note(row["source_path"], row["source_line"] if one_table else None,
                    f"date {problem}; left undated (not replaced by a date from the text)")


def _report_zones(report, column, items, got: ColumnDates) -> None:
    """Time zones that could not be read: once per zone and file (or folder), the dates kept as written."""
    if not got.zone_notes:
        return
    by_note: dict = {}
    for i, note in got.zone_notes.items():
        if got.values[i][1] is None:
            by_note.setdefault(note, []).append(items[i][0])
    for why, rows in by_note.items():
        paths = list(dict.fromkeys(row["source_path"] for row in rows))
        lines = [str(row["source_line"]) for row in rows if row.get("source_line") is not None]
        where = f" (line{'s' if len(lines) > 1 else ''} {', '.join(lines[:5])}{', ...' if len(lines) > 5 else ''})"
        what = column if column.startswith(("metadata file", "HTML")) else f"column '{column}'"
        said = (f"{why}: {len(rows):,} date{'s' if len(rows) != 1 else ''} in {what}{where if lines else ''} "
                "kept as the local time written, with date_utc left empty")
        if len(paths) == 1:
            report.note(paths[0], None, said)
        else:
            report.decide(_common_folder(paths), said)


def _common_folder(paths) -> str:
    import os

    try:
        return os.path.commonpath(paths)
    except ValueError:  # different drives
        return paths[0]
