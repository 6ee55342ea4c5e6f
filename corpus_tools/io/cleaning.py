"""Removing page furniture from article text, keeping every removed line.

Text copied from a web page carries share buttons, captcha and "Do you like this
article?" prompts, correction notices, related-article teasers and image captions.
The rules here look at the *kind* of line (a line made only of social-network names,
a photo credit in brackets, a teaser block after "Related"/"Read more", a short line
found in many articles of the corpus), not at particular sentences.
Each removed line is kept with its line number and the reason, so nothing is lost.

>>> lines = ["Title", "", "icon-facebook icon-twitter", "Body text here.", "Do you like this article?"]
>>> kept, removed = remove_boilerplate(lines)
>>> [r["reason"] for r in removed]
['share widget', 'reader prompt']
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..text.characters import remove_zero_width
from ..text.needed_words import PatternSet

# --- normalising --------------------------------------------------------------------
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def normalize_text(text: str) -> str:
    """Unify line ends, spaces and Unicode forms; drop stray invisible characters.

    Zero-width joiners that hold an emoji or a word together stay (:func:`remove_zero_width`).

    >>> normalize_text("a\\u00a0b\\r\\nc\\u200b")
    'a b\\nc'
    >>> normalize_text("Family: 👨\\u200d👩\\u200d👧") == "Family: 👨\\u200d👩\\u200d👧"
    True
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = remove_zero_width(text)
    # Only a text with two spaces in a row or another kind of space has anything to fold (most texts have not).
    if "  " in text or "\t" in text or (not text.isascii() and _ODD_SPACE.search(text)):
        text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def line_key(line: str) -> str:
    """A line reduced for comparison: lower case, inner spaces folded, end punctuation dropped."""
    # str.split() and the regex \s split on the same characters; the ends are stripped either way.
    return " ".join(line.lower().split()).strip(" .,:;!?\"'“”‘’«»|-–—")


def _rough_words(line: str) -> int:
    # For thresholds on single lines a split is close enough and several times faster.
    return len(line.split())



# --- kinds of furniture ------------------------------------------------------------------
_SOCIAL = {"facebook", "twitter", "whatsapp", "telegram", "viber", "linkedin", "reddit", "pinterest",
           "tumblr", "vk", "flipboard", "messenger", "email", "mail", "share", "tweet", "sms", "x", "ok"}
_SHARE_WORDS = _SOCIAL | {"icon", "print", "copy", "link", "on", "this", "article", "story", "via", "pocket",
                          "comments", "comment", "save", "follow", "us", "e", "the", "url", "shares", "to",
                          "order", "reprints", "reprint", "permissions", "gift", "send"}
_SHARE_CORE = (_SOCIAL - {"ok", "x", "e"}) | {"print", "reprints", "reprint"}

