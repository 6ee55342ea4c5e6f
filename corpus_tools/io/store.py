"""Saving and reopening articles tables as Parquet, whole or as a partitioned folder (used by corpus_tools.dask)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from .load_report import ReportBuilder, report_frame, report_records
from .rows import COLUMNS

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
    >>> from corpus_tools import load_report, load_sample, read_articles
    >>> p = write_articles(load_sample(), os.path.join(tempfile.mkdtemp(), "corpus.parquet"))
    >>> back = read_articles(p)
    >>> len(back), load_report(back)["status"].tolist()[:1]
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
        write_part(articles, path, json_columns=json_column_names(articles), report=report)
        return path
    if not isinstance(rows_per_file, int) or rows_per_file < 1:
        raise ValueError(f"rows_per_file must be a whole number of at least 1, not {rows_per_file!r}")
    folder = start_dataset(path)
    json_columns = json_column_names(articles)
    parts = []
    for k, a in enumerate(range(0, max(len(articles), 1), rows_per_file)):
        name = part_name(k)
        chunk = articles.iloc[a:a + rows_per_file]
        write_part(chunk, folder / name, json_columns=json_columns)
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
        "load_report": report_records(report),
        "dtypes": None if dtypes is None else {str(c): str(t) for c, t in dtypes.items()},
        "json_columns": list(json_columns),
    }
    (Path(folder) / MANIFEST).write_text(json.dumps(info, indent=1), encoding="utf-8")


class ManifestError(ValueError):
    """The manifest of a partitioned corpus cannot be read, or names a part outside its folder."""


def checked_parts(folder) -> tuple[list[Path], list[tuple[int, str]], dict]:
    """The part files of a partitioned corpus that lie in its folder, the parts refused and why, and the manifest.

    A part must be a file directly in the folder: a name with a folder in it (``../x.parquet``),
    an absolute path or a link leading out is refused, and never opened.
    """
    folder = Path(folder)
    try:
        info = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        parts = info["parts"]
        if not isinstance(parts, list):
            raise TypeError("'parts' is not a list")
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ManifestError(f"the manifest of this saved corpus cannot be read ({type(e).__name__}: {e})") from None
    real = os.path.realpath(folder)
    files, refused = [], []
    for k, part in enumerate(parts, 1):
        name = part.get("file") if isinstance(part, dict) else None
        if not isinstance(name, str) or not name or name in (".", "..") or "/" in name or "\\" in name \
                or os.path.isabs(name) or "\x00" in name:
            shown = repr(name) if isinstance(name, str) and "/" not in name and "\\" not in name else "a path"
            refused.append((k, f"part {k} of the manifest ({shown[:60]}) is not a file of this folder; not read"))
            continue
        path = folder / name
        if os.path.dirname(os.path.realpath(path)) != real:
            refused.append((k, f"part {k} of the manifest ('{name[:60]}') is a link leading out of the folder; "
                               "not read"))
            continue
        files.append(path)
    return files, refused, info


def dataset_parts(folder) -> tuple[list[Path], dict]:
    """The part files of a partitioned corpus, in order, and its manifest; a part outside the folder is an error."""
    files, refused, info = checked_parts(folder)
    if refused:
        raise ManifestError(f"{Path(folder) / MANIFEST}: " + "; ".join(why for _, why in refused))
    return files, info


def is_dataset(path) -> bool:
    """True for a folder written by ``write_articles(..., partitioned=True)``."""
    try:
        return os.path.isdir(path) and os.path.isfile(os.path.join(path, MANIFEST))
    except TypeError:
        return False


def read_dataset(folder, errors: str = "report") -> pd.DataFrame:
    """A partitioned corpus as one table, with its saved load report and a row for each part not read.

    Raises :class:`ManifestError` when the manifest itself cannot be read (the caller reads the folder instead).
    """
    files, refused, info = checked_parts(folder)
    manifest = Path(folder) / MANIFEST
    report = ReportBuilder(errors)
    for _, why in refused:
        report.add(manifest, "skipped", why)
    frames = []
    for f in files:
        try:
            frames.append(read_parquet_file(f))
        except Exception as e:  # a missing or broken part must not lose the others
            report.add(f, "skipped", f"a part of this saved corpus cannot be read ({type(e).__name__}: {e})")
    df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    df.attrs = {}
    saved = report_frame(info.get("load_report"))
    if saved is not None or report.rows:
        df.attrs["load_report"] = report_frame(list(saved or ()) + report.rows)
    return df


def json_column_names(articles: pd.DataFrame) -> list[str]:
    # An export's own column of lists, or of numbers in one file and words in another:
    # stored as JSON text, so that values, types and missing values come back as they were.
    return [col for col in articles.columns
            if articles[col].dtype == object and col not in ("flags", "removed_lines") and not all(
                v is None or isinstance(v, str) or (isinstance(v, float) and v != v) for v in articles[col])]


def write_part(articles: pd.DataFrame, path: Path, *, json_columns, report=None) -> None:
    """One Parquet file; ``json_columns`` are stored as JSON text and decoded on reading."""
    import pyarrow.parquet as pq

    pq.write_table(articles_table(articles, json_columns=json_columns, report=report), path)


def articles_table(articles: pd.DataFrame, *, json_columns, report=None):
    """The articles as an Arrow table carrying its load report and column types (see :func:`decode_table`)."""
    import pyarrow as pa

    frame = articles.copy()
    frame.attrs = {}
    for col in json_columns:
        frame[col] = frame[col].map(lambda v: json.dumps(v, ensure_ascii=False, default=str))
    table = pa.Table.from_pandas(frame, preserve_index=False)
    extra = {
        "version": 1,
        "load_report": report_records(report),
        "dtypes": {c: str(t) for c, t in articles.dtypes.items()},
        "json_columns": list(json_columns),
    }
    meta = dict(table.schema.metadata or {})
    meta[_META_KEY] = json.dumps(extra).encode()
    return table.replace_schema_metadata(meta)


def write_arrow_file(articles: pd.DataFrame, path: Path) -> None:
    """The articles table with its load report as one Arrow IPC (Feather) file, lz4-compressed: the cache's format.

    Read back by :func:`read_arrow_file` about twice as fast as Parquet, for a file about as large.
    """
    import pyarrow.feather as feather

    table = articles_table(articles, json_columns=json_column_names(articles),
                           report=articles.attrs.get("load_report"))
    feather.write_feather(table, path, compression="lz4")


def read_arrow_file(path: Path) -> pd.DataFrame:
    """A file written by :func:`write_arrow_file`, as the table it was."""
    import pyarrow.feather as feather

    return decode_table(feather.read_table(path, use_threads=False))


def read_parquet_file(path: Path, columns=None) -> pd.DataFrame:
    """One file written by :func:`write_articles` (only ``columns`` if given), decoded as it was written."""
    import pyarrow.parquet as pq

    return decode_table(pq.read_table(path, columns=columns))


def decode_table(table) -> pd.DataFrame:
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
                df[col] = pd.Series(
                    [None if v is None else json.loads(v) for v in df[col]], index=df.index, dtype=object
                )
        report = report_frame(info.get("load_report"))
        if report is not None:
            df.attrs["load_report"] = report
    elif b"PANDAS_ATTRS" in (table.schema.metadata or {}):  # written by pandas' own to_parquet
        attrs = json.loads(table.schema.metadata[b"PANDAS_ATTRS"])
        if isinstance(attrs, dict) and attrs.get("load_report") is not None:
            df.attrs["load_report"] = report_frame(attrs["load_report"])
    return df


