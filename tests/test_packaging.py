"""The environment files agree with each other, and the package imports cleanly."""

import re
import subprocess
import sys
import tomllib

import yaml
from packaging.requirements import Requirement

from .conftest import REPO


def _pyproject():
    return tomllib.loads((REPO / "pyproject.toml").read_text())


def _pins():
    pins = {}
    for line in (REPO / "constraints.txt").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def test_every_dependency_is_pinned_within_its_range():
    project = _pyproject()["project"]
    reqs = project["dependencies"] + project["optional-dependencies"]["test"]
    pins = _pins()
    for spec in reqs:
        req = Requirement(spec)
        name = re.sub(r"[-_.]+", "-", req.name).lower()
        assert name in pins, f"{req.name} is in pyproject.toml but not pinned in constraints.txt (run `make lock`)"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"{req.name}=={pins[name]} is outside {req.specifier}")


def test_environment_yml_points_at_pyproject_and_the_pins():
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    deps = env["dependencies"]
    py = next(d for d in deps if isinstance(d, str) and d.startswith("python"))
    version = py.split("=")[-1]
    requires = _pyproject()["project"]["requires-python"]
    assert Requirement(f"python{requires}").specifier.contains(version + ".0")
    pip = next(d["pip"] for d in deps if isinstance(d, dict) and "pip" in d)
    assert "-c constraints.txt" in pip and any(x.startswith("-e .") for x in pip)
    # Nothing listed twice: conda users get exactly pyproject's packages.
    assert all(x.startswith("-") for x in pip)


def test_console_script_is_declared():
    assert _pyproject()["project"]["scripts"]["corpus-tools"] == "corpus_tools.apps.cli:main"


def test_import_does_no_work_and_no_downloads():
    code = (
        "import sys, socket\n"
        "socket.socket.connect = lambda *a, **k: (_ for _ in ()).throw(RuntimeError('network used'))\n"
        "import corpus_tools\n"
        "print(sorted(m for m in ('trafilatura', 'plotly', 'ipywidgets') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_names_are_exported():
    import corpus_tools

    for name in corpus_tools.__all__:
        assert getattr(corpus_tools, name) is not None
    assert {"read_articles", "load_sample", "write_articles"} <= set(corpus_tools.__all__)
