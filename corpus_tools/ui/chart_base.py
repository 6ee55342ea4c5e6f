"""What every chart shares: one colour per outlet, escaped labels, the page layout, and saying what
a chart leaves out (outlets in grey, points sampled, terms beyond the top ones).

The palette: 12 colours chosen to stay apart for readers with normal colour vision and, as far
as 12 colours can, for the two common colour-vision deficiencies (smallest CIEDE2000
difference between two of them and the greys: 15 normal, 10 under simulated deuteranopia and
protanopia, Machado et al. 2009), each at least 3:1 in contrast against the white background
(WCAG's rule for lines and marks). No pale yellow or pale blue. The first colours are the most
distinct, so a chart of three outlets gets the three most different ones.
"""

from __future__ import annotations

import copy
import functools
import html
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..analysis.outlets import MAX_OUTLETS, OTHER, UNKNOWN
from ..text.characters import visible

PALETTE = ["#0072B2", "#D55E00", "#00603C", "#A860FC", "#C00C54", "#60540C",
           "#B484B4", "#30489C", "#FC5460", "#609C6C", "#6C3060", "#300CFC"]
UNKNOWN_COLOR = "#999999"  # no outlet found
OTHER_COLOR = "#666666"  # outlets grouped as "other", and outlets beyond the palette
# Above this many points, hover texts and individual points would make a shared page tens of MB:
# a fixed random sample of this many is drawn (with its texts), and the title says so.
MAX_TEXT_POINTS = 3000
POSITIVE_COLOR, NEGATIVE_COLOR = "#0072B2", "#D55E00"


def outlet_colors(outlets, *, keep: int = MAX_OUTLETS) -> dict:
    """One fixed colour per outlet, in the order of their sorted names; "unknown" and "other" are grey.

    Beyond ``keep`` (12) outlets, the ``keep`` with the most rows in ``outlets`` get the colours
    (ties by name) and the others are grey too: group them with :func:`group_outlets` first.

    >>> outlet_colors(["TASS", "AP", "unknown"])
    {'AP': '#0072B2', 'TASS': '#D55E00', 'unknown': '#999999'}
    """
    values = pd.Series(list(outlets) if not isinstance(outlets, pd.Series) else outlets, dtype=object).dropna()
    sizes = values.astype(str).value_counts()
    named = [n for n in sizes.index if n not in (UNKNOWN, OTHER)]
    keep = min(keep, len(PALETTE))
    kept = sorted(named) if len(named) <= keep else sorted(sorted(named, key=lambda n: (-sizes[n], n))[:keep])
    colors = {n: PALETTE[i] for i, n in enumerate(kept)}
    for name in sorted(set(named) - set(kept)):
        colors[name] = OTHER_COLOR
    for name, color in ((OTHER, OTHER_COLOR), (UNKNOWN, UNKNOWN_COLOR)):
        if name in sizes.index:
            colors[name] = color
    return colors


def greyed_note(colors: dict, drawn) -> str | None:
    """"3 smaller outlets in grey ..." when some outlets ``drawn`` share the grey of "other"."""
    grey = sorted({str(n) for n in drawn if str(n) not in (OTHER, UNKNOWN) and colors.get(str(n)) == OTHER_COLOR})
    if not grey:
        return None
    return (f"{len(grey)} smaller outlet{'s' if len(grey) > 1 else ''} in grey (beyond {len(PALETTE)} colours): "
            "group them with group_outlets or choose outlets")


def escape_label(value, *, width: int | None = None) -> str:
    """Text for a chart label or hover box: HTML-escaped, optionally wrapped with <br>.

    Control characters and bidirectional controls show as escapes (:func:`~corpus_tools.text.characters.visible`):
    an outlet written "SSAT" behind a right-to-left override can never display as "TASS".

    >>> escape_label("\\u202eSSAT <b>")
    '\\\\u202eSSAT &lt;b&gt;'
    """
    s = "" if value is None or (isinstance(value, float) and pd.isna(value)) else visible(value, keep="\n\t")
    lines = textwrap.wrap(s, width) if width else [s]
    # "$" as an entity: plotly would typeset a label that starts and ends with "$" as maths.
    # Quotes stay as they are: with "<" escaped they cannot open an attribute, and plotly
    # would show "&quot;" literally.
    return "<br>".join(html.escape(line, quote=False).replace("$", "&#36;") for line in lines)


def with_note(title: str | None, *notes) -> str | None:
    """The title with what the chart leaves out under it (small type); both escaped."""
    notes = [n for n in notes if n]
    if not notes:
        return escape_label(title) if title else None
    return (escape_label(title) if title else "") + "<br><sup>" + "; ".join(map(escape_label, notes)) + "</sup>"


