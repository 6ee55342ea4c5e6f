"""Blind reading: articles with the outlet hidden everywhere a student can see it, for classroom exercises.

>>> import warnings
>>> from corpus_tools import load_sample
>>> with warnings.catch_warnings(record=True):  # "AFP" (an agency credit) stays in two texts
...     hidden = hide_outlets(load_sample())
>>> hidden["outlet"].tolist()
['Outlet B', 'Outlet D', 'Outlet E', 'Outlet C', 'Outlet A']
>>> hidden["doc_id"].iat[3], [r["text"] for r in hidden["removed_lines"].iat[3] if r["reason"] == "dateline"]
('Outlet C – 1', ['BRUSSELS, November 27. /Outlet C/.'])
>>> [(r["outlet"], r["label"]) for r in hidden.attrs["hidden_outlets"]["outlets"]][:2]
[('AP', 'Outlet A'), ('Kontur', 'Outlet B')]
"""

from __future__ import annotations

import re
import warnings

import pandas as pd

from ..core.validation import require_columns
from ..data import read_words
from ..io.outlets import bare_domain

HIDDEN = "hidden"
# Words after a brand in an outlet's name ("Fox News" is also "Fox"): corpus_tools/data/outlet_suffixes.txt.
SUFFIXES = {w.casefold() for w in read_words("outlet_suffixes.txt")}
# Columns holding web addresses or file names: names there become "outlet-a", not "Outlet A".
_ADDRESS = re.compile(r"url|link|path|file", re.IGNORECASE)
# Free text where old doc_ids cannot occur (and which is long: not worth a look-up per word).
_PROSE = {"text", "raw_text", "title"}
_TOKEN = re.compile(r"[^\s'\"“”‘’(),;\[\]]+")
_BOUND_L, _BOUND_R = r"(?<![A-Za-z0-9])", r"(?![A-Za-z0-9])"
MAX_NOT_HIDDEN = 50


class KeyRecords(tuple):
    """Rows of plain values kept in ``attrs``: JSON-serialisable (``to_parquet``) and never copied
    (pandas deep-copies ``attrs`` into every table it derives; these rows never change)."""

    __slots__ = ()

    def __deepcopy__(self, memo):
        return self

    def __copy__(self):
        return self

    def __reduce__(self):
        return KeyRecords, (tuple(self),)


def _label(i: int) -> str:
    return f"Outlet {chr(65 + i) if i < 26 else i + 1}"


def outlet_forms(outlet: str, *, urls=()) -> list[tuple[str, bool, str]]:
    """The ways a text can name ``outlet``: ``(regular expression, ignore case, as a reader would write it)``.

    The name in any case and with any spacing ("Fox News", "FOX NEWS", "foxnews", "fox-news"; a one-word
    name such as "Reuters" only as written or in capitals, since it may be an ordinary word), the brand
    without words such as "News" ("Fox", as written or in capitals), and the web domains of ``urls``
    ("foxnews.com") with their first part ("foxnews"). Longest first.

    >>> [shown for _, _, shown in outlet_forms("Fox News", urls=["https://www.foxnews.com/politics/a"])]
    ['foxnews.com', 'Fox News (any case or spacing)', 'Fox', 'foxnews']
    """
    forms: list[tuple[str, bool, str]] = []
    parts = outlet.split()
    domain = bare_domain(outlet) if len(parts) == 1 else None
    if domain:
        urls = [*urls, domain]
    elif len(parts) > 1:
        forms.append((r"[\s_-]*".join(map(re.escape, parts)), True, f"{outlet} (any case or spacing)"))
        brand = list(parts)
        while len(brand) > 1 and brand[-1].casefold() in SUFFIXES:
            brand.pop()
        b = " ".join(brand)
        if len(brand) < len(parts) and len(b) >= 2:
            forms.append((re.escape(b) if b.isupper() else f"{re.escape(b)}|{re.escape(b.upper())}", False, b))
    elif outlet.isupper():
        forms.append((re.escape(outlet), len(outlet) >= 3, outlet))
    else:
        forms.append((f"{re.escape(outlet)}|{re.escape(outlet.upper())}", False, outlet))
    for d in sorted({bare_domain(str(u)) for u in urls if isinstance(u, str)} - {None}, key=len, reverse=True):
        forms.append((r"(?:www\d*\.)?" + re.escape(d), True, d))
        first = d.split(".")[0]
        if len(first) >= 4:
            forms.append((re.escape(first), True, first))
    seen, out = set(), []
    for form in sorted(forms, key=lambda f: -len(f[0])):
        if form[0] not in seen:
            seen.add(form[0])
            out.append(form)
    return out


