"""An update installed while the reader was closed is said once, at the next start."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.cli import main
from reader.content_archive import pack_content
from reader.content_update import install_content, uninstall_content
from reader.manual import load_manual
from reader.ui.main_window import MainWindow

from ..conftest import CONTENT

CHAPTER = "chapters/childrens-services-policies-values-and-principles.md"
REISSUED = ("The manual has changed since you last used the reader: this edition of 1 March "
            "2025 was re-issued, with changes, since you last read it.")


def _later_archive(tmp_path: Path, *, corrected: str = "") -> Path:
    """An update to the edition of 1 March 2025; `corrected`: the same edition issued again,
    its date left as it was, with a phrase of a chapter written so."""
    name = f"reissue-{corrected.replace(' ', '-')}" if corrected else "update"
    content = tmp_path / f"{name}-content"
    shutil.copytree(CONTENT, content)
    facts = json.loads((content / "manual.json").read_text(encoding="utf-8"))
    facts["edition"] = "2025-03-01"
    (content / "manual.json").write_text(json.dumps(facts), encoding="utf-8")
    if corrected:
        chapter = content / CHAPTER
        text = chapter.read_text(encoding="utf-8")
        chapter.write_text(text.replace("Strengths Based Approach", corrected),
                           encoding="utf-8")
    return pack_content(content, tmp_path / f"{name}.zip").archive


def _start(windows_shown: list[MainWindow], monkeypatch) -> MainWindow:
    """A start of the reader as the person makes it; the window as it is once shown."""
    monkeypatch.setattr(QApplication, "exec", lambda _app: 0)
    assert main([]) == 0
    return windows_shown[-1]


def test_an_update_installed_while_closed_is_said_once_at_the_next_start(
        qtbot, monkeypatch, windows_shown, tmp_path) -> None:
    running = QApplication.exec
    first = _start(windows_shown, monkeypatch)
    # a first start has nothing to compare (the banner may say the edition is old)
    assert "since you last used" not in first.banner.notice
    assert not first.banner.whats_new_button.isVisibleTo(first)
    install_content(_later_archive(tmp_path))  # a login script, with the reader closed
    monkeypatch.setattr(QApplication, "exec", running)
    # a screenshot taken meanwhile (a script, the help's pictures) is no start of the person's
    assert main(["--screenshot", str(tmp_path / "shot.png")]) == 0
    updated = _start(windows_shown, monkeypatch)
    assert updated.banner.isVisibleTo(updated)
    assert updated.banner.label.isVisibleTo(updated)
    assert updated.banner.notice.startswith(
        "The manual has changed since you last used the reader: this is the edition of "
        "1 March 2025, and you last read the edition of 2 September 2024.")
    assert QApplication.activeModalWidget() is None  # nothing stands in the way of reading
    button = updated.banner.whats_new_button
    assert button.isVisibleTo(updated)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert updated.chapter.toPlainText().startswith("What's new in this edition")
    assert "Changed from the edition read before" in updated.chapter.toPlainText()
    again = _start(windows_shown, monkeypatch)  # told once: not at every start
    assert again.manual.info.edition.isoformat() == "2025-03-01"
    assert "since you last used" not in again.banner.notice
    assert not again.banner.whats_new_button.isVisibleTo(again)


def test_a_start_on_the_edition_last_read_writes_nothing(monkeypatch, windows_shown) -> None:
    from reader.edition_read import edition_read_path

    _start(windows_shown, monkeypatch)
    record = edition_read_path()
    os.utime(record, ns=(0, 0))  # as if written long ago
    _start(windows_shown, monkeypatch)
    assert record.stat().st_mtime_ns == 0  # read, and left as it was


def test_whats_new_in_the_banner_is_reached_by_tab(qtbot, monkeypatch, windows_shown,
                                                  tmp_path) -> None:
    _start(windows_shown, monkeypatch).close()
    install_content(_later_archive(tmp_path))
    window = _start(windows_shown, monkeypatch)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.contents.tree.setFocus()
    order = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    # as laid out: the notice (its link ready for Enter), its button, its close button
    banner = window.banner
    assert order == [banner.label, banner.whats_new_button, banner.close_button]


def test_a_screen_reader_is_told_that_the_manual_changed(qtbot, monkeypatch, windows_shown,
                                                        tmp_path) -> None:
    said: list[str] = []
    monkeypatch.setattr("reader.ui.main_window.announce", lambda _source, text: said.append(text))
    _start(windows_shown, monkeypatch).close()
    install_content(_later_archive(tmp_path))
    window = _start(windows_shown, monkeypatch)
    window.show()  # the start's event loop was cut short before a paint
    qtbot.waitUntil(lambda: any("The manual has changed" in text for text in said))


def test_an_update_removed_while_closed_is_said_without_what_changed(
        qtbot, monkeypatch, windows_shown, tmp_path) -> None:
    install_content(_later_archive(tmp_path))
    _start(windows_shown, monkeypatch)  # read the update
    uninstall_content()  # IT takes it away again, with the reader closed
    back = _start(windows_shown, monkeypatch)
    assert back.banner.notice.startswith(
        "The manual has changed since you last used the reader: this is the edition of "
        "2 September 2024, older than the edition of 1 March 2025 you last read.")
    # What's new would list this edition's marks, not what was taken away
    assert not back.banner.whats_new_button.isVisibleTo(back)


def test_whats_new_in_the_notice_takes_the_keys_to_the_list_of_changes(
        qtbot, monkeypatch, windows_shown, tmp_path) -> None:
    _start(windows_shown, monkeypatch).close()
    install_content(_later_archive(tmp_path))
    window = _start(windows_shown, monkeypatch)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    button = window.banner.whats_new_button
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert window.current == ("page", "whats-new")
    # where a screen reader reads on, as after Enter on a bookmark; not left on the button
    assert QApplication.focusWidget() is window.chapter


def test_an_edition_re_issued_while_closed_is_said_once_at_the_next_start(
        qtbot, monkeypatch, windows_shown, tmp_path) -> None:
    install_content(_later_archive(tmp_path))
    _start(windows_shown, monkeypatch)  # read the first issue
    # the same date, a chapter corrected
    install_content(_later_archive(tmp_path, corrected="strengths-based approach"))
    reissued = _start(windows_shown, monkeypatch)
    assert reissued.banner.isVisibleTo(reissued)
    assert reissued.banner.notice.startswith(REISSUED)
    button = reissued.banner.whats_new_button
    assert button.isVisibleTo(reissued)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "Children's Services Policies, Values and Principles: text changed" in \
        reissued.chapter.toPlainText()
    again = _start(windows_shown, monkeypatch)  # told once
    assert "since you last used" not in again.banner.notice
    assert not again.banner.whats_new_button.isVisibleTo(again)


def test_a_start_on_the_update_last_read_says_nothing_and_writes_nothing(
        monkeypatch, windows_shown, tmp_path) -> None:
    from reader.edition_read import edition_read_path

    install_content(_later_archive(tmp_path))
    _start(windows_shown, monkeypatch)
    record = edition_read_path()
    os.utime(record, ns=(0, 0))
    window = _start(windows_shown, monkeypatch)
    assert "since you last used" not in window.banner.notice
    assert record.stat().st_mtime_ns == 0


@pytest.mark.parametrize("kept", [
    '{"format": 1, "edition": "2025-03-01"}',  # kept before issues were told apart
    "{not json",  # damaged: a first start
])
def test_a_record_without_the_issue_read_goes_on_working(
        monkeypatch, windows_shown, tmp_path, kept: str) -> None:
    from reader.edition_read import edition_read_path

    install_content(_later_archive(tmp_path))
    record = edition_read_path()
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(kept, encoding="utf-8")
    first = _start(windows_shown, monkeypatch)  # the first start of a reader that tells them
    assert "since you last used" not in first.banner.notice  # nothing says it changed
    install_content(_later_archive(tmp_path, corrected="strengths-based approach"))
    reissued = _start(windows_shown, monkeypatch)  # which issue was read is kept from now on
    assert reissued.banner.notice.startswith(REISSUED)


def test_a_re_issue_installed_in_the_window_is_kept_as_the_issue_read(
        monkeypatch, windows_shown, tmp_path) -> None:
    install_content(_later_archive(tmp_path))
    window = _start(windows_shown, monkeypatch)
    result = install_content(_later_archive(tmp_path, corrected="strengths-based approach"))
    window.load_edition(load_manual(result.path), changes=result.diff.lines())  # as the menu
    window.close()
    again = _start(windows_shown, monkeypatch)  # its What's new was shown then
    assert "since you last used" not in again.banner.notice
    again.close()
    # corrected once more, from a login script with the reader closed
    install_content(_later_archive(tmp_path, corrected="Strength Based Approach"))
    assert _start(windows_shown, monkeypatch).banner.notice.startswith(REISSUED)


def test_a_new_reader_whose_bundled_edition_changed_under_its_date_is_said_once(
        monkeypatch, windows_shown, tmp_path) -> None:
    import reader.cli

    bundled = tmp_path / "bundled"
    shutil.copytree(CONTENT, bundled)
    monkeypatch.setattr(reader.cli, "BUNDLED_CONTENT", bundled)
    _start(windows_shown, monkeypatch).close()  # the reader as it was
    chapter = bundled / CHAPTER  # the next release: a chapter corrected, the date kept
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "Strengths Based Approach", "strengths-based approach"), encoding="utf-8")
    assert main(["write-manifest", "--content", str(bundled)]) == 0
    updated = _start(windows_shown, monkeypatch)
    # the bundled edition keeps no list of its changes: What's new would show the same marks
    assert updated.banner.notice.startswith(
        "The manual has changed since you last used the reader: this edition of 2 September "
        "2024 was re-issued, with changes, since you last read it. Which chapters changed is "
        "not recorded, so check the ones you rely on.")
    assert not updated.banner.whats_new_button.isVisibleTo(updated)
    updated.close()
    assert "since you last used" not in _start(windows_shown, monkeypatch).banner.notice
