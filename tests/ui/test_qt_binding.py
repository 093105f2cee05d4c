"""The Qt binding in use survives what the contents model does thousands of times a second."""

from __future__ import annotations

import os
import subprocess
import sys

from ..conftest import REPO

# A Python item model returning None from data(), read through C++: PySide6 6.12.0 lost a
# reference to None on each call and aborted Python 3.11 after a few thousand.
SCRIPT = """
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication
app = QApplication([])
class Model(QAbstractListModel):
    def rowCount(self, parent=QModelIndex()):
        return 1
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None
model = Model()
index = model.index(0, 0)
for _ in range(50_000):
    index.data(Qt.ItemDataRole.UserRole)
print("survived")
"""


def test_item_model_returning_none_does_not_abort_python() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "survived"
