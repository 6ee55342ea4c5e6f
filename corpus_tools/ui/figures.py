"""What every chart of the topic, map and word views shares: the finishing layout, an empty chart, labels.

>>> fig = empty_figure("No occurrences of <b>Kyiv</b>.", title="Where words fall")
>>> fig.layout.annotations[0].text
'No occurrences of &lt;b&gt;Kyiv&lt;/b&gt;.'
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .chart_base import empty_figure  # noqa: F401  (re-exported)
from .plots import PALETTE, escape_label


def finish_figure(fig: go.Figure, title: str | None, **layout) -> go.Figure:
    """The package's chart style: white template, escaped title, slim margins, any other layout given."""
    layout.setdefault("margin", dict(l=10, r=10, t=60 if title else 30, b=10))
    fig.update_layout(title=escape_label(title) if title else None, template="plotly_white", **layout)
    return fig


def short(value, width: int) -> str:
    """``value`` as text of at most ``width`` characters (cut with "…"), not yet escaped."""
    s = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return s if len(s) <= width else s[: width - 1] + "…"


def topic_colors(labels) -> dict:
    """One colour per topic label, in the labels' order (a categorical's categories, else as given)."""
    values = labels.cat.categories if isinstance(getattr(labels, "dtype", None), pd.CategoricalDtype) else \
        pd.unique(pd.Series(list(labels), dtype=object))
    return {v: PALETTE[i % len(PALETTE)] for i, v in enumerate(values)}


def date_text(value) -> str:
    """A date as 2023-11-28, or "undated"."""
    return "undated" if value is None or pd.isna(value) else str(pd.Timestamp(value).date())
