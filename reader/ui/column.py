"""The panes' one layout: widgets stacked top to bottom, flush with the pane's edges."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

# pixels between one row and the next in the panes' lists, whose rows wrap: without a gap a
# wrapped title ran into the next (the light theme's alternate shade is too faint to part them)
ROW_GAP = 6


def flush_column(widget: QWidget, spacing: int = 4) -> QVBoxLayout:
    """A vertical layout for `widget` with no margin: the splitters and tabs around the panes
    give the space, so margins here would double it."""
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    return layout
