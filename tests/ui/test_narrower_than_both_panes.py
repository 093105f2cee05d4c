"""A window snapped to half a small laptop screen (1366 or 1280 pixels at 125-150%), too
narrow for the navigator beside the chapter: the navigator is put away by itself, comes over
the chapter when asked for, and is back beside it when the window is widened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reader.manual import load_manual
from reader.session import load_session
from reader.ui.contents import KIND_ROLE, REF_ROLE
from reader.ui.main_window import NAVIGATOR_WIDTH, READING_MIN_WIDTH, MainWindow

from ..conftest import CONTENT
from .conftest import activate
from .test_narrow_window import (
    WITH_HEADINGS,
    chapter_width,
    navigator_width,
    sized,
    window_on_a_chapter_with_headings,
)

# half of 1366 at 150% scaling (455 less the frame); half of 1280 at 150% (427)
SMALL_HALF_SCREENS = (450, 427)


def line_lengths(window: MainWindow) -> list[int]:
    """The characters in each full line of the chapter's paragraphs (not their last lines)."""
    lengths = []
    block = window.chapter.document().begin()
    while block.isValid():
        layout = block.layout()
        lengths += [layout.lineAt(line).textLength() for line in range(layout.lineCount() - 1)]
        block = block.next()
    return lengths


def settle() -> None:
    for _ in range(3):  # the splitters share the new width out
        QApplication.processEvents()


def in_the_navigator(window: MainWindow) -> bool:
    return window.splitter.side.isAncestorOf(QApplication.focusWidget())


def test_in_half_a_small_laptop_screen_the_chapter_has_the_width_and_the_navigator_waits(
        qtbot, content_copy: Path) -> None:
    window = window_on_a_chapter_with_headings(qtbot, content_copy)
    window.open_entry(WITH_HEADINGS)
    sized(qtbot, window, 1200)
    assert window.outline.isVisible()
    for width in SMALL_HALF_SCREENS:
        sized(qtbot, window, width)
        # it went no narrower than 535 pixels, over the program beside it
        assert window.width() == width
        assert not window.splitter.side.isVisible()
        assert not window.outline.isVisible()
        assert window.chapter.isVisible()
        assert chapter_width(window) == width >= READING_MIN_WIDTH
        lines = sorted(line_lengths(window))
        assert lines[len(lines) // 2] >= 35, lines  # a readable line of text
        assert not window.navigator_action.isChecked()  # the tick says what is on screen
        # the status bar says where it went and the key that brings it
        said = window.status_widgets.still_shown()
        assert "put away" in said and "F9" in window.statusBar().currentMessage(), said
    sized(qtbot, window, 1200)  # widened again: the navigator as it was
    assert window.splitter.side.isVisible()
    assert navigator_width(window) == NAVIGATOR_WIDTH
    assert window.navigator_action.isChecked()
    assert window.outline.isVisible()


def test_put_away_by_the_window_the_navigator_is_still_the_persons_choice(
        qtbot, window: MainWindow) -> None:
    window.splitter.moveSplitter(280, 1)  # as the person drags the handle
    sized(qtbot, window, 450)
    assert not window.splitter.side.isVisible()
    window.close()  # closed in the narrow window
    session, _notice = load_session()
    assert session.navigator_shown
    assert session.splitter[0] == 280
    # the next start, in the window as it was left: put back before it is shown, as the
    # app does
    again = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(again)
    again.restore(session)
    again.show()
    qtbot.waitExposed(again)
    settle()
    assert again.width() == 450
    # the navigator had its least width beside the chapter's, past the window's edge
    assert not again.splitter.side.isVisible()
    assert chapter_width(again) == 450
    assert not again.navigator_action.isChecked()
    sized(qtbot, again, 1200)
    assert navigator_width(again) == 280


def test_a_navigator_the_person_put_away_stays_away_when_the_window_widens(
        qtbot, window: MainWindow) -> None:
    activate(qtbot, window)
    window.chapter.setFocus()
    QTest.keySequence(window, "F9")  # put away in the wide window
    settle()
    sized(qtbot, window, 450)
    QTest.keySequence(window, "F6")  # looked at over the chapter, for a chapter to open
    settle()
    assert window.splitter.side.isVisible() and not window.chapter.isVisible()
    QTest.keyClick(window.contents.tree, Qt.Key.Key_Down)
    QTest.keyClick(window.contents.tree, Qt.Key.Key_Return)
    settle()
    assert window.chapter.isVisible() and not window.splitter.side.isVisible()
    sized(qtbot, window, 1200)
    assert not window.splitter.side.isVisible()
    assert not window.navigator_action.isChecked()
    assert chapter_width(window) == 1200
    window.close()
    session, _notice = load_session()
    assert not session.navigator_shown


def test_f6_in_half_a_small_screen_brings_the_contents_over_the_chapter(
        qtbot, window: MainWindow) -> None:
    window.open_entry("1.1.1")
    activate(qtbot, window)
    sized(qtbot, window, 450)
    window.chapter.setFocus()
    QTest.keySequence(window, "F6")
    settle()
    # the contents over the whole width, the keys in the tree, the chapter put away
    assert window.splitter.side.isVisible()
    assert navigator_width(window) == 450
    assert not window.chapter.isVisible()
    assert window.contents.tree.hasFocus()
    assert window.navigator_action.isChecked()
    assert "F9" in window.statusBar().currentMessage()
    before = window.chapter.current
    tree = window.contents.tree
    QTest.keyClick(tree, Qt.Key.Key_Down)  # the arrows open as they move: still in the tree
    QTest.keyClick(tree, Qt.Key.Key_Down)
    assert window.splitter.side.isVisible() and tree.hasFocus()
    QTest.keyClick(tree, Qt.Key.Key_Return)  # "read it"
    settle()
    assert window.chapter.current != before
    assert window.chapter.isVisible() and window.chapter.hasFocus()
    assert chapter_width(window) == 450
    assert not window.splitter.side.isVisible()
    assert not window.navigator_action.isChecked()


def test_a_search_in_half_a_small_screen_opens_its_result_in_the_chapters_place(
        qtbot, window: MainWindow) -> None:
    window.start_search()  # as the app does after its first paint
    qtbot.waitUntil(lambda: window.search.full_text, timeout=30_000)
    activate(qtbot, window)
    sized(qtbot, window, 450)
    window.chapter.setFocus()
    QTest.keySequence(window, "Ctrl+K")
    settle()
    assert window.search_box.hasFocus()
    assert not window.chapter.isVisible()
    qtbot.keyClicks(window.search_box, "fostering")
    qtbot.waitUntil(lambda: window.search.shown_generation == window.search.generation)
    assert window.search.model.rowCount()
    QTest.keyClick(window.search_box, Qt.Key.Key_Return)
    settle()
    assert window.chapter.current[0] == "entry"
    assert window.chapter.isVisible() and window.chapter.hasFocus()
    assert not window.splitter.side.isVisible()


def test_the_lists_keys_and_f9_in_half_a_small_screen(qtbot, window: MainWindow) -> None:
    window.open_entry("1.1.1")  # a visit in the history
    activate(qtbot, window)
    sized(qtbot, window, 450)
    for key, pane in (("Ctrl+Shift+B", window.saved.bookmarks_pane),
                      ("Ctrl+H", window.saved.history_pane)):
        window.chapter.setFocus()
        QTest.keySequence(window, key)
        settle()
        assert window.sidebar.currentWidget() is pane, key
        assert not window.chapter.isVisible(), key
        assert in_the_navigator(window), key
        QTest.keySequence(window, "F9")  # back to the chapter, as it was
        settle()
        assert window.chapter.isVisible() and window.chapter.hasFocus(), key
        assert not window.splitter.side.isVisible(), key
        assert not window.navigator_action.isChecked(), key
    QTest.keySequence(window, "Ctrl+H")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # the visit chosen
    settle()
    assert window.chapter.isVisible() and window.chapter.hasFocus()
    assert not window.splitter.side.isVisible()


def test_widened_with_the_navigator_over_the_chapter_both_are_side_by_side(
        qtbot, window: MainWindow) -> None:
    activate(qtbot, window)
    sized(qtbot, window, 450)
    QTest.keySequence(window, "F6")
    sized(qtbot, window, 1200)
    assert window.splitter.side.isVisible() and window.chapter.isVisible()
    assert navigator_width(window) == NAVIGATOR_WIDTH
    assert window.contents.tree.hasFocus()
    assert window.navigator_action.isChecked()


def test_a_chapter_clicked_in_the_contents_over_the_chapter_is_shown(
        qtbot, window: MainWindow) -> None:
    activate(qtbot, window)
    sized(qtbot, window, 450)
    QTest.keySequence(window, "F6")
    settle()
    tree = window.contents.tree
    section = tree.model().index(0, 0)
    subsection = tree.model().index(0, 0, section)
    tree.expand(subsection)  # 1.1 opened out, for a click on its first chapter
    entry = tree.model().index(0, 0, subsection)
    assert entry.data(KIND_ROLE) == "entry"
    qtbot.waitUntil(lambda: not tree.visualRect(entry).isEmpty())  # the rows laid out
    place = tree.visualRect(entry).center()
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=place)
    settle()
    assert window.current == ("entry", entry.data(REF_ROLE))
    assert window.chapter.isVisible() and not window.splitter.side.isVisible()


