"""The window as a person drives it: tree, filter, links, title, start page, bad content."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QRect, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from reader.manual import load_manual
from reader.render import html_to_text
from reader.settings import Settings
from reader.ui.contents import KIND_ROLE, REF_ROLE
from reader.ui.main_window import MainWindow
from reader.ui.placement import FRAME_EDGES, fit_to_screen, screen_room

from ..conftest import CONTENT, number_twice, tooltip_as_seen
from .conftest import activate


def pane_text(window: MainWindow) -> str:
    return window.chapter.toPlainText()


def find_row(window: MainWindow, ref: str, parent: QModelIndex | None = None) -> QModelIndex:
    proxy = window.contents.proxy
    parent = parent or QModelIndex()
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        if index.data(REF_ROLE) == ref:
            return index
        found = find_row(window, ref, index)
        if found.isValid():
            return found
    return QModelIndex()


def visible_entries(window: MainWindow, parent: QModelIndex | None = None) -> list[str]:
    """The entries a person sees in the tree: those the filter keeps, under open branches."""
    proxy, tree = window.contents.proxy, window.contents.tree
    parent = parent or QModelIndex()
    found = []
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        if index.data(KIND_ROLE) == "entry":
            found.append(index.data())
        if tree.isExpanded(index):
            found += visible_entries(window, index)
    return found


def click_row(qtbot, window: MainWindow, index: QModelIndex) -> None:
    tree = window.contents.tree
    tree.scrollTo(index)
    rect = tree.visualRect(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_start_page_is_a_useful_welcome(window: MainWindow) -> None:
    text = pane_text(window)
    assert "Derby City Children's Social Care Procedures" in text
    assert "Edition of 2 September 2024" in text
    assert "Finding a procedure" in text
    assert window.windowTitle().startswith("Derby City Children's Social Care Procedures")
    assert window.status_widgets.edition_label.text() == "Edition of 2 September 2024"


def test_clicking_a_tree_item_shows_that_chapter(qtbot, window: MainWindow) -> None:
    click_row(qtbot, window, find_row(window, "childrens-services-policies-values-and-principles"))
    assert pane_text(window).startswith("1.1.1 Children's Services Policies")
    assert window.windowTitle().startswith("1.1.1 Children's Services Policies")


def test_chapter_without_text_shows_the_not_included_page(qtbot, window) -> None:
    section = find_row(window, "6")
    window.contents.tree.expand(section)
    window.contents.tree.expand(find_row(window, "6.4"))
    click_row(qtbot, window, find_row(window, "looked-after-reviews"))
    text = pane_text(window)
    assert text.startswith("6.4.3 Looked After Reviews")
    assert "not included in this offline edition" in text


def test_keyboard_moves_through_the_tree_and_opens(qtbot, window: MainWindow) -> None:
    tree = window.contents.tree
    tree.setFocus()
    tree.setCurrentIndex(find_row(window, "childrens-services-policies-values-and-principles"))
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert pane_text(window).startswith("1.1.2 A Strengths Based Approach")
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    assert pane_text(window).startswith("1.1.1 Children's Services")


def test_filter_narrows_the_tree_as_you_type(qtbot, window: MainWindow) -> None:
    before = visible_entries(window)
    qtbot.keyClicks(window.contents.filter_box, "Fostering")  # as typed, capital and all
    entries = visible_entries(window)
    assert "2.5 Staying Together Team" not in entries
    assert "5.1 Private Fostering" in entries
    assert "7.2 Persons Disqualified from Fostering" in entries
    assert all("fostering" in e.lower() for e in entries if not e.startswith("7."))
    assert "5.5 Placements with Connected Persons" not in entries
    window.contents.filter_box.clear()
    assert visible_entries(window) == before  # the tree as it was
    window.contents.filter_box.setText("D\u0130SABLED")  # a Turkish keyboard's capital I
    assert visible_entries(window) and all("disabled" in e.lower()
                                           for e in visible_entries(window))


def test_filter_by_number_and_flag_then_enter_opens(qtbot, window: MainWindow) -> None:
    before = visible_entries(window)
    qtbot.keyClicks(window.contents.filter_box, "6.7 updated")
    # in a subsection: opened out, not left folded away
    assert visible_entries(window) == ["6.7.3 Leaving Care and Transition",
                                       "6.7.6 Staying Put Policy"]
    window.contents.filter_box.clear()
    assert visible_entries(window) == before  # folded again, as it was
    qtbot.keyClicks(window.contents.filter_box, "6.7 updated")
    qtbot.keyClick(window.contents.filter_box, Qt.Key.Key_Return)
    assert pane_text(window).startswith("6.7.3 Leaving Care and Transition")
    assert window.contents.tree.hasFocus()  # the arrow keys go on from the match


def test_a_chapters_tooltip_says_whether_its_text_is_here(window: MainWindow) -> None:
    def tip(ref: str) -> str:
        return str(find_row(window, ref).data(Qt.ItemDataRole.ToolTipRole))

    assert tip(window.manual.find("6.4.3").id).endswith(
        "Text not included in this offline edition")
    assert "not included" not in tip(window.manual.find("1.1.1").id)


def test_the_filter_matches_notes(qtbot, window: MainWindow) -> None:
    qtbot.keyClicks(window.contents.filter_box, "dhos")
    assert [e.split(" ")[0] for e in visible_entries(window)] == ["1.1.7", "5.1"]


def test_a_screen_reader_is_told_the_filter_matches_notes_too(window: MainWindow) -> None:
    # "dhos" finds 1.1.7 by its note alone: a description without notes sends a screen
    # reader's user to Search for what the filter would have found
    assert "notes" in window.contents.filter_box.accessibleDescription()


def test_each_filter_example_on_the_start_page_finds_what_it_says(qtbot, window) -> None:
    # the start page is where a newcomer learns the filter: its examples must work, and it
    # names every kind of match, so no one goes to Search for a flag the filter would find
    html = window.renderer.start_page().html
    hint = re.search(r"<li>Pick a section.*?</li>", html, re.S)
    assert hint is not None
    assert all(word in hint.group() for word in ("number", "title", "flag", "note"))
    examples = re.findall(r"<i>(.*?)</i>", hint.group())
    assert examples == ["6.4", "fostering", "updated"]
    for example in examples:
        window.contents.filter_box.setText(example)
        assert visible_entries(window), example
    assert "6.7.3 Leaving Care and Transition" in visible_entries(window)  # flagged Updated


def test_a_filter_with_no_match_says_so_and_esc_clears_it(qtbot, window: MainWindow) -> None:
    pane = window.contents
    before = visible_entries(window)
    QTest.keySequence(window, "Ctrl+Shift+F")
    qtbot.keyClicks(pane.filter_box, "zzzz <b>")
    assert visible_entries(window) == []
    assert pane.no_match.isVisible()
    assert pane.no_match.text().startswith("Nothing in the contents matches \u201czzzz <b>\u201d")
    qtbot.keyClick(pane.filter_box, Qt.Key.Key_Escape)
    assert pane.filter_box.text() == ""
    assert not pane.no_match.isVisible()
    assert visible_entries(window) == before
    assert pane.filter_box.hasFocus()  # the first Esc only clears
    qtbot.keyClick(pane.filter_box, Qt.Key.Key_Escape)
    assert pane.tree.hasFocus()  # the second goes back to the tree, as from the search box


def test_typing_a_filter_leaves_the_chapter_being_read_alone(qtbot, window: MainWindow) -> None:
    pane = window.contents
    window.open_entry("1.1.17")
    reading = window.current
    QTest.keySequence(window, "Ctrl+Shift+F")
    # "fo" filters 1.1.17 out and keeps 1.1.19 "...Workforce...", the row below it
    qtbot.keyClicks(pane.filter_box, "fostering")
    assert window.current == reading
    assert not window.chapter.history.can_go_forward()
    assert window.go_back() and window.current == ("page", "start")  # no page in between
    window.go_forward()
    qtbot.keyClick(pane.filter_box, Qt.Key.Key_Escape)
    # the whole tree again shows where the reader is
    assert pane.tree.currentIndex().data() == \
        "1.1.17 Joint Runaway and Missing from Home or Care Protocol"


def test_esc_in_the_filtered_tree_clears_the_filter_and_stays_on_the_item(
        qtbot, window: MainWindow, monkeypatch) -> None:
    spoken: list[str] = []
    monkeypatch.setattr("reader.ui.contents.announce",
                        lambda _source, text: spoken.append(text))
    pane = window.contents
    QTest.keySequence(window, "Ctrl+Shift+F")
    qtbot.keyClicks(pane.filter_box, "fostering")
    qtbot.keyClick(pane.filter_box, Qt.Key.Key_Down)
    qtbot.keyClick(pane.tree, Qt.Key.Key_Down)
    qtbot.keyClick(pane.tree, Qt.Key.Key_Down)
    chosen = pane.tree.currentIndex().data()
    assert chosen == "Fostering Services National Minimum Standards"
    qtbot.keyClick(pane.tree, Qt.Key.Key_Escape)
    assert pane.filter_box.text() == ""
    assert spoken == ["Filter cleared: the whole contents are shown"]  # to a screen reader
    assert "2.5 Staying Together Team" in visible_entries(window)  # the whole contents
    assert pane.tree.hasFocus() and pane.tree.currentIndex().data() == chosen
    assert pane.tree.viewport().rect().contains(pane.tree.visualRect(pane.tree.currentIndex()))


def test_a_filter_matching_nothing_is_said_once_to_a_screen_reader(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    spoken: list[str] = []
    monkeypatch.setattr("reader.ui.contents.announce",
                        lambda _source, text: spoken.append(text))
    activate(qtbot, window)
    window.focus_filter()
    box = window.contents.filter_box
    qtbot.keyClicks(box, "zzzz")
    # said as the tree empties, not again at each letter typed after
    assert len(spoken) == 1 and spoken[0].startswith("Nothing in the contents matches \u201cz")
    assert "Esc clears the filter" in spoken[0]
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.keyClicks(box, "qqqq")
    assert len(spoken) == 2


def test_down_in_the_filter_goes_on_into_the_tree(qtbot, window: MainWindow) -> None:
    activate(qtbot, window)
    window.focus_filter()
    qtbot.keyClick(window.contents.filter_box, Qt.Key.Key_Down)
    assert window.contents.tree.hasFocus()
    window.focus_filter()
    qtbot.keyClicks(window.contents.filter_box, "6.7 updated")
    qtbot.keyClick(window.contents.filter_box, Qt.Key.Key_Down)
    assert window.contents.tree.hasFocus()  # as from the search box into its results
    assert pane_text(window).startswith("6.7.3 Leaving Care and Transition")


def test_enter_in_the_tree_goes_on_in_the_chapter(qtbot, window: MainWindow) -> None:
    window.focus_contents()
    tree = window.contents.tree
    tree.setCurrentIndex(find_row(window, "staying-put-policy"))
    assert tree.hasFocus()  # arrows open as they move and stay in the tree
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.current == ("entry", "staying-put-policy") and window.chapter.hasFocus()


def test_internal_link_opens_chapter_and_selects_it_in_tree(window: MainWindow) -> None:
    window.open_entry("1.1.1")
    window.chapter.anchorClicked.emit(QUrl("chapter:staying-put-policy"))
    assert pane_text(window).startswith("6.7.6 Staying Put Policy")
    assert window.contents.selected() == ("entry", "staying-put-policy")
    assert window.windowTitle().startswith("6.7.6 Staying Put Policy")


def test_a_place_opened_before_the_window_shows_is_in_view_with_what_is_above_it(qtbot) -> None:
    # --open and a restored session open a page before the window is first shown
    window = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(window)
    window.open_section("6.4")
    window.show()
    qtbot.waitExposed(window)
    tree = window.contents.tree
    row = tree.visualRect(tree.currentIndex())
    assert window.contents.selected() == ("subsection", "6.4")
    # not pinned to the top row, where its own section's heading would be out of sight
    assert tree.viewport().height() // 5 < row.top() < tree.viewport().height() - row.height()
    # only then: the tree keeps where the person scrolled it when its tab is shown again
    tree.scrollToTop()
    window.sidebar.setCurrentWidget(window.saved.bookmarks_pane)
    window.sidebar.setCurrentWidget(window.navigator)
    assert tree.verticalScrollBar().value() == 0


def test_a_first_start_fits_the_window_on_a_small_screen(qtbot) -> None:
    window = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()  # offscreen: 800 by 800
    assert window.width() > available.width()  # 1200 by 780 would not fit
    fit_to_screen(window)
    # some of the desktop left round it: a window filling the screen looks like a mistake
    assert window.width() == 760  # 95% of 800
    window.show()
    qtbot.waitExposed(window)
    assert available.contains(window.frameGeometry())  # the status bar and all
    # centred for a frame as wide as most desktops draw: offscreen draws a narrower one
    assert abs(window.frameGeometry().center().x() - available.center().x()) <= FRAME_EDGES // 2


def test_a_first_start_on_a_small_screen_leaves_room_for_the_title_bar(qtbot) -> None:
    # Qt knows a window's frame only once it is shown: centred as if it had none, the window
    # sat a title bar lower, its status bar under a 1366 by 768 laptop's taskbar
    window = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()  # offscreen: 800 by 800
    fit_to_screen(window)
    frame_top = window.pos().y()  # before the window is shown, where its frame goes
    assert frame_top >= available.top()
    # Windows 11's title bar at 100%, and the taller one of some Linux desktops
    for title_bar, bottom_edge in ((31, 8), (40, 8)):
        assert frame_top + title_bar + window.height() + bottom_edge <= available.bottom() + 1


class SecondScreen:
    """A 1920 by 1080 monitor right of the laptop's, a 40-pixel panel along its top."""

    def availableGeometry(self) -> QRect:  # noqa: N802 (Qt's)
        return QRect(1920, 40, 1920, 1040)

    def geometry(self) -> QRect:
        return QRect(1920, 0, 1920, 1080)


