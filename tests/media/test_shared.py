"""Shared passages, shares of shared words, similarity matrices and LSH pairs.

Expected values come from an independent brute force (Python sets of word runs), from the
texts themselves (regular expressions), or from fixtures built with a known overlap.
"""

import random
import re
import time
import warnings

import numpy as np
import pandas as pd
import pytest

from corpus_tools.media.passages import (
    PASSAGE_COLUMNS,
    add_shared_share,
    find_shared_passages,
)
from corpus_tools.media.similarity import (
    MAX_MATRIX,
    PAIR_COLUMNS,
    find_similar_articles,
    similarity_matrix,
)
from corpus_tools.ui.plots import plot_similarity

from ..conftest import corpus_path

WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def words(text: str) -> list[str]:
    """The normalised words, written independently of the module under test."""
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def runs(text: str, k: int) -> list[tuple]:
    w = words(text)
    return [tuple(w[i:i + k]) for i in range(len(w) - k + 1)]


def brute_force(texts: dict, k: int):
    """Per article: words inside a k-word run that another article also has, and those partners."""
    sets = {d: set(runs(t, k)) for d, t in texts.items()}
    shared, partners = {}, {}
    for d, t in texts.items():
        others = {o for o in texts if o != d and sets[d] & sets[o]}
        partners[d] = len(others)
        union = set().union(*(sets[o] for o in others)) if others else set()
        covered = set()
        for i, r in enumerate(runs(t, k)):
            if r in union:
                covered.update(range(i, i + k))
        shared[d] = len(covered)
    return shared, partners


def fake_text(rng: random.Random, n_words: int, prefix: str = "w") -> str:
    """Made-up words (w0 ... w9999999) in sentences: no two texts share a run by chance."""
    out = []
    for i in range(n_words):
        out.append(f"{prefix}{rng.randrange(10**7)}")
        if i % 12 == 11:
            out[-1] += "."
    return " ".join(out)


def frame(texts: dict, outlets=None) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": list(texts), "outlet": outlets or ["X"] * len(texts), "text": list(texts.values())})


# --- the sample: quotes several outlets carry ---------------------------------------------

QUOTES = [
    "Ukrainians have been able to inflict heavy losses on the Russian",
    "to inflict heavy losses on the Russian invaders",
    "The United States has provided more than $40 billion in security aid to Ukraine",
    "I'm absolutely certain that the message from NATO allies at this meeting",
    "security interest that President Putin does not win",
]


def locate(text: str, quote: str):
    """Character span of ``quote`` in ``text``, whatever the case, punctuation and quote marks between words."""
    pattern = r"\W+".join(re.escape(w).replace("'", "['’]") for w in quote.split())
    m = re.search(r"(?<!\w)" + pattern + r"(?!\w)", text, re.IGNORECASE)
    return m.span() if m else None


@pytest.mark.parametrize("quote", QUOTES)
def test_quotes_found_in_exactly_the_articles_that_carry_them(sample, quote):
    passages = find_shared_passages(sample)
    carriers = {d for d, t in zip(sample["doc_id"], sample["text"]) if locate(t, quote)}
    assert len(carriers) >= 2  # the sample really shares this quote
    found = set()
    for doc_id, body in zip(sample["doc_id"], sample["text"]):
        span = locate(body, quote)
        rows = passages[passages["doc_id"] == doc_id]
        covered = set()
        for a, b in zip(rows["start"], rows["end"]):
            covered.update(range(a, b))
        if span and {i for i in range(*span) if body[i].isalnum()} <= covered:
            found.add(doc_id)
    assert found == carriers


def test_a_quote_only_one_article_has_is_not_shared(sample):
    # 002 alone says "Even though the frontline has not moved so much"; 000 drops "so much".
    quote = "Even though the frontline has not moved so much"
    carriers = [d for d, t in zip(sample["doc_id"], sample["text"]) if locate(t, quote)]
    assert len(carriers) == 1
    passages = find_shared_passages(sample)
    assert not any(" ".join(words(quote)) in " ".join(words(p)) for p in passages["passage"])


