import math
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, chi2_contingency

from corpus_tools.analysis.keyness import (
    SmallCountWarning,
    collocations,
    keyness,
    keyness_all,
)
from corpus_tools.analysis.terms import count_terms
from corpus_tools.text.tokens import tokenize

KEYNESS_COLUMNS = ["term", "n_target", "n_reference", "expected_target", "g2", "p", "log_ratio", "low_expected"]


def counts_of(a, b, c, d):
    """A counts table whose 2×2 table for the term "war" is [[a, b], [c, d]] (target T, reference R)."""
    return pd.DataFrame({"outlet": ["T", "T", "R", "R"], "term": ["war", "zoo", "war", "zoo"], "n": [a, c, b, d]})


def row_of(result, term="war"):
    return result.set_index("term").loc[term]


# Hand-worked table: the term in 30 of 1,000 target tokens and 10 of 3,000 reference tokens.
#            target  reference  total
#   term        30        10       40
#   other      970      2990     3960
#   total     1000      3000     4000
# Expected = row total × column total / 4000:
#   E11 = 40·1000/4000 = 10, E12 = 40·3000/4000 = 30, E21 = 3960·1000/4000 = 990, E22 = 3960·3000/4000 = 2970
# G² = 2·[30 ln(30/10) + 10 ln(10/30) + 970 ln(970/990) + 2990 ln(2990/2970)]
#    = 2·[32.9584 − 10.9861 − 19.7966 + 20.0672] = 2·22.2428 = 44.4857
# χ²: |O − E| = 20 in every cell, so χ² = 400·(1/10 + 1/30 + 1/990 + 1/2970) = 400·400/2970 = 53.8721
# Yates: (20 − 0.5)²·400/2970 = 380.25·400/2970 = 51.2121
# Williams: q = 1 + (4000/40 + 4000/3960 − 1)·(4000/1000 + 4000/3000 − 1)/(6·4000)
#             = 1 + 100.0101·4.3333/24000 = 1.018057, so G²/q = 44.4857/1.018057 = 43.6966
# Log ratio: (30/1000)/(10/3000) = 0.03/0.00333 = 9, log2 9 = 3.1699
HAND = counts_of(30, 10, 970, 2990)


def test_hand_worked_table():
    g = row_of(keyness(HAND, by="outlet", target="T"))
    assert (g["n_target"], g["n_reference"]) == (30, 10)
    assert g["expected_target"] == pytest.approx(10)
    assert g["g2"] == pytest.approx(44.4857, abs=1e-4)
    assert g["log_ratio"] == pytest.approx(math.log2(9))
    assert not g["low_expected"]
    assert row_of(keyness(HAND, by="outlet", target="T", measure="chi2"))["chi2"] == pytest.approx(160000 / 2970)
    yates = keyness(HAND, by="outlet", target="T", measure="chi2", correction="yates")
    assert row_of(yates)["chi2"] == pytest.approx(152100 / 2970)
    williams = keyness(HAND, by="outlet", target="T", correction="williams")
    assert row_of(williams)["g2"] == pytest.approx(43.6966, abs=1e-4)


def test_columns_and_order():
    result = keyness(HAND, by="outlet", target="T")
    assert list(result.columns) == KEYNESS_COLUMNS
    assert list(keyness(HAND, by="outlet", target="T", measure="chi2").columns) == [
        "chi2" if c == "g2" else c for c in KEYNESS_COLUMNS]
    assert result["g2"].is_monotonic_decreasing


def test_sign_follows_the_target():
    # The target uses "war" more than expected; the reference uses it less, so the sign flips.
    to_t = row_of(keyness(HAND, by="outlet", target="T"))
    to_r = row_of(keyness(HAND, by="outlet", target="R"))
    assert to_t["g2"] > 0 and to_r["g2"] < 0
    assert to_r["g2"] == pytest.approx(-to_t["g2"])
    assert to_r["log_ratio"] == pytest.approx(-to_t["log_ratio"])
    # "zoo" (all other tokens) is relatively rarer in the target: negative.
    assert row_of(keyness(HAND, by="outlet", target="T"), "zoo")["g2"] < 0


