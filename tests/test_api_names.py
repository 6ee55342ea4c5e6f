"""One name, one meaning: the argument names of the public API, and the old spellings that still work.

Old spellings give a CorpusToolsDeprecationWarning (a FutureWarning) naming the new one and the
same result; old and new together are a TypeError. The contract tests below fail when a new
public function breaks the conventions (documented in corpus_tools.core.docstrings and the README).
"""

import inspect
import re
import warnings

import pandas as pd
import pytest

import corpus_tools as ct
import corpus_tools.dask as ctd
import corpus_tools.widgets as ctw
from corpus_tools.core.deprecation import CorpusToolsDeprecationWarning
from corpus_tools.core.docstrings import PARAMS

TOKS = pd.DataFrame({
    "doc_id": ["a", "a", "a", "a", "b", "b"],
    "sent_id": [0, 0, 0, 1, 0, 0],
    "position": [0, 1, 2, 3, 0, 1],
    "token": ["kyiv", "said", "kyiv", "said", "kiev", "said"],
    "outlet": ["X", "X", "X", "X", "TASS", "TASS"],
})
WIRE = "The ministers agreed on a new package of support for the coming year."
ARTS = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"],
                     "text": ["Alpha. " + WIRE, "Beta. " + WIRE, "Gamma, written for this page alone."]})


def old_spelling(match: str):
    """The deprecation warning, pointing at the caller's line (this file), not at corpus_tools."""
    return pytest.warns(CorpusToolsDeprecationWarning, match=match)


# --- old spellings: still work, warn, same result -----------------------------------------------

def test_the_warning_is_a_future_warning_shown_at_the_callers_line():
    assert issubclass(CorpusToolsDeprecationWarning, FutureWarning)
    with pytest.warns(FutureWarning) as caught:
        ct.ngrams(TOKS, n=2)
    assert caught[0].filename == __file__
    assert "ngrams(n=...) is deprecated" in str(caught[0].message) and "ngrams(ngram=...)" in str(caught[0].message)


@pytest.mark.parametrize("size", [1, 2, 3])
def test_ngrams_n_is_now_ngram(size):
    with old_spelling(r"ngrams\(n=\.\.\.\).*ngrams\(ngram=\.\.\.\)"):
        old = ct.ngrams(TOKS, n=size)
    pd.testing.assert_frame_equal(old, ct.ngrams(TOKS, ngram=size))
    with pytest.raises(TypeError, match="both n= .* and ngram="):
        ct.ngrams(TOKS, n=size, ngram=size)


def test_add_tf_idf_n_is_now_count():
    counts = ct.count_terms(TOKS, by="doc_id")
    with old_spelling(r"add_tf_idf\(count=\.\.\.\)"):
        old = ct.add_tf_idf(counts, n="n")
    pd.testing.assert_frame_equal(old, ct.add_tf_idf(counts, count="n"))
    pd.testing.assert_frame_equal(old, ct.add_tf_idf(counts))
    renamed = counts.rename(columns={"n": "freq"})
    with old_spelling("count="):
        old = ct.add_tf_idf(renamed, n="freq")
    pd.testing.assert_frame_equal(old, ct.add_tf_idf(renamed, count="freq"))
    with pytest.raises(TypeError, match="both n= .* and count="):
        ct.add_tf_idf(counts, n="n", count="n")


def test_set_cores_n_is_now_cores():
    previous = ct.set_cores(1)
    try:
        with old_spelling(r"set_cores\(cores=\.\.\.\)"):
            assert ct.set_cores(n=2) == 1
        assert ct.set_cores(cores=1) == 2
        with pytest.raises(TypeError, match="both n= .* and cores="):
            ct.set_cores(n=1, cores=1)
    finally:
        ct.set_cores(previous)


def test_plot_top_terms_columns_is_now_facet_col_wrap():
    counts = ct.count_terms(TOKS.assign(outlet=["X", "X", "Y", "Y", "Z", "Z"]), by="outlet")
    with old_spelling(r"plot_top_terms\(facet_col_wrap=\.\.\.\)"):
        old = ct.plot_top_terms(counts, by="outlet", columns=2)
    new = ct.plot_top_terms(counts, by="outlet", facet_col_wrap=2)
    assert old.to_plotly_json() == new.to_plotly_json()
    assert new.to_plotly_json() != ct.plot_top_terms(counts, by="outlet").to_plotly_json()  # 3 per row by default
    with pytest.raises(TypeError, match="both columns= .* and facet_col_wrap="):
        ct.plot_top_terms(counts, columns=2, facet_col_wrap=2)


def test_add_shared_share_passages_is_keyword_only():
    passages = ct.find_shared_passages(ARTS)
    with old_spelling(r"Passing passages positionally to add_shared_share\(\).*passages=\.\.\."):
        old = ct.add_shared_share(ARTS, passages)
    new = ct.add_shared_share(ARTS, passages=passages)
    pd.testing.assert_frame_equal(old, new)
    pd.testing.assert_frame_equal(new, ct.add_shared_share(ARTS))
    assert new["shared_with"].tolist() == [1, 1, 0]
    with pytest.raises(TypeError, match="multiple values for argument 'passages'"):
        ct.add_shared_share(ARTS, passages, passages=passages)
    with pytest.raises(TypeError, match="positional"):
        ct.add_shared_share(ARTS, passages, 8)


