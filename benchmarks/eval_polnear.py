"""find_quotes scored against PolNeAR, human attribution annotations of US political news.

PolNeAR (Newell, Margolin & Ruths 2018, "An Attribution Relations Corpus for Political News",
LREC 2018; https://github.com/networkdynamics/PolNeAR) annotates, in 1,008 articles from 7 US
outlets (2016 election coverage), every attribution: its source (who), cue (the verb) and content
(what was said, quoted or not). The repository states no licence; it is published for research,
and the data is not copied here: this script reads it where it lies, either a checkout (a folder
holding ``data/``) or the bare git mirror that the ``fetch`` tool writes
(``/work/.mirror/networkdynamics+PolNeAR/repo``, the default; ``--polnear`` or ``$POLNEAR``
otherwise).

Conversion. A *gold quote* is a stretch of text inside quotation marks (double or single, found by
the simple pairing in :func:`quotation_spans`, independent of ``find_quotes``) that lies for half
or more inside the content of an annotated attribution; its speaker is that attribution's source
as written ("Flynn, a top Trump surrogate,", "he", "a White House official"), none when the
attribution has no source. Quoted words outside any attribution's content (titles, scare quotes)
are not gold quotes. An article annotated by two annotators is read with the first one's
annotations (by annotator code). Whole articles are read, paragraphs as in the text files.

Scores. Quote spans: precision, recall and F1 of predicted spans that overlap a gold span by half
or more of the longer one (one to one), and of exact spans. Speakers, on the gold quotes that
have a source and were found: right when the predicted speaker names the gold source: its last
name is the last word of a name in the source ("John Mica" for "Rep. John Mica (R-Fla.)",
"Robby Mook" for "Hillary Clinton's campaign manager Robby Mook", but not "Hillary Clinton"),
or the same description ("the CNN host"; "the former top aide" for "the former top aide to
President George W. Bush"); for a pronoun source ("he", "she", "who") right when
``speaker_as_written`` is that pronoun or the speaker names the nearest named source before it
(for "who", the name right before it).
"no speaker" is the share of those quotes left without one.

    python benchmarks/eval_polnear.py --split dev [--errors] [--limit N]

Develop on ``train`` and ``dev``; the authors ask that ``test`` be scored once, at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from corpus_tools.media.quotes import find_quotes  # noqa: E402 (runs from a checkout: the path is set above)

MIRROR = Path("/work/.mirror/networkdynamics+PolNeAR/repo")
PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "who", "which", "that", "him", "her", "them"}


# ------------------------------------------------------------------------------------------ reading

class _Source:
    """Files of a PolNeAR checkout, or of the bare git mirror read with ``git cat-file``."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.files = (self.path / "data").is_dir()
        if not self.files and not (self.path / "objects").is_dir():
            raise SystemExit(f"no PolNeAR data at {self.path}: pass --polnear (a checkout or a bare git mirror)")

    def list(self, folder: str) -> list[str]:
        if self.files:
            return sorted(str(p.relative_to(self.path)) for p in (self.path / folder).iterdir())
        out = subprocess.run(["git", f"--git-dir={self.path}", "ls-tree", "--name-only", "HEAD", folder + "/"],
                             check=True, capture_output=True, text=True).stdout
        return sorted(out.split())

    def read_many(self, paths: list[str]) -> list[str]:
        if self.files:
            return [(self.path / p).read_text(encoding="utf-8") for p in paths]
        query = "".join(f"HEAD:{p}\n" for p in paths).encode()
        raw = subprocess.run(["git", f"--git-dir={self.path}", "cat-file", "--batch"], input=query,
                             check=True, capture_output=True).stdout
        texts, pos = [], 0
        for _ in paths:
            nl = raw.index(b"\n", pos)
            size = int(raw[pos:nl].split()[2])
            texts.append(raw[nl + 1:nl + 1 + size].decode("utf-8"))
            pos = nl + 1 + size + 1
        return texts


