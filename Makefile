# Every target bootstraps .venv from nothing but Python >= 3.11 and the package index.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
QT_STAMP := $(VENV)/.qt-libs-ok
# Libraries the Qt wheels link against that a minimal Debian/Ubuntu image may lack.
QT_SYSTEM_LIBS := libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 fonts-dejavu-core
# What Qt's X11 platform needs besides, to open a window on a desktop (Qt 6.5+: xcb-cursor).
QT_SCREEN_LIBS := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0
BUILD_STAMP := $(VENV)/.build-installed
# PyInstaller needs objdump (binutils); the X11 helper libraries are bundled into the app when
# present, so laptops without them still start; strace lets the smoke test watch for sockets.
BUILD_SYSTEM_PACKAGES := binutils strace libxcb-icccm4 libxcb-keysyms1
PY_NEW_ENOUGH := -c 'import sys; sys.exit(sys.version_info < (3, 11))'
# slow tests (the installer build) run only through `make installer-test`
PYTEST_ARGS ?= -m "not slow"
LINTED := reader tests benchmarks packaging build_installer.py

.PHONY: run test bench lint installer installer-test clean

# On a desktop, Qt's X11 platform must find its libraries; ldd says which are missing
# without opening a window (a display out of reach would fail every time, for no library).
run: $(QT_STAMP)
	@qxcb=$$(ls $(VENV)/lib/python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so 2>/dev/null); \
	if [ -n "$$DISPLAY" ] && [ -n "$$qxcb" ] && command -v apt-get >/dev/null && \
		ldd $$qxcb | grep -q "not found"; then \
		echo "Qt needs system libraries to open a window; installing: $(QT_SCREEN_LIBS)"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(QT_SCREEN_LIBS); \
	fi
	$(PY) -m reader

test: $(QT_STAMP)
	$(PY) -m ruff check $(LINTED)
	$(PY) -m reader validate
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: $(QT_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

lint: $(STAMP)
	$(PY) -m ruff check $(LINTED)

# the frozen app and its archive for this platform, in dist/, smoke-tested
installer: $(BUILD_STAMP)
	$(PY) build_installer.py

installer-test: $(BUILD_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m slow

# A .venv whose Python is missing or too old (left by an earlier try) is made again; a new one
# is made only from a Python that is new enough, with a message that says what to do if not.
$(STAMP): pyproject.toml
	@if ! $(PY) $(PY_NEW_ENOUGH) 2>/dev/null; then \
		if ! $(PYTHON) $(PY_NEW_ENOUGH) 2>/dev/null; then \
			echo "The reader needs Python 3.11 or newer, and '$(PYTHON)' is" \
				"$$($(PYTHON) --version 2>/dev/null || echo 'not found')." >&2; \
			echo "Name a newer one, for example: make $(or $(MAKECMDGOALS),run) PYTHON=python3.12" >&2; \
			exit 1; \
		fi; \
		rm -rf $(VENV); \
		echo "$(PYTHON) -m venv $(VENV)"; \
		$(PYTHON) -m venv $(VENV); \
	fi
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

$(BUILD_STAMP): $(QT_STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test,build]'
	@if [ "$$(uname -s)" = Linux ] && command -v apt-get >/dev/null && \
		! dpkg -s $(BUILD_SYSTEM_PACKAGES) >/dev/null 2>&1; then \
		echo "the installer build needs: $(BUILD_SYSTEM_PACKAGES)"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(BUILD_SYSTEM_PACKAGES); \
	fi
	touch $@

clean:
	rm -rf $(VENV) build dist *.egg-info
