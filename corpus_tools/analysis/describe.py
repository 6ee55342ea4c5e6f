"""One sentence saying what a corpus holds, safe to put in a page shared with others.

>>> import corpus_tools as ct
>>> print(ct.describe_corpus(ct.load_sample(), source="../data/sample"))
Data: 5 articles from 4 outlets (unknown 2, AP 1, Kontur 1, TASS 1), dated 27 Nov 2023 to 27 Jun 2024 (1 undated). \
Read from sample.
"""

from __future__ import annotations

import html
from pathlib import Path, PurePath

import pandas as pd

from ..core.resources import sample_dir
from ..text.characters import visible
from .timeline import as_dates


class CorpusDescription(str):
    """A sentence describing a corpus; shown as text, and in a notebook with "Data:" in bold (escaped)."""

    def _repr_html_(self) -> str:
        head, _, rest = str(self).partition(" ")
        return f"<p><b>{html.escape(head)}</b> {html.escape(rest)}</p>"


def _date_text(ts: pd.Timestamp) -> str:
    return f"{ts.day} {ts.strftime('%b %Y')}"


def _source_name(source) -> str | None:
    if source is None:
        return None
    if isinstance(source, (list, tuple)):
        names = [_source_name(s) for s in source]
        return ", ".join(n for n in names if n)
    text = str(source)
    try:
        if Path(text).expanduser().resolve() == sample_dir().resolve():
            return "the bundled sample"
    except OSError:
        pass
    return visible(PurePath(text).name or text)


def describe_corpus(articles: pd.DataFrame, *, source=None) -> CorpusDescription:
    """One sentence saying what a corpus holds: articles, outlets, dates, and where it was read from.

    ``source``: what was read (a path, a glob or a list, e.g. the notebooks' ``CORPUS``); only its
    last part is named (``exports/news.csv`` -> ``news.csv``), never the folders above it, so the
    sentence can go into a page shared with others. The bundled sample is named as such. Control
    characters and bidi controls in names show as escapes (``\\u202e``), in the text and in the page.

    >>> arts = pd.DataFrame({"outlet": ["AP", "TASS", "AP"],
    ...                      "date": pd.to_datetime(["2024-01-02", "2024-03-05", None])})
    >>> print(describe_corpus(arts, source="exports/news.csv"))
    Data: 3 articles from 2 outlets (AP 2, TASS 1), dated 2 Jan 2024 to 5 Mar 2024 (1 undated). Read from news.csv.
    """
    name = _source_name(source)
    where = f" Read from {name}." if name else ""
    if len(articles) == 0:
        return CorpusDescription(f"Data: no articles were loaded.{where} The load report (00-start-here) "
                                 "says why; every table and chart below is empty.")
    outlets = articles["outlet"].fillna("unknown").value_counts() if "outlet" in articles else pd.Series(dtype=int)
    outlets = outlets.rename_axis("outlet").reset_index(name="n").sort_values(["n", "outlet"], ascending=[False, True])
    outlets = outlets.set_index("outlet")["n"]
    shown = ", ".join(f"{visible(o)} {n:,}" for o, n in outlets.head(5).items())
    more = f", and {len(outlets) - 5} more" if len(outlets) > 5 else ""
    parts = [f"Data: {len(articles):,} article{'s' * (len(articles) != 1)}"]
    if len(outlets):
        parts.append(f" from {len(outlets)} outlet{'s' * (len(outlets) != 1)} ({shown}{more})")
    dates = as_dates(articles["date"], name="date").dropna() if "date" in articles else pd.DatetimeIndex([])
    undated = len(articles) - len(dates)
    if len(dates):
        parts.append(f", dated {_date_text(dates.min())} to {_date_text(dates.max())}")
        parts.append(f" ({undated:,} undated)" if undated else "")
    else:
        parts.append(", none of them dated")
    return CorpusDescription("".join(parts) + "." + where)

