"""Topics and the article map: time and peak memory on the BBC corpus and at 100,000 articles (`make bench`).

Not a test. Each task runs in a fresh Python process with an empty cache folder (so tokens
are made afresh, and written to the cache as a notebook run would), on:

- the BBC corpus (2,225 articles, five sections): ``find_topics(n_topics=5)``, whose main
  topics are compared with the sections (normalized mutual information, asserted >= 0.75,
  and the same on a second run), ``find_article_map`` with SVD and with t-SNE;
- the BBC corpus replicated to ``--n`` articles (``_corpus.replicate``: distinct doc_ids,
  eight outlets, dates over a year): ``find_topics(n_topics=5)`` and ``find_article_map``
  (SVD; t-SNE stops at 20,000 articles by design) with pandas, in one process;
- the same ``--n`` articles saved in Parquet parts of 50,000 and run through
  ``corpus_tools.dask.find_topics`` on a LocalCluster (2 workers x 1 thread), the documents
  table computed too.

scikit-learn is imported before the timing (1-2 s, once per session). Peak memory is the
largest resident memory of the process and its children (forked tokenizing workers; the
Dask workers), sampled every 0.2 s; "added" is above the level before the task (the
articles table already read).

    python benchmarks/bench_topics.py [--n 100000] [--skip-dask] [--dir /tmp/corpus_tools_bench_topics]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
if os.environ.get("BENCH_CODE") is None:
    sys.path.insert(0, str(REPO))
from _corpus import DEFAULT_CORPUS, load_bbc, replicate  # noqa: E402
from bench_core import machine_line  # noqa: E402
from bench_dask import PeakMemory  # noqa: E402

MIB = 2**20


def _section_nmi(docs) -> float:
    from sklearn.metrics import normalized_mutual_info_score

    main = docs[docs["main"]]
    return float(normalized_mutual_info_score(main["doc_id"].str.split("/").str[0].str.split("#").str[0],
                                              main["topic"]))


def _measure(run):
    """``(result, seconds, peak MiB, added MiB)`` of ``run()``: this process and its children."""
    import gc

    gc.collect()
    with PeakMemory() as mem:
        mem.reset()
        start_level = mem.peak
        t = time.perf_counter()
        result = run()
        seconds = time.perf_counter() - t
        time.sleep(0.25)
    return result, seconds, mem.peak / MIB, (mem.peak - start_level) / MIB


def child(task: str, path: str) -> dict:
    """One task in this (fresh) process: the articles are read from ``path`` first, outside the timing."""
    import pandas as pd

    import corpus_tools as ct

    articles = pd.read_parquet(path)
    import sklearn.decomposition  # noqa: F401  (imported once per session: 1-2 s not counted here)
    import sklearn.manifold  # noqa: F401

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if task == "topics":
            topics, seconds, peak, added = _measure(lambda: ct.find_topics(articles, n_topics=5, seed=0))
            out = {"nmi": _section_nmi(topics.documents)}  # (copies keep their section in the doc_id)
            if len(articles) < 5000:  # the same assignment on a second run
                again = ct.find_topics(articles, n_topics=5, seed=0)
                pd.testing.assert_frame_equal(again.documents, topics.documents)
            out["labels"] = [str(v) for v in topics.terms["label"].cat.categories]
        else:
            method = task.split("-")[1]
            result, seconds, peak, added = _measure(lambda: ct.find_article_map(articles, method=method))
            assert len(result) == len(articles)
            out = {}
    return {"seconds": seconds, "peak_mib": peak, "added_mib": added, "n": len(articles), **out}


def spawn_child(task: str, path: Path) -> dict:
    import subprocess

    cache = tempfile.mkdtemp(prefix="bench_topics_cache_")
    env = {**os.environ, "CORPUS_TOOLS_CACHE": cache, "PYTHONPATH": os.environ.get("BENCH_CODE", str(REPO))}
    try:
        out = subprocess.run([sys.executable, __file__, "--child", task, "--path", str(path)], capture_output=True,
                             text=True, env=env)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    if out.returncode != 0:
        raise RuntimeError(f"{task} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_dask(base, n: int, work: Path, rows_per_file: int = 50_000) -> list[dict]:
    import dask
    import dask.dataframe as dd
    from bench_dask import _replicated_part, replicate_rows
    from distributed import Client, LocalCluster

    import corpus_tools as ct
    import corpus_tools.dask as cd

    base_path = ct.write_articles(base, work / "base.parquet")
    bounds = [(a, min(a + rows_per_file, n)) for a in range(0, n, rows_per_file)]
    rows = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
                      memory_limit="8GiB") as cluster, Client(cluster):
        with dask.config.set({"dataframe.convert-string": False}):
            big = dd.from_map(_replicated_part, bounds, base_path=str(base_path), meta=replicate_rows(base, 0, 0),
                              enforce_metadata=False)
        folder = cd.write_articles(big, work / "corpus", progress=False)
        articles = cd.read_articles(folder)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            topics, seconds, peak, added = _measure(lambda: cd.find_topics(articles, n_topics=5, progress=False))
            rows.append({"task": "corpus_tools.dask.find_topics (MiniBatchNMF), tables made", "n": n,
                         "seconds": seconds, "peak_mib": peak, "added_mib": added})
            docs, seconds, peak, added = _measure(lambda: cd.compute(topics.documents, progress=False))
            rows.append({"task": "  + its documents table computed", "n": n, "seconds": seconds, "peak_mib": peak,
                         "added_mib": added})
        assert docs["doc_id"].nunique() == n
        rows[0]["labels"] = [str(v) for v in topics.terms["label"].cat.categories]
        rows[0]["nmi"] = _section_nmi(docs)
    return rows


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    p.add_argument("--n", type=int, default=100_000)
    p.add_argument("--skip-dask", action="store_true")
    p.add_argument("--dir", help="keep the prepared corpora here (default: a temporary folder)")
    p.add_argument("--child")
    p.add_argument("--path")
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.path)))
        return 0
    if not Path(args.corpus).exists():
        print(f"{args.corpus} is not present: nothing to measure.")
        return 0
    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="bench_topics_"))
    work.mkdir(parents=True, exist_ok=True)
    print(machine_line(), file=sys.stderr)
    bbc = load_bbc(args.corpus)
    bbc.attrs = {}  # (the load report: not needed here, and plain Parquet cannot hold it)
    slim = ["doc_id", "title", "text", "outlet", "date"]
    paths = {len(bbc): work / "bbc.parquet", args.n: work / f"replicated-{args.n}.parquet"}
    bbc[slim].to_parquet(paths[len(bbc)])
    if not paths[args.n].exists():
        replicate(bbc, args.n)[slim].to_parquet(paths[args.n])
    plan = [("topics", len(bbc), "find_topics(n_topics=5)"), ("map-svd", len(bbc), "find_article_map (SVD)"),
            ("map-tsne", len(bbc), "find_article_map (t-SNE)"), ("topics", args.n, "find_topics(n_topics=5)"),
            ("map-svd", args.n, "find_article_map (SVD)")]
    rows = []
    for task, n, label in plan:
        r = spawn_child(task, paths[n])
        rows.append({"task": label, **r})
        print(f"  {label} at {n:,}: {r['seconds']:.1f} s, peak {r['peak_mib']:.0f} MiB", file=sys.stderr, flush=True)
    if not args.skip_dask:
        rows += run_dask(bbc, args.n, work)
    nmi = next(r["nmi"] for r in rows if "nmi" in r)
    assert nmi >= 0.75, f"BBC: the five topics agree with the five sections at NMI {nmi:.3f} only"
    print("\n| task | articles | seconds | articles/s | peak memory MiB | added MiB |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['task']} | {r['n']:,} | {r['seconds']:.1f} | {r['n'] / r['seconds']:,.0f} | "
              f"{r['peak_mib']:,.0f} | {r['added_mib']:,.0f} |")
    print(f"\nBBC: main topics against the five sections, normalized mutual information {nmi:.3f} "
          "(the same assignment on a second run).")
    for r in rows:
        if "labels" in r:
            extra = f", NMI with the sections {r['nmi']:.3f}" if "nmi" in r else ""
            print(f"- {r['task']} at {r['n']:,}{extra}: {'; '.join(r['labels'])}")
    print("\nt-SNE stops at 20,000 articles (find_article_map raises above): at 100,000 the map is the SVD one.")
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
