"""The notebooks' parameters chosen from the corpus itself, each choice with its reason.

A notebook's parameters cell leaves a parameter at ``None`` to have it chosen here from the
articles (the time step from the span of the dates, the outlet to compare from the outlets
present, the words to look at from the corpus's own distinctive words and framing words), so
that a notebook run on any corpus looks at something that is in it. A value given in the
parameters cell (or with ``corpus-tools report --param``) is kept.

>>> import corpus_tools as ct
>>> choice = ct.choose_parameters(ct.load_sample(), FREQ=None, TARGET=None, KEYWORD=None, TERM="Putin")
>>> choice["FREQ"], choice["TARGET"], choice["KEYWORD"], choice["TERM"]
('W', 'TASS', 'Kyiv|Kiev', 'Putin')
>>> print(choice.reasons["TARGET"])
the outlet with the most articles (1), then the most words (596), of 4 outlet(s)

It is in ``media/`` because the framing words come from the framing lexicon (``framing.py``).
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd

from ..analysis.keyness import keyness
from ..analysis.outlets import MAX_OUTLETS, OTHER, UNKNOWN, group_outlets
from ..analysis.terms import count_terms
from ..analysis.timeline import as_dates, freq_code
from ..data import read_rows, read_words
from ..text.stopwords import stopwords
from ..text.tokens import as_strings
from .framing import framing_lexicon, framing_terms

MAX_PERIODS = 70      # a timeline of a few dozen periods, not hundreds
SAMPLE_PER_OUTLET = 1000  # articles of each outlet read to choose words (evenly spaced rows)
N_WORDS = 4           # words chosen for WORDS and TERMS

# Every parameter choose_parameters knows: what it is, and the rule used when it is left at None.
PARAMETERS = {
    "FREQ": "time step of the timelines: the finest of day, week, month, year giving at most "
            f"{MAX_PERIODS} periods between the first and the last date",
    "OUTLETS": f"outlets compared (the others grouped as '{OTHER}', see group_outlets): all of them when there "
               f"are at most {MAX_OUTLETS}, else the {MAX_OUTLETS} with the most articles",
    "TARGET": "outlet compared with all the others (keyness): the one with the most articles, then the most words "
              f"(not '{UNKNOWN}' or '{OTHER}')",
    "KEYWORD": "keyword-in-context search (a regular expression): the spellings outlets choose between "
               "(Kyiv|Kiev) when the corpus has more than one, else the word that sets TARGET apart most",
    "WORDS": f"words compared across outlets ({N_WORDS}): the framing word of FRAMING_TERM and its neutral "
             "alternative, then the word that sets each of the largest outlets apart",
    "TERMS": "words followed over time: chosen as WORDS",
    "TERM": "sentiment toward a name: the capitalised word (not a stop word, month, title or outlet) "
            "found in the most articles",
    "FRAMING_TERM": "framing word whose evidence is shown: the word of the framing lexicon (marked: a variant "
                    "of a neutral word, or a hedge) whose use differs most between outlets, then the most used",
    "EXTRA_STOPWORDS": "words left out of word counts besides the stop words (default: said, also)",
    "N_TERMS": "how many words each chart shows (default: 15)",
    "N_TOPICS": "how many topics to look for (notebook 06): 5 unless given",
    "SEED": "seed of the topics, the word network and the article map: 0 unless given (same seed, same result)",
    "MAP_METHOD": "how the article map is drawn: 'svd' (any size) unless given; 'tsne' up to 20,000 articles",
    "MAX_SIMILARITY": "how many articles the vocabulary-similarity table compares (the first ones): 30 unless given",
}
DEFAULTS = {"EXTRA_STOPWORDS": ["said", "also"], "N_TERMS": 15, "N_TOPICS": 5, "SEED": 0, "MAP_METHOD": "svd",
            "MAX_SIMILARITY": 30}
LIST_PARAMETERS = {"OUTLETS", "WORDS", "TERMS", "EXTRA_STOPWORDS"}
_MONTHS_DAYS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# A run of capitalised words ("NATO Secretary General Jens Stoltenberg"): its last word is the name.
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+)*(?![\w-])")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\"“”‘’(\[]\s*|\n\s*)$")


class Parameters(dict):
    """Chosen parameter values (``name -> value``, a dict) with ``reasons`` (``name -> why``).

    ``print(choice)`` lists them one a line; :meth:`table` gives them as a table.
    """

    def __init__(self, values: dict, reasons: dict):
        super().__init__(values)
        self.reasons = dict(reasons)

    def table(self) -> pd.DataFrame:
        """One row per parameter: ``name, value, reason``."""
        return pd.DataFrame({"name": list(self), "value": [repr(v) for v in self.values()],
                             "reason": [self.reasons.get(k, "") for k in self]})

    def __str__(self) -> str:
        lines = ["Parameters (None in the parameters cell: chosen from the corpus; set one there to override):"]
        lines += [f"  {name} = {value!r}\n      {self.reasons.get(name, '')}" for name, value in self.items()]
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The rules


def _periods(dates: pd.DatetimeIndex, code: str) -> int:
    first, last = dates.min(), dates.max()
    if code == "D":
        return (last.normalize() - first.normalize()).days + 1
    if code == "W":
        monday = first.normalize() - pd.Timedelta(days=first.weekday())
        return (last.normalize() - monday).days // 7 + 1
    if code == "M":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return last.year - first.year + 1


def _choose_freq(articles) -> tuple[str, str]:
    dates = as_dates(articles["date"], name="date").dropna() if "date" in articles else pd.DatetimeIndex([])
    if not len(dates):
        return "D", "no article has a date: timelines show only the undated row"
    counts = {code: _periods(dates, code) for code in ("D", "W", "M", "Y")}
    code = next((c for c in ("D", "W", "M") if counts[c] <= MAX_PERIODS), "Y")
    names = {"D": "daily", "W": "weekly", "M": "monthly", "Y": "yearly"}
    span = f"{dates.min().date()} to {dates.max().date()}"
    finer = {"W": "D", "M": "W", "Y": "M"}.get(code)
    instead = f"; {names[finer]} would give {counts[finer]:,}" if finer else ""
    return code, f"{names[code]}: the dates run from {span}, {counts[code]:,} period(s){instead}"


def _outlet_sizes(articles) -> pd.DataFrame:
    outlet = articles["outlet"].fillna("unknown") if "outlet" in articles else pd.Series("unknown", articles.index)
    words = articles["n_words"] if "n_words" in articles else pd.Series(0, index=articles.index)
    sizes = pd.DataFrame({"outlet": outlet, "words": words}).groupby("outlet").agg(
        articles=("words", "size"), words=("words", "sum")).reset_index()
    return sizes.sort_values(["articles", "words", "outlet"], ascending=[False, False, True], ignore_index=True)


def _as_list(value) -> list:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value)


def _choose_outlets(sizes, given) -> tuple[list, str]:
    names = sizes["outlet"].tolist()
    if given is not None:
        wanted = _as_list(given)
        lookup = {str(n).casefold(): n for n in names}
        kept = [lookup[str(w).casefold()] for w in wanted if str(w).casefold() in lookup]
        missing = [w for w in wanted if str(w).casefold() not in lookup]
        if kept:
            return kept, "given" + (f"; not in this corpus: {', '.join(map(str, missing))}" if missing else "")
        reason = f"none of {', '.join(map(str, wanted))} is an outlet of this corpus; instead: "
    else:
        reason = ""
    named = sizes[~sizes["outlet"].isin([UNKNOWN, OTHER])]
    if len(named) <= MAX_OUTLETS:
        unnamed = f" (and '{UNKNOWN}', never grouped)" if UNKNOWN in names else ""
        return named["outlet"].tolist(), reason + (f"all {len(named)} outlet(s){unnamed}" if len(named) else
                                                   "no outlet is named: nothing to compare")
    top, rest = named.head(MAX_OUTLETS), named.iloc[MAX_OUTLETS:]
    share = rest["articles"].sum() / max(sizes["articles"].sum(), 1)
    return top["outlet"].tolist(), reason + (
        f"the {MAX_OUTLETS} outlets with the most articles, of {len(named):,}; the other {len(rest):,} "
        f"({rest['articles'].sum():,} articles, {share:.0%}) are grouped as '{OTHER}'")


def _choose_target(sizes, given) -> tuple[str | None, str]:
    names = sizes["outlet"].tolist()
    if not names:
        return None, "no outlets: nothing to compare"
    reason = ""
    if given is not None:
        match = [n for n in names if str(n).casefold() == str(given).casefold()]
        if match:
            return match[0], "given"
        reason = f"{given!r} is not one of the outlets compared ({', '.join(map(str, names[:6]))}"
        reason += ", ...); instead: " if len(names) > 6 else "); instead: "
    named = ~sizes["outlet"].isin([UNKNOWN, OTHER])
    known = sizes[named] if named.any() else sizes
    row = known.iloc[0]
    return row["outlet"], reason + (f"the outlet with the most articles ({row['articles']:,}), then the most words "
                                    f"({row['words']:,}), of {len(names)} outlet(s)")


def _reading_sample(articles) -> pd.DataFrame:
    """At most SAMPLE_PER_OUTLET articles of each outlet, evenly spaced: enough to choose words quickly."""
    if len(articles) <= SAMPLE_PER_OUTLET:
        return articles
    outlet = articles["outlet"].fillna("unknown").to_numpy() if "outlet" in articles else np.zeros(len(articles))
    rows = []
    for value in pd.unique(outlet):
        where = np.flatnonzero(outlet == value)
        rows.append(where[np.linspace(0, len(where) - 1, min(len(where), SAMPLE_PER_OUTLET)).astype(int)])
    return articles.iloc[np.sort(np.concatenate(rows))]


def _outlet_words(outlets) -> set:
    """The words of the outlets' names ("tass", "daily", "ledger"): a name in its own datelines says nothing."""
    return {w.casefold() for o in outlets for w in re.findall(r"\w+", str(o))}