def test_a_first_start_on_a_second_screen_is_centred_on_it(qtbot, monkeypatch) -> None:
    window = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "screen", SecondScreen)
    fit_to_screen(window)
    assert window.size() == QSize(1200, 780)  # room for it there
    # its frame (16 by 56) centred on that screen, not on the laptop's, nor under the panel
    assert window.pos() == QPoint(1920 + (1920 - 1216) // 2, 40 + (1040 - 836) // 2)
    # its dialogs (Keyboard shortcuts, About) fitted to that screen less the panel
    assert screen_room(window) == QSize(1920, 1040)


def test_external_link_opens_in_browser_only_on_click(window, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString())
                        or True)
    window.open_entry("1.1.1")
    assert opened == []
    html = window.chapter.page.html
    assert 'class="external"' in html
    window.chapter.anchorClicked.emit(
        QUrl("https://www.gov.uk/government/publications/childrens-social-care-national-framework")
    )
    web = "https://www.gov.uk/government/publications/childrens-social-care-national-framework"
    assert opened == [web]
    assert pane_text(window).startswith("1.1.1")  # the chapter stays open
    assert window.statusBar().currentMessage() == f"Opened in your web browser: {web}"
    # a computer with no browser set up: not told it opened
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    window.chapter.anchorClicked.emit(QUrl(web))
    assert window.statusBar().currentMessage() == f"No web browser could open {web}"


