"""Reading a large corpus a second time comes from the cache, unless a file or an option changed."""

import shutil
import warnings

import pandas as pd
import pytest

import corpus_tools.io.read as loading
from corpus_tools import LoadWarning, load_report, read_articles
from corpus_tools.io.read import SAMPLE_DIR


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLE_DIR, folder)
    (folder / "broken.csv").write_text("title,text\n\"never closed,oops\n", encoding="utf-8")
    return folder


def _no_reading(monkeypatch):
    monkeypatch.setattr(loading, "read_file", lambda *a, **k: pytest.fail("read a file instead of the cache"))


def test_second_read_comes_from_the_cache_with_its_report_and_warning(corpus, monkeypatch):
    with pytest.warns(LoadWarning, match="broken.csv"):
        first = read_articles(corpus, cache=True)
    with monkeypatch.context() as m:
        _no_reading(m)
        with pytest.warns(LoadWarning, match="broken.csv"):  # the problem is still reported
            again = read_articles(corpus, cache=True)
    pd.testing.assert_frame_equal(again, first)
    pd.testing.assert_frame_equal(load_report(again), load_report(first))


def test_a_changed_file_or_option_reads_the_files_again(corpus, monkeypatch):
    from corpus_tools.core.cache import cache_dir

    calls = []
    real = loading.read_file
    monkeypatch.setattr(loading, "read_file", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadWarning)
        read_articles(corpus, cache=True)
        n_files = len(calls)
        path = next(corpus.glob("003_*.txt"))
        path.write_text(path.read_text(encoding="utf-8").replace("Stoltenberg", "Stoltenberg,", 1), encoding="utf-8")
        changed = read_articles(corpus, cache=True)
        assert len(calls) == 2 * n_files and changed["text"].str.contains("Stoltenberg,").any()
        read_articles(corpus, cache=True, reference_date="2023-12-01")
        assert len(calls) == 3 * n_files
        read_articles(corpus, cache=True, reference_date="2023-12-01")
        assert len(calls) == 3 * n_files
        # Small corpora are not cached unless asked; cache=False neither reads nor writes it.
        before = set(cache_dir().glob("read_articles-*"))
        read_articles(corpus, cache=False)
        read_articles(corpus)
        assert len(calls) == 5 * n_files
        assert set(cache_dir().glob("read_articles-*")) == before


def test_the_cache_folder_is_made_when_missing(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path / "not" / "yet"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadWarning)
        first = read_articles(corpus, cache=True)
        _no_reading(monkeypatch)
        pd.testing.assert_frame_equal(read_articles(corpus, cache=True), first)
