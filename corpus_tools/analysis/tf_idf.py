"""tf-idf of a counts table, as tidytext's ``bind_tf_idf``."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.deprecation import renamed_parameter
from ..core.validation import as_list, require_columns


@renamed_parameter(old="n", new="count", since="0.2")
def add_tf_idf(counts: pd.DataFrame, *, document=None, term: str = "term", count: str = "n") -> pd.DataFrame:
    """Add ``tf, idf, tf_idf`` to a counts table, treating each group as a document.

    tf = n / (all n of the document); idf = ln(number of documents / number of
    documents using the term); tf_idf = tf × idf — as in tidytext's ``bind_tf_idf``.
    ``document`` defaults to the grouping columns of the counts (everything but
    term, n, share, n_docs). ``term`` and ``count`` name the columns of terms and of
    counts (``n``). A term used by every document gets idf = 0.

    >>> c = pd.DataFrame({"outlet": ["A", "A", "B"], "term": ["kyiv", "nato", "nato"], "n": [2, 2, 4]})
    >>> add_tf_idf(c)[["outlet", "term", "tf", "idf"]].values.tolist()
    [['A', 'kyiv', 0.5, 0.6931471805599453], ['A', 'nato', 0.5, 0.0], ['B', 'nato', 1.0, 0.0]]
    """
    n = count
    require_columns(counts, [term, n], what="counts table")
    doc = as_list(document) if document is not None else [
        c for c in counts.columns if c not in (term, n, "share", "n_docs", "tf", "idf", "tf_idf")
    ]
    if not doc:
        raise ValueError(
            "add_tf_idf needs documents to compare: count terms with by=... (e.g. by='doc_id' or 'outlet')."
        )
    require_columns(counts, doc, what="counts table")
    out = counts.copy()
    out["tf"] = out[n] / out.groupby(doc, sort=False)[n].transform("sum")
    n_documents = out[doc].drop_duplicates().shape[0]
    # A counts table has one row per (document, term), so rows per term = documents using it.
    docs_with_term = out.groupby(term, sort=False)[n].transform("size").to_numpy(dtype="float64")
    out["idf"] = np.log(n_documents / docs_with_term)
    out["tf_idf"] = out["tf"] * out["idf"]
    return out
