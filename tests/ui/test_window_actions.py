"""File, View and Help actions of the window: PDF, zoom, theme, preferences, updates, session."""

from __future__ import annotations

import json
import shutil
from html import escape
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QRect, QSize, Qt, QThread
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from reader.bookmarks import bookmarks_path
from reader.content_archive import pack_content
from reader.history import history_path
from reader.manual import ContentError, Manual, load_manual
from reader.session import load_session
from reader.settings import Settings, load_settings
from reader.ui.main_window import MainWindow
from reader.ui.shortcuts_dialog import ShortcutsDialog

from ..conftest import CONTENT, tooltip_as_seen
from ..contrast import contrast_ratio
from .accessibility import controls_missing_accessible_names
from .conftest import activate, opened_in_folders, shown_window
from .test_large_controls import GROWN
from .test_large_text import at_points


def test_export_to_pdf_has_the_chapter_and_the_uncontrolled_copy_footer(window, tmp_path):
    window.open_entry("1.1.1")
    path = window.export_pdf(tmp_path / "chapter.pdf")
    texts = [" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages]
    assert len(texts) > 1
    assert "1.1.1 Children's Services Policies, Values and Principles" in texts[0]
    assert "uncontrolled" in texts[-1]
    assert f"Page {len(texts)} of {len(texts)}" in texts[-1]
    # plain letters: "staff" pasted into a case record or searched for must match
    whole = " ".join(texts)
    assert "offline" in whole and not any("\ufb00" <= c <= "\ufb06" for c in whole)


def test_a_pdf_has_no_links_that_only_the_reader_can_open(window, tmp_path) -> None:
    window.open_entry("1.1.1")
    pdf = PdfReader(str(window.export_pdf(tmp_path / "chapter.pdf")))
    targets = [
        annotation.get_object()["/A"]["/URI"]
        for page in pdf.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object()["/Subtype"] == "/Link"
    ]
    assert targets == [
        "https://www.gov.uk/government/publications/childrens-social-care-national-framework",
        "https://derbycsc.proceduresonline.com/",  # the foot's online manual
    ]
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "Staying Put Procedure (6.7.6)" in text


def test_export_to_an_unwritable_place_says_why(window, tmp_path, monkeypatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: told.append(text))
    assert window.export_pdf(tmp_path / "no-such-folder" / "x.pdf") is None
    assert told and "Could not write the PDF" in told[0]


def point_size(window: MainWindow, text: str) -> float:
    """The size the chapter pane draws these words at."""
    cursor = window.chapter.document().find(text)
    assert not cursor.isNull(), text
    return cursor.charFormat().font().pointSizeF()


BODY = "Derby City Council uses a Strengths Based Approach"
HEADING = "Values and Principles"  # the chapter's title


def test_zoom_changes_text_size_and_is_kept(qtbot, window: MainWindow) -> None:
    window.open_entry("1.1.1")
    body, heading = point_size(window, BODY), point_size(window, HEADING)
    window.zoom(1)
    window.zoom(1)
    # the text people read grows, not only the headings, and the page keeps its proportions
    assert point_size(window, BODY) > body * 1.15
    assert point_size(window, HEADING) / point_size(window, BODY) == pytest.approx(
        heading / body, rel=0.02)
    assert load_settings()[0].zoom_steps == 2
    again = MainWindow(load_manual(CONTENT), settings=load_settings()[0])
    qtbot.addWidget(again)
    again.open_entry("1.1.1")
    assert point_size(again, BODY) == point_size(window, BODY)
    window.zoom(0)
    assert point_size(window, BODY) == body


def test_caret_browsing_starts_where_the_person_is_reading(qtbot, window) -> None:
    window.open_entry("1.1.1")
    page = window.chapter
    bar = page.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)  # read halfway down
    reading = bar.value()
    qtbot.keyClick(window, Qt.Key.Key_F7)
    # the cursor on screen: from the top of the page, its first move would jump back there
    assert page.viewport().rect().contains(page.cursorRect())
    assert bar.value() == reading
    qtbot.keyClick(window, Qt.Key.Key_F7)


