"""The window's menus and toolbar: every action, its standard shortcut, its accessible name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QToolBar, QToolButton

from reader.settings import THEMES
from reader.ui.arrow_icons import BACK, FORWARD, arrow_icon
from reader.ui.key_names import KeyNamedMenu, key_name
from reader.ui.theme import THEME_LABELS

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

# the Bookmark button's two labels: the toolbar star says whether the chapter is bookmarked
BOOKMARK_LABEL = "\u2606 Bookmark"
BOOKMARKED_LABEL = "\u2605 Bookmarked"

# View > Navigation pane's tip, as a screen reader reads it with the tick
NAVIGATOR_TIP = ("Search, contents, bookmarks and history beside the chapter; hidden, the "
                 "chapter has the whole width")
NAVIGATOR_NARROW_TIP = ("Search, contents, bookmarks and history, over the chapter: the window "
                        "is too narrow for both; F9 or Esc returns to the chapter")


def _action(window: MainWindow, menu: QMenu, text: str, slot: Callable[[], object],
            shortcuts: Sequence[QKeySequence | QKeySequence.StandardKey | str] = ()
            ) -> QAction:
    action = QAction(text, window)
    keys: list[QKeySequence] = []
    for shortcut in shortcuts:
        if isinstance(shortcut, QKeySequence.StandardKey):
            found = QKeySequence.keyBindings(shortcut)
        else:
            found = [QKeySequence(shortcut)]
        # no duplicates, and no bare media keys ("Back") that two standard keys share
        keys.extend(k for k in found if k not in keys and not _is_media_key(k))
    action.setShortcuts(keys)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def _reading(window: MainWindow, slot: Callable[[], object]) -> Callable[[], None]:
    """`slot`, for an action on the chapter being read: where the navigator is over it (a
    window too narrow for both), it is put away first, or a new tab, Back or the start page
    changed a page no one could see."""
    def act() -> None:
        window.show_chapter_pane()
        slot()
    return act


def _preview(window: MainWindow) -> None:
    """File > Print preview; its module, and Qt's preview with it, loaded when first used."""
    from reader.ui.print_preview import preview_current

    preview_current(window)


def _bookmarking(window: MainWindow) -> Callable[[], None]:
    """Ctrl+D: where the navigator is over the chapter, the chapter is shown first: the row
    highlighted in the contents or the search results need not be the chapter bookmarked.
    Over the bookmarks, they stay in sight, where the chapter's row comes or goes."""
    def act() -> None:
        if window.sidebar.currentWidget() is not window.saved.bookmarks_pane:
            window.show_chapter_pane()
        window.toggle_bookmark()
    return act


def _menu(parent: QMenuBar | QMenu, title: str) -> QMenu:
    """A menu under `parent` that names its keys as the Keyboard shortcuts list does."""
    menu = KeyNamedMenu(title, parent)
    parent.addMenu(menu)
    return menu


