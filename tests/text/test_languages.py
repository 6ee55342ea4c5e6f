"""Corpora in other languages: detection, stop words, stems, sentences and tokens in other scripts.

tests/data/ru_uk_news.csv holds six short articles written for these tests (Russian, Ukrainian, and one
article with an English and a Russian paragraph) from three invented outlets: Вестник (Russian), Кур'єр
(Ukrainian) and Полюс (Russian, written from a Ukrainian point of view: "в Украине").
"""

import warnings
from pathlib import Path

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.text.languages import LanguageWarning, detect_language, find_foreign_words
from corpus_tools.text.sentences import split_sentences

RU_UK = Path(__file__).resolve().parent.parent / "data" / "ru_uk_news.csv"


@pytest.fixture(scope="module")
def ru_uk():
    return ct.read_articles(RU_UK)


def test_the_russian_and_ukrainian_corpus_loads_with_its_languages(ru_uk):
    got = dict(zip(ru_uk["doc_id"], ru_uk["language"]))
    assert got == {"ru-1": "ru", "ru-2": "ru", "ru-3": "ru", "uk-1": "uk", "uk-2": "uk", "mixed-1": "mixed"}
    single = ru_uk[ru_uk["language"] != "mixed"]
    assert (single["language_confidence"] > 0.9).all()
    assert single["language_evidence"].str.startswith("detected in the text (fastText").all()
    mixed = ru_uk.set_index("doc_id").loc["mixed-1"]
    assert pd.isna(mixed["language_confidence"])
    assert "Cyrillic" in mixed["language_evidence"] and "(ru)" in mixed["language_evidence"]
    assert "Latin" in mixed["language_evidence"] and "(en)" in mixed["language_evidence"]


def test_short_texts_are_unknown_and_the_reason_is_given():
    assert detect_language("Kyiv, Nov. 28")[0] == "unknown"
    assert detect_language(None)[0] == "unknown"
    assert detect_language("   ")[2].startswith("too short to tell")
    # A long English text with one Russian word is English, not mixed.
    text = "NATO has long been accused of провоцируя conflict in the region, the minister said on Tuesday."
    assert detect_language(text)[0] == "en"


def test_accented_latin_greek_and_arabic_are_told_apart():
    texts = {"fr": "Le gouvernement a annoncé mercredi de nouvelles mesures pour soutenir les entreprises.",
             "de": "Die Regierung hat am Mittwoch neue Maßnahmen zur Unterstützung der Unternehmen angekündigt.",
             "el": "Η κυβέρνηση ανακοίνωσε την Τετάρτη νέα μέτρα για τη στήριξη των επιχειρήσεων.",
             "ar": "أعلنت الحكومة يوم الأربعاء عن إجراءات جديدة لدعم الشركات الصغيرة."}
    assert {k: detect_language(t)[0] for k, t in texts.items()} == {k: k for k in texts}


def test_stop_words_for_at_least_30_languages_by_name_or_code():
    table = ct.languages()
    with_lists = table.loc[table["n_stopwords"] > 0, "name"].nunique()
    assert with_lists >= 30
    assert ct.stopwords("ru")["word"].tolist() == ct.stopwords("Russian")["word"].tolist()
    ru, uk = set(ct.stopwords("ru")["word"]), set(ct.stopwords("uk-UA")["word"])
    assert {"и", "что", "не", "это", "который"} <= ru and {"і", "що", "не", "це", "бо", "щодо"} <= uk
    # Words that carry meaning in news were taken out of the package's lists: мир (peace), years, "said".
    assert not {"мира", "год", "сказал", "люди"} & ru and not {"миру", "рік", "сказав", "какая"} & uk
    # The English list is the one shipped before; the Greek list is Modern Greek, not Ancient.
    assert len(ct.stopwords("en")) == len(ct.stopwords()) and "the" in set(ct.stopwords("en")["word"])
    el = set(ct.stopwords("el")["word"])
    assert {"και", "είναι", "του"} <= el and "καί" not in el
    with pytest.raises(ValueError, match="No stop-word list for 'klingon'"):
        ct.stopwords("klingon")


def test_stop_words_are_removed_in_each_articles_own_language(ru_uk):
    tokens = ct.tokenize(ru_uk, metadata=["outlet", "language"])
    kept = ct.remove_stopwords(tokens, stopwords="auto")
    by_doc = kept.groupby("doc_id", observed=True)["token"].apply(set)
    assert not {"что", "не", "в", "о", "по", "это"} & by_doc["ru-1"]
    assert {"переговоры", "мира", "тупик"} <= by_doc["ru-1"]
    assert not {"що", "не", "в", "про", "це"} & by_doc["uk-1"] and "переговори" in by_doc["uk-1"]
    # The mixed article loses the stop words of both its languages; "said" is not an English stop word.
    assert not {"the", "to", "and", "в", "по"} & by_doc["mixed-1"]
    assert {"said", "министры", "ministers"} <= by_doc["mixed-1"]
    # Each article loses its own language's list only: Russian "что" stays in a Ukrainian article, and so on.
    toks = pd.DataFrame({"token": ["что", "що", "что", "що"], "language": ["uk", "uk", "ru", "ru"]})
    assert ct.remove_stopwords(toks, stopwords="auto").values.tolist() == [["что", "uk"], ["що", "ru"]]