def test_caret_browsing_moves_a_text_cursor_instead_of_scrolling(qtbot, window) -> None:
    window.open_entry("1.1.1")
    page = window.chapter
    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_Down)
    assert page.verticalScrollBar().value() > 0  # off: the arrow scrolls, as in a browser
    page.verticalScrollBar().setValue(0)
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert "Caret browsing on" in window.statusBar().currentMessage()
    start = page.textCursor().position()
    for _ in range(3):
        qtbot.keyClick(page, Qt.Key.Key_Down)
    assert page.textCursor().position() > start  # the cursor went down three lines
    qtbot.keyClick(page, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert page.textCursor().hasSelection()  # and selects with Shift
    # kept for new tabs and the next start
    assert window.new_tab("entry", "6.7.6").textInteractionFlags() & \
        Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert load_settings()[0].caret_browsing
    again = MainWindow(load_manual(CONTENT), settings=load_settings()[0])
    qtbot.addWidget(again)
    assert again.caret_action.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert not window.chapter.textInteractionFlags() & \
        Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert not load_settings()[0].caret_browsing


def settled_maximum(qtbot, window: MainWindow) -> int:
    """The scroll bar's range once the page's layout has stopped growing."""
    bar = window.chapter.verticalScrollBar()
    seen = [-1]

    def settled() -> bool:
        now = bar.maximum()
        done = now == seen[0]
        seen[0] = now
        return done

    qtbot.waitUntil(settled, timeout=5000)
    return bar.maximum()


def test_the_whole_chapter_can_be_scrolled_to_after_a_theme_or_size_change(
        qtbot, window: MainWindow) -> None:
    window.open_entry("1.1.1")
    bar = window.chapter.verticalScrollBar()
    full = settled_maximum(qtbot, window)
    bar.setValue(full * 3 // 5)
    try:
        for theme in ("dark", "light"):
            window.set_theme(theme)
            # not cut to its first screens, and the place is kept
            assert settled_maximum(qtbot, window) == pytest.approx(full, rel=0.02)
            assert bar.value() == pytest.approx(full * 3 // 5, rel=0.02)
        window.zoom(1)
        assert settled_maximum(qtbot, window) > full
    finally:
        window.zoom(0)
        window.set_theme("system")


def longest_line(window: MainWindow, text: str) -> int:
    """Characters on the longest line the pane lays a paragraph out in."""
    window.chapter.document().documentLayout().documentSize()
    block = window.chapter.document().find(text).block()
    lines = block.layout()
    return max(lines.lineAt(i).textLength() for i in range(lines.lineCount()))


def test_a_wide_window_keeps_a_readable_line_length(qtbot, window: MainWindow) -> None:
    window.resize(1920, 1000)
    window.open_entry("1.1.1")
    qtbot.wait(50)
    paragraph = "This policy sets out the framework"
    assert longest_line(window, paragraph) <= 100  # not 170 across the whole pane
    window.zoom(2)  # the measure grows with the text: fewer words, not a narrower column
    assert longest_line(window, paragraph) <= 100
    window.zoom(0)
    window.resize(900, 700)
    qtbot.wait(50)
    assert longest_line(window, paragraph) < 80  # a narrow pane uses all of its width


def test_zoom_stops_where_text_is_still_readable(window: MainWindow) -> None:
    window.open_entry("1.1.1")
    body = point_size(window, BODY)
    for _ in range(30):
        window.zoom(-1)
    smallest = point_size(window, BODY)
    assert 0.45 * body < smallest < 0.6 * body
    assert point_size(window, HEADING) > smallest  # headings stay headings
    for _ in range(60):
        window.zoom(1)
    assert point_size(window, BODY) >= 2 * body  # at least the 200% that WCAG asks for


def test_the_status_bar_says_the_text_size_and_when_it_goes_no_further(window) -> None:
    window.open_entry("1.1.1")
    window.zoom(1)
    assert window.statusBar().currentMessage().startswith("Text size 110%")
    for _ in range(30):
        window.zoom(-1)
    # the key at the end changes nothing on the page; the bar says why
    assert "smallest" in window.statusBar().currentMessage()
    window.zoom(0)
    assert window.statusBar().currentMessage() == "Text size 100%"


def test_theme_menu_restyles_the_chapter_and_is_kept(window: MainWindow) -> None:
    window.open_entry("1.1.1")
    action = next(a for a in window.theme_actions.actions() if a.data() == "high-contrast")
    action.trigger()
    assert action.isChecked()
    assert "#000000" in window.chapter.document().defaultStyleSheet()
    assert load_settings()[0].theme == "high-contrast"
    assert window.chapter.toPlainText().startswith("1.1.1")  # still the same page
    next(a for a in window.theme_actions.actions() if a.data() == "light").trigger()


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_back_and_forward_arrows_stand_out_in_every_theme(window: MainWindow, theme: str) -> None:
    window.set_theme(theme)
    window.open_entry("1.1.1")
    window.open_entry("1.1.2")
    window.go_back()  # both arrows enabled
    background = window.toolbar.palette().color(QPalette.ColorRole.Window).name()
    try:
        for action in (window.back_action, window.forward_action):
            assert action.isEnabled()
            button = window.toolbar.widgetForAction(action)
            image = button.grab().toImage()
            icon_width = window.toolbar.iconSize().width() + 6  # the arrow; its label follows
            inks = {image.pixelColor(x, y).name()
                    for x in range(min(icon_width, image.width())) for y in range(image.height())}
            best = max(contrast_ratio(ink, background) for ink in inks)
            # WCAG asks 3:1 of the parts of a control a person must see to use it
            assert best >= 3.0, f"{action.text()} arrow on the {theme} toolbar: {best:.1f}:1"
    finally:
        window.set_theme("system")


@pytest.mark.parametrize("theme", ["dark", "high-contrast"])
def test_check_boxes_show_their_box_on_a_dark_window(window: MainWindow, theme: str) -> None:
    window.set_theme(theme)
    window.open_find()
    box = window.find_bar.match_case
    background = box.palette().color(QPalette.ColorRole.Window).name()
    seen: dict[bool, list[str]] = {}
    try:
        for checked in (False, True):
            box.setChecked(checked)
            image = box.grab().toImage()
            side = image.height()  # the indicator is at the left, about as wide as it is high
            inks = [image.pixelColor(x, y).name() for x in range(side) for y in range(side)]
            best = max(contrast_ratio(ink, background) for ink in inks)
            # Fusion drew the box's edge in the window's own colour: only the tick showed
            assert best >= 3.0, f"{theme}, checked={checked}: {best:.1f}:1"
            seen[checked] = [ink for ink in inks if contrast_ratio(ink, background) >= 3.0]
        # ticked, the box is filled: not an edge alone, as an unticked one has
        assert len(seen[True]) >= 2 * len(seen[False]), theme
    finally:
        window.set_theme("system")


def test_the_view_menu_ticks_what_the_window_shows_at_start(window) -> None:
    assert window.outline_wanted and window.outline_action.isChecked()
    ticked = [a.data() for a in window.theme_actions.actions() if a.isChecked()]
    assert ticked == [window.settings.theme] == ["system"]


def test_help_lists_every_shortcut(window: MainWindow) -> None:
    lines = dict(window.shortcut_lines())
    assert lines["Search"] == "Ctrl+K, Ctrl+L"
    assert lines["Print"] == "Ctrl+P"
    assert (lines["Outline"], lines["Navigation pane"]) == ("Ctrl+Shift+O", "F9")
    assert "F3" in lines["Next match"]
    # as the README says it, not "Ctrl++"; "=" the unshifted "+" of a US keyboard
    assert lines["Zoom in"] == "Ctrl+Plus, Ctrl+Equals"
    assert lines["Zoom out"].startswith("Ctrl+Minus")
    # keys a person presses, not the names of a keyboard's dedicated keys ("Close", "Find")
    for keys in lines.values():
        assert all("+" in key or key.startswith("F") for key in keys.split(", ")), keys
    # Shift+Backtab as the Shift+Tab it is, and named once though two bindings give it
    assert lines["Previous tab"] == "Ctrl+Shift+Tab, Ctrl+Shift+F6, Ctrl+PgUp"
    assert "Ctrl+Comma" in lines["Preferences"]  # Qt gives it a key on macOS only
    previous = next(a for a in window.findChildren(QAction)
                    if a.text() == "Pre&vious tab")
    assert previous.shortcut().toString() == "Ctrl+Shift+Tab"  # what the menu shows


def test_session_comes_back_after_a_restart(qtbot, window: MainWindow) -> None:
    window.open_entry("1.1.1")
    window.splitter.setSizes([300, 900])
    qtbot.waitUntil(lambda: window.chapter.verticalScrollBar().maximum() > 500)
    window.chapter.verticalScrollBar().setValue(400)
    window.new_tab("section", "6")
    window.new_tab("entry", "6.4.3", select=False)
    window.set_navigator_shown(False)  # F9: the chapter has the whole width
    window.close()
    session, notice = load_session()
    assert notice is None
    assert session.tabs[0].ref == "childrens-services-policies-values-and-principles"
    # kept by name too: a later edition without it says which chapter the tab had
    assert session.tabs[2].title == "6.4.3 Looked After Reviews"
    again = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(again)
    again.show()
    again.restore(session)
    # the tabs in their order, the one being read shown, the navigator still put away
    assert [view.current for view in again.tabs.views()] == [
        ("entry", "childrens-services-policies-values-and-principles"), ("section", "6"),
        ("entry", "looked-after-reviews")]
    assert again.chapter.toPlainText().startswith("6. Children in Care")
    assert again.contents.selected() == ("section", "6")
    assert again.splitter.side.isHidden()
    again.tabs.setCurrentIndex(0)
    assert again.chapter.toPlainText().startswith("1.1.1")
    assert again.contents.selected() == ("entry", session.tabs[0].ref)
    qtbot.waitUntil(lambda: again.chapter.verticalScrollBar().value() == 400)
    again.set_navigator_shown(True)
    # the offscreen screen is narrower: the pane may give way there, and is back at its
    # width in a window as wide as before
    again.resize(window.size())
    qtbot.waitUntil(lambda: again.splitter.sizes()[0] == 300)


def test_open_at_start_adds_a_tab_and_keeps_the_last_sessions(qtbot) -> None:
    from reader.session import Session, TabState

    restored = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(restored)
    restored.restore(Session(tabs=(TabState("entry", "1.1.1", 0), TabState("section", "6", 0))))
    restored.open_requested("6.4.3")
    assert [view.current for view in restored.tabs.views()] == [
        ("entry", "childrens-services-policies-values-and-principles"), ("section", "6"),
        ("entry", "looked-after-reviews")]
    assert restored.chapter.page.title == "6.4.3 Looked After Reviews"
    # with nothing put back, the start tab itself shows it; a number as a desktop shortcut
    # may pass it, spaces around it
    fresh = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(fresh)
    fresh.open_requested(" 6.4 ")
    assert [view.current for view in fresh.tabs.views()] == [("section", "6.4")]


def test_a_session_tab_on_a_chapter_gone_from_the_contents_says_so(qtbot):
    from reader.session import Session, TabState

    win = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(win)
    win.restore(Session(tabs=(TabState("entry", "no-longer-here", 0, "9.9 Old Procedure"),
                              TabState("entry", "1.1.1"))))
    gone = win.tabs.views()[0]
    assert win.tabs.tabToolTip(0) == "(no longer in this edition) 9.9 Old Procedure"
    assert gone.toPlainText().startswith(
        "9.9 Old Procedure\nThis chapter is not in the edition of 2 September 2024.")
    assert win.tabs.views()[1].toPlainText().startswith("1.1.1")
    win.tabs.setCurrentIndex(1)
    assert win.contents.selected() == ("entry", win.manual.find("1.1.1").id)
    win.tabs.setCurrentIndex(0)  # the tree no longer marks 1.1.1 as the page read
    assert win.contents.selected() is None
    # a session written before titles were kept: its id, never an empty page
    older = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(older)
    older.restore(Session(tabs=(TabState("entry", "no-longer-here"),)))
    assert older.chapter.toPlainText().startswith("no-longer-here\nThis chapter is not in")


def test_ctrl_d_on_a_chapter_gone_from_the_edition_removes_its_bookmark(
        qtbot, monkeypatch) -> None:
    from reader.bookmarks import Bookmark, save_bookmarks
    from reader.session import Session, TabState

    save_bookmarks((Bookmark("no-longer-here", "9.9 Old Procedure"),))
    win = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(win)
    # a session written before titles were kept: the bookmark still names the chapter
    win.restore(Session(tabs=(TabState("entry", "no-longer-here", 0),)))
    assert win.chapter.toPlainText().startswith("9.9 Old Procedure\nThis chapter is not in")
    told: list[str] = []
    monkeypatch.setattr(win, "show_status", told.append)
    win.toggle_bookmark()  # Ctrl+D on the tab that says the chapter has gone
    assert win.saved.bookmarks == ()
    win.toggle_bookmark()  # and again: it cannot be bookmarked, and says why
    assert win.saved.bookmarks == ()
    assert told[-1] == "This chapter is not in this edition, so it cannot be bookmarked"
    assert not any("Only chapters" in message for message in told)


def test_a_hand_broken_session_with_huge_numbers_still_starts(qtbot) -> None:
    from reader.session import session_path

    path = session_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    huge = 10**20
    path.write_text(json.dumps({"format": 2, "session": {
        "splitter": [huge, 5], "reading_splitter": [-1, 2**40],
        "tabs": [{"kind": "entry", "ref": "1.1.1", "scroll": huge}], "current_tab": 0}}))
    session, _notice = load_session()
    assert session.splitter == () and session.reading_splitter == ()
    win = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(win)
    win.restore(session)  # Qt takes 32-bit ints: these raised OverflowError at every start
    assert win.current[1].startswith("childrens-services")
    assert win.chapter.verticalScrollBar().value() == 0


def test_start_notices_wait_in_a_box_each_on_its_own_line(qtbot) -> None:
    for path in (bookmarks_path(), history_path()):  # both damaged: both said, once each
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('{"format": 2, "items": [')
    window = shown_window(qtbot)
    box = window.tell_start_notices(window.user_data_notices)
    assert box.isVisible() and box.windowModality() == Qt.WindowModality.WindowModal
    assert box.icon() == QMessageBox.Icon.Warning  # something went wrong, not a tip
    told = box.informativeText().split("\n\n")
    assert len(told) == 2
    assert told[0].startswith("Your bookmarks could not be read, so the list starts empty.")
    assert told[1].startswith("Your history could not be read, so the list starts empty.")
    box.close()


def test_session_is_not_saved_when_the_setting_is_off(qtbot) -> None:
    win = MainWindow(load_manual(CONTENT), settings=Settings(restore_session=False))
    qtbot.addWidget(win)
    win.open_entry("6.4.3")
    win.close()
    assert load_session()[0].tabs == ()


def _update_archive(tmp_path: Path, edition: str = "2025-03-01") -> Path:
    """An update of the bundled manual: one chapter gone, one renamed, a new edition date."""
    content = tmp_path / f"update-content-{edition}"
    shutil.copytree(CONTENT, content)
    facts = json.loads((content / "manual.json").read_text(encoding="utf-8"))
    facts["edition"] = edition
    (content / "manual.json").write_text(json.dumps(facts), encoding="utf-8")
    contents_path = content / "contents.json"
    contents = json.loads(contents_path.read_text(encoding="utf-8"))
    section9 = contents["sections"][8]["items"]
    section9[0]["title"] = "Derby City Council Permanence Policy"
    contents["sections"][9]["items"].pop()  # 10.3 Amendments
    contents_path.write_text(json.dumps(contents, indent=2), encoding="utf-8")
    return pack_content(content, tmp_path / f"update-{edition}.zip").archive


def test_installing_an_update_switches_edition_and_says_what_changed(qtbot, window, tmp_path):
    window.open_entry("1.1.1")
    window.install_update(_update_archive(tmp_path))
    assert window.statusBar().currentMessage() == (
        "Checking update-2025-03-01.zip\u2026 the current edition stays open meanwhile")
    assert window.chapter.toPlainText().startswith("1.1.1")  # readable while it installs
    progress = window.status_widgets.update_progress
    assert progress.isVisible()  # something is under way, and it is not stuck
    qtbot.waitUntil(lambda: window.manual.info.edition.isoformat() == "2025-03-01",
                    timeout=30_000)
    assert not progress.isVisible()
    said = tooltip_as_seen(window.statusBar().toolTip()) or window.statusBar().currentMessage()
    assert said.startswith("Installed the edition of 1 March 2025: ")
    text = window.chapter.toPlainText()
    assert text.startswith("What's new in this edition")
    assert "Changed from the edition read before" in text and "10.3 Amendments" in text
    assert "Permanence Policy" in text
    label = window.status_widgets.edition_label
    assert label.text() == "Edition of 1 March 2025"
    assert "edition of 1 March 2025" in tooltip_as_seen(label.toolTip())  # the tooltip follows, too
    assert window.manual.find("10.3") is None
    qtbot.waitUntil(lambda: window.search.full_text, timeout=30_000)


def test_the_contents_keep_the_focus_when_an_edition_comes_in(qtbot, window) -> None:
    # an update installs in the background while the person walks the contents
    window.open_entry("1.1.1")
    activate(qtbot, window)
    window.contents.tree.setFocus()
    window.load_edition(load_manual(CONTENT), changes=["removed: 10.3 Amendments"])
    # the tree is made anew: its focus not passed on to the filter box, where keys would type
    assert QApplication.focusWidget() is window.contents.tree
    # nor does the focus coming in open the tree's first section over any tab
    assert window.tabs.views()[0].toPlainText().startswith("1.1.1")
    assert window.chapter.toPlainText().startswith("What's new in this edition")


def test_tabs_keep_their_chapters_across_an_update_and_a_removed_one_says_so(
        qtbot, window, tmp_path) -> None:
    window.open_entry("10.3")  # the update removes it
    # History > Clear: the tab keeps its chapter's number and title all the same
    window.saved.clear_history_now()
    reading = window.new_tab("entry", "1.1.1")
    qtbot.waitUntil(lambda: reading.verticalScrollBar().maximum() > 500)
    reading.verticalScrollBar().setValue(400)
    window.install_update(_update_archive(tmp_path))
    qtbot.waitUntil(lambda: window.manual.info.edition.isoformat() == "2025-03-01",
                    timeout=30_000)
    removed = window.tabs.views()[0]
    assert window.tabs.tabToolTip(0) == "(no longer in this edition) 10.3 Amendments"
    assert removed.toPlainText().startswith(
        "10.3 Amendments\nThis chapter is not in the edition of 1 March 2025.")
    assert reading.toPlainText().startswith("1.1.1")  # not replaced by What's new
    assert window.chapter.toPlainText().startswith("What's new in this edition")
    assert window.tabs.count() == 3
    window.tabs.setCurrentWidget(reading)  # read on where it was left
    qtbot.waitUntil(lambda: reading.verticalScrollBar().value() == 400)
    qtbot.waitUntil(lambda: window.search.full_text, timeout=30_000)
    window.close()
    again = MainWindow(load_manual(window.manual.root))  # the next start
    qtbot.addWidget(again)
    again.restore(load_session()[0])
    assert again.tabs.tabToolTip(0) == "(no longer in this edition) 10.3 Amendments"
    again.load_edition(load_manual(CONTENT))
    assert again.tabs.views()[0].toPlainText().startswith("10.3 Amendments\n")
    assert "not in the edition" not in again.tabs.views()[0].toPlainText()


def test_whats_new_lists_an_updates_changes_at_later_starts_and_on_the_way_back(
        qtbot, window, tmp_path, monkeypatch) -> None:
    window.install_update(_update_archive(tmp_path))
    qtbot.waitUntil(lambda: window.manual.info.edition.isoformat() == "2025-03-01",
                    timeout=30_000)
    assert window.tabs.count() == 1  # What's new took the start page's place
    qtbot.waitUntil(lambda: window.search.full_text, timeout=30_000)
    window.close()
    again = MainWindow(load_manual(window.manual.root))  # the next start
    qtbot.addWidget(again)
    again.show_whats_new()  # Help > What's new
    text = again.chapter.toPlainText()
    assert "Changed from the edition read before" in text
    assert "removed: 10.3 Amendments" in text
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args: QMessageBox.StandardButton.Yes)
    again.remove_update()
    text = again.chapter.toPlainText()
    assert text.startswith("What's new in this edition")
    # going back brings it back, and says so under a heading that fits the way back too
    assert "Changed from the edition read before" in text and "This update" not in text
    assert "added: 10.3 Amendments" in text
    assert 'retitled (was "Derby City Council Permanence Policy")' in text


def test_installing_the_same_update_again_says_so_and_leaves_the_window_be(
        qtbot, window, tmp_path) -> None:
    archive = _update_archive(tmp_path)
    window.install_update(archive)
    qtbot.waitUntil(lambda: window.manual.info.edition.isoformat() == "2025-03-01",
                    timeout=30_000)
    qtbot.waitUntil(lambda: window.search.full_text, timeout=30_000)
    window.open_entry("1.1.1")
    tabs = window.tabs.count()
    window.install_update(archive)
    qtbot.waitUntil(lambda: "already installed" in window.statusBar().currentMessage(),
                    timeout=30_000)
    assert window.statusBar().currentMessage() == (
        "The edition of 1 March 2025 is already installed, and it is the one you are "
        "reading; nothing was changed")
    assert window.tabs.count() == tabs and window.chapter.toPlainText().startswith("1.1.1")
    window.show_whats_new()  # still what the update changed, not "nothing changed"
    assert "removed: 10.3 Amendments" in window.chapter.toPlainText()


def test_an_update_installed_from_the_command_line_meanwhile_lists_its_changes(
        qtbot, window, tmp_path) -> None:
    from reader.content_update import install_content

    archive = _update_archive(tmp_path)
    install_content(archive)  # a login script, while this window reads the bundled edition
    window.show_whats_new()  # of the edition on screen, not of the one installed meanwhile
    assert "10.3 Amendments" not in window.chapter.toPlainText()
    window.install_update(archive)
    qtbot.waitUntil(lambda: window.manual.info.edition.isoformat() == "2025-03-01",
                    timeout=30_000)
    assert window.statusBar().currentMessage() == (
        "Switched to the edition of 1 March 2025, installed before")
    assert "removed: 10.3 Amendments" in window.chapter.toPlainText()
    qtbot.waitUntil(lambda: window.search.full_text, timeout=30_000)


def test_a_damaged_update_is_refused_and_nothing_changes(qtbot, window, tmp_path, monkeypatch):
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: told.append(text))
    archive = _update_archive(tmp_path)
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    window.install_update(archive)
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    assert "Nothing was changed" in told[0]
    assert window.manual.info.edition.isoformat() == "2024-09-02"
    assert not window.status_widgets.update_progress.isVisible()
    # not "Checking ..." left behind, as if the check were still going on
    assert window.statusBar().currentMessage() == (
        "The content update was not installed; nothing was changed")


def test_an_older_update_asks_before_going_back(qtbot, window, tmp_path, monkeypatch) -> None:
    window.install_update(_update_archive(tmp_path))
    qtbot.waitUntil(lambda: window.manual.info.edition.isoformat() == "2025-03-01",
                    timeout=30_000)
    archive = _update_archive(tmp_path, "2024-12-01")
    asked: list[str] = []
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])

    def question(_parent, _title, text, *_rest) -> QMessageBox.StandardButton:
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(QMessageBox, "question", question)
    window.install_update(archive)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=30_000)
    assert "older than the edition in use, of 1 March 2025" in asked[0]
    assert window.manual.info.edition.isoformat() == "2025-03-01"  # "No": nothing changed
    window.install_update(archive)
    qtbot.waitUntil(lambda: window.manual.info.edition.isoformat() == "2024-12-01",
                    timeout=30_000)  # "Yes": back to it, on purpose
    qtbot.waitUntil(lambda: window.search.full_text, timeout=30_000)


