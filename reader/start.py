"""Where the command line starts (`python -m reader`, the installed script, the frozen app):
a Ctrl+C while the command line is still being loaded ends as one during a command does."""

from __future__ import annotations

import sys
from collections.abc import Sequence

# stopped with Ctrl+C: what shells give a command ended by SIGINT (128 + 2), so a script
# tells it from done and from failed
EXIT_INTERRUPTED = 130


def say_stopped() -> int:
    """Say the command was stopped, and give the exit code that says so."""
    print("stopped (Ctrl+C)", file=sys.stderr)
    return EXIT_INTERRUPTED


def run(argv: Sequence[str] | None = None) -> int:
    """Load the command line and run it. Loading takes a fraction of a second, before `main`
    has its own handler in place; a Ctrl+C then was a traceback. Nothing is written yet."""
    try:
        from reader.cli import main

        return main(argv)
    except KeyboardInterrupt:
        return say_stopped()
