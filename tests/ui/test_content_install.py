"""Installing a content update from the window, as a person does it: what they see meanwhile
and after, also when they go on searching or quit before it has finished."""

from __future__ import annotations

import json
import logging
import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from reader.content_archive import pack_content
from reader.content_update import ContentUpdateError, OlderEdition, install_content
from reader.edition_pointer import active_content_dir
from reader.manual import ContentError, Problem, load_manual
from reader.ui.content_install import InstallWorker
from reader.ui.main_window import MainWindow

from ..conftest import CONTENT
from ..test_content_update import edition_archive
from .conftest import activate, opened_in_folders, shown_window


def _update_archive(tmp_path: Path) -> Path:
    """An update of the bundled manual with a newer edition date, 10.3 Amendments gone and
    section 10 retitled."""
    content = tmp_path / "update-content"
    shutil.copytree(CONTENT, content)
    facts = json.loads((content / "manual.json").read_text(encoding="utf-8"))
    facts["edition"] = "2025-03-01"
    (content / "manual.json").write_text(json.dumps(facts), encoding="utf-8")
    contents_path = content / "contents.json"
    contents = json.loads(contents_path.read_text(encoding="utf-8"))
    contents["sections"][9]["items"].pop()  # 10.3 Amendments
    contents["sections"][9]["title"] = "Appendices and Forms"
    contents_path.write_text(json.dumps(contents, indent=2), encoding="utf-8")
    return pack_content(content, tmp_path / "update.zip").archive


def _installed(window: MainWindow) -> bool:
    return window.manual.info.edition.isoformat() == "2025-03-01"


def _warning_of_install(qtbot, window: MainWindow, monkeypatch, archive: Path) -> str:
    """Install from the window; the text of the warning box it ends with."""
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: told.append(text))
    window.install_update(archive)
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    return told[0]


def test_a_search_typed_while_an_update_installs_is_kept_when_it_lands(
        qtbot, window, tmp_path) -> None:
    window.install_update(_update_archive(tmp_path))
    window.focus_search()
    QTest.keyClicks(window.search_box, "amendm")  # the person searches meanwhile
    box = window.search.section_box
    box.setCurrentIndex(box.findData("10"))  # in 10. Appendices
    qtbot.waitUntil(lambda: _installed(window), timeout=30_000)
    # the results stay in view as it lands, not the contents tree until the next key
    assert window.navigator.currentWidget() is window.search
    # the words typed are not wiped under the person's fingers as the new edition comes in
    QTest.keyClicks(QApplication.focusWidget(), "ents")
    assert window.search_box.text() == "amendments"
    assert window.navigator.currentWidget() is window.search
    assert box.currentText() == "10. Appendices and Forms"  # as the new edition names it
    # and answered from the new edition, which has no 10.3 Amendments
    qtbot.waitUntil(lambda: window.search.full_text, timeout=30_000)
    qtbot.waitUntil(lambda: not window.search.answer_pending, timeout=30_000)
    assert window.search.last_result.query == "amendments"
    hits = [window.search.model.index(row, 0).data()
            for row in range(window.search.model.rowCount())]
    assert not any("10.3 Amendments" in hit for hit in hits)


def test_quitting_while_an_update_installs_leaves_its_news_for_the_next_start(
        qtbot, tmp_path) -> None:
    window = shown_window(qtbot)
    window.check_edition_read()  # the bundled edition is the one read here
    window.install_update(_update_archive(tmp_path))
    window.close()  # File > Quit: the install is let finish, unseen
    QApplication.processEvents()  # its answer arrives at the closed window
    assert window.manual.info.edition.isoformat() == "2024-09-02"
    again = MainWindow(load_manual(active_content_dir(CONTENT)))  # the next start
    qtbot.addWidget(again)
    again.check_edition_read()
    again.show()
    assert _installed(again)
    # told that the manual changed, with What's new one click away: it was never shown
    assert again.banner.notice.startswith("The manual has changed since you last used")
    assert again.banner.whats_new_button.isVisible()
    # another edition comes in: its What's new opens, the notice of the last one goes
    again.load_edition(load_manual(CONTENT), changes=[])
    assert "has changed since" not in again.banner.notice


