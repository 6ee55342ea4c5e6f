"""Run a function over chunks of a large input on every core (forked workers), or in this process.

Forking copies the parent's memory for free, so workers start in milliseconds and need
no imports; where fork is unavailable (Windows, macOS) everything runs in this process.

>>> map_chunks(sum, [[1, 2], [3]], parallel=False)
[3, 3]
"""

from __future__ import annotations

import multiprocessing
import os
import warnings
from concurrent.futures import ProcessPoolExecutor

_JOB = None  # (func, chunks): read by forked workers, never pickled


def n_cores() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _run(i: int):
    func, chunks = _JOB
    return func(chunks[i])


def map_chunks(func, chunks, *, parallel: bool = True) -> list:
    """``[func(c) for c in chunks]``; with ``parallel``, chunk 0 here and the others in forked workers.

    ``func`` results travel back pickled: keep them to arrays and short lists.
    Any failure to start workers falls back to running here.
    """
    global _JOB
    chunks = list(chunks)
    if not parallel or len(chunks) < 2 or not can_fork():
        return [func(c) for c in chunks]
    _JOB = (func, chunks)
    try:
        with warnings.catch_warnings():
            # Python >= 3.12 warns about forking a process with threads (Jupyter has some);
            # the workers only run pure computation on data they inherited.
            warnings.simplefilter("ignore", DeprecationWarning)
            with ProcessPoolExecutor(len(chunks) - 1, mp_context=multiprocessing.get_context("fork")) as pool:
                futures = [pool.submit(_run, i) for i in range(1, len(chunks))]
                first = func(chunks[0])
                return [first, *(f.result() for f in futures)]
    except (OSError, RuntimeError) as e:  # no processes allowed, broken pool
        warnings.warn(f"Running on one core ({e})", RuntimeWarning, stacklevel=2)
        return [func(c) for c in chunks]
    finally:
        _JOB = None
