"""A status bar message in a narrow window is read, at any text size, and the edition's date
stays in sight: cut short beside it for its seconds, whole again once it goes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from reader.ui.main_window import NAVIGATOR_AWAY, MainWindow
from reader.ui.status_widgets import MESSAGE_MARGIN

from .conftest import shown_window
from .test_large_text import at_points
from .test_narrow_window import sized
from .test_status_widgets import read_again

EDITION = "Edition of 2 September 2024"
CLEARED = "History cleared, with Back, Forward and closed tabs; your bookmarks are unchanged"


def lines_fit(window: MainWindow) -> bool:
    """Every line of the message drawn whole left of the edition's date, the bar as tall as
    them all."""
    bar = window.statusBar()
    lines = window.status_widgets.message_lines()
    room = window.status_widgets.edition_label.x() - MESSAGE_MARGIN
    return all(bar.fontMetrics().horizontalAdvance(line) <= room for line in lines) \
        and bar.height() >= len(lines) * bar.fontMetrics().lineSpacing()


@pytest.fixture(params=[None, 20], ids=["usual text", "20 points"])
def points(request) -> Iterator[float | None]:
    """The desktop's usual text size, or its large text (20 points) while the test runs."""
    if request.param is None:
        yield None
    else:
        for _ in at_points(request.param):
            yield request.param


def time_runs_out(qtbot, window: MainWindow) -> None:
    """The message's seconds over, without waiting them: the bar's own timer fires now."""
    bar = window.statusBar()
    # refitted to the bar's new width, the message keeps the seconds it had left
    [timer] = [t for t in bar.findChildren(QTimer) if t.isActive() and t.interval() <= 10_000]
    timer.start(0)
    qtbot.waitUntil(lambda: bar.currentMessage() == "")


def test_in_a_narrow_window_the_navigators_message_is_read_and_the_date_comes_back(
        qtbot, points: float | None) -> None:
    window = shown_window(qtbot)
    bar = window.statusBar()
    label = window.status_widgets.edition_label
    usual_height = bar.height()
    window.show_status(CLEARED)  # at the usual 1,200 pixels: as ever, on one line
    assert label.text() == EDITION
    assert CLEARED.startswith(bar.currentMessage().removesuffix("\u2026"))
    assert bar.height() == usual_height
    sized(qtbot, window, 450)  # half a small laptop screen: the navigator put away
    qtbot.waitUntil(lambda: not window.splitter.side.isVisible())
    QApplication.processEvents()
    # "Navigation pane put away (F9 s…" at the usual size, nothing at all at 20 points
    assert "Navigation pane put away (F9 shows it)" in bar.currentMessage()
    if points is None:  # on two lines, whole
        assert bar.currentMessage() == NAVIGATOR_AWAY
    assert lines_fit(window)
    assert label.isVisible() and label.text() == "2 Sep 2024"  # the date, cut short
    assert label.accessibleName() == EDITION
    assert read_again(window) == NAVIGATOR_AWAY  # a screen reader reads it whole, as before
    time_runs_out(qtbot, window)
    assert label.text() == EDITION  # whole again
    assert window.status_widgets.message_lines() == ()
    qtbot.waitUntil(lambda: bar.height() == usual_height)


def test_in_a_narrow_window_history_cleared_is_seen(qtbot, points: float | None) -> None:
    window = shown_window(qtbot)
    sized(qtbot, window, 450)
    window.saved.clear_history_now()  # History > Clear history
    QApplication.processEvents()
    bar = window.statusBar()
    # at 20 points only the edition's date showed: nothing said the history had gone
    assert "History cleared, with Back, Forward" in bar.currentMessage()
    if points is None:  # on two lines, whole: "History cleared, with Back, F…" was all
        assert bar.currentMessage() == CLEARED
    assert lines_fit(window)
    assert window.status_widgets.edition_label.text() == "2 Sep 2024"
    window.resize(1200, 700)  # widened while it shows: the date whole, the message on one
    qtbot.waitUntil(lambda: window.status_widgets.edition_label.text() == EDITION)
    qtbot.waitUntil(lambda: len(window.status_widgets.message_lines()) == 1)
    assert bar.currentMessage().startswith("History cleared, with")


def test_in_a_narrow_window_a_links_address_stays_on_one_line(qtbot) -> None:
    # the bar grown by a line under a pointer on the page's last line took the link from
    # under it: the hint went, the bar shrank, and the hint came again
    window = shown_window(qtbot)
    bar = window.statusBar()
    usual_height = bar.height()
    sized(qtbot, window, 450)
    QApplication.processEvents()
    window.chapter.link_hint.emit("Opens in your web browser: https://derbycsc."
                                  "proceduresonline.com/chapters/a_long_address_of_a_page.html")
    QApplication.processEvents()
    assert len(window.status_widgets.message_lines()) == 1
    assert bar.height() == usual_height
    assert window.status_widgets.edition_label.text() == EDITION
