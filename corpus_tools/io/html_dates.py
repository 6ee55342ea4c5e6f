"""The publication date of an HTML page, with the field it came from, and no date for pages that are not articles.

Where a date is looked for, in this order (the first found is taken):

1. a publication field: JSON-LD ``datePublished``; ``<meta>`` ``article:published_time``, ``og:published_time``,
   ``parsely-pub-date``, ``sailthru.date``, ``dc.date``, ``DC.date.issued`` ...; ``itemprop="datePublished"``;
   a ``<time datetime>`` in the page's header or article head. The value is returned as written, so a
   timestamp with an offset keeps its local day (``2020-04-02T23:30:00-03:00`` is 2 April).
2. pages that are not articles are left undated here: wikis (MediaWiki, revisions), ``og:type`` other
   than article, listing pages (many headline links, no article body).
3. the date in the page's URL (``/2020/04/02/``).
4. a date written near the headline: in elements whose class or id says date, time, published, byline
   or meta, or a short line that is a date in the first 1,500 characters of visible text after the
   ``<h1>``, with month names of the languages in ``corpus_tools/data/month_names.csv``.
5. htmldate's date from the markup (fast mode), with the element or script key it is written in; never
   a creation time in a script (a journal page's ``createTime``).
6. the first date in those 1,500 characters after the headline. Never numbers deeper in the body.

A field in UTC within a few hours of midnight gives way to the day the URL or the headline shows, one day
off it (the site's local day). A page whose ``og:type`` is ``website`` is dated by steps 1, 3, a dated
element, or (with an article body) by step 5 from an element, not from loose text.

>>> find_html_date('<html><head><meta property="article:published_time" content="2020-04-02T23:30:00-03:00">'
...                '</head><body><h1>T</h1></body></html>')
HtmlDate(value='2020-04-02T23:30:00-03:00', field='HTML meta article:published_time', undated=None)
>>> find_html_date('<html><body><h1>Crisis in the city</h1><p>jueves 2 de abril de 2020</p></body></html>').value
'2020-04-02'
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass
from functools import cache

from ..data import read_rows
from .date_values import read_date_value, solar_hijri_to_gregorian

# Meta fields that hold the publication date, lower case (name, property or itemprop).
PUBLICATION_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "article.published",
    "datepublished", "parsely-pub-date", "sailthru.date", "dc.date", "dc:date", "dc.date.issued", "dcterms.date",
    "dcterms.issued", "dc.date.created", "dcterms.created", "citation_publication_date", "citation_date",
    "publishdate", "publish-date", "publish_date", "pubdate", "article:published", "published_time",
    "originalpublicationdate", "date", "article_date_original", "cxenseparse:recs:publishtime",
    "bt:pubdate", "pub_date", "publication_date", "release_date", "og:pubdate", "displaydate", "dc.created",
)
_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenews", "analysisnewsarticle",
                  "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "socialmediaposting",
                  "liveblogposting", "report", "scholarlyarticle", "techarticle", "posting"}
_URL_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[/_.-](?P<m>[01]?\d)[/_.-](?P<d>[0-3]?\d)(?!\d)"
                       r"|/(?P<y2>(?:19|20)\d\d)(?P<m2>[01]\d)(?P<d2>[0-3]\d)/")
_DATE_CLASS = re.compile(r"date|time|publish|byline|meta|posted|fecha|datum|дата|(?:^|\s)data(?:[_-]|\s|$)", re.I)
_NOT_DATE_CLASS = re.compile(r"update|modif|comment|related|footer|copyright|sidebar|caption|credit|widget", re.I)
_NEAR_HEADLINE = 1500
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@dataclass(frozen=True)
class HtmlDate:
    """``value``: the date as written in its field (or ISO, for a URL or visible date); ``field``: where it was
    found, for ``date_evidence``; ``undated``: why no date is given (a page that is not an article)."""

    value: str | None = None
    field: str | None = None
    undated: str | None = None


@cache
def _month_pattern():
    names: dict[str, int] = {}
    for row in read_rows("month_names.csv"):
        if row["language"] == "fa-solar":
            continue
        for n in row["names"].split("|"):
            if n.strip():
                names.setdefault(n.strip().lower(), int(row["month"]))
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?\.?"
    mon = rf"(?P<mon>{alt})\.?(?:\s*/\s*(?:{alt}))?"
    year = r"(?P<y>(?:19|20)\d\d)"
    sep = r"[\s,]*(?:de\s+|del\s+|di\s+)?"
    mon2, day2 = mon.replace("?P<mon>", "?P<mon2>"), day.replace("?P<d>", "?P<d2>")
    year2 = year.replace("?P<y>", "?P<y2>")
    pat = (rf"(?<![\w]){day}\s*(?:de\s+|di\s+)?{mon}{sep}{year}(?!\d)"
           rf"|(?<![\w]){mon2}\s+{day2},?\s+{year2}(?!\d)")
    return re.compile(pat, re.I), names


@cache
def _solar_pattern():
    names = {n: int(r["month"]) for r in read_rows("month_names.csv") if r["language"] == "fa-solar"
             for n in r["names"].split("|")}
    alt = "|".join(sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\d)(?P<d>[0-3]?\d)\s*(?P<mon>{alt})\s*(?:ماه\s*)?(?P<y>1[34]\d\d)(?!\d)"), names


_NUMERIC = re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>(?:19|20)\d\d)(?!\d)"
                      r"|(?<![\d-])(?P<y2>(?:19|20)\d\d)(?:-(?P<m2>[01]\d)-|年\s*(?P<m3>[01]?\d)\s*月\s*)"
                      r"(?P<d2>[0-3]?\d)(?:日|(?!\d))")


def _iso(y, m, d) -> str | None:
    try:
        return _dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def find_written_date(text: str, numeric: bool = True) -> tuple[str, str] | None:
    """``(ISO date, text as written)`` of the first full date in ``text`` (month names of the data file).

    >>> find_written_date("22 de novembro de 2020, 14h")
    ('2020-11-22', '22 de novembro de 2020')
    >>> find_written_date("Опубліковано 2 квітня 2020")
    ('2020-04-02', '2 квітня 2020')
    """
    text = text.translate(_ARABIC_DIGITS)
    pat, names = _month_pattern()
    m = pat.search(text)
    n = _NUMERIC.search(text) if numeric else None
    if n is not None and (m is None or n.start() < m.start()):
        iso = _iso(n["y"], n["m"], n["d"]) if n["y"] else _iso(n["y2"], n["m2"] or n["m3"], n["d2"])
        if iso:
            return iso, n.group(0)
    j, solar = _solar_pattern()[0].search(text.replace("ي", "ی").replace("ك", "ک")), _solar_pattern()[1]
    if j is not None and (m is None or j.start() < m.start()) and (n is None or j.start() < n.start()):
        try:
            return solar_hijri_to_gregorian(int(j["y"]), solar[j["mon"]], int(j["d"])).isoformat(), j.group(0)
        except (ValueError, OverflowError):
            pass
    if m is None:
        return None
    month = names[(m["mon"] or m["mon2"]).lower()]
    iso = _iso(m["y"], month, m["d"]) if m["y"] else _iso(m["y2"], month, m["d2"])
    return (iso, m.group(0).strip()) if iso else None


def _usable(value) -> bool:
    if not isinstance(value, str) or not value.strip() or len(value) > 80:
        return False
    v = read_date_value(value.strip())
    return v.problem is None and v.local is not None and 1995 <= v.local.year <= _dt.date.today().year + 1


def _json_ld(tree) -> tuple[str | None, str | None]:
    """(datePublished, the @type of the object holding it), article objects first; and dateCreated is not read."""
    found = []
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        try:
            data = json.loads(script.text_content() or "", strict=False)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(reversed(node))
            elif isinstance(node, dict):
                types = node.get("@type")
                types = [str(t).lower() for t in (types if isinstance(types, list) else [types]) if t]
                if _usable(node.get("datePublished")):
                    found.append((not any(t in _ARTICLE_TYPES for t in types), node["datePublished"].strip()))
                stack.extend(v for k, v in node.items() if isinstance(v, (dict, list)) and k != "publisher")
    if not found:
        return None, None
    found.sort(key=lambda f: f[0])
    return found[0][1], "JSON-LD datePublished"


def _publication_field(tree) -> HtmlDate | None:
    value, field = _json_ld(tree)
    if value:
        return HtmlDate(value, field)
    metas = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip()
        content = meta.get("content")
        if key and key.lower() not in metas and _usable(content):
            metas[key.lower()] = (key, content.strip())
    for name in PUBLICATION_META:
        if name in metas:
            key, content = metas[name]
            return HtmlDate(content, f"HTML meta {key}")
    for el in tree.xpath('//*[@itemprop="datePublished"]'):
        v = el.get("datetime") or el.get("content") or el.text_content().strip()
        if _usable(v):
            return HtmlDate(v.strip(), "microdata datePublished")
    for el in tree.xpath('//time[@pubdate] | //header//time[@datetime] | //article//time[@datetime]'
                         ' | //*[contains(@class, "published")]//time[@datetime]'):
        v = el.get("datetime")
        if _usable(v) and len(v.strip()) >= 10:
            return HtmlDate(v.strip(), "HTML <time datetime> in the header")
    return None


def _meta(tree, *names) -> str:
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        if key in names:
            return (meta.get("content") or "").strip()
    return ""


def _wiki(tree, html: str) -> str | None:
    generator = _meta(tree, "generator").lower()
    low = html[:200000].lower()
    if "mediawiki" in generator or "wgrevisionid" in low or "wgpagename" in low or "wikipedia" in generator:
        return ("a wiki page (MediaWiki): its creation and revision dates are not a publication date; "
                "left undated")
    return None


def _article_body(tree) -> int:
    """Characters in paragraphs of more than 120 characters: an article's body, not a list of teasers."""
    return sum(len(t) for p in tree.iter("p") if len(t := p.text_content()) > 120)