def build_menus(window: MainWindow) -> None:
    """The menu bar: every action of the window, with its standard shortcut."""
    Key = QKeySequence.StandardKey
    file_menu = _menu(window.menuBar(), "&File")
    _action(window, file_menu, "&New tab", _reading(window, lambda: window.new_tab().setFocus()),
            [Key.AddTab])
    window.reopen_action = _action(window, file_menu, "&Reopen closed tab",
                                      _reading(window, window.reopen_closed_tab), ["Ctrl+Shift+T"])
    _action(window, file_menu, "&Close tab", _reading(window, window.close_tab),
            [Key.Close, "Ctrl+W"])
    file_menu.addSeparator()
    window.print_action = _action(window, file_menu, "&Print\u2026", window.print_page,
                                     [Key.Print])
    # no key: no platform has a standard one for it
    _action(window, file_menu, "Print pre&view\u2026", _reading(window, lambda: _preview(window)))
    _action(window, file_menu, "&Export to PDF\u2026", window.export_pdf, ["Ctrl+Shift+E"])
    file_menu.addSeparator()
    _action(window, file_menu, "&Install content update\u2026", window.install_update)
    _action(window, file_menu, "&Go back to the bundled edition\u2026", window.remove_update)
    file_menu.addSeparator()
    _action(window, file_menu, "&Quit", window.close, [Key.Quit])

    edit_menu = _menu(window.menuBar(), "&Edit")
    window.find_action = _action(window, edit_menu, "&Find in page\u2026", window.open_find,
                                    [Key.Find])
    _action(window, edit_menu, "Copy &reference", window.copy_reference, ["Ctrl+Shift+C"])

    view_menu = _menu(window.menuBar(), "&View")
    _action(window, view_menu, "Zoom &in", lambda: window.zoom(1), [Key.ZoomIn, "Ctrl+="])
    _action(window, view_menu, "Zoom &out", lambda: window.zoom(-1), [Key.ZoomOut])
    _action(window, view_menu, "&Normal size", lambda: window.zoom(0), ["Ctrl+0"])
    view_menu.addSeparator()
    window.outline_action = _switch(
        window, view_menu, "O&utline", lambda on: window.set_outline_wanted(on), True,
        "Ctrl+Shift+O",
        "The page's headings beside it, when it has headings and the window is wide enough")
    window.navigator_action = _switch(
        window, view_menu, "N&avigation pane", lambda on: window.set_navigator_shown(on), True,
        "F9", NAVIGATOR_TIP)
    window.caret_action = _switch(
        window, view_menu, "&Caret browsing", lambda on: window.set_caret_browsing(on),
        window.settings.caret_browsing, "F7",
        "A text cursor in the chapter that the arrow keys move, for screen readers and for "
        "selecting with the keyboard")
    theme_menu = _menu(view_menu, "&Theme")
    window.theme_actions = QActionGroup(window)
    for name in THEMES:
        label = _with_letter(THEME_LABELS.get(name, name), theme_menu)
        action = _action(window, theme_menu, label,
                         lambda _checked=False, name=name: window.set_theme(name))
        action.setCheckable(True)
        action.setChecked(name == window.settings.theme)
        action.setData(name)
        window.theme_actions.addAction(action)
    # Qt gives Preferences a key on macOS only; Ctrl+Comma is what other platforms' apps use
    _action(window, view_menu, "&Preferences\u2026", window.edit_preferences,
            [Key.Preferences, "Ctrl+,"])

    go_menu = _menu(window.menuBar(), "&Go")
    window.back_action = _action(window, go_menu, "&Back", _reading(window, window.go_back),
                                 [Key.Back])
    window.forward_action = _action(window, go_menu, "&Forward",
                                    _reading(window, window.go_forward), [Key.Forward])
    _action(window, go_menu, "&Start page", _reading(window, window.show_start_page),
            ["Alt+Home"])
    go_menu.addSeparator()
    _action(window, go_menu, "Ne&xt tab", _reading(window, lambda: window.tabs.cycle(1)),
                 [Key.NextChild, "Ctrl+PgDown"])
    _action(window, go_menu, "Pre&vious tab", _reading(window, lambda: window.tabs.cycle(-1)),
                 # first, as the menu shows the first: not its "Backtab" twin
                 ["Ctrl+Shift+Tab", Key.PreviousChild, "Ctrl+PgUp"])
    go_menu.addSeparator()
    _action(window, go_menu, "Se&arch", window.focus_search, ["Ctrl+K", "Ctrl+L"])
    _action(window, go_menu, "F&ilter contents", window.focus_filter, ["Ctrl+Shift+F"])
    _action(window, go_menu, "&Next match", lambda: window.next_match(True), [Key.FindNext])
    _action(window, go_menu, "&Previous match", lambda: window.next_match(False),
                 [Key.FindPrevious])
    go_menu.addSeparator()
    _action(window, go_menu, "&Contents tree", window.focus_contents, ["F6"])
    _action(window, go_menu, "C&hapter text", window.focus_chapter, ["Shift+F6"])
    _action(window, go_menu, "Page o&utline", window.focus_outline, ["F8"])

    bookmarks_menu = _menu(window.menuBar(), "&Bookmarks")
    window.bookmark_action = _action(window, bookmarks_menu, "&Bookmark this chapter",
                                        _bookmarking(window), ["Ctrl+D"])
    window.bookmark_action.setCheckable(True)
    show = _action(window, bookmarks_menu, "&Show bookmarks", window.show_bookmarks,
                   ["Ctrl+Shift+B"])
    # made in the order they are listed: Export, made first, stood between Bookmark this
    # chapter and Show bookmarks, apart from Import
    export = _action(window, bookmarks_menu, "&Export bookmarks\u2026",
                     lambda: window.saved.export_to())
    fixed = [window.bookmark_action, show, export,
             _action(window, bookmarks_menu, "&Import bookmarks\u2026",
                          lambda: window.saved.import_from())]

    def fill_bookmarks() -> None:
        window.saved.fill_bookmarks_menu(bookmarks_menu, fixed)
        export.setEnabled(bool(window.saved.bookmarks))  # as the pane's button: an empty file

    bookmarks_menu.aboutToShow.connect(fill_bookmarks)
    window.bookmarks_menu = bookmarks_menu

    history_menu = _menu(window.menuBar(), "Hi&story")
    show = _action(window, history_menu, "&Show history", window.show_history, ["Ctrl+H"])
    clear = _action(window, history_menu, "&Clear history", window.saved.clear_history)
    history_fixed = [show, clear]

    def fill_history() -> None:
        window.saved.fill_history_menu(history_menu, history_fixed)
        clear.setEnabled(bool(window.saved.history))

    history_menu.aboutToShow.connect(fill_history)
    window.history_menu = history_menu

    name_overflow_button(window.menuBar(), "qt_menubar_ext_button", "More menus",
                         "The menus the window is too narrow to show")
    help_menu = _menu(window.menuBar(), "&Help")
    # a tab of its own opened behind the navigator over the chapter: shown
    _action(window, help_menu, "&What's new in this edition",
            _reading(window, window.show_whats_new))
    _action(window, help_menu, "&Keyboard shortcuts", window.show_shortcuts)
    _action(window, help_menu, "Content &problems\u2026", window.status_widgets.show_problems)
    _action(window, help_menu, "Where the &log is\u2026", window.status_widgets.show_log_place)
    _action(window, help_menu, "&About", window.show_about)


