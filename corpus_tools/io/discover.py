"""Finding the input files: folders, globs and lists, kept inside the roots the user named."""

from __future__ import annotations

import fnmatch
import os
import re
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

# Files that describe a corpus rather than belong to it, by their exact name (any case, any extension):
# README, README.md, LICENSE.txt, COPYING, CHANGELOG.md, AUTHORS ... but not "readme-first.txt" or
# "license-plates.txt", which are read (and skipped only if their text is a licence's).
NOT_ARTICLES = ("readme", "license", "licence", "changelog", "changes", "copying", "authors", "contributors",
                "contributing", "notice")
# Files that operating systems and tools leave in folders.
SYSTEM_FILES = {".ds_store": "macOS folder settings", "thumbs.db": "Windows thumbnails",
                "desktop.ini": "Windows folder settings", ".ipynb_checkpoints": "Jupyter's checkpoints",
                ".git": "a git repository's data", "__macosx": "macOS resource forks (from a zip)",
                ".spotlight-v100": "macOS search index", ".trashes": "macOS trash"}
_LICENCE = re.compile(r"permission is hereby granted, free of charge|gnu (?:lesser |affero )?general public licen[cs]e"
                      r"|licensed under the apache licen[cs]e|redistribution and use in source and binary forms"
                      r"|mozilla public licen[cs]e|creative commons (?:legal code|attribution)", re.IGNORECASE)


def not_an_article(path: Path) -> str | None:
    """Why a file found in a folder is not read as an article (README, licence, system file), or None."""
    name = path.name.lower()
    if name in SYSTEM_FILES:
        return f"a system file ({SYSTEM_FILES[name]}), not an article"
    if name.split(".", 1)[0] in NOT_ARTICLES:
        return "a README or licence (by its name), not an article; pass it by name to read it"
    return None


def may_be_licence(path: Path) -> bool:
    """A name such as ``LICENSE-MIT.txt``: read, and skipped if its text is a licence (:func:`looks_like_licence`)."""
    return re.match(rf"(?:{'|'.join(NOT_ARTICLES)})[-_ ]", path.name.lower()) is not None


def looks_like_licence(text: str) -> bool:
    return _LICENCE.search(text[:5000]) is not None


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


def _hidden_reason(name: str) -> str:
    kind = SYSTEM_FILES.get(name.lower())
    if kind:
        return f"a system file or folder ({kind}), not an article"
    return "hidden file or folder (name starts with '.'); pass it by name to read it"


def _link(p: Path, root_real: str, report: ReportBuilder) -> None:
    """Report a link met inside a root: links are never followed, so nothing outside is ever opened or named."""
    target = os.path.realpath(p)
    if not is_inside(target, root_real):
        report.add(p, "skipped", "a link leading outside the folder you named; not followed")
        return
    rel = os.path.relpath(target, root_real)
    if not os.path.exists(target):
        report.add(p, "skipped", "a broken link (what it points to does not exist); not followed")
    elif os.path.isdir(target):
        if is_inside(os.path.realpath(p.parent), target):
            report.add(p, "skipped", "a link back to a folder above it (a loop); not followed")
        else:
            report.add(p, "skipped", f"a link to the folder '{rel}' inside the folder you named; not followed "
                                     "(links never are: the folder is read once, under its own name)")
    else:
        report.add(p, "skipped", f"a link to '{rel}' in the same folder; links are not followed, "
                                 "so the file is read under its own name")


def _entries(d: Path, report: ReportBuilder):
    try:
        with os.scandir(d) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as e:
        report.add(d, "skipped", f"folder cannot be read ({e.strerror})")
        return []


def _walk(root: Path, report: ReportBuilder):
    """Files below ``root``, never leaving it: links, hidden and special files are reported, not followed.

    Yields ``(path, root, False, stat)`` with the path as a string: one ``os.scandir`` pass and
    one stat per file, which the cache key reuses (a reopened corpus of 10,000 files is
    listed in a few tens of milliseconds; a Path per file would cost more than the listing).
    """
    root_real = os.path.realpath(root)
    stack = [root]
    while stack:
        d = stack.pop()
        subdirs = []
        for e in _entries(d, report):
            if e.name.startswith("."):
                report.add(Path(e.path), "skipped", _hidden_reason(e.name))
                continue
            try:
                if e.is_symlink():
                    _link(Path(e.path), root_real, report)
                    continue
                if e.is_dir(follow_symlinks=False):
                    subdirs.append(e.path)
                    continue
                st = e.stat(follow_symlinks=False)
            except OSError as err:
                report.add(Path(e.path), "skipped", f"cannot be read ({err.strerror})")
                continue
            kind = _special_kind(st.st_mode)
            if kind:
                report.add(Path(e.path), "skipped", f"{kind}, not a file; not read")
                continue
            yield e.path, root, False, st
        stack.extend(reversed(subdirs))


