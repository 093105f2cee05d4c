"""Hands a web or email address to the system's browser or mail program, on a click only."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from reader.outside_links import outside_address


def open_outside(href: str) -> str | None:
    """Opens `href` in the browser or mail program, with nothing to attach; what to tell the
    person, or None for an address that must not leave the app (a file, a share, a script)."""
    address = outside_address(href)
    if address is None:
        return None
    # a chapter's link comes encoded, and must not be decoded twice; an address in the
    # manual's own facts may be written with letters beyond ASCII
    target = QUrl.fromEncoded(address.encode()) if address.isascii() else QUrl(address)
    program = "email program" if target.scheme() == "mailto" else "web browser"
    if QDesktopServices.openUrl(target):
        return f"Opened in your {program}: {target.toString()}"
    return f"No {program} could open {target.toString()}"
