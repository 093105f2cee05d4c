"""Installing a content update from the window, as a person does it: what they see meanwhile
and after, also when they go on searching or quit before it has finished."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from reader.content_archive import pack_content
from reader.content_update import ContentUpdateError, OlderEdition
from reader.edition_pointer import active_content_dir
from reader.manual import load_manual
from reader.ui.content_install import InstallWorker
from reader.ui.main_window import MainWindow

from ..conftest import CONTENT
from .conftest import shown_window


def _update_archive(tmp_path: Path) -> Path:
    """An update of the bundled manual with a newer edition date and 10.3 Amendments gone."""
    content = tmp_path / "update-content"
    shutil.copytree(CONTENT, content)
    facts = json.loads((content / "manual.json").read_text(encoding="utf-8"))
    facts["edition"] = "2025-03-01"
    (content / "manual.json").write_text(json.dumps(facts), encoding="utf-8")
    contents_path = content / "contents.json"
    contents = json.loads(contents_path.read_text(encoding="utf-8"))
    contents["sections"][9]["items"].pop()  # 10.3 Amendments
    contents_path.write_text(json.dumps(contents, indent=2), encoding="utf-8")
    return pack_content(content, tmp_path / "update.zip").archive


def _installed(window: MainWindow) -> bool:
    return window.manual.info.edition.isoformat() == "2025-03-01"


def test_a_search_typed_while_an_update_installs_is_kept_when_it_lands(
        qtbot, window, tmp_path) -> None:
    window.install_update(_update_archive(tmp_path))
    window.focus_search()
    QTest.keyClicks(window.search_box, "amendm")  # the person searches meanwhile
    box = window.search.section_box
    box.setCurrentIndex(box.findData("10"))  # in 10. Appendices
    qtbot.waitUntil(lambda: _installed(window), timeout=30_000)
    # the words typed are not wiped under the person's fingers as the new edition comes in
    QTest.keyClicks(QApplication.focusWidget(), "ents")
    assert window.search_box.text() == "amendments"
    assert window.navigator.currentWidget() is window.search  # the results, not the contents
    assert box.currentText() == "10. Appendices"
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


def test_the_progress_never_falls_back_to_nothing_done_after_the_unpacking(
        qtbot, window, tmp_path, monkeypatch) -> None:
    checking = threading.Event()

    def install(archive, progress, **_options) -> None:
        progress("Unpacked", 100, 100)
        progress("Checking the new edition's content", 0, 1)  # the chapters read, uncounted
        checking.wait(30)
        raise ContentUpdateError("stopped here by the test")

    monkeypatch.setattr("reader.ui.content_install.install_content", install)
    monkeypatch.setattr(QMessageBox, "warning", lambda *_args: None)
    window.install_update(tmp_path / "update.zip")
    qtbot.waitUntil(lambda: window.statusBar().currentMessage()
                    == "Checking the new edition's content", timeout=30_000)
    bar = window.status_widgets.update_progress
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