def style_figure(fig: go.Figure, title: str | None, *, escaped: bool = False, **kw) -> go.Figure:
    """The look every chart shares (white template, small margins); ``title`` escaped unless ``escaped``."""
    text = title if escaped else (escape_label(title) if title else None)
    legend = kw.pop("legend_title_text", kw.pop("legend", None))
    margin = kw.pop("margin", None) or dict(l=10, r=10, t=(80 if "<br>" in (text or "") else 60) if text else 30, b=10)
    fig.update_layout(title=text, template="plotly_white", legend_title_text=legend, margin=margin, **kw)
    return fig


def new_figure(title: str | None, **kw) -> go.Figure:
    """An empty figure with :func:`style_figure` applied; the layout is built once per set of arguments.

    Applying the template costs tens of milliseconds (more once traces are added); an explorer
    redraws the same kind of chart again and again.
    """
    fig = go.Figure(layout=copy.deepcopy(layout_json(title, tuple(sorted(kw.items())))))
    # Properties set to None leave an empty object behind in style_figure's figure, not in the copy.
    empty = {k: None for k, v in kw.items() if v is None and k not in ("legend", "escaped")}
    return fig.update_layout(**empty) if empty else fig


@functools.lru_cache(maxsize=64)
def layout_json(title, items: tuple) -> dict:
    """The shared look (:func:`style_figure`) as a layout dict, made once per title and settings."""
    return style_figure(go.Figure(), title, **dict(items)).to_plotly_json()["layout"]


def styled_layout(title: str | None, **kw) -> dict:
    """:func:`style_figure`'s layout as a dict for :func:`figure_from_dicts`, ``title`` already escaped: made once
    per settings and shape of title (one line, or more), then the title's text set in a copy.

    >>> styled_layout("Scores<br><sup>note</sup>", height=450)["title"]["text"]
    'Scores<br><sup>note</sup>'
    """
    shape = None if not title else "T<br>t" if "<br>" in title else "T"
    layout = copy.deepcopy(layout_json(shape, tuple(sorted({**kw, "escaped": True}.items()))))
    if title:
        layout["title"]["text"] = title
    return layout


def figure_from_dicts(data: list, layout: dict, *, grid: tuple | None = None) -> go.Figure:
    """A Figure of ready-made trace and layout dicts (``{"type": "scatter", "x": ..., ...}``), built
    without plotly's checks of every property: they cost more than the rest of a redraw, and
    the dicts come from this package. Changes made to the figure afterwards are checked as usual.

    ``grid``: ``(_grid_ref, _grid_str)`` of the :func:`make_subplots` figure the layout comes
    from, so that ``update_xaxes(row=..., col=...)`` and ``add_trace(row=..., col=...)`` keep working.

    >>> fig = figure_from_dicts([{"type": "bar", "x": [1, 2], "y": [3, 4]}], {"title": {"text": "T"}})
    >>> fig.data[0].type, fig.layout.title.text
    ('bar', 'T')
    """
    fig = go.Figure({"data": data, "layout": layout}, _validate=False)
    fig._validate = fig.layout._validate = True
    for trace in fig.data:
        trace._validate = True
    if grid is not None:
        fig.__dict__["_grid_ref"], fig.__dict__["_grid_str"] = copy.deepcopy(grid)
    return fig


def empty_figure(message: str, *, title: str | None = None, height: int = 220) -> go.Figure:
    """A chart with nothing to draw, saying why (escaped).

    >>> empty_figure("No occurrences of <b>Kyiv</b>.").layout.annotations[0].text
    'No occurrences of &lt;b&gt;Kyiv&lt;/b&gt;.'
    """
    fig = go.Figure()
    fig.add_annotation(text=escape_label(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return style_figure(fig, title, height=height)


def sample_rows(table: pd.DataFrame, n: int | None = None, *, seed: int = 0) -> pd.DataFrame:
    """At most ``n`` rows of ``table`` (default :data:`MAX_TEXT_POINTS`): a fixed random sample (the
    same every time), in the table's order."""
    n = MAX_TEXT_POINTS if n is None else n
    if len(table) <= n:
        return table
    picked = np.sort(np.random.default_rng(seed).choice(len(table), size=n, replace=False))
    return table.iloc[picked]


def shown_note(shown: int, total: int, what: str) -> str | None:
    """"3,000 of 42,000 sentences shown (a fixed random sample)" when not all are shown."""
    if shown >= total:
        return None
    return f"{shown:,} of {total:,} {what} shown (a fixed random sample)"