def random_tables(n=150, seed=12345):
    rng = np.random.RandomState(seed)
    tables = []
    while len(tables) < n:
        high = rng.choice([5, 30, 1000, 100000])
        t = rng.randint(0, high, size=4)
        a, b, c, d = (int(v) for v in t)
        if min(a + b, c + d, a + c, b + d) > 0:
            tables.append((a, b, c, d))
    return tables


@pytest.mark.parametrize(("measure", "correction", "lambda_"), [
    ("g2", None, "log-likelihood"), ("chi2", None, None), ("chi2", "yates", None)])
def test_statistic_agrees_with_scipy_on_random_tables(measure, correction, lambda_):
    for a, b, c, d in random_tables():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SmallCountWarning)
            got = row_of(keyness(counts_of(a, b, c, d), by="outlet", target="T", measure=measure,
                                 correction=correction))
        table = np.array([[a, b], [c, d]])
        stat, p, _, expected = chi2_contingency(table, correction=correction == "yates", lambda_=lambda_)
        assert abs(got[measure]) == pytest.approx(stat, rel=1e-9, abs=1e-9), (a, b, c, d)
        assert got["p"] == pytest.approx(p, rel=1e-7, abs=1e-300), (a, b, c, d)
        assert got["expected_target"] == pytest.approx(expected[0, 0])
        if a * d - b * c < 0:
            assert got[measure] <= 0
        elif stat > 0:
            assert got[measure] > 0


def williams_g(table):
    """Williams' correction as in Sokal & Rohlf for an r×c table: q = 1 + (NΣ1/R − 1)(NΣ1/C − 1)/(6N(r−1)(c−1))."""
    table = np.asarray(table, dtype=float)
    n = table.sum()
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    q = 1 + (n * sum(1 / r for r in rows) - 1) * (n * sum(1 / c for c in cols) - 1) / (
        6 * n * (len(rows) - 1) * (len(cols) - 1))
    g, *_ = chi2_contingency(table, correction=False, lambda_="log-likelihood")
    return g / q


def test_williams_agrees_with_direct_formula():
    for a, b, c, d in random_tables(100, seed=7):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SmallCountWarning)
            got = row_of(keyness(counts_of(a, b, c, d), by="outlet", target="T", correction="williams"))
        assert abs(got["g2"]) == pytest.approx(williams_g([[a, b], [c, d]]), rel=1e-9, abs=1e-9)
        assert got["p"] == pytest.approx(chi2.sf(abs(got["g2"]), 1), rel=1e-9, abs=1e-300)


def test_many_terms_in_one_table_agree_with_scipy():
    rng = np.random.RandomState(3)
    terms = [f"t{i}" for i in range(200)]
    counts = pd.DataFrame({
        "outlet": ["A"] * 200 + ["B"] * 200 + ["C"] * 200,
        "term": terms * 3,
        "n": rng.randint(0, 60, size=600),
    })
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallCountWarning)
        got = keyness(counts, by="outlet", target="A").set_index("term")
    per = counts.pivot(index="term", columns="outlet", values="n")
    size_t, size_r = per["A"].sum(), per["B"].sum() + per["C"].sum()
    for term in terms[:50]:
        a, b = per.loc[term, "A"], per.loc[term, "B"] + per.loc[term, "C"]
        if a + b == 0:
            continue
        stat, p, *_ = chi2_contingency([[a, b], [size_t - a, size_r - b]], correction=False, lambda_="log-likelihood")
        assert abs(got.loc[term, "g2"]) == pytest.approx(stat, rel=1e-9, abs=1e-9)
        assert got.loc[term, "p"] == pytest.approx(chi2.sf(stat, 1), rel=1e-7)


