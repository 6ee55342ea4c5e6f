"""Reading each kind of file into raw article records, with a problem list naming lines.

A record is a dict with the article's raw fields under canonical names (``text``,
``title``, ``date``, ``outlet``, ``url``, ``byline``, ``doc_id``), every other column
under its own name, and ``_line`` (where the record starts in its file).
Readers never raise on bad content: they return ``(records, problems)``, where a
problem is ``(line or None, status, reason)`` and status is ``"warning"`` (the row is
kept), ``"skipped"``, or ``"note"`` (a decision about the whole file, such as reading it as headlines).
Which column holds what is decided in :mod:`corpus_tools.io.columns`.

>>> recs, probs = read_table_text('title,body,source\\n"A",Text one,TASS\\n"B",Text two\\n', "x.csv")
>>> [(r["title"], r["outlet"], r["_line"]) for r in recs]
[('A', 'TASS', 2), ('B', '', 3)]
>>> probs
[(3, 'warning', "2 fields where the header has 3 (the missing 'source' left empty)")]
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys

from .columns import records_from_rows
from .html_dates import find_html_date
from .limits import BadJSON, load_json

_csv_limit_set = False
_EXCEL_SEP = re.compile(r"\A\ufeff?sep=([^\r\n\w\"])(?:\r\n|\r|\n)")
_FIRST_LINE = re.compile(r"[^\r\n]*")
# Line ends of JSON Lines: \n, \r\n, or \r alone (old Mac exports). JSON strings cannot hold them raw.
_LINE_END = re.compile(r"\r\n|\r|\n")


def _flatten(obj: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in obj.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flatten(v, key + "."))
        else:
            out[key] = v
    return out


def read_table_text(text: str, name: str, *, delimiter: str | None = None, need_text: bool = True,
                    columns: dict | None = None):
    """Parse CSV/TSV text with line numbers; ragged rows and duplicate headers are reported."""
    global _csv_limit_set
    if not _csv_limit_set:
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        _csv_limit_set = True
    problems = []
    excel_sep = _EXCEL_SEP.match(text)  # Excel's "sep=;" first line names the separator
    if excel_sep:
        delimiter = excel_sep.group(1)
        problems.append((None, "note", f"the first line '{excel_sep.group().strip()}' (written by Excel) names the "
                                       "separator; used, and the header read from line 2"))
    elif delimiter is None:
        header_line = _FIRST_LINE.match(text).group()
        counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
        delimiter = max(counts, key=counts.get) if max(counts.values()) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        if excel_sep:
            next(reader)
        header = next(reader)
    except StopIteration:
        return [], [(None, "skipped", "the table is empty (no header line)")]
    except csv.Error as e:
        return [], [(1, "skipped", f"the header line cannot be read as a table ({e})")]
    header_no = reader.line_num
    seen: dict[str, int] = {}
    names = []
    for i, h in enumerate(header):
        h = h.strip() or f"column_{i + 1}"
        if h in seen:
            seen[h] += 1
            new = f"{h}_{seen[h]}"
            problems.append((header_no, "warning",
                             f"the column name '{h}' appears more than once; copy {seen[h]} is kept as '{new}'"))
            h = new
        else:
            seen[h] = 1
        names.append(h)
    rows = []
    prev_end = reader.line_num
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            problems.append(
                (
                    prev_end + 1,
                    "skipped",
                    f"the table cannot be read from here on ({e}); {len(rows)} rows before it were read",
                )
            )
            break
        start = prev_end + 1
        prev_end = reader.line_num
        if not fields or all(not f.strip() for f in fields):
            if fields:
                problems.append((start, "skipped", "empty row"))
            continue
        row = dict(zip(names, fields))
        if len(fields) < len(names):
            missing = names[len(fields):]
            shown = ", ".join(f"'{m}'" for m in missing[:3]) + (" ..." if len(missing) > 3 else "")
            problems.append((start, "warning", f"{len(fields)} fields where the header has {len(names)} "
                                                f"(the missing {shown} left empty)"))
            for m in missing:
                row[m] = ""
        elif len(fields) > len(names):
            row["extra_fields"] = delimiter.join(fields[len(names):])
            problems.append((start, "warning", f"{len(fields)} fields where the header has {len(names)} "
                                                f"(the extra ones kept in column 'extra_fields')"))
        rows.append((start, row))
    if rows and prev_end > rows[-1][0] and '"' in text:
        # A quote that is never closed makes the csv module read the rest of the file into one
        # field: say so, rather than silently turning the rows after it into one article's text.
        start = rows[-1][0]
        tail = "".join(io.StringIO(text, newline="").readlines()[start - 1:])
        try:
            next(csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True))
        except csv.Error as e:
            if "unexpected end of data" in str(e):
                problems.append(
                    (
                        start,
                        "warning",
                        f"a quote opened in this row is never closed, so lines {start}-{prev_end} "
                        f"(the rest of the file) were read as this one row; check for a stray '\"'",
                    )
                )
        except StopIteration:
            pass
    records, more = records_from_rows(rows, need_text=need_text, given=columns)
    return records, problems + more


def read_jsonl_text(text: str, name: str, *, need_text: bool = True, columns: dict | None = None,
                    max_depth: float | None = None):
    """Parse JSON Lines: one object per line; a bad line is reported by its number."""
    rows, problems = [], []
    for i, line in enumerate(_LINE_END.split(text), 1):
        s = line.strip()
        if not s:
            continue
        try:
            obj = load_json(s, max_depth)
        except json.JSONDecodeError as e:
            problems.append((i, "skipped", f"not valid JSON ({e.msg} at column {e.colno})"))
            continue
        except BadJSON as e:
            problems.append((i, "skipped", str(e)))
            continue
        if not isinstance(obj, dict):
            problems.append((i, "skipped", f"a JSON {type(obj).__name__}, not an article object"))
            continue
        rows.append((i, _flatten(obj)))
    records, more = records_from_rows(rows, need_text=need_text, given=columns)
    return records, problems + more


_LIST_KEYS = ("articles", "data", "items", "results", "stories", "docs", "documents", "records", "response.results")


def read_json_text(text: str, name: str, *, need_text: bool = True, columns: dict | None = None,
                   max_depth: float | None = None):
    """Parse a JSON file: a list of articles, an object holding one (NewsAPI's ``articles``), or one article."""
    try:
        data = load_json(text, max_depth)
    except json.JSONDecodeError as e:
        if e.msg == "Extra data":  # several objects, one per line: JSON Lines saved as .json
            return read_jsonl_text(text, name, need_text=need_text, columns=columns, max_depth=max_depth)
        return [], [(e.lineno, "skipped", f"not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})")]
    except BadJSON as e:
        return [], [(None, "skipped", str(e))]
    items = None
    if isinstance(data, list):
        items = data
    elif isinstance(data, dict):
        for key in _LIST_KEYS:
            node = data
            for part in key.split("."):
                node = node.get(part) if isinstance(node, dict) else None
            if isinstance(node, list):
                items = node
                break
        if items is None:
            items = [data]
    else:
        return [], [(None, "skipped", f"the JSON holds a {type(data).__name__}, not articles")]
    # Line numbers of list items are not kept by the json module: number them by position.
    rows, problems = [], []
    for k, obj in enumerate(items, 1):
        if isinstance(obj, dict):
            rows.append((k, _flatten(obj)))
        else:
            problems.append((k, "skipped", f"item {k} is a JSON {type(obj).__name__}, not an article object"))
    records, more = records_from_rows(rows, need_text=need_text, given=columns)
    return records, problems + more


# Posts embedded in an article (a tweet quoted by the reporter) are part of what the article says; extractors
# drop them with the share buttons because their wrappers are named like social widgets.
_EMBED_CLASSES = re.compile(r"\b(twitter-tweet|instagram-media|tiktok-embed|bluesky-embed|fb-post|telegram-post)\b")
_WIDGET_WORDS = re.compile(r"social|embed|twitter|instagram|tiktok|share|widget", re.I)


def _unwrap_embedded_posts(html: str) -> str:
    if not _EMBED_CLASSES.search(html):
        return html
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return html
    for el in root.iter("blockquote"):
        if not _EMBED_CLASSES.search(el.get("class") or ""):
            continue
        el.attrib.pop("class", None)
        parent, depth = el.getparent(), 0
        while parent is not None and depth < 3 and parent.tag in ("div", "figure", "section", "aside", "span"):
            for attr in ("class", "id", "data-type"):
                if _WIDGET_WORDS.search(parent.get(attr) or ""):
                    parent.attrib.pop(attr, None)
            if parent.tag == "aside":
                parent.tag = "div"
            parent, depth = parent.getparent(), depth + 1
    return lxml.html.tostring(root, encoding="unicode")


_BODY_CLASS = re.compile(r"body|content|text", re.I)
_NOT_BODY = re.compile(r"comment|sidebar|related|teaser|promo|card|widget|footer|caption", re.I)


def _paragraphs(el) -> list[str]:
    return [" ".join(p.text_content().split()) for p in el if p.tag == "p" and p.text_content().strip()]


# "LinkNaija | Nigeria's popular news platform": the site's name, then its slogan.
_TAGLINE = re.compile(r"^(?P<name>.{2,60}?)\s+[|–—-]\s+(?P<tagline>.{3,})$")


def site_name(name: str) -> tuple[str, str | None]:
    """A page's site name without the slogan some sites add to it: ``(name, slogan or None)``.

    >>> site_name("LinkNaija | Nigeria's popular news platform")
    ('LinkNaija', "Nigeria's popular news platform")
    >>> site_name("Wall Street Journal")
    ('Wall Street Journal', None)
    """
    m = _TAGLINE.match(name.strip())
    if not m or len(m.group("tagline").split()) < 2:  # "Fox - Nation"? too short to be a slogan
        return name.strip(), None
    return m.group("name").strip(), m.group("tagline").strip()


def _rest_of_split_body(html: str, text: str) -> list[str]:
    """Paragraphs of an article body that the page splits into several blocks (advertisements between them).

    Extractors keep the block they chose; the others carry the same class and sit beside it. Their paragraphs
    are returned when the extracted text holds the first block's paragraphs and none of the next ones.
    """
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    flat = " ".join(text.split())
    groups: dict[tuple, list] = {}
    for el in root.iter("div", "section"):
        cls = el.get("class") or ""
        if _BODY_CLASS.search(cls) and not _NOT_BODY.search(cls):
            groups.setdefault((cls, el.getparent().getparent() if el.getparent() is not None else None), []).append(el)
    extra: list[str] = []
    for blocks in groups.values():
        if len(blocks) < 2:
            continue
        paras = [_paragraphs(b) for b in blocks]
        if not paras[0] or not all(p in flat for p in paras[0] if len(p.split()) >= 8):
            continue
        for ps in paras[1:]:
            long = [p for p in ps if len(p.split()) >= 8]
            if sum(len(p.split()) for p in long) >= 40 and not any(p in flat for p in long):
                extra.extend(ps)
    return extra


def read_html_text(html: str, name: str):
    """Extract an article from an HTML page with trafilatura.

    The date is found by :func:`corpus_tools.io.html_dates.find_html_date` (a publication field, the URL,
    or a date written near the headline, with the field named), never guessed from numbers in the body
    ("the 2024 budget"); pages that are not articles are left undated, with the reason (``_undated``).
    """
    import trafilatura  # slow to import; only HTML needs it

    doc = trafilatura.bare_extraction(
        _unwrap_embedded_posts(html), with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not (doc.text or "").strip():
        return [], [(None, "skipped", "no article text found in the HTML page")]
    text = doc.text
    rest = _rest_of_split_body(html, text)
    if rest:
        text = text + "\n" + "\n".join(rest)
    title = doc.title or ""
    if title and text.split("\n", 1)[0].strip() == title.strip():
        text = text.split("\n", 1)[1] if "\n" in text else ""
    found = find_html_date(html, doc.url or "", markup_date=doc.date)
    outlet, tagline = site_name(doc.sitename or "")
    rec = {"_line": None, "text": text, "title": title, "date": found.value or "", "outlet": outlet,
           "url": doc.url or "", "byline": doc.author or "", "description": doc.description or "",
           "_columns": {"date": found.field or "HTML page", "outlet": "HTML page metadata (site name"
                        + (f"; tagline {tagline!r} left out)" if tagline else ")"),
                        "title": "HTML page", "byline": "HTML page metadata (author)"}}
    if found.undated:
        rec["_undated"] = found.undated
    return [rec], []