def test_going_back_to_the_bundled_edition(qtbot, window, tmp_path, monkeypatch) -> None:
    window.install_update(_update_archive(tmp_path))
    qtbot.waitUntil(lambda: window.manual.info.edition.isoformat() == "2025-03-01",
                    timeout=30_000)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args: QMessageBox.StandardButton.Yes)
    window.remove_update()
    assert window.manual.info.edition.isoformat() == "2024-09-02"
    assert window.statusBar().currentMessage() == (
        "Removed the content update: this is the edition of 2 September 2024 that came with "
        "the reader")
    window.contents.filter_box.setText("10.3")
    proxy = window.contents.proxy
    section = proxy.index(0, 0)
    assert proxy.index(0, 0, section).data() == "10.3 Amendments"  # the tree is rebuilt too


def test_going_back_is_refused_while_the_bundled_edition_cannot_be_read(
        qtbot, window, tmp_path, monkeypatch) -> None:
    window.install_update(_update_archive(tmp_path))
    qtbot.waitUntil(lambda: window.manual.info.edition.isoformat() == "2025-03-01",
                    timeout=30_000)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args: QMessageBox.StandardButton.Yes)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warned.append(text))
    reading = window.manual.root

    def damaged(folder: Path) -> Manual:
        raise ContentError(f"{folder / 'contents.json'}: not valid JSON")

    monkeypatch.setattr("reader.content_update.load_manual", damaged)
    window.remove_update()
    assert warned and "stays installed" in warned[0]
    assert window.manual.info.edition.isoformat() == "2025-03-01"
    assert not window.renderer.page_for(window.manual.find("1.1.1")).problems
    assert (reading / "contents.json").is_file()  # the edition being read was not removed