def test_find_in_page_over_the_navigator_shows_the_chapter(qtbot, window: MainWindow) -> None:
    window.open_entry("1.1.1")
    activate(qtbot, window)
    sized(qtbot, window, 450)
    QTest.keySequence(window, "F6")
    settle()
    QTest.keySequence(window, "Ctrl+F")
    settle()
    # the keys went into a find bar behind the contents
    assert window.chapter.isVisible() and window.find_bar.field.hasFocus()
    assert not window.splitter.side.isVisible()


def test_the_chapters_own_keys_over_the_navigator_bring_the_chapter_back(
        qtbot, window: MainWindow) -> None:
    # a new tab, Back or the start page changed a page behind the navigator, unseen
    window.open_entry("1.1.1")
    window.open_entry("6.7.6")
    activate(qtbot, window)
    sized(qtbot, window, 450)
    for key, shown in (("Alt+Left", "1.1.1"), ("Alt+Right", "6.7.6"), ("Ctrl+T", "start"),
                       ("Ctrl+PgUp", "6.7.6"), ("Alt+Home", "start"), ("Shift+F6", "start")):
        QTest.keySequence(window, "F6")
        settle()
        assert not window.chapter.isVisible(), key
        QTest.keySequence(window, key)
        settle()
        assert window.chapter.isVisible() and not window.splitter.side.isVisible(), key
        assert shown in window.windowTitle() if shown != "start" \
            else window.current == ("page", "start"), key


def test_a_window_opened_narrow_has_the_keys_in_the_chapter(qtbot) -> None:
    # Qt gave them to the first control shown: the edition notice's link, where Enter or
    # Space opens the browser
    window = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(window)
    window.resize(450, 700)
    window.show()
    qtbot.waitExposed(window)
    activate(qtbot, window)
    assert window.banner.isVisible()  # the edition is older than six months
    assert not window.splitter.side.isVisible()
    assert window.chapter.hasFocus()
