"""Student copies, handouts and the three exercises, on the sample and on a corpus built here (hide_outlets,
plan_lesson and predict_then_reveal are tested with their layers: tests/media/test_blind.py,
tests/media/test_lesson.py, tests/ui/test_classroom_widgets.py)."""

import os
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from corpus_tools.apps.classroom import make_student_copies, parameter_values, set_parameters, strip_solutions

from ..conftest import REPO
from ..media.lesson_corpus import write_corpus


def test_student_copies_have_no_solution_cells(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("Question"),
        nbformat.v4.new_code_cell("answer = 42", metadata={"tags": ["solution"]}),
        nbformat.v4.new_code_cell("print('hi')", outputs=[nbformat.v4.new_output("stream", text="hi")]),
    ])
    (tmp_path / "teacher").mkdir()
    nbformat.write(nb, tmp_path / "teacher" / "ex.ipynb")
    (out,) = make_student_copies(tmp_path / "teacher", tmp_path / "student")
    student = nbformat.read(out, as_version=4)
    assert [c.source for c in student.cells] == ["Question", "print('hi')"]
    assert student.cells[1].outputs == []
    assert len(strip_solutions(nb).cells) == 2 and len(nb.cells) == 3


def test_set_parameters_keeps_the_comments_and_adds_what_is_missing():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        'CORPUS = "../../data/sample"\nQUOTE = "frontline"   # words of “the” quote\nSTORY = [\n    "a",\n]',
        metadata={"tags": ["parameters"]})])
    set_parameters(nb, {"QUOTE": None, "STORY": ["x – 1"], "SUSPECT": "d"})
    assert nb.cells[0].source == ('CORPUS = "../../data/sample"\nQUOTE = None   # words of “the” quote\n'
                                  "STORY = ['x – 1']\nSUSPECT = 'd'")
    assert parameter_values(nb) == {"CORPUS": "../../data/sample", "QUOTE": None, "STORY": ["x – 1"], "SUSPECT": "d"}


CLASSROOM = REPO / "notebooks" / "classroom"
EXERCISES = sorted(CLASSROOM.glob("*.ipynb"))


def test_the_three_exercises_exist_with_answers_predictions_and_hidden_outlets():
    titles = [nbformat.read(p, as_version=4).cells[0].source.splitlines()[0] for p in EXERCISES]
    assert any("Same press conference, five stories" in t for t in titles)
    assert any("Whose words?" in t for t in titles)
    assert any("Spot the warning signs" in t for t in titles)
    for path in EXERCISES:
        nb = nbformat.read(path, as_version=4)
        sources = "\n".join(c.source for c in nb.cells)
        assert sum("solution" in c.metadata.get("tags", []) for c in nb.cells) >= 2, path.name
        assert "predict_then_reveal" in sources and "HIDE_OUTLETS" in nb.cells[1].source, path.name
        assert "ct.plan_lesson(shown" in sources, path.name
        # Every question cell has its answer cell, both keyed for `corpus-tools classroom`.
        keys = [(c.metadata.get("classroom"), "solution" in c.metadata.get("tags", [])) for c in nb.cells]
        questions = {k for k, sol in keys if k and "." in k and not sol}
        assert questions and questions == {k for k, sol in keys if k and "." in k and sol}, path.name


def test_make_classroom_writes_student_copies_and_handouts_without_answers(tmp_path):
    from corpus_tools.apps.cli import main

    student, handouts = tmp_path / "classroom-student", tmp_path / "handouts"
    assert main(["classroom", "--teacher", str(CLASSROOM), "--student", str(student), "-o", str(tmp_path / "out"),
                 "--handouts", str(handouts), "--corpus", str(REPO / "data" / "sample")]) == 0
    for path in EXERCISES:
        committed = nbformat.read(path, as_version=4)
        teacher = nbformat.read(tmp_path / "out" / "teacher" / path.name, as_version=4)
        copy = nbformat.read(student / path.name, as_version=4)
        # The sample keeps its hand-written questions and key; only the corpus is given as an absolute path.
        assert [c.source for c in teacher.cells[2:]] == [c.source for c in committed.cells[2:]]
        assert parameter_values(copy)["CORPUS"] == str(REPO / "data" / "sample")
        kept = [c.source for c in teacher.cells if "solution" not in c.metadata.get("tags", [])]
        assert [c.source for c in copy.cells] == kept
        assert not any("solution" in c.metadata.get("tags", []) for c in copy.cells)
        page = (handouts / f"{path.stem}.html").read_text(encoding="utf-8")
        assert "Answer key (teacher)" not in page and "Question" in page
        assert "Answer key (teacher)" in "".join(c.source for c in teacher.cells)


# ---------------------------------------------------------------------------------------------
# A teacher's own corpus, from a folder outside the repository

OUTLET_NAMES = re.compile(r"fox[\s_-]*news|\bfox\b|msnbc|reuters", re.IGNORECASE)


def _run_classroom(cwd, *args):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "corpus_tools.apps.cli", "classroom", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)


def _cells(nb, key=None, *, solution=False):
    return [c.source for c in nb.cells if (key is None or c.metadata.get("classroom") == key)
            and ("solution" in c.metadata.get("tags", [])) == solution]


