"""The question before History > Clear history: a click by mistake must not lose the trail of
chapters read with a family. Imported when first asked, not at start."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

CLEAR_BUTTON_TEXT = "C&lear history"


def clear_history_box(parent: QWidget | None, visits: int) -> QMessageBox:
    """Asks before clearing `visits` visits; Cancel is the default, so that Enter pressed out
    of habit, or Esc, keeps them. The caller shows it and reads `clicked_clear`."""
    box = QMessageBox(parent)
    box.setWindowTitle("Clear history")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(f"Clear all {visits} visits from history?" if visits != 1
                else "Clear the one visit from history?")
    box.setInformativeText("Each tab's Back and Forward and the closed tabs go too, in every "
                           "window of the reader. This cannot be undone. Your bookmarks and "
                           "the open tabs stay.")
    # the same name and key (Alt+L) as the pane's button that asked
    clear = box.addButton(CLEAR_BUTTON_TEXT, QMessageBox.ButtonRole.DestructiveRole)
    clear.setAccessibleName("Clear history")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    cancel.setAccessibleName("Cancel")
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box


def ask_to_clear_history(parent: QWidget | None, visits: int) -> bool:
    """True if the person chose Clear history."""
    box = clear_history_box(parent, visits)
    clear = next(b for b in box.buttons()
                 if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    box.exec()
    chosen = box.clickedButton() is clear
    box.deleteLater()
    return chosen
