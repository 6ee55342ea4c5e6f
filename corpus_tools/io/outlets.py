"""One spelling per outlet: case and spacing variants merged, web addresses tidied on request, aliases applied.

``fox``, ``FOX`` and ``Fox`` are one outlet, written as its most frequent spelling (on a tie,
the one in mixed case). ``tidy_domains=True`` writes ``https://www.msnbc.com/`` as
``msnbc.com``; ``outlet_aliases={"msnbc.com": "MSNBC"}`` maps names the user knows to be
one outlet. Each change is said in the row's ``outlet_evidence`` and once in the load report.

>>> rows = [{"outlet": o, "outlet_evidence": "column 'source'"} for o in ["fox", "FOX", "Fox", "www.cnn.com"]]
>>> notes = tidy_outlets(rows, tidy_domains=True)
>>> [r["outlet"] for r in rows]
['Fox', 'Fox', 'Fox', 'cnn.com']
>>> notes[0]
"web addresses of outlets written as bare domains: 'www.cnn.com' → 'cnn.com' (1 article)"
"""

from __future__ import annotations

import re
from collections import Counter

_DOMAIN = re.compile(
    r"^(?:https?://)?(?:www\d*\.|m\.|amp\.|mobile\.)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24})\.?"
    r"(?::\d+)?(?:[/?#]\S*)?$",
    re.I,
)
MAX_LISTED = 12


def outlet_key(name: str) -> str:
    """A name reduced for comparison: case folded, spaces of any kind collapsed.

    >>> outlet_key("  Fox\\u00a0 NEWS ")
    'fox news'
    """
    return re.sub(r"\s+", " ", name).strip().casefold()


def bare_domain(name: str) -> str | None:
    """``msnbc.com`` for ``https://www.msnbc.com/news``; None when ``name`` is no web address.

    >>> bare_domain("https://WWW.msnbc.com/"), bare_domain("Fox News")
    ('msnbc.com', None)
    """
    m = _DOMAIN.match(name.strip())
    return m.group(1).lower() if m else None


def check_aliases(aliases) -> dict[str, str]:
    """``outlet_aliases=`` as ``{outlet_key(name): spelling}``, checked."""
    if aliases is None:
        return {}
    if not isinstance(aliases, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                                for k, v in aliases.items()):
        raise TypeError("outlet_aliases= takes a dict of names, e.g. {'fox': 'Fox News', 'msnbc.com': 'MSNBC'}")
    return {outlet_key(k): v.strip() for k, v in aliases.items()}


def _listed(changes: dict, counts: Counter) -> str:
    items = []
    for new, olds in changes.items():
        n = sum(counts[o] for o in olds)
        items.append(f"{', '.join(repr(o) for o in olds)} → '{new}' ({n:,} article{'s' if n != 1 else ''})")
    more = len(items) - MAX_LISTED
    return "; ".join(items[:MAX_LISTED]) + (f"; and {more} more" if more > 0 else "")


def tidy_outlets(rows: list[dict], *, aliases=None, tidy_domains: bool = False) -> list[str]:
    """Give each outlet one spelling, in place; return what was done, one sentence per kind of change."""
    aliases = check_aliases(aliases)
    counts = Counter(r["outlet"] for r in rows if r.get("outlet"))
    spelling: dict[str, str] = {}
    why: dict[str, list] = {name: [] for name in counts}
    notes = []
    changes: dict[str, dict] = {"domain": {}, "alias": {}, "case": {}}
    used_aliases = set()
    # 1. Web addresses, 2. aliases (by the name as written, or its bare domain).
    for name in counts:
        new = name
        domain = bare_domain(name)
        if tidy_domains and domain and domain != name:
            new = domain
            changes["domain"].setdefault(new, []).append(name)
            why[name].append("web address tidied")
        for key in (outlet_key(name), outlet_key(new)):
            if key in aliases:
                new = aliases[key]
                used_aliases.add(key)
                changes["alias"].setdefault(new, []).append(name)
                why[name].append("outlet_aliases")
                break
        spelling[name] = new
    # 3. Case and spacing variants of what is left: the most frequent spelling (user aliases first).
    after = Counter()
    for name, n in counts.items():
        after[spelling[name]] += n
    groups: dict[str, list[str]] = {}
    for name in after:
        groups.setdefault(outlet_key(name), []).append(name)
    targets = set(aliases.values())
    for variants in groups.values():
        if len(variants) < 2:
            continue
        tidy = Counter()  # spellings with their spaces tidied: "Fox  News" counts for "Fox News"
        for v in variants:
            tidy[re.sub(r"\s+", " ", v).strip()] += after[v]
        best = max(sorted(tidy), key=lambda v: (v in targets, tidy[v], not v.islower(), not v.isupper()))
        changes["case"][best] = [v for v in variants if v != best]
        for name in counts:
            if spelling[name] in variants and spelling[name] != best:
                spelling[name] = best
                why[name].append("case and spacing variants merged")
    for r in rows:
        name = r.get("outlet")
        if name and spelling.get(name, name) != name:
            r["outlet"] = spelling[name]
            r["outlet_evidence"] = f"{r.get('outlet_evidence') or 'outlet'} (written '{name}'; {', '.join(why[name])})"
    if changes["domain"]:
        notes.append(f"web addresses of outlets written as bare domains: {_listed(changes['domain'], counts)}")
    if changes["alias"]:
        notes.append(f"outlet_aliases applied: {_listed(changes['alias'], counts)}")
    if changes["case"]:
        notes.append("outlet names that differ only in case or spacing merged, each into its most frequent "
                     f"spelling: {_listed(changes['case'], after)}")
    unused = [k for k in aliases if k not in used_aliases]
    if unused:
        notes.append(f"outlet_aliases that match no outlet: {', '.join(repr(k) for k in unused[:MAX_LISTED])}")
    if not tidy_domains:
        by_domain: dict[str, set] = {}
        for name in after:
            if bare_domain(name):
                by_domain.setdefault(bare_domain(name), set()).add(outlet_key(name))
        same = [sorted(v) for v in by_domain.values() if len(v) > 1]
        if same:
            shown = "; ".join(" and ".join(repr(x) for x in v) for v in same[:5])
            notes.append(f"outlets {shown} look like the same web site; tidy_domains=True (command line: "
                         "--tidy-domains) writes web addresses as bare domains")
    return notes
