"""Words used alike: words that turn up between the same neighbours, as NLTK's ``Text.similar`` finds them.

A word's context is the word before it and the word after it in the running text of an
article (``*START*`` / ``*END*`` at its edges). Two words that share many contexts are used
alike in this corpus ("kyiv" and "kiev" after "in" and before "and"), whatever a dictionary says.

>>> toks = pd.DataFrame({"doc_id": ["a"] * 9, "position": range(9),
...                      "token": "in kyiv and in kiev and in moscow today".split()})
>>> similar_words(toks, "kyiv")[["word", "contexts"]].values.tolist()
[['kiev', 1]]
>>> common_contexts(toks, ["kyiv", "kiev"]).values.tolist()
[['in', 'and', 2]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.docstrings import fill_doc
from ..core.validation import as_list, require_columns

START, END = "*START*", "*END*"


def _contexts(tokens: pd.DataFrame, token: str):
    """``(words, vocab, left, right)``: each token's word code and its neighbours' codes (START/END past the edges)."""
    require_columns(tokens, ["doc_id", token], what="tokens table")
    t = tokens[tokens[token].notna()]
    if "position" in t.columns:
        t = t.iloc[np.lexsort((t["position"].to_numpy(), pd.factorize(t["doc_id"])[0]))]
    doc = pd.factorize(t["doc_id"])[0]
    if not len(doc):
        empty = np.zeros(0, dtype="int64")
        return empty, np.array([START, END], dtype=object), empty, empty
    words, vocab = pd.factorize(pd.Series(t[token].astype(str).str.lower().str.replace("’", "'").to_numpy()))
    vocab = np.append(np.asarray(vocab, dtype=object), [START, END])
    start, end = len(vocab) - 2, len(vocab) - 1
    same_before = np.r_[False, doc[1:] == doc[:-1]]
    same_after = np.r_[doc[:-1] == doc[1:], False]
    left = np.where(same_before, np.r_[0, words[:-1]], start)
    right = np.where(same_after, np.r_[words[1:], 0], end)
    return words, vocab, left.astype("int64"), right.astype("int64")


@fill_doc
def similar_words(tokens: pd.DataFrame, word: str, *, n: int = 20, token: str = "token") -> pd.DataFrame:
    """Words that share contexts with ``word``: ``word, contexts, score, n``, the ``n`` most alike first.

    ``contexts`` is the number of distinct (before, after) pairs the word shares with ``word``:
    the number NLTK's ``Text.similar`` ranks by. ``score`` adds, over those contexts, the
    product of the two words' occurrences in them (NLTK's ``ContextIndex.similar_words``),
    and breaks ties; ``n`` is how often the word occurs. Words are compared lower-cased.
    Use all tokens: stop words are most of the contexts. An unknown ``word`` gives no rows.
    (NLTK first drops every token that is not all letters, its punctuation above all; the
    tokens here have no punctuation, and numbers and "kyiv's" stay.)

    {params.n}
        Here: how many similar words.
    {params.token}

    >>> toks = pd.DataFrame({"doc_id": ["a"] * 8, "token": "the cat sat the dog sat the cat".split()})
    >>> similar_words(toks, "cat").values.tolist()
    [['dog', 1, 1, 1]]
    """
    words, vocab, left, right = _contexts(tokens, token)
    key = left * len(vocab) + right
    target = np.flatnonzero(vocab[:-2] == str(word).lower().replace("’", "'"))
    if not len(target):
        return pd.DataFrame({"word": pd.Series([], dtype="str"), "contexts": pd.Series([], dtype="int64"),
                             "score": pd.Series([], dtype="int64"), "n": pd.Series([], dtype="int64")})
    mine = pd.Series(key[words == target[0]]).value_counts()
    shared = np.isin(key, mine.index.to_numpy()) & (words != target[0])
    pairs = pd.DataFrame({"w": words[shared], "c": key[shared]}).value_counts().rename("k").reset_index()
    pairs["score"] = pairs["k"] * mine.reindex(pairs["c"]).to_numpy()
    out = pairs.groupby("w").agg(contexts=("c", "size"), score=("score", "sum")).reset_index()
    out["n"] = np.bincount(words, minlength=len(vocab))[out["w"].to_numpy()]
    out.insert(0, "word", pd.Series(vocab[out["w"].to_numpy()], dtype="str"))
    out = out.sort_values(["contexts", "score", "word"], ascending=[False, False, True], kind="stable")
    return out[["word", "contexts", "score", "n"]].head(n).astype(
        {"contexts": "int64", "score": "int64", "n": "int64"}).reset_index(drop=True)


@fill_doc
def common_contexts(tokens: pd.DataFrame, words, *, token: str = "token") -> pd.DataFrame:
    """Contexts all of ``words`` occur in: ``left, right, n``, most frequent first.

    ``left`` and ``right`` are the words before and after (``*START*``/``*END*`` at an
    article's edges), ``n`` the occurrences of all the ``words`` in that context. The contexts
    are those of NLTK's ``Text.common_contexts``; NLTK counts each context once per word
    (so all its counts are equal), here every occurrence counts. Ties: by the words.

    {params.token}

    >>> toks = pd.DataFrame({"doc_id": ["a"] * 9, "token": "in kyiv and in kiev and in kiev today".split()})
    >>> common_contexts(toks, ["kyiv", "kiev"]).values.tolist()
    [['in', 'and', 2]]
    """
    wanted = [str(w).lower().replace("’", "'") for w in as_list(words)]
    if not wanted:
        raise ValueError("Give the words whose shared contexts you want, "
                         "e.g. common_contexts(tokens, ['kyiv', 'kiev']).")
    codes, vocab, left, right = _contexts(tokens, token)
    index = {w: i for i, w in enumerate(vocab[:-2])}
    common = None
    for w in wanted:
        ctx = set((left * len(vocab) + right)[codes == index[w]]) if w in index else set()
        common = ctx if common is None else common & ctx
    mask = np.isin(codes, [index[w] for w in wanted if w in index]) & np.isin(left * len(vocab) + right,
                                                                             list(common))
    out = pd.DataFrame({"left": vocab[left[mask]], "right": vocab[right[mask]]}).value_counts().rename("n")
    out = out.reset_index().astype({"left": "str", "right": "str", "n": "int64"})
    return out.sort_values(["n", "left", "right"], ascending=[False, True, True], kind="stable",
                           ignore_index=True)
