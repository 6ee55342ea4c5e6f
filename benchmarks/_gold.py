"""Hand-annotated paragraphs stored as references into ../shared/corpora (the corpora's text stays out of the
repository): each gold line names a ``source`` file, the CSV ``row`` where the file is a table (its ``text``
field), ``start``/``end`` character offsets and a ``sha1`` (12 hex digits) of the paragraph."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


def read_paragraphs(path, corpora=CORPORA) -> list[dict]:
    """The gold lines of ``path`` with their paragraph as ``text`` (a changed corpus file raises)."""
    corpora = Path(corpora)
    tables: dict[str, list] = {}
    gold = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        file = corpora / g["source"]
        if "row" in g:
            if g["source"] not in tables:
                with open(file, encoding="utf-8", newline="") as fh:
                    tables[g["source"]] = list(csv.DictReader(fh))
            full = tables[g["source"]][g["row"]]["text"]
        else:
            full = file.read_text(encoding="utf-8")
        g["text"] = full[g["start"]:g["end"]]
        if hashlib.sha1(g["text"].encode()).hexdigest()[:12] != g["sha1"]:
            where = g["source"] + (f" row {g['row']}" if "row" in g else "")
            raise ValueError(f"{where} has changed: the paragraph at {g['start']}-{g['end']} is not the one annotated.")
        gold.append(g)
    return gold
