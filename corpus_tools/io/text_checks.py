"""Characters in an article that are flagged rather than silently kept or silently fixed.

- control characters and ANSI escape codes (``control_characters``): removed from ``text`` (the text as
  read stays in ``raw_text``) and from ``title``, ``outlet`` and ``byline``;
- bidirectional overrides, embeddings and isolates (``bidi_controls``) in the text, title, outlet or
  byline: kept (right-to-left text may use them), flagged; every chart and table shows them as escapes;
- mojibake such as "Ã©" (``mojibake``) and U+FFFD replacement characters (``replacement_characters``):
  kept as they are, flagged; what the file held is not guessed back.

Each file with such articles gets one note per kind in the load report, naming the lines.

>>> clean, flags, details = check_text("Body \\x00with a NUL and cafÃ©.")
>>> clean, flags
('Body with a NUL and cafÃ©.', ['control_characters', 'mojibake'])
"""

from __future__ import annotations

from ..text.characters import find_bidi_controls, find_mojibake, quote_value, strip_controls

FIELDS = ("title", "outlet", "byline")
REPLACEMENT = "\ufffd"
# The articles' lines named in a note before "...".
MAX_LINES_NAMED = 5


def check_text(raw: str) -> tuple[str, list[str], dict]:
    """The text without control characters, the flags it earns, and what was found (for the load report)."""
    clean, removed = strip_controls(raw)
    flags, details = [], {}
    if removed:
        flags.append("control_characters")
        details["control_characters"] = ("text", removed)
    bidi = find_bidi_controls(clean)
    if bidi:
        flags.append("bidi_controls")
        details["bidi_controls"] = ("text", bidi)
    bad = find_mojibake(clean)
    if bad:
        flags.append("mojibake")
        details["mojibake"] = ("text", [bad])
    if REPLACEMENT in clean:
        flags.append("replacement_characters")
        details["replacement_characters"] = ("text", [])
    return clean, flags, details


def _check_fields(row: dict, details: dict) -> None:
    for name in FIELDS:
        value = row.get(name)
        if not isinstance(value, str) or not value:
            continue
        clean, removed = strip_controls(value)
        if removed:
            row[name] = " ".join(clean.split()) or None
            _add(row, details, "control_characters", name, removed)
        if bidi := find_bidi_controls(clean):
            _add(row, details, "bidi_controls", name, bidi)
        if name == "title" and (bad := find_mojibake(clean)):
            _add(row, details, "mojibake", name, [bad])
        if name == "title" and REPLACEMENT in clean and "decoded_with_replacement" not in row["flags"]:
            _add(row, details, "replacement_characters", name, [])


def _add(row, details, flag, where, found) -> None:
    if flag not in row["flags"]:
        row["flags"].append(flag)
    old_where, old_found = details.get(flag, ("", []))
    details[flag] = (", ".join(x for x in (old_where, where) if x), list(dict.fromkeys(old_found + found)))


def check_fields(rows: list[dict], report) -> None:
    """Check ``title``, ``outlet`` and ``byline`` (as read and as set by the metadata file), and note in
    the load report, once per file and kind, what :func:`check_text` and these checks found."""
    by_file: dict = {}
    for row in rows:
        details = row.pop("_characters", None) or {}
        _check_fields(row, details)
        if "decoded_with_replacement" in row["flags"] and "replacement_characters" in row["flags"]:
            # The decoder put the U+FFFD there and has said so already.
            row["flags"].remove("replacement_characters")
            details.pop("replacement_characters", None)
        for flag, (where, found) in details.items():
            by_file.setdefault((row["source_path"], flag), []).append((row.get("source_line"), where, found))
    for (path, flag), hits in by_file.items():
        report.note(path, None, _note(flag, hits))


def _note(flag: str, hits: list) -> str:
    lines = [line for line, _, _ in hits if line is not None]
    where = sorted({w for _, ws, _ in hits for w in ws.split(", ")}, key=lambda w: ("text", *FIELDS).index(w))
    found = list(dict.fromkeys(f for _, _, fs in hits for f in fs))
    n = len(hits)
    scope = ", ".join(where) + (f" of {n} articles" if n > 1 else "")
    if lines:
        scope += f" (line{'s' if len(lines) > 1 else ''} " + ", ".join(map(str, lines[:MAX_LINES_NAMED])) + (
            ", ...)" if len(lines) > MAX_LINES_NAMED else ")")
    if flag == "control_characters":
        kept = "; the text as read is kept in raw_text" if "text" in where else ""
        return f"control characters removed from the {scope} ({', '.join(found[:6])}){kept}; flagged '{flag}'"
    if flag == "bidi_controls":
        return (f"bidirectional control characters ({', '.join(found[:6])}) in the {scope}: they can reorder "
                f"what is displayed (an override shows 'SSAT' as 'TASS'); kept, flagged '{flag}', shown as escapes "
                "in charts and tables")
    if flag == "mojibake":
        return (f"the {scope} looks like mojibake (e.g. {quote_value(found[0], limit=40)}: text decoded with "
                f"the wrong encoding before it was saved in this file); kept as it is, flagged '{flag}'")
    return (f"the {scope} holds U+FFFD replacement characters (characters lost before this file was written); "
            f"kept, flagged '{flag}'")
