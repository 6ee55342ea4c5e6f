"""Topics: groups of words that tend to occur in the same articles, found by NMF on tf-idf.

A topic is a weighting of the vocabulary; each article is a mix of topics. Both come from
scikit-learn's non-negative matrix factorisation of the articles' tf-idf matrix, started
from an SVD (``init="nndsvd"``) with a fixed ``seed``: the same corpus and seed give the
same topics on every run, unlike sampling methods (LDA's Gibbs sampling, BERTopic's UMAP).

>>> import warnings
>>> arts = pd.DataFrame({"doc_id": list("abcd"), "outlet": ["X", "X", "Y", "Y"],
...                      "text": ["Goal! The match, the goal.", "A match and a goal.",
...                               "Tax and budget.", "The budget, the tax vote."]})
>>> with warnings.catch_warnings(record=True) as caught:   # four articles are far too few: it says so
...     terms, documents = find_topics(arts, n_topics=2, min_docs=1, max_share=1.0, n_terms=2)
>>> str(caught[0].message)[:50]
'Only 4 articles: too few for 2 topics to mean anyt'
>>> terms[["label", "term"]].values.tolist()
[['1: goal, match', 'goal'], ['1: goal, match', 'match'], ['2: budget, tax', 'budget'], ['2: budget, tax', 'tax']]
>>> documents.loc[documents["main"], ["doc_id", "topic"]].values.tolist()
[['a', 1], ['b', 1], ['c', 2], ['d', 2]]
"""

from __future__ import annotations

import warnings
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..core.docstrings import fill_doc
from ..core.validation import require_columns
from ..text.sentences import split_sentences
from ..text.tokens import tokenize
from .keyness import SmallCountWarning
from .vectors import document_term_matrix, input_kind, tf_idf_matrix

# Below this many articles per topic (and overall) a "topic" is mostly the words of one or two articles.
MIN_ARTICLES_PER_TOPIC = 20
MIN_ARTICLES = 100


class Topics(NamedTuple):
    """What :func:`find_topics` returns: two tables, ``terms`` and ``documents`` (unpack or use the names)."""

    terms: pd.DataFrame
    documents: pd.DataFrame


