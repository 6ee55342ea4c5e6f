"""Quotation marks: where quotes start and end, and the text with the quoted words masked.

The rules that find speakers read only the reporter's words: :func:`mask_quotes` replaces the
quoted words with filler, and :func:`quote_sentences` splits the masked text into sentences with
each quotation opaque.
"""

from __future__ import annotations

import re

from ..text.sentences import sentence_spans

OPEN_D, CLOSE_D = "“„«", "”»"
FILL = "x"
_MARKS = re.compile("[\n\"“”„«»‘'’]")


def quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, continues_previous) of each top-level quotation, marks excluded.

    Double quotes are paired with their direction read from the neighbouring characters;
    single quotes count only at top level and only when closed in the same paragraph, so
    apostrophes (Russia's, allies') are skipped. A paragraph ending inside a quote continues
    when the next paragraph opens with a mark (English convention); a mark that opens a new
    sentence while a quote is open closes it and opens the next (paragraphs joined in one line).
    """
    spans, n = [], len(text)
    open_at, single_at, cont = None, None, False
    resume = 0
    for mark in _MARKS.finditer(text):  # only the marks and line breaks matter: jump from one to the next
        i = mark.start()
        if i < resume:
            continue
        ch = text[i]
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch == "\n":
            single_at = None
            if open_at is not None:
                j = i
                while j < n and text[j].isspace():
                    j += 1
                if j < n and (text[j] in OPEN_D or (text[j] == '"' and j + 1 < n and not text[j + 1].isspace())):
                    resume = j + 1  # the quote runs on into the next paragraph
                    continue
                spans.append((open_at, i, cont))
                open_at, cont = None, False
            continue
        if ch in OPEN_D or ch in CLOSE_D or ch == '"':
            opening = (ch in OPEN_D and not nxt.isspace()) or (
                ch == '"' and (prev.isspace() or prev in "([{—–-/'‘:") and not nxt.isspace())
            # "It's unusual,“ said Noble": an opening mark followed by a space closes the quote.
            closing = ch in CLOSE_D or (ch in '"“' and not opening)
            if open_at is None and (opening or (ch == '"' and nxt.isalnum())):
                open_at, single_at = i + 1, None
            elif open_at is not None and opening and re.search(r"[.!?,:]\s+$", text[max(0, i - 3):i]):
                spans.append((open_at, i, cont))  # reopened: the earlier quote stopped at that sentence
                open_at, cont = i + 1, True
            elif open_at is not None and closing:
                spans.append((open_at, i, cont))
                open_at, cont = None, False
            continue
        if open_at is None:
            if ch in "‘'" and single_at is None and (prev.isspace() or prev in "([{—–-") and nxt.isalnum():
                single_at = i + 1
            elif single_at is not None and ch in "’'" and not prev.isspace() and not nxt.isalnum():
                if i - single_at > 1:
                    spans.append((single_at, i, False))
                single_at = None
    if open_at is not None:
        spans.append((open_at, n, cont))
    out = []
    for a, b, c in spans:
        seg = text[a:b]
        a2 = a + len(seg) - len(seg.lstrip())
        b2 = a + len(seg.rstrip())
        if b2 > a2 and re.search(r"\w", text[a2:b2]):
            out.append((a2, b2, c))
    return out


_TWO_APOSTROPHES = re.compile(r"(?<!['‘’])(?:''|``)(?!['‘’])")


def double_apostrophes(text: str) -> str:
    """Two apostrophes (''We'', ``We'') written for a double quotation mark, as in the NYT archive, made one.

    Each pair becomes a space and a straight mark on the side that keeps the offsets and tells
    opening from closing: ' "We' opens, 'now," ' closes.
    """
    if "''" not in text and "``" not in text:
        return text

    def one(m):
        a, b = m.start(), m.end()
        opening = (a == 0 or text[a - 1].isspace() or text[a - 1] in "([{—–-") and b < len(text) \
            and not text[b].isspace()
        return ' "' if opening else '" '

    return _TWO_APOSTROPHES.sub(one, text)


def mask_quotes(text: str, spans) -> str:
    """The text with quoted words replaced by filler, so rules only read the reporter's words.

    Final punctuation stays, so a sentence still ends after a quote that ends one.
    """
    chars = list(text)
    for a, b, _ in spans:
        stop = b - 1 if text[b - 1] in ".!?" else b
        for k in range(a, stop):
            if not chars[k].isspace() or chars[k] == "\n":
                chars[k] = FILL
    return "".join(chars)


def quote_sentences(masked: str, spans) -> list[tuple[int, int]]:
    """The sentences of the text, by the one splitter (:func:`sentence_spans`) with each quotation opaque.

    Masked quotations cannot end a sentence inside; their first letter is made a capital so
    that a quotation can open one, as its words would.
    """
    chars = list(masked)
    for a, _, _ in spans:
        if a < len(chars) and chars[a] == FILL:
            chars[a] = FILL.upper()
    return sentence_spans("".join(chars))