def _not_article(tree) -> str | None:
    og_type = _meta(tree, "og:type").lower()
    if og_type.split(".")[0] in ("profile", "book", "books", "product", "place", "video", "music",
                                  "business", "restaurant", "fitness", "game"):
        return f"the page's og:type is '{og_type}', not an article, and no publication field is given; left undated"
    body = _article_body(tree)
    headings = len(tree.xpath("//h2[.//a] | //h3[.//a] | //article[.//a]"))
    if headings >= 10 and body < 1500 and "article" not in og_type:
        return (f"a listing page ({headings} headline links, no article body) and no publication field; "
                "left undated")
    return None


def _url(tree, url: str) -> str:
    for link in tree.xpath('//link[@rel="canonical"]/@href'):
        if link.strip():
            return link.strip()
    return _meta(tree, "og:url") or url


_SKIP = ("script", "style", "noscript", "figure", "figcaption", "aside", "nav", "footer", "a", "select", "button")


def _dated_elements(tree) -> tuple[tuple[str, str] | None, set]:
    """A date in an element whose class or id says date (short text); elements of a repeated class (a list of
    other stories) are not read, and dated elements that disagree give none."""
    dated = []
    for el in tree.xpath("//body//*[@class or @id]"):
        if not isinstance(el.tag, str) or el.tag in ("body", "main", "article", "a") or el.tag in _SKIP:
            continue
        attrs = f"{el.get('class', '')} {el.get('id', '')}"
        if not _DATE_CLASS.search(attrs) or _NOT_DATE_CLASS.search(attrs):
            continue
        if el.xpath("ancestor::aside | ancestor::footer | ancestor::nav | ancestor::li"
                    " | ancestor::header[not(ancestor::article)]"):
            continue  # lists of other stories, and today's date in the site's top bar
        text = " ".join(el.text_content().split())
        if 0 < len(text) <= 200 and (found := find_written_date(text)):
            dated.append((el.get("class", ""), el, found))
    classes = [c for c, _, _ in dated]
    repeated = {el for c, el, _ in dated if c and classes.count(c) > 1}
    dated = [(el, f) for c, el, f in dated if not c or classes.count(c) == 1]
    if dated and all(f[0] == dated[0][1][0] for _, f in dated):
        return dated[0][1], repeated
    head = _headline(tree) if dated else None
    if head is not None:  # they disagree: the first after the headline
        after = set(head.itersiblings()) | {d for s in head.itersiblings() for d in s.iterdescendants()}
        after |= {d for a in head.iterancestors() for s in a.itersiblings() for d in (s, *s.iterdescendants())}
        for el, f in dated:
            if el in after:
                return f, repeated
    return None, repeated


