"""choose_parameters: each notebook parameter chosen from the corpus by a stated rule, given values kept."""

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.media.parameters import MAX_OUTLETS, PARAMETERS, Parameters


def _articles(n, *, outlets=("A", "B"), start="2024-01-01", days=1, text="Plain words about the council meeting."):
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(n)],
        "title": [f"t{i}" for i in range(n)],
        "text": [text] * n,
        "outlet": [outlets[i % len(outlets)] for i in range(n)],
        "date": pd.Timestamp(start) + pd.to_timedelta([i * days for i in range(n)], unit="D"),
        "n_words": [6] * n,
    })


def test_the_sample_gets_the_choices_a_teacher_would_make(sample):
    choice = ct.choose_parameters(sample)
    assert isinstance(choice, Parameters) and list(choice) == list(PARAMETERS)
    assert choice["TARGET"] == "TASS"  # the outlets tie on articles (1 each, "unknown" aside): TASS has most words
    assert choice["KEYWORD"] == "Kyiv|Kiev"  # both spellings occur
    assert choice["FRAMING_TERM"] == "Kiev"
    assert choice["WORDS"][:2] == ["kiev", "kyiv"] and len(choice["WORDS"]) == 4
    assert choice["FREQ"] == "W" and choice["OUTLETS"] == ["TASS", "Kontur", "AP"]
    assert choice.reasons["OUTLETS"] == "all 3 outlet(s) (and 'unknown', never grouped)"
    assert choice["EXTRA_STOPWORDS"] == ["said", "also"] and choice["N_TERMS"] == 15
    assert all(choice.reasons[name] for name in choice)
    assert "596" in choice.reasons["TARGET"] and "Kyiv, Kiev" in choice.reasons["KEYWORD"]
    # Every chosen word is in the corpus.
    tokens = set(ct.tokenize(sample)["token"])
    assert set(choice["WORDS"]) <= tokens and choice["TERM"].lower() in tokens
    text = str(choice)
    assert "TARGET = 'TASS'" in text and choice.reasons["FREQ"] in text
    assert choice.table()["name"].tolist() == list(PARAMETERS)


def test_only_the_parameters_asked_for_are_returned_and_the_same_articles_give_the_same_choice(sample):
    choice = ct.choose_parameters(sample, FREQ=None, TERM=None)
    assert list(choice) == ["FREQ", "TERM"]
    assert ct.choose_parameters(sample, FREQ=None, TERM=None) == choice


@pytest.mark.parametrize("days, n, freq", [(1, 10, "D"), (1, 60, "D"), (7, 66, "W"), (3, 150, "W"),
                                           (30, 60, "M"), (30, 200, "Y")])
def test_the_time_step_gives_a_few_dozen_periods(days, n, freq):
    choice = ct.choose_parameters(_articles(n, days=days), FREQ=None)
    assert choice["FREQ"] == freq, choice.reasons["FREQ"]
    periods = ct.timeline(_articles(n, days=days), freq=choice["FREQ"])
    assert 1 <= len(periods) <= 70


def test_fifteen_months_are_weekly_and_the_reason_says_how_many_periods():
    choice = ct.choose_parameters(_articles(2, start="2016-01-04", days=455), FREQ="auto")
    assert choice["FREQ"] == "W"
    assert "2016-01-04 to 2017-04-03, 66 period(s); daily would give 456" in choice.reasons["FREQ"]


def test_no_dates_and_no_articles_give_choices_that_keep_the_notebooks_running():
    undated = _articles(3).assign(date=pd.NaT)
    assert ct.choose_parameters(undated, FREQ=None)["FREQ"] == "D"
    empty = ct.choose_parameters(_articles(0))
    assert empty["TARGET"] is None and empty["WORDS"] == [] and empty["KEYWORD"] == ""
    assert empty["OUTLETS"] == [] and "no outlet is named" in empty.reasons["OUTLETS"]


def test_many_outlets_compare_the_largest_and_group_the_others():
    names = [f"outlet {i:02d}" for i in range(15)]
    articles = _articles(15 * 16, outlets=names)
    articles = articles[~((articles["outlet"] > "outlet 11") & (articles.index % 2 == 0))]  # the last three: smaller
    choice = ct.choose_parameters(articles, OUTLETS=None, TARGET=None)
    assert choice["OUTLETS"] == names[:MAX_OUTLETS] == names[:12]
    assert choice.reasons["OUTLETS"] == ("the 12 outlets with the most articles, of 15; the other 3 (24 articles, "
                                         "11%) are grouped as 'other'")
    assert choice["TARGET"] in choice["OUTLETS"]
    grouped = ct.group_outlets(articles, keep=choice["OUTLETS"])  # what the notebooks do next
    assert set(grouped["outlet"]) == set(names[:12]) | {"other"}
    assert ct.choose_parameters(_articles(4), OUTLETS=None)["OUTLETS"] == ["A", "B"]


