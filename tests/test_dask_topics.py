"""corpus_tools.dask.find_topics: topics learned part by part (MiniBatchNMF), on a LocalCluster and without one."""

import warnings

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.analysis.keyness import SmallCountWarning

from .conftest import corpus_path

distributed = pytest.importorskip("distributed")
cd = pytest.importorskip("corpus_tools.dask")


@pytest.fixture(scope="module")
def client(dask_client):
    return dask_client


@pytest.fixture(scope="module")
def sample_parts(tmp_path_factory):
    return ct.write_articles(ct.load_sample(), tmp_path_factory.mktemp("sample") / "corpus", partitioned=True,
                             rows_per_file=2)


def _topics(folder, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallCountWarning)
        return cd.find_topics(cd.read_articles(folder), progress=False, **kwargs)


def test_tables_like_the_pandas_ones_and_the_same_on_every_run(sample_parts):
    with pytest.warns(SmallCountWarning, match="Only 5 articles"):
        topics = cd.find_topics(cd.read_articles(sample_parts), n_topics=2, progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallCountWarning)
        pandas = ct.find_topics(ct.load_sample(), n_topics=2)
    assert list(topics.terms.columns) == list(pandas.terms.columns)
    docs = topics.documents.compute()
    assert list(docs.columns) == list(pandas.documents.columns)
    assert sorted(docs["doc_id"].unique()) == sorted(pandas.documents["doc_id"].unique())
    assert (docs.groupby("doc_id")["weight"].sum().round(9) == 1).all()
    again = _topics(sample_parts, n_topics=2)
    pd.testing.assert_frame_equal(again.terms, topics.terms)
    pd.testing.assert_frame_equal(again.documents.compute(), docs)


def test_on_a_cluster_too_and_timeline_reads_the_lazy_table(sample_parts, client):
    local = _topics(sample_parts, n_topics=2)
    on_cluster = _topics(sample_parts, n_topics=2)
    pd.testing.assert_frame_equal(on_cluster.terms, local.terms)
    pd.testing.assert_frame_equal(on_cluster.documents.compute(), local.documents.compute())
    shares = cd.timeline(on_cluster.documents, by=["outlet", "label"], value="weight", freq="D", progress=False)
    expected = ct.timeline(local.documents.compute(), by=["outlet", "label"], value="weight", freq="D")
    pd.testing.assert_frame_equal(shares, expected, check_exact=False)


def test_not_a_dask_table_is_a_clear_error():
    with pytest.raises(TypeError, match="Dask DataFrame"):
        cd.find_topics(ct.load_sample())


@pytest.mark.corpora
def test_bbc_in_parts_matches_its_sections(tmp_path, client):
    from sklearn.metrics import normalized_mutual_info_score

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = ct.read_articles(corpus_path("bbc_news_2225", "bbc"), progress=False)
    folder = ct.write_articles(articles, tmp_path / "bbc", partitioned=True, rows_per_file=400)
    topics = cd.find_topics(cd.read_articles(folder), n_topics=5, sample=2000, progress=False)
    docs = topics.documents.compute()
    main = docs[docs["main"]]
    nmi = normalized_mutual_info_score(main["doc_id"].str.split("/").str[0], main["topic"])
    assert len(main) == len(articles) and nmi >= 0.75, nmi
    again = cd.find_topics(cd.read_articles(folder), n_topics=5, sample=2000, progress=False)
    pd.testing.assert_frame_equal(again.documents.compute(), docs)
