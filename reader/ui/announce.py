"""Announcements for screen readers: news that appears where the reader's focus is not."""

from __future__ import annotations

from PySide6.QtCore import QObject

# milliseconds of no typing before a count that changes with each letter (search results,
# find in page) is said: said at every letter, a screen reader queued one count after another
# behind the letters' own echo
TYPING_PAUSE_MS = 600


def announce(source: QObject, text: str) -> None:
    """Have a running screen reader say `text` once it has finished what it is saying (a
    status bar message, a result count): focus stays where the person is typing or reading."""
    if not text:
        return
    # imported when first needed: making Qt's accessibility classes costs start-up time
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(source, text))
