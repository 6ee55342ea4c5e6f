"""Token counts per text straight from the texts, without a tokens table.

What :func:`corpus_tools.count_terms` does when given an articles table. Texts are cut at white space
by Arrow (in C), each *distinct* piece is lowercased and tokenized once by Python's regular expression
(:data:`~corpus_tools.text.patterns.TOKEN_PATTERN`), and a sparse matrix maps pieces to tokens.

Why this is exact (the same tokens as ``TOKEN_RE.findall(text.lower())``, as scikit-learn's
CountVectorizer and :func:`corpus_tools.tokenize` find them):

- no part of the token pattern matches white space, so no token spans two pieces, and a match
  never looks past one (the pattern has no lookaround);
- Arrow cuts at exactly the characters Python's ``str.isspace`` calls white space;
- lowercasing a piece gives the same characters as lowercasing the whole text: the only
  context rule (a final Greek sigma) stops at white space.

>>> m, vocab = term_counts(["The U.S. and the U.K.", None, "İstanbul’s  mayor"])
>>> [sorted((vocab[j], int(n)) for j, n in zip(row.indices, row.data)) for row in m]
[[('and', 1), ('the', 2), ('u.k.', 1), ('u.s.', 1)], [], [('i', 1), ('mayor', 1), ("stanbul's", 1)]]

("İ" lowercases to "i" and a combining dot, which is no letter: scikit-learn's CountVectorizer
splits the word there too.)
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .patterns import TOKEN_PATTERN

# A token, or the line break that separates two distinct pieces below.
_TOKEN_OR_BREAK = re.compile(TOKEN_PATTERN + r"|\n")
# Characters per chunk: the pieces of a chunk are held at once (about three times its text).
CHUNK_CHARS = 32_000_000


def term_counts(texts, *, lowercase: bool = True):
    """``(matrix, vocab)``: ``matrix[i, j]`` is how often token ``vocab[j]`` occurs in ``texts[i]``.

    A scipy CSR matrix of int64 with one row per text (non-strings count as empty texts). Tokens are
    those of :func:`corpus_tools.tokenize` (lowercased before they are found, curly apostrophes made
    straight); ``vocab`` is in no particular order.
    """
    from scipy import sparse

    texts = pd.Series(texts, dtype=object) if not isinstance(texts, pd.Series) else texts.reset_index(drop=True)
    if texts.dtype == object or not pd.api.types.is_string_dtype(texts.dtype):
        texts = pd.Series([t if isinstance(t, str) else None for t in texts], dtype=object)
    lengths = texts.str.len().fillna(0).to_numpy(dtype="int64")
    bounds = np.unique(np.r_[0, np.searchsorted(np.cumsum(lengths), np.arange(CHUNK_CHARS, lengths.sum() + 1,
                                                                                   CHUNK_CHARS)), len(texts)])
    if len(texts) == 0:
        return sparse.csr_matrix((0, 0), dtype="int64"), []
    vocabs, parts = [], []
    for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        matrix, vocab = _chunk_counts(texts.iloc[a:b], lowercase)
        parts.append(matrix)
        vocabs.append(vocab)
    if len(parts) == 1:
        return parts[0], vocabs[0].to_pylist()
    # One vocabulary for all chunks: each chunk's columns renumbered into it.
    encoded = pc.dictionary_encode(pa.concat_arrays([v.cast(pa.large_string()) for v in vocabs]))
    merged = encoded.indices.to_numpy()
    vocab = encoded.dictionary.to_pylist()
    at = 0
    for i, m in enumerate(parts):
        m = m.tocoo()
        parts[i] = sparse.csr_matrix((m.data, (m.row, merged[at:at + m.shape[1]][m.col])),
                                     shape=(m.shape[0], len(vocab)))
        at += m.shape[1]
    return sparse.vstack(parts, format="csr"), vocab


def _chunk_counts(texts: pd.Series, lowercase: bool):
    from scipy import sparse

    arrow = pa.array(texts, from_pandas=True, type=pa.large_string() if texts.dtype == object else None)
    if isinstance(arrow, pa.ChunkedArray):
        arrow = arrow.combine_chunks()
    pieces = pc.utf8_split_whitespace(arrow)
    del arrow
    doc_of_piece = pc.list_parent_indices(pieces).to_numpy()
    encoded = pc.dictionary_encode(pc.list_flatten(pieces))
    del pieces
    piece_codes = encoded.indices.to_numpy()
    distinct = encoded.dictionary
    del encoded
    # Every distinct piece once, on lines of its own (a piece holds no white space): one regex pass
    # finds its tokens, and the line breaks say which piece each token came from.
    joined = "\n".join(distinct.to_pylist())
    if lowercase:
        joined = joined.lower()
    found = _TOKEN_OR_BREAK.findall(joined.replace("’", "'") + "\n")
    del joined
    tokens = pc.dictionary_encode(pa.array(found, type=pa.string()))
    del found
    codes = tokens.indices.to_numpy()
    words = tokens.dictionary
    is_break = np.zeros(len(words), dtype=bool)
    is_break[pc.index(words, "\n").as_py()] = True  # (there is always one: the final break)
    breaks = is_break[codes]
    piece_of_token = np.cumsum(breaks) - breaks
    keep = ~breaks
    # Term codes without the break: words after it move down one.
    shift = np.cumsum(is_break) - is_break
    term_codes = codes[keep] - shift[codes[keep]]
    vocab = words.filter(pa.array(~is_break))
    # Both come in row order (pieces text by text, tokens piece by piece): CSR arrays straight away,
    # no sort; a piece twice in a text is two entries, which the product adds up.
    tokens_of_piece = sparse.csr_matrix((np.ones(len(term_codes), dtype="int64"), term_codes,
                                         _indptr(piece_of_token[keep], len(distinct))),
                                        shape=(len(distinct), len(vocab)))
    pieces_of_text = sparse.csr_matrix((np.ones(len(piece_codes), dtype="int64"), piece_codes,
                                        _indptr(doc_of_piece, len(texts))), shape=(len(texts), len(distinct)))
    return (pieces_of_text @ tokens_of_piece).tocsr(), vocab


def _indptr(rows: np.ndarray, n_rows: int) -> np.ndarray:
    """CSR row pointers for entries whose (non-decreasing) row numbers are ``rows``."""
    return np.r_[0, np.cumsum(np.bincount(rows, minlength=n_rows))].astype("int64")
