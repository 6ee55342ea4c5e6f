"""From files to article rows: read each file's records, parse and clean each article, settle dates, ids and flags."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from ..text.languages import detect_language, language_info, load_detector
from .cleaning import line_key
from .dates import resolve_year
from .decoding import NotText, decode_bytes
from .discover import relative_id
from .formats import read_html_text, read_json_text, read_jsonl_text, read_table_text
from .limits import Limits, TooLarge, check_limits, long_line, read_limited
from .load_report import ReportBuilder
from .parsing import parse_article
from .text_checks import check_text
from .values import check_records, may_hold_surrogates, shown_path
from .word_counts import is_short_text, n_words

# The articles table, in this column order; tables keep their other columns after these.
COLUMNS = [
    "doc_id", "title", "text", "outlet", "byline", "dateline", "agency", "date", "date_utc", "date_source",
    "date_evidence",
    "url", "section", "n_words", "language", "language_confidence", "language_evidence", "flags", "outlet_evidence",
    "source_path", "source_line", "source_format", "encoding", "raw_text", "removed_lines",
]
# An export's own language column gives the language (not detected over): its name, as written in the file.
# A "lang" column also stays as it is; a "language" column's value is kept in language_evidence when recoded.
LANGUAGE_KEYS = ("language", "lang")


def read_file(path: Path, root: Path, fmt: str, gz: bool, report: ReportBuilder, columns: dict | None = None,
              limits: Limits | None = None):
    """Raw records of one file: dicts with at least ``text``; problems go to ``report``.

    ``columns``: the columns named by the user (:func:`corpus_tools.io.columns.check_columns`);
    ``limits``: see :mod:`corpus_tools.io.limits` (a file over one is reported, not read).
    """
    limits = limits or check_limits()
    try:
        data = read_limited(path, gz, limits)
    except TooLarge as e:
        report.add(path, "skipped", f"not read: {e}")
        return [], []
    except (OSError, EOFError) as e:
        report.add(path, "skipped", f"cannot be read ({getattr(e, 'strerror', None) or e})")
        return [], []
    if fmt in ("text", "csv", "tsv", "jsonl") and (why := long_line(data, limits)):
        report.add(path, "skipped", why)
        return [], []
    try:
        decoded = decode_bytes(data)
    except NotText as e:
        report.add(path, "skipped", str(e))
        return [], []
    warnings_ = list(decoded.warnings)
    base = {"_encoding": decoded.encoding, "_flags": list(decoded.flags), "_format": fmt + (".gz" if gz else "")}
    rid = shown_path(relative_id(path, root))
    if fmt == "text":
        records = [{"_line": None, "text": decoded.text, "_id": rid, "_columns": {}}]
        problems = []
    elif fmt in ("csv", "tsv"):
        records, problems = read_table_text(decoded.text, str(path), delimiter="\t" if fmt == "tsv" else None,
                                            columns=columns)
    elif fmt == "jsonl":
        records, problems = read_jsonl_text(decoded.text, str(path), columns=columns, max_depth=limits.json_depth)
    elif fmt == "json":
        records, problems = read_json_text(decoded.text, str(path), columns=columns, max_depth=limits.json_depth)
    else:
        records, problems = read_html_text(decoded.text, str(path))
        for r in records:
            r["_id"] = rid
    # Lone surrogates replaced, numbers as text refused.
    problems = list(problems) + check_records(records, scan=may_hold_surrogates(fmt, decoded.text))
    for r in records:
        r.update(base, _flags=list(decoded.flags), _single=len(records) == 1)
        r.setdefault("_id", f"{rid}:{r['_line']}")
    return records, warnings_ + problems


def as_text(v) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, (list, tuple)):
        return ", ".join(as_text(x) for x in v)
    return str(v)


# From this many articles, cleaning runs on every core (see corpus_tools.core.parallel).
PARALLEL_MIN_ARTICLES = 2000


def build_rows(records, repeats, show: bool) -> list[dict]:
    """:func:`_build_row` for every record, on every core for large corpora, with one progress bar."""
    from tqdm.auto import tqdm

    from ..core.parallel import advance, map_chunks, n_cores

    cores = n_cores() if len(records) >= PARALLEL_MIN_ARTICLES else 1
    if cores > 1:
        load_detector()  # loaded once before the workers fork, not once in each
    bar = tqdm(total=len(records), desc="Cleaning articles", unit="article", disable=not show)
    # Interleaved parts: long and short articles spread evenly.
    parts = [list(range(k, len(records), cores)) for k in range(cores)]

    def build(part):
        out = []
        for n, i in enumerate(part, 1):
            try:
                out.append(_build_row(*records[i], repeats))
            except Exception as e:  # one article that cannot be processed must not stop the others
                rec, path = records[i]
                out.append({"_failed": f"{type(e).__name__}: {str(e)[:200]}", "source_path": shown_path(path),
                            "source_line": rec.get("_line")})
            if n % 200 == 0:
                advance(bar, 200)
        return out

    try:
        built = map_chunks(build, parts, parallel=cores > 1)
    finally:
        bar.update(bar.total - bar.n)
        bar.close()
    rows = [None] * len(records)
    for part, part_rows in zip(parts, built):
        for i, row in zip(part, part_rows):
            rows[i] = row
    return rows


# News APIs (NewsAPI's "content") cut the text and say how much is missing: "... [+2345 chars]".
_CUT_MARK = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\s*\d[\d,]*\s*(?:chars?|characters)\]\s*\Z", re.IGNORECASE)


def _build_row(rec: dict, path: Path, corpus_repeats) -> dict:
    raw = as_text(rec.get("text"))
    cut = _CUT_MARK.search(raw) if "[+" in raw else None  # the regex tries every space of the text
    if cut:  # the marker is not the article's words; the flag keeps the fact that the text is incomplete
        raw = raw[:cut.start()].rstrip() + " …"
    clean, char_flags, char_details = check_text(raw)  # control characters out of the text; raw_text keeps them
    title_given = as_text(rec.get("title")).strip() or None
    is_text_file = rec["_format"].startswith("text")
    headline = bool(rec.get("_headline"))
    # The text normalized while looking for repeated lines, if that is still the text to parse.
    normalized = rec.get("_normalized") if clean == as_text(rec.get("text")) else None
    art = parse_article(clean, title=title_given, corpus_repeats=corpus_repeats, find_title=is_text_file,
                        headline=headline, normalized=normalized)
    title = art.title
    if title and rec["_format"].startswith("text") and path.suffix.lower() in (".md", ".markdown"):
        title = title.lstrip("#").strip()
    cols = rec.get("_columns", {})
    flags = list(rec.get("_flags", [])) + art.flags + char_flags
    if not is_text_file and not title_given and "no_title" not in flags:
        flags.append("no_title")
    if headline:
        flags.append("headline_only")
    if cut:
        flags.append("truncated")
    outlet = as_text(rec.get("outlet")).strip()
    outlet_evidence = f"column '{cols['outlet']}'" if outlet and "outlet" in cols else None
    if not outlet and art.outlet:
        outlet, outlet_evidence = art.outlet, f"text: {art.outlet_evidence}"
    byline = as_text(rec.get("byline")).strip() or art.byline
    language, confidence, language_evidence = _language(rec, art.text or title or "")
    row = {
        "doc_id": as_text(rec.get("doc_id")).strip() or rec["_id"],
        "title": title,
        "text": art.text,
        "outlet": outlet or None,
        "byline": byline,
        "dateline": art.dateline,
        "agency": art.agency,
        "url": as_text(rec.get("url")).strip() or None,
        "section": art.section,
        "n_words": n_words(art.text),
        "language": language,
        "language_confidence": confidence,
        "language_evidence": language_evidence,
        "flags": flags,
        "outlet_evidence": outlet_evidence,
        "source_path": shown_path(path),
        "source_line": rec.get("_line"),
        "source_format": rec["_format"],
        "encoding": rec["_encoding"],
        "raw_text": raw,
        "removed_lines": art.removed,
        "_characters": char_details,
        "_date_value": rec.get("date"),
        "_date_column": cols.get("date"),
        # One date format per column: of a table file, or of the same field across one-article files.
        "_date_group": (rec["_format"],) if rec.get("_single") else (str(path),),
        "_mention": art.date_mention,
        "_mention_context": art.date_context,
        "_weekday_only": art.weekday_only,
    }
    if rec.get("_undated"):  # an HTML page that is no article, or shows no date: never one from its body
        row.update(date=pd.NaT, date_source="unknown", date_evidence=rec["_undated"])
    for k, v in rec.items():
        if not k.startswith("_") and k not in ("text", "title", "outlet", "url", "byline", "date", "doc_id",
                                               "language"):
            row[k if k not in COLUMNS else f"{k}_original"] = v
    return row


def _language(rec: dict, text: str) -> tuple[str, float, str]:
    """The export's own language value (a name or code the package knows as its code), else the one detected."""
    for key in LANGUAGE_KEYS:
        given = as_text(rec.get(key)).strip()
        if given:  # a name or code the package knows is written as its code ("Russian", "ru-RU": ru)
            info = language_info(given)
            code = info["language"] if info else given
            return code, float("nan"), f"column '{key}'" + (f" ('{given}')" if code != given else "")
    return detect_language(text)


