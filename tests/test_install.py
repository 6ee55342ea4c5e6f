"""A normal (non-editable) install works: the wheel carries the sample, the notebooks and the lexicons.

The wheel is built from a copy of the repository and installed, without its dependencies, into a
fresh virtual environment outside the repository. That environment borrows this one's installed
packages through a ``.pth`` line (the editable corpus_tools of this environment is not among them:
its own ``.pth`` hook is not run from there, and each run checks where corpus_tools came from).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import nbformat
import pytest
from packaging.version import Version

from .conftest import REPO

pytestmark = pytest.mark.install

# What a build leaves behind or a user adds, none of it part of the package.
_NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", ".lock-venv", "build", "dist", "*.egg-info", "__pycache__",
                                      ".ipynb_checkpoints", ".pytest_cache", ".hypothesis", ".cache", "reports",
                                      "artifacts", "classroom-student", "uploaded")
# What setuptools and distutils print when something is wrong ("SetuptoolsDeprecationWarning: ...",
# "_Warning: Package ... is absent", "warning: check: ..."); pip's own notes are upper-case "WARNING:".
_BUILD_WARNING = re.compile(r"[Ww]arning:")

_CHECK = """
import json, corpus_tools as ct
from corpus_tools.core.resources import notebooks_dir, sample_dir
from corpus_tools.apps.report import default_notebooks
a = ct.load_sample()
assert len(a) == 5, len(a)
print(json.dumps({"file": ct.__file__, "version": ct.__version__, "sample": str(sample_dir()),
                  "notebooks": str(notebooks_dir()), "default": [str(p) for p in default_notebooks()]}))
"""


def _run(args, cwd, env=None, timeout=300):
    out = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert out.returncode == 0, f"{args[:3]} exited {out.returncode}\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out


def _clean_env(**extra) -> dict:
    """This process's environment without what would make another Python import from elsewhere."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONDONTWRITEBYTECODE", "JUPYTER_PATH")}
    return {**env, **extra}


def _build_wheel(tmp_path) -> tuple[Path, str]:
    """(the wheel, pip's verbose build log), built from a copy so the repository gets no build/ or egg-info."""
    src, wheels = tmp_path / "src", tmp_path / "wheels"
    shutil.copytree(REPO, src, ignore=_NOT_SOURCES)
    required = tomllib.loads((REPO / "pyproject.toml").read_text())["build-system"]["requires"]
    minimum = Version(re.search(r"setuptools>=([\d.]+)", " ".join(required)).group(1))
    try:
        isolated = Version(version("setuptools")) < minimum
    except PackageNotFoundError:
        isolated = True
    # With isolation pip fetches the build requirements from the package index. (PYTHONDONTWRITEBYTECODE
    # would make distutils print "warning: byte-compiling is disabled".)
    out = _run([sys.executable, "-m", "pip", "wheel", src, "--no-deps", "-w", wheels, "-v",
                *([] if isolated else ["--no-build-isolation"])], cwd=tmp_path, env=_clean_env())
    (wheel,) = wheels.glob("corpus_tools-*.whl")
    return wheel, out.stdout + out.stderr