def test_p_value_against_scipy():
    result = keyness(HAND, by="outlet", target="T")
    assert result["p"].to_numpy() == pytest.approx(chi2.sf(result["g2"].abs().to_numpy(), 1), rel=1e-12)


def test_log_ratio_with_a_zero_count_uses_half():
    # "kiev": 2 of 3 target tokens, 0 of 3 reference tokens → log2((2/3) / (0.5/3)) = log2(4) = 2
    toks = pd.DataFrame({"outlet": ["TASS"] * 3 + ["AP"] * 3,
                         "token": ["kiev", "kiev", "said", "kyiv", "kyiv", "said"]})
    result = keyness(toks, by="outlet", target="TASS", min_expected=0).set_index("term")
    assert result.loc["kiev", "log_ratio"] == pytest.approx(2.0)
    assert result.loc["kyiv", "log_ratio"] == pytest.approx(-2.0)
    assert result.loc["said", "log_ratio"] == 0.0 and result.loc["said", "g2"] == 0.0


TOKS = pd.DataFrame({
    "doc_id": ["a"] * 6 + ["b"] * 4 + ["c"] * 5,
    "sent_id": [0] * 15,
    "position": list(range(6)) + list(range(4)) + list(range(5)),
    "token": ["kiev", "said", "nato", "kiev", "forces", "said",
              "kyiv", "said", "nato", "kyiv",
              "kyiv", "forces", "said", "nato", "said"],
    "outlet": ["TASS"] * 6 + ["AP"] * 4 + ["Kontur"] * 5,
})


def test_tokens_input_equals_counts_input_and_by_forms_agree(quiet):
    from_tokens = keyness(TOKS, by="outlet", target="TASS")
    from_counts = keyness(count_terms(TOKS, by="outlet"), by="outlet", target="TASS")
    pd.testing.assert_frame_equal(from_tokens, from_counts)
    pd.testing.assert_frame_equal(from_tokens, keyness(TOKS, by=["outlet"], target="TASS"))
    pd.testing.assert_frame_equal(from_tokens, keyness(TOKS, by="outlet", target=["TASS"]))


def test_a_list_of_targets_is_one_group(quiet):
    merged = TOKS.assign(outlet=TOKS["outlet"].replace({"AP": "West", "Kontur": "West"}))
    pd.testing.assert_frame_equal(keyness(TOKS, by="outlet", target=["AP", "Kontur"]),
                                  keyness(merged, by="outlet", target="West"))


def test_several_by_columns_take_a_tuple(quiet):
    toks = TOKS.assign(year=2023)
    pd.testing.assert_frame_equal(keyness(toks, by=["outlet", "year"], target=("TASS", 2023)),
                                  keyness(TOKS, by="outlet", target="TASS"))
    with pytest.raises(ValueError, match="tuple"):
        keyness(toks, by=["outlet", "year"], target="TASS")


def test_input_unchanged(quiet):
    before = TOKS.copy(deep=True)
    counts = count_terms(TOKS, by="outlet")
    counts_before = counts.copy(deep=True)
    keyness(TOKS, by="outlet", target="TASS", measure="chi2", correction="yates")
    keyness(counts, by="outlet", target="TASS", correction="williams")
    collocations(TOKS, by="outlet", min_count=1)
    pd.testing.assert_frame_equal(TOKS, before)
    pd.testing.assert_frame_equal(counts, counts_before)


def test_small_counts_warn_and_are_marked():
    with pytest.warns(SmallCountWarning, match="too small to support a claim"):
        result = keyness(TOKS, by="outlet", target="TASS")
    assert result["low_expected"].all()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not keyness(TOKS, by="outlet", target="TASS", min_expected=0)["low_expected"].any()
        assert not keyness(HAND, by="outlet", target="T")["low_expected"].any()
    # The smallest expected frequencies of HAND are 10 and 30 (for "war" and, transposed, for "zoo"): 20 marks both.
    with pytest.warns(SmallCountWarning, match="2 of 2 terms"):
        assert row_of(keyness(HAND, by="outlet", target="T", min_expected=20))["low_expected"]


