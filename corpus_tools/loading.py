"""Reading a pile of news articles into one articles table, accounting for every file.

>>> articles = load_sample()
>>> len(articles), sorted(articles["outlet"].unique())[:3]
(5, ['AP', 'Kontur', 'TASS'])
>>> articles.attrs["load_report"]["status"].value_counts().to_dict()
{'loaded': 5}
"""

from __future__ import annotations

import glob as _glob
import gzip
import hashlib
import json
import os
import stat
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .cleaning import find_corpus_repeats, line_key, n_words, normalize_text
from .dates import parse_date_value, resolve_year
from .decoding import NotText, decode_bytes
from .formats import read_html_text, read_json_text, read_jsonl_text, read_table_text
from .parsing import parse_article

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sample"

FORMATS = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".parquet": "parquet",
}
# The articles table, in this column order; tables keep their other columns after these.
COLUMNS = [
    "doc_id", "title", "text", "outlet", "byline", "dateline", "agency", "date", "date_source", "date_evidence",
    "url", "section", "n_words", "flags", "outlet_evidence", "source_path", "source_line", "source_format",
    "encoding", "raw_text", "removed_lines",
]
REPORT_COLUMNS = ["path", "line", "status", "reason", "n_articles"]
_NOT_ARTICLES = ("readme", "license", "licence", "changelog", "copying", "authors")


class CorpusLoadError(ValueError):
    """A problem in the input, raised at once with ``errors="raise"``; names the file and line."""


class LoadWarning(UserWarning):
    """Some files were skipped or loaded with warnings; the load report has the details."""


class LoadReport(pd.DataFrame):
    """The load report: one row per file, and per problem row of a table file.

    A DataFrame whose ``==`` against another DataFrame answers True/False, so that
    pandas can compare the ``attrs`` of two articles tables (in ``pd.concat``).
    """

    @property
    def _constructor(self):
        return LoadReport

    def __eq__(self, other):
        if isinstance(other, pd.DataFrame):
            return bool(self.shape == other.shape and self.equals(other))
        return super().__eq__(other)

    __hash__ = None


@dataclass
class _Report:
    errors: str
    rows: list = field(default_factory=list)
    # The first row of each file (line None), so a note finds it at once in a corpus of 100k files.
    file_rows: dict = field(default_factory=dict)

    def add(self, path, status, reason="", line=None, n_articles=0):
        if self.errors == "raise" and status != "loaded":
            where = f"{path}" + (f", line {line}" if line is not None else "")
            raise CorpusLoadError(f"{where}: {reason}")
        row = {"path": str(path), "line": line, "status": status, "reason": reason, "n_articles": n_articles}
        self.rows.append(row)
        if line is None:
            self.file_rows.setdefault(str(path), row)

    def has_file_row(self, path) -> bool:
        return str(path) in self.file_rows

    def note(self, path, line, reason):
        """A warning about one article: on its table row, or on its file's row for a text file."""
        row = self.file_rows.get(str(path)) if line is None else None
        if row is not None:
            if self.errors == "raise":
                raise CorpusLoadError(f"{path}: {reason}")
            row["status"] = "loaded_with_warnings"
            row["reason"] = "; ".join(x for x in (row["reason"], reason) if x)
            return
        self.add(path, "loaded_with_warnings", reason, line=line)

    def frame(self) -> LoadReport:
        df = pd.DataFrame(self.rows, columns=REPORT_COLUMNS)
        df["line"] = df["line"].astype("Int64")
        df["n_articles"] = df["n_articles"].astype("int64")
        return LoadReport(df)


# --- finding files -----------------------------------------------------------------------------
def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _special_kind(mode: int) -> str | None:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if not stat.S_ISREG(mode):
        return "not a regular file"
    return None


def _walk(root: Path, report: _Report):
    """Files below ``root``, never leaving it: links out of it, loops and special files are reported."""
    root_real = os.path.realpath(root)
    seen_dirs = {root_real}
    stack = [root]
    while stack:
        d = stack.pop()
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name, reverse=True)
        except OSError as e:
            report.add(d, "skipped", f"folder cannot be read ({e.strerror})")
            continue
        subdirs = []
        for e in reversed(entries):
            p = Path(e.path)
            if e.name.startswith("."):
                if e.name not in (".DS_Store", ".ipynb_checkpoints", ".git"):
                    report.add(p, "skipped", "hidden file or folder (name starts with '.'); pass it by name to read it")
                continue
            try:
                if e.is_symlink():
                    target = os.path.realpath(e.path)
                    if not _inside(target, root_real):
                        report.add(p, "skipped", f"a link to {target}, outside the folder you named; not followed")
                        continue
                    if os.path.isdir(target):
                        if target in seen_dirs:
                            report.add(p, "skipped", "a link back to a folder already read (a loop); not followed")
                        else:
                            seen_dirs.add(target)
                            subdirs.append(p)
                        continue
                    if os.path.isfile(target):
                        report.add(p, "skipped", f"a link to {os.path.relpath(target, root_real)} in the same folder, "
                                                 "which is read under its own name")
                        continue
                    mode = os.stat(target).st_mode
                elif e.is_dir(follow_symlinks=False):
                    real = os.path.realpath(e.path)
                    if real not in seen_dirs:
                        seen_dirs.add(real)
                        subdirs.append(p)
                    continue
                else:
                    mode = e.stat(follow_symlinks=False).st_mode
            except OSError as err:
                report.add(p, "skipped", f"cannot be read ({err.strerror})")
                continue
            kind = _special_kind(mode)
            if kind:
                report.add(p, "skipped", f"{kind}, not a file; not read")
                continue
            yield p, root, False
        stack.extend(reversed(subdirs))


