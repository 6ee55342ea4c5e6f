"""Finding the input files: folders, globs and lists, kept inside the roots the user named."""

from __future__ import annotations

import glob as _glob
import os
import stat
from pathlib import Path

from .load_report import ReportBuilder

FORMATS = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".parquet": "parquet",
}

NOT_ARTICLES = ("readme", "license", "licence", "changelog", "copying", "authors")


# --- finding files -----------------------------------------------------------------------------
def is_inside(path: str, root: str) -> bool:
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


def _walk(root: Path, report: ReportBuilder):
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
                    if not is_inside(target, root_real):
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


def _regular_file(p: Path, root: Path, named: bool, report: ReportBuilder):
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


def expand_sources(source, report: ReportBuilder):
    """(path, root, named) for a folder, a file, a glob or a list of these; named: the user named this file."""
    if isinstance(source, (list, tuple)):
        for s in source:
            yield from expand_sources(s, report)
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
            if any(is_inside(os.path.normpath(mp), w) for w in walked):
                continue  # read already, with the folder above it that a '**' pattern also matched
            if not is_inside(os.path.realpath(mp), os.path.realpath(root)):
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


def format_of(path: Path) -> tuple[str | None, bool]:
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    ext = suffixes[-2] if gz and len(suffixes) > 1 else (suffixes[-1] if suffixes else "")
    return FORMATS.get(ext), gz


# --- building rows ------------------------------------------------------------------------------
def relative_id(path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = Path(path.name)
    name = rel.as_posix()
    for suffix in (".gz",) + tuple(FORMATS):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


