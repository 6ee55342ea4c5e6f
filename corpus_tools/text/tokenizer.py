"""The one-pass tokenizer behind :func:`corpus_tools.text.tokens.tokenize`.

One regular expression walks a chunk of articles once and yields, in order, the tokens
(:data:`~corpus_tools.text.patterns.TOKEN_PATTERN`: words, and abbreviations with periods such as
"U.S." kept whole) and the marks that matter for sentences (a sentence-ending stop, a line break, an
abbreviation such as "Gen." followed by a capital). Each distinct string is then looked
at once, not each occurrence, and sentence numbers come from numpy. The sentences are
exactly those of :func:`corpus_tools.text.sentences.sentence_spans` (tests/text/test_tokens.py
checks this on real and generated texts); only the per-article loop is gone.

>>> vocab, codes, sent_id, per_doc = tokenize_chunk(["Mr. Smith left the U.S. He came back.", ""], lowercase=True)
>>> [vocab[c] for c in codes], sent_id.tolist(), per_doc.tolist()
(['mr', 'smith', 'left', 'the', 'u.s.', 'he', 'came', 'back'], [0, 0, 0, 0, 0, 0, 0, 0], [8, 0])
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .patterns import (
    CJK_STOP,
    CLOSER_CLASS,
    CLOSERS,
    OPENER_CLASS,
    SENTENCE_NEXT,
    STOP_CLASS,
    TOKEN_PATTERN,
    is_abbreviation,
)

# The sentence rule's parts are those of the splitter (patterns.py).
_O, _C, _NEXT = OPENER_CLASS, CLOSER_CLASS, SENTENCE_NEXT
# A word at the start of a whitespace-delimited run that could be an abbreviation or
# initials ("Gen.", "U.S.", "(e.g."), with its stop. Every stop that does NOT end a
# sentence is matched here (abbreviations have parts of at most 6 ASCII letters; the
# Kelvin sign lowercases to "k"); Python then checks the few distinct ones exactly.
_MAYBE_ABBR = (r"(?<!\S)" + _O + r"*+[A-Za-z\u212a]{1,6}+(?:\.[A-Za-z\u212a]{1,6}+)*+\.(?!\.)[.!?…]*+" + _C + "*+"
               + _NEXT)
_STOP = STOP_CLASS + "+" + _C + "*" + _NEXT
# A token: a word, or an abbreviation with periods ("U.S.", "Ph.D.": TOKEN_PATTERN's first part). A word
# that is the first letter of such an abbreviation ("U" of "U.S.") gives way to it; checking this at the
# word's end and trying the abbreviation only then keeps the scan nearly as fast as for words alone.
# An abbreviation's final period is left to _STOP when it may end a sentence (a stop, closers, then a
# capital): _MAYBE_ABBR did not take it, so the run before it is no abbreviation ("—U.S. The", "т.е. Он")
# and the splitter ends the sentence there. The scan below puts the period back on the token.
_FIRST_OF_ABBR = r"(?!\.(?:(?<=(?<!\w)[^\W\d_]\.)[^\W\d_]\.|(?<=(?<!\w)[Pp][Hh]\.)[Dd]\.))"
_DOTTED = r"(?:(?:[^\W\d_]\.)+[^\W\d_]|[Pp][Hh]\.[Dd])(?:\.(?![.!?…]*+" + _C + "*+" + _NEXT + r")|(?=\.))"
_TOKEN_ITEM = r"(?=\w)(?:\w++" + _FIRST_OF_ABBR + r"(?:[-'’]\w++)*+|" + _DOTTED + ")"
# A line whose first character is neither a word character nor a space: it holds a
# sentence even if it has no token ("***"). Matched as an empty string.
_LINE_CONTENT = r"(?<=\n)(?=[^\S\n]*+[^\w\s])"
# × and ÷ are the only characters that may open a sentence after a stop without being
# word characters; only texts that have one pay for this alternative.
_TIMES = r"(?=[×÷])"
_ITEMS = "|".join([_MAYBE_ABBR, _TOKEN_ITEM, _STOP, CJK_STOP, r"\n", r"\x00", _LINE_CONTENT])
_ITEM = re.compile(_ITEMS)
_ITEM_TIMES = re.compile(_ITEMS + "|" + _TIMES)
# An item holding a period: the run of letters before its stop, and the stop with its closers (none for an
# abbreviation token whose period was left to _STOP).
_ABBR_PARTS = re.compile(r"(" + _O + r"*+[A-Za-z\u212a]{1,6}+(?:\.[A-Za-z\u212a]{1,6}+)*+)"
                         r"([.!?…" + re.escape(CLOSERS) + "]*)")
_TOKEN = re.compile(TOKEN_PATTERN)
_STOP_CHARS = frozenset(".!?…؟।。！？")

# Marks in the code stream; tokens have codes >= 0. A stop is part of its sentence and ends it.
_CUT, _CONTENT, _DOC_END, _STOP_MARK = -1, -2, -3, -4
_MARKS = {"\n": _CUT, "": _CONTENT, "\x00": _DOC_END}


def _ends_sentence(run: str) -> bool:
    """Whether a stop preceded by the whitespace-delimited ``run`` ends a sentence (as the splitter decides)."""
    return not is_abbreviation(run)


def _as_lowercased(text: str) -> str:
    """``text`` with the two letters whose lowercase a token alone cannot give written as in ``text.lower()``.

    "İ" lowercases to "i" and a combining dot, which is no word character: "İstanbul" is "i" and
    "stanbul" in the lowercased text, and the dot may free a letter to start an abbreviation ("İU.S."
    gives "i", "u.s."). It becomes "I" and the dot: the same tokens once lowercased, and still a capital
    to the sentence rule. A capital sigma lowercases to "ς" at the end of a word, else "σ", and Python's
    rule looks past marks and periods ("ΟΔΟΣ...Mr." gives "οδοσ...mr."), so it is lowercased here, as
    the whole text would be; except where it opens a word after a space (or an opening quote): there it
    is "σ" whichever way it is lowercased, and a capital that may start a sentence.
    """
    text = text.replace("\u0130", "I\u0307")
    if "\u03a3" not in text:
        return text
    low = text.lower()  # (now as long as the text: no other character lowercases to two)
    return _SIGMA.sub(lambda m: low[m.start()], text)


# A capital sigma not opening a word after a space (or after opening quotes that follow one).
_SIGMA = re.compile(r"(?<!^)(?<!\s)(?<!\s" + _O + r")(?<!\s" + _O + _O + r")\u03a3")


def _factorize(items: list) -> tuple[np.ndarray, list]:
    """Codes and distinct values of a list of strings, in order of first appearance."""
    index = {u: i for i, u in enumerate(dict.fromkeys(items))}
    return np.fromiter(map(index.__getitem__, items), dtype="int32", count=len(items)), list(index)


def tokenize_chunk(texts, *, lowercase: bool = True, stem=None):
    """Tokens of ``texts``: ``(vocab, codes, sent_id, tokens_per_text)``.

    ``vocab[codes[i]]`` is the i-th token (lowercased, curly apostrophes straightened,
    then ``stem`` applied to each distinct token); ``sent_id`` counts sentences from 0 in
    each text; non-strings count as empty texts.
    """
    texts = [t if isinstance(t, str) else "" for t in texts]
    if lowercase:  # tokens are those of the lowercased text (as CountVectorizer finds them): see _as_lowercased
        texts = [_as_lowercased(t) if ("\u0130" in t or "\u03a3" in t) else t for t in texts]
    # NUL separates texts below; inside a text it is one more non-word character.
    texts = [t.replace("\x00", "\x01") if "\x00" in t else t for t in texts]
    # Each text on lines of its own, then NUL: a stop never looks past it.
    s = "\n" + "\n\x00\n".join(texts) + "\n\x00"
    item = _ITEM_TIMES if ("×" in s or "÷" in s) else _ITEM
    # Arrow hashes the strings in C, three times faster than a dict of Python strings.
    encoded = pc.dictionary_encode(pa.array(item.findall(s), type=pa.string()))
    del s
    codes = encoded.indices.to_numpy()
    uniques = encoded.dictionary
    del encoded
    # What each distinct item stands for: a token, a mark, or (a possible abbreviation
    # with its stop) one or more tokens, then a cut if the stop ends the sentence.
    # Plain tokens, nearly all items, never hold a "." or line break and start with a
    # word character; only the others are looked at one by one.
    special = pc.match_substring_regex(uniques, r"^(?:[.!?…؟।。！？\n\x00]|$)|\.").to_numpy(zero_copy_only=False)
    table = np.empty(len(uniques), dtype="int32")
    plain = np.flatnonzero(~special)
    words = uniques.take(pa.array(plain)).to_pylist()
    word_at = plain.tolist()
    extra = {}
    for k in np.flatnonzero(special).tolist():
        u = uniques[k].as_py()
        mark = _MARKS.get(u)
        if mark is not None:
            table[k] = mark
        elif u[0] in _STOP_CHARS:
            table[k] = _STOP_MARK
        else:  # a possible abbreviation with its stop, or an abbreviation token ("U.S.", "U.S" + a stop)
            parts = _ABBR_PARTS.fullmatch(u)
            if parts is not None:
                run, rest = parts.groups()
                ends = bool(rest) and _ends_sentence(run)
            else:  # letters the abbreviation rule does not know ("т.е."): a token, never a sentence end
                run, ends = (u[:-1] if u.endswith(".") else u), False
            # The run is always followed by a period, which belongs to an abbreviation token.
            found = _TOKEN.findall(run + ".")
            words.extend(found)
            word_at.append(k)
            extra[k] = (len(found), ends)
    # Case and apostrophes once per distinct word; tokens never hold a line break.
    if words:
        joined = "\n".join(words)
        if lowercase:
            joined = joined.lower()
        words = joined.replace("’", "'").split("\n")
    word_codes, vocab = _factorize(words)
    if stem is not None:
        word_codes, vocab = _restem(word_codes, vocab, stem)
    # Single tokens map straight to their code; abbreviation items take their first token
    # here and get the rest (and any cut) inserted after them.
    n_words = np.ones(len(word_at), dtype="int64")
    n_words[len(plain):] = [extra[k][0] for k in word_at[len(plain):]]
    first_word = np.cumsum(n_words) - n_words
    table[word_at] = word_codes[first_word]
    stream = table[codes]
    if extra:
        where = dict(zip(word_at, first_word.tolist()))
        inserts = {k: [int(c) for c in word_codes[where[k] + 1:where[k] + n]] + ([_CUT] if ends else [])
                   for k, (n, ends) in extra.items()}
        n_insert = np.zeros(len(uniques), dtype="int64")
        n_insert[list(inserts)] = [len(v) for v in inserts.values()]
        flat = np.fromiter((c for v in inserts.values() for c in v), dtype="int32", count=int(n_insert.sum()))
        start = np.zeros(len(uniques), dtype="int64")
        start[list(inserts)] = np.cumsum([0] + [len(v) for v in inserts.values()])[:-1]
        rows = np.flatnonzero(n_insert[codes])
        n = n_insert[codes[rows]]
        offset = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
        stream = np.insert(stream, np.repeat(rows + 1, n), flat[np.repeat(start[codes[rows]], n) + offset])
    del codes
    is_token = stream >= 0
    is_cut = (stream == _CUT) | (stream == _DOC_END) | (stream == _STOP_MARK)
    # A sentence starts at the first token or other content after a cut.
    new_sentence = (stream != _CUT) & (stream != _DOC_END)
    new_sentence[1:] &= is_cut[:-1]
    doc_end = stream == _DOC_END
    doc = np.cumsum(doc_end) - doc_end
    sentences_per_doc = np.bincount(doc[new_sentence], minlength=len(texts))
    first_sentence = np.cumsum(sentences_per_doc) - sentences_per_doc
    sentence = np.cumsum(new_sentence) - 1
    token_doc = doc[is_token]
    sent_id = (sentence[is_token] - first_sentence[token_doc]).astype("int32")
    per_doc = np.bincount(token_doc, minlength=len(texts))
    return vocab, stream[is_token], sent_id, per_doc


def _restem(codes: np.ndarray, vocab: list, stem) -> tuple[np.ndarray, list]:
    """Stem each distinct word once; words with the same stem share a code."""
    stem_codes, stems = _factorize([stem(w) for w in vocab])
    return stem_codes[codes], stems
