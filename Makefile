# Every target bootstraps .venv from nothing but Python >= 3.11 and the package index.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
QT_STAMP := $(VENV)/.qt-libs-ok
# Libraries the Qt wheels link against that a minimal Debian/Ubuntu image may lack.
QT_SYSTEM_LIBS := libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 fonts-dejavu-core

.PHONY: run test bench lint installer clean

run: $(QT_STAMP)
	$(PY) -m reader

test: $(QT_STAMP)
	$(PY) -m ruff check reader tests benchmarks $(wildcard build_installer.py)
	$(PY) -m reader validate
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: $(QT_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

lint: $(STAMP)
	$(PY) -m ruff check reader tests benchmarks $(wildcard build_installer.py)

installer: $(QT_STAMP)
	$(PY) build_installer.py

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Qt loads its platform libraries at import time; install them only when the import fails.
$(QT_STAMP): $(STAMP)
	@if ! QT_QPA_PLATFORM=offscreen $(PY) -c 'from PySide6 import QtWidgets' 2>/dev/null; then \
		echo "Qt needs system libraries; installing: $(QT_SYSTEM_LIBS)"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(QT_SYSTEM_LIBS); \
	fi
	QT_QPA_PLATFORM=offscreen $(PY) -c 'from PySide6 import QtWidgets'
	touch $@

clean:
	rm -rf $(VENV) build dist *.egg-info
