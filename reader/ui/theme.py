"""Colour themes: the widget palette and the chapter stylesheet of each, and following the desktop.

A theme is chosen by name. "system" follows the desktop: high contrast when it asks for more
contrast, dark when its colour scheme is dark, light otherwise. The other names are
the stylesheets in resources/styles/.
"""

from __future__ import annotations

import logging
from enum import StrEnum

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QWidget,
)

from reader.resources import resources_dir, stylesheet

log = logging.getLogger(__name__)

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


class Theme(StrEnum):
    """The theme names a person can choose; all but SYSTEM have a stylesheet of that name."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"
    HIGH_CONTRAST = "high-contrast"


THEME_LABELS: dict[str, str] = {
    Theme.SYSTEM: "Follow the system",
    Theme.LIGHT: "Light",
    Theme.DARK: "Dark",
    Theme.HIGH_CONTRAST: "High contrast",
}

# Role -> colour for the active and inactive groups; DISABLED_* overrides the disabled group.
DARK_COLOURS: dict[Role, str] = {
    Role.Window: "#23272e",
    Role.WindowText: "#e3e6ea",
    Role.Base: "#1b1f24",
    Role.AlternateBase: "#242930",
    Role.Text: "#e3e6ea",
    Role.PlaceholderText: "#9ba5b0",
    Role.Button: "#2d333b",
    Role.ButtonText: "#e3e6ea",
    Role.BrightText: "#ffa3a3",
    Role.Light: "#4a535e",
    Role.Midlight: "#3a424c",
    Role.Mid: "#56616d",  # banner and separator edges, visible on the window colour
    Role.Dark: "#14171b",
    Role.Shadow: "#000000",
    Role.Highlight: "#2f65a8",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#8cc8ff",
    Role.LinkVisited: "#c8a8ff",
    Role.ToolTipBase: "#2d333b",
    Role.ToolTipText: "#e3e6ea",
}
DARK_DISABLED: dict[Role, str] = {
    Role.WindowText: "#7c8793",
    Role.Text: "#7c8793",
    Role.ButtonText: "#7c8793",
    Role.HighlightedText: "#c0c6cc",
    Role.Highlight: "#3a424c",
}
# Light, Mid and Dark are white so that Fusion's frames and separators show on black.
HIGH_CONTRAST_COLOURS: dict[Role, str] = {
    Role.Window: "#000000",
    Role.WindowText: "#ffffff",
    Role.Base: "#000000",
    Role.AlternateBase: "#1a1a1a",
    Role.Text: "#ffffff",
    Role.PlaceholderText: "#d9d9d9",
    Role.Button: "#000000",
    Role.ButtonText: "#ffffff",
    Role.BrightText: "#ffff00",
    Role.Light: "#ffffff",
    Role.Midlight: "#ffffff",
    Role.Mid: "#ffffff",
    Role.Dark: "#ffffff",
    Role.Shadow: "#ffffff",
    Role.Highlight: "#ffff00",
    Role.HighlightedText: "#000000",
    Role.Link: "#ffff00",
    Role.LinkVisited: "#ffb3ff",
    Role.ToolTipBase: "#000000",
    Role.ToolTipText: "#ffffff",
}
# Still 8:1 on black, and unlike white at a glance: at #bfbfbf a Forward or Move up that could
# not act looked as white as those that could
HIGH_CONTRAST_DISABLED: dict[Role, str] = {
    Role.WindowText: "#a0a0a0",
    Role.Text: "#a0a0a0",
    Role.ButtonText: "#a0a0a0",
    Role.Highlight: "#bfbfbf",
    Role.HighlightedText: "#000000",
}


# Fusion draws frames from the window colour, which vanish on a dark or black window; these
# give text fields, drop-down lists, number boxes, panes, check boxes and buttons a visible
# edge and a focus ring (on the dark window Fusion's ring on a list was 1.9:1, a button's
# edge 2.4:1), menus their separator lines and a box or circle for each toggle and choice
# (the style left an unticked one blank, like a command), and high contrast white scroll bars.
# High contrast's panes have a thin white edge, which turns yellow and twice as thick with
# the keyboard: its width tells the two apart, where white to yellow is 1.1:1 (a grey edge,
# as before, was no colour of the theme's). The white line sits a pixel in from the pane's
# side, so that the pane is the same size either way.
# High contrast marks the button Enter presses with a thicker edge: with the keyboard on a
# list, OK looked as Cancel does (yellow stays the keyboard's alone; the size stays the same).
# CHECK_MARK stands for the tick's image file.
DARK_WIDGETS = """
QLineEdit { border: 1px solid #6b7785; border-radius: 3px; padding: 2px 3px; }
QLineEdit:focus { border: 1px solid #8cc8ff; }
QComboBox, QAbstractSpinBox { border: 1px solid #6b7785; border-radius: 3px; padding: 1px 3px; }
QComboBox:focus, QAbstractSpinBox:focus { border-color: #8cc8ff; }
QComboBox::drop-down { border: none; width: 18px; }
QComboBox::down-arrow { image: url(DOWN_ARROW); width: 10px; height: 10px; }
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button { border: none; width: 16px; }
QAbstractSpinBox::up-arrow { image: url(UP_ARROW); width: 8px; height: 8px; }
QAbstractSpinBox::down-arrow { image: url(DOWN_ARROW); width: 8px; height: 8px; }
QPushButton { border: 1px solid #6b7785; border-radius: 3px; padding: 3px 10px;
              background: #2d333b; }
QPushButton:hover { background: #3a424c; }
QPushButton:focus, QPushButton:default { border-color: #8cc8ff; }
QPushButton:pressed { background: #2f65a8; }
QPushButton:disabled { border-color: #4a535e; }
QCheckBox::indicator { width: 0.93em; height: 0.93em; border: 1px solid #8f9aa6;
                       border-radius: 2px; background: #1e2227; }
QCheckBox::indicator:focus { border: 1px solid #8cc8ff; }
QCheckBox::indicator:checked { background: #8cc8ff; border-color: #8cc8ff;
                               image: url(CHECK_MARK); }
QMenu::separator { height: 1px; background: #56616d; margin: 3px 6px; }
QMenu::item { padding: 4px 24px 4px 28px; }
QMenu::item:selected { background: palette(highlight); color: palette(highlighted-text); }
QMenu::indicator { width: 13px; height: 13px; left: 7px; border: 1px solid #8f9aa6;
                   background: #1e2227; }
QMenu::indicator:non-exclusive { border-radius: 2px; }
QMenu::indicator:exclusive { border-radius: 7px; }
QMenu::indicator:checked { background: #8cc8ff; border-color: #8cc8ff; }
QMenu::indicator:non-exclusive:checked { image: url(CHECK_MARK); }
"""
HIGH_CONTRAST_WIDGETS = """
QLineEdit { border: 2px solid #ffffff; padding: 2px 3px; }
QCheckBox::indicator { width: 1em; height: 1em; border: 2px solid #ffffff;
                       background: #000000; }
QCheckBox::indicator:focus { border-color: #ffff00; }
QCheckBox::indicator:checked { background: #ffff00; border-color: #ffff00;
                               image: url(CHECK_MARK); }
QLineEdit:focus { border: 2px solid #ffff00; }
QAbstractScrollArea { border: 1px solid #ffffff; margin: 1px; }
QAbstractScrollArea:focus { border: 2px solid #ffff00; margin: 0px; }
QTabBar::tab { border: 1px solid #ffffff; padding: 4px 10px; margin-right: 2px; }
QTabBar::tab:selected { border: 2px solid #ffff00; }
QScrollBar { background: #000000; border: 1px solid #ffffff; }
QScrollBar:vertical { width: 14px; }
QScrollBar:horizontal { height: 14px; }
QScrollBar::handle { background: #ffffff; border: 2px solid #000000; }
QScrollBar::handle:vertical { min-height: 28px; }
QScrollBar::handle:horizontal { min-width: 28px; }
QScrollBar::add-line, QScrollBar::sub-line { width: 0px; height: 0px; border: none; }
QScrollBar::add-page, QScrollBar::sub-page { background: #000000; }
QMenu::separator { height: 1px; background: #ffffff; margin: 3px 6px; }
QMenu::item { padding: 4px 24px 4px 28px; }
QMenu::item:selected { background: palette(highlight); color: palette(highlighted-text); }
QMenu::indicator { width: 12px; height: 12px; left: 6px; border: 2px solid #ffffff;
                   background: #000000; }
QMenu::indicator:exclusive { border-radius: 8px; }
QMenu::indicator:checked { background: #ffff00; border-color: #ffff00; }
QMenu::indicator:non-exclusive:checked { image: url(CHECK_MARK); }
QComboBox, QAbstractSpinBox { border: 2px solid #ffffff; padding: 1px 3px; }
QComboBox:focus, QAbstractSpinBox:focus { border-color: #ffff00; }
QPushButton { border: 2px solid #ffffff; padding: 3px 10px; background: #000000; }
QPushButton:default { border-width: 3px; padding: 2px 9px; }
QPushButton:focus { border-color: #ffff00; }
QPushButton:disabled { border-color: #a0a0a0; }
QPushButton:pressed { background: #ffff00; color: #000000; }
QComboBox::drop-down { border: none; width: 18px; }
QComboBox::down-arrow { image: url(DOWN_ARROW); width: 12px; height: 12px; }
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button { border: none; width: 16px; }
QAbstractSpinBox::up-arrow { image: url(UP_ARROW); width: 10px; height: 10px; }
QAbstractSpinBox::down-arrow { image: url(DOWN_ARROW); width: 10px; height: 10px; }
"""
WIDGET_STYLESHEETS: dict[str, str] = {
    Theme.DARK: DARK_WIDGETS,
    Theme.HIGH_CONTRAST: HIGH_CONTRAST_WIDGETS,
}


def _palette(colours: dict[Role, str], disabled: dict[Role, str]) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(Group.All, role, QColor(colour))
    for role, colour in disabled.items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    return palette


def theme_palette(theme: str, app: QApplication) -> QPalette:
    """The widget palette of a resolved theme; light is the style's own standard palette."""
    if theme == Theme.DARK:
        return _palette(DARK_COLOURS, DARK_DISABLED)
    if theme == Theme.HIGH_CONTRAST:
        return _palette(HIGH_CONTRAST_COLOURS, HIGH_CONTRAST_DISABLED)
    return app.style().standardPalette()


# Fusion draws the edge of a text field, drop-down list, number box, check box or button as
# the window colour darkened by 140%: #ababab on the light window, 2:1 (a check box's 1.7:1),
# hard to find on a dim laptop screen. Those classes get a window colour of their own whose
# darker shade is #767676, 4.5:1. (A widget stylesheet, as the other themes have, made every
# widget restyle: 9 ms of the start.)
EDGED_CLASSES = ("QLineEdit", "QComboBox", "QAbstractSpinBox", "QCheckBox", "QRadioButton",
                 "QPushButton")
LIGHT_EDGE_WINDOW = "#a5a5a5"
# the application's property: the font (its key) the widgets were last styled at
STYLED_FONT = "styled_font"
# a list's dynamic properties: watched while hidden, and a restyle held for when it is shown
WATCHED = "restyle_watched"
HELD = "restyle_held"


def light_edge_palette(palette: QPalette) -> QPalette:
    """The light theme's palette for text fields, drop-down lists, number boxes, check boxes
    and buttons."""
    edged = QPalette(palette)
    for group in (Group.Active, Group.Inactive):  # a disabled one keeps its faint edge
        edged.setColor(group, Role.Window, QColor(LIGHT_EDGE_WINDOW))
    return edged


def text_sized_box(box: QCheckBox) -> None:
    """A check box as tall as the text beside it: the style's box stayed 13 pixels in text of
    18 points, smaller than its letters, and its tick hard to see for a person who needs the
    large text. Its size alone, in em: the style still draws it (dark and high contrast
    style theirs whole). On the box alone: a style of its own drops the themes' style sheet,
    and one for the whole application had every widget's measures asked of Python, about
    15 ms of each start."""
    box.setStyleSheet("QCheckBox::indicator { width: 0.93em; height: 0.93em; }")


def resolve_theme(choice: str, app: QGuiApplication) -> str:
    """The theme to draw for a choice: itself, or for "system" what the desktop asks for."""
    if choice in (Theme.LIGHT, Theme.DARK, Theme.HIGH_CONTRAST):
        return str(Theme(choice))
    if choice != Theme.SYSTEM:
        # a hand-edited or older settings file: follow the desktop rather than fail
        log.warning("unknown theme %r; following the system", choice)
    hints = app.styleHints()
    if hints.accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast:
        return str(Theme.HIGH_CONTRAST)
    if hints.colorScheme() == Qt.ColorScheme.Dark:
        return str(Theme.DARK)
    return str(Theme.LIGHT)


def apply_theme(app: QApplication, theme: str) -> str:
    """Set the widget palette and stylesheet of a theme (or choice); return its chapter CSS."""
    hints = app.styleHints()
    if theme == Theme.SYSTEM or theme not in THEME_LABELS:
        # drop an earlier explicit request so colorScheme() reports the desktop's own again
        hints.unsetColorScheme()
    resolved = resolve_theme(theme, app)
    if theme != Theme.SYSTEM and theme in THEME_LABELS:
        # ask the platform for matching window frames where it can (Windows, macOS)
        hints.setColorScheme(Qt.ColorScheme.Dark if resolved != Theme.LIGHT
                             else Qt.ColorScheme.Light)
    palette = theme_palette(resolved, app)
    app.setPalette(palette)
    if resolved == Theme.LIGHT:  # after the application's palette, which drops the classes'
        edged = light_edge_palette(palette)
        for name in EDGED_CLASSES:
            app.setPalette(edged, name)
    # the application-wide widget stylesheet is the theme's: nothing else in the app sets one
    icons = resources_dir() / "icons"
    sheet = (WIDGET_STYLESHEETS.get(resolved, "")
             .replace("CHECK_MARK", (icons / "check-mark.svg").as_posix())
             .replace("DOWN_ARROW", (icons / "down-arrow.svg").as_posix())
             .replace("UP_ARROW", (icons / "up-arrow.svg").as_posix()))
    if sheet != app.styleSheet():
        for widget in app.allWidgets():
            if isinstance(widget, QAbstractItemView) and not widget.isVisible():
                RestyleWhenShown.hold(widget)
        if sheet and app.styleSheet():
            # Qt restyles each widget once for every widget it sits in when one stylesheet
            # replaces another (170 ms from dark to high contrast); removing the old one
            # first restyles each widget once, twice in all (the same look: light's way)
            app.setStyleSheet("")
        app.setStyleSheet(sheet)
    return stylesheet(resolved)


class RestyleWhenShown(QObject):
    """Holds back the restyle of a hidden list until it is shown.

    Qt restyles every widget on a theme change, shown or not, and a list restyled lays out
    all its rows: the hidden bookmarks list of 1,000 took 9 ms of each change. The list gets
    the same restyle, only later, as it is shown and before it is painted."""

    @classmethod
    def hold(cls, view: QWidget) -> None:
        """Watch a hidden list, once: its restyles wait for it to be shown."""
        if not view.property(WATCHED):
            view.setProperty(WATCHED, True)
            view.installEventFilter(cls(view))  # goes with the list

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # what is held is kept on the list: nothing here but the filter
        if not isinstance(watched, QWidget):
            return False
        kind = event.type()
        if kind == QEvent.Type.StyleChange and not watched.isVisible():
            watched.setProperty(HELD, True)
            return True
        if kind == QEvent.Type.Show and watched.property(HELD):
            watched.setProperty(HELD, False)
            QApplication.sendEvent(watched, QEvent(QEvent.Type.StyleChange))
        return False


class ThemeFollower(QObject):
    """Holds the theme choice and re-applies it when the desktop changes while it is "system".

    Parent it to the main window: Qt then drops the desktop connections with the window.
    """

    applied = Signal(str, str)  # resolved theme, chapter stylesheet text

    def __init__(self, app: QApplication, choice: str = Theme.SYSTEM,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._choice = str(choice)
        self._applying = False
        self.theme = resolve_theme(self._choice, app)
        self.stylesheet = ""
        hints = app.styleHints()
        self._signals = [hints.colorSchemeChanged,
                         hints.accessibility().contrastPreferenceChanged]
        for signal in self._signals:
            signal.connect(self._desktop_changed)

    def stop(self) -> None:
        """Stop following the desktop (the window is closing; another may follow instead)."""
        for signal in self._signals:
            signal.disconnect(self._desktop_changed)
        self._signals = []

    @property
    def choice(self) -> str:
        return self._choice

    def set_choice(self, choice: str) -> str:
        """Apply a theme choice now; emits applied and returns the chapter stylesheet."""
        self._choice = str(choice)
        self._applying = True
        try:
            self.stylesheet = apply_theme(self._app, self._choice)
        finally:
            self._applying = False
        self.theme = resolve_theme(self._choice, self._app)
        self._app.setProperty(STYLED_FONT, self._app.font().key())
        self.applied.emit(self.theme, self.stylesheet)
        return self.stylesheet

    def _desktop_changed(self, *_args: object) -> None:
        # apply_theme itself moves the colour scheme; only the desktop's own changes count
        if self._choice == Theme.SYSTEM and not self._applying:
            self.set_choice(Theme.SYSTEM)

    def follow_text_size(self) -> None:
        """After the desktop's text size changed. Qt gives each widget it styled by a style
        sheet (all, in the dark themes; the edition notice and a few more in light) the font
        it had when styled, so their words kept their old size: styled again, each takes the
        new one."""
        font = self._app.font().key()
        if self._app.property(STYLED_FONT) == font:  # another window styled them already
            return
        self._app.setProperty(STYLED_FONT, font)
        if sheet := self._app.styleSheet():
            self._app.setStyleSheet(sheet)  # every widget styled again
            return
        for widget in self._app.allWidgets():
            if own := widget.styleSheet():
                widget.setStyleSheet(own)
