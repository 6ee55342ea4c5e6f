"""What each classroom exercise needs, found in the corpus: a story, a quote cut differently, the words
that differ between outlets, the articles with the most warning signs.

:func:`plan_lesson` returns a :class:`Lesson`: a dict of plain findings (what the questions and the
answer key are written from, see :mod:`corpus_tools.media.lesson_text`) and, as attributes, the
tables behind them for the notebook's charts. Every finding is the tool's view, for the teacher to
check; when the corpus holds nothing for a question (one outlet, no quotes), the finding says why.

>>> from corpus_tools import load_sample
>>> lesson = plan_lesson(load_sample(), exercise=2, quote="absolutely certain")
>>> lesson["quote"]["speaker"], lesson["quote"]["n_articles"], len(lesson.story)
('Jens Stoltenberg', 2, 5)
>>> [t["term"] for t in lesson["verbs"]][:2]
['claimed', 'insisted']
"""

from __future__ import annotations

import re

import pandas as pd

from ..core.validation import require_columns
from .framing import find_framing_evidence, framing_lexicon, framing_terms
from .lesson_text import fill_question
from .numbers import shorten
from .passages import add_shared_share, find_shared_passages
from .quote_variants import match_quotes
from .quotes import count_speakers, find_quotes
from .signs import warning_signs
from .story import find_story, headline

POINTS = {"check": 2, "note": 1}  # a sign's weight when ranking articles by their warning signs
MAX_TERMS = 6  # framing words a class can discuss
MAX_SHOWN = 8  # articles listed with their signs
MAX_OUTLETS = 8  # outlets drawn in a chart of framing words
_WORD = re.compile(r"[\w’']+")


class Lesson(dict):
    """Findings for the classroom exercises (a dict of plain values: ``corpus``, ``story``, ``quote``,
    ``speakers``, ``framing``, ``verbs``, ``passages``, ``signs``), ``reasons`` (how each was chosen)
    and the tables behind them as attributes: ``story`` (articles), ``quotes``, ``matched``,
    ``framing`` and ``verbs`` (rows of :func:`framing_terms` for the words that differ),
    ``verb_evidence`` (their sentences), ``signs`` (with a ``title`` column) and ``suspect`` (the
    article with the most signs). :meth:`prompt`, :meth:`options`, :meth:`question` and
    :meth:`answer` give the text of question ``"1.2"`` (exercise 1, question 2).
    """

    def __init__(self, findings: dict, reasons: dict, tables: dict):
        super().__init__(findings)
        self.reasons = dict(reasons)
        for name in ("story", "quotes", "matched", "framing", "verbs", "verb_evidence", "signs", "suspect"):
            setattr(self, name, tables.get(name, pd.DataFrame()))

    def prompt(self, key: str) -> str:
        """The short question of ``key`` for :func:`predict_then_reveal` (plain text)."""
        return fill_question(self, key)["prompt"]

    def options(self, key: str):
        """The choices offered for ``key`` (a list), or None for a free answer."""
        return fill_question(self, key)["options"]

    def question(self, key: str) -> str:
        """The question ``key`` as Markdown, written from a template with this corpus's findings."""
        return fill_question(self, key)["question"]

    def answer(self, key: str) -> str:
        """The tool's view of question ``key`` as Markdown, for the teacher's answer key."""
        return fill_question(self, key)["answer"]

    def __str__(self) -> str:
        lines = ["Lesson (the tool's view: check it before class):"]
        lines += [f"  {name}: {why}" for name, why in self.reasons.items()]
        return "\n".join(lines)


def _date(value) -> str:
    return "" if value is None or pd.isna(value) else str(pd.Timestamp(value).date())


def _article(row) -> dict:
    return {"doc_id": str(row["doc_id"]), "title": headline(row), "outlet": str(row.get("outlet", "")),
            "date": _date(row.get("date"))}


def _story_findings(story: pd.DataFrame) -> dict:
    titles = {str(r["doc_id"]): headline(r) for r in story.to_dict("records")}
    links, seen = [], set()
    for link in story.attrs.get("story", {}).get("links", []):
        shares = [f"{link['quotes']} quote(s)" if link["quotes"] else "",
                  f"{link['passages']} passage(s) of {link['passage_words']} words" if link["passages"] else "",
                  f"vocabulary {link['similarity']:.0%} alike" if link["similarity"] else ""]
        links.append({"a": titles[link["doc_id_a"]], "b": titles[link["doc_id_b"]],
                      "shares": ", ".join(s for s in shares if s)})
        seen |= {link["doc_id_a"], link["doc_id_b"]} if link["quotes"] or link["passages"] else set()
    dates = sorted(d for d in (_date(v) for v in story.get("date", pd.Series(dtype=object))) if d)
    return {"doc_ids": story["doc_id"].astype(str).tolist(), "how": story.attrs.get("story", {}).get("how", ""),
            "articles": [_article(r) for r in story.to_dict("records")], "links": links,
            "unlinked": [t for d, t in titles.items() if d not in seen],
            "dates": f"{dates[0]} to {dates[-1]}" if dates and dates[0] != dates[-1] else (dates or ["undated"])[0],
            "n_outlets": int(story["outlet"].nunique()) if "outlet" in story.columns else 1}


