"""Work spread over cores: really in other processes, and switched off when the user asks."""

import os

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.core import parallel


def _pid(_chunk):
    return os.getpid()


@pytest.mark.skipif(parallel.n_cores() < 2 or not parallel.can_fork(), reason="needs two cores and fork")
def test_chunks_run_in_other_processes():
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