@fill_doc
def find_topics(tokens_or_counts: pd.DataFrame, *, n_topics: int = 10, seed: int = 0, n_terms: int = 10,
                min_docs: int = 2, max_share: float = 0.5, stopwords=None, token: str = "token",
                metadata=("outlet", "date", "title")) -> Topics:
    """Topics of a corpus: ``Topics(terms, documents)``, two tables.

    ``terms``: ``topic, label, rank, term, weight``, the ``n_terms`` heaviest words of each
    topic (``weight``: the word's share of the topic, all its words summing to 1; ``label``:
    the topic number and its three heaviest words, an ordered categorical). ``documents``:
    ``doc_id, topic, label, weight, main`` + ``metadata``, one row per article and topic
    (``weight``: the topic's share of the article, summing to 1 over its topics; ``main``:
    the article's largest topic; an article without any counted word has 0 everywhere and
    no main topic). Topic 1 is the one with the most weight over all articles.

    Input: an articles table, a tokens table, or counts per article
    (``count_terms(tokens, by="doc_id")``). How: stop words are left out (``stopwords``: None
    for the shipped list, ``[]`` to keep all), and terms without a letter ("2004", "6-3"); of
    the rest, the words used by at least ``min_docs`` articles and by at most ``max_share`` of
    them; tf-idf with 1 + ln(count) as tf
    (:func:`~corpus_tools.analysis.vectors.tf_idf_matrix`); scikit-learn's ``NMF`` with
    ``init="nndsvd"`` and ``random_state=seed``. Every run with the same input and seed gives
    the same tables. Below 20 articles per topic (and 100 in all) a
    :class:`SmallCountWarning` says the topics cannot mean much.

    Topics by outlet and over time are the usual tables of ``documents``::

        docs = topics.documents
        ct.timeline(docs, by=["outlet", "label"], value="weight", freq="M")   # mean share per month
        docs[docs["main"]].groupby(["outlet", "label"], observed=True).size()  # articles per main topic

    {params.token}
    {params.metadata}

    >>> import warnings
    >>> arts = pd.DataFrame({"doc_id": list("abc"), "text": ["Goal, match.", "Match, goal.", "Tax, budget."]})
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")    # (three articles are too few for topics: a warning says so)
    ...     topics = find_topics(arts, n_topics=2, min_docs=1, max_share=1.0)
    >>> topics.documents.loc[topics.documents["main"], ["doc_id", "label"]].values.tolist()
    [['a', '1: goal, match'], ['b', '1: goal, match'], ['c', '2: budget, tax']]
    """
    if not isinstance(n_topics, (int, np.integer)) or n_topics < 1:
        raise ValueError(f"n_topics={n_topics!r}: give a whole number of topics, 1 or more.")
    metadata = [metadata] if isinstance(metadata, str) else list(metadata)
    kind = input_kind(tokens_or_counts, token=token)
    dt = document_term_matrix(tokens_or_counts, token=token, stopwords=stopwords, metadata=metadata,
                              min_docs=min_docs, max_share=max_share, words_only=True)
    relaxed = dt.matrix.shape[1] < n_topics
    if relaxed:  # a tiny corpus: min_docs and max_share would leave (almost) nothing
        dt = document_term_matrix(tokens_or_counts, token=token, stopwords=stopwords, metadata=metadata,
                                  words_only=True)
    n_docs, n_words = dt.matrix.shape
    k = int(min(n_topics, n_docs, n_words))
    if k < 1 and n_docs == 0:  # an empty corpus: empty tables (a report on it still runs through)
        warnings.warn("No articles to find topics in: the topics tables are empty.", SmallCountWarning, stacklevel=2)
        return topic_tables(np.zeros((0, 0)), np.zeros((0, n_words)), dt.terms, dt.documents, n_terms=n_terms)
    if k < 1:
        raise ValueError(f"No words to find topics in ({n_docs} articles from the {kind} table, "
                         f"{n_words} words after leaving out stop words).")
    small_corpus_warning(n_docs, n_topics, k, relaxed=relaxed)
    x, _ = tf_idf_matrix(dt.matrix)
    model, w = fit_nmf(x, k, seed=seed)
    return topic_tables(w, model.components_, dt.terms, dt.documents, n_terms=n_terms)


def fit_nmf(x, k: int, *, seed: int = 0):
    """``(model, W)``: scikit-learn's NMF of ``x`` with ``k`` components (init nndsvd, ``random_state=seed``)."""
    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning

    model = NMF(n_components=k, init="nndsvd", random_state=seed, max_iter=1000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        w = model.fit_transform(x)
    return model, w


def small_corpus_warning(n_docs: int, n_topics: int, k: int, *, relaxed: bool = False, stacklevel: int = 3) -> None:
    """Warn (:class:`SmallCountWarning`) when ``n_docs`` articles are too few for ``n_topics`` topics."""
    needed = max(MIN_ARTICLES, MIN_ARTICLES_PER_TOPIC * n_topics)
    if n_docs >= needed and k >= n_topics:
        return
    warnings.warn(
        f"Only {n_docs:,} articles: too few for {n_topics} topics to mean anything. Each 'topic' here is "
        f"mostly the words of one or two articles. Topics need at least {needed:,} articles "
        f"({MIN_ARTICLES_PER_TOPIC} per topic, {MIN_ARTICLES} at least); read the articles, or compare outlets "
        f"with keyness, instead." + (f" Found {k} topics (no more than articles or words)." if k < n_topics else "")
        + (" Every word was kept: min_docs and max_share left too few." if relaxed else ""),
        SmallCountWarning, stacklevel=stacklevel)


def topic_order(w: np.ndarray) -> np.ndarray:
    """Topics by their total share over all articles, largest first (ties: as found)."""
    shares = _row_shares(w)
    return np.lexsort((np.arange(w.shape[1]), -shares.sum(axis=0).round(12)))


def _row_shares(w: np.ndarray) -> np.ndarray:
    total = w.sum(axis=1, keepdims=True)
    return np.divide(w, total, out=np.zeros_like(w, dtype="float64"), where=total > 0)


def topic_terms(h: np.ndarray, terms, *, n_terms: int = 10) -> pd.DataFrame:
    """The ``terms`` table of :class:`Topics` from NMF's H (topics × terms, in topic order)."""
    terms = np.asarray(terms, dtype=object)
    total = h.sum(axis=1, keepdims=True)
    share = np.divide(h, total, out=np.zeros_like(h, dtype="float64"), where=total > 0)
    rows = []
    for t in range(h.shape[0]):
        order = np.lexsort((terms, -share[t].round(15)))
        top = [i for i in order if share[t, i] > 0][:n_terms]
        rows += [(t + 1, r + 1, terms[i], share[t, i]) for r, i in enumerate(top)]
    out = pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])
    out = out.astype({"topic": "int64", "rank": "int64", "term": "str", "weight": "float64"})
    labels = topic_labels(out, n_topics=h.shape[0])
    out.insert(1, "label", pd.Categorical.from_codes(out["topic"].to_numpy() - 1, dtype=labels))
    return out