def test_offsets_point_at_the_passage_as_written(sample):
    passages = find_shared_passages(sample)
    assert list(passages.columns) == PASSAGE_COLUMNS
    assert len(passages) > 0
    text_of = dict(zip(sample["doc_id"], sample["text"]))
    outlet_of = dict(zip(sample["doc_id"], sample["outlet"]))
    for row in passages.itertuples():
        shown = text_of[row.doc_id][row.start:row.end]
        assert words(shown) == words(row.passage)
        assert len(words(shown)) == row.n_words >= 8
        assert shown[0].isalnum() and shown[-1].isalnum()  # whole words, no stray punctuation
        assert row.outlet == outlet_of[row.doc_id]
    first = passages.drop_duplicates("passage_id")
    for row in first.itertuples():  # "passage" is the text of the first article carrying it
        assert text_of[row.doc_id][row.start:row.end] == row.passage


def test_each_passage_lists_every_article_holding_its_words(sample):
    passages = find_shared_passages(sample)
    joined = {d: " " + " ".join(words(t)) + " " for d, t in zip(sample["doc_id"], sample["text"])}
    for _pid, rows in passages.groupby("passage_id"):
        needle = " " + " ".join(words(rows["passage"].iloc[0])) + " "
        holders = {d for d, t in joined.items() if needle in t}
        assert holders == set(rows["doc_id"])
        assert (rows["n_docs"] == len(holders)).all()


@pytest.mark.parametrize("k", [5, 8, 12])
def test_shared_words_and_partners_match_a_brute_force(sample, k):
    texts = dict(zip(sample["doc_id"], sample["text"]))
    shared, partners = brute_force(texts, k)
    out = add_shared_share(sample, min_words=k)
    assert out["shared_words"].tolist() == [shared[d] for d in out["doc_id"]]
    assert out["shared_with"].tolist() == [partners[d] for d in out["doc_id"]]
    n_words = np.array([len(words(t)) for t in out["text"]])
    assert np.allclose(out["shared_share"], out["shared_words"] / n_words)
    assert sum(shared.values()) > 0


def test_min_words_is_honoured():
    seven = "the talks were aimed at strongly reaffirming"  # 7 words
    arts = frame({"a": f"Alpha beta gamma. {seven} support. Delta epsilon.",
                  "b": f"Zeta eta. {seven} backing. Theta iota."})
    assert find_shared_passages(arts, min_words=8).empty
    found = find_shared_passages(arts, min_words=7)
    assert found["n_words"].tolist() == [7, 7]
    assert words(found["passage"].iloc[0]) == words(seven)


def test_case_punctuation_and_quote_marks_are_ignored():
    arts = frame({"a": "He said: “Kyiv’s forces held the line during the whole winter,” officials said.",
                  "b": 'KYIV\'S FORCES -- held the line, during the whole "winter" and more.'})
    found = find_shared_passages(arts, min_words=8)
    assert found["doc_id"].tolist() == ["a", "b"]
    a, b = (arts.loc[i, "text"][s:e] for i, s, e in zip([0, 1], found["start"], found["end"]))
    assert a == "Kyiv’s forces held the line during the whole winter"
    assert b == 'KYIV\'S FORCES -- held the line, during the whole "winter'


def test_exact_copy_shares_everything_and_unrelated_articles_nothing(sample):
    rng = random.Random(1)
    arts = pd.concat([sample.iloc[[0, 3]], sample.iloc[[0]].assign(doc_id="copy of 000")], ignore_index=True)
    unrelated = frame({"u1": fake_text(rng, 300, "u"), "u2": fake_text(rng, 300, "v")}, outlets=["Y", "Z"])
    arts = pd.concat([arts, unrelated], ignore_index=True)
    original = arts.copy()
    out = add_shared_share(arts)
    pd.testing.assert_frame_equal(arts, original)  # input unchanged
    assert list(out.columns) == [*arts.columns, "shared_words", "shared_share", "shared_with"]
    share = dict(zip(out["doc_id"], out["shared_share"]))
    assert share[sample["doc_id"].iloc[0]] == share["copy of 000"] == 1.0
    assert share["u1"] == share["u2"] == 0.0
    for method in ("containment", "jaccard"):
        m = similarity_matrix(arts, method=method)
        assert m.loc[sample["doc_id"].iloc[0], "copy of 000"] == m.loc["copy of 000", sample["doc_id"].iloc[0]] == 1.0
        assert m.loc["u1", "u2"] == m.loc["u2", "u1"] == 0.0
        assert ((m.to_numpy() >= 0) & (m.to_numpy() <= 1)).all()
    pairs = find_similar_articles(arts)
    assert list(pairs.columns) == PAIR_COLUMNS
    assert pairs[["doc_id_a", "doc_id_b", "similarity"]].values.tolist() == [
        [sample["doc_id"].iloc[0], "copy of 000", 1.0]]


