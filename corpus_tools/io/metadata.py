"""The metadata side file: outlet, date, url ... for articles read from plain files."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

from .decoding import decode_bytes
from .discover import format_of, is_inside
from .formats import read_json_text, read_jsonl_text, read_table_text
from .load_report import ReportBuilder
from .rows import as_text


def apply_metadata(rows: list[dict], metadata, report: ReportBuilder, roots: list[Path]) -> None:
    """Override or add columns from a side file keyed by doc_id, file name or path."""
    mpath = Path(metadata)
    if not mpath.is_file():
        raise FileNotFoundError(f"No such metadata file: {str(metadata)!r}")
    fmt, gz = format_of(mpath)
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
        key_col = next((k for k in key_names if as_text(rec.get(k)).strip()), None)
        if key_col is None:
            report.add(mpath, "skipped", f"metadata row has no key (one of {', '.join(key_names)})", line=rec["_line"])
            continue
        key = as_text(rec[key_col]).strip().replace("\\", "/")
        if key_col in ("file", "filename", "file_name", "path", "source_path", "name") and (
            key.startswith("/") or ".." in Path(key).parts
        ):
            resolved = [os.path.realpath(os.path.join(r, key)) for r in roots]
            if not any(is_inside(t, rr) for t in resolved for rr in root_reals):
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
                    if as_text(v).strip():
                        row["_date_value"], row["_date_column"] = v, f"metadata file {mpath.name}, column date"
                        row["_date_group"] = (str(mpath),)
                elif k == "outlet":
                    if as_text(v).strip():
                        row["outlet"], row["outlet_evidence"] = as_text(v).strip(), f"metadata file {mpath.name}"
                elif k in ("title", "byline", "url"):
                    if as_text(v).strip():
                        row[k] = as_text(v).strip()
                elif k == "text":
                    continue
                else:
                    row[k] = v
    report.add(mpath, "loaded", f"metadata for {matched} of {len(recs)} rows applied", n_articles=0)


