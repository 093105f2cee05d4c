"""Every control of the window has a name a screen reader can announce."""

from __future__ import annotations

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QTreeView,
    QWidget,
)

from reader.manual import load_manual
from reader.ui.main_window import MainWindow

from ..conftest import CONTENT
from .accessibility import controls_missing_accessible_names


def test_main_window_controls_all_have_names(qtbot) -> None:
    window = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert controls_missing_accessible_names(window) == []
    # panes not on screen yet (stacked pages, hidden notices) are named before they appear
    assert controls_missing_accessible_names(window, visible_only=False) == []


class Form(QWidget):
    """Named and unnamed controls side by side, to show the helper tells them apart."""

    def __init__(self) -> None:
        super().__init__()
        layout = QFormLayout(self)
        self.labelled = QLineEdit(self)
        layout.addRow("&Chapter number:", self.labelled)  # a QLabel with this buddy
        self.named = QLineEdit(self)
        self.named.setAccessibleName("Filter")
        self.unnamed = QLineEdit(self)
        self.unnamed.setPlaceholderText("Type here")
        self.text_button = QPushButton("&Open", self)
        self.action_button = QToolButton(self)
        self.action_button.setDefaultAction(QAction(QIcon(), "Back", self.action_button))
        self.icon_button = QToolButton(self)
        self.choices = QComboBox(self)
        self.choices.addItems(["Light", "Dark"])
        self.tree = QTreeView(self)
        self.hidden = QLineEdit(self)
        for widget in (self.named, self.unnamed, self.text_button, self.action_button,
                       self.icon_button, self.choices, self.tree, self.hidden):
            layout.addRow(widget)
        self.hidden.hide()


def test_helper_lists_exactly_the_unnamed_controls(qtbot) -> None:
    form = Form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    assert controls_missing_accessible_names(form) == [
        "Form.unnamed (QLineEdit)",
        "Form.icon_button (QToolButton)",
        "Form.choices (QComboBox)",
        "Form.tree (QTreeView)",
    ]
    assert "Form.hidden (QLineEdit)" in controls_missing_accessible_names(form, False)