def test_warning_signs_takes_passages_like_the_other_shared_text_functions():
    passages = ct.find_shared_passages(ARTS)
    shares = ct.add_shared_share(ARTS, passages=passages)
    expected = ct.warning_signs(shares)
    assert set(expected.loc[expected["sign"] == "copied_text", "doc_id"]) == {"a", "b"}
    pd.testing.assert_frame_equal(ct.warning_signs(ARTS, passages=passages), expected)
    with old_spelling(r"warning_signs\(shared=\.\.\.\) is deprecated.*passages="):
        old = ct.warning_signs(ARTS, shared=shares[["doc_id", "shared_share"]])
    pd.testing.assert_frame_equal(old, expected)
    with pytest.raises(TypeError, match="both shared= .* and passages="):
        ct.warning_signs(ARTS, shared=shares, passages=passages)


def test_framing_terms_by_none_per_article_is_now_by_doc_id(sample):
    with old_spelling(r'framing_terms\(by="doc_id"\)'):
        old = ct.framing_terms(sample, by=None)
    pd.testing.assert_frame_equal(old, ct.framing_terms(sample, by="doc_id"))


def test_sentiment_toward_by_default_is_a_plain_name_with_the_same_result(sample):
    assert inspect.signature(ct.sentiment_toward).parameters["by"].default == "outlet"
    pd.testing.assert_frame_equal(ct.sentiment_toward(sample, "NATO"),
                                  ct.sentiment_toward(sample, "NATO", by=("outlet",)))


def test_new_spellings_give_no_warning(sample):
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusToolsDeprecationWarning)
        ct.ngrams(TOKS, ngram=2)
        ct.add_tf_idf(ct.count_terms(TOKS, by="doc_id"), count="n")
        ct.set_cores(ct.set_cores(None))
        ct.plot_top_terms(ct.count_terms(TOKS, by="outlet"), by="outlet", n=5, facet_col_wrap=2)
        passages = ct.find_shared_passages(ARTS)
        ct.similarity_matrix(ARTS, passages=passages)
        ct.warning_signs(ct.add_shared_share(ARTS, passages=passages))
        ct.warning_signs(ARTS, passages=passages)
        ct.framing_terms(sample, by="doc_id")


# --- contracts ----------------------------------------------------------------------------------

def _public():
    """(label, callable, signature without self) of every public function and class."""
    out = []
    for module, prefix in ((ct, "ct"), (ctw, "widgets"), (ctd, "dask")):
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj):
                if issubclass(obj, BaseException):
                    continue
                params = list(inspect.signature(obj.__init__).parameters.values())[1:]
            else:
                params = list(inspect.signature(obj).parameters.values())
            out.append((f"{prefix}.{name}", obj, params))
    return out


PUBLIC = _public()

# After the table (the first argument), arguments are keyword-only; these may also be passed by
# position: what the function looks for, or writes to.
POSITIONAL_EXCEPTIONS = {
    "ct.kwic": ["pattern"], "dask.kwic": ["pattern"],
    "widgets.KwicExplorer": ["pattern"], "widgets.kwic_explorer": ["pattern"],
    "ct.sentiment_toward": ["term"], "ct.find_sentences_mentioning": ["term"], "ct.term_timeline": ["terms"],
    "ct.write_articles": ["path"], "dask.write_articles": ["path"], "ct.make_student_copies": ["out_dir"],
    "ct.predict_then_reveal": ["options"],
    "ct.similar_words": ["word"], "ct.common_contexts": ["words"], "ct.find_dispersion": ["terms"],
}


