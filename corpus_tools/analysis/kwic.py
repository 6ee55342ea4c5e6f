"""Keyword in context: every occurrence of a word, phrase, glob, list of spellings or regular expression.

>>> import pandas as pd
>>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "TASS"],
...                      "text": ["Aid to Kyiv's forces will go on.", "NATO keeps supporting Kiev, he said."]})
>>> kwic(arts, "Kyiv|Kiev", regex=True, window=2)[["doc_id", "left", "match", "right"]].values.tolist()
[['a', 'Aid to', "Kyiv's", 'forces will'], ['b', 'keeps supporting', 'Kiev', ', he said']]
>>> kwic(arts, ["Kyiv", "Kiev"])["match"].tolist(), kwic(arts, "kyi*")["match"].tolist()
(["Kyiv's", 'Kiev'], ["Kyiv's"])
"""

from __future__ import annotations

import bisect
import re

import numpy as np
import pandas as pd

from ..core.docstrings import fill_doc
from ..core.validation import require_columns
from ..text.patterns import TOKEN_SCAN_RE
from ..text.search_terms import hint_other_spellings, search_terms, text_pattern, token_regex

KWIC_COLUMNS = ["doc_id", "sent_id", "position", "left", "match", "right"]
_POSSESSIVE = re.compile(r"['’]s$", re.I)


def _phrase_matchers(spelling: str, *, whole_words: bool, case_sensitive: bool) -> list:
    """One matcher (a function of a token) per word of a plain spelling (a word, phrase or glob)."""
    flags = 0 if case_sensitive else re.I
    return [re.compile(token_regex(w, whole_words=whole_words), flags).match for w in spelling.split()]


def _token_matches(word: str, matcher) -> bool:
    # "Kyiv" finds "Kyiv's" too: a possessive is the same name.
    w = word.replace("’", "'")
    return bool(matcher(w)) or bool(_POSSESSIVE.search(w) and matcher(_POSSESSIVE.sub("", w)))


@fill_doc
def kwic(
    articles_or_tokens: pd.DataFrame,
    pattern,
    *,
    window: int = 5,
    regex: bool = False,
    case_sensitive: bool = False,
    whole_words: bool = True,
    variants=False,
    text: str = "text",
    metadata=("outlet", "date"),
) -> pd.DataFrame:
    """Every occurrence of ``pattern`` with ``window`` words of context on each side.

    Returns ``doc_id, sent_id, position, left, match, right`` plus the ``metadata``
    columns present in the input (by default ``outlet`` and ``date``). ``position``
    is the token number of the first matched word (as in :func:`tokenize`).

    Patterns: a word (``"Kyiv"``, which also finds "Kyiv's"; ``"U.S."``), a phrase (``"front line"``),
    a glob (``"Kyi*"``: ``*`` any letters, ``?`` one), a list of spellings found as one
    (``["Kyiv", "Kiev"]``), or with ``regex=True`` a regular expression searched in the
    text (``"Kyiv|Kiev"``; the match is widened to whole words). Case is ignored unless
    ``case_sensitive=True``. On an articles table, context is the original text (with
    its punctuation); on a tokens table, it is the tokens joined by spaces. A plain pattern
    searched in one spelling of a name that the articles also hold in another (Zelensky,
    Zelenskiy) gives a :class:`PatternWarning` naming them.

    {params.regex}
    {params.whole_words}
    {params.variants}
    {params.text}
    {params.metadata}

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["NATO keeps supporting Kiev, not the Kievan Rus."]})
    >>> kwic(arts, "kiev", window=2)[["left", "match", "right"]].values.tolist()
    [['keeps supporting', 'Kiev', ', not the']]
    >>> kwic(arts, "Kiev|Kyiv", regex=True, whole_words=False)["match"].tolist()
    ['Kiev', 'Kievan']
    """
    # An empty corpus has nothing to search, whatever the pattern (a report on it still runs through).
    spellings = search_terms(pattern, regex=regex, variants=variants) if len(articles_or_tokens) else []
    out = kwic_rows(articles_or_tokens, spellings, window=window, regex=regex, case_sensitive=case_sensitive,
                    whole_words=whole_words, text=text, metadata=metadata)
    if _is_tokens(articles_or_tokens, text):
        hint_other_spellings(spellings, _vocabulary(articles_or_tokens), variants=variants, regex=regex, where=None)
    else:
        hint_other_spellings(spellings, articles_or_tokens[text], variants=variants, regex=regex, where="article")
    return out


def _is_tokens(frame: pd.DataFrame, text: str) -> bool:
    return "token" in frame.columns and text not in frame.columns


