"""The edition notice above the page, in a narrow window and at a large scale."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QDesktopServices, QFont, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from reader.ui.edition_banner import EditionBanner

from .conftest import activate
from .test_large_text import large_text  # noqa: F401 (a fixture)

NOTICE = ("This edition is dated 1 March 2025, more than a year ago. The procedures may have "
          "changed since. Check the online manual at https://derbycsc.proceduresonline.com/ "
          "when you can.")


@pytest.mark.parametrize(("points", "width"), [(9, 360), (13.5, 540)])
def test_the_online_address_fits_a_notice_half_a_screen_wide(qtbot, points, width) -> None:
    """In a window half a laptop screen wide (546 px: the notice gets 360), and the same at
    150%, the address was wider than the room left beside the buttons, and cut off at the
    edge: "https://derbycsc.proceduresonline.cc", the rest never to be read."""
    banner = EditionBanner()
    qtbot.addWidget(banner)
    font = QFont(banner.font())
    font.setPointSizeF(points)
    banner.setFont(font)
    banner.show_notice(NOTICE, whats_new=True)
    # the window gives the notice this much, whatever the notice would like
    assert banner.minimumSizeHint().width() <= width


CHANGED = ("The manual has changed since you last used the reader: this is the edition of 1 "
           "March 2025, and you last read the edition of 2 September 2024. What's new lists "
           "what changed. " + NOTICE)


def _notice_shown(qtbot, window) -> None:
    window.banner.show_notice(CHANGED, whats_new=True)  # as a start after an update says it
    activate(qtbot, window)


def test_enter_on_the_notices_whats_new_opens_it(qtbot, window) -> None:
    """Outside a dialog, Qt's buttons take Space only: Enter, as on the notice's link just
    before it, did nothing."""
    _notice_shown(qtbot, window)
    window.banner.whats_new_button.setFocus()
    qtbot.keyClick(window.banner.whats_new_button, Qt.Key.Key_Return)
    assert window.chapter.toPlainText().startswith("What's new in this edition")
    assert QApplication.focusWidget() is window.chapter


def test_enter_on_the_notices_close_button_hides_it(qtbot, window) -> None:
    _notice_shown(qtbot, window)
    window.banner.close_button.setFocus()
    qtbot.keyClick(window.banner.close_button, Qt.Key.Key_Enter)
    assert not window.banner.isVisible()
    # the keys go back to the page, as with Esc; they went on to the tabs' bar above it
    assert QApplication.focusWidget() is window.chapter


def test_a_click_on_the_notices_close_button_leaves_the_keys_where_they_were(
        qtbot, window) -> None:
    _notice_shown(qtbot, window)
    window.contents.tree.setFocus()
    qtbot.mouseClick(window.banner.close_button, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible()
    assert QApplication.focusWidget() is window.contents.tree


def test_esc_in_the_notice_goes_back_to_the_page(qtbot, window) -> None:
    """From the contents, Tab reaches the notice's link; Esc there went nowhere."""
    _notice_shown(qtbot, window)
    window.contents.tree.setFocus()
    qtbot.keyClick(window.contents.tree, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.banner.label
    qtbot.keyClick(window.banner.label, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.chapter
    assert window.banner.isVisible()  # left, not hidden: it is still there to read


def test_the_notice_shows_as_written_with_its_address_a_link_without_the_full_stop(
        qtbot) -> None:
    banner = EditionBanner()
    qtbot.addWidget(banner)
    notice = "Dated <1 March> & older. Check https://example.org/manual. Or ask <IT>."
    banner.show_notice(notice)
    html = banner.label.text()
    # the notice's own words never read as markup; the full stop ends the sentence, not
    # the address, which opened a page that is not there
    assert html.startswith("Dated &lt;1 March&gt; &amp; older. Check ")
    assert '<a href="https://example.org/manual">' in html
    assert html.endswith("</a>. Or ask &lt;IT&gt;.")
    # "https://" never left alone at a line's end
    assert "https://\u2060example" in html
    assert banner.label.accessibleName() == notice  # read out as written
    assert not banner.isHidden()


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_the_notices_link_reached_with_tab_is_ringed_and_space_opens_it(
        qtbot, window, monkeypatch, theme: str) -> None:
    """Tab onto the address showed only Qt's faint dotted line round it, and Space did
    nothing there, where Enter opened it."""
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toString()) or True)
    window.set_theme(theme)
    _notice_shown(qtbot, window)
    label = window.banner.label

    window.contents.tree.setFocus()
    # the notice laid out in the window, all its words shown, as a person sees it
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    unfocused = label.grab().toImage()
    qtbot.keyClick(window.contents.tree, Qt.Key.Key_Tab)
    assert label.hasFocus()
    assert not opened  # reaching the link opens nothing
    assert_ringed_round_the_link(label, unfocused)
    qtbot.keyClick(label, Qt.Key.Key_Space)
    assert opened == ["https://derbycsc.proceduresonline.com/"]


