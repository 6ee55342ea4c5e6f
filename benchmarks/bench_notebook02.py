"""Notebook 02 up to its first chart, cold: a fresh process runs its code cells with an empty cache.

    .venv/bin/python benchmarks/bench_notebook02.py [--corpus FOLDER] [--repeat 3] [--baseline DIR]

Each run is a fresh Python process (imports included) with ``CORPUS_TOOLS_CACHE`` pointed at an
empty folder; it runs the notebook's own code cells in order up to the first one that shows a chart,
renders each cell's last value as the notebook would (HTML; the chart's JSON), and prints, per
cell, wall time and CPU time of this process (the cell's first line names it). ``--baseline DIR``: a checkout of another
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

# The notebook's own code cells (read from the checkout), each timed, up to the first one that shows a chart;
# a cell's last expression is rendered as the notebook would show it (HTML, or the figure's JSON).
CHILD = r"""
import ast, json, sys, time
with open(sys.argv[2], encoding="utf-8") as f:  # (json, not nbformat: its imports would warm the cells' own)
    cells = [c for c in json.load(f)["cells"] if c["cell_type"] == "code"]
ns = {}
marks = [("start", time.perf_counter(), time.process_time())]
for n, cell in enumerate(cells):
    source = "".join(cell["source"])
    if n == 0:  # the parameters cell
        source = source.replace('CORPUS = "../data/sample"', "CORPUS = " + repr(sys.argv[1]))
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), ns)
    shown = eval(compile(ast.Expression(last.value), "<cell>", "eval"), ns) if last else None
    chart = hasattr(shown, "to_plotly_json")
    if chart:
        shown.to_plotly_json()
    elif hasattr(shown, "_repr_html_"):
        shown._repr_html_()
    first_line = next((x for x in source.splitlines() if x.strip() and not x.startswith("#")), "")
    marks.append((f"{n}: {first_line[:40]}", time.perf_counter(), time.process_time()))
    if chart:
        break
out = {}
for (_, w0, c0), (name, w1, c1) in zip(marks, marks[1:]):
    out[name] = [w1 - w0, c1 - c0]
out["total"] = [marks[-1][1] - marks[0][1], marks[-1][2] - marks[0][2]]
print("RESULT " + json.dumps({"steps": out, "file": ns["ct"].__file__}))
"""


def run(checkout: Path, corpus: str) -> dict:
    """One cold run: a fresh process, an empty cache folder, the checkout first on the path."""
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, CORPUS_TOOLS_CACHE=cache, PYTHONPATH=str(checkout))
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", CHILD, corpus, str(checkout / "notebooks" / "02-words.ipynb")],
                              env=env, capture_output=True, text=True, cwd=checkout)
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
            print(f"  {step:44s} wall {summary(wall):22s} cpu {summary(cpu)}")
        print(f"  {'whole process':44s} wall {summary([r['process'] for r in runs])}")


if __name__ == "__main__":
    main()