def test_the_target_is_never_unknown_or_other():
    articles = _articles(9, outlets=("unknown", "unknown", "other", "other", "Small"))
    assert ct.choose_parameters(articles, TARGET=None)["TARGET"] == "Small"


def test_given_values_are_kept_matched_without_case_and_lists_split():
    choice = ct.choose_parameters(_articles(6, outlets=("AP", "TASS", "Kontur")), TARGET="tass",
                                  OUTLETS="ap, TASS, BBC", WORDS="kyiv, kiev", FREQ="month", N_TERMS=20)
    assert choice["TARGET"] == "TASS" and choice.reasons["TARGET"] == "given"
    assert choice["OUTLETS"] == ["AP", "TASS"] and "not in this corpus: BBC" in choice.reasons["OUTLETS"]
    assert choice["WORDS"] == ["kyiv", "kiev"] and choice["FREQ"] == "month" and choice["N_TERMS"] == 20


def test_a_target_that_is_not_an_outlet_is_replaced_and_the_reason_says_so():
    choice = ct.choose_parameters(_articles(3, outlets=("AP", "Reuters", "AP")), TARGET="TASS")
    assert choice["TARGET"] == "AP"
    assert choice.reasons["TARGET"].startswith("'TASS' is not one of the outlets compared (AP, Reuters); instead:")


def test_unknown_names_and_unknown_time_steps_are_clear_errors(sample):
    with pytest.raises(TypeError, match="knows no parameter TARGETS; it knows FREQ, OUTLETS, TARGET"):
        ct.choose_parameters(sample, TARGETS="TASS")
    with pytest.raises(ValueError, match="freq='fortnight'"):
        ct.choose_parameters(sample, FREQ="fortnight")


def test_words_come_from_the_corpus_when_it_has_no_framing_words():
    texts = ["The harbour plan was debated by the council. Mayor Lindqvist backed the harbour plan.",
             "Budget cuts dominated the evening. Mayor Lindqvist spoke about budget cuts and schools."]
    articles = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "text": texts * 2, "outlet": ["X", "Y", "X", "Y"],
                             "date": pd.to_datetime(["2024-01-01"] * 4), "n_words": [15, 14, 15, 14]})
    choice = ct.choose_parameters(articles)
    assert choice["KEYWORD"] == "harbour" and "sets X apart" in choice.reasons["KEYWORD"]
    assert choice["WORDS"] == ["harbour", "budget"] and choice["FRAMING_TERM"] is None
    assert choice["TERM"] == "Lindqvist"  # a title ("Mayor") is not a name
    assert ct.kwic(articles, choice["KEYWORD"], regex=True)["match"].str.lower().eq("harbour").all()


def test_one_outlet_gets_its_most_frequent_words():
    choice = ct.choose_parameters(_articles(3, outlets=("Solo",), text="Council council harbour meeting."))
    assert choice["TARGET"] == "Solo" and choice["KEYWORD"] == "council"
    assert "one outlet" in choice.reasons["KEYWORD"]


def test_a_large_corpus_is_read_from_a_sample_of_each_outlet(monkeypatch):
    from corpus_tools.media import parameters

    monkeypatch.setattr(parameters, "SAMPLE_PER_OUTLET", 5)
    articles = _articles(40, outlets=("A", "B"))
    sample = parameters._reading_sample(articles)
    assert len(sample) == 10 and sample["outlet"].value_counts().to_dict() == {"A": 5, "B": 5}
    assert sample.index.is_monotonic_increasing


def test_the_keyword_finds_every_form_of_a_russian_or_ukrainian_spelling():
    # "Киеве", "Києва": other cases of the same name, counted by the framing lexicon; the keyword
    # search must find them too, not only the nominative.
    from ..conftest import REPO

    articles = ct.read_articles(REPO / "tests" / "data" / "ru_uk_news.csv", progress=False)
    choice = ct.choose_parameters(articles)
    found = set(ct.kwic(articles, choice["KEYWORD"], regex=True)["match"])
    assert {"Киеве", "Київ", "Києва"} <= found and "other forms" in choice.reasons["KEYWORD"]