def test_an_update_passed_over_is_said_above_every_page_until_one_is_installed(
        qtbot, tmp_path) -> None:
    notice = "The content update installed here (edition of 1 March 2025) cannot be read (x)."
    win = MainWindow(load_manual(CONTENT), content_notice=notice)
    qtbot.addWidget(win)
    win.show()
    assert win.banner.isVisible() and win.banner.label.text().startswith(notice)
    win.install_update(_update_archive(tmp_path))
    qtbot.waitUntil(lambda: win.manual.info.edition.isoformat() == "2025-03-01", timeout=30_000)
    assert notice not in win.banner.label.text()


def test_preferences_change_theme_and_edition_warning(qtbot, window, monkeypatch) -> None:
    from reader.ui.preferences import PreferencesDialog

    def accept_with_changes(dialog: PreferencesDialog) -> int:
        dialog.months.setValue(48)
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        return PreferencesDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", accept_with_changes)
    assert window.banner.isVisible()  # the bundled edition is over two years old
    window.edit_preferences()
    assert load_settings()[0] == Settings(theme="dark", stale_after_months=48)
    assert not window.banner.isVisible()
    assert window.themes.theme == "dark"
    window.set_theme("light")


def test_two_windows_each_keep_the_others_choice(qtbot) -> None:
    # the icon clicked twice: a theme chosen in one window must not be undone by a larger
    # text chosen in the other, or the next start comes back light
    first, second = shown_window(qtbot), shown_window(qtbot)
    first.set_theme("dark")
    second.zoom(+1)
    assert load_settings()[0] == Settings(theme="dark", zoom_steps=1)
    first.set_theme("light")


