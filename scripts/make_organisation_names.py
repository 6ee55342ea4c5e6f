"""Write corpus_tools/data/organisation_names.csv: companies and football clubs, for find_entities.

Sources (each a public git repository; run once by hand, corpus_tools never reads them or the network):

- companies: the S&P 500 constituents (``data/constituents.csv`` of github datasets/s-and-p-500-companies)
  and the foreign companies with American Depositary Shares on the NYSE and Nasdaq (``data/nyse-listed.csv``
  of datasets/nyse-other-listings, ``data/nasdaq-listed.csv`` of datasets/nasdaq-listings); the three
  data packages are under the Open Data Commons Public Domain Dedication and License (PDDL 1.0).
- clubs: the football clubs that played in the leagues of github openfootball/football.json (2010-11 to
  2025-26), under their names in github openfootball/clubs (both CC0 1.0, public domain).

    git clone --bare https://github.com/datasets/s-and-p-500-companies sp500    (or the search tool's fetch)
    python scripts/make_organisation_names.py sp500 nyse nasdaq clubs football.json ../shared/corpora/bbc_news_2225

Names are shortened to how news writes them ("Ford Motor Company" -> "Ford", "Sony Group Corporation" ->
"Sony"; the long form is kept too). Left out: names that are places of ``places.csv``, words of
``entity_words.csv``, one-word names the corpus given last writes in lower case at least as often as with
a capital inside a sentence ("target", "progressive", "united"), and one-word company names that are
first names or that the corpus writes after a first name ("Alice Cooper": a surname); only those counts
are used, no text is kept.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_first_names import DATA, case_counts  # noqa: E402 (a sibling script)

OUT = DATA / "organisation_names.csv"
# Company names that are also places or common words the corpus counts do not catch.
_AMBIGUOUS = {"Dover", "Lion", "Opera", "Flex", "Everest", "Hartford", "Travelers", "Mosaic", "Canaan", "Carnival",
              "Rollins", "Tapestry", "Futu", "Waterdrop", "Yalla"}
_SUFFIX = re.compile(r"(?:,? (?:Inc\.?|Incorporated|Corp\.?|Corporation|Company|Co\.|Companies|Ltd\.?|Limited|"
                     r"plc|PLC|Plc|p\.l\.c\.|Group|Holdings?|S\.A\.|SA|N\.V\.|NV|AG|SE|A/S|ASA|AB|S\.p\.A\.|"
                     r"Co\., Ltd\.|K\.K\.|\(The\)))+$")


def _git(repo: str, path: str) -> str:
    return subprocess.run(["git", "--git-dir", repo, "show", f"HEAD:{path}"], check=True,
                          capture_output=True).stdout.decode("utf-8")


def _short(name: str) -> str:
    name = re.sub(r"\s*\((?:Class [A-Z]|The)\)", "", name).strip()
    name = re.split(r" - | Common Stock| American Depositary| Ordinary Shares| Class [A-Z]\b", name)[0].strip(" ,")
    return _SUFFIX.sub("", name).strip(" ,")


def companies(sp500: str, nyse: str, nasdaq: str) -> set[str]:
    out = set()
    for r in csv.DictReader(io.StringIO(_git(sp500, "data/constituents.csv"))):
        out |= {r["Security"].replace(" (Class A)", "").replace(" (Class B)", "").replace(" (Class C)", ""),
                _short(r["Security"])}
    for repo, path, col in ((nyse, "data/nyse-listed.csv", "Company Name"), (nasdaq, "data/nasdaq-listed.csv",
                                                                            "Security Name")):
        for r in csv.DictReader(io.StringIO(_git(repo, path))):
            if "American Depositary" in r[col]:
                out.add(_short(r[col]))
    return {n for n in out if n and not re.search(r"\d{3}|Trust|Fund|Acquisition", n)}


def _club_groups(repo: str) -> list[list[str]]:
    """Each club of openfootball/clubs with its other names: [["Arsenal FC", "Arsenal", "FC Arsenal"], ...]."""
    files = subprocess.run(["git", "--git-dir", repo, "ls-tree", "-r", "--name-only", "HEAD"], check=True,
                           capture_output=True).stdout.decode().split()
    groups: list[list[str]] = []
    for f in files:
        if not f.endswith(".clubs.txt"):
            continue
        for line in _git(repo, f).splitlines():
            line = line.split("#")[0].strip()
            if not line or line.startswith("="):
                continue
            if line.startswith("|") and groups:
                groups[-1] += [re.sub(r"\s*\[\w+\]$", "", n).strip() for n in line[1:].split("|")]
            elif not line.startswith("|"):
                groups.append([re.sub(r"^i+\)\s*", "", line.split(",")[0]).strip()])
    return groups


def clubs(repo: str, seasons: str) -> set[str]:
    """The clubs that played in the leagues of openfootball/football.json (top divisions of 20 countries,
    and the lower English, German, Spanish, Italian, French and Austrian ones, 2010-11 to 2025-26), under
    each of their names in openfootball/clubs."""
    files = subprocess.run(["git", "--git-dir", seasons, "ls-tree", "-r", "--name-only", "HEAD"], check=True,
                           capture_output=True).stdout.decode().split()
    teams = set()
    for f in files:
        if re.search(r"/[a-z]+\.\d\.json$", f):
            for m in json.loads(_git(seasons, f)).get("matches", []):
                teams |= {m.get("team1", ""), m.get("team2", "")}
    by_name = {n: g for g in _club_groups(repo) for n in g}
    out = set()
    for t in teams - {""}:
        out |= set(by_name.get(t, [t]))
        out.add(re.sub(r"^(?:A?FC|CF|SC|SV|VfB|VfL) | (?:A?FC|CF|SC)$", "", t))
    # As news writes them: up to three words, no year, sponsor, city in brackets or long legal name.
    return {n for n in out if len(n) > 3 and not n.isupper() and len(n.split()) <= 3
            and not re.search(r"[\d.$(\[/]", n) and all(w[0].isupper() or w in ("de", "del", "da", "do")
                                                      for w in n.split())}


def main(sp500: str, nyse: str, nasdaq: str, clubs_repo: str, seasons: str, corpus: str) -> None:
    lower, capital = case_counts(Path(corpus))
    rows = lambda f: csv.DictReader(x for x in (DATA / f).open(encoding="utf-8") if not x.startswith("#"))  # noqa: E731
    places = {r["spelling"] for r in rows("places.csv")}
    words = {r["word"] for r in rows("entity_words.csv") if r["kind"] != "organisation"}
    first = {r["word"] for r in rows("first_names.csv")} | {
        w.strip() for w in (DATA / "first_names_census.txt").read_text().splitlines() if not w.startswith("#")}

    surnames = Counter()  # words the corpus writes after a first name ("Alice Cooper"): counts only
    for file in sorted(Path(corpus).rglob("*.txt")):
        for a, b in re.findall(r"\b([A-Z][a-z]+) ([A-Z][\w\-]+)", file.read_text(encoding="utf-8", errors="replace")):
            if a.lower() in first:
                surnames[b] += 1

    def keep(n: str, person_too: bool = False) -> bool:
        """``person_too``: leave out first names and surnames (companies; clubs are kept: find_entities
        takes a club's one-word name only in an article about sport, "Chelsea" and "Blackburn" there)."""
        if n in places or n in words or len(n) < 3 or n in _AMBIGUOUS:
            return False
        if " " not in n:  # one word: not a common English word
            return lower[n.lower()] < max(1, capital[n.lower()]) and n.lower() not in ("the", "new") \
                and not (person_too and (n.lower() in first or surnames[n] > 0))
        return True

    table = sorted({(n, "company") for n in companies(sp500, nyse, nasdaq) if keep(n, True)}
                   | {(n, "club") for n in clubs(clubs_repo, seasons) if keep(n)})
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# Companies (S&P 500 and foreign companies listed on the NYSE and Nasdaq; datasets/* data packages,\n"
                 "# ODC PDDL 1.0) and football clubs (openfootball/clubs, CC0 1.0), as news writes them.\n"
                 "# Made by scripts/make_organisation_names.py; see corpus_tools/data/README.md.\n")
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["name", "kind"])
        w.writerows(table)
    print(f"{len(table)} names written")


if __name__ == "__main__":
    main(*sys.argv[1:7])