def _regular_file(p: Path, root: Path, named: bool, report: ReportBuilder):
    """Yield ``(p, root, named, stat)`` if p is a regular file; report pipes, devices and unreadable paths."""
    try:
        st = os.stat(p)
    except OSError as e:
        report.add(p, "skipped", f"cannot be read ({e.strerror})")
        return
    kind = _special_kind(st.st_mode)
    if kind:
        report.add(p, "skipped", f"{kind}, not a file; not read")
    else:
        yield p, root, named, st


def _is_magic(part: str) -> bool:
    return any(ch in part for ch in "*?[")


def _glob(text: str, report: ReportBuilder):
    """Files matching a glob, found the way :func:`_walk` finds them: below the folder the pattern starts in,
    links not followed (``**`` included), hidden names only when the pattern spells the dot."""
    parts = Path(text).expanduser().parts
    k = next(i for i, part in enumerate(parts) if _is_magic(part))
    root = Path(*parts[:k]) if k else Path(".")
    pattern = list(parts[k:])
    if not root.is_dir():
        raise FileNotFoundError(f"No file matches {text!r}: the folder {str(root)!r} does not exist.")
    root_real = os.path.realpath(root)
    matched: dict[Path, os.DirEntry] = {}
    stack, done, links = [(root, 0)], set(), set()

    def link(p: Path):
        if p not in links:
            links.add(p)
            _link(p, root_real, report)

    while stack:
        d, i = stack.pop()
        if (d, i) in done:
            continue
        done.add((d, i))
        if i == len(pattern):  # "folder/**": the folder itself, read whole
            matched.setdefault(d, None)
            continue
        seg = pattern[i]
        if seg == "**":
            stack.append((d, i + 1))
        for e in _entries(d, report):
            if e.name.startswith(".") and not seg.startswith("."):
                continue  # as glob: '*' and '**' do not match hidden names
            p = Path(e.path)
            if seg == "**":
                if e.is_symlink() and os.path.isdir(e.path):
                    link(p)
                elif e.is_dir(follow_symlinks=False):
                    stack.append((p, i))
            elif fnmatch.fnmatchcase(e.name, seg):
                if i + 1 == len(pattern):
                    matched[p] = e
                elif e.is_symlink() and os.path.isdir(e.path):
                    link(p)
                elif e.is_dir(follow_symlinks=False):
                    stack.append((p, i + 1))
    if not matched:
        raise FileNotFoundError(f"No file matches {text!r}. Check the pattern and the folder it starts in.")
    walked: list[str] = []
    for p in sorted(matched):
        e = matched[p]
        if any(is_inside(os.path.normpath(p), w) for w in walked):
            continue  # read already, with the folder above it that a '**' pattern also matched
        if e is None or (not e.is_symlink() and e.is_dir(follow_symlinks=False)):
            walked.append(os.path.normpath(p))
            yield from _walk(p, report)
        elif e.is_symlink():
            link(p)
        else:
            yield from _regular_file(p, root, False, report)


def expand_sources(source, report: ReportBuilder):
    """(path, root, named, stat) for a folder, a file, a glob or a list of these; named: the user named this file.

    ``path`` is a Path or a string (files found in a folder); ``stat`` is the file's
    ``os.stat_result``, taken once. A folder or a glob is read without leaving it (links are
    reported, never followed); a file named is read where it is, as the user asked.
    """
    if isinstance(source, (list, tuple)):
        for s in source:
            yield from expand_sources(s, report)
        return
    text = os.fspath(source)
    p = Path(text).expanduser()
    if _is_magic(text) and not p.exists():
        yield from _glob(text, report)
    elif p.is_dir():
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


