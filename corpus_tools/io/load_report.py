"""The load report: one row per input file (and line) saying what was loaded, skipped or flagged, and why.

In ``articles.attrs`` the report is kept as plain records (JSON-ready), so that the articles
table and every selection of it can be written with pandas' own ``to_parquet``, pickled,
concatenated and merged; :func:`load_report` gives it back as a table.

>>> from corpus_tools import load_sample
>>> articles = load_sample()
>>> load_report(articles[["doc_id", "text"]])["status"].tolist()
['loaded', 'loaded', 'loaded', 'loaded', 'loaded']
>>> import json; json.loads(json.dumps(articles.attrs))["load_report"][0]["status"]
'loaded'
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field

import pandas as pd

from .values import shown_path, shown_text

REPORT_COLUMNS = ["path", "line", "status", "reason", "n_articles"]
# A "note" row records a decision the loader took for many rows at once (a date format, outlet
# spellings merged, a headline corpus): neither a file nor a problem.
STATUSES = ("loaded", "loaded_with_warnings", "skipped", "note")


class CorpusLoadError(ValueError):
    """A problem in the input, raised at once with ``errors="raise"``; names the file and line.

    >>> import tempfile; from pathlib import Path; from corpus_tools import read_articles
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = Path(folder, "empty.txt").write_text("")
    ...     read_articles(folder, errors="raise")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    corpus_tools.io.load_report.CorpusLoadError: ...empty.txt: empty file
    >>> issubclass(CorpusLoadError, ValueError)
    True
    """


class LoadWarning(UserWarning):
    """Some files were skipped or loaded with warnings; the load report has the details.

    >>> import tempfile; from pathlib import Path; from corpus_tools import read_articles
    >>> with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     _ = Path(folder, "empty.txt").write_text("")
    ...     report = load_report(read_articles(folder))
    >>> [w.category.__name__ for w in caught], report[["status", "reason"]].values.tolist()
    (['LoadWarning'], [['skipped', 'empty file']])
    >>> issubclass(LoadWarning, UserWarning)
    True
    """


class LoadReport(pd.DataFrame):
    """The load report as older tables kept it in ``attrs`` (kept so that their pickles still open).

    A DataFrame whose ``==`` against another DataFrame answers True/False, so that
    pandas can compare the ``attrs`` of two articles tables (in ``pd.concat``).
    """

    @property
    def _constructor(self):
        return LoadReport

    def __eq__(self, other):
        if isinstance(other, pd.DataFrame):
            return bool(self.shape == other.shape and self.equals(other))
        return super().__eq__(other)

    __hash__ = None


@dataclass
class ReportBuilder:
    errors: str
    rows: list = field(default_factory=list)
    # The first row of each file (line None), so a note finds it at once in a corpus of 100k files.
    file_rows: dict = field(default_factory=dict)

    def add(self, path, status, reason="", line=None, n_articles=0):
        path = shown_path(path)  # a file name with bytes that are not UTF-8 is shown escaped
        reason = shown_text(reason)
        if self.errors == "raise" and status != "loaded":
            where = f"{path}" + (f", line {line}" if line is not None else "")
            raise CorpusLoadError(f"{where}: {reason}")
        row = {"path": str(path), "line": line, "status": status, "reason": reason, "n_articles": n_articles}
        self.rows.append(row)
        if line is None:
            self.file_rows.setdefault(str(path), row)

    def decide(self, path, reason):
        """Record a decision taken for many rows (a "note" row; never a problem, never raised)."""
        self.rows.append({"path": shown_path(path), "line": None, "status": "note", "reason": shown_text(reason),
                          "n_articles": 0})

    def has_file_row(self, path) -> bool:
        return shown_path(path) in self.file_rows

    def note(self, path, line, reason):
        """A warning about one article: on its table row, or on its file's row for a text file."""
        row = self.file_rows.get(shown_path(path)) if line is None else None
        if row is not None:
            if self.errors == "raise":
                raise CorpusLoadError(f"{path}: {reason}")
            row["status"] = "loaded_with_warnings"
            row["reason"] = "; ".join(x for x in (row["reason"], shown_text(reason)) if x)
            return
        self.add(path, "loaded_with_warnings", reason, line=line)

    def drop_article(self, path, line, reason):
        """An article counted on its file's row is left out after all: say why there, and count one fewer."""
        row = self.file_rows.get(shown_path(path))
        if row is not None:
            row["n_articles"] = max(0, row["n_articles"] - 1)
        if line is not None or row is None:
            self.add(path, "skipped", reason, line=line)
            return
        if self.errors == "raise":
            raise CorpusLoadError(f"{row['path']}: {reason}")
        row["status"] = "loaded_with_warnings" if row["n_articles"] else "skipped"
        row["reason"] = "; ".join(x for x in (row["reason"], reason) if x)

    def records(self) -> ReportRecords:
        return ReportRecords(self.rows)


