"""Student copies, handouts and the three exercises (hide_outlets and predict_then_reveal are
tested with their layers: tests/media/test_blind.py, tests/ui/test_classroom_widgets.py)."""

import nbformat

from corpus_tools.apps.classroom import make_student_copies, strip_solutions

from ..conftest import REPO


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


def test_make_classroom_writes_student_copies_and_handouts_without_answers(tmp_path):
    from corpus_tools.apps.cli import main

    student, handouts = tmp_path / "classroom-student", tmp_path / "handouts"
    assert main(["classroom", "--teacher", str(CLASSROOM), "--student", str(student),
                 "--handouts", str(handouts), "--corpus", str(REPO / "data" / "sample")]) == 0
    for path in EXERCISES:
        teacher = nbformat.read(path, as_version=4)
        copy = nbformat.read(student / path.name, as_version=4)
        kept = [c.source for c in teacher.cells if "solution" not in c.metadata.get("tags", [])]
        assert [c.source for c in copy.cells] == kept
        assert not any("solution" in c.metadata.get("tags", []) for c in copy.cells)
        page = (handouts / f"{path.stem}.html").read_text(encoding="utf-8")
        assert "Answer key (teacher)" not in page and "Question" in page
        assert "Answer key (teacher)" in "".join(c.source for c in teacher.cells)
