"""Themes: the choice resolves as the desktop asks, palettes match the chapter stylesheets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QScrollBar, QWidget
from shiboken6 import isValid

from reader.manual import load_manual
from reader.render import ChapterRenderer
from reader.resources import stylesheet
from reader.ui.chapter_view import ChapterView
from reader.ui.theme import (
    THEME_LABELS,
    Theme,
    ThemeFollower,
    apply_theme,
    resolve_theme,
    theme_palette,
)

from ..conftest import CONTENT
from ..contrast import contrast_ratio, parse_css

Role = QPalette.ColorRole
MINIMUM = {"dark": 4.5, "high-contrast": 7.0}
READ_PAIRS = [
    (Role.Text, Role.Base),
    (Role.WindowText, Role.Window),
    (Role.ButtonText, Role.Button),
    (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.PlaceholderText, Role.Base),
    (Role.Link, Role.Base),
]


@pytest.fixture
def desktop(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, object]]:
    """What the desktop asks for, set by the test; the app's palette is restored afterwards."""
    asked: dict[str, object] = {"scheme": Qt.ColorScheme.Light,
                                "contrast": Qt.ContrastPreference.NoPreference}
    hints = qapp.styleHints()
    monkeypatch.setattr(hints, "colorScheme", lambda: asked["scheme"])
    monkeypatch.setattr(hints.accessibility(), "contrastPreference", lambda: asked["contrast"])
    palette, sheet = QPalette(qapp.palette()), qapp.styleSheet()
    yield asked
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)
    hints.unsetColorScheme()


def test_theme_names_and_labels() -> None:
    assert [str(t) for t in Theme] == ["system", "light", "dark", "high-contrast"]
    assert set(THEME_LABELS) == set(Theme)


@pytest.mark.parametrize("choice", ["light", "dark", "high-contrast"])
def test_an_explicit_choice_is_kept_whatever_the_desktop(desktop, qapp, choice: str) -> None:
    desktop["scheme"] = Qt.ColorScheme.Dark
    assert resolve_theme(choice, qapp) == choice


def test_system_follows_the_desktop_scheme_and_contrast(desktop, qapp) -> None:
    assert resolve_theme("system", qapp) == "light"
    desktop["scheme"] = Qt.ColorScheme.Dark
    assert resolve_theme("system", qapp) == "dark"
    desktop["contrast"] = Qt.ContrastPreference.HighContrast
    assert resolve_theme("system", qapp) == "high-contrast"


def test_an_unknown_choice_follows_the_system(desktop, qapp, caplog) -> None:
    desktop["scheme"] = Qt.ColorScheme.Dark
    assert resolve_theme("sepia", qapp) == "dark"
    assert "unknown theme 'sepia'" in caplog.text


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_apply_sets_the_palette_and_returns_the_chapter_stylesheet(desktop, qapp, theme) -> None:
    css = apply_theme(qapp, theme)
    assert css == stylesheet(theme)
    base = qapp.palette().color(Role.Base).name()
    assert base == theme_palette(theme, qapp).color(Role.Base).name()
    if theme != "light":
        # QTextBrowser paints the palette behind the text: it must be the page's own colours
        body = parse_css(css)["body"]
        assert base == body["background-color"]
        assert qapp.palette().color(Role.Text).name() == body["color"]
        assert qapp.styleSheet()  # frames and focus rings that show on a dark window
    else:
        assert qapp.styleSheet() == ""


@pytest.mark.parametrize("theme", sorted(MINIMUM))
def test_widget_palettes_are_readable(qapp, theme: str) -> None:
    palette = theme_palette(theme, qapp)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for text, background in READ_PAIRS:
            ratio = contrast_ratio(palette.color(group, text).name(),
                                   palette.color(group, background).name())
            assert ratio >= MINIMUM[theme], f"{theme} {text.name} on {background.name}"


@pytest.mark.parametrize("theme", sorted(MINIMUM))
def test_a_control_that_cannot_act_looks_unlike_one_that_can(qapp, theme: str) -> None:
    palette = theme_palette(theme, qapp)
    for text, background in ((Role.ButtonText, Role.Button), (Role.WindowText, Role.Window),
                             (Role.Text, Role.Base)):
        enabled = palette.color(QPalette.ColorGroup.Active, text).name()
        disabled = palette.color(QPalette.ColorGroup.Disabled, text).name()
        paper = palette.color(QPalette.ColorGroup.Disabled, background).name()
        # Forward with nowhere to go, Move up on the first bookmark: told apart at a glance
        assert contrast_ratio(enabled, disabled) >= 2.5, f"{theme} {text.name}"
        # and still readable: as the theme promises in high contrast, faint but legible in dark
        floor = MINIMUM[theme] if theme == "high-contrast" else 3.0
        assert contrast_ratio(disabled, paper) >= floor, f"{theme} {text.name}"


