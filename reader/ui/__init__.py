"""Everything that imports QtWidgets lives in this package."""

import builtins

import PySide6.QtCore  # noqa: F401 (installs the import hook undone below)

# PySide's hook for `from __feature__ import ...` reads the source of every module imported
# after it, looking for "PySide6": 10 to 15 ms of each start from source. The reader selects
# no such feature, so imports go straight to the hook beneath it (PySide's own lazy loading).
if getattr(builtins.__import__, "__name__", "") == "__feature_import__" and hasattr(
        builtins, "__orig_import__"):
    builtins.__import__ = builtins.__orig_import__