def _regular_file(p: Path, root: Path, named: bool, report: _Report):
    """Yield ``(p, root, named)`` if p is a regular file; report pipes, devices and unreadable paths."""
    try:
        kind = _special_kind(os.stat(p).st_mode)
    except OSError as e:
        report.add(p, "skipped", f"cannot be read ({e.strerror})")
        return
    if kind:
        report.add(p, "skipped", f"{kind}, not a file; not read")
    else:
        yield p, root, named


def _expand(source, report: _Report):
    """(path, root, named) for a folder, a file, a glob or a list of these; named: the user named this file."""
    if isinstance(source, (list, tuple)):
        for s in source:
            yield from _expand(s, report)
        return
    text = os.fspath(source)
    p = Path(text).expanduser()
    if any(ch in text for ch in "*?[") and not p.exists():
        matches = sorted(_glob.glob(str(p), recursive=True))
        base = Path(_glob.escape(str(p)).split("*")[0].split("?")[0].split("[")[0])
        root = base if base.is_dir() else base.parent
        if not matches:
            raise FileNotFoundError(f"No file matches {text!r}. Check the pattern and the folder it starts in.")
        walked: list[str] = []
        plain = {os.path.realpath(m) for m in matches if not os.path.islink(m)}
        for m in matches:
            mp = Path(m)
            if mp.is_symlink() and os.path.realpath(mp) in plain and os.path.isfile(mp):
                report.add(mp, "skipped", f"a link to {os.path.relpath(os.path.realpath(mp), os.path.realpath(root))} "
                                          "in the same folder, which is read under its own name")
                continue
            if any(_inside(os.path.normpath(mp), w) for w in walked):
                continue  # read already, with the folder above it that a '**' pattern also matched
            if not _inside(os.path.realpath(mp), os.path.realpath(root)):
                report.add(mp, "skipped", "a link outside the folder of the pattern; not followed")
            elif mp.is_dir():
                walked.append(os.path.normpath(mp))
                yield from _walk(mp, report)
            else:
                yield from _regular_file(mp, root, False, report)
        return
    if p.is_dir():
        yield from _walk(p, report)
    elif p.exists() or p.is_symlink():
        yield from _regular_file(p, p.parent, True, report)
    else:
        raise FileNotFoundError(f"No such file or folder: {text!r} (looked in {Path.cwd()}).")


def _format_of(path: Path) -> tuple[str | None, bool]:
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    ext = suffixes[-2] if gz and len(suffixes) > 1 else (suffixes[-1] if suffixes else "")
    return FORMATS.get(ext), gz


# --- building rows ------------------------------------------------------------------------------
def _rel_id(path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = Path(path.name)
    name = rel.as_posix()
    for suffix in (".gz",) + tuple(FORMATS):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


def _read_file(path: Path, root: Path, fmt: str, gz: bool, report: _Report):
    """Raw records of one file: dicts with at least ``text``; problems go to ``report``."""
    try:
        data = path.read_bytes()
        if gz:
            data = gzip.decompress(data)
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        report.add(path, "skipped", f"cannot be read ({getattr(e, 'strerror', None) or e})")
        return [], []
    try:
        decoded = decode_bytes(data)
    except NotText as e:
        report.add(path, "skipped", str(e))
        return [], []
    warnings_ = list(decoded.warnings)
    base = {"_encoding": decoded.encoding, "_flags": list(decoded.flags), "_format": fmt + (".gz" if gz else "")}
    rid = _rel_id(path, root)
    if fmt == "text":
        records = [{"_line": None, "text": decoded.text, "_id": rid, "_columns": {}}]
        problems = []
    elif fmt in ("csv", "tsv"):
        records, problems = read_table_text(decoded.text, str(path), delimiter="\t" if fmt == "tsv" else None)
    elif fmt == "jsonl":
        records, problems = read_jsonl_text(decoded.text, str(path))
    elif fmt == "json":
        records, problems = read_json_text(decoded.text, str(path))
    else:
        records, problems = read_html_text(decoded.text, str(path))
        for r in records:
            r["_id"] = rid
    for r in records:
        r.update(base, _flags=list(decoded.flags))
        r.setdefault("_id", f"{rid}:{r['_line']}")
    return records, warnings_ + [p for p in problems]


def _str(v) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, (list, tuple)):
        return ", ".join(_str(x) for x in v)
    return str(v)


