"""The Preferences dialog shows the settings as saved and gives back what the person chose."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from reader.settings import Settings
from reader.ui.preferences import PreferencesDialog


def test_the_dialog_opens_on_the_saved_choices_and_gives_back_the_new_ones(qtbot) -> None:
    saved = Settings(theme="high-contrast", stale_after_months=18, restore_session=False,
                     zoom_steps=3)
    dialog = PreferencesDialog(saved)
    qtbot.addWidget(dialog)
    assert dialog.theme.currentText() == "High contrast"
    assert dialog.months.text() == "18 months"
    assert not dialog.restore.isChecked()
    assert dialog.chosen() == saved  # nothing changed, nothing lost
    dialog.theme.setCurrentIndex(dialog.theme.findData("system"))
    dialog.months.setValue(0)  # no warning at once: a month is the least
    assert dialog.months.text() == "1 month"
    dialog.months.setValue(500)
    assert dialog.months.text() == "120 months"
    dialog.restore.setChecked(True)
    assert dialog.chosen() == Settings(theme="system", stale_after_months=120,
                                       restore_session=True, zoom_steps=3)
    one = PreferencesDialog(Settings(stale_after_months=1))
    qtbot.addWidget(one)
    assert one.months.text() == "1 month"  # not "1 months"


def test_cancel_keeps_nothing(qtbot) -> None:
    dialog = PreferencesDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected
