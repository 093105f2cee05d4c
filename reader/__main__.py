"""`python -m reader`: the same entry point as the installed `procedures-reader` script."""

from __future__ import annotations

import sys

from reader.start import run

sys.exit(run())
