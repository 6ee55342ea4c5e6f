"""Reading a pile of news articles into one articles table, accounting for every file.

>>> articles = load_sample()
>>> len(articles), sorted(articles["outlet"].unique())[:3]
(5, ['AP', 'Kontur', 'TASS'])
>>> articles.attrs["load_report"]["status"].value_counts().to_dict()
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
from .discover import FORMATS, NOT_ARTICLES, expand_sources, format_of
from .load_report import ReportBuilder, warn_problems
from .metadata import apply_metadata
from .rows import (
    articles_frame,
    as_text,
    build_rows,
    date_from_metadata,
    finish_flags,
    mark_duplicates,
    read_file,
    resolve_dates,
    unique_ids,
)
from .store import MANIFEST, is_dataset, read_dataset, read_parquet_file, write_articles

SAMPLE_DIR = sample_dir()  # installed with the package (corpus_tools/data/sample) or the repository's data/sample

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
    cache : keep the table on disk (see :mod:`corpus_tools.core.cache`) and return it from there
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
        return read_dataset(source)  # a partitioned corpus comes back as it was, with its own load report
    report = ReportBuilder(errors)
    found = list(expand_sources(source, report))
    roots = list(dict.fromkeys(root for _, root, _ in found))
    meta_real = os.path.realpath(metadata) if metadata is not None else None
    cache_path = _cache_path(found, report, cache, metadata=meta_real, errors=errors, reference_date=reference_date,
                             remove_repeated_lines=remove_repeated_lines)
    if cache_path is not None and cache_path.exists():
        try:
            articles = read_parquet_file(cache_path)
        except Exception:  # a half-written or foreign file: read the corpus again
            cache_path.unlink(missing_ok=True)
        else:
            warn_problems(articles.attrs["load_report"])
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
        fmt, gz = format_of(path)
        stem = path.name.lower()
        if fmt is None:
            report.add(path, "skipped", f"not a format this reader knows ({path.suffix or 'no extension'}); "
                                        f"articles are read from {', '.join(sorted(set(FORMATS)))} and their .gz forms")
            continue
        if stem.startswith(NOT_ARTICLES) and not named:
            report.add(path, "skipped", "looks like a README or licence, not an article; pass it by name to read it")
            continue
        if fmt == "parquet":
            try:
                df = read_parquet_file(path)
            except Exception as e:  # a broken parquet must not stop the others
                report.add(path, "skipped", f"cannot be read as a saved corpus ({e})")
                continue
            if len(found) == 1:
                return df  # a saved corpus comes back as it was, with its own load report
            saved.append(df)
            report.add(path, "loaded", f"saved corpus of {len(df)} articles", n_articles=len(df))
            continue
        recs, problems = read_file(path, root, fmt, gz, report)
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
            reason = "; ".join(
                x
                for x in (reason, f"{n_bad} row{'s' if n_bad > 1 else ''} with problems (see the rows for this file)")
                if x
            )
        report.add(path, "loaded_with_warnings" if reason else "loaded", reason, n_articles=len(recs))
        records.extend((r, path) for r in recs)

    repeats = frozenset()
    if remove_repeated_lines and len(records) >= 3:
        repeats = find_corpus_repeats(normalize_text(as_text(r.get("text"))) for r, _ in records)
    rows = build_rows(records, repeats, progress if progress is not None else len(records) > 2000)
    unique_ids(rows)
    for row in rows:
        for flag in ("empty_text",):
            if flag in row["flags"]:
                report.note(
                    row["source_path"], row["source_line"], "the article has no text (kept, flagged 'empty_text')"
                )
    if metadata is not None:
        apply_metadata(rows, metadata, report, roots)
    for row in rows:
        row.setdefault("date_source", None)
        if not date_from_metadata(row, row["source_path"], report):
            row["date_source"] = None
    resolve_dates(rows, reference_date)
    mark_duplicates(rows, report)
    for row in rows:
        finish_flags(row)
    articles = articles_frame(rows)
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
    warn_problems(rep)
    return articles


# Corpora this large are read from the cache when nothing has changed.
CACHE_MIN_FILES = 200
CACHE_MIN_BYTES = 5_000_000


def _cache_path(found, report, use, **options) -> Path | None:
    """Where the table read from ``found`` is cached (keyed by every file's name, size and time)."""
    from ..core.cache import cache_dir
    from ..core.resources import package_version

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
    h.update(json.dumps([package_version(), stats, report.rows, options], default=str, sort_keys=True).encode())
    return cache_dir() / f"read_articles-{h.hexdigest()}.parquet"


def load_sample(**kwargs) -> pd.DataFrame:
    """The bundled sample: five articles on Stoltenberg's remarks on Ukraine (Nov 2023 / Jun 2024).

    >>> load_sample()["doc_id"].tolist()[:2]
    ['000_d3c851319a9cef4d', '001_24a78b3d7f73cc16']
    """
    return read_articles(SAMPLE_DIR, **kwargs)


