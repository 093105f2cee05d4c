"""The status bar's own words: content problems, messages that go with their page."""

from __future__ import annotations

from pathlib import Path

from reader.manual import Problem
from reader.ui.status_widgets import problem_message

from ..conftest import number_twice, tooltip_as_seen


def test_a_problem_names_its_file_in_the_content_folder_and_counts_the_rest(
        tmp_path: Path) -> None:
    first = Problem(tmp_path / "chapters" / "looked-after.md", 12, "a table has no header row")
    other = Problem(tmp_path / "contents.json", None, "an entry has no title")
    assert problem_message([first], tmp_path) == (
        "A table has no header row \u2014 chapters/looked-after.md, line 12")
    assert problem_message([first, other], tmp_path).endswith(
        "line 12; 1 more problem in the log")
    assert problem_message([first, other, other], tmp_path).endswith(
        "line 12; 2 more problems in the log")


def test_a_problem_outside_the_content_folder_is_named_by_its_file_alone(
        tmp_path: Path) -> None:
    elsewhere = Problem(tmp_path.parent / "vocabulary.json", None, "a synonym is empty")
    assert problem_message([elsewhere], tmp_path / "content") == (
        "A synonym is empty \u2014 vocabulary.json")


def test_a_page_message_goes_with_its_page_but_a_later_one_stays(window) -> None:
    window.open_entry("1.1.1")
    window.show_page_status("12 matches: F3 for the next, Shift+F3 for the previous")
    window.show_status("Bookmarked 1.1.1 Children's Services Policies, Values and Principles")
    window.open_entry("6.7.6")  # the matches message is no longer on screen to go
    assert window.statusBar().currentMessage().startswith("Bookmarked 1.1.1")
    window.show_page_status("3 matches: F3 for the next, Shift+F3 for the previous")
    window.open_entry("1.1.1")
    assert window.statusBar().currentMessage() == ""  # not "3 matches" on another page


def test_search_preparation_shows_while_under_way_and_then_goes(window) -> None:
    progress = window.status_widgets.index_progress
    assert not progress.isVisible()
    window.status_widgets.show_index_progress(3, 10)
    assert progress.isVisible() and progress.text() == "Preparing search 30%"
    window.status_widgets.show_index_progress(10, 10)
    assert not progress.isVisible()


def test_no_content_problems_no_warning_in_the_status_bar(window) -> None:
    assert not window.manual.problems
    assert not window.status_widgets.problems_button.isVisible()


def test_a_long_message_in_the_status_bar_tip_shows_as_written(window) -> None:
    # a file name or a chapter title in a message may hold what looks like a tag
    message = "Could not open <h1>Forms</h1> & <b>notes</b>.docx " + "in a long folder name " * 20
    window.status_widgets.show_message(message)
    tip = window.statusBar().toolTip()
    assert tip and tooltip_as_seen(tip) == message


def test_a_heading_with_a_tag_in_its_words_has_a_tip_that_shows_them(window) -> None:
    from reader.render import Heading

    window.outline.set_headings((Heading(2, "Use of <b> and <i> in the form", "h-1"),
                                 Heading(2, "Second", "h-2")), {"h-1": 0.0, "h-2": 0.5})
    item = window.outline.list.item(0)
    assert tooltip_as_seen(item.toolTip()) == "Use of <b> and <i> in the form"


def test_content_problems_found_at_start_are_said_once(qtbot, content_copy: Path,
                                                      monkeypatch) -> None:
    from reader.manual import load_manual
    from reader.ui.main_window import MainWindow

    number_twice(content_copy)
    from PySide6.QtGui import QAccessible

    said: list[str] = []  # as a screen reader listening would hear it

    def update(event) -> None:
        if event.type() == QAccessible.Event.Announcement and "problem" in event.message():
            said.append(event.message())

    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(update))
    win = MainWindow(load_manual(content_copy))
    qtbot.addWidget(win)
    win.show()
    # on the status bar only, a screen reader said nothing of it, and the manual seemed whole
    qtbot.waitUntil(lambda: said != [], timeout=1000)
    win.statusBar().repaint()
    qtbot.wait(50)
    assert said == ["The content has 1 problem; the rest of the manual opens as usual"]
    assert win.statusBar().currentMessage() == said[0]


def test_the_content_problems_details_are_reached_with_tab(qtbot, window, monkeypatch) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QTextEdit

    problems = [Problem(window.manual.root / "contents.json", 1, f"problem {n}")
                for n in range(30)]
    monkeypatch.setattr(window.manual, "problems", problems)
    boxes: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box) or box.show())
    window.status_widgets.show_problems()
    [box] = boxes
    qtbot.addWidget(box)
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow)
    next(b for b in box.findChildren(QPushButton) if "Details" in b.text()).click()
    details = box.findChild(QTextEdit)
    reached = []
    for _stop in range(4):  # OK, Show Details, the list, and round
        QApplication.processEvents()
        reached.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    # Tab went round the two buttons only: 30 problems, and only the mouse could scroll them
    assert details in reached
    assert details.accessibleName() == "Problems found"
    details.setFocus()
    qtbot.keyClick(details, Qt.Key.Key_PageDown)
    assert details.verticalScrollBar().value() > 0


def read_again(window) -> str:
    """The status bar as a screen reader reads it on request (NVDA+End): its accessible name."""
    from PySide6.QtGui import QAccessible

    return QAccessible.queryAccessibleInterface(window.statusBar()).text(QAccessible.Text.Name)


