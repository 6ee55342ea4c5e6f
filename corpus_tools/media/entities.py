"""Who and where: the people, places and organisations each article names, and who each outlet leaves out.

:func:`find_entities` lists every mention with the rule or word list that decided it (no model is
downloaded; the rules are in :mod:`.entity_rules`), or reads the entities of a spaCy pipeline you
pass as ``nlp=``. :func:`count_entities` counts mentions and articles per outlet;
:func:`compare_mentions` says, for each entity, which share of each outlet's articles name it,
including the outlets that never do. How well the rules do is measured on hand-annotated news
paragraphs by ``benchmarks/eval_entities.py`` (figures in the README).

>>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "text": [
...     "NATO chief Jens Stoltenberg spoke in Kyiv. Stoltenberg said more.", "TASS wrote from Kiev."]})
>>> find_entities(arts)[["doc_id", "text", "entity", "label"]].values.tolist()
[['a', 'NATO', 'NATO', 'organisation'], ['a', 'Jens Stoltenberg', 'Jens Stoltenberg', 'person'], \
['a', 'Kyiv', 'Kyiv', 'place'], ['a', 'Stoltenberg', 'Jens Stoltenberg', 'person'], \
['b', 'TASS', 'TASS', 'organisation'], ['b', 'Kiev', 'Kyiv', 'place']]
"""

from __future__ import annotations

import bisect
import warnings

import pandas as pd

from ..core.docstrings import fill_doc
from ..core.progress import progress_bar
from ..core.validation import as_list, require_columns
from ..text.languages import MIXED, UNKNOWN, LanguageWarning, is_english
from ..text.sentences import sentence_spans
from .entity_discourse import lower_case_words, organisations_across
from .entity_rules import INITIAL, WEAK_PERSON, Mention, entities_in, places
from .people import People, surname_mapping

ENTITY_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "entity", "label", "evidence"]
LABELS = ("person", "place", "organisation", "other")
# spaCy's labels (OntoNotes and the WikiNER "PER/LOC/MISC" ones) in this table's four.
_SPACY_LABELS = {"PERSON": "person", "PER": "person", "GPE": "place", "LOC": "place", "FAC": "place",
                 "ORG": "organisation"}


@fill_doc
def find_entities(articles: pd.DataFrame, *, method: str = "rules", nlp=None, text: str = "text",
                  metadata=("outlet", "date", "title")) -> pd.DataFrame:
    """One row per mention of a person, place or organisation, with what decided it.

    Columns: ``doc_id, sent_id, start, end, text, entity, label, evidence`` plus the ``metadata``
    columns present. ``text`` is the mention as written (``article_text[start:end] == text``; titles,
    "the" and a possessive "'s" are not part of it); ``sent_id`` the sentence it is in (as
    :func:`split_sentences` numbers them). ``entity`` is one name per entity: a person's full name
    ("Jens Stoltenberg" for "Stoltenberg" and "NATO chief Jens Stoltenberg", across the corpus when one
    full name dominates, as :func:`find_quotes` unifies speakers), a place's name in the place list
    ("Kyiv" for "Kiev", "United States" for "U.S."). ``label`` is "person", "place", "organisation" or
    "other" (a capitalised word no rule could place). ``evidence`` says which rule or list decided:
    "place list", "organisation list", "organisation word 'Ministry'", "acronym", "title 'chief'",
    "first name", "named before in the article", "name before a reporting verb", "two or three
    capitalised words", "capitalised word, no cue", "club name", "news agency", "after 'band'",
    "title in quotation marks", "company list", "club list" (``organisation_names.csv``), "labelled from
    another mention: 'the carmaker Zorvik' (...)" (the article names it with a cue elsewhere), "labelled
    from another article: 'Zorvik' in doc d0 (...)" (another article does; see
    :mod:`.entity_discourse`); with ``nlp``, "spaCy PERSON" and so on.

    ``method``: "rules" (nothing to download) or "spacy" (needs ``nlp``). ``nlp``: a loaded spaCy
    pipeline (``spacy.load("en_core_web_sm")``, installed by you), or any callable returning an object
    with ``.ents`` whose items have ``.text``, ``.label_``, ``.start_char``, ``.end_char``; passing it
    implies ``method="spacy"``. Check its labels on your corpus: models trained on other text make
    their own mistakes. The rules are written for English news; the place list holds English names.

    {params.text}
    {params.metadata}

    >>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": [
    ...     "Russian President Vladimir Putin met officials of the Defence Ministry. Putin left Moscow."]})
    >>> find_entities(arts)[["text", "entity", "label", "evidence"]].values.tolist()
    [['Vladimir Putin', 'Vladimir Putin', 'person', "title 'President'"], \
['Defence Ministry', 'Defence Ministry', 'organisation', "organisation word 'Ministry'"], \
['Putin', 'Vladimir Putin', 'person', 'named before in the article'], ['Moscow', 'Moscow', 'place', 'place list']]
    """
    if nlp is not None:
        method = "spacy"
    if method not in ("rules", "spacy"):
        raise ValueError(f"method must be 'rules' or 'spacy', not {method!r}.")
    if method == "spacy" and nlp is None:
        raise ValueError("method='spacy' needs a pipeline: find_entities(articles, nlp=spacy.load('en_core_web_sm')). "
                         "Without one, method='rules' needs nothing downloaded.")
    metadata = [c for c in as_list(metadata) if c in articles.columns and c not in ("doc_id", text)]
    require_columns(articles, ["doc_id", text], what="articles table")
    if method == "rules":
        _warn_other_languages(articles)
    rows = []
    items = zip(articles["doc_id"], articles[text], *(articles[c] for c in metadata))
    for doc_id, body, *meta in progress_bar(items, len(articles), "Finding entities"):
        if not isinstance(body, str) or not body.strip():
            continue
        spans = sentence_spans(body)
        found = entities_in(body, spans) if method == "rules" else _from_pipeline(nlp, body)
        starts = [a for a, _ in spans]
        for m in found:
            rows.append([str(doc_id), max(0, bisect.bisect_right(starts, m.start) - 1), m.start, m.end, m.text,
                         m.entity, m.label, m.evidence, *meta])
    texts = [b for b in articles[text] if isinstance(b, str)]
    out = _across_articles(pd.DataFrame(rows, columns=ENTITY_COLUMNS + metadata), texts)
    for c in ("sent_id", "start", "end"):
        out[c] = out[c].astype("int64")
    for c in ("doc_id", "text", "entity", "label", "evidence"):
        out[c] = out[c].astype(object)
    return out