def _groups(matched: pd.DataFrame, titles: dict) -> list[dict]:
    """One record per group of matched quotes, with the words each version cut or changed."""
    out = []
    for gid, g in matched.groupby("group_id", sort=True):
        ref = g[g["quote_id"] == g["reference"].iat[0]].iloc[0]
        versions = [{"doc_id": str(r["doc_id"]), "outlet": str(r["outlet"]), "title": titles.get(str(r["doc_id"]), ""),
                     "quote": str(r["quote"]), "summary": r["diff_summary"]} for _, r in g.iterrows()]
        cut = sum(len(d["words"]) for diff in g["diff"] for d in diff if d["op"] != "equal")
        out.append({"group_id": int(gid), "speaker": str(ref["speaker"]) if pd.notna(ref["speaker"]) else "",
                    "reference": str(ref["quote"]), "n_articles": int(g["doc_id"].nunique()),
                    "n_outlets": int(g["outlet"].nunique()), "words_cut": int(cut), "versions": versions})
    return out


def _phrase(group: dict, others: list[str]) -> str:
    """A few words every version of the quote holds and no other quote does (for ``containing=``)."""
    ref = group["reference"]
    spans = list(_WORD.finditer(ref))
    texts = [v["quote"].lower() for v in group["versions"]]
    for size in (6, 5, 4, 3):
        for i in range(len(spans) - size + 1):
            sub = ref[spans[i].start(): spans[i + size - 1].end()]
            if all(sub.lower() in t for t in texts) and not any(sub.lower() in o.lower() for o in others):
                return sub
    return ref[: spans[min(3, len(spans) - 1)].end()] if spans else ref


def _choose_quote(matched, titles, pin, cut_first: bool) -> tuple[dict, str]:
    groups = _groups(matched, titles)
    if not groups:
        return {"phrase": None}, "no quote is printed by two of the stories"
    key = (lambda g: (g["words_cut"] > 0, g["n_outlets"], g["words_cut"], g["n_articles"])) if cut_first else \
        (lambda g: (g["n_outlets"], g["n_articles"], g["words_cut"]))
    ranked = sorted(groups, key=lambda g: (key(g), -g["group_id"]), reverse=True)
    rule = "the one cut most" if cut_first else "the one most outlets print"
    chosen, why = ranked[0], f"{rule} of {len(groups)} quote(s) printed by two or more stories"
    if pin:
        hit = [g for g in ranked if any(str(pin).lower() in v["quote"].lower() for v in g["versions"])]
        chosen, why = (hit[0], f"the quote containing {pin!r} (given)") if hit else \
            (chosen, f"no shared quote contains {pin!r}: {why}")
    others = [v["quote"] for g in groups if g is not chosen for v in g["versions"]]
    return {**chosen, "phrase": str(pin) if pin and "given" in why else _phrase(chosen, others)}, why


def _few(names: list, most: int = 6) -> list:
    return names if len(names) <= most else [*names[:most - 1], f"{len(names) - most + 1} more"]