def build_toolbar(window: MainWindow) -> None:
    """Back, Forward, New tab, Bookmark, Find, Print: the commonest, one click away."""
    bar = QToolBar("Navigation", window)
    bar.setObjectName("navigation-toolbar")  # saveState needs a name
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.setAccessibleName("Navigation toolbar")
    draw_arrows(window)
    new_tab = QAction("New tab", window)
    new_tab.setIconText("+ New tab")
    new_tab.triggered.connect(_reading(window, lambda: window.new_tab().setFocus()))
    items = [(window.back_action, "Back", "Back to the page before (Alt+Left)"),
             (window.forward_action, "Forward", "Forward again (Alt+Right)"),
             None,
             (new_tab, "New tab", "Open the start page in a new tab (Ctrl+T)"),
             (window.bookmark_action, "Bookmark",
              "Bookmark this chapter, or remove its bookmark (Ctrl+D)"),
             (window.find_action, "Find in page", "Find text in this page (Ctrl+F)"),
             (window.print_action, "Print", "Print this page (Ctrl+P)")]
    for item in items:
        if item is None:
            bar.addSeparator()
            continue
        action, name, tip = item
        action.setToolTip(tip)
        bar.addAction(action)
        button = bar.widgetForAction(action)
        button.setAccessibleName(name)
        button.setToolTip(tip)
    window.find_action.setIconText("Find")
    window.print_action.setIconText("Print")
    # as wide for either label: Find and Print jumped sideways at every Ctrl+D, and at every
    # change between a bookmarked tab and another
    RoomForEither(bar.widgetForAction(window.bookmark_action),
                  (BOOKMARK_LABEL, BOOKMARKED_LABEL))
    window.toolbar = bar
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    name_overflow_button(bar, "qt_toolbar_ext_button", "More toolbar buttons",
                         "The toolbar's buttons the window is too narrow to show")


