"""A window snapped to half a laptop screen, beside the case recording system: the chapter
keeps a readable width, the navigator gives way first or is put away with F9."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyleOptionTab, QToolButton

from reader.manual import load_manual
from reader.session import Session
from reader.ui.main_window import (
    NAVIGATOR_EASY_WIDTH,
    NAVIGATOR_WIDTH,
    READING_COMFORT_WIDTH,
    READING_MIN_WIDTH,
    MainWindow,
)
from reader.ui.tab_focus import NAME_MARGIN

from .conftest import activate, restarted, shown_window
from .layouts import count_layouts

# half a 1366 pixel laptop screen at 125% scaling; at 150% of 1920; at 100% of 1366
HALF_SCREENS = (546, 640, 683)
WITH_HEADINGS = "childrens-services-policies-values-and-principles"  # 1.1.1


def sized(qtbot, window: MainWindow, width: int, height: int = 700) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width)
    for _ in range(3):  # the splitters share the new width out
        QApplication.processEvents()


def navigator_width(window: MainWindow) -> int:
    return window.splitter.sizes()[0]


def chapter_width(window: MainWindow) -> int:
    """The chapter's pane: the reading pane less the outline beside it."""
    return window.reading_splitter.widget(0).width()


def window_on_a_chapter_with_headings(qtbot, content: Path) -> MainWindow:
    """A window shown on a chapter given two more headings, so that it has an outline."""
    chapter = content / "chapters" / f"{WITH_HEADINGS}.md"
    chapter.write_text(chapter.read_text(encoding="utf-8")
                       + "\n## A heading\n\nText.\n\n## Another\n\nText.\n", encoding="utf-8")
    window = MainWindow(load_manual(content))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_window_fits_half_a_laptop_screen_with_the_navigator_beside_it(
        qtbot, window: MainWindow) -> None:
    sized(qtbot, window, min(HALF_SCREENS))
    # narrower than 575 pixels it would not go, and overlapped the program beside it
    assert window.width() == min(HALF_SCREENS)
    assert window.splitter.widget(0).isVisible()
    assert chapter_width(window) >= READING_MIN_WIDTH
    # every toolbar button is on the bar or in its overflow menu; the menus all show
    bar = window.toolbar
    overflow = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert overflow is not None and overflow.isVisible() or all(
        bar.widgetForAction(a).isVisible() for a in bar.actions() if not a.isSeparator())
    menus = window.menuBar()
    assert all(menus.actionGeometry(a).right() < menus.width() for a in menus.actions())


def test_a_narrowing_window_takes_the_navigators_width_before_the_chapters(
        qtbot, window: MainWindow) -> None:
    sized(qtbot, window, 768)
    # it was 340 pixels of navigator and 424 of chapter
    assert chapter_width(window) >= READING_COMFORT_WIDTH
    assert NAVIGATOR_EASY_WIDTH <= navigator_width(window) < NAVIGATOR_WIDTH
    for width in HALF_SCREENS[1:]:
        sized(qtbot, window, width)
        # the navigator keeps enough for a chapter's number and the start of its title
        assert navigator_width(window) == NAVIGATOR_EASY_WIDTH, width
        assert chapter_width(window) > READING_MIN_WIDTH + 50, width
    sized(qtbot, window, 1200)  # widened again: the navigator as it was
    assert navigator_width(window) == NAVIGATOR_WIDTH


def test_the_navigators_width_dragged_is_the_one_kept(qtbot, window: MainWindow) -> None:
    window.splitter.moveSplitter(280, 1)  # as the person drags the handle
    assert navigator_width(window) == 280
    sized(qtbot, window, 683)
    assert navigator_width(window) == NAVIGATOR_EASY_WIDTH
    # closed in the narrow window, the session keeps the width the person gave it
    assert window.session().splitter[0] == 280
    sized(qtbot, window, 1200)
    assert navigator_width(window) == 280