def test_the_progress_never_falls_back_to_nothing_done_after_the_unpacking(
        qtbot, window, tmp_path, monkeypatch) -> None:
    unpacking, checking = threading.Event(), threading.Event()

    def install(archive, progress, **_options) -> None:
        progress("Unpacking the chapters", 40, 100)
        unpacking.wait(30)
        progress("Unpacked", 100, 100)
        progress("Checking the new edition's content", 0, 1)  # the chapters read, uncounted
        checking.wait(30)
        raise ContentUpdateError("stopped here by the test")

    monkeypatch.setattr("reader.ui.content_install.install_content", install)
    monkeypatch.setattr(QMessageBox, "warning", lambda *_args: None)
    window.install_update(tmp_path / "update.zip")
    bar = window.status_widgets.update_progress
    qtbot.waitUntil(lambda: window.statusBar().currentMessage()
                    == "Unpacking the chapters", timeout=30_000)
    try:
        assert bar.isVisible() and bar.text() == "40%"  # how far it has gone
    finally:
        unpacking.set()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage()
                    == "Checking the new edition's content", timeout=30_000)
    try:
        assert bar.isVisible()
        # busy, not back at "0%" as if the install had begun again
        assert bar.maximum() == 0 and bar.text() != "0%"
    finally:
        checking.set()
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=30_000)


@pytest.mark.parametrize("answer", [ContentUpdateError("stopped here by the test"),
                                    OlderEdition("an older edition, by the test")])
def test_an_answer_that_comes_after_quitting_pops_up_no_box(
        qtbot, tmp_path, monkeypatch, answer: Exception) -> None:
    window = shown_window(qtbot)
    boxes: list[str] = []

    def install(archive, progress, **_options) -> None:
        progress("Checking the new edition's content", 0, 1)
        raise answer

    monkeypatch.setattr("reader.ui.content_install.install_content", install)
    for kind in ("warning", "question", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda *_args, kind=kind: boxes.append(kind))
    window.install_update(tmp_path / "update.zip")
    [worker] = window.findChildren(InstallWorker)
    window.close()  # File > Quit while it checks: the check is let finish
    assert worker.isFinished()
    QApplication.processEvents()  # its answers arrive at the closed window
    assert boxes == []  # no box asking or telling the person who has gone


def test_going_back_says_when_there_is_nothing_to_go_back_from_and_asks_first(
        qtbot, window, tmp_path, monkeypatch) -> None:
    told: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))

    def question(_parent, _title, text, *_rest) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    window.remove_update()  # File > Go back to the bundled edition, with no update installed
    assert told == ["No content update is installed: you are reading the edition that came "
                    "with the reader."]
    assert asked == []
    window.install_update(_update_archive(tmp_path))
    qtbot.waitUntil(lambda: _installed(window), timeout=30_000)
    window.remove_update()  # "No": the update stays, and it is still the one being read
    assert len(asked) == 1 and _installed(window)
    assert active_content_dir(CONTENT) == window.manual.root
    qtbot.waitUntil(lambda: window.search.full_text, timeout=30_000)


def test_an_older_edition_turned_down_is_said_and_nothing_changes(
        qtbot, window, tmp_path, monkeypatch) -> None:
    def install(archive, progress, *, allow_older: bool = False, **_options) -> None:
        raise (ContentUpdateError("installed, by the test") if allow_older
               else OlderEdition("an older edition, by the test"))

    monkeypatch.setattr("reader.ui.content_install.install_content", install)
    monkeypatch.setattr(QMessageBox, "warning", lambda *_args: None)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *_rest: asked.append(text)
                        or QMessageBox.StandardButton.No)
    window.install_update(tmp_path / "update.zip")
    qtbot.waitUntil(lambda: bool(asked), timeout=30_000)
    assert asked[0].startswith("An older edition, by the test\n\nInstall it anyway")
    assert window.statusBar().currentMessage() == (
        "The older content update was not installed; nothing was changed")
    assert not window.status_widgets.update_progress.isVisible()


