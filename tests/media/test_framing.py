import re

import pandas as pd
import pytest

from corpus_tools.analysis.kwic import KWIC_COLUMNS
from corpus_tools.media.framing import (
    FRAMING_COLUMNS,
    find_framing_evidence,
    find_scare_quotes,
    framing_lexicon,
    framing_terms,
)
from corpus_tools.ui.display import kwic_html
from corpus_tools.ui.plots import plot_framing

TASS = "003_8a265002178ab370"


def arts(*texts, outlets=None):
    outlets = outlets or [f"O{i}" for i in range(len(texts))]
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "outlet": outlets, "text": list(texts)})


def row(table, **where):
    sel = table
    for k, v in where.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, f"expected one row for {where}, got {len(sel)}"
    return sel.iloc[0]


# --- the sample -------------------------------------------------------------------------------

def test_sample_tass_uses_kiev_claimed_allegedly_others_kyiv(sample):
    per_doc = framing_terms(sample, by="doc_id")
    for term in ("Kiev", "claimed", "allegedly"):
        assert row(per_doc, doc_id=TASS, term=term)["n"] > 0
    for doc_id in sample["doc_id"]:
        if doc_id != TASS:
            assert row(per_doc, doc_id=doc_id, term="Kiev")["n"] == 0
            assert row(per_doc, doc_id=doc_id, term="Kyiv")["n"] > 0
    by_outlet = framing_terms(sample)
    assert row(by_outlet, outlet="TASS", term="Kiev")["share_in_group"] == 1.0
    assert row(by_outlet, outlet="TASS", term="Kyiv")["n"] == 0  # the zero row is there: the contrast shows


def test_sample_counts_and_per_1000_arithmetic(sample):
    t = framing_terms(sample)
    words = sample.groupby("outlet")["n_words"].sum()
    for outlet, body in sample.groupby("outlet")["text"]:
        expected = sum(len(re.findall(r"(?<!\w)Kiev(?!\w)", s)) for s in body)
        r = row(t, outlet=outlet, term="Kiev")
        assert r["n"] == expected
        assert r["words"] == words[outlet]
        assert r["per_1000"] == pytest.approx(1000 * expected / words[outlet])


def test_per_1000_and_share_by_hand():
    t = framing_terms(pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["Kiev, Kiev and Kyiv."]}))
    kiev, kyiv = row(t, term="Kiev"), row(t, term="Kyiv")
    assert (kiev["n"], kiev["words"], kiev["per_1000"]) == (2, 4, 500.0)
    assert kiev["share_in_group"] == pytest.approx(2 / 3) and kyiv["share_in_group"] == pytest.approx(1 / 3)


def test_columns_input_unchanged_and_by_list(sample):
    before = sample.copy()
    t = framing_terms(sample, by="outlet")
    assert list(t.columns) == ["outlet", *FRAMING_COLUMNS]
    pd.testing.assert_frame_equal(sample, before)
    pd.testing.assert_frame_equal(t, framing_terms(sample, by=["outlet"]))
    assert list(framing_terms(sample, by="doc_id").columns) == ["doc_id", *FRAMING_COLUMNS]


def test_share_sums_to_one_or_is_nan():
    a = arts("Kiev and Kyiv and Odesa.", "Nothing about places here.", outlets=["X", "Y"])
    t = framing_terms(a, scare_quotes=False)
    sums = t.groupby(["outlet", "group"])["share_in_group"].sum(min_count=1)
    assert sums[("X", "kyiv")] == pytest.approx(1.0)
    assert pd.isna(row(t, outlet="Y", term="Kyiv")["share_in_group"])  # no alternative used: no choice to show
    assert row(t, outlet="Y", term="Kyiv")["n"] == 0


def test_whole_words_possessives_phrases_and_case():
    a = arts("Kiev's mayor, the KIEV office and a Kievan chronicle.\nThe special\nmilitary operation went on.")
    t = framing_terms(a)
    assert row(t, term="Kiev")["n"] == 2  # "Kievan" is another word
    assert row(t, term="special military operation")["n"] == 1


def test_reporting_verbs_and_hedges():
    a = arts("He claimed it was so-called aid, she said. They reportedly agreed.")
    t = framing_terms(a)
    assert row(t, term="claimed")["n"] == 1 and row(t, term="said")["n"] == 1
    assert row(t, term="claimed")["share_in_group"] == 0.5
    assert row(t, term="so-called")["n"] == 1 and row(t, term="reportedly")["n"] == 1


# --- lexicon ----------------------------------------------------------------------------------

def test_shipped_lexicon_is_documented():
    lex = framing_lexicon()
    assert {"category", "group", "term", "variant_of", "note", "pattern"} <= set(lex.columns)
    assert {"spelling", "reporting_verb", "hedge", "loaded_term"} <= set(lex["category"])
    assert (lex["note"].str.len() > 10).all()
    # every variant names a term of its own group
    for r in lex[lex["variant_of"] != ""].itertuples():
        assert r.variant_of in set(lex.loc[lex["group"] == r.group, "term"]), r


def test_teacher_csv_with_extra_row_is_honoured(tmp_path):
    path = tmp_path / "my_lexicon.csv"
    text = framing_lexicon().to_csv(index=False)
    path.write_text(text + "spelling,kyiv,Kyjiw,Kyiv,German spelling of Kyiv.,\n", encoding="utf-8")
    lex = framing_lexicon(path)
    assert "Kyjiw" in set(lex["term"])
    a = arts("Die Hilfe für Kyjiw und Kyiv.")
    for lexicon in (lex, path):
        t = framing_terms(a, lexicon=lexicon)
        assert row(t, term="Kyjiw")["n"] == 1
        assert row(t, term="Kyjiw")["share_in_group"] == 0.5
    ev = find_framing_evidence(a, term="Kyjiw", lexicon=path)
    assert ev["match"].tolist() == ["Kyjiw"]


