"""The metadata side file: outlet, date, url ... for articles read from plain files.

Each row has a key, matched exactly (case counts): a ``doc_id`` column against the articles'
ids; a ``file``/``path`` column against each file's path relative to the folder named (with or
without its extension), and only then, for a bare file name with no folder in it, against the
file names of the corpus when exactly one file has that name. A key matching no file, or a name
several files share, is reported and applied to nothing; a path leading outside the corpus
folder is refused without being looked up. When two rows are for the same article, the first
one is applied and the later one reported.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

from ..text.languages import language_info
from .decoding import NotText, decode_bytes
from .discover import format_of, is_inside, relative_id
from .formats import read_json_text, read_jsonl_text, read_table_text
from .limits import Limits, TooLarge, check_limits, read_limited
from .load_report import ReportBuilder
from .rows import as_text

KEY_COLUMNS = ("doc_id", "file", "filename", "file_name", "path", "source_path", "name")
METADATA_FORMATS = ("csv", "tsv", "jsonl", "json")


def check_metadata_path(metadata) -> Path:
    """The side file named in ``metadata=``, checked before any article is read."""
    mpath = Path(metadata)
    if not mpath.is_file():
        raise FileNotFoundError(f"No such metadata file: {str(metadata)!r}")
    if format_of(mpath)[0] not in METADATA_FORMATS:
        raise ValueError(f"The metadata file must be CSV, TSV, JSON or JSON Lines, not {mpath.suffix!r}.")
    return mpath


def _read_side_file(mpath: Path, report: ReportBuilder, limits: Limits):
    fmt, gz = format_of(mpath)
    try:
        text = decode_bytes(read_limited(mpath, gz, limits)).text
    except (TooLarge, NotText, OSError, EOFError) as e:
        report.add(mpath, "skipped", f"the metadata file cannot be read ({e}); no metadata applied")
        return []
    if fmt in ("csv", "tsv"):
        recs, problems = read_table_text(text, str(mpath), delimiter="\t" if fmt == "tsv" else None, need_text=False)
    elif fmt == "jsonl":
        recs, problems = read_jsonl_text(text, str(mpath), need_text=False, max_depth=limits.json_depth)
    else:
        recs, problems = read_json_text(text, str(mpath), need_text=False, max_depth=limits.json_depth)
    for line, status, reason in problems:
        if status == "note":
            report.decide(mpath, reason)
        else:
            report.add(mpath, "loaded_with_warnings" if status == "warning" else "skipped", reason, line=line)
    return recs


class _Index:
    """Where each key can lead: ids, relative paths (with and without extension), file names."""

    def __init__(self, rows: list[dict], roots: list[Path]):
        self.by_id: dict[str, list[dict]] = {}
        self.files: dict[str, list[dict]] = {}
        self.by_path: dict[str, set[str]] = {}
        self.by_name: dict[str, set[str]] = {}
        for r in rows:
            self.by_id.setdefault(r["doc_id"], []).append(r)
            src = r["source_path"]
            if src in self.files:
                self.files[src].append(r)
                continue
            self.files[src] = [r]
            p = Path(src)
            self.by_path.setdefault(src, set()).add(src)
            for root in roots:
                try:
                    rel = p.relative_to(root).as_posix()
                except ValueError:
                    continue
                for key in (rel, relative_id(p, root)):
                    self.by_path.setdefault(key, set()).add(src)
            for key in (p.name, relative_id(p, p.parent)):
                self.by_name.setdefault(key, set()).add(src)
        self.roots = [os.path.abspath(r) for r in roots]

    def find(self, key_col: str, key: str):
        """``(rows, how)``, or ``(None, why not)``."""
        if key_col == "doc_id" and key in self.by_id:
            return self.by_id[key], "id"
        key = key.replace("\\", "/")
        if key.startswith("/") or re.match(r"[A-Za-z]:/", key):
            absolute = os.path.normpath(key)
            root = next((r for r in self.roots if is_inside(absolute, r)), None)
            if root is None:
                return None, "its path leads outside the corpus folder; ignored"
            key = Path(absolute).relative_to(root).as_posix()
        key = posixpath.normpath(key)
        if key == ".." or key.startswith("../"):
            return None, "its path leads outside the corpus folder; ignored"
        if key in self.by_path:
            return [r for src in sorted(self.by_path[key]) for r in self.files[src]], "path"
        if "/" not in key and key in self.by_name:
            srcs = sorted(self.by_name[key])
            if len(srcs) == 1:
                return self.files[srcs[0]], "name"
            shown = ", ".join(os.path.basename(os.path.dirname(s)) + "/" + os.path.basename(s) for s in srcs[:3])
            more = ", ..." if len(srcs) > 3 else ""
            return None, (f"the file name {key!r} is shared by {len(srcs)} files ({shown}{more}); give the path "
                          "relative to the corpus folder; applied to none")
        return None, f"{key!r} matches no article"


def apply_metadata(rows: list[dict], metadata, report: ReportBuilder, roots: list[Path],
                   limits: Limits | None = None) -> None:
    """Override or add columns from a side file keyed by doc_id, path or (unique) file name."""
    mpath = check_metadata_path(metadata)
    recs = _read_side_file(mpath, report, limits or check_limits())
    index = _Index(rows, roots)
    applied: dict[int, int] = {}  # id(row) -> line of the metadata row applied to it
    by_name, matched = [], 0
    for rec in recs:
        line = rec["_line"]
        key_col = next((k for k in KEY_COLUMNS if as_text(rec.get(k)).strip()), None)
        if key_col is None:
            report.add(mpath, "skipped", f"metadata row has no key (one of {', '.join(KEY_COLUMNS)})", line=line)
            continue
        targets, how = index.find(key_col, as_text(rec[key_col]).strip())
        if targets is None:
            report.add(mpath, "skipped", f"metadata row: {how}", line=line)
            continue
        earlier = sorted({applied[id(r)] for r in targets if id(r) in applied})
        if earlier:
            report.add(mpath, "skipped", f"metadata row for the same article as line {earlier[0]}, which is applied "
                                         "(the first row for an article wins); this one is not", line=line)
            continue
        matched += 1
        if how == "name":
            by_name.append(line)
        for row in targets:
            applied[id(row)] = line
            _apply(row, rec, mpath)
    if by_name:
        shown = ", ".join(map(str, by_name[:10])) + (" ..." if len(by_name) > 10 else "")
        report.decide(mpath, f"{len(by_name)} metadata row{'s' if len(by_name) > 1 else ''} matched by file name "
                             f"alone (no other file of the corpus has that name; lines {shown}); the others by id "
                             "or by path")
    report.add(mpath, "loaded", f"metadata for {matched} of {len(recs)} rows applied", n_articles=0)


def _apply(row: dict, rec: dict, mpath: Path) -> None:
    for k, v in rec.items():
        if k.startswith("_") or k in KEY_COLUMNS:  # keys, not values: the doc_id of an article never changes
            continue
        if k == "date":
            if as_text(v).strip():
                row["_date_value"], row["_date_column"] = v, f"metadata file {mpath.name}, column date"
                row["_date_group"] = (str(mpath),)
        elif k == "outlet":
            if as_text(v).strip():
                row["outlet"], row["outlet_evidence"] = as_text(v).strip(), f"metadata file {mpath.name}"
        elif k == "language":
            if as_text(v).strip():
                info = language_info(as_text(v).strip())
                row["language"] = info["language"] if info else as_text(v).strip()
                row["language_confidence"], row["language_evidence"] = float("nan"), f"metadata file {mpath.name}"
        elif k in ("title", "byline", "url"):
            if as_text(v).strip():
                row[k] = as_text(v).strip()
        elif k == "text":
            continue
        else:
            row[k] = v