def _warn_other_languages(articles: pd.DataFrame) -> None:
    """The rules read English: say so once when the table holds articles in other languages."""
    if "language" not in articles.columns:
        return
    lang = articles["language"].astype("string")
    other = lang[lang.notna() & ~lang.isin([UNKNOWN, MIXED]) & ~lang.map(is_english, na_action="ignore").astype(bool)]
    if len(other):
        counts = ", ".join(f"{k} {v:,}" for k, v in other.value_counts().head(8).items())
        warnings.warn(f"find_entities' rules are written for English: {len(other):,} article"
                      f"{'s' if len(other) > 1 else ''} in other languages ({counts}) were read with them, and most "
                      "names in them come out as 'other'. Pass nlp= a pipeline for their language, or filter "
                      "articles[articles['language'] == 'en'].", LanguageWarning, stacklevel=3)


def _across_articles(out: pd.DataFrame, texts=()) -> pd.DataFrame:
    """Names settled over the corpus: "Stoltenberg" is "Jens Stoltenberg" when that full name dominates;
    a sentence's first word is kept only when it is the surname of a person named elsewhere."""
    people = out["label"] == "person"
    strong = people & (out["evidence"] != WEAK_PERSON) & out["entity"].str.contains(" ", regex=False)
    full = out.loc[strong, ["doc_id", "entity"]].drop_duplicates()
    named_in = full.assign(word=full["entity"].str.split().str[-1]).groupby("word")["doc_id"].nunique()
    initial = out["label"] == INITIAL
    open_ = initial | (out["label"] == "other")
    open_in = out[open_].groupby("text")["doc_id"].nunique()
    # A surname, when the full names ending in it are in at least a quarter as many articles as the word
    # alone: "Putin" after "Vladimir Putin" elsewhere, not "City" because of one "Vice City".
    surnames = {w for w, n in named_in.items() if n >= 0.25 * open_in.get(w, 0) and w not in places()}
    lower = lower_case_words(texts, {w.lower() for w in surnames}, out)  # "Life", "Films": words, not surnames
    known = open_ & out["text"].isin({w for w in surnames if w.lower() not in lower})
    out.loc[known, "label"] = "person"
    out.loc[known, "evidence"] = "surname of a person named elsewhere in the corpus"
    out = organisations_across(out, texts)
    kept = known | (out["label"] == "organisation")
    out = out[~(initial & ~kept)].reset_index(drop=True)
    people = out["label"] == "person"
    mapping = surname_mapping(out.loc[people, "entity"])
    if mapping:
        out.loc[people, "entity"] = out.loc[people, "entity"].replace(mapping)
    return out


def _from_pipeline(nlp, body: str) -> list[Mention]:
    doc = nlp(body)
    people = People()
    found = []
    for ent in doc.ents:
        label = _SPACY_LABELS.get(str(ent.label_), "other")
        written = str(ent.text)
        if label == "person":
            entity = people.add(written, as_speaker=True)[0] or written
        elif label == "place":
            entity = places().get(written, written)
        else:
            entity = written
        found.append(Mention(int(ent.start_char), int(ent.end_char), written, entity, label, f"spaCy {ent.label_}"))
    return found


