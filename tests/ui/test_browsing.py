"""Reading like in a browser: tabs, back and forward, find in page, outline, Ctrl+wheel zoom."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QPalette, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reader.manual import load_manual
from reader.navigation import BackForward
from reader.session import Session, TabState, load_session
from reader.settings import load_settings
from reader.ui.chapter_view import ChapterView
from reader.ui.main_window import MainWindow

from ..conftest import give_text
from .conftest import activate
from .test_main_window import click_row, find_row
from .test_saved_places import bookmarks_pane_with
from .test_window_actions import settled_maximum


def titles(window: MainWindow) -> list[str]:
    return [view.page.title for view in window.tabs.views()]


def link_point(window: MainWindow, href: str) -> QPoint:
    """Where on screen the chapter shows a link to `href`."""
    view = window.chapter
    document = view.document()
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = view.textCursor()
                cursor.setPosition(fragment.position() + 1)
                view.setTextCursor(cursor)
                view.ensureCursorVisible()
                return view.cursorRect(cursor).center()
            fragments += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


def test_ctrl_t_opens_the_start_page_in_a_new_tab_and_ctrl_w_closes(qtbot, window) -> None:
    window.open_entry("1.1.1")
    QTest.keySequence(window, "Ctrl+T")
    assert window.tabs.count() == 2 and window.tabs.currentIndex() == 1
    assert window.current == ("page", "start")
    QTest.keySequence(window, "Ctrl+W")
    assert window.tabs.count() == 1
    assert window.chapter.toPlainText().startswith("1.1.1")


def test_after_ctrl_w_the_keyboard_goes_on_in_the_page_shown(window) -> None:
    window.open_entry("1.1.1")
    window.new_tab()
    window.open_entry("6.7.6")
    window.chapter.setFocus()
    QTest.keySequence(window.chapter, "Ctrl+W")
    assert window.current[1].startswith("childrens-services")
    assert window.chapter.hasFocus()  # Page Down scrolls it, with no click first
    QTest.keySequence(window.chapter, "Ctrl+W")  # the last tab gives way to the start page
    assert window.current == ("page", "start") and window.chapter.hasFocus()


def test_a_dozen_tabs_can_still_be_told_apart(window) -> None:
    window.resize(1200, 700)
    for ref in ("1.1.1", "1.1.2", "2.1", "3.1.1", "4.1", "5.1", "6.1.1", "6.4.3", "7.1",
                "8.1", "9.1", "10.1"):
        window.new_tab()
        window.open_entry(ref)
    bar = window.tabs.tabBar()
    enough = bar.fontMetrics().horizontalAdvance("6.4.3 Looked")
    # Qt would squeeze each to "1…", "6…": the number and a word stay, and the bar scrolls
    assert all(bar.tabRect(i).width() > enough for i in range(bar.count()))
    # and no more than that: cut short, more of them are in view at once
    assert all(bar.tabRect(i).width() < bar.tabSizeHint(i).width() for i in range(bar.count()))
    assert bar.tabRect(bar.currentIndex()).right() <= bar.width()  # the current one is in view
    # its scroll arrows are no Tab stops: the arrow keys move along the tabs themselves
    from PySide6.QtWidgets import QToolButton

    arrows = [b for b in bar.findChildren(QToolButton) if b.isVisible()]
    assert arrows and all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in arrows)


def test_tab_goes_round_the_whole_window_search_box_included(qtbot, window) -> None:
    window.open_entry("6.4.3")
    window.activateWindow()
    window.search_box.setFocus()
    seen = []
    for _ in range(40):
        seen.append(QApplication.focusWidget())
        QTest.keyClick(seen[-1], Qt.Key.Key_Tab)
    # from the end of the reading area, Tab comes back to the search box, not past it
    assert seen.count(window.search_box) >= 2
    assert window.contents.filter_box in seen and window.contents.tree in seen
    assert all(widget.isVisible() for widget in seen)


def test_the_bookmarks_buttons_follow_their_list_in_tab_order(qtbot, window) -> None:
    pane = bookmarks_pane_with(window, "1.1.1")
    pane.list.setFocus()
    QTest.keyClick(pane.list, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is pane.open_button


def test_closing_the_last_tab_leaves_the_start_page_and_ctrl_shift_t_reopens(window) -> None:
    window.open_entry("6.7.6")
    window.chapter.verticalScrollBar().setValue(120)
    window.close_tab()
    assert window.tabs.count() == 1 and window.current == ("page", "start")
    QTest.keySequence(window, "Ctrl+Shift+T")
    assert window.tabs.count() == 2
    assert window.current == ("entry", "staying-put-policy")
    assert window.chapter.history.can_go_back()  # its back list came back with it
    assert window.go_back() and window.current == ("page", "start")


def test_a_reopened_tab_comes_back_where_it_stood_among_the_tabs(window) -> None:
    window.open_entry("1.1.1")
    window.new_tab("entry", "4.6")
    window.new_tab("entry", "6.7.6")
    window.tabs.setCurrentIndex(1)
    window.close_tab()
    QTest.keySequence(window, "Ctrl+Shift+T")
    assert [title.split()[0] for title in titles(window)] == ["1.1.1", "4.6", "6.7.6"]
    assert window.tabs.currentIndex() == 1


def test_a_tabs_close_button_closes_its_own_tab_after_the_tabs_move(qtbot, window) -> None:
    window.open_entry("1.1.1")
    window.new_tab("entry", "6.7.6")
    bar = window.tabs.tabBar()
    assert bar.isMovable()  # a tab can be dragged along the bar
    bar.moveTab(1, 0)  # 6.7.6 first, as if dragged
    close = bar.close_button(1)
    assert close is not None and close.isVisible()
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert titles(window) == ["6.7.6 Staying Put Policy"]


def test_the_close_button_is_drawn_in_the_themes_text_colour(window) -> None:
    # the style's fallback, without an icon theme, is a red square on every tab
    window.open_entry("1.1.1")
    bar = window.tabs.tabBar()
    close = bar.close_button(bar.currentIndex())
    image = close.grab().toImage()
    text = close.palette().color(QPalette.ColorRole.ButtonText)
    pixels = [image.pixelColor(x, y) for x in range(image.width())
              for y in range(image.height())]
    assert any(abs(c.lightness() - text.lightness()) < 60 for c in pixels), "no cross drawn"
    assert not [c for c in pixels if c.red() - max(c.green(), c.blue()) > 60]


def test_ctrl_tab_cycles_and_the_tree_follows_the_current_tab(window) -> None:
    window.open_entry("1.1.1")
    window.new_tab("entry", "6.7.6")
    window.new_tab("section", "9")
    assert window.contents.selected() == ("section", "9")
    window.tabs.setFocus()
    QTest.keySequence(window, "Ctrl+Tab")
    assert window.tabs.currentIndex() == 0
    assert window.contents.selected() == ("entry", "childrens-services-policies-values-and-"
                                          "principles")
    assert window.windowTitle().startswith("1.1.1")
    QTest.keySequence(window, "Ctrl+Shift+Tab")
    assert window.tabs.currentIndex() == 2
    window.tabs.setCurrentIndex(1)
    assert window.contents.selected() == ("entry", "staying-put-policy")
    window.tabs.setCurrentIndex(0)
    window.new_tab()
    assert window.contents.selected() is None  # the start page has no place in the tree


def test_closing_a_tab_goes_back_to_the_tab_read_before_it(qtbot, window) -> None:
    window.open_entry("1.1.1")
    window.new_tab("entry", "staying-put-policy")
    window.new_tab("entry", "looked-after-reviews")
    window.tabs.setCurrentIndex(0)  # 1.1.1, then a look at 6.7.6
    window.tabs.setCurrentIndex(1)
    QTest.keySequence(window, "Ctrl+W")
    assert titles(window) == ["1.1.1 Children's Services Policies, Values and Principles",
                              "6.4.3 Looked After Reviews"]
    assert window.current == ("entry", "childrens-services-policies-values-and-principles")


def test_a_tab_shows_an_ampersand_in_a_title_as_written(window) -> None:
    window.tabs.set_title(window.chapter, "Fostering & Adoption")
    bar = window.tabs.tabBar()
    # a lone "&" would be shown as an underlined "A" and make Alt+A a key for the tab
    assert bar.tabText(0) == "Fostering && Adoption"
    assert bar.tabToolTip(0) == "Fostering & Adoption"
    window.tabs.set_title(window.chapter, "6.4.3 Looked After Reviews (LAR)")
    assert bar.tabText(0) == "6.4.3 Looked After Reviews (LAR)"  # 32 letters: all of it shown


def test_middle_click_and_ctrl_click_on_a_link_open_a_tab_behind(qtbot, window) -> None:
    window.open_entry("1.1.1")
    window.chapter.resize(900, 700)
    point = link_point(window, "chapter:a-strengths-based-approach")
    qtbot.mouseClick(window.chapter.viewport(), Qt.MouseButton.MiddleButton, pos=point)
    assert window.tabs.count() == 2 and window.tabs.currentIndex() == 0
    assert titles(window)[1].startswith("1.1.2")
    assert window.chapter.toPlainText().startswith("1.1.1")  # this tab stays where it was
    assert window.statusBar().currentMessage() == (
        "Opened in a new tab: 1.1.2 A Strengths Based Approach (Ctrl+Tab to go to it)")
    point = link_point(window, "chapter:a-strengths-based-approach")
    qtbot.mouseClick(window.chapter.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, pos=point)
    assert window.tabs.count() == 3 and window.current[1].startswith("childrens-services")
    window.open_link_in_new_tab(QUrl("section:6.4"))  # a section's list, behind too
    assert window.tabs.count() == 4 and titles(window)[3].startswith("6.4 Monitoring")
    # a link to a chapter this edition lacks: said, and no tab of the start page behind
    window.open_link_in_new_tab(QUrl("chapter:no-longer-here"))
    assert window.tabs.count() == 4
    assert window.statusBar().currentMessage() == '"no-longer-here" is not in this edition'


def test_a_click_on_a_chapter_link_opens_that_chapter_in_this_tab(qtbot, window) -> None:
    window.open_entry("1.1.1")
    window.chapter.resize(900, 700)
    point = link_point(window, "chapter:a-strengths-based-approach")
    qtbot.mouseClick(window.chapter.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.tabs.count() == 1
    assert window.current == ("entry", "a-strengths-based-approach")
    assert window.chapter.toPlainText().startswith("1.1.2 A Strengths Based Approach")
    assert window.back_action.isEnabled()


PLACES = ("See [the charts](chapter:a-strengths-based-approach#pictures), [strategy]"
          "(chapter:1.1.2#1-strategy-discussions), [a lost place](chapter:a-strengths-based-"
          "approach#nowhere) and [online only](chapter:staying-put-policy#contact).")


@pytest.fixture
def places_window(qtbot, content_copy: Path) -> MainWindow:
    """The window on 1.1.1, which ends with links to places in 1.1.2; 1.1.2 has its text."""
    give_text(content_copy)
    chapter = content_copy / "chapters/childrens-services-policies-values-and-principles.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n" + PLACES + "\n",
                       encoding="utf-8")
    win = MainWindow(load_manual(content_copy))
    qtbot.addWidget(win)
    win.resize(1200, 700)
    win.show()
    qtbot.waitExposed(win)
    win.open_entry("1.1.1")
    return win


def top_line(view: ChapterView) -> str:
    """The words of the line at the top of the pane, as the reader sees them."""
    cursor = view.cursorForPosition(QPoint(40, 8))
    return cursor.block().text()


def test_a_click_on_a_link_to_a_heading_of_another_chapter_opens_it_there(
        qtbot, places_window: MainWindow) -> None:
    window = places_window
    view = window.chapter
    point = link_point(window, "chapter:a-strengths-based-approach#pictures")
    before = view.verticalScrollBar().value()
    assert before > 0  # the links are at the chapter's end
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.tabs.count() == 1 and window.current == ("entry", "a-strengths-based-approach")
    assert top_line(view) == "2. Pictures & charts"
    assert window.outline.list.currentItem().text() == "2. Pictures & charts"
    assert window.contents.selected() == ("entry", "a-strengths-based-approach")
    QTest.keySequence(window, "Alt+Left")  # back to the link followed, in one step
    assert window.current[1].startswith("childrens-services")
    assert view.verticalScrollBar().value() == before
    QTest.keySequence(window, "Alt+Right")
    assert top_line(view) == "2. Pictures & charts"


def test_a_link_to_a_heading_of_another_chapter_by_its_number_opens_it_there(
        qtbot, places_window: MainWindow) -> None:
    window = places_window
    # written chapter:1.1.2#1-strategy-discussions: resolved to the chapter's id
    point = link_point(window, "chapter:a-strengths-based-approach#1-strategy-discussions")
    qtbot.mouseClick(window.chapter.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert top_line(window.chapter) == "1. Strategy Discussions"
    assert window.statusBar().currentMessage() == ""


def test_a_link_to_a_place_another_chapter_lacks_opens_it_at_its_top_and_says_so(
        places_window: MainWindow) -> None:
    window = places_window
    window.chapter.anchorClicked.emit(QUrl("chapter:a-strengths-based-approach#nowhere"))
    assert window.current == ("entry", "a-strengths-based-approach")
    assert window.chapter.verticalScrollBar().value() == 0
    assert window.statusBar().currentMessage() == (
        'This link points to a part of 1.1.2 A Strengths Based Approach that is not there '
        '("#nowhere"); it is open at its top')


def test_a_link_to_a_place_in_a_chapter_not_held_opens_its_page_and_says_no_more(
        qtbot, places_window: MainWindow) -> None:
    window = places_window
    point = link_point(window, "chapter:staying-put-policy#contact")
    qtbot.mouseClick(window.chapter.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.current == ("entry", "staying-put-policy")
    assert "not included" in window.chapter.toPlainText()
    assert window.statusBar().currentMessage() == ""  # its page says where the text is


def test_ctrl_click_on_a_link_to_a_heading_opens_it_there_in_a_tab_behind(
        qtbot, places_window: MainWindow) -> None:
    window = places_window
    point = link_point(window, "chapter:a-strengths-based-approach#pictures")
    qtbot.mouseClick(window.chapter.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, pos=point)
    assert window.tabs.count() == 2 and window.current[1].startswith("childrens-services")
    QTest.keySequence(window, "Ctrl+Tab")
    qtbot.waitUntil(lambda: top_line(window.chapter) == "2. Pictures & charts")
    assert window.outline.list.currentItem().text() == "2. Pictures & charts"
    window.open_link_in_new_tab(QUrl("chapter:a-strengths-based-approach#nowhere"))
    assert window.statusBar().currentMessage() == (
        'Opened in a new tab: 1.1.2 A Strengths Based Approach, at its top: it has no part '
        '"#nowhere" (Ctrl+Tab to go to it)')


def test_a_link_to_a_place_in_the_chapter_open_goes_there_as_a_link_within_it(
        places_window: MainWindow) -> None:
    window = places_window
    window.open_entry("1.1.2")
    view = window.chapter
    view.anchorClicked.emit(QUrl("chapter:a-strengths-based-approach#pictures"))
    assert top_line(view) == "2. Pictures & charts"
    QTest.keySequence(window, "Alt+Left")  # the chapter's top, where it was read
    assert window.current == ("entry", "a-strengths-based-approach")
    assert view.verticalScrollBar().value() == 0


def test_a_click_on_a_web_link_leaves_the_chapter_open(qtbot, window, monkeypatch) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toString()) or True)
    window.open_entry("1.1.1")
    window.chapter.resize(900, 700)
    web = "https://www.gov.uk/government/publications/childrens-social-care-national-framework"
    point = link_point(window, web)
    qtbot.mouseClick(window.chapter.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened == [web]  # in the browser, not in the reader
    qtbot.mouseClick(window.chapter.viewport(), Qt.MouseButton.MiddleButton, pos=point)
    assert opened == [web, web] and window.tabs.count() == 1  # a middle-click: there too
    assert window.chapter.toPlainText().startswith("1.1.1")
    assert window.tabs.tabText(0).startswith("1.1.1")


@pytest.mark.parametrize(("link", "said"), [
    ("section:99.9", "No section 99.9 in this edition"),
    ("chapter:a-chapter-withdrawn", 'No chapter "a-chapter-withdrawn" in this edition')])
def test_a_link_to_a_page_this_edition_lacks_says_so(window, link: str, said: str) -> None:
    window.open_entry("1.1.1")
    window.chapter.anchorClicked.emit(QUrl(link))
    assert window.statusBar().currentMessage() == said
    assert window.chapter.toPlainText().startswith("1.1.1")  # the page stays open


def test_middle_click_on_a_tree_item_opens_it_in_a_new_tab(qtbot, window) -> None:
    window.open_entry("1.1.1")
    tree = window.contents.tree
    index = find_row(window, "a-strengths-based-approach")
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.MiddleButton,
                     pos=tree.visualRect(index).center())
    assert window.tabs.count() == 2
    assert titles(window)[1].startswith("1.1.2")
    assert window.current[1].startswith("childrens-services")
    assert window.statusBar().currentMessage().endswith("(Ctrl+Tab to go to it)")
    QTest.keySequence(window, "Ctrl+Tab")
    assert window.statusBar().currentMessage() == ""  # done: it told of a tab now in front
    section = find_row(window, "1.2")  # a subsection's row: its page, in a tab of its own
    tree.scrollTo(section)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.MiddleButton,
                     pos=tree.visualRect(section).center())
    assert window.tabs.count() == 3
    assert titles(window)[2].startswith("1.2 ")


def test_ctrl_arrows_and_ctrl_enter_open_a_tree_item_in_a_new_tab_without_a_mouse(
        qtbot, window) -> None:
    window.open_entry("1.1.1")
    activate(qtbot, window)
    tree = window.contents.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    # the arrows opened each row in this tab: no keys opened a chapter beside the one read
    assert window.current[1].startswith("childrens-services")
    assert tree.currentIndex() == find_row(window, "diversity-and-heritage")
    qtbot.keyClick(tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.count() == 2
    assert titles(window)[1].startswith("1.1.3")
    assert window.current[1].startswith("childrens-services")  # still read here
    assert tree.hasFocus()  # to choose another, as Ctrl+click leaves the pointer there
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # a plain Enter opens it in this tab
    assert window.current == ("entry", "diversity-and-heritage")


def test_back_and_forward_across_chapters_keep_the_scroll(qtbot, window) -> None:
    window.open_entry("1.1.1")
    bar = window.chapter.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 500)
    bar.setValue(450)
    window.chapter.anchorClicked.emit(QUrl("chapter:staying-put-policy"))
    assert window.current == ("entry", "staying-put-policy")
    QTest.keySequence(window, "Alt+Left")
    assert window.chapter.toPlainText().startswith("1.1.1")
    assert window.chapter.verticalScrollBar().value() == 450
    assert window.contents.selected()[1].startswith("childrens-services")
    QTest.keySequence(window, "Alt+Right")
    assert window.current == ("entry", "staying-put-policy")
    assert not window.forward_action.isEnabled() and window.back_action.isEnabled()


def test_chapters_the_tree_arrows_pass_through_are_no_steps(qtbot, window, monkeypatch) -> None:
    window.open_entry("1.1.1")
    window.focus_contents()
    tree = window.contents.tree
    for _ in range(3):  # 1.1.2, 1.1.3, 1.1.4: each opens as the arrows move
        QTest.keyClick(tree, Qt.Key.Key_Down)
    assert window.current == ("entry", "diversity-and-heritage-pledges")
    visits = [v.entry_id for v in window.saved.history[:2]]
    assert visits == ["diversity-and-heritage-pledges", "childrens-services-policies-values-and-"
                                                        "principles"]
    window.go_back()
    assert window.current[1].startswith("childrens-services")  # not 1.1.3, then 1.1.2

    # a chapter stayed on (longer than a glance) is a step as any other
    import reader.ui.main_window as main_window
    monkeypatch.setattr(main_window, "PASSING_SECONDS", 0.0)
    window.focus_contents()
    QTest.keyClick(tree, Qt.Key.Key_Down)
    QTest.keyClick(tree, Qt.Key.Key_Down)
    window.go_back()
    assert window.current == ("entry", "a-strengths-based-approach")


def test_passing_a_chapter_read_before_keeps_its_earlier_visit(qtbot, window) -> None:
    window.open_entry("1.1.3")
    window.open_entry("1.1.1")
    window.focus_contents()
    for _ in range(3):  # passes 1.1.2 and 1.1.3, stops on 1.1.4
        QTest.keyClick(window.contents.tree, Qt.Key.Key_Down)
    assert [v.entry_id for v in window.saved.history[:3]] == [
        "diversity-and-heritage-pledges", "childrens-services-policies-values-and-principles",
        "diversity-and-heritage"]  # 1.1.3, read before, is still there


def test_back_returns_from_an_anchor_in_the_same_page(qtbot, window) -> None:
    window.open_entry("1.1.1")
    bar = window.chapter.verticalScrollBar()
    bar.setValue(0)
    window.chapter.anchorClicked.emit(QUrl("#scope-of-this-chapter"))
    qtbot.waitUntil(lambda: bar.value() > 0)
    window.go_back()
    assert bar.value() == 0 and window.chapter.toPlainText().startswith("1.1.1")


def test_the_mouse_back_and_forward_buttons(qtbot, window) -> None:
    window.open_entry("1.1.1")
    window.open_entry("6.7.6")
    qtbot.mouseClick(window.chapter.viewport(), Qt.MouseButton.BackButton)
    assert window.current[1].startswith("childrens-services")
    qtbot.mouseClick(window.chapter.viewport(), Qt.MouseButton.ForwardButton)
    assert window.current == ("entry", "staying-put-policy")


def test_opening_the_open_chapter_again_is_no_step_back(qtbot, window) -> None:
    window.open_entry("6.7.6")
    window.open_entry("1.1.1")
    window.focus_contents()
    qtbot.keyClick(window.contents.tree, Qt.Key.Key_Return)  # 1.1.1 is selected: again
    window.open_entry("1.1.1")
    QTest.keySequence(window, "Alt+Left")
    assert window.current == ("entry", "staying-put-policy")
    QTest.keySequence(window, "Alt+Left")
    assert window.current == ("page", "start")
    assert not window.back_action.isEnabled()


def test_alt_left_with_nothing_to_go_back_to_leaves_the_page_alone(qtbot, window) -> None:
    window.open_entry("1.1.6")
    window.chapter.history = BackForward()  # as after a restart: nothing to go back to
    window._update_navigation_actions()
    window.focus_contents()
    for keys in ("Alt+Left", "Alt+Right"):  # the tree took them as plain arrows
        QTest.keySequence(window.contents.tree, keys)
        assert window.current == ("entry", window.manual.find("1.1.6").id)


def test_each_tab_has_its_own_back_list(window) -> None:
    window.open_entry("1.1.1")
    window.new_tab()
    assert not window.back_action.isEnabled()
    window.tabs.setCurrentIndex(0)
    assert window.back_action.isEnabled()


def test_find_in_page_counts_steps_and_closes(qtbot, window) -> None:
    window.open_entry("1.1.1")
    QTest.keySequence(window, "Ctrl+F")
    assert window.find_bar.isVisible() and window.find_bar.field.hasFocus()
    qtbot.keyClicks(window.find_bar.field, "children")
    total = len(window.chapter.matches)
    assert total > 3
    assert window.find_bar.count.text() == f"1 of {total}"
    marks = [s.format.background().color().name() for s in window.chapter.extraSelections()]
    assert len(marks) == total and marks.count(marks[0]) == 1  # the current one stands out
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.find_bar.count.text() == f"2 of {total}"
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.find_bar.count.text() == f"1 of {total}"
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert window.find_bar.count.text() == f"2 of {total}"
    qtbot.mouseClick(window.find_bar.previous_button, Qt.MouseButton.LeftButton)
    assert window.find_bar.count.text() == f"1 of {total}"
    qtbot.mouseClick(window.find_bar.previous_button, Qt.MouseButton.LeftButton)
    assert window.find_bar.count.text() == f"{total} of {total}"  # round to the last
    qtbot.mouseClick(window.find_bar.next_button, Qt.MouseButton.LeftButton)
    assert window.find_bar.count.text() == f"1 of {total}"  # and on round to the first
    QTest.keySequence(window, "F3")
    assert window.chapter.match_index == 1
    window.find_bar.match_case.setChecked(True)
    assert len(window.chapter.matches) < total  # "Children" at a sentence start no longer
    assert window.statusBar().currentMessage().startswith("Match ")
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    assert window.chapter.matches == [] and window.chapter.extraSelections() == []
    assert window.statusBar().currentMessage() == ""  # no "Match 2 of 95" left behind
    QTest.keySequence(window, "Ctrl+F")  # again: the last words, selected to type over
    qtbot.keyClicks(window.find_bar.field, "care")
    assert window.find_bar.text() == "care"


def test_each_match_stepped_to_is_said_once(qtbot, window, monkeypatch) -> None:
    spoken: list[str] = []
    for module in ("main_window", "find_bar"):
        monkeypatch.setattr(f"reader.ui.{module}.announce",
                            lambda _source, text: spoken.append(text))
    activate(qtbot, window)
    window.open_entry("1.1.1")
    window.open_find()
    qtbot.keyClicks(window.find_bar.field, "children")
    total = len(window.chapter.matches)
    spoken.clear()
    QTest.keySequence(window, "F3")
    # the find bar's count says it; the status bar saying it too was heard twice
    assert spoken == [f"Match 2 of {total}"]
    assert window.statusBar().currentMessage() == f"Match 2 of {total}"
    window.find_bar.closed.emit()
    window.chapter.highlight(("children",))  # a search's matches: no find bar to say them
    spoken.clear()
    QTest.keySequence(window, "F3")
    assert spoken == [f"Match 2 of {total}"]


def test_each_match_stepped_to_shows_the_lines_around_it(qtbot, window) -> None:
    window.open_entry("1.1.1")
    window.open_find()
    qtbot.keyClicks(window.find_bar.field, "corporate parent")
    view = window.chapter
    bar = view.verticalScrollBar()
    for _ in range(len(view.matches)):
        qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
        match = view.cursorRect(view.matches[view.match_index])
        line = match.height()
        # not on the edge of the pane, where the sentence it is in runs out of sight
        assert match.top() >= line or bar.value() == 0
        assert match.bottom() <= view.viewport().height() - line or bar.value() == bar.maximum()


def test_zooming_keeps_the_match_being_read_on_screen(qtbot, window) -> None:
    window.open_entry("1.1.1")
    window.open_find()
    qtbot.keyClicks(window.find_bar.field, "children")
    view = window.chapter
    view.go_to_match(10)
    bar = view.verticalScrollBar()
    match = view.cursorRect(view.matches[view.match_index])
    # the person scrolled it down to the last lines but two, and reads it there
    bar.setValue(bar.value() - (view.viewport().height() - 3 * match.height() - match.top()))
    for _ in range(4):
        QTest.keySequence(window, "Ctrl++")
    match = view.cursorRect(view.matches[view.match_index])
    assert window.find_bar.count.text() == f"11 of {len(view.matches)}"
    assert match.top() >= 0 and match.bottom() <= view.viewport().height()


def test_a_message_about_the_page_goes_with_the_page(qtbot, window) -> None:
    chapter = window.manual.find("1.1.1").id
    window.new_tab()
    window.tabs.setCurrentIndex(0)
    status = window.statusBar()
    window.open_hit(chapter, ("children",))  # a search result opened
    assert status.currentMessage().endswith("matches: F3 for the next, Shift+F3 for the previous")
    QTest.keySequence(window, "Ctrl+Tab")  # the start page: no matches to step through
    assert status.currentMessage() == ""
    QTest.keySequence(window, "Ctrl+Shift+Tab")
    window.open_hit(chapter, ("children",))
    window.open_entry("1.1.2")
    assert status.currentMessage() == ""
    # what the reader did stays its time, wherever the person goes
    QTest.keySequence(window, "Ctrl+D")
    assert status.currentMessage().startswith("Bookmarked 1.1.2")
    window.open_entry("1.1.1")
    QTest.keySequence(window, "Ctrl+Tab")
    assert status.currentMessage().startswith("Bookmarked 1.1.2")


def test_esc_on_a_search_result_takes_down_what_f3_would_step_through(qtbot, window) -> None:
    window.open_hit(window.manual.find("1.1.1").id, ("children",))
    assert window.statusBar().currentMessage().endswith("F3 for the next, Shift+F3 for the "
                                                        "previous")
    qtbot.keyClick(window.chapter, Qt.Key.Key_Escape)  # the highlights go
    assert window.chapter.extraSelections() == []
    assert window.statusBar().currentMessage() == ""


def test_a_searchs_word_is_marked_in_the_longer_words_it_begins(window) -> None:
    window.open_entry("1.1.1")
    window.chapter.highlight(("child",))
    assert "children" in {cursor.selectedText().lower() for cursor in window.chapter.matches}


def test_find_with_no_match_says_so(qtbot, window) -> None:
    activate(qtbot, window)
    window.open_find()
    qtbot.keyClicks(window.find_bar.field, "zzzqqq")
    assert window.find_bar.count.text() == "No matches"
    # nothing to step through: the arrows say so, as Back does with nowhere to go
    assert not window.find_bar.previous_button.isEnabled()
    assert not window.find_bar.next_button.isEnabled()
    window.chapter.setFocus()
    QTest.keySequence(window, "F3")  # nothing to step to: the keys go to the field, for other words
    assert QApplication.focusWidget() is window.find_bar.field
    window.find_bar.field.setText("children")
    assert window.find_bar.previous_button.isEnabled() and window.find_bar.next_button.isEnabled()
    window.find_bar.field.clear()  # nothing to find is no "No matches"
    assert window.find_bar.count.text() == ""


def test_an_arrow_greyed_while_it_has_the_focus_hands_it_to_the_find_field(qtbot, window) -> None:
    window.open_entry("1.1.1")
    window.new_tab()  # the start page, which never says "principles"
    window.tabs.setCurrentIndex(0)
    activate(qtbot, window)
    window.open_find()
    qtbot.keyClicks(window.find_bar.field, "principles")
    for arrow in (window.find_bar.next_button, window.find_bar.previous_button):
        window.tabs.setCurrentIndex(0)
        assert arrow.isEnabled()
        arrow.setFocus()
        QTest.keySequence(window, "Ctrl+Tab")  # to the start page: nothing to step through
        assert window.find_bar.count.text() == "No matches"
        # not on to Match case, which the person never went to: the field, to type other words
        assert QApplication.focusWidget() is window.find_bar.field
        qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)  # still does no harm
        assert QApplication.focusWidget() is window.find_bar.field


def test_ctrl_wheel_zooms_every_tab_and_is_kept(qtbot, window) -> None:
    window.open_entry("1.1.1")
    window.new_tab("entry", "1.1.1")
    window.new_tab()
    window.open_entry("1.1.1")
    view = window.chapter
    body = "Derby City Council uses a Strengths Based Approach"

    def size(tab: ChapterView) -> float:
        return tab.document().find(body).charFormat().font().pointSizeF()

    before = size(view)
    event = QWheelEvent(QPointF(50, 50), QPointF(view.mapToGlobal(QPoint(50, 50))),
                        QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(view.viewport(), event)
    assert size(view) > before
    # the tabs not shown, one after the other, after the one being read
    qtbot.waitUntil(lambda: [size(tab) for tab in window.tabs.views()] == [size(view)] * 3)
    assert load_settings()[0].zoom_steps == 1


def test_a_tab_behind_takes_a_new_text_size_and_theme_both_given_before_it_is_shown(
        window) -> None:
    window.open_entry("1.1.1")
    window.new_tab("entry", "1.1.1")
    body = "Derby City Council uses a Strengths Based Approach"
    window.zoom(2)
    window.set_theme("dark")  # before the tab behind caught up with the text size
    try:
        window.tabs.setCurrentIndex(0)
        sizes = [tab.document().find(body).charFormat().font().pointSizeF()
                 for tab in window.tabs.views()]
        assert sizes[0] == sizes[1]
    finally:
        window.set_theme("system")


def read_halfway_behind_the_same_chapter(qtbot, window: MainWindow) -> ChapterView:
    """1.1.1 read halfway down in a tab behind another tab with 1.1.1."""
    window.open_entry("1.1.1")
    behind = window.chapter
    behind.verticalScrollBar().setValue(settled_maximum(qtbot, window) // 2)
    window.new_tab("entry", "1.1.1")
    return behind


def test_a_tab_closed_right_after_a_text_size_step_reopens_where_it_was_read(
        qtbot, window) -> None:
    behind = read_halfway_behind_the_same_chapter(qtbot, window)
    window.zoom(3)
    window.close_tab(window.tabs.indexOf(behind))  # before the tab behind was redrawn
    kept = window.tabs.closed[-1].place.scroll
    # halfway down the chapter at the larger text, as the tab in front lays it out; it came
    # back a third of the way down
    assert kept / settled_maximum(qtbot, window) == pytest.approx(0.5, abs=0.05)
    window.zoom(0)


def test_a_window_closed_right_after_a_text_size_step_keeps_where_each_tab_was_read(
        qtbot, window) -> None:
    behind = read_halfway_behind_the_same_chapter(qtbot, window)
    window.zoom(3)
    window.close()  # before the tab behind was redrawn
    larger = settled_maximum(qtbot, window)
    kept = load_session()[0].tabs[0]
    assert kept.ref == behind.current[1]
    assert kept.scroll / larger == pytest.approx(0.5, abs=0.05)
    window.zoom(0)


def window_with_headings(qtbot, content_copy: Path) -> MainWindow:
    """The window on a copy of the manual whose 1.1.1 has headings in its text (the real one
    has none: its scope is a box with a title), with 1.1.1 open."""
    chapter = content_copy / "chapters" / "childrens-services-policies-values-and-principles.md"
    text = chapter.read_text(encoding="utf-8")
    # after the scope block, so that each heading can be scrolled to the top
    chapter.write_text(text.replace("</div>\n", "</div>\n\n## First test heading\n\nTest "
                                    "paragraph.\n\n## Second test heading\n", 1),
                       encoding="utf-8")
    window = MainWindow(load_manual(content_copy))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_entry("1.1.1")
    return window


def test_a_page_without_headings_has_no_outline(window) -> None:
    window.open_entry("1.1.1")  # its scope's title is the box's, as the amendment's is
    assert window.chapter.page.headings == ()
    assert not window.outline.isVisible()


def test_outline_lists_headings_and_follows_the_scroll(qtbot, content_copy) -> None:
    window = window_with_headings(qtbot, content_copy)
    assert window.outline.isVisible()
    assert window.outline.list.item(0).text() == "First test heading"
    window.outline.list.itemClicked.emit(window.outline.list.item(0))
    bar = window.chapter.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)
    assert window.outline.list.currentRow() == 0
    bar.setValue(0)
    assert window.outline.list.currentRow() == -1  # above the first heading
    window.show_start_page()
    assert not window.outline.isVisible()  # no headings: no pane
    # a chapter with headings opened in a tab behind (Ctrl+click): none for the page shown
    window.open_link_in_new_tab(QUrl(f"chapter:{window.manual.find('1.1.1').id}"))
    assert not window.outline.isVisible()


def test_enter_on_an_outline_heading_goes_there_and_on_into_the_text(qtbot, content_copy
                                                                   ) -> None:
    window = window_with_headings(qtbot, content_copy)
    activate(qtbot, window)
    outline = window.outline.list
    outline.setFocus()
    outline.setCurrentRow(1)
    qtbot.keyClick(outline, Qt.Key.Key_Return)
    bar = window.chapter.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)
    assert window.chapter.hasFocus()  # the keys go on reading from the heading
    assert outline.currentRow() == 1


def test_the_outline_counts_a_heading_just_below_the_top(qtbot) -> None:
    from reader.render import Heading
    from reader.ui.outline import TOP_SLACK, OutlinePane

    pane = OutlinePane()
    qtbot.addWidget(pane)
    pane.set_headings((Heading(2, "Referral", "referral"), Heading(3, "Within a day", "day")),
                      {"referral": 100.0, "day": 400.0})
    pane.follow(100 - TOP_SLACK // 2)  # the heading sits just under the top edge
    assert pane.list.currentRow() == 0
    pane.follow(100 - 2 * TOP_SLACK)  # still the text above it
    assert pane.list.currentRow() == -1


def test_a_window_snapped_to_half_a_laptop_screen_keeps_the_chapter_readable(
        qtbot, content_copy) -> None:
    window = window_with_headings(qtbot, content_copy)
    window.resize(683, 700)  # half of a 1366-pixel screen, beside a case record
    qtbot.waitUntil(lambda: window.width() == 683)  # the window may be that narrow
    qtbot.waitUntil(lambda: not window.outline.isVisible())  # the outline gives way,
    assert "wide enough" in window.outline_action.statusTip()  # as View > Outline says
    assert window.chapter.width() >= 380  # a readable line, not a sliver
    assert window.contents.tree.isVisible()
    window.resize(1200, 780)
    qtbot.waitUntil(window.outline.isVisible)  # and comes back with the room


def test_copy_reference(window) -> None:
    window.open_entry("6.4.3")
    QTest.keySequence(window, "Ctrl+Shift+C")
    reference = ("6.4.3 Looked After Reviews - Derby City Children's Social Care Procedures "
                 "(edition of 2 September 2024)")
    assert QApplication.clipboard().text() == reference
    # the clipboard shows nothing: the status bar says it was done
    assert window.statusBar().currentMessage() == f"Copied: {reference}"


def test_the_start_pages_reference_names_the_manual_once(window) -> None:
    assert window.current == ("page", "start")
    QTest.keySequence(window, "Ctrl+Shift+C")
    assert QApplication.clipboard().text() == (
        "Derby City Children's Social Care Procedures (edition of 2 September 2024)")


def test_help_lists_the_new_shortcuts(window) -> None:
    lines = dict(window.shortcut_lines())
    for what, key in [("New tab", "Ctrl+T"), ("Close tab", "Ctrl+W"),
                      ("Reopen closed tab", "Ctrl+Shift+T"), ("Next tab", "Ctrl+Tab"),
                      ("Back", "Alt+Left"), ("Forward", "Alt+Right"),
                      ("Find in page", "Ctrl+F"), ("Bookmark this chapter", "Ctrl+D"),
                      ("Copy reference", "Ctrl+Shift+C"), ("Show history", "Ctrl+H")]:
        assert key in lines[what]


def test_toolbar_buttons_have_names_and_tooltips(window) -> None:
    names = []
    for action in window.toolbar.actions():
        if action.isSeparator():
            continue
        button = window.toolbar.widgetForAction(action)
        assert button.accessibleName() and button.toolTip()
        names.append(button.accessibleName())
    assert names == ["Back", "Forward", "New tab", "Bookmark", "Find in page", "Print"]
    # short labels beside the icons, not the menu items' longer names
    find, print_ = (window.toolbar.widgetForAction(action)
                    for action in (window.find_action, window.print_action))
    assert (find.text(), print_.text()) == ("Find", "Print")
    # above the chapter, where it stays
    assert window.toolBarArea(window.toolbar) == Qt.ToolBarArea.TopToolBarArea
    assert not window.toolbar.isMovable()


def test_clicking_a_tree_item_uses_the_current_tab(qtbot, window) -> None:
    window.new_tab()
    click_row(qtbot, window, find_row(window, "9"))
    assert window.tabs.count() == 2 and titles(window)[1].startswith("9.")


def test_a_restored_tab_not_yet_shown_opens_where_it_was_read_after_a_text_size_step(
        qtbot, window) -> None:
    window.open_entry("1.1.1")
    halfway = settled_maximum(qtbot, window) // 2
    entry = window.manual.find("1.1.1")
    assert entry is not None
    window.restore(Session(tabs=(TabState("entry", entry.id),
                                 TabState("entry", entry.id, halfway)), current_tab=0))
    window.zoom(3)  # before the second tab was ever shown
    qtbot.wait(200)  # the tabs behind are brought to the new size meanwhile
    window.tabs.setCurrentIndex(1)
    larger = settled_maximum(qtbot, window)
    qtbot.waitUntil(lambda: window.chapter.verticalScrollBar().value() > 0)
    # halfway down at the larger text too; it opened a third of the way down
    assert window.chapter.verticalScrollBar().value() / larger == pytest.approx(0.5, abs=0.05)
    window.zoom(0)


def test_bookmarking_leaves_the_toolbar_buttons_where_they_were(qtbot, window) -> None:
    window.open_entry("1.1.1")
    window.chapter.setFocus()
    bar = window.toolbar
    find, bookmark = (bar.widgetForAction(a) for a in (window.find_action,
                                                       window.bookmark_action))
    before = (find.x(), bookmark.width())
    qtbot.keyClick(window.chapter, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert bookmark.text() == "\u2605 Bookmarked"
    QApplication.processEvents()  # the bar lays its buttons out again
    # "Bookmarked" is longer than "Bookmark": Find and Print jumped right under the pointer
    assert (find.x(), bookmark.width()) == before
    qtbot.keyClick(window.chapter, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert (find.x(), bookmark.width()) == before


def test_a_chapter_opened_in_a_new_tab_is_listed_in_the_history(qtbot, window) -> None:
    window.open_entry("1.1.1")
    window.chapter.resize(900, 700)
    point = link_point(window, "chapter:a-strengths-based-approach")
    qtbot.mouseClick(window.chapter.viewport(), Qt.MouseButton.MiddleButton, pos=point)
    tree = window.contents.tree
    index = find_row(window, "diversity-and-heritage")
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.MiddleButton,
                     pos=tree.visualRect(index).center())
    window.open_link_in_new_tab(QUrl("section:6.4"))  # a section's list is no chapter read
    assert window.tabs.count() == 4
    listing = window.saved.history_pane.list
    listed = [listing.item(row).text().split(" ")[0] for row in range(listing.count())]
    assert listed == ["1.1.3", "1.1.2", "1.1.1"]  # the latest first, as a click records
    window.history_menu.aboutToShow.emit()
    assert any(action.text().startswith("1.1.3 Diversity")
               for action in window.history_menu.actions())


def _page_view(qtbot, tmp_path: Path, html: str) -> tuple[ChapterView, list[str]]:
    """A chapter pane showing `html`, and the list its status messages are put in."""
    from reader.render import Page

    view = ChapterView("", tmp_path)
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    said: list[str] = []
    view.status_message.connect(said.append)
    view.show_page(Page(title="t", html=html))
    return view, said


def test_a_link_to_a_part_of_the_page_that_is_not_there_says_so(qtbot, tmp_path: Path) -> None:
    view, said = _page_view(qtbot, tmp_path, '<h2 id="plans">Plans</h2><p>See <a href="#plan">'
                            'the plans</a> and <a href="#plans">the plans again</a>.</p>')
    view.anchorClicked.emit(QUrl("#plan"))
    # the page went nowhere and said nothing, as if the link were dead
    assert said == ['This link points to a part of the page that is not there ("#plan")']
    view.anchorClicked.emit(QUrl("#plans"))  # one that is there goes there, saying nothing
    assert len(said) == 1
    assert view.history.can_go_back()


@pytest.mark.parametrize("href", ["#top", "#"])
def test_a_back_to_top_link_goes_to_the_top_of_the_page(href: str, qtbot, tmp_path: Path
                                                         ) -> None:
    filler = "".join(f"<p>Paragraph {n}</p>" for n in range(60))
    view, said = _page_view(qtbot, tmp_path, f'<h2 id="plans">Plans</h2>{filler}'
                            f'<p><a href="{href}">Back to top</a></p>')
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    view.anchorClicked.emit(QUrl(href))
    # as on the online manual's page: it stayed at the foot, or said the top was not there
    assert bar.value() == 0 and said == []
    assert view.history.can_go_back()  # Back returns to the foot
