"""Run a function over chunks of a large input on every core (forked workers), or in this process.

Forking copies the parent's memory for free, so workers start in milliseconds and need
no imports; where fork is unavailable (Windows, macOS) everything runs in this process.
Large corpora are tokenized and scored on the cores this process may use that other
programs leave free at that moment (:func:`free_cores`): a second process costs more CPU
than it saves when it has to share a core. To use fewer (a shared server, a Dask worker,
a laptop that should stay responsive), call ``set_cores(1)`` or set the environment
variable ``CORPUS_TOOLS_CORES=1``.

>>> map_chunks(sum, [[1, 2], [3]], parallel=False)
[3, 3]
>>> previous = set_cores(1); n_cores()
1
>>> _ = set_cores(previous)
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from .deprecation import renamed_parameter

_JOB = None  # (func, chunks): read by forked workers, never pickled
_CORES: int | None = None  # set by set_cores(); None = the environment variable, else all
_TASK = threading.local()  # .active: this thread runs one task of a larger job (see as_task)
_SIDE_BY_SIDE = 1  # processes running map_chunks' chunks now (1: this one alone)
_IN_WORKER = False  # set in forked workers: their copy of a progress bar must not draw


@renamed_parameter(old="n", new="cores", since="0.2")
def set_cores(cores: int | None) -> int | None:
    """Use at most ``cores`` cores for tokenizing and sentiment (``None``: all); returns the previous setting.

    >>> previous = set_cores(1)
    >>> _ = set_cores(previous)
    """
    global _CORES
    if cores is not None and (not isinstance(cores, int) or cores < 1):
        raise ValueError(f"set_cores needs a whole number of cores of at least 1 (or None for all), not {cores!r}")
    previous, _CORES = _CORES, cores
    return previous


def n_cores() -> int:
    """Cores this process may use: all it is allowed, capped by :func:`set_cores` or ``CORPUS_TOOLS_CORES``."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        available = os.cpu_count() or 1
    cap = _CORES
    if cap is None:
        env = os.environ.get("CORPUS_TOOLS_CORES", "").strip()
        if env:
            try:
                cap = max(1, int(env))
            except ValueError:
                warnings.warn(f"CORPUS_TOOLS_CORES should be a whole number, not {env!r}; using every core",
                              RuntimeWarning, stacklevel=2)
    if in_task() or multiprocessing.current_process().daemon:
        # One task of a Dask job, or a daemonic process (a pool or Dask worker): no processes of its own.
        return 1
    return min(available, cap) if cap else available


@contextmanager
def as_task():
    """Run the body as one task of a larger job (a Dask partition): one core, no progress bars.

    The job itself spreads tasks over cores and shows progress; this holds for the
    current thread only, so other threads (and the caller afterwards) are unaffected.

    >>> with as_task():
    ...     n_cores(), in_task()
    (1, True)
    >>> in_task()
    False
    """
    previous = getattr(_TASK, "active", False)
    _TASK.active = True
    try:
        yield
    finally:
        _TASK.active = previous


def in_task() -> bool:
    """True inside :func:`as_task`: work on one core and show no progress bar of one's own."""
    return getattr(_TASK, "active", False)


# How long free_cores() watches the machine: long enough to see a busy program, short beside
# the jobs it decides for (seconds of tokenizing or scoring).
WATCH_SECONDS = 0.05
_WATCHED: tuple[float, float] | None = None  # (when, cores busy then)
_STARTED: tuple[float, tuple[int, int], float] | None = None  # (when, machine's ticks, this process's CPU)


def start_watching() -> None:
    """Start watching the machine now, while this process prepares a job that :func:`free_cores` will decide for.

    The time spent preparing serves as the watch: ``free_cores`` then needs no pause of its own
    (what this process itself used meanwhile is not counted as others' work).

    >>> start_watching(); 1 <= free_cores() <= n_cores()
    True
    """
    global _STARTED
    try:
        _STARTED = (time.monotonic(), _cpu_ticks(), time.process_time())
    except (OSError, ValueError, IndexError):  # no /proc/stat: free_cores watches as before
        _STARTED = None