_MASTHEAD = re.compile(r"masthead|logo|site-?name|site-?title|brand", re.I)


def _headline(tree):
    for path in ("//body//h1", "//body//h2", '//body//*[contains(@class, "headline") or contains(@class, "title") '
                                             'or contains(@id, "headline")][not(self::a)][not(ancestor::nav)]'):
        for el in tree.xpath(path):
            named = f"{el.get('class', '')} {el.get('id', '')}"
            if len(el.text_content().strip()) >= 10 and not _MASTHEAD.search(named):
                return el
    return None


def _near_headline(tree, lines_only: bool = False) -> tuple[str, str] | None:
    """A date in a dated element, else in the visible text after the headline: a short line that is a date
    first ('January 18, 2020' under the headline), else the first date in the text."""
    found, repeated = _dated_elements(tree)
    if found:
        return found
    head = _headline(tree)
    if head is None:
        return None
    parts, size, started = [], 0, False
    for el in tree.xpath("//body")[0].iter():
        if el is head:
            started = True
        if not started:
            continue
        skip = any(a in repeated or a.tag in _SKIP or _NOT_DATE_CLASS.search(a.get("class", ""))
                   for a in (el, *el.iterancestors()) if isinstance(a.tag, str))
        # A comment's own text is not shown, the text after it is.
        for piece, own in ((el.text if isinstance(el.tag, str) else None, True), (el.tail, False)):
            if piece and piece.strip() and not (own and skip) and not (not own and el.getparent() is not None
                                                                        and el.getparent().tag in _SKIP):
                parts.append(piece.strip())
                size += len(piece.strip())
        if size >= _NEAR_HEADLINE:
            break
    seen = 0
    for piece in parts:
        if seen < _NEAR_HEADLINE and len(piece) <= 60 and (short := find_written_date(piece)):
            return short
        seen += len(piece) + 1
    return None if lines_only else find_written_date(" ".join(parts)[:_NEAR_HEADLINE], numeric=True)


