"""The Preferences dialog: theme and when to warn that the edition may be out of date."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from reader.settings import THEMES, Settings
from reader.ui.text_sized_arrows import text_sized_box_arrows
from reader.ui.theme import THEME_LABELS, text_sized_box


class PreferencesDialog(QDialog):
    """Edits a copy of the settings; `chosen()` gives the result after Accept."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._settings = settings
        self.theme = QComboBox(self)
        for name in THEMES:
            self.theme.addItem(THEME_LABELS.get(name, name), name)
        self.theme.setCurrentIndex(THEMES.index(settings.theme))
        self.theme.setAccessibleName("Theme")
        self.theme.setAccessibleDescription("Colours of the window and the chapter text")
        self.months = QSpinBox(self)
        self.months.setRange(1, 120)
        self.months.valueChanged.connect(self._name_months)
        self.months.setValue(settings.stale_after_months)
        self._name_months(self.months.value())  # setValue(1) changes nothing, so says nothing
        for box in (self.theme, self.months):
            text_sized_box_arrows(box)  # in large text, arrows as large as its words
        self.months.setAccessibleName("Warn when the edition is older than")
        self.months.setAccessibleDescription(
            "After this many months a notice says the procedures may have changed since"
        )
        # every tab comes back, not one chapter: said so, lest unticking it seem pointless
        # to someone who keeps several open
        self.restore = QCheckBox("&Reopen the tabs from last time at start", self)
        text_sized_box(self.restore)  # in large text, a box as tall as its words
        self.restore.setChecked(settings.restore_session)
        self.restore.setAccessibleName("Reopen the tabs from last time at start")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow("&Theme:", self.theme)
        layout.addRow("&Warn when the edition is older than:", self.months)
        layout.addRow(self.restore)
        layout.addRow(buttons)

    def _name_months(self, months: int) -> None:
        self.months.setSuffix(" month" if months == 1 else " months")  # not "1 months"

    def chosen(self) -> Settings:
        return replace(
            self._settings,
            theme=str(self.theme.currentData()),
            stale_after_months=self.months.value(),
            restore_session=self.restore.isChecked(),
        ).checked()