def test_settings_made_read_only_are_said_once_and_the_text_size_still_shows(
        window, monkeypatch) -> None:
    import os

    from reader.settings import save_settings, settings_path

    save_settings(Settings())
    real_access = os.access
    # as IT may lock them (tests run as root, to whom every file is writable)
    monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path) ==
                        settings_path().resolve() else real_access(path, mode))
    window.zoom(+1)
    assert window.statusBar().currentMessage() == (
        "Your settings could not be saved (the file is read-only); they apply until you "
        "close the reader")
    window.zoom(+1)  # said once is enough: the person wants to see the size now
    assert window.statusBar().currentMessage().startswith("Text size 121%")
    assert window.settings.zoom_steps == 2
    window.zoom(0)


def test_settings_that_fail_again_after_a_save_went_through_are_said_again(
        window, monkeypatch) -> None:
    # made read-only, writable, read-only again: the second failure is news, and a person who
    # heard nothing would believe the choice kept for the next start
    import os

    from reader.settings import save_settings, settings_path

    save_settings(Settings())
    real_access = os.access

    def lock(on: bool) -> None:  # as IT may lock the file, and unlock it again
        monkeypatch.setattr(os, "access", (lambda path, mode: False if Path(path) ==
                                 settings_path().resolve() else real_access(path, mode))
                  if on else real_access)

    lock(True)
    window.zoom(+1)
    assert "could not be saved (the file is read-only)" in window.statusBar().currentMessage()
    lock(False)
    window.zoom(+1)
    assert load_settings()[0].zoom_steps == 2
    lock(True)
    window.zoom(+1)
    assert "could not be saved (the file is read-only)" in window.statusBar().currentMessage()
    lock(False)
    window.zoom(0)


def test_a_file_where_the_settings_folder_should_be_is_named(window) -> None:
    # "Your settings could not be saved (File exists)" told no one what to move
    import shutil

    from reader.userdata import config_dir

    shutil.rmtree(config_dir(), ignore_errors=True)
    config_dir().parent.mkdir(parents=True, exist_ok=True)
    config_dir().write_text("not a folder", encoding="utf-8")
    window.zoom(+1)
    assert window.status_widgets.still_shown() == (
        f"Your settings could not be saved ({config_dir()} is a file, not a folder); they "
        "apply until you close the reader")
    window.zoom(0)


def test_a_closed_window_starts_no_search_thread(window: MainWindow) -> None:
    window.close()
    window.start_search()  # as a paint's callback arriving just after the close would
    assert window.index_loader is None
    assert not [thread for thread in window.findChildren(QThread) if thread.isRunning()]


def test_about_names_the_publisher_and_gives_the_address_a_line_of_its_own(window) -> None:
    from reader.ui.about import about_html

    html = about_html(window.manual.info)
    assert "<p>Published by Derby City Council. The procedures are the work of" in html
    # on a line of its own, so the box does not break it after "https://"
    assert "<p>The online manual:<br>https://derbycsc.proceduresonline.com/</p>" in html
    assert html.count("authoritative") == 1  # said once, by the manual's own notice


