"""An exact, faster port of upstream VADER's ``polarity_scores`` (vaderSentiment 3.3.2).

Same lexicon (read from the installed ``vaderSentiment`` package), same rules, same
arithmetic in the same order, so scores are identical to
``SentimentIntensityAnalyzer().polarity_scores``; it scores many texts in one pass
without the per-call overhead. With any other vaderSentiment release installed,
:func:`get_vader` falls back to upstream's own analyzer. tests/analysis/test_sentiment.py
compares the two on thousands of texts.
"""

from __future__ import annotations

import string
from importlib.metadata import version as _version
from itertools import repeat

PORTED_VADER = "3.3.2"
SCORE_COLUMNS = ["neg", "neu", "pos", "compound"]
_PUNCTUATION = string.punctuation
_vader = None


def get_vader() -> _Vader:
    # Reading the lexicon takes ~50 ms: do it once per session, not once per call.
    global _vader
    if _vader is None:
        _vader = _Vader()
    return _vader


class _Vader:
    """Upstream VADER's lexicon and rules, scoring many texts at once with exactly its results.

    :meth:`score_many` follows ``SentimentIntensityAnalyzer.polarity_scores`` of
    vaderSentiment 3.3.2 (``PORTED_VADER``) rule by rule, with the same arithmetic in the
    same order, so the floats are identical (tests/analysis/test_sentiment.py compares the two on
    thousands of real and generated texts); any other installed release is scored by
    upstream itself. It is faster because it splits all texts at once (Arrow) and looks at
    each distinct token once (lowercased, in the lexicon, in capitals, naming a rule), runs
    the word-by-word rules only for lexicon words with a rule word within reach (the others
    score their lexicon value), applies "but" to the scores as upstream does, and does the
    final arithmetic for all texts at once (numpy, with Python's ``sum`` and ``round``), never
    re-lowercasing a whole text for every lexicon word (which makes upstream slow on long articles).
    """

    def __init__(self):
        from vaderSentiment import vaderSentiment as vs

        self.vs = vs
        self.analyzer = vs.SentimentIntensityAnalyzer()
        # The rules below are a port of this release: any other one is scored by upstream itself.
        self.ported = _version("vaderSentiment") == PORTED_VADER
        self.lexicon = self.analyzer.lexicon
        self.emojis = self.analyzer.emojis
        # Upstream looks emoji up one character at a time, so longer keys never match.
        self.emoji_chars = frozenset(k for k in self.emojis if len(k) == 1)
        self.negate = frozenset(vs.NEGATE)
        # A multi-word idiom or booster ("kind of", "the bomb") can only match where
        # its first word is: texts without any of these words skip the idiom rule.
        phrases = [k for k in [*vs.SPECIAL_CASES, *vs.BOOSTER_DICT] if " " in k]
        self.phrase_starts = frozenset(k.split()[0] for k in phrases)
        # Words that bring a rule into play when they are a lexicon word or one of the three
        # words before it: boosters, negations (and any word with "n't", added as met), and
        # the words upstream's rules name. A lexicon word with none of them there scores its
        # lexicon value (changed only for capitals), which score_many uses to skip the rules.
        self.ruled = set(vs.BOOSTER_DICT) | set(vs.NEGATE) | {"no", "never", "without", "so", "this", "least", "kind"}
        # Words that bring a rule into play anywhere in a text: a word of each idiom (an idiom can
        # only match where all its words are; its common words are left out). "but" is applied
        # to the scores afterwards (_but_check).
        common = {"the", "to", "of", "for", "just", "bad", "bus", "beating"}
        self.text_ruled = frozenset(set().union(*(set(k.split()) - common or set(k.split()) for k in phrases)))
        self.rule_kind: dict[str, int] = {}
        for w in self.ruled:
            self.rule_kind[w] = 1
        for w in self.text_ruled:
            self.rule_kind[w] = self.rule_kind.get(w, 0) | 2
        self.rule_kind["but"] = self.rule_kind.get("but", 0) | 4
        # Each distinct token is cleaned once; a corpus has far fewer distinct tokens than tokens.
        self.token_lower: dict[str, str] = {}

    def polarity_scores(self, text: str) -> dict:
        """Same as upstream's ``polarity_scores`` (a dict with neg, neu, pos, compound)."""
        return dict(zip(SCORE_COLUMNS, self.score_many([text])[0]))

    def _no_emoji(self, text: str) -> bool:
        # Every emoji is outside ASCII, and isascii() costs nothing on a Python string.
        return text.isascii() or self.emoji_chars.isdisjoint(text)

    def _without_emoji(self, text: str) -> str:
        # Upstream's own loop, kept as is: an emoji becomes its description ("red heart").
        out, prev_space = [], True
        for ch in text:
            if ch in self.emojis:
                if not prev_space:
                    out.append(" ")
                out.append(self.emojis[ch])
                prev_space = False
            else:
                out.append(ch)
                prev_space = ch == " "
        return "".join(out)

    def _lower_words(self, raw) -> list[str]:
        """Upstream's words, lowercased: punctuation stripped from each whitespace-separated
        token unless that leaves 2 characters or fewer (emoticons such as ":)" stay)."""
        known = self.token_lower
        if len(known) > 2_000_000:  # a memory bound, not a correctness one
            known.clear()
        for w in set(raw).difference(known):
            s = w.strip(_PUNCTUATION)
            s = (w if len(s) <= 2 else s).lower()
            known[w] = s
            if "n't" in s:
                self.ruled.add(s)
                self.rule_kind[s] = self.rule_kind.get(s, 0) | 1
        return list(map(known.__getitem__, raw))

    def score_many(self, texts) -> list[tuple[float, float, float, float]]:
        """``(neg, neu, pos, compound)`` for each text, as upstream's ``polarity_scores``."""
        import numpy as np

        texts = list(texts)
        if not self.ported:
            return [tuple(self.analyzer.polarity_scores(t)[k] for k in SCORE_COLUMNS) for t in texts]
        if not "".join(texts).isascii():
            for k in [k for k, ascii in enumerate(map(str.isascii, texts)) if not ascii]:
                if not self._no_emoji(texts[k]):
                    texts[k] = self._without_emoji(texts[k])
        # What upstream finds out word by word is found once per distinct token here, for
        # all texts at once: its lowercased word, whether it is in the lexicon, in capitals,
        # or a word that brings one of the rules into play. Arrow splits on exactly the
        # characters str.split() does (tests/analysis/test_sentiment.py checks every one).
        codes, distinct, n = _split_all(texts)
        if not len(codes):
            return [(0.0, 1.0, 0.0, 0.0) if k else (0.0, 0.0, 0.0, 0.0) for k in n.tolist()]
        words = self._lower_words(distinct)
        lexicon = self.lexicon
        valence = np.fromiter(map(lexicon.get, words, repeat(np.nan)), dtype=np.float64, count=len(words))
        hit = ~np.isnan(valence)[codes]
        upper = np.fromiter(map(str.isupper, distinct), dtype=bool, count=len(words))[codes]
        # What each word brings into play: 1 a rule near it, 2 a rule anywhere in its text, 4 "but".
        kind = np.fromiter(map(self.rule_kind.get, words, repeat(0)), dtype=np.int8, count=len(words))[codes]
        ruled, whole, is_but = (kind & 1) > 0, (kind & 2) > 0, (kind & 4) > 0
        ends = np.cumsum(n)
        starts = ends - n
        n_hits = _per_text(hit, starts, ends)
        # Stripping punctuation never changes isupper() (punctuation has no case), so
        # the raw tokens stand in for upstream's words wherever capitals are checked.
        n_upper = _per_text(upper, starts, ends)
        cap_diff = (n_upper > 0) & (n_upper < n)
        # A lexicon word with no rule word among itself and the three words before it (in
        # its text) scores its lexicon value, changed only for capitals: most of them.
        pos = np.flatnonzero(hit)
        text_of = np.repeat(np.arange(len(texts)), n_hits)
        ruled_cum = np.concatenate(([0], np.cumsum(ruled)))
        plain = ruled_cum[pos + 1] == ruled_cum[np.maximum(pos - 3, starts[text_of])]
        plain &= _per_text(whole, starts, ends)[text_of] == 0  # an idiom may be there: every word by the rules
        values = valence[codes[pos]]
        up = cap_diff[text_of] & upper[pos]
        values[up] = np.where(values[up] > 0, values[up] + self.vs.C_INCR, values[up] - self.vs.C_INCR)
        hit_ends = np.cumsum(n_hits)
        hit_starts = hit_ends - n_hits
        ruled_texts = np.flatnonzero(_per_text(~plain, hit_starts, hit_ends) + _per_text(is_but, starts, ends))
        if len(ruled_texts):
            # The rules, word by word as upstream, for the texts where one may apply.
            local = (pos - starts[text_of]).tolist()
            flat = values.tolist()
            ruled_hits = np.flatnonzero(~plain)
            cut = np.searchsorted(ruled_hits, np.concatenate((hit_starts[ruled_texts], hit_ends[ruled_texts[-1:]])))
            ruled_hits = ruled_hits.tolist()
            firsts, ends, sizes = hit_starts.tolist(), hit_ends.tolist(), n.tolist()
            word_at, caps = starts.tolist(), cap_diff.tolist()
            for k, x, y in zip(ruled_texts.tolist(), cut[:-1].tolist(), cut[1:].tolist()):
                a, b, s = firsts[k], ends[k], word_at[k]
                scores = flat[a:b]
                lower = list(map(words.__getitem__, codes[s:s + sizes[k]].tolist()))
                tokens = texts[k].split()
                for h in ruled_hits[x:y]:
                    scores[h - a] = self._valence(lower, tokens, local[h], caps[k])
                if "but" in lower:
                    _but_check(scores, local[a:b], lower.index("but"))
                flat[a:b] = scores
            values = np.array(flat, dtype=np.float64)
        return _score_all(values, hit_starts, n_hits, n, texts)

    def _valence(self, lower, tokens, i, is_cap_diff):
        # SentimentIntensityAnalyzer.sentiment_valence for the lexicon word at ``i`` of one text.
        vs = self.vs
        lexicon, booster, negate = self.lexicon, vs.BOOSTER_DICT, self.negate
        n_scalar, c_incr = vs.N_SCALAR, vs.C_INCR
        phrase_starts = self.phrase_starts
        n = len(tokens)
        lw = lower[i]
        if lw in booster or (lw == "kind" and i < n - 1 and lower[i + 1] == "of"):
            return 0
        valence = lexicon[lw]
        if lw == "no" and i != n - 1 and lower[i + 1] in lexicon:
            valence = 0.0
        if (i > 0 and lower[i - 1] == "no") or (i > 1 and lower[i - 2] == "no") \
                or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ["or", "nor"]):
            valence = lexicon[lw] * n_scalar
        if is_cap_diff and tokens[i].isupper():
            if valence > 0:
                valence += c_incr
            else:
                valence -= c_incr
        for start_i in range(0, 3):
            if i <= start_i:
                break
            j = i - (start_i + 1)
            lj = lower[j]
            if lj in lexicon:
                continue
            s = 0.0
            if lj in booster:
                s = booster[lj]
                if valence < 0:
                    s *= -1
                if is_cap_diff and tokens[j].isupper():
                    if valence > 0:
                        s += c_incr
                    else:
                        s -= c_incr
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            # _negation_check
            if start_i == 0:
                if lj in negate or "n't" in lj:
                    valence = valence * n_scalar
            elif start_i == 1:
                if lj == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
                    valence = valence * 1.25
                elif lj == "without" and lower[i - 1] == "doubt":
                    valence = valence
                elif lj in negate or "n't" in lj:
                    valence = valence * n_scalar
            else:
                if lj == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this") or \
                        (lower[i - 1] == "so" or lower[i - 1] == "this"):
                    valence = valence * 1.25
                elif lj == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
                    valence = valence
                elif lj in negate or "n't" in lj:
                    valence = valence * n_scalar
                if (lj in phrase_starts or lower[i - 2] in phrase_starts
                        or lower[i - 1] in phrase_starts or lw in phrase_starts):
                    valence = self._special_idioms_check(valence, lower, i)
        # _least_check
        if i > 1 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
            if lower[i - 2] != "at" and lower[i - 2] != "very":
                valence = valence * n_scalar
        elif i > 0 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
            valence = valence * n_scalar
        return valence

    def _special_idioms_check(self, valence, w, i):
        special, booster = self.vs.SPECIAL_CASES, self.vs.BOOSTER_DICT
        onezero = f"{w[i - 1]} {w[i]}"
        twoonezero = f"{w[i - 2]} {w[i - 1]} {w[i]}"
        twoone = f"{w[i - 2]} {w[i - 1]}"
        threetwoone = f"{w[i - 3]} {w[i - 2]} {w[i - 1]}"
        threetwo = f"{w[i - 3]} {w[i - 2]}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in special:
                valence = special[seq]
                break
        if len(w) - 1 > i:
            zeroone = f"{w[i]} {w[i + 1]}"
            if zeroone in special:
                valence = special[zeroone]
        if len(w) - 1 > i + 1:
            zeroonetwo = f"{w[i]} {w[i + 1]} {w[i + 2]}"
            if zeroonetwo in special:
                valence = special[zeroonetwo]
        for n_gram in (threetwoone, threetwo, twoone):
            if n_gram in booster:
                valence = valence + booster[n_gram]
        return valence

    def words(self, text: str) -> list[str]:
        """The words VADER looks up, lowercased, in order (emoji replaced by their descriptions)."""
        if not self._no_emoji(text):
            text = self._without_emoji(text)
        return self._lower_words(text.split())


