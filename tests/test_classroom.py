from pathlib import Path

import nbformat
import pandas as pd

from corpus_tools.apps.classroom import make_student_copies, strip_solutions
from corpus_tools.media.blind import hide_outlets
from corpus_tools.ui.classroom_widgets import predict_then_reveal


def test_hide_outlets_hides_names_and_credits_but_keeps_sources_apart(sample):
    hidden = hide_outlets(sample)
    assert not set(hidden["outlet"]) & set(sample["outlet"])
    assert hidden["outlet"].nunique() == 5  # the two unknown sources stay two sources
    assert set(hidden["agency"].dropna()) <= {"hidden"} and set(hidden["byline"].dropna()) <= {"hidden"}
    pd.testing.assert_series_equal(hidden["text"], sample["text"])
    assert sample["outlet"].tolist()[3] == "TASS"  # input unchanged


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


def test_predict_then_reveal_locks_the_answer_and_shows_the_view():
    shown = []
    box = predict_then_reveal("Which outlet says Kiev?", ["A", "B"], reveal=lambda: shown.append(1) or "the view")
    answer = box.children[1]
    answer.value = "B"
    box.reveal()
    assert shown == [1] and answer.disabled and box.children[2].disabled


CLASSROOM = Path(__file__).resolve().parent.parent / "notebooks" / "classroom"
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
                 "--handouts", str(handouts), "--corpus", "data/sample"]) == 0
    for path in EXERCISES:
        teacher = nbformat.read(path, as_version=4)
        copy = nbformat.read(student / path.name, as_version=4)
        kept = [c.source for c in teacher.cells if "solution" not in c.metadata.get("tags", [])]
        assert [c.source for c in copy.cells] == kept
        assert not any("solution" in c.metadata.get("tags", []) for c in copy.cells)
        page = (handouts / f"{path.stem}.html").read_text(encoding="utf-8")
        assert "Answer key (teacher)" not in page and "Question" in page
        assert "Answer key (teacher)" in "".join(c.source for c in teacher.cells)


def test_a_reveal_can_show_several_views():
    from unittest import mock

    box = predict_then_reveal("Q?", reveal=lambda: ["chart", None, "table"])
    with mock.patch("IPython.display.display") as display:
        box.reveal()
    assert [c.args[0] for c in display.call_args_list] == ["chart", "table"]