@pytest.mark.parametrize("href", [
    "file:///home/someone/.ssh/id_rsa",
    "smb://server/share/form.docx",
    "javascript:alert(1)",
    "data:text/html,hello",
    "ftp://example.org/form.pdf",
])
def test_a_link_to_a_file_or_program_is_never_opened(window, monkeypatch, href: str) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString())
                        or True)
    window.open_entry("1.1.1")
    window.chapter.anchorClicked.emit(QUrl(href))
    assert opened == []
    assert "opens only web and email links" in window.statusBar().currentMessage()
    assert pane_text(window).startswith("1.1.1")


def test_an_email_link_opens_the_mail_program_with_nothing_attached(window, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString())
                        or True)
    window.open_entry("1.1.1")
    window.chapter.anchorClicked.emit(QUrl(
        "mailto:team@example.org?attach=/home/someone/.ssh/id_rsa&subject=Visit"
        "&Attachment=/etc/passwd&body=Hello"))
    assert opened == ["mailto:team@example.org?subject=Visit&body=Hello"]
    assert window.statusBar().currentMessage() == (
        "Opened in your email program: mailto:team@example.org?subject=Visit&body=Hello")



def test_pointing_at_an_email_link_says_what_a_click_opens(window) -> None:
    window.open_entry("1.1.1")
    window.chapter.highlighted.emit(QUrl("mailto:team@example.org?attach=/etc/passwd"))
    assert window.statusBar().currentMessage() == (
        "Opens in your email program: mailto:team@example.org")
    window.chapter.highlighted.emit(QUrl("chapter:staying-put-policy"))  # straight on to it
    assert window.statusBar().currentMessage() == ""  # not the email link's hint
    window.chapter.highlighted.emit(QUrl("file:///etc/passwd"))
    assert window.statusBar().currentMessage() == ""  # a click opens nothing: no promise
    window.show_status("Bookmarked 1.1.1")
    window.chapter.highlighted.emit(QUrl())  # the pointer leaves a link that had no hint
    assert window.statusBar().currentMessage() == "Bookmarked 1.1.1"  # not wiped


