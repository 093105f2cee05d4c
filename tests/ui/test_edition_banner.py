"""The edition notice above the page, in a narrow window and at a large scale."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QDesktopServices, QFont, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from reader.ui.edition_banner import EditionBanner

from .conftest import activate
from .test_large_text import at_points, large_text  # noqa: F401 (a fixture)
from .test_outline import shown_beside_outline, with_varied_headings

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


ADDRESS = "https://derbycsc.proceduresonline.com/"


def address_lines(label: QLabel) -> list[str]:
    """The online address as the notice shows it: its piece on each line, left to right."""
    from PySide6.QtGui import QTextDocument

    document = label.findChild(QTextDocument)
    text = document.toPlainText()
    start = text.index("https://")
    end = start + len(text[start:].split(maxsplit=1)[0])
    pieces = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            first = max(start, block.position() + line.textStart())
            last = min(end, block.position() + line.textStart() + line.textLength())
            if first < last:
                pieces.append(text[first:last].strip().replace("\u2060", "").replace(
                    "\u200b", ""))
        block = block.next()
    return pieces


def notice_laid_out(qtbot, window) -> QLabel:
    QApplication.processEvents()
    label = window.banner.label
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    return label


def test_the_online_address_moves_whole_to_the_next_line_where_it_fits_there(
        qtbot, window) -> None:
    """In a window as wide as a laptop's screen, "https://derbycsc." ended a line and
    "proceduresonline.com/" began the next: the address broken where it need not be."""
    window.resize(1366, 768)
    window.open_entry("1.1.1")
    window.banner.show_notice(NOTICE)  # as a start on an edition over six months old
    assert address_lines(notice_laid_out(qtbot, window)) == [ADDRESS]


@pytest.mark.parametrize("points", [None, 20])
def test_the_address_breaks_only_where_a_line_of_its_own_is_too_short_for_it(
        qtbot, window, points: float | None) -> None:
    """Narrowed and widened again, at the desktop's usual and large text: whole where the
    notice has room for it on a line, broken after a dot or a slash where not, never cut
    off at the notice's edge."""
    from .test_large_text import at_points

    window.open_entry("1.1.1")
    window.banner.show_notice(NOTICE)
    seen = set()
    for _ in at_points(points) if points else [None]:
        widths = list(range(450, 1400, 50))
        for width in widths + widths[::-1]:
            window.resize(width, 768)
            label = notice_laid_out(qtbot, window)
            # the words inside the notice's edge, not cut off there
            edge = label.mapTo(window.banner, label.contentsRect().topRight()).x()
            assert edge < window.banner.width(), (width, edge)
            room = label.contentsRect().width()
            metrics = label.fontMetrics()
            pieces = address_lines(label)
            fits = metrics.horizontalAdvance(ADDRESS) <= room
            if fits:
                assert pieces == [ADDRESS], (width, room)
            else:
                assert len(pieces) > 1 and "".join(pieces) == ADDRESS, (width, room)
                assert all(metrics.horizontalAdvance(piece) <= room for piece in pieces)
            seen.add(fits)
    if points:
        assert seen == {True, False}  # both were met, at these widths


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_the_ring_round_the_address_kept_whole_fits_it(qtbot, window, theme: str) -> None:
    window.set_theme(theme)
    window.resize(1366, 768)
    window.banner.show_notice(NOTICE)
    activate(qtbot, window)
    label = notice_laid_out(qtbot, window)
    assert address_lines(label) == [ADDRESS]
    unfocused = label.grab().toImage()
    label.setFocus(Qt.FocusReason.TabFocusReason)
    assert_ringed_round_the_link(label, unfocused)
    # one line's ring, inside the label: none of it cut off at the notice's edge
    ring = label.link_outline().boundingRect()
    assert ring.height() < 2 * label.fontMetrics().lineSpacing()
    assert label.rect().toRectF().contains(ring)



def test_a_notice_that_scrolls_only_with_its_address_whole_settles(
        qtbot, content_copy, monkeypatch: pytest.MonkeyPatch) -> None:
    # kept whole, the address took a line more and the notice scrolled; broken beside the
    # scroll bar, it fitted without one, and whole again: each change a resize that asked
    # again, until the process ran out of stack (large text, beside a chapter's outline)
    fit, depth, deepest = EditionBanner._fit_height, [0], [0]

    def counted(banner: EditionBanner) -> None:
        depth[0] += 1
        deepest[0] = max(deepest[0], depth[0])
        try:
            if depth[0] <= 8:  # past it, the crash that was: stopped here to be seen
                fit(banner)
        finally:
            depth[0] -= 1

    monkeypatch.setattr(EditionBanner, "_fit_height", counted)
    content = with_varied_headings(content_copy)
    for theme in ("light", "high-contrast"):
        for _ in at_points(20):
            window = shown_beside_outline(qtbot, content, theme)
            for width in (1100, 1700, 1300):
                window.resize(width, 800)
                qtbot.waitUntil(lambda w=width, shown=window: shown.width() == w)
            for _ in at_points(23):
                QApplication.processEvents()
            window.close()
    assert deepest[0] <= 3