@pytest.mark.parametrize("theme", sorted(MINIMUM))
def test_edges_of_the_notice_and_separators_show_on_the_window(qapp, theme: str) -> None:
    """The edition notice's border and menu separators are drawn in the palette's Mid."""
    palette = theme_palette(theme, qapp)
    edge, window = palette.color(Role.Mid).name(), palette.color(Role.Window).name()
    assert contrast_ratio(edge, window) >= 2.0, f"{theme}: {edge} on {window}"


def test_follower_reapplies_when_the_desktop_changes_and_the_choice_is_system(
    desktop, qapp, qtbot
) -> None:
    follower = ThemeFollower(qapp, "system")
    applied: list[str] = []
    follower.applied.connect(lambda theme, _css: applied.append(theme))
    assert follower.set_choice("system") == stylesheet("light")

    desktop["scheme"] = Qt.ColorScheme.Dark
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert applied == ["light", "dark"]
    assert follower.theme == "dark"
    assert follower.stylesheet == stylesheet("dark")
    assert qapp.palette().color(Role.Base).name() == "#1b1f24"

    follower.set_choice("high-contrast")
    desktop["scheme"] = Qt.ColorScheme.Light
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert applied == ["light", "dark", "high-contrast"]  # an explicit choice stays put
    assert qapp.palette().color(Role.Base).name() == "#000000"


def test_follower_drops_its_connections_with_its_parent(desktop, qapp, qtbot) -> None:
    owner = QWidget()
    follower = ThemeFollower(qapp, "system", parent=owner)
    applied: list[str] = []
    follower.applied.connect(lambda theme, _css: applied.append(theme))
    owner.deleteLater()
    qtbot.waitUntil(lambda: not isValid(follower))
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # must not crash
    assert applied == []


def test_a_closed_windows_follower_leaves_the_theme_to_the_window_still_open(
        desktop, qapp) -> None:
    closed = ThemeFollower(qapp, "system")
    closed.stop()  # its window closed, not yet deleted
    ThemeFollower(qapp, "high-contrast").set_choice("high-contrast")
    desktop["scheme"] = Qt.ColorScheme.Dark
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert qapp.palette().color(Role.Base).name() == "#000000"  # not the desktop's dark


def test_choosing_system_applies_it_once_though_the_platform_reports_the_change(
        desktop, qapp, monkeypatch) -> None:
    # Windows and macOS answer a dropped request with a colour scheme change of their own
    hints = qapp.styleHints()
    monkeypatch.setattr(hints, "unsetColorScheme",
                        lambda: hints.colorSchemeChanged.emit(Qt.ColorScheme.Light))
    follower = ThemeFollower(qapp, "dark")
    applied: list[str] = []
    follower.applied.connect(lambda theme, _css: applied.append(theme))
    follower.set_choice("system")
    assert applied == ["light"]



def test_switching_the_stylesheet_redraws_the_open_chapter_in_place(desktop, qapp, qtbot) -> None:
    manual = load_manual(CONTENT)
    entry = manual.find("1.1.1")
    assert entry is not None
    view = ChapterView(apply_theme(qapp, "light"), manual.root)
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    view.show_page(ChapterRenderer(manual).page_for(entry))
    found = view.highlight(("children",))
    marked = [s.cursor.selectedText() for s in view.extraSelections()]
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    place = bar.value() / bar.maximum()

    view.apply_stylesheet(apply_theme(qapp, "dark"))
    assert abs(bar.value() / bar.maximum() - place) < 0.02
    assert found > 5
    assert [s.cursor.selectedText() for s in view.extraSelections()] == marked  # still marked
    bar.setValue(0)
    image = view.viewport().grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert {"#20252b", "#232d38"} <= colours  # the dark theme's scope and amendment boxes
    assert not {"#f6f8fa", "#eef3f9"} & colours  # and no longer the light ones