def _usable(term: str, banned: set) -> bool:
    return any(ch.isalpha() for ch in term) and len(term) > 2 and term not in banned


def _distinctive(counts, outlets: list, banned: set) -> list[tuple[str, str]]:
    """``(word, why)``: the word that sets each of ``outlets`` apart most (keyness); with one outlet,
    its most frequent words."""
    if counts.empty:
        return []
    usable = counts["term"].map(lambda t: _usable(t, banned))
    if counts["outlet"].nunique() < 2:
        return [(t, "frequent") for t in counts[usable].nlargest(N_WORDS, "n")["term"]]
    found = []
    for outlet in outlets:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            key = keyness(counts[usable], by="outlet", target=outlet)
        key = key[(key["g2"] > 0) & (key["n_target"] >= 2)]
        if len(key):
            found.append((key.sort_values(["low_expected", "g2"], ascending=[True, False])["term"].iloc[0], outlet))
    return found


def _framing_table(sample, lexicon) -> pd.DataFrame:
    """One row per lexicon term used in ``sample``: category, group, term, variant_of, n, spread (the range of its
    share among its alternatives across outlets), marked, contrast; the most telling first."""
    lex = framing_lexicon(lexicon) if not isinstance(lexicon, pd.DataFrame) else lexicon
    table = framing_terms(sample, lexicon=lex, scare_quotes=False) if len(sample) else pd.DataFrame()
    if table.empty:
        return pd.DataFrame(columns=["category", "group", "term", "variant_of", "pattern", "n", "spread", "marked",
                                     "contrast"])
    keys = ["category", "group", "term"]
    per_term = table.groupby(keys, sort=False).agg(
        n=("n", "sum"), spread=("share_in_group", lambda s: float(s.max() - s.min()) if s.notna().any() else 0.0))
    per_term = per_term.reset_index().merge(lex[[*keys, "variant_of", "pattern"]], on=keys, how="left")
    per_term[["variant_of", "pattern"]] = per_term[["variant_of", "pattern"]].fillna("")
    per_term["marked"] = (per_term["variant_of"] != "") | (per_term["category"] == "hedge")
    per_term = per_term[per_term["n"] > 0]
    # A contrast needs a choice: at least two alternatives of the group used in the corpus.
    per_term["contrast"] = per_term.groupby(["category", "group"])["term"].transform("size") >= 2
    per_term["spread"] = per_term["spread"].round(1)
    return per_term.sort_values(["contrast", "spread", "n", "term"], ascending=[False, False, False, True],
                                ignore_index=True)


