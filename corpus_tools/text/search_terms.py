"""Search terms: what ``kwic``, ``find_sentences_mentioning``, ``sentiment_toward``, ``find_dispersion`` and
``term_timeline`` look for, and the spelling-variants lexicon they can use.

A term is one of:

- a word or phrase as written (``"Kyiv"``, ``"front line"``, ``"U.S."``), where ``*`` stands for any
  letters and ``?`` for one (a glob: ``"Kyi*"``); case is ignored unless asked otherwise;
- with ``regex=True``, a regular expression (``"Kyiv|Kiev"``);
- a list of spellings found as one term (``["Kyiv", "Kiev"]``), each a word, phrase or glob (or each a
  regular expression with ``regex=True``).

Matches start and end at word boundaries (``whole_words=True``, regular expressions too), so
``"Kiev|Kyiv"`` is not found inside "Kievan" or "Yenakiev"; ``whole_words=False`` also finds them inside
words. A plain term holding ``|``, ``(``, ``)``, ``[``, ``]``, ``{``, ``}``, ``\\``, ``+``, ``^`` or ``$`` is
searched for as written, and a :class:`PatternWarning` says to use ``regex=True`` or a list.

``variants=True`` adds the other spellings of each term listed in ``corpus_tools/data/spelling_variants.csv``
(:func:`spelling_variants`; your own CSV or table works too). Without it, a search for one spelling of a name
that also occurs in the corpus in another spelling gives a :class:`PatternWarning` naming them: an outlet
writing "Zelenskiy" is not silently left out of a search for "Zelensky".

>>> search_terms(["Kyiv", "Kiev"])
['Kyiv', 'Kiev']
>>> search_terms("Zelensky", variants=True)
['Zelensky', 'Zelenskyy', 'Zelenskiy', 'Zelenskyi', 'Zelenski', 'Зеленский', 'Зеленський']
>>> text_pattern(["Kiev|Kyiv"], regex=True).findall("Kyiv, not Kievan or Yenakiev")
['Kyiv']
>>> text_pattern(["Kiev|Kyiv"], regex=True, whole_words=False).findall("Kyiv, not Kievan or Yenakiev")
['Kyiv', 'Kiev', 'kiev']
"""

from __future__ import annotations

import csv
import re
import warnings
from pathlib import Path

import pandas as pd

from ..core.deprecation import outside_stack_level
from ..data import data_path

REGEX_CHARACTERS = "|()[]{}\\+^$"
SPELLING_COLUMNS = ["group", "spelling", "note"]
_GLOBAL_FLAGS = re.compile(r"^\(\?[aiLmsux]+\)")


class PatternWarning(UserWarning):
    """A search term that probably does not find what was meant.

    Given when a plain term (``regex=False``) holds regular-expression characters ("Kiev|Kyiv" is then
    looked for as written, and found nowhere), and when a name searched for in one spelling also occurs
    in the corpus in another spelling of :func:`spelling_variants` ("Zelenskiy" when searching "Zelensky").

    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     spellings = search_terms("Kiev|Kyiv")
    >>> caught[0].category.__name__, issubclass(PatternWarning, UserWarning)
    ('PatternWarning', True)
    """


