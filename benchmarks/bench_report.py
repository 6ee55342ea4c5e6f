"""The report people send: time to build it, size of its folder, time to open each page in chromium.

    .venv/bin/python benchmarks/bench_report.py                    # 300 articles and the BBC corpus
    .venv/bin/python benchmarks/bench_report.py --corpora 300 --repeat 1 --keep /tmp/reports

Corpora: ``300`` is 300 BBC articles (every 7th, so all five sections) given 14 outlets of
uneven size (the largest 60 articles, the smallest 6: more than the palette's 12, so the
smallest are grouped) and dates over three months, written as one CSV; ``bbc`` is the BBC
folder as it is (2,225 articles, no outlet, no dates). Each build runs ``corpus-tools report``
in a fresh process with an empty cache; each page is opened in a fresh chromium context with
the network cut off, timed from navigation until every plotly chart has drawn (each
``.plotly-graph-div`` has its ``.main-svg``). Medians of ``--repeat`` runs.
Targets (the issue): 300 articles in under 40 s and 10 MB; the BBC corpus in under 3 minutes;
every page open in under 3 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import DEFAULT_CORPUS, load_bbc  # noqa: E402

CHROMIUM = os.environ.get("CORPUS_TOOLS_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync"]
CHARTS_DRAWN = ("() => [...document.querySelectorAll('.plotly-graph-div')]"
                ".every(el => el.querySelector('.main-svg'))")
# 14 outlets, largest first: 60 + 45 + ... + 6 = 300 articles.
OUTLET_SIZES = {"Northern Courier": 60, "Daily Ledger": 45, "Evening Standard-Bearer": 36, "Metro Wire": 30,
                "The Observer-Post": 25, "Coastal Times": 20, "Valley Herald": 17, "Capital Report": 14,
                "Free Press Agency": 12, "Morning Bulletin": 10, "Harbour Gazette": 9, "Union Dispatch": 8,
                "Lakeside News": 8, "Mountain Echo": 6}
TARGETS = {"300": {"build": 40, "mb": 10}, "bbc": {"build": 180}}
OPEN_TARGET = 3.0


def corpus_300(folder: Path, bbc_folder: Path) -> Path:
    """300 BBC articles with 14 outlets and dates (deterministic), as one CSV file."""
    bbc = load_bbc(bbc_folder)
    picked = bbc.iloc[::7].head(300).reset_index(drop=True)
    outlets = [name for name, k in OUTLET_SIZES.items() for _ in range(k)]
    assert len(outlets) == len(picked) == 300, (len(outlets), len(picked))
    table = pd.DataFrame({
        "title": picked["title"], "text": picked["text"],
        # Interleaved, so each outlet's articles span the sections and the three months.
        "outlet": [outlets[(i * 37) % 300] for i in range(300)],
        "date": [(pd.Timestamp("2024-01-01") + pd.Timedelta(days=(i * 11) % 91)).date().isoformat()
                 for i in range(300)],
    })
    path = folder / "articles_300.csv"
    table.to_csv(path, index=False)
    return path


def build(corpus: Path, out: Path, extra: list[str]) -> tuple[float, str]:
    """Seconds for ``corpus-tools report`` in a fresh process with an empty cache, and its error ("" if none)."""
    if out.exists():
        shutil.rmtree(out)
    cache = tempfile.mkdtemp(prefix="bench_report_cache_")
    env = {**os.environ, "CORPUS_TOOLS_CACHE": cache}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "corpus_tools.apps.cli", "report", "--corpus", str(corpus),
                           "-o", str(out), *extra], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    seconds = time.perf_counter() - start
    shutil.rmtree(cache, ignore_errors=True)
    error = "" if done.returncode == 0 else done.stderr.strip().splitlines()[-1][:300]
    if error:
        print(f"report on {corpus.name} failed: {error}", file=sys.stderr)
    return seconds, error


def folder_mb(folder: Path, *, notebooks: bool = False) -> float:
    """Size of what is sent: the pages and the files they load; with ``notebooks``, the executed .ipynb too."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and (notebooks or p.suffix != ".ipynb")) / 1e6


def open_seconds(browser, page_path: Path) -> float:
    """Navigation until every chart has drawn, in a fresh context (no cache), network cut off."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "blob:"))
               else r.abort())
    start = time.perf_counter()
    page.goto(page_path.resolve().as_uri(), wait_until="load", timeout=120_000)
    page.wait_for_function(CHARTS_DRAWN, timeout=120_000, polling=20)
    seconds = time.perf_counter() - start
    context.close()
    return seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", nargs="+", default=["300", "bbc"], choices=["300", "bbc"])
    parser.add_argument("--repeat", type=int, default=3, help="builds and page opens per corpus (median)")
    parser.add_argument("--builds", type=int, help="builds per corpus (default: --repeat)")
    parser.add_argument("--bbc", default=str(DEFAULT_CORPUS), help="the BBC News folder (default: %(default)s)")
    parser.add_argument("--keep", help="write the reports here (default: a temporary folder, removed)")
    parser.add_argument("--self-contained", action="store_true", help="pass --self-contained to the report")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench_report_"))
    keep = Path(args.keep) if args.keep else work
    extra = ["--self-contained"] if args.self_contained else []
    summary, pages = [], []
    try:
        for name in args.corpora:
            corpus = corpus_300(work, Path(args.bbc)) if name == "300" else Path(args.bbc)
            out = keep / f"report_{name}"
            runs = [build(corpus, out, extra) for _ in range(args.builds or args.repeat)]
            times, errors = [t for t, _ in runs], [e for _, e in runs if e]
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
                for page_path in sorted(out.glob("*.html")):
                    opens = [open_seconds(browser, page_path) for _ in range(args.repeat)]
                    pages.append((name, page_path.name, page_path.stat().st_size / 1e6, statistics.median(opens)))
                browser.close()
            summary.append((name, statistics.median(times), folder_mb(out), folder_mb(out, notebooks=True),
                            len(list(out.glob("*.html"))), max(t for n, _, _, t in pages if n == name),
                            errors[0] if errors else ""))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print(f"\nReport build (median of {args.builds or args.repeat}) and page open (median of {args.repeat})"
          + (" (--self-contained)" if args.self_contained else "") + "\n")
    print("| corpus | build s | target | pages MB | target | with .ipynb MB | pages | slowest open s | target |")
    print("|---|---:|---|---:|---|---:|---:|---:|---|")
    for name, seconds, mb, mb_all, n, slowest, error in summary:
        t = TARGETS[name]
        label = "300 articles, 14 outlets" if name == "300" else "BBC, 2,225 articles"
        met_b = "met" if seconds < t["build"] else "missed"
        met_mb = ("met" if mb < t["mb"] else "missed") if "mb" in t else ""
        met_b = f"failed: {error}" if error else met_b
        print(f"| {label} | {seconds:.1f} | {met_b} (<{t['build']} s) | {mb:.1f} | "
              f"{met_mb + (' (<' + str(t['mb']) + ' MB)' if met_mb else '')} | {mb_all:.1f} | {n} | {slowest:.2f} | "
              f"{'met' if slowest < OPEN_TARGET else 'missed'} (<{OPEN_TARGET:g} s) |")
    print("\n| corpus | page | page MB | open s |")
    print("|---|---|---:|---:|")
    for name, page, mb, seconds in pages:
        print(f"| {name} | {page} | {mb:.2f} | {seconds:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
