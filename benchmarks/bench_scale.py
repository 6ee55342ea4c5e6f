"""The analysis core at scale: the BBC corpus replicated to 10,000 and 100,000 articles (`make bench`).

Not a test. For each size the replicated corpus (distinct doc_ids, 8 outlets, dates over a
year: see ``_corpus.replicate``) is written once to ``--dir`` as a folder of .txt files with
a metadata side file (outlet, date), as one CSV, and as the Parquet of ``write_articles``.
Every task then runs in a fresh Python process ``--repeat`` times (bench_core's runner);
we print ONE markdown table of medians, throughput, peak memory added and, where there is a
competitor or a target, the ratio measured in the same run. Equality of results with the
competitors is asserted before the table is printed.

    python benchmarks/bench_scale.py [--n 10000 100000] [--repeat 3] [--dir /tmp/corpus_tools_bench]

Because the corpus is replicated, every text occurs n / 2,225 times: ``add_sentiment`` scores
each distinct sentence once, which flatters it here (bench_core's 2,225-article ratio is the
fair one). The vaderSentiment loop runs on a deterministic subset (every k-th sentence, at
most ``--vader-max``) and the ratio compares sentences per second.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
if os.environ.get("BENCH_CODE") is None:
    sys.path.insert(0, str(REPO))
from _corpus import DEFAULT_CORPUS, OUTLETS, load_bbc, replicate  # noqa: E402
from bench_core import machine_line, spawn, timed_call  # noqa: E402

KWIC_WORD = "government"
VADER_MAX = 30_000


# ---------------------------------------------------------------- the corpus on disk, once per size

def prepare(corpus: str, n: int, root: Path, *, full: bool = True) -> Path:
    """Folder ``root/n`` with txt/ + metadata.csv, articles.csv, articles.parquet and the inputs tables.

    ``full=False``: only the articles table the explorers need.
    """
    import pandas as pd

    import corpus_tools as ct
    from corpus_tools.text.sentences import split_sentences
    from corpus_tools.text.tokens import tokenize

    d = root / str(n)
    if (d / "DONE").exists() or (not full and (d / "inputs-articles.parquet").exists()):
        return d
    shutil.rmtree(d, ignore_errors=True)
    (d / "txt").mkdir(parents=True)
    big = replicate(load_bbc(corpus), n)
    if not full:
        big[["doc_id", "title", "text", "outlet", "date"]].to_parquet(d / "inputs-articles.parquet")
        return d
    files = [f"{i:06d}.txt" for i in range(n)]
    for name, title, text in zip(files, big["title"], big["text"]):
        (d / "txt" / name).write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    dates = big["date"].dt.strftime("%Y-%m-%d")
    pd.DataFrame({"file": files, "outlet": big["outlet"], "date": dates}).to_csv(d / "metadata.csv", index=False)
    pd.DataFrame({"doc_id": big["doc_id"], "title": big["title"], "outlet": big["outlet"], "date": dates,
                  "text": big["text"]}).to_csv(d / "articles.csv", index=False)
    ct.write_articles(big, d / "articles.parquet")
    slim = big[["doc_id", "title", "text", "outlet", "date"]].copy()
    slim.to_parquet(d / "inputs-articles.parquet")
    split_sentences(slim, metadata=["outlet"], cache=False).to_parquet(d / "inputs-sentences.parquet")
    tokenize(slim, metadata=["outlet"], cache=False).to_parquet(d / "inputs-tokens.parquet")
    (d / "DONE").write_text("ok")
    return d


# ---------------------------------------------------------------- tasks (each runs in a child process)

def _articles(d):
    import pandas as pd

    return pd.read_parquet(d / "inputs-articles.parquet")


def _sentences(d):
    import pandas as pd

    return pd.read_parquet(d / "inputs-sentences.parquet")


def _quiet(fn):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn()


def t_read_txt(d):
    import corpus_tools as ct

    # cache=False: every run reads and cleans the files (the cached reopen is timed below).
    return lambda: _quiet(lambda: ct.read_articles(d / "txt", metadata=d / "metadata.csv", progress=False, cache=False))


def t_read_csv(d):
    import corpus_tools as ct

    return lambda: _quiet(lambda: ct.read_articles(d / "articles.csv", progress=False, cache=False))


def t_read_parquet(d):
    import corpus_tools as ct

    return lambda: ct.read_articles(d / "articles.parquet", progress=False)


def t_ours_terms(d):
    from corpus_tools.analysis.terms import count_terms

    a = _articles(d)
    # every token, numbers and single letters too: what CountVectorizer counts
    return lambda: count_terms(a, by="outlet", words_only=False)


def t_ours_terms_tokens(d):
    from corpus_tools.analysis.terms import count_terms
    from corpus_tools.text.tokens import tokenize

    a = _articles(d)
    return lambda: count_terms(tokenize(a, metadata=["outlet"], cache=False), by="outlet", words_only=False)


def t_sklearn_terms(d):
    import numpy as np
    import pandas as pd
    from scipy import sparse
    from sklearn.feature_extraction.text import CountVectorizer

    from corpus_tools.text.patterns import TOKEN_PATTERN

    a = _articles(d)

    def run():
        vec = CountVectorizer(token_pattern=TOKEN_PATTERN, preprocessor=lambda s: s.lower().replace("’", "'"))
        m = vec.fit_transform(a["text"])
        codes, outlets = pd.factorize(a["outlet"], sort=True)
        g = sparse.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(len(outlets), len(codes)))
        sums = (g @ m).tocoo()
        return pd.DataFrame({"outlet": np.asarray(outlets)[sums.row], "term": vec.get_feature_names_out()[sums.col],
                             "n": sums.data.astype("int64")})
    return run


def t_tokens(d):
    from corpus_tools.text.tokens import tokenize

    a = _articles(d)
    return lambda: tokenize(a, metadata=["outlet", "date"], cache=False)  # as the notebooks call it


def _vader_subset(sentences):
    step = max(1, -(-len(sentences) // VADER_MAX))
    return sentences.iloc[::step]


def t_ours_sentiment(d):
    from corpus_tools.analysis.sentiment import add_sentiment

    s = _sentences(d)
    return lambda: add_sentiment(s, progress=False, cache=False)


def t_vader_loop(d):
    import pandas as pd
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    s = _vader_subset(_sentences(d))

    def run():
        sia = SentimentIntensityAnalyzer()
        return pd.DataFrame([sia.polarity_scores(t) for t in s["text"]], index=s.index)
    return run


def t_keyness(d):
    import pandas as pd

    from corpus_tools.analysis.keyness import keyness

    tokens = pd.read_parquet(d / "inputs-tokens.parquet")
    return lambda: _quiet(lambda: keyness(tokens, by="outlet", target=OUTLETS[0]))


def t_kwic(d):
    from corpus_tools.analysis.kwic import kwic

    a = _articles(d)
    return lambda: kwic(a, KWIC_WORD)


def t_timeline(d):
    from corpus_tools.analysis.timeline import timeline

    a = _articles(d)
    return lambda: timeline(a, freq="W", by="outlet")


def t_shared(d):
    from corpus_tools.media.passages import find_shared_passages

    a = _articles(d)[["doc_id", "outlet", "text"]]
    return lambda: find_shared_passages(a, cache=False)


def _analyse(d, articles):
    """What notebooks 01-03 compute before their charts: coverage, tokens and counts, scored sentences."""
    import corpus_tools as ct

    coverage = ct.timeline(articles, freq="W", by="outlet")
    tokens = ct.remove_stopwords(ct.tokenize(articles, metadata=["outlet", "date"]))
    counts = ct.count_terms(tokens, by="outlet")
    sentences = ct.add_sentiment(ct.split_sentences(articles, metadata=["outlet"]), progress=False)
    return coverage, counts, sentences


def t_cold(d):
    import corpus_tools as ct

    def run():
        # A fresh, empty cache for every run.
        os.environ["CORPUS_TOOLS_CACHE"] = tempfile.mkdtemp(prefix="cache_cold_", dir=d)
        articles = _quiet(lambda: ct.read_articles(d / "txt", metadata=d / "metadata.csv", progress=False))
        out = _analyse(d, articles)
        (d / "filled_cache").write_text(os.environ["CORPUS_TOOLS_CACHE"])
        return out
    return run


def t_warm(d):
    import corpus_tools as ct

    os.environ["CORPUS_TOOLS_CACHE"] = (d / "filled_cache").read_text()
    # What a user does on the second day: the same calls on the same folder.
    return lambda: _analyse(d, _quiet(lambda: ct.read_articles(d / "txt", metadata=d / "metadata.csv", progress=False)))


def t_redraw(which):
    def make(d):
        import pandas as pd

        from corpus_tools import widgets

        a = _articles(d)
        a["date"] = pd.to_datetime(a["date"])
        os.environ["CORPUS_TOOLS_CACHE"] = tempfile.mkdtemp(prefix="cache_widgets_", dir=d)
        t = time.perf_counter()
        make = getattr(widgets, f"{which}_explorer")
        ex = make(a, KWIC_WORD) if which == "kwic" else make(a)
        setup = time.perf_counter() - t
        choices = iter([tuple(OUTLETS[:k]) for k in (2, 3, 4, 5, 6, 7, 8, 1)] * 100)

        def run():
            ex.panel.outlets.value = next(choices)  # the observer redraws the figure
            assert (ex.table if which == "kwic" else ex.figure) is not None, getattr(ex, "message", ex).value
            return None
        run.setup = setup
        return run
    return make


# name: (factory, competitor name or None, what a row is)
TASKS = {
    "read_articles: folder of .txt (+ metadata file)": (t_read_txt, None, "articles"),
    "read_articles: one CSV": (t_read_csv, None, "articles"),
    "read_articles: Parquet from write_articles": (t_read_parquet, None, "articles"),
    "count_terms(articles, by=outlet)": (t_ours_terms, "CountVectorizer + column sums by outlet", "articles"),
    "tokenize + count_terms(by=outlet) (the tokens path)": (
        t_ours_terms_tokens, "CountVectorizer + column sums by outlet", "articles"),
    "CountVectorizer + column sums by outlet": (t_sklearn_terms, None, "articles"),
    "tokenize (tokens table, outlet and date)": (t_tokens, None, "articles"),
    "add_sentiment (sentences)": (t_ours_sentiment, "vaderSentiment loop (sentences)", "sentences"),
    "vaderSentiment loop (sentences)": (t_vader_loop, None, "sentences"),
    f"keyness ({OUTLETS[0]} vs the rest)": (t_keyness, None, "articles"),
    f"kwic ('{KWIC_WORD}')": (t_kwic, None, "articles"),
    "timeline (weekly, by outlet)": (t_timeline, None, "articles"),
    "find_shared_passages": (t_shared, None, "articles"),
    "analysed corpus, cold (read .txt, tokens, counts, sentiment; empty cache)": (t_cold, None, "articles"),
    "analysed corpus reopened (same folder, from the cache)": (
        t_warm, "analysed corpus, cold (read .txt, tokens, counts, sentiment; empty cache)", "articles"),
    "filter → redraw: terms explorer": (t_redraw("terms"), None, "articles"),
    "filter → redraw: timeline explorer": (t_redraw("timeline"), None, "articles"),
    "filter → redraw: sentiment explorer": (t_redraw("sentiment"), None, "articles"),
    f"filter → redraw: kwic explorer ('{KWIC_WORD}')": (t_redraw("kwic"), None, "articles"),
}
SAVED = {"count_terms(articles, by=outlet)": "terms_ours", "CountVectorizer + column sums by outlet": "terms_sklearn",
         "add_sentiment (sentences)": "sent_ours", "vaderSentiment loop (sentences)": "sent_vader"}
REDRAW_CHANGES = 8


def run_child(name: str, d: Path, repeat: int) -> dict:
    factory, _, unit = TASKS[name]
    fn = factory(d)
    if name.startswith("filter → redraw"):
        repeat = max(repeat, REDRAW_CHANGES)
    times, added, cpu, extra = [], [], [], {}
    load = [os.getloadavg()[0]]
    for _ in range(repeat):
        before = _cpu_seconds()
        result, seconds, mb = timed_call(fn)
        cpu.append(_cpu_seconds() - before)
        times.append(seconds)
        added.append(mb)
        if name.startswith("tokenize (tokens table"):
            extra["table_mb"] = float(result.memory_usage(deep=True).sum()) / 2**20
        if name in SAVED and not (d / f"result-{SAVED[name]}.parquet").exists():
            result.to_parquet(d / f"result-{SAVED[name]}.parquet")
        del result
    rows = len(_sentences(d)) if unit == "sentences" else None
    if name == "vaderSentiment loop (sentences)":
        rows = len(_vader_subset(_sentences(d)))
    if hasattr(fn, "setup"):
        extra["setup_s"] = fn.setup
    load.append(os.getloadavg()[0])
    return {"times": times, "cpu": cpu, "load": load, "peak_mb": statistics.median(added), "rows": rows, **extra}


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (forked workers), user + system."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


# ---------------------------------------------------------------- checks, then the table

def check_equal(d: Path) -> list[str]:
    import numpy as np
    import pandas as pd

    notes = []
    a, b = (d / "result-terms_ours.parquet"), (d / "result-terms_sklearn.parquet")
    if a.exists() and b.exists():
        ours = pd.read_parquet(a, columns=["outlet", "term", "n"])
        theirs = pd.read_parquet(b)
        key = ["outlet", "term"]
        x = ours.astype({"outlet": str, "term": str}).sort_values(key, ignore_index=True)
        y = theirs.astype({"outlet": str, "term": str}).sort_values(key, ignore_index=True)
        assert x.shape == y.shape and (x[key].to_numpy() == y[key].to_numpy()).all() \
            and (x["n"].to_numpy() == y["n"].to_numpy()).all(), "count_terms differs from CountVectorizer"
        notes.append(f"term counts by outlet equal to CountVectorizer's: {len(x):,} (outlet, term) counts")
    a, b = (d / "result-sent_ours.parquet"), (d / "result-sent_vader.parquet")
    if a.exists() and b.exists():
        ours = pd.read_parquet(a)
        theirs = pd.read_parquet(b)
        mine = ours.loc[theirs.index]
        diff = max(float(np.abs(mine[c].to_numpy() - theirs[c].to_numpy()).max())
                   for c in ("neg", "neu", "pos", "compound"))
        assert diff == 0, f"add_sentiment differs from vaderSentiment by {diff}"
        notes.append(f"sentence scores (neg, neu, pos, compound) equal to vaderSentiment's on all "
                     f"{len(theirs):,} sentences of its subset")
    return notes


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    p.add_argument("--n", type=int, nargs="+", default=[10_000],
                   help="sizes for every task (--n 10000 100000 for the README's table: about 30 minutes)")
    p.add_argument("--redraw-n", type=int, nargs="*", default=[100_000],
                   help="sizes at which only the explorers' filter → redraw is measured "
                        "(the 150 ms target is at 100,000)")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--slow-repeat", type=int, default=1,
                   help="runs of the slow tasks (reading .txt/CSV, cold analysis, vader loop) above 50,000 articles")
    p.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "corpus_tools_bench"),
                   help="where the replicated corpora are written (kept between runs)")
    p.add_argument("--tasks", nargs="*", help="only tasks whose name contains one of these words")
    p.add_argument("--child")
    p.add_argument("--size-dir")
    args = p.parse_args(argv)
    os.environ.setdefault("TQDM_DISABLE", "1")  # progress bars would bury the table
    if args.child:
        print(json.dumps(run_child(args.child, Path(args.size_dir), args.repeat)))
        return 0
    if not Path(args.corpus).exists():
        print(f"Corpus not found: {args.corpus}. Pass --corpus.", file=sys.stderr)
        return 1
    print(machine_line())
    root = Path(args.dir)
    rows, notes = [], []
    slow = ("folder of .txt", "one CSV", "cold", "vaderSentiment loop")
    sizes = [(n, args.tasks) for n in args.n] + [(n, ["redraw"]) for n in args.redraw_n or [] if n not in args.n]
    for n, only in sizes:
        t = time.perf_counter()
        d = prepare(args.corpus, n, root, full=only != ["redraw"])
        import pandas as pd

        text_mb = float(pd.read_parquet(d / "inputs-articles.parquet", columns=["text"])["text"]
                        .str.encode("utf-8").str.len().sum()) / 2**20
        print(f"- {n:,} articles ready in {d} ({time.perf_counter() - t:.0f} s); raw text {text_mb:,.0f} MB (UTF-8)",
              flush=True)
        for old in d.glob("result-*.parquet"):
            old.unlink()  # results of this run only are compared
        results = {}
        for name in TASKS:
            if only and not any(w.lower() in name.lower() for w in only):
                continue
            repeat = args.slow_repeat if n > 50_000 and any(s in name for s in slow) else args.repeat
            r = spawn(__file__, ["--child", name, "--size-dir", str(d), "--repeat", str(repeat)],
                      env={"TQDM_DISABLE": "1", "CORPUS_TOOLS_CACHE": str(d / "cache_unused")})
            if r is not None:
                r["median"] = statistics.median(r["times"])
                results[name] = r
                print(f"  {name}: {r['median']:.3f} s ({min(r['times']):.3f}-{max(r['times']):.3f}, "
                      f"x{len(r['times'])}); CPU {statistics.median(r['cpu']):.3f} s; "
                      f"load {r['load'][0]:.1f} -> {r['load'][1]:.1f}", flush=True)
        notes += [f"{n:,} articles: {note}" for note in check_equal(d)]
        if only == ["redraw"]:
            notes.append(f"{n:,} articles: only the explorers' redraw measured (--n {n} for every task)")
        rows += table_rows(n, results, text_mb)
    print()
    for note in notes:
        print("- " + note)
    print()
    print("| task | articles | median s | articles/s | peak MB added | vs competitor (ratio) | target met? |")
    print("|---|---:|---:|---:|---:|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nMedian of {args.repeat} runs, each task in a fresh process ({args.slow_repeat} run of the slow tasks "
          f"above 50,000 articles; {REDRAW_CHANGES} filter changes for a redraw). Peak MB added: resident memory's "
          "peak above its level before the run (forked workers not included). Ratio: the competitor's time over "
          "ours at equal work (above 1 = we are faster).")
    return 0


def table_rows(n: int, results: dict, text_mb: float) -> list[list[str]]:
    out = []
    targets = {"count_terms(articles, by=outlet)": 2.0, "add_sentiment (sentences)": 4.0,
               "analysed corpus reopened (same folder, from the cache)": 20.0}
    for name, r in results.items():
        _, competitor, unit = TASKS[name]
        ratio, met = "", ""
        if competitor and competitor in results:
            c = results[competitor]
            if unit == "sentences":  # the loop ran on a subset: compare sentences per second
                x = (r["rows"] / r["median"]) / (c["rows"] / c["median"])
                ratio = f"{x:.1f}x vs {competitor} (sentences/s; loop on {c['rows']:,} of {r['rows']:,})"
            else:
                x = c["median"] / r["median"]
                ratio = f"{x:.1f}x vs {competitor}"
            goal = targets.get(name)
            if goal:
                met = f"{'yes' if x >= goal else 'NO'} (≥{goal:g}x)"
        if name.startswith("tokenize (tokens table") and "table_mb" in r:
            x, y = r["table_mb"] / text_mb, r["peak_mb"] / text_mb
            ratio = f"table {r['table_mb']:,.0f} MB = {x:.1f}x raw text; peak added {y:.1f}x"
            met = f"{'yes' if x <= 3 else 'NO'} (table ≤3x text)"
        if name.startswith("filter → redraw"):
            ms = r["median"] * 1000
            ratio = f"{ms:.0f} ms per redraw; set-up {r.get('setup_s', 0):.1f} s"
            met = f"{'yes' if ms < 150 else 'NO'} (<150 ms)" if n >= 100_000 else f"({'<' if ms < 150 else '≥'}150 ms)"
        if name == "vaderSentiment loop (sentences)":
            ratio = f"on {r['rows']:,} sentences (every k-th)"
        rate = (r["rows"] if unit == "sentences" else n) / r["median"]
        if name.startswith("filter → redraw"):
            rate_s = ""
        else:
            rate_s = f"{rate:,.0f}" + (" sent./s" if unit == "sentences" else "")
        out.append([name, f"{n:,}", f"{r['median']:.3f}" if r["median"] < 10 else f"{r['median']:.1f}", rate_s,
                    f"{r['peak_mb']:,.0f}", ratio, met])
    return out


if __name__ == "__main__":
    sys.exit(main())
