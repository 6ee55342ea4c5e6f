"""One story: the articles of a corpus that report the same event, found by what they share.

Two articles are linked when they print the same quote (:func:`match_quotes`), share a passage
word for word (:func:`find_shared_passages`) or use much the same vocabulary (tf-idf cosine);
articles dated more than three days apart count for less. The story is the article with the
strongest links to the most outlets, with its closest partners: one per outlet first.

>>> import pandas as pd
>>> wire = "The ministers agreed on a new package of support for the coming year, officials said."
>>> arts = pd.DataFrame({"doc_id": list("abcd"), "outlet": ["X", "Y", "Z", "X"], "title": ["A", "B", "C", "D"],
...     "text": ["Talks ended. " + wire, "Late news. " + wire, "Something else entirely happened today.",
...              "Weather: rain all week long in the north, sun in the south."]})
>>> find_story(arts, max_articles=3)["doc_id"].tolist()
['a', 'b']
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..analysis.vectors import document_term_matrix, tf_idf_matrix
from ..core.validation import require_columns
from .numbers import shorten
from .passages import find_shared_passages
from .quote_variants import match_quotes
from .quotes import find_quotes

MAX_STORY = 6  # articles a class can read in one lesson
MAX_QUOTED = 2000  # above this many articles, quotes are not compared to find a story (too slow)
MIN_COSINE = 0.3  # vocabulary this alike (tf-idf cosine) links two articles
LINK_COLUMNS = ["doc_id_a", "doc_id_b", "quotes", "passages", "passage_words", "similarity", "days_apart", "weight"]
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def headline(row) -> str:
    """What a reader calls an article: its title, else its first words, else its doc_id."""
    title = row.get("title")
    if isinstance(title, str) and title.strip():
        return " ".join(title.split())
    text = row.get("text")
    if isinstance(text, str) and text.strip():
        return shorten(" ".join(text.split()[:12]), 80) + ("…" if len(text.split()) > 12 else "")
    return str(row.get("doc_id"))


def _pairs(groups) -> pd.DataFrame:
    """(doc_id_a, doc_id_b) of every two articles in each group (a < b)."""
    rows = []
    for docs in groups:
        docs = sorted(set(docs))
        rows += [(a, b) for i, a in enumerate(docs) for b in docs[i + 1:]]
    return pd.DataFrame(rows, columns=["doc_id_a", "doc_id_b"])


def find_story_links(articles: pd.DataFrame) -> pd.DataFrame:
    """Pairs of articles that look like reports of the same event, and why.

    Columns: ``doc_id_a, doc_id_b, quotes`` (quote groups both print, up to :data:`MAX_QUOTED`
    articles), ``passages`` and ``passage_words`` (passages of 8+ words both carry, those in
    more than 10 articles left out as boilerplate), ``similarity`` (tf-idf cosine of their words,
    kept from :data:`MIN_COSINE`), ``days_apart`` (NaN when undated) and ``weight``
    (3 per quote, 2 per passage up to 3, 4 × similarity; a third when more than 3 days apart).
    """
    require_columns(articles, ["doc_id", "text"], what="articles table")
    arts = articles.drop_duplicates("doc_id")
    ids = arts["doc_id"].astype(str).to_numpy()
    parts = []
    if 2 <= len(arts) <= MAX_QUOTED:
        matched = match_quotes(find_quotes(arts, metadata=()))
        p = _pairs(matched.groupby("group_id")["doc_id"].apply(list))
        parts.append(p.groupby(["doc_id_a", "doc_id_b"]).size().rename("quotes"))
    if len(arts) >= 2:
        passages = find_shared_passages(arts, max_docs=10, cache=False)
        if len(passages):
            words = passages.groupby("passage_id")["n_words"].max()
            groups = passages.groupby("passage_id")["doc_id"].apply(list)
            p = pd.concat([_pairs([docs]).assign(passage_words=int(words[pid])) for pid, docs in groups.items()])
            parts.append(p.groupby(["doc_id_a", "doc_id_b"]).agg(passages=("passage_words", "size"),
                                                                  passage_words=("passage_words", "sum")))
        frame = arts[["doc_id", "text"]].astype({"doc_id": "str"})
        frame = frame.assign(text=frame["text"].fillna("").astype(str))
        x, _ = tf_idf_matrix(document_term_matrix(frame, stopwords=None, words_only=True).matrix)
        rows, cols, vals = [], [], []
        for start in range(0, x.shape[0], 500):
            block = (x[start:start + 500] @ x.T).tocoo()
            keep = (block.data >= MIN_COSINE) & (block.row + start < block.col)
            rows.append(block.row[keep] + start)
            cols.append(block.col[keep])
            vals.append(block.data[keep])
        r, c = np.concatenate(rows), np.concatenate(cols)
        a, b = np.where(ids[r] < ids[c], ids[r], ids[c]), np.where(ids[r] < ids[c], ids[c], ids[r])
        parts.append(pd.Series(np.minimum(np.concatenate(vals), 1.0), name="similarity",
                               index=pd.MultiIndex.from_arrays([a, b], names=["doc_id_a", "doc_id_b"])))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="object" if c.startswith("doc") else "float64") for c in LINK_COLUMNS})
    links = pd.concat(parts, axis=1).reset_index()
    for c in ("quotes", "passages", "passage_words", "similarity"):
        links[c] = links[c].fillna(0) if c in links.columns else 0.0
    dates = pd.to_datetime(arts.set_index(arts["doc_id"].astype(str))["date"], errors="coerce") \
        if "date" in arts.columns else pd.Series(pd.NaT, index=ids)
    links["days_apart"] = (dates.reindex(links["doc_id_a"]).to_numpy() - dates.reindex(links["doc_id_b"]).to_numpy())
    links["days_apart"] = pd.to_timedelta(links["days_apart"]).abs().dt.days.astype("float64")
    weight = 3 * links["quotes"] + 2 * links["passages"].clip(upper=3) + 4 * links["similarity"]
    links["weight"] = weight.where(~(links["days_apart"] > 3), weight / 3)
    for c in ("quotes", "passages", "passage_words"):
        links[c] = links[c].astype("int64")
    return links[LINK_COLUMNS].sort_values(["weight", "doc_id_a", "doc_id_b"], ascending=[False, True, True],
                                           ignore_index=True)


def _hidden_ids(articles: pd.DataFrame) -> dict:
    """Original doc_id -> hidden one, when the table comes from :func:`hide_outlets`."""
    return {r["doc_id"]: r["hidden"] for r in articles.attrs.get("hidden_outlets", {}).get("doc_ids", ())}


def _candidates(articles: pd.DataFrame, story) -> tuple[pd.DataFrame, str, bool]:
    """The articles the story is chosen among, how they were chosen, and whether they are the story itself."""
    ids = articles["doc_id"].astype(str)
    hidden = _hidden_ids(articles)
    if story is None:
        return articles, "", False
    if isinstance(story, pd.DataFrame):
        story = story["doc_id"].astype(str).tolist()
    if isinstance(story, str) and "," in story and all(s.strip() in set(ids) | set(hidden) for s in story.split(",")):
        story = [s.strip() for s in story.split(",")]
    if isinstance(story, (list, tuple, set, pd.Series, np.ndarray)):
        wanted = [hidden.get(str(s), str(s)) for s in story]
        found = articles[ids.isin(wanted)]
        if len(found) == 0:
            given = ", ".join(map(str, list(story)[:3]))
            return articles, f"none of the doc_ids given ({given}...) is in the corpus", False
        return found, f"the {len(found)} article(s) given", len(wanted) > 1
    text = str(story).strip()
    if text in hidden or text in set(ids):
        return articles, f"the article {hidden.get(text, text)} given", False
    if _DATE.match(text) and "date" in articles.columns:
        day = pd.Timestamp(text)
        near = articles[(pd.to_datetime(articles["date"]) - day).abs() <= pd.Timedelta(days=1)]
        return near, f"the {len(near)} article(s) dated {text} or a day before or after", False
    pattern = re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)", re.IGNORECASE)
    hit = [bool(pattern.search(f"{t}\n{x}")) for t, x in zip(articles.get("title", ids).fillna(""),
                                                             articles["text"].fillna(""))]
    return articles[hit], f"the {sum(hit)} article(s) mentioning {text!r}", False


def sources(articles: pd.DataFrame) -> dict[str, str]:
    """doc_id -> outlet, with every article of unknown origin under "unknown" (also after :func:`hide_outlets`,
    which gives each of them a letter of its own): they are not known to be different outlets."""
    unknown = {r["label"] for r in articles.attrs.get("hidden_outlets", {}).get("outlets", ()) if
               r["outlet"] == "unknown"} | {"unknown"}
    outlets = articles["outlet"].astype(str) if "outlet" in articles.columns else pd.Series("", index=articles.index)
    return {d: "unknown" if o in unknown else o for d, o in zip(articles["doc_id"].astype(str), outlets)}


def _choose(arts: pd.DataFrame, links: pd.DataFrame, max_articles: int, seed=None) -> list[str]:
    """The seed with the strongest links to the most outlets, and its closest partners (one per outlet first)."""
    outlet = sources(arts)
    order = {d: i for i, d in enumerate(outlet)}
    adj: dict[str, dict[str, float]] = {}
    for a, b, w in zip(links["doc_id_a"], links["doc_id_b"], links["weight"]):
        if a in outlet and b in outlet and w > 0:
            adj.setdefault(a, {})[b] = w
            adj.setdefault(b, {})[a] = w
    best, best_key = [], None
    for s in ([seed] if seed else adj):
        near = sorted(adj.get(s, {}).items(), key=lambda kv: (-kv[1], order[kv[0]]))
        members, outlets = [s], {outlet[s]}
        for d, w in near:  # a link of vocabulary alone between articles days apart is too weak to count here
            if outlet[d] not in outlets and len(members) < max_articles and w >= 1:
                members.append(d)
                outlets.add(outlet[d])
        # More articles of the same outlets only when closely linked (a shared quote, passages, most words alike).
        members += [d for d, w in near if d not in members and w >= 3][: max_articles - len(members)]
        key = (len(outlets), len(members), sum(adj[s].get(d, 0) for d in members[1:]), -order[s])
        if best_key is None or key > best_key:
            best, best_key = members, key
    if not best:  # nothing links any two articles: one of each outlet, in the table's order
        seen = {}
        for d, o in outlet.items():
            seen.setdefault(o, d)
        best = (list(seen.values()) + [d for d in outlet if d not in seen.values()])[:max_articles]
    return best


def find_story(articles: pd.DataFrame, *, story=None, max_articles: int = MAX_STORY) -> pd.DataFrame:
    """The articles of one story: reports of the same event, chosen by what they share.

    ``story``: None (the best-linked story of the corpus; a corpus of at most ``max_articles``
    articles is the story), a keyword ("budget": among the articles mentioning it), a date
    ("2024-03-05": among the articles dated within a day of it), one doc_id (that article and its
    closest partners) or a list of doc_ids (exactly those). On a table from :func:`hide_outlets` the
    original doc_ids work too. At most ``max_articles`` articles, one per outlet first, sorted by date
    and outlet. ``attrs["story"]``: ``how`` (a sentence saying how they were chosen) and ``links``
    (records of :func:`find_story_links` between them).
    """
    require_columns(articles, ["doc_id", "text"], what="articles table")
    pool, how, exact = _candidates(articles, story)
    if not len(pool):
        pool, how = articles, how + ": none, so the whole corpus was searched"
    seed = None
    if isinstance(story, str) and not exact and story.strip() in set(articles["doc_id"].astype(str)) | set(
            _hidden_ids(articles)):
        seed = _hidden_ids(articles).get(story.strip(), story.strip())
    small = len(pool) <= max_articles and seed is None
    links = find_story_links(pool) if len(pool) > 1 else find_story_links(pool.head(0))
    if exact or small:
        chosen = pool["doc_id"].astype(str).tolist()
        why = how or f"the corpus has only {len(pool)} article(s): all of them"
    else:
        chosen = _choose(pool, links, max_articles, seed)
        sub = links[links["doc_id_a"].isin(chosen) & links["doc_id_b"].isin(chosen)]
        kinds = [sources(pool)[d] for d in chosen]
        known, unknown = len(set(kinds) - {"unknown"}), kinds.count("unknown")
        n_out = " and ".join(filter(None, [f"{known} outlet(s)" if known else "",
                                           f"{unknown} of unknown origin" if unknown else ""]))
        what = [f"{int(sub['quotes'].sum())} shared quote(s)" if sub["quotes"].sum() else "",
                f"{int(sub['passages'].sum())} shared passage(s)" if sub["passages"].sum() else "",
                f"vocabulary up to {sub['similarity'].max():.0%} alike" if sub["similarity"].max() > 0 else ""]
        what = ", ".join(w for w in what if w) or "nothing shared: no two articles share a quote, a passage or much "\
            "vocabulary"
        why = (f"{how}: " if how else "") + f"the {len(chosen)} articles ({n_out}) linked most closely ({what})"
    out = pool[pool["doc_id"].astype(str).isin(chosen)]
    if "date" in out.columns:
        out = out.assign(_d=pd.to_datetime(out["date"], errors="coerce")).sort_values(
            ["_d", "outlet"] if "outlet" in out.columns else ["_d"], kind="stable").drop(columns="_d")
    kept = links[links["doc_id_a"].isin(chosen) & links["doc_id_b"].isin(chosen)]
    out = out.copy()
    out.attrs = {k: v for k, v in out.attrs.items() if k != "story"}
    kept = kept.astype(object).where(kept.notna(), None)
    out.attrs["story"] = {"how": why, "links": kept.to_dict("records")}
    return out
