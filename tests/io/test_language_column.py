"""The language column of the articles table: detected at load, or an export's own, saved and cached with the rest."""

import json
import warnings
from pathlib import Path

import pandas as pd

import corpus_tools as ct

RU_UK = Path(__file__).resolve().parent.parent / "data" / "ru_uk_news.csv"
ENGLISH = ("The ministers agreed on a new package of support for the coming year, officials in Brussels said on "
           "Tuesday after a long meeting.")


def test_language_columns_sit_after_n_words(sample):
    cols = list(sample.columns)
    assert cols[cols.index("n_words") + 1:cols.index("n_words") + 4] == [
        "language", "language_confidence", "language_evidence"]
    assert sample["language_confidence"].dtype == "float64"


def test_an_exports_own_language_column_is_kept(tmp_path):
    path = tmp_path / "export.csv"
    pd.DataFrame({"title": ["a", "b", "c"], "text": [ENGLISH + f" Meeting {k}." for k in "ABC"],
                  "language": ["Russian", "", "xx"], "outlet": ["X"] * 3}).to_csv(path, index=False)
    arts = ct.read_articles(path)
    # Given values win over detection (a name the package knows is written as its code); an empty one is detected.
    assert arts["language"].tolist() == ["ru", "en", "xx"]
    assert arts["language_evidence"].tolist()[0] == "column 'language' ('Russian')"
    assert arts["language_evidence"].tolist()[2] == "column 'language'"
    assert arts["language_evidence"].tolist()[1].startswith("detected")
    notes = ct.load_report(arts).query("status == 'note'")["reason"].tolist()
    assert any("language of 2 articles taken from column 'language' (ru, xx), not detected" in n for n in notes)


def test_a_lang_column_gives_the_language_and_stays(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps({"text": ENGLISH, "lang": "de"}) + "\n", encoding="utf-8")
    arts = ct.read_articles(path)
    assert arts.loc[0, ["language", "lang", "language_evidence"]].tolist() == ["de", "de", "column 'lang'"]


def test_a_metadata_file_can_set_the_language(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("Title\n\n" + ENGLISH, encoding="utf-8")
    (tmp_path / "meta.csv").write_text("file,language\na.txt,uk\n", encoding="utf-8")
    arts = ct.read_articles(tmp_path / "corpus", metadata=tmp_path / "meta.csv")
    assert arts.loc[0, ["language", "language_evidence"]].tolist() == ["uk", "metadata file meta.csv"]


def test_saved_and_cached_tables_keep_the_language(tmp_path):
    arts = ct.read_articles(RU_UK)
    ct.write_articles(arts, tmp_path / "c.parquet")
    back = ct.read_articles(tmp_path / "c.parquet")
    pd.testing.assert_frame_equal(back[["language", "language_confidence", "language_evidence"]],
                                  arts[["language", "language_confidence", "language_evidence"]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        first = ct.read_articles(RU_UK, cache=True)
        again = ct.read_articles(RU_UK, cache=True)    # from the cache
    assert again["language"].tolist() == first["language"].tolist() == arts["language"].tolist()