def test_minimal_teacher_csv_without_optional_columns(tmp_path):
    path = tmp_path / "tiny.csv"
    path.write_text("category,group,term\nloaded_term,drone,kamikaze drone\nloaded_term,drone,attack drone\n")
    t = framing_terms(arts("A kamikaze drone hit."), lexicon=path)
    assert row(t, term="kamikaze drone")["n"] == 1 and row(t, term="attack drone")["n"] == 0


@pytest.mark.parametrize("content, line", [
    ("category,group,term,variant_of,note\nspelling,kyiv,Kyiv,,ok\nspelling,kyiv,,Kyiv,empty term\n", 3),
    ("category,group,term,variant_of,note,pattern\nhedge,hedge,maybe,,x,(unclosed\n", 2),
    ("category,group,term\nspelling,kyiv,Kyiv\nspelling,kyiv,Kyiv\n", 3),
])
def test_bad_csv_names_file_and_line(tmp_path, content, line):
    path = tmp_path / "bad_lexicon.csv"
    path.write_text(content)
    with pytest.raises(ValueError, match=rf"bad_lexicon\.csv, line {line}"):
        framing_lexicon(path)


def test_csv_without_needed_columns_names_file(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("word,meaning\nKiev,city\n")
    with pytest.raises(ValueError, match=r"wrong\.csv.*'category'"):
        framing_terms(arts("Kiev"), lexicon=path)


# --- scare quotes -----------------------------------------------------------------------------

def test_scare_quotes():
    text = ('The so-called "referendum" was held. The army reached a “stalemate” there. '
            '"We just have to stay the course," Stoltenberg said. He said it was "not acceptable" to wait.')
    assert [p for _, _, p in find_scare_quotes(text)] == ["referendum", "stalemate"]


def test_scare_quotes_in_sample(sample):
    t = framing_terms(sample)
    sq = t[t["category"] == "scare_quote"]
    assert "stalemate" in set(sq["term"])
    assert (sq["n"] > 0).all()  # no zero rows for phrases found by the heuristic
    assert not framing_terms(sample, scare_quotes=False)["category"].eq("scare_quote").any()


# --- evidence and chart ------------------------------------------------------------------------

def test_evidence_matches_counts(sample):
    t = framing_terms(sample)
    ev = find_framing_evidence(sample, group="kyiv")
    assert list(ev.columns[:6]) == KWIC_COLUMNS
    assert {"outlet", "category", "group", "term"} <= set(ev.columns)
    counts = ev.groupby("term").size()
    assert counts["Kiev"] == t.loc[t["term"] == "Kiev", "n"].sum()
    assert counts["Kyiv"] == t.loc[t["term"] == "Kyiv", "n"].sum()
    assert set(ev.loc[ev["term"] == "Kiev", "outlet"]) == {"TASS"}
    sq = find_framing_evidence(sample, category="scare_quote")
    assert len(sq) == t.loc[t["category"] == "scare_quote", "n"].sum()
    assert "stalemate" in sq["match"].tolist()


def test_evidence_is_escaped_when_shown():
    ev = find_framing_evidence(arts("<script>alert(1)</script> he claimed <b>Kiev</b>."), term="Kiev")
    page = kwic_html(ev)
    assert "</script>" not in page and "&lt;/script&gt;" in page
    assert "<b>" not in page and "&lt;b&gt;" in page


def test_plot_framing_draws_the_table():
    a = arts("Kyiv Kyiv", "Kiev", outlets=["<b>X</b>", "TASS"])
    t = framing_terms(a, scare_quotes=False)
    fig = plot_framing(t, group="kyiv")
    names = [tr.name for tr in fig.data]
    assert "&lt;b&gt;X&lt;/b&gt;" in names and "<b>X</b>" not in names
    tass = next(tr for tr in fig.data if tr.name == "TASS")
    expected = t[(t["outlet"] == "TASS") & (t["group"] == "kyiv")].sort_values("term")
    assert list(tass.x[1]) == expected["term"].tolist()
    assert list(tass.y) == expected["share_in_group"].tolist()
    per = plot_framing(t, group="kyiv", value="per_1000")
    assert list(next(tr for tr in per.data if tr.name == "TASS").y) == expected["per_1000"].tolist()


def test_russian_and_ukrainian_framing_terms_with_their_inflected_forms():
    arts = pd.DataFrame({"doc_id": ["r", "u", "e"], "outlet": ["Вестник", "Кур'єр", "X"], "n_words": [20, 20, 5],
                         "text": ["На Украине отключили свет. Киевский режим просит помощи, в Киеве тихо, Киева нет.",
                                  "У Києві тихо. Окупанти відступили від Києва, російські війська теж.",
                                  "Kyiv said so."]})
    t = framing_terms(arts, scare_quotes=False).set_index(["outlet", "group", "term"])["n"]
    assert t[("Вестник", "kyiv_cyrillic", "Киев")] == 2 and t[("Вестник", "kyiv_cyrillic", "Київ")] == 0
    assert t[("Кур'єр", "kyiv_cyrillic", "Київ")] == 2
    assert t[("Вестник", "v_ukraine", "на Украине")] == 1 and t[("Вестник", "kiev_regime_ru", "киевский режим")] == 1
    assert t[("Кур'єр", "russian_forces_uk", "окупанти")] == 1
    assert t[("Кур'єр", "russian_forces_uk", "російські війська")] == 1
    assert t[("X", "kyiv", "Kyiv")] == 1
