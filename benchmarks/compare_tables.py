"""Prove that a refactor leaves the main tables unchanged (not a test, not a benchmark).

Computes the main tables through the public API only (``import corpus_tools as ct``) on
the bundled sample and, with ``--bbc``, on the BBC News folder, then either saves them as
pickles or compares them with saved ones (``pandas.testing.assert_frame_equal``, exact
values and dtypes; attrs are not compared):

    python benchmarks/compare_tables.py save DIR [--bbc [PATH]]      # baseline, e.g. from the old commit
    python benchmarks/compare_tables.py compare DIR [--bbc [PATH]]   # one line per table; exit 1 if any differ

Run the baseline from a clean copy of the old code, e.g.
``git archive HEAD | tar -x -C /tmp/base &&
PYTHONPATH=/tmp/base .venv/bin/python benchmarks/compare_tables.py save /tmp/tables``.
The disk cache is switched off (it is keyed by the version, not the code) and so are progress bars.
Tables are saved as plain DataFrames without attrs (the load report is a subclass whose pickle
names its module), with paths under the checkout (the sample's ``source_path``) as ``<repo>/...``.
Categoricals whose categories differ only in order count as the same, with a note on that line.
BBC has one outlet and no dates: its keyness compares the category (the folder in ``doc_id``)
"politics" with the rest, and it has no timeline.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from functools import cache
from pathlib import Path

# Set before corpus_tools is imported: an unusable cache folder means nothing is read from or written to it.
os.environ["CORPUS_TOOLS_CACHE"] = os.path.join(os.devnull, "corpus_tools_cache_off")
os.environ["TQDM_DISABLE"] = "1"

import pandas as pd
from pandas.testing import assert_frame_equal as _assert_frame_equal

import corpus_tools as ct

DEFAULT_BBC = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "bbc_news_2225" / "bbc"
ROOT = str(Path(ct.__file__).resolve().parent.parent)  # the checkout whose corpus_tools is imported


def assert_frame_equal(new: pd.DataFrame, old: pd.DataFrame) -> None:
    """Exact: values (floats to the last bit), dtypes, index and column types, row and column order."""
    _assert_frame_equal(new, old, check_exact=True, check_index_type=True, check_column_type=True)


def tables(load, group: str, target: str):
    """(name, thunk) for every table of one corpus; keyness compares ``target`` with the rest of ``group``."""
    articles = cache(load)
    tokens = cache(lambda: ct.tokenize(by_group(articles(), group), metadata=list(dict.fromkeys(["outlet", group]))))
    sentences = cache(lambda: ct.split_sentences(articles()))
    quotes = cache(lambda: ct.find_quotes(articles()))
    passages = cache(lambda: ct.find_shared_passages(articles()))
    yield "articles", articles
    yield "load_report", lambda: (ct.load_report(articles()) if hasattr(ct, "load_report")  # the report's reader
                                  else articles().attrs["load_report"])
    yield "load_summary", lambda: pd.DataFrame(
        {"line": ct.summarize_load(articles()).replace(ROOT, "<repo>").splitlines()})
    yield "tokens", tokens
    yield "counts", lambda: ct.count_terms(tokens(), by="outlet")
    yield "counts_nostop", lambda: ct.count_terms(ct.remove_stopwords(tokens()), by="outlet")
    yield "ngrams", lambda: ct.ngrams(tokens(), ngram=2)
    yield "bigram_counts", lambda: ct.count_terms(tokens(), by="outlet", ngram=2)
    yield f"keyness_{group}_{target}", lambda: ct.keyness(tokens(), by=group, target=target)
    yield "sentences", sentences
    yield "sentiment_articles", lambda: ct.add_sentiment(articles(), progress=False)
    yield "sentiment_sentences", lambda: ct.add_sentiment(sentences(), progress=False)
    yield "quotes", quotes
    yield "quote_variants", lambda: ct.match_quotes(quotes())
    yield "framing", lambda: ct.framing_terms(articles())
    yield "shared_passages", passages
    yield "warning_signs", lambda: ct.warning_signs(ct.add_shared_share(articles(), passages=passages()))
    yield "text_stats", lambda: ct.add_text_stats(articles())
    if articles()["date"].notna().any():
        yield "timeline", lambda: ct.timeline(articles(), freq="W", by="outlet")
    else:
        print("  (timeline skipped: no article has a date)")
    yield "kwic_government", lambda: ct.kwic(articles(), "government")


def by_group(articles: pd.DataFrame, group: str) -> pd.DataFrame:
    """The articles with a ``group`` column: for BBC the category, the folder that starts doc_id."""
    return articles if group in articles else articles.assign(**{group: articles["doc_id"].str.split("/").str[0]})


def corpora(bbc: str | None):
    """(corpus name, its tables)."""
    yield "sample", tables(lambda: ct.load_sample(progress=False), "outlet", "TASS")
    if bbc:
        yield "bbc", tables(lambda: ct.read_articles(bbc, progress=False), "category", "politics")


def plain(table: pd.DataFrame) -> pd.DataFrame:
    """A plain DataFrame without attrs, paths under the checkout written as ``<repo>/...``.

    Plain, because a subclass (the load report is one) is pickled under its module's path,
    which the refactor moves.
    """
    table = pd.DataFrame(table).copy()
    table.attrs = {}
    for col in {"source_path", "path"} & set(table.columns):
        table[col] = table[col].str.replace(ROOT, "<repo>", regex=False)
    return table


def plain_categoricals(df: pd.DataFrame) -> pd.DataFrame:
    return df.astype({c: object for c in df.columns if isinstance(df[c].dtype, pd.CategoricalDtype)})


def same_value(x, y) -> bool:
    na = [v is None or (pd.api.types.is_scalar(v) and pd.isna(v)) for v in (x, y)]
    if any(na):
        return all(na)
    try:
        return bool(x == y)
    except (TypeError, ValueError):  # arrays in cells
        return repr(x) == repr(y)


def first_difference(new: pd.DataFrame, old: pd.DataFrame, message: str) -> str:
    """The first differing cell when the shapes agree, else pandas' own message."""
    if new.shape == old.shape and list(new.columns) == list(old.columns):
        for col in new.columns:
            for row, (x, y) in enumerate(zip(new[col], old[col])):
                if not same_value(x, y):
                    return f"column {col!r}, row {row}: now {x!r:.150} | baseline {y!r:.150}"
    return "(left = now, right = baseline) " + " ".join(message.split())[:400]