def parse_ann(ann: str) -> list[dict]:
    """The attributions of a brat standoff file: ``{"source": (text, start) or None, "content": [(s, e)]}``."""
    spans, events = {}, []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, *ranges = parts[1].replace(";", " ").split(" ")
            nums = [int(x) for x in ranges]
            spans[parts[0]] = (label, list(zip(nums[::2], nums[1::2])), parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for ev in events:
        content = [r for k, t in ev.items() if k.startswith("Content") and t in spans for r in spans[t][1]]
        src = ev.get("Source")
        source = (spans[src][2], spans[src][1][0][0]) if src in spans else None
        if content:
            out.append({"source": source, "content": content})
    return out


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks, a simple pairing for the gold side.

    Curly double quotes pair by direction, straight ones (and two apostrophes, '' or ``) by turns
    within a paragraph; a paragraph
    that ends inside a quote continues when the next one opens with a mark. Single quotes count
    when they open after a space or bracket, close before a space or punctuation, and no double
    quote is open.
    """
    out = []
    text = re.sub(r"(?<!')''(?!')|``", '" ', text)  # two apostrophes for a double mark (NYT archive)
    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    carry = None
    for ps, pe in paras:
        opened = carry
        carry = None
        i = ps
        while i < pe:
            ch = text[i]
            if ch == "“" or (ch == '"' and opened is None):
                if opened is not None and ch == "“" and i > ps:
                    out.append((opened, i))  # an unclosed quote, reopened in the same paragraph
                if opened is None or i > ps:
                    opened = i + 1
            elif ch in "”\"" and opened is not None:
                out.append((opened, i))
                opened = None
            elif ch in "‘'" and opened is None and (i == ps or not text[i - 1].isalnum()):
                m = re.compile(r"[^‘'’\n]{2,200}?[’'](?![\w])").match(text, i + 1)
                if m and i + 1 < pe and not text[i + 1].isspace() and m.end() <= pe:
                    out.append((i + 1, m.end() - 1))
                    i = m.end()
                    continue
            i += 1
        if opened is not None:
            nxt = text[pe:].lstrip()
            if nxt[:1] in "“\"":
                carry = opened
            else:
                out.append((opened, pe))
    spans = []
    for a, b in out:
        seg = text[a:b]
        a2, b2 = a + len(seg) - len(seg.lstrip()), a + len(seg.rstrip())
        if re.search(r"\w", text[a2:b2]):
            spans.append((a2, b2))
    return spans


def gold_quotes(text: str, attributions: list[dict]) -> list[dict]:
    """Quotations lying for half or more inside an attribution's content, with its source."""
    gold = []
    for a, b in quotation_spans(text):
        best, best_in = None, 0
        for k, att in enumerate(attributions):
            inside = sum(max(0, min(b, e) - max(a, s)) for s, e in att["content"])
            if inside > best_in:
                best, best_in = k, inside
        if best is not None and best_in >= 0.5 * (b - a):
            src = attributions[best]["source"]
            gold.append({"start": a, "end": b, "quote": text[a:b], "source": src[0] if src else None,
                         "source_start": src[1] if src else None})
    return gold


def load(split: str, path: Path = MIRROR, *, limit: int | None = None) -> list[dict]:
    """PolNeAR articles of one split: ``{"doc_id", "text", "gold", "sources"}``."""
    src = _Source(path)
    texts = src.list(f"data/{split}/text")
    anns = src.list(f"data/{split}/attributions")
    first = {}
    for p in anns:  # "<article>_<annotator>.ann": the first annotator of each article
        first.setdefault(Path(p).name.rsplit("_", 1)[0], p)
    texts = [t for t in texts if Path(t).stem in first][:limit]
    bodies = src.read_many(texts)
    ann_texts = src.read_many([first[Path(t).stem] for t in texts])
    docs = []
    for t, body, ann in zip(texts, bodies, ann_texts):
        atts = parse_ann(ann)
        sources = sorted({a["source"] for a in atts if a["source"]}, key=lambda s: s[1])
        docs.append({"doc_id": Path(t).stem, "text": body, "gold": gold_quotes(body, atts), "sources": sources})
    return docs


# ------------------------------------------------------------------------------------------ scoring

def _norm(s) -> str:
    if s is None or (not isinstance(s, str) and pd.isna(s)):
        return ""
    s = s.replace("’", "'").replace("‘", "'")
    s = re.sub(r"\([^)]*\)", " ", s)
    return " ".join(re.findall(r"[\w'\-]+", s.lower())).replace("'s ", " ").strip()


_DETERMINERS = {"the", "a", "an", "one", "two", "three", "some", "several", "his", "her", "its", "their"}
_FUNCTION = {"of", "from", "at", "in", "on", "who", "which", "and", "or", "to", "for", "with", "as", "after",
             "during", "when", "while", "also", "has", "have", "had", "said", "says", "told"}


def name_heads(source: str) -> set[str]:
    """Last words of the names in a source as written, lower case.

    "Rep. John Mica (R-Fla.)" -> {"mica"}; "Hillary Clinton's campaign manager Robby Mook" -> {"mook"}
    (a possessive or a run followed by a common noun is not the speaker).
    """
    src = re.sub(r"\([^)]*\)", " ", source.replace("’", "'"))
    toks = re.findall(r"[A-Za-z][\w.\-]*(?:'s)?|[,;:]", src)
    heads = set()
    for k, w in enumerate(toks):
        if not w[:1].isupper() or w.endswith("'s"):
            continue
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt is not None and nxt[:1].isupper() and not nxt.endswith("'s"):
            continue  # not the end of the run
        if nxt is None or nxt in ",;:" or nxt.lower() in _FUNCTION:
            heads.add(w.lower().rstrip("."))
    return heads


def speaker_right(pred, written, gold: str, earlier: list[str]) -> bool:
    """Whether the predicted speaker names the gold source (see the module docstring)."""
    if pred is None or (not isinstance(pred, str) and pd.isna(pred)):
        return False
    g = _norm(gold)
    if g in PRONOUNS:
        if _norm(written) == g:
            return True
        named = [s for s in earlier if _norm(s) not in PRONOUNS and name_heads(s)]
        return bool(named) and speaker_right(pred, None, named[-1], [])
    p, w = _norm(pred), _norm(written)
    last = p.split()[-1] if p else ""
    heads = name_heads(gold)
    if last and last in heads:
        return True
    if p and (p == g or (w and w == g) or (not heads and (p in g or g in p))):
        return True
    # "the former top aide" for "the former top aide to President George W. Bush": the same head
    return bool(w) and w.split()[0] in _DETERMINERS and len(w.split()) >= 2 and g.startswith(w + " ")


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def evaluate(docs: list[dict], *, errors: list | None = None) -> dict:
    arts = pd.DataFrame({"doc_id": [d["doc_id"] for d in docs], "text": [d["text"] for d in docs]})
    t0 = time.perf_counter()
    found = find_quotes(arts)
    seconds = time.perf_counter() - t0
    by_doc = {k: g for k, g in found.groupby("doc_id")}
    n_pred = n_gold = overlap = exact = 0
    with_source = spk_ok = spk_none = 0
    for d in docs:
        pred = by_doc.get(d["doc_id"], found.iloc[:0])
        starts, ends = pred["start"].tolist(), pred["end"].tolist()
        n_pred += len(pred)
        n_gold += len(d["gold"])
        used = set()
        for g in d["gold"]:
            best, best_ov = None, 0.0
            for k, (ps, pe) in enumerate(zip(starts, ends)):
                ov = max(0, min(g["end"], pe) - max(g["start"], ps)) / max(g["end"] - g["start"], pe - ps)
                if k not in used and ov > best_ov:
                    best, best_ov = k, ov
            if best is None or best_ov < 0.5:
                if errors is not None:
                    errors.append(("missed", d["doc_id"], g["quote"][:60], g["source"], None, None))
                continue
            used.add(best)
            overlap += 1
            exact += int((starts[best], ends[best]) == (g["start"], g["end"]))
            if g["source"] is None:
                continue
            with_source += 1
            row = pred.iloc[best]
            earlier = [s for s, pos in d["sources"] if pos < g["source_start"]]
            if _norm(g["source"]) in {"who", "which", "that"}:  # the name right before "who"
                m = re.search(r"([A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*)*)\s*,?\s*$", d["text"][:g["source_start"]])
                earlier = [m.group(1)] if m else earlier
            ok = speaker_right(row["speaker"], row["speaker_as_written"], g["source"], earlier)
            spk_ok += ok
            spk_none += bool(pd.isna(row["speaker"]))
            if errors is not None and not ok:
                errors.append(("speaker", d["doc_id"], g["quote"][:60], g["source"], row["speaker"],
                               row.get("speaker_evidence")))
        if errors is not None:
            for k in sorted(set(range(len(pred))) - used):
                errors.append(("extra", d["doc_id"], pred["quote"].iat[k][:60], None, pred["speaker"].iat[k], None))
    return {"spans_overlap": _prf(overlap, n_pred, n_gold), "spans_exact": _prf(exact, n_pred, n_gold),
            "speaker_accuracy": spk_ok / with_source if with_source else 0.0,
            "no_speaker": spk_none / with_source if with_source else 0.0,
            "n_articles": len(docs), "n_gold": n_gold, "n_pred": n_pred, "n_with_source": with_source,
            "seconds": seconds}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", default=os.environ.get("POLNEAR", str(MIRROR)),
                        help="a PolNeAR checkout or its bare git mirror")
    parser.add_argument("--split", choices=["train", "dev", "test"], default="dev")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--errors", action="store_true", help="list every miss, extra and wrong speaker")
    args = parser.parse_args(argv)
    docs = load(args.split, Path(args.polnear), limit=args.limit)
    errs: list = []
    s = evaluate(docs, errors=errs if args.errors else None)
    print(f"PolNeAR {args.split}: {s['n_articles']} articles, {s['n_gold']} gold quotes, {s['n_pred']} found "
          f"({s['seconds']:.1f} s)")
    for name in ("spans_overlap", "spans_exact"):
        r = s[name]
        print(f"{name:14} precision {r['precision']:.3f}  recall {r['recall']:.3f}  F1 {r['f1']:.3f}")
    print(f"speaker accuracy {s['speaker_accuracy']:.3f}  no speaker {s['no_speaker']:.3f}  "
          f"(on {s['n_with_source']} found gold quotes with a source)")
    for e in errs:
        print(" | ".join("" if x is None or (not isinstance(x, str) and pd.isna(x)) else str(x) for x in e))


if __name__ == "__main__":
    main()