def _choose_framing_term(framing, n_outlets: int) -> tuple[str | None, str]:
    if framing.empty:
        return None, "no word of the framing lexicon occurs in this corpus"
    marked = framing[framing["marked"]]
    if len(marked):
        row = marked.iloc[0]
        if n_outlets < 2:
            return row["term"], (f"the most used marked framing word ({row['category']}, {row['n']:,} time(s)); "
                                 "one outlet: nothing to compare it with")
        if row["contrast"] and row["spread"] > 0:
            return row["term"], (f"the marked framing word ({row['category']}) whose share among its alternatives "
                                 f"differs most between outlets (by {row['spread']:.0%}), used {row['n']:,} time(s)")
        if row["contrast"]:
            return row["term"], (f"the most used marked framing word ({row['category']}, {row['n']:,} time(s)) "
                                 "with an alternative in the corpus; outlets choose it about equally often")
        return row["term"], (f"the most used marked framing word ({row['category']}, {row['n']:,} time(s)); "
                             "no outlet uses an alternative to it")
    row = framing.sort_values(["n", "term"], ascending=[False, True]).iloc[0]
    return row["term"], f"no marked framing word occurs: the most used word of the lexicon ({row['n']:,} times)"


def _choose_keyword(framing, distinctive: list, target) -> tuple[str | None, str]:
    spelling = framing[framing["category"] == "spelling"]
    groups = spelling.groupby("group", sort=False)["term"].apply(list)
    groups = groups[groups.map(len) >= 2]
    if len(groups):
        marked = set(spelling.loc[spelling["variant_of"] != "", "term"])
        terms = sorted(groups.iloc[0], key=lambda t: t in marked)  # the most contrasted group, neutral first
        # A term's own pattern where the lexicon gives one: its other forms (Russian "Киеве", "Киева").
        patterns = dict(zip(spelling["term"], spelling["pattern"])) if "pattern" in spelling else {}
        forms = "; with their other forms" if any(patterns.get(t) for t in terms) else ""
        return "|".join(patterns.get(t) or re.escape(t) for t in terms), \
            f"spellings outlets choose between, all in this corpus ({', '.join(terms)}{forms})"
    if not distinctive:  # an empty pattern finds nothing in a corpus without words
        return "", "no word to search for: the corpus has no words"
    word, why = next((d for d in distinctive if d[1] == target), distinctive[0])
    if why == "frequent":
        return re.escape(word), "the most frequent word (one outlet: nothing to set apart)"
    return re.escape(word), f"the word that sets {why} apart most (keyness)"


