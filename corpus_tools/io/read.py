"""Reading a pile of news articles into one articles table, accounting for every file.

>>> articles = load_sample()
>>> len(articles), sorted(articles["outlet"].unique())[:3]
(5, ['AP', 'Kontur', 'TASS'])
>>> load_report(articles)["status"].value_counts().to_dict()
{'loaded': 5}
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pandas as pd

from ..core.resources import sample_dir
from .cleaning import find_corpus_repeats, normalize_text
from .column_dates import EPOCH_FORMATS, dates_from_columns
from .columns import check_columns, nested_hints
from .discover import FORMATS, expand_sources, format_of, looks_like_licence, may_be_licence, not_an_article
from .limits import check_limits
from .load_report import CorpusLoadError, ReportBuilder, load_report, warn_problems
from .metadata import apply_metadata, check_metadata_path
from .outlets import check_aliases, tidy_outlets
from .rows import (
    articles_frame,
    as_text,
    build_rows,
    finish_flags,
    mark_duplicates,
    read_file,
    resolve_dates,
    unique_ids,
)
from .store import (
    MANIFEST,
    ManifestError,
    is_dataset,
    read_arrow_file,
    read_dataset,
    read_parquet_file,
    write_arrow_file,
)
from .text_checks import check_fields
from .values import contain_dates

SAMPLE_DIR = sample_dir()  # installed with the package (corpus_tools/data/sample) or the repository's data/sample

def read_articles(
    source,
    *,
    columns: dict | None = None,
    metadata=None,
    errors: str = "report",
    date_format: str | None = None,
    dayfirst: bool | None = None,
    reference_date=None,
    outlet_aliases: dict | None = None,
    tidy_domains: bool = False,
    remove_repeated_lines: bool = True,
    progress: bool | None = None,
    cache: bool | None = None,
    limits: dict | None = None,
) -> pd.DataFrame:
    """Read news articles from a folder, file, glob or list of these into one table.

    Formats: ``.txt``/``.md`` (first non-empty line is the title), ``.csv``/``.tsv``,
    ``.jsonl``/``.json`` (NewsAPI-style too), ``.html``/``.htm``, each also ``.gz``, and
    ``.parquet`` files and partitioned folders written by :func:`write_articles`. Folders are read recursively
    without ever leaving the folder named.

    Parameters
    ----------
    columns : which column (or JSON key, dotted for nested ones: ``"source.title"``) holds
        what, where the usual names do not fit: ``{"text": ..., "title": ..., "date": ...,
        "outlet": ..., "url": ..., "id": ..., "byline": ...}``. ``text`` may be a list of
        columns, joined as paragraphs (``["title", "description"]``). A table with titles
        and/or descriptions but no body is read as headlines without it (flag ``headline_only``).
    metadata : path to a CSV/TSV/JSON(L) side file keyed by ``doc_id``, ``file`` or
        ``path``; its columns override (title, date, outlet, byline, url) or add to
        what was read.
    errors : ``"report"`` (default) records problems in the load report and goes on;
        ``"raise"`` stops at the first problem with :class:`CorpusLoadError`.
    date_format : the format of every date column, when the reader should not infer it:
        a ``strptime`` format (``"%d.%m.%Y"``) or ``"epoch"``/``"epoch_s"``/``"epoch_ms"``
        (Unix time). Otherwise each column's format is inferred from all its values
        (``02/28/2022`` makes the column month first) and stated in the load report.
    dayfirst : ``True``/``False``: how to read dates written with numbers only
        (``03/04/2022``) when the values themselves cannot tell.
    reference_date : a date that places dates written without a year ("November 27").
    outlet_aliases : ``{name as written: outlet}`` for names that are one outlet
        (``{"msnbc.com": "MSNBC"}``); matched ignoring case and spacing. Names that differ
        only in case or spacing (``fox``, ``FOX``, ``Fox``) are merged in any case.
    tidy_domains : write outlets given as web addresses as bare domains
        (``https://www.msnbc.com/`` → ``msnbc.com``).
    remove_repeated_lines : remove short lines found in many articles (menus, footers) and the earlier copy of
        a quotation set out twice (a pull quote); ``False`` keeps every repeated line.
    cache : keep the table on disk (see :mod:`corpus_tools.core.cache`) and return it from there
        while no file has changed (same names, sizes and modification times) and the options
        are the same. ``None`` (default) caches corpora of 200 files or 5 MB and more;
        ``False`` always reads the files.
    limits : what one file may cost, as ``{name: value}``; a file over a limit is reported and not
        read. ``max_file_mb`` (default 1024: the size of a file, and of a ``.gz`` once decompressed),
        ``max_gz_ratio`` (50: how many times a ``.gz`` may expand, checked past 8 MB), ``max_line_mb``
        (10: one line of a text, CSV/TSV or JSON Lines file), ``max_json_depth`` (100: nesting of JSON
        objects and lists). ``None`` turns one off; environment variables ``CORPUS_TOOLS_MAX_FILE_MB``,
        ... set them for a session (see :mod:`corpus_tools.io.limits`).

    Returns
    -------
    One row per article with columns ``doc_id`` (the file's path in the folder without
    its extension, or ``file:line`` for table rows), ``title``, ``text`` (clean body),
    ``outlet`` ("unknown" when nothing names it), ``byline``, ``dateline`` (place),
    ``agency`` (wire credit), ``date`` (date and time as written, local; NaT when unknown),
    ``date_utc`` (the same moment in UTC when the value gives its zone), ``date_source`` (metadata /
    text / inferred / unknown), ``date_evidence``, ``url``, ``section``, ``n_words``, ``language``
    (ISO 639-1 code, ``mixed`` or ``unknown``; an export's own ``language``/``lang`` column is kept),
    ``language_confidence``, ``language_evidence`` (see :mod:`corpus_tools.text.languages`),
    ``flags`` (list of codes: undated, date_inferred, date_without_year,
    boilerplate_removed, mixed_script, doubled_punctuation, rejoined_lines, no_title,
    no_outlet, short_text, duplicate, duplicate_id, encoding_guessed, mixed_encoding,
    decoded_with_replacement, empty_text, headline_only, truncated, control_characters,
    bidi_controls, mojibake, replacement_characters), ``outlet_evidence``, ``source_path``,
    ``source_line``, ``source_format``, ``encoding``, ``raw_text`` (the text as read, control
    characters included), ``removed_lines``
    (list of ``{line, text, reason}``), then any other columns of table files.
    :func:`load_report` (kept in ``articles.attrs["load_report"]`` as plain records)
    has one row per file, per problem row of a table, and per decision: ``path, line,
    status (loaded / loaded_with_warnings / skipped / note), reason, n_articles``.

    >>> a = read_articles(SAMPLE_DIR / "003_8a265002178ab370.txt", reference_date="2023-12-01")
    >>> a.loc[0, ["outlet", "dateline", "date_source"]].tolist(), str(a.loc[0, "date"].date())
    (['TASS', 'BRUSSELS', 'inferred'], '2023-11-27')
    """
    if errors not in ("report", "raise"):
        raise ValueError(f"errors must be 'report' or 'raise', not {errors!r}")
    given = check_columns(columns)
    check_aliases(outlet_aliases)
    if dayfirst not in (None, True, False):
        raise ValueError(f"dayfirst must be True, False or None, not {dayfirst!r}")
    if date_format is not None and (not isinstance(date_format, str) or (
            "%" not in date_format and date_format not in EPOCH_FORMATS)):
        raise ValueError(f"date_format takes a strptime format such as '%m/%d/%Y', or one of "
                         f"{', '.join(EPOCH_FORMATS)}; not {date_format!r}")
    lim = check_limits(limits)
    options = {"columns": given, "date_format": date_format, "dayfirst": dayfirst,
               "outlet_aliases": outlet_aliases, "tidy_domains": tidy_domains}
    meta_real = os.path.realpath(check_metadata_path(metadata)) if metadata is not None else None
    report = ReportBuilder(errors)
    if not isinstance(source, (list, tuple)) and is_dataset(source):
        try:  # a partitioned corpus comes back as it was, with its own load report
            return read_dataset(source, errors)
        except ManifestError as e:  # then its parts are read as the saved corpora they are
            report.add(os.path.join(source, MANIFEST), "skipped", str(e))
    found = list(expand_sources(source, report))
    roots = list(dict.fromkeys(root for _, root, _, _ in found))
    cache_path = _cache_path(found, report, cache, metadata=meta_real, errors=errors, reference_date=reference_date,
                             remove_repeated_lines=remove_repeated_lines, limits=lim, **options)
    if cache_path is not None and cache_path.exists():
        try:
            articles = read_arrow_file(cache_path)
        except Exception:  # a half-written or foreign file: read the corpus again
            cache_path.unlink(missing_ok=True)
        else:
            warn_problems(load_report(articles))
            return articles

    saved: list[pd.DataFrame] = []
    records: list[tuple[dict, Path]] = []
    from tqdm.auto import tqdm

    from ..core.parallel import start_watching

    start_watching()  # reading the files serves as the look at how busy the machine is (see build_rows)

    show = progress if progress is not None else len(found) > 500
    seen_files: set[str] = set()
    realpath = _realpath_by_folder()
    for path, root, named, _ in tqdm(found, desc="Reading files", unit="file", disable=not show):
        path = Path(path)
        real = realpath(str(path))
        if meta_real and real == meta_real:
            continue
        if path.name == MANIFEST and is_dataset(path.parent):
            report.add(path, "loaded", "manifest of a partitioned corpus; its parts are read as saved corpora")
            continue
        if real in seen_files:
            report.add(path, "skipped", "already read (the sources overlap, or a link leads to it)")
            continue
        seen_files.add(real)
        fmt, gz = format_of(path)
        why_not = None if named else not_an_article(path)
        if why_not:
            report.add(path, "skipped", why_not)
            continue
        if fmt is None:
            report.add(path, "skipped", f"not a format this reader knows ({path.suffix or 'no extension'}); "
                                        f"articles are read from {', '.join(sorted(set(FORMATS)))} and their .gz forms")
            continue
        if fmt == "parquet":
            try:
                df = read_parquet_file(path)
            except Exception as e:  # a broken parquet must not stop the others
                report.add(path, "skipped", f"cannot be read as a saved corpus ({e})")
                continue
            if len(found) == 1 and not report.rows:
                return df  # a saved corpus comes back as it was, with its own load report
            saved.append(df)
            report.add(path, "loaded", f"saved corpus of {len(df)} articles", n_articles=len(df))
            continue
        try:
            recs, problems = read_file(path, root, fmt, gz, report, columns=given, limits=lim)
        except CorpusLoadError:
            raise
        except Exception as e:  # whatever a file holds, it must not stop the load
            report.add(path, "skipped", f"cannot be read ({type(e).__name__}: {str(e)[:200]})")
            continue
        if recs and not named and fmt == "text" and may_be_licence(path) and looks_like_licence(recs[0]["text"]):
            report.add(path, "skipped", "a licence text (by its name and its words), not an article; "
                                        "pass it by name to read it")
            continue
        file_warnings, notes = [], []
        for p in problems:
            if isinstance(p, str):
                file_warnings.append(p)
                continue
            line, status, reason = p
            if status == "note":
                notes.append(reason)
            elif line is None:
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
            reason = "; ".join(
                x
                for x in (reason, f"{n_bad} row{'s' if n_bad > 1 else ''} with problems (see the rows for this file)")
                if x
            )
        report.add(path, "loaded_with_warnings" if reason else "loaded", reason, n_articles=len(recs))
        for note in notes:
            report.decide(path, note)
        records.extend((r, path) for r in recs)

    # None: no line is removed for being repeated (neither across articles nor a pull quote within one).
    repeats = None if not remove_repeated_lines else frozenset()
    if remove_repeated_lines and len(records) >= 3:
        repeats = find_corpus_repeats(_normalized(r) for r, _ in records)
    rows = build_rows(records, repeats, progress if progress is not None else len(records) > 2000)
    for row in rows:
        if "_failed" in row:
            report.drop_article(row["source_path"], row["source_line"],
                                f"the article cannot be processed ({row['_failed']}); left out")
    rows = [row for row in rows if "_failed" not in row]
    _report_renamed(unique_ids(rows), report)
    for row in rows:
        for flag in ("empty_text",):
            if flag in row["flags"]:
                report.note(
                    row["source_path"], row["source_line"], "the article has no text (kept, flagged 'empty_text')"
                )
    if metadata is not None:
        apply_metadata(rows, metadata, report, roots, lim)
    check_fields(rows, report)
    for note in nested_hints(rows, given=given):
        report.decide(_where(source), note)
    dates_from_columns(rows, report, date_format=date_format, dayfirst=dayfirst)
    resolve_dates(rows, reference_date)
    contain_dates(rows, report)
    for note in tidy_outlets(rows, aliases=outlet_aliases, tidy_domains=tidy_domains):
        report.decide(_where(source), note)
    mark_duplicates(rows, report)
    _report_given_languages(rows, report)
    for row in rows:
        finish_flags(row)
    articles = articles_frame(rows)
    if saved:
        articles = pd.concat([s for s in saved] + ([articles] if rows else []), ignore_index=True)
    articles.attrs = {"load_report": report.records()}
    if cache_path is not None:
        try:
            cache_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache_path.with_suffix(f".{os.getpid()}.tmp")
            write_arrow_file(articles, tmp)
            os.replace(tmp, cache_path)
        except OSError:  # a read-only disk: the cache only saves time
            pass
    warn_problems(articles.attrs["load_report"])
    return articles


def _realpath_by_folder():
    """``os.path.realpath``, resolving each folder once: a file that is no link is its folder's real path
    and its name (one ``lstat`` a file instead of one for every part of its path)."""
    folders: dict[str, str] = {}

    def realpath(path: str) -> str:
        head, tail = os.path.split(path)
        if tail in ("", ".", "..") or os.path.islink(path):
            return os.path.realpath(path)
        if head not in folders:
            folders[head] = os.path.realpath(head)
        return os.path.join(folders[head], tail)

    return realpath


def _normalized(rec: dict) -> str:
    """``normalize_text`` of a record's text, kept in the record so that cleaning it need not do it again."""
    text = as_text(rec.get("text"))
    norm = normalize_text(text)
    rec["_normalized"] = text if norm == text else norm  # the same string when unchanged: no second copy
    return norm


def _report_renamed(renamed, report) -> None:
    """Rows whose id was taken by an earlier one were renamed ``id~2``: flag them, and say so once."""
    for row, _ in renamed:
        row["flags"].append("duplicate_id")
    if renamed:
        row, old = renamed[0]
        where = f"line {row['source_line']}, " if row["source_line"] is not None else ""
        report.decide(row["source_path"], f"{len(renamed)} article{'s have' if len(renamed) > 1 else ' has'} the id "
                      f"of an earlier article, renamed with ~2, ~3, ... (flagged 'duplicate_id'); first here: {where}"
                      f"'{old}' became '{row['doc_id']}'")


def _report_given_languages(rows, report) -> None:
    """A file whose own column gave the language: said once (the others are detected, see ``language_evidence``)."""
    given: dict = {}
    for row in rows:
        ev = row.get("language_evidence") or ""
        if ev.startswith(("column", "metadata")):
            given.setdefault((row["source_path"], ev.split(" (")[0]), []).append(row)
    for (path, ev), hits in given.items():
        values = sorted({str(r["language"]) for r in hits})
        report.decide(path, f"language of {len(hits)} article{'s' if len(hits) > 1 else ''} taken from {ev} "
                            f"({', '.join(values[:8])}{' ...' if len(values) > 8 else ''}), not detected")


def _where(source) -> str:
    """The corpus as the user named it, for report rows about the whole corpus."""
    if isinstance(source, (list, tuple)):
        return ", ".join(str(s) for s in source)
    return str(source)


# Corpora this large are read from the cache when nothing has changed.
CACHE_MIN_FILES = 200
CACHE_MIN_BYTES = 5_000_000


def _cache_path(found, report, use, **options) -> Path | None:
    """Where the table read from ``found`` is cached (keyed by every file's name, size and time).

    The stat of each file is the one taken while listing the folder: no file is looked at twice.
    """
    from ..core.cache import cache_dir
    from ..core.resources import code_fingerprint

    if use is False or not found or all(Path(p).suffix.lower() == ".parquet" for p, _, _, _ in found):
        return None  # a saved corpus is read as fast as a cached one
    roots = {root: str(root) for root in dict.fromkeys(root for _, root, _, _ in found)}
    stats = [[str(path), roots[root], bool(named), st.st_size, st.st_mtime_ns] for path, root, named, st in found]
    total = sum(s[3] for s in stats)
    if use is None and len(found) < CACHE_MIN_FILES and total < CACHE_MIN_BYTES:
        return None
    if options.get("metadata"):
        try:
            st = os.stat(options["metadata"])
            options["metadata"] = [options["metadata"], st.st_size, st.st_mtime_ns]
        except OSError:
            pass
    h = hashlib.blake2b(digest_size=20)
    key = [code_fingerprint(), stats, report.rows, options]  # the code too: a table's make-up changes with it
    h.update(json.dumps(key, default=str, sort_keys=True).encode())
    return cache_dir() / f"read_articles-{h.hexdigest()}.arrow"


def load_sample(**kwargs) -> pd.DataFrame:
    """The bundled sample: five articles on Stoltenberg's remarks on Ukraine (Nov 2023 / Jun 2024).

    >>> load_sample()["doc_id"].tolist()[:2]
    ['000_d3c851319a9cef4d', '001_24a78b3d7f73cc16']
    """
    return read_articles(SAMPLE_DIR, **kwargs)


