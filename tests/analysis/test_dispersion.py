"""Where words fall inside each article: positions counted as kwic counts them."""

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