def _choose_words(framing, framing_term, distinctive: list, banned: set) -> tuple[list, str]:
    words, sources = [], []
    row = framing[framing["term"].str.casefold() == str(framing_term).casefold()] if framing_term else framing[:0]
    if len(row):
        pair = [row["term"].iloc[0], row["variant_of"].iloc[0]]
        pair = [t.lower() for t in pair if t and " " not in t and t in set(framing["term"])]
        pair = [t for t in pair if t not in banned]  # counted without stop words: "said" would never show
        words += pair
        if pair:
            sources.append(f"{' and '.join(pair)} (framing)")
    for word, why in distinctive:
        if len(words) < N_WORDS and word not in words:
            words.append(word)
            sources.append(f"{word} ({why})")
    if not words:
        return [], "no words to compare: the corpus has no words"
    return words, "; ".join(sources)


def _choose_name(sample, outlets: list) -> tuple[str | None, str]:
    banned = (set(stopwords()["word"]) | _MONTHS_DAYS | read_words("roles.txt") | _outlet_words(outlets)
              | {r["word"] for r in read_rows("first_names.csv")})
    docs: dict[str, int] = {}
    uses: dict[str, int] = {}
    for text in sample["text"].fillna("").astype(str):
        seen = set()
        for m in _CAPITALISED.finditer(text):
            words = re.split(r"[ -]", m.group(0))
            word = words[-1]
            at_start = _SENTENCE_START.search(text[max(0, m.start() - 3):m.start()])
            if word.casefold() in banned or len(word) < 3 or (at_start and len(words) == 1):
                continue
            seen.add(word)
            uses[word] = uses.get(word, 0) + 1
        for word in seen:
            docs[word] = docs.get(word, 0) + 1
    if not docs:
        return None, "no capitalised word inside a sentence: no name to follow"
    word = min(docs, key=lambda w: (-docs[w], -uses[w], w))
    return word, f"the name (capitalised word) in the most articles: {docs[word]:,} of the {len(sample):,} read"


def _word_choices(compared, sizes, target, extra_stopwords, lexicon, framing_term) -> dict:
    """(value, reason) of FRAMING_TERM, KEYWORD, WORDS and TERMS, read from a sample of ``compared``."""
    sample = _reading_sample(compared)
    outlets = sizes["outlet"].tolist()
    largest = [o for o in outlets if o not in (UNKNOWN, OTHER)] or outlets
    largest = ([target] if target in largest else []) + [o for o in largest if o != target]
    stop = stopwords(extra=extra_stopwords)
    banned = set(stop["word"]) | _outlet_words(outlets)
    framing = _framing_table(sample, lexicon)
    # Each article loses its own language's stop words, as in notebook 02 (counted without tokens: quicker).
    auto = "language" in sample.columns
    counts = count_terms(sample.assign(outlet=as_strings(sample["outlet"])), by="outlet",
                         stopwords="auto" if auto else stop, extra=extra_stopwords if auto else ())
    distinctive = _distinctive(counts, largest[:N_WORDS], banned)
    chosen = {"FRAMING_TERM": _choose_framing_term(framing, len(outlets))}
    chosen["KEYWORD"] = _choose_keyword(framing, distinctive, target)
    framing_term = chosen["FRAMING_TERM"][0] if framing_term is None else framing_term
    chosen["WORDS"] = chosen["TERMS"] = _choose_words(framing, framing_term, distinctive, banned)
    return chosen