def _outlet_regex(forms: dict[int, list], *, all_nocase: bool) -> re.Pattern | None:
    """One pattern for every outlet's forms; the group ``o<i>`` says which outlet matched."""
    groups = []
    for i, fs in forms.items():
        alts = "|".join(f"(?i:{f})" if (nocase or all_nocase) else f"(?:{f})" for f, nocase, _ in fs)
        if alts:
            groups.append(f"(?P<o{i}>{_BOUND_L}(?:{alts}){_BOUND_R})")
    return re.compile("|".join(groups)) if groups else None


def _replacer(regex, names: dict[int, str], counts: dict[int, int]):
    def sub(m):
        i = int(m.lastgroup[1:])
        counts[i] = counts.get(i, 0) + 1
        return names[i]

    def apply(value):
        if isinstance(value, str):
            return regex.sub(sub, value) if regex is not None else value
        if isinstance(value, list):
            return [apply(v) for v in value]
        if isinstance(value, dict):
            return {k: apply(v) for k, v in value.items()}
        return value

    return apply


def _new_ids(ids: list[str], sources: list[str], letters: dict[str, str]) -> dict[str, str]:
    """Old doc_id -> "Outlet A – 3" (numbered within each outlet, in the table's order)."""
    seen: dict[str, int] = {}
    out = {}
    for d, s in zip(ids, sources):
        seen[s] = seen.get(s, 0) + 1
        out[d] = f"{letters[s]} – {seen[s]}"
    return out


def _swap_ids(mapping: dict[str, str]):
    def tok(m):
        t = m.group(0)
        if t in mapping:
            return mapping[t]
        core = t.rstrip(".:")
        return mapping[core] + t[len(core):] if core in mapping else t

    return lambda v: _TOKEN.sub(tok, v) if isinstance(v, str) else v


def _not_hidden(out: pd.DataFrame, forms: dict[int, list], agencies: list[str]) -> list[dict]:
    """Mentions left in what students read: outlet names in another case, and news-agency credits."""
    found = []
    loose = {i: [(f, True, shown) for f, nocase, shown in fs if not nocase] for i, fs in forms.items()}
    regex = _outlet_regex({i: fs for i, fs in loose.items() if fs}, all_nocase=True)
    ids = out["doc_id"] if "doc_id" in out.columns else pd.Series(out.index.astype(str), index=out.index)
    for col in [c for c in ("title", "text", "dateline", "section") if c in out.columns]:
        if regex is None:
            break
        for d, value in zip(ids, out[col]):
            for m in regex.finditer(value) if isinstance(value, str) else ():
                context = value[max(0, m.start() - 40): m.end() + 40].replace("\n", " ")
                found.append({"column": col, "doc_id": str(d), "found": m.group(0), "context": context,
                              "why": "the outlet's name written in another case: an ordinary word, or the outlet"})
    for agency in agencies:
        pattern = re.compile(_BOUND_L + re.escape(agency) + _BOUND_R)
        hits = [str(d) for d, t in zip(ids, out.get("text", pd.Series(dtype=object))) if isinstance(t, str)
                and pattern.search(t)]
        if hits:
            found.append({"column": "text", "doc_id": ", ".join(hits[:5]) + (" ..." if len(hits) > 5 else ""),
                          "found": agency, "context": f"in {len(hits)} article(s)",
                          "why": "a news agency's credit (the agency is not one of the outlets): it tells where "
                                 "the text came from"})
    return found