def topic_labels(terms: pd.DataFrame, *, n_topics: int) -> pd.CategoricalDtype:
    """"3: film, award, actor": each topic's number and three heaviest words, as ordered categories."""
    first = terms[terms["rank"] <= 3].groupby("topic")["term"].agg(", ".join)
    names = [f"{t}: {first.get(t, '(no words)')}" for t in range(1, n_topics + 1)]
    return pd.CategoricalDtype(names, ordered=True)


def document_topics(w: np.ndarray, documents: pd.DataFrame, labels: pd.CategoricalDtype) -> pd.DataFrame:
    """The ``documents`` table of :class:`Topics` from NMF's W (articles × topics, in topic order)."""
    n_docs, k = w.shape
    shares = _row_shares(w)
    main = np.zeros_like(shares, dtype=bool)
    has = shares.sum(axis=1) > 0
    if has.any():
        main[np.flatnonzero(has), shares[has].argmax(axis=1)] = True
    out = documents.loc[np.repeat(np.arange(n_docs), k)].reset_index(drop=True)
    topic = np.tile(np.arange(k), n_docs)
    meta = [c for c in out.columns if c != "doc_id"]
    out.insert(1, "topic", topic + 1)
    out.insert(2, "label", pd.Categorical.from_codes(topic, dtype=labels))
    out.insert(3, "weight", shares.ravel())
    out.insert(4, "main", main.ravel())
    return out[["doc_id", "topic", "label", "weight", "main", *meta]]


def topic_tables(w: np.ndarray, h: np.ndarray, terms, documents: pd.DataFrame, *, n_terms: int = 10) -> Topics:
    """:class:`Topics` from a factorisation: W (articles × topics) and H (topics × terms), any topic order."""
    order = topic_order(w)
    w, h = w[:, order], h[order]
    table = topic_terms(h, terms, n_terms=n_terms)
    return Topics(table, document_topics(w, documents, table["label"].dtype))


