"""The word lists and lexicons shipped with corpus_tools: one documented file each, read by one loader.

Every file starts with ``#`` lines saying what it holds and who uses it; edit a copy to adapt
a list to your corpus. ``.txt`` files hold one entry a line; ``.csv`` files have a header row.

>>> "u.s" in read_words("abbreviations.txt")
True
>>> read_rows("warning_signs.csv")[0]["sign"]
'no_date'
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


def data_path(name: str):
    """The shipped file ``name`` (a :class:`importlib.resources` path; ``open()`` it or ``read_text()``)."""
    path = resources.files(__name__).joinpath(name)
    if not path.is_file():
        raise FileNotFoundError(f"corpus_tools ships no data file {name!r}.")
    return path


def _lines(name: str) -> list[str]:
    return [line for line in data_path(name).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@cache
def read_words(name: str) -> frozenset[str]:
    """The entries of a one-per-line word list, as written (``#`` lines are comments)."""
    return frozenset(line.strip() for line in _lines(name))


@cache
def read_rows(name: str) -> tuple[dict, ...]:
    """The rows of a CSV lexicon as dicts (``#`` lines before the header are comments)."""
    return tuple(csv.DictReader(_lines(name)))
