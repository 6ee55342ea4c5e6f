"""Scale benchmark of shared passages on the BBC News corpus grown to N articles (not a test).

The 2,225 BBC articles are repeated until there are N, each repeat with its own doc_id and
lightly changed text (some sentences dropped or replaced, chosen deterministically), so that
the corpus is full of near-copies, the hard case for shared-passage detection. We time
find_shared_passages, add_shared_share and find_similar_articles (median of --repeat runs)
and the peak memory each adds (resident memory sampled every 5 ms, peak minus start).

    python benchmarks/bench_shared.py --n 10000 [--repeat 3] [--corpus ../shared/corpora/bbc_news_2225/bbc]
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpora" / "bbc_news_2225" / "bbc"
sys.path.insert(0, str(HERE))
from _corpus import grow  # noqa: E402  (one corpus builder for every benchmark)
from bench_core import PeakMemory  # noqa: E402  (one way of measuring memory for every benchmark)


def timed(fn, repeat: int):
    times, peaks, result = [], [], None
    for _ in range(repeat):
        result = None
        gc.collect()
        with PeakMemory() as mem:
            t0 = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - t0)
        peaks.append(mem.added)
    return statistics.median(times), max(peaks), result


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles after growing the corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--min-words", type=int, default=8)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parent))
    os.environ.setdefault("TQDM_DISABLE", "1")  # progress bars would bury the table
    import corpus_tools as ct
    from corpus_tools.media.passages import add_shared_share, find_shared_passages
    from corpus_tools.media.similarity import find_similar_articles

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        base = ct.read_articles(args.corpus, progress=False)
    articles = grow(base[["doc_id", "outlet", "text"]], args.n)
    n_words = int(articles["text"].str.count(r"\S+").sum())
    print(f"{len(articles):,} articles ({n_words:,} words) grown from {len(base):,} BBC articles; "
          f"Python {platform.python_version()}, {platform.machine()}, median of {args.repeat}\n")

    k = args.min_words
    t1, m1, passages = timed(lambda: find_shared_passages(articles, min_words=k, cache=False), args.repeat)
    t2, m2, shares = timed(lambda: add_shared_share(articles, passages=passages), args.repeat)
    t3, m3, pairs = timed(lambda: find_similar_articles(articles, min_words=k), args.repeat)
    rows = [
        ("find_shared_passages", t1, m1, f"{len(passages):,} rows, {passages['passage_id'].nunique():,} passages"),
        ("add_shared_share (passages given)", t2, m2, f"mean shared_share {shares['shared_share'].mean():.2f}"),
        ("find_similar_articles (threshold 0.5)", t3, m3, f"{len(pairs):,} pairs"),
    ]
    print("| task | median s | articles/s | peak MB added | result |")
    print("|---|---:|---:|---:|---|")
    for name, t, m, note in rows:
        print(f"| {name} | {t:.2f} | {len(articles) / t:,.0f} | {m:,.0f} | {note} |")


if __name__ == "__main__":
    main()
