"""Every control of the window has a name a screen reader can announce."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QTreeView,
    QWidget,
)

from reader.manual import load_manual
from reader.ui.focus_edges import MARKED
from reader.ui.main_window import MainWindow

from ..conftest import CONTENT
from .accessibility import controls_missing_accessible_names
from .conftest import activate


def test_main_window_controls_all_have_names(qtbot) -> None:
    window = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert controls_missing_accessible_names(window) == []
    # panes not on screen yet (stacked pages, hidden notices) are named before they appear
    assert controls_missing_accessible_names(window, visible_only=False) == []


class Form(QWidget):
    """Named and unnamed controls side by side, to show the helper tells them apart."""

    def __init__(self) -> None:
        super().__init__()
        layout = QFormLayout(self)
        self.labelled = QLineEdit(self)
        layout.addRow("&Chapter number:", self.labelled)  # a QLabel with this buddy
        self.named = QLineEdit(self)
        self.named.setAccessibleName("Filter")
        self.unnamed = QLineEdit(self)
        self.unnamed.setPlaceholderText("Type here")
        self.text_button = QPushButton("&Open", self)
        self.action_button = QToolButton(self)
        self.action_button.setDefaultAction(QAction(QIcon(), "Back", self.action_button))
        self.icon_button = QToolButton(self)
        self.choices = QComboBox(self)
        self.choices.addItems(["Light", "Dark"])
        self.tree = QTreeView(self)
        self.hidden = QLineEdit(self)
        for widget in (self.named, self.unnamed, self.text_button, self.action_button,
                       self.icon_button, self.choices, self.tree, self.hidden):
            layout.addRow(widget)
        self.hidden.hide()


def test_helper_lists_exactly_the_unnamed_controls(qtbot) -> None:
    form = Form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    assert controls_missing_accessible_names(form) == [
        "Form.unnamed (QLineEdit)",
        "Form.icon_button (QToolButton)",
        "Form.choices (QComboBox)",
        "Form.tree (QTreeView)",
    ]
    assert "Form.hidden (QLineEdit)" in controls_missing_accessible_names(form, False)


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found[1].lower() if found else None


def test_alt_letters_do_not_clash(window) -> None:
    # within each menu
    for menu_action in window.menuBar().actions():
        letters = [_mnemonic(a.text()) for a in menu_action.menu().actions() if not a.isSeparator()]
        letters = [letter for letter in letters if letter]
        assert len(letters) == len(set(letters)), (menu_action.text(), letters)
    # across what is on screen at once: the menu bar, the sidebar's tabs, the find bar and
    # whichever pane is shown
    always = [a.text() for a in window.menuBar().actions()]
    always += [window.sidebar.tabText(i) for i in range(window.sidebar.count())]
    always.append(window.find_bar.match_case.text())
    bookmarks, history = window.saved.bookmarks_pane, window.saved.history_pane
    for pane in ([b.text() for b in (bookmarks.open_button, bookmarks.remove_button,
                                     bookmarks.up_button, bookmarks.down_button,
                                     bookmarks.export_button, bookmarks.import_button)],
                 [history.clear_button.text()]):
        letters = [m for m in map(_mnemonic, always + pane) if m]
        assert len(letters) == len(set(letters)), letters


def test_a_tab_is_read_by_its_whole_title(window) -> None:
    from PySide6.QtGui import QAccessible

    window.open_entry("1.1.1")
    bar = window.tabs.tabBar()
    # cut short on screen
    assert bar.tabText(bar.currentIndex()) == "1.1.1 Children's Services Polic\u2026"
    tab = QAccessible.queryAccessibleInterface(bar).child(bar.currentIndex())
    assert tab.text(QAccessible.Text.Name) == ("1.1.1 Children's Services Policies, Values and "
                                               "Principles")


def test_a_tabs_close_button_says_which_tab_it_closes(window) -> None:
    window.open_entry("6.7.6")
    bar = window.tabs.tabBar()
    close = bar.tabButton(bar.currentIndex(), bar.ButtonPosition.RightSide)
    assert close.accessibleName() == "Close 6.7.6 Staying Put Policy"


def test_labels_that_carry_news_read_out_what_they_say(qtbot, window) -> None:
    from PySide6.QtGui import QAccessible

    def spoken(widget: QWidget) -> str:
        return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)

    window.check_edition_age(date(2026, 11, 23))
    banner = window.banner.notice
    assert "more than 2 years ago" in banner
    # a fixed name such as "Edition notice" would be read in place of the notice itself
    assert spoken(window.banner.label) == banner
    assert spoken(window.status_widgets.edition_label) == "Edition of 2 September 2024"
    window.open_entry("1.1.1")
    window.open_find()
    qtbot.keyClicks(window.find_bar.field, "children")
    assert re.fullmatch(r"1 of \d+", spoken(window.find_bar.count))


def test_tab_to_a_link_says_where_it_goes(qtbot, window, monkeypatch) -> None:
    spoken: list[str] = []
    monkeypatch.setattr("reader.ui.chapter_view.announce",
                        lambda _source, text: spoken.append(text))
    activate(qtbot, window)
    window.open_entry("1.1.1")
    window.chapter.setFocus()
    said = []
    for _link in range(3):
        QTest.keyClick(window.chapter, Qt.Key.Key_Tab)
        said.append(window.statusBar().currentMessage())
    web = "https://www.gov.uk/government/publications/childrens-social-care-national-framework"
    # as a pointer over each link shows it; a screen reader, which reads only the link's
    # words, hears it too
    assert said == spoken == ["Opens 1.1.2 A Strengths Based Approach",
                              "Opens 6.7.6 Staying Put Policy",
                              f"Opens in your web browser: {web}"]


def test_the_shortcuts_list_takes_the_keyboard_only_when_it_scrolls(
    qtbot, window, monkeypatch
) -> None:
    from PySide6.QtCore import QSize

    activate(qtbot, window)
    dialog = window.show_shortcuts()
    qtbot.waitUntil(dialog.isActiveWindow)
    # the whole list on screen: the keys start on OK (Enter closes), not on a pane that
    # showed no sign of having them and that a screen reader named as nothing
    assert QApplication.focusWidget().text() == "OK"
    dialog.close()
    monkeypatch.setattr("reader.ui.shortcuts_dialog.screen_room", lambda _w: QSize(1280, 400))
    activate(qtbot, window)
    dialog = window.show_shortcuts()
    qtbot.waitExposed(dialog)
    scroller = dialog.scroller
    qtbot.waitUntil(scroller.hasFocus)
    assert scroller.accessibleName() == "Keyboard shortcuts"
    edge = scroller.grab().toImage().pixelColor(0, scroller.height() // 2)
    assert edge == scroller.palette().color(MARKED)
    QTest.keyClick(scroller, Qt.Key.Key_PageDown)
    assert scroller.verticalScrollBar().value() > 0
    assert not scroller.horizontalScrollBar().isVisible()
    dialog.close()


def test_every_menu_item_has_an_alt_letter_of_its_own(window) -> None:
    # an item without one is reached by the arrow keys alone: the Theme submenu's were
    menus = [a.menu() for a in window.menuBar().actions()]
    while menus:
        menu = menus.pop()
        items = [a for a in menu.actions() if not a.isSeparator()]
        menus.extend(a.menu() for a in items if a.menu())
        letters = [_mnemonic(a.text()) for a in items]
        assert all(letters), [a.text() for a in items]
        assert len(letters) == len(set(letters)), (menu.title(), letters)


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_a_themes_alt_letter_chooses_it_in_the_open_menu(qtbot, window) -> None:
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    theme_menu = next(a.menu() for a in view_menu.actions() if a.text() == "&Theme")
    dark = next(a for a in theme_menu.actions() if a.data() == "dark")
    theme_menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(theme_menu.isVisible)
    QTest.keyClick(theme_menu, _mnemonic(dark.text()))
    assert window.settings.theme == "dark"


def test_a_navigator_tabs_alt_letter_brings_it_back_with_the_keys_in_it(qtbot, window) -> None:
    window.chapter.setFocus()
    QTest.keyClick(window.chapter, Qt.Key.Key_F9)  # put away
    assert "hidden" in window.statusBar().currentMessage()
    QTest.keyClick(window.chapter, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    assert window.splitter.side.isVisible()
    assert QApplication.focusWidget() is window.saved.history_pane.list
    # what the bar said is no longer so
    assert "hidden" not in window.statusBar().currentMessage()


def test_a_tab_closed_on_a_link_leaves_no_hint_or_keys_behind(qtbot, window) -> None:
    activate(qtbot, window)
    window.open_entry("6.7.6")
    window.new_tab()
    window.open_entry("1.1.1")
    window.chapter.setFocus()
    for _link in range(3):  # to the link to the national framework, on the web
        QTest.keyClick(window.chapter, Qt.Key.Key_Tab)
    assert "web browser" in window.statusBar().currentMessage()
    QTest.keySequence(window, "Ctrl+W")
    # the chapter left says nothing of a link in the page that closed (it showed the hint
    # of that page's next link, as though Tab had gone on to it)
    assert window.current == ("entry", "staying-put-policy")
    assert "web browser" not in window.statusBar().currentMessage()
    assert QApplication.focusWidget() is window.chapter


@pytest.mark.parametrize("keys", ["Ctrl+Tab", "Ctrl+W"])
def test_a_links_hint_goes_with_its_page_out_of_sight(qtbot, window, keys: str) -> None:
    activate(qtbot, window)
    window.open_entry("1.1.1")  # in the only tab: Ctrl+W puts the start page in its place
    if keys == "Ctrl+Tab":
        window.new_tab("entry", "6.7.6", select=False)  # a tab behind, to go to
    window.chapter.setFocus()
    QTest.keyClick(window.chapter, Qt.Key.Key_Tab)  # the link to 1.1.2
    hint = window.statusBar().currentMessage()
    assert hint == "Opens 1.1.2 A Strengths Based Approach"
    QTest.keySequence(window, keys)
    assert window.current != ("entry", "childrens-services-policies-values-and-principles")
    # the bar went on saying where a link of the page no longer shown leads
    assert window.statusBar().currentMessage() != hint


@pytest.mark.parametrize("key", ["Alt+K", "Alt+Y", "Alt+C"])
def test_a_navigator_tabs_alt_letter_puts_the_keys_in_its_pane(qtbot, window, key: str) -> None:
    activate(qtbot, window)
    window.open_entry("1.1.1")
    window.toggle_bookmark()
    window.show_bookmarks() if key != "Alt+K" else window.show_history()  # another tab shown
    window.chapter.setFocus()
    QTest.keySequence(window, key)
    panes = {"Alt+K": window.saved.bookmarks_pane.list, "Alt+Y": window.saved.history_pane.list,
             "Alt+C": window.contents.tree}
    # the tab changed but the keys stayed in the chapter: Down scrolled the page, Enter
    # followed a link in it, and a screen reader said nothing of the list shown
    assert QApplication.focusWidget() is panes[key]


def test_alt_c_goes_back_to_the_search_results_left_under_contents(qtbot, window) -> None:
    activate(qtbot, window)
    window.focus_search()
    QTest.keyClicks(window.search_box, "staying put")
    window.show_bookmarks()
    QTest.keySequence(window, "Alt+C")
    assert window.navigator.currentWidget() is window.search  # not thrown away for the tree
    assert QApplication.focusWidget() is window.search.results


def _keys_shown_in_menus(window) -> dict[str, str]:
    """Each menu item's keys as its menu draws them beside it, by the item's words."""
    from PySide6.QtWidgets import QStyleOptionMenuItem

    shown = {}
    menus = [a.menu() for a in window.menuBar().actions()]
    while menus:
        menu = menus.pop()
        for action in menu.actions():
            if action.menu():
                menus.append(action.menu())
            elif not action.shortcut().isEmpty():
                option = QStyleOptionMenuItem()
                menu.initStyleOption(option, action)  # what the menu paints
                words, _tab, keys = option.text.partition("\t")
                shown[words.replace("&", "").rstrip("\u2026")] = keys
    return shown


def test_the_menus_name_the_keys_as_the_shortcuts_list_does(window) -> None:
    shown = _keys_shown_in_menus(window)
    # Qt's "Ctrl++", "Ctrl+-" and "Ctrl+," in the menus were "Ctrl+Plus", "Ctrl+Minus" and
    # "Ctrl+Comma" in Help > Keyboard shortcuts
    assert shown["Zoom in"] == "Ctrl+Plus"
    assert shown["Zoom out"] == "Ctrl+Minus"
    assert shown["Preferences"] == "Ctrl+Comma"
    # the menu shows an item's first keys, the list all of them, the menu's first
    listed = dict(window.shortcut_lines())
    assert shown.keys() <= listed.keys()
    for words, keys in shown.items():
        assert listed[words].split(", ")[0] == keys, words
