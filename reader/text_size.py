"""The chapter pane's text size: zoom steps (Ctrl+Plus, Ctrl+Minus) applied to the stylesheet.

The chapter stylesheets give every font size in points, and QTextBrowser's own zoom changes
only sizes the page leaves unset: body text stayed put while headings grew. So a zoom step
scales the stylesheet's sizes instead, all by the same factor, on top of the desktop's own
text size where that is large.
"""

from __future__ import annotations

import re

BODY_POINTS = 11.0  # the body text's size in resources/styles/*.css
MEASURE_EMS = 44  # the widest line of chapter text, in ems: about 90 characters
MIN_STEPS = -6  # about half the normal size
MAX_STEPS = 10  # about two and a half times: past what WCAG's 200% asks
STEP_FACTOR = 1.1
_POINT_SIZE = re.compile(r"(font-size:\s*)(\d+(?:\.\d+)?)pt")


def clamped(steps: int) -> int:
    return max(MIN_STEPS, min(MAX_STEPS, steps))


def zoom_factor(steps: int) -> float:
    return float(STEP_FACTOR ** clamped(steps))


def desktop_factor(desktop_points: float) -> float:
    """How much the chapter's sizes grow for the desktop's text size: its text is never
    smaller than the window's own. A large-text setting (16 or 20 pt, where 9 to 11 is
    usual) made the menus and the contents tree large and left the chapter at 11 pt."""
    return max(1.0, desktop_points / BODY_POINTS)


def zoomed_stylesheet(css: str, steps: int, desktop: float = 1.0) -> str:
    """The stylesheet with each point size scaled for `steps` zoom steps, on top of the
    `desktop_factor`."""
    factor = zoom_factor(steps) * desktop
    if factor == 1.0:
        return css
    return _POINT_SIZE.sub(
        lambda size: f"{size[1]}{float(size[2]) * factor:.2f}pt", css)
