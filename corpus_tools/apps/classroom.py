"""Classroom exercises written for a corpus: teacher notebooks with an answer key, student copies without it,
and HTML handouts.

    corpus-tools classroom --corpus my_articles/ [--story budget] [-o classroom]

or from Python: ``build_classroom("my_articles/")``. The exercise notebooks (``notebooks/classroom``, installed
with the package) mark each question and answer cell with ``metadata["classroom"]`` (``"1.2"``: exercise 1,
question 2; the first cell holds the exercise's number). On the bundled sample they keep their hand-written
questions and answer key. On any other corpus, :func:`~corpus_tools.media.lesson.plan_lesson` finds what each
exercise needs, the question cells are written from templates filled with it
(:mod:`corpus_tools.media.lesson_text`), the answer cells hold the tool's evidence (labelled as the tool's view
for the teacher to check), and the parameters cell is given the corpus (as an absolute path, so a copy runs
from any folder) and the choices made (``STORY``, ``QUOTE``, ``SUSPECT``), so the notebook shows what its
questions ask about.
"""

from __future__ import annotations

import ast
import warnings
from pathlib import Path

from ..core.resources import notebooks_dir, sample_dir
from ..io.read import read_articles
from ..media.blind import hide_outlets
from ..media.lesson import plan_lesson
from ..media.lesson_text import TEMPLATES, escape_markdown
from .notebooks import PARAMETERS_TAG

SOLUTION_TAG = "solution"
KEY = "classroom"  # cell metadata: the question a cell holds ("1.2"), or the exercise ("1") in the first cell


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


def _parameters_cell(nb):
    return next((c for c in nb.cells if c.cell_type == "code" and PARAMETERS_TAG in c.get("metadata", {}).get(
        "tags", [])), None)


def parameter_values(nb) -> dict:
    """The values the parameters cell assigns (literals only): ``{"CORPUS": "../../data/sample", ...}``."""
    cell = _parameters_cell(nb)
    values = {}
    for node in ast.parse(cell.source).body if cell is not None else ():
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                values[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return values


def set_parameters(nb, values: dict) -> None:
    """Write ``values`` into the notebook's parameters cell (in place), keeping its comments; names it lacks are
    added at its end. Values are written with ``repr`` (str, numbers, None, lists of them)."""
    cell = _parameters_cell(nb)
    if cell is None:
        raise ValueError("the notebook has no cell tagged 'parameters'")
    lines = cell.source.split("\n")
    done = set()
    for node in reversed(ast.parse(cell.source).body):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id in values):
            continue
        name, v = node.targets[0].id, node.value
        text = repr(values[name])
        if v.lineno == v.end_lineno == node.lineno:  # offsets are in UTF-8 bytes
            raw = lines[v.lineno - 1].encode("utf-8")
            lines[v.lineno - 1] = (raw[:v.col_offset] + text.encode("utf-8") + raw[v.end_col_offset:]).decode("utf-8")
        else:
            lines[node.lineno - 1: node.end_lineno] = [f"{name} = {text}"]
        done.add(name)
    lines += [f"{name} = {value!r}" for name, value in values.items() if name not in done]
    cell.source = "\n".join(lines)


def _pins(lesson, exercise: str) -> dict:
    """The choices the questions were written about, for the parameters cell."""
    if exercise == "3":
        return {"SUSPECT": lesson["signs"]["suspect"].get("doc_id")}
    return {"STORY": lesson["story"]["doc_ids"], "QUOTE": lesson["quote"].get("phrase")}


def write_exercise(nb, lesson, *, source: str) -> dict:
    """Fill (in place) the question and answer cells of an exercise notebook from ``lesson``; return the choices
    to write into its parameters cell. ``source``: the corpus's name, said in the first cell."""
    from ..media.lesson_text import fill_question

    exercise = ""
    for cell in nb.cells:
        key = str(cell.get("metadata", {}).get(KEY, ""))
        if not key:
            continue
        if "." not in key:
            exercise = key
            title = fill_question(lesson, key)["title"] if (key, "title") in TEMPLATES else ""
            lines = cell.source.split("\n")
            if title:
                lines[0] = title
            corpus = lesson["corpus"]
            lines += ["", f"*Written by `corpus-tools classroom` for* **{escape_markdown(source)}** "
                          f"({corpus['articles']:,} articles, {corpus['outlets']:,} outlets): the questions name what "
                          "the tool found there; "
                          "the answer key is the tool's view, to check before class."]
            cell.source = "\n".join(lines)
        elif SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
            cell.source = lesson.answer(key)
        else:
            cell.source = lesson.question(key)
    return _pins(lesson, exercise) if exercise else {}


