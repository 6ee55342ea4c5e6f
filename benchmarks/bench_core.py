"""Benchmarks of the analysis core on the BBC News corpus (not a test; run with `make bench`).

Each task runs in a fresh Python process, several times; we report the median time,
articles per second, and the peak memory the task added to the process (max RSS growth).
Competing implementations run in the same invocation, side by side, so their ratio is
meaningful even on a noisy machine. Results are checked for equality before timing.

    python benchmarks/bench_core.py [--repeat 3] [--corpus ../shared/corpora/bbc_news_2225/bbc]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpora" / "bbc_news_2225" / "bbc"


def _rss_mb() -> float:
    """Current resident memory (Linux /proc), else the peak so far."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class PeakMemory:
    """Samples resident memory every few milliseconds while a task runs; ``.added`` is peak − start."""

    def __enter__(self):
        import threading

        self.start = self.peak = _rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, _rss_mb())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_mb())
        self.added = self.peak - self.start


def _load(corpus):
    import corpus_tools as ct

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ct.read_articles(corpus, progress=False)


def task_read_folder(corpus):
    return _load(corpus)


def task_ours_terms(corpus, articles):
    from corpus_tools.terms import count_terms
    from corpus_tools.tokens import tokenize

    return count_terms(tokenize(articles, cache=False))


def task_sklearn_terms(corpus, articles):
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    from corpus_tools.tokens import TOKEN_PATTERN

    vec = CountVectorizer(token_pattern=TOKEN_PATTERN, preprocessor=lambda s: s.lower().replace("’", "'"))
    m = vec.fit_transform(articles["text"])
    return dict(zip(vec.get_feature_names_out(), np.asarray(m.sum(axis=0)).ravel()))


def task_ours_sentiment(corpus, sentences):
    from corpus_tools.sentiment import add_sentiment

    return add_sentiment(sentences, progress=False, cache=False)


def task_vader_loop(corpus, sentences):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    return [sia.polarity_scores(t) for t in sentences["text"]]


TASKS = {
    "read_articles (folder of .txt)": ("task_read_folder", None),
    "tokenize + count_terms": ("task_ours_terms", "articles"),
    "CountVectorizer + column sums": ("task_sklearn_terms", "articles"),
    "add_sentiment (sentences)": ("task_ours_sentiment", "sentences"),
    "vaderSentiment loop (sentences)": ("task_vader_loop", "sentences"),
}


def run_child(name: str, corpus: str, repeat: int, inputs: str) -> dict:
    """Run one task ``repeat`` times in this process; return timings and peak memory.

    Inputs come from Parquet files written by the parent, so that reading them costs
    little memory and the peak RSS growth is the task's own.
    """
    import pandas as pd

    func_name, needs = TASKS[name]
    func = globals()[func_name]
    arg = pd.read_parquet(Path(inputs) / f"{needs}.parquet") if needs else None
    n_articles = len(pd.read_parquet(Path(inputs) / "articles.parquet", columns=["doc_id"]))
    times, added = [], []
    for _ in range(repeat):
        with PeakMemory() as mem:
            t = time.perf_counter()
            result = func(corpus, arg) if needs else func(corpus)
            times.append(time.perf_counter() - t)
        added.append(mem.added)
        del result
    n_rows = len(arg) if arg is not None else n_articles
    return {"times": times, "peak_mb": max(added), "n_articles": n_articles, "n_rows": n_rows}


def write_inputs(corpus: str, folder: Path) -> None:
    from corpus_tools.tokens import split_sentences

    articles = _load(corpus)
    plain = articles[["doc_id", "text"]].copy()
    plain.attrs = {}  # pandas cannot store the load report (a table) in Parquet metadata
    plain.to_parquet(folder / "articles.parquet")
    split_sentences(articles, cache=False).to_parquet(folder / "sentences.parquet")


def check_equal(corpus: str) -> list[str]:
    """The competing implementations must agree before their speed means anything."""
    notes = []
    articles = _load(corpus)
    ours = task_ours_terms(corpus, articles).set_index("term")["n"].to_dict()
    theirs = task_sklearn_terms(corpus, articles)
    same = ours == {k: int(v) for k, v in theirs.items()}
    notes.append(f"term counts equal to CountVectorizer's: {same} ({len(ours)} terms)")
    try:
        from corpus_tools.tokens import split_sentences

        sents = split_sentences(articles, cache=False)
        a = task_ours_sentiment(corpus, sents)
        b = task_vader_loop(corpus, sents)
        diff = max(abs(x - y["compound"]) for x, y in zip(a["compound"], b))
        notes.append(f"sentence scores equal to vaderSentiment's: max |difference| = {diff:.1e} over {len(b)} sentences")
    except ImportError:
        notes.append("sentiment: corpus_tools.sentiment not available")
    return notes


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--child")
    p.add_argument("--inputs")
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(run_child(args.child, args.corpus, args.repeat, args.inputs)))
        return 0
    if not Path(args.corpus).exists():
        print(f"Corpus not found: {args.corpus}. Pass --corpus.", file=sys.stderr)
        return 1
    print(f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores")
    print(f"Corpus: {args.corpus}\n")
    for note in check_equal(args.corpus):
        print("- " + note)
    print()
    print("Peak MB added: the most resident memory rose above its level at the start of a run (inputs already loaded).")
    print()
    print("| task | median s | articles/s | rows/s | peak MB added | runs |")
    print("|---|---:|---:|---:|---:|---:|")
    results = {}
    inputs = Path(tempfile.mkdtemp(prefix="corpus_tools_bench_"))
    write_inputs(args.corpus, inputs)
    for name in TASKS:
        out = subprocess.run([sys.executable, __file__, "--child", name, "--corpus", args.corpus, "--repeat", str(args.repeat),
                              "--inputs", str(inputs)], capture_output=True, text=True)
        if out.returncode != 0:
            print(f"| {name} | failed: {out.stderr.strip().splitlines()[-1] if out.stderr.strip() else '?'} | | | | |")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        med = statistics.median(r["times"])
        results[name] = med
        print(f"| {name} | {med:.2f} | {r['n_articles'] / med:,.0f} | {r['n_rows'] / med:,.0f} | {r['peak_mb']:.0f} | {len(r['times'])} |")
    print()
    pairs = [("tokenize + count_terms", "CountVectorizer + column sums"),
             ("add_sentiment (sentences)", "vaderSentiment loop (sentences)")]
    for ours, theirs in pairs:
        if ours in results and theirs in results:
            print(f"- {ours} vs {theirs}: {results[theirs] / results[ours]:.2f}x the throughput")
    return 0


if __name__ == "__main__":
    sys.exit(main())
