"""Term frequencies and n-grams as tidy tables: one row per (group, term).

>>> import pandas as pd
>>> toks = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "sent_id": [0, 0, 0, 0],
...                      "position": [0, 1, 2, 0], "token": ["kyiv", "said", "kyiv", "kiev"],
...                      "outlet": ["X", "X", "X", "TASS"]})
>>> count_terms(toks, by="outlet").values.tolist()
[['TASS', 'kiev', 1, 1.0, 1], ['X', 'kyiv', 2, 0.6666666666666666, 1], ['X', 'said', 1, 0.3333333333333333, 1]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .validation import require_columns, require_group_columns


def as_list(by) -> list[str]:
    """``by="outlet"`` and ``by=["outlet"]`` mean the same; None means no grouping."""
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def ngrams(tokens: pd.DataFrame, *, n: int = 2, token: str = "token", sep: str = " ") -> pd.DataFrame:
    """One row per n-gram: the tokens table with ``token`` holding ``n`` consecutive tokens.

    N-grams never cross a sentence boundary; they are built from consecutive rows of
    the table as given (so after stop-word removal they join the remaining words).

    >>> toks = pd.DataFrame({"doc_id": ["a"] * 3, "sent_id": [0, 0, 1], "position": [0, 1, 2],
    ...                      "token": ["big", "win", "today"]})
    >>> ngrams(toks, n=2)["token"].tolist()
    ['big win']
    """
    require_columns(tokens, ["doc_id", "sent_id", token], what="tokens table")
    if n == 1:
        return tokens.copy()
    if n < 1:
        raise ValueError("n must be 1 or more")
    t = tokens.reset_index(drop=True)
    words = t[token].astype(str).to_numpy(dtype=object)
    doc = pd.factorize(t["doc_id"])[0]
    sent = t["sent_id"].to_numpy()
    m = len(t) - n + 1
    if m <= 0:
        return t.iloc[:0].copy()
    ok = np.ones(m, dtype=bool)
    for k in range(1, n):
        ok &= (doc[k:k + m] == doc[:m]) & (sent[k:k + m] == sent[:m])
    idx = np.flatnonzero(ok)
    joined = words[idx]
    for k in range(1, n):
        joined = joined + sep + words[idx + k]
    out = t.iloc[idx].reset_index(drop=True)
    out[token] = pd.Series(joined, dtype="str")
    return out


def count_terms(
    tokens: pd.DataFrame,
    *,
    by=None,
    ngram: int = 1,
    token: str = "token",
) -> pd.DataFrame:
    """How often each term occurs: ``[*by], term, n, share, n_docs``.

    ``share`` is n divided by all terms of the group (so shares sum to 1 per group);
    ``n_docs`` is the number of articles of the group that use the term. ``ngram=2``
    counts two-word sequences within sentences. ``by="outlet"`` needs an ``outlet``
    column in the tokens table (``tokenize(articles, metadata=["outlet"])``).
    Rows are sorted by group, then by ``n`` (largest first), then term.

    >>> toks = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": [0, 0, 0], "token": ["kyiv", "kyiv", "kiev"]})
    >>> count_terms(toks).values.tolist()
    [['kyiv', 2, 0.6666666666666666, 1], ['kiev', 1, 0.3333333333333333, 1]]
    """
    by = as_list(by)
    require_columns(tokens, ["doc_id", token], what="tokens table")
    require_group_columns(tokens, by)
    grams = ngrams(tokens, n=ngram, token=token) if ngram != 1 else tokens
    keys = by + [token]
    if len(grams) == 0:
        return pd.DataFrame({**{b: grams[b].iloc[:0] for b in by}, "term": pd.Series([], dtype="str"),
                             "n": pd.Series([], dtype="int64"), "share": pd.Series([], dtype="float64"),
                             "n_docs": pd.Series([], dtype="int64")})
    # Integer codes make the grouping several times faster than grouping strings.
    codes = {k: pd.factorize(grams[k], use_na_sentinel=False) for k in keys + ["doc_id"]}
    frame = pd.DataFrame({k: c[0] for k, c in codes.items()})
    g = frame.groupby(keys, sort=False)
    n = g.size()
    n_docs = frame.drop_duplicates(keys + ["doc_id"]).groupby(keys, sort=False).size()
    out = n.rename("n").to_frame().join(n_docs.rename("n_docs")).reset_index()
    for k in keys:
        out[k] = codes[k][1].take(out[k].to_numpy())
    out = out.rename(columns={token: "term"})
    totals = out.groupby(by, sort=False)["n"].transform("sum") if by else out["n"].sum()
    out["share"] = out["n"] / totals
    out = out[by + ["term", "n", "share", "n_docs"]]
    out["n"] = out["n"].astype("int64")
    out["n_docs"] = out["n_docs"].astype("int64")
    out["term"] = out["term"].astype("str")
    return out.sort_values(by + ["n", "term"], ascending=[True] * len(by) + [False, True], ignore_index=True)


def add_tf_idf(counts: pd.DataFrame, *, document=None, term: str = "term", n: str = "n") -> pd.DataFrame:
    """Add ``tf, idf, tf_idf`` to a counts table, treating each group as a document.

    tf = n / (all n of the document); idf = ln(number of documents / number of
    documents using the term); tf_idf = tf × idf — as in tidytext's ``bind_tf_idf``.
    ``document`` defaults to the grouping columns of the counts (everything but
    term, n, share, n_docs). A term used by every document gets idf = 0.

    >>> c = pd.DataFrame({"outlet": ["A", "A", "B"], "term": ["kyiv", "nato", "nato"], "n": [2, 2, 4]})
    >>> add_tf_idf(c)[["outlet", "term", "tf", "idf"]].values.tolist()
    [['A', 'kyiv', 0.5, 0.6931471805599453], ['A', 'nato', 0.5, 0.0], ['B', 'nato', 1.0, 0.0]]
    """
    require_columns(counts, [term, n], what="counts table")
    doc = as_list(document) if document is not None else [
        c for c in counts.columns if c not in (term, n, "share", "n_docs", "tf", "idf", "tf_idf")
    ]
    if not doc:
        raise ValueError("add_tf_idf needs documents to compare: count terms with by=... (e.g. by='doc_id' or 'outlet').")
    require_columns(counts, doc, what="counts table")
    out = counts.copy()
    out["tf"] = out[n] / out.groupby(doc, sort=False)[n].transform("sum")
    n_documents = out[doc].drop_duplicates().shape[0]
    # A counts table has one row per (document, term), so rows per term = documents using it.
    docs_with_term = out.groupby(term, sort=False)[n].transform("size").to_numpy(dtype="float64")
    out["idf"] = np.log(n_documents / docs_with_term)
    out["tf_idf"] = out["tf"] * out["idf"]
    return out