def _hidden_notes(articles) -> list[str]:
    key = articles.attrs.get("hidden_outlets", {})
    notes = [f"  {r['label']} = {r['outlet']} ({r['replaced']} mention(s) replaced)" for r in key.get("outlets", ())
             if r["outlet"] != "unknown"]
    notes += [f"  not hidden: {r['found']!r} in {r['doc_id']} ({r['column']}): {r['why']}; {r['context']!r}"
              for r in key.get("not_hidden", ())]
    return notes


def build_classroom(corpus=None, out_dir="classroom", *, teacher=None, story=None, student=None, handouts=None,
                    timeout: float = 600, progress: bool = True) -> dict:
    """Write the classroom exercises for ``corpus``: teacher notebooks (with the answer key) in ``out_dir/teacher``,
    student copies (answers stripped) in ``student`` (default ``out_dir/student``) and the student copies run on
    the corpus as HTML handouts in ``handouts`` (default ``out_dir/handouts``; ``False``: none).

    ``corpus``: a folder, file or glob (default: the bundled sample, whose hand-written questions and key are
    kept unless ``story`` is given). ``story``: the event of exercises 1 and 2 (a keyword, a date, doc_ids
    separated by commas; default: found in the corpus). ``teacher``: the folder of exercise notebooks to start
    from (default: those installed with corpus_tools). Returns ``{"teacher": [...], "student": [...],
    "handouts": [...], "notes": [...]}`` (paths, and lines for the teacher: the choices made and what the
    tool could not hide).
    """
    import nbformat

    from .report import build_report

    source_dir = Path(teacher) if teacher is not None else notebooks_dir() / "classroom"
    paths = sorted(source_dir.glob("*.ipynb"))
    if not paths:
        raise FileNotFoundError(f"No exercise notebooks in {source_dir}")
    text = str(sample_dir() if corpus is None else corpus)
    path = Path(text).expanduser().absolute()
    if not any(ch in text for ch in "*?[") and not path.exists():
        raise FileNotFoundError(f"No such file or folder: {corpus}")
    written = not (path.exists() and path.resolve() == sample_dir().resolve() and story is None)
    out_dir = Path(out_dir)
    teacher_out = out_dir / "teacher"
    teacher_out.mkdir(parents=True, exist_ok=True)
    made, notes, tables = {"teacher": [], "student": [], "handouts": []}, [], {}
    for nb_path in paths:
        nb = nbformat.read(nb_path, as_version=4)
        values = {"CORPUS": str(path)}
        if written and _parameters_cell(nb) is not None:
            hide = bool(parameter_values(nb).get("HIDE_OUTLETS", False))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the notebooks show the loader's notes; the hidden names are below
                if False not in tables:
                    tables[False] = read_articles(str(path), progress=False)
                    if not len(tables[False]):
                        raise ValueError(f"No article could be read from {corpus}: see ct.load_report(...)")
                if hide and True not in tables:
                    tables[True] = hide_outlets(tables[False])
                    notes += ["Outlets hidden as:", *_hidden_notes(tables[True])]
            exercise = next((str(c.metadata.get(KEY)) for c in nb.cells if "." not in str(c.metadata.get(KEY, "."))),
                            None)
            if exercise is not None:
                lesson = plan_lesson(tables[hide], exercise=int(exercise), story=story)
                pins = write_exercise(nb, lesson, source=path.name)
                declared = parameter_values(nb)
                values.update({k: v for k, v in pins.items() if k in declared})
                notes += [f"{nb_path.stem}:", *(f"  {k}: {why}" for k, why in lesson.reasons.items())]
        set_parameters(nb, values)
        target = teacher_out / nb_path.name
        nbformat.write(nb, target)
        made["teacher"].append(target)
        student_path = Path(student) if student is not None else out_dir / "student"
        student_path.mkdir(parents=True, exist_ok=True)
        nbformat.write(strip_solutions(nb), student_path / nb_path.name)
        made["student"].append(student_path / nb_path.name)
    if handouts is not False:
        made["handouts"] = build_report(str(path), Path(handouts) if handouts else out_dir / "handouts",
                                        notebooks=made["student"], timeout=timeout, progress=progress)
    made["notes"] = notes
    return made
