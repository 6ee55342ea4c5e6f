"""Benchmarks of the analysis core on the BBC News corpus (not a test; run with `make bench`).

Each task runs in a fresh Python process, several times; we report the median time,
articles per second, and the peak memory the task added to the process (max RSS growth).
Competing implementations run in the same invocation, side by side, so their ratio is
meaningful even on a noisy machine. Results are checked for equality before timing.
``--baseline REV`` also runs our tasks with corpus_tools as of that git revision
("before"), extracted to a temporary folder, so before and after share one run.

    python benchmarks/bench_core.py [--repeat 5] [--baseline 762488e] [--corpus ../shared/corpora/bbc_news_2225/bbc]
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
REPO = HERE.parent
# This checkout's corpus_tools, not an installed one (children get it through PYTHONPATH).
if os.environ.get("BENCH_CODE") is None:
    sys.path.insert(0, str(REPO))
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


def timed_call(fn):
    """``(result, seconds, peak MB added)`` of one call of ``fn()``."""
    import gc

    gc.collect()
    with PeakMemory() as mem:
        t = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - t
    return result, seconds, mem.added


def spawn(script: str, argv: list[str], *, code: Path = REPO, version: str = "after",
          env: dict | None = None) -> dict | None:
    """Run ``script argv`` in a fresh Python with ``code`` first on the path; its last stdout line is JSON.

    Returns that JSON (a dict), or None after printing the child's last error line.
    """
    env = {**os.environ, **(env or {}), "PYTHONPATH": str(code), "BENCH_CODE": str(code), "BENCH_VERSION": version}
    out = subprocess.run([sys.executable, script, *argv], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        print(f"- {' '.join(argv[:2])} failed: {out.stderr.strip().splitlines()[-1] if out.stderr.strip() else '?'}")
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine_line() -> str:
    """CPU model, cores, memory, Python and date: the line printed with every table."""
    import datetime

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            ram = f"{int(f.readline().split()[1]) / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        ram = "RAM unknown"
    return (f"Machine: {cpu}, {os.cpu_count()} cores, {ram}, Python {platform.python_version()}, "
            f"{platform.system()}; {datetime.date.today().isoformat()}; load average {os.getloadavg()[0]:.1f} at start")


def _load(corpus):
    import corpus_tools as ct

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:  # every run reads and cleans the files (older versions have no cache)
            return ct.read_articles(corpus, progress=False, cache=False)
        except TypeError:
            return ct.read_articles(corpus, progress=False)


def task_read_folder(corpus):
    return _load(corpus)


def task_ours_terms(corpus, articles):
    from corpus_tools.analysis.terms import count_terms
    from corpus_tools.text.tokens import tokenize

    tokens = tokenize(articles, cache=False)
    try:  # every token, numbers and single letters too: what CountVectorizer counts
        return count_terms(tokens, words_only=False)
    except TypeError:  # a baseline revision from before words_only (it counted every token)
        return count_terms(tokens)


def task_ours_tokens(corpus, articles):
    from corpus_tools.text.tokens import tokenize

    return tokenize(articles, cache=False)


def task_ours_tokens_one_core(corpus, articles):
    import corpus_tools.text.tokens as tokens

    if hasattr(tokens, "PARALLEL_MIN_ARTICLES"):
        tokens.PARALLEL_MIN_ARTICLES = tokens.PARALLEL_MIN_CHARS = 10**15
    return tokens.tokenize(articles, cache=False)


def task_sklearn_terms(corpus, articles):
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    from corpus_tools.text.patterns import TOKEN_PATTERN

    vec = CountVectorizer(token_pattern=TOKEN_PATTERN, preprocessor=lambda s: s.lower().replace("’", "'"))
    m = vec.fit_transform(articles["text"])
    return dict(zip(vec.get_feature_names_out(), np.asarray(m.sum(axis=0)).ravel()))


def task_ours_sentiment(corpus, sentences):
    from corpus_tools.analysis.sentiment import add_sentiment

    return add_sentiment(sentences, progress=False, cache=False)


def task_vader_loop(corpus, sentences):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    return [sia.polarity_scores(t) for t in sentences["text"]]


TASKS = {
    "read_articles (folder of .txt)": ("task_read_folder", None),
    "tokenize + count_terms": ("task_ours_terms", "articles"),
    "tokenize (tokens table)": ("task_ours_tokens", "articles"),
    "tokenize, one process": ("task_ours_tokens_one_core", "articles"),
    "CountVectorizer + column sums": ("task_sklearn_terms", "articles"),
    "add_sentiment (sentences)": ("task_ours_sentiment", "sentences"),
    "vaderSentiment loop (sentences)": ("task_vader_loop", "sentences"),
}
# Tasks that run our code, so also with the baseline revision.
OURS = ["read_articles (folder of .txt)", "tokenize + count_terms", "tokenize (tokens table)",
        "tokenize, one process", "add_sentiment (sentences)"]
# (ours, competitor): the ratio is the competitor's time over ours.
PAIRS = {"tokenize + count_terms": "CountVectorizer + column sums",
         "add_sentiment (sentences)": "vaderSentiment loop (sentences)"}


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
    times, added, table_mb = [], [], None
    for _ in range(repeat):
        result, seconds, mb = timed_call(lambda: func(corpus, arg) if needs else func(corpus))
        times.append(seconds)
        added.append(mb)
        if isinstance(result, pd.DataFrame) and "token" in result.columns:
            table_mb = float(result.memory_usage(deep=True).sum()) / 2**20
        save = Path(inputs) / f"result-{os.environ.get('BENCH_VERSION', 'after')}-{func_name}.parquet"
        if func_name in COMPARED and not save.exists():
            result.to_parquet(save)  # compared across versions by the parent
        del result
    n_rows = len(arg) if arg is not None else n_articles
    text_mb = None
    if needs == "articles":
        text_mb = float(arg["text"].str.len().sum()) / 2**20  # characters, about bytes for news text
    # The median run: the first one also pays for lazy imports (scipy, tqdm, pyarrow.compute).
    return {"times": times, "peak_mb": statistics.median(added), "n_articles": n_articles, "n_rows": n_rows,
            "table_mb": table_mb, "text_mb": text_mb}


def write_inputs(corpus: str, folder: Path) -> None:
    from corpus_tools.text.sentences import split_sentences

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
        from corpus_tools.text.sentences import split_sentences

        sents = split_sentences(articles, cache=False)
        a = task_ours_sentiment(corpus, sents)
        b = task_vader_loop(corpus, sents)
        diff = max(abs(x - y["compound"]) for x, y in zip(a["compound"], b))
        notes.append(f"sentence scores equal to vaderSentiment's: max |difference| = {diff:.1e} "
                     f"over {len(b)} sentences")
    except ImportError:
        notes.append("sentiment: corpus_tools.analysis.sentiment not available")
    return notes


COMPARED = ["task_ours_tokens", "task_ours_terms", "task_ours_sentiment"]


def compare_versions(inputs: Path) -> list[str]:
    """Before and after must give the same tables (values; the tokens table's dtypes changed on purpose)."""
    import pandas as pd

    notes = []
    for func in COMPARED:
        a, b = (inputs / f"result-{v}-{func}.parquet" for v in ("before", "after"))
        if a.exists() and b.exists():
            x, y = pd.read_parquet(a), pd.read_parquet(b)
            same = x.shape == y.shape and all(
                (x[c].astype(str).to_numpy() == y[c].astype(str).to_numpy()).all() for c in x.columns)
            notes.append(f"{func}: before and after equal value for value: {same} ({len(x):,} rows; "
                         f"dtypes after: {', '.join(f'{c}={y[c].dtype.name}' for c in y.columns[:4])})")
    return notes


def baseline_code(rev: str) -> Path:
    """corpus_tools as of git revision ``rev``, extracted to a temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="corpus_tools_before_"))
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "corpus_tools"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def run_task(name: str, args, inputs: Path, code: Path, version: str) -> dict | None:
    argv = ["--child", name, "--corpus", args.corpus, "--repeat", str(args.repeat), "--inputs", str(inputs)]
    return spawn(__file__, argv, code=code, version=version)


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--baseline", default=None, help="git revision to compare with (e.g. 762488e)")
    p.add_argument("--child")
    p.add_argument("--inputs")
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(run_child(args.child, args.corpus, args.repeat, args.inputs)))
        return 0
    if not Path(args.corpus).exists():
        print(f"Corpus not found: {args.corpus}. Pass --corpus.", file=sys.stderr)
        return 1
    print(machine_line())
    print(f"Corpus: {args.corpus}\n")
    for note in check_equal(args.corpus):
        print("- " + note)
    print()
    inputs = Path(tempfile.mkdtemp(prefix="corpus_tools_bench_"))
    write_inputs(args.corpus, inputs)
    versions = {"after": REPO}
    if args.baseline:
        versions = {"before": baseline_code(args.baseline), "after": REPO}
    results: dict[tuple[str, str], dict] = {}
    # Interleave versions task by task, so a change in machine load hits both alike.
    for name in TASKS:
        for version, code in versions.items():
            if version == "before" and name not in OURS:
                continue
            r = run_task(name, args, inputs, code, version)
            if r is not None:
                results[(name, version)] = r
    for note in compare_versions(inputs) if args.baseline else []:
        print("- " + note)
    print()
    print(f"Median of {args.repeat} runs, each in a fresh process. Peak MB added: how far resident memory rose "
          "above its level at the start of a run (median run; inputs already loaded; forked workers not included).")
    print()
    cols = [v for v in versions]
    print("| task | " + " | ".join(f"{v} s" for v in cols) + " | " + " | ".join(f"{v} peak MB" for v in cols)
          + " | articles/s (last) | table MB (x text) |")
    print("|---|" + "---:|" * (2 * len(cols) + 2))
    for name in TASKS:
        rs = [results.get((name, v)) for v in cols]
        if not any(rs):
            continue
        med = [f"{statistics.median(r['times']):.3f}" if r else "" for r in rs]
        peak = [f"{r['peak_mb']:.0f}" if r else "" for r in rs]
        last = next(r for r in reversed(rs) if r)
        rate = f"{last['n_articles'] / statistics.median(last['times']):,.0f}"
        table = " / ".join(f"{r['table_mb']:.1f} ({r['table_mb'] / r['text_mb']:.1f}x)" for r in rs
                           if r and r.get("table_mb") is not None and r.get("text_mb"))
        print(f"| {name} | " + " | ".join(med) + " | " + " | ".join(peak) + f" | {rate} | {table} |")
    print()
    print("| ours vs competitor | " + " | ".join(f"{v}: ratio" for v in cols) + " |")
    print("|---|" + "---:|" * len(cols))
    for ours, theirs in PAIRS.items():
        if (theirs, "after") not in results:
            continue
        t = statistics.median(results[(theirs, "after")]["times"])
        ratios = [f"{t / statistics.median(results[(ours, v)]['times']):.2f}x" if (ours, v) in results else ""
                  for v in cols]
        print(f"| {ours} vs {theirs} | " + " | ".join(ratios) + " |")
    print("\nRatio: the competitor's median time over ours (above 1 = we are faster).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
