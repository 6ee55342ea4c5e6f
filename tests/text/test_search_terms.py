"""Search terms: lists of spellings, regex characters in plain terms, word boundaries, the spelling-variants lexicon."""

import warnings

import pandas as pd
import pytest

from corpus_tools.data import data_path
from corpus_tools.text.search_terms import (
    PatternWarning,
    other_spellings,
    search_terms,
    spelling_variants,
    term_label,
    text_pattern,
)

TEXT = "Kyiv said no. The Kievan Rus and Yenakiev are elsewhere; KIEV's mayor spoke."


def test_a_term_is_a_string_or_a_list_of_spellings():
    assert search_terms("Kyiv") == ["Kyiv"] and search_terms(["Kyiv", "Kiev", "Kyiv"]) == ["Kyiv", "Kiev"]
    assert term_label(["Kyiv", "Kiev"]) == "Kyiv / Kiev" and term_label("Kyiv") == "Kyiv"
    for bad in ("", " ", [], ["Kyiv", ""], 3, None):
        with pytest.raises(ValueError, match="list of its spellings"):
            search_terms(bad)


@pytest.mark.parametrize("pattern", ["Kiev|Kyiv", "(Kyiv)", "[Kk]yiv", "Kyiv\\b", "Kyiv+", "^Kyiv", "Kyiv$"])
def test_regex_characters_in_a_plain_term_warn(pattern):
    with pytest.warns(PatternWarning, match="regex=True"):
        search_terms(pattern)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        search_terms(pattern, regex=True)  # as a regular expression it is what was meant


def test_the_warning_suggests_the_list_and_points_at_the_callers_line():
    with pytest.warns(PatternWarning) as caught:
        search_terms("Kiev|Kyiv")
    assert "['Kiev', 'Kyiv']" in str(caught[0].message)
    assert caught[0].filename == __file__


@pytest.mark.parametrize("pattern", ["Kyi*", "Zelensk?y", "U.S.", "Kyiv's", "front line", "al-Qaeda"])
def test_globs_periods_and_apostrophes_do_not_warn(pattern):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        search_terms(pattern)


def test_regular_expressions_match_whole_words_unless_asked_otherwise():
    assert text_pattern(["Kiev|Kyiv"], regex=True).findall(TEXT) == ["Kyiv", "KIEV"]
    assert text_pattern(["Kiev|Kyiv"], regex=True, whole_words=False).findall(TEXT) == ["Kyiv", "Kiev", "kiev",
                                                                                        "KIEV"]
    assert text_pattern(["Kiev", "Kyiv"]).findall(TEXT) == ["Kyiv", "KIEV"]
    assert text_pattern(["(?i)kiev"], regex=True, case_sensitive=True).findall(TEXT) == ["KIEV"]
    assert text_pattern(["U.S."]).findall("the U.S. and US") == ["U.S."]
    with pytest.raises(ValueError, match="not a valid regular expression"):
        text_pattern(["Kyiv("], regex=True)


def test_the_shipped_lexicon():
    lex = spelling_variants()
    assert list(lex.columns) == ["group", "spelling", "note"]
    assert lex["group"].nunique() >= 30 and lex["spelling"].str.len().gt(0).all()
    by_group = lex.groupby("group")["spelling"].apply(list).to_dict()
    assert by_group["zelensky"][:3] == ["Zelensky", "Zelenskyy", "Zelenskiy"]
    assert set(by_group["gaddafi"]) >= {"Gaddafi", "Qaddafi", "Kadhafi", "Gadhafi"}
    assert {"Kyiv", "Kiev", "Київ", "Киев"} == set(by_group["kyiv"]) and "Peking" in by_group["beijing"]
    assert (lex.groupby("group").size() >= 2).all()  # a group is two spellings or more
    assert not lex["spelling"].str.lower().duplicated().any()
    assert data_path("spelling_variants.csv").read_text(encoding="utf-8").startswith("#")


def test_variants_add_the_other_spellings_of_the_group():
    assert search_terms("zelensky", variants=True) == ["zelensky", "Zelenskyy", "Zelenskiy", "Zelenskyi", "Zelenski",
                                                       "Зеленский", "Зеленський"]
    assert search_terms(["Kyiv", "NATO"], variants=True) == ["Kyiv", "NATO", "Kiev", "Київ", "Киев"]  # given first
    assert search_terms("Kyiv", regex=True, variants=True) == ["Kyiv", "Kiev", "Київ", "Киев"]
    assert search_terms("U\\.S\\.", regex=True, variants=True) == ["U\\.S\\."]


def test_a_users_own_lexicon(tmp_path):
    own = tmp_path / "mine.csv"
    own.write_text("# my spellings\ngroup,spelling\nnavalny,Navalny\nnavalny,Navalnyy\n", encoding="utf-8")
    lex = spelling_variants(own)
    assert lex.values.tolist() == [["navalny", "Navalny", ""], ["navalny", "Navalnyy", ""]]
    assert search_terms("Navalny", variants=own) == ["Navalny", "Navalnyy"]
    assert search_terms("Navalny", variants=str(own)) == search_terms("Navalny", variants=lex)
    assert search_terms("Kyiv", variants=own) == ["Kyiv"]  # only the user's list is used
    bad = tmp_path / "bad.csv"
    bad.write_text("group,spelling\nnavalny,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.csv, line 2: every row needs a group and a spelling"):
        spelling_variants(bad)
    with pytest.raises(ValueError, match="no column 'spelling'"):
        spelling_variants(_write(tmp_path / "cols.csv", "group,term\na,b\n"))
    with pytest.raises(TypeError, match="give True"):
        search_terms("Kyiv", variants=3)


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_other_spellings_found_in_the_texts():
    texts = pd.Series(["Zelenskiy spoke.", "ZELENSKIY and Zelenskyy.", "Zelensky's aide.", None])
    assert other_spellings(["Zelensky"], texts) == {"Zelenskyy": 1, "Zelenskiy": 2}
    assert other_spellings(["Zelensky", "Zelenskiy"], texts) == {"Zelenskyy": 1}
    assert other_spellings(["Zelensky"], texts, variants=True) == {}
    assert other_spellings(["Zelensk.*"], texts, regex=True) == {}
    assert other_spellings(["NATO"], texts) == {}