def compare(new: pd.DataFrame, old: pd.DataFrame) -> tuple[bool, str]:
    """(same, what): exact first; categoricals differing only in the order of categories count as the same."""
    try:
        assert_frame_equal(new, old)
        return True, "identical"
    except AssertionError as e:
        message = str(e)
    try:
        assert_frame_equal(plain_categoricals(new), plain_categoricals(old))
    except AssertionError:
        return False, "DIFFERS: " + first_difference(new, old, message)
    cats = [c for c in new.columns
            if isinstance(new[c].dtype, pd.CategoricalDtype) and isinstance(old[c].dtype, pd.CategoricalDtype)]
    cols = [c for c in cats if list(new[c].cat.categories) != list(old[c].cat.categories)]
    if cols and all(set(new[c].cat.categories) == set(old[c].cat.categories) for c in cols):
        try:  # nothing else differs once the categories are in the same order
            reordered = {c: new[c].cat.reorder_categories(old[c].cat.categories) for c in cols}
            assert_frame_equal(new.assign(**reordered), old)
            return True, f"same values; only the ORDER of categories differs in {cols}"
        except (AssertionError, TypeError, ValueError):
            pass
    return False, ("DIFFERS (values equal, not dtypes or categories; left = now, right = baseline): "
                   + " ".join(message.split())[:400])


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("mode", choices=["save", "compare"])
    p.add_argument("dir", type=Path)
    p.add_argument("--bbc", nargs="?", const=str(DEFAULT_BBC), default=None,
                   help=f"also the BBC folder (default path: {DEFAULT_BBC})")
    args = p.parse_args(argv)
    warnings.simplefilter("ignore")  # LoadWarning, SmallCountWarning: the tables say it all
    print(f"corpus_tools from {ct.__file__}; {args.mode} {args.dir}")
    failed, start = 0, time.perf_counter()
    for corpus, make in corpora(args.bbc):
        t0, done = time.perf_counter(), set()
        for name, compute in make:
            t = time.perf_counter()
            table = plain(compute())
            seconds = time.perf_counter() - t
            path = args.dir / corpus / f"{name}.pkl"
            done.add(path.name)
            if args.mode == "save":
                path.parent.mkdir(parents=True, exist_ok=True)
                table.to_pickle(path)
                what = "saved"
            elif not path.exists():
                failed, what = failed + 1, "MISSING from the baseline"
            else:
                same, what = compare(table, pd.read_pickle(path))
                failed += not same
            print(f"{corpus + '/' + name:36} {len(table):>9,} rows {seconds:7.2f} s  {what}", flush=True)
        if args.mode == "compare":  # in the baseline but no longer computed
            for gone in sorted({p.name for p in (args.dir / corpus).glob("*.pkl")} - done):
                failed += 1
                print(f"{corpus + '/' + gone[:-4]:36} in the baseline only: NOT COMPUTED now")
        print(f"{corpus}: {time.perf_counter() - t0:.1f} s")
    print(f"total {time.perf_counter() - start:.1f} s; " + (f"{failed} table(s) differ" if failed else
                                                             ("all identical" if args.mode == "compare" else "saved")))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