def choose_parameters(articles: pd.DataFrame, *, lexicon=None, **given) -> Parameters:
    """Every parameter named in ``given`` (all of :data:`PARAMETERS` when none is), chosen for ``articles``.

    ``given``: ``NAME=value`` as in a notebook's parameters cell. ``None`` (or ``"auto"``) means
    "choose from the corpus" by the rule in :data:`PARAMETERS`; any other value is kept (an
    outlet name is matched without regard to case; a comma-separated string is split for the
    list parameters ``OUTLETS``, ``WORDS``, ``TERMS``, ``EXTRA_STOPWORDS``). A given ``TARGET``
    or ``OUTLETS`` that names no outlet of the corpus is replaced by the rule's choice, and the
    reason says so. ``OUTLETS`` is a list of outlets to keep apart, the others being grouped as
    "other" (:func:`group_outlets`), as the notebooks do right after choosing.
    ``lexicon``: the framing lexicon (a path or a table; default: the shipped one).

    Returns a :class:`Parameters` dict (``name -> value``) whose ``reasons`` say why each value
    was chosen ("given" for those kept). Words are read from at most ``SAMPLE_PER_OUTLET``
    articles of each outlet, so choosing stays quick on any corpus; the same articles always
    give the same choice.

    >>> arts = pd.DataFrame({"outlet": ["AP", "TASS", "TASS"], "text": ["Aid to Kyiv.", "Kiev said no.", "Rain."],
    ...                      "date": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-03-01"])})
    >>> choice = choose_parameters(arts, FREQ=None, TARGET=None, N_TOPICS=3)
    >>> dict(choice), choice.reasons["FREQ"]
    ({'FREQ': 'D', 'TARGET': 'TASS', 'N_TOPICS': 3}, 'daily: the dates run from 2024-01-01 to 2024-03-01, 61 period(s)')
    """
    unknown = sorted(set(given) - set(PARAMETERS))
    if unknown:
        raise TypeError(f"choose_parameters knows no parameter {', '.join(unknown)}; it knows {', '.join(PARAMETERS)}")
    wanted = list(given) or list(PARAMETERS)
    given = {k: None if isinstance(v, str) and v.strip().lower() in ("auto", "") else v for k, v in given.items()}
    given = {k: _as_list(v) if k in LIST_PARAMETERS and v is not None else v for k, v in given.items()}
    if given.get("FREQ") is not None:
        freq_code(given["FREQ"])  # a clear error for a time step the timelines do not know
    chosen = {k: (v, "given") for k, v in given.items() if v is not None and k not in ("OUTLETS", "TARGET")}
    for name, default in DEFAULTS.items():
        chosen.setdefault(name, (list(default) if isinstance(default, list) else default, "default"))
    if "FREQ" not in chosen:
        chosen["FREQ"] = _choose_freq(articles)
    chosen["OUTLETS"] = _choose_outlets(_outlet_sizes(articles), given.get("OUTLETS"))
    compared = group_outlets(articles, keep=chosen["OUTLETS"][0]) if "outlet" in articles else articles
    sizes = _outlet_sizes(compared)
    chosen["TARGET"] = _choose_target(sizes, given.get("TARGET"))
    if {"FRAMING_TERM", "KEYWORD", "WORDS", "TERMS"} & set(wanted) - set(chosen):
        words = _word_choices(compared, sizes, chosen["TARGET"][0], chosen["EXTRA_STOPWORDS"][0], lexicon,
                              given.get("FRAMING_TERM"))
        for name, value in words.items():
            chosen.setdefault(name, value)
    if "TERM" in wanted and "TERM" not in chosen:
        chosen["TERM"] = _choose_name(_reading_sample(compared), sizes["outlet"].tolist())
    return Parameters({n: chosen[n][0] for n in wanted}, {n: chosen[n][1] for n in wanted})
