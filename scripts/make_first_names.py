"""Write corpus_tools/data/first_names_census.txt: common US first names, for find_entities.

Source: the US Census Bureau's 1990 name frequency files (``dist.male.first``, ``dist.female.first``;
a work of the US government, public domain) as shipped in the MIT-licensed ``names`` 0.3.0 sdist.
Run once by hand; corpus_tools itself never reads the package or the network:

    pip download names==0.3.0 --no-deps -d /tmp/names && tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    python scripts/make_first_names.py /tmp/names/names-0.3.0/names ../shared/corpora/bbc_news_2225

Kept: names given to at least 0.01% of one sex (about 1,400 names), except names that are also common
English words. A word counts as common when the corpus given as second argument writes it in lower
case at least as often as with a capital inside a sentence ("will", "may", "grant", "hope", "rose"):
only those counts are used, no text of the corpus is kept. Places of ``places.csv`` and names already in
``first_names.csv`` are left out too, and month and day names ("April", "June").
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "corpus_tools" / "data"
OUT = DATA / "first_names_census.txt"
MIN_PERCENT = 0.01


def census(folder: Path) -> set[str]:
    out = set()
    for name in ("dist.male.first", "dist.female.first"):
        for line in (folder / name).read_text().splitlines():
            word, percent, *_ = line.split()
            if float(percent) >= MIN_PERCENT:
                out.add(word.lower())
    return out


def case_counts(corpus: Path) -> tuple[Counter, Counter]:
    lower, capital = Counter(), Counter()
    for file in sorted(corpus.rglob("*.txt")):
        text = file.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r"(?<=[a-z,;] )([A-Za-z]+)", text):
            w = m.group(1)
            (lower if w.islower() else capital)[w.lower()] += 1
    return lower, capital


def main(names_dir: str, corpus: str) -> None:
    names = census(Path(names_dir))
    lower, capital = case_counts(Path(corpus))
    known = {r["word"] for r in csv.DictReader(x for x in (DATA / "first_names.csv").open() if not x.startswith("#"))}
    places = {r["spelling"].lower() for r in csv.DictReader(
        x for x in (DATA / "places.csv").open(encoding="utf-8") if not x.startswith("#"))}
    calendar = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    keep = sorted(n for n in names if len(n) > 2 and n not in known and n not in places and n not in calendar
                  and lower[n] < max(1, capital[n]))
    header = ("# Common US first names (US Census 1990, public domain; via the MIT-licensed `names` 0.3.0),\n"
              "# without common English words, places and the names of first_names.csv.\n"
              "# Made by scripts/make_first_names.py; see corpus_tools/data/README.md.\n")
    OUT.write_text(header + "\n".join(keep) + "\n", encoding="utf-8")
    print(f"{len(names)} census names, {len(keep)} written")


if __name__ == "__main__":
    main(*sys.argv[1:3])