# From this many articles, cleaning runs on every core (see corpus_tools.parallel).
PARALLEL_MIN_ARTICLES = 2000


def _build_rows(records, repeats, show: bool) -> list[dict]:
    """:func:`_build_row` for every record, on every core for large corpora, with one progress bar."""
    from tqdm.auto import tqdm

    from .parallel import map_chunks, n_cores

    cores = n_cores() if len(records) >= PARALLEL_MIN_ARTICLES else 1
    bar = tqdm(total=len(records), desc="Cleaning articles", unit="article", disable=not show)
    # Interleaved parts: long and short articles spread evenly; the bar moves with part 0 (this process).
    parts = [list(range(k, len(records), cores)) for k in range(cores)]

    def build(job):
        k, part = job
        out = []
        for n, i in enumerate(part, 1):
            out.append(_build_row(*records[i], repeats))
            if k == 0 and n % 200 == 0:
                bar.update(200 * cores)
        return out

    try:
        built = map_chunks(build, list(enumerate(parts)), parallel=cores > 1)
    finally:
        bar.update(bar.total - bar.n)
        bar.close()
    rows = [None] * len(records)
    for part, part_rows in zip(parts, built):
        for i, row in zip(part, part_rows):
            rows[i] = row
    return rows


def _build_row(rec: dict, path: Path, corpus_repeats) -> dict:
    raw = _str(rec.get("text"))
    title_given = _str(rec.get("title")).strip() or None
    is_text_file = rec["_format"].startswith("text")
    art = parse_article(raw, title=title_given, corpus_repeats=corpus_repeats, find_title=is_text_file)
    title = art.title
    if title and rec["_format"].startswith("text") and path.suffix.lower() in (".md", ".markdown"):
        title = title.lstrip("#").strip()
    cols = rec.get("_columns", {})
    flags = list(rec.get("_flags", [])) + art.flags
    if not is_text_file and not title_given and "no_title" not in flags:
        flags.append("no_title")
    outlet = _str(rec.get("outlet")).strip()
    outlet_evidence = f"column '{cols['outlet']}'" if outlet and "outlet" in cols else None
    if not outlet and art.outlet:
        outlet, outlet_evidence = art.outlet, f"text: {art.outlet_evidence}"
    byline = _str(rec.get("byline")).strip() or art.byline
    row = {
        "doc_id": _str(rec.get("doc_id")).strip() or rec["_id"],
        "title": title,
        "text": art.text,
        "outlet": outlet or None,
        "byline": byline,
        "dateline": art.dateline,
        "agency": art.agency,
        "url": _str(rec.get("url")).strip() or None,
        "section": art.section,
        "n_words": n_words(art.text),
        "flags": flags,
        "outlet_evidence": outlet_evidence,
        "source_path": str(path),
        "source_line": rec.get("_line"),
        "source_format": rec["_format"],
        "encoding": rec["_encoding"],
        "raw_text": raw,
        "removed_lines": art.removed,
        "_date_value": rec.get("date"),
        "_date_column": cols.get("date"),
        "_mention": art.date_mention,
        "_mention_context": art.date_context,
        "_weekday_only": art.weekday_only,
    }
    for k, v in rec.items():
        if not k.startswith("_") and k not in ("text", "title", "outlet", "url", "byline", "date", "doc_id"):
            row[k if k not in COLUMNS else f"{k}_original"] = v
    return row


def _date_from_metadata(row: dict, where: str, report: _Report) -> bool:
    value = row.pop("_date_value", None)
    column = row.pop("_date_column", None)
    if value is None or _str(value).strip() == "":
        return False
    ts, problem = parse_date_value(value)
    if problem:
        report.note(where, row["source_line"], f"date {problem}; looked in the text instead")
        row["_date_problem"] = f"the {column or 'date'} field held {problem.split(' ', 1)[0]}, which is not a usable date"
        return False
    row["date"], row["date_source"] = ts, "metadata"
    row["date_evidence"] = f"{column or 'date'}: '{_str(value).strip()}'"
    return True