def test_section_item_opens_its_overview(qtbot, window: MainWindow) -> None:
    click_row(qtbot, window, find_row(window, "9"))
    assert pane_text(window).startswith("9. Permanence")
    assert "9.1 Derby City Council Permanency Policy" in pane_text(window)


def test_tree_shows_flags_as_words_for_assistive_tech(window: MainWindow) -> None:
    index = find_row(window, "capacity-and-consent")
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "1.1.6 Capacity and Consent (Updated)"
    adopters = find_row(window, window.manual.find("8.1").id).data(
        Qt.ItemDataRole.AccessibleTextRole)
    assert adopters.endswith("Note: please refer to: Adoption East Midlands.")


def test_the_tree_marks_see_also_rows_and_shows_a_subsections_lead(window: MainWindow) -> None:
    see_also = find_row(window, "see-also-young-people-at-the-risk-of-homelessness")
    assert see_also.data() == "See also: Young People at the Risk of Homelessness"
    assert see_also.data(Qt.ItemDataRole.FontRole).italic()
    lead = "In an emergency, please refer to the following procedures:"
    proxy = window.contents.proxy

    def leads(parent: QModelIndex) -> list[QModelIndex]:
        found = []
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, 0, parent)
            found += [index] if index.data(KIND_ROLE) == "lead" else leads(index)
        return found

    [index] = leads(QModelIndex())
    assert index.data() == lead and index.row() == 0  # first, above the procedures it leads
    assert index.data(Qt.ItemDataRole.FontRole).italic()
    assert not index.flags() & Qt.ItemFlag.ItemIsSelectable  # words, not a place to go