_PROMPTS = [re.compile(p, re.I) for p in (
    r"^(did|do) you (like|enjoy) (this|the) (article|story|post|piece|news)\W*$",
    r"^(was|is) this (article|story|information) (helpful|useful|interesting)\W*$",
    r"^captcha\b",
    r"^(please )?(rate|like|share) (this|the|our) (article|story|post)\b",
    r"\b(subscribe|sign up|signup)\b.{0,60}\b(newsletter|updates|alerts|daily|briefing)\b",
    r"\bclick(ing)? here\b",
    r"^(tell us what you think|what do you think)\W*$",
    r"^(follow|join|find) us on\b",
    r"^follow (\w+'s |our )?(full |live |complete |latest )?coverage\b",
    r"^(advertisement|advert|sponsored( content)?|ad|promoted|scroll to continue)\W*$",
    r"\ball rights reserved\b|^©|^copyright\b",
    r"\b(this (site|website) uses cookies|accept (all )?cookies)\b",
    r"^(\d+ )?comments?\W*$|^leave a comment\b|^show comments\b",
    r"^(listen to|play) (this|the) (article|story)\b",
    r"^(loading|please wait)\W*$",
    r"^read more\b",
    r"^(subscribe|sign up for)\b",
    r"\benable javascript\b|\bjavascript is disabled\b",
    r"^thanks? (you )?for (signing up|subscribing)\b|\bkeep an eye on your inbox\b",
    r"\berror (processing|with) your (subscription|request|sign-?up)\b",
    r"^[\w'’ -]{0,40} newsletters?\W*$|^(get|receive) our [\w -]{0,30}newsletter\b",
)]
# Kinds of furniture worth their own names in removed_lines (issue: comment policies, disclaimers, paywalls).
_NOTICES = {
    "comment policy": [re.compile(p, re.I) for p in (
        r"\bcomments? (are|is) (closed|moderated|disabled|open)\b",
        r"\b(read|see|review) our (comment|community) (policy|guidelines|standards|rules)\b",
        r"^(join|start) the (conversation|discussion)\W*$",
        r"\b(log ?in|sign ?in|register) to (comment|post a comment|join the (conversation|discussion))\b",
        r"\bcomments? (section|policy)\b.{0,60}\b(respectful|civil|moderat)",
    )],
    "disclaimer": [re.compile(p, re.I) for p in (
        r"^disclaimer\s*[:.—–-]",
        r"\b(views|opinions) expressed (here|in this (article|post|column|piece))\b.{0,80}\b(author|writer)s?\b",
        r"\b(does not|do not|doesn'?t) (necessarily )?(reflect|represent) the (views|opinions|position)\b",
        r"\bthis (article|post|content) (is|was) (for|provided for) (general )?information(al)? purposes\b",
        r"\b(we|this site) may (earn|receive) (a )?(small )?(commission|compensation)\b",
        r"\b(contains|may contain) affiliate links\b",
        r"\bthis copy is for your personal,? non-commercial use only\b",
    )],
    "error message": [re.compile(p, re.I) for p in (
        r"^(an|sorry, an|oops,? an?) (error|problem) (has )?(occurred|happened)\b.{0,40}$",
        r"^this (article|story|link) has been sent to\W*$",
        r"^(something went wrong|please try again( later)?)\W*$",
    )],
    "tags": [re.compile(r"^(tags|tagged|topics|keywords)\s*:?\s+\S+(,\s*[^,]+){2,}$|^(filed under|tagged( with)?|"
                        r"categories|category)\s*:\s*[^.!?]{1,200}$", re.I)],
    "author contact": [re.compile(p, re.I) for p in (
        r"^(write to|contact|email|e-mail|reach)\b.{1,80}\b(at|on|via)\s+\S+@\S+\W*$",
        r"^(have a (news )?tip|got a (news )?tip)\?",
        r"\b(may|can) be reached at \S+@\S+",
    )],
    "timestamp": [re.compile(r"^(updated|last updated|published|posted|modified)( at| on)?\s*:?\s*\d{1,2}[:.]\d{2}"
                             r"\s*([ap]\.?m\.?)?\s*(\w{2,4})?\W*$", re.I)],
    "paywall notice": [re.compile(p, re.I) for p in (
        r"\b(subscribe|subscription|log ?in|sign ?in) to (continue|keep) reading\b",
        r"\bcontinue reading (your article|this article)? ?with (a|an) \w+ (subscription|membership)\b",
        r"\byou (have|'ve) (reached|read) (your|all your|the) (limit|maximum|\d+ free)\b",
        r"\b(this (article|content|story) is (for|available to|reserved for) (subscribers|members)( only)?)\b",
        r"\b(already a subscriber|already have an account)\?",
        r"\bfree articles? (left|remaining)\b",
    )],
}
_TIMESTAMP_OR_IMAGE = re.compile(
    r"^(\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?"  # 2019-11-19T08:57:40+01:00
    r"|\S{0,40}\s*https?://\S+\.(jpe?g|png|gif|webp|svg)(\?\S*)?)$", re.I)  # an image's address
