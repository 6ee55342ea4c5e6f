"""Parameter descriptions written once, for every function that takes the parameter.

As seaborn's ``_docstrings.py`` does: :data:`PARAMS` describes each shared parameter once,
a docstring holds ``{params.by}`` where ``by`` is to be described, and :func:`fill_doc`
puts the description there when the module is imported (an unknown name fails the
import, so a typo cannot slip through). Only ``{params.<name>}`` is replaced: other
braces in a docstring (dicts in examples) stay as they are.

The same name means the same thing everywhere:

* ``by`` groups rows: one result per group, ``None`` the whole table as one group.
  Functions made to compare outlets default to ``by="outlet"`` (count_articles,
  count_speakers, count_signs, framing_terms, sentiment_toward and the charts of
  them); the other aggregations default to ``by=None`` (count_terms, collocations,
  timeline, term_timeline, count_flags, plot_top_terms); keyness needs a ``by``.
* ``ngram`` is the number of words per term, ``n`` how many (top) rows to show.
  ``n`` is also the name of the count column of the tables (``x="n"``, ``y="n"``).
* ``passages`` is the table of :func:`corpus_tools.find_shared_passages`, keyword-only.
* ``text``, ``token``, ``date`` name the column to read; ``metadata`` the columns to
  carry along.

>>> import inspect
>>> @fill_doc
... def words(articles, *, text="text"):
...     '''Count the words of each article.
...
...     {params.text}
...     '''
>>> print(inspect.getdoc(words))
Count the words of each article.
<BLANKLINE>
``text``: the column holding the text.
"""

from __future__ import annotations

import re
import textwrap

PARAMS = {
    "by": "column name, or list of names, to group by (one result per group); ``None``: the whole table as one group.",
    "text": "the column holding the text.",
    "token": "the column of the tokens table holding the words (another column, e.g. stems, works too).",
    "metadata": "article columns to carry along into the result: a name or a list of names.",
    "cache": "keep the result on disk and reuse it (see :mod:`corpus_tools.core.cache`): ``None`` for large "
             "inputs only, ``True`` always, ``False`` never.",
    "progress": "show a progress bar: ``None`` only for long jobs, ``True`` always, ``False`` never.",
    "date": "the column holding the dates (missing dates count as undated).",
    "freq": "length of a period: ``\"D\"`` day, ``\"W\"`` week (from Monday), ``\"M\"`` month, ``\"Y\"`` year.",
    "title": "title of the chart; ``None``: one that says what is drawn.",
    "colors": "colour of each outlet (``outlet_colors(articles[\"outlet\"])`` keeps them fixed across charts); "
              "``None``: from the outlets drawn.",
    "ngram": "words per term: 1 single words, 2 two-word sequences (never across sentences), and so on.",
    "n": "how many rows to show: the top ``n`` terms (per group).",
    "passages": "the shared passages, from :func:`find_shared_passages` (found once, reused); ``None``: found here.",
    "words_only": "leave out numbers (\"22\", \"2004\", \"6-3\") and one-letter tokens (\"f\", \"s\"): terms whose "
                  "every word has a letter and two characters or more are kept (\"u.s.\", \"covid-19\"); ``False``: "
                  "every token, as scikit-learn's ``CountVectorizer(token_pattern=TOKEN_PATTERN)`` counts them.",
    "regex": "``True``: the pattern is a regular expression; ``False``: words as written (``*`` stands for any "
             "letters, ``?`` for one); a pattern with ``|``, ``(``, ``[``, ``\\``, ``+``, ``^`` or ``$`` gives a "
             ":class:`PatternWarning` (use ``regex=True`` or a list of spellings).",
    "whole_words": "matches start and end at word boundaries (\"Kiev\" is not found in \"Kievan\" or \"Yenakiev\", "
                   "even with ``regex=True``); ``False``: also inside words.",
    "variants": "also look for the other spellings of each term in the spelling-variants lexicon (\"Zelensky\" finds "
                "\"Zelenskiy\" and \"Zelenskyy\"): ``True`` the shipped ``spelling_variants.csv``, or the path of "
                "your own CSV, or a table from :func:`spelling_variants`.",
}

_PLACEHOLDER = re.compile(r"^([ \t]*)\{params\.(\w+)\}", re.MULTILINE)
WIDTH = 100


def _describe(match: re.Match) -> str:
    indent, name = match.groups()
    if name not in PARAMS:
        raise KeyError(f"No shared description of {name!r} in corpus_tools.core.docstrings.PARAMS")
    return textwrap.fill(f"``{name}``: {PARAMS[name]}", width=WIDTH, initial_indent=indent,
                         subsequent_indent=indent + "    ", break_on_hyphens=False, break_long_words=False)


def fill_doc(func):
    """Decorator: replace each ``{params.<name>}`` line of the docstring with the shared description."""
    if func.__doc__:
        func.__doc__ = _PLACEHOLDER.sub(_describe, func.__doc__)
    return func