def test_chapter_pane_renders_with_the_stylesheet(window: MainWindow) -> None:
    window.open_entry("1.1.1")
    assert "h1" in window.chapter.document().defaultStyleSheet()
    image = window.chapter.viewport().grab().toImage()
    # the scope and amendment boxes' tinted backgrounds are drawn near the top
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7)
               for y in range(0, min(image.height(), 500), 7)}
    assert {"#f6f8fa", "#eef3f9"} <= colours


def test_bad_content_is_reported_and_the_rest_opens(qtbot, content_copy: Path,
                                                     monkeypatch) -> None:
    number_twice(content_copy)
    win = MainWindow(load_manual(content_copy))
    qtbot.addWidget(win)
    win.show()
    assert win.status_widgets.problems_button.isVisible()
    assert win.status_widgets.problems_button.text() == "\u26a0 1 content problem"
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)
    win.status_widgets.problems_button.click()
    assert told and told[0].startswith("1 problem was found in the content.")
    assert win.open_entry("6.4.3")
    assert "Looked After Reviews" in html_to_text(win.chapter.page.html)
    # the keyboard reaches the warning too: Tab from the page goes on to it
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.chapter.setFocus()
    for _ in range(60):  # Tab walks the page's links first, then on out of it
        focused = QApplication.focusWidget()
        assert focused is not None
        if focused is win.status_widgets.problems_button or focused is win.search_box:
            break
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is win.status_widgets.problems_button  # before going round


def test_a_chapter_too_complex_to_show_opens_and_says_why(qtbot, content_copy: Path) -> None:
    path = content_copy / "chapters" / "childrens-services-policies-values-and-principles.md"
    # nested past what Python-Markdown can follow: once, it stopped the chapter opening at all
    path.write_text(path.read_text(encoding="utf-8") + "\n" + NESTED_DIVS + "\n",
                    encoding="utf-8")
    win = MainWindow(load_manual(content_copy))
    qtbot.addWidget(win)
    win.show()
    assert win.open_entry("1.1.1")
    shown = win.chapter.toPlainText()
    assert "The text of this chapter cannot be shown here." in shown
    assert "nested too deep for the Markdown converter to follow" in shown
    assert "Read it in the online manual: derbycsc.proceduresonline.com" in shown
    assert win.open_entry("6.4.3")  # the rest still opens
    assert "Looked After Reviews" in win.chapter.toPlainText()


# nested past Python's recursion, in HTML the converter reads into (a list so deep is
# declined from its Markdown, at its line)
NESTED_DIVS = '<div markdown="1">' * 1000 + "deep" + "</div>" * 1000
NESTED_TOO_DEEP = ("parts nested too deep for the Markdown converter to follow (such as lists, "
                   "quotes or emphasis hundreds of levels deep)")


def _too_complex_chapter(content: Path) -> Path:
    path = content / "chapters" / "childrens-services-policies-values-and-principles.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + NESTED_DIVS + "\n",
                    encoding="utf-8")
    return path


def test_the_status_bar_says_why_a_chapter_is_not_shown_before_naming_its_file(
        qtbot, content_copy: Path, caplog) -> None:
    path = _too_complex_chapter(content_copy)
    win = MainWindow(load_manual(content_copy))
    qtbot.addWidget(win)
    win.resize(1200, 780)  # the window's usual size
    win.show()
    qtbot.waitExposed(win)
    assert win.open_entry("1.1.1")
    bar = win.statusBar()
    shown = bar.currentMessage()
    # the reason whole, in sight left of the edition date; the file after it, in the folder
    reason = f"Too complex for the reader to show: {NESTED_TOO_DEEP}"
    assert shown.startswith(reason)
    assert bar.fontMetrics().horizontalAdvance(reason) < win.status_widgets.edition_label.x()
    said = tooltip_as_seen(bar.toolTip()) or shown
    assert said == f"{reason} \u2014 chapters/{path.name}"
    assert str(content_copy) not in said
    assert str(path) in caplog.text  # the full path is in the log


