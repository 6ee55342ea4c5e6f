import json
import re
import warnings

import pandas as pd
import pytest

from corpus_tools import read_articles
from corpus_tools.media.blind import hide_outlets, outlet_forms

from .lesson_corpus import write_corpus


def _hide(articles, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        hidden = hide_outlets(articles, **kw)
    return hidden, [str(w.message) for w in caught]


def test_hide_outlets_hides_names_and_credits_but_keeps_sources_apart(sample):
    hidden, _ = _hide(sample)
    assert not set(hidden["outlet"]) & set(sample["outlet"])
    assert hidden["outlet"].nunique() == 5  # the two unknown sources stay two sources
    assert set(hidden["agency"].dropna()) <= {"hidden"} and set(hidden["byline"].dropna()) <= {"hidden"}
    assert sample["outlet"].tolist()[3] == "TASS"  # input unchanged
    assert "/TASS/" in str(sample["removed_lines"].iat[3]) and "TASS" not in str(hidden["removed_lines"].iat[3])
    # Only outlet names change in the text: the AP text's words are all there.
    ap = sample["outlet"].eq("AP").to_numpy()
    assert hidden.loc[ap, "text"].iat[0] == sample.loc[ap, "text"].iat[0].replace("(AP)", "(Outlet A)")


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    path = tmp_path_factory.mktemp("three") / "three.jsonl"
    write_corpus(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_articles(path, progress=False)


NAMES = re.compile(r"fox[\s_-]*news|\bfox\b|msnbc|reuters", re.IGNORECASE)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)


def test_no_outlet_name_is_left_where_students_look_and_what_is_left_is_said(three):
    assert three["text"].str.contains("Fox News has learned").any() and three["byline"].str.contains("MSNBC").any()
    assert three["doc_id"].str.contains("foxnews").any() and three["url"].str.contains("reuters.com").any()
    hidden, messages = _hide(three)
    left = []
    for col in hidden.columns:
        for doc, value in zip(hidden["doc_id"], hidden[col]):
            left += [(col, doc, m.group(0)) for s in _strings(value) for m in NAMES.finditer(s)]
    # What remains is only what the key says it could not hide (a lower-case "fox": the animal, here).
    reported = {(r["column"], r["doc_id"], r["found"]) for r in hidden.attrs["hidden_outlets"]["not_hidden"]}
    assert left and {(c, d, f) for c, d, f in left if c != "raw_text"} == reported
    assert {f.lower() for _, _, f in left} == {"fox"}
    assert any("may still tell students the source" in m for m in messages)
    assert not any("fox" in m.lower() for m in messages)  # the note itself names nothing


def test_every_form_of_a_name_becomes_the_same_label_everywhere(three):
    hidden, _ = _hide(three)
    key = {r["outlet"]: r["label"] for r in hidden.attrs["hidden_outlets"]["outlets"]}
    assert key == {"Fox News": "Outlet A", "MSNBC": "Outlet B", "Reuters": "Outlet C"}
    by_id = dict(zip(three["doc_id"], hidden.index))
    fox, msnbc = hidden.loc[by_id["foxnews-budget"]], hidden.loc[by_id["msnbc-budget"]]
    assert fox["text"].startswith("Outlet A has learned") and "told Outlet A's Jane Doe" in fox["text"]
    assert "told Outlet B." in msnbc["text"] and "Outlet B reported" in msnbc["text"]  # msnbc.com, MSNBC
    assert "a Outlet A analysis" in hidden.loc[by_id["foxnews-rates"], "text"]  # "a Fox analysis": the brand alone
    assert fox["url"] == "https://outlet-a/politics/budget" and fox["byline"] == "hidden"
    # doc_ids made of outlet names are relabelled, numbered within each outlet, and the key maps them back.
    assert hidden["doc_id"].tolist()[:4] == ["Outlet A – 1", "Outlet B – 1", "Outlet C – 1", "Outlet A – 2"]
    ids = {r["doc_id"]: r["hidden"] for r in hidden.attrs["hidden_outlets"]["doc_ids"]}
    assert [ids[d] for d in three["doc_id"]] == hidden["doc_id"].tolist()
    assert three["doc_id"].iat[0] == "foxnews-budget"  # input unchanged


def test_the_key_is_plain_values_that_survive_saving(three, tmp_path):
    hidden, _ = _hide(three)
    json.dumps(hidden.attrs["hidden_outlets"])
    part = hidden[["doc_id", "outlet", "text"]]
    part.to_parquet(tmp_path / "hidden.parquet")
    back = pd.read_parquet(tmp_path / "hidden.parquet")
    assert back.attrs["hidden_outlets"]["outlets"][0]["label"] == "Outlet A"
    assert "load_report" not in hidden.attrs  # it names the files


def test_aliases_and_doc_ids_quoted_in_other_columns():
    arts = pd.DataFrame({"doc_id": ["d1", "d2"], "outlet": ["Daily Planet", "unknown"],
                         "text": ["The Planet Daily Gazette says hi.", "Nothing."],
                         "date_evidence": ["as in d2, 2024-01-01", None]})
    hidden, _ = _hide(arts, aliases={"Daily Planet": ["Planet Daily Gazette"]})
    assert hidden["text"].tolist() == ["The Outlet A says hi.", "Nothing."]
    assert hidden["date_evidence"].iat[0] == "as in Outlet B – 1, 2024-01-01"


def test_outlet_forms_leave_ordinary_words_alone():
    forms = {shown: nocase for _, nocase, shown in outlet_forms("Washington Post")}
    assert forms == {"Washington Post (any case or spacing)": True}  # "Washington" alone is a city
    assert {shown for _, _, shown in outlet_forms("Time")} == {"Time"}
    assert [nocase for _, nocase, _ in outlet_forms("Time")] == [False]  # "time" stays a word
