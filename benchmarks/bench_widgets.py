"""How fast every notebook explorer redraws after a filter change on a large corpus (`make bench`).

Not a test. The BBC corpus is replicated to N articles (``_corpus.replicate``: distinct doc_ids,
eight outlets, dates over a year). For each explorer of :mod:`corpus_tools.widgets` (terms,
timeline, sentiment, kwic, topics) we build it once, then change the outlet filter several
times and time each redraw: median with the range, wall and CPU time, the load average before
and after. The target is under 150 ms per redraw at 100,000 articles.

    python benchmarks/bench_widgets.py [--n 100000] [--changes 8] [--explorers terms kwic]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _corpus import DEFAULT_CORPUS, OUTLETS, load_bbc, replicate  # noqa: E402

EXPLORERS = ["terms", "timeline", "sentiment", "kwic", "topics"]
KWIC_WORD = "government"
TARGET_MS = 150


def make_explorer(name: str, articles):
    from corpus_tools import widgets

    if name == "kwic":
        return widgets.kwic_explorer(articles, KWIC_WORD)
    if name == "topics":
        return widgets.topics_explorer(articles, n_topics=5)
    return getattr(widgets, f"{name}_explorer")(articles)


def drawn(ex) -> bool:
    """The explorer shows a result (a table, a figure), not only a message."""
    return any(getattr(ex, a, None) is not None for a in ("table", "figure", "shares_figure"))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    p.add_argument("--n", type=int, nargs="+", default=[100_000])
    p.add_argument("--changes", type=int, default=8)
    p.add_argument("--explorers", nargs="*", default=EXPLORERS, choices=EXPLORERS)
    args = p.parse_args(argv)
    os.environ.setdefault("TQDM_DISABLE", "1")
    os.environ.setdefault("CORPUS_TOOLS_CACHE", tempfile.mkdtemp(prefix="bench_widgets_"))
    base = load_bbc(args.corpus)
    print("| articles | explorer | set-up s | redraw ms: median (range) | CPU ms: median | runs | load before → after |"
          f" under {TARGET_MS} ms? |")
    print("|---:|---|---:|---:|---:|---:|---|---|")
    for n in args.n:
        big = replicate(base, n)
        for name in args.explorers:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                t = time.perf_counter()
                ex = make_explorer(name, big)
                setup = time.perf_counter() - t
                load = os.getloadavg()[0]
                walls, cpus = [], []
                choices = [tuple(OUTLETS[:k]) for k in (2, 3, 4, 5, 6, 7, 8, 1)]
                for k in range(args.changes):
                    c, t = time.process_time(), time.perf_counter()
                    ex.panel.outlets.value = choices[k % len(choices)]  # the observer redraws
                    walls.append((time.perf_counter() - t) * 1000)
                    cpus.append((time.process_time() - c) * 1000)
                    assert drawn(ex), f"{name}: nothing drawn"
            med = statistics.median(walls)
            print(f"| {n:,} | {name} | {setup:.1f} | {med:.0f} ({min(walls):.0f}-{max(walls):.0f}) | "
                  f"{statistics.median(cpus):.0f} | {len(walls)} | {load:.1f} → {os.getloadavg()[0]:.1f} | "
                  f"{'yes' if med < TARGET_MS else 'NO'} |", flush=True)
            del ex
    return 0


if __name__ == "__main__":
    sys.exit(main())
