"""The save dialog of exports: a save dialog (it asks before replacing a file), and cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from reader.ui.save_dialog import ask_save_path


def test_cancel_saves_nothing(qtbot, monkeypatch, tmp_path: Path) -> None:
    def cancelled(dialog: QFileDialog) -> int:
        dialog.selectFile(str(tmp_path / "typed then cancelled.pdf"))
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(QFileDialog, "exec", cancelled)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert ask_save_path(parent, "Export to PDF", tmp_path / "1.1.1.pdf", "PDF files",
                         "pdf") is None


def test_the_dialog_saves_and_offers_the_suggested_name(qtbot, monkeypatch,
                                                        tmp_path: Path) -> None:
    seen: list[tuple[QFileDialog.AcceptMode, str, list[str], str]] = []

    def look(dialog: QFileDialog) -> int:
        # a save dialog asks before replacing a file; an open dialog would not
        # and a name typed without ".pdf" gets it: a file without one opens in nothing
        seen.append((dialog.acceptMode(), Path(dialog.selectedFiles()[0]).name,
                     dialog.nameFilters(), dialog.defaultSuffix()))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QFileDialog, "exec", look)
    parent = QWidget()
    qtbot.addWidget(parent)
    chosen = ask_save_path(parent, "Export to PDF", tmp_path / "1.1.1 Values.pdf",
                           "PDF files", "pdf")
    assert seen == [(QFileDialog.AcceptMode.AcceptSave, "1.1.1 Values.pdf",
                     ["PDF files (*.pdf)"], "pdf")]
    assert chosen == tmp_path / "1.1.1 Values.pdf"