def test_arguments_after_the_first_are_keyword_only():
    wrong = {}
    for label, _, params in PUBLIC:
        positional = [p.name for p in params[1:] if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        if positional != POSITIONAL_EXCEPTIONS.get(label, []):
            wrong[label] = positional
    assert not wrong


def _defaults(name):
    return {label: p.default for label, _, params in PUBLIC for p in params if p.name == name}


# by: None (the whole table) for aggregations, "outlet" for functions made to compare outlets, required for keyness.
BY_NONE = {"ct.count_flags", "ct.count_terms", "ct.collocations", "ct.timeline", "ct.term_timeline",
           "ct.plot_top_terms", "dask.count_terms", "dask.timeline"}
BY_OUTLET = {"ct.group_outlets", "ct.count_articles", "ct.count_speakers", "ct.count_signs", "ct.framing_terms",
             "ct.sentiment_toward", "ct.plot_sentiment", "ct.plot_distribution", "ct.plot_framing",
             "ct.similarity_overview", "ct.compare_terms", "ct.count_entities", "ct.compare_mentions",
             "ct.plot_entities"}
BY_REQUIRED = {"ct.keyness", "ct.keyness_all"}


def test_by_defaults_follow_one_rule():
    by = _defaults("by")
    assert {k for k, v in by.items() if v is None} == BY_NONE
    assert {k for k, v in by.items() if v == "outlet"} == BY_OUTLET
    assert {k for k, v in by.items() if v is inspect.Parameter.empty} == BY_REQUIRED
    assert set(by) == BY_NONE | BY_OUTLET | BY_REQUIRED  # never a tuple or a list


def test_by_none_means_the_whole_table(sample):
    tokens = ct.tokenize(sample, metadata=["outlet", "date"])
    quotes = ct.find_quotes(sample)
    signs = ct.warning_signs(sample)
    entities = ct.find_entities(sample)
    calls = {
        "count_terms": lambda by: ct.count_terms(tokens, by=by),
        "collocations": lambda by: ct.collocations(tokens, by=by, min_count=1),
        "timeline": lambda by: ct.timeline(sample, freq="M", by=by),
        "term_timeline": lambda by: ct.term_timeline(tokens, "nato", freq="M", by=by),
        "count_flags": lambda by: ct.count_flags(sample, by=by),
        "count_articles": lambda by: ct.count_articles(sample, by=by),
        "count_speakers": lambda by: ct.count_speakers(quotes, by=by),
        "count_signs": lambda by: ct.count_signs(signs, by=by),
        "count_entities": lambda by: ct.count_entities(entities, by=by),
        "sentiment_toward": lambda by: ct.sentiment_toward(sample, "NATO", by=by),
    }
    for name, call in calls.items():
        grouped, whole = call("outlet"), call(None)
        assert "outlet" in grouped.columns and "outlet" not in whole.columns, name
    n = ct.count_articles(sample, by=None)
    assert n["n"].tolist() == [len(sample)] and n["words"].tolist() == [sample["n_words"].sum()]


def test_ngram_is_the_number_of_words_per_term():
    ngram = _defaults("ngram")
    assert ngram == {"ct.ngrams": 2, "ct.count_terms": 1, "dask.count_terms": 1}
    assert set(ct.count_terms(TOKS, ngram=2)["term"]) == set(ct.ngrams(TOKS, ngram=2)["token"].astype(str))


def test_n_is_how_many_rows_to_show():
    assert _defaults("n") == {"ct.plot_top_terms": 15, "ct.plot_keyness": 15, "ct.plot_framing": 20,
                              "ct.plot_term_scatter": 15, "ct.plot_topics": 10, "ct.plot_dispersion": 40,
                              "ct.plot_cooccurrence_network": 60, "ct.similar_words": 20, "ct.plot_entities": 25}
    fig = ct.plot_top_terms(ct.count_terms(TOKS), n=2)
    assert len(fig.data[0].y) == 2


def test_passages_is_the_shared_passages_table_keyword_only():
    found = {label: p for label, _, params in PUBLIC for p in params if p.name == "passages"}
    assert set(found) == {"ct.add_shared_share", "ct.similarity_matrix", "ct.similarity_overview", "ct.warning_signs"}
    assert all(p.kind == p.KEYWORD_ONLY and p.default is None for p in found.values())


def _entries(obj) -> dict:
    """``name``: description entries of a docstring (a line starting so, and its indented continuation)."""
    entries = {}
    for m in re.finditer(r"^``(\w+)``: (.*(?:\n    .*)*)", inspect.getdoc(obj) or "", re.MULTILINE):
        entries[m.group(1)] = re.sub(r"\s+", " ", m.group(2)).strip()
    return entries


# Described in their own words: the column shown on hover, the Dask functions' notes, the loader's
# options (for read_articles, metadata= is a side file of metadata, not columns to carry along).
UNDESCRIBED = {
    "text": {"ct.plot_sentiment", "ct.plot_distribution", "ct.find_framing_evidence", "ct.find_similar_articles"},
    "cache": {"dask.tokenize", "dask.add_sentiment", "ct.read_articles"},
    "metadata": {"ct.read_articles"},
}


def test_shared_parameter_descriptions_are_filled_in():
    for label, obj, _ in PUBLIC:
        assert "{params." not in (obj.__doc__ or ""), label
    # Where these parameters are described, it is with the one shared description.
    described = {}
    for label, obj, params in PUBLIC:
        entries = _entries(obj)
        for p in params:
            if p.name in PARAMS and p.name in entries:
                assert entries[p.name].startswith(re.sub(r"\s+", " ", PARAMS[p.name])), (label, p.name)
                described.setdefault(p.name, set()).add(label)
    for name in ("text", "token", "metadata", "cache", "date", "freq", "ngram", "passages"):
        users = {label for label, _, params in PUBLIC if any(p.name == name for p in params)}
        assert users - described.get(name, set()) == UNDESCRIBED.get(name, set()), name
    assert {"ct.count_terms", "ct.timeline", "ct.count_flags", "ct.count_speakers"} <= described["by"]
    assert {"ct.plot_top_terms", "ct.plot_timeline"} <= described["title"]

