import pandas as pd

from corpus_tools.core import cache
from corpus_tools.text.tokens import tokenize


def articles(n, word="Alpha"):
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)],
                         "text": [f"{word} beta gamma number {i}." for i in range(n)]})


def test_second_run_reads_the_cache_and_gives_the_same_table(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path))
    a = articles(600)
    first = tokenize(a)
    assert len(list(tmp_path.glob("tokenize-*.parquet"))) == 1
    calls = []
    monkeypatch.setattr("corpus_tools.text.tokens._tokenize", lambda *args: calls.append(1))
    again = tokenize(a)
    assert calls == [] and again.equals(first)


def test_changed_corpus_or_parameters_never_get_a_stale_table(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path))
    a = articles(600)
    tokenize(a)
    changed = a.copy()
    changed.loc[5, "text"] = "completely different words."
    assert "completely" in set(tokenize(changed)["token"])
    assert "Alpha" in set(tokenize(a, lowercase=False)["token"])
    assert len(list(tmp_path.glob("tokenize-*.parquet"))) == 3


def test_clear_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path / "c"))
    tokenize(articles(600))
    assert cache.clear_cache() == 1
    assert not (tmp_path / "c").exists()


def test_small_inputs_are_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path))
    tokenize(articles(5))
    assert list(tmp_path.iterdir()) == []


def test_sentiment_scores_are_cached_by_text(tmp_path, monkeypatch):
    from corpus_tools.analysis.sentiment import add_sentiment

    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path))
    a = articles(600).assign(outlet="X")
    first = add_sentiment(a, method="text")
    monkeypatch.setattr("corpus_tools.analysis.sentiment._score_frame", lambda *args: 1 / 0)
    again = add_sentiment(a.assign(outlet="Y"), method="text")  # other columns may differ: scores are by text
    assert again["compound"].equals(first["compound"]) and set(again["outlet"]) == {"Y"}
