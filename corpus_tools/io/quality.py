"""Looking at what the loader did: the load summary, removed lines, quality flags.

>>> from corpus_tools import load_sample
>>> articles = load_sample()
>>> find_removed_lines(articles).query("reason == 'share widget'")[["doc_id", "line"]].values.tolist()
[['001_24a78b3d7f73cc16', 4], ['001_24a78b3d7f73cc16', 38]]
>>> count_flags(articles).query("flag == 'undated'")["n"].tolist()
[1]
"""

from __future__ import annotations

import pandas as pd

from ..core.docstrings import fill_doc
from ..core.validation import as_list, require_columns
from ..text.characters import visible
from .load_report import find_load_report


@fill_doc
def find_removed_lines(articles: pd.DataFrame, *, metadata=()) -> pd.DataFrame:
    """One row per line taken out of an article's text: ``doc_id, line, reason, text``.

    ``line`` is the line number in the original file (or text field). Lines moved
    into columns (title, byline, dateline, date line) are listed too, with that reason.

    {params.metadata}

    >>> from corpus_tools import load_sample
    >>> find_removed_lines(load_sample())[["doc_id", "line", "reason", "text"]].head(1).values.tolist()
    [['000_d3c851319a9cef4d', 1, 'section label', 'Security']]
    """
    metadata = as_list(metadata)
    require_columns(articles, ["doc_id", "removed_lines", *metadata])
    rows = [
        {"doc_id": doc_id, **{m: a[m] for m in metadata}, "line": r["line"], "reason": r["reason"], "text": r["text"]}
        for doc_id, a in zip(articles["doc_id"], articles[["removed_lines", *metadata]].to_dict("records"))
        for r in (a["removed_lines"] if isinstance(a["removed_lines"], list) else [])
    ]
    out = pd.DataFrame(rows, columns=["doc_id", *metadata, "line", "reason", "text"])
    out["line"] = out["line"].astype("Int64")
    return out


@fill_doc
def count_flags(articles: pd.DataFrame, *, by=None) -> pd.DataFrame:
    """How many articles carry each quality flag: ``[*by], flag, n, share``.

    ``share`` is n divided by the number of articles in the group.

    {params.by}

    >>> from corpus_tools import load_sample
    >>> count_flags(load_sample(), by="outlet").query("outlet == 'AP'")["flag"].tolist()
    ['doubled_punctuation', 'mixed_script', 'undated']
    """
    by = as_list(by)
    require_columns(articles, ["flags", *by])
    long = articles[by + ["flags"]].explode("flags").dropna(subset=["flags"]).rename(columns={"flags": "flag"})
    counts = long.groupby(by + ["flag"], dropna=False).size().rename("n").reset_index()
    sizes = articles.groupby(by, dropna=False).size().rename("n_articles").reset_index() if by else None
    if by:
        counts = counts.merge(sizes, on=by)
        counts["share"] = counts["n"] / counts.pop("n_articles")
    else:
        counts["share"] = counts["n"] / max(len(articles), 1)
    return counts.sort_values(by + ["n", "flag"], ascending=[True] * len(by) + [False, True], ignore_index=True)


@fill_doc
def count_articles(articles: pd.DataFrame, *, by="outlet") -> pd.DataFrame:
    """Articles per group: ``[*by], n, words, mean_words`` (``words`` = all words of the group).

    Missing values of a grouping column form their own group (nothing dropped).

    {params.by}

    >>> from corpus_tools import load_sample
    >>> count_articles(load_sample(), by="date_source")[["date_source", "n"]].values.tolist()
    [['inferred', 3], ['text', 1], ['unknown', 1]]
    """
    by = as_list(by)
    require_columns(articles, [*by, "n_words"], what="articles table")
    if by:
        out = articles.groupby(by, dropna=False, sort=True)["n_words"].agg(n="size", words="sum", mean_words="mean")
        out = out.reset_index()
    else:
        words = articles["n_words"]
        out = pd.DataFrame({"n": [len(articles)], "words": [words.sum()], "mean_words": [words.mean()]})
    out["n"] = out["n"].astype("int64")
    return out


def summarize_load(articles: pd.DataFrame) -> str:
    """A plain-text summary of a load: counts per status, the decisions taken, per outlet, and the date range.

    Safe to print to a terminal: control characters and bidi controls in file names, reasons and outlets
    show as escapes (``\\x1b``, ``\\n``, ``\\u202e``), so each report row is one line and nothing in
    the data can move the cursor or recolour the screen.

    >>> from corpus_tools import load_sample
    >>> print(summarize_load(load_sample()).splitlines()[0])
    5 articles from 5 files
    """
    rep = find_load_report(articles)
    lines = []
    notes = rep[rep["status"] == "note"] if rep is not None else None
    if rep is not None:
        rep = rep[rep["status"] != "note"]
    n_files = int(rep["line"].isna().sum()) if rep is not None else 0
    lines.append(f"{len(articles)} articles from {n_files} files")
    if rep is not None and len(rep):
        kinds = rep["line"].isna().map({True: "files", False: "rows"})
        for (kind, status), n in rep.groupby([kinds.rename("kind"), "status"]).size().items():
            lines.append(f"  {kind} {status}: {n}")
        problems = rep[rep["status"] != "loaded"].head(10)
        for _, r in problems.iterrows():
            where = visible(r["path"]) + (f", line {r['line']}" if pd.notna(r["line"]) else "")
            lines.append(f"    {r['status']}: {where}: {visible(r['reason'])}")
        more = int((rep["status"] != "loaded").sum()) - len(problems)
        if more > 0:
            lines.append(f"    ... and {more} more (see the load report)")
    if notes is not None and len(notes):
        lines.append("Decisions (see the load report):")
        lines += [f"  {visible(r['path'])}: {visible(r['reason'])}" for _, r in notes.iterrows()]
    if len(articles):
        lines.append("Articles per outlet:")
        for outlet, n in articles["outlet"].value_counts(dropna=False).items():
            lines.append(f"  {visible(outlet)}: {n}")
        dated = articles["date"].dropna()
        undated = len(articles) - len(dated)
        if len(dated):
            lines.append(f"Dates: {dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}; {undated} undated")
        else:
            lines.append(f"Dates: none known; {undated} undated")
        sources = articles["date_source"].value_counts().to_dict()
        lines.append("Date sources: " + ", ".join(f"{k} {v}" for k, v in sources.items()))
    return "\n".join(lines)
