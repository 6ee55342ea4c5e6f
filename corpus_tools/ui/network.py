"""Words that occur together, as a network: the chart of a :func:`collocations` table (Voyant's Links).

Words are points, pairs are lines; words that pair often are pulled together. The places come
from a force-directed layout (Fruchterman & Reingold 1991, as networkx's ``spring_layout``),
started from ``seed``: the same table and seed give the same picture.

>>> pairs = pd.DataFrame({"term1": ["prime", "prime"], "term2": ["minister", "time"], "n": [9, 3],
...                       "score": [40.0, 5.0]})
>>> fig = plot_cooccurrence_network(pairs)
>>> sorted(fig.data[-1].text)
['minister', 'prime', 'time']
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..core.docstrings import fill_doc
from ..core.validation import require_columns
from .chart_base import style_figure
from .figures import empty_figure, short
from .plots import PALETTE, escape_label, figure_menu

EDGE_COLOR = "#9aa7b4"


def spring_layout(n_nodes: int, edges: np.ndarray, weights: np.ndarray, *, seed: int = 0,
                  iterations: int = 200) -> np.ndarray:
    """Positions (``n_nodes`` × 2, within -1..1) of a force-directed layout; ``edges`` are index pairs.

    Every pair of nodes pushes apart by k²/d, every edge pulls by weight·d²/k (k = 1/√nodes),
    with steps that shrink over ``iterations``; a weak pull to the centre keeps separate
    groups in view.

    >>> spring_layout(2, np.array([[0, 1]]), np.array([1.0])).shape
    (2, 2)
    """
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1, 1, size=(n_nodes, 2))
    if n_nodes < 2:
        return np.zeros((n_nodes, 2))
    a = np.zeros((n_nodes, n_nodes))
    for (i, j), w in zip(edges, weights):
        a[i, j] = a[j, i] = max(a[i, j], w)
    k = 1.0 / np.sqrt(n_nodes)
    t = 0.2
    dt = t / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=-1), 0.01)
        force = k * k / dist ** 2 - a * dist / k
        disp = np.einsum("ijk,ij->ik", delta, force) - 0.05 * pos / k
        length = np.linalg.norm(disp, axis=-1)
        length = np.where(length < 0.01, 0.1, length)
        pos += disp * (t / length)[:, None]
        t -= dt
    pos -= pos.mean(axis=0)
    scale = np.abs(pos).max()
    return pos / scale if scale > 0 else pos


@fill_doc
def plot_cooccurrence_network(collocations_table: pd.DataFrame, *, n: int = 60, seed: int = 0,
                              title: str | None = None) -> go.Figure:
    """The ``n`` strongest word pairs of a :func:`collocations` table as a network of words.

    Line width grows with how often the pair occurs (``n``), point size with the word's pairs;
    hover a word for its partners, the middle of a line for the pair's count and score. A table
    counted ``by`` groups (outlets) gets a menu, one group at a time. Readable up to about 100
    pairs; the layout is :func:`spring_layout` from ``seed``.

    {params.n}
        Here: how many pairs (the strongest by ``score``).
    {params.title}

    >>> pairs = pd.DataFrame({"term1": ["<b>"], "term2": ["x"], "n": [3], "score": [2.0]})
    >>> sorted(plot_cooccurrence_network(pairs).data[-1].text)
    ['&lt;b&gt;', 'x']
    """
    require_columns(collocations_table, ["term1", "term2", "n", "score"], what="collocations table")
    title = title or "Words that occur together"
    groups = [c for c in collocations_table.columns if c not in ("term1", "term2", "n", "score")]
    if groups:
        parts = list(collocations_table.groupby(groups, sort=True, observed=True, dropna=False))
        if len(parts) > 1:
            return figure_menu({" / ".join(map(str, key)): plot_cooccurrence_network(
                part.drop(columns=groups), n=n, seed=seed, title=f"{title}: {' / '.join(map(str, key))}")
                for key, part in parts}, label=", ".join(groups))
        collocations_table = collocations_table.drop(columns=groups)
    top = collocations_table.sort_values(["score", "n", "term1", "term2"], ascending=[False, False, True, True],
                                         kind="stable").head(n)
    if top.empty:
        return empty_figure("No word pairs to draw (try a smaller min_count in collocations).", title=title)
    words = pd.Index(pd.unique(pd.concat([top["term1"], top["term2"]]).astype(str)))
    edges = np.column_stack([words.get_indexer(top["term1"].astype(str)), words.get_indexer(top["term2"].astype(str))])
    counts = top["n"].to_numpy(dtype="float64")
    pos = spring_layout(len(words), edges, counts / counts.max(), seed=seed)
    fig = go.Figure()
    widths = np.digitize(counts, np.quantile(counts, [1 / 3, 2 / 3])) if len(counts) > 2 else np.zeros(len(counts))
    for level in range(3):
        pick = np.flatnonzero(widths == level)
        if not len(pick):
            continue
        xs, ys = [], []
        for i, j in edges[pick]:
            xs += [pos[i, 0], pos[j, 0], None]
            ys += [pos[i, 1], pos[j, 1], None]
        fig.add_scatter(x=xs, y=ys, mode="lines", line=dict(width=1 + 2 * level, color=EDGE_COLOR), hoverinfo="skip",
                        showlegend=False)
    middle = (pos[edges[:, 0]] + pos[edges[:, 1]]) / 2
    fig.add_scatter(x=middle[:, 0], y=middle[:, 1], mode="markers", marker=dict(size=6, color=EDGE_COLOR, opacity=0.4),
                    text=[f"{escape_label(a)} → {escape_label(b)}: {k} times, score {s:.1f}"
                          for a, b, k, s in zip(top["term1"], top["term2"], top["n"], top["score"])],
                    hovertemplate="%{text}<extra></extra>", showlegend=False)
    degree = np.bincount(edges.ravel(), weights=np.r_[counts, counts], minlength=len(words))
    partners = [sorted({words[b] for a, b in edges if a == i} | {words[a] for a, b in edges if b == i})
                for i in range(len(words))]
    fig.add_scatter(x=pos[:, 0], y=pos[:, 1], mode="markers+text", text=[escape_label(w) for w in words],
                    textposition="top center", textfont=dict(size=12), showlegend=False,
                    marker=dict(size=8 + 14 * np.sqrt(degree / degree.max()), color=PALETTE[0], opacity=0.85,
                                line=dict(width=1, color="white")),
                    customdata=[escape_label(short(", ".join(p), 200), width=60) for p in partners],
                    hovertemplate="<b>%{text}</b><br>with: %{customdata}<extra></extra>")
    fig.update_xaxes(visible=False, range=[-1.15, 1.15])
    fig.update_yaxes(visible=False, range=[-1.15, 1.2])
    return style_figure(fig, title, height=650)