def test_the_status_message_can_be_read_again_until_it_goes(window) -> None:
    assert read_again(window) == ""
    window.open_entry("1.1.1")
    window.show_page_status("3 matches: F3 for the next, Shift+F3 for the previous")
    # painted only: a person who missed its announcement found nothing there to read
    assert read_again(window) == "3 matches: F3 for the next, Shift+F3 for the previous"
    window.open_entry("6.7.6")  # taken down with its page
    assert read_again(window) == ""
    window.show_status("Navigation pane shown")
    window.statusBar().clearMessage()  # as its time running out does
    assert read_again(window) == ""


def test_a_message_cut_short_in_the_bar_is_read_whole(window) -> None:
    from PySide6.QtGui import QStatusTipEvent
    from PySide6.QtWidgets import QApplication

    message = "Removed the bookmark for 1.1.1 " + "a chapter with a long title " * 20
    window.status_widgets.show_message(message)
    assert window.statusBar().currentMessage().endswith("\u2026")
    assert read_again(window) == message  # not its first words and "…"
    # cut to the same words as the one before: the bar does not change, what is read does
    other = message + "and more"
    window.status_widgets.show_message(other)
    assert read_again(window) == other
    window.status_widgets.take_down(other)
    assert read_again(window) == ""
    window.status_widgets.show_message(message)
    QApplication.sendEvent(window, QStatusTipEvent("Print the open page"))  # a menu item's tip
    assert read_again(window) == "Print the open page"
    window.status_widgets.show_message("Saved 3 pages to notes.pdf")  # whole in the bar
    assert read_again(window) == "Saved 3 pages to notes.pdf"


def test_a_bookmark_made_with_ctrl_d_is_said_once_and_can_be_read_again(
        qtbot, window, monkeypatch) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAccessible

    said: list[str] = []

    def update(event) -> None:
        if event.type() == QAccessible.Event.Announcement:
            said.append(event.message())

    window.open_entry("1.1.1")
    window.chapter.setFocus()
    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(update))
    qtbot.keyClick(window.chapter, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    shown = window.statusBar().currentMessage()
    assert shown.startswith("Bookmarked 1.1.1")
    assert said == [shown]
    assert read_again(window) == shown
    qtbot.keyClick(window.chapter, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert said[1:] == [window.statusBar().currentMessage()] == [read_again(window)]
    assert said[1].startswith("Removed the bookmark for 1.1.1")


def test_a_message_goes_after_ten_seconds(window, monkeypatch) -> None:
    shown: list[tuple[str, int]] = []
    bar = window.statusBar()
    monkeypatch.setattr(bar, "showMessage", lambda text, ms=0: shown.append((text, ms)))
    window.status_widgets.show_message("Saved 3 pages to notes.pdf")
    assert shown == [("Saved 3 pages to notes.pdf", 10_000)]  # not there for good


def test_a_message_keeps_clear_of_the_widgets_and_is_whole_again_in_a_wider_window(
        qtbot, window) -> None:
    widgets = window.status_widgets
    widgets.show_index_progress(3, 10)  # two widgets at the right: the message stops at both
    window.resize(700, window.height())
    qtbot.waitUntil(lambda: widgets.index_progress.x() < widgets.edition_label.x())
    message = "Removed the bookmark for 1.1.1 " + "a chapter with a long title " * 4
    widgets.show_message(message)
    bar = window.statusBar()
    cut = bar.currentMessage()
    assert cut.endswith("\u2026")
    assert bar.fontMetrics().horizontalAdvance(cut) < widgets.index_progress.x()
    window.resize(1900, window.height())
    qtbot.waitUntil(lambda: bar.currentMessage() == message)  # fitted again to the new room


def test_one_content_problem_is_told_in_the_singular_with_where_the_log_is(
        window, monkeypatch, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    problem = Problem(window.manual.root / "contents.json", 1, "an entry has no title")
    monkeypatch.setattr(window.manual, "problems", [problem])
    monkeypatch.setattr(window.status_widgets, "log_file", tmp_path / "reader.log")
    boxes: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box))
    window.status_widgets.show_problems()
    [box] = boxes
    assert box.text().startswith("1 problem was found in the content.")
    assert box.informativeText() == (
        f"Details are also written to the log: {tmp_path / 'reader.log'}")


def help_menu_item(window, words: str):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    return next(a for a in help_menu.actions() if words in a.text().replace("&", ""))


def test_the_help_menu_says_where_the_log_is_and_opens_its_folder(
        window, monkeypatch, tmp_path: Path) -> None:
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    # IT staff asked to help need the file every problem told in a box is recorded in
    log_file = tmp_path / "logs" / "reader.log"
    monkeypatch.setattr(window.status_widgets, "log_file", log_file)
    boxes: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box))
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    help_menu_item(window, "Where the log is").trigger()
    [box] = boxes
    assert str(log_file) in box.text()
    [opener] = [b for b in box.buttons() if b.text() == "Open the folder"]
    opener.click()
    assert opened == [str(log_file.parent)]


def test_the_help_menu_says_when_this_run_has_no_log(window, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(window.status_widgets, "log_file", None)
    boxes: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box))
    help_menu_item(window, "Where the log is").trigger()
    [box] = boxes
    assert "cannot be written" in box.text()
    assert len(box.buttons()) == 1  # no folder to open