def _differing(table: pd.DataFrame, lexicon: pd.DataFrame) -> tuple[list[dict], pd.DataFrame]:
    """The lexicon's words that some outlets use and others do not (marked words first), and their rows."""
    if table.empty or table["outlet"].nunique() < 2:
        return [], table.head(0)
    notes = lexicon.drop_duplicates(["group", "term"]).set_index(["group", "term"])
    rank = {key: i for i, key in enumerate(notes.index)}  # ties: the lexicon's order ("claimed" before "admitted")
    found = []
    for (cat, grp, term), rows in table.groupby(["category", "group", "term"], sort=False):
        users = rows[rows["n"] > 0]
        if users.empty or set(users["outlet"]) == set(table["outlet"]):
            continue  # used by every outlet, or by none
        base = notes["variant_of"].get((grp, term), "") if "variant_of" in notes else ""
        base = "" if pd.isna(base) else str(base)
        marked = bool(base) or cat in ("hedge", "loaded_term")
        if cat == "reporting_verb" and not base:
            continue  # a neutral verb ("said") differs only by how often it is used
        # The usual word, when the outlets that do not write this one write it ("Kyiv" where another writes "Kiev").
        others = table[(table["term"] == base) & (table["n"] > 0) & ~table["outlet"].isin(users["outlet"])]
        base = base if len(others) else ""
        found.append({"term": term, "category": cat, "group": grp, "alternative": base,
                      "note": str(notes["note"].get((grp, term), "")) if "note" in notes else "",
                      "users": _few([f"{o} ({n})" for o, n in zip(users["outlet"], users["n"])]),
                      "non_users": _few(sorted(set(table["outlet"]) - set(users["outlet"]))),
                      "n": int(users["n"].sum()),
                      "_key": (marked and bool(base), marked, int(users["n"].sum()), -rank.get((grp, term), 0))})
    found.sort(key=lambda f: f["_key"], reverse=True)
    # The strongest word of each kind first (a spelling, a loaded word, a verb, a hedge), then the others.
    firsts = list({f["category"]: f for f in reversed(found)}.values())[::-1]
    firsts.sort(key=lambda f: f["_key"], reverse=True)
    found = (firsts + [f for f in found if f not in firsts])[:MAX_TERMS]
    found = [{k: v for k, v in f.items() if k != "_key"} for f in found]
    # Alternatives drawn next to a spelling or a loaded word (Kiev and Kyiv), not next to a verb or a hedge ("said").
    terms = {f["term"] for f in found} | {f["alternative"] for f in found if f["alternative"] and f["category"] not in (
        "reporting_verb", "hedge")}
    rows = table[table["term"].isin(terms) & table["group"].isin({f["group"] for f in found})]
    # A chart for a class: the outlets that use these words most, at most eight.
    top = rows.groupby("outlet")["n"].sum().sort_values(ascending=False, kind="stable").index[:MAX_OUTLETS]
    return found, rows[rows["outlet"].isin(top)]


def _framing(story, articles, lexicon, category) -> tuple[list[dict], pd.DataFrame, str]:
    """Words that differ between the story's outlets (else the corpus's), and where they were found."""
    lex = lexicon if isinstance(lexicon, pd.DataFrame) else framing_lexicon(lexicon)
    lex = lex if category is None else lex[lex["category"] == category]
    for scope, arts in (("these stories", story), ("the whole corpus", articles)):
        if "outlet" not in arts.columns or arts["outlet"].nunique() < 2:
            continue
        found, rows = _differing(framing_terms(arts, lexicon=lex, scare_quotes=False), lex)
        if found:
            return found, rows, f"{len(found)} word(s) of the framing lexicon differ between the outlets of {scope}"
    outlets = story["outlet"].nunique() if "outlet" in story.columns else 1
    why = "all these stories come from one outlet: there is no other outlet to compare with" if outlets < 2 else \
        "no word of the framing lexicon is used by some outlets and not by others"
    return [], pd.DataFrame(columns=["outlet", "category", "group", "term", "n", "share_in_group"]), why


def _passages(story: pd.DataFrame, titles: dict) -> list[dict]:
    found = find_shared_passages(story, cache=False) if len(story) > 1 else pd.DataFrame()
    out = []
    for _, g in list(found.groupby("passage_id", sort=False))[:3] if len(found) else []:
        out.append({"passage": shorten(g["passage"].iat[0], 240), "n_words": int(g["n_words"].iat[0]),
                    "stories": [f"{titles.get(str(d), d)} ({o})" for d, o in zip(g["doc_id"], g["outlet"])]})
    return out