def test_a_problem_told_before_the_window_shows_is_fitted_to_the_bar_once_it_does(
        qtbot, content_copy: Path) -> None:
    _too_complex_chapter(content_copy)
    win = MainWindow(load_manual(content_copy))
    qtbot.addWidget(win)
    win.resize(700, 600)  # half a laptop screen
    assert win.open_entry("1.1.1")  # as --open or the last session does, before the window shows
    win.show()
    qtbot.waitExposed(win)
    bar = win.statusBar()
    qtbot.waitUntil(lambda: bar.currentMessage().endswith("\u2026"))  # not cut with no sign
    shown = bar.currentMessage()
    assert bar.fontMetrics().horizontalAdvance(shown) < win.status_widgets.edition_label.x()
    said = tooltip_as_seen(bar.toolTip())
    assert said.startswith(f"Too complex for the reader to show: {NESTED_TOO_DEEP}")


def _window_on(qtbot, today: date, months: int = 6) -> MainWindow:
    win = MainWindow(load_manual(CONTENT),
                     settings=Settings(stale_after_months=months), today=today)
    qtbot.addWidget(win)
    win.show()
    return win


def test_content_with_no_manual_json_is_of_an_unknown_edition_not_of_the_year_1(
        qtbot, content_copy: Path) -> None:
    (content_copy / "manual.json").unlink()
    win = MainWindow(load_manual(content_copy), today=date(2026, 11, 23))
    qtbot.addWidget(win)
    win.show()
    assert win.status_widgets.edition_label.text() == "Edition date unknown"
    assert tooltip_as_seen(win.status_widgets.edition_label.toolTip()) == (
        "Procedures manual, edition date unknown. The online manual is the authoritative "
        "version.")
    assert win.banner.label.text().startswith("The date of this edition is not known")
    assert win.reference().endswith("(edition date unknown)")


def test_stale_edition_banner_appears_with_age_and_never_blocks(qtbot) -> None:
    win = _window_on(qtbot, today=date(2025, 3, 10))
    assert win.banner.isVisible()
    assert "dated 2 September 2024, 6 months ago" in win.banner.label.text()
    assert "https://derbycsc.proceduresonline.com/" in win.banner.notice
    assert win.open_entry("1.1.1")  # reading goes on beneath it
    qtbot.mouseClick(win.banner.close_button, Qt.MouseButton.LeftButton)
    assert not win.banner.isVisible()


def test_the_banner_never_breaks_the_online_address_after_its_scheme(qtbot) -> None:
    banner = _window_on(qtbot, today=date(2026, 11, 23)).banner
    label = banner.label
    page = QTextDocument()  # as the label lays out its rich text
    page.setDefaultFont(label.font())
    page.setHtml(label.text())
    text = page.begin().text()
    assert "online manual at https://" in text
    for width in range(200, 520, 8):  # a window snapped to half a laptop screen, or less
        page.setTextWidth(width)
        layout = page.begin().layout()
        lines = [text[line.textStart():line.textStart() + line.textLength()]
                 for line in map(layout.lineAt, range(layout.lineCount()))]
        # "...the online manual at https://" and the address's rest on the line below
        assert not any(line.rstrip().endswith("://") for line in lines), (width, lines)
    assert "https://derbycsc.proceduresonline.com/" in banner.notice


def test_the_banner_gives_the_online_manual_as_a_link_opened_only_on_a_click(
        qtbot, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString())
                        or True)
    win = _window_on(qtbot, today=date(2025, 3, 10))
    label = win.banner.label
    assert '<a href="https://derbycsc.proceduresonline.com/">' in label.text()
    assert label.text().endswith("</a> when you can.")  # the full stop is no part of it
    assert opened == []
    activate(qtbot, win)
    label.setFocus(Qt.FocusReason.TabFocusReason)  # reached by Tab: Enter follows the link
    qtbot.keyClick(label, Qt.Key.Key_Return)
    assert opened == ["https://derbycsc.proceduresonline.com/"]
    assert win.statusBar().currentMessage() == (
        "Opened in your web browser: https://derbycsc.proceduresonline.com/")


