"""Framing words: which alternatives an outlet chooses (Kyiv or Kiev, "said" or "claimed").

A word choice is evidence of a point of view, never a verdict: each count comes with the
sentences behind it (:func:`find_framing_evidence`, shown with ``show_kwic``).

The lexicon is a CSV a teacher can open in a spreadsheet and extend
(``corpus_tools/data/framing_lexicon.csv``). Its columns:

- ``category``: kind of choice: ``spelling``, ``reporting_verb``, ``hedge``, ``loaded_term``
  (any other name works too);
- ``group``: ties alternatives together (``kyiv`` holds Kyiv and Kiev): shares are computed
  within a group;
- ``term``: the word or phrase as shown in tables (matched case-insensitively, as whole words;
  "Kiev" also finds "Kiev's");
- ``variant_of``: the term of the group this one is an alternative to (empty for the usual form);
- ``note``: one plain sentence saying why the choice can signal a point of view;
- ``pattern`` (optional): a regular expression used instead of ``term`` for variants
  (``invaders?``, ``so[- ]called``); it is still matched as whole words, ignoring case.

Scare quotes are found without a lexicon (category and group ``scare_quote``): see
:func:`find_scare_quotes`.

>>> import pandas as pd
>>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "TASS"], "n_words": [10, 10],
...                      "text": ["Aid to Kyiv will go on, he said.", "Kiev allegedly lost, he claimed."]})
>>> t = framing_terms(arts, scare_quotes=False)
>>> t.query("group == 'kyiv'")[["outlet", "term", "n", "share_in_group"]].values.tolist()
[['TASS', 'Kiev', 1, 1.0], ['TASS', 'Kyiv', 0, 0.0], ['X', 'Kiev', 0, 0.0], ['X', 'Kyiv', 1, 1.0]]
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.deprecation import warn_deprecated
from ..core.docstrings import fill_doc
from ..core.validation import as_list, require_columns
from ..data import data_path
from ..text.needed_words import folds_simply, may_match, needed_words
from ..text.patterns import TOKEN_RE
from .quotes import REPORTING_VERBS

LEXICON_COLUMNS = ["category", "group", "term", "variant_of", "note"]
_CYRILLIC = re.compile("[\u0400-\u04ff]")
FRAMING_COLUMNS = ["category", "group", "term", "n", "n_articles", "words", "per_1000", "share_in_group"]
SCARE_QUOTE = "scare_quote"

# Scare quotes: a quoted run of one to four words, straight or curly double quotes, or
# curly single quotes (a straight ' is too often an apostrophe).
_QUOTED = re.compile(r"[\"“”]([^\"“”\n.,;:!?]{1,60}?)[\"“”]|‘([^‘’\n.,;:!?]{1,60}?)’")
_BEFORE_NOUN = re.compile(
    r"(?:\b(?:a|an|the|this|that|these|those|its|their|his|her|our|so[- ]called|alleged|what|of)\s*)$", re.IGNORECASE
)
# The reporting verbs of quote attribution: a quote near one of them is speech, not a scare quote.
_SPEECH = re.compile(r"\b(?:according to|" + "|".join(REPORTING_VERBS) + r")\b", re.IGNORECASE)


def framing_lexicon(path=None) -> pd.DataFrame:
    """The framing lexicon: the shipped one, or a teacher's own CSV.

    Columns: ``category, group, term, variant_of, note, pattern`` (``pattern`` optional in the
    file: a regular expression matched instead of ``term``, as whole words, ignoring case).
    Every row needs ``category``, ``group`` and ``term``; a bad row raises a ``ValueError``
    naming the file and its line. To extend the shipped list, copy it, add rows, and pass
    the copy's path (``framing_terms(articles, lexicon=framing_lexicon("my.csv"))``).

    >>> lex = framing_lexicon()
    >>> lex.query("group == 'kyiv'")["term"].tolist()
    ['Kyiv', 'Kiev']
    """
    if path is None:
        name = "framing_lexicon.csv (shipped with corpus_tools)"
        with data_path("framing_lexicon.csv").open("r", encoding="utf-8") as f:
            lex = pd.read_csv(f, dtype=str, keep_default_na=False)
    else:
        name = str(path)
        try:
            lex = pd.read_csv(Path(path), dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as e:
            raise ValueError(f"{name}: cannot be read as a CSV lexicon ({e}).") from e
    lex.columns = [str(c).strip().lower() for c in lex.columns]
    missing = [c for c in ("category", "group", "term") if c not in lex.columns]
    if missing:
        raise ValueError(
            f"{name}: the lexicon has no column {', '.join(map(repr, missing))}; "
            f"its columns are {', '.join(lex.columns)}. Needed: {', '.join(LEXICON_COLUMNS)} (and optional pattern)."
        )
    for c in ("variant_of", "note", "pattern"):
        if c not in lex.columns:
            lex[c] = ""
    lex = lex.apply(lambda s: s.str.strip())
    for i, row in enumerate(lex.itertuples(index=False), start=2):  # line 1 is the header
        empty = [c for c in ("category", "group", "term") if not getattr(row, c)]
        if empty:
            raise ValueError(f"{name}, line {i}: empty {', '.join(empty)} (every row needs category, group and term).")
        try:
            re.compile(_term_regex(row.term, row.pattern))
        except re.error as e:
            raise ValueError(
                f"{name}, line {i}: the pattern {row.pattern!r} is not a valid regular expression ({e})."
            ) from e
    dup = lex.duplicated(["group", "term"], keep="first")
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0]) + 2
        raise ValueError(
            f"{name}, line {i}: the term {lex['term'].iat[i - 2]!r} is listed twice "
            f"in group {lex['group'].iat[i - 2]!r}."
        )
    return lex[
        [*LEXICON_COLUMNS, "pattern", *[c for c in lex.columns if c not in LEXICON_COLUMNS + ["pattern"]]]
    ].reset_index(drop=True)


def _term_regex(term: str, pattern: str = "") -> str:
    if pattern:
        core = pattern
    else:
        words = term.replace("’", "'").split()
        core = r"[\s\-]+".join(re.escape(w).replace("'", "['’]") for w in words)
    return r"(?<!\w)(?:" + core + r")(?!\w)"


def find_scare_quotes(text: str) -> list[tuple[int, int, str]]:
    """Short phrases in quotation marks used as the writer's own words: ``(start, end, phrase)``.

    Heuristic: one to four words in quotation marks, without sentence punctuation inside,
    that either follow "a/an/the/this/its/their/so-called/..." (used as a noun in the writer's
    sentence: the "stalemate", so-called "referendum") or stand in a sentence with no speech
    verb (said, told, according to, ...). Quoted speech ("We just have to stay the course," he
    said) is left out. A partial quote of a speaker can still be caught: read the evidence.

    >>> [p for _, _, p in find_scare_quotes('The general said the fighting reached a "stalemate".')]
    ['stalemate']
    >>> find_scare_quotes('He said it was "not acceptable" to wait.')
    []
    """
    from ..text.sentences import sentence_spans

    found = []
    spans = None
    for m in _QUOTED.finditer(text):
        phrase = (m.group(1) or m.group(2) or "").strip()
        words = phrase.split()
        if not 1 <= len(words) <= 4 or not any(ch.isalpha() for ch in phrase):
            continue
        before = text[max(0, m.start() - 20):m.start()]
        if not _BEFORE_NOUN.search(before):
            if spans is None:
                spans = sentence_spans(text) or [(0, len(text))]
            a, b = next(((a, b) for a, b in spans if a <= m.start() < b), (0, len(text)))
            if _SPEECH.search(text[a:m.start()] + " " + text[m.end():b]):
                continue
        found.append((m.start(), m.end(), " ".join(words).lower()))
    return found


def _word_spans(body: str, lower: str, word: str):
    r"""``(start, end)`` of ``word`` (lower case, letters and digits only) as a whole word of ``body``, as the
    regex ``(?<!\w)word(?!\w)`` ignoring case finds it where ``folds_simply`` holds: found with
    ``str.find`` instead of a regex that tries the look-behind at every character."""
    n, end = len(word), len(body)
    i = lower.find(word)
    while i >= 0:
        before = body[i - 1] if i else " "
        after = body[i + n] if i + n < end else " "
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            yield i, i + n
        i = lower.find(word, i + 1)  # two matches cannot overlap: a word is all word characters


def _matches(articles: pd.DataFrame, lexicon: pd.DataFrame, text: str, scare_quotes: bool) -> pd.DataFrame:
    """Every match: doc_id, category, group, term, start, end."""
    from ..core.progress import progress_bar

    # A plain term is only searched in texts holding its first word: a substring test is
    # far cheaper than a regular expression, and most terms are absent from most articles.
    # A term given as a pattern is first searched without the look-behind that starts its regex:
    # Python's regex engine scans about twice as fast without it, and where that finds nothing the
    # whole regex finds nothing either; and before that, only in texts holding a word it needs.
    # A term of one plain word is found with str.find (see _word_spans).
    regexes = [(r.category, r.group, r.term, re.compile(_term_regex(r.term, r.pattern), re.IGNORECASE),
                None if r.pattern else r.term.replace("’", "'").split()[0].lower(),
                _CYRILLIC.search(r.term + r.pattern) is not None,
                re.compile(r"(?:" + r.pattern + r")(?!\w)", re.IGNORECASE) if r.pattern else None,
                needed_words(r.pattern) if r.pattern else None,
                r.term.lower() if not r.pattern and r.term.isascii() and r.term.isalnum() else None)
               for r in lexicon.itertuples(index=False)]
    any_cyrillic = any(r[5] for r in regexes)
    rows = []
    pairs = zip(articles["doc_id"], articles[text])
    for doc_id, body in progress_bar(pairs, len(articles), "Finding framing words"):
        if not isinstance(body, str) or not body:
            continue
        lower = body.lower()
        low = lower.replace("’", "'")
        simple = folds_simply(body, lower)
        # Russian and Ukrainian terms are only looked for in texts with Cyrillic letters.
        cyrillic = any_cyrillic and _CYRILLIC.search(body) is not None
        for cat, grp, term, rx, literal, needs_cyrillic, rough, needed, word in regexes:
            if needs_cyrillic and not cyrillic:
                continue
            if word is not None and simple:
                rows.extend((doc_id, cat, grp, term, a, b) for a, b in _word_spans(body, lower, word))
                continue
            if rough is None:
                found = literal in low
            else:  # no word the pattern needs: no match (when case folds simply)
                found = may_match(body, lower, needed, simple) and rough.search(body)
            if found:
                rows.extend((doc_id, cat, grp, term, m.start(), m.end()) for m in rx.finditer(body))
        if scare_quotes:
            rows.extend((doc_id, SCARE_QUOTE, SCARE_QUOTE, p, a, b) for a, b, p in find_scare_quotes(body))
    return pd.DataFrame(rows, columns=["doc_id", "category", "group", "term", "start", "end"])


def _words(articles: pd.DataFrame, text: str) -> pd.Series:
    if "n_words" in articles.columns:
        return articles["n_words"].fillna(0).astype("int64")
    return articles[text].map(lambda t: len(TOKEN_RE.findall(t)) if isinstance(t, str) else 0).astype("int64")


@fill_doc
def framing_terms(articles: pd.DataFrame, *, lexicon=None, by="outlet", text: str = "text",
                  scare_quotes: bool = True) -> pd.DataFrame:
    """How often each framing term is used, per outlet (or any ``by``; ``by="doc_id"``: per article).

    One row per ``(by..., category, group, term)`` with ``n`` (occurrences), ``n_articles``
    (articles of the group using the term), ``words`` (all words of the group's articles),
    ``per_1000`` (n per 1,000 words) and ``share_in_group`` (n over all uses of the term's
    alternatives in that group: Kiev 1.0 means the outlet always wrote Kiev, never Kyiv;
    NaN when it used none of them). Every alternative of a lexicon group found anywhere in the
    corpus gets a row for every outlet, with n = 0 where unused, so the contrast is visible.
    ``lexicon``: a table from :func:`framing_lexicon` or a CSV path (default: the shipped one).
    Scare quotes (see :func:`find_scare_quotes`) get rows with category ``scare_quote``,
    ``term`` the quoted phrase; turn them off with ``scare_quotes=False``.

    {params.by}
        Here ``by=None`` still counts per article, as it used to, with a warning: write ``by="doc_id"``.
    {params.text}

    >>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["Kiev, Kiev and Kyiv."]})
    >>> framing_terms(arts).query("group == 'kyiv'")[["term", "n", "per_1000", "share_in_group"]].values.tolist()
    [['Kiev', 2, 500.0, 0.6666666666666666], ['Kyiv', 1, 250.0, 0.3333333333333333]]
    """
    if by is None:
        warn_deprecated('framing_terms(by=None) counts per article, unlike by=None elsewhere (the whole table): '
                        'this is deprecated since corpus_tools 0.2, write framing_terms(by="doc_id") (same result).')
        by = "doc_id"
    by = as_list(by)
    require_columns(articles, ["doc_id", text, *by], what="articles table")
    lex = lexicon if isinstance(lexicon, pd.DataFrame) else framing_lexicon(lexicon)
    require_columns(lex, ["category", "group", "term"], what="framing lexicon")
    if "pattern" not in lex.columns:
        lex = lex.assign(pattern="")
    lex = lex.assign(pattern=lex["pattern"].fillna("").astype(str))
    meta = articles[["doc_id", *[b for b in by if b != "doc_id"]]].copy()
    meta["words"] = _words(articles, text).to_numpy()
    groups = meta.groupby(by, dropna=False, sort=True)["words"].sum().reset_index()
    hits = _matches(articles, lex, text, scare_quotes)
    keys = ["category", "group", "term"]
    if len(hits):
        hits = hits.merge(meta.drop(columns="words"), on="doc_id", how="left") if by != ["doc_id"] else hits
        counts = (
            hits.groupby([*by, *keys], dropna=False)
            .agg(n=("start", "size"), n_articles=("doc_id", "nunique"))
            .reset_index()
        )
    else:
        counts = pd.DataFrame(columns=[*by, *keys, "n", "n_articles"])
    # Zero rows: every alternative of each lexicon group the corpus uses, for every group of `by`.
    used = set(counts.loc[counts["category"] != SCARE_QUOTE, "group"])
    alts = lex.loc[lex["group"].isin(used), keys].drop_duplicates()
    grid = groups[by].merge(alts, how="cross")
    out = grid.merge(counts, on=[*by, *keys], how="left")
    out = pd.concat([out, counts[counts["category"] == SCARE_QUOTE]], ignore_index=True)
    out = out.merge(groups, on=by, how="left")
    out["n"] = out["n"].fillna(0).astype("int64")
    out["n_articles"] = out["n_articles"].fillna(0).astype("int64")
    out["words"] = out["words"].fillna(0).astype("int64")
    out["per_1000"] = np.divide(
        out["n"] * 1000.0, out["words"], out=np.zeros(len(out)), where=out["words"].to_numpy() > 0
    )
    total = out.groupby([*by, "group"], dropna=False)["n"].transform("sum")
    out["share_in_group"] = (out["n"] / total.where(total > 0)).astype("float64")
    out = out[[*by, *FRAMING_COLUMNS]]
    return out.sort_values([*by, "category", "group", "term"], kind="stable", ignore_index=True)


def find_framing_evidence(articles: pd.DataFrame, *, term=None, category=None, group=None, lexicon=None,
                          window: int = 8, text: str = "text") -> pd.DataFrame:
    """The sentences behind each count of :func:`framing_terms`, as keyword-in-context rows.

    Columns: those of :func:`kwic` (``doc_id, sent_id, position, left, match, right``, plus
    ``outlet`` and ``date`` when present) and ``category, group, term``; display them with
    ``show_kwic``. Choose rows with ``term``, ``category`` or ``group`` (a name or a list).

    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["He claimed that Kiev had allegedly lost."]})
    >>> find_framing_evidence(arts, group="kyiv", window=2)[["left", "match", "right", "term"]].values.tolist()
    [['claimed that', 'Kiev', 'had allegedly', 'Kiev']]
    """
    from ..analysis.kwic import KWIC_COLUMNS, kwic_spans

    require_columns(articles, ["doc_id", text], what="articles table")
    lex = lexicon if isinstance(lexicon, pd.DataFrame) else framing_lexicon(lexicon)
    if "pattern" not in lex.columns:
        lex = lex.assign(pattern="")
    lex = lex.assign(pattern=lex["pattern"].fillna("").astype(str))
    want_scare = True
    for col, value in (("term", term), ("category", category), ("group", group)):
        if value is not None:
            values = {str(v).lower() for v in as_list(value)}
            lex = lex[lex[col].str.lower().isin(values)]
            want_scare = want_scare and (col == "term" or SCARE_QUOTE in values)
    hits = _matches(articles, lex, text, want_scare)
    if term is not None and len(hits):
        hits = hits[hits["term"].str.lower().isin({str(v).lower() for v in as_list(term)})]
    meta = [c for c in ("outlet", "date") if c in articles.columns]
    columns = [*KWIC_COLUMNS, *meta, "category", "group", "term"]
    if hits.empty:
        return pd.DataFrame(
            {c: pd.Series([], dtype="int64" if c in ("sent_id", "position") else "object") for c in columns}
        )
    # The matches are already found: only their context is needed, each article tokenized once.
    hits = hits.reset_index(drop=True)
    k = kwic_spans(articles, hits, window=window, text=text)
    out = k.join(hits[["category", "group", "term"]])
    out = out.drop_duplicates(["doc_id", "position", "category", "group", "term"])
    if meta:
        out = out.merge(articles[["doc_id", *meta]].drop_duplicates("doc_id"), on="doc_id", how="left")
    return out.sort_values(["doc_id", "position", "category", "group"], kind="stable", ignore_index=True)[columns]


