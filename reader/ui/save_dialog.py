"""Where to save an export: the file dialog, with the file type's suffix added to a name
typed without one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget


def documents_folder() -> Path:
    """Where exports are offered and imports looked for: the person's Documents folder (their
    home where there is none). Not the working folder: started from a shortcut, that is
    where the reader is installed, or the system's own."""
    documents = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation))
    if documents.is_dir():
        return documents
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation))


def ask_save_path(parent: QWidget, caption: str, suggested: Path, file_type: str,
                  suffix: str) -> Path | None:
    """The path chosen, or None if the person cancelled. `file_type` names the files ("PDF
    files"); `suffix` is theirs, without the dot ("pdf").

    The dialog adds the suffix itself, before it asks about overwriting: "case note" saved
    as a PDF became a file without one, which a double-click does not open, and adding it
    afterwards could replace a "case note.pdf" that nobody was asked about."""
    dialog = QFileDialog(parent, caption, str(suggested), f"{file_type} (*.{suffix})")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(suffix)
    dialog.selectFile(suggested.name)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])