def _other_day(tree, page_url: str, loose: bool = True) -> tuple[str, str] | None:
    """The URL's date, else a date near the headline (``loose``: also in the text after it): ``(ISO, evidence)``."""
    m = _URL_DATE.search(page_url)
    if m:
        iso = _iso(m["y"], m["m"], m["d"]) if m["y"] else _iso(m["y2"], m["m2"], m["d2"])
        if iso:
            return iso, "URL"
    near = _near_headline(tree, lines_only=True) if loose else _dated_elements(tree)[0]
    if near:
        return near[0], f"visible text near the headline ('{near[1]}')"
    return None


def _utc_local_day(found: HtmlDate, tree, page_url: str) -> HtmlDate:
    """A field in UTC near midnight: the site's local day, when its URL or headline shows the day next to it."""
    v = read_date_value(found.value)
    if v.utc is None or v.utc != v.local or 8 <= v.local.hour < 20:
        return found
    other = _other_day(tree, page_url)
    if other is None:
        return found
    day = _dt.date.fromisoformat(other[0])
    if (day - v.local.date()).days != (-1 if v.local.hour < 8 else 1):  # west of UTC in the morning, east late
        return found
    return HtmlDate(other[0], f"{other[1]}; {found.field} is in UTC ({found.value}), the site's local day "
                              "is the one the page shows")


