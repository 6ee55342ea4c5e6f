"""A corpus larger than one pandas table through corpus_tools.dask on this machine (`make bench`).

The BBC corpus is replicated to N articles (distinct doc_ids, eight outlets, dates spread
over a year, assigned deterministically as in bench_widgets.py), generated and written
partition by partition on a LocalCluster (2 workers, 1 thread each), so no process holds
the N articles at once. Then, on the saved corpus: count_terms(by="outlet") (counted from
the texts of every article, no tokens table), timeline(by="outlet", freq="W"), kwic for one word, and add_sentiment
(VADER on every sentence) on the first --sentiment-n articles.

Peak memory is the largest sum of the resident memory of this process and every worker
process, sampled every 0.2 s. Within a partition, repeated texts are scored by VADER once,
so on replicated copies add_sentiment is faster than on a corpus of distinct texts; the
"distinct texts" row scores copies whose every sentence was made unique, for the rate a
real corpus would see.

    python benchmarks/bench_dask.py [--n 1000000] [--sentiment-n 100000] [--keep FOLDER]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpora" / "bbc_news_2225" / "bbc"
OUTLETS = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"]
GIB = 2**30


def replicate_rows(articles: pd.DataFrame, start: int, stop: int, *, distinct: bool = False) -> pd.DataFrame:
    """Rows ``start:stop`` of ``replicate(articles, n)`` (bench_widgets.py), made without the rows before.

    With ``distinct``, each sentence end of a copy gets the copy's number, so no two
    copies share a sentence (for a sentiment rate like that of distinct texts).
    """
    i = pd.RangeIndex(start, stop)
    base = articles.iloc[i % len(articles)].reset_index(drop=True)
    copy = i // len(articles)
    base["doc_id"] = [f"{d}#{k}" for d, k in zip(base["doc_id"], copy)]
    base["outlet"] = [OUTLETS[k % len(OUTLETS)] for k in i]
    base["date"] = (pd.Timestamp("2024-01-01") + pd.to_timedelta(i % 366, unit="D")).as_unit("ns")
    if distinct:
        base["text"] = [t.replace(". ", f" ({k}). ") for t, k in zip(base["text"], copy)]
    base.attrs = {}
    return base


def _replicated_part(bounds, base_path: str, distinct: bool = False) -> pd.DataFrame:
    """One partition of the replicated corpus, made on the worker from the saved base corpus."""
    from corpus_tools.io.store import read_parquet_file

    return replicate_rows(read_parquet_file(base_path), *bounds, distinct=distinct)


class PeakMemory:
    """Largest sum of resident memory of this process and its children (the workers), sampled every 0.2 s."""

    def __init__(self, interval: float = 0.2):
        import psutil

        self.me = psutil.Process()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def total(self) -> int:
        rss = 0
        for p in [self.me, *self.me.children(recursive=True)]:
            try:
                rss += p.memory_info().rss
            except Exception:  # a process that just ended
                pass
        return rss

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self.total())
            self._stop.wait(self.interval)

    def reset(self):
        self.peak = self.total()

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    p.add_argument("--n", type=int, default=1_000_000)
    p.add_argument("--sentiment-n", type=int, default=100_000, help="articles scored by add_sentiment")
    p.add_argument("--rows-per-file", type=int, default=50_000)
    p.add_argument("--memory-limit", default="8GiB", help="per worker; Dask spills and pauses before it")
    p.add_argument("--word", default="Blair", help="the word of the kwic step")
    p.add_argument("--keep", help="write the replicated corpus here and keep it (default: a temporary folder)")
    args = p.parse_args(argv)
    if not Path(args.corpus).exists():
        print(f"{args.corpus} is not present: nothing to measure.")
        return 0
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    import corpus_tools as ct
    import corpus_tools.dask as cd

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_dask_"))
    work.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        base = ct.read_articles(args.corpus, progress=False)
    base_path = ct.write_articles(base, work / "base.parquet")
    meta = replicate_rows(base, 0, 0)
    rows = []

    def bounds(n):
        return [(a, min(a + args.rows_per_file, n)) for a in range(0, n, args.rows_per_file)]

    def replicated(n, distinct=False):
        import dask

        with dask.config.set({"dataframe.convert-string": False}):
            return dd.from_map(_replicated_part, bounds(n), base_path=str(base_path), distinct=distinct, meta=meta,
                               enforce_metadata=False)

    with PeakMemory() as mem, LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=
                                           "127.0.0.1:0", memory_limit=args.memory_limit) as cluster, \
            Client(cluster):
        def step(name, n, run):
            mem.reset()
            t = time.perf_counter()
            result = run()
            seconds = time.perf_counter() - t
            rows.append((name, n, seconds, mem.peak))
            print(f"  {name}: {seconds:.1f} s, peak {mem.peak / GIB:.2f} GiB", file=sys.stderr, flush=True)
            return result

        folder = work / "corpus"
        step("replicate and write_articles(partitioned=True)", args.n,
             lambda: cd.write_articles(replicated(args.n), folder, progress=False))
        articles = cd.read_articles(folder)
        assert articles.npartitions == len(bounds(args.n))
        counts = step('count_terms(articles, by="outlet") (counts from the texts)', args.n,
                      lambda: cd.count_terms(articles, by="outlet", progress=False))
        assert counts.groupby("outlet")["n"].sum().sum() > args.n  # every article counted
        t = step('timeline(by="outlet", freq="W")', args.n,
                 lambda: cd.timeline(articles, by="outlet", freq="W", progress=False))
        assert t["n"].sum() == args.n
        hits = step(f'kwic("{args.word}") computed', args.n,
                    lambda: cd.compute(cd.kwic(articles, args.word), progress=False))
        assert len(hits) > 0
        ns = min(args.sentiment_n, args.n)
        first = articles.partitions[:len(bounds(ns))]
        scored = step("add_sentiment (copies)", ns, lambda: cd.compute(
            cd.add_sentiment(first[["doc_id", "outlet", "text"]]).drop(columns="text"), progress=False))
        assert scored["compound"].notna().sum() > 0.99 * len(scored)
        step("add_sentiment (distinct texts)", ns, lambda: cd.compute(
            cd.add_sentiment(replicated(ns, distinct=True)[["doc_id", "outlet", "text"]]).drop(columns="text"),
            progress=False))
        overall = max(r[3] for r in rows)

    print(f"\nDask path on {os.cpu_count()} cores (LocalCluster: 2 workers x 1 thread, memory_limit "
          f"{args.memory_limit} each); BBC corpus replicated to {args.n:,} articles, "
          f"{len(bounds(args.n))} Parquet parts of {args.rows_per_file:,}.\n")
    print("| step | articles | seconds | articles/s | peak memory GiB |")
    print("|---|---:|---:|---:|---:|")
    for name, n, seconds, peak in rows:
        print(f"| {name} | {n:,} | {seconds:.1f} | {n / seconds:,.0f} | {peak / GIB:.2f} |")
    import psutil

    machine = psutil.virtual_memory().total
    print(f"\nPeak memory over all steps: {overall / GIB:.2f} GiB (this process + workers), "
          f"of {machine / GIB:.0f} GiB on this machine.")
    assert overall < machine / 2, "the Dask path should stay well under the machine's memory"
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