def resolve_dates(rows: list[dict], reference_date) -> None:
    """Fill ``date``/``date_source``/``date_evidence`` from the text for rows without a metadata date."""
    pending = []
    for row in rows:
        m = row.pop("_mention", None)
        ctx = row.pop("_mention_context", None)
        wd = row.pop("_weekday_only", None)
        if row.get("date_source") in ("metadata", "unknown"):
            continue  # a date from the metadata, or a metadata date that could not be read: never the text's
        if m is not None and m.year is not None:
            row["date"], row["date_source"] = m.timestamp(), "text"
            row["date_evidence"] = f"'{m.text}' in: {ctx}"
        elif m is not None:
            pending.append((row, m, ctx))
        else:
            row["date"], row["date_source"] = pd.NaT, "unknown"
            why = f"no date in the text (only '{wd}')" if wd else "no date in the metadata or the text"
            if "headline_only" in row["flags"]:
                why = "no date in the metadata (headlines are not searched for dates)"
            row["date_evidence"] = why
    anchors = [(r["doc_id"], r["date"]) for r in rows if r.get("date_source") in ("metadata", "text")]
    # A weekday pins the year more firmly than proximity, so those go first and then serve as anchors.
    pending.sort(key=lambda t: t[1].weekday is None)
    for row, m, ctx in pending:
        ts, why = resolve_year(m, corpus_dates=anchors, reference_date=reference_date)
        if ts is None:
            row["date"], row["date_source"], row["date_evidence"] = pd.NaT, "unknown", why
            row["flags"].append("date_without_year")
        else:
            row["date"], row["date_source"], row["date_evidence"] = ts, "inferred", f"{why} — in: {ctx}"
            row["flags"].append("date_inferred")
            if m.weekday is not None:
                anchors.append((row["doc_id"], ts))
    for row in rows:
        if pd.isna(row.get("date")):
            row["flags"].append("undated")


