"""corpus_tools.dask gives the tables of the pandas functions, on a LocalCluster with several partitions.

Each corpus (the bundled sample always; the BBC corpus when ../shared/corpora is present)
is saved with write_articles(partitioned=True) in several parts, opened with
corpus_tools.dask.read_articles, and every function is compared with its pandas twin.
"""

import warnings

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.io.read import SAMPLE_DIR

from .conftest import corpus_path

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
cd = pytest.importorskip("corpus_tools.dask")


@pytest.fixture(scope="module")
def client(dask_client):
    return dask_client


def _bbc():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ct.read_articles(corpus_path("bbc_news_2225", "bbc"), progress=False)


# name -> (articles, rows per Parquet part): several parts each, so combining is exercised.
@pytest.fixture(scope="module", params=["sample", pytest.param("bbc", marks=pytest.mark.corpora)])
def corpus(request, tmp_path_factory, client):
    articles = ct.load_sample() if request.param == "sample" else _bbc()
    rows = 2 if request.param == "sample" else 400
    folder = ct.write_articles(articles, tmp_path_factory.mktemp(request.param) / "corpus", partitioned=True,
                               rows_per_file=rows)
    ddf = cd.read_articles(folder)
    assert ddf.npartitions == -(-len(articles) // rows) > 1
    return articles, folder, ddf


_PANDAS: dict = {}


def _pandas(name, articles, compute):
    """A pandas result computed once per corpus (BBC sentiment takes seconds)."""
    key = (name, len(articles), articles["doc_id"].iloc[0])
    if key not in _PANDAS:
        _PANDAS[key] = compute()
    return _PANDAS[key]


def _tokens(articles):
    return _pandas("tokens", articles, lambda: ct.tokenize(articles, metadata=["outlet", "date"], cache=False))


def _same(got: pd.DataFrame, expected: pd.DataFrame, **kwargs):
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True), **kwargs)


def test_partitioned_parquet_round_trip(corpus):
    articles, folder, ddf = corpus
    back = ct.read_articles(folder)
    _same(back, articles)
    assert ct.load_report(back).equals(ct.load_report(articles))
    assert dict(ddf.dtypes) == dict(articles.dtypes)
    _same(ddf.compute(), articles)


def test_round_trip_keeps_json_columns_and_replaces_an_old_corpus(tmp_path):
    a = ct.load_sample()
    a["tags"] = [["nato", "ukraine"], None, [], {"k": 1}, "plain"]  # lists, a dict, text, missing
    a["score"] = [1, "two", 3.5, None, 5]  # numbers in one row, words in another
    folder = ct.write_articles(a, tmp_path / "c", partitioned=True, rows_per_file=2)
    back = ct.read_articles(folder)
    assert back["tags"].tolist() == a["tags"].tolist() and back["score"].tolist()[:3] == [1, "two", 3.5]
    assert back.dtypes.equals(a.dtypes)
    # Rewriting with bigger parts leaves no part of the first corpus behind.
    ct.write_articles(a.iloc[:3], folder, partitioned=True, rows_per_file=10)
    assert sorted(p.name for p in folder.iterdir()) == ["_corpus_tools.json", "part-00000.parquet"]
    assert ct.read_articles(folder)["doc_id"].tolist() == a["doc_id"].tolist()[:3]
    # A folder holding something else is never emptied.
    other = tmp_path / "notes"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError, match="not a saved corpus"):
        ct.write_articles(a, other, partitioned=True)
    assert (other / "keep.txt").read_text() == "mine"


def test_partitioned_folder_inside_a_list_is_read_part_by_part(tmp_path):
    a = ct.load_sample()
    folder = ct.write_articles(a, tmp_path / "c", partitioned=True, rows_per_file=2)
    back = ct.read_articles([folder])  # not the folder itself: every file is read and accounted for
    _same(back, a)
    report = ct.load_report(back)
    assert (report["status"] == "loaded").all() and report["n_articles"].tolist() == [0, 2, 2, 1]


def test_single_file_write_unchanged(tmp_path):
    a = ct.load_sample()
    path = ct.write_articles(a, tmp_path / "one.parquet")
    assert path.is_file()
    _same(ct.read_articles(path), a)
    assert cd.read_articles(path).npartitions == 1


def test_tokenize_equals_pandas(corpus):
    articles, _, ddf = corpus
    got = cd.tokenize(ddf, metadata=["outlet", "date"]).compute()
    expected = _tokens(articles)
    # The Dask tokens table holds plain strings and dates where pandas has categoricals (documented).
    _same(got, expected.astype({"doc_id": "str", "token": "str", "outlet": "str",
                                "date": expected["date"].cat.categories.dtype}))


@pytest.mark.parametrize("by,ngram,words_only", [("outlet", 1, True), (None, 1, False), (["outlet"], 2, True)])
def test_count_terms_equals_pandas(corpus, by, ngram, words_only):
    articles, _, ddf = corpus
    expected = ct.count_terms(_tokens(articles), by=by, ngram=ngram, words_only=words_only)
    from_articles = cd.count_terms(ddf, by=by, ngram=ngram, words_only=words_only)
    _same(from_articles, expected)
    if ngram == 1:  # (bigrams from tokens take the same path as from articles, only slower)
        from_tokens = cd.count_terms(cd.tokenize(ddf, metadata=["outlet"]), by=by, ngram=ngram, words_only=words_only)
        _same(from_tokens, expected)