def hide_outlets(articles: pd.DataFrame, *, columns=("outlet", "agency", "byline", "outlet_evidence", "source_path"),
                 aliases: dict | None = None) -> pd.DataFrame:
    """The articles with every outlet replaced by "Outlet A", "Outlet B", ... (sorted by name).

    Unknown outlets get a letter each: they are different sources. The outlet's name and its usual
    forms (see :func:`outlet_forms`: any case and spacing, the brand without "News", its web domains;
    ``aliases``: more names per outlet, e.g. ``{"Fox News": ["Fox Business"]}``) are replaced in every
    text column (text, title, dateline, raw text, removed lines ...) by its label, and in web
    addresses and file names by ``outlet-a``. ``doc_id`` becomes "Outlet A – 1", "Outlet A – 2", ...
    (ids are often made of file names or web addresses), here and wherever a column quotes an old
    id. The other ``columns`` (agency credits, bylines, how the outlet was found, the source file)
    are replaced by "hidden" where they hold a value. The load report (file names) is left out of
    ``attrs``.

    ``attrs["hidden_outlets"]``, for the teacher (plain values, saved with ``to_parquet``):
    ``outlets`` (``outlet, label, n_articles, forms, replaced``), ``doc_ids`` (``doc_id, hidden``)
    and ``not_hidden``: what may still name a source (``column, doc_id, found, context, why``): an
    outlet's name written in another case ("fox"), a news agency's credit ("AFP"); a warning says
    how many.
    """
    require_columns(articles, ["outlet"], what="articles table")
    out = articles.copy()
    out.attrs = {k: v for k, v in articles.attrs.items() if k != "load_report"}
    ids = out["doc_id"].astype(str).tolist() if "doc_id" in out.columns else [str(i) for i in range(len(out))]
    outlets = out["outlet"].astype(object).where(out["outlet"].notna(), "unknown").astype(str).tolist()
    # Each article of unknown origin is a source of its own, so it gets a letter of its own.
    sources = [f"unknown:{d}" if o == "unknown" else o for d, o in zip(ids, outlets)]
    order = sorted({s for s in sources if not s.startswith("unknown:")}) + \
        list(dict.fromkeys(s for s in sources if s.startswith("unknown:")))
    letters = {s: _label(i) for i, s in enumerate(order)}
    named = [s for s in order if not s.startswith("unknown:") and s != "other"]
    urls = out["url"].tolist() if "url" in out.columns else [None] * len(out)
    domains: dict[str, set] = {}
    for s, u in zip(sources, urls):
        d = bare_domain(u) if isinstance(u, str) else None
        if d:
            domains.setdefault(d, set()).add(s)
    forms = {}
    for i, s in enumerate(named):
        own = [d for d, users in domains.items() if users == {s}]  # a domain several outlets use names none
        forms[i] = outlet_forms(s, urls=own)
        forms[i] += [(re.escape(a), True, a) for a in (aliases or {}).get(s, [])]
    counts: dict[int, int] = {}
    in_text = _replacer(_outlet_regex(forms, all_nocase=False), {i: letters[s] for i, s in enumerate(named)}, counts)
    slugs = {i: letters[s].lower().replace(" ", "-") for i, s in enumerate(named)}
    in_address = _replacer(_outlet_regex(forms, all_nocase=True), slugs, counts)
    new_ids = _new_ids(ids, sources, letters)
    swap = _swap_ids(new_ids)
    hidden_cols = set(columns[1:])
    for col in out.columns:
        if col in ("outlet", "doc_id") or col in hidden_cols or not (
                out[col].dtype == object or pd.api.types.is_string_dtype(out[col])):
            continue
        fix = in_address if _ADDRESS.search(col) else in_text
        values = [fix(v) for v in out[col].tolist()]
        if col not in _PROSE:
            values = [swap(v) for v in values]
        out[col] = pd.Series(values, index=out.index, dtype=out[col].dtype if out[col].dtype != object else object)
    agencies = []
    if "agency" in articles.columns:
        known = {o.casefold() for o in named}
        agencies = sorted({a for a in articles["agency"].dropna().astype(str)
                           if a.strip() and a.casefold() not in known})
    out["outlet"] = [letters[s] for s in sources]
    if "doc_id" in out.columns:
        out["doc_id"] = [new_ids[d] for d in ids]
    for col in hidden_cols:
        if col in out.columns:
            out[col] = out[col].where(out[col].isna(), HIDDEN)
    left = _not_hidden(out, forms, agencies)
    sizes = pd.Series(sources).value_counts()
    key = [{"outlet": s, "label": letters[s], "n_articles": int(sizes[s]),
            "forms": [shown for _, _, shown in forms[named.index(s)]] if s in named else [],
            "replaced": counts.get(named.index(s), 0) if s in named else 0}
           for s in order if not s.startswith("unknown:")]
    key += [{"outlet": "unknown", "label": letters[s], "n_articles": 1, "forms": [], "replaced": 0}
            for s in order if s.startswith("unknown:")]
    out.attrs["hidden_outlets"] = {
        "outlets": KeyRecords(key),
        "doc_ids": KeyRecords({"doc_id": d, "hidden": new_ids[d]} for d in ids),
        "not_hidden": KeyRecords(left[:MAX_NOT_HIDDEN]),
    }
    if left:  # the words themselves are not repeated: students may see this note
        warnings.warn(f"hide_outlets: {len(left)} mention(s) may still tell students the source (another case "
                      "of an outlet's name, a news agency's credit): the teacher finds them in "
                      ".attrs['hidden_outlets']['not_hidden'].", UserWarning, stacklevel=2)
    return out