def _locate(html: str, iso: str) -> str | None:
    """Where a date found by htmldate is written in the page (``<meta name="date">``, ``<span class="x">`` ...);
    None when it is only a creation time in a script."""
    y, m, d = iso.split("-")
    seen = False
    for form in (iso, f"{d}.{m}.{y}", f"{int(d)}.{int(m)}.{y}", f"{y}/{m}/{d}", f"{d}/{m}/{y}", f"{y}{m}{d}"):
        k = html.find(form)
        while k >= 0:
            seen = True
            low = html[:k].lower()
            if low.rfind("<script") > low.rfind("</script"):
                key = re.search(r"([\w:.-]+)[\"']?\s*[:=]\s*[\"']?\Z", html[max(0, k - 60):k])
                key = key.group(1) if key else "value"
                if "creat" not in key.lower():  # a creation time ("createTime") is no publication date
                    return f"a script's {key!r}"
            elif tag := re.match(r"<([A-Za-z][\w:-]*)([^>]*)", html[html.rfind("<", 0, k):k + 1]):
                attr = re.search(r"\b(name|property|itemprop|class|id)\s*=\s*[\"']([^\"']{1,60})", tag.group(2))
                return f"<{tag.group(1)}{f' {attr.group(1)}={chr(34)}{attr.group(2)}{chr(34)}' if attr else ''}>"
            k = html.find(form, k + 1)
    return None if seen else "the element is not named by htmldate"


def find_html_date(html: str, url: str = "", markup_date: str | None = None) -> HtmlDate:
    """The page's publication date and where it was found, or why it is left undated (see the module).

    ``markup_date``: htmldate's date from the markup (fast mode, as trafilatura gives it), used last, for articles.
    """
    import lxml.html

    html = re.sub(r"\A\s*<\?xml[^>]*>", "", html)  # lxml refuses text that declares its encoding
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return HtmlDate(undated="the page cannot be parsed as HTML")
    for bad in tree.xpath("//script[not(contains(@type, 'ld+json'))] | //style | //noscript"):
        bad.drop_tree()
    wiki = _wiki(tree, html)
    if wiki:
        return HtmlDate(undated=wiki)
    page_url = _url(tree, url)
    found = _publication_field(tree)
    if found:
        return _utc_local_day(found, tree, page_url)
    why = _not_article(tree)
    if why:
        return HtmlDate(undated=why)
    website = _meta(tree, "og:type").lower() == "website"
    other = _other_day(tree, page_url, loose=not website)
    if other:
        return HtmlDate(*other)
    where = _locate(html, markup_date) if markup_date and re.fullmatch(r"\d{4}-\d\d-\d\d", markup_date) else None
    if website and not (where and where.startswith("<") and _article_body(tree) >= 1500):
        return HtmlDate(undated="the page's og:type is 'website', not an article, and neither a publication field, "
                                "its URL nor an element marked as its date gives a date; left undated")
    if where and _usable(markup_date):
        return HtmlDate(markup_date, f"htmldate's search of the page's markup ({where})")
    near = _near_headline(tree)
    if near:
        return HtmlDate(near[0], f"visible text near the headline ('{near[1]}')")
    return HtmlDate(undated="no publication date in the page's markup, URL or near its headline "
                            "(numbers in the body are not read as dates); left undated")
