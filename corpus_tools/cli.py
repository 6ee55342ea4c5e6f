"""The ``corpus-tools`` command.

    corpus-tools load SOURCE [SOURCE ...] -o corpus.parquet [--metadata FILE] [--reference-date DATE]
"""

from __future__ import annotations

import argparse
import sys
import warnings

import pandas as pd


def summarize_load(articles: pd.DataFrame) -> str:
    """A plain-text summary of a load: counts per status, per outlet, and the date range.

    >>> from corpus_tools import load_sample
    >>> print(summarize_load(load_sample()).splitlines()[0])
    5 articles from 5 files
    """
    rep = articles.attrs.get("load_report")
    lines = []
    n_files = int(rep["line"].isna().sum()) if rep is not None else 0
    lines.append(f"{len(articles)} articles from {n_files} files")
    if rep is not None and len(rep):
        counts = rep.assign(kind=rep["line"].isna().map({True: "files", False: "rows"})).groupby(["kind", "status"]).size()
        for (kind, status), n in counts.items():
            lines.append(f"  {kind} {status}: {n}")
        problems = rep[rep["status"] != "loaded"].head(10)
        for _, r in problems.iterrows():
            where = r["path"] + (f", line {r['line']}" if pd.notna(r["line"]) else "")
            lines.append(f"    {r['status']}: {where}: {r['reason']}")
        more = int((rep["status"] != "loaded").sum()) - len(problems)
        if more > 0:
            lines.append(f"    ... and {more} more (see the load report)")
    if len(articles):
        lines.append("Articles per outlet:")
        for outlet, n in articles["outlet"].value_counts().items():
            lines.append(f"  {outlet}: {n}")
        dated = articles["date"].dropna()
        undated = len(articles) - len(dated)
        if len(dated):
            lines.append(f"Dates: {dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}; {undated} undated")
        else:
            lines.append(f"Dates: none known; {undated} undated")
        sources = articles["date_source"].value_counts().to_dict()
        lines.append("Date sources: " + ", ".join(f"{k} {v}" for k, v in sources.items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="corpus-tools", description="Read and explore a corpus of news articles.")
    sub = parser.add_subparsers(dest="command", required=True)
    load = sub.add_parser("load", help="read articles and save them as one Parquet file, printing the load report")
    load.add_argument("source", nargs="+", help="folders, files or glob patterns")
    load.add_argument("-o", "--output", required=True, help="where to write the articles table (.parquet)")
    load.add_argument("--metadata", help="a CSV/JSON side file keyed by doc_id or file name")
    load.add_argument("--reference-date", help="places dates written without a year, e.g. 2023-12-01")
    load.add_argument("--strict", action="store_true", help="stop at the first problem instead of reporting it")
    load.add_argument("--report-csv", help="also write the full load report to this CSV file")
    args = parser.parse_args(argv)

    from .loading import CorpusLoadError, read_articles, write_articles

    if args.command == "load":
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the summary below says the same
                articles = read_articles(
                    args.source if len(args.source) > 1 else args.source[0],
                    metadata=args.metadata,
                    errors="raise" if args.strict else "report",
                    reference_date=args.reference_date,
                    progress=True,
                )
        except (CorpusLoadError, FileNotFoundError, ValueError) as e:
            print(f"corpus-tools: {e}", file=sys.stderr)
            return 2
        out = write_articles(articles, args.output)
        print(summarize_load(articles))
        print(f"Saved to {out}")
        if args.report_csv:
            articles.attrs["load_report"].to_csv(args.report_csv, index=False)
            print(f"Load report written to {args.report_csv}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
