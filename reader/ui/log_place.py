"""Help > Where the log is: the file IT staff ask for when something went wrong."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.userdata import log_dir


def log_place_box(parent: QWidget, log_file: Path | None) -> QMessageBox:
    """Says where the log is, its path selectable to copy into an email to IT, with a button
    that opens its folder; or that this run has none, and why that matters."""
    box = QMessageBox(parent)
    box.setWindowTitle("Where the log is")
    box.setIcon(QMessageBox.Icon.Information)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    if log_file is None:
        box.setText(f"The reader's log cannot be written in {log_dir()} this time, so a "
                    "problem would leave no record for your IT team.")
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        return box
    box.setText(f"The reader records each start and any problem it meets (never what was "
                f"searched) in its log, for your IT team:\n\n{log_file}")
    opener = box.addButton("Open the folder", QMessageBox.ButtonRole.ActionRole)
    # a local folder, in the system's file manager: no network is involved
    opener.clicked.connect(
        lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file.parent))))
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Ok))
    return box