@pytest.mark.usefixtures("large_text")
def test_in_large_text_in_half_a_laptop_screen_the_notice_scrolls_and_leaves_the_page_room(
        qtbot, window) -> None:
    # it took all but three lines of the page, and was cut off itself, mid-address: the
    # rest of it could not be read at all
    window.resize(683, 700)
    window.open_entry("1.1.1")
    _notice_shown(qtbot, window)
    QApplication.processEvents()
    scroller, label = window.banner.scroller, window.banner.label
    column = window.banner.parentWidget().height()
    assert window.banner.height() <= 0.35 * column
    bar = scroller.verticalScrollBar()
    assert bar.isVisible() and bar.maximum() > 0
    # the whole notice is there to scroll to, not cut off below the strip
    assert label.height() >= label.heightForWidth(label.width())
    assert bar.width() > 14  # as wide as the window's bars in large text
    # with the keys on its link, the arrows and pages scroll it
    label.setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(10):
        qtbot.keyClick(label, Qt.Key.Key_PageDown)
    assert bar.value() == bar.maximum()
    qtbot.keyClick(label, Qt.Key.Key_Up)
    assert 0 < bar.value() < bar.maximum()


def test_a_notice_with_room_for_it_shows_whole_without_a_scroll_bar(qtbot, window) -> None:
    window.resize(1200, 780)
    _notice_shown(qtbot, window)
    QApplication.processEvents()
    label = window.banner.label
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    assert window.banner.scroller is None  # no pane to scroll in


def inked_box(image: QImage, colour: str, leave: QImage | None = None) -> QRect:
    """The box round every pixel of this colour; with `leave`, only those not so there."""
    box = QRect()
    for y in range(image.height()):
        for x in range(image.width()):
            if image.pixelColor(x, y).name() == colour and (
                    leave is None or leave.pixelColor(x, y).name() != colour):
                box = box.united(QRect(x, y, 1, 1))
    return box


def assert_ringed_round_the_link(label: QLabel, unfocused: QImage) -> None:
    """The label, given the keys, shows a ring in the focus colour round its link's words,
    not round the whole of it: the words before the link stay outside."""
    link = label.palette().color(QPalette.ColorRole.Link).name()
    words = inked_box(unfocused, link)  # the link's words and their underline
    ring = inked_box(label.grab().toImage(), link, leave=unfocused)
    assert words.isValid() and ring.isValid(), (words, ring)
    assert ring.contains(words), (ring, words)
    line = label.fontMetrics().lineSpacing()
    near = 6  # pixels: the gap and the ring's width, and a little
    assert ring.left() >= words.left() - near and ring.right() <= words.right() + near, \
        (ring, words)
    assert ring.top() >= words.top() - line and ring.bottom() <= words.bottom() + near, \
        (ring, words)
    # the words before the link (the notice's first, "Did you mean") are not in the ring
    ink = unfocused.pixelColor(0, 0).name()
    first = next((x, y) for x in range(unfocused.width()) for y in range(unfocused.height())
                 if unfocused.pixelColor(x, y).name() != ink)
    assert not ring.contains(*first), (ring, first)