def test_about_invents_nothing_for_content_without_manual_json(content_copy) -> None:
    from reader.ui.about import about_html

    (content_copy / "manual.json").unlink()
    text = about_html(load_manual(content_copy).info)
    assert "Edition date unknown." in text and "1 January 1" not in text
    assert "Published by" not in text
    assert "The online manual:<br>its address is not given" in text


def test_print_uses_the_pdfs_margins_and_names_the_job(window, tmp_path, monkeypatch) -> None:
    from PySide6.QtGui import QPageLayout
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from reader.ui.print_actions import print_current

    used: list[QPrinter] = []

    def accept(dialog: QPrintDialog) -> QPrintDialog.DialogCode:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a printer to a file
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        used.append(printer)
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    window.open_entry("6.7.6")
    print_current(window)
    [printer] = used
    margins = printer.pageLayout().margins(QPageLayout.Unit.Millimeter)
    # a printer's own default can be 3 mm: the header would sit at the unprintable edge
    assert (round(margins.left()), round(margins.top())) == (18, 15)
    assert printer.docName().endswith("6.7.6 Staying Put Policy")  # the print queue's name
    assert window.statusBar().currentMessage().startswith("Saved 1 page")  # to the file


def test_a_page_printed_in_the_dark_theme_is_dark_text_on_white(window, tmp_path,
                                                                monkeypatch) -> None:
    from reader.stylesheet_colours import rule_colours
    from reader.ui import print_actions

    used: list[str] = []
    monkeypatch.setattr(print_actions, "export_pdf",
                        lambda _path, _html, css, *_rest: used.append(css) or 1)
    window.set_theme("dark")
    try:
        window.open_entry("1.1.1")
        window.export_pdf(tmp_path / "dark.pdf")
    finally:
        window.set_theme("light")
    [css] = used
    assert rule_colours(css)["body"] == {"color": "#1a1a1a", "background-color": "#ffffff"}


def test_a_print_that_fails_says_why(window, monkeypatch) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    from reader.ui import print_actions
    from reader.ui.printing import PrintError

    def offline(*_args: object) -> int:
        raise PrintError("Could not start printing to Office printer.")

    told: list[str] = []
    monkeypatch.setattr(QPrintDialog, "exec", lambda _d: QPrintDialog.DialogCode.Accepted)
    monkeypatch.setattr(print_actions, "print_page", offline)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: told.append(text))
    print_actions.print_current(window)
    assert told == ["Could not start printing to Office printer."]
    assert not window.statusBar().currentMessage().startswith("Sent")


def test_the_shortcuts_list_fits_a_laptop_screen(qtbot, window: MainWindow) -> None:
    dialog = window.show_shortcuts()
    qtbot.waitExposed(dialog)
    # 768 pixels less a taskbar: in one column its OK button was off the screen
    assert dialog.height() <= 650 and dialog.width() <= 1280
    assert "Ctrl+Plus" in dialog.table.text() and "Chapter text" in dialog.table.text()
    for what, keys in window.shortcut_lines():  # every one listed, in two columns
        assert escape(what) in dialog.table.text() and escape(keys) in dialog.table.text()
    dialog.close()


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_the_whole_shortcuts_list_shows_without_scroll_bars(qtbot, window: MainWindow,
                                                           theme: str) -> None:
    window.set_theme(theme)
    try:
        dialog = window.show_shortcuts()
        qtbot.waitExposed(dialog)
        QApplication.processEvents()  # the scroll bars follow the first layout
        scroller = dialog.scroller
        # room for it all: no bar, and no row ("Back", "Ctrl+PgUp") cut off at an edge
        assert not scroller.verticalScrollBar().isVisible()
        assert not scroller.horizontalScrollBar().isVisible()
        assert scroller.viewport().width() >= dialog.table.sizeHint().width()
        assert scroller.viewport().height() >= dialog.table.sizeHint().height()
        dialog.close()
    finally:
        window.set_theme("light")


@pytest.mark.parametrize(("opened_in", "theme"), [("dark", "high-contrast"),
                                                ("light", "high-contrast")])
def test_the_shortcuts_list_still_shows_whole_after_a_change_of_theme(
    qtbot, window: MainWindow, opened_in: str, theme: str
) -> None:
    window.set_theme(opened_in)
    try:
        dialog = window.show_shortcuts()
        qtbot.waitExposed(dialog)
        window.set_theme(theme)  # the desktop asking for high contrast while it is open
        scroller = dialog.scroller
        # high contrast's wider edge took the room: scroll bars both ways, the last row hidden;
        # the dialog is refitted once the new style is in, then lays out the list (and the
        # notes below it, in the same pane) again
        qtbot.waitUntil(
            lambda: scroller.viewport().height()
            >= scroller.widget().minimumSizeHint().height(), timeout=1000)
        QApplication.processEvents()
        assert not scroller.verticalScrollBar().isVisible()
        assert not scroller.horizontalScrollBar().isVisible()
        dialog.close()
    finally:
        window.set_theme("light")


def shortcuts_on_a_screen(qtbot, window: MainWindow, monkeypatch, width: int,
                          height: int) -> ShortcutsDialog:
    """The keyboard shortcuts dialog, opened on a screen with this much room."""
    monkeypatch.setattr("reader.ui.shortcuts_dialog.screen_room",
                        lambda _w: QSize(width, height))
    dialog = window.show_shortcuts()
    qtbot.waitExposed(dialog)
    return dialog


