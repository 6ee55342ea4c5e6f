"""Blind reading: articles with the outlet hidden, for classroom exercises.

>>> from corpus_tools import load_sample
>>> hide_outlets(load_sample())["outlet"].tolist()
['Outlet B', 'Outlet D', 'Outlet E', 'Outlet C', 'Outlet A']
"""

from __future__ import annotations

import pandas as pd

from ..core.validation import require_columns


def hide_outlets(articles: pd.DataFrame, *, columns=("outlet", "agency", "byline", "outlet_evidence")) -> pd.DataFrame:
    """The articles with outlet names replaced by "Outlet A", "Outlet B", ... (sorted by name).

    Agency credits, bylines and outlet evidence are hidden too ("hidden"), so students judge
    the texts, not the brands. The article text itself is not changed: a credit written in
    the text (e.g. "/TASS/") is still there — say so to the class, or remove it yourself.
    Unknown outlets get their own letter too: they are different sources.
    """
    require_columns(articles, ["outlet"], what="articles table")
    out = articles.copy()
    # Each article of unknown origin is a source of its own, so it gets a letter of its own.
    ids = out["doc_id"] if "doc_id" in out.columns else pd.Series(range(len(out)), index=out.index).astype(str)
    sources = [f"unknown:{d}" if o == "unknown" else o for d, o in zip(ids, out["outlet"])]
    order = sorted({s for s in sources if not s.startswith("unknown:")}) + \
        list(dict.fromkeys(s for s in sources if s.startswith("unknown:")))
    letters = {s: f"Outlet {chr(65 + i) if i < 26 else i + 1}" for i, s in enumerate(order)}
    out["outlet"] = [letters[s] for s in sources]
    for col in columns[1:]:
        if col in out.columns:
            out[col] = out[col].where(out[col].isna(), "hidden")
    return out