def _split_all(texts):
    """Every text split as ``str.split()`` does: (token codes, distinct tokens, tokens per text)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    parts = pc.utf8_split_whitespace(pa.array(texts, type=pa.large_string()))
    tokens = pc.dictionary_encode(pc.list_flatten(parts))
    codes = tokens.indices.to_numpy(zero_copy_only=False)
    distinct = tokens.dictionary.to_pylist()
    offsets = parts.offsets.to_numpy()
    if "" not in distinct:
        return codes, distinct, np.diff(offsets)
    # Arrow gives an empty piece for white space at either end (str.split() gives none).
    kept = codes != distinct.index("")
    return codes[kept], distinct, _per_text(kept, offsets[:-1], offsets[1:])


def _per_text(mask, starts, ends):
    """How many of each text's tokens (``starts[k]:ends[k]``) are True in ``mask``."""
    import numpy as np

    cum = np.concatenate(([0], np.cumsum(mask)))
    return cum[ends] - cum[starts]


def _but_check(scores, positions, but_at) -> None:
    """Upstream's ``_but_check`` on a text's lexicon-word scores (at ``positions``), in place.

    Upstream walks every word's score and changes the FIRST score equal to it: halved
    before the first "but", times 1.5 after it. Words outside the lexicon score 0 and
    stay 0, so only the lexicon words' scores need walking, with the same rule.
    """
    for t in range(len(scores)):
        v = scores[t]
        if v == 0:
            continue
        first = scores.index(v)
        if positions[first] < but_at:
            scores[first] = v * 0.5
        elif positions[first] > but_at:
            scores[first] = v * 1.5