_CORRECTION = [re.compile(p, re.I) for p in (
    r"\b(suggest|submit|report|send) (a|an|us a) (correction|clarification|error|mistake|typo)\b",
    r"\bhighlight the (text|error|mistake)\b.{0,40}\bctrl\b|\bctrl\s*\+\s*enter\b",
    r"\bif you (notice|find|spot|see) (an|a) (error|mistake|typo)\b",
    r"^(correction|clarification|editor'?s note)\s*[:—–-]",
)]
_TEASER_MARKER = re.compile(
    r"^(related( articles| stories| news| content| coverage| reading)?|read (also|more|next)|also read|see also|"
    r"more (from|on|about|stories|news)\b.{0,40}|you (may|might) also (like|be interested in)|recommended( for you)?|"
    r"other (topics|stories|news)( of interest)?|most (read|popular|viewed)|trending( now)?|editor'?s picks?|"
    r"latest (news|stories)|top stories|what to read next|don'?t miss|further reading|"
    r"leggi anche|lesen sie auch|lire aussi|à lire aussi|leia também|lea también|lee también|читайте также)"
    r"\s*(:|»|>|…|\.\.\.)*$",
    re.I,
)
_QUOTE_MARK = re.compile(r"[\"“”«»„]")
_INLINE_TEASER = re.compile(r"^(read (also|more)|also read|see also|related|more)\s*[:|»>]\s*\S|"
                            r"^\(?(also on [\w.-]+\.[a-z]{2,}|leggi anche( su)?|lesen sie auch|lire aussi)\b", re.I)
_CAPTION = [re.compile(p, re.I) for p in (
    r"\[[^\]\n]{2,80}/[^\]\n]{2,40}\]\s*$",  # "... [Simon Wohlfahrt/AFP]"
    r"\((photo|photograph|image|picture|file photo|credit|illustration)\b[^)]*\)\s*$",
    r"^(photo|photograph|image|picture|file photo|illustration)\s*(:|by\b)",
    r"\b(getty images|shutterstock|ap photo/[^)\]]+|reuters/[^)\]]+|afp via getty images)\W*$",
)]


_LOWER_WORD = re.compile(r"[a-z]+")


def _is_share_widget(line: str) -> bool:
    # Word by word, stopping at the first word no share widget has (most lines: the first or second word).
    n = 0
    core = False
    for m in _LOWER_WORD.finditer(line.lower()):
        w = m.group()
        n += 1
        if n > 14 or w not in _SHARE_WORDS:
            return False
        core = core or w in _SHARE_CORE
    return n > 0 and core


_SENTENCE_END = re.compile(r"[.!?…\"”’)]\W*$")


def is_headline_like(line: str, max_words: int = 16) -> bool:
    """Short and not ending like a sentence: how titles, subheads and teaser headlines look."""
    s = line.strip()
    return 0 < _rough_words(s) <= max_words and not _SENTENCE_END.search(s)


def _is_capitals_headline(line: str) -> bool:
    # News sites link related stories inside the body as headlines in capitals ("SEAN SPICER ELIMINATED FROM ...").
    if _rough_words(line) < 8 or "|" in line or not is_headline_like(line):  # the cheap tests first
        return False
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 25 and all(c.isupper() for c in letters)


# Each pattern searched only in lines holding a word it needs (see corpus_tools.text.needed_words): most
# lines hold none of them, and a substring test is many times cheaper than a regex search.
_SHORT_LINE_KINDS = [kind for kind, patterns in _NOTICES.items() for _ in patterns] + \
    ["reader prompt"] * len(_PROMPTS) + ["correction notice"] * len(_CORRECTION)
_SHORT_LINE_PATTERNS = PatternSet([p for patterns in _NOTICES.values() for p in patterns] + _PROMPTS + _CORRECTION)
_CAPTIONS = PatternSet(_CAPTION)


def is_caption(line: str) -> bool:
    return _CAPTIONS.first(line) is not None


def line_reason(line: str) -> str | None:
    """The kind of page furniture a single line is, or None for article text."""
    if not line:
        return None
    if _is_share_widget(line):
        return "share widget"
    if _rough_words(line) <= 25:
        # The named kinds first ("Subscribe to continue reading" is a paywall), then prompts, then corrections.
        found = _SHORT_LINE_PATTERNS.first(line)
        if found is not None:
            return _SHORT_LINE_KINDS[found]
        if _INLINE_TEASER.search(line) or _is_capitals_headline(line):
            return "related-article teaser"
        if _TIMESTAMP_OR_IMAGE.match(line.strip()):
            return "image address or timestamp alone on a line"
    if _NOTICES["tags"][0].match(line):  # a tag list may run long
        return "tags"
    if _rough_words(line) <= 60 and is_caption(line):
        return "image caption"
    return None