class ReportRecords(tuple):
    """The load report as ``articles.attrs`` keeps it: a tuple of plain dicts, one per report row.

    Plain values only, so pandas can write the ``attrs`` as JSON (``to_parquet``,
    ``to_feather``). pandas deep-copies ``attrs`` into every table it derives (each
    column, each selection): the records are never changed, so the copy is the same
    object, however large the report.
    """

    __slots__ = ()

    def __new__(cls, rows=()):
        return super().__new__(cls, (_plain_row(r) for r in rows))

    def __deepcopy__(self, memo):
        return self

    def __copy__(self):
        return self

    def __reduce__(self):
        return ReportRecords, (tuple(self),)


def _plain_row(row) -> dict:
    line, reason = row.get("line"), row.get("reason")
    return {"path": str(row.get("path")), "line": None if line is None or pd.isna(line) else int(line),
            "status": str(row.get("status")), "reason": "" if reason is None or pd.isna(reason) else str(reason),
            "n_articles": int(row.get("n_articles") or 0)}


def as_report_records(report) -> ReportRecords | None:
    """The form ``attrs`` keeps, from a report table, records, or the split form saved on disk."""
    if report is None or isinstance(report, ReportRecords):
        return report
    if isinstance(report, pd.DataFrame):
        return ReportRecords(report.to_dict("records"))
    if isinstance(report, dict) and "data" in report:  # the "split" form of saved corpora
        return ReportRecords(dict(zip(report["columns"], row)) for row in report["data"])
    return ReportRecords(report)


def report_table(report) -> pd.DataFrame:
    """A report (records, a table, or the split form) as a table with the documented columns and dtypes."""
    if isinstance(report, pd.DataFrame) and list(report.columns) == REPORT_COLUMNS:
        df = pd.DataFrame(report).copy()
    else:
        df = pd.DataFrame(list(as_report_records(report)), columns=REPORT_COLUMNS)
    df["line"] = df["line"].astype("Int64")
    df["n_articles"] = df["n_articles"].astype("int64")
    df.attrs = {}
    return df


def find_load_report(articles: pd.DataFrame) -> pd.DataFrame | None:
    """The load report of ``articles`` as a table, or None when it has none."""
    report = articles.attrs.get("load_report")
    return None if report is None else report_table(report)


def load_report(articles: pd.DataFrame) -> pd.DataFrame:
    """The load report of an articles table: one row per file, per problem row of a table, and per decision.

    Columns ``path, line, status, reason, n_articles``; ``status`` is ``loaded``,
    ``loaded_with_warnings``, ``skipped`` or ``note`` (a decision taken for many rows at
    once: a date format, outlet spellings merged, a file read as headlines). Every selection
    of the table keeps it, and so do pandas' ``to_parquet`` and pickling; ``pd.concat`` and
    ``merge`` keep it when all the tables combined have the same one (pandas' rule for ``attrs``).

    >>> from corpus_tools import load_sample
    >>> load_report(load_sample())[["status", "n_articles"]].value_counts().to_dict()
    {('loaded', 1): 5}
    """
    report = articles.attrs.get("load_report") if isinstance(articles, pd.DataFrame) else None
    if report is None:
        raise ValueError(
            "This table has no load report: it was not made by read_articles, or its attrs were replaced "
            "(e.g. by pd.concat of tables with different reports)."
        )
    return report_table(report)


def warn_problems(rep: pd.DataFrame) -> None:
    from .columns import LOOKS_LIKE_ONE

    rep = report_table(rep)
    # A date or outlet column under a nested key is not taken on a guess, but must not go unnoticed:
    # without it a whole corpus is undated.
    for _, hint in rep[(rep["status"] == "note") & rep["reason"].astype(str).str.contains(LOOKS_LIKE_ONE)].iterrows():
        warnings.warn(f"{hint['path']}: {hint['reason']}", LoadWarning, stacklevel=3)
    problems = rep[~rep["status"].isin(["loaded", "note"])]
    if len(problems):
        first = problems.iloc[0]
        warnings.warn(
            f"{(rep['status'] == 'skipped').sum()} skipped and {(rep['status'] == 'loaded_with_warnings').sum()} "
            f"loaded with warnings (files or rows); see ct.load_report(articles). First: {first['path']}"
            + (f", line {first['line']}" if pd.notna(first["line"]) else "") + f": {first['reason']}",
            LoadWarning, stacklevel=3,
        )


def report_records(report):
    """The report in the "split" form saved with a corpus (Parquet metadata, the manifest)."""
    if report is None:
        return None
    return json.loads(report_table(report).to_json(orient="split", index=False, date_format="iso"))


def report_frame(rep) -> ReportRecords | None:
    """The saved "split" form back as the records ``attrs`` keeps."""
    return None if rep is None else as_report_records(rep)


