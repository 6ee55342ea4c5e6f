"""Words a regular expression needs: a substring test that skips texts a pattern cannot match.

Python's regex engine tries a pattern at every character; ``"word" in text`` is many times faster.
:func:`needed_words` reads from the parsed pattern strings one of which every match contains;
a text holding none of them (in lower case) is not searched. The shortcut holds only where
matching ignoring case is matching the lower case letter for letter (:func:`folds_simply`);
elsewhere the pattern is searched as before, so results never change.

>>> needed_words(r"(?:Kiev|Kyiv)\\s+regime"), needed_words(r"Nikolayev|Nikolaev"), needed_words(r"\\w+")
(['regime'], ['nikola'], None)
>>> line = "Subscribe to our newsletter"
>>> may_match(line, line.lower(), needed_words(r"\\bclick(ing)? here\\b"))
False
"""

from __future__ import annotations

import re


def _case_traps():
    try:  # Python's own table of such letters (3.11 and later); without it no shortcut is taken
        from re._casefix import _EXTRA_CASES
    except ImportError:
        return None
    letters = {chr(c) for k, v in _EXTRA_CASES.items() for c in (k, *v)} - set("is")  # "ı", "ſ" stay
    return re.compile("[" + re.escape("".join(sorted(letters))) + "]")


# Letters that match others ignoring case though their lower cases differ ("ſ" and "s", "ς" and "σ",
# "ı" and "i", Cyrillic "в" and its old form "ᲀ").
CASE_TRAPS = _case_traps()


def needed_words(pattern: str, flags: int = re.IGNORECASE) -> list[str] | None:
    """Lower-case strings one of which every match of ``pattern`` contains, or None.

    The pattern's longest run of plain characters, or, for a group of alternatives, one run from
    each ("Kiev|Kyiv" needs "kiev" or "kyiv"). None where the pattern has no such run, or one of
    its characters lowers to more than one character or is one of :data:`CASE_TRAPS`.
    """
    from re import _constants as c
    from re import _parser

    def needed(items):
        candidates, run = [], []
        for op, av in items:
            if op is c.LITERAL:
                run.append(chr(av))
                continue
            if run:
                candidates.append(["".join(run)])
                run = []
            if op is c.SUBPATTERN:
                alts = needed(av[-1].data)
            elif op is c.ATOMIC_GROUP:
                alts = needed(av.data)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                alts = needed(av[2].data) if av[0] >= 1 else None
            elif op is c.BRANCH:
                branches = [needed(b.data) for b in av[1]]
                alts = None if any(b is None for b in branches) else [w for b in branches for w in b]
            else:  # a class of characters, a look-around, an anchor: nothing certain
                alts = None
            if alts:
                candidates.append(alts)
        if run:
            candidates.append(["".join(run)])
        return max(candidates, key=lambda alts: min(map(len, alts))) if candidates else None

    try:
        found = needed(_parser.parse(pattern, flags).data)
    except (re.error, TypeError, ValueError, AttributeError):
        return None
    if not found or CASE_TRAPS is None or any(len(ch.lower()) != 1 or CASE_TRAPS.search(ch.lower())
                                              for w in found for ch in w):
        return None
    return list(dict.fromkeys(w.lower() for w in found))


def folds_simply(text: str, lower: str) -> bool:
    """Whether matching ``text`` ignoring case is matching ``lower`` (its lower case) letter for letter."""
    return len(lower) == len(text) and (lower.isascii() or (CASE_TRAPS is not None and not CASE_TRAPS.search(lower)))


def may_match(text: str, lower: str, needed, simple: bool | None = None) -> bool:
    """False only when ``text`` cannot hold a match of a pattern needing one of ``needed``.

    ``lower``: ``text.lower()``; ``simple``: :func:`folds_simply` of them, when known already.
    """
    if needed is None:
        return True
    if simple is None:
        simple = folds_simply(text, lower)
    return not simple or any(w in lower for w in needed)


class PatternSet:
    """Patterns tried in order, each only in texts holding a word it needs; :meth:`first` is
    ``next(i for i, p in enumerate(patterns) if p.search(text))`` without searching most of them.

    >>> s = PatternSet([re.compile(r"\\bclick here\\b", re.I), re.compile(r"^read more\\b", re.I)])
    >>> s.first("Read more: the story"), s.first("Nothing to see")
    (1, None)
    """

    def __init__(self, patterns):
        self.patterns = list(patterns)
        needs = [needed_words(p.pattern, p.flags) for p in self.patterns]
        self.always = [i for i, need in enumerate(needs) if need is None]
        self.words = {w: [i for i, need in enumerate(needs) if need and w in need] for need in needs if need
                      for w in need}

    def first(self, text: str, lower: str | None = None) -> int | None:
        """The index of the first pattern that ``search`` finds in ``text``, or None."""
        lower = text.lower() if lower is None else lower
        if folds_simply(text, lower):
            tried = set(self.always)
            for w, where in self.words.items():
                if w in lower:
                    tried.update(where)
            order = sorted(tried)
        else:
            order = range(len(self.patterns))
        patterns = self.patterns
        return next((i for i in order if patterns[i].search(text)), None)