def spelling_variants(path=None) -> pd.DataFrame:
    """The spelling-variants lexicon: ``group, spelling, note``, one row per spelling.

    Rows with the same ``group`` are spellings of one name (Zelensky, Zelenskyy, Zelenskiy; Kyiv,
    Kiev; Gaddafi, Gadhafi, Qaddafi); ``note`` says who writes it so. The shipped list is
    ``corpus_tools/data/spelling_variants.csv``; pass the path of your own CSV (same columns,
    ``note`` optional, ``#`` lines before the header are comments) to use it instead. Functions
    that take ``variants=`` accept ``True`` (the shipped list), such a path, or this table.

    >>> lex = spelling_variants()
    >>> lex.query("group == 'kyiv'")["spelling"].tolist()
    ['Kyiv', 'Kiev', 'Київ', 'Киев']
    """
    if path is None:
        name = "spelling_variants.csv (shipped with corpus_tools)"
        text = data_path("spelling_variants.csv").read_text(encoding="utf-8")
    else:
        name = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise ValueError(f"{name}: cannot be read as a spelling-variants CSV ({e}).") from e
    lines = text.splitlines()
    skipped = 0
    while skipped < len(lines) and (lines[skipped].startswith("#") or not lines[skipped].strip()):
        skipped += 1
    rows = list(csv.reader(lines[skipped:]))
    header = [c.strip().lower() for c in rows[0]] if rows else []
    missing = [c for c in ("group", "spelling") if c not in header]
    if missing:
        raise ValueError(f"{name}: no column {', '.join(map(repr, missing))}; its columns are "
                         f"{', '.join(header) or 'none'}. Needed: group, spelling (and optional note).")
    table = pd.DataFrame([r + [""] * (len(header) - len(r)) for r in rows[1:] if any(c.strip() for c in r)],
                         columns=header, dtype="str") if len(rows) > 1 else pd.DataFrame(columns=header, dtype="str")
    if "note" not in table.columns:
        table["note"] = ""
    table = table.apply(lambda s: s.str.strip())
    line_of = [skipped + 1 + i for i, r in enumerate(rows) if i and any(c.strip() for c in r)]
    for i, (group, spelling) in enumerate(zip(table["group"], table["spelling"])):
        if not group or not spelling:
            raise ValueError(f"{name}, line {line_of[i]}: every row needs a group and a spelling.")
    return table[[*SPELLING_COLUMNS, *[c for c in table.columns if c not in SPELLING_COLUMNS]]].reset_index(drop=True)


def _lexicon(variants) -> pd.DataFrame | None:
    """The lexicon a ``variants=`` argument stands for (None for False or None)."""
    if variants is None or variants is False:
        return None
    if variants is True:
        return spelling_variants()
    if isinstance(variants, pd.DataFrame):
        missing = [c for c in ("group", "spelling") if c not in variants.columns]
        if missing:
            raise KeyError(f"The spelling-variants table has no column {', '.join(map(repr, missing))}. "
                           f"Its columns are: {', '.join(map(str, variants.columns))}.")
        return variants
    if isinstance(variants, (str, Path)):
        return spelling_variants(variants)
    raise TypeError(f"variants={variants!r}: give True (the shipped list), the path of a CSV, or a table "
                    "from spelling_variants().")


def _key(spelling: str) -> str:
    return " ".join(spelling.replace("’", "'").lower().split())


def _groups(lexicon: pd.DataFrame) -> tuple[dict, dict]:
    """(spelling key -> its groups, group -> its spellings in lexicon order)."""
    of, spellings = {}, {}
    for group, spelling in zip(lexicon["group"].astype(str), lexicon["spelling"].astype(str)):
        of.setdefault(_key(spelling), []).append(group)
        spellings.setdefault(group, []).append(spelling)
    return of, spellings


def as_spellings(term) -> list[str]:
    """``term`` (a string, or a list of strings) as a list of distinct spellings, in the order given."""
    spellings = [term] if isinstance(term, str) else list(term) if isinstance(term, (list, tuple)) else None
    if not spellings or not all(isinstance(s, str) and s.strip() for s in spellings):
        raise ValueError(f"{term!r}: give a word, name or phrase to look for (e.g. 'Putin'), or a list of its "
                         "spellings (e.g. ['Kyiv', 'Kiev']).")
    return list(dict.fromkeys(s.strip() for s in spellings))


def term_label(term) -> str:
    """How a term is named in a result table: the string itself, or the spellings of a list joined by " / "."""
    return " / ".join(as_spellings(term))


def warn_if_regex(spelling: str) -> None:
    """A :class:`PatternWarning` when a plain (not regex) term holds regular-expression characters."""
    found = [c for c in REGEX_CHARACTERS if c in spelling]
    if not found:
        return
    hint = f" or a list: {[s.strip() for s in spelling.split('|') if s.strip()]!r}" if "|" in spelling else \
        " or a list of spellings, e.g. ['Kyiv', 'Kiev']"
    warnings.warn(
        f"{spelling!r} holds {' '.join(found)}, characters of a regular expression, but regex=False: it is looked "
        f"for as written and probably found nowhere. Use regex=True{hint} ('*' and '?' stand for letters either way).",
        PatternWarning, stacklevel=outside_stack_level())


