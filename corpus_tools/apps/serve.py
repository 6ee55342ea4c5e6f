"""A live class: the student copies of the classroom notebooks, served with Voilà.

``corpus-tools classroom --serve`` writes the student copies (cells tagged ``solution`` left out,
see :mod:`corpus_tools.apps.classroom`) to a fresh folder and hands only that folder to Voilà.
Students open the exercises in a browser: Voilà runs each page in its own kernel and shows the
outputs and the widgets, never the code; the browser may only talk to widgets (Voilà refuses
``execute_request`` from the page), so students answer, lock and reveal but cannot run code.
The teacher notebooks stay where they are and are never served.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

from .classroom import SOLUTION_TAG, make_student_copies
from .notebooks import inject_parameters

# What each served copy keeps of the notebook's and the cells' metadata (answers could hide anywhere else).
NOTEBOOK_METADATA = ("kernelspec", "language_info")
CELL_METADATA = ("tags",)

# A paragraph of a markdown cell that speaks to the teacher (how the answer key is stripped, ...).
_TEACHER_PARAGRAPH = re.compile(r"^\s*\*\*For teachers?\b", re.IGNORECASE)

# Inside an answer key: quoted words and *emphasis* (often the articles' own words, which the tool's
# views show too) are left out of the phrases that mark it; the teacher's own sentences are kept.
_QUOTED = re.compile(r"\*\*|\*[^*\n]+\*|\"[^\"\n]*\"|“[^”\n]*”|«[^»\n]*»")
_PHRASE_BREAK = re.compile(r"[^A-Za-z0-9 ,'-]+")
MIN_PHRASE_WORDS = 5

DEFAULT_PORT = 8866

# Seconds after which the kernel of a page that is no longer connected is stopped.
IDLE_TIMEOUT = 600


class AnswerLeakError(RuntimeError):
    """A student copy still holds a sentence of an answer key."""


def normalized(text: str) -> str:
    """``text`` as the phrase check compares it: HTML entities decoded, JSON's ``\\n`` and white space
    run together, lower case (so the same words match in a notebook, a page or a websocket message)."""
    text = html.unescape(text).replace("\\n", " ").replace("\\u2019", "'").replace("’", "'")
    return " ".join(text.split()).lower()


def answer_key_phrases(teacher_dir) -> list[str]:
    """Phrases of at least five words from the cells tagged ``solution`` of every notebook in
    ``teacher_dir``: the teacher's own sentences, quoted and emphasised words left out.

    None of them may reach a student: :func:`check_no_answers` looks for them in the served copies,
    and the browser test in everything a served page receives.
    """
    import nbformat

    public = _question_templates()
    phrases: list[str] = []
    for path in sorted(Path(teacher_dir).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        # The exercise's own code (a chart's title) is shown to students by design.
        code = normalized(" ".join(c.source for c in nb.cells if c.cell_type == "code"
                                   and SOLUTION_TAG not in c.get("metadata", {}).get("tags", [])))
        for cell in nb.cells:
            if SOLUTION_TAG not in cell.get("metadata", {}).get("tags", []):
                continue
            for part in _PHRASE_BREAK.split(_QUOTED.sub(" | ", cell.source)):
                phrase = normalized(part.strip(" ,'-"))
                if len(phrase.split()) >= MIN_PHRASE_WORDS and phrase not in phrases \
                        and phrase not in public and phrase not in code:
                    phrases.append(phrase)
    return phrases


def _question_templates() -> str:
    """The words the question templates show students (``data/classroom_questions.csv``, all but the
    answers): an answer written from the same template repeats them, and they are no secret."""
    from ..data import read_rows

    return normalized(" ".join(row.get("text") or "" for row in read_rows("classroom_questions.csv")
                               if "answer" not in (row.get("part") or "")))


def scrub(nb) -> None:
    """Keep (in place) only what a student may see: no outputs or attachments, no metadata but the
    kernel's and the cells' tags, no paragraph addressed to the teacher (``**For teachers.** ...``)."""
    nb.metadata = {k: v for k, v in nb.metadata.items() if k in NOTEBOOK_METADATA}
    for cell in nb.cells:
        cell.metadata = {k: v for k, v in cell.get("metadata", {}).items() if k in CELL_METADATA}
        cell.pop("attachments", None)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        elif cell.cell_type == "markdown":
            paragraphs = re.split(r"\n\s*\n", cell.source)
            cell.source = "\n\n".join(p for p in paragraphs if not _TEACHER_PARAGRAPH.match(p))


def check_no_answers(paths, phrases) -> None:
    """Raise :class:`AnswerLeakError` when a notebook of ``paths`` holds one of ``phrases`` anywhere
    (cells, metadata)."""
    for path in paths:
        text = normalized(json.dumps(json.loads(Path(path).read_text(encoding="utf-8")), ensure_ascii=False))
        found = [p for p in phrases if p in text]
        if found:
            raise AnswerLeakError(f"{Path(path).name} holds answer-key text ({found[0]!r}); tag the cell that says "
                                  f"it `{SOLUTION_TAG}` or reword it, then serve again")


def prepare_served_folder(teacher_dir, folder, *, corpus) -> list[Path]:
    """Write the student copies of ``teacher_dir`` to ``folder`` (which must be empty or new) for Voilà:
    answers stripped and scrubbed (:func:`scrub`), ``CORPUS`` set to ``corpus``'s absolute path (the
    copies do not sit next to the repository's data), and checked to hold no answer-key phrase."""
    import nbformat

    teacher_dir, folder = Path(teacher_dir).resolve(), Path(folder).resolve()
    if folder == teacher_dir or folder in teacher_dir.parents:
        raise ValueError(f"the served folder {folder} would contain the teacher notebooks ({teacher_dir})")
    if folder.exists() and any(folder.iterdir()):
        raise ValueError(f"the served folder {folder} is not empty: Voilà would serve whatever else it holds")
    copies = make_student_copies(teacher_dir, folder)
    for path in copies:
        nb = nbformat.read(path, as_version=4)
        scrub(nb)
        inject_parameters(nb, {"CORPUS": str(Path(corpus).resolve())})
        nbformat.write(nb, path)
    check_no_answers(copies, answer_key_phrases(teacher_dir))
    return copies


