"""Classroom exercises: hide outlet names, predict before you reveal, strip the answers for students.

Teacher notebooks keep their answers in cells tagged ``solution``; :func:`make_student_copies`
writes copies without them (``make classroom``), which can then be rendered as HTML handouts.

>>> from corpus_tools import load_sample
>>> hide_outlets(load_sample())["outlet"].tolist()
['Outlet B', 'Outlet D', 'Outlet E', 'Outlet C', 'Outlet A']
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .validation import require_columns

SOLUTION_TAG = "solution"


def hide_outlets(articles: pd.DataFrame, *, columns=("outlet", "agency", "byline", "outlet_evidence")) -> pd.DataFrame:
    """The articles with outlet names replaced by "Outlet A", "Outlet B", ... (sorted by name).

    Agency credits, bylines and outlet evidence are hidden too ("hidden"), so students judge
    the texts, not the brands. The article text itself is not changed: a credit written in
    the text (e.g. "/TASS/") is still there — say so to the class, or remove it yourself.
    Unknown outlets get their own letter too: they are different sources.
    """
    require_columns(articles, ["outlet"], what="articles table")
    out = articles.copy()
    # Each article of unknown origin is a source of its own, so it gets a letter of its own.
    ids = out["doc_id"] if "doc_id" in out.columns else pd.Series(range(len(out)), index=out.index).astype(str)
    sources = [f"unknown:{d}" if o == "unknown" else o for d, o in zip(ids, out["outlet"])]
    order = sorted({s for s in sources if not s.startswith("unknown:")}) + \
        list(dict.fromkeys(s for s in sources if s.startswith("unknown:")))
    letters = {s: f"Outlet {chr(65 + i) if i < 26 else i + 1}" for i, s in enumerate(order)}
    out["outlet"] = [letters[s] for s in sources]
    for col in columns[1:]:
        if col in out.columns:
            out[col] = out[col].where(out[col].isna(), "hidden")
    return out


def predict_then_reveal(question: str, options=None, *, reveal, placeholder: str = "your answer"):
    """A question, a place for the student's answer, and a button that reveals the tool's view.

    ``options``: a list of choices (buttons) or None (free text). ``reveal``: a function
    called with no arguments when the button is pressed; what it returns is shown (a
    chart, a table, or a list of them; a ``show_`` function displays in place). The answer
    box locks when the view is revealed, so the prediction stays what it was.
    """
    import ipywidgets as w

    from .display import escape_text

    prompt = w.HTML(f"<b>{escape_text(question)}</b>")
    answer = (w.RadioButtons(options=list(options), value=None) if options
              else w.Textarea(placeholder=placeholder, layout=w.Layout(width="100%")))
    button = w.Button(description="Reveal the tool's view", button_style="info", layout=w.Layout(width="auto"))
    out = w.Output()

    def show(_):
        answer.disabled = True
        button.disabled = True
        out.outputs = ()
        from IPython.display import display

        # Inside the output area, so a reveal that displays (a show_ function) lands here too.
        with out:
            result = reveal()
            # Several views (a chart and its evidence) come as a list or tuple.
            for item in result if isinstance(result, (list, tuple)) else [result]:
                if item is not None:
                    display(item)

    button.on_click(show)
    box = w.VBox([prompt, answer, button, out])
    box.add_class("ct-predict-reveal")
    box.reveal = lambda: show(None)  # for scripted use and tests
    return box


def strip_solutions(nb):
    """A copy of a notebook without its cells tagged ``solution`` (and without outputs)."""
    import copy

    student = copy.deepcopy(nb)
    student.cells = [c for c in student.cells if SOLUTION_TAG not in c.get("metadata", {}).get("tags", [])]
    for c in student.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    return student


def make_student_copies(teacher_dir, out_dir) -> list[Path]:
    """Write a student copy (answers stripped) of every notebook in ``teacher_dir`` to ``out_dir``.

    Relative paths in the notebooks keep working when ``out_dir`` sits next to ``teacher_dir``.
    """
    import nbformat

    teacher_dir, out_dir = Path(teacher_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(teacher_dir.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        target = out_dir / path.name
        nbformat.write(strip_solutions(nb), target)
        written.append(target)
    return written
