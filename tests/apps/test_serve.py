"""What `corpus-tools classroom --serve` hands to Voilà (the browser test is tests/test_voila.py)."""

import signal

import nbformat
import pytest

from corpus_tools.apps.cli import main
from corpus_tools.apps.serve import (
    AnswerLeakError,
    answer_key_phrases,
    check_no_answers,
    prepare_served_folder,
    voila_arguments,
)

from ..conftest import REPO, SAMPLE_DIR

CLASSROOM = REPO / "notebooks" / "classroom"


def _teacher(folder, *cells):
    folder.mkdir(parents=True, exist_ok=True)
    metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3"},
                "answers": "Stoltenberg is quoted in every story"}
    nb = nbformat.v4.new_notebook(cells=list(cells), metadata=metadata)
    nbformat.write(nb, folder / "ex.ipynb")
    return folder


def test_answer_key_phrases_are_the_teachers_own_words_not_the_articles():
    phrases = answer_key_phrases(CLASSROOM)
    assert "putin is mentioned often but never quoted" in phrases
    # Words quoted from the articles (which the tool's views show) are not taken as answer-key text.
    assert not [p for p in phrases if "washington summit" in p or "absolutely certain" in p]
    assert all(len(p.split()) >= 5 for p in phrases)


def test_the_served_copies_hold_no_answer_no_teacher_note_and_read_the_given_corpus(tmp_path):
    served = tmp_path / "served"
    copies = prepare_served_folder(CLASSROOM, served, corpus=SAMPLE_DIR)
    assert sorted(p.name for p in copies) == sorted(p.name for p in CLASSROOM.glob("*.ipynb"))
    assert sorted(p.name for p in served.iterdir()) == sorted(p.name for p in copies)
    phrases = answer_key_phrases(CLASSROOM)
    for path in copies:
        text = path.read_text(encoding="utf-8")
        nb = nbformat.read(path, as_version=4)
        assert not any("solution" in c.metadata.get("tags", []) for c in nb.cells)
        assert "Answer key" not in text and "For teachers" not in text
        assert not [p for p in phrases if p in text.lower()]
        assert set(nb.metadata) <= {"kernelspec", "language_info"}
        injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert len(injected) == 1 and repr(str(SAMPLE_DIR.resolve())) in injected[0].source
        assert "For students" in text  # what the students need stays


def test_metadata_and_teacher_paragraphs_are_scrubbed_and_a_leak_is_refused(tmp_path):
    teacher = _teacher(
        tmp_path / "teacher",
        nbformat.v4.new_markdown_cell("# Ex\n\n**For teachers.** The answer key is below.\n\n"
                                      "**For students.** Answer."),
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"], "note": "the answer is B"},
                                  outputs=[nbformat.v4.new_output("stream", text="secret")]),
        nbformat.v4.new_markdown_cell("**Answer key (teacher)** — Stoltenberg is quoted in every story.",
                                      metadata={"tags": ["solution"]}))
    (copy,) = prepare_served_folder(teacher, tmp_path / "served", corpus=SAMPLE_DIR)
    nb = nbformat.read(copy, as_version=4)
    assert nb.cells[0].source == "# Ex\n\n**For students.** Answer."
    assert nb.cells[1].metadata == {"tags": ["parameters"]} and nb.cells[1].outputs == []
    assert "answers" not in nb.metadata and "Stoltenberg" not in copy.read_text(encoding="utf-8")

    # The same sentence left in a cell without the tag: the copy is refused.
    _teacher(tmp_path / "careless", nbformat.v4.new_markdown_cell("Hint: Stoltenberg is quoted in every story."),
             nbformat.v4.new_markdown_cell("**Answer key** — Stoltenberg is quoted in every story.",
                                           metadata={"tags": ["solution"]}))
    with pytest.raises(AnswerLeakError, match="stoltenberg is quoted in every story"):
        prepare_served_folder(tmp_path / "careless", tmp_path / "served2", corpus=SAMPLE_DIR)
    with pytest.raises(AnswerLeakError):
        check_no_answers([teacher / "ex.ipynb"], answer_key_phrases(teacher))


def test_the_served_folder_is_new_and_never_holds_the_teacher_notebooks(tmp_path):
    teacher = _teacher(tmp_path / "class" / "teacher", nbformat.v4.new_markdown_cell("Q"))
    for folder in (teacher, tmp_path / "class", tmp_path):
        with pytest.raises(ValueError, match="teacher notebooks|not empty"):
            prepare_served_folder(teacher, folder, corpus=SAMPLE_DIR)
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "private.csv").write_text("x")
    with pytest.raises(ValueError, match="not empty"):
        prepare_served_folder(teacher, tmp_path / "busy", corpus=SAMPLE_DIR)


def test_voila_serves_only_the_folder_no_files_no_code_no_tracebacks(tmp_path):
    import re

    from voila.app import Voila

    previous = signal.getsignal(signal.SIGTERM)  # Voilà installs its own handler when initialised
    try:
        app = Voila()
        app.initialize(voila_arguments(tmp_path, port=9999, ip="127.0.0.1", open_browser=False))
    finally:
        signal.signal(signal.SIGTERM, previous)
    conf = app.voila_configuration
    assert app.root_dir == str(tmp_path.resolve()) and app.notebook_path in (None, "")
    assert (app.port, app.ip, app.open_browser, app.port_retries) == (9999, "127.0.0.1", False, 0)
    assert conf.strip_sources and not conf.show_tracebacks
    for name in ("2-whose-words.ipynb", "data/a.txt", "../README.md", "x.png", ""):
        assert not any(re.fullmatch(p, name) for p in conf.file_allowlist), name
    app.init_settings()  # the kernel and contents managers, no kernel started
    assert app.kernel_manager.cull_idle_timeout == 600 and not app.kernel_manager.cull_connected
    assert app.contents_manager.root_dir == str(tmp_path.resolve())


def test_serve_stops_with_a_reason_when_the_corpus_is_missing(tmp_path, capsys):
    assert main(["classroom", "--serve", "--no-browser", "--corpus", str(tmp_path / "nothing")]) == 2
    err = capsys.readouterr().err
    assert "no corpus" in err or "No such file or folder" in err, err


def test_serve_stops_with_a_reason_when_the_port_is_taken(capsys):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["classroom", "--serve", "--no-browser", "--ip", "127.0.0.1", "--port", str(port)]) == 2
    assert f"port {port} is in use" in capsys.readouterr().err


def test_words_the_exercise_itself_shows_are_not_answer_key_phrases(tmp_path):
    nb = nbformat.v4.new_notebook()
    chart = 'ct.plot_framing(t, title="Reporting verbs that differ between the outlets")'
    nb.cells = [nbformat.v4.new_code_cell(chart),
                nbformat.v4.new_markdown_cell("Reporting verbs that differ between the outlets (this story): "
                                              "one of them writes claimed where the others say said",
                                              metadata={"tags": ["solution"]})]
    nbformat.write(nb, tmp_path / "ex.ipynb")
    phrases = answer_key_phrases(tmp_path)
    assert "reporting verbs that differ between the outlets" not in phrases  # a chart title the page shows anyway
    assert "one of them writes claimed where the others say said" in phrases
