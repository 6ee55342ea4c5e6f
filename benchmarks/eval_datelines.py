"""How well the loader finds wire datelines ("WASHINGTON (Reuters) - ", "HAVANA (AP) --", "BEIJING (Xinhua) --").

Three measures, each read with ``read_articles`` as a user would:

- ISOT True.csv (real Reuters stories, the main measure): a story has a dateline when its text opens
  with a place before "(Reuters) -"; recall = stories whose ``dateline`` is that place.
- ISOT Fake.csv (real non-wire stories): no body opens with a dateline, so every dateline found is false.
- tests/data/wire_datelines.jsonl (stories written for this test in the common forms, and openings that
  are no datelines: "NATO - ...", "UTF-8 is ...", "U.S. officials ..."), each as a text file with a title
  line, plus the same files with the title line left out, plus 20 stories all opening with the
  stand-alone line "HAVANA (AP) --" (lines repeated across a corpus are removed as page furniture).

    python benchmarks/eval_datelines.py [--corpus ../shared/corpora/isot_fake_real_news_sample] [--errors]

Prints recall and precision (a dateline found counts as right when it equals the expected place).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from corpus_tools import read_articles  # noqa: E402 (runs from a checkout: the path is set above)

STORIES = HERE.parent / "tests" / "data" / "wire_datelines.jsonl"
ISOT = HERE.parent.parent / "shared" / "corpora" / "isot_fake_real_news_sample"
_REUTERS_PLACE = re.compile(r"^\s*([A-Z][^()\n]{1,60}?)\s*\(Reuters\)\s*-")


def read_stories(path=STORIES) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score(found, expected) -> dict:
    """Recall over stories with a dateline, precision over datelines found."""
    found = [None if pd.isna(f) or f in ("None", "nan") else f for f in found]
    right = sum(f is not None and f == e for f, e in zip(found, expected))
    n_gold = sum(e is not None for e in expected)
    n_found = sum(f is not None for f in found)
    return {"stories": len(expected), "with dateline": n_gold, "found": n_found, "right": right,
            "recall": right / n_gold if n_gold else float("nan"),
            "precision": right / n_found if n_found else float("nan")}


def _read_folder(texts: list[str]) -> pd.DataFrame:
    with tempfile.TemporaryDirectory() as d:
        for i, t in enumerate(texts):
            (Path(d) / f"{i:03d}.txt").write_text(t, encoding="utf-8")
        return read_articles(d, progress=False).sort_values("doc_id").reset_index(drop=True)


def eval_written(errors: bool = False) -> dict[str, dict]:
    stories = read_stories()
    expected = [s["dateline"] for s in stories]
    out = {}
    for name, texts in (("written, with title line", [f"Headline number {i}\n\n{s['text']}"
                                                      for i, s in enumerate(stories)]),
                        ("written, no title line", [s["text"] for s in stories])):
        df = _read_folder(texts)
        out[name] = score(df["dateline"].tolist(), expected)
        if errors:
            for f, e, t in zip(df["dateline"], expected, texts):
                if (None if pd.isna(f) or f == "None" else f) != e:
                    print(f"  [{name}] expected {e!r}, found {f!r}: {t[:80]!r}")
    havana = [f"Cuban story {i}\n\nHAVANA (AP) --\n\nCuba's government said on day {i} that it would act."
              for i in range(20)]
    out["20 x 'HAVANA (AP) --' line"] = score(_read_folder(havana)["dateline"].tolist(), ["HAVANA"] * 20)
    return out


def eval_isot(corpus: Path, errors: bool = False) -> dict[str, dict]:
    true = read_articles(corpus / "True.csv", progress=False)
    raw = pd.read_csv(corpus / "True.csv")["text"].fillna("")
    expected = [(m.group(1).strip() if (m := _REUTERS_PLACE.match(t)) else None) for t in raw]
    found = true["dateline"].tolist()
    out = {"ISOT True (Reuters)": score(found, expected)}
    fake = read_articles(corpus / "Fake.csv", progress=False)
    out["ISOT Fake"] = score(fake["dateline"].tolist(), [None] * len(fake))
    if errors:
        for f, e, t in zip(found, expected, raw):
            if (None if pd.isna(f) or f == "None" else f) != e:
                print(f"  [True] expected {e!r}, found {f!r}: {t[:80]!r}")
        for f, t in zip(fake["dateline"], fake["raw_text"]):
            if not (pd.isna(f) or f == "None"):
                print(f"  [Fake] false dateline {f!r}: {t[:80]!r}")
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ISOT)
    ap.add_argument("--errors", action="store_true", help="list the stories scored wrong")
    args = ap.parse_args(argv)
    results = eval_written(args.errors)
    if (args.corpus / "True.csv").exists():
        results.update(eval_isot(args.corpus, args.errors))
    else:
        print(f"(ISOT sample not found at {args.corpus}: skipped)")
    table = pd.DataFrame(results).T
    for c in ("recall", "precision"):
        table[c] = table[c].astype(float).round(3)
    print(table.to_string())


if __name__ == "__main__":
    main()