def test_containment_and_jaccard_match_a_brute_force(sample):
    k = 8
    sets = {d: set(runs(t, k)) for d, t in zip(sample["doc_id"], sample["text"])}
    cont = similarity_matrix(sample, method="containment")
    jac = similarity_matrix(sample, method="jaccard")
    for a, ta in zip(sample["doc_id"], sample["text"]):
        for b in sample["doc_id"]:
            if a == b:
                assert cont.loc[a, b] == jac.loc[a, b] == 1.0
                continue
            covered = set()
            for i, r in enumerate(runs(ta, k)):
                if r in sets[b]:
                    covered.update(range(i, i + k))
            assert cont.loc[a, b] == pytest.approx(len(covered) / len(words(ta)))
            assert jac.loc[a, b] == pytest.approx(len(sets[a] & sets[b]) / len(sets[a] | sets[b]))
    assert (cont.to_numpy() > 0).sum() > len(sample)  # the sample does share passages


def test_similarity_matrix_labels_and_limit(sample):
    m = similarity_matrix(sample, label="outlet: title")
    assert m.index.tolist() == m.columns.tolist()
    assert m.index[3] == f"TASS: {sample.loc[3, 'title']}"
    assert len(set(m.index)) == len(sample)
    big = frame({f"d{i}": f"text number {i}" for i in range(MAX_MATRIX + 1)})
    with pytest.raises(ValueError, match="find_similar_articles"):
        similarity_matrix(big)
    with pytest.raises(ValueError, match="method"):
        similarity_matrix(sample, method="cosine")


def test_plot_similarity_escapes_labels_and_blanks_the_diagonal(sample):
    arts = sample.iloc[:3].assign(outlet=["<b>x</b>", "TASS", "$5 News"])
    m = similarity_matrix(arts, label="outlet: title")
    fig = plot_similarity(m, title="<i>t</i>")
    heat = fig.data[0]
    labels = list(fig.layout.xaxis.ticktext) + list(fig.layout.yaxis.ticktext)
    assert all("<b>" not in t and "<i>" not in t for t in labels)
    assert any(t.startswith("&lt;b&gt;x&lt;/b&gt;: ") for t in labels)
    assert all(len(t) <= 60 for t in labels)  # long titles cut
    assert "<b>x</b>" not in str(heat.customdata.tolist() if hasattr(heat.customdata, "tolist") else heat.customdata)
    assert all(heat.z[i][i] is None for i in range(3))
    assert heat.z[0][2] == pytest.approx(m.iloc[0, 2], abs=1e-4)  # 4 decimals: the page stays small
    assert "%{z:.1%}" in heat.hovertemplate and "%{y}" in heat.hovertemplate
    assert "<i>" not in fig.layout.title.text


def test_max_docs_drops_boilerplate_but_keeps_real_quotes():
    rng = random.Random(7)
    footer = "To suggest a correction or clarification write to us here and press Ctrl Enter"
    quote = "we have a good strategy and Ukraine has a good strategy but we need to implement it"
    texts = {f"d{i}": fake_text(rng, 80) + ". " + footer for i in range(5)}
    texts["d0"] += ". " + quote
    texts["d1"] = quote + ". " + texts["d1"]
    arts = frame(texts)
    everything = find_shared_passages(arts)
    assert {words(p)[0] for p in everything["passage"]} == {"to", "we"}
    kept = find_shared_passages(arts, max_docs=3)
    assert kept["passage"].map(lambda p: " ".join(words(p))).unique().tolist() == [" ".join(words(quote))]
    assert kept.attrs["boilerplate_shingles"] == 5 * (len(words(footer)) - 8 + 1)
    with pytest.raises(ValueError, match="max_docs"):
        find_shared_passages(arts, max_docs=1)


def test_bad_input_gives_clear_errors():
    with pytest.raises(KeyError, match="'text'"):
        find_shared_passages(pd.DataFrame({"doc_id": ["a"], "body": ["x"]}))
    with pytest.raises(ValueError, match="unique"):
        add_shared_share(pd.DataFrame({"doc_id": ["a", "a"], "text": ["x", "y"]}))
    empty = find_shared_passages(pd.DataFrame({"doc_id": ["a", "b"], "text": ["", None]}))
    assert list(empty.columns) == PASSAGE_COLUMNS and empty.empty
    shares = add_shared_share(pd.DataFrame({"doc_id": ["a", "b"], "text": ["", None]}))
    assert shares["shared_share"].tolist() == [0.0, 0.0]
    assert find_similar_articles(pd.DataFrame({"doc_id": ["a"], "text": ["too short"]})).empty


