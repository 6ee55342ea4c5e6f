"""Notebook 02 up to its first chart, cold: a fresh process runs its code cells with an empty cache.

    .venv/bin/python benchmarks/bench_notebook02.py [--corpus FOLDER] [--repeat 3] [--baseline DIR]

Each run is a fresh Python process (imports included) with ``CORPUS_TOOLS_CACHE`` pointed at an
empty folder; it runs the notebook's cells in order up to the first chart (``plot_top_terms``) and
prints, per step, wall time and CPU time of this process. ``--baseline DIR``: a checkout of another
revision (e.g. ``git worktree add /tmp/base main``), run alternately with this one (A, B, A, B...)
so both see the same load; medians and ranges are printed for each.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BBC = "/work/shared/corpora/bbc_news_2225/bbc"

# The notebook's cells up to its first chart, each timed (its parameters cell as in the notebook).
CHILD = r"""
import json, sys, time
marks = [("start", time.perf_counter(), time.process_time())]
def mark(name):
    marks.append((name, time.perf_counter(), time.process_time()))
CORPUS = sys.argv[1]
OUTLETS = TARGET = KEYWORD = WORDS = None
EXTRA_STOPWORDS = ["said", "also"]
N_TERMS = 15
import corpus_tools as ct
mark("import")
ct.setup_notebook()
mark("setup_notebook")
articles = ct.read_articles(CORPUS)
mark("read_articles")
ct.describe_corpus(articles, source=CORPUS)
mark("describe_corpus")
choice = ct.choose_parameters(articles, OUTLETS=OUTLETS, TARGET=TARGET, KEYWORD=KEYWORD, WORDS=WORDS,
                              EXTRA_STOPWORDS=EXTRA_STOPWORDS)
OUTLETS, TARGET, KEYWORD, WORDS = choice["OUTLETS"], choice["TARGET"], choice["KEYWORD"], choice["WORDS"]
articles = ct.group_outlets(articles, keep=OUTLETS)
mark("choose_parameters")
tokens = ct.remove_stopwords(ct.tokenize(articles, metadata=["outlet", "date", "language"]),
                             stopwords="auto", extra=EXTRA_STOPWORDS)
tokens.head()
mark("tokens")
counts = ct.count_terms(tokens, by="outlet")
fig = ct.plot_top_terms(counts, by="outlet", n=N_TERMS)
fig.to_plotly_json()
mark("first chart")
out = {}
for (_, w0, c0), (name, w1, c1) in zip(marks, marks[1:]):
    out[name] = [w1 - w0, c1 - c0]
out["total"] = [marks[-1][1] - marks[0][1], marks[-1][2] - marks[0][2]]
print("RESULT " + json.dumps({"steps": out, "file": ct.__file__}))
"""


def run(checkout: Path, corpus: str) -> dict:
    """One cold run: a fresh process, an empty cache folder, the checkout first on the path."""
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, CORPUS_TOOLS_CACHE=cache, PYTHONPATH=str(checkout))
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", CHILD, corpus], env=env, capture_output=True, text=True,
                              cwd=checkout)
        wall = time.perf_counter() - t0
    line = [x for x in proc.stdout.splitlines() if x.startswith("RESULT ")]
    if proc.returncode or not line:
        raise RuntimeError(proc.stderr[-3000:])
    result = json.loads(line[0][7:])
    if not result["file"].startswith(str(checkout)):
        raise RuntimeError(f"imported {result['file']}, not from {checkout}")
    result["process"] = wall
    result["load"] = os.getloadavg()[0]
    return result


def summary(values) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=BBC)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="another checkout, run alternately with this one")
    args = parser.parse_args()
    checkouts = {"this": ROOT} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    results = {name: [] for name in checkouts}
    loads = []
    for i in range(args.repeat):
        for name, checkout in checkouts.items():
            loads.append(os.getloadavg()[0])
            r = run(checkout, args.corpus)
            results[name].append(r)
            print(f"run {i + 1} {name}: {r['steps']['total'][0]:.2f} s in the cells, "
                  f"{r['process']:.2f} s process, load {r['load']:.2f}", flush=True)
    print(f"\nload {min(loads):.1f}-{max(loads):.1f}; wall and CPU seconds, median (min-max)")
    for name, runs in results.items():
        print(f"\n{name} ({checkouts[name]})")
        for step in runs[0]["steps"]:
            wall = [r["steps"][step][0] for r in runs]
            cpu = [r["steps"][step][1] for r in runs]
            print(f"  {step:18s} wall {summary(wall):22s} cpu {summary(cpu)}")
        print(f"  {'whole process':18s} wall {summary([r['process'] for r in runs])}")


if __name__ == "__main__":
    main()
