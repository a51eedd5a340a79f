# Two commands for a fresh machine: `make run` and `make test` (see README.md).
ifeq ($(OS),Windows_NT)
  PYTHON ?= py -3
  VENV_BIN := .venv/Scripts
  # Backslashes: cmd.exe reads a leading "dist/..." as a switch.
  BUNDLE_EXE := "dist\Involve\Involve.exe"
  # The windowed program has no console: its steps go to a file, shown when it fails.
  BUNDLE_SELF_TEST := $(BUNDLE_EXE) --self-test --self-test-log dist\self-test.log || (type dist\self-test.log & exit 1)
else
  PYTHON ?= python3
  VENV_BIN := .venv/bin
  BUNDLE_EXE := dist/Involve/Involve
  BUNDLE_SELF_TEST := $(BUNDLE_EXE) --self-test
endif
VENV_PY := $(VENV_BIN)/python
# "compat" editable installs use a plain path entry instead of an import hook, which
# keeps the hook's cost out of every start.
PIP_INSTALL := $(VENV_PY) -m pip install --disable-pip-version-check -q -e
EDITABLE := --config-settings editable_mode=compat
# Stamp files mark what is installed; written with Python so cmd.exe needs no `touch`.
STAMP = $(VENV_PY) -c "import pathlib, sys; [pathlib.Path(f).touch() for f in sys.argv[1:]]"
# The version lives in __init__.py: a new one means a new install, so the installed
# metadata (and the About box's check of it) follow.
INSTALL_INPUTS := pyproject.toml involve_desktop/__init__.py .venv/created

.PHONY: run test bench lint demo clean package package-check

.venv/created:
	$(PYTHON) -m venv .venv
	$(VENV_PY) -m pip install --disable-pip-version-check -q --upgrade pip
	$(STAMP) $@

.venv/installed-app: $(INSTALL_INPUTS)
	$(PIP_INSTALL) . $(EDITABLE)
	$(STAMP) $@

.venv/installed-test: $(INSTALL_INPUTS)
	$(PIP_INSTALL) ".[test]" $(EDITABLE)
	$(STAMP) $@ .venv/installed-app

.venv/installed-package: $(INSTALL_INPUTS)
	$(PIP_INSTALL) ".[package]" $(EDITABLE)
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

# The one-folder app for this platform in dist/Involve/ (packaging/README.md); PyInstaller
# does not cross-build, so the Windows bundle is made on Windows.
package: .venv/installed-package
	$(VENV_PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build packaging/involve.spec

# The built app checks itself headless on a temporary data folder (involve_desktop/self_test.py).
package-check: package
	$(BUNDLE_SELF_TEST)

demo: .venv/installed-app
	$(VENV_BIN)/involve demo --people 2000 $(ARGS)

clean:
	$(PYTHON) -c "import shutil; [shutil.rmtree(d, True) for d in ('.venv', 'build', 'dist', '.pytest_cache')]"
