"""Where words fall inside each article: the data of a dispersion plot (NLTK's, quanteda's x-ray, Voyant's Bubblelines).

>>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Kyiv said no. Later, in Kyiv, talks went on for hours."]})
>>> d = find_dispersion(arts, "kyiv")
>>> d[["position", "n_tokens"]].values.tolist(), d["relative_position"].round(2).tolist()
([[0, 11], [5, 11]], [0.0, 0.45])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.docstrings import fill_doc
from ..core.validation import as_list, require_columns
from ..text.patterns import TOKEN_RE
from ..text.search_terms import hint_other_spellings, search_terms, term_label
from ..text.sentences import split_sentences
from .kwic import kwic_rows

DISPERSION_COLUMNS = ["doc_id", "term", "match", "position", "n_tokens", "relative_position", "sent_id", "sentence"]


@fill_doc
def find_dispersion(articles: pd.DataFrame, terms, *, regex: bool = False, whole_words: bool = True, variants=False,
                    text: str = "text", metadata=("outlet", "title", "date")) -> pd.DataFrame:
    """Every occurrence of ``terms`` with its place in the article: one row per occurrence.

    Columns: ``doc_id, term, match, position, n_tokens, relative_position, sent_id, sentence``
    + ``metadata``. Occurrences are found by :func:`kwic` (a word, which also finds "Kyiv's",
    a phrase, a glob ``"Kyi*"``, a list of spellings placed as one term, ``["Kyiv", "Kiev"]``,
    or with ``regex=True`` a regular expression), one search per term; ``term`` is the term as
    given (a categorical in the order given; a list: its spellings joined by " / "), ``match`` the
    words found, ``position`` the token
    number in the article (as :func:`kwic` and :func:`tokenize` count), ``n_tokens`` the
    article's tokens, ``relative_position`` = position / n_tokens (0 the first word, near 1
    the last), ``sentence`` the sentence it is in. Rows: articles in table order, then position.
    Other spellings of the names placed that occur in the articles but are not among ``terms``
    give a :class:`PatternWarning` naming them.

    {params.regex}
    {params.whole_words}
    {params.variants}
    {params.text}
    {params.metadata}

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["NATO met. Kiev and Kyiv."]})
    >>> find_dispersion(arts, ["kyiv", "kiev"])[["term", "position", "sentence"]].values.tolist()
    [['kiev', 2, 'Kiev and Kyiv.'], ['kyiv', 4, 'Kiev and Kyiv.']]
    >>> find_dispersion(arts, [["Kyiv", "Kiev"]])[["term", "match", "position"]].values.tolist()
    [['Kyiv / Kiev', 'Kiev', 2], ['Kyiv / Kiev', 'Kyiv', 4]]
    """
    require_columns(articles, ["doc_id", text], what="articles table")
    terms = [terms] if isinstance(terms, str) else list(terms)
    if not terms and len(articles):  # (an empty corpus has no words to choose from, and nothing to place)
        raise ValueError("Give the words to place, e.g. find_dispersion(articles, ['kyiv', 'kiev']).")
    metadata = [m for m in as_list(metadata) if m in articles.columns and m not in ("doc_id", text)]
    # Every term checked, and other spellings looked for, once over all terms; then one kwic search per term.
    if not len(articles):  # an empty corpus: nothing to place, whatever the terms
        terms = []
    spellings = [search_terms(term, regex=regex, variants=variants) for term in terms]
    hint_other_spellings([s for each in spellings for s in each], articles[text], variants=variants, regex=regex)
    labels = [term_label(term) for term in terms]
    found = []
    for each, label in zip(spellings, labels):
        hits = kwic_rows(articles, each, window=0, regex=regex, whole_words=whole_words, text=text, metadata=())
        found.append(hits[["doc_id", "sent_id", "position", "match"]].assign(term=label))
    hits = pd.concat(found, ignore_index=True) if found else \
        pd.DataFrame({c: pd.Series(dtype="object") for c in ("doc_id", "sent_id", "position", "match", "term")})
    sub = articles[articles["doc_id"].isin(set(hits["doc_id"]))].drop_duplicates("doc_id")
    lengths = pd.DataFrame({"doc_id": sub["doc_id"].to_numpy(),
                            "n_tokens": [sum(1 for _ in TOKEN_RE.finditer(t)) if isinstance(t, str) else 0
                                         for t in sub[text]],
                            "_row": np.arange(len(sub))})
    sentences = split_sentences(sub, text=text)[["doc_id", "sent_id", "text"]].rename(columns={"text": "sentence"})
    out = hits.merge(lengths, on="doc_id").merge(sentences, on=["doc_id", "sent_id"], how="left")
    out["relative_position"] = out["position"] / out["n_tokens"].where(out["n_tokens"] > 0)
    out["_term"] = out["term"].map({t: i for i, t in enumerate(labels)})
    out = out.sort_values(["_row", "position", "_term"], kind="stable", ignore_index=True)
    if metadata:
        out = out.merge(sub[["doc_id", *metadata]], on="doc_id", how="left")
    out = out[[*DISPERSION_COLUMNS, *metadata]]
    out = out.astype({"doc_id": "str", "match": "str", "position": "int64", "n_tokens": "int64",
                      "relative_position": "float64", "sent_id": "int64", "sentence": "str"})
    out["term"] = pd.Categorical(out["term"].astype(str), categories=list(dict.fromkeys(labels)))
    return out
