"""Benchmarks of the analysis core against the tools people use instead (not a test; run with `make bench`).

Ours and the competitor run side by side, interleaved (ours, theirs, ours, theirs, ...), each run in a
fresh Python process that first warms up on a few articles (imports, lazy modules) and then times one
call: wall time, CPU time (this process plus worker processes that ended during the call) and the peak
memory the call added. The table gives medians with their range (min-max) and, per pair, the machine's
load average before and after, so a ratio measured while the load drifted can be seen. Results are
checked to be identical before anything is timed. Sentiment is measured twice: on a machine as it is,
and with the second core kept busy by a busy-loop process (what a laptop doing something else looks
like). Counting runs on the BBC corpus (by section) and on it replicated to 10,000 articles (by outlet).

    python benchmarks/bench_core.py [--repeat 5] [--sizes 2225 10000] [--quick] [--baseline REV]
                                    [--corpus ../shared/corpora/bbc_news_2225/bbc]

``--quick``: 2 pairs, the BBC corpus only (to try the script). ``--baseline REV`` adds our tasks as of
that git revision (extracted to a temporary folder) to each interleaved group.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
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
# No progress bars in what is timed (nor in the children, which inherit the environment).
os.environ.setdefault("TQDM_DISABLE", "1")


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
          env: dict | None = None) -> dict | None:  # (bench_scale.py runs its tasks with it too)
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
            f"{platform.system()}; {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; "
            f"load average {os.getloadavg()[0]:.1f} at start")




def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (forked workers of one call)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


# ------------------------------------------------------------------ tasks (each in a fresh process)
# A task is (setup, run): ``setup(inputs, size)`` reads what it needs (not timed), ``run(x)`` is timed.

def _load(corpus):
    import corpus_tools as ct

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:  # every run reads and cleans the files (older versions have no cache)
            return ct.read_articles(corpus, progress=False, cache=False)
        except TypeError:
            return ct.read_articles(corpus, progress=False)


def _articles(inputs: Path, size: int):
    import pandas as pd

    return pd.read_parquet(inputs / f"articles-{size}.parquet")


def group_of(size: int) -> str:
    """What counts are grouped by: the BBC corpus's sections, the replicated corpus's outlets."""
    return "section" if size <= 2225 else "outlet"


def run_count_articles(a):
    from corpus_tools.analysis.terms import count_terms

    articles, by = a
    return count_terms(articles, by=by, words_only=False)  # every token, as CountVectorizer counts


def run_count_tokens(a):
    from corpus_tools.analysis.terms import count_terms
    from corpus_tools.text.tokens import tokenize

    articles, by = a
    tokens = tokenize(articles, metadata=[by], cache=False)
    try:
        return count_terms(tokens, by=by, words_only=False)
    except TypeError:  # a baseline revision from before words_only (it counted every token)
        return count_terms(tokens, by=by)


def run_sklearn_count(a):
    import numpy as np
    import pandas as pd
    from scipy import sparse
    from sklearn.feature_extraction.text import CountVectorizer

    from corpus_tools.text.patterns import TOKEN_PATTERN

    articles, by = a
    vec = CountVectorizer(token_pattern=TOKEN_PATTERN, preprocessor=lambda s: s.lower().replace("’", "'"))
    m = vec.fit_transform(articles["text"])
    codes, groups = pd.factorize(articles[by])
    per_group = (sparse.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))),
                                   shape=(len(groups), len(codes))) @ m).tocoo()
    return pd.DataFrame({by: np.asarray(groups, dtype=object)[per_group.row],
                         "term": vec.get_feature_names_out()[per_group.col], "n": per_group.data.astype("int64")})


def run_tokens_table(a):
    from corpus_tools.text.tokens import tokenize

    return tokenize(a, metadata=["outlet", "date"], cache=False)


def setup_bigrams(inputs, size):
    from corpus_tools.text.tokens import tokenize

    return tokenize(_articles(inputs, size), metadata=["outlet"], cache=False)


def run_bigrams(tokens):
    from corpus_tools.analysis.terms import count_terms

    return count_terms(tokens, by="outlet", ngram=2)


def run_sentiment(sentences):
    from corpus_tools.analysis.sentiment import add_sentiment

    return add_sentiment(sentences, progress=False, cache=False)


def run_vader_loop(sentences):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    return [sia.polarity_scores(t) for t in sentences["text"]]


def _setup_sentences(inputs, size):
    import pandas as pd

    return pd.read_parquet(inputs / "sentences.parquet")


def _setup_count(inputs, size):
    return _articles(inputs, size), group_of(size)


TASKS = {  # name: (setup, run, small version of the input for the warm-up)
    "read_articles": (lambda inputs, size: str(inputs / "corpus"), lambda c: _load(c), None),
    "count_terms(articles)": (_setup_count, run_count_articles, lambda a: (a[0].head(50), a[1])),
    "tokenize + count_terms": (_setup_count, run_count_tokens, lambda a: (a[0].head(50), a[1])),
    "CountVectorizer + group sums": (_setup_count, run_sklearn_count, lambda a: (a[0].head(50), a[1])),
    "tokenize(outlet, date)": (_articles, run_tokens_table, lambda a: a.head(50)),
    "count_terms(ngram=2)": (setup_bigrams, run_bigrams, lambda t: t.head(5000)),
    "add_sentiment": (_setup_sentences, run_sentiment, lambda s: s.head(50)),
    "vaderSentiment loop": (_setup_sentences, run_vader_loop, lambda s: s.head(50)),
}


def run_child(name: str, inputs: Path, size: int) -> dict:
    """One warm-up call on a small input, then one timed call: wall and CPU seconds, peak MB added."""
    import gc

    import pandas as pd

    import corpus_tools.analysis.terms as terms

    terms.CACHE_MIN_TOKENS = 10**15  # counts computed in every run, never read from the disk cache
    setup, run, small = TASKS[name]
    x = setup(inputs, size)
    if small is not None:
        run(small(x))
    gc.collect()
    cpu = cpu_seconds()
    result, seconds, mb = timed_call(lambda: run(x))
    cpu = cpu_seconds() - cpu
    out = {"seconds": seconds, "cpu": cpu, "peak_mb": mb}
    if isinstance(result, pd.DataFrame) and "token" in result.columns:
        out["table_mb"] = float(result.memory_usage(deep=True).sum()) / 2**20
        out["tokens"] = len(result)
    return out


# ------------------------------------------------------------------ inputs and equality, in the parent

def write_inputs(corpus: str, folder: Path, sizes: list[int]) -> dict:
    """Articles (one Parquet per size), the BBC sentences, and a copy-free link to the corpus folder."""
    sys.path.insert(0, str(HERE))
    from _corpus import replicate

    from corpus_tools.text.sentences import split_sentences

    bbc = _load(corpus)
    bbc = bbc.assign(section=bbc["doc_id"].str.split("/").str[0])
    text_bytes = {}
    for size in sizes:
        a = bbc if size == len(bbc) else replicate(bbc, size)
        a = a[["doc_id", "text", "section", "outlet", "date"]].copy()
        if size == len(bbc):  # dates and outlets as the replicated corpus has them (the BBC folder has none)
            a = replicate(bbc, size)[["doc_id", "text", "outlet", "date"]].assign(section=a["section"].to_numpy())
        a.attrs = {}  # pandas cannot store the load report (a table) in Parquet metadata
        a.to_parquet(folder / f"articles-{size}.parquet")
        text_bytes[size] = int(a["text"].map(lambda t: len(t.encode("utf-8"))).sum())
    split_sentences(bbc, cache=False)[["doc_id", "sent_id", "text"]].to_parquet(folder / "sentences.parquet")
    (folder / "corpus").symlink_to(Path(corpus).resolve())
    return text_bytes


def check_counts(inputs: Path, size: int) -> str:
    """Our table, counted from the articles, must be the tokens path's and CountVectorizer's, count for count."""
    a = _setup_count(inputs, size)
    ours = run_count_articles(a)
    same_table = ours.equals(run_count_tokens(a))
    theirs = run_sklearn_count(a)
    key = [a[1], "term"]
    same = ours.set_index(key)["n"].sort_index().to_dict() == theirs.set_index(key)["n"].sort_index().to_dict()
    if not (same and same_table):
        raise SystemExit(f"counts differ at {size} articles: equal to CountVectorizer's {same}, "
                         f"to the tokens path's {same_table}")
    return (f"{size:,} articles: count_terms(articles, by={a[1]!r}) equal to CountVectorizer's group sums "
            f"({len(ours):,} {a[1]} x term counts) and to count_terms(tokenize(...)) row for row")


def check_sentiment(inputs: Path) -> str:
    sents = _setup_sentences(inputs, 0)
    ours = run_sentiment(sents)
    theirs = run_vader_loop(sents)
    diff = max(max(abs(getattr(r, k) - t[k]) for k in ("neg", "neu", "pos", "compound"))
               for r, t in zip(ours.itertuples(), theirs))
    if diff != 0:
        raise SystemExit(f"sentence scores differ from vaderSentiment's by up to {diff}")
    return f"sentence scores (neg, neu, pos, compound) identical to vaderSentiment's on all {len(theirs):,} sentences"


def baseline_code(rev: str) -> Path:
    """corpus_tools as of git revision ``rev``, extracted to a temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="corpus_tools_before_"))
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "corpus_tools"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