def test_on_a_screen_too_short_for_it_the_shortcuts_list_scrolls(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    # 768 pixels at 200%: rows were cut off behind the text below, with no scroll bar
    dialog = shortcuts_on_a_screen(qtbot, window, monkeypatch, 683, 344)
    QApplication.processEvents()  # the scroll bars follow the first layout
    assert dialog.height() <= 344 - 40 and dialog.width() <= 683
    bar = dialog.scroller.verticalScrollBar()
    assert bar.isVisible() and bar.maximum() > 0
    # the list and the text below it do not overlap
    assert dialog.table.geometry().bottom() < dialog.panes.geometry().top()
    # scrolled, not squeezed into narrow wrapped rows
    assert dialog.table.width() >= dialog.table.sizeHint().width()
    assert dialog.table.height() >= dialog.table.sizeHint().height()
    dialog.close()
    # 768 pixels at 300%: the text below takes it all, and the list keeps a few rows of its own
    dialog = shortcuts_on_a_screen(qtbot, window, monkeypatch, 455, 256)
    assert dialog.scroller.height() >= 120
    dialog.close()


@pytest.mark.parametrize(("width", "height"), [(683, 344), (455, 256)])
def test_on_a_small_screen_the_notes_scroll_with_the_list_and_ok_stays_on_it(
    qtbot, window: MainWindow, monkeypatch, width: int, height: int
) -> None:
    # 768 pixels at 300%: the notes below the list took the screen, the list kept a strip
    # and OK was below the screen's edge; with Delete and Esc named, so too at 200%
    dialog = shortcuts_on_a_screen(qtbot, window, monkeypatch, width, height)
    QApplication.processEvents()  # the scroll bars follow the first layout
    assert dialog.height() <= height - 40 and dialog.width() <= width
    assert dialog.scroller.height() >= 120  # a few rows of the list at least
    bar = dialog.scroller.verticalScrollBar()
    bar.setValue(bar.maximum())  # scrolled to the end: the notes' last words are there
    QApplication.processEvents()
    notes, shown = dialog.panes, dialog.scroller.viewport()
    words_end = notes.mapTo(shown, QPoint(0, notes.heightForWidth(notes.width()))).y()
    assert 0 < words_end <= shown.height()
    # read whole across, not cut off at the pane's right edge
    assert notes.mapTo(shown, QPoint(notes.width(), 0)).x() <= shown.width()
    dialog.close()


def test_in_large_text_the_shortcuts_scroll_bar_grows_beside_the_list(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    # the window's scroll bars grew with 20-point words, the list's stayed a thin strip
    usual = shortcuts_on_a_screen(qtbot, window, monkeypatch, 683, 344)
    QApplication.processEvents()
    usual_width = usual.scroller.verticalScrollBar().width()
    usual.close()
    for _ in at_points(20):
        dialog = shortcuts_on_a_screen(qtbot, window, monkeypatch, 1366, 500)
        QApplication.processEvents()
        bar = dialog.scroller.verticalScrollBar()
        assert bar.isVisible() and bar.width() >= GROWN * usual_width, (usual_width, bar.width())
        assert not dialog.scroller.horizontalScrollBar().isVisible()  # beside it, not over
        dialog.close()


def test_ok_closes_the_shortcuts_list(qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = window.show_shortcuts()
    qtbot.waitExposed(dialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_preferences_say_one_month_in_the_singular(window) -> None:
    from reader.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(window.settings, window)
    assert dialog.months.text() == "6 months"
    dialog.months.setValue(1)
    assert dialog.months.text() == "1 month"
    dialog.months.stepUp()
    assert dialog.months.text() == "2 months"
    dialog.deleteLater()


def test_preferences_open_on_the_settings_in_use(window) -> None:
    from reader.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(
        Settings(theme="high-contrast", stale_after_months=12, restore_session=False), window)
    # what the person chose last time, not the first choice of each list
    assert dialog.theme.currentText() == "High contrast"
    assert dialog.months.text() == "12 months"
    assert not dialog.restore.isChecked()
    dialog.months.setValue(0)  # "warn after 0 months" would be saved as 6
    assert dialog.months.text() == "1 month"
    dialog.show()
    assert controls_missing_accessible_names(dialog) == []
    dialog.deleteLater()


def test_unticking_reopen_the_tabs_is_kept(window, monkeypatch) -> None:
    from reader.ui.preferences import PreferencesDialog

    def untick(dialog: PreferencesDialog) -> int:
        dialog.restore.setChecked(False)
        return PreferencesDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", untick)
    window.edit_preferences()
    assert load_settings()[0].restore_session is False
    assert window.settings.restore_session is False


def test_the_restart_preference_says_every_tab_comes_back(window) -> None:
    from reader.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(window.settings, window)
    # a restart brings back every tab open at the close, not "the last chapter" alone
    label = dialog.restore.text().replace("&", "")
    assert label == "Reopen the tabs from last time at start"
    assert dialog.restore.accessibleName() == label
    dialog.deleteLater()


@pytest.mark.parametrize(("typed", "saved"), [
    ("case note", "case note.pdf"),  # a double-click would not open it without
    ("case note.pdf", "case note.pdf"),
])
def test_a_pdf_named_without_its_suffix_gets_one(window, tmp_path, monkeypatch, typed,
                                                 saved) -> None:
    from PySide6.QtWidgets import QDialog, QFileDialog

    def typed_and_saved(dialog: QFileDialog) -> int:
        dialog.selectFile(str(tmp_path / typed))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QFileDialog, "exec", typed_and_saved)
    window.open_entry("1.1.1")
    assert window.export_pdf() == tmp_path / saved
    assert (tmp_path / saved).read_bytes().startswith(b"%PDF")


def test_export_suggests_the_chapters_title_and_says_where_it_went(window, tmp_path,
                                                                   monkeypatch) -> None:
    from PySide6.QtWidgets import QDialog, QFileDialog

    suggested: list[str] = []

    def keep_the_suggestion(dialog: QFileDialog) -> int:
        suggested.append(Path(dialog.selectedFiles()[0]).name)
        dialog.selectFile(str(tmp_path / suggested[0]))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QFileDialog, "exec", keep_the_suggestion)
    window.open_entry("1.1.1")
    path = window.export_pdf()
    # found again by its title; no comma or quote that some systems refuse in a name
    assert suggested == ["1.1.1 Childrens Services Policies Values and Principles.pdf"]
    pages = len(PdfReader(str(path)).pages)
    assert pages > 1
    assert window.statusBar().currentMessage() == f"Saved {pages} pages to {path}"


def test_exported_bookmarks_named_without_their_suffix_get_one(window, tmp_path,
                                                               monkeypatch) -> None:
    from PySide6.QtWidgets import QDialog, QFileDialog

    def typed_and_saved(dialog: QFileDialog) -> int:
        dialog.selectFile(str(tmp_path / "my bookmarks"))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QFileDialog, "exec", typed_and_saved)
    assert window.saved.export_to() == tmp_path / "my bookmarks.json"
    assert (tmp_path / "my bookmarks.json").is_file()


def test_a_choice_not_saved_is_saved_with_the_next_change_that_can_be(
        window, monkeypatch) -> None:
    # the other window held the settings for a moment as the theme was chosen: the text
    # size chosen next is saved, and the theme with it, not lost at the next start
    import reader.settings as settings_module
    from reader.file_lock import LockBusyError
    from reader.settings import save_settings, settings_path

    save_settings(Settings())
    real_locked = settings_module.locked

    def busy(path):
        raise LockBusyError(settings_path())

    monkeypatch.setattr(settings_module, "locked", busy)
    window.set_theme("dark")
    assert "could not be saved" in window.statusBar().currentMessage()
    monkeypatch.setattr(settings_module, "locked", real_locked)
    window.zoom(+1)
    assert load_settings()[0] == Settings(theme="dark", zoom_steps=1)
    window.zoom(0)
    window.set_theme("light")


def test_the_keys_of_the_panes_read_in_short_lines_in_line_with_the_list(
    qtbot, window: MainWindow
) -> None:
    from PySide6.QtGui import QTextDocument

    dialog = window.show_shortcuts()
    qtbot.waitExposed(dialog)
    notes = dialog.panes
    # laid out as the dialog shows them: one paragraph across it made lines of 120
    # characters, hard to follow back to the start of the next
    page = QTextDocument()
    page.setDefaultFont(notes.font())
    page.setHtml(notes.text())
    page.setTextWidth(notes.contentsRect().width())
    page.size()  # laid out
    longest, block = 0, page.begin()
    while block.isValid():
        layout = block.layout()
        longest = max([longest] + [layout.lineAt(n).textLength()
                                   for n in range(layout.lineCount())])
        block = block.next()
    assert 30 < longest <= 75
    # the notes begin where the list's names do, not a few pixels to their left
    image = dialog.grab().toImage()
    ink = dialog.palette().color(dialog.foregroundRole())

    def first_ink(top: int, bottom: int) -> int:
        return min(x for y in range(top, bottom, 2) for x in range(image.width())
                   if image.pixelColor(x, y) == ink)

    shown = QRect(notes.mapTo(dialog, QPoint(0, 0)), notes.size())  # in the scrolled pane
    list_starts = first_ink(dialog.scroller.y(), dialog.scroller.y() + dialog.scroller.height())
    assert abs(first_ink(shown.top(), shown.bottom()) - list_starts) <= 1  # N's stem, I's
    # and the dialog is no taller than its list and notes (scrolled together) and OK button
    assert dialog.height() < dialog.scroller.height() + 80
    assert dialog.scroller.height() < dialog.table.height() + notes.height() + 40


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (683, 344)])
def test_every_note_on_the_panes_keys_is_there_in_one_column_or_two(
    qtbot, window: MainWindow, monkeypatch, width: int, height: int
) -> None:
    from PySide6.QtGui import QTextDocument

    dialog = shortcuts_on_a_screen(qtbot, window, monkeypatch, width, height)
    page = QTextDocument()
    page.setHtml(dialog.panes.text())
    text = " ".join(page.toPlainText().split())
    # on a narrow screen, the notes in one paragraph had lost the page's and the mouse's;
    # and the list left out Delete in the bookmarks and the history (the rows' menus say
    # it), and Esc back to the chapter in a narrow window
    for note in ("In the search box: Down goes to the results",
                 "In the page: Esc clears the highlights.",
                 "In the contents: arrow keys move and open",
                 "Anywhere: a middle click or Ctrl+click", "Ctrl+wheel zooms.",
                 "In the bookmarks and the history: Delete removes the row.",
                 "In a narrow window, the navigation pane over the chapter: Esc in the pane "
                 "goes back to the chapter (a filter or search typed is cleared first)."):
        assert note in text, (note, text)
    dialog.close()