@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(python, site-packages, environment variables, working folder, build log) of a fresh environment."""
    tmp = tmp_path_factory.mktemp("install")
    wheel, log = _build_wheel(tmp)
    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # Installed before the dependencies are borrowed, so pip sees no other corpus-tools to replace.
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel],
         cwd=tmp, env=_clean_env())
    (site / "_corpus_tools_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    # nbconvert's templates are data files of this environment, not importable: lend those alone
    # (no kernel specs, so the kernel is the new environment's own python).
    jupyter = tmp / "jupyter"
    jupyter.mkdir()
    (jupyter / "nbconvert").symlink_to(Path(sys.prefix) / "share" / "jupyter" / "nbconvert")
    env = _clean_env(JUPYTER_PATH=str(jupyter), PATH=f"{env_dir / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    work = tmp / "work"  # outside the repository: nothing is found relative to the working folder
    work.mkdir()
    return python, site, env, work, log


def test_the_wheel_builds_without_setuptools_warnings(installed):
    log = installed[4]
    warnings = [line for line in log.splitlines() if _BUILD_WARNING.search(line)]
    assert warnings == [], "\n".join(warnings)


def test_the_installed_package_has_its_sample_notebooks_and_version(installed):
    python, site, env, work, _ = installed
    found = json.loads(_run([python, "-c", _CHECK], cwd=work, env=env).stdout.splitlines()[-1])
    package = site / "corpus_tools"
    assert Path(found["file"]) == package / "__init__.py"  # not the editable copy in the repository
    assert found["version"] == tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    sample = Path(found["sample"])
    assert sample == package / "data" / "sample"
    names = sorted(p.name for p in (REPO / "data" / "sample").iterdir())
    assert sorted(p.name for p in sample.iterdir()) == names
    assert all((sample / n).read_bytes() == (REPO / "data" / "sample" / n).read_bytes() for n in names)
    assert Path(found["notebooks"]) == package / "notebooks"
    assert [Path(p).name for p in found["default"]] == sorted(p.name for p in (REPO / "notebooks").glob("[0-9]*.ipynb"))
    assert all(Path(p).parent == package / "notebooks" for p in found["default"])
    for name in ("framing_lexicon.csv", "stopwords_english.txt"):
        assert (package / "data" / name).read_bytes() == (REPO / "corpus_tools" / "data" / name).read_bytes()


def test_report_runs_installed_notebooks_with_the_installed_package(installed, tmp_path):
    python, site, env, work, _ = installed
    package = site / "corpus_tools"
    # A notebook that says which corpus_tools its kernel imports.
    probe = tmp_path / "probe.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("CORPUS = None", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("import corpus_tools, sys\n"
                                          "print(corpus_tools.__file__)\nprint(sys.executable)")]
    nbformat.write(nb, probe)
    # One installed notebook, not all six: the default list is checked above, and running all six takes a minute.
    first = sorted((package / "notebooks").glob("[0-9]*.ipynb"))[0]
    out_dir = tmp_path / "report"
    _run([python.parent / "corpus-tools", "report", "--corpus", package / "data" / "sample", "-o", out_dir,
          "--notebook", first, "--notebook", probe], cwd=work, env=env)
    for stem in (first.stem, "probe"):
        assert (out_dir / f"{stem}.html").stat().st_size > 0 and (out_dir / f"{stem}.ipynb").is_file()
    printed = "".join(o.get("text", "") for c in nbformat.read(out_dir / "probe.ipynb", as_version=4).cells
                      for o in c.get("outputs", []))
    assert str(package / "__init__.py") in printed and str(python) in printed


def test_classroom_uses_the_installed_teacher_notebooks_and_sample(installed, tmp_path):
    python, site, env, work, _ = installed
    student, handouts = tmp_path / "student", tmp_path / "handouts"
    _run([python.parent / "corpus-tools", "classroom", "--student", student, "--handouts", handouts],
         cwd=work, env=env)
    exercises = sorted(p.name for p in (REPO / "notebooks" / "classroom").glob("*.ipynb"))
    assert sorted(p.name for p in student.glob("*.ipynb")) == exercises
    for name in exercises:
        copy = nbformat.read(student / name, as_version=4)
        assert not any("solution" in c.metadata.get("tags", []) for c in copy.cells)
        page = (handouts / name).with_suffix(".html").read_text(encoding="utf-8")
        assert "Answer key (teacher)" not in page and "Question" in page


def test_a_source_checkout_finds_the_sample_and_notebooks_where_they_are():
    # The editable install (make setup) imports corpus_tools from the repository: setuptools' editable
    # finder cannot import the folders pyproject.toml maps into the package (pypa/setuptools#4943).
    from corpus_tools.core.resources import notebooks_dir, package_version, sample_dir

    assert sample_dir() == REPO / "data" / "sample"
    assert notebooks_dir() == REPO / "notebooks"
    assert package_version() == tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
