"""Hand-annotated paragraphs stored as references (the annotated text stays out of the repository).

Each gold line names where its paragraph is: a ``source`` file under ../shared/corpora (with the CSV ``row``
where the file is a table: its ``text`` field), or a JSON file of a public git repository (``repo``,
``commit``, ``source``, ``item``, ``field``: Zyte's article-extraction benchmark); ``start``/``end``
character offsets and a ``sha1`` (12 hex digits) of the paragraph catch a changed source.
"""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
from pathlib import Path

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
# Where the search tool's ``fetch github:scrapinghub/article-extraction-benchmark`` puts the benchmark.
ZYTE = Path("/work/.mirror/scrapinghub+article-extraction-benchmark/repo")


def from_git(repo: Path, commit: str, file: str) -> dict:
    """A JSON file of a git repository at a commit (``repo`` is its git directory or a clone)."""
    out = subprocess.run(["git", "--git-dir", str(repo), "show", f"{commit}:{file}"], check=True,
                         capture_output=True).stdout
    return json.loads(out.decode("utf-8"))


def read_paragraphs(path, corpora=CORPORA, repo=ZYTE) -> list[dict]:
    """The gold lines of ``path`` with their paragraph as ``text`` and the whole source as ``article``."""
    corpora = Path(corpora)
    tables: dict[str, list] = {}
    pages: dict[tuple, dict] = {}
    gold = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        if "repo" in g:
            key = (g["commit"], g["source"])
            if key not in pages:
                pages[key] = from_git(Path(repo), *key)
            full = pages[key][g["item"]][g["field"]]
        elif "row" in g:
            if g["source"] not in tables:
                with open(corpora / g["source"], encoding="utf-8", newline="") as fh:
                    tables[g["source"]] = list(csv.DictReader(fh))
            full = tables[g["source"]][g["row"]]["text"]
        else:
            full = (corpora / g["source"]).read_text(encoding="utf-8")
        g["text"], g["article"] = full[g["start"]:g["end"]], full
        if hashlib.sha1(g["text"].encode()).hexdigest()[:12] != g["sha1"]:
            where = g["source"] + (f" row {g['row']}" if "row" in g else "") + (f" {g['item']}" if "item" in g else "")
            raise ValueError(f"{where} has changed: the paragraph at {g['start']}-{g['end']} is not the one annotated.")
        gold.append(g)
    return gold
