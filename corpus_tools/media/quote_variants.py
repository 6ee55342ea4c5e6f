"""The same quote as printed by different articles: what each one trimmed, cut or changed.

:func:`match_quotes` groups quotes (from :func:`corpus_tools.media.quotes.find_quotes`) that report the
same words in different articles, and diffs each version against the longest one;
:func:`show_quote_variants` shows the cuts (struck through) and changes (underlined).

>>> import pandas as pd
>>> from corpus_tools import find_quotes
>>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "text": [
...     'Stoltenberg said: "We will stand by Ukraine for as long as it takes, whatever the cost."',
...     'Stoltenberg said: "We will stand by Ukraine for as long as it takes."']})
>>> match_quotes(find_quotes(arts))["diff_summary"].tolist()
['same words', 'cut 3 words at the end']
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict

import pandas as pd

from ..core.progress import progress_bar
from ..core.validation import require_columns

MATCH_COLUMNS = ["group_id", "quote_id", "doc_id", "outlet", "speaker", "quote", "reference", "similarity",
                 "n_words", "diff", "diff_summary"]

# ---------------------------------------------------------------------------------------- match_quotes

_WORD = re.compile(r"\w+(?:['’]\w+)*|\.\.\.|…")


def _words(quote: str):
    """(shown words, normalised words, positions of '...' in the normalised list)."""
    shown, norm, gaps = [], [], []
    for m in _WORD.finditer(quote):
        w = m.group(0)
        if w in ("...", "…"):
            gaps.append(len(norm))
            continue
        shown.append(w)
        norm.append(w.lower().replace("’", "'"))
    return shown, norm, gaps


def _coverage(a: list[str], b: list[str], *, floor: float = 0.0) -> float:
    """Share (0-100) of the shorter quote's words found, in order, in the longer one.

    Only runs of two or more words count, so common words scattered through two different
    quotes ("the", "to", "is") do not make them look alike. rapidfuzz's word-level LCS is an
    upper bound, used to skip pairs that cannot reach ``floor``.
    """
    from rapidfuzz.distance import LCSseq

    shorter = max(1, min(len(a), len(b)))
    if 100.0 * LCSseq.similarity(a, b) / shorter < floor:
        return 0.0
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    same = sum(m.size for m in blocks if m.size >= 2 or m.size == shorter)
    # A stock phrase ("I would like to") is not a shared quote: ask for five shared words at least.
    return 100.0 * same / shorter if same >= min(5, shorter) else 0.0


def _diff(ref, var):
    """Ops turning the reference words into the variant's, with what the reader sees."""
    r_shown, r_norm, _ = ref
    v_shown, v_norm, v_gaps = var
    ops = []
    sm = difflib.SequenceMatcher(None, r_norm, v_norm, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            ops.append({"op": "equal", "words": r_shown[i1:i2]})
        elif tag == "delete":
            op = "trimmed_start" if i1 == 0 else "trimmed_end" if i2 == len(r_norm) else "elided"
            d = {"op": op, "words": r_shown[i1:i2]}
            if op == "elided":
                d["marked"] = j1 in v_gaps
            ops.append(d)
        elif tag == "insert":
            ops.append({"op": "added", "words": v_shown[j1:j2]})
        else:
            ops.append({"op": "changed", "words": r_shown[i1:i2], "new": v_shown[j1:j2]})
    return ops


def _plural(n: int, word: str = "word") -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def diff_summary(diff) -> str:
    """Plain words for a diff: "cut 3 words at the start; '...' replaces 7 words".

    >>> diff_summary([{"op": "trimmed_start", "words": ["But", "rest"]}, {"op": "equal", "words": ["we"]},
    ...               {"op": "elided", "words": ["a", "b", "c"], "marked": True}])
    "cut 2 words at the start; '...' replaces 3 words"
    """
    parts = []
    for d in diff:
        n = len(d["words"])
        if d["op"] == "trimmed_start":
            parts.append(f"cut {_plural(n)} at the start")
        elif d["op"] == "trimmed_end":
            parts.append(f"cut {_plural(n)} at the end")
        elif d["op"] == "elided":
            parts.append(f"'...' replaces {_plural(n)}" if d.get("marked") else f"left out {_plural(n)} unmarked")
        elif d["op"] == "added":
            parts.append(f"added {' '.join(d['words'])!r}")
        elif d["op"] == "changed":
            parts.append(f"{' '.join(d['words'])!r} became {' '.join(d['new'])!r}")
    return "; ".join(parts) or "same words"


def _candidate_pairs(norms, docs, *, n: int = 4, max_bucket: int = 200):
    """Pairs of quotes from different articles sharing a run of ``n`` words (rare runs only)."""
    buckets = defaultdict(list)
    for i, words in enumerate(norms):
        for g in {tuple(words[k:k + n]) for k in range(max(1, len(words) - n + 1))}:
            buckets[g].append(i)
    pairs = set()
    for members in buckets.values():
        if len(members) < 2 or len(members) > max_bucket:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if docs[i] != docs[j]:
                    pairs.add((i, j))
    return pairs


def match_quotes(quotes: pd.DataFrame, *, min_words: int = 5, threshold: float = 70.0) -> pd.DataFrame:
    """Groups of quotes from different articles that report the same words, and how each one cut them.

    Quotes of at least ``min_words`` words sharing a run of four words are compared word by word
    (rapidfuzz LCS, then runs of two or more words); a pair belongs together when ``threshold``
    percent or more of the shorter quote's words appear, in order, in the longer (so a short
    partial quote joins the full one), and at least five words are shared.
    Columns: ``group_id, quote_id, doc_id, outlet, speaker, quote, reference`` (quote_id of the
    longest variant), ``similarity`` (0-100, against the reference), ``n_words``, ``diff`` (list
    of ``{"op", "words"}`` with op in equal / trimmed_start / trimmed_end / elided (``marked``:
    shown with "...") / added / changed (``new`` words)) and ``diff_summary``. Only groups that
    span two or more articles.

    >>> q = pd.DataFrame({"quote_id": ["a:q1", "b:q1"], "doc_id": ["a", "b"], "outlet": ["X", "Y"],
    ...                   "speaker": ["Ann Lee"] * 2, "quote": ["We will never give up on our town, never.",
    ...                                                         "we will never give up on our town"]})
    >>> match_quotes(q)[["quote_id", "reference", "diff_summary"]].values.tolist()
    [['a:q1', 'a:q1', 'same words'], ['b:q1', 'a:q1', 'cut 1 word at the end']]
    """
    require_columns(quotes, ["quote_id", "doc_id", "quote"], what="quotes table")
    frame = quotes.reset_index(drop=True)
    parsed = [_words(str(q)) for q in frame["quote"]]
    keep = [i for i, p in enumerate(parsed) if len(p[1]) >= min_words]
    norms = [parsed[i][1] for i in keep]
    docs = frame["doc_id"].astype(str).to_numpy()[keep]
    parent = list(range(len(keep)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pairs = _candidate_pairs(norms, docs)
    for i, j in progress_bar(pairs, len(pairs), "Comparing quotes", unit="pair"):
        # Already in one group (copies of a wire story): comparing again would change nothing.
        if root(i) != root(j) and _coverage(norms[i], norms[j], floor=threshold) >= threshold:
            parent[root(i)] = root(j)
    groups = defaultdict(list)
    for k in range(len(keep)):
        groups[root(k)].append(k)
    rows = []
    outlet = frame["outlet"] if "outlet" in frame.columns else pd.Series([pd.NA] * len(frame))
    speaker = frame["speaker"] if "speaker" in frame.columns else pd.Series([pd.NA] * len(frame))
    found = [g for g in groups.values() if len({docs[k] for k in g}) >= 2]
    found.sort(key=lambda g: (-len({docs[k] for k in g}), min(keep[k] for k in g)))
    gid = 0
    for members in found:
        members = sorted(members, key=lambda k: (-len(norms[k]), keep[k]))
        # Chains (A like B, B like C) can join quotes that differ: keep those close to the reference.
        members = [k for k in members if k == members[0] or _coverage(norms[members[0]], norms[k]) >= threshold]
        if len({docs[k] for k in members}) < 2:
            continue
        gid += 1
        ref = keep[members[0]]
        for k in members:
            i = keep[k]
            diff = _diff(parsed[ref], parsed[i])
            rows.append({"group_id": gid, "quote_id": frame.at[i, "quote_id"], "doc_id": frame.at[i, "doc_id"],
                         "outlet": outlet.iat[i], "speaker": speaker.iat[i], "quote": frame.at[i, "quote"],
                         "reference": frame.at[ref, "quote_id"],
                         "similarity": round(_coverage(norms[members[0]], norms[k]), 1),
                         "n_words": len(norms[k]), "diff": diff, "diff_summary": diff_summary(diff)})
    out = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    out["group_id"] = out["group_id"].astype("int64")
    out["n_words"] = out["n_words"].astype("int64")
    out["similarity"] = out["similarity"].astype("float64")
    return out


# ---------------------------------------------------------------------------------------- display

