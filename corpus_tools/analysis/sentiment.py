"""Sentiment with VADER (the ``vaderSentiment`` package), as tidy tables, offline.

Scores are exactly those of ``SentimentIntensityAnalyzer().polarity_scores(text)``:
``neg``, ``neu`` and ``pos`` are the shares of the text that read negative, neutral
and positive; ``compound`` is one number from -1 (most negative) to +1 (most positive).
``sentiment`` is VADER's usual label: "positive" when compound >= 0.05, "negative"
when compound <= -0.05, otherwise "neutral".

>>> import pandas as pd
>>> t = pd.DataFrame({"text": ["The book was good.", "The book was not good.", "The book was long."]})
>>> add_sentiment(t)[["compound", "sentiment"]].values.tolist()
[[0.4404, 'positive'], [-0.3412, 'negative'], [0.0, 'neutral']]

VADER reads words, not meaning: it knows negation ("not good"), intensifiers ("very"),
capitals, "!" and "but", and nothing else. Check the words behind a score with
:func:`find_sentiment_words` before reading much into a difference between outlets.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..core.cache import cached
from ..core.docstrings import fill_doc
from ..core.validation import as_list, require_columns
from ..text.languages import MIXED, UNKNOWN, LanguageWarning, is_english, mostly_latin_each
from ..text.search_terms import hint_other_spellings, search_terms, term_label, text_pattern
from .vader import SCORE_COLUMNS, get_vader

POSITIVE_AT = 0.05
NEGATIVE_AT = -0.05
PROGRESS_MIN = 2000  # below this many distinct texts a progress bar is more noise than help
# Texts scored per batch when a progress bar shows: large enough to be fast (each batch
# looks at its distinct words once), small enough to move the bar; without one, BLOCK texts a pass.
_CHUNK = 4000
BLOCK = 25_000
# From this many distinct texts on, every core scores a share.
PARALLEL_MIN = 5000

_METHODS = ("text", "sentences")
def _is_text(value) -> bool:
    return isinstance(value, str) and not value.isspace() and value != ""


def _score_values(values, *, progress=None) -> np.ndarray:
    """VADER's neg, neu, pos, compound for each value (NaN rows for empty or missing text).

    Each distinct text is scored once: news corpora repeat sentences (wire copy shared
    by outlets, boilerplate), and scoring is the slow part. Many texts are scored on
    every core that is free (see :mod:`corpus_tools.core.parallel`).
    """
    from ..core.parallel import advance, free_cores, in_task, map_chunks, start_watching

    start_watching()
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    uniques = uniques.tolist()
    table = np.full((len(uniques) + 1, 4), np.nan)  # the last row stays NaN for codes == -1
    todo = np.flatnonzero(np.fromiter(map(_is_text, uniques), dtype=bool, count=len(uniques))).tolist()
    # VADER reads English: a text mostly in another alphabet (a Russian sentence) gets no score.
    latin = mostly_latin_each([uniques[k] for k in todo])
    if not latin.all():
        todo = [k for k, keep in zip(todo, latin.tolist()) if keep]
    show = len(todo) > PROGRESS_MIN and not in_task() if progress is None else bool(progress)
    bar = None
    if show:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(todo), desc="Scoring sentiment", unit="text")
    vader = get_vader()  # loaded before any fork, so workers share the lexicon
    cores = free_cores() if len(todo) >= PARALLEL_MIN else 1
    parts = [todo[k::cores] for k in range(cores)]  # interleaved: long and short texts spread evenly

    # Without a bar, blocks of BLOCK texts: a vectorized pass holds all words of its texts at once.
    step = _CHUNK if bar is not None else BLOCK

    def score(part):
        out = np.empty((len(part), 4))
        for a in range(0, len(part), step):
            chunk = part[a:a + step]
            out[a:a + len(chunk)] = vader.score_many([uniques[k] for k in chunk])
            advance(bar, len(chunk))
        return out

    try:
        scores = map_chunks(score, parts, parallel=cores > 1)
        for part, part_scores in zip(parts, scores):
            table[part] = part_scores
    finally:
        if bar is not None:
            bar.update(bar.total - bar.n)
            bar.close()
    return table[np.where(codes < 0, len(uniques), codes)]


def _labels(compound, index=None) -> pd.Series:
    compound = np.asarray(compound, dtype="float64")
    labels = np.select([compound >= POSITIVE_AT, compound <= NEGATIVE_AT], ["positive", "negative"], "neutral")
    labels = labels.astype(object)
    labels[np.isnan(compound)] = np.nan
    return pd.Series(labels, index=index, dtype="str")


def check_method(frame: pd.DataFrame, method) -> str:
    if method is None:
        # An articles table (one row per article) is best read sentence by sentence;
        # a sentences table, or any other table of short texts, row by row.
        return "sentences" if "doc_id" in frame.columns and "sent_id" not in frame.columns else "text"
    if method not in _METHODS:
        raise ValueError(
            f"method must be 'text' (score each row's text as a whole), 'sentences' "
            f"(average the scores of each text's sentences) or None (choose by the table); got {method!r}."
        )
    return method


@fill_doc
def add_sentiment(frame: pd.DataFrame, *, text: str = "text", method=None, language: str = "language", progress=None,
                  cache=None) -> pd.DataFrame:
    """The table with VADER sentiment added: ``neg, neu, pos, compound, sentiment``.

    ``method="text"`` scores each row's text as a whole: the four numbers equal
    ``SentimentIntensityAnalyzer().polarity_scores(text)`` exactly.

    ``method="sentences"`` (for an articles table) splits each text into sentences
    (:func:`corpus_tools.text.sentences.split_sentences`), scores every sentence, and sets
    ``neg, neu, pos, compound`` to the MEAN over the article's sentences; it also adds
    ``n_sentences`` (the sentences scored) and ``compound_text`` (VADER's compound for the whole text at once,
    which on a long article is usually pushed towards -1 or +1). VADER was built for
    sentences, so for articles the mean is the fairer figure.

    ``method=None`` picks "sentences" for an articles table (a ``doc_id`` column and no
    ``sent_id`` column) and "text" otherwise (a sentences table, headlines, comments).

    ``sentiment`` is "positive" (compound >= 0.05), "negative" (compound <= -0.05) or
    "neutral". Empty or missing text gets NaN scores and a missing label.

    VADER is an English lexicon, so only English is scored. Rows whose ``language`` column (the
    articles table has one; carry it to sentences with ``split_sentences(articles, metadata=["language"])``)
    names another language get NaN, and so does any text (a sentence, with ``method="sentences"``)
    written mostly in another alphabet than Latin, with or without the column. Rows of ``unknown`` or
    ``mixed`` language are scored where their text is in Latin letters (a short English headline is
    ``unknown``). A :class:`LanguageWarning` says once how many rows were left out, and in which languages.
    Every distinct text is scored once; more than 2,000 texts to score is a long job (a
    progress bar shows). Scores of large tables are cached on disk by text content.

    {params.text}
    {params.progress}
    {params.cache}

    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["The book was good. The film was bad.", None]})
    >>> scored = add_sentiment(arts)  # compound: the mean of 0.4404 and -0.5423
    >>> scored[["compound", "n_sentences", "compound_text", "sentiment"]].round(4).values.tolist()
    [[-0.0509, 2, -0.1531, 'negative'], [nan, 0, nan, nan]]
    """
    require_columns(frame, [text], what="table")
    method = check_method(frame, method)
    values = frame[text].to_numpy(dtype=object)
    other = _other_language(frame, language)
    if other.any():  # rows in another language are never given to VADER
        values = np.where(other, None, values)
    # The scores depend on the texts alone: cache them by text content, then attach.
    scores = cached(pd.DataFrame({text: values}), [text], "add_sentiment", {"method": method, "scored": "English"},
                    lambda: _score_frame(values, method, progress), use=cache)
    _warn_unscored(frame, language, other, values, scores["compound"].to_numpy())
    out = frame.copy()
    for name in scores.columns:
        out[name] = scores[name].to_numpy()
    out.insert(len(out.columns) - (2 if method == "sentences" else 0), "sentiment",
               _labels(scores["compound"].to_numpy(), out.index))
    return out


def _other_language(frame: pd.DataFrame, language: str) -> np.ndarray:
    """One boolean per row: its ``language`` names a language other than English (not unknown, mixed or missing)."""
    if language not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    codes, values = pd.factorize(frame[language])
    other = np.array([not (is_english(v) or v in (UNKNOWN, MIXED) or not isinstance(v, str) or not v.strip())
                      for v in values] + [False], dtype=bool)
    return other[codes]


def _rows(n: int) -> str:
    return f"{n:,} row" if n == 1 else f"{n:,} rows"


def _warn_unscored(frame, language, other, values, compound) -> None:
    """One warning: rows left out for their language, for their alphabet, and rows of unknown language scored."""
    import warnings

    parts = []
    if other.any():
        counts = frame.loc[other, language].astype("str").value_counts()
        shown = ", ".join(f"{k} {v:,}" for k, v in counts.head(8).items()) + (" ..." if len(counts) > 8 else "")
        parts.append(f"NaN for {_rows(int(other.sum()))} of {len(frame):,} in another language than English "
                     f"({shown})")
    unscored = np.isnan(compound)  # only rows without a score are looked at: a score means the row had text
    alphabet = sum(map(_is_text, (values[k] for k in np.flatnonzero(unscored).tolist())))
    if alphabet:
        parts.append(f"NaN for {_rows(alphabet)} written mostly in another alphabet than Latin")
    if language in frame.columns:
        unknown = ~unscored & frame[language].isin([UNKNOWN, MIXED]).to_numpy()
        if unknown.any():
            parts.append(f"{_rows(int(unknown.sum()))} of unknown or mixed language scored as English "
                         "(their text is in Latin letters): check them")
    if parts:
        warnings.warn("VADER scores English only: " + "; ".join(parts) + ".", LanguageWarning, stacklevel=3)


def _score_frame(values, method: str, progress) -> pd.DataFrame:
    """neg, neu, pos, compound (and n_sentences, compound_text for "sentences") per value."""
    if method == "text":
        scores = _score_values(values, progress=progress)
    else:
        from ..text.sentences import split_sentences

        # Row positions as ids: the frame's own doc_id may repeat or be missing.
        positions = pd.DataFrame({"doc_id": pd.Series(np.arange(len(values)).astype(str), dtype="str"),
                                  "text": pd.Series(values, dtype=object)})
        sentences = split_sentences(positions, text="text", cache=False)
        rows = sentences["doc_id"].astype("int64").to_numpy()
        both = _score_values(np.concatenate([sentences["text"].to_numpy(dtype=object), values]), progress=progress)
        sent_scores, text_scores = both[:len(rows)], both[len(rows):]
        ok = ~np.isnan(sent_scores[:, 3])
        counts = np.bincount(rows[ok], minlength=len(values))
        scores = np.full((len(values), 4), np.nan)
        has = counts > 0
        for k in range(4):
            sums = np.bincount(rows[ok], weights=sent_scores[ok, k], minlength=len(values))
            scores[has, k] = sums[has] / counts[has]
    out = pd.DataFrame(scores, columns=SCORE_COLUMNS)
    if method == "sentences":
        out["n_sentences"] = counts.astype("int64")
        out["compound_text"] = text_scores[:, 3]
    return out


@fill_doc
def find_sentences_mentioning(
    articles: pd.DataFrame,
    term,
    *,
    regex: bool = False,
    whole_words: bool = True,
    variants=False,
    metadata=("outlet",),
    case_sensitive: bool = False,
    text: str = "text",
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The sentences that mention ``term``, scored: the evidence behind :func:`sentiment_toward`.

    Returns ``doc_id, sent_id, [*metadata], text, neg, neu, pos, compound, sentiment``,
    one row per sentence, in the order of the articles. ``term`` is a word or phrase
    matched as whole words, ignoring case ("Putin" finds "Putin's" and "PUTIN", not
    "Putinism"; ``*`` stands for any letters), a list of spellings (``["Kyiv", "Kiev"]``), or
    with ``regex=True`` a regular expression ("Kyiv|Kiev"). A name searched for in one
    spelling that the articles also hold in another (Zelensky, Zelenskiy) gives a
    :class:`PatternWarning` naming them. ``metadata`` columns are carried along when the
    articles table has them. ``sentences``: sentences already split (and scored, as
    :func:`add_sentiment` gives them) to choose from instead of splitting the articles again;
    only those of ``articles`` are kept.

    {params.regex}
    {params.whole_words}
    {params.variants}
    {params.metadata}
    {params.text}

    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
    ...                      "text": ["NATO met today. Leaders praised NATO's strong support."]})
    >>> find_sentences_mentioning(arts, "nato")[["sent_id", "compound", "sentiment"]].values.tolist()
    [[0, 0.0, 'neutral'], [1, 0.8481, 'positive']]
    """
    metadata = [m for m in as_list(metadata) if m in articles.columns] if isinstance(articles, pd.DataFrame) else []
    require_columns(articles, ["doc_id"] if sentences is not None else ["doc_id", text], what="articles table")
    # An empty corpus has nothing to search, whatever the term (a report on it still runs through).
    spellings = search_terms(term, regex=regex, variants=variants) if len(articles) else []
    rx = text_pattern(spellings, regex=regex, whole_words=whole_words, case_sensitive=case_sensitive) \
        if spellings else re.compile(r"(?!)")
    if sentences is not None:
        chosen = sentences[sentences["doc_id"].isin(articles["doc_id"]).to_numpy()]
        hint_other_spellings(spellings, chosen["text"], variants=variants, regex=regex, where="sentence")
        chosen = chosen[chosen["text"].map(lambda t: isinstance(t, str) and rx.search(t) is not None).astype(bool)]
        chosen = chosen.reset_index(drop=True)
        return chosen if "compound" in chosen.columns else add_sentiment(chosen, method="text")
    from ..text.sentences import split_sentences

    hint_other_spellings(spellings, articles[text], variants=variants, regex=regex)
    # Splitting is the slow part: only split the articles that mention the term at all.
    mentions = articles[text].map(lambda t: isinstance(t, str) and rx.search(t) is not None).astype(bool)
    # The article's language decides whether its sentences are scored (add_sentiment), then is dropped.
    lang = ["language"] if "language" in articles.columns and "language" not in metadata else []
    sentences = split_sentences(articles.loc[mentions.to_numpy(), ["doc_id", text, *metadata, *lang]],
                                text=text, metadata=[*metadata, *lang])
    keep = sentences["text"].map(lambda t: rx.search(t) is not None).astype(bool).to_numpy()
    sentences = sentences.loc[keep, ["doc_id", "sent_id", *metadata, *lang, "text"]].reset_index(drop=True)
    return add_sentiment(sentences, method="text").drop(columns=lang)


