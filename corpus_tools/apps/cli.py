"""The ``corpus-tools`` command.

    corpus-tools load SOURCE [SOURCE ...] -o corpus.parquet [--metadata FILE] [--reference-date DATE] [--partitioned]
                      [--text-column COL ...] [--title-column COL] [--date-column COL] [--outlet-column COL]
                      [--url-column COL] [--id-column COL] [--date-format FMT] [--dayfirst | --monthfirst]
                      [--outlet-alias NAME=OUTLET ...] [--tidy-domains]
    corpus-tools report --corpus PATH -o DIR [--notebook NB_OR_FOLDER ...] [--timeout SECONDS] [--self-contained]
                        [--param NAME=VALUE ...]
    corpus-tools classroom [--corpus PATH] [--story TEXT] [-o DIR] [--teacher DIR] [--student DIR] [--handouts DIR]
                           [--serve [--port PORT] [--ip IP] [--no-browser]]
"""

from __future__ import annotations

import argparse
import sys
import warnings

from ..text.characters import visible


def _say(message, *, file=None, lines: bool = False) -> None:
    """Print a message from the data safely: control characters and bidi controls as escapes (``\\x1b``, ``\\n``).

    ``lines=True`` keeps the message's own line breaks (a summary whose fields are escaped already);
    otherwise the message is one line, whatever a file name or value in it holds.
    """
    text = str(message)
    text = "\n".join(visible(line) for line in text.split("\n")) if lines else visible(text)
    print(text, file=file)


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
    load.add_argument("--partitioned", action="store_true",
                      help="write a folder of Parquet parts (for corpus_tools.dask) instead of one file")
    load.add_argument("--cores", type=int, help="use at most this many cores (default: all)")
    cols = load.add_argument_group("columns of exports, when the usual names do not fit (nested JSON keys: a.b)")
    cols.add_argument("--text-column", action="append", metavar="COL",
                      help="the column holding the text; repeat it to join several as paragraphs (title, description)")
    for name in ("title", "date", "outlet", "url", "id"):
        cols.add_argument(f"--{name}-column", metavar="COL", help=f"the column holding the {name}")
    dates = load.add_argument_group("dates and outlets")
    dates.add_argument("--date-format", metavar="FMT",
                       help="format of every date column, e.g. %%d.%%m.%%Y, or epoch / epoch_ms (default: inferred "
                            "per column from all its values)")
    order = dates.add_mutually_exclusive_group()
    order.add_argument("--dayfirst", dest="dayfirst", action="store_const", const=True,
                       help="read dates such as 03/04/2022 day first when the values cannot tell")
    order.add_argument("--monthfirst", dest="dayfirst", action="store_const", const=False,
                       help="read dates such as 03/04/2022 month first when the values cannot tell")
    dates.add_argument("--outlet-alias", action="append", metavar="NAME=OUTLET",
                       help="write outlet NAME as OUTLET (repeatable), e.g. --outlet-alias msnbc.com=MSNBC")
    dates.add_argument("--tidy-domains", action="store_true",
                       help="write outlets given as web addresses as bare domains (www.msnbc.com -> msnbc.com)")
    report = sub.add_parser("report", help="run the notebooks on a corpus and save each as an HTML page that works "
                                           "offline")
    report.add_argument("--corpus", required=True, help="a folder, a file or a glob pattern (quoted)")
    report.add_argument("-o", "--output", required=True, help="folder for the pages (<notebook>.html and .ipynb)")
    report.add_argument("--notebook", action="append", dest="notebooks", metavar="PATH",
                        help="a notebook or a folder of notebooks (repeatable; default: the numbered notebooks)")
    report.add_argument("--timeout", type=float, default=600, help="seconds allowed per cell (default 600)")
    report.add_argument("--param", action="append", dest="params", metavar="NAME=VALUE", default=[],
                        help="a notebook parameter, e.g. --param TARGET=TASS --param FREQ=M --param \"WORDS=['kyiv']\" "
                             "(repeatable; a Python literal or plain text; parameters not given are chosen from "
                             "the corpus)")
    report.add_argument("--self-contained", action="store_true",
                        help="embed plotly.js in every page (single files, 4.8 MB more each) instead of sharing "
                             "one plotly.min.js in the output folder")
    classroom = sub.add_parser("classroom", help="the classroom exercises written for a corpus: teacher notebooks "
                                                "(answer key), student copies (answers stripped) and HTML handouts")
    classroom.add_argument("--corpus", help="the corpus the exercises are written for and run on (default: the "
                                            "bundled sample, with its hand-written questions and answer key)")
    classroom.add_argument("--story", help="the event of exercises 1 and 2: a keyword, a date (2024-03-05) or doc_ids "
                                           "separated by commas (default: found in the corpus)")
    classroom.add_argument("-o", "--output", default="classroom",
                           help="folder for teacher/, student/ and handouts/ (default: classroom, in this folder)")
    classroom.add_argument("--teacher", help="folder of exercise notebooks to start from (default: the classroom "
                                            "notebooks installed with corpus_tools)")
    classroom.add_argument("--student", help="where the student copies go (default: OUTPUT/student)")
    classroom.add_argument("--handouts", help="folder for the HTML handouts (default: OUTPUT/handouts)")
    live = classroom.add_argument_group("a live class (Voilà)")
    live.add_argument("--serve", action="store_true",
                      help="serve the student copies (answers stripped, in a fresh temporary folder; -o, --student "
                           "and --handouts are not used) in the browser with Voilà until Ctrl-C; the teacher notebooks "
                           "are never served")
    live.add_argument("--port", type=int, default=8866, help="port of the served exercises (default 8866)")
    live.add_argument("--ip", default="localhost",
                      help="address to listen on (default localhost: this machine only; 0.0.0.0 for the class's "
                           "network)")
    live.add_argument("--no-browser", action="store_true", help="do not open a browser on this machine")
    args = parser.parse_args(argv)

    if args.command == "report":
        return _report(args)
    if args.command == "classroom":
        return _classroom(args)

    if args.command == "load":
        from ..core.parallel import set_cores

        previous = set_cores(args.cores) if args.cores is not None else None
        try:
            return _load(args)
        finally:
            if args.cores is not None:
                set_cores(previous)
    return 0


