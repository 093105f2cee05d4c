"""Help > Keyboard shortcuts: every menu shortcut in two columns, and the keys of the panes."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

PANE_KEYS = (
    "In the search box: Down goes to the results (Up from the first comes back), Enter "
    "opens the highlighted one, Esc returns to the contents. In the contents: arrow keys "
    "move and open, Enter opens a section's overview; a middle click or Ctrl+click on a "
    "chapter or a link opens it in a new tab. The mouse's back and forward buttons go back "
    "and forward; Ctrl+wheel zooms."
)


class ShortcutsDialog(QDialog):
    """Two columns side by side: in one, the list was taller than a 768-pixel laptop screen,
    and a message box squeezed it into narrow wrapped rows."""

    def __init__(self, lines: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        half = (len(lines) + 1) // 2
        self.table = QLabel(
            f"<table><tr><td valign='top'>{_column(lines[:half])}</td><td width='32'></td>"
            f"<td valign='top'>{_column(lines[half:])}</td></tr></table>", self)
        self.table.setTextFormat(Qt.TextFormat.RichText)
        self.table.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.panes = QLabel(PANE_KEYS, self)
        self.panes.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.panes)
        layout.addWidget(buttons)


def _column(lines: list[tuple[str, str]]) -> str:
    rows = "".join(f"<tr><td>{escape(what)}</td><td><b>{escape(keys)}</b></td></tr>"
                   for what, keys in lines)
    return f"<table cellpadding='3'>{rows}</table>"
