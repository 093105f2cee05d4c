"""Where the window first appears: its usual size, or less on a small screen, centred."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

SCREEN_SHARE = 0.95  # of the screen's free area, leaving room for the window's frame


def fit_to_screen(window: QWidget) -> None:
    """Shrink the window to fit its screen's free area if it is smaller, and centre it there.

    For a start with no saved window geometry: at 1200 by 780 the window is taller than a
    1366 by 768 laptop screen less its taskbar, and its status bar would be out of sight.
    """
    screen = window.screen()
    if screen is None:
        return
    available = screen.availableGeometry()
    window.resize(window.size().boundedTo(available.size() * SCREEN_SHARE))
    frame = window.frameGeometry()
    frame.moveCenter(available.center())
    window.move(frame.topLeft())
