"""Publication dates of HTML pages against human gold: htmldate's evaluation sets (Apache-2.0, github adbar/htmldate).

The pages are not part of this repository. Bring them with the search tool's ``fetch github:adbar/htmldate``
(or a clone) and point ``--repo`` at it, or unpack ``tests/`` somewhere and point ``--folder`` at that:

    python benchmarks/eval_html_dates.py --repo /work/.mirror/adbar+htmldate/repo [--set mediacloud|default] [--errors]

Sets: ``mediacloud`` (``tests/eval_mediacloud_2020.json``: 200 news pages from world news sites, 2020, gold by
the Data Culture Group, 5 marked undated, pages in ``tests/test_set/``); ``default`` (``tests/eval_default.json``:
800 pages, mostly German, BBAW gold, pages in ``tests/cache/`` and ``tests/eval/``).

Prints, before (trafilatura's date, fast mode, as on main) and after (``read_html_text``): exact-day accuracy over
the pages with a gold date, pages left undated, and dates given to pages the gold marks as undated.

Figures (htmldate v1.10.0 snapshot). Both sets were used while tuning (mediacloud page by page; default for the
htmldate fallback, the og:type 'website' rule and the order of visible dates), so neither is a held-out measure:

    mediacloud: before 0.856 (167/195), 17 undated, 2 dates on gold-undated pages
                after  0.928 (181/195),  6 undated, 1 date on a gold-undated page (a company-registry page)
    default:    before 0.865 (692/800), 49 undated;  after 0.882 (706/800), 43 undated
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from corpus_tools.io.date_values import read_date_value  # noqa: E402
from corpus_tools.io.formats import read_html_text  # noqa: E402

SETS = {"mediacloud": ("tests/eval_mediacloud_2020.json", ("tests/test_set",)),
        "default": ("tests/eval_default.json", ("tests/cache", "tests/eval"))}


def _day(value) -> str | None:
    if not value:
        return None
    v = read_date_value(value)
    return None if v.local is None else v.local.date().isoformat()


def before(html: str) -> str | None:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                      date_extraction_params={"extensive_search": False, "original_date": True})
    return _day(doc.date) if doc is not None else None


def after(html: str, url: str) -> tuple[str | None, str]:
    recs, _ = read_html_text(html, url)
    if not recs:
        return None, "no article"
    r = recs[0]
    return _day(r.get("date")), r.get("_undated") or r["_columns"].get("date", "")


def _folder(args) -> Path:
    if args.folder:
        return Path(args.folder)
    out = Path(tempfile.mkdtemp(prefix="htmldate_eval_"))
    json_file, dirs = SETS[args.set]
    tar = subprocess.run(["git", "--git-dir", args.repo, "archive", "HEAD", json_file, *dirs],
                         check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=tar, check=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", default="/work/.mirror/adbar+htmldate/repo")
    ap.add_argument("--folder", help="a folder holding htmldate's tests/ (instead of --repo)")
    ap.add_argument("--set", choices=sorted(SETS), default="mediacloud")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--no-before", action="store_true")
    args = ap.parse_args()
    root = _folder(args)
    json_file, dirs = SETS[args.set]
    gold = json.loads((root / json_file).read_text(encoding="utf-8"))
    counts = {k: 0 for k in ("pages", "dated_gold", "before_ok", "after_ok", "before_none", "after_none",
                             "before_invented", "after_invented", "undated_gold")}
    for url, item in gold.items():
        path = next((root / d / item["file"] for d in dirs if (root / d / item["file"]).exists()), None)
        if path is None:
            continue
        html = path.read_bytes().decode("utf-8", errors="replace")
        want = item.get("date") if isinstance(item.get("date"), str) else None
        b = None if args.no_before else before(html)
        a, how = after(html, url)
        counts["pages"] += 1
        if want is None:
            counts["undated_gold"] += 1
            counts["before_invented"] += b is not None
            counts["after_invented"] += a is not None
        else:
            counts["dated_gold"] += 1
            counts["before_ok"] += b == want
            counts["after_ok"] += a == want
            counts["before_none"] += b is None
            counts["after_none"] += a is None
        if args.errors and a != want:
            print(f"{item['file']}\tgold={want}\tafter={a}\tbefore={b}\t{how[:90]}\t{url[:80]}")
    n = max(counts["dated_gold"], 1)
    print(f"set {args.set}: {counts['pages']} pages, {counts['dated_gold']} with a gold date, "
          f"{counts['undated_gold']} marked undated")
    for k in ("before", "after"):
        if k == "before" and args.no_before:
            continue
        print(f"{k:6}: exact day {counts[k + '_ok'] / n:.3f} ({counts[k + '_ok']}/{n}), "
              f"left undated {counts[k + '_none']}, dates on gold-undated pages {counts[k + '_invented']}")


if __name__ == "__main__":
    main()