def test_a_navigator_widened_on_a_large_screen_leaves_the_chapter_its_width(qtbot) -> None:
    window = shown_window(qtbot)
    sized(qtbot, window, 1093)  # a laptop screen at 125%, the session from a monitor
    window.restore(Session(splitter=(500, 1380), navigator_width_chosen=True,
                           reading_splitter=(1200, 176)))
    window.open_entry("1.1.1")
    for _ in range(3):
        QApplication.processEvents()
    # the chapter had 425 pixels beside the outline, the navigator 500
    assert chapter_width(window) >= READING_COMFORT_WIDTH
    assert navigator_width(window) < 500
    sized(qtbot, window, 1900)  # back at the monitor
    assert navigator_width(window) == 500


def test_f9_puts_the_navigator_away_and_back(qtbot, window: MainWindow) -> None:
    activate(qtbot, window)
    sized(qtbot, window, min(HALF_SCREENS))
    window.contents.tree.setFocus()
    layouts = count_layouts(window.chapter.document())
    QTest.keySequence(window, "F9")
    for _ in range(3):
        QApplication.processEvents()
    assert not window.splitter.side.isVisible()
    assert chapter_width(window) == window.width()  # the chapter has the whole width
    assert window.chapter.hasFocus()  # not a tree no one can see
    assert not window.navigator_action.isChecked()
    QTest.keySequence(window, "F9")
    for _ in range(3):
        QApplication.processEvents()
    assert window.splitter.side.isVisible()
    assert navigator_width(window) == window.splitter.shared(window.splitter.width())[0]
    assert layouts.count == 2  # once without the navigator, once beside it again
    # a key that goes to the navigator brings it back
    for key in ("F6", "Ctrl+K", "Ctrl+H", "Ctrl+Shift+B", "Ctrl+Shift+F"):
        window.set_navigator_shown(False)
        QTest.keySequence(window, key)
        assert window.splitter.side.isVisible(), key
        assert window.splitter.side.isAncestorOf(QApplication.focusWidget()), key


def test_with_the_navigator_put_away_the_window_narrows_to_the_chapter(
        qtbot, window: MainWindow) -> None:
    window.set_navigator_shown(False)
    QApplication.processEvents()  # the window's least width is worked out again
    sized(qtbot, window, 420)
    assert chapter_width(window) == 420
    assert not window.splitter.side.isVisible()


def test_the_navigator_put_away_stays_away_at_the_next_start(qtbot, window: MainWindow) -> None:
    window.set_navigator_shown(False)
    again, _session = restarted(qtbot, window)
    assert not again.splitter.side.isVisible()
    assert not again.navigator_action.isChecked()
    activate(qtbot, again)
    QTest.keySequence(again, "F9")
    assert again.splitter.side.isVisible()



def test_a_window_snapped_from_wide_to_half_a_screen_in_one_step_fits(
        qtbot, content_copy: Path) -> None:
    window = window_on_a_chapter_with_headings(qtbot, content_copy)
    window.open_entry(WITH_HEADINGS)  # the outline is beside it
    for width in HALF_SCREENS:
        sized(qtbot, window, 1200)
        assert window.outline.isVisible()
        layouts = count_layouts(window.chapter.document())
        window.resize(width, 700)  # Win+Left: straight from 1,200 pixels to half the screen
        for _ in range(3):
            QApplication.processEvents()
        # the outline, about to give way, held the window at 641 pixels, over the program
        # beside it
        assert window.width() == width, width
        assert not window.outline.isVisible()
        # and gave the chapter its least width for a moment: laid out twice
        assert layouts.count == 1, width


def test_the_navigators_own_keys_bring_it_back(qtbot, window: MainWindow) -> None:
    activate(qtbot, window)
    for key, pane in (("Alt+K", window.saved.bookmarks_pane),
                      ("Alt+Y", window.saved.history_pane), ("Alt+C", window.navigator)):
        window.set_navigator_shown(False)
        window.chapter.setFocus()
        QTest.keySequence(window, key)
        # its tabs' keys went with it: nothing happened, and nothing said why
        assert window.splitter.side.isVisible(), key
        assert window.sidebar.currentWidget() is pane, key
        assert window.navigator_action.isChecked(), key
    # shown, the tabs' keys are the tabs' own again, not two claims on one key
    QTest.keySequence(window, "Alt+K")
    assert window.sidebar.currentWidget() is window.saved.bookmarks_pane