def _resolve_dates(rows: list[dict], reference_date) -> None:
    """Fill ``date``/``date_source``/``date_evidence`` from the text for rows without a metadata date."""
    pending = []
    for row in rows:
        m = row.pop("_mention", None)
        ctx = row.pop("_mention_context", None)
        wd = row.pop("_weekday_only", None)
        if row.get("date_source") == "metadata":
            continue
        if m is not None and m.year is not None:
            row["date"], row["date_source"] = m.timestamp(), "text"
            row["date_evidence"] = f"'{m.text}' in: {ctx}"
        elif m is not None:
            pending.append((row, m, ctx))
        else:
            row["date"], row["date_source"] = pd.NaT, "unknown"
            why = f"no date in the text (only '{wd}')" if wd else "no date in the metadata or the text"
            row["date_evidence"] = "; ".join(x for x in (row.pop("_date_problem", None), why) if x)
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
        row.pop("_date_problem", None)
        if pd.isna(row.get("date")):
            row["flags"].append("undated")


def _apply_metadata(rows: list[dict], metadata, report: _Report, roots: list[Path]) -> None:
    """Override or add columns from a side file keyed by doc_id, file name or path."""
    mpath = Path(metadata)
    if not mpath.is_file():
        raise FileNotFoundError(f"No such metadata file: {str(metadata)!r}")
    fmt, gz = _format_of(mpath)
    data = mpath.read_bytes()
    text = decode_bytes(gzip.decompress(data) if gz else data).text
    if fmt in ("csv", "tsv"):
        recs, problems = read_table_text(text, str(mpath), delimiter="\t" if fmt == "tsv" else None, need_text=False)
    elif fmt == "jsonl":
        recs, problems = read_jsonl_text(text, str(mpath), need_text=False)
    elif fmt == "json":
        recs, problems = read_json_text(text, str(mpath), need_text=False)
    else:
        raise ValueError(f"The metadata file must be CSV, TSV, JSON or JSON Lines, not {mpath.suffix!r}.")
    for line, status, reason in problems:
        report.add(mpath, "loaded_with_warnings" if status == "warning" else "skipped", reason, line=line)
    index: dict[str, list[dict]] = {}
    for r in rows:
        p = Path(r["source_path"])
        keys = {r["doc_id"], p.name, p.stem, r["source_path"]}
        for root in roots:
            try:
                keys.add(p.relative_to(root).as_posix())
            except ValueError:
                pass
        for k in keys:
            index.setdefault(k.lower(), []).append(r)
    key_names = ("doc_id", "file", "filename", "file_name", "path", "source_path", "name")
    root_reals = [os.path.realpath(r) for r in roots]
    matched = 0
    for rec in recs:
        key_col = next((k for k in key_names if _str(rec.get(k)).strip()), None)
        if key_col is None:
            report.add(mpath, "skipped", f"metadata row has no key (one of {', '.join(key_names)})", line=rec["_line"])
            continue
        key = _str(rec[key_col]).strip().replace("\\", "/")
        if key_col in ("file", "filename", "file_name", "path", "source_path", "name") and (
            key.startswith("/") or ".." in Path(key).parts
        ):
            resolved = [os.path.realpath(os.path.join(r, key)) for r in roots]
            if not any(_inside(t, rr) for t in resolved for rr in root_reals):
                report.add(mpath, "skipped", f"metadata row points outside the corpus folder ({key!r}); ignored",
                           line=rec["_line"])
                continue
        targets = index.get(key.lower()) or index.get(Path(key).name.lower())
        if not targets:
            report.add(mpath, "skipped", f"metadata row for {key!r} matches no article", line=rec["_line"])
            continue
        matched += 1
        for row in targets:
            for k, v in rec.items():
                if k.startswith("_") or k == key_col:
                    continue
                if k == "date":
                    if _str(v).strip():
                        row["_date_value"], row["_date_column"] = v, f"metadata file {mpath.name}, column date"
                        row["date_source"] = None
                elif k == "outlet":
                    if _str(v).strip():
                        row["outlet"], row["outlet_evidence"] = _str(v).strip(), f"metadata file {mpath.name}"
                elif k in ("title", "byline", "url"):
                    if _str(v).strip():
                        row[k] = _str(v).strip()
                elif k == "text":
                    continue
                else:
                    row[k] = v
    report.add(mpath, "loaded", f"metadata for {matched} of {len(recs)} rows applied", n_articles=0)


def _mark_duplicates(rows: list[dict], report: _Report) -> None:
    first: dict[str, str] = {}
    for r in rows:
        if n_words(r["text"]) < 20:
            continue
        h = hashlib.blake2b(line_key(r["text"]).encode(), digest_size=16).hexdigest()
        if h in first:
            r["flags"].append("duplicate")
            report.note(r["source_path"], r["source_line"], f"same text as {first[h]} (kept, flagged 'duplicate')")
        else:
            first[h] = r["doc_id"]


