"""describe_corpus: the notebooks' "Data:" line, safe to share (no folders, article text escaped)."""

import pandas as pd

import corpus_tools as ct
from corpus_tools.core.resources import sample_dir


def test_the_sample_is_named_as_such_and_counted(sample):
    text = str(ct.describe_corpus(sample, source=str(sample_dir())))
    assert text == ("Data: 5 articles from 4 outlets (unknown 2, AP 1, Kontur 1, TASS 1), dated 27 Nov 2023 to "
                    "27 Jun 2024 (1 undated). Read from the bundled sample.")


def test_only_the_last_part_of_a_path_is_named(sample, tmp_path):
    folder = tmp_path / "private" / "my_corpus"
    text = str(ct.describe_corpus(sample, source=folder / "news.csv"))
    assert text.endswith("Read from news.csv.") and "private" not in text and str(tmp_path) not in text
    assert str(ct.describe_corpus(sample, source=[folder, "exports/*.jsonl"])).endswith("Read from my_corpus, *.jsonl.")
    assert "Read from" not in ct.describe_corpus(sample)


def test_many_outlets_are_summed_up_and_no_articles_is_said_plainly():
    articles = pd.DataFrame({"doc_id": list("abcdefg"), "outlet": list("ABCDEFG"), "date": pd.NaT, "text": "x"})
    text = ct.describe_corpus(articles)
    assert "7 outlets (A 1, B 1, C 1, D 1, E 1, and 2 more), none of them dated." in text
    empty = ct.describe_corpus(articles.iloc[:0], source="nothing_here")
    assert empty.startswith("Data: no articles were loaded. Read from nothing_here.")


def test_in_a_notebook_data_is_bold_and_outlet_names_are_escaped():
    articles = pd.DataFrame({"doc_id": ["a"], "outlet": ["<img src=x onerror=alert(1)>"],
                             "date": pd.to_datetime(["2024-01-02"]), "text": ["x"]})
    shown = ct.describe_corpus(articles)._repr_html_()
    assert shown.startswith("<p><b>Data:</b> 1 article from 1 outlet (&lt;img src=x") and "<img" not in shown
