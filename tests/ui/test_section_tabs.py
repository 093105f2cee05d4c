"""Tabs on a section's list keep their section when a new edition renumbers sections."""

from __future__ import annotations

from pathlib import Path

from reader.manual import load_manual
from reader.session import Session, TabState, load_session
from reader.ui.main_window import MainWindow

from ..conftest import CONTENT
from ..section_editions import NEW_SUBSECTION, later_edition
from .conftest import activate


def _window(qtbot, content: Path) -> MainWindow:
    win = MainWindow(load_manual(content))
    qtbot.addWidget(win)
    return win


def _saved_with_section_6_4(qtbot) -> Session:
    win = _window(qtbot, CONTENT)
    win.open_section("6.4")
    assert win.chapter.page.title == "6.4 Monitoring and Reviews"
    win.close()
    return load_session()[0]


def test_a_section_tab_reopens_its_section_after_a_section_is_inserted_before_it(
        qtbot, tmp_path: Path) -> None:
    session = _saved_with_section_6_4(qtbot)
    later = _window(qtbot, later_edition(tmp_path, "insert"))
    later.restore(session)
    assert later.chapter.page.title == "6.5 Monitoring and Reviews"  # not "6.4 Staying Close"
    assert later.current == ("section", "6.5")
    assert later.contents.selected() == ("subsection", "6.5")


def test_a_section_tab_on_a_section_gone_says_so_and_names_what_has_its_number(
        qtbot, tmp_path: Path) -> None:
    session = _saved_with_section_6_4(qtbot)
    renamed = _window(qtbot, later_edition(tmp_path, "rename"))
    renamed.restore(session)
    text = renamed.chapter.toPlainText()
    assert text.startswith("6.4 Monitoring and Reviews\nThis section is not in the edition of")
    assert "In this edition, 6.4 is 6.4 Reviews of Children in Care." in text
    assert renamed.tabs.tabToolTip(0) == "(no longer in this edition) 6.4 Monitoring and Reviews"
    assert renamed.contents.selected() is None
    # saved again and put back in the edition that has it: the section itself, found again
    renamed.close()
    again = _window(qtbot, CONTENT)
    again.restore(load_session()[0])
    assert again.chapter.page.title == "6.4 Monitoring and Reviews"


def test_a_section_tab_saved_by_an_earlier_reader_opens_by_number(qtbot, tmp_path) -> None:
    later = _window(qtbot, later_edition(tmp_path, "insert"))
    later.restore(Session(tabs=(TabState("section", "6.4"), TabState("section", "6.9"))))
    first, second = later.tabs.views()
    assert first.page.title == f"6.4 {NEW_SUBSECTION}"  # the number is all it kept
    assert second.toPlainText().startswith("Section 6.9\nThis section is not in the edition")


def test_section_tabs_and_back_follow_an_update_that_renumbers(qtbot, tmp_path) -> None:
    win = _window(qtbot, CONTENT)
    win.show()
    win.open_section("6.4")
    win.open_entry("1.1.1")  # Back goes to 6.4
    reading = win.new_tab("section", "6.4")
    ahead = win.new_tab("entry", "1.1.1")
    win.open_section("6.4")
    win.go_back()  # Forward goes to 6.4
    win.new_tab("section", "6.4")
    win.open_entry("1.1.1")
    win.close_tab()  # closed on 1.1.1, Back going to 6.4
    win.new_tab("section", "6.4")
    win.close_tab()  # closed on 6.4
    win.load_edition(load_manual(later_edition(tmp_path, "insert")), changes=[])
    assert reading.page.title == "6.5 Monitoring and Reviews"
    win.tabs.setCurrentIndex(0)
    win.go_back()
    assert win.chapter.page.title == "6.5 Monitoring and Reviews"
    win.tabs.setCurrentWidget(ahead)
    win.go_forward()
    assert win.chapter.page.title == "6.5 Monitoring and Reviews"
    win.reopen_closed_tab()  # Ctrl+Shift+T: the closed tabs follow too
    assert win.chapter.page.title == "6.5 Monitoring and Reviews"
    win.reopen_closed_tab()
    win.go_back()
    assert win.chapter.page.title == "6.5 Monitoring and Reviews"
    # an update that removes it: the tab says so, and Back does not open another section
    win.load_edition(load_manual(later_edition(tmp_path, "remove")), changes=[])
    # (named as the edition it was read in numbered it)
    assert reading.toPlainText().startswith("6.5 Monitoring and Reviews\nThis section is not")
    win.tabs.setCurrentIndex(0)
    assert win.chapter.toPlainText().startswith("6.5 Monitoring and Reviews\nThis section")
    assert "In this edition, 6.5 is 6.5 Education and Trips." in win.chapter.toPlainText()


def test_ctrl_d_on_a_section_tab_gone_does_not_call_it_in_the_contents(
        qtbot, tmp_path: Path) -> None:
    from PySide6.QtTest import QTest

    session = _saved_with_section_6_4(qtbot)
    renamed = _window(qtbot, later_edition(tmp_path, "rename"))
    renamed.restore(session)
    renamed.show()
    qtbot.waitExposed(renamed)
    activate(qtbot, renamed)
    QTest.keySequence(renamed, "Ctrl+D")
    assert renamed.statusBar().currentMessage() == (
        "Only chapters can be bookmarked, and this section is not in this edition")
    assert not renamed.saved.bookmarks
