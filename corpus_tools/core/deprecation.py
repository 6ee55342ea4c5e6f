"""Old parameter spellings that keep working, with a warning naming the new one.

:func:`renamed_parameter` maps a renamed keyword to its new name; :func:`keyword_only`
still accepts, for now, arguments that used to be positional. Both warn with
:class:`CorpusToolsDeprecationWarning`, a ``FutureWarning``: as in pandas, a deprecation
users should act on is a FutureWarning, which Python shows by default wherever the call
is (a ``DeprecationWarning`` is hidden unless the call is typed in ``__main__``, so a
call inside a student's helper module or a report script would never show it). Giving
the old and the new spelling together is a ``TypeError``. The wrapped function keeps
its name, docstring and (new) signature.

>>> @renamed_parameter(old="n", new="ngram", since="0.2")
... def grams(tokens, *, ngram=2):
...     return ngram
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     grams([], n=3)
3
>>> print(caught[0].message)
grams(n=...) is deprecated since corpus_tools 0.2: use grams(ngram=...) instead (same meaning).
>>> grams([], n=3, ngram=3)
Traceback (most recent call last):
...
TypeError: grams() got both n= (the old name) and ngram=: pass only ngram=.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
import warnings

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class CorpusToolsDeprecationWarning(FutureWarning):
    """An old spelling of a corpus_tools argument: it still works, the message says what to write instead."""


def outside_stack_level() -> int:
    """How many frames up the first caller outside corpus_tools is: the ``stacklevel`` of a warning about its call."""
    frame, level = sys._getframe(1), 1
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_PACKAGE + os.sep):
        frame, level = frame.f_back, level + 1
    return level


def warn_deprecated(message: str) -> None:
    """Warn that an old spelling was used, pointing at the caller's line (not at corpus_tools)."""
    warnings.warn(message, CorpusToolsDeprecationWarning, stacklevel=outside_stack_level())


def renamed_parameter(*, old: str, new: str, since: str):
    """Decorator: the keyword ``old`` still works as ``new``, with a warning; both at once is a TypeError."""

    def decorate(func):
        name = func.__name__

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            if old in kwargs:
                if new in kwargs:
                    raise TypeError(f"{name}() got both {old}= (the old name) and {new}=: pass only {new}=.")
                warn_deprecated(f"{name}({old}=...) is deprecated since corpus_tools {since}: "
                                f"use {name}({new}=...) instead (same meaning).")
                kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)

        return wrapper

    return decorate


def keyword_only(*names: str, since: str):
    """Decorator for arguments made keyword-only: passed positionally (the old way) they still work, with a warning.

    ``names`` are the parameters, in their old positional order, that now follow ``*``.

    >>> @keyword_only("passages", since="0.2")
    ... def share(articles, *, passages=None):
    ...     return passages
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     share("arts", "found")
    'found'
    >>> print(caught[0].message)
    Passing passages positionally to share() is deprecated since corpus_tools 0.2: write share(..., passages=...).
    """

    def decorate(func):
        name = func.__name__
        params = inspect.signature(func).parameters.values()
        n_positional = sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in params)

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            if len(args) > n_positional:
                extra = args[n_positional:]
                if len(extra) > len(names):
                    raise TypeError(f"{name}() takes {n_positional} positional argument"
                                    f"{'s' if n_positional != 1 else ''} but {len(args)} were given")
                used = names[:len(extra)]
                for key, value in zip(used, extra):
                    if key in kwargs:
                        raise TypeError(f"{name}() got multiple values for argument {key!r}")
                    kwargs[key] = value
                warn_deprecated(f"Passing {', '.join(used)} positionally to {name}() is deprecated since corpus_tools "
                                f"{since}: write {name}(..., {', '.join(k + '=...' for k in used)}).")
                args = args[:n_positional]
            return func(*args, **kwargs)

        return wrapper

    return decorate