def search_terms(term, *, regex: bool = False, variants=False) -> list[str]:
    """The spellings to look for: those of ``term`` (a string or a list), then, with ``variants``, the others of
    their groups in the spelling-variants lexicon (escaped with ``regex=True``). Plain terms holding regular
    expression characters warn (:func:`warn_if_regex`)."""
    spellings = as_spellings(term)
    if not regex:
        for s in spellings:
            warn_if_regex(s)
    lexicon = _lexicon(variants)
    if lexicon is None:
        return spellings
    of, members = _groups(lexicon)
    out = list(spellings)
    for s in spellings:
        for group in of.get(_key(s), []):
            out += [re.escape(m) if regex else m for m in members[group]]
    seen, unique = set(), []
    for s in out:  # the same spelling in another case or spacing is looked for once
        if _key(s) not in seen:
            seen.add(_key(s))
            unique.append(s)
    return unique


def _plain_regex(spelling: str) -> str:
    """A plain word or phrase as a regular expression over text: spaces any white space, ' either apostrophe,
    ``*`` any letters (and inner hyphens or apostrophes), ``?`` one letter."""
    words = []
    for word in spelling.replace("’", "'").split():
        words.append("".join("['’]" if ch == "'" else r"[\w'’-]*" if ch == "*" else r"\w" if ch == "?"
                             else re.escape(ch) for ch in word))
    return r"\s+".join(words)


def text_pattern(spellings, *, regex: bool = False, whole_words: bool = True, case_sensitive: bool = False):
    """One compiled regular expression finding any of ``spellings`` in running text.

    Plain spellings as :func:`_plain_regex` makes them; with ``regex=True`` each is a regular expression
    (an invalid one raises a ``ValueError`` saying so). With ``whole_words`` a match neither starts nor
    ends inside a word.
    """
    flags = 0 if case_sensitive else re.IGNORECASE
    parts, inline = [], ""
    for s in as_spellings(spellings):
        if regex:
            lead = _GLOBAL_FLAGS.match(s)  # "(?i)..." must stay at the very start
            if lead:
                inline += lead.group()[2:-1]
                s = s[lead.end():]
            try:
                re.compile(s)
            except re.error as e:
                raise ValueError(f"{s!r} is not a valid regular expression ({e}). "
                                 "Pass regex=False to look for the words as written.") from None
            parts.append(s)
        else:
            parts.append(_plain_regex(s))
    body = "|".join(f"(?:{p})" for p in parts)
    if whole_words:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    return re.compile((f"(?{inline})" if inline else "") + body, flags)


def token_regex(spelling: str, *, whole_words: bool = True) -> str:
    """A regular expression matched (``re.match``) against one token: a word or glob (``*`` any characters,
    ``?`` one), the whole token with ``whole_words``, else anywhere in it."""
    core = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in spelling.replace("’", "'"))
    return rf"(?:{core})\Z" if whole_words else rf".*?(?:{core})"


def other_spellings(spellings, texts, *, variants=False, regex: bool = False) -> dict[str, int]:
    """Spellings of the same names as ``spellings`` (from the shipped lexicon) that were not asked for and occur
    in ``texts``, with the number of texts holding each: empty with ``variants`` or ``regex`` (nothing was left
    out by spelling, or the pattern is the user's own)."""
    if regex or _lexicon(variants) is not None:
        return {}
    of, members = _groups(spelling_variants())
    asked = {_key(s) for s in spellings}
    others = [m for s in spellings for g in of.get(_key(s), []) for m in members[g] if _key(m) not in asked]
    others = list(dict.fromkeys(others))
    if not others:
        return {}
    rx = text_pattern(others)
    spelled = {_key(m): m for m in others}
    found: dict[str, int] = {}
    for t in texts:
        if isinstance(t, str):
            for key in {_key(m) for m in rx.findall(t)}:
                found[spelled[key]] = found.get(spelled[key], 0) + 1
    return {m: found[m] for m in others if m in found}


def hint_other_spellings(spellings, texts, *, variants=False, regex: bool = False, where="article") -> None:
    """A :class:`PatternWarning` naming the other spellings of the names searched for that occur in ``texts``
    (with the number of texts, each a ``where``, holding each; ``where=None``: without)."""
    found = other_spellings(spellings, texts, variants=variants, regex=regex) if spellings else {}
    if not found:
        return
    listed = ", ".join(f"{m!r}" + (f" ({n:,} {where}{'s' if n != 1 else ''})" if where else "")
                       for m, n in found.items())
    asked = " / ".join(map(repr, spellings))
    warnings.warn(f"Other spellings of {asked} occur here too and were not searched for: {listed}. Pass "
                  f"variants=True to include them, or a list of spellings, e.g. {[*spellings, *found]!r}.",
                  PatternWarning, stacklevel=outside_stack_level())