def test_clear_errors():
    with pytest.raises(ValueError, match="'AP', 'Kontur', 'TASS'"):
        keyness(TOKS, by="outlet", target="RT")
    with pytest.raises(ValueError, match="nothing left to compare"):
        keyness(TOKS, by="outlet", target=["AP", "Kontur", "TASS"])
    with pytest.raises(KeyError, match="metadata"):
        keyness(TOKS.drop(columns="outlet"), by="outlet", target="TASS")
    with pytest.raises(KeyError, match="count_terms"):
        keyness(count_terms(TOKS), by="outlet", target="TASS")
    with pytest.raises(ValueError, match="'g2'"):
        keyness(TOKS, by="outlet", target="TASS", measure="ll")
    with pytest.raises(ValueError, match="Yates"):
        keyness(TOKS, by="outlet", target="TASS", correction="yates")
    with pytest.raises(ValueError, match="Williams"):
        keyness(TOKS, by="outlet", target="TASS", measure="chi2", correction="williams")
    with pytest.raises(ValueError, match="by="):
        keyness(TOKS, by=None, target="TASS")
    with pytest.raises(TypeError):
        keyness(TOKS, "outlet", "TASS")


def test_sample_tass_says_kiev(sample):
    tokens = tokenize(sample, metadata=["outlet"])
    with pytest.warns(SmallCountWarning):
        result = keyness(tokens, by="outlet", target="TASS")
    assert "kiev" in result["term"].head(10).tolist()
    kyiv = row_of(result, "kyiv")
    assert kyiv["g2"] < 0 and kyiv["n_target"] == 0 and kyiv["log_ratio"] < 0


# Collocations fixture (positions as in the running text):
#   doc a, sentence 0: new(0) york(1) times(2)
#   doc a, sentence 1: new(3) york(4)
#   doc b, sentence 0: new(0) deal(1)
#   doc c, sentence 0: bank(0) river(3)          (positions 1 and 2 were removed)
COLL = pd.DataFrame({
    "doc_id": ["a"] * 5 + ["b"] * 2 + ["c"] * 2,
    "sent_id": [0, 0, 0, 1, 1, 0, 0, 0, 0],
    "position": [0, 1, 2, 3, 4, 0, 1, 0, 3],
    "token": ["new", "york", "times", "new", "york", "new", "deal", "bank", "river"],
    "outlet": ["X"] * 5 + ["Y"] * 2 + ["X"] * 2,
})


def pairs_of(result):
    return {(r.term1, r.term2): r.n for r in result.itertuples()}


def test_collocation_counts_window_and_sentences():
    # window=1: new york (a/0), york times (a/0), new york (a/1), new deal (b/0); "times new" would cross sentences
    one = collocations(COLL, window=1, min_count=1)
    assert list(one.columns) == ["term1", "term2", "n", "score"]
    assert pairs_of(one) == {("new", "york"): 2, ("york", "times"): 1, ("new", "deal"): 1}
    # window=2 adds new→times (distance 2) inside a/0; still not "york new" across a/0 → a/1
    assert pairs_of(collocations(COLL, window=2, min_count=1)) == {
        ("new", "york"): 2, ("york", "times"): 1, ("new", "deal"): 1, ("new", "times"): 1}
    # bank and river are 3 positions apart: a pair only from window=3 on
    assert ("bank", "river") in pairs_of(collocations(COLL, window=3, min_count=1))
    assert pairs_of(collocations(COLL, window=3, min_count=2)) == {("new", "york"): 2}


