"""The load report: one row per input file (and line) saying what was loaded, skipped or flagged, and why."""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field

import pandas as pd

REPORT_COLUMNS = ["path", "line", "status", "reason", "n_articles"]


class CorpusLoadError(ValueError):
    """A problem in the input, raised at once with ``errors="raise"``; names the file and line."""


class LoadWarning(UserWarning):
    """Some files were skipped or loaded with warnings; the load report has the details."""


class LoadReport(pd.DataFrame):
    """The load report: one row per file, and per problem row of a table file.

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
        if self.errors == "raise" and status != "loaded":
            where = f"{path}" + (f", line {line}" if line is not None else "")
            raise CorpusLoadError(f"{where}: {reason}")
        row = {"path": str(path), "line": line, "status": status, "reason": reason, "n_articles": n_articles}
        self.rows.append(row)
        if line is None:
            self.file_rows.setdefault(str(path), row)

    def has_file_row(self, path) -> bool:
        return str(path) in self.file_rows

    def note(self, path, line, reason):
        """A warning about one article: on its table row, or on its file's row for a text file."""
        row = self.file_rows.get(str(path)) if line is None else None
        if row is not None:
            if self.errors == "raise":
                raise CorpusLoadError(f"{path}: {reason}")
            row["status"] = "loaded_with_warnings"
            row["reason"] = "; ".join(x for x in (row["reason"], reason) if x)
            return
        self.add(path, "loaded_with_warnings", reason, line=line)

    def frame(self) -> LoadReport:
        df = pd.DataFrame(self.rows, columns=REPORT_COLUMNS)
        df["line"] = df["line"].astype("Int64")
        df["n_articles"] = df["n_articles"].astype("int64")
        return LoadReport(df)


def warn_problems(rep: pd.DataFrame) -> None:
    problems = rep[rep["status"] != "loaded"]
    if len(problems):
        first = problems.iloc[0]
        warnings.warn(
            f"{(rep['status'] == 'skipped').sum()} skipped and {(rep['status'] == 'loaded_with_warnings').sum()} "
            f"loaded with warnings (files or rows); see articles.attrs['load_report']. First: {first['path']}"
            + (f", line {first['line']}" if pd.notna(first["line"]) else "") + f": {first['reason']}",
            LoadWarning, stacklevel=3,
        )


def report_records(report):
    return None if report is None else json.loads(pd.DataFrame(report).to_json(orient="split", date_format="iso"))


def report_frame(rep) -> LoadReport | None:
    if rep is None:
        return None
    frame = pd.DataFrame(rep["data"], columns=rep["columns"])
    if "line" in frame:
        frame["line"] = frame["line"].astype("Int64")
    if "n_articles" in frame:
        frame["n_articles"] = frame["n_articles"].astype("int64")
    return LoadReport(frame)


