import nbformat
import pandas as pd

from corpus_tools.classroom import hide_outlets, make_student_copies, predict_then_reveal, strip_solutions


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