def furniture_reason(line: str) -> str | None:
    """The kind of page furniture a line is on its own (:func:`line_reason`, or a teaser heading), else None.

    >>> furniture_reason("Related articles:"), furniture_reason("Share on Facebook Twitter")
    ('related-article teaser', 'share widget')
    """
    return line_reason(line) or ("related-article teaser" if _TEASER_MARKER.match(line) else None)


def remove_boilerplate(
    lines: list[str], *, corpus_repeats: frozenset[str] | set[str] = frozenset(), keep_first: bool = True,
    protect: frozenset[int] = frozenset(), title: str | None = None,
) -> tuple[list[tuple[int, str]], list[dict]]:
    """Split ``lines`` into kept ``(line_no, text)`` and removed ``{line, text, reason}``.

    ``corpus_repeats`` holds :func:`line_key` values of short lines found in many
    articles of the corpus (menus, footers); ``None`` turns off every rule about repeated lines
    (``read_articles(remove_repeated_lines=False)``). ``keep_first`` protects the first
    non-empty line (the title) from the repeat rules; ``protect`` holds indices of ``lines`` kept from
    them too (the dateline, :func:`corpus_tools.io.parsing.parse_article`).
    """
    reasons: dict[int, str] = {}
    nonempty = [i for i, s in enumerate(lines) if s]
    first = nonempty[0] if nonempty and keep_first else None

    for i in nonempty:
        r = line_reason(lines[i])
        if r:
            reasons[i] = r

    # Teaser blocks: a marker line, the headline just above it, then headline (+ blurb) items.
    for k, i in enumerate(nonempty):
        if not _TEASER_MARKER.match(lines[i]) or i == first:
            continue
        reasons[i] = "related-article teaser"
        if i > 0 and lines[i - 1] and i - 1 != first and is_headline_like(lines[i - 1]):
            reasons[i - 1] = "related-article teaser"
        after = nonempty[k + 1:]
        items = 0
        j = 0
        while j < len(after) and items < 5:
            cand = lines[after[j]]
            if reasons.get(after[j]):
                j += 1
                continue
            if not is_headline_like(cand):
                break
            reasons[after[j]] = "related-article teaser"
            items += 1
            j += 1
            # A blurb under the item: under the first item, or when the next item (or the end) follows it. Items
            # that came without blurbs end at the article's next paragraph ("DON'T MISS" + three headlines).
            if (j < len(after) and not is_headline_like(lines[after[j]]) and _rough_words(lines[after[j]]) <= 60
                    and (items == 1 or j + 1 == len(after) or is_headline_like(lines[after[j + 1]]))):
                reasons[after[j]] = "related-article teaser"
                j += 1

    # A line repeated inside the article is not furniture for that alone: a recipe repeats its ingredients, an
    # interview its questions. Only repeats of a furniture kind go: a caption (every copy) and a pull quote
    # (a quotation set out again in large type; the last copy stays, in its place in the text).
    keys = {i: line_key(lines[i]) for i in nonempty}
    counts = Counter(k for i, k in keys.items() if k and i not in reasons)
    last_at = {k: i for i, k in keys.items()}
    for i in nonempty:
        if i in reasons or i == first or i in protect or counts.get(keys[i], 0) < 2 or _rough_words(lines[i]) < 4:
            continue
        if is_caption(lines[i]):
            reasons[i] = "image caption"
        elif corpus_repeats is not None and i != last_at[keys[i]] and _QUOTE_MARK.match(lines[i].lstrip()):
            reasons[i] = f"repeated quote (pull quote, again at line {last_at[keys[i]] + 1})"
    if corpus_repeats is not None:
        # The headline set out again in the body (a page's h1 copied with its text, an AMP header).
        # A page title often carries the site's name or section ("Opinion | Is Football Violence a Crime?").
        title_key = line_key(title) if title else (keys[first] if first is not None else "")
        for i in nonempty:
            if not title_key or i in reasons or i == first or i in protect or not keys[i]:
                continue
            part = title_key.startswith(keys[i] + " ") or title_key.endswith(" " + keys[i])
            if keys[i] == title_key or (part and 4 <= _rough_words(lines[i]) <= 25):
                reasons[i] = "title repeated"
        reasons.update(_repeated_passages(lines, [i for i in nonempty if i not in reasons and keys[i]], keys))
    # Lines whose duplicate was a caption are captions too.
    caption_keys = {keys[i] for i, r in reasons.items() if r == "image caption"}
    for i in nonempty:
        if i not in reasons and keys[i] in caption_keys and i != first:
            reasons[i] = "image caption"

    if corpus_repeats:
        for i in nonempty:
            if i not in reasons and i != first and i not in protect and keys[i] in corpus_repeats:
                reasons[i] = "line found in many articles of the corpus"

    kept = [(i + 1, lines[i]) for i in range(len(lines)) if i not in reasons]
    removed = [{"line": i + 1, "text": lines[i], "reason": reasons[i]} for i in sorted(reasons)]
    return kept, removed