def free_cores() -> int:
    """How many processes to run a large job on: the cores of :func:`n_cores` that others leave free now.

    A core counts as free when other programs use less than half of it over the last
    :data:`WATCH_SECONDS` (Linux; elsewhere the 1-minute load average, less this process).
    Never below 1 nor above :func:`n_cores`.

    >>> 1 <= free_cores() <= n_cores()
    True
    """
    global _WATCHED, _STARTED
    allowed = n_cores()
    if allowed < 2:
        return allowed
    now = time.monotonic()
    if _WATCHED is None or now - _WATCHED[0] > 1.0:  # one look serves the calls of one job
        started, _STARTED = _STARTED, None
        _WATCHED = (now, _busy_cores(started if started and now - started[0] < 60 else None))
    total = os.cpu_count() or allowed
    return max(1, min(allowed, int(total - _WATCHED[1] + 0.5)))


def _busy_cores(started=None) -> float:
    """Cores' worth of CPU that other programs use now: since ``started`` (see :func:`start_watching`), less what
    this process used, or over a pause of :data:`WATCH_SECONDS` (this process waits meanwhile)."""
    try:
        when, first, own = started or (time.monotonic(), _cpu_ticks(), time.process_time())
        time.sleep(max(0.0, WATCH_SECONDS - (time.monotonic() - when)))
        second, elapsed = _cpu_ticks(), time.monotonic() - when
        total = second[0] - first[0]
        if total > 0:
            busy = (total - (second[1] - first[1])) / total * (os.cpu_count() or 1)
            return max(0.0, busy - (time.process_time() - own) / elapsed)
    except (OSError, ValueError, IndexError):
        pass
    try:
        return max(0.0, os.getloadavg()[0] - 1)  # the load includes this process itself
    except (AttributeError, OSError):
        return 0.0


def _cpu_ticks() -> tuple[int, int]:
    """(all ticks, idle ticks) of the machine since boot, from /proc/stat."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal (guest time is counted in user already)
    return sum(values[:8]), values[3] + values[4]


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _run(i: int):
    global _IN_WORKER
    _IN_WORKER = True
    func, chunks = _JOB
    return func(chunks[i])


def advance(bar, done: int) -> None:
    """Move a progress bar for ``done`` units of work finished by a chunk of :func:`map_chunks`.

    Every chunk may call it: run one after the other, each moves the bar by what it did; run
    side by side, only this process's chunk moves it, for all processes (they advance alongside),
    never to the end before they have all finished; workers' copies of the bar never draw.

    >>> import io, tqdm
    >>> bar = tqdm.tqdm(total=10, file=io.StringIO())
    >>> advance(bar, 4); advance(bar, 9); bar.n  # never past the total
    10
    """
    if bar is None or _IN_WORKER:
        return
    if _SIDE_BY_SIDE > 1:
        bar.update(max(0, min(done * _SIDE_BY_SIDE, bar.total - 1 - bar.n)))
    else:
        bar.update(max(0, min(done, bar.total - bar.n)))


def map_chunks(func, chunks, *, parallel: bool = True) -> list:
    """``[func(c) for c in chunks]``; with ``parallel``, chunk 0 here and the others in forked workers.

    Workers are started only on cores free now (:func:`free_cores`); with none free,
    every chunk runs here, one after the other.
    ``func`` results travel back pickled: keep them to arrays and short lists.
    Any failure to start workers falls back to running here.
    """
    global _JOB, _SIDE_BY_SIDE
    chunks = list(chunks)
    if not parallel or len(chunks) < 2 or n_cores() < 2 or not can_fork():
        return [func(c) for c in chunks]
    cores = free_cores()
    if cores < 2:
        return [func(c) for c in chunks]
    _JOB = (func, chunks)
    try:
        with warnings.catch_warnings():
            # Python >= 3.12 warns about forking a process with threads (Jupyter has some);
            # the workers only run pure computation on data they inherited.
            warnings.simplefilter("ignore", DeprecationWarning)
            workers = min(len(chunks), cores) - 1
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                futures = [pool.submit(_run, i) for i in range(1, len(chunks))]
                _SIDE_BY_SIDE = workers + 1
                try:
                    first = func(chunks[0])
                finally:
                    _SIDE_BY_SIDE = 1
                return [first, *(f.result() for f in futures)]
    except (OSError, RuntimeError, AssertionError) as e:  # no processes allowed, broken pool
        warnings.warn(f"Running on one core ({e})", RuntimeWarning, stacklevel=2)
        return [func(c) for c in chunks]
    finally:
        _JOB = None
