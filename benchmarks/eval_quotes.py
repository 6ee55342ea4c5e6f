"""How well find_quotes finds quotes and speakers, against paragraphs annotated by hand.

The gold file (tests/data/quotes_gold.jsonl) points at real news paragraphs of ../shared/corpora (BBC News,
ISOT/Reuters; the text is read from there, see benchmarks/_gold.py) in two parts: "dev" paragraphs,
annotated first and then used while refining the rules, and
"heldout" paragraphs (``"split": "heldout"``), annotated afterwards and scored before any further
change. Each lists every quotation that is speech, its speaker as a reader of that paragraph alone would name
it (a description as written when that is all the paragraph gives, "an aide to the senator"; null when
the paragraph does not say), and its kind. Scare quotes, titles and quotes inside quotes are not listed.
Each paragraph is read as a one-paragraph article. US political news is scored on PolNeAR by
``benchmarks/eval_polnear.py``.

    python benchmarks/eval_quotes.py [--gold tests/data/quotes_gold.jsonl] [--corpora ../shared/corpora]
                                     [--split dev|heldout] [--errors]

Prints precision / recall / F1 of quote spans (exact, and overlapping by half or more) and of
speakers (on the spans found, a speaker counts when it equals the gold one, ignoring case).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from _gold import CORPORA, read_paragraphs  # noqa: E402

from corpus_tools.media.quotes import find_quotes  # noqa: E402 (runs from a checkout: the path is set above)

GOLD = HERE.parent / "tests" / "data" / "quotes_gold.jsonl"


def read_gold(path=GOLD, corpora=CORPORA) -> list[dict]:
    return read_paragraphs(path, corpora)


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp,
            "n_pred": n_pred, "n_gold": n_gold}


def _same(a, b) -> bool:
    a = None if a is None or pd.isna(a) else str(a).strip().lower()
    b = None if b is None or pd.isna(b) else str(b).strip().lower()
    return a == b


def evaluate(path=GOLD, *, split: str | None = None, errors: list | None = None, corpora=CORPORA) -> dict:
    """Scores (dicts of precision, recall, f1) for spans_exact, spans_overlap, speakers and kind accuracy.

    ``split``: "dev" (the paragraphs used while writing the rules) or "heldout" (annotated later and
    scored before any change); None for all.
    """
    gold = [g for g in read_gold(path, corpora) if split is None or g.get("split", "dev") == split]
    arts = pd.DataFrame({"doc_id": [f"g{i}" for i in range(len(gold))], "text": [g["text"] for g in gold],
                         "outlet": [g["source"] for g in gold]})
    found = find_quotes(arts)
    exact = overlap = n_pred = n_gold = 0
    spk_ok = spk_pred = spk_gold = kind_ok = 0
    for i, g in enumerate(gold):
        pred = found[found["doc_id"] == f"g{i}"]
        golds = []
        for q in g["quotes"]:
            s = g["text"].index(q["quote"])
            golds.append((s, s + len(q["quote"]), q))
        n_pred += len(pred)
        n_gold += len(golds)
        spk_pred += int(pred["speaker"].notna().sum())
        spk_gold += sum(q["speaker"] is not None for *_, q in golds)
        used = set()
        for gs, ge, q in golds:
            best, best_ov = None, 0.0
            for k, (ps, pe) in enumerate(zip(pred["start"], pred["end"])):
                if k in used:
                    continue
                ov = max(0, min(ge, pe) - max(gs, ps)) / max(ge - gs, pe - ps)
                if ov > best_ov:
                    best, best_ov = k, ov
            if best is None or best_ov < 0.5:
                if errors is not None:
                    errors.append(("missed", g["source"], q["quote"][:70], q["speaker"], None))
                continue
            used.add(best)
            row = pred.iloc[best]
            overlap += 1
            exact += int((row["start"], row["end"]) == (gs, ge))
            kind_ok += int(row["kind"] == q["kind"])
            if q["speaker"] is not None and _same(row["speaker"], q["speaker"]):
                spk_ok += 1
            elif errors is not None and not _same(row["speaker"], q["speaker"]):
                errors.append(("speaker", g["source"], q["quote"][:70], q["speaker"], row["speaker"]))
        if errors is not None:
            for k in set(range(len(pred))) - used:
                errors.append(("extra", g["source"], pred.iloc[k]["quote"][:70], None, pred.iloc[k]["speaker"]))
    return {"spans_exact": _prf(exact, n_pred, n_gold), "spans_overlap": _prf(overlap, n_pred, n_gold),
            "speakers": _prf(spk_ok, spk_pred, spk_gold),
            "kind_accuracy": kind_ok / overlap if overlap else 0.0,
            "n_paragraphs": len(gold)}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(GOLD))
    parser.add_argument("--corpora", default=str(CORPORA), help="the shared corpora folder (default ../shared/corpora)")
    parser.add_argument("--errors", action="store_true", help="list every miss, extra and wrong speaker")
    parser.add_argument("--split", choices=["dev", "heldout"], default=None)
    args = parser.parse_args(argv)
    errs: list = []
    scores = evaluate(args.gold, split=args.split, errors=errs, corpora=args.corpora)
    print(f"{args.split or 'all'}: {scores['n_paragraphs']} paragraphs, "
          f"{scores['spans_overlap']['n_gold']} gold quotes, {scores['spans_overlap']['n_pred']} found")
    for name in ("spans_exact", "spans_overlap", "speakers"):
        s = scores[name]
        print(f"{name:14} precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}  "
              f"({s['tp']} right of {s['n_pred']} found, {s['n_gold']} in gold)")
    print(f"kind accuracy on matched spans: {scores['kind_accuracy']:.3f}")
    if args.errors:
        for e in errs:
            print(" | ".join("" if x is None else str(x) for x in e))


if __name__ == "__main__":
    main()
