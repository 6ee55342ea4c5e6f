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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _corpus import DEFAULT_CORPUS, OUTLETS, replicate  # noqa: E402


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    p.add_argument("--n", type=int, nargs="+", default=[20000])
    p.add_argument("--changes", type=int, default=5)
    args = p.parse_args(argv)
    import corpus_tools as ct
    from corpus_tools.ui.explorers import terms_explorer, timeline_explorer

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
