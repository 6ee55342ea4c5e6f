import pandas as pd
import pytest

import corpus_tools as ct


def articles():
    sizes = {"Big": 5, "Mid": 3, "Tie b": 2, "Tie a": 2, "Small": 1}
    rows = [name for name, k in sizes.items() for _ in range(k)] + ["unknown", "unknown"]
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(rows))], "outlet": rows})


def test_keep_the_largest_outlets_and_group_the_rest():
    table = articles()
    before = table.copy()
    out = ct.group_outlets(table, keep=3)
    pd.testing.assert_frame_equal(table, before)  # the input is unchanged
    # Ties are broken by name; "unknown" is never grouped and takes no place.
    assert out["outlet"].value_counts().to_dict() == {"Big": 5, "other": 3, "Mid": 3, "Tie a": 2, "unknown": 2}
    assert out.attrs["other_outlets"] == ["Tie b", "Small"]
    assert list(out.columns) == list(table.columns) and out["doc_id"].tolist() == table["doc_id"].tolist()


def test_keep_the_outlets_named_or_all_when_few():
    out = ct.group_outlets(articles(), keep=["Small", "Mid"])
    assert sorted(out["outlet"].unique()) == ["Mid", "Small", "other", "unknown"]
    assert out.attrs["other_outlets"] == ["Big", "Tie a", "Tie b"]
    same = ct.group_outlets(articles())  # 5 outlets, 12 kept
    pd.testing.assert_frame_equal(same, articles()) and same.attrs["other_outlets"] == []
    with pytest.raises(ValueError):
        ct.group_outlets(articles(), keep=-1)


def test_works_on_any_table_and_categorical_outlets():
    sentences = articles().astype({"outlet": "category"}).rename(columns={"outlet": "source"})
    out = ct.group_outlets(sentences, by="source", keep=1, other="smaller outlets")
    assert set(out["source"]) == {"Big", "smaller outlets", "unknown"}