# ------------------------------------------------------------------ interleaved runs and the table

def busy_core():
    """A process that keeps one core busy until stopped (the "second core busy" case)."""
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def interleave(members, size: int, inputs: Path, repeat: int) -> dict:
    """Run the members (label, task, code) in turn ``repeat`` times: A, B, A, B, ...

    Returns each label's runs and, per round, the load average before and after.
    """
    runs = {label: [] for label, _, _ in members}
    loads = []
    for _ in range(repeat):
        before = os.getloadavg()[0]
        for label, task, code in members:
            r = spawn(__file__, ["--child", task, "--inputs", str(inputs), "--size", str(size)], code=code)
            if r is not None:
                runs[label].append(r)
        loads.append((before, os.getloadavg()[0]))
    return {"runs": runs, "loads": loads}


def _spread(values, fmt="{:.3f}") -> str:
    if not values:
        return ""
    med = statistics.median(values)
    return f"{fmt.format(med)} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def pair_row(case: str, size: int, group: dict, ours: str, theirs: str) -> str:
    a, b = group["runs"][ours], group["runs"][theirs]
    ratios = [y["seconds"] / x["seconds"] for x, y in zip(a, b)]
    cpu_ratios = [y["cpu"] / x["cpu"] for x, y in zip(a, b) if x["cpu"] > 0]
    loads = group["loads"]
    load = f"{min(x for x, _ in loads):.1f}–{max(x for x, _ in loads):.1f} → {min(y for _, y in loads):.1f}–" \
           f"{max(y for _, y in loads):.1f}"
    return (f"| {case} | {size:,} | {ours} | {_spread([x['seconds'] for x in a])} | "
            f"{_spread([x['cpu'] for x in a], '{:.2f}')} | {theirs} | {_spread([y['seconds'] for y in b])} | "
            f"{_spread([y['cpu'] for y in b], '{:.2f}')} | **{_spread(ratios, '{:.2f}x')}** | "
            f"{_spread(cpu_ratios, '{:.2f}x')} | {load} |")


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    p.add_argument("--repeat", type=int, default=5, help="pairs per comparison")
    p.add_argument("--sizes", type=int, nargs="+", default=[2225, 10000], help="articles for counting")
    p.add_argument("--quick", action="store_true", help="2 pairs, the BBC corpus only")
    p.add_argument("--baseline", default=None, help="git revision to compare with (e.g. main)")
    p.add_argument("--child")
    p.add_argument("--inputs")
    p.add_argument("--size", type=int, default=2225)
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(run_child(args.child, Path(args.inputs), args.size)))
        return 0
    if not Path(args.corpus).exists():
        print(f"Corpus not found: {args.corpus}. Pass --corpus.", file=sys.stderr)
        return 1
    if args.quick:
        args.repeat, args.sizes = 2, [2225]
    print(machine_line())
    print(f"Corpus: {args.corpus}\n")
    inputs = Path(tempfile.mkdtemp(prefix="corpus_tools_bench_"))
    text_bytes = write_inputs(args.corpus, inputs, args.sizes)
    for size in args.sizes:
        print("- " + check_counts(inputs, size))
    print("- " + check_sentiment(inputs))
    print()
    before = [] if not args.baseline else [(f"@{args.baseline}", baseline_code(args.baseline))]
    rows, memory_rows = [], []
    for size in args.sizes:
        members = [("count_terms(articles)", "count_terms(articles)", REPO),
                   ("CountVectorizer + group sums", "CountVectorizer + group sums", REPO),
                   ("tokenize + count_terms", "tokenize + count_terms", REPO)]
        members += [(f"tokenize + count_terms {v}", "tokenize + count_terms", code) for v, code in before]
        g = interleave(members, size, inputs, args.repeat)
        for label, _, _ in members:
            if label != "CountVectorizer + group sums":
                rows.append(pair_row(f"counting by {group_of(size)}", size, g, label,
                                     "CountVectorizer + group sums"))
    for busy in (False, True):
        members = [("add_sentiment", "add_sentiment", REPO), ("vaderSentiment loop", "vaderSentiment loop", REPO)]
        members += [(f"add_sentiment {v}", "add_sentiment", code) for v, code in before]
        hog = busy_core() if busy else None
        try:
            g = interleave(members, 2225, inputs, args.repeat)
        finally:
            if hog is not None:
                hog.terminate()
                hog.wait()
        for label, _, _ in members:
            if label != "vaderSentiment loop":
                rows.append(pair_row("sentences scored" + (", second core busy" if busy else ""), 2225, g, label,
                                     "vaderSentiment loop"))
    size = max(args.sizes)
    members = [("tokenize(outlet, date)", "tokenize(outlet, date)", REPO),
               ("count_terms(ngram=2)", "count_terms(ngram=2)", REPO), ("read_articles", "read_articles", REPO)]
    members += [(f"{task} {v}", task, code) for v, code in before for task in ("tokenize(outlet, date)",
                                                                                "count_terms(ngram=2)")]
    g = interleave(members, size, inputs, max(2, args.repeat // 2))
    text_mb = text_bytes[size] / 2**20
    for label, _, _ in members:
        runs = g["runs"][label]
        if not runs:
            continue
        peak = statistics.median(r["peak_mb"] for r in runs)
        if label == "read_articles":  # (the BBC folder of .txt files, read and cleaned afresh)
            memory_rows.append(f"| read_articles (folder of .txt) | 2,225 | {_spread([r['seconds'] for r in runs])} | "
                               f"{_spread([r['cpu'] for r in runs], '{:.2f}')} | {peak:.0f} | |")
            continue
        table = ""
        if runs[0].get("table_mb"):
            mb = statistics.median(r["table_mb"] for r in runs)
            table = f"{mb:.1f} MB = {mb / text_mb:.2f}x the text"
        memory_rows.append(f"| {label} | {size:,} | {_spread([r['seconds'] for r in runs])} | "
                           f"{_spread([r['cpu'] for r in runs], '{:.2f}')} | "
                           f"{peak:.0f} ({peak / text_mb:.1f}x the text) | {table} |")
    print(f"Interleaved pairs, {args.repeat} of each, every run in a fresh process after a warm-up; "
          "median (min–max). Ratio = the competitor's time over ours, per pair (above 1: we are faster). "
          "CPU = user + system seconds of the run, worker processes included. Load = the 1-minute load average "
          "before → after each pair (range over the pairs).\n")
    print("| case | articles | ours | ours s | ours CPU s | competitor | competitor s | competitor CPU s | "
          "ratio (wall) | ratio (CPU) | load |")
    print("|---|---:|---|---:|---:|---|---:|---:|---:|---:|---|")
    print("\n".join(rows))
    print(f"\nMemory ({size:,} articles; text = {text_mb:.1f} MB of UTF-8; table = memory_usage(deep=True); "
          "peak = resident memory's rise during the call, median):\n")
    print("| task | articles | s | CPU s | peak MB added | table |")
    print("|---|---:|---:|---:|---:|---|")
    print("\n".join(memory_rows))
    shutil.rmtree(inputs, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
