"""Classroom handouts: student copies of the exercise notebooks (answer cells removed) and their HTML."""

from __future__ import annotations

from pathlib import Path

SOLUTION_TAG = "solution"


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