def _is_prose(line: str) -> bool:
    return _rough_words(line) >= 12 and bool(re.search(r"[.!?…][\"”’]?\s*$", line))


def _repeated_passages(lines: list[str], idx: list[int], keys: dict[int, str]) -> dict[int, str]:
    """Later copies of a passage of the article set out again on the page (AMP copies, print versions).

    A passage is three lines or more in the same order, at least half of them (and three) sentences of prose,
    60 words in all: a recipe's repeated "Meal 1 / Eat every 2-3 hours" or an interview's repeated question is not.
    """
    found: dict[int, str] = {}
    seen: dict[str, list[int]] = {}
    k = 0
    while k < len(idx):
        best, start = 0, k
        for p in seen.get(keys[idx[k]], [])[-20:]:
            n = 0
            while k + n < len(idx) and p + n < k and keys[idx[p + n]] == keys[idx[k + n]]:
                n += 1
            if n > best:
                best, start = n, p
        block = [lines[idx[k + t]] for t in range(best)]
        prose = sum(map(_is_prose, block))
        if best >= 3 and prose >= 3 and prose * 2 >= best and sum(map(_rough_words, block)) >= 60:
            for t in range(best):
                found[idx[k + t]] = f"repeated passage (the page shows it twice; first at line {idx[start] + 1})"
            for t in range(best):
                seen.setdefault(keys[idx[k + t]], []).append(k + t)
            k += best
            continue
        seen.setdefault(keys[idx[k]], []).append(k)
        k += 1
    return found


def find_corpus_repeats(
    texts, *, min_articles: int = 3, min_share: float = 0.01, max_words: int = 12
) -> frozenset[str]:
    """Short lines that recur in many articles (site menus, footers, sign-up boxes).

    A line counts when it appears in at least ``min_articles`` articles and in at least
    ``min_share`` of them, has at most ``max_words`` words, and is not an article's first line.

    >>> texts = ["T1\\nBody one.\\nSubscribe now", "T2\\nBody two.\\nSubscribe now", "T3\\nSubscribe now"]
    >>> sorted(find_corpus_repeats(texts))
    ['subscribe now']
    """
    docs = 0
    counts: Counter = Counter()
    for text in texts:
        docs += 1
        lines = [s.strip() for s in text.split("\n") if s.strip()]
        counts.update({line_key(s) for s in lines[1:] if _rough_words(s) <= max_words})
    threshold = max(min_articles, min_share * docs)
    return frozenset(k for k, c in counts.items() if k and c >= threshold)


def rejoin_wrapped(paragraphs: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], int]:
    """Join a line broken mid-sentence (no end punctuation, next line starts in lower case)."""
    out: list[tuple[int, str]] = []
    joined = 0
    for no, line in paragraphs:
        if out and line[:1].islower() and not re.search(r"[.!?:;…\"”’)\]]$", out[-1][1]):
            out[-1] = (out[-1][0], out[-1][1] + " " + line)
            joined += 1
        else:
            out.append((no, line))
    return out, joined
