"""The corpora the benchmarks run on: the BBC News corpus, replicated or grown to N articles.

One place for every bench script, so that "100,000 articles" means the same table in each.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpora" / "bbc_news_2225" / "bbc"
OUTLETS = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"]


def load_bbc(corpus=DEFAULT_CORPUS) -> pd.DataFrame:
    """The BBC folder as read by read_articles (its load warnings silenced)."""
    import corpus_tools as ct

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ct.read_articles(str(corpus), progress=False)


def replicate(articles: pd.DataFrame, n: int) -> pd.DataFrame:
    """``n`` articles made of copies of ``articles``, each with its own id, outlet and date.

    Copy ``k`` of article ``d`` gets the doc_id ``d#k``; article ``i`` (in order) gets the
    outlet ``OUTLETS[i % 8]`` and the date 2024-01-01 + ``i % 366`` days. Deterministic.
    """
    reps = -(-n // len(articles))
    big = pd.concat([articles] * reps, ignore_index=True).iloc[:n].copy()
    i = pd.RangeIndex(n)
    big["doc_id"] = [f"{d}#{k}" for d, k in zip(big["doc_id"], i // len(articles))]
    big["outlet"] = [OUTLETS[k % len(OUTLETS)] for k in i]
    big["date"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(i % 366, unit="D")
    big.attrs = {}
    return big


def grow(articles: pd.DataFrame, n: int) -> pd.DataFrame:
    """``n`` near-copies: copy c of article i drops or rewrites a few sentences (deterministic).

    For shared-passage detection, where exact copies would make every article entirely shared.
    """
    from corpus_tools.text.sentences import sentence_spans

    base = articles.reset_index(drop=True)
    rows = []
    for i in range(n):
        src = base.iloc[i % len(base)]
        copy = i // len(base)
        text = src["text"]
        if copy:
            kept = []
            for j, (a, b) in enumerate(sentence_spans(text)):
                if (copy * 31 + j * 17) % 9 == 0:
                    continue  # dropped
                if (copy * 7 + j * 13) % 11 == 0:
                    kept.append(f"Edition {copy} added sentence {j} here.")  # replaced
                else:
                    kept.append(text[a:b])
            text = " ".join(kept)
        rows.append({"doc_id": f"{src['doc_id']}#{copy}", "outlet": f"outlet {copy % 50}", "text": text})
    return pd.DataFrame(rows)