def mark_duplicates(rows: list[dict], report: ReportBuilder) -> None:
    first: dict[str, str] = {}
    for r in rows:
        if r["n_words"] < 20:
            continue
        h = hashlib.blake2b(line_key(r["text"]).encode(), digest_size=16).hexdigest()
        if h in first:
            r["flags"].append("duplicate")
            report.note(r["source_path"], r["source_line"], f"same text as {first[h]} (kept, flagged 'duplicate')")
        else:
            first[h] = r["doc_id"]


def unique_ids(rows: list[dict]) -> list[tuple[dict, str]]:
    """Give each row its own doc_id (a repeated id gets ``~2``, ``~3``, ...); the renamed rows, with their old id."""
    seen: dict[str, int] = {}
    renamed = []
    for r in rows:
        base = r["doc_id"]
        if base in seen:
            seen[base] += 1
            r["doc_id"] = f"{base}~{seen[base]}"
            renamed.append((r, base))
        else:
            seen[base] = 1
    return renamed


def finish_flags(row: dict) -> None:
    if row["outlet"] is None:
        row["outlet"] = "unknown"
        row["outlet_evidence"] = "no outlet in the metadata or the text"
        row["flags"].append("no_outlet")
    # < 50 words, or < 100 characters of text mostly in Chinese, Japanese, Thai...; short is what a headline is
    if row["n_words"] > 0 and "headline_only" not in row["flags"] and is_short_text(row["text"], row["n_words"]):
        row["flags"].append("short_text")
    row["flags"] = list(dict.fromkeys(row["flags"]))


def articles_frame(rows: list[dict]) -> pd.DataFrame:
    extra = [c for r in rows for c in r if c not in COLUMNS and not c.startswith("_")]
    extra = list(dict.fromkeys(extra))
    df = pd.DataFrame(rows, columns=COLUMNS + extra)
    for col in ("date", "date_utc"):
        df[col] = pd.to_datetime(df[col]).astype("datetime64[ns]")
    df["n_words"] = df["n_words"].astype("int64")
    df["language_confidence"] = df["language_confidence"].astype("float64")
    df["source_line"] = df["source_line"].astype("Int64")
    for col in ("doc_id", "title", "text", "outlet", "byline", "dateline", "agency", "date_source", "date_evidence",
                "url", "section", "language", "language_evidence", "outlet_evidence", "source_path", "source_format",
                "encoding", "raw_text"):
        df[col] = df[col].astype("str")
    return df