def _signs(articles: pd.DataFrame, suspect) -> tuple[dict, dict, str]:
    """Warning signs per article, the article with the most (or ``suspect``), and the tables."""
    signs = warning_signs(add_shared_share(articles))
    titles = {str(r["doc_id"]): headline(r) for r in articles.to_dict("records")}
    signs.insert(2, "title", signs["doc_id"].astype(str).map(titles))
    score = signs.assign(p=signs["severity"].map(POINTS).fillna(1)).groupby("doc_id", sort=False)["p"].sum()
    order = {d: i for i, d in enumerate(articles["doc_id"].astype(str))}
    ranked = sorted(score.index, key=lambda d: (-score[d], order.get(str(d), 0)))
    signs = signs.assign(_r=signs["doc_id"].map({d: i for i, d in enumerate(ranked)})).sort_values(
        "_r", kind="stable").drop(columns="_r").reset_index(drop=True)
    hidden = {r["doc_id"]: r["hidden"] for r in articles.attrs.get("hidden_outlets", {}).get("doc_ids", ())}
    pick = hidden.get(str(suspect), str(suspect)) if suspect is not None else None
    if pick is not None and pick in order:
        why = f"the article {pick} (given)"
    else:
        why = (f"{pick!r} is not a doc_id of the corpus: " if pick is not None else "") + (
            f"the article with the most warning signs ({int(score[ranked[0]])} points: 2 per sign to check, 1 per "
            "note)" if ranked else "no article shows a warning sign: the first article")
        pick = ranked[0] if ranked else (articles["doc_id"].astype(str).iat[0] if len(articles) else None)
    own = signs[signs["doc_id"].astype(str) == pick]
    top = [{"title": titles[d], "outlet": str(signs.loc[signs["doc_id"] == d, "outlet"].iat[0]),
            "signs": signs.loc[signs["doc_id"] == d, "label"].tolist()} for d in ranked[:MAX_SHOWN]]
    numbers = signs[signs["sign"] == "numbers_disagree"]
    numbers = pd.concat([numbers[numbers["doc_id"] == pick], numbers[numbers["doc_id"] != pick]])
    found = {"suspect": {**(_article(articles[articles["doc_id"].astype(str) == pick].iloc[0]) if pick else {}),
                         "signs": own[["label", "evidence", "explanation"]].to_dict("records")},
             "top": top, "n_articles": len(ranked), "n_total": len(articles),
             "numbers": numbers[["title", "evidence"]].head(3).to_dict("records")}
    return found, {"signs": signs, "suspect": articles[articles["doc_id"].astype(str) == pick]}, why


def plan_lesson(articles: pd.DataFrame, *, exercise=None, story=None, quote=None, suspect=None,
                lexicon=None) -> Lesson:
    """What the classroom exercises need, found in ``articles`` (see :class:`Lesson`).

    ``exercise``: 1, 2 or 3 (None: all). Exercises 1 and 2 read one story (:func:`find_story`; ``story``:
    None, a keyword, a date or doc_ids); exercise 1 asks about the quote most outlets print, exercise 2
    about the quote cut most (``quote``: words of the quote to use instead, e.g. ``"absolutely certain"``);
    framing words (exercise 1) and reporting verbs (exercise 2) are those of the framing lexicon
    (``lexicon``) that some outlets use and others do not, in the story, else in the whole corpus.
    Exercise 3 takes the article with the most warning signs (``suspect``: a doc_id instead).
    Pass the table the students see (after :func:`hide_outlets`), so the findings name what they read.
    """
    require_columns(articles, ["doc_id", "text"], what="articles table")
    wanted = {1, 2, 3} if exercise is None else {int(exercise)}
    corpus = {"articles": len(articles), "outlets": int(articles["outlet"].nunique()) if "outlet" in articles else 1}
    findings, reasons, tables = {"corpus": corpus}, {}, {}
    if wanted & {1, 2}:
        st = find_story(articles, story=story)
        findings["story"] = _story_findings(st)
        reasons["story"] = findings["story"]["how"]
        titles = {str(r["doc_id"]): headline(r) for r in st.to_dict("records")}
        quotes = find_quotes(st)
        matched = match_quotes(quotes)
        findings["quote"], reasons["quote"] = _choose_quote(matched, titles, quote, cut_first=wanted == {2})
        findings["quote"]["n_quotes"] = len(quotes)
        speakers = count_speakers(quotes, by=None)
        findings["speakers"] = speakers.head(6)[["speaker", "n_quotes", "n_articles"]].to_dict("records")
        findings["unquoted"] = [t for d, t in titles.items() if d not in set(quotes["doc_id"].astype(str))]
        tables.update(story=st, quotes=quotes, matched=matched)
        for name, category in (("framing", None), ("verbs", "reporting_verb")):
            if (name == "framing" and 1 in wanted) or (name == "verbs" and 2 in wanted):
                findings[name], tables[name], reasons[name] = _framing(st, articles, lexicon, category)
        if 1 in wanted:
            findings["passages"] = _passages(st, titles)
        if 2 in wanted:
            terms = [t["term"] for t in findings["verbs"]]
            scope = st if set(tables["verbs"]["outlet"]) <= set(st.get("outlet", [])) else articles
            tables["verb_evidence"] = find_framing_evidence(scope, term=terms, lexicon=lexicon) if terms else \
                find_framing_evidence(st.head(0), term="said")
    if 3 in wanted:
        findings["signs"], more, reasons["suspect"] = _signs(articles, suspect)
        tables.update(more)
    return Lesson(findings, reasons, tables)