def test_collocation_pmi_by_hand():
    # window=1: N = 4 pairs; new york n = 2; "new" first in 3 pairs; "york" second in 2 pairs
    # PMI = log2((2/4) / ((3/4)·(2/4))) = log2(2·4/(3·2)) = log2(4/3) = 0.415
    # york times: log2(1·4/(1·1)) = 2; new deal: log2(1·4/(3·1)) = log2(4/3)
    result = collocations(COLL, window=1, measure="pmi", min_count=1)
    scores = {(r.term1, r.term2): r.score for r in result.itertuples()}
    assert scores[("new", "york")] == pytest.approx(math.log2(4 / 3))
    assert scores[("york", "times")] == pytest.approx(2.0)
    assert result["term1"].tolist()[0] == "york"  # highest PMI first


def test_collocation_llr_is_signed_g2_of_the_pair_table():
    result = collocations(COLL, window=1, min_count=1)
    scores = {(r.term1, r.term2): r.score for r in result.itertuples()}
    # new york: [[2, 3 − 2], [2 − 2, 4 − 3 − 2 + 2]] = [[2, 1], [0, 1]]; more than expected (E11 = 1.5)
    g, *_ = chi2_contingency([[2, 1], [0, 1]], correction=False, lambda_="log-likelihood")
    assert scores[("new", "york")] == pytest.approx(g)
    # new deal: [[1, 2], [0, 1]], E11 = 3·1/4 = 0.75 < 1: positive too
    g, *_ = chi2_contingency([[1, 2], [0, 1]], correction=False, lambda_="log-likelihood")
    assert scores[("new", "deal")] == pytest.approx(g)
    assert result["score"].is_monotonic_decreasing


def test_collocations_by_group():
    result = collocations(COLL, window=1, min_count=1, by="outlet")
    assert list(result.columns) == ["outlet", "term1", "term2", "n", "score"]
    assert set(zip(result["outlet"], result["term1"], result["term2"])) == {
        ("X", "new", "york"), ("X", "york", "times"), ("Y", "new", "deal")}
    pd.testing.assert_frame_equal(result, collocations(COLL, window=1, min_count=1, by=["outlet"]))
    # Within group X: 3 pairs, new york 2, new first 2, york second 2 → PMI = log2(2·3/(2·2))
    pmi = collocations(COLL, window=1, min_count=1, by="outlet", measure="pmi")
    x = pmi[(pmi["outlet"] == "X") & (pmi["term1"] == "new")]
    assert x["score"].item() == pytest.approx(math.log2(1.5))


def test_collocations_row_order_does_not_matter_and_errors():
    shuffled = COLL.sample(frac=1, random_state=1)
    pd.testing.assert_frame_equal(collocations(shuffled, window=2, min_count=1),
                                  collocations(COLL, window=2, min_count=1))
    assert len(collocations(COLL.iloc[:0], min_count=1)) == 0
    assert list(collocations(COLL.iloc[:0], by="outlet").columns) == ["outlet", "term1", "term2", "n", "score"]
    with pytest.raises(ValueError, match="same position"):
        collocations(pd.concat([COLL, COLL]))
    with pytest.raises(ValueError, match="window"):
        collocations(COLL, window=0)
    with pytest.raises(ValueError, match="'pmi'"):
        collocations(COLL, measure="dice")
    with pytest.raises(KeyError, match="position"):
        collocations(COLL.drop(columns="position"))


def test_collocations_on_sample(sample):
    result = collocations(tokenize(sample), window=1)
    top = list(zip(result["term1"], result["term2"]))[:10]
    assert ("united", "states") in top
    assert (result["n"] >= 3).all()


def test_keyness_all_with_a_single_group_is_empty_not_an_error():
    import corpus_tools as ct

    counts = pd.DataFrame({"outlet": ["unknown", "unknown"], "term": ["a", "b"], "n": [1, 2]})
    with pytest.warns(UserWarning, match="nothing to compare"):
        out = keyness_all(counts, by="outlet")
    assert out.empty and "target" in out.columns
    assert "Nothing to compare" in ct.plot_keyness(out).layout.annotations[0].text
