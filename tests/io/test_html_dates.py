"""Publication dates of HTML pages: the field named, publication fields first, the local day, visible dates near
the headline in the languages of news, and no date for pages that are not articles (pages written for these tests)."""

from __future__ import annotations

import pandas as pd
import pytest

from corpus_tools import read_articles
from corpus_tools.io.html_dates import find_html_date, find_written_date

BODY = "".join(
    f"<p>{s}</p>" for s in (
        "The council voted on Tuesday to approve a plan that will reshape bus routes across the city, after months "
        "of consultation with residents and businesses in every district.",
        "Opponents said the cost was too high and that residents had not been consulted properly, while supporters "
        "argued the changes were overdue by a decade and would cut journey times.",
        "The first works are expected to start in the spring, and the council said it would publish a detailed "
        "timetable for each district in the coming weeks, with the 2024 budget covering it.",
    )
)


def page(head: str = "", top: str = "", body: str = BODY, title: str = "Council approves transport plan") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>{head}</head><body>'
            f'<header><nav><a href="/">Home</a></nav></header><main><article><h1>{title}</h1>{top}{body}'
            "</article></main><footer>Daily Planet</footer></body></html>")


def read_page(tmp_path, html: str) -> pd.Series:
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return read_articles(path).iloc[0]


@pytest.mark.parametrize("head, field", [
    ('<meta property="article:published_time" content="2020-04-02T10:00:00+00:00">',
     "HTML meta article:published_time"),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2020-04-02T10:00:00Z"}</script>',
     "JSON-LD datePublished"),
    ('<meta name="dc.date" content="2020-04-02">', "HTML meta dc.date"),
    ('<meta name="DC.date.issued" content="2020-04-02">', "HTML meta DC.date.issued"),
    ('<meta name="parsely-pub-date" content="2020-04-02T10:00:00Z">', "HTML meta parsely-pub-date"),
])
def test_date_evidence_names_the_field(tmp_path, head, field):
    r = read_page(tmp_path, page(head))
    assert r["date"].normalize() == pd.Timestamp("2020-04-02")
    assert r["date_source"] == "metadata"
    assert r["date_evidence"].startswith(field)


def test_time_element_in_the_header(tmp_path):
    r = read_page(tmp_path, page(top='<div class="byline">By Lois Lane <time datetime="2020-04-02T08:00">'
                                     'Thursday</time></div>'))
    assert r["date"].normalize() == pd.Timestamp("2020-04-02")
    assert "time datetime" in r["date_evidence"]


def test_publication_field_beats_the_url(tmp_path):
    head = ('<link rel="canonical" href="https://news.example/2020/03/30/council-plan/">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2020-04-02T09:00:00+02:00"}'
            "</script>")
    r = read_page(tmp_path, page(head))
    assert r["date"].normalize() == pd.Timestamp("2020-04-02")
    assert r["date_evidence"].startswith("JSON-LD datePublished")


def test_url_date_when_no_field(tmp_path):
    r = read_page(tmp_path, page('<link rel="canonical" href="https://news.example/2020/03/30/council-plan/">'))
    assert r["date"].normalize() == pd.Timestamp("2020-03-30")
    assert r["date_evidence"].startswith("URL")


def test_offset_keeps_the_local_day(tmp_path):
    r = read_page(tmp_path, page('<meta property="article:published_time" content="2020-04-02T23:30:00-03:00">'))
    assert r["date"] == pd.Timestamp("2020-04-02 23:30")
    assert r["date_utc"] == pd.Timestamp("2020-04-03 02:30")


def test_utc_near_midnight_takes_the_day_the_page_shows(tmp_path):
    head = '<meta property="article:published_time" content="2020-05-02T02:54:29.000Z">'
    r = read_page(tmp_path, page(head, top='<p class="date">May 1, 2020</p>'))
    assert r["date"].normalize() == pd.Timestamp("2020-05-01")
    assert "UTC" in r["date_evidence"]


@pytest.mark.parametrize("written, day", [
    ("jueves 2 de abril de 2020", "2020-04-02"),
    ("22 de novembro de 2020", "2020-11-22"),
    ("2 avril 2020", "2020-04-02"),
    ("2. April 2020", "2020-04-02"),
    ("2 aprile 2020", "2020-04-02"),
    ("2 апреля 2020", "2020-04-02"),
    ("2 квітня 2020", "2020-04-02"),
    ("الخميس 2 أبريل 2020", "2020-04-02"),
    ("٢ نيسان / أبريل ٢٠٢٠", "2020-04-02"),
    ("April 2, 2020", "2020-04-02"),
    ("2020年4月2日", "2020-04-02"),
])
def test_visible_date_near_the_headline(tmp_path, written, day):
    r = read_page(tmp_path, page(top=f"<p>Por Redacción | {written}</p>"))
    assert r["date"].normalize() == pd.Timestamp(day)
    assert r["date_evidence"].startswith("visible text near the headline")


def test_visible_date_in_a_dated_element():
    html = page(body=BODY + '<div class="post-date">2 de abril de 2020</div>')
    assert find_html_date(html).value == "2020-04-02"


def test_no_date_from_numbers_deep_in_the_body(tmp_path):
    body = BODY * 6 + "<p>The plan was first proposed on 14 March 2019 by the previous council.</p>"
    r = read_page(tmp_path, page(body=body))
    assert pd.isna(r["date"])
    assert r["date_source"] == "unknown"
    assert "left undated" in r["date_evidence"]


def test_photo_caption_is_not_the_date():
    html = page(top="<figure><img src=x><figcaption>Paris, January 16, 2020. REUTERS</figcaption></figure>"
                    "<p>January 18, 2020 PARIS (Reuters) - Protesters gathered.</p>")
    assert find_html_date(html).value == "2020-01-18"