def test_tree_badges_take_the_colours_of_the_chapter_badges() -> None:
    from reader.ui.contents import badge_colours

    fills, text = badge_colours(stylesheet("high-contrast"))
    assert text == "#000000"  # black on bright, as in the chapter pane
    assert fills["updated"] == "#66e0ff" and fills["new"] == "#66ff8c"
    fills, text = badge_colours(stylesheet("light"))
    assert text == "#ffffff" and fills["under_review"] == "#8a4b00"


@pytest.mark.parametrize("theme", ["dark", "high-contrast"])
def test_the_back_arrow_is_drawn_in_the_themes_colours_from_the_start(qapp, qtbot,
                                                                      theme: str) -> None:
    from reader.settings import Settings
    from reader.ui.main_window import MainWindow
    from reader.ui.theme import apply_theme

    try:
        apply_theme(qapp, "light")  # as before the window, when the settings ask for another
        window = MainWindow(load_manual(CONTENT), settings=Settings(theme=theme))
        qtbot.addWidget(window)
        arrow = window.back_action.icon().pixmap(24).toImage()
        inked = [arrow.pixelColor(x, y) for x in range(arrow.width())
                 for y in range(arrow.height()) if arrow.pixelColor(x, y).alpha() > 200]
        window_colour = QApplication.palette(window).color(QPalette.ColorRole.Window).name()
        # black on the dark toolbar could not be seen
        assert inked and all(contrast_ratio(c.name(), window_colour) >= 4.5 for c in inked)
    finally:
        apply_theme(qapp, "system")


