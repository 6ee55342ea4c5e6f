"""Many outlets: keep the largest (or the ones you choose) and group the rest as "other".

A chart keeps about a dozen outlets apart by colour (:func:`corpus_tools.outlet_colors`);
beyond that, colours repeat or turn grey. Group the smaller outlets first, then count,
time and plot as usual: "other" is drawn in grey, and the table says which outlets it holds.

>>> import pandas as pd
>>> arts = pd.DataFrame({"outlet": ["A", "A", "A", "B", "B", "C", "unknown"]})
>>> group_outlets(arts, keep=1)["outlet"].tolist()
['A', 'A', 'A', 'other', 'other', 'other', 'unknown']
>>> group_outlets(arts, keep=["C"]).attrs["other_outlets"]
['A', 'B']
"""

from __future__ import annotations

import pandas as pd

from ..core.validation import require_columns

# How many outlets a chart keeps apart by colour (the palette's length).
MAX_OUTLETS = 12
OTHER = "other"
UNKNOWN = "unknown"


def group_outlets(table: pd.DataFrame, *, by: str = "outlet", keep=MAX_OUTLETS, other: str = OTHER) -> pd.DataFrame:
    """A copy of ``table`` where every outlet but the kept ones is called ``other``.

    ``keep``: how many outlets to keep, the ones with the most rows (articles, sentences ...;
    ties by name), or a list of the outlet names to keep. ``"unknown"`` (no outlet found)
    is never grouped and takes no place among the kept. ``by``: the column holding the
    outlets. Nothing changes when there are no more outlets than ``keep``.

    The names grouped are listed, largest first, in ``result.attrs["other_outlets"]`` (empty
    when nothing was grouped). Group the articles before counting or tokenizing, so every
    table and chart made from them agrees.

    >>> grouped = group_outlets(pd.DataFrame({"outlet": ["AP", "AP", "TASS", "RT", "unknown"]}), keep=1)
    >>> grouped["outlet"].tolist(), grouped.attrs["other_outlets"]
    (['AP', 'AP', 'other', 'other', 'unknown'], ['RT', 'TASS'])
    """
    require_columns(table, [by], what="table")
    values = table[by]
    if isinstance(values.dtype, pd.CategoricalDtype):
        values = values.astype(object)
    sizes = values[values.notna() & (values != UNKNOWN) & (values != other)].value_counts()
    if isinstance(keep, int) and not isinstance(keep, bool):
        if keep < 0:
            raise ValueError(f"keep must be a number of outlets (0 or more) or a list of names, got {keep}.")
        ranked = sorted(sizes.index, key=lambda name: (-sizes[name], str(name)))
        kept = set(ranked[:keep])
    else:
        kept = {keep} if isinstance(keep, str) else set(keep)
    grouped = [name for name in sorted(sizes.index, key=lambda name: (-sizes[name], str(name))) if name not in kept]
    out = table.copy()
    if grouped:
        out[by] = values.where(~values.isin(grouped), other)
    out.attrs["other_outlets"] = [str(name) for name in grouped]
    return out