def test_the_contents_keys_the_shortcuts_list_names_do_what_it_says(
    qtbot, window: MainWindow
) -> None:
    from PySide6.QtGui import QTextDocument

    dialog = window.show_shortcuts()
    qtbot.waitExposed(dialog)
    page = QTextDocument()
    page.setHtml(dialog.panes.text())
    notes = " ".join(page.toPlainText().split())
    dialog.close()
    # it said Enter opened a section's overview (the arrows had opened it already), and
    # named neither the arrows that only move nor the way from the filter into the tree
    assert ("arrow keys move and open (with Ctrl, only move), Enter goes into the page, "
            "Esc clears the filter, Down in it goes to the tree.") in notes
    tree = window.contents.tree
    window.focus_filter()
    qtbot.keyClicks(window.contents.filter_box, "6.4")
    qtbot.keyClick(window.contents.filter_box, Qt.Key.Key_Down)
    assert tree.hasFocus()
    opened = window.current
    qtbot.keyClick(tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.current == opened
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.current != opened and window.chapter.hasFocus()
    assert window.tabs.count() == 1


def test_the_shortcuts_list_has_no_blank_space_below_it(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    dialog = shortcuts_on_a_screen(qtbot, window, monkeypatch, 1366, 768)
    # sized for the notes' height at a narrower width than theirs, the dialog was taller
    # than its contents, and the list stood in blank space above the notes
    QApplication.processEvents()  # the scroll bars follow the first layout
    assert dialog.table.height() <= dialog.table.sizeHint().height() + 2
    notes, shown = dialog.panes, dialog.scroller.viewport()
    words_end = notes.mapTo(shown, QPoint(0, notes.heightForWidth(notes.width()))).y()
    assert not dialog.scroller.verticalScrollBar().isVisible()
    assert shown.height() <= words_end + 2  # the notes scroll with the list: it ends with them
    dialog.close()


def _second_column_x(label: QWidget, dialog: QWidget) -> int:
    """Where the label's second column of text begins, in the dialog: the first ink after the
    widest blank strip between its columns."""
    image = label.grab().toImage()
    paper = image.pixelColor(0, 0)
    inked = [any(image.pixelColor(x, y) != paper for y in range(image.height()))
             for x in range(image.width())]
    first, last = inked.index(True), len(inked) - 1 - inked[::-1].index(True)
    widest, after, run = 0, 0, 0
    for x in range(first, last + 1):
        if inked[x]:
            if run > widest:
                widest, after = run, x
            run = 0
        else:
            run += 1
    return label.mapTo(dialog, QPoint(after, 0)).x()


def test_the_notes_second_column_lines_up_with_the_lists(qtbot, window: MainWindow) -> None:
    dialog = window.show_shortcuts()
    qtbot.waitExposed(dialog)
    # each table half the dialog wide: the notes' second column began a hand to the right
    # of the keys' second column, a ragged edge for the eye to follow down
    assert abs(_second_column_x(dialog.table, dialog)
               - _second_column_x(dialog.panes, dialog)) <= 2
    dialog.close()


def test_at_200_percent_on_a_laptop_the_shortcuts_list_needs_no_scrolling_across(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    # 1366 by 768 at 200%: the second column's keys ("Ctrl+Tab, Ctrl+F6, Ctrl+PgDown") were
    # cut off at the screen's edge, a scroll bar across the list to reach them
    dialog = shortcuts_on_a_screen(qtbot, window, monkeypatch, 683, 344)
    QApplication.processEvents()  # the scroll bars follow the first layout
    assert dialog.width() <= 683
    assert not dialog.scroller.horizontalScrollBar().isVisible()
    assert dialog.scroller.viewport().width() >= dialog.table.sizeHint().width()
    for what, keys in window.shortcut_lines():  # every one still listed, in one column
        assert escape(what) in dialog.table.text() and escape(keys) in dialog.table.text()
    dialog.close()


def test_bookmarks_are_exported_and_imported_from_documents_not_the_programs_folder(
        window, monkeypatch, started_from_a_shortcut: Path) -> None:
    # started from a shortcut, the reader's working folder is where it is installed (or the
    # system's): the file dialogs opened there, and a saved file was hard to find again
    from PySide6.QtWidgets import QDialog, QFileDialog

    documents = started_from_a_shortcut
    offered: list[Path] = []

    def look(dialog: QFileDialog) -> int:
        offered.append(Path(dialog.selectedFiles()[0]))
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(QFileDialog, "exec", look)
    window.saved.export_to()
    assert offered == [documents / "bookmarks.json"]
    opened_in = opened_in_folders(monkeypatch)
    window.saved.import_from()
    assert opened_in == [documents]
