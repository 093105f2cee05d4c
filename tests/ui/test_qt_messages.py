"""Qt's messages during a screenshot: one harmless complaint left out, the rest kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import qWarning

from reader.ui.qt_messages import OFFSCREEN_HINTS, offscreen_hints_unsaid


@pytest.mark.qt_log_level_fail("CRITICAL")  # the warnings here are the test's own
def test_only_the_offscreen_complaint_is_left_out(qtlog) -> None:
    with offscreen_hints_unsaid():  # pytest-qt's handler, as any before ours, hears the rest
        qWarning(OFFSCREEN_HINTS)
        qWarning("a font could not be loaded")
    qWarning(OFFSCREEN_HINTS)  # the handler before is back once the screenshot is done
    heard = [record.message for record in qtlog.records]
    assert heard == ["a font could not be loaded", OFFSCREEN_HINTS]
