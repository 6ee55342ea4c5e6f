"""What a user sees when loading the bundled sample: the issue's acceptance points."""

import filecmp

import pandas as pd
import pytest

from corpus_tools import load_report
from corpus_tools.io.read import SAMPLE_DIR
from corpus_tools.io.rows import COLUMNS

from .conftest import SHARED

TASS, AFP_SITE, KYIV, AP = (
    "003_8a265002178ab370", "000_d3c851319a9cef4d", "002_6a40afcda4922dd7", "004_03b79c85bce5be51")


def row(sample, doc_id):
    return sample.set_index("doc_id").loc[doc_id]


def removed(sample, doc_id):
    return {r["text"]: r["reason"] for r in row(sample, doc_id)["removed_lines"]}


def test_sample_is_the_seed_corpus_byte_for_byte():
    seeds = SHARED / "seeds"
    if not seeds.exists():
        pytest.skip("../shared/seeds is not present")
    names = sorted(p.name for p in seeds.iterdir())
    assert sorted(p.name for p in SAMPLE_DIR.iterdir()) == names
    match, mismatch, errors = filecmp.cmpfiles(seeds, SAMPLE_DIR, names, shallow=False)
    assert mismatch == [] and errors == []


def test_one_row_per_file_with_documented_columns(sample):
    assert len(sample) == 5
    assert list(sample.columns[: len(COLUMNS)]) == COLUMNS
    assert sample["doc_id"].is_unique
    assert str(sample["date"].dtype) == "datetime64[ns]"
    rep = load_report(sample)
    assert list(rep.columns) == ["path", "line", "status", "reason", "n_articles"]
    assert (rep["status"] == "loaded").all() and rep["n_articles"].sum() == 5


def test_outlets_and_credits_where_the_text_states_them(sample):
    assert row(sample, TASS)["outlet"] == "TASS" and row(sample, TASS)["agency"] == "TASS"
    assert row(sample, AP)["outlet"] == "AP" and row(sample, AP)["dateline"] == "BRUSSELS, Belgium"
    afp = row(sample, AFP_SITE)
    assert afp["agency"] == "AFP" and afp["byline"] == "Kontur and AFP" and afp["outlet"] == "Kontur"
    assert "By Kontur and AFP" in afp["outlet_evidence"]
    # No outlet named anywhere: said so, not guessed.
    assert row(sample, KYIV)["outlet"] == "unknown" and "no_outlet" in row(sample, KYIV)["flags"]


def test_datelines(sample):
    assert row(sample, TASS)["dateline"] == "BRUSSELS"
    assert row(sample, AFP_SITE)["dateline"] == "BRUSSELS"  # "BRUSSELS --"
    assert row(sample, "001_24a78b3d7f73cc16")["dateline"] == "BRUSSELS"  # "BRUSSELS:"
    assert not row(sample, TASS)["text"].startswith("BRUSSELS")


def test_page_furniture_removed_and_kept_aside(sample):
    r = removed(sample, "001_24a78b3d7f73cc16")
    assert r["icon-facebook icon-twitter icon-whatsapp"] == "share widget"
    assert "icon-" not in row(sample, "001_24a78b3d7f73cc16")["text"]

    r = removed(sample, AFP_SITE)
    assert r["Do you like this article?"] == "reader prompt"
    assert r["Captcha *"] == "reader prompt"
    caption = [t for t, why in r.items() if why == "image caption"]
    assert caption and "[Simon Wohlfahrt/AFP]" in caption[0]
    assert "Wohlfahrt" not in row(sample, AFP_SITE)["text"]

    r = removed(sample, KYIV)
    assert r["Other Topics of Interest"] == "related-article teaser"
    assert r["No Russian Missile Carriers Spotted Off Crimea Coast"] == "related-article teaser"
    assert any("Kalibr" in t for t in r)
    assert any("Ctrl + Enter" in t and why == "correction notice" for t, why in r.items())
    text = row(sample, KYIV)["text"]
    assert "Crimea" not in text and "Ctrl" not in text
    # The article's own text around the teaser survives.
    assert "bloody stalemate" in text and "Concerns have ratcheted up" in text
    for doc in (AFP_SITE, KYIV, "001_24a78b3d7f73cc16"):
        assert "boilerplate_removed" in row(sample, doc)["flags"]


def test_nothing_lost_every_raw_line_is_in_text_or_removed(sample):
    for _, a in sample.iterrows():
        kept = a["text"] + " " + " ".join(r["text"] for r in a["removed_lines"])
        for line in a["raw_text"].splitlines():
            for word in line.split()[:3]:
                assert word in kept, (a["doc_id"], line)


def test_tuesday_nov_28_resolved_with_evidence(sample):
    a = row(sample, KYIV)
    assert a["date"] == pd.Timestamp("2023-11-28")
    assert a["date_source"] == "inferred"
    assert "Tuesday, Nov. 28" in a["date_evidence"] and "2023" in a["date_evidence"]


def test_dates_from_text_and_year_from_corpus(sample):
    assert row(sample, "001_24a78b3d7f73cc16")["date"] == pd.Timestamp("2024-06-27")
    assert row(sample, "001_24a78b3d7f73cc16")["date_source"] == "text"
    tass = row(sample, TASS)
    assert tass["date"] == pd.Timestamp("2023-11-27") and tass["date_source"] == "inferred"
    assert "nearest dated article" in tass["date_evidence"] and KYIV in tass["date_evidence"]


def test_undated_ap_text_kept_and_flagged(sample):
    a = row(sample, AP)
    assert pd.isna(a["date"]) and a["date_source"] == "unknown"
    assert "undated" in a["flags"]
    assert "mixed_script" in a["flags"]
    assert "doubled_punctuation" in a["flags"]


def test_hard_wrapped_line_rejoined(sample):
    assert "so they can establish" in row(sample, TASS)["text"]


def test_word_counts_match_text(sample):
    import re

    for _, a in sample.iterrows():
        assert a["n_words"] == len(re.findall(r"\w+(?:[-'’]\w+)*", a["text"]))
        assert a["n_words"] > 200


def test_loading_twice_gives_the_same_table(sample):
    from corpus_tools import load_sample

    again = load_sample()
    pd.testing.assert_frame_equal(sample, again)
