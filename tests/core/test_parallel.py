"""Work spread over cores: really in other processes, and switched off when the user asks."""

import os

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.core import parallel


def _pid(_chunk):
    return os.getpid()


@pytest.mark.skipif(parallel.n_cores() < 2 or not parallel.can_fork(), reason="needs two cores and fork")
def test_chunks_run_in_other_processes(monkeypatch):
    monkeypatch.setattr(parallel, "free_cores", parallel.n_cores)  # as if no other program ran
    pids = parallel.map_chunks(_pid, [1, 2, 3])
    assert pids[0] == os.getpid() and set(pids[1:]) - {os.getpid()}


def test_set_cores_and_the_environment_variable_limit_the_cores(monkeypatch):
    previous = ct.set_cores(1)
    try:
        assert parallel.n_cores() == 1
        # With one core nothing is forked, whatever the caller asks for.
        monkeypatch.setattr(parallel, "can_fork", lambda: pytest.fail("tried to start workers"))
        arts = pd.DataFrame({"doc_id": [str(i) for i in range(3000)], "text": ["Talks went well. Then not."] * 3000})
        assert len(ct.tokenize(arts, cache=False)) == 3000 * 5
    finally:
        ct.set_cores(previous)
    monkeypatch.undo()
    monkeypatch.setenv("CORPUS_TOOLS_CORES", "1")
    assert parallel.n_cores() == 1
    monkeypatch.setenv("CORPUS_TOOLS_CORES", "lots")
    with pytest.warns(RuntimeWarning, match="CORPUS_TOOLS_CORES"):
        parallel.n_cores()
    with pytest.raises(ValueError, match="at least 1"):
        ct.set_cores(0)


def test_a_core_busy_with_another_program_gets_no_worker(monkeypatch):
    # Two processes on one free core cost more CPU than one: work stays in this process.
    monkeypatch.setattr(parallel, "_WATCHED", None)
    monkeypatch.setattr(parallel, "n_cores", lambda: 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(parallel, "_busy_cores", lambda started=None: 0.9)
    assert parallel.free_cores() == 1
    assert set(parallel.map_chunks(_pid, [1, 2, 3])) == {os.getpid()}
    monkeypatch.setattr(parallel, "_WATCHED", None)
    monkeypatch.setattr(parallel, "_busy_cores", lambda started=None: 0.3)
    assert parallel.free_cores() == 2


def test_busy_cores_are_measured_on_this_machine():
    busy = parallel._busy_cores()
    assert 0 <= busy <= (os.cpu_count() or 1) + 0.01


@pytest.mark.skipif(not os.path.exists("/proc/stat"), reason="Linux only")
def test_a_busy_loop_in_another_process_is_seen(monkeypatch):
    import subprocess
    import sys
    import time

    loop = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.3)
        busy = parallel._busy_cores()
    finally:
        loop.kill()
        loop.wait()
    assert busy > 0.7


def _spin(seconds):
    import time

    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


@pytest.mark.skipif(not os.path.exists("/proc/stat"), reason="Linux only")
def test_watching_while_this_process_prepares_counts_only_the_others(monkeypatch):
    import subprocess
    import sys
    import time

    # This process's own work while it prepares a job is not another program's.
    mine = []
    for _ in range(3):
        parallel.start_watching()
        _spin(0.15)
        mine.append(parallel._busy_cores(parallel._STARTED))
    loop = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.3)
        parallel.start_watching()
        _spin(0.15)
        others = parallel._busy_cores(parallel._STARTED)
    finally:
        loop.kill()
        loop.wait()
    assert min(mine) < 0.5 and others > 0.7, (mine, others)
    # free_cores takes the watch started and needs no pause of its own
    monkeypatch.setattr(parallel, "_WATCHED", None)
    monkeypatch.setattr(parallel, "n_cores", lambda: 2)
    parallel.start_watching()
    _spin(0.1)
    t = time.monotonic()
    parallel.free_cores()
    assert time.monotonic() - t < parallel.WATCH_SECONDS / 2 and parallel._STARTED is None


class _Bar:
    """A progress bar that remembers where it stood after each step."""

    def __init__(self, total):
        self.total, self.n, self.seen = total, 0, []

    def update(self, k):
        self.n += k
        self.seen.append(self.n)


def _work(job):
    bar, items = job
    for _ in items:
        parallel.advance(bar, 1)
    return len(items)


@pytest.mark.skipif(parallel.n_cores() < 2 or not parallel.can_fork(), reason="needs two cores and fork")
def test_the_progress_bar_follows_all_processes_not_only_the_first(monkeypatch):
    # Side by side, this process's half moves the bar for both: it should not stop at 50 %
    # and then jump to the end.
    monkeypatch.setattr(parallel, "free_cores", lambda: 2)
    bar = _Bar(200)
    parallel.map_chunks(_work, [(bar, range(100)), (bar, range(100))])
    assert bar.seen[-1] >= 190 and bar.seen[-1] < bar.total  # the end is left for the caller to fill
    assert bar.seen == sorted(bar.seen)


def test_the_progress_bar_counts_each_chunk_once_when_they_run_one_after_the_other():
    bar = _Bar(200)
    parallel.map_chunks(_work, [(bar, range(120)), (bar, range(80))], parallel=False)
    assert bar.seen[-1] == 200 and bar.seen == list(range(1, 201))
