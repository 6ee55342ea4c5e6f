"""Values a table cannot hold, contained to their row: lone surrogates, numbers as text, dates out of range.

JSON can write half of a UTF-16 pair (``"\\ud800"``), and a file name can hold bytes that are
not UTF-8 (Python keeps them as such halves): neither can be written as UTF-8, so pandas,
Arrow and the cache would fail on the whole table. Values get U+FFFD in their place and a
report row naming the line; file names are shown with the byte escaped (``caf\\xe9.txt``).

>>> shown_path("caf\\udce9.txt")
'caf\\\\xe9.txt'
>>> rec = {"_line": 3, "text": "bad \\ud800 value", "title": "ok"}
>>> check_records([rec]), rec["text"]
([(3, 'warning', "a lone surrogate (half of a UTF-16 pair, '\\\\ud800') in 'text', replaced with U+FFFD")], \
'bad \\ufffd value')
>>> check_records([{"_line": 1, "text": float("inf")}])
[(1, 'skipped', "the text is the number inf, not words: a JSON 'Infinity' or 'NaN' is not an article")]
"""

from __future__ import annotations

import math
import os
import re

import pandas as pd

_SURROGATE = re.compile("[\ud800-\udfff]")
# How JSON writes one: decoding bytes never makes a lone surrogate, only a JSON escape can.
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def has_surrogates(s: str) -> bool:
    return _SURROGATE.search(s) is not None


def shown_path(path) -> str:
    """A path as text that can be written anywhere: bytes that are not UTF-8 escaped as ``\\xe9``."""
    s = str(path)
    if _SURROGATE.search(s) is None:
        return s
    return os.fsencode(s).decode("utf-8", "backslashreplace")


def shown_text(s: str) -> str:
    """Text for the load report: a lone surrogate written as its escape (``\\ud800``)."""
    if _SURROGATE.search(s) is None:
        return s
    return _SURROGATE.sub(lambda m: m.group().encode("unicode_escape").decode(), s)


def _scrub(value, found: list):
    """``value`` with lone surrogates replaced (in strings, and in lists and dicts of them)."""
    if isinstance(value, str):
        m = _SURROGATE.search(value)
        if m is None:
            return value
        found.append(m.group().encode("unicode_escape").decode())
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_scrub(v, found) for v in value]
    if isinstance(value, dict):
        return {_scrub(k, found): _scrub(v, found) for k, v in value.items()}
    return value


def _non_finite(value) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, list):
        return any(_non_finite(v) for v in value)
    return False


def may_hold_surrogates(fmt: str, text: str) -> bool:
    """Whether records read from ``text`` in format ``fmt`` can hold a lone surrogate (worth a look at each value)."""
    return fmt not in ("text", "csv", "tsv") and (fmt == "html" or _ESCAPED_SURROGATE.search(text) is not None)


def check_records(records: list[dict], scan: bool = True) -> list[tuple]:
    """Fix or refuse values that would break the table; problems as ``(line, status, reason)``.

    Records refused (their text is a number that is not finite) are removed from ``records``;
    ``scan=False`` skips the look for lone surrogates (see :func:`may_hold_surrogates`).
    """
    problems, kept = [], []
    for rec in records:
        line = rec.get("_line")
        text = rec.get("text")
        if _non_finite(text):
            shown = text if isinstance(text, float) else "in a list"
            problems.append((line, "skipped", f"the text is the number {shown}, not words: a JSON 'Infinity' or "
                                              "'NaN' is not an article"))
            continue
        for key in list(rec) if scan else ():
            if key.startswith("_"):
                continue
            found: list = []
            value = _scrub(rec[key], found)
            new_key = _scrub(key, found)
            if found:
                if new_key != key:
                    del rec[key]
                rec[new_key] = value
                problems.append((line, "warning", f"a lone surrogate (half of a UTF-16 pair, '{found[0]}') in "
                                                  f"'{new_key}', replaced with U+FFFD"))
        kept.append(rec)
    records[:] = kept
    return problems


# pandas holds dates from 1677-09-21 to 2262-04-11 in the articles table (nanoseconds).
DATE_RANGE = f"{pd.Timestamp.min.date()} to {pd.Timestamp.max.date()}"


def in_table_range(ts) -> bool:
    """Whether ``ts`` fits the ``date`` column (pandas' nanosecond range); NaT and None do."""
    if ts is None or ts is pd.NaT:
        return True
    try:
        pd.Timestamp(ts).as_unit("ns")
    except (ValueError, OverflowError, TypeError):
        return False
    return True


def contain_dates(rows: list[dict], report) -> None:
    """Rows whose date the table cannot hold are left undated, with a report row saying why."""
    for row in rows:
        ts = row.get("date")
        if in_table_range(ts):
            continue
        shown = str(ts)
        row["date"], row["date_source"] = pd.NaT, "unknown"
        row["date_evidence"] = f"{shown} is outside the dates the table can hold ({DATE_RANGE}); left undated"
        row["flags"] = [f for f in row["flags"] if f != "date_inferred"] + ["undated"]
        report.note(row["source_path"], row.get("source_line"), f"the date {shown} is outside the dates the table "
                    f"can hold ({DATE_RANGE}); the article is left undated")
