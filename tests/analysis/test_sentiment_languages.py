"""VADER scores English only: never English scores on Russian or Ukrainian text."""

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.text.languages import LanguageWarning

RU_UK = Path(__file__).resolve().parent.parent / "data" / "ru_uk_news.csv"


@pytest.fixture(scope="module")
def ru_uk():
    return ct.read_articles(RU_UK)


def test_no_english_sentiment_on_russian_or_ukrainian_articles(ru_uk):
    said = r"NaN for 5 rows of 6 in another language than English \(ru 3, uk 2\)"
    with pytest.warns(LanguageWarning, match=said) as caught:
        scored = ct.add_sentiment(ru_uk)
    assert len([w for w in caught if issubclass(w.category, LanguageWarning)]) == 1   # one warning, not one a row
    by_id = scored.set_index("doc_id")
    assert by_id.loc[["ru-1", "ru-2", "ru-3", "uk-1", "uk-2"], ["neg", "neu", "pos", "compound"]].isna().all().all()
    assert by_id.loc[["ru-1", "uk-1"], "sentiment"].isna().all()
    # The article with an English and a Russian paragraph: its two English sentences are scored, not the Russian.
    english = ct.add_sentiment(pd.DataFrame({"text": ["Ministers met in Brussels on Thursday to discuss new "
                                                      "sanctions against Russia.", "Officials said the package "
                                                      "would target banks and energy exports."]}))
    assert by_id.loc["mixed-1", "n_sentences"] == 2
    assert by_id.loc["mixed-1", "compound"] == pytest.approx(english["compound"].mean())


def test_without_a_language_column_text_in_another_alphabet_is_not_scored(ru_uk):
    bare = ru_uk[["doc_id", "text"]]
    with pytest.warns(LanguageWarning, match="NaN for 5 rows written mostly in another alphabet"):
        scored = ct.add_sentiment(bare)
    assert scored.set_index("doc_id").loc[["ru-1", "uk-2"], "compound"].isna().all()
    sentences = ct.split_sentences(bare)
    with pytest.warns(LanguageWarning):
        per_sentence = ct.add_sentiment(sentences)
    cyrillic = sentences["text"].str.contains("[а-яіїєґ]", case=False, regex=True).to_numpy()
    assert per_sentence.loc[cyrillic, "compound"].isna().all() and per_sentence.loc[~cyrillic, "compound"].notna().all()


def test_other_latin_languages_are_left_out_by_their_language():
    arts = pd.DataFrame({"doc_id": ["fr", "en", "short"], "language": ["fr", "en", "unknown"],
                         "text": ["Le sommet fut un grand succès.", "The summit was a great success.", "Great."]})
    with pytest.warns(LanguageWarning, match=r"\(fr 1\); 1 row of unknown or mixed language scored as English"):
        scored = ct.add_sentiment(arts).set_index("doc_id")["compound"]
    assert np.isnan(scored["fr"]) and scored["en"] > 0.5 and scored["short"] > 0   # unknown, in Latin letters: scored


def test_sentiment_toward_and_its_sentences_skip_other_languages(ru_uk):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LanguageWarning)
        found = ct.find_sentences_mentioning(ru_uk, "НАТО")
        toward = ct.sentiment_toward(ru_uk, "Brussels")
    assert len(found) == 2 and found["compound"].isna().all() and "language" not in found.columns
    assert toward["doc_id"].tolist() == ["mixed-1"] and toward["compound"].notna().all()
