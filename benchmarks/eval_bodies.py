"""Article bodies of HTML pages against human gold: Zyte's article-extraction-benchmark (MIT, github
scrapinghub/article-extraction-benchmark): 181 news and blog pages, the body text written out by people.

The pages are not part of this repository. Bring them with the search tool's
``fetch github:scrapinghub/article-extraction-benchmark`` (or a clone) and point ``--repo`` at it:

    python benchmarks/eval_bodies.py [--repo /work/.mirror/scrapinghub+article-extraction-benchmark/repo] [--worst 10]

Scores are the benchmark's own (its ``evaluate.py``: 4-word shingles, precision and recall averaged over pages,
F1 from those means). Printed: trafilatura alone with the options ``read_articles`` gives it (``before`` the
body clean-up), and the ``text`` column of ``read_articles`` on the folder of pages (body clean-up included,
lines repeated across the 181 pages counted as a corpus would).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

_TOKEN = re.compile(r"\w+")


def _shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def page_scores(true: str, pred: str) -> tuple[float, float, float]:
    """``(tp, fp, fn)`` of one page, normalised to sum 1 (the benchmark's ``string_shingle_matching``)."""
    t, p = _shingles(true), _shingles(pred)
    tp = sum(min(t[k], p[k]) for k in t.keys() | p.keys())
    fp = sum(max(0, p[k] - t[k]) for k in t.keys() | p.keys())
    fn = sum(max(0, t[k] - p[k]) for k in t.keys() | p.keys())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def summary(scores: list[tuple[float, float, float]]) -> dict:
    def prec(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def rec(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    p = statistics.mean(prec(*s) for s in scores if s[0] + s[1] > 0)
    r = statistics.mean(rec(*s) for s in scores if s[0] + s[2] > 0)
    return {"f1": 2 * p * r / (p + r), "precision": p, "recall": r}


def page_f1(s) -> float:
    tp, fp, fn = s
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _folder(repo: str) -> Path:
    out = Path(tempfile.mkdtemp(prefix="bodies_eval_"))
    tar = subprocess.run(["git", "--git-dir", repo, "archive", "HEAD", "html", "ground-truth.json"],
                         check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=tar, check=True)
    pages = out / "pages"
    pages.mkdir()
    for gz in (out / "html").glob("*.html.gz"):
        (pages / gz.name[:-3]).write_bytes(gzip.decompress(gz.read_bytes()))
    return out


def trafilatura_alone(html: str) -> str:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                      date_extraction_params={"extensive_search": False, "original_date": True})
    return (doc.text or "") if doc is not None else ""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", default="/work/.mirror/scrapinghub+article-extraction-benchmark/repo")
    ap.add_argument("--worst", type=int, default=0, help="list the N pages where we lose most")
    ap.add_argument("--no-before", action="store_true", help="skip trafilatura alone")
    args = ap.parse_args()

    import warnings

    import corpus_tools as ct

    root = _folder(args.repo)
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = ct.read_articles(root / "pages", cache=False, progress=False)
    got = {Path(p).name.split(".")[0]: t for p, t in zip(articles["source_path"], articles["text"])}
    removed = {Path(p).name.split(".")[0]: r for p, r in zip(articles["source_path"], articles["removed_lines"])}
    keys = sorted(gold)
    ours = [page_scores(gold[k]["articleBody"], got.get(k, "")) for k in keys]
    rows = [("read_articles (text column)", summary(ours))]
    if not args.no_before:
        alone = [page_scores(gold[k]["articleBody"],
                             trafilatura_alone((root / "pages" / f"{k}.html").read_text(encoding="utf-8")))
                 for k in keys]
        rows.insert(0, ("trafilatura alone (same options)", summary(alone)))
    print(f"{len(keys)} pages, {len(got)} loaded")
    for name, m in rows:
        print(f"{name:<36} F1 {m['f1']:.4f}  precision {m['precision']:.4f}  recall {m['recall']:.4f}")
    if args.worst:
        print("\nworst pages (F1, precision, recall, url, removed lines by reason):")
        for k, s in sorted(zip(keys, ours), key=lambda x: page_f1(x[1]))[: args.worst]:
            p = s[0] / (s[0] + s[1]) if s[0] + s[1] else 0.0
            r = s[0] / (s[0] + s[2]) if s[0] + s[2] else 0.0
            reasons = Counter(x.get("reason", "")[:30] for x in (removed.get(k) or []))
            print(f"{page_f1(s):.3f} {p:.3f} {r:.3f} {k[:10]} {gold[k].get('url', '')[:70]} {dict(reasons)}")


if __name__ == "__main__":
    main()