def test_the_banner_links_tip_shows_a_hostile_address_as_written(
        qtbot, content_copy: Path) -> None:
    manual_json = content_copy / "manual.json"
    info = json.loads(manual_json.read_text(encoding="utf-8"))
    info["online_url"] = "https://example.org/&lt;b&gt;/<h1>Safe</h1>"  # a tampered pack
    manual_json.write_text(json.dumps(info), encoding="utf-8")
    win = MainWindow(load_manual(content_copy), settings=Settings(stale_after_months=6),
                     today=date(2025, 3, 10))
    qtbot.addWidget(win)
    label = win.banner.label
    page = QTextDocument()  # the link as the label holds it
    page.setHtml(label.text())
    block = page.begin()
    hrefs = [f.fragment().charFormat().anchorHref() for f in block]
    href = next(h for h in hrefs if h)
    assert href == info["online_url"]
    label.linkHovered.emit(href)  # the pointer on the link
    # a heading in the tooltip, and "<b>" where the address has "&lt;b&gt;"
    tip = tooltip_as_seen(label.toolTip())
    assert tip == f"Opens in your web browser: {info['online_url']}"
    edition_tip = tooltip_as_seen(win.status_widgets.edition_label.toolTip())
    assert f"The online manual at {info['online_url']} is the authoritative" in edition_tip


def test_a_banner_without_an_address_is_no_stop_for_tab(qtbot) -> None:
    win = _window_on(qtbot, today=date(2025, 3, 10))
    assert win.banner.label.focusPolicy() != Qt.FocusPolicy.NoFocus
    win.banner.show_notice("The manual has changed since you last used the reader.")
    assert "<a " not in win.banner.label.text()
    assert win.banner.label.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_no_banner_while_the_edition_is_young(qtbot) -> None:
    win = _window_on(qtbot, today=date(2024, 12, 1))
    assert not win.banner.isVisible()
    win.check_edition_age(date(2025, 6, 1))
    assert win.banner.isVisible()


def test_a_window_left_open_says_when_its_edition_has_grown_old(qtbot, monkeypatch) -> None:
    class Clock(date):
        now = date(2025, 3, 1)

        @classmethod
        def today(cls) -> date:
            return cls.now

    monkeypatch.setattr("reader.ui.main_window.date", Clock)
    win = _window_on(qtbot, today=Clock.now)
    assert not win.banner.isVisible()
    other = _window_on(qtbot, today=Clock.now)  # the person works in another window ...
    Clock.now = date(2025, 3, 2)  # ... past midnight, and comes back
    activate(qtbot, other)
    activate(qtbot, win)
    assert win.banner.isVisible() and "6 months ago" in win.banner.label.text()
    qtbot.mouseClick(win.banner.close_button, Qt.MouseButton.LeftButton)
    Clock.now = date(2025, 3, 20)  # closed, it stays closed while it has nothing new to say
    activate(qtbot, other)
    activate(qtbot, win)
    assert not win.banner.isVisible()
    Clock.now = date(2025, 4, 2)
    activate(qtbot, other)
    activate(qtbot, win)
    assert win.banner.isVisible() and "7 months ago" in win.banner.label.text()


def test_banner_age_follows_the_setting(qtbot) -> None:
    assert not _window_on(qtbot, today=date(2025, 6, 1), months=12).banner.isVisible()
    assert _window_on(qtbot, today=date(2025, 6, 1), months=3).banner.isVisible()


def test_whats_new_lists_exactly_the_flagged_chapters(qtbot, window: MainWindow) -> None:
    window.chapter.anchorClicked.emit(QUrl("page:whats-new"))
    text = pane_text(window)
    assert text.startswith("What's new in this edition")
    manual = window.manual
    listed = {line.split(" ", 1)[0] for line in text.splitlines()
              if line[:1].isdigit() and " " in line}
    flagged = {e.number for e in manual.entries() if e.flags}
    assert listed == flagged | {"1.1.1"}  # 1.1.1 records an amendment in its text
    assert "New (1)" in text and "Updated (22)" in text and "Under review (6)" in text
    assert "In September 2024, this chapter was revised" in text
    assert text.count("Note: please speak to your DHoS for any queries") == 1  # said once


def test_whats_new_is_reachable_from_help_and_start_page(window: MainWindow) -> None:
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    action = next(a for a in help_menu.actions() if "What's new" in a.text())
    action.trigger()
    assert pane_text(window).startswith("What's new in this edition")
    window.show_start_page()
    assert 'href="page:whats-new"' in window.chapter.page.html


def test_whats_new_opens_beside_the_chapter_being_read(window: MainWindow) -> None:
    """As an update's What's new does: replacing the chapter, it lost the person's place."""
    window.open_entry("1.1.1")
    window.show_whats_new()  # Help > What's new
    assert window.tabs.count() == 2
    assert pane_text(window).startswith("What's new in this edition")
    assert window.tabs.views()[0].toPlainText().startswith("1.1.1")
    window.tabs.setCurrentIndex(0)
    window.show_whats_new()  # asked again: the tab that has it, not a third
    assert window.tabs.count() == 2 and window.tabs.currentIndex() == 1
    window.tabs.setCurrentIndex(0)
    window.show_start_page()  # its link opens in the start page's tab, as any link does
    window.chapter.anchorClicked.emit(QUrl("page:whats-new"))
    assert window.tabs.count() == 2 and window.tabs.currentIndex() == 0
    assert pane_text(window).startswith("What's new in this edition")