def _score_all(values, hit_starts, n_hits, n, texts) -> list[tuple[float, float, float, float]]:
    """SentimentIntensityAnalyzer.score_valence for every text at once, with exactly its floats.

    ``values[hit_starts[k]:hit_starts[k] + n_hits[k]]`` are text k's non-zero word scores in
    order (the zeros between them change no sum); text k has ``n[k]`` words. Each sum is
    taken in upstream's order (Python's own ``sum`` for the total, as upstream, since it
    differs between Python versions), and rounded by Python's ``round`` as upstream does.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    bounds = np.concatenate((hit_starts, hit_starts[-1:] + n_hits[-1:])).tolist()
    flat = values.tolist()
    sum_s = np.array(list(map(sum, map(flat.__getitem__, map(slice, bounds[:-1], bounds[1:])))), dtype=np.float64)
    arrow = pa.array(texts, type=pa.large_string())
    ep_count = np.minimum(pc.count_substring(arrow, "!").to_numpy(), 4)
    qm_count = pc.count_substring(arrow, "?").to_numpy()
    qm_amplifier = np.where(qm_count > 1, np.where(qm_count <= 3, qm_count * 0.18, 0.96), 0.0)
    punct_emph_amplifier = ep_count * 0.292 + qm_amplifier
    sum_s = np.where(sum_s > 0, sum_s + punct_emph_amplifier, np.where(sum_s < 0, sum_s - punct_emph_amplifier, sum_s))
    compound = np.clip(sum_s / np.sqrt((sum_s * sum_s) + 15), -1.0, 1.0)
    # pos_sum and neg_sum add up word by word in each text's order: one step per word position.
    pos_part = np.where(values > 0, values + 1, 0.0)
    neg_part = np.where(values < 0, values - 1, 0.0)
    pos_sum = np.zeros(len(n))
    neg_sum = np.zeros(len(n))
    for j in range(int(n_hits.max()) if len(n_hits) else 0):
        k = np.flatnonzero(n_hits > j)
        pos_sum[k] += pos_part[hit_starts[k] + j]
        neg_sum[k] += neg_part[hit_starts[k] + j]
    neu_count = n - n_hits + _per_text(values == 0, hit_starts, hit_starts + n_hits)
    more_pos = pos_sum > np.fabs(neg_sum)
    more_neg = pos_sum < np.fabs(neg_sum)
    pos_sum = np.where(more_pos, pos_sum + punct_emph_amplifier, pos_sum)
    neg_sum = np.where(more_neg, neg_sum - punct_emph_amplifier, neg_sum)
    total = pos_sum + np.fabs(neg_sum) + neu_count
    words = n > 0
    total[~words] = 1.0  # no words: every score is 0
    neg = list(map(round, np.fabs(neg_sum / total).tolist(), repeat(3)))
    neu = list(map(round, np.fabs(neu_count / total).tolist(), repeat(3)))
    pos = list(map(round, np.fabs(pos_sum / total).tolist(), repeat(3)))
    compound = list(map(round, np.where(words, compound, 0.0).tolist(), repeat(4)))
    return list(zip(neg, neu, pos, compound))