def test_cyrillic_tokens_are_counted(ru_uk):
    tokens = ct.remove_stopwords(ct.tokenize(ru_uk, metadata=["outlet", "language"]), stopwords="auto")
    counts = ct.count_terms(tokens, by="outlet").set_index(["outlet", "term"])["n"]
    assert counts[("Вестник", "переговоры")] == 2        # "Переговоры ..." and "... что переговоры могут"
    assert counts[("Кур'єр", "енергетичну")] == 1 and counts[("Кур'єр", "україни")] == 2
    assert counts[("Полюс", "нато")] == 2                 # НАТО, lower-cased


def test_auto_needs_the_language_column_and_names_how_to_get_it(ru_uk):
    tokens = ct.tokenize(ru_uk)
    with pytest.raises(ValueError, match=r"metadata=\['language'\]"):
        ct.remove_stopwords(tokens, stopwords="auto")


def test_a_language_without_a_list_warns_and_loses_the_others_stop_words():
    toks = pd.DataFrame({"token": ["и", "the", "na", "kodi"], "language": ["ru", "en", "sw", "sw"]})
    with pytest.warns(UserWarning, match="No stop-word list for sw"):
        kept = ct.remove_stopwords(toks, stopwords="auto")
    assert kept["token"].tolist() == ["na", "kodi"]   # "the" and "и" go: English and the table's Russian


def test_stemming_follows_each_articles_language(ru_uk):
    with pytest.warns(UserWarning, match="No Snowball stemmer for uk"):
        stems = ct.tokenize(ru_uk, stem=True)
    by_doc = stems.groupby("doc_id", observed=True)["token"].apply(set)
    assert {"переговор", "энергетик"} <= by_doc["ru-1"] | by_doc["ru-2"]
    assert "переговори" in by_doc["uk-1"]                   # left as it is: Snowball has no Ukrainian
    assert {"minist", "sanction"} <= by_doc["mixed-1"]       # mixed: English stems for the Latin words
    # A table without a language column is stemmed in English, as before.
    english = pd.DataFrame({"doc_id": ["a"], "text": ["The talks stalled."]})
    assert ct.tokenize(english, stem=True)["token"].tolist() == ["the", "talk", "stall"]
    assert ct.tokenize(ru_uk.iloc[:1], stem="russian")["token"].iloc[0] == "переговор"


SENTENCES = {
    "ru": ["Переговоры зашли в тупик.", "«Мы не уступим», — заявил министр.", "Ответ т.е. был дан."],
    "uk": ["Переговори зайшли в глухий кут.", "Ґанок будинку зруйновано.", "Євросоюз відповів."],
    "el": ["Η κυβέρνηση ανακοίνωσε νέα μέτρα.", "Ο πρωθυπουργός μίλησε στη Βουλή.", "Ένας βουλευτής διαφώνησε."],
    "ar": ["قال الرئيس إن الحكومة ستدعم الشركات.", "هل ستنجح الخطة؟", "لا أحد يعرف."],
    "fr": ["Le président a parlé.", "À Paris, la réunion a eu lieu.", "Élisabeth Borne a répondu."],
    "es": ["¿Qué pasó?", "¡Nadie sabe!", "El ministro habló."],
    "zh": ["国家主席会见了来访的总统。", "双方讨论了合作问题。"],
}


@pytest.mark.parametrize("language", list(SENTENCES))
def test_sentences_split_in_other_scripts(language):
    sentences = SENTENCES[language]
    sep = "" if language == "zh" else " "
    arts = pd.DataFrame({"doc_id": ["a"], "text": [sep.join(sentences)]})
    assert split_sentences(arts)["text"].tolist() == sentences
    # The tokenizer finds the same sentences.
    tokens = ct.tokenize(arts)
    assert tokens["sent_id"].nunique() == len(sentences)


def test_tokens_of_other_scripts_are_whole_words():
    arts = pd.DataFrame({"doc_id": ["a"], "text": ["Єврокомісія обговорила з Києвом «п'ятий» пакет. "
                                                   "Η Ελλάδα ψήφισε. Élisabeth Borne répondit. قال الرئيس"]})
    assert ct.tokenize(arts)["token"].tolist() == [
        "єврокомісія", "обговорила", "з", "києвом", "п'ятий", "пакет", "η", "ελλάδα", "ψήφισε", "élisabeth",
        "borne", "répondit", "قال", "الرئيس"]
    # Chinese and Japanese are not segmented into words: a run of characters between punctuation is one token.
    zh = ct.tokenize(pd.DataFrame({"doc_id": ["b"], "text": ["国家主席会见了来访的总统。"]}))
    assert zh["token"].tolist() == ["国家主席会见了来访的总统"]


def test_the_samples_russian_word_is_a_russian_word(sample):
    found = find_foreign_words(sample)
    assert found[["word", "script", "language", "article_language"]].values.tolist() == [
        ["провоцируя", "Cyrillic", "ru", "en"]]
    assert found["outlet"].tolist() == ["AP"]
    assert sample["language"].eq("en").all()


def test_add_language_on_a_table_made_otherwise():
    arts = pd.DataFrame({"doc_id": ["a"], "text": ["Переговори про припинення вогню зайшли в глухий кут."]})
    out = ct.add_language(arts)
    assert out["language"].tolist() == ["uk"] and list(arts.columns) == ["doc_id", "text"]


def test_no_warning_for_an_english_corpus(sample):
    with warnings.catch_warnings():
        warnings.simplefilter("error", LanguageWarning)
        ct.add_sentiment(sample)
        ct.remove_stopwords(ct.tokenize(sample, metadata=["language"]), stopwords="auto")
