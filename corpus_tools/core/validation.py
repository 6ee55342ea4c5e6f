"""Checks shared by every function that takes a table."""

from __future__ import annotations

import pandas as pd


def require_columns(frame: pd.DataFrame, columns, *, what: str = "table") -> None:
    """Raise a clear error naming the missing columns and the ones that are there.

    >>> require_columns(pd.DataFrame({"text": []}), ["text", "outlet"])
    Traceback (most recent call last):
    ...
    KeyError: "The table has no column 'outlet'. Its columns are: text."
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"Expected a pandas DataFrame ({what}), got {type(frame).__name__}.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        names = ", ".join(f"'{c}'" for c in missing)
        have = ", ".join(map(str, frame.columns)) or "none"
        raise KeyError(f"The {what} has no column{'s' if len(missing) > 1 else ''} {names}. Its columns are: {have}.")


def require_group_columns(tokens: pd.DataFrame, by: list[str]) -> None:
    """Grouping columns must have been carried into the tokens table: say how if not."""
    missing = [c for c in by if c not in tokens.columns]
    if missing:
        raise KeyError(
            f"The tokens table has no column {', '.join(map(repr, missing))} to group by. "
            f"Carry it along when tokenizing: tokenize(articles, metadata={missing!r}). "
            f"Its columns are: {', '.join(map(str, tokens.columns))}."
        )


def as_list(by) -> list[str]:
    """``by="outlet"`` and ``by=["outlet"]`` mean the same; None means no grouping."""
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


