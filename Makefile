# corpus_tools: two commands get you going.
#   make lab    set up .venv (first time only) and open JupyterLab on notebooks/
#   make test   set up .venv (first time only), lint, and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LAB_ARGS ?=
PYTEST_ARGS ?=
CORPUS ?= data/sample
REPORT_DIR ?= reports
PARAMS ?=
CLASSROOM_DIR ?= classroom
STORY ?=
# JupyterLab refuses to run as root unless told it may (containers, CI).
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)

.PHONY: setup lab lint test test-slow report classroom screenshots bench lock clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=23.2"
	$(PY) -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(ROOT_FLAG) $(LAB_ARGS)

# ruff with the settings in pyproject.toml ([tool.ruff]); `make test` runs it first.
lint: $(STAMP)
	$(VENV)/bin/ruff check .

test: $(STAMP) lint
	$(PY) -m pytest $(PYTEST_ARGS)

# Scale tests on ../shared/corpora (minutes, not seconds).
test-slow: $(STAMP)
	$(PY) -m pytest -m slow $(PYTEST_ARGS)

# Every numbered notebook run on CORPUS, saved as self-contained HTML pages in REPORT_DIR;
# PARAMS="TARGET=TASS FREQ=M" sets notebook parameters (one NAME=VALUE each, no spaces inside a value).
report: $(STAMP)
	$(VENV)/bin/corpus-tools report --corpus "$(CORPUS)" -o "$(REPORT_DIR)" $(foreach p,$(PARAMS),--param "$(p)")

# The classroom exercises written for CORPUS (STORY=budget: the event) in CLASSROOM_DIR: teacher notebooks
# (answer key), student copies (cells tagged `solution` removed) and HTML handouts.
classroom: $(STAMP)
	$(VENV)/bin/corpus-tools classroom --corpus "$(CORPUS)" -o "$(CLASSROOM_DIR)" $(if $(STORY),--story "$(STORY)",)

# The README's pictures of the notebooks, taken by the browser tests (docs/screenshots/).
screenshots: $(STAMP)
	UPDATE_SCREENSHOTS=1 $(PY) -m pytest -m browser -k "sample_report or 02_words or classroom" $(PYTEST_ARGS)

# Speed and memory against the tools people use instead (needs ../shared/corpora).
# BENCH_ARGS="--quick" runs bench_core's comparisons twice on the BBC corpus only (a few minutes).
bench: $(STAMP)
	$(PY) benchmarks/bench_core.py $(BENCH_ARGS)
	$(PY) benchmarks/bench_widgets.py --n 100000
	$(PY) benchmarks/bench_scale.py $(BENCH_SCALE_ARGS)
	$(PY) benchmarks/bench_dask.py --n 1000000
	$(PY) benchmarks/bench_topics.py --n 100000
	$(PY) benchmarks/bench_report.py
	$(PY) benchmarks/bench_notebook02.py --repeat 5

# Re-pin every dependency after changing pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e ".[test]"
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^corpus-tools' > constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) build *.egg-info reports artifacts .ruff_cache classroom