def test_f9_says_what_it_did(qtbot, window: MainWindow, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr("reader.ui.main_window.announce", lambda _widget, text: said.append(text))
    activate(qtbot, window)
    window.chapter.setFocus()
    QTest.keySequence(window, "F9")
    # the focus stays in the chapter: a screen reader had nothing to tell of the pane gone
    assert said and "hidden" in said[-1] and "F9" in said[-1]
    assert window.statusBar().currentMessage() == said[-1]
    QTest.keySequence(window, "F9")
    assert "shown" in said[-1]


def test_with_the_navigator_put_away_the_outline_has_its_room(
        qtbot, content_copy: Path) -> None:
    window = window_on_a_chapter_with_headings(qtbot, content_copy)
    window.open_entry(WITH_HEADINGS)
    sized(qtbot, window, 960)  # half of 1920 at 100%
    assert not window.outline.isVisible()
    layouts = count_layouts(window.chapter.document())
    window.set_navigator_shown(False)
    for _ in range(3):
        QApplication.processEvents()
    # the chapter had all 960 pixels and the outline none, where a window of 1,000 with
    # the navigator leaves the chapter 540 beside it
    assert window.outline.isVisible()
    assert chapter_width(window) >= READING_COMFORT_WIDTH
    assert layouts.count == 1  # the outline came before the page took the new width
    window.set_navigator_shown(True)
    for _ in range(3):
        QApplication.processEvents()
    assert not window.outline.isVisible()
    window.set_navigator_shown(False)
    sized(qtbot, window, min(HALF_SCREENS))  # too narrow for it even so
    assert not window.outline.isVisible()


def test_in_a_narrowed_navigator_every_tab_is_in_sight(qtbot, window: MainWindow) -> None:
    # at half a laptop screen Qt scrolled History out of sight behind two small arrows
    sized(qtbot, window, min(HALF_SCREENS))
    bar = window.sidebar.tabBar()
    assert all(bar.rect().contains(bar.tabRect(index)) for index in range(bar.count()))
    assert [bar.tabToolTip(index) for index in range(bar.count())] == [
        "Contents", "Bookmarks", "History"]


def test_f9_says_how_to_bring_the_navigator_back_in_half_a_screen(
        qtbot, window: MainWindow) -> None:
    # the status bar's room beside the edition is short at half a laptop screen: the key
    # that brings the pane back was cut off the end of the message
    sized(qtbot, window, min(HALF_SCREENS))
    activate(qtbot, window)
    window.chapter.setFocus()
    QTest.keySequence(window, "F9")
    QApplication.processEvents()
    shown = window.statusBar().currentMessage()
    assert "hidden" in shown and "F9" in shown, shown


def test_the_navigator_shown_again_in_a_narrowed_window_gives_way_first(
        qtbot, window: MainWindow) -> None:
    # put away in a wide window, then the window snapped to half the screen: shown again,
    # the navigator gives way for the chapter as it does when the window narrows
    sized(qtbot, window, 1200)
    window.set_navigator_shown(False)
    width = max(HALF_SCREENS)
    sized(qtbot, window, width)
    window.set_navigator_shown(True)
    for _ in range(3):
        QApplication.processEvents()
    assert navigator_width(window) == NAVIGATOR_EASY_WIDTH
    assert chapter_width(window) > READING_MIN_WIDTH + 50


def test_the_outline_giving_way_leaves_the_keys_in_the_chapter(
        qtbot, content_copy: Path) -> None:
    window = window_on_a_chapter_with_headings(qtbot, content_copy)
    activate(qtbot, window)
    window.open_entry(WITH_HEADINGS)
    sized(qtbot, window, 1200)
    for hide in (lambda: sized(qtbot, window, max(HALF_SCREENS)),  # narrowed past it
                 lambda: window.set_navigator_shown(True),  # the navigator takes its room
                 window.outline_action.trigger):  # Ctrl+Shift+O
        window.set_outline_wanted(True)
        window.set_navigator_shown(False)
        sized(qtbot, window, 960)
        window.outline.setFocus()
        assert window.outline.hasFocus()
        hide()
        for _ in range(3):
            QApplication.processEvents()
        assert not window.outline.isVisible()
        # the focus went on round to the search box: a letter typed started a search
        assert window.chapter.hasFocus(), QApplication.focusWidget()


def shown_names(window: MainWindow) -> list[str]:
    """The navigator's tab names as drawn, without their Alt letters' marks."""
    bar = window.sidebar.tabBar()
    names = []
    for index in range(bar.count()):
        option = QStyleOptionTab()
        bar.initStyleOption(option, index)
        names.append(option.text.replace("&", ""))
    return names


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_the_navigators_tabs_are_named_whole_in_half_a_laptop_screen(
        qtbot, window: MainWindow, theme: str) -> None:
    window.set_theme(theme)
    try:
        for width in (min(HALF_SCREENS), 1366):
            sized(qtbot, window, width)
            # at 546 pixels they read "Co...", "Book...", "H..."
            assert shown_names(window) == ["Contents", "Bookmarks", "History"], width
            bar = window.sidebar.tabBar()
            assert bar.tabRect(2).right() < bar.width()  # History in sight, no scroll arrows
        assert window.width() == 1366
    finally:
        window.set_theme("system")
    activate(qtbot, window)
    QTest.keySequence(window, "Alt+K")  # the Alt letters as before
    assert window.sidebar.currentWidget() is window.saved.bookmarks_pane


def test_a_tab_too_narrow_for_its_name_shows_it_cut_not_over_its_edges(
        qtbot, window: MainWindow) -> None:
    sized(qtbot, window, min(HALF_SCREENS))
    window.splitter.moveSplitter(0, 1)  # the navigator dragged as narrow as it goes
    bar = window.sidebar.tabBar()
    names = shown_names(window)
    # at 171 pixels Contents is a pixel wider than its tab less the room either side
    assert names[0].endswith("\u2026"), names
    for index, name in enumerate(names):
        if not name.endswith("\u2026"):  # drawn whole: clear of the tab's edges
            drawn = bar.fontMetrics().horizontalAdvance(name)
            assert drawn + 2 * NAME_MARGIN <= bar.tabRect(index).width(), name


def test_the_handle_dragged_to_either_edge_leaves_both_panes_in_sight(
        qtbot, window: MainWindow) -> None:
    window.splitter.moveSplitter(window.splitter.width(), 1)  # to the window's right edge
    assert chapter_width(window) >= READING_MIN_WIDTH
    window.splitter.moveSplitter(0, 1)  # to its left edge: the tabs stay, however narrow
    assert navigator_width(window) > 0
    assert window.splitter.side.isVisible()


def test_the_toolbars_overflow_button_says_what_it_holds(qtbot) -> None:
    from .test_large_text import at_points

    for _ in at_points(20):
        window = shown_window(qtbot)
        sized(qtbot, window, 360)
        hidden = [action for action in window.toolbar.actions()
                  if not action.isSeparator()
                  and window.toolbar.widgetForAction(action) is not None
                  and not window.toolbar.widgetForAction(action).isVisible()]
        # in large text at the window's narrowest, Find and Print went behind the » at the
        # toolbar's end, the other buttons' words given up already
        assert hidden
        more = [button for button in window.toolbar.findChildren(QToolButton)
                if button.isVisible() and button.geometry().right() > window.toolbar.width() - 40]
        assert len(more) == 1
        # a screen reader said only "button", and the pointer resting on it brought up nothing
        assert more[0].accessibleName() == "More toolbar buttons"
        assert more[0].toolTip() == "The toolbar's buttons the window is too narrow to show"


def test_the_menu_bars_overflow_button_says_what_it_holds(qtbot) -> None:
    from .test_large_text import at_points

    for _ in at_points(20):
        window = shown_window(qtbot)
        sized(qtbot, window, window.minimumSizeHint().width())
        bar = window.menuBar()
        more = [button for button in bar.findChildren(QToolButton) if button.isVisible()]
        assert len(more) == 1  # in large text the Help menu went behind a »
        assert more[0].accessibleName() == "More menus"
        assert more[0].toolTip() == "The menus the window is too narrow to show"
