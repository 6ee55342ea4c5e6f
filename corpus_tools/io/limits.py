"""Limits on what one input file may cost: its size, its size once decompressed, its longest line, its nesting.

A file over a limit is not read: its row in the load report says which limit it passed and how
to raise it, and the rest of the corpus loads. The defaults let through any news export seen in
practice and stop what would otherwise exhaust memory (a small ``.gz`` that expands to
gigabytes, a whole file on one line). Each limit is raised for one call with
``read_articles(..., limits={"max_file_mb": 4096})`` or for a session with an environment
variable (``CORPUS_TOOLS_MAX_FILE_MB=4096``); ``None`` in ``limits=`` turns one off.

>>> check_limits({"max_line_mb": 50}).max_line_mb, check_limits(None).max_json_depth
(50, 100)
>>> gunzip(__import__("gzip").compress(b"x" * 10_000_000), check_limits({"max_gz_ratio": 20}))  # doctest: +ELLIPSIS
Traceback (most recent call last):
corpus_tools.io.limits.TooLarge: expands more than 20 times when decompressed (...
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass

# name: (default, what it limits)
DEFAULTS = {
    "max_file_mb": (1024, "size of one file (and of its decompressed content), in MB"),
    "max_gz_ratio": (50, "how many times larger than the compressed file a .gz may expand"),
    "max_line_mb": (10, "length of one line of a text, CSV/TSV or JSON Lines file, in MB"),
    "max_json_depth": (100, "how deeply the objects and lists of a JSON value may nest"),
}
ENV_PREFIX = "CORPUS_TOOLS_"
# The expansion ratio is checked only past this size: short texts can compress very well.
RATIO_FROM_BYTES = 8 << 20
_CHUNK = 1 << 20
MB = 1 << 20


class TooLarge(ValueError):
    """A file passes one of the limits; the message names the limit and how to raise it."""


@dataclass(frozen=True)
class Limits:
    max_file_mb: float | None
    max_gz_ratio: float | None
    max_line_mb: float | None
    max_json_depth: int | None

    def bytes_of(self, name: str) -> float:
        value = getattr(self, name)
        return float("inf") if value is None else value * MB

    @property
    def json_depth(self) -> float:
        return float("inf") if self.max_json_depth is None else self.max_json_depth


def check_limits(limits: dict | None = None) -> Limits:
    """The limits in force: the defaults, then ``CORPUS_TOOLS_MAX_...`` variables, then ``limits``."""
    if limits is not None and not isinstance(limits, dict):
        raise TypeError(f"limits= takes a dict such as {{'max_file_mb': 4096}}, not {type(limits).__name__}")
    values = {}
    for name, (default, _) in DEFAULTS.items():
        value = default
        env = os.environ.get(ENV_PREFIX + name.upper())
        if env:
            try:
                value = float(env)
            except ValueError:
                raise ValueError(f"{ENV_PREFIX + name.upper()}={env!r} is not a number") from None
        if limits and name in limits:
            value = limits[name]
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0):
            raise ValueError(f"limits={{{name!r}: ...}} takes a number above 0 (or None: no limit), not {value!r}")
        values[name] = value
    unknown = set(limits or ()) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"limits= has no {', '.join(map(repr, sorted(unknown)))}; the limits are: "
                         + "; ".join(f"{k} ({d}, default {v})" for k, (v, d) in DEFAULTS.items()))
    return Limits(**values)


def how_to_raise(name: str) -> str:
    return f"raise it with limits={{'{name}': ...}} or {ENV_PREFIX + name.upper()}"


def _mb(n: float) -> str:
    return f"{n / MB:,.1f} MB" if n >= MB / 10 else f"{n:,.0f} bytes"


def read_limited(path, gz: bool, limits: Limits) -> bytes:
    """The bytes of ``path`` (decompressed when ``gz``), or :class:`TooLarge` before memory runs out."""
    cap = limits.bytes_of("max_file_mb")
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size > cap:
            raise TooLarge(f"{_mb(size)}, over the limit of {limits.max_file_mb:g} MB for one file "
                           f"({how_to_raise('max_file_mb')})")
        data = f.read(int(min(size, cap)) + 1)  # read(n) sets n bytes aside: never more than the file
        if len(data) > size:  # it grew, or the system does not tell its size: read on, up to the limit
            pieces, total = [data], len(data)
            while total <= cap and (piece := f.read(_CHUNK)):
                pieces.append(piece)
                total += len(piece)
            data = b"".join(pieces)
    if len(data) > cap:
        raise TooLarge(f"over the limit of {limits.max_file_mb:g} MB for one file ({how_to_raise('max_file_mb')})")
    return gunzip(data, limits) if gz else data


def gunzip(data: bytes, limits: Limits) -> bytes:
    """Decompress gzip data piece by piece, stopping as soon as it passes the size or ratio limit."""
    cap = limits.bytes_of("max_file_mb")
    ratio = limits.max_gz_ratio
    ratio_cap = float("inf") if ratio is None else max(ratio * len(data), RATIO_FROM_BYTES)
    pieces, total, rest = [], 0, data
    while rest:
        d = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        buf = rest
        while not d.eof:
            try:
                piece = d.decompress(buf, _CHUNK)
            except zlib.error as e:
                raise OSError(f"not a gzip file, or a damaged one ({e})") from None
            total += len(piece)
            if total > ratio_cap:
                raise TooLarge(f"expands more than {ratio:g} times when decompressed (a {_mb(len(data))} file; "
                               f"stopped at {_mb(total)}); {how_to_raise('max_gz_ratio')}")
            if total > cap:
                raise TooLarge(f"over {limits.max_file_mb:g} MB when decompressed (stopped there); "
                               f"{how_to_raise('max_file_mb')}")
            pieces.append(piece)
            buf = d.unconsumed_tail
            if not piece and not buf:
                break
        if not d.eof:
            raise OSError("the compressed file ends before its end (cut short while copying?)")
        rest = d.unused_data
        if not rest.strip(b"\x00"):  # gzip allows zero padding after the last member
            break
    return b"".join(pieces)


def long_line(data: bytes, limits: Limits) -> str | None:
    """Why ``data`` is refused for a line over ``max_line_mb`` (line number and length), or None.

    Walks back from each window's end to its last line end, so a file of short lines costs a
    few searches per window, not one per line.
    """
    cap = limits.bytes_of("max_line_mb")
    if len(data) <= cap:
        return None
    cap = int(cap)
    pos, n = 0, len(data)
    while n - pos > cap:
        end = pos + cap + 1
        last = max(data.rfind(b"\n", pos, end), data.rfind(b"\r", pos, end))
        if last < 0:
            nxt = [i for i in (data.find(b"\n", end), data.find(b"\r", end)) if i >= 0]
            length = (min(nxt) if nxt else n) - pos
            sep = b"\n" if data.find(b"\n", 0, pos) >= 0 else b"\r"
            line = data.count(sep, 0, pos) + 1
            return (f"line {line} is {_mb(length)} long, over the limit of {limits.max_line_mb:g} MB for one line "
                    f"({how_to_raise('max_line_mb')}); the file is not read")
        pos = last + 1
    return None


def too_deep(value, limit: float) -> bool:
    """Whether objects and lists nest more than ``limit`` levels in ``value`` (checked without recursion)."""
    if limit == float("inf"):
        return False
    stack = [(value, 0)]
    while stack:
        v, depth = stack.pop()
        if isinstance(v, dict):
            v = v.values()
        elif not isinstance(v, list):
            continue
        if depth + 1 > limit:
            return True
        stack.extend((x, depth + 1) for x in v if isinstance(x, (dict, list)))
    return False


class BadJSON(ValueError):
    """A JSON text Python cannot read as it is, or one nested past ``max_json_depth``."""


def load_json(text: str, max_depth: float | None = None):
    """``json.loads``; a value nested too deep or a number too long raises :class:`BadJSON`, never
    RecursionError or a bare ValueError (``json.JSONDecodeError`` is raised as it is)."""
    import json

    depth = DEFAULTS["max_json_depth"][0] if max_depth is None else max_depth
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise BadJSON(f"objects or lists nested too deep for Python's JSON reader (the limit is {depth:g} levels; "
                      "values nested that deep are not articles)") from None
    except ValueError as e:  # an integer of more digits than Python converts (sys.get_int_max_str_digits)
        raise BadJSON(f"a number too long to read ({str(e).split(':')[0]})") from None
    if too_deep(obj, depth):
        raise BadJSON(f"objects or lists nested more than {depth:g} levels deep ({how_to_raise('max_json_depth')})")
    return obj
