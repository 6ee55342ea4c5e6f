"""Prove that a change to the loader leaves what it reads unchanged: articles table and load report.

    python benchmarks/check_loader.py save DIR       # from the old code, e.g. PYTHONPATH=/tmp/base
    python benchmarks/check_loader.py compare DIR    # one line per corpus; exit 1 if any differ

With ``--notebook``, also what notebook 02 makes from each corpus up to its first chart: the
parameters ``choose_parameters`` picks (values and reasons), the tokens without stop words, the
counts by outlet and the chart (its JSON).

Corpora: the bundled sample, the BBC folder (2,225 .txt files), the ISOT sample (two CSV files) and
the test data's CSV and JSON Lines files (Cyrillic text, wire datelines), each read with the cache
off. Every column of the articles table is compared exactly (values, dtypes, order), and so is the
load report; paths under the checkout are written ``<repo>/...`` so two checkouts compare.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

os.environ["CORPUS_TOOLS_CACHE"] = os.path.join(os.devnull, "corpus_tools_cache_off")
os.environ["TQDM_DISABLE"] = "1"

import pandas as pd
from pandas.testing import assert_frame_equal

import corpus_tools as ct

ROOT = Path(ct.__file__).resolve().parents[1]
CORPORA = {
    "sample": None,
    "bbc": "/work/shared/corpora/bbc_news_2225/bbc",
    "isot": "/work/shared/corpora/isot_fake_real_news_sample",
    "ru_uk": str(ROOT / "tests/data/ru_uk_news.csv"),
    "wire": str(ROOT / "tests/data/wire_datelines.jsonl"),
}


def _plain(value):
    """A value with the checkout's path written ``<repo>`` (lists and dicts too, as the table holds them)."""
    if isinstance(value, str):
        return value.replace(str(ROOT), "<repo>")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _tables(name: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        a = (ct.load_sample(cache=False, progress=False) if CORPORA[name] is None
             else ct.read_articles(CORPORA[name], cache=False, progress=False))
        seconds = time.perf_counter() - t0
    report = pd.DataFrame(ct.load_report(a)).map(_plain)
    articles = pd.DataFrame(a).copy()
    articles.attrs = {}
    for col in articles.columns:
        if articles[col].dtype == object or str(articles[col].dtype) in ("str", "string"):
            articles[col] = articles[col].map(_plain)
    return articles, report, seconds


def _notebook(name: str) -> dict:
    """Notebook 02's cells up to its first chart, as plain tables (see the module's description)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = (ct.load_sample(cache=False, progress=False) if CORPORA[name] is None
             else ct.read_articles(CORPORA[name], cache=False, progress=False))
        extra = ["said", "also"]
        choice = ct.choose_parameters(a, OUTLETS=None, TARGET=None, KEYWORD=None, WORDS=None, EXTRA_STOPWORDS=extra)
        a = ct.group_outlets(a, keep=choice["OUTLETS"])
        tokens = ct.remove_stopwords(ct.tokenize(a, metadata=["outlet", "date", "language"], cache=False),
                                     stopwords="auto", extra=extra)
        counts = ct.count_terms(tokens, by="outlet")
        figure = ct.plot_top_terms(counts, by="outlet", n=15).to_json()
    return {"choice": pd.DataFrame({"value": [repr(v) for v in choice.values()],
                                    "reason": list(choice.reasons.values())}, index=list(choice)),
            "tokens": tokens, "counts": counts, "figure": pd.DataFrame({"json": [figure]})}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--only", nargs="*", choices=list(CORPORA))
    parser.add_argument("--notebook", action="store_true", help="notebook 02's tables up to its first chart too")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    print(f"corpus_tools from {ct.__file__}")
    failed = 0
    for name in args.only or CORPORA:
        articles, report, seconds = _tables(name)
        tables = {"articles": articles, "load report": report}
        if args.notebook:
            tables |= {f"notebook {k}": v for k, v in _notebook(name).items()}
        paths = {what: args.folder / f"{name}-{what.replace(' ', '-')}.pkl" for what in tables}
        if args.action == "save":
            for what, table in tables.items():
                table.to_pickle(paths[what])
            print(f"{name}: saved {len(articles)} articles, {len(report)} report rows ({seconds:.2f} s)")
            continue
        problems = []
        for what, new in tables.items():
            path = paths[what]
            try:
                assert_frame_equal(new, pd.read_pickle(path), check_exact=True)
            except AssertionError as e:
                problems.append(f"{what}: {str(e)[:600]}")
        failed += bool(problems)
        print(f"{name}: {'DIFFERENT' if problems else 'same'} ({len(articles)} articles, {len(report)} report rows, "
              f"{seconds:.2f} s)")
        for p in problems:
            print("   ", p)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
