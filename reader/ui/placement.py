"""Where the window first appears: its usual size, or less on a small screen, centred."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SCREEN_SHARE = 0.95  # of the screen's free area: a window filling it looks like a mistake
# pixels of a window's frame, which Qt cannot tell before the window is shown: a title bar
# (31 on Windows at 100%, more on some Linux desktops) and the edges, resizing ones included
TITLE_BAR, FRAME_EDGES = 40, 16


def fit_to_screen(window: QWidget) -> None:
    """Shrink the window to fit its screen's free area if it is smaller, and centre it there.

    For a start with no saved window geometry: at 1200 by 780 the window is taller than a
    1366 by 768 laptop screen less its taskbar, and its status bar would be out of sight.
    """
    screen = window.screen()
    if screen is None:
        return
    available = screen.availableGeometry()
    frame = window_frame(window)
    room = (available.size() * SCREEN_SHARE).boundedTo(available.size() - frame)
    window.resize(window.size().boundedTo(room))
    # the frame's place: centred as if the window had none, the title bar pushed the status
    # bar below the screen's edge, under the taskbar
    outer = window.size() + frame
    window.move(available.x() + max(0, (available.width() - outer.width()) // 2),
                available.y() + max(0, (available.height() - outer.height()) // 2))


def window_frame(window: QWidget) -> QSize:
    """What the window's frame adds to its size: as drawn once it is shown, else as much as
    a desktop's frame usually adds."""
    known = window.frameGeometry().size() - window.size()
    return known if not known.isEmpty() else QSize(FRAME_EDGES, TITLE_BAR + FRAME_EDGES)


def screen_room(widget: QWidget | None) -> QSize:
    """The room on the screen a dialog opens on, less panels and taskbars."""
    screen = widget.screen() if widget is not None else QGuiApplication.primaryScreen()
    return screen.availableGeometry().size()


def step_aside(window: QWidget) -> None:
    """Move the window a title bar's height down and to the right, as desktops place an
    app's second window, so that it is not taken for the first one, changed; up and to the
    left where the screen has no room below. A full-screen or maximised window stays."""
    screen = window.screen()
    if screen is None or window.isMaximized() or window.isFullScreen():
        return
    available = screen.availableGeometry()
    frame = window_frame(window)
    for step in (QPoint(TITLE_BAR, TITLE_BAR), QPoint(-TITLE_BAR, -TITLE_BAR)):
        # the window as restoreGeometry put it, moved: by its inside, as that keeps it
        moved = window.geometry().translated(step)
        if available.contains(moved.topLeft()) and available.contains(
                moved.bottomRight() + QPoint(frame.width(), frame.height())):
            window.setGeometry(moved)
            return
