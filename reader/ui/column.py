"""The panes' one layout: widgets stacked top to bottom, flush with the pane's edges."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget


def flush_column(widget: QWidget, spacing: int = 4) -> QVBoxLayout:
    """A vertical layout for `widget` with no margin: the splitters and tabs around the panes
    give the space, so margins here would double it."""
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    return layout
