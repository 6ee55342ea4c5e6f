"""Turning the bytes of a file into text, and saying how it was done.

Strict UTF-8 (and byte-order marks) are tried first, because charset detection alone
mis-reads valid UTF-8 that holds emoji or Cyrillic. Only bytes that are not UTF-8 are
guessed, line by line, so a file that mixes UTF-8 and Windows-1252 keeps both right.

>>> decode_bytes("Kyiv – Київ".encode("utf-8")).encoding
'utf-8'
>>> d = decode_bytes("caf\\xe9 \\xa315".encode("cp1252"))
>>> d.text, d.flags
('café £15', ['encoding_guessed'])
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass, field

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# Characters that never appear in a text file but fill binary ones.
_CONTROL_BYTES = bytes(sorted(set(range(0, 9)) | {11, 12} | set(range(14, 32)) | {127}))


class NotText(ValueError):
    """The bytes are not a text we can read (empty, binary)."""


@dataclass
class Decoded:
    text: str
    encoding: str
    flags: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _check_binary(data: bytes) -> None:
    sample = data[:8000]
    # A stray NUL in a text (a bad export) must not lose the file; binary files hold many.
    if sample.count(0) > max(2, len(sample) // 100):
        raise NotText("binary file (it contains NUL bytes), not text")
    bad = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if bad > 0.05 * len(sample):
        raise NotText(f"binary file ({bad} control bytes in the first {len(sample)}), not text")


def _guess_single_byte(data: bytes) -> str:
    """Pick the legacy encoding for bytes that are not UTF-8."""
    high = sum(1 for b in data if b >= 0x80)
    if high < 20:
        # Too few bytes for any detector to tell code pages apart.
        return "cp1252" if _decodes(data, "cp1252") else "latin-1"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=None).best()
        guess = best.encoding if best is not None else None
    except Exception:  # a guesser failing must not lose the file
        guess = None
    # Detection on short texts often lands on an exotic code page; Western news is
    # overwhelmingly cp1252, so prefer it whenever it decodes and the guess is Latin.
    latin = {
        "cp1252",
        "windows_1252",
        "latin_1",
        "iso8859_1",
        "iso8859_15",
        "cp1250",
        "iso8859_2",
        "mac_roman",
        "cp850",
    }
    if guess is None or guess.replace("-", "_").lower() in latin or _latin_letters_only(data, guess):
        return "cp1252" if _decodes(data, "cp1252") else "latin-1"
    return guess


def _latin_letters_only(data: bytes, encoding: str) -> bool:
    """Whether ``encoding`` reads the bytes as Latin letters only (cp1257, iso8859_4, ...: Latin code pages)."""
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError:
        return False
    return all(
        "LATIN" in unicodedata.name(ch, "") or ch in "ªºµ" for ch in set(text) if ch.isalpha() and not ch.isascii()
    )


def _decodes(data: bytes, enc: str) -> bool:
    try:
        data.decode(enc)
        return True
    except UnicodeDecodeError:
        return False


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes; raise :class:`NotText` for empty or binary files."""
    if not data.strip():
        raise NotText("empty file" if not data else "file holds only white space")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(enc), f"{enc} (byte-order mark)")
            except UnicodeDecodeError as e:
                text = data[len(bom):].decode(enc, errors="replace")
                return Decoded(text, f"{enc} (byte-order mark)", ["decoded_with_replacement"],
                               [f"bytes that are not {enc} at byte {e.start}; replaced with '\ufffd'"])
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return Decoded(data.decode(utf16), f"{utf16} (no byte-order mark; detected)", ["encoding_guessed"],
                           [f"no byte-order mark; read as {utf16} because every other byte is zero"])
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8")
        _check_binary(data)
        decoded = Decoded(text, "utf-8")
    except UnicodeDecodeError as first_error:
        _check_binary(data)
        decoded = _decode_mixed(data, first_error)
    nul = data.find(0)
    if nul >= 0:
        n = data.count(0)
        decoded.warnings.append(f"NUL byte{'s' if n > 1 else ''} (\\x00) at line {_line_of(data, nul)}"
                                + (f" and {n - 1} more" if n > 1 else "") + "; read as text all the same")
    return decoded


def _decode_mixed(data: bytes, first_error: UnicodeDecodeError) -> Decoded:
    lines = data.split(b"\n")
    good_non_ascii = 0
    bad_lines: list[int] = []
    parts: list[str | None] = []
    for i, line in enumerate(lines, 1):
        try:
            s = line.decode("utf-8")
            parts.append(s)
            if not line.isascii():
                good_non_ascii += 1
        except UnicodeDecodeError:
            parts.append(None)
            bad_lines.append(i)
    bad_bytes = b"\n".join(lines[i - 1] for i in bad_lines)
    legacy = _guess_single_byte(bad_bytes)
    where = _line_list(bad_lines)
    first_line = _line_of(data, first_error.start)
    byte = data[first_error.start]
    if good_non_ascii:
        # Some lines are real UTF-8 with accents, others are not: a mixed file.
        text = "\n".join(p if p is not None else lines[i].decode(legacy, errors="replace") for i, p in enumerate(parts))
        return Decoded(text, f"utf-8 + {legacy}", ["encoding_guessed", "mixed_encoding"],
                       [f"mixed encodings: {where} not UTF-8 (first at line {first_line}, byte 0x{byte:02X}); "
                        f"those lines read as {legacy}, the rest as UTF-8"])
    text = data.decode(legacy, errors="replace")
    flags = ["encoding_guessed"] + (["decoded_with_replacement"] if "\ufffd" in text else [])
    return Decoded(
        text,
        legacy,
        flags,
        [
            f"not UTF-8 (first at line {first_line}, byte 0x{byte:02X}); read as {legacy} "
            "(a guess: check accents and symbols)"
        ],
    )


def _line_list(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:5])) + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")
    return f"line{'s' if len(lines) > 1 else ''} {shown}"