def _unique_ids(rows: list[dict]) -> None:
    seen: dict[str, int] = {}
    for r in rows:
        base = r["doc_id"]
        if base in seen:
            seen[base] += 1
            r["doc_id"] = f"{base}~{seen[base]}"
        else:
            seen[base] = 1


def _finish_flags(row: dict) -> None:
    if row["outlet"] is None:
        row["outlet"] = "unknown"
        row["outlet_evidence"] = "no outlet in the metadata or the text"
        row["flags"].append("no_outlet")
    if 0 < row["n_words"] < 50:
        row["flags"].append("short_text")
    row["flags"] = list(dict.fromkeys(row["flags"]))


def _frame(rows: list[dict]) -> pd.DataFrame:
    extra = [c for r in rows for c in r if c not in COLUMNS and not c.startswith("_")]
    extra = list(dict.fromkeys(extra))
    df = pd.DataFrame(rows, columns=COLUMNS + extra)
    df["date"] = pd.to_datetime(df["date"]).astype("datetime64[ns]")
    df["n_words"] = df["n_words"].astype("int64")
    df["source_line"] = df["source_line"].astype("Int64")
    for col in ("doc_id", "title", "text", "outlet", "byline", "dateline", "agency", "date_source", "date_evidence",
                "url", "section", "outlet_evidence", "source_path", "source_format", "encoding", "raw_text"):
        df[col] = df[col].astype("str")
    return df