@fill_doc
def find_topic_sentences(articles: pd.DataFrame, *, topics: Topics, topic=None, n_articles: int = 5,
                         n_sentences: int = 3, text: str = "text") -> pd.DataFrame:
    """Read a topic: its ``n_articles`` most typical articles and in each the sentences that carry its words.

    One row per sentence: ``topic, label, doc_id, weight, sent_id, sentence, score, words`` +
    the article's ``outlet``, ``title`` and ``date`` where present. ``weight`` is the topic's
    share of the article (articles sorted by it); ``score`` sums the topic weights of the
    topic's listed words (``topics.terms``) found in the sentence, each word once; ``words``
    names them, heaviest first. Up to ``n_sentences`` sentences per article, best first;
    sentences without any of the words are left out. ``topic``: a number, a list, or None
    for every topic.

    {params.text}

    >>> arts = pd.DataFrame({"doc_id": ["a"], "title": ["Cup"], "text": ["A quiet day. The match ended in a goal."]})
    >>> terms = pd.DataFrame({"topic": [1, 1], "label": ["1: goal, match"] * 2, "rank": [1, 2],
    ...                       "term": ["goal", "match"], "weight": [0.6, 0.4]})
    >>> docs = pd.DataFrame({"doc_id": ["a"], "topic": [1], "label": ["1: goal, match"], "weight": [1.0],
    ...                      "main": [True]})
    >>> find_topic_sentences(arts, topics=Topics(terms, docs))[["doc_id", "sentence", "score", "words"]].values.tolist()
    [['a', 'The match ended in a goal.', 1.0, 'goal, match']]
    """
    require_columns(articles, ["doc_id", text], what="articles table")
    terms, docs = topics
    require_columns(terms, ["topic", "label", "term", "weight"], what="topic terms table (topics.terms)")
    require_columns(docs, ["doc_id", "topic", "weight"], what="document topics table (topics.documents)")
    chosen = sorted(set(terms["topic"])) if topic is None else [topic] if np.ndim(topic) == 0 else list(topic)
    unknown = sorted(set(chosen) - set(terms["topic"]))
    if unknown and len(terms):  # (no topics at all, from an empty corpus: no sentences either)
        raise ValueError(f"No topic {unknown[0]!r}: the topics are {sorted(set(terms['topic']))}.")
    docs = docs[docs["topic"].isin(chosen) & (docs["weight"] > 0)]
    top = (docs.assign(_order=np.arange(len(docs))).sort_values(["topic", "weight", "_order"],
                                                                ascending=[True, False, True], kind="stable")
           .groupby("topic", sort=True).head(n_articles)[["topic", "doc_id", "weight"]])
    meta = [c for c in ("outlet", "title", "date") if c in articles.columns]
    sub = articles[articles["doc_id"].isin(set(top["doc_id"]))].drop_duplicates("doc_id")
    sentences = split_sentences(sub, text=text).rename(columns={"text": "sentence"})[["doc_id", "sent_id",
                                                                                      "sentence"]]
    tokens = tokenize(sub, text=text)[["doc_id", "sent_id", "token"]].astype({"doc_id": "str", "token": "str"})
    words = terms[terms["topic"].isin(chosen)][["topic", "term", "weight"]].rename(columns={"weight": "w"})
    hits = (tokens.drop_duplicates().merge(top[["topic", "doc_id"]], on="doc_id")
            .merge(words, left_on=["topic", "token"], right_on=["topic", "term"]))
    hits = hits.sort_values(["w", "term"], ascending=[False, True], kind="stable")
    scored = hits.groupby(["topic", "doc_id", "sent_id"], sort=False).agg(score=("w", "sum"),
                                                                          words=("term", ", ".join)).reset_index()
    out = top.merge(scored, on=["topic", "doc_id"]).merge(sentences, on=["doc_id", "sent_id"])
    out = out.merge(terms[["topic", "label"]].drop_duplicates("topic"), on="topic")
    rank = {(t, d): i for i, (t, d) in enumerate(zip(top["topic"], top["doc_id"]))}
    out["_rank"] = [rank[(t, d)] for t, d in zip(out["topic"], out["doc_id"])]
    out = (out.sort_values(["_rank", "score", "sent_id"], ascending=[True, False, True], kind="stable")
           .groupby("_rank", sort=False).head(n_sentences))
    out = out.merge(sub[["doc_id", *meta]], on="doc_id", how="left") if meta else out
    columns = ["topic", "label", "doc_id", "weight", "sent_id", "sentence", "score", "words", *meta]
    return out[columns].reset_index(drop=True)