@fill_doc
def sentiment_toward(
    articles: pd.DataFrame,
    term,
    *,
    by="outlet",
    regex: bool = False,
    whole_words: bool = True,
    variants=False,
    case_sensitive: bool = False,
    text: str = "text",
) -> pd.DataFrame:
    """Sentiment of only the sentences that mention ``term``, one row per article that mentions it.

    Returns ``doc_id, [*by], term, n_sentences, compound, neg, neu, pos, sentiment``:
    ``n_sentences`` sentences of the article mention the term, ``compound, neg, neu, pos``
    are the MEANS over those sentences and ``sentiment`` labels the mean compound.
    Matching is as in :func:`find_sentences_mentioning` (whole words, any case; a list of
    spellings, ``["Zelensky", "Zelenskiy"]``, or ``variants=True``; ``regex=True`` for a
    regular expression); look there for the sentences themselves. ``term`` in the result is
    the term as given (a list: its spellings joined by " / "). An outlet that spells a name
    otherwise is left out unless its spelling is searched for too: a :class:`PatternWarning`
    names the spellings found but not searched for.
    This is the tone of the sentences around a name, not an outlet's attitude to it:
    "Putin was condemned" and "Putin condemned the attack" both read negative.

    {params.by}
    {params.regex}
    {params.whole_words}
    {params.variants}
    {params.text}

    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"],
    ...                      "text": ["NATO met today. Leaders praised NATO's strong support.", "Rain."]})
    >>> sentiment_toward(arts, "NATO").values.tolist()
    [['a', 'X', 'NATO', 2, 0.42405, 0.0, 0.5895, 0.4105, 'positive']]
    """
    by = as_list(by)
    try:
        require_columns(articles, ["doc_id", text, *by], what="articles table")
    except KeyError as e:
        missing = [c for c in by if isinstance(articles, pd.DataFrame) and c not in articles.columns]
        hint = " Pass by=None for no grouping, or by= other columns." if missing else ""
        raise KeyError(e.args[0] + hint) from None
    found = find_sentences_mentioning(articles, term, regex=regex, whole_words=whole_words, variants=variants,
                                      metadata=by, case_sensitive=case_sensitive, text=text)
    g = found.groupby("doc_id", sort=False)
    out = g[SCORE_COLUMNS].mean()
    out.insert(0, "n_sentences", g.size().astype("int64"))
    out = out.reset_index()
    out["doc_id"] = out["doc_id"].astype("str")
    if by:
        # From the articles table, so the columns keep their types even when nothing matched.
        meta = articles[["doc_id", *by]].drop_duplicates("doc_id")
        out = out.merge(meta.astype({"doc_id": "str"}), on="doc_id", how="left")
    out["term"] = pd.Series([term_label(term)] * len(out) if len(out) else [], dtype="str")
    out["sentiment"] = _labels(out["compound"], out.index)
    return out[["doc_id", *by, "term", "n_sentences", "compound", "neg", "neu", "pos", "sentiment"]]