def test_a_file_dialog_closed_without_a_choice_starts_nothing(window, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: ("", ""))
    for kind in ("warning", "question"):  # what a wrongly started install would ask or say
        monkeypatch.setattr(QMessageBox, kind, lambda *_args: QMessageBox.StandardButton.No)
    window.install_update()  # File > Install content update..., then Cancel
    assert window.findChildren(InstallWorker) == []
    assert not window.status_widgets.update_progress.isVisible()


def test_an_unexpected_failure_is_said_in_words_and_changes_nothing(
        qtbot, window, tmp_path, monkeypatch) -> None:
    def install(archive, progress, **_options) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("reader.ui.content_install.install_content", install)
    told = _warning_of_install(qtbot, window, monkeypatch, tmp_path / "update.zip")
    assert told.startswith("The update could not be installed (")
    assert "No space left on device" in told and "Nothing was changed" in told
    assert window.manual.info.edition.isoformat() == "2024-09-02"


def test_the_search_of_the_edition_left_never_answers_after_the_switch(
        qtbot, window, tmp_path) -> None:
    from reader.search_titles import TitleSearcher

    _update_archive(tmp_path)
    window.start_search()
    left = window.index_loader
    window.load_edition(load_manual(tmp_path / "update-content"), changes=[])
    # the titles of the edition left, sent just before the switch and arriving after it
    left.titles_ready.emit(TitleSearcher(load_manual(CONTENT)))
    window.search_box.setText("amendments")
    qtbot.waitUntil(lambda: window.search.last_result is not None
                    and window.search.last_result.query == "amendments", timeout=30_000)
    hits = [window.search.model.index(row, 0).data()
            for row in range(window.search.model.rowCount())]
    assert not any("10.3 Amendments" in hit for hit in hits)  # gone from the edition read


def test_an_installed_edition_the_window_cannot_read_is_not_called_unchanged(
        qtbot, window, tmp_path, monkeypatch) -> None:
    def unreadable(root: Path):
        raise ContentError(Problem(root / "contents.json", None, "cannot be read"))

    archive = _update_archive(tmp_path)
    monkeypatch.setattr("reader.ui.content_install.load_manual", unreadable)
    told = _warning_of_install(qtbot, window, monkeypatch, archive)
    # it was installed: the next start reads it, so "nothing was changed" would be untrue
    assert active_content_dir() != CONTENT
    assert told.startswith("The edition of 1 March 2025 was installed, but it cannot be read: ")
    assert "Nothing was changed" not in told
    assert "File > Go back to the bundled edition" in told
    assert window.manual.info.edition.isoformat() == "2024-09-02"  # still the one open
    assert window.statusBar().currentMessage() == (
        "The edition of 1 March 2025 was installed but cannot be read; you are still reading "
        "the edition you had open")


def test_a_window_open_while_updates_are_installed_elsewhere_reads_the_new_edition(
        qtbot, tmp_path) -> None:
    install_content(edition_archive(tmp_path, "2025-03-01"))
    window = MainWindow(load_manual(active_content_dir()))  # a window on that update
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_entry("1.1.1")
    elsewhere = shown_window(qtbot)  # the person works in another window meanwhile
    activate(qtbot, elsewhere)
    # IT's login script, or the other window, installs two updates in turn: the second
    # removes the folder of the edition the first window was reading
    install_content(edition_archive(tmp_path, "2025-04-01"))
    install_content(edition_archive(tmp_path, "2025-05-01"))
    activate(qtbot, window)
    assert window.status_widgets.edition_label.text() == "Edition of 1 May 2025"
    # the switch is said, What's new beside the chapter, as an install in this window does
    assert window.chapter.current == ("page", "whats-new")
    assert "edition of 1 May 2025" in window.statusBar().currentMessage()
    reading = next(view for view in window.tabs.views() if view.current[0] == "entry")
    text = reading.toPlainText()
    assert "could not be read" not in text
    assert "Strengths Based Approach for all work with children" in text


