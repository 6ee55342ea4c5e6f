"""The explorers honour the notebooks' parameters (extra stop words, target outlet, regular expression, time
step); the filter panel shows the whole date range; warnings in a notebook are short notes."""

import warnings

import corpus_tools as ct
from corpus_tools.ui.explorers import kwic_explorer, terms_explorer, timeline_explorer
from corpus_tools.ui.filter_panel import FilterPanel
from corpus_tools.ui.notebook import show_note


def test_terms_explorer_leaves_out_the_extra_stop_words_and_starts_on_the_target(sample):
    plain = terms_explorer(sample)
    assert "said" in plain.counts(sample)["term"].tolist()
    ex = terms_explorer(sample, stopwords=ct.stopwords(extra=["said", "also"]), target="TASS")
    assert not {"said", "also"} & set(ex.counts(sample)["term"])
    assert not any("said" in list(trace.y) for trace in ex.figure.data)
    assert ex.target.value == "TASS" and plain.target.value == "AP"
    ex.view.value = "keyness"
    assert "Words that set TASS apart" in ex.figure.layout.title.text
    assert terms_explorer(sample, target="BBC").target.value == "AP"  # not an outlet: the first one


def test_kwic_explorer_takes_a_regular_expression(sample):
    ex = kwic_explorer(sample, "Kyiv|Kiev", regex=True)
    assert ex.regex.value and set(ex.table["match"].str.lower().str[:4]) == {"kyiv", "kiev"}
    assert len(ex.table) == len(ct.kwic(sample, "Kyiv|Kiev", regex=True))
    assert kwic_explorer(sample, "").table is None


def test_timeline_explorer_starts_with_the_time_step_given(sample):
    assert timeline_explorer(sample).freq.value == "W"
    monthly = timeline_explorer(sample, freq="month")
    assert monthly.freq.value == "M"
    assert len(monthly.figure.data[0].x) <= 8  # Nov 2023 to Jun 2024


def test_the_date_range_is_shown_whole_in_a_label_of_its_own(sample):
    panel = FilterPanel(sample)
    assert panel.dates.readout is False  # the slider's readout is cut off in a narrow panel
    assert panel.date_range.value == "2023-11-27 to 2024-06-27"
    assert panel.date_range.layout.flex == "0 0 auto" and "ct-date-range" in panel.date_range._dom_classes
    panel.dates.index = (1, 2)
    assert panel.date_range.value == "2023-11-28 to 2024-06-27"


def test_a_warning_shown_as_a_note_names_no_file(capsys):
    with warnings.catch_warnings():
        warnings.showwarning = show_note
        warnings.simplefilter("always")
        warnings.warn("12 rows have expected\nfrequencies too small.", ct.SmallCountWarning, stacklevel=1)
        warnings.warn("plain words", stacklevel=1)
    out, err = capsys.readouterr()
    assert out == "Note: 12 rows have expected frequencies too small. (SmallCountWarning)\nNote: plain words\n"
    assert err == "" and ".py" not in out