def read_articles(
    source,
    *,
    metadata=None,
    errors: str = "report",
    reference_date=None,
    remove_repeated_lines: bool = True,
    progress: bool | None = None,
    cache: bool | None = None,
) -> pd.DataFrame:
    """Read news articles from a folder, file, glob or list of these into one table.

    Formats: ``.txt``/``.md`` (first non-empty line is the title), ``.csv``/``.tsv``,
    ``.jsonl``/``.json`` (NewsAPI-style too), ``.html``/``.htm``, each also ``.gz``, and
    ``.parquet`` files and partitioned folders written by :func:`write_articles`. Folders are read recursively
    without ever leaving the folder named.

    Parameters
    ----------
    metadata : path to a CSV/TSV/JSON(L) side file keyed by ``doc_id``, ``file`` or
        ``path``; its columns override (title, date, outlet, byline, url) or add to
        what was read.
    errors : ``"report"`` (default) records problems in the load report and goes on;
        ``"raise"`` stops at the first problem with :class:`CorpusLoadError`.
    reference_date : a date that places dates written without a year ("November 27").
    remove_repeated_lines : also remove short lines found in many articles (menus, footers).
    cache : keep the table on disk (see :mod:`corpus_tools.cache`) and return it from there
        while no file has changed (same names, sizes and modification times) and the options
        are the same. ``None`` (default) caches corpora of 200 files or 5 MB and more;
        ``False`` always reads the files.

    Returns
    -------
    One row per article with columns ``doc_id`` (the file's path in the folder without
    its extension, or ``file:line`` for table rows), ``title``, ``text`` (clean body),
    ``outlet`` ("unknown" when nothing names it), ``byline``, ``dateline`` (place),
    ``agency`` (wire credit), ``date`` (NaT when unknown), ``date_source`` (metadata /
    text / inferred / unknown), ``date_evidence``, ``url``, ``section``, ``n_words``,
    ``flags`` (list of codes: undated, date_inferred, date_without_year,
    boilerplate_removed, mixed_script, doubled_punctuation, rejoined_lines, no_title,
    no_outlet, short_text, duplicate, encoding_guessed, mixed_encoding,
    decoded_with_replacement, empty_text), ``outlet_evidence``, ``source_path``,
    ``source_line``, ``source_format``, ``encoding``, ``raw_text``, ``removed_lines``
    (list of ``{line, text, reason}``), then any other columns of table files.
    ``articles.attrs["load_report"]`` has one row per file (and per problem row of a
    table): ``path, line, status (loaded / loaded_with_warnings / skipped), reason,
    n_articles``.

    >>> a = read_articles(SAMPLE_DIR / "003_8a265002178ab370.txt", reference_date="2023-12-01")
    >>> a.loc[0, ["outlet", "dateline", "date_source"]].tolist(), str(a.loc[0, "date"].date())
    (['TASS', 'BRUSSELS', 'inferred'], '2023-11-27')
    """
    if errors not in ("report", "raise"):
        raise ValueError(f"errors must be 'report' or 'raise', not {errors!r}")
    if not isinstance(source, (list, tuple)) and is_dataset(source):
        return _read_dataset(source)  # a partitioned corpus comes back as it was, with its own load report
    report = _Report(errors)
    found = list(_expand(source, report))
    roots = list(dict.fromkeys(root for _, root, _ in found))
    meta_real = os.path.realpath(metadata) if metadata is not None else None
    cache_path = _cache_path(found, report, cache, metadata=meta_real, errors=errors, reference_date=reference_date,
                             remove_repeated_lines=remove_repeated_lines)
    if cache_path is not None and cache_path.exists():
        try:
            articles = _read_parquet(cache_path)
        except Exception:  # a half-written or foreign file: read the corpus again
            cache_path.unlink(missing_ok=True)
        else:
            _warn_problems(articles.attrs["load_report"])
            return articles

    saved: list[pd.DataFrame] = []
    records: list[tuple[dict, Path]] = []
    from tqdm.auto import tqdm

    show = progress if progress is not None else len(found) > 500
    seen_files: set[str] = set()
    for path, root, named in tqdm(found, desc="Reading files", unit="file", disable=not show):
        real = os.path.realpath(path)
        if meta_real and real == meta_real:
            continue
        if path.name == MANIFEST and is_dataset(path.parent):
            report.add(path, "loaded", "manifest of a partitioned corpus; its parts are read as saved corpora")
            continue
        if real in seen_files:
            report.add(path, "skipped", "already read (the sources overlap, or a link leads to it)")
            continue
        seen_files.add(real)
        fmt, gz = _format_of(path)
        stem = path.name.lower()
        if fmt is None:
            report.add(path, "skipped", f"not a format this reader knows ({path.suffix or 'no extension'}); "
                                        f"articles are read from {', '.join(sorted(set(FORMATS)))} and their .gz forms")
            continue
        if stem.startswith(_NOT_ARTICLES) and not named:
            report.add(path, "skipped", "looks like a README or licence, not an article; pass it by name to read it")
            continue
        if fmt == "parquet":
            try:
                df = _read_parquet(path)
            except Exception as e:  # a broken parquet must not stop the others
                report.add(path, "skipped", f"cannot be read as a saved corpus ({e})")
                continue
            if len(found) == 1:
                return df  # a saved corpus comes back as it was, with its own load report
            saved.append(df)
            report.add(path, "loaded", f"saved corpus of {len(df)} articles", n_articles=len(df))
            continue
        recs, problems = _read_file(path, root, fmt, gz, report)
        file_warnings = []
        for p in problems:
            if isinstance(p, str):
                file_warnings.append(p)
                continue
            line, status, reason = p
            if line is None:
                if status == "skipped":
                    report.add(path, "skipped", reason)
                else:
                    file_warnings.append(reason)
            else:
                report.add(path, "skipped" if status == "skipped" else "loaded_with_warnings", reason, line=line)
        if not recs:
            if not report.has_file_row(path) and (problems or fmt):
                report.add(path, "skipped", "no articles in this file")
            continue
        n_bad = sum(1 for p in problems if not isinstance(p, str) and p[0] is not None)
        reason = "; ".join(file_warnings)
        if n_bad:
            reason = "; ".join(x for x in (reason, f"{n_bad} row{'s' if n_bad > 1 else ''} with problems (see the rows for this file)") if x)
        report.add(path, "loaded_with_warnings" if reason else "loaded", reason, n_articles=len(recs))
        records.extend((r, path) for r in recs)

    repeats = frozenset()
    if remove_repeated_lines and len(records) >= 3:
        repeats = find_corpus_repeats(normalize_text(_str(r.get("text"))) for r, _ in records)
    rows = _build_rows(records, repeats, progress if progress is not None else len(records) > 2000)
    _unique_ids(rows)
    for row in rows:
        for flag in ("empty_text",):
            if flag in row["flags"]:
                report.note(row["source_path"], row["source_line"], "the article has no text (kept, flagged 'empty_text')")
    if metadata is not None:
        _apply_metadata(rows, metadata, report, roots)
    for row in rows:
        row.setdefault("date_source", None)
        if not _date_from_metadata(row, row["source_path"], report):
            row["date_source"] = None
    _resolve_dates(rows, reference_date)
    _mark_duplicates(rows, report)
    for row in rows:
        _finish_flags(row)
    articles = _frame(rows)
    if saved:
        articles = pd.concat([s for s in saved] + ([articles] if rows else []), ignore_index=True)
    rep = report.frame()
    articles.attrs["load_report"] = rep
    if cache_path is not None:
        try:
            tmp = cache_path.with_suffix(f".{os.getpid()}.tmp")
            write_articles(articles, tmp)
            os.replace(tmp, cache_path)
        except OSError:  # a read-only disk: the cache only saves time
            pass
    _warn_problems(rep)
    return articles


# Corpora this large are read from the cache when nothing has changed.
CACHE_MIN_FILES = 200
CACHE_MIN_BYTES = 5_000_000