def _names_along_tab(qtbot, count: int) -> list[str]:
    """The names of the controls Tab takes the keys to, from the one that has them now."""
    names = []
    for _ in range(count):
        focused = QApplication.focusWidget()
        names.append(focused.accessibleName())
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    return names


def test_tab_order_follows_the_layout(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    window.search_box.setFocus()
    # the edition notice sits above the reading tabs; its address is a link, so a stop
    names = _names_along_tab(qtbot, 7)
    assert names[4].startswith("This edition is dated 2 September 2024")
    assert names[:4] + names[5:] == ["Search the manual", "Navigator", "Filter contents",
                                     "Contents", "Hide edition notice", "Open chapters"]


def test_tab_goes_along_the_find_bar_as_it_is_laid_out(qtbot, window: MainWindow) -> None:
    activate(qtbot, window)
    window.open_entry("1.1.1")
    QTest.keySequence(window, "Ctrl+F")
    qtbot.keyClicks(window.find_bar.field, "children")
    assert _names_along_tab(qtbot, 5) == ["Find in page", "Previous match", "Next match",
                                          "Match case", "Close find bar"]


def test_the_find_bar_under_the_chapter_comes_after_it_in_tab_order(
        qtbot, window: MainWindow) -> None:
    activate(qtbot, window)
    window.open_entry("1.1.1")
    QTest.keySequence(window, "Ctrl+F")
    qtbot.keyClicks(window.find_bar.field, "children")
    # Shift+Tab from the field, back up the window: into the chapter above it, where it went
    # to the reading tabs, past the page being searched
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.chapter
    window.tabs.tabBar().setFocus()
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_Tab)  # from the tabs down to their page
    assert QApplication.focusWidget() is window.chapter


# web addresses, network shares in their Windows and URL spellings, a drive, a way out
REFUSED_IMAGES = ("//fileserver/share/a.png", "file://fileserver/share/a.png",
                  "file:////fileserver/share/a.png", "\\\\fileserver\\share\\a.png",
                  "/\\fileserver\\share\\a.png", "C:/Windows/a.png", "c:a.png",
                  "https://example.org/a.png", "../../outside.png", "images/../../../x.png")


def test_the_pane_shows_images_only_from_the_content_folder(qtbot, content_copy: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    from reader.render import Page
    from reader.ui.chapter_view import ChapterView

    blue = QImage(24, 24, QImage.Format.Format_RGB32)
    blue.fill(QColor("#336699"))
    (content_copy / "chapters" / "images").mkdir()
    assert blue.save(str(content_copy / "chapters" / "images" / "bridge.png"))
    outside = content_copy.parent / "outside.png"
    assert blue.save(str(outside))
    view = ChapterView("", content_copy)
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()

    def drawn(src: str) -> bool:
        view.show_page(Page(title="t", html=f'<p>Picture:</p><img src="{src}"/>'))
        shot = view.viewport().grab().toImage()
        return any(shot.pixelColor(x, y).name() == "#336699"
                   for x in range(0, shot.width(), 3) for y in range(0, shot.height(), 3))

    assert drawn("images/bridge.png")
    # refused, Qt would load the address itself: a network share over the network
    for refused in (*REFUSED_IMAGES, str(outside), outside.as_uri()):
        assert not drawn(refused), refused


@pytest.mark.parametrize("pane_width,badges_drawn", [(340, True), (150, False)])
def test_in_a_narrow_pane_a_row_keeps_its_title_before_its_badges(
    qtbot, window: MainWindow, pane_width: int, badges_drawn: bool
) -> None:
    window.splitter.setSizes([pane_width, 1200 - pane_width])
    window.open_entry("5.1")  # Private Fostering: Under review and Updated
    tree = window.contents.tree
    qtbot.waitUntil(lambda: tree.visualRect(tree.currentIndex()).isValid())
    row = tree.viewport().grab(tree.visualRect(tree.currentIndex())).toImage()
    colours = {row.pixelColor(x, y).name() for x in range(row.width())
               for y in range(row.height())}
    fills = set(window.contents.badges.fills.values())
    # at the narrowest the badges covered the number and title, and spilled out of the row
    assert bool(colours & fills) == badges_drawn
