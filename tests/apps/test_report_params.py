"""A report of the user's corpus, not of the sample: ``--param`` values reach the notebooks that name them,
parameters left unset are chosen from the corpus, paths and progress bars stay out of the pages, and the
report works on a 300-article corpus and a 16,000-row headline export (built here: CI has no ../shared)."""

import html
import json
import re

import nbformat
import pytest

from corpus_tools.apps.cli import main
from corpus_tools.apps.notebooks import notebook_parameters, parse_parameters
from corpus_tools.apps.report import build_report, default_notebooks

from ..browser_utils import block_network, browser_or_skip, collect_errors, external, open_report, screenshot_path
from .report_corpora import write_headlines_csv, write_news_corpus
from .test_report import write_notebook

PAGES = [p.stem for p in default_notebooks()]


def _text(page_path) -> str:
    """The page's visible words, roughly: tags dropped, entities kept."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page_path.read_text()))


def _stdout(nb) -> str:
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


# ---------------------------------------------------------------------------------------------
# --param values


def test_param_values_are_python_literals_when_they_read_as_one_else_text():
    assert parse_parameters(["N_TERMS=20", "OUTLETS=['AP', 'TASS']", "TERM=None", "FLAG=True", "FREQ=M",
                             "KEYWORD=Kyiv|Kiev", "TARGET=Metro Times", "TERM2='quoted'", "EMPTY="]) == {
        "N_TERMS": 20, "OUTLETS": ["AP", "TASS"], "TERM": None, "FLAG": True, "FREQ": "M", "KEYWORD": "Kyiv|Kiev",
        "TARGET": "Metro Times", "TERM2": "quoted", "EMPTY": ""}
    with pytest.raises(ValueError, match="write NAME=VALUE"):
        parse_parameters(["TARGET"])


def test_the_numbered_notebooks_declare_their_parameters():
    declared = {p.stem: notebook_parameters(p) for p in default_notebooks()}
    assert declared["02-words"] == ["CORPUS", "OUTLETS", "TARGET", "KEYWORD", "WORDS", "EXTRA_STOPWORDS", "N_TERMS"]
    assert declared["04-timelines"] == ["CORPUS", "OUTLETS", "FREQ", "TERMS"]
    assert all(names[0] == "CORPUS" for names in declared.values())


def test_an_unknown_parameter_is_an_error_listing_the_notebooks_parameters(sample, tmp_path, capsys):
    with pytest.raises(ValueError, match=r"Unknown parameter\(s\) TARGETS\. .*02-words: CORPUS, OUTLETS, TARGET"):
        build_report(tmp_path, tmp_path / "out", parameters={"TARGETS": "TASS"}, progress=False)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())  # nothing was run
    assert main(["report", "--corpus", str(tmp_path), "-o", str(tmp_path / "out"), "--param", "KEYWRD=x"]) == 2
    err = capsys.readouterr().err
    assert "Unknown parameter(s) KEYWRD" in err and "02-words:" in err and "KEYWORD" in err


def test_each_notebook_gets_the_parameters_it_names_and_pages_show_no_folders(tmp_path):
    corpus = tmp_path / "secret_place" / "my_corpus"
    corpus.mkdir(parents=True)
    (corpus / "a.txt").write_text("Title\n\nSome text.\n")
    first = write_notebook(tmp_path / "first.ipynb", "import os\nprint('X is', X, 'in', CORPUS)\n"
                           "print(sorted(os.path.join(CORPUS, f) for f in os.listdir(CORPUS)))",
                           params="CORPUS = None\nX = 1")
    second = write_notebook(tmp_path / "second.ipynb", "print('Y is', Y, 'X' in dir())", params="CORPUS = None\nY = 2")
    pages = build_report(corpus, tmp_path / "out", notebooks=[first, second], parameters={"X": 5, "Y": [7]},
                         timeout=60, progress=False)
    one, two = (nbformat.read(p.with_suffix(".ipynb"), as_version=4) for p in pages)
    assert _stdout(one) == "X is 5 in my_corpus\n['my_corpus/a.txt']\n"
    assert _stdout(two) == "Y is [7] False\n"
    for page in pages:
        text = page.read_text() + page.with_suffix(".ipynb").read_text()
        assert str(tmp_path) not in text
        assert "secret_place" not in text
    assert "my_corpus" in _text(pages[0])


# ---------------------------------------------------------------------------------------------
# The report of a 300-article corpus, with parameters


@pytest.fixture(scope="module")
def news_report(tmp_path_factory):
    """``corpus-tools report`` on 300 articles (nine outlets, fifteen months) with TARGET, KEYWORD and FREQ set."""
    corpus = write_news_corpus(tmp_path_factory.mktemp("private_folder") / "us_politics", 300)
    out = tmp_path_factory.mktemp("news_report")
    code = main(["report", "--corpus", str(corpus), "-o", str(out), "--timeout", "300",
                 "--param", "TARGET=metro times", "--param", "KEYWORD=Austin", "--param", "FREQ=M"])
    return code, out, corpus


def test_a_300_article_report_has_every_page_and_shows_the_corpus_not_the_sample(news_report):
    code, out, corpus = news_report
    assert code == 0
    pages = {p.stem: out / f"{p.stem}.html" for p in default_notebooks()}
    assert all(p.exists() for p in pages.values())
    for name, page in pages.items():
        text = page.read_text()
        assert str(corpus.parent) not in text, name  # no folder of this machine in a shared page
        assert "Data:</b> 300 articles from 9 outlets (Capitol Wire" in text, name
        assert "Read from us_politics." in text, name
        outputs = json.dumps([c.get("outputs", []) for c in nbformat.read(page.with_suffix(".ipynb"), 4).cells])
        assert "Kyiv" not in outputs and "Kiev" not in outputs, name  # nothing of the sample's parameters
    words = _text(pages["02-words"])
    assert "TARGET = 'Metro Times'" in words and "KEYWORD = 'Austin'" in words
    assert "Words that set Metro Times apart" in pages["02-words"].read_text()
    assert "0 occurrences" not in words
    nb = nbformat.read(out / "02-words.ipynb", as_version=4)
    assert "chosen from the corpus" in _stdout(nb) and "WORDS = [" in _stdout(nb)
    assert "FREQ = 'M'" in _text(pages["01-corpus-overview"])
    timelines = nbformat.read(out / "04-timelines.ipynb", as_version=4)
    assert "TERMS = [" in _stdout(timelines)
    framing = nbformat.read(out / "05-quotes-and-framing.ipynb", as_version=4)
    assert "300 article(s): every pair compared exactly" in _stdout(framing)
    assert "FRAMING_TERM = " in _stdout(framing)


@pytest.fixture(scope="module")
def browser():
    with browser_or_skip() as b:
        yield b


@pytest.mark.browser
def test_a_report_built_with_param_shows_the_parameters_effect_in_a_browser(news_report, browser):
    code, out, _ = news_report
    assert code == 0
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests, errors = block_network(page), collect_errors(page)
    open_report(page, out / "02-words.html")
    # KEYWORD=Austin: the keyword-in-context table lists Austin.
    matches = page.locator("table.corpus-tools td.kwic-match").all_inner_texts()
    assert matches and all(m.lower() == "austin" for m in matches)
    captions = page.locator("table.corpus-tools caption").all_inner_texts()
    assert captions and all(re.fullmatch(r"[1-9]\d* occurrences", c) for c in captions), captions
    # TARGET=metro times: the keyness chart is Metro Times'.
    titles = page.locator(".js-plotly-plot .gtitle").all_text_contents()
    assert any("Words that set Metro Times apart" in t for t in titles), titles
    body = page.inner_text("body")
    assert "TARGET = 'Metro Times'" in body and "given" in body
    page.screenshot(path=screenshot_path("report-param-02-words"), full_page=True)
    assert external(requests) == [] and errors == []
    page.close()


# ---------------------------------------------------------------------------------------------
# A 16,000-row headline export


@pytest.mark.slow
def test_a_16000_row_headline_report_has_every_page(tmp_path):
    csv = write_headlines_csv(tmp_path / "exports" / "headlines.csv", 16_000)
    assert main(["report", "--corpus", str(csv), "-o", str(tmp_path / "out"), "--timeout", "600"]) == 0
    for name in PAGES:
        text = (tmp_path / "out" / f"{name}.html").read_text()
        assert "Data:</b> 16,000 articles from 9 outlets" in text and str(tmp_path) not in text, name
        assert not re.search(r"\d+%\|", _text(tmp_path / "out" / f"{name}.html")), name  # no progress bar
    overview = nbformat.read(tmp_path / "out" / "01-corpus-overview.ipynb", as_version=4)
    assert "FREQ = 'W'\n      weekly: the dates run from 2016-01-04 to 2017-04-03, 66 period(s)" in _stdout(overview)
    framing = nbformat.read(tmp_path / "out" / "05-quotes-and-framing.ipynb", as_version=4)
    assert "16,000 articles: more than 300" in _stdout(framing) and "MinHash" in _stdout(framing)


def test_an_empty_corpus_gives_pages_that_say_so(tmp_path):
    (tmp_path / "nothing_here").mkdir()
    pages = build_report(tmp_path / "nothing_here", tmp_path / "out", timeout=120, progress=False)
    assert [p.stem for p in pages] == PAGES  # every notebook runs through, none fails on an empty table
    for page in pages:
        assert "Data:</b> no articles were loaded. Read from nothing_here." in page.read_text(), page.name