def test_disk_cache_gives_the_same_passages(sample):
    first = find_shared_passages(sample, cache=True)
    again = find_shared_passages(sample, cache=True)
    pd.testing.assert_frame_equal(first, again)
    pd.testing.assert_frame_equal(first, find_shared_passages(sample, cache=False))


# --- MinHash LSH against exact Jaccard ----------------------------------------------------

def overlapping_set(n_groups: int = 12, seed: int = 3):
    """Groups of four: a base text and variants keeping 90 %, 60 % and 20 % of its sentences."""
    rng = random.Random(seed)
    texts = {}
    for g in range(n_groups):
        sentences = [fake_text(rng, 12) for _ in range(40)]
        for keep in (1.0, 0.9, 0.6, 0.2):
            n_keep = round(40 * keep)
            fresh = [fake_text(rng, 12, "x") for _ in range(40 - n_keep)]
            texts[f"g{g}-{keep}"] = " ".join(sentences[:n_keep] + fresh)
    return frame(texts)


def test_lsh_pairs_agree_with_exact_jaccard():
    arts = overlapping_set()
    exact = similarity_matrix(arts, method="jaccard")
    pairs = find_similar_articles(arts, threshold=0.5, num_perm=128)
    assert len(pairs)
    for a, b, s in pairs[["doc_id_a", "doc_id_b", "similarity"]].itertuples(index=False):
        assert abs(s - exact.loc[a, b]) < 0.15
        assert s >= 0.5
    found = {frozenset(p) for p in zip(pairs["doc_id_a"], pairs["doc_id_b"])}
    ids = arts["doc_id"].tolist()
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            if exact.loc[a, b] >= 0.75:
                assert frozenset((a, b)) in found
            if exact.loc[a, b] <= 0.25:
                assert frozenset((a, b)) not in found
    assert pairs["similarity"].is_monotonic_decreasing


def test_minhash_values_are_datasketch_minhash():
    from datasketch import MinHash

    from corpus_tools.media.similarity import _minhash_signatures

    rng = np.random.default_rng(0)
    h = rng.integers(0, 2**63, size=50, dtype=np.int64).astype(np.uint64)
    _, ours = _minhash_signatures(np.zeros(50, dtype=np.int32), h, 64)
    theirs = MinHash(num_perm=64, seed=1, hashfunc=lambda v: v)
    theirs.update_batch([int(v) >> 32 for v in h])
    assert ours[0].tolist() == theirs.hashvalues.tolist()


# --- scale ---------------------------------------------------------------------------------

def test_two_thousand_articles_take_seconds_not_minutes():
    rng = random.Random(11)
    wire = "The agency reported that the ministers agreed on a new package of support for the coming year"
    texts = {f"d{i}": fake_text(rng, 150) + (f". {wire}. " + fake_text(rng, 20) if i % 10 == 0 else "")
             for i in range(2000)}
    arts = frame(texts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tqdm may warn that no notebook widgets are available
        t0 = time.perf_counter()
        passages = find_shared_passages(arts, cache=False)
        shares = add_shared_share(arts, passages=passages)
        pairs = find_similar_articles(arts)
        elapsed = time.perf_counter() - t0
    assert elapsed < 15  # all pairs would be two million comparisons
    assert passages["passage_id"].nunique() == 1
    assert passages["n_docs"].iloc[0] == 200 and set(passages["doc_id"]) == {f"d{i}" for i in range(0, 2000, 10)}
    assert (shares["shared_with"] == [199 if i % 10 == 0 else 0 for i in range(2000)]).all()
    assert pairs.empty  # one shared sentence is far from half of an article


@pytest.mark.corpora
def test_bbc_duplicates_are_almost_entirely_shared():
    import corpus_tools as ct

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bbc = ct.read_articles(corpus_path("bbc_news_2225", "bbc"), progress=False)
    dup = bbc["flags"].map(lambda f: "duplicate" in list(f))
    assert dup.sum() > 100
    out = add_shared_share(bbc)
    assert (out.loc[dup, "shared_share"] > 0.95).all()
    assert (out.loc[dup, "shared_with"] >= 1).all()
    assert out.loc[~dup, "shared_share"].median() < 0.2  # most BBC articles are their own