def _errors(nb) -> list:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """`corpus-tools classroom --corpus three.jsonl`, run in a folder outside the repository."""
    work = tmp_path_factory.mktemp("teacher_home")
    (work / "data").mkdir()
    rows = write_corpus(work / "data" / "three.jsonl")
    done = _run_classroom(work, "--corpus", "data/three.jsonl")
    assert done.returncode == 0, done.stderr[-3000:]
    return work, rows, done.stdout


def test_classroom_writes_three_exercises_for_the_teachers_corpus(written):
    work, rows, stdout = written
    out = work / "classroom"
    names = sorted(p.name for p in EXERCISES)
    assert sorted(p.name for p in (out / "teacher").glob("*.ipynb")) == names
    assert sorted(p.name for p in (out / "student").glob("*.ipynb")) == names
    assert "Outlet A = Fox News" in stdout and "not hidden: 'fox'" in stdout  # the teacher's key
    texts = {r["title"]: r["text"] for r in rows}
    corpus = str((work / "data" / "three.jsonl").resolve())
    nbs = {name: nbformat.read(out / "student" / name, as_version=4) for name in names}
    ex1, ex2, ex3 = (nbs[n] for n in names)
    for nb in nbs.values():
        assert not any("solution" in c.metadata.get("tags", []) for c in nb.cells)
        assert parameter_values(nb)["CORPUS"] == corpus  # reads the given corpus from any folder
        assert "Stoltenberg" not in "".join(c.source for c in nb.cells)
    # Exercise 1: a quote printed by several stories, named in the question, and a framing word they differ on.
    quote = parameter_values(ex1)["QUOTE"]
    (q12,) = _cells(ex1, "1.2")
    assert quote in q12 and sum(quote in t for t in texts.values()) >= 2
    (q13,) = _cells(ex1, "1.3")
    word = re.search(r"writes \*([^*]+)\*", q13).group(1)
    used = [bool(re.search(rf"\b{re.escape(word)}\b", t, re.IGNORECASE)) for t in texts.values()]
    assert any(used) and not all(used)
    assert _cells(ex1, "1")[0].startswith("# Exercise 1 · Same event, 3 stories")
    # Exercise 2: the quote's speaker and the doubting verb come from the corpus.
    (q22,) = _cells(ex2, "2.2")
    speaker = q22.split("\n")[1].split(" said:")[0]
    assert any(f"Senator {speaker}" in t or speaker in t for t in texts.values())
    verb = re.search(r"“said” or “([^”]+)”", _cells(ex2, "2.3")[0]).group(1)
    assert any(re.search(rf"\b{verb}\b", t) for t in texts.values())
    # Exercise 3: the article with the most warning signs, named by its headline.
    (q31,) = _cells(ex3, "3.1")
    assert any(title.replace("$", "&#36;") in q31 for title in texts)
    # The teacher's copy holds the tool's evidence, labelled as such.
    teacher = nbformat.read(out / "teacher" / names[0], as_version=4)
    answers = _cells(teacher, "1.2", solution=True)
    assert answers[0].startswith("**Answer key (teacher) — the tool's view: check it before class.**")
    assert quote in answers[0]


def test_the_handouts_run_and_students_never_see_an_outlet_name(written):
    work, _, _ = written
    out = work / "classroom"
    for name in sorted(p.name for p in EXERCISES):
        executed = nbformat.read((out / "handouts" / name), as_version=4)
        assert not _errors(executed), name
        page = (out / "handouts" / name).with_suffix(".html").read_text(encoding="utf-8")
        assert "Answer key (teacher)" not in page and "NaN" not in page
        assert "&lt;b&gt;" not in page  # no markup escaped twice
        if parameter_values(nbformat.read(out / "student" / name, as_version=4))["HIDE_OUTLETS"]:
            shown = page + "".join(c.source for c in nbformat.read(out / "student" / name, as_version=4).cells)
            assert not OUTLET_NAMES.search(shown), (name, OUTLET_NAMES.search(shown))


def test_a_corpus_with_nothing_for_an_exercise_gets_a_note_not_an_error(tmp_path):
    """One outlet and no quotation marks: exercises 1 and 2 say so, and their notebooks still run."""
    from corpus_tools.apps.classroom import build_classroom

    write_corpus(tmp_path / "fox.jsonl", outlets=["Fox News"], quotes=False)
    teacher = tmp_path / "exercises"
    teacher.mkdir()
    for path in EXERCISES[:2]:
        shutil.copy(path, teacher / path.name)
    made = build_classroom(tmp_path / "fox.jsonl", tmp_path / "out", teacher=teacher, progress=False)
    first, second = (nbformat.read(p, as_version=4) for p in made["teacher"])
    assert "no quote printed by two" in _cells(first, "1.2", solution=True)[0]
    assert "one outlet" in _cells(first, "1.3", solution=True)[0]
    assert "no quotation" in _cells(second, "2.1", solution=True)[0]
    assert parameter_values(first)["QUOTE"] is None
    for path in made["handouts"]:
        assert not _errors(nbformat.read(path.with_suffix(".ipynb"), as_version=4)), path.name
