import pandas as pd
import pytest

from corpus_tools.core import cache
from corpus_tools.text.tokens import tokenize


def articles(n, word="Alpha"):
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)],
                         "text": [f"{word} beta gamma number {i}." for i in range(n)]})


def test_second_run_reads_the_cache_and_gives_the_same_table(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path))
    a = articles(600)
    first = tokenize(a)
    assert len(list(tmp_path.glob("tokenize-*.arrow"))) == 1
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
    assert len(list(tmp_path.glob("tokenize-*.arrow"))) == 3


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


def test_a_filtered_table_never_gets_the_whole_tables_result(tmp_path, monkeypatch):
    # pandas keeps attrs (and a categorical's categories) on a filtered table: the key must come
    # from the rows themselves, or the filtered table would get the unfiltered counts.
    import corpus_tools.analysis.terms as terms

    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path))
    monkeypatch.setattr(terms, "CACHE_MIN_TOKENS", 0)
    a = articles(600).assign(outlet=["X", "Y"] * 300)
    a.attrs["load_report"] = "the same label on the whole table and on its parts"
    tokens = tokenize(a, metadata=["outlet"])
    whole = terms.count_terms(tokens, by="outlet")
    x_only = tokens[tokens["outlet"] == "X"]
    assert x_only.attrs == tokens.attrs and list(x_only["token"].cat.categories) == list(tokens["token"].cat.categories)
    counted = terms.count_terms(x_only, by="outlet")
    expected = whole[whole["outlet"] == "X"].reset_index(drop=True)
    assert len(counted) < len(whole)
    pd.testing.assert_frame_equal(counted.astype({"outlet": str}), expected.astype({"outlet": str}))
    # the same for tokenizing a filtered articles table
    assert set(tokenize(a[a["outlet"] == "Y"], metadata=["outlet"])["outlet"]) == {"Y"}


def test_same_codes_other_words_get_another_key():
    tokens = pd.DataFrame({"doc_id": ["a", "a"], "token": pd.Categorical(["war", "peace"])})
    renamed = tokens.assign(token=tokens["token"].cat.rename_categories({"war": "conflict"}))
    assert (tokens["token"].cat.codes == renamed["token"].cat.codes).all()
    key = cache.content_key(tokens, ["doc_id", "token"], "count_terms", {})
    assert cache.content_key(renamed, ["doc_id", "token"], "count_terms", {}) != key
    moved = tokens.assign(token=pd.Categorical(["peace", "war"]))
    assert cache.content_key(moved, ["doc_id", "token"], "count_terms", {}) != key


def test_tables_cached_by_other_code_are_not_returned(tmp_path, monkeypatch):
    # The version number stays while a checkout's code changes: a table made by older rules must be made again.
    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path))
    a = articles(600)
    tokenize(a)
    monkeypatch.setattr("corpus_tools.core.resources.code_fingerprint", lambda: "other code")

    def computed(*args):
        raise LookupError("computed again")

    monkeypatch.setattr("corpus_tools.text.tokens._tokenize", computed)
    with pytest.raises(LookupError, match="computed again"):  # not read from the cache
        tokenize(a)


def test_code_fingerprint_follows_the_package_files(tmp_path, monkeypatch):
    from corpus_tools.core import resources

    first = resources.code_fingerprint()
    assert first == resources.code_fingerprint() and len(first) == 24
    resources.code_fingerprint.cache_clear()
    monkeypatch.setattr(resources, "package_version", lambda: "9.9.9")
    try:
        assert resources.code_fingerprint() != first
    finally:
        resources.code_fingerprint.cache_clear()
