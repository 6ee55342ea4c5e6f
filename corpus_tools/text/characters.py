"""Characters that are not what they seem: control codes, bidirectional overrides, joiners, mojibake.

One definition for the loader (which flags them) and for every place that shows text to a person
(the terminal, HTML tables, chart labels), which makes them visible instead of letting them act:

- control characters (C0 and C1, NUL, DEL) and ANSI escape sequences: in a terminal they move the
  cursor, clear the screen or recolour what follows; they are never part of an article's words;
- bidirectional overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069): a right-to-left
  override makes "SSAT" display as "TASS";
- zero-width joiners (U+200D) hold joined emoji together (👨‍👩‍👧 is one picture) and shape letters in
  Arabic-script and Indic words; elsewhere zero-width characters are stray and are dropped;
- mojibake ("Ã©" for "é", "â€™" for "’"): text decoded with the wrong encoding before it reached us,
  found with ``ftfy``; and U+FFFD, the mark of a character lost on the way.

>>> strip_controls("Red \\x1b[31malert\\x1b[0m\\x00!")
('Red alert!', ['ANSI escape sequence', 'NUL'])
>>> visible("SSAT\\u202e\\x1b[2J\\nOK")
'SSAT\\\\u202e\\\\x1b[2J\\\\nOK'
>>> find_mojibake("The cafÃ© said itâ€™s fine")
'Ã©'
"""

from __future__ import annotations

import re

# ESC [ ... final byte (CSI), ESC ] ... BEL or ESC \ (OSC), and the two-byte escapes; C1's CSI (U+009B).
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")
# Control characters that carry no text: C0 less tab, newline and carriage return (line ends are
# unified elsewhere; form feed and vertical tab are read as line breaks), DEL and C1.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_NAMES = {"\x00": "NUL", "\x1b": "ESC", "\x7f": "DEL", "\x08": "backspace", "\x07": "bell"}
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# What a terminal or a page must never receive as it is: every control character and the bidi controls.
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}\u2028\u2029]")

# Zero-width characters: dropped, except a joiner (ZWJ, ZWNJ) inside an emoji sequence or a word of a
# script that needs it (Arabic, Persian, Syriac, Indic scripts, Sinhala, Myanmar).
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_EMOJI = (r"\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2\u25aa-\u25fe\u2600-\u27bf"
          r"\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff")
_JOINING = r"\u0600-\u08ff\u0900-\u0dff\u1000-\u109f\ufb50-\ufdff\ufe70-\ufefe"
_KEPT_JOINER = re.compile(
    rf"(?<=[{_EMOJI}\ufe0f])\u200d(?=[{_EMOJI}])"  # 👨‍👩‍👧, 🏳️‍🌈
    rf"|(?<=[{_JOINING}])[\u200c\u200d](?=[{_JOINING}])"  # می‌خواهم, क्‍ष
)
_STRAY = re.compile(f"[{_ZERO_WIDTH}]")
# Mojibake of UTF-8 read as Windows-1252 or Latin-1: a lead byte (Â..ô) followed by a continuation byte
# (U+0080-U+00BF, or what Windows-1252 shows for 0x80-0x9F). Only text holding such a pair goes to ftfy.
_MOJIBAKE_PAIR = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039"
    "\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]"
)


def strip_controls(text: str) -> tuple[str, list[str]]:
    """``text`` without control characters and ANSI escape sequences, and the kinds removed (in order found).

    Tab, newline and carriage return stay; form feed and vertical tab become line breaks.

    >>> strip_controls("a\\x0cb\\tc")
    ('a\\nb\\tc', [])
    """
    if "\x0b" in text or "\x0c" in text:
        text = text.translate(_LINE_BREAKS)
    found: list[str] = []
    if ("\x1b" in text or "\x9b" in text) and _ANSI.search(text):  # every escape sequence starts with one
        found.append("ANSI escape sequence")
        text = _ANSI.sub("", text)
    if _CONTROL.search(text):
        for ch in dict.fromkeys(_CONTROL.findall(text)):
            found.append(_NAMES.get(ch, f"U+{ord(ch):04X}"))
        text = _CONTROL.sub("", text)
    return text, found


def find_bidi_controls(text: str) -> list[str]:
    """The bidirectional overrides, embeddings and isolates in ``text``, as ``U+202E`` codes.

    >>> find_bidi_controls("\\u202eSSAT")
    ['U+202E']
    """
    if text.isascii():  # the controls are not ASCII
        return []
    return [f"U+{ord(ch):04X}" for ch in dict.fromkeys(_BIDI.findall(text))]


def remove_zero_width(text: str) -> str:
    """Drop stray zero-width characters, keeping the joiners that hold an emoji or a word together.

    >>> remove_zero_width("Kyi\\u200bv: 👨\\u200d👩\\u200d👧 \\u200d")
    'Kyiv: 👨\\u200d👩\\u200d👧 '
    """
    if not _STRAY.search(text):
        return text
    kept = {m.start() for m in _KEPT_JOINER.finditer(text)}
    if not kept:
        return _STRAY.sub("", text)
    return "".join(ch for i, ch in enumerate(text) if ch not in _ZERO_WIDTH or i in kept)


def find_mojibake(text: str) -> str | None:
    """A piece of ``text`` that looks like mojibake (UTF-8 read as another encoding), or None.

    The test is ftfy's (``ftfy.badness``): sequences such as "Ã©" or "â€™" that real text hardly
    ever holds; it runs on text that holds a pair of characters UTF-8 read as Windows-1252 or Latin-1
    leaves behind. Text in any one script, accented or not, passes.

    >>> find_mojibake("Київ, Zürich, naïve café") is None
    True
    """
    pair = None if text.isascii() else _MOJIBAKE_PAIR.search(text)
    if pair is None:
        return None
    from ftfy.badness import is_bad

    return pair.group(0) if is_bad(text) else None


def _escape(ch: str) -> str:
    code = ord(ch)
    if ch in "\n\t\r":
        return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}[ch]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(value, *, keep: str = "") -> str:
    """``value`` as text in which control characters and bidi controls show as escapes (``\\x1b``, ``\\u202e``).

    For a terminal and for pages: an ESC sequence cannot clear the screen, a newline in a file name
    cannot start a fake line, a right-to-left override cannot turn "SSAT" into "TASS". ``keep`` names
    characters left as they are (``keep="\\n\\t"`` where a line break is harmless, as in HTML).

    >>> visible("two\\nlines"), visible("two\\nlines", keep="\\n")
    ('two\\\\nlines', 'two\\nlines')
    """
    s = "" if value is None else str(value)
    if not _UNSAFE.search(s):
        return s
    return _UNSAFE.sub(lambda m: m.group(0) if m.group(0) in keep else _escape(m.group(0)), s)


def quote_value(value, *, limit: int = 200) -> str:
    """A value quoted whole for evidence and reasons: quoted as Python would, control characters visible,
    cut past ``limit`` characters (saying how many more there were).

    >>> print(quote_value("27 Nov 2023, 10:30 o'clock"))
    "27 Nov 2023, 10:30 o'clock"
    >>> quote_value("x" * 250).endswith("xx' (... 50 more characters)")
    True
    """
    s = visible(value)
    more = len(s) - limit
    s = s[:limit] if more > 0 else s
    if "'" in s and '"' not in s:
        quoted = f'"{s}"'
    else:
        quoted = "'" + s.replace("'", "\\'") + "'"
    return quoted + (f" (... {more} more characters)" if more > 0 else "")
