"""Tooltips that show their text as written."""

from __future__ import annotations

from PySide6.QtGui import Qt


def plain_tooltip(text: str) -> str:
    """`text` made safe for a tooltip: Qt shows one that looks like it holds a tag as HTML,
    and a chapter's title or heading, or an address from a content pack, may hold "<b>" or
    "<h1>" that is no part of what it names. Spaces stay spaces, so a long tip still wraps."""
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal) if text else ""