@fill_doc
def count_entities(entities: pd.DataFrame, *, by="outlet") -> pd.DataFrame:
    """How often each entity is named, per group: one row per (group, entity, label).

    Columns: the ``by`` columns, ``entity, label, mentions, articles`` (articles naming it at least
    once); sorted by group, then most articles, most mentions, name.

    {params.by}

    >>> e = pd.DataFrame({"doc_id": ["a", "a", "b"], "outlet": ["X", "X", "Y"], "entity": ["Kyiv"] * 3,
    ...                   "label": ["place"] * 3})
    >>> count_entities(e).values.tolist()
    [['X', 'Kyiv', 'place', 2, 1], ['Y', 'Kyiv', 'place', 1, 1]]
    """
    by = as_list(by)
    require_columns(entities, ["doc_id", "entity", "label", *by], what="entities table")
    keys = [*by, "entity", "label"]
    out = entities.groupby(keys, dropna=False, sort=False).agg(
        mentions=("doc_id", "size"), articles=("doc_id", "nunique")).reset_index()
    out = out.sort_values([*by, "articles", "mentions", "entity"], ascending=[True] * len(by) + [False, False, True],
                          kind="stable").reset_index(drop=True)
    for c in ("mentions", "articles"):
        out[c] = out[c].astype("int64")
    return out[[*keys, "mentions", "articles"]]


@fill_doc
def compare_mentions(entities: pd.DataFrame, *, by="outlet", articles: pd.DataFrame | None = None,
                     min_articles: int = 2, labels=("person", "place", "organisation")) -> pd.DataFrame:
    """Who appears in one outlet and not the others: each entity's share of each group's articles.

    One row per (entity, label, group), absent groups included (``articles == 0``). Columns:
    ``entity, label``, the ``by`` columns, ``articles`` (of the group naming the entity),
    ``group_articles`` (articles in the group), ``share`` (``articles / group_articles``),
    ``groups_naming`` (how many groups name the entity at all) and ``only_in`` (the one group
    naming it, on each of the entity's rows; NA when more groups or none name it). Sorted by how
    many articles name the entity overall (then name, then group).

    ``articles``: the articles table, so that articles naming nobody count in ``group_articles``
    (without it, only articles with at least one entity are counted). ``min_articles``: leave out
    entities named in fewer articles overall. ``labels``: the labels to compare ("other" left out).

    {params.by}

    >>> e = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"], "entity": ["Kyiv"] * 3,
    ...                   "label": ["place"] * 3})
    >>> compare_mentions(e.iloc[:2], articles=pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"]}))[
    ...     ["outlet", "articles", "group_articles", "share", "only_in"]].values.tolist()
    [['X', 2, 2, 1.0, 'X'], ['Y', 0, 1, 0.0, 'X']]
    """
    by = as_list(by) or None
    if by is None:
        raise ValueError("compare_mentions compares groups: give by= (e.g. by='outlet').")
    require_columns(entities, ["doc_id", "entity", "label", *by], what="entities table")
    if articles is not None:
        require_columns(articles, ["doc_id", *by], what="articles table")
        docs = articles[["doc_id", *by]].astype({"doc_id": str})
    else:
        docs = entities[["doc_id", *by]].astype({"doc_id": str})
    sizes = docs.drop_duplicates("doc_id").groupby(by, dropna=False).size().rename("group_articles").reset_index()
    chosen = entities[entities["label"].isin(list(labels))]
    counts = chosen.groupby(["entity", "label", *by], dropna=False)["doc_id"].nunique().rename("articles").reset_index()
    total = chosen.groupby(["entity", "label"])["doc_id"].nunique().rename("total").reset_index()
    total = total[total["total"] >= min_articles]
    grid = total.merge(sizes, how="cross")
    out = grid.merge(counts, on=["entity", "label", *by], how="left")
    out["articles"] = out["articles"].fillna(0).astype("int64")
    out["group_articles"] = out["group_articles"].astype("int64")
    out["share"] = out["articles"] / out["group_articles"].where(out["group_articles"] > 0)
    naming = out[out["articles"] > 0].groupby(["entity", "label"])
    out["groups_naming"] = out.set_index(["entity", "label"]).index.map(naming.size()).fillna(0).astype("int64")
    label_of = out[by].astype(str).agg(" / ".join, axis=1)
    sole = label_of[(out["groups_naming"] == 1) & (out["articles"] > 0)]
    where = dict(zip(out.loc[sole.index, "entity"] + "\x00" + out.loc[sole.index, "label"], sole))
    out["only_in"] = (out["entity"] + "\x00" + out["label"]).map(where).astype(object)
    out["only_in"] = out["only_in"].where(out["only_in"].notna(), pd.NA)
    out = out.sort_values(["total", "entity", "label", *by], ascending=[False, True, True] + [True] * len(by),
                          kind="stable")
    return out[["entity", "label", *by, "articles", "group_articles", "share", "groups_naming", "only_in"]] \
        .reset_index(drop=True)