def voila_arguments(folder, *, port: int = DEFAULT_PORT, ip: str = "localhost", open_browser: bool = True,
                    idle_timeout: int = IDLE_TIMEOUT) -> list[str]:
    """Voilà's command line for serving ``folder`` and nothing else.

    No static file is served (``file_allowlist`` empty: not a notebook, not a data file), code is
    hidden (``strip_sources``), errors show no traceback, the template and theme cannot be switched
    from the address bar, and the port is exactly ``port`` (no retries on another one).
    """
    folder = str(Path(folder).resolve())
    # The folder is named twice: as the argument, and as a setting, which a Voilà config file cannot override.
    args = [folder, f"--Voila.root_dir={folder}", f"--port={port}", f"--Voila.ip={ip}", "--Voila.port_retries=0",
            # A pattern that matches no file name: nothing is allowed; and everything is denied.
            "--VoilaConfiguration.file_allowlist", r"\A(?!)", "--VoilaConfiguration.file_denylist", ".*",
            "--VoilaConfiguration.strip_sources=True", "--VoilaConfiguration.show_tracebacks=False",
            "--VoilaConfiguration.allow_template_override=NO", "--VoilaConfiguration.allow_theme_override=NO",
            # A kernel whose page was closed without saying so (a laptop shut, a lost connection) is stopped
            # after idle_timeout seconds; a kernel with its page open is never stopped.
            f"--MappingKernelManager.cull_idle_timeout={idle_timeout}", "--MappingKernelManager.cull_interval=60",
            "--MappingKernelManager.cull_connected=False"]
    if not open_browser:
        args.append("--no-browser")
    return args


def port_is_free(ip: str, port: int) -> bool:
    """Whether a server could listen on ``ip``:``port`` now."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(ip or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        return True  # an address we cannot check: Voilà will say what is wrong with it
    for family, kind, proto, _, address in infos:
        with socket.socket(family, kind, proto) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(address)
            except OSError as e:
                if e.errno == errno.EADDRINUSE:
                    return False  # any other error (no IPv6 here, ...) is Voilà's to report
    return True


def serve_classroom(teacher_dir=None, corpus=None, *, port: int = DEFAULT_PORT, ip: str = "localhost",
                    open_browser: bool = True) -> int:
    """Serve the student copies of ``teacher_dir`` (default: the bundled classroom notebooks) run on
    ``corpus`` (default: the bundled sample) with Voilà until stopped (Ctrl-C, or SIGTERM); returns
    the exit status. The copies live in a temporary folder, removed when the server stops."""
    from ..core.resources import notebooks_dir, sample_dir

    teacher_dir = Path(teacher_dir) if teacher_dir is not None else notebooks_dir() / "classroom"
    corpus = Path(corpus) if corpus is not None else sample_dir()
    if not corpus.exists():
        print(f"corpus-tools: no corpus at {corpus}", file=sys.stderr)
        return 2
    if not port_is_free(ip, port):
        print(f"corpus-tools: port {port} is in use on {ip}; choose another with --port", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="corpus_tools_class_"))
    try:
        try:
            copies = prepare_served_folder(teacher_dir, folder, corpus=corpus)
        except (AnswerLeakError, ValueError) as e:
            print(f"corpus-tools: {e}", file=sys.stderr)
            return 2
        if not copies:
            print(f"corpus-tools: no notebooks in {teacher_dir}", file=sys.stderr)
            return 2
        shown = "this machine's address" if ip in ("0.0.0.0", "::", "") else ip
        print(f"Serving {len(copies)} student exercise(s) (answers stripped) from {folder}\n"
              f"Students open http://{shown}:{port}/ ; stop with Ctrl-C.", flush=True)
        from voila.app import Voila

        Voila.launch_instance(voila_arguments(folder, port=port, ip=ip, open_browser=open_browser))
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)