def test_wiki_page_is_undated(tmp_path):
    head = ('<meta name="generator" content="MediaWiki 1.35.0">'
            '<script type="application/ld+json">{"@type": "Article", "datePublished": "2008-07-26T10:00:00Z"}</script>')
    r = read_page(tmp_path, page(head))
    assert pd.isna(r["date"])
    assert "wiki" in r["date_evidence"]


def test_non_article_og_type_is_undated(tmp_path):
    r = read_page(tmp_path, page('<meta property="og:type" content="website">', top="<p>2 April 2020</p>"))
    assert pd.isna(r["date"])
    assert "og:type is 'website'" in r["date_evidence"]


def test_non_article_with_a_publication_field_is_dated(tmp_path):
    head = ('<meta property="og:type" content="website">'
            '<meta property="article:published_time" content="2020-04-02T10:00:00+02:00">')
    r = read_page(tmp_path, page(head))
    assert r["date"].normalize() == pd.Timestamp("2020-04-02")


def test_listing_page_is_undated():
    items = "".join(f'<h2><a href="/news/{i}">Story number {i} of the day</a></h2><p>1 April 2020</p>'
                    for i in range(12))
    html = page(body=items, title="Latest news")
    found = find_html_date(html)
    assert found.value is None
    assert "listing page" in found.undated


def test_written_date_forms():
    assert find_written_date("Опубліковано 2 квітня 2020") == ("2020-04-02", "2 квітня 2020")
    assert find_written_date("no date here, only 2020") is None


def test_a_date_line_beats_a_date_inside_a_caption_sentence():
    html = page(top="<div><p>FILE PHOTO: the president speaks in Paris, France, January 16, 2020. Pool via REUTERS"
                    "</p><p>January 18, 2020</p><p>PARIS (Reuters) - Protesters gathered.</p></div>")
    assert find_html_date(html).value == "2020-01-18"


def test_dates_of_a_list_of_other_stories_are_not_used():
    related = "".join(f'<div class="story"><div class="article-date-time">0{i}.08.2020 u 10:52</div>'
                      f"<p>Other story {i}</p></div>" for i in range(1, 4))
    html = page(body=BODY + related).replace("<h1>", "<h1 class=x>", 1)
    assert find_html_date(html).value is None


def test_date_after_a_comment_and_under_an_h2_headline():
    html = ("<html><body><div class='menu'>Home</div><h2>Council approves transport plan</h2>"
            "<div><span>Reporter | </span><!--span>mail</span-->2020-03-04 16:52:59</div>" + BODY + "</body></html>")
    assert find_html_date(html).value == "2020-03-04"


def test_an_unknown_og_type_is_not_taken_for_a_non_article():
    assert find_html_date(page('<meta property="og:type" content="text/html">', top="<p>2 April 2020</p>")).value \
        == "2020-04-02"


def test_a_date_only_in_a_script_is_not_taken():
    """A journal landing page: htmldate's date from a script's "createTime" is no publication date."""
    html = ('<html><head><title>Coalition governments</title><script>var item = {"createTime": '
            '"2008-02-02T03:02:36.000+0000"};</script></head><body><h1>Coalition governments and ministers</h1>'
            + BODY + "</body></html>")
    assert find_html_date(html, markup_date="2008-02-02").value is None
    shown = html.replace("</h1>", '</h1><span class="x">Published</span><abbr title="2008-02-02">Feb</abbr>')
    found = find_html_date(shown, markup_date="2008-02-02")
    assert found.value == "2008-02-02" and found.field.startswith("htmldate's search of the page's markup (<abbr")


def test_xml_declaration_is_read():
    html = '<?xml version="1.0" encoding="utf-8"?>' + page('<meta name="dc.date" content="2020-04-02">')
    assert find_html_date(html).value == "2020-04-02"


def test_utc_early_morning_takes_the_previous_day_of_the_url():
    head = ('<link rel="canonical" href="https://news.example/2023/11/08/mayor/">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-11-09T05:10:00Z"}'
            "</script>")
    found = find_html_date(page(head))
    assert found.value == "2023-11-08" and "in UTC" in found.field


def test_a_publication_key_in_a_script_is_named():
    html = ('<html><head><title>T</title><script>var a = {"publishDate": "2021-05-06T08:00:00"};</script></head>'
            "<body><h1>Coalition governments and ministers</h1>" + BODY + "</body></html>")
    found = find_html_date(html, markup_date="2021-05-06")
    assert found.value == "2021-05-06" and "'publishDate'" in found.field


def test_website_og_type_with_an_article_body_takes_a_date_from_an_element():
    html = page('<meta property="og:type" content="website">',
                top='<abbr class="x" title="2021-05-06">6 May</abbr>', body=BODY * 3)
    assert find_html_date(html, markup_date="2021-05-06").value == "2021-05-06"
    assert find_html_date(page('<meta property="og:type" content="website">', body=BODY * 3),
                          markup_date="2021-05-06").value is None


def test_a_masthead_h1_is_not_the_headline():
    html = ('<html><body><h1 class="dlnmasthead">Daily Legal News</h1><p>Wednesday, August 19, 2020</p>'
            "<h2>Council approves transport plan</h2>" + BODY + "</body></html>")
    assert find_html_date(html).value is None


def test_persian_solar_hijri_date_is_converted(tmp_path):
    r = read_page(tmp_path, page(top="<p>دوشنبه ۲ تير ۱۳۹۹ - 12:09</p>"))
    assert r["date"].normalize() == pd.Timestamp("2020-06-22")
    assert find_written_date("۱۵ مرداد ۱۴۰۲") == ("2023-08-06", "15 مرداد 1402")
