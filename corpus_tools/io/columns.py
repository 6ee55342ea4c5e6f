"""Which column of an export holds what: the usual names, the names a user gives, and headlines without a body.

A table whose columns hold titles and/or descriptions but no body is read as a headline
corpus: its text is made of what there is, paragraph by paragraph.

>>> plan = plan_columns(["Unnamed: 0", "title", "description", "source", "date"])
>>> plan.text, plan.headline, plan.fields["outlet"]
(['title', 'description'], True, 'source')
>>> plan_columns(["headline", "paragraphs"], given=check_columns({"text": "paragraphs"})).text
['paragraphs']
>>> join_paragraphs([["First paragraph.", "Second one."]])
'First paragraph.\\n\\nSecond one.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Export column names, in order of preference, for each canonical field.
COLUMN_ALIASES = {
    "doc_id": ["doc_id", "id", "article_id", "articleid", "uuid", "guid", "stories_id", "story_id"],
    "title": ["title", "headline", "heading", "head", "webtitle"],
    "text": ["text", "body", "content", "article", "full_text", "fulltext", "article_text", "body_text",
             "maintext", "story", "bodytext", "article_body", "articlebody", "paragraphs", "body_paragraphs"],
    "date": ["date", "published", "publish_date", "published_at", "publishedat", "pubdate", "pub_date",
             "publication_date", "date_published", "datepublished", "publish_time", "datetime", "webpublicationdate",
             "created_at", "timestamp", "time"],
    "outlet": ["outlet", "media_name", "source.name", "publisher", "source_name", "site_name", "sitename",
               "publication", "newspaper", "site", "media", "source", "domain"],
    "url": ["url", "link", "href", "uri", "article_url", "canonical_url", "weburl"],
    "byline": ["byline", "author", "authors", "creator", "writer", "by"],
}
# Columns that hold a short summary under the headline: with no body, the text is made of these.
DESCRIPTION_ALIASES = ["description", "desc", "summary", "abstract", "snippet", "standfirst", "teaser", "lede",
                       "lead", "subtitle", "subheadline", "sub_headline", "dek", "excerpt", "trailtext", "blurb",
                       "short_description"]
# The names ``columns=`` takes (``id`` is the doc_id).
FIELDS = {"text": "text", "title": "title", "date": "date", "outlet": "outlet", "url": "url", "id": "doc_id",
          "doc_id": "doc_id", "byline": "byline"}
CANONICAL = ("text", "title", "date", "outlet", "url", "byline", "doc_id")
_PARAGRAPH_KEYS = ("text", "content", "body", "paragraph", "value")


def norm_name(col) -> str:
    """A column name reduced for matching: lower case, without spaces, underscores or hyphens."""
    return re.sub(r"[\s_\-]+", "", str(col).strip().lower())


_DESCRIPTIONS = {norm_name(d) for d in DESCRIPTION_ALIASES}
# The key columns of a metadata side file: such a table is not read as headlines on its own.
_SIDE_FILE_KEYS = {"file", "filename", "filepath", "path", "sourcepath"}


def check_columns(columns) -> dict | None:
    """``columns=`` of :func:`read_articles` checked and normalised: ``{field: [names]}``.

    >>> check_columns({"text": ["title", "desc"], "id": "stories_id"})
    {'text': ['title', 'desc'], 'doc_id': ['stories_id']}
    """
    if columns is None:
        return None
    if not isinstance(columns, dict):
        raise TypeError(f"columns= takes a dict such as {{'text': 'body', 'date': 'published'}}, "
                        f"not {type(columns).__name__}")
    out = {}
    for key, names in columns.items():
        if key not in FIELDS:
            known = ", ".join(sorted(set(FIELDS) - {"doc_id"}))
            raise ValueError(f"columns= has no field {key!r}; the fields are: {known}")
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, (list, tuple)) or not names or not all(isinstance(n, str) and n for n in names):
            raise ValueError(f"columns={{{key!r}: ...}} takes a column name (or, for text, a list of names), "
                             f"not {names!r}")
        if len(names) > 1 and key != "text":
            raise ValueError(f"columns={{{key!r}: ...}} takes one column name; only 'text' may join several")
        out[FIELDS[key]] = list(names)
    return out


def map_columns(columns: list[str], *, skip=()) -> dict[str, str]:
    """Map canonical field → the export's column name, for the columns present (``skip``: fields not to map).

    >>> map_columns(["Headline", "publishedAt", "source.name", "source.id", "content"])
    {'title': 'Headline', 'text': 'content', 'date': 'publishedAt', 'outlet': 'source.name'}
    """
    by_norm = {}
    for c in columns:
        by_norm.setdefault(norm_name(c), c)
    mapping = {}
    used = set()
    for fld, aliases in COLUMN_ALIASES.items():
        if fld in skip:
            continue
        for alias in aliases:
            col = by_norm.get(norm_name(alias))
            if col is not None and col not in used:
                mapping[fld] = col
                used.add(col)
                break
    return mapping


@dataclass
class ColumnPlan:
    """Where each field is read from: ``fields`` (field → column), ``text`` (columns joined as paragraphs)."""

    fields: dict = field(default_factory=dict)
    text: list = field(default_factory=list)
    headline: bool = False
    missing: list = field(default_factory=list)  # (field, name) given in columns= but not in the file

    @property
    def text_label(self) -> str:
        return " + ".join(f"'{c}'" for c in self.text)


def _find(name: str, columns: list[str]) -> str | None:
    if name in columns:
        return name
    wanted = norm_name(name)
    return next((c for c in columns if norm_name(c) == wanted), None)


def plan_columns(columns: list[str], *, given: dict | None = None) -> ColumnPlan:
    """Which columns hold the fields: those named in ``given`` (see :func:`check_columns`), else the usual names."""
    given = given or {}
    plan = ColumnPlan()
    taken = set()
    for fld, names in given.items():
        found = [c for c in (_find(n, columns) for n in names) if c is not None]
        plan.missing += [(fld, n) for n in names if _find(n, columns) is None]
        if fld == "text":
            plan.text = found
        elif found:
            plan.fields[fld] = found[0]
            taken.add(found[0])
    auto = map_columns([c for c in columns if c not in taken], skip=set(given))
    text_auto = auto.pop("text", None)
    plan.fields.update(auto)
    title = plan.fields.get("title")
    if "text" in given:
        plan.headline = bool(plan.text) and all(c == title or norm_name(c) in _DESCRIPTIONS for c in plan.text)
    elif text_auto is not None:
        plan.text = [text_auto]
    else:
        desc = next((c for c in columns if norm_name(c) in _DESCRIPTIONS and c not in taken), None)
        plan.text = [c for c in (title, desc) if c is not None]
        plan.headline = bool(plan.text)
    return plan


def join_paragraphs(values) -> str | None:
    """The text of one or more fields, paragraphs separated by a blank line; lists are paragraphs.

    A single plain value comes back as it is. Items of a list that are objects give their
    ``text`` (or ``content``, ``body``, ``paragraph``, ``value``).
    """
    if len(values) == 1 and not isinstance(values[0], (list, tuple)):
        return values[0]
    parts = []
    for v in values:
        for item in (v if isinstance(v, (list, tuple)) else [v]):
            if isinstance(item, dict):
                item = next((item[k] for k in _PARAGRAPH_KEYS if isinstance(item.get(k), str)), None)
            if item is None or (isinstance(item, float) and item != item):
                continue
            s = str(item).strip()
            if s:
                parts.append(s)
    return "\n\n".join(parts)


def _suggestion(rows, columns) -> str:
    """The column whose values are longest: the likeliest text."""
    def length(c):
        return sum(len(str(r.get(c) or "")) for _, r in rows[:200])
    return max(columns, key=length) if columns else "body"


def records_from_rows(rows: list[tuple[int, dict]], *, need_text: bool = True, given: dict | None = None):
    """Rename columns to canonical fields, keep the rest; ``(records, problems)``.

    A problem is ``(line, status, reason)``; status ``"note"`` records a decision (a
    headline corpus), not a problem.
    """
    columns: list[str] = []
    for _, row in rows:
        for c in row:
            if c not in columns:
                columns.append(c)
    plan = plan_columns(columns, given=given)
    shown = ", ".join(map(str, columns[:15])) + (", ..." if len(columns) > 15 else "") or "none"
    key = next((c for c in columns if norm_name(c) in _SIDE_FILE_KEYS), None)
    if need_text and plan.headline and key is not None and not (given and "text" in given):
        return [], [(None, "skipped", f"no article text column, and the column '{key}' makes this look like a "
                                      "metadata side file: pass it as metadata=, or name the text with "
                                      f"columns={{'text': ...}} (its columns are: {shown})")]
    if need_text and rows and not plan.text:
        if given and "text" in given:
            reason = (f"the text column named in columns= ({', '.join(repr(n) for n in given['text'])}) is not in "
                      f"this file; its columns are: {shown}")
        else:
            hint = _suggestion(rows, columns)
            reason = (f"no article text column (looked for {', '.join(COLUMN_ALIASES['text'][:6])}, ..., or a title "
                      f"or description to read as headlines); the columns are: {shown}. Name the text column with "
                      f"columns={{'text': '{hint}'}} (command line: --text-column '{hint}')")
        return [], [(None, "skipped", reason)]
    problems = []
    if not need_text:
        plan.text, plan.headline = [], False
    for fld, name in plan.missing:
        problems.append((None, "warning", f"columns= names '{name}' for the {fld.replace('doc_id', 'id')}, "
                                              f"but this file has no such column (its columns are: {shown})"))
    if plan.headline and rows:
        problems.append((None, "note", f"read as headlines: no body column, so the text is {plan.text_label}; "
                                       "bylines, datelines, captions and dates are not looked for in it "
                                       "(articles flagged 'headline_only')"))
    # JSON records need not share their keys ("title"/"text" in one, "headline"/"body" in the
    # next): each set of keys gets its own plan, with the file's choice of text kind.
    plans: dict[tuple, ColumnPlan] = {}
    records = []
    for line, row in rows:
        keys = tuple(row)
        p = plans.get(keys)
        if p is None:
            p = plan if keys == tuple(columns) else plan_columns(list(keys), given=given)
            if plan.headline:
                p.text, p.headline = [c for c in plan.text if c in row], True
            elif p.headline or not need_text:
                p.text, p.headline = [], False
            plans[keys] = p
        inverse = {col: fld for fld, col in p.fields.items()}
        single = p.text[0] if len(p.text) == 1 and p.text[0] not in inverse else None
        rec = {"_line": line}
        for c, v in row.items():
            if c == single:
                continue
            name = inverse.get(c)
            if name is None:  # kept under its own name; a column called "text" that is not the text chosen too
                name = f"{c}_original" if c in CANONICAL else c
            rec[name] = v
        if p.text:
            rec["text"] = join_paragraphs([row.get(c) for c in p.text])
        rec["_columns"] = {**p.fields, **({"text": p.text_label} if p.text else {})}
        rec["_headline"] = p.headline
        records.append(rec)
    return records, problems


LOOKS_LIKE_ONE = "looks like one: name it with"


def nested_hints(rows: list[dict], *, given: dict | None = None) -> list[str]:
    """Say when no date or outlet column was found but a nested JSON key looks like one (``meta.published``).

    Nested keys are not taken on their own (``source.id`` is no article id); the user names them.
    """
    hints = []
    given = given or {}
    sample = rows[:500]
    for fld, found in (("date", lambda r: r.get("_date_column")),
                       ("outlet", lambda r: str(r.get("outlet_evidence") or "").startswith("column"))):
        if fld in given or not sample or any(found(r) for r in rows):
            continue
        aliases = {norm_name(a) for a in COLUMN_ALIASES[fld]}
        # The last key ("meta.published") or the last two ("meta.source.name" as NewsAPI's "source.name").
        keys = dict.fromkeys(k for r in sample for k in r if "." in k and not k.startswith("_")
                             and (norm_name(k.rsplit(".", 1)[1]) in aliases
                                  or norm_name(".".join(k.split(".")[-2:])) in aliases))
        if keys:
            key = next(iter(keys))
            hints.append(f"no {fld} column was found, but the key '{key}' {LOOKS_LIKE_ONE} "
                         f"columns={{'{fld}': '{key}'}} (command line: corpus-tools load --{fld}-column {key} "
                         "-o c.parquet, then give c.parquet to the notebooks or to corpus-tools report)")
    return hints