def test_high_contrast_marks_the_current_tab_plainly(qapp, qtbot) -> None:
    from reader.settings import Settings
    from reader.ui.main_window import MainWindow
    from reader.ui.theme import apply_theme

    try:
        window = MainWindow(load_manual(CONTENT), settings=Settings(theme="high-contrast"))
        qtbot.addWidget(window)
        window.show()
        window.open_entry("1.1.1")
        window.new_tab("entry", "6.7.6")
        shot = window.tabs.tabBar().grab().toImage()
        colours = [shot.pixelColor(x, y).name() for x in range(shot.width())
                   for y in range(shot.height())]
        # Fusion drew tab edges dark grey on black: which tab was current hardly showed
        assert colours.count("#ffff00") > 50 and colours.count("#ffffff") > 50
    finally:
        apply_theme(qapp, "system")


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_the_pane_with_the_keyboard_has_an_edge_plainly_unlike_the_others(
    qtbot, window, theme: str
) -> None:
    window.set_theme(theme)
    window.open_entry("1.1.1")
    tree, page = window.contents.tree, window.chapter

    def edge(pane, x: int = 0) -> str:  # the middle of the pane's left edge, as drawn
        return pane.grab().toImage().pixelColor(x, pane.height() // 2).name()

    edges: dict[str, list[str]] = {"tree": [], "page": []}
    for keys, focused in (("F6", tree), ("Shift+F6", page)):
        QTest.keySequence(window, keys)
        qtbot.waitUntil(focused.hasFocus)
        edges["tree"].append(edge(tree))
        edges["page"].append(edge(page))
    # moving from pane to pane with F6, each pane's edge changes plainly (3:1, as WCAG asks
    # of a focus mark), and the plain one still shows on the window (high contrast's thin
    # white line a pixel in from the side)
    (tree_on, tree_off), (page_off, page_on) = edges["tree"], edges["page"]
    assert contrast_ratio(tree_on, tree_off) >= 3, edges
    assert contrast_ratio(page_on, page_off) >= 3, edges
    window_colour = window.palette().color(QPalette.ColorRole.Window).name()
    assert max(contrast_ratio(edge(tree, x), window_colour) for x in range(2)) >= 1.5, edges


@pytest.mark.parametrize("theme", ["dark", "high-contrast"])
def test_search_matches_in_a_chapter_take_the_themes_colours(window, theme: str) -> None:
    window.set_theme("light")
    window.open_entry("1.1.1")
    assert window.chapter.highlight(("children",)) > 1
    window.set_theme(theme)  # while the matches are shown
    css = parse_css(stylesheet(theme))
    view = window.chapter
    drawn = [(s.format.foreground().color().name(), s.format.background().color().name())
             for s in view.extraSelections()]
    current = drawn.pop(view.match_index)
    assert current == (css["span.match-current"]["color"],
                       css["span.match-current"]["background-color"])
    assert set(drawn) == {(css["span.match"]["color"], css["span.match"]["background-color"])}


@pytest.mark.parametrize("theme", ["dark", "high-contrast"])
def test_menu_separators_show_on_a_dark_menu(desktop, qapp, qtbot, theme: str) -> None:
    from PySide6.QtWidgets import QMenu

    apply_theme(qapp, theme)
    menu = QMenu()
    qtbot.addWidget(menu)
    menu.addAction("Normal size")
    separator = menu.addSeparator()
    menu.addAction("Outline")
    image = menu.grab().toImage()
    paper = menu.palette().color(QPalette.ColorRole.Window).name()
    line = menu.actionGeometry(separator)
    strongest = max(contrast_ratio(image.pixelColor(x, y).name(), paper)
                    for x in range(line.left(), line.right())
                    for y in range(line.top(), line.bottom() + 1))
    # View's zoom commands and its toggles, File's tabs and printing: kept apart by a line
    assert strongest >= 1.5, f"{theme}: the separator line is {strongest:.2f}:1 on the menu"


@pytest.mark.parametrize("theme", ["dark", "high-contrast"])
@pytest.mark.parametrize("exclusive", [False, True], ids=["toggle", "choice"])
def test_unticked_menu_toggles_and_choices_show_their_box_on_a_dark_menu(
        desktop, qapp, qtbot, theme: str, exclusive: bool) -> None:
    from PySide6.QtGui import QActionGroup
    from PySide6.QtWidgets import QMenu

    apply_theme(qapp, theme)
    menu = QMenu()
    qtbot.addWidget(menu)
    group = QActionGroup(menu) if exclusive else None
    unticked = menu.addAction("Caret browsing")
    ticked = menu.addAction("Outline")
    for action in (unticked, ticked):
        action.setCheckable(True)
        if group is not None:
            group.addAction(action)
    ticked.setChecked(True)
    image = menu.grab().toImage()
    paper = menu.palette().color(QPalette.ColorRole.Window).name()
    row = menu.actionGeometry(unticked)
    strongest = max(contrast_ratio(image.pixelColor(x, y).name(), paper)
                    for x in range(row.left() + 4, row.left() + 20)  # left of the text
                    for y in range(row.top(), row.bottom() + 1))
    # View > Caret browsing off, Theme's other choices: without a box they read as commands
    assert strongest >= 3, f"{theme}: the unticked box is {strongest:.2f}:1 on the menu"


def test_lists_number_boxes_and_buttons_have_an_edge_in_high_contrast(desktop, qapp, qtbot
                                                                     ) -> None:
    from PySide6.QtWidgets import QComboBox, QPushButton, QSpinBox

    apply_theme(qapp, "high-contrast")
    # the search's section filter and the edition warning's months: without an edge on black
    # they read as plain text with a stray arrow; a button (What's new, Open, OK) as a label
    for box in (QComboBox(), QSpinBox(), QPushButton("What's new")):
        qtbot.addWidget(box)
        if isinstance(box, QComboBox):
            box.addItem("All sections")
        box.resize(160, box.sizeHint().height())
        image = box.grab().toImage()
        edge = image.pixelColor(1, image.height() // 2).name()
        assert contrast_ratio(edge, "#000000") >= 7, f"{type(box).__name__}: edge {edge}"


def test_a_high_contrast_scroll_bar_shows_where_its_handle_is(desktop, qapp, qtbot) -> None:
    apply_theme(qapp, "high-contrast")
    bar = QScrollBar(Qt.Orientation.Vertical)
    qtbot.addWidget(bar)
    bar.setRange(0, 100)
    bar.setPageStep(10)
    bar.resize(14, 200)
    shot = bar.grab().toImage()
    # the handle at the top is white on the black track
    assert shot.pixelColor(7, 12).name() == "#ffffff"
    assert shot.pixelColor(7, 150).name() == "#000000"


def test_following_the_system_again_forgets_the_scheme_asked_for_before(
        qapp, monkeypatch) -> None:
    # as on Windows and macOS, where the platform answers with the scheme the app asked for
    asked: dict[str, Qt.ColorScheme | None] = {"app": None}
    hints = qapp.styleHints()
    monkeypatch.setattr(hints, "colorScheme",
                        lambda: asked["app"] or Qt.ColorScheme.Light)  # a light desktop
    monkeypatch.setattr(hints, "setColorScheme", lambda scheme: asked.update(app=scheme))
    monkeypatch.setattr(hints, "unsetColorScheme", lambda: asked.update(app=None))
    palette, sheet = QPalette(qapp.palette()), qapp.styleSheet()
    try:
        apply_theme(qapp, "high-contrast")  # dark window frames asked for: black window
        assert asked["app"] == Qt.ColorScheme.Dark
        apply_theme(qapp, "light")
        assert asked["app"] == Qt.ColorScheme.Light
        apply_theme(qapp, "dark")
        assert asked["app"] == Qt.ColorScheme.Dark
        apply_theme(qapp, "system")
        # else the request is read back as the desktop's wish, and "system" stays dark
        assert resolve_theme("system", qapp) == "light"
        assert qapp.palette().color(Role.Base) == theme_palette("light", qapp).color(Role.Base)
    finally:
        qapp.setPalette(palette)
        qapp.setStyleSheet(sheet)


@pytest.mark.parametrize("theme", ["dark", "high-contrast"])
def test_links_in_notices_take_the_new_themes_colour(qtbot, window, theme: str) -> None:
    window.set_theme("light")
    window.banner.show_notice("Check the online manual at https://example.org/ when you can.")
    window.start_search()  # as the app does after its first paint
    qtbot.waitUntil(lambda: window.search.full_text, timeout=30_000)
    qtbot.keyClicks(window.search_box, "permenance")  # "Did you mean: permanence", a link
    suggestion = window.search.suggestion
    qtbot.waitUntil(lambda: "Did you mean" in suggestion.text())
    light = window.banner.label.palette().color(QPalette.ColorRole.Link).name()
    window.set_theme(theme)  # the desktop turning dark in the evening does the same
    for label in (window.banner.label, suggestion):
        link = label.palette().color(QPalette.ColorRole.Link).name()
        drawn = {label.grab().toImage().pixelColor(x, y).name()
                 for x in range(label.width()) for y in range(label.height())}
        # the link's underline is drawn in the link colour: the new theme's, not the old
        assert link in drawn and light not in drawn, label.accessibleDescription()


def active_preferences(qtbot):
    """The Preferences dialog, shown and taking the keys, as a person opens it."""
    from reader.settings import Settings
    from reader.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_a_drop_down_list_or_number_box_with_the_keyboard_shows_it(
        qtbot, qapp, theme: str) -> None:
    apply_theme(qapp, theme)
    try:
        dialog = active_preferences(qtbot)
        window = dialog.palette().color(QPalette.ColorRole.Window).name()
        for control in (dialog.theme, dialog.months):
            for _ in range(6):  # by Tab, as a person goes: only then is the ring drawn
                QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
                if control.hasFocus():
                    break
            shot = control.grab().toImage()
            edge = shot.pixelColor(0, shot.height() // 2).name()
            # in the dark theme Fusion's own ring was 1.9:1 on the window: no sign of which
            # control Tab had reached
            assert contrast_ratio(edge, window) >= 3.0, (control.accessibleName(), edge)
    finally:
        apply_theme(qapp, "system")


def _close_cross_room(window) -> int:
    """Pixels between the current tab's close cross, as drawn, and the tab's right edge."""
    bar = window.tabs.tabBar()
    index = bar.currentIndex()
    tab = bar.tabRect(index)
    close = bar.close_button(index).geometry()
    shot = bar.grab().toImage()
    ink = bar.palette().color(Role.ButtonText)
    inked = [x for x in range(close.left(), tab.right() + 1)
             for y in range(close.top(), close.bottom() + 1)
             if abs(shot.pixelColor(x, y).lightness() - ink.lightness()) < 40
             and shot.pixelColor(x, y).name() != "#ffff00"]
    return tab.right() - max(inked)


def test_a_tabs_close_cross_has_as_much_room_in_every_theme(qapp, qtbot) -> None:
    from reader.ui.main_window import MainWindow
    from reader.ui.theme import apply_theme

    try:
        window = MainWindow(load_manual(CONTENT))
        qtbot.addWidget(window)
        window.show()
        window.open_entry("1.1.1")
        room = {}
        for theme in ("light", "dark", "high-contrast"):
            window.set_theme(theme)
            QApplication.processEvents()
            room[theme] = _close_cross_room(window)
        # high contrast's tab edges put the cross against the tab's yellow edge
        assert room["high-contrast"] >= min(room["light"], room["dark"]) - 2, room
    finally:
        apply_theme(qapp, "system")


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_a_fields_edge_shows_on_the_window(qapp, qtbot, theme: str) -> None:
    from PySide6.QtWidgets import (
        QCheckBox,
        QComboBox,
        QHBoxLayout,
        QLineEdit,
        QPushButton,
        QSpinBox,
    )

    try:
        apply_theme(qapp, theme)
        holder = QWidget()
        qtbot.addWidget(holder)
        fields = [QLineEdit(holder), QComboBox(holder), QSpinBox(holder)]
        fields[1].addItem("All sections")
        # nothing drawn but the edge
        unlabelled = [QCheckBox(holder), QPushButton(holder)]
        layout = QHBoxLayout(holder)
        for widget in (*fields, *unlabelled):
            layout.addWidget(widget)
        holder.show()
        qtbot.waitExposed(holder)
        window = qapp.palette().color(Role.Window).name()

        def strongest(widget: QWidget, rows: range) -> float:
            shot = widget.grab().toImage()
            return max(contrast_ratio(shot.pixelColor(x, y).name(), window)
                       for y in rows for x in range(0, shot.width(), 2))

        # the search box, the section filter, the months and the check box of Preferences,
        # its buttons: Fusion's light edges were 2:1 on the window (a check box's 1.7:1),
        # hard to find on a dim laptop screen
        for field in fields:  # along the top edge, above the text
            edge = strongest(field, range(3))
            assert edge >= 3.0, f"{theme} {type(field).__name__}: {edge:.1f}:1"
        for widget in unlabelled:
            edge = strongest(widget, range(widget.height()))
            assert edge >= 3.0, f"{theme} {type(widget).__name__}: {edge:.1f}:1"
    finally:
        apply_theme(qapp, "system")


def test_a_field_made_after_a_switch_from_light_takes_the_new_themes_colours(qapp) -> None:
    from PySide6.QtWidgets import QLineEdit

    try:
        apply_theme(qapp, "light")
        apply_theme(qapp, "dark")
        field = QLineEdit()
        field.ensurePolished()  # where Qt gives a widget its class's palette
        # the light fields' own palette, left in place, gave a white box on the dark window
        assert field.palette().color(Role.Base) == qapp.palette().color(Role.Base)
        assert field.palette().color(Role.Window) == qapp.palette().color(Role.Window)
    finally:
        apply_theme(qapp, "system")


def test_high_contrast_marks_the_button_enter_presses(qtbot, qapp) -> None:
    apply_theme(qapp, "high-contrast")
    try:
        dialog = active_preferences(qtbot)
        dialog.theme.setFocus()  # the keys on the list: Enter still presses OK
        qtbot.waitUntil(dialog.theme.hasFocus)
        buttons = {b.text().replace("&", ""): b for b in dialog.findChildren(QPushButton)}
        ok, cancel = buttons["OK"], buttons["Cancel"]
        assert ok.isDefault()
        ok_shot, cancel_shot = ok.grab().toImage(), cancel.grab().toImage()
        third = [shot.pixelColor(2, shot.height() // 2).name() for shot in (ok_shot, cancel_shot)]
        # OK drawn as Cancel was: nothing said which one Enter would press
        assert third == ["#ffffff", "#000000"]
        # the thicker edge takes no more room: the row does not jump as the default moves
        assert ok.sizeHint().height() == cancel.sizeHint().height()
        cancel.setFocus()  # the button with the keys has the keyboard's yellow edge
        qtbot.waitUntil(cancel.hasFocus)
        shot = cancel.grab().toImage()
        assert shot.pixelColor(0, shot.height() // 2).name() == "#ffff00"
    finally:
        apply_theme(qapp, "system")


def test_a_theme_stylesheet_lost_from_the_install_does_not_stop_the_reader(
        qapp, qtbot, monkeypatch, tmp_path, caplog) -> None:
    # whoever had chosen the dark theme got a traceback at start, and no reader
    import shutil

    from reader import resources
    from reader.settings import Settings
    from reader.ui.main_window import MainWindow
    from reader.ui.theme import apply_theme

    installed = tmp_path / "resources"
    shutil.copytree(resources.resources_dir(), installed)
    (installed / "styles" / "dark.css").unlink()
    monkeypatch.setattr(resources, "resources_dir", lambda: installed)
    try:
        window = MainWindow(load_manual(CONTENT), settings=Settings(theme="dark"))
        qtbot.addWidget(window)
        window.show()
        window.open_entry("1.1.1")
        # the chapter still styled, in the light theme's rules, and IT told which file
        assert window.chapter.document().defaultStyleSheet()
        assert "dark theme's stylesheet" in caplog.text and "reinstall the reader" in caplog.text
    finally:
        apply_theme(qapp, "system")
