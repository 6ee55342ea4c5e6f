"""One spelling per outlet: case and spacing variants, web addresses, aliases; each change said once."""

from __future__ import annotations

import pytest

from corpus_tools.io.outlets import bare_domain, tidy_outlets


def rows(*names):
    return [{"outlet": n, "outlet_evidence": "column 'source'" if n else None} for n in names]


def test_case_and_spacing_variants_take_the_most_frequent_spelling():
    r = rows("fox", "fox", "FOX", "Fox", "Fox  News", "Fox News", " fox news ", "Fox  News", None)
    notes = tidy_outlets(r)
    assert [x["outlet"] for x in r] == ["fox"] * 4 + ["Fox News"] * 4 + [None]  # spaces tidied in the spelling
    assert r[2]["outlet_evidence"] == "column 'source' (written 'FOX'; case and spacing variants merged)"
    assert len(notes) == 1 and "'FOX', 'Fox' → 'fox' (2 articles)" in notes[0]


def test_nothing_to_merge_changes_nothing():
    r = rows("TASS", "AP", "Kontur", None)
    assert tidy_outlets(r) == [] and [x["outlet"] for x in r] == ["TASS", "AP", "Kontur", None]


@pytest.mark.parametrize("name,domain", [
    ("www.msnbc.com", "msnbc.com"), ("https://www.MSNBC.com/news/x?id=1", "msnbc.com"), ("m.bbc.co.uk", "bbc.co.uk"),
    ("news.bbc.co.uk", "news.bbc.co.uk"), ("Fox News", None), ("U.S. News", None), ("Yahoo!", None),
])
def test_bare_domain(name, domain):
    assert bare_domain(name) == domain


def test_aliases_match_the_name_or_its_domain_and_win_the_spelling():
    r = rows("www.msnbc.com", "MSNBC", "msnbc", "fox")
    notes = tidy_outlets(r, aliases={"msnbc.com": "MSNBC", "FOX": "Fox News"}, tidy_domains=True)
    assert [x["outlet"] for x in r] == ["MSNBC", "MSNBC", "MSNBC", "Fox News"]  # msnbc: a case variant
    assert "web address tidied, outlet_aliases" in r[0]["outlet_evidence"]
    assert any(n.startswith("outlet_aliases applied") for n in notes)


def test_bad_aliases():
    with pytest.raises(TypeError, match="outlet_aliases= takes a dict"):
        tidy_outlets(rows("a"), aliases=[("a", "b")])