def kwic_rows(articles_or_tokens: pd.DataFrame, spellings: list[str], *, window: int = 5, regex: bool = False,
              case_sensitive: bool = False, whole_words: bool = True, text: str = "text",
              metadata=("outlet", "date")) -> pd.DataFrame:
    """:func:`kwic` for spellings already checked and expanded (by ``search_terms``): no warning, no hint.

    What :func:`kwic` and :func:`find_dispersion` search with, and each partition of the Dask ``kwic``.
    """
    metadata = [metadata] if isinstance(metadata, str) else list(metadata)
    frame = articles_or_tokens
    args = {"window": window, "regex": regex, "case_sensitive": case_sensitive, "whole_words": whole_words}
    if _is_tokens(frame, text):
        require_columns(frame, ["doc_id", "token", "position"], what="tokens table")
        out = _kwic_tokens(frame, spellings, **args) if spellings else _empty()
    else:
        require_columns(frame, ["doc_id", text], what="articles table")
        out = _kwic_articles(frame, spellings, text=text, **args) if spellings else _empty()
    present = [m for m in metadata if m in frame.columns]
    if present and len(out):
        meta = frame[["doc_id", *present]].drop_duplicates("doc_id")
        out = out.merge(meta, on="doc_id", how="left")
    elif present:
        for m in present:
            out[m] = frame[m].iloc[:0].to_numpy()
    return out.reset_index(drop=True)


def _vocabulary(tokens: pd.DataFrame):
    """The distinct tokens as one text, made only when asked for (a generator)."""
    yield "\n".join(map(str, pd.unique(tokens["token"].dropna())))


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series([], dtype="int64" if c in ("sent_id", "position") else "str") for c in KWIC_COLUMNS}
    )


def _longest_word(spelling: str) -> tuple[str | None, int]:
    """A regular expression for the longest word of a plain spelling (as the text may write its apostrophe), and
    that word's place in the spelling; ``(None, 0)`` for a glob. A token that matches a word of the spelling
    (case aside) holds it, so a text with a hit holds the longest word: the one that rules out the most."""
    words = spelling.split()
    k = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[k].replace("’", "'")
    if any(ch in word for ch in "*?"):
        return None, 0
    return "".join("['’]" if ch == "'" else re.escape(ch) for ch in word), k


def _must_contain(spellings: list[str], *, case_sensitive: bool):
    """A regular expression every text with a kwic hit of a plain pattern contains (None for a glob: every text
    is looked at)."""
    words = [_longest_word(s)[0] for s in spellings]
    return None if None in words else re.compile("|".join(words), 0 if case_sensitive else re.I)


def _anchor(spelling: str, *, case_sensitive: bool):
    """``(regex, k)``: every place the text holds the spelling's longest word (overlapping places too), and
    that word's place in the spelling; ``(None, 0)`` for a glob (every token is tried)."""
    word, k = _longest_word(spelling)
    return (None, 0) if word is None else (re.compile(f"(?=(?:{word}))", 0 if case_sensitive else re.I), k)


def _kwic_articles(articles, spellings, *, window, regex, case_sensitive, whole_words, text):
    rx = text_pattern(spellings, regex=True, whole_words=whole_words, case_sensitive=case_sensitive) if regex \
        else None
    phrases = None if regex else [_phrase_matchers(s, whole_words=whole_words, case_sensitive=case_sensitive)
                                  for s in spellings]
    must = rx if regex else _must_contain(spellings, case_sensitive=case_sensitive)
    anchors = None if regex else [_anchor(s, case_sensitive=case_sensitive) for s in spellings]
    rows = []
    for doc_id, body in zip(articles["doc_id"], articles[text]):
        if not isinstance(body, str) or not body:
            continue
        if must is not None and must.search(body) is None:
            continue  # most articles lack the word: one search in C instead of finding their tokens
        toks = [(m.start(), m.end(), m.group()) for m in TOKEN_SCAN_RE.finditer(body)]
        if not toks:
            continue
        starts = [s for s, _, _ in toks]
        ends = [e for _, e, _ in toks]
        hits = []
        if rx is not None:
            for m in rx.finditer(body):
                if m.end() == m.start():
                    continue
                i0 = bisect.bisect_right(ends, m.start())
                i1 = bisect.bisect_left(starts, m.end()) - 1
                if i0 <= i1:
                    hits.append((i0, i1))
        else:
            for matchers, (anchor, where) in zip(phrases, anchors):  # each spelling; one row an occurrence
                k = len(matchers)
                # Only tokens where the text holds the spelling's longest word can start a match (found in C).
                candidates = range(len(toks)) if anchor is None else sorted(
                    {bisect.bisect_right(ends, m.start()) - where for m in anchor.finditer(body)})
                first, n = matchers[0], len(toks)
                for i in candidates:
                    if 0 <= i <= n - k and _token_matches(toks[i][2], first) and (k == 1 or all(
                            _token_matches(toks[i + j][2], matchers[j]) for j in range(1, k))):
                        hits.append((i, i + k - 1))
            hits = sorted(set(hits))
        if hits:
            rows += _context_rows(doc_id, body, starts, ends, hits, window)
    return (
        pd.DataFrame(rows, columns=KWIC_COLUMNS).astype({"sent_id": "int64", "position": "int64"}) if rows else _empty()
    )


