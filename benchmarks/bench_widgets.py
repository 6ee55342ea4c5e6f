"""How fast the notebook explorers redraw after a filter change on a large corpus (`make bench`).

The BBC corpus is replicated to N articles with distinct doc_ids, eight outlets and dates
spread over a year, assigned deterministically. We time, side by side, the redraw after a
change of the outlet filter in the terms and timeline explorers (median of several changes).

    python benchmarks/bench_widgets.py [--n 20000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpora" / "bbc_news_2225" / "bbc"
OUTLETS = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"]


def replicate(articles: pd.DataFrame, n: int) -> pd.DataFrame:
    """``n`` articles made of copies of ``articles``, each with its own id, outlet and date."""
    reps = -(-n // len(articles))
    big = pd.concat([articles] * reps, ignore_index=True).iloc[:n].copy()
    i = pd.RangeIndex(n)
    big["doc_id"] = [f"{d}#{k}" for d, k in zip(big["doc_id"], i // len(articles))]
    big["outlet"] = [OUTLETS[k % len(OUTLETS)] for k in i]
    big["date"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(i % 366, unit="D")
    big.attrs = {}
    return big


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    p.add_argument("--n", type=int, nargs="+", default=[20000])
    p.add_argument("--changes", type=int, default=5)
    args = p.parse_args(argv)
    import corpus_tools as ct
    from corpus_tools.widgets import terms_explorer, timeline_explorer

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        base = ct.read_articles(args.corpus, progress=False)
    print("| articles | explorer | set-up s | redraw after a filter change: median ms | runs |")
    print("|---:|---|---:|---:|---:|")
    for n in args.n:
        big = replicate(base, n)
        for name, make in (("terms", terms_explorer), ("timeline", timeline_explorer)):
            t = time.perf_counter()
            ex = make(big)
            setup = time.perf_counter() - t
            times = []
            choices = [tuple(OUTLETS[:k]) for k in range(2, 2 + args.changes)]
            for choice in choices:
                t = time.perf_counter()
                ex.panel.outlets.value = choice  # the observer redraws the figure
                times.append(time.perf_counter() - t)
            assert ex.figure is not None
            print(f"| {n:,} | {name} | {setup:.1f} | {statistics.median(times) * 1000:.0f} | {len(times)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