def _load_options(args) -> dict:
    """read_articles' options from the flags; a malformed flag is a ValueError naming it."""
    columns = {name: getattr(args, f"{name}_column") for name in ("title", "date", "outlet", "url", "id")}
    columns = {k: v for k, v in columns.items() if v}
    if args.text_column:
        columns["text"] = args.text_column if len(args.text_column) > 1 else args.text_column[0]
    aliases = {}
    for item in args.outlet_alias or []:
        name, sep, outlet = item.partition("=")
        if not sep or not name.strip() or not outlet.strip():
            raise ValueError(f"--outlet-alias takes NAME=OUTLET (e.g. msnbc.com=MSNBC), not {item!r}")
        aliases[name.strip()] = outlet.strip()
    return {"columns": columns or None, "date_format": args.date_format, "dayfirst": args.dayfirst,
            "outlet_aliases": aliases or None, "tidy_domains": args.tidy_domains}


def _nothing_loaded(articles, source) -> str:
    """One line saying why no article was loaded."""
    import pandas as pd

    from ..io.load_report import load_report

    rep = load_report(articles)
    skipped = rep[rep["status"] == "skipped"]
    if not len(rep):
        return f"no files found in {source}"
    if not len(skipped):
        return f"the files in {source} hold no articles"
    first = skipped.iloc[0]
    where = first["path"] + (f", line {first['line']}" if pd.notna(first["line"]) else "")
    return (f"{len(skipped)} file(s) or row(s) skipped, none loaded; first: {where}: "
            + " ".join(str(first["reason"]).split()))


def _load(args) -> int:
    from ..io.load_report import CorpusLoadError, load_report
    from ..io.quality import summarize_load
    from ..io.read import read_articles
    from ..io.store import write_articles

    source = args.source if len(args.source) > 1 else args.source[0]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the summary below says the same
            articles = read_articles(
                source,
                metadata=args.metadata,
                errors="raise" if args.strict else "report",
                reference_date=args.reference_date,
                progress=True,
                **_load_options(args),
            )
    except (CorpusLoadError, FileNotFoundError, ValueError, TypeError) as e:
        _say(f"corpus-tools: {e}", file=sys.stderr)
        return 2
    if not len(articles):
        _say(summarize_load(articles), lines=True)
        _say(f"corpus-tools: nothing loaded, nothing saved: {_nothing_loaded(articles, source)}", file=sys.stderr)
        return 1
    out = write_articles(articles, args.output, partitioned=args.partitioned)
    _say(summarize_load(articles), lines=True)
    _say(f"Saved to {out}")
    if args.report_csv:
        load_report(articles).to_csv(args.report_csv, index=False)
        _say(f"Load report written to {args.report_csv}")
    return 0


def _report(args) -> int:
    from .notebooks import NotebookError, parse_parameters
    from .report import build_report

    try:
        pages = build_report(args.corpus, args.output, notebooks=args.notebooks, timeout=args.timeout,
                             parameters=parse_parameters(args.params), self_contained=args.self_contained)
    except (NotebookError, FileNotFoundError, ValueError, TypeError) as e:
        _say(f"corpus-tools: {e}", file=sys.stderr, lines=True)
        return 2
    for page in pages:
        _say(page)
    _say(f"{len(pages)} page(s) written to {args.output}")
    return 0


def _classroom(args) -> int:
    from .classroom import build_classroom
    from .notebooks import NotebookError

    if args.serve:
        return _serve(args)
    try:
        made = build_classroom(args.corpus, args.output, teacher=args.teacher, story=args.story,
                               student=args.student, handouts=args.handouts)
    except (NotebookError, FileNotFoundError, ValueError, TypeError) as e:
        _say(f"corpus-tools: {e}", file=sys.stderr, lines=True)
        return 2
    _say("\n".join(made["notes"]))
    for kind, what in (("teacher", "teacher notebook(s) (answer key)"),
                       ("student", "student copies (answers stripped)"), ("handouts", "handout(s)")):
        if made[kind]:
            _say(f"{len(made[kind])} {what} in {made[kind][0].parent}")
    return 0


def _serve(args) -> int:
    """A live class: the exercises (written for ``--corpus`` when it is not the sample) served with Voilà."""
    import tempfile

    from .classroom import build_classroom
    from .notebooks import NotebookError
    from .serve import serve_classroom

    serve = dict(port=args.port, ip=args.ip, open_browser=not args.no_browser)
    if args.corpus is None and args.story is None:  # the sample's hand-written exercises, as installed
        return serve_classroom(args.teacher, None, **serve)
    with tempfile.TemporaryDirectory(prefix="corpus_tools_lesson_") as work:
        try:
            made = build_classroom(args.corpus, work, teacher=args.teacher, story=args.story, handouts=False)
        except (NotebookError, FileNotFoundError, ValueError, TypeError) as e:
            _say(f"corpus-tools: {e}", file=sys.stderr, lines=True)
            return 2
        _say("\n".join(made["notes"]))
        # Only the student copies of these teacher notebooks are served; the teacher folder stays here.
        return serve_classroom(made["teacher"][0].parent, args.corpus, **serve)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