def _context_rows(doc_id, body, starts, ends, hits, window) -> list[dict]:
    """KWIC rows for ``hits`` (first and last token index) in ``body``, whose tokens span ``starts``/``ends``."""
    from ..text.sentences import sentence_spans

    sent_starts = [a for a, _ in sentence_spans(body)]
    rows = []
    for i0, i1 in hits:
        lo = max(0, i0 - window)
        hi = min(len(starts) - 1, i1 + window)
        left = body[starts[lo]:starts[i0]] if i0 > lo else ""
        right = body[ends[i1]:ends[hi]] if hi > i1 else ""
        rows.append({
            "doc_id": doc_id,
            "sent_id": max(0, bisect.bisect_right(sent_starts, starts[i0]) - 1),
            "position": i0,
            "left": " ".join(left.split()),
            "match": " ".join(body[starts[i0]:ends[i1]].split()),
            "right": " ".join(right.split()),
        })
    return rows


def kwic_spans(articles: pd.DataFrame, spans: pd.DataFrame, *, window: int = 5, text: str = "text") -> pd.DataFrame:
    """KWIC rows for evidence already found: ``spans`` has ``doc_id, start, end`` (character offsets in ``text``).

    One row per span that covers a word, in the order of ``spans``, with its index; the match
    is widened to whole words as in :func:`kwic`. Each article is tokenized once, however
    many spans it has.

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["NATO keeps supporting Kiev, he said."]})
    >>> spans = pd.DataFrame({"doc_id": ["a"], "start": [22], "end": [26]})
    >>> kwic_spans(arts, spans, window=1)[["left", "match", "right"]].values.tolist()
    [['supporting', 'Kiev', ', he']]
    """
    require_columns(spans, ["doc_id", "start", "end"], what="spans table")
    bodies = dict(zip(articles["doc_id"], articles[text]))
    rows, index = [], []
    for doc_id, group in spans.groupby("doc_id", sort=False):
        body = bodies.get(doc_id)
        if not isinstance(body, str) or not body:
            continue
        starts, ends = [], []
        for m in TOKEN_SCAN_RE.finditer(body):
            starts.append(m.start())
            ends.append(m.end())
        hits, kept = [], []
        for k, a, b in zip(group.index, group["start"], group["end"]):
            i0, i1 = bisect.bisect_right(ends, a), bisect.bisect_left(starts, b) - 1
            if i0 <= i1:
                hits.append((i0, i1))
                kept.append(k)
        if hits:
            rows += _context_rows(doc_id, body, starts, ends, hits, window)
            index += kept
    if not rows:
        return _empty()
    out = pd.DataFrame(rows, columns=KWIC_COLUMNS, index=index).astype({"sent_id": "int64", "position": "int64"})
    return out.loc[[k for k in spans.index if k in set(index)]]


def _kwic_tokens(tokens, spellings, *, window, regex, case_sensitive, whole_words):
    t = tokens.sort_values(["doc_id", "position"], kind="stable").reset_index(drop=True)
    words = t["token"].astype(str).to_numpy(dtype=object)
    doc = t["doc_id"].to_numpy(dtype=object)
    if regex:  # one token at a time: the whole token, or with whole_words=False anywhere in it
        rx = text_pattern(spellings, regex=True, whole_words=False, case_sensitive=case_sensitive)
        phrases = [[rx.fullmatch if whole_words else rx.search]]
    else:
        phrases = [_phrase_matchers(s, whole_words=whole_words, case_sensitive=case_sensitive) for s in spellings]
    found = {}  # first row -> last row of each occurrence, whichever spelling found it
    for matchers in phrases:
        k = len(matchers)
        hit = np.array([_token_matches(w, matchers[0]) for w in words], dtype=bool)
        for j in range(1, k):
            nxt = np.zeros(len(words), dtype=bool)
            nxt[: len(words) - j] = [
                _token_matches(w, matchers[j]) for w in words[j:]
            ]
            same_doc = np.zeros(len(words), dtype=bool)
            same_doc[: len(words) - j] = doc[j:] == doc[: len(words) - j]
            hit &= nxt & same_doc
        for i in np.flatnonzero(hit).tolist():
            found[i] = max(found.get(i, i), i + k - 1)
    rows = []
    for i in sorted(found):
        i1 = found[i]
        lo, hi = i, i1
        while lo > 0 and i - lo < window and doc[lo - 1] == doc[i]:
            lo -= 1
        while hi < len(words) - 1 and hi - i1 < window and doc[hi + 1] == doc[i]:
            hi += 1
        rows.append({
            "doc_id": doc[i],
            "sent_id": int(t["sent_id"].iat[i]) if "sent_id" in t.columns else 0,
            "position": int(t["position"].iat[i]),
            "left": " ".join(words[lo:i]),
            "match": " ".join(words[i:i1 + 1]),
            "right": " ".join(words[i1 + 1:hi + 1]),
        })
    return (
        pd.DataFrame(rows, columns=KWIC_COLUMNS).astype({"sent_id": "int64", "position": "int64"}) if rows else _empty()
    )
