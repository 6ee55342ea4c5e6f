"""Sentiment side by side: add_sentiment against the vaderSentiment loop on the BBC corpus's sentences.

Not a test. Interleaved runs (ours, theirs, ours, theirs ...) on the same sentences, one
fresh cache-less call each; medians with the range, wall and CPU time (CPU includes
forked workers), the load average before and after. ``--busy`` runs a busy-loop process
alongside, as when another program holds the second core.

    python benchmarks/bench_sentiment.py [--runs 5] [--busy] [--cores N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _corpus import DEFAULT_CORPUS, load_bbc  # noqa: E402


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn):
    c, t = cpu(), time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t, cpu() - c


def spread(xs) -> str:
    return f"{statistics.median(xs):.2f} s ({min(xs):.2f}-{max(xs):.2f})"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--busy", action="store_true", help="keep one core busy with another process meanwhile")
    p.add_argument("--cores", type=int, default=None, help="set_cores(N) for ours (default: chosen by the package)")
    args = p.parse_args(argv)
    os.environ.setdefault("TQDM_DISABLE", "1")
    import numpy as np
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    import corpus_tools as ct
    from corpus_tools.analysis import vader as ours_vader
    from corpus_tools.core import parallel

    if args.cores:
        parallel.set_cores(args.cores)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sentences = ct.split_sentences(load_bbc(args.corpus), cache=False)[["text"]].drop_duplicates(ignore_index=True)
    texts = sentences["text"].tolist()

    def ours():
        ours_vader._vader = None  # as in a fresh session: the lexicon is read again
        return ct.add_sentiment(sentences, method="text", cache=False, progress=False)

    def theirs():
        analyzer = SentimentIntensityAnalyzer()  # reads its lexicon, as ours does in a fresh session
        return [analyzer.polarity_scores(t) for t in texts]

    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if args.busy else None
    try:
        time.sleep(0.5 if busy else 0)
        load_before = os.getloadavg()
        rows = {"ours": [], "vaderSentiment": []}
        for _ in range(args.runs):
            for name, fn in (("ours", ours), ("vaderSentiment", theirs)):
                result, wall, cpu_s = timed(fn)
                rows[name].append((wall, cpu_s))
                if name == "ours":
                    mine = result[["neg", "neu", "pos", "compound"]].to_numpy()
                else:
                    ref = np.array([[d[k] for k in ("neg", "neu", "pos", "compound")] for d in result])
        load_after = os.getloadavg()
    finally:
        if busy:
            busy.kill()
            busy.wait()
    assert (mine == ref).all(), "scores differ from vaderSentiment"
    chosen = getattr(parallel, "free_cores", parallel.n_cores)()  # (older releases: every core)
    print(f"{len(texts):,} distinct sentences; scores identical to vaderSentiment's; busy core: {args.busy}; "
          f"processes chosen now: {chosen}; load {load_before[0]:.2f} before, {load_after[0]:.2f} after")
    w = {k: [r[0] for r in v] for k, v in rows.items()}
    c = {k: [r[1] for r in v] for k, v in rows.items()}
    for k in rows:
        print(f"  {k:15s} wall {spread(w[k])}  cpu {spread(c[k])}")
    ratio_w = [b / a for a, b in zip(w["ours"], w["vaderSentiment"])]
    ratio_c = [b / a for a, b in zip(c["ours"], c["vaderSentiment"])]
    print(f"  ratio (theirs/ours) wall {statistics.median(ratio_w):.2f}x ({min(ratio_w):.2f}-{max(ratio_w):.2f}), "
          f"cpu {statistics.median(ratio_c):.2f}x ({min(ratio_c):.2f}-{max(ratio_c):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