@pytest.mark.parametrize("ngram", [1, 2])
def test_count_terms_without_stop_words_equals_pandas(corpus, ngram):
    articles, _, ddf = corpus
    expected = ct.count_terms(articles, by="outlet", ngram=ngram, stopwords="auto", extra=["said"])
    _same(cd.count_terms(ddf, by="outlet", ngram=ngram, stopwords="auto", extra=["said"]), expected)
    assert not {"the", "said"} & set(expected["term"].str.split().explode())
    with pytest.raises(KeyError, match="language"):
        cd.count_terms(ddf.drop(columns="language"), by="outlet", stopwords="auto")


def test_work_runs_on_the_cluster(corpus, client):
    _, _, ddf = corpus
    with distributed.get_task_stream(client) as stream:
        cd.count_terms(ddf, by="outlet")
    workers = {t["worker"] for t in stream.data}
    assert len(stream.data) >= ddf.npartitions and workers <= set(client.scheduler_info()["workers"])


@pytest.mark.parametrize("method", [None, "text"])
def test_add_sentiment_equals_pandas_exactly(corpus, method):
    articles, _, ddf = corpus
    got = cd.add_sentiment(ddf, method=method).compute()
    expected = _pandas(f"sentiment {method}", articles,
                       lambda: ct.add_sentiment(articles, method=method, cache=False, progress=False))
    _same(got, expected, check_exact=True)


@pytest.mark.parametrize("kwargs", [
    {},
    {"by": "outlet", "freq": "M"},
    {"by": "outlet", "freq": "W", "value": "n_words"},  # mean, from partial sums and counts
    {"freq": "Y", "value": "n_words", "agg": "sum"},
    {"by": "outlet", "freq": "M", "value": "n_words", "agg": "max"},
    {"freq": "M", "value": "n_words", "agg": "median"},  # not additive: read into memory
])
def test_timeline_equals_pandas(corpus, kwargs):
    articles, _, ddf = corpus
    got = cd.timeline(ddf, **kwargs)
    expected = ct.timeline(articles, **kwargs)
    _same(got, expected)
    assert got.attrs == expected.attrs


def test_timeline_of_sentiment_equals_pandas(corpus):
    articles, _, ddf = corpus
    got = cd.timeline(cd.add_sentiment(ddf), by="outlet", freq="M", value="compound")
    scored = _pandas("sentiment None", articles, lambda: ct.add_sentiment(articles, cache=False, progress=False))
    expected = ct.timeline(scored, by="outlet", freq="M", value="compound")
    _same(got, expected)


@pytest.mark.parametrize("pattern,kwargs", [
    ("Kyiv", {}), ("said", {"window": 3}), ("Kyiv|Kiev|Ukrain\\w+", {"regex": True}), (["Kyiv", "Kiev"], {}),
    ("kiev", {"regex": True, "whole_words": False}), ("Kyiv", {"variants": True}),
])
@pytest.mark.filterwarnings("ignore::corpus_tools.text.search_terms.PatternWarning")  # pandas names Kiev
def test_kwic_equals_pandas(corpus, pattern, kwargs):
    articles, _, ddf = corpus
    expected = ct.kwic(articles, pattern, **kwargs)
    got = cd.kwic(ddf, pattern, **kwargs).compute()
    _same(got, expected)


def test_kwic_on_tokens_equals_pandas(corpus):
    articles, _, ddf = corpus
    got = cd.kwic(cd.tokenize(ddf, metadata=["outlet", "date"]), "said").compute()
    expected = ct.kwic(_tokens(articles), "said")
    assert len(expected) > 0
    # Same rows and values; the pandas doc_id column is object here (from the categorical), str on Dask,
    # and the dates a categorical of dates (plain dates on Dask).
    expected = expected.astype({"date": expected["date"].cat.categories.dtype})
    _same(got, expected, check_dtype=False, check_categorical=False)


def test_write_a_dask_frame_and_read_it_back(tmp_path, corpus):
    articles, _, ddf = corpus
    folder = cd.write_articles(ddf[ddf["outlet"] != "unknown"], tmp_path / "subset",
                               load_report=articles.attrs["load_report"])
    back = ct.read_articles(folder)
    _same(back, articles[articles["outlet"] != "unknown"])
    assert ct.load_report(back).equals(ct.load_report(articles))


def test_pandas_input_gets_a_clear_error():
    with pytest.raises(TypeError, match="takes a Dask DataFrame.*corpus_tools.count_terms"):
        cd.count_terms(ct.load_sample())
    with pytest.raises(FileNotFoundError, match="partitioned=True"):
        cd.read_articles(SAMPLE_DIR)


def test_missing_column_is_named(corpus):
    _, _, ddf = corpus
    with pytest.raises(KeyError, match="metadata=\\['section_x'\\]"):
        cd.count_terms(ddf, by="section_x")