def _cache_path(found, report, use, **options) -> Path | None:
    """Where the table read from ``found`` is cached (keyed by every file's name, size and time)."""
    from . import __version__
    from .cache import cache_dir

    if use is False or not found or all(Path(p).suffix.lower() == ".parquet" for p, _, _ in found):
        return None  # a saved corpus is read as fast as a cached one
    stats = []
    total = 0
    for path, root, named in found:
        try:
            st = os.stat(path)
        except OSError:
            return None  # vanished while listing: read it and report it
        total += st.st_size
        stats.append([str(path), str(root), bool(named), st.st_size, st.st_mtime_ns])
    if use is None and len(found) < CACHE_MIN_FILES and total < CACHE_MIN_BYTES:
        return None
    if options.get("metadata"):
        try:
            st = os.stat(options["metadata"])
            options["metadata"] = [options["metadata"], st.st_size, st.st_mtime_ns]
        except OSError:
            pass
    h = hashlib.blake2b(digest_size=20)
    h.update(json.dumps([__version__, stats, report.rows, options], default=str, sort_keys=True).encode())
    return cache_dir() / f"read_articles-{h.hexdigest()}.parquet"


def _warn_problems(rep: pd.DataFrame) -> None:
    problems = rep[rep["status"] != "loaded"]
    if len(problems):
        first = problems.iloc[0]
        warnings.warn(
            f"{(rep['status'] == 'skipped').sum()} skipped and {(rep['status'] == 'loaded_with_warnings').sum()} "
            f"loaded with warnings (files or rows); see articles.attrs['load_report']. First: {first['path']}"
            + (f", line {first['line']}" if pd.notna(first["line"]) else "") + f": {first['reason']}",
            LoadWarning, stacklevel=3,
        )


def load_sample(**kwargs) -> pd.DataFrame:
    """The bundled sample: five articles on Stoltenberg's remarks on Ukraine (Nov 2023 / Jun 2024).

    >>> load_sample()["doc_id"].tolist()[:2]
    ['000_d3c851319a9cef4d', '001_24a78b3d7f73cc16']
    """
    return read_articles(SAMPLE_DIR, **kwargs)


# --- saving ------------------------------------------------------------------------------------
_META_KEY = b"corpus_tools"


# A partitioned corpus is a folder of part-NNNNN.parquet files and this manifest.
MANIFEST = "_corpus_tools.json"
ROWS_PER_FILE = 50_000


def write_articles(articles: pd.DataFrame, path, *, partitioned: bool = False,
                   rows_per_file: int = ROWS_PER_FILE) -> Path:
    """Save an articles table (with its load report) to Parquet; :func:`read_articles` reads it back.

    ``partitioned=True`` writes a folder instead: ``part-00000.parquet``, ... of at most
    ``rows_per_file`` articles each, in table order, plus ``_corpus_tools.json`` (the load
    report and the list of parts). :func:`read_articles` on the folder gives back the
    same table; :func:`corpus_tools.dask.read_articles` opens it lazily, one partition
    per file, for corpora larger than memory. Parts by row count rather than by outlet
    or year keep the parts of even size (a Dask task each), whatever the corpus.
    Writing a folder replaces an earlier corpus written there.

    >>> import tempfile, os
    >>> p = write_articles(load_sample(), os.path.join(tempfile.mkdtemp(), "corpus.parquet"))
    >>> back = read_articles(p)
    >>> len(back), back.attrs["load_report"]["status"].tolist()[:1]
    (5, ['loaded'])
    >>> folder = os.path.join(tempfile.mkdtemp(), "corpus")
    >>> folder = write_articles(load_sample(), folder, partitioned=True, rows_per_file=2)
    >>> sorted(os.listdir(folder))
    ['_corpus_tools.json', 'part-00000.parquet', 'part-00001.parquet', 'part-00002.parquet']
    >>> read_articles(folder).equals(load_sample())
    True
    """
    report = articles.attrs.get("load_report")
    if not partitioned:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_part(articles, path, json_columns=_json_columns(articles), report=report)
        return path
    if not isinstance(rows_per_file, int) or rows_per_file < 1:
        raise ValueError(f"rows_per_file must be a whole number of at least 1, not {rows_per_file!r}")
    folder = start_dataset(path)
    json_columns = _json_columns(articles)
    parts = []
    for k, a in enumerate(range(0, max(len(articles), 1), rows_per_file)):
        name = part_name(k)
        chunk = articles.iloc[a:a + rows_per_file]
        _write_part(chunk, folder / name, json_columns=json_columns)
        parts.append({"file": name, "n_articles": len(chunk)})
    finish_dataset(folder, parts, report=report, dtypes=articles.dtypes, json_columns=json_columns)
    return folder


def part_name(k: int) -> str:
    return f"part-{k:05d}.parquet"


