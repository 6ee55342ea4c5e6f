"""What every chart of the topic, map and word views shares: the finishing layout, an empty chart, labels.

>>> fig = empty_figure("No occurrences of <b>Kyiv</b>.", title="Where words fall")
>>> fig.layout.annotations[0].text
'No occurrences of &lt;b&gt;Kyiv&lt;/b&gt;.'
"""

from __future__ import annotations

import pandas as pd

from .chart_base import empty_figure, style_figure  # noqa: F401  (re-exported)
from .plots import PALETTE


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
