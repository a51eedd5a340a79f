# Two commands for a fresh machine: `make run` and `make test` (see README.md).
ifeq ($(OS),Windows_NT)
  PYTHON ?= py -3
  VENV_BIN := .venv/Scripts
else
  PYTHON ?= python3
  VENV_BIN := .venv/bin
endif
VENV_PY := $(VENV_BIN)/python
# "compat" editable installs use a plain path entry instead of an import hook, which
# keeps the hook's cost out of every start.
PIP_INSTALL := $(VENV_PY) -m pip install --disable-pip-version-check -q -e
EDITABLE := --config-settings editable_mode=compat
# Stamp files mark what is installed; written with Python so cmd.exe needs no `touch`.
STAMP = $(VENV_PY) -c "import pathlib, sys; [pathlib.Path(f).touch() for f in sys.argv[1:]]"

.PHONY: run test bench lint demo clean

.venv/created:
	$(PYTHON) -m venv .venv
	$(VENV_PY) -m pip install --disable-pip-version-check -q --upgrade pip
	$(STAMP) $@

.venv/installed-app: pyproject.toml .venv/created
	$(PIP_INSTALL) . $(EDITABLE)
	$(STAMP) $@

.venv/installed-test: pyproject.toml .venv/created
	$(PIP_INSTALL) ".[test]" $(EDITABLE)
	$(STAMP) $@ .venv/installed-app

run: .venv/installed-app
	$(VENV_PY) -m involve_desktop $(ARGS)

test: .venv/installed-test
	$(VENV_BIN)/ruff check .
	$(VENV_PY) -m pytest $(PYTEST_ARGS)

bench: .venv/installed-test
	$(VENV_PY) tests/benchmarks/run_all.py

lint: .venv/installed-test
	$(VENV_BIN)/ruff check .
	$(VENV_BIN)/ruff format --check .

demo: .venv/installed-app
	$(VENV_BIN)/involve demo --people 2000 $(ARGS)

clean:
	$(PYTHON) -c "import shutil; [shutil.rmtree(d, True) for d in ('.venv', 'build', 'dist', '.pytest_cache')]"