def start_dataset(path) -> Path:
    """An empty folder for a partitioned corpus (an earlier corpus there is removed, anything else refused)."""
    folder = Path(path)
    if folder.exists():
        if not folder.is_dir():
            raise FileExistsError(f"{folder} is a file; a partitioned corpus is written to a folder.")
        entries = list(folder.iterdir())
        if entries and not (folder / MANIFEST).exists():
            raise FileExistsError(f"{folder} already holds files that are not a saved corpus; "
                                  "choose a new or empty folder.")
        for e in entries:
            if e.name == MANIFEST or (e.name.startswith("part-") and e.suffix == ".parquet"):
                e.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def finish_dataset(folder: Path, parts: list[dict], *, report=None, dtypes=None, json_columns=()) -> None:
    """Write the manifest that makes ``folder`` a partitioned corpus (written last: a half-written one has none)."""
    info = {
        "version": 1,
        "parts": parts,
        "n_articles": int(sum(p["n_articles"] for p in parts)),
        "load_report": _report_json(report),
        "dtypes": None if dtypes is None else {str(c): str(t) for c, t in dtypes.items()},
        "json_columns": list(json_columns),
    }
    (Path(folder) / MANIFEST).write_text(json.dumps(info, indent=1), encoding="utf-8")


def dataset_parts(folder) -> tuple[list[Path], dict]:
    """The part files of a partitioned corpus, in order, and its manifest."""
    folder = Path(folder)
    info = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return [folder / p["file"] for p in info["parts"]], info


def is_dataset(path) -> bool:
    """True for a folder written by ``write_articles(..., partitioned=True)``."""
    try:
        return os.path.isdir(path) and os.path.isfile(os.path.join(path, MANIFEST))
    except TypeError:
        return False


def _read_dataset(folder) -> pd.DataFrame:
    files, info = dataset_parts(folder)
    df = pd.concat([_read_parquet(f) for f in files], ignore_index=True)
    df.attrs = {}
    report = _report_frame(info.get("load_report"))
    if report is not None:
        df.attrs["load_report"] = report
    return df


def _json_columns(articles: pd.DataFrame) -> list[str]:
    # An export's own column of lists, or of numbers in one file and words in another:
    # stored as JSON text, so that values, types and missing values come back as they were.
    return [col for col in articles.columns
            if articles[col].dtype == object and col not in ("flags", "removed_lines") and not all(
                v is None or isinstance(v, str) or (isinstance(v, float) and v != v) for v in articles[col])]


def _report_json(report):
    return None if report is None else json.loads(pd.DataFrame(report).to_json(orient="split", date_format="iso"))


def _report_frame(rep) -> LoadReport | None:
    if rep is None:
        return None
    frame = pd.DataFrame(rep["data"], columns=rep["columns"])
    if "line" in frame:
        frame["line"] = frame["line"].astype("Int64")
    if "n_articles" in frame:
        frame["n_articles"] = frame["n_articles"].astype("int64")
    return LoadReport(frame)


def _write_part(articles: pd.DataFrame, path: Path, *, json_columns, report=None) -> None:
    """One Parquet file; ``json_columns`` are stored as JSON text and decoded on reading."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = articles.copy()
    frame.attrs = {}
    for col in json_columns:
        frame[col] = frame[col].map(lambda v: json.dumps(v, ensure_ascii=False, default=str))
    table = pa.Table.from_pandas(frame, preserve_index=False)
    extra = {
        "version": 1,
        "load_report": _report_json(report),
        "dtypes": {c: str(t) for c, t in articles.dtypes.items()},
        "json_columns": list(json_columns),
    }
    meta = dict(table.schema.metadata or {})
    meta[_META_KEY] = json.dumps(extra).encode()
    pq.write_table(table.replace_schema_metadata(meta), path)


def _read_parquet(path: Path, columns=None) -> pd.DataFrame:
    """One file written by :func:`write_articles` (only ``columns`` if given), decoded as it was written."""
    import pyarrow.parquet as pq

    return _decode(pq.read_table(path, columns=columns))


def _decode(table) -> pd.DataFrame:
    """An Arrow table written by :func:`write_articles` as the pandas table it was."""
    lists = [c for c in ("flags", "removed_lines") if c in table.column_names]
    df = table.drop_columns(lists).to_pandas()
    for col in lists:
        # Arrow gives Python lists (of dicts) directly, much faster than through pandas' arrays.
        values = table.column(col).to_pylist()
        position = table.column_names.index(col)
        df.insert(position, col, pd.Series([v if isinstance(v, list) else [] for v in values], index=df.index,
                                           dtype=object))
    meta = (table.schema.metadata or {}).get(_META_KEY)
    if meta:
        info = json.loads(meta)
        for col in info.get("json_columns", []):
            if col in df.columns:
                df[col] = pd.Series([None if v is None else json.loads(v) for v in df[col]], index=df.index, dtype=object)
        report = _report_frame(info.get("load_report"))
        if report is not None:
            df.attrs["load_report"] = report
    return df
