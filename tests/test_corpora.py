"""Real corpora from ../shared/corpora (skipped where that folder is absent)."""

import warnings

import pandas as pd
import pytest

from corpus_tools import LoadWarning, load_report, read_articles

from .conftest import corpus_path


@pytest.fixture(scope="module")
def bbc():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        articles = read_articles(corpus_path("bbc_news_2225", "bbc"), progress=False)
    return articles, caught


def test_bbc_folder_loads_every_article(bbc):
    articles, caught = bbc
    assert len(articles) == 2225
    assert articles["doc_id"].is_unique
    assert articles["source_path"].str.contains("sport/199.txt").sum() == 1
    assert any(issubclass(w.category, LoadWarning) for w in caught)


def test_bbc_one_encoding_warning_for_the_file_that_is_not_utf8(bbc):
    articles, _ = bbc
    rep = load_report(articles)
    enc = rep[rep["reason"].str.contains("not UTF-8", na=False)]
    assert enc["path"].str.endswith("sport/199.txt").tolist() == [True]
    mutu = articles[articles["doc_id"] == "sport/199"].iloc[0]
    assert "£15.8m" in mutu["text"] and "encoding_guessed" in mutu["flags"]
    assert mutu["encoding"] == "cp1252"
    # The README is listed, not read as an article.
    readme = rep[rep["path"].str.endswith("README.TXT")]
    assert readme["status"].tolist() == ["skipped"]


def test_bbc_titles_and_no_invented_dates(bbc):
    articles, _ = bbc
    assert articles.set_index("doc_id").loc["sport/199", "title"] == "Chelsea sack Mutu"
    # The corpus has no publication dates: dates mentioned in stories must not become them.
    assert articles["date"].notna().sum() <= 10


def test_isot_csv_loads_with_dates_parsed():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = read_articles(str(corpus_path("isot_fake_real_news_sample")) + "/*.csv")
    assert len(articles) == 254
    assert articles["date"].notna().all() and (articles["date_source"] == "metadata").all()
    assert articles["date"].min() >= pd.Timestamp("2017-11-01") and articles["date"].max() <= pd.Timestamp("2017-12-31")
    assert set(articles["subject"]) >= {"politicsNews", "News"}
    reuters = articles[articles["source_path"].str.endswith("True.csv")]
    credited = reuters[reuters["raw_text"].str[:150].str.contains("(Reuters) - ", regex=False)]
    assert len(credited) > 80 and (credited["agency"] == "Reuters").all()
    assert (credited["outlet"] == "Reuters").all()
    corrected = reuters[reuters["raw_text"].str.lstrip().str.startswith("(Corrects")]
    assert len(corrected)
    assert all(r["removed_lines"][0]["reason"] == "correction notice" for _, r in corrected.iterrows())
    assert not reuters["text"].str.startswith("WASHINGTON (Reuters)").any()