def sentiment_lexicon() -> pd.DataFrame:
    """VADER's word list as a table: ``word, valence`` (from the installed vaderSentiment package).

    ``valence`` is the mean rating of ten people, from -4 (most negative) to +4. Joining
    tokens to this table is the naive "dictionary" method; VADER itself also handles
    negation ("not good"), intensifiers ("very good") and "but", so the two can differ.

    >>> lex = sentiment_lexicon()
    >>> lex.set_index("word").loc[["good", "horrible"], "valence"].tolist()
    [1.9, -2.5]
    """
    lexicon = get_vader().lexicon
    return pd.DataFrame({"word": pd.Series(list(lexicon), dtype="str"),
                         "valence": np.fromiter(lexicon.values(), dtype="float64", count=len(lexicon))})


@fill_doc
def find_sentiment_words(sentences: pd.DataFrame, *, text: str = "text") -> pd.DataFrame:
    """The words in each text that VADER finds in its lexicon: what drives a score.

    One row per word occurrence: ``doc_id`` and ``sent_id`` (when the table has them;
    otherwise ``row``, the row's position counted from 0), ``word`` (lowercased, as
    VADER looks it up) and ``valence`` (its lexicon value, before VADER's rules for
    negation, intensifiers, capitals and "but" change it in context).

    {params.text}

    >>> import pandas as pd
    >>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "text": ["The talks were not a success, sadly."]})
    >>> find_sentiment_words(s).values.tolist()
    [['a', 0, 'success', 2.7], ['a', 0, 'sadly', -1.8]]
    """
    require_columns(sentences, [text], what="table")
    ids = [c for c in ("doc_id", "sent_id") if c in sentences.columns] or ["row"]
    vader = get_vader()
    lexicon = vader.lexicon
    rows, words, valences = [], [], []
    seen: dict[str, list[str]] = {}
    for i, value in enumerate(sentences[text].to_numpy(dtype=object)):
        if not _is_text(value):
            continue
        found = seen.get(value)
        if found is None:
            found = seen[value] = [w for w in vader.words(value) if w in lexicon]
        rows.extend([i] * len(found))
        words.extend(found)
        valences.extend(lexicon[w] for w in found)
    idx = np.asarray(rows, dtype="int64")
    out = pd.DataFrame({c: sentences[c].to_numpy()[idx] for c in ids if c != "row"})
    if ids == ["row"]:
        out["row"] = idx
    out["word"] = pd.Series(words, dtype="str")
    out["valence"] = np.asarray(valences, dtype="float64")
    return out
