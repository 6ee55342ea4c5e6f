"""Where words fall inside each article: positions counted as kwic counts them."""

import warnings

import pandas as pd
import pytest

import corpus_tools as ct


def test_positions_by_hand():
    arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "title": ["One", "Two"],
                         "text": ["Kyiv said no. Later, in Kyiv, talks went on.", "Nothing about it."]})
    d = ct.find_dispersion(arts, ["kyiv", "talks"])
    assert list(d.columns) == ["doc_id", "term", "match", "position", "n_tokens", "relative_position", "sent_id",
                               "sentence", "outlet", "title"]
    assert d[["term", "position", "n_tokens", "sent_id"]].astype({"term": str}).values.tolist() == [
        ["kyiv", 0, 9, 0], ["kyiv", 5, 9, 1], ["talks", 6, 9, 1]]
    assert d["relative_position"].tolist() == [0 / 9, 5 / 9, 6 / 9]
    later = "Later, in Kyiv, talks went on."
    assert d["sentence"].tolist() == ["Kyiv said no.", later, later]
    assert list(d["term"].cat.categories) == ["kyiv", "talks"]


def test_positions_are_those_of_kwic_and_tokenize(sample):
    d = ct.find_dispersion(sample, "Kyiv|Kiev", regex=True)
    k = ct.kwic(sample, "Kyiv|Kiev", regex=True)
    assert len(d) == len(k) == 18
    tokens = ct.tokenize(sample)
    sizes = tokens.groupby("doc_id", observed=True).size()
    assert (d["n_tokens"] == d["doc_id"].map(sizes)).all()
    found = tokens.set_index(["doc_id", "position"])["token"]
    assert all(found[(doc, pos)].startswith(("kyiv", "kiev")) for doc, pos in zip(d["doc_id"], d["position"]))
    assert d["relative_position"].between(0, 1).all()


def test_no_occurrence_is_an_empty_table(sample):
    d = ct.find_dispersion(sample, "zzz")
    assert d.empty and "relative_position" in d.columns
    with pytest.raises(ValueError, match="Give the words"):
        ct.find_dispersion(sample, [])


def test_a_list_of_spellings_is_placed_as_one_term_and_regexes_match_whole_words():
    arts = pd.DataFrame({"doc_id": ["a"], "text": ["Kiev met. The Kievan hall and Kyiv."]})
    d = ct.find_dispersion(arts, [["Kyiv", "Kiev"], "hall"])
    assert d[["term", "match", "position"]].astype({"term": str}).values.tolist() == [
        ["Kyiv / Kiev", "Kiev", 0], ["hall", "hall", 4], ["Kyiv / Kiev", "Kyiv", 6]]
    assert list(d["term"].cat.categories) == ["Kyiv / Kiev", "hall"]
    assert ct.find_dispersion(arts, "Kiev|Kyiv", regex=True)["match"].tolist() == ["Kiev", "Kyiv"]
    inside = ct.find_dispersion(arts, "Kiev|Kyiv", regex=True, whole_words=False)
    assert inside["match"].tolist() == ["Kiev", "Kievan", "Kyiv"]
    with pytest.warns(ct.PatternWarning, match="regex=True"):
        assert ct.find_dispersion(arts, "Kiev|Kyiv").empty


def test_other_spellings_not_placed_are_named_once_and_variants_place_them():
    arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Kiev met.", "Kyiv met in Kyiv."]})
    with pytest.warns(ct.PatternWarning) as caught:
        ct.find_dispersion(arts, ["kyiv", "met"])
    assert len(caught) == 1 and "'Kiev' (1 article)" in str(caught[0].message)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ct.find_dispersion(arts, ["kyiv", "kiev"])  # both spellings placed: nothing to say
        d = ct.find_dispersion(arts, "kyiv", variants=True)
    assert d[["doc_id", "match"]].values.tolist() == [["a", "Kiev"], ["b", "Kyiv"], ["b", "Kyiv"]]
    assert set(d["term"].astype(str)) == {"kyiv"}