def test_a_damaged_edition_record_is_read_once_not_at_each_activation(
        qtbot, caplog: pytest.LogCaptureFixture) -> None:
    from reader.edition_pointer import POINTER_NAME
    from reader.userdata import data_dir

    window = shown_window(qtbot)  # the bundled edition
    elsewhere = shown_window(qtbot)
    data_dir().mkdir(parents=True, exist_ok=True)
    (data_dir() / POINTER_NAME).write_text("{ half a record", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="reader.edition_pointer"):
        for _ in range(3):  # the person goes back and forth between the windows
            activate(qtbot, elsewhere)
            activate(qtbot, window)
    # said once for each window, not at each of six activations: the log stays readable
    assert sum("cannot be used" in r.getMessage() for r in caplog.records) == 2
    assert window.manual.root == CONTENT  # and it goes on reading the bundled edition


def test_the_install_is_still_said_once_the_new_editions_search_is_ready(
        qtbot, window, tmp_path) -> None:
    window.install_update(_update_archive(tmp_path))
    qtbot.waitUntil(lambda: _installed(window), timeout=30_000)
    # the new edition's index is built a moment later: the confirmation must not vanish then
    qtbot.waitUntil(lambda: window.search.full_text, timeout=30_000)
    qtbot.waitUntil(lambda: window.index_loader is None, timeout=30_000)
    message = window.statusBar().currentMessage()
    assert message.startswith("Installed the edition of 1 March 2025: 0 added, 1 removed")
    assert "Search now looks in the chapters' text" in message


@pytest.mark.parametrize("reason,shown", [
    ("another content update is being installed or removed right now",
     "Another content update is being installed or removed right now"),
    ("v2.zip: a file in it has changed since it was packed",  # a name, as it is spelt
     "v2.zip: a file in it has changed since it was packed"),
])
def test_a_refusal_in_a_box_begins_as_a_sentence(
        qtbot, window, tmp_path, monkeypatch, reason: str, shown: str) -> None:
    # worded for the command line, after "error: ", it began the box in lower case
    def install(archive, progress, **_options) -> None:
        raise ContentUpdateError(reason)

    monkeypatch.setattr("reader.ui.content_install.install_content", install)
    told = _warning_of_install(qtbot, window, monkeypatch, tmp_path / "v2.zip")
    assert told.startswith(f"{shown}\n\nNothing was changed")


def test_enter_at_the_question_before_going_back_keeps_the_update(
        qtbot, window, tmp_path) -> None:
    # Enter pressed out of habit, or a second time after the menu, must not drop the newer
    # edition: the box starts on No, as the question before an older edition does
    window.install_update(_update_archive(tmp_path))
    qtbot.waitUntil(lambda: _installed(window), timeout=30_000)
    seen: list[str] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(10, press_enter)  # not shown yet
            return
        seen.append(box.text())
        QTest.keyClick(box, Qt.Key.Key_Return)
        if box.isVisible():  # the test fails below, rather than waiting here for ever
            box.reject()

    QTimer.singleShot(0, press_enter)
    window.remove_update()  # File > Go back to the bundled edition
    assert seen and seen[0].startswith("Remove the installed content update")
    assert _installed(window)
    assert active_content_dir(CONTENT) == window.manual.root
    qtbot.waitUntil(lambda: window.search.full_text, timeout=30_000)


def test_the_file_dialog_for_an_update_opens_in_documents_not_the_programs_folder(
        window, monkeypatch, started_from_a_shortcut: Path) -> None:
    # started from a shortcut, the working folder is the reader's own (or the system's):
    # the update saved in Documents had to be looked for from there
    opened_in = opened_in_folders(monkeypatch)
    window.install_update()  # File > Install content update...
    assert opened_in == [started_from_a_shortcut]


def test_a_bundled_edition_unreadable_after_going_back_is_in_the_log_as_in_the_box(
        qtbot, window, tmp_path, monkeypatch, caplog) -> None:
    window.install_update(_update_archive(tmp_path))
    qtbot.waitUntil(lambda: _installed(window), timeout=30_000)
    qtbot.waitUntil(lambda: window.search.full_text, timeout=30_000)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: told.append(text))

    def unreadable(_root: Path) -> None:
        raise ContentError("contents.json: cannot be read")

    monkeypatch.setattr("reader.ui.content_install.load_manual", unreadable)
    with caplog.at_level(logging.ERROR):
        window.remove_update()
    assert told and "cannot be read" in told[0]
    # IT, asked why the window said so, find it in the log too
    assert any("contents.json: cannot be read" in r.getMessage() for r in caplog.records)