def name_overflow_button(bar: QMenuBar | QToolBar, qt_name: str, name: str, tip: str) -> None:
    """The » button Qt puts at the end of a bar too narrow for all it holds: unnamed, a
    screen reader said only "button", and a mouse's pointer resting on it learnt nothing."""
    button = bar.findChild(QToolButton, qt_name)
    if button is None:  # a Qt that builds it otherwise: the bar still works, unnamed
        return
    button.setAccessibleName(name)
    button.setToolTip(tip)


class RoomForEither(QObject):
    """Keeps a toolbar button as wide as the widest of its labels, again when the theme
    changes its font or style."""

    def __init__(self, button: QToolButton, labels: Sequence[str]) -> None:
        super().__init__(button)
        self.button = button
        self.labels = tuple(labels)
        self._fit()
        button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
        return False

    def hold(self, labels: Sequence[str]) -> None:
        """As wide as the widest of these labels from now on (a narrow bar's signs alone)."""
        self.labels = tuple(labels)
        self._fit()

    def _fit(self) -> None:
        shown = self.button.text()
        self.button.setMinimumWidth(0)
        # a button keeps its size for a text until the text changes, and a new font is seen
        # here before the button forgets it: the label shown was measured at the old font
        # (after large text, the Bookmark button twice as wide as its words)
        self.button.setText("")
        widths = []
        for label in self.labels:
            self.button.setText(label)
            widths.append(self.button.sizeHint().width())
        self.button.setText(shown)
        self.button.setMinimumWidth(max(widths))


def draw_arrows(window: MainWindow) -> None:
    """Back and Forward icons in the theme's palette; again after a theme change."""
    # the application's: a window built before the theme was applied still has the old one
    palette = QApplication.palette(window)
    window.back_action.setIcon(arrow_icon(palette, BACK))
    window.forward_action.setIcon(arrow_icon(palette, FORWARD))


def shortcut_lines(menu_bar: QMenuBar) -> list[tuple[str, str]]:
    """Every menu action that has a shortcut: (what it does, its keys)."""
    found = []
    for menu_action in menu_bar.actions():
        menu = menu_action.menu()
        actions = list(menu.actions()) if menu else []
        while actions:
            action = actions.pop(0)
            if action.menu():
                actions.extend(action.menu().actions())
            elif shown := _keys_to_show(action.shortcuts()):
                found.append((action.text().replace("&", "").rstrip("\u2026"), shown))
    return found


def _keys_to_show(keys: list[QKeySequence]) -> str:
    """The keys as a person presses them: not a keyboard's dedicated keys ("Close", "Zoom
    In"), which read like words, and Shift+Backtab as the Shift+Tab it is."""
    names: list[str] = []
    for key in keys:
        combination = key[0]
        if key.count() == 1 and combination.keyboardModifiers() == Qt.KeyboardModifier.NoModifier \
                and combination.key().value >= Qt.Key.Key_Back.value:
            continue
        name = key_name(key)
        if name not in names:
            names.append(name)
    return ", ".join(names)


def _switch(window: MainWindow, menu: QMenu, text: str, turn: Callable[[bool], object],
            checked: bool, shortcut: str, tip: str) -> QAction:
    """A menu item that is on while checked; `turn` is given its new state."""
    action = _action(window, menu, text, lambda: turn(action.isChecked()), [shortcut])
    action.setCheckable(True)
    action.setChecked(checked)
    action.setStatusTip(tip)
    return action


def _with_letter(label: str, menu: QMenu) -> str:
    """The label with an Alt letter that no item of the menu has yet: without one, a letter
    typed in the open menu chose nothing, and only the arrow keys reached the item."""
    taken = {_letter(action.text()) for action in menu.actions()}
    for at, char in enumerate(label):
        if char.isalnum() and char.lower() not in taken:
            return f"{label[:at]}&{label[at:]}"
    return label


def _letter(text: str) -> str:
    """The Alt letter of a menu item ("&&" is a plain "&"), lower-cased; "" if it has none."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else ""


def _is_media_key(key: QKeySequence) -> bool:
    """Keys left out of window shortcuts: "Back" or "Forward" alone, which several standard
    bindings share, and Backspace, which must delete in a text box, never go back."""
    return key.count() == 1 and key[0].key() in (
        Qt.Key.Key_Back, Qt.Key.Key_Forward, Qt.Key.Key_Backspace)
