"""Bookmarks, history and the session in the window, including damaged files and restarts."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt
from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from reader import file_lock
from reader.bookmarks import bookmarks_path, load_bookmarks
from reader.history import history_path, read_history
from reader.manual import load_manual
from reader.session import (
    MAX_TABS,
    Session,
    TabState,
    load_session,
    save_session,
    session_path,
)
from reader.ui import saved_places
from reader.ui.bookmarks_pane import BookmarksPane
from reader.ui.main_window import MainWindow

from ..conftest import CONTENT, tooltip_as_seen
from .conftest import activate, shown_window
from .questions import agree_to_clear_history


def full_disk(_items: object, **_where: object) -> None:
    """Stands in for a save on a disk with no room left."""
    raise OSError(28, "No space left on device")


def pane_rows(win: MainWindow) -> list[str]:
    listing = win.saved.bookmarks_pane.list
    return [listing.item(row).text() for row in range(listing.count())]


def test_ctrl_d_bookmarks_and_the_pane_and_menu_list_them(qtbot, window) -> None:
    window.open_entry("6.7.6")
    QTest.keySequence(window, "Ctrl+D")
    window.open_entry("1.1.1")
    QTest.keySequence(window, "Ctrl+D")
    assert window.bookmark_action.isChecked()
    assert pane_rows(window) == ["6.7.6 Staying Put Policy",
                                 "1.1.1 Children's Services Policies, Values and Principles"]
    window.bookmarks_menu.aboutToShow.emit()
    texts = [a.text() for a in window.bookmarks_menu.actions()]
    assert "6.7.6 Staying Put Policy" in texts
    window.open_entry("9.1")
    # the second bookmark's line opens its chapter, not the first bookmark's
    next(a for a in window.bookmarks_menu.actions() if a.text().startswith("1.1.1 ")).trigger()
    assert window.current == ("entry", "childrens-services-policies-values-and-principles")
    assert [b.entry_id for b in load_bookmarks()[0]] == [
        "staying-put-policy", "childrens-services-policies-values-and-principles"]
    QTest.keySequence(window, "Ctrl+D")  # again: removed
    assert not window.bookmark_action.isChecked()
    assert pane_rows(window) == ["6.7.6 Staying Put Policy"]


def test_the_bookmarks_menu_lists_show_before_export_and_import(window) -> None:
    window.open_entry("6.7.6")
    window.toggle_bookmark()
    window.bookmarks_menu.aboutToShow.emit()
    texts = [a.text().replace("&", "") for a in window.bookmarks_menu.actions()]
    # Export stood between Bookmark this chapter and Show bookmarks, apart from Import
    assert texts == ["Bookmark this chapter", "Show bookmarks", "Export bookmarks\u2026",
                     "Import bookmarks\u2026", "", "6.7.6 Staying Put Policy"]


def test_the_menus_grey_what_has_nothing_to_act_on(window) -> None:
    # as the panes' buttons: Export with no bookmarks wrote an empty file
    def enabled(menu, text: str) -> bool:
        menu.aboutToShow.emit()
        return next(a for a in menu.actions() if a.text() == text).isEnabled()

    assert not enabled(window.bookmarks_menu, "&Export bookmarks\u2026")
    assert not enabled(window.history_menu, "&Clear history")
    window.open_entry("6.7.6")
    window.toggle_bookmark()
    assert enabled(window.bookmarks_menu, "&Export bookmarks\u2026")
    assert enabled(window.history_menu, "&Clear history")


def bookmarks_pane_with(window: MainWindow, *refs: str) -> BookmarksPane:
    """Bookmark these chapters in turn and show the pane, its last row selected."""
    for ref in refs:
        window.open_entry(ref)
        window.toggle_bookmark()
    window.show_bookmarks()
    pane = window.saved.bookmarks_pane
    pane.list.setCurrentRow(len(refs) - 1)
    return pane


def test_bookmarks_pane_reorders_removes_and_opens(qtbot, window) -> None:
    pane = bookmarks_pane_with(window, "1.1.1", "6.7.6", "9.1")
    up, down = ["1.1.1", "9.1", "6.7.6"], ["1.1.1", "6.7.6", "9.1"]
    # each button and each line of the row's menu moves the bookmark the way it says
    for move, order, row in ((pane.up_button.click, up, 1), (pane.down_button.click, down, 2),
                             (pane.up_action.trigger, up, 1), (pane.down_action.trigger, down, 2),
                             (pane.up_button.click, up, 1)):
        move()
        assert [r.split(" ")[0] for r in pane_rows(window)] == order
        assert pane.list.currentRow() == row
    qtbot.mouseClick(pane.remove_button, Qt.MouseButton.LeftButton)
    assert [r.split(" ")[0] for r in pane_rows(window)] == ["1.1.1", "6.7.6"]
    assert window.statusBar().currentMessage() == (
        "Removed the bookmark for 9.1 Derby City Council Permanency Policy")
    pane.list.setCurrentRow(1)
    qtbot.mouseClick(pane.open_button, Qt.MouseButton.LeftButton)
    assert window.current == ("entry", "staying-put-policy")
    assert len(load_bookmarks()[0]) == 2


def test_enter_on_a_bookmark_or_a_visit_goes_on_in_its_text(qtbot, window) -> None:
    window.open_entry("6.7.6")
    window.toggle_bookmark()
    window.open_entry("1.1.1")
    window.show_bookmarks()
    pane = window.saved.bookmarks_pane
    pane.list.setCurrentRow(0)
    qtbot.keyClick(pane.list, Qt.Key.Key_Return)
    assert window.current == ("entry", "staying-put-policy") and window.chapter.hasFocus()
    window.show_history()
    history = window.saved.history_pane.list
    history.setCurrentRow(1)
    qtbot.keyClick(history, Qt.Key.Key_Return)
    assert window.current[1].startswith("childrens-services") and window.chapter.hasFocus()


@pytest.mark.parametrize("show", ["show_bookmarks", "show_history"])
def test_esc_in_the_bookmarks_or_history_list_goes_back_to_the_contents(
    qtbot, window, show: str
) -> None:
    getattr(window, show)()  # Ctrl+Shift+B, Ctrl+H
    listing = window.sidebar.currentWidget().list
    qtbot.waitUntil(listing.hasFocus)
    qtbot.keyClick(listing, Qt.Key.Key_Escape)
    assert window.sidebar.currentWidget() is window.navigator
    assert window.contents.tree.hasFocus()


def test_the_move_buttons_are_greyed_where_the_row_can_go_no_further(window) -> None:
    pane = bookmarks_pane_with(window, "1.1.1", "6.7.6", "9.1")  # the last row selected
    assert pane.up_button.isEnabled() and not pane.down_button.isEnabled()
    pane.list.setCurrentRow(1)
    assert pane.up_button.isEnabled() and pane.down_button.isEnabled()
    pane.list.setCurrentRow(0)
    assert not pane.up_button.isEnabled() and pane.down_button.isEnabled()


def test_export_is_greyed_with_no_bookmarks_to_save(window) -> None:
    window.show_bookmarks()
    pane = window.saved.bookmarks_pane
    assert not pane.export_button.isEnabled()
    assert not pane.open_button.isEnabled() and not pane.remove_button.isEnabled()
    pane = bookmarks_pane_with(window, "1.1.1")
    assert pane.export_button.isEnabled()


def test_bookmarks_changed_in_another_window_are_shown_as_they_are_now(qtbot) -> None:
    from reader.bookmarks import new_bookmark

    manual = load_manual(CONTENT)
    pane = BookmarksPane()
    qtbot.addWidget(pane)
    a, b, c = (new_bookmark(entry.id, entry.label) for entry in manual.chapters()[:3])

    def numbers() -> list[str]:
        return [pane.list.item(row).text().split(" ")[0] for row in range(pane.list.count())]

    pane.set_bookmarks((a, b, c), manual)
    assert numbers() == ["1.1.1", "1.1.2", "1.1.3"]
    pane.set_bookmarks((c, a), manual)  # one removed and one moved there: not one removal
    assert numbers() == ["1.1.3", "1.1.1"]
    pane.set_bookmarks((a, b), manual)  # one replaced and one moved: not one swap
    assert numbers() == ["1.1.1", "1.1.2"]


def test_after_a_delete_the_next_bookmark_is_selected_for_the_next(qtbot, window) -> None:
    pane = bookmarks_pane_with(window, "1.1.1", "6.7.6", "9.1")
    pane.list.setCurrentRow(0)
    pane.list.setFocus()
    qtbot.keyClick(pane.list, Qt.Key.Key_Delete)
    assert pane.list.currentRow() == 0 and pane.remove_button.isEnabled()
    pane.list.setCurrentRow(1)  # the last row: the one above it is next
    qtbot.keyClick(pane.list, Qt.Key.Key_Delete)
    assert [r.split(" ")[0] for r in pane_rows(window)] == ["6.7.6"]
    assert pane.list.currentRow() == 0 and pane.remove_button.isEnabled()
    qtbot.keyClick(pane.list, Qt.Key.Key_Delete)
    assert pane_rows(window) == [] and pane.empty.isVisible()  # how to bookmark, said instead


def test_a_pressed_pane_button_keeps_the_keyboard(qtbot, window) -> None:
    pane = bookmarks_pane_with(window, "1.1.1", "6.7.6", "9.1")
    pane.up_button.setFocus()
    qtbot.keyClick(pane.up_button, Qt.Key.Key_Space)
    assert pane.up_button.hasFocus()  # not sent on to Export, for a second press to open
    qtbot.keyClick(pane.up_button, Qt.Key.Key_Space)
    assert [r.split(" ")[0] for r in pane_rows(window)] == ["9.1", "1.1.1", "6.7.6"]
    assert pane.list.hasFocus()  # at the top, Move up can do no more: the list has the keys
    pane.remove_button.setFocus()
    qtbot.keyClick(pane.remove_button, Qt.Key.Key_Space)
    assert pane.remove_button.hasFocus() and len(pane_rows(window)) == 2
    window.show_history()
    history = window.saved.history_pane
    history.clear_button.setFocus()
    agree_to_clear_history()
    qtbot.keyClick(history.clear_button, Qt.Key.Key_Space)
    activate(qtbot, window)  # as the box closes, the window manager goes back to it
    assert history.list.hasFocus()  # not the sidebar's tab bar


def test_removing_the_open_chapters_bookmark_in_the_pane_clears_the_star(qtbot, window) -> None:
    window.open_entry("1.1.1")
    window.toggle_bookmark()
    assert window.bookmark_action.iconText() == "\u2605 Bookmarked"
    window.show_bookmarks()
    pane = window.saved.bookmarks_pane
    pane.list.setCurrentRow(0)
    qtbot.keyClick(pane.list, Qt.Key.Key_Delete)
    assert pane_rows(window) == []
    assert window.bookmark_action.iconText() == "\u2606 Bookmark"
    assert not window.bookmark_action.isChecked()


def test_two_windows_keep_each_others_bookmarks(qtbot) -> None:
    first, second = shown_window(qtbot), shown_window(qtbot)  # the icon clicked twice
    first.open_entry("6.7.6")
    first.toggle_bookmark()
    second.open_entry("9.1")
    second.toggle_bookmark()  # its list was read before the first window's bookmark
    assert [b.title for b in load_bookmarks()[0]] == ["6.7.6 Staying Put Policy",
                                                      "9.1 Derby City Council Permanency Policy"]
    activate(qtbot, first)
    assert pane_rows(first) == pane_rows(second) == ["6.7.6 Staying Put Policy",
                                                     "9.1 Derby City Council Permanency Policy"]
    second.open_entry("6.7.6")  # removed in one window, it stays removed in the other
    assert second.bookmark_action.isChecked()
    second.toggle_bookmark()
    first.open_entry("1.1.1")
    first.toggle_bookmark()
    assert [b.title[:5] for b in load_bookmarks()[0]] == ["9.1 D", "1.1.1"]


def test_ctrl_d_does_what_the_window_showed_when_another_window_did_it_first(qtbot) -> None:
    first, second = shown_window(qtbot), shown_window(qtbot)
    for win in (first, second):
        win.open_entry("6.7.6")
    first.toggle_bookmark()
    assert not second.bookmark_action.isChecked()  # not yet told
    second.toggle_bookmark()  # "Bookmark" was shown: it stays bookmarked, once
    assert second.statusBar().currentMessage() == "Bookmarked 6.7.6 Staying Put Policy"
    assert [b.title for b in load_bookmarks()[0]] == ["6.7.6 Staying Put Policy"]


def test_two_windows_keep_each_others_history_and_a_clear_holds(qtbot) -> None:
    first, second = shown_window(qtbot), shown_window(qtbot)
    first.open_entry("6.7.6")
    first.saved.save_history_now()
    second.open_entry("9.1")
    second.saved.save_history_now()
    assert [v.title[:5] for v in read_history().visits] == ["9.1 D", "6.7.6"]
    activate(qtbot, first)
    assert first.saved.history_pane.list.count() == 2
    agree_to_clear_history()
    qtbot.mouseClick(first.saved.history_pane.clear_button, Qt.MouseButton.LeftButton)
    second.close()  # saves its history as it closes: the cleared visits must not come back
    assert read_history().visits == ()


def test_export_and_import_bookmarks(qtbot, window, tmp_path: Path) -> None:
    for ref in ("1.1.1", "6.7.6"):
        window.open_entry(ref)
        window.toggle_bookmark()
    exported = window.saved.export_to(tmp_path / "mine.json")
    assert window.statusBar().currentMessage() == f"Saved 2 bookmarks to {exported}"
    window.toggle_bookmark()
    assert [r.split(" ")[0] for r in pane_rows(window)] == ["1.1.1"]
    assert window.saved.import_from(exported) == 1
    assert window.statusBar().currentMessage() == (
        "Added 1 bookmark from mine.json; 1 you had already")
    assert [r.split(" ")[0] for r in pane_rows(window)] == ["1.1.1", "6.7.6"]
    assert window.saved.import_from(exported) == 0  # again: nothing twice, and said why
    assert window.statusBar().currentMessage() == (
        "Added 0 bookmarks from mine.json; 2 you had already")
    assert [r.split(" ")[0] for r in pane_rows(window)] == ["1.1.1", "6.7.6"]


def test_a_bookmarks_file_damaged_by_another_window_leaves_this_list_be(qtbot) -> None:
    win = shown_window(qtbot)
    win.open_entry("6.7.6")
    win.toggle_bookmark()
    bookmarks_path().write_text("{ not json")  # another window's write, cut short
    activate(qtbot, win)  # the window read again as it comes back
    said = tooltip_as_seen(win.statusBar().toolTip()) or win.statusBar().currentMessage()
    # it said "so the list starts empty", beside a list that did not
    assert said.startswith("Your bookmarks could not be read, so the bookmarks this window "
                           "shows are saved in its place. The file was kept as "
                           "bookmarks.json.bak")
    assert pane_rows(win) == ["6.7.6 Staying Put Policy"]
    assert win.bookmark_action.isChecked()
    assert bookmarks_path().with_name("bookmarks.json.bak").read_text() == "{ not json"
    assert [b.title for b in load_bookmarks()[0]] == ["6.7.6 Staying Put Policy"]


def test_a_bookmark_made_as_a_damaged_file_is_found_says_both(qtbot) -> None:
    win = shown_window(qtbot)
    bookmarks_path().parent.mkdir(parents=True, exist_ok=True)
    bookmarks_path().write_text("{ not json")  # after the window read it
    win.open_entry("6.7.6")
    win.toggle_bookmark()
    said = tooltip_as_seen(win.statusBar().toolTip()) or win.statusBar().currentMessage()
    # "Bookmarked" hid what had happened to the file
    assert said.startswith("Bookmarked 6.7.6 Staying Put Policy. Your bookmarks could not be "
                           "read")
    assert "bookmarks.json.bak" in said
    assert [b.title for b in load_bookmarks()[0]] == ["6.7.6 Staying Put Policy"]


def test_an_import_as_a_damaged_file_is_found_says_both(qtbot, tmp_path: Path) -> None:
    win = shown_window(qtbot)
    win.open_entry("6.7.6")
    win.toggle_bookmark()
    exported = win.saved.export_to(tmp_path / "mine.json")
    assert exported is not None
    bookmarks_path().write_text("{ not json")  # another window's write, cut short
    assert win.saved.import_from(exported) == 0
    said = tooltip_as_seen(win.statusBar().toolTip()) or win.statusBar().currentMessage()
    # "Added 0 bookmarks" hid what had happened to the file
    assert said.startswith("Added 0 bookmarks from mine.json; 1 you had already. Your "
                           "bookmarks could not be read")
    assert "bookmarks.json.bak" in said
    assert [b.title for b in load_bookmarks()[0]] == ["6.7.6 Staying Put Policy"]


def test_an_import_says_what_it_left_out_and_what_this_edition_lacks(
    qtbot, window, tmp_path: Path
) -> None:
    mixed = tmp_path / "mixed.json"
    mixed.write_text(json.dumps({"format": 1, "bookmarks": [
        {"id": "staying-put-policy", "title": "6.7.6 Staying Put Policy"},
        {"id": "withdrawn", "title": "3.9 A Withdrawn Procedure"},
        {"title": "no id"}, 42, []]}))
    assert window.saved.import_from(mixed) == 2
    said = tooltip_as_seen(window.statusBar().toolTip()) or window.statusBar().currentMessage()
    assert said == ("Added 2 bookmarks from mixed.json; 1 of them not in this edition; "
                    "3 could not be read")
    # again: the one gone from this edition is one already kept, not one more added
    assert window.saved.import_from(mixed) == 0
    said = tooltip_as_seen(window.statusBar().toolTip()) or window.statusBar().currentMessage()
    assert said == "Added 0 bookmarks from mixed.json; 2 you had already; 3 could not be read"


def test_a_visit_to_a_chapter_gone_has_a_tip_with_its_title_as_written(qtbot) -> None:
    from reader.history import Visit, save_history

    # a history kept by an edition whose title held what looks like a tag
    save_history((Visit("withdrawn", "3.9 A <b>Withdrawn</b> Procedure",
                        "2026-11-20T10:00:00+00:00"),))
    win = shown_window(qtbot)
    tip = tooltip_as_seen(win.saved.history_pane.list.item(0).toolTip())
    assert tip.startswith("(no longer in this edition) 3.9 A <b>Withdrawn</b> Procedure\n")


def test_a_bookmark_for_a_chapter_gone_is_shown_as_missing(qtbot) -> None:
    bookmarks_path().parent.mkdir(parents=True)
    bookmarks_path().write_text(json.dumps({"format": 1, "bookmarks": [
        {"id": "withdrawn", "title": "3.9 A Withdrawn Procedure"},
        {"id": "staying-put-policy", "title": "6.7.9 Old Number"}]}))
    win = shown_window(qtbot)
    assert pane_rows(win) == ["(no longer in this edition) 3.9 A Withdrawn Procedure",
                              "6.7.6 Staying Put Policy"]
    gone, kept = (win.saved.bookmarks_pane.list.item(row) for row in (0, 1))
    assert gone.font().italic() and not kept.font().italic()
    # the pointer over it says why it is kept
    why = tooltip_as_seen(gone.toolTip())
    assert why.startswith("This chapter is not in the edition you are reading")
    assert tooltip_as_seen(kept.toolTip()) == "6.7.6 Staying Put Policy"


def test_history_lists_opened_chapters_and_clears(qtbot, window) -> None:
    window.open_entry("1.1.1")
    window.open_entry("6.7.6")
    window.history_menu.aboutToShow.emit()
    texts = [a.text() for a in window.history_menu.actions()]
    listing = window.saved.history_pane.list
    assert listing.item(0).text().startswith("6.7.6") and listing.count() == 2
    when = listing.item(0).text().split("\n")[1]  # as a person reads it: "1 May 2026 09:00"
    assert f"6.7.6 Staying Put Policy  \u00b7  {when}" in texts
    window.saved.save_history_now()
    assert [v.entry_id for v in read_history().visits][0] == "staying-put-policy"
    agree_to_clear_history()
    qtbot.mouseClick(window.saved.history_pane.clear_button, Qt.MouseButton.LeftButton)
    assert listing.count() == 0 and read_history().visits == ()
    assert window.statusBar().currentMessage() == (
        "History cleared, with Back, Forward and closed tabs; your bookmarks are unchanged")


def fail_bookmark_saves(monkeypatch: pytest.MonkeyPatch,
                        error: OSError | None = None) -> None:
    """The bookmarks file cannot be written (a full disk); other files still can."""
    from reader import atomic_file

    real = atomic_file.write_text_atomic

    def refuse(path: Path, text: str) -> None:
        if path.name == "bookmarks.json":
            raise error or OSError(28, "No space left on device")
        real(path, text)

    monkeypatch.setattr(atomic_file, "write_text_atomic", refuse)


def test_a_bookmark_that_cannot_be_saved_is_not_reported_as_kept(
    qtbot, window, monkeypatch
) -> None:
    fail_bookmark_saves(monkeypatch, PermissionError(13, "Permission denied"))
    window.open_entry("6.4.3")
    QTest.keySequence(window, "Ctrl+D")
    message = window.statusBar().currentMessage()
    assert message.startswith("Bookmarked 6.4.3 Looked After Reviews, but your bookmarks could "
                              "not be saved (Permission denied)")
    assert "only until you close the reader" in message


def test_bookmarks_kept_only_in_this_window_are_not_replaced_by_anothers_file(
        qtbot, monkeypatch) -> None:
    win = shown_window(qtbot)
    fail_bookmark_saves(monkeypatch)
    win.open_entry("6.4.3")
    win.toggle_bookmark()  # not saved: this window's list is the only copy
    bookmarks_path().parent.mkdir(parents=True, exist_ok=True)
    bookmarks_path().write_text(json.dumps({"format": 1, "bookmarks": [  # another window's
        {"id": "staying-put-policy", "title": "6.7.6 Staying Put Policy"}]}))
    activate(qtbot, win)
    win.saved.reload_if_changed()
    # the other window's bookmark is shown beside this one's, which is still to be saved
    assert pane_rows(win) == ["6.7.6 Staying Put Policy", "6.4.3 Looked After Reviews"]


def test_a_failed_save_does_not_later_lose_a_bookmark_another_window_added(qtbot) -> None:
    first, second = shown_window(qtbot), shown_window(qtbot)
    with pytest.MonkeyPatch.context() as full:
        fail_bookmark_saves(full)
        first.open_entry("6.4.3")
        first.toggle_bookmark()  # not saved: the disk is full
    second.open_entry("6.7.6")
    second.toggle_bookmark()  # room again: the other window's bookmark is saved
    first.open_entry("1.1.1")
    first.toggle_bookmark()  # saved now, with the one that could not be
    # the first window wrote its whole list, and the other window's bookmark was gone
    expected = ["6.7.6 Staying Put Policy", "6.4.3 Looked After Reviews",
                "1.1.1 Children's Services Policies, Values and Principles"]
    assert [b.title for b in load_bookmarks()[0]] == expected
    assert pane_rows(first) == expected
    assert first.statusBar().currentMessage() == f"Bookmarked {expected[2]}"


def test_bookmarks_a_failed_save_left_unsaved_are_saved_as_the_window_closes(qtbot) -> None:
    win = shown_window(qtbot)
    with pytest.MonkeyPatch.context() as full:
        fail_bookmark_saves(full)
        win.open_entry("6.4.3")
        win.toggle_bookmark()  # not saved: the disk is full
    assert load_bookmarks()[0] == ()
    win.close()  # room again
    assert [b.title for b in load_bookmarks()[0]] == ["6.4.3 Looked After Reviews"]


def test_history_is_read_joined_and_written_under_the_lock_other_windows_take(
        qtbot, window, monkeypatch) -> None:
    """Another window saving between this one's read and write would have its visits written
    over; one at a time, it waits, then joins what this one wrote."""
    window.open_entry("6.7.6")
    window.saved.save_history_now()
    other_window_kept_out: list[bool] = []
    real_save = saved_places.save_history

    def save(*args: object, **kwargs: object) -> None:
        try:
            with file_lock.locked(history_path(), wait=0):
                other_window_kept_out.append(False)
        except file_lock.LockBusyError:
            other_window_kept_out.append(True)
        real_save(*args, **kwargs)

    monkeypatch.setattr(saved_places, "save_history", save)
    window.open_entry("1.1.1")
    assert window.saved.save_history_now() is None
    agree_to_clear_history()
    qtbot.mouseClick(window.saved.history_pane.clear_button, Qt.MouseButton.LeftButton)
    assert other_window_kept_out == [True, True]


def test_a_history_clear_that_cannot_be_saved_says_the_visits_are_still_kept(
    qtbot, window, monkeypatch
) -> None:
    window.open_entry("6.7.6")
    window.saved.save_history_now()

    monkeypatch.setattr("reader.ui.saved_places.save_history", full_disk)
    agree_to_clear_history()
    qtbot.mouseClick(window.saved.history_pane.clear_button, Qt.MouseButton.LeftButton)
    message = window.statusBar().currentMessage()
    assert "could not be removed (No space left on device)" in message
    assert "still on this computer" in message and "cleared;" not in message
    assert read_history().visits != ()  # as the message says


def test_a_file_where_the_data_folder_should_be_is_named_when_a_bookmark_is_not_saved(
    window
) -> None:
    # "your bookmarks could not be saved (File exists)" told no one what to move
    import shutil

    from reader.userdata import data_dir

    shutil.rmtree(data_dir(), ignore_errors=True)
    data_dir().parent.mkdir(parents=True, exist_ok=True)
    data_dir().write_text("not a folder", encoding="utf-8")
    window.open_entry("6.7.6")
    window.toggle_bookmark()
    assert f"your bookmarks could not be saved ({data_dir()} is a file, not a folder)" \
        in window.status_widgets.still_shown()


def test_visits_that_cannot_be_saved_are_said_once_not_at_every_visit(
    qtbot, window, monkeypatch
) -> None:
    timer = window.saved._history_timer
    with monkeypatch.context() as patched:
        patched.setattr("reader.ui.saved_places.save_history", full_disk)
        window.open_entry("6.7.6")
        timer.timeout.emit()  # the save due after a visit
        assert window.statusBar().currentMessage() == (
            "Your history could not be saved (No space left on device); the pages you visit "
            "are listed in this window only.")
        window.statusBar().clearMessage()
        window.open_entry("1.1.1")
        timer.timeout.emit()
        assert window.statusBar().currentMessage() == ""  # told already
    window.open_entry("6.7.6")  # room again: saved
    timer.timeout.emit()
    assert [visit.entry_id for visit in read_history().visits][:2] == [
        "staying-put-policy", "childrens-services-policies-values-and-principles"]


def test_history_rows_have_the_time_on_a_line_of_their_own(qtbot, window) -> None:
    window.open_entry("5.1")  # a short title
    window.open_entry("1.1.1")  # "Children's Services Policies, Values and Principles"
    window.sidebar.setCurrentWidget(window.saved.history_pane)
    listing = window.saved.history_pane.list
    qtbot.waitUntil(lambda: listing.isVisible())
    one_line = listing.fontMetrics().height()
    # the whole row is on screen: wrapped, not hidden behind a scroll bar
    assert not listing.horizontalScrollBar().isVisible()
    for row in range(listing.count()):
        item = listing.item(row)
        title, when = item.text().split("\n")
        assert title[0].isdigit() and when[0].isdigit() and ":" in when
        rect = listing.visualItemRect(item)
        assert rect.height() >= 2 * one_line and rect.right() <= listing.viewport().width()


@pytest.mark.parametrize("pane", ["bookmarks_pane", "history_pane"])
def test_rows_stand_apart_where_one_ends_and_the_next_begins(qtbot, window, pane) -> None:
    # wrapped titles ran into each other, and a visit's time into the next title: the light
    # theme's alternate shade is too faint to tell the rows apart on its own
    for ref in ("1.1.1", "3.2.1", "5.1"):
        window.open_entry(ref)
        window.toggle_bookmark()
    listing = getattr(window.saved, pane).list
    window.sidebar.setCurrentWidget(getattr(window.saved, pane))
    qtbot.waitUntil(listing.isVisible)
    rects = [listing.visualItemRect(listing.item(row)) for row in range(listing.count())]
    assert len(rects) == 3
    for above, below in zip(rects, rects[1:], strict=False):
        assert below.top() - above.bottom() - 1 >= 6, (above, below)


@pytest.mark.parametrize("pane", ["bookmarks_pane", "history_pane"])
def test_every_row_of_a_long_list_shows_its_whole_title_and_time(qtbot, pane) -> None:
    # once the list outgrew the pane and its scroll bar came, rows laid out before it kept
    # their height for the wider list: a title ended in "..." and a visit lost its time
    win = shown_window(qtbot)
    for chapter in win.manual.chapters()[:40]:
        win.open_entry(chapter.number)
        win.toggle_bookmark()
    listing = getattr(win.saved, pane).list
    win.sidebar.setCurrentWidget(getattr(win.saved, pane))
    qtbot.waitUntil(listing.verticalScrollBar().isVisible)
    for row in range(listing.count()):
        item = listing.item(row)
        option = QStyleOptionViewItem()
        listing.initViewItemOption(option)
        option.rect = listing.visualItemRect(item)
        # drawn no wider than the list has room for, whatever width the row was laid out at
        option.rect.setWidth(min(option.rect.width(),
                                 listing.viewport().width() - 2 * listing.spacing()))
        option.text = item.text()
        option.font = item.font()
        text = listing.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option,
                                              listing)
        # Qt's own inset of a row's words, as it draws them
        inset = listing.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        needed = QFontMetrics(item.font()).boundingRect(
            QRect(0, 0, text.width() - 2 * inset, 10_000), Qt.TextFlag.TextWordWrap, item.text())
        assert needed.height() <= text.height(), item.text()


def test_history_is_saved_when_the_window_closes(qtbot) -> None:
    win = shown_window(qtbot)
    win.open_entry("9.1")
    win.close()
    assert read_history().visits[0].title.startswith("9.1")


@pytest.mark.parametrize("path_of,kind", [(bookmarks_path, "bookmarks"),
                                          (history_path, "history"),
                                          (session_path, "last session")])
def test_a_corrupt_user_file_is_set_aside_and_the_window_starts(qtbot, path_of, kind) -> None:
    path = path_of()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"format": 2, "tabs": [{"kind": ')
    win = shown_window(qtbot)
    session, notice = load_session()
    notices = [*win.user_data_notices, *([notice] if notice else [])]
    instead = "the reader starts afresh" if kind == "last session" else "the list starts empty"
    assert any(f"Your {kind} could not be read, so {instead}." in n for n in notices)
    assert win.statusBar().currentMessage() == ""  # told in the start-up box, not cut off here
    win.restore(session)
    assert win.tabs.count() == 1 and win.current == ("page", "start")
    assert path.with_name(path.name + ".bak").is_file()


def test_a_session_of_the_older_format_starts_fresh_quietly(qtbot) -> None:
    session_path().parent.mkdir(parents=True)
    session_path().write_text(json.dumps({"format": 1, "session": {"page_kind": "entry",
                                                                    "page_ref": "1.1.1"}}))
    assert load_session() == (Session(), None)


def test_tabs_and_panes_come_back_after_a_restart(qtbot) -> None:
    win = shown_window(qtbot)
    win.resize(1100, 720)
    win.open_entry("1.1.1")
    bar = win.chapter.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 500)
    bar.setValue(300)
    win.new_tab("entry", "6.7.6")
    win.new_tab("section", "9")
    win.tabs.setCurrentIndex(1)
    win.splitter.setSizes([300, 800])
    win.close()
    session = load_session()[0]
    assert [(t.kind, t.ref) for t in session.tabs] == [
        ("entry", "childrens-services-policies-values-and-principles"),
        ("entry", "staying-put-policy"), ("section", "9")]
    again = shown_window(qtbot)
    again.restore(session)
    assert [v.page.title.split(" ")[0] for v in again.tabs.views()] == ["1.1.1", "6.7.6", "9."]
    assert again.tabs.currentIndex() == 1
    assert again.contents.selected() == ("entry", "staying-put-policy")
    # the offscreen screen is narrow, so Qt fits the width to it; the height comes back whole
    assert again.height() == win.height()
    again.resize(win.size())  # the pane gives way in a narrower window, and comes back
    qtbot.waitUntil(lambda: again.splitter.sizes()[0] == 300)
    # restored as the app does, before the window shows, and closed again before that tab
    # was looked at: its place is not lost
    third = MainWindow(load_manual(CONTENT))
    qtbot.addWidget(third)
    third.restore(session)
    third.show()
    qtbot.waitExposed(third)
    assert third.session().tabs[0].scroll == 300
    again.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: again.chapter.verticalScrollBar().value() == 300)


def test_a_session_with_a_missing_chapter_keeps_the_other_tabs(qtbot) -> None:
    save_session(Session(tabs=(TabState("entry", "gone"), TabState("entry", "6.4.3")),
                         current_tab=1))
    win = shown_window(qtbot)
    win.restore(load_session()[0])
    assert [v.current for v in win.tabs.views()] == [("entry", "gone"),
                                                     ("entry", "looked-after-reviews")]
    assert "This chapter is not in the edition" in win.tabs.views()[0].toPlainText()


def test_more_tabs_than_reopen_keep_the_one_being_read(qtbot) -> None:
    numbers = [f"tab-{n}" for n in range(163)]  # a long day: every chapter in a tab
    save_session(Session(tabs=tuple(TabState("entry", ref) for ref in numbers),
                         current_tab=120))
    session = load_session()[0]
    assert len(session.tabs) == MAX_TABS
    assert session.tabs[session.current_tab].ref == "tab-120"  # not the start page instead
    assert [t.ref for t in session.tabs] == numbers[95:145]  # its neighbours with it
    save_session(Session(tabs=(TabState("entry", "1.1.1"), TabState("nonsense", ""),
                               TabState("entry", "6.4.3")), current_tab=2))
    session = load_session()[0]  # an unreadable tab before it does not move the place
    assert session.tabs[session.current_tab].ref == "6.4.3"


def test_closing_stops_the_index_build_even_if_saving_fails_unexpectedly(
    qtbot, monkeypatch
) -> None:
    from reader.ui.index_loader import IndexLoader

    win = shown_window(qtbot)
    win.start_search()  # the first start: the index is still being built
    loader = win.index_loader
    assert loader is not None

    def broken() -> None:
        raise ValueError("a history entry that cannot be written")

    monkeypatch.setattr(win.saved, "save_history_now", broken)
    with pytest.raises(ValueError, match="cannot be written"):
        win.close()
    # a QThread still running when the window goes aborts the whole process
    assert not any(thread.isRunning() for thread in win.findChildren(IndexLoader))
    assert not win.search._thread.isRunning()


def test_a_status_message_too_long_for_the_bar_ends_in_an_ellipsis_and_is_whole_in_the_tip(
    qtbot, window, monkeypatch
) -> None:
    monkeypatch.setattr("reader.ui.saved_places.save_history", full_disk)
    window.resize(700, 600)  # half a laptop screen
    qtbot.waitUntil(lambda: window.width() == 700)
    window.saved.clear_history_now()  # History > Clear history
    bar = window.statusBar()
    shown = bar.currentMessage()
    assert shown.endswith("\u2026")  # not cut off mid-word with no sign
    assert bar.fontMetrics().horizontalAdvance(shown) < window.status_widgets.edition_label.x()
    # the privacy point
    assert tooltip_as_seen(bar.toolTip()).endswith("it is still on this computer")


@pytest.mark.parametrize("show", ["show_bookmarks", "show_history"])
def test_the_row_the_pane_acts_on_is_shown_selected(qtbot, window, show: str) -> None:
    for ref in ("1.1.1", "6.7.6"):
        window.open_entry(ref)
        window.toggle_bookmark()
    getattr(window, show)()  # Ctrl+Shift+B, Ctrl+H: the list takes the keyboard
    listing = window.sidebar.currentWidget().list
    qtbot.waitUntil(listing.hasFocus)
    current = listing.currentItem()
    # Open, Remove and Enter act on this row: it must look chosen, not merely tinted
    assert current is not None and current.isSelected()
    assert listing.selectedItems() == [current]


def test_bookmarks_called_up_at_start_show_the_first_row_selected(qtbot) -> None:
    bookmarks_path().parent.mkdir(parents=True)
    bookmarks_path().write_text(json.dumps({"format": 1, "bookmarks": [
        {"id": "staying-put-policy", "title": "6.7.6 Staying Put Policy"},
        {"id": "looked-after-reviews", "title": "6.4.3 Looked After Reviews"}]}))
    win = shown_window(qtbot)  # on the start page: no row is the page being read
    activate(qtbot, win)
    QTest.keySequence(win, "Ctrl+Shift+B")
    listing = win.saved.bookmarks_pane.list
    qtbot.waitUntil(listing.hasFocus)
    # Open and Remove act on the current row: it must look chosen, not a faint tint
    assert listing.currentRow() == 0 and listing.currentItem().isSelected()


def test_the_bookmarks_and_history_panes_open_on_the_chapter_being_read(qtbot, window) -> None:
    pane = bookmarks_pane_with(window, "1.1.1", "6.7.6", "9.1")
    pane.list.setCurrentRow(-1)
    window.sidebar.setCurrentWidget(window.navigator)
    window.go_back()  # to 6.7.6; the history lists 9.1 first, as the latest visit
    QTest.keySequence(window, "Ctrl+Shift+B")
    assert pane.list.currentItem().text().startswith("6.7.6 ")
    qtbot.keyClick(pane.list, Qt.Key.Key_Delete)  # removes the bookmark of what is read
    assert [r.split(" ")[0] for r in pane_rows(window)] == ["1.1.1", "9.1"]
    QTest.keySequence(window, "Ctrl+H")
    history = window.saved.history_pane.list
    assert history.currentItem().text().startswith("6.7.6 ")
    window.go_back()  # to 1.1.1; the Bookmarks tab clicked
    tabs = window.sidebar.tabBar()
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(1).center())
    assert pane.list.currentItem().text().startswith("1.1.1 ")


def test_a_row_picked_in_the_bookmarks_pane_stays_when_it_is_called_up_again(window) -> None:
    pane = bookmarks_pane_with(window, "1.1.1", "6.7.6", "9.1")  # reading 9.1
    pane.list.setCurrentRow(0)  # 1.1.1 picked, to move or delete
    window.chapter.setFocus()  # a look at the page, the pane still shown
    QTest.keySequence(window, "Ctrl+Shift+B")  # back to the pane: it was moved to 9.1
    assert pane.list.currentItem().text().startswith("1.1.1 ")


def test_opening_the_bookmarks_and_history_menus_all_day_leaves_nothing_behind(window) -> None:
    def actions_alive() -> int:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as the loop does
        gc.collect()
        return sum(isinstance(thing, QAction) for thing in gc.get_objects())

    for ref in ("1.1.1", "6.7.6"):
        window.open_entry(ref)
        window.toggle_bookmark()

    def open_menus() -> None:
        window.bookmarks_menu.aboutToShow.emit()
        window.history_menu.aboutToShow.emit()

    open_menus()
    before = actions_alive()
    for _ in range(5):
        open_menus()
    assert actions_alive() == before
    texts = [a.text() for a in window.history_menu.actions()]
    assert any(t.startswith("6.7.6 Staying Put Policy") for t in texts)  # still listed


def test_ctrl_d_where_there_is_no_chapter_says_why_nothing_was_bookmarked(window) -> None:
    window.chapter.setFocus()
    QTest.keySequence(window, "Ctrl+D")  # the start page
    assert window.statusBar().currentMessage() == (
        "Only chapters can be bookmarked; this page is always in the menus")
    window.open_section("4")
    QTest.keySequence(window, "Ctrl+D")
    assert window.statusBar().currentMessage() == (
        "Only chapters can be bookmarked; a section is always in the contents")
    assert not window.saved.bookmarks
    window.open_entry("4.6")
    QTest.keySequence(window, "Ctrl+D")  # a chapter: no shortcut taken twice, it is marked
    assert window.bookmark_action.isChecked()


def test_history_marks_a_chapter_gone_and_says_when_it_is_empty(qtbot) -> None:
    from reader.history import Visit
    from reader.ui.history_pane import HistoryPane

    manual = load_manual(CONTENT)
    pane = HistoryPane()
    qtbot.addWidget(pane)
    pane.show()
    pane.set_history((Visit("withdrawn", "3.9 A Withdrawn Procedure", "2026-05-01T09:00:00+01:00"),
                      Visit("staying-put-policy", "6.7.6 Staying Put Policy",
                            "2026-05-01T08:00:00+01:00")), manual)
    gone, kept = pane.list.item(0), pane.list.item(1)
    assert gone.font().italic() and not kept.font().italic()
    assert not pane.empty.isVisible()
    pane.set_history((), manual)
    assert pane.empty.isVisible()  # "Chapters you open are listed here."


def test_a_bookmark_or_visit_of_a_chapter_gone_says_its_title_when_chosen(qtbot) -> None:
    from reader.history import Visit, save_history

    bookmarks_path().parent.mkdir(parents=True)
    bookmarks_path().write_text(json.dumps({"format": 1, "bookmarks": [
        {"id": "withdrawn", "title": "3.9 A Withdrawn Procedure"}]}))
    save_history((Visit("retired", "4.8 A Retired Protocol", "2026-11-20T10:00:00+00:00"),))
    win = shown_window(qtbot)
    win.show_bookmarks()
    win.saved.bookmarks_pane.list.setCurrentRow(0)
    QTest.keyClick(win.saved.bookmarks_pane.list, Qt.Key.Key_Return)
    # its number and title, as the row shows them: "withdrawn" is the reader's own name for it
    assert win.statusBar().currentMessage() == (
        "3.9 A Withdrawn Procedure is not in the edition you are reading")
    win.show_history()
    win.saved.history_pane.list.setCurrentRow(0)
    QTest.keyClick(win.saved.history_pane.list, Qt.Key.Key_Return)
    assert win.statusBar().currentMessage() == (
        "4.8 A Retired Protocol is not in the edition you are reading")
    win.bookmarks_menu.aboutToShow.emit()
    win.bookmarks_menu.actions()[-1].trigger()
    assert win.statusBar().currentMessage().startswith("3.9 A Withdrawn Procedure is not")


def test_a_thousand_bookmarks_leave_the_menu_within_the_screen(qtbot) -> None:
    manual = load_manual(CONTENT)
    kept = [{"id": entry.id, "title": entry.label} for entry in manual.entries()]
    kept += [{"id": f"gone-{n}", "title": f"9.{n} " + "A Long Withdrawn Title " * 8}
             for n in range(1000 - len(kept))]
    bookmarks_path().parent.mkdir(parents=True)
    bookmarks_path().write_text(json.dumps({"format": 1, "bookmarks": kept}))
    win = shown_window(qtbot)
    menu = win.bookmarks_menu
    menu.aboutToShow.emit()
    screen = win.screen().availableGeometry()
    # one column no wider than the screen: past it, Qt lays out columns out of the mouse's reach
    assert menu.sizeHint().height() <= screen.height()
    assert menu.sizeHint().width() <= screen.width()
    more = menu.actions()[-1]
    assert more.text() == "All 1,000 bookmarks\u2026"
    win.sidebar.setCurrentIndex(0)
    more.trigger()  # the pane, which lists them all
    assert win.sidebar.currentWidget() is win.saved.bookmarks_pane
    assert win.saved.bookmarks_pane.list.count() == 1000


def test_the_menus_list_twenty_bookmarks_whole_and_the_fifteen_latest_visits(qtbot) -> None:
    from reader.history import Visit, save_history

    entries = load_manual(CONTENT).chapters()[:20]
    bookmarks_path().parent.mkdir(parents=True)
    bookmarks_path().write_text(json.dumps({"format": 1, "bookmarks": [
        {"id": entry.id, "title": entry.label} for entry in entries]}))
    # newest first: a chapter gone from this edition, then 15 more, one past the menu's room
    save_history((Visit("gone", "9.9 Kinship & Friends Care", "2026-05-01T10:00:00+00:00"),
                  *(Visit(entry.id, entry.label, f"2026-05-01T09:{59 - n:02}:00+00:00")
                    for n, entry in enumerate(entries[:15]))))
    win = shown_window(qtbot)
    win.bookmarks_menu.aboutToShow.emit()
    lines = [a.text() for a in win.bookmarks_menu.actions()]
    # all twenty fit: no line for "All 20 bookmarks" to stand for the last of them
    numbers = [e.label.split(" ")[0] for e in entries]
    assert lines[-21] == "" and [line.split(" ")[0] for line in lines[-20:]] == numbers
    # a title too long for a menu line is cut short, the ellipsis its 80th character at most
    assert max(len(line) for line in lines) == 80
    win.history_menu.aboutToShow.emit()
    visits = [a.text() for a in win.history_menu.actions() if "\u00b7" in a.text()]
    # "&" shown as written, not taken for a mnemonic that hid it
    assert visits[0].startswith("(no longer in this edition) 9.9 Kinship && Friends Care  ")
    assert [visit.split(" ")[0] for visit in visits[1:]] == numbers[:14]


def test_a_bookmark_keeps_the_title_of_the_last_edition_that_had_its_chapter(
        qtbot, tmp_path: Path) -> None:
    from ..section_editions import later_edition

    bookmarks_path().parent.mkdir(parents=True)
    # kept when an earlier edition numbered it 6.4.9
    bookmarks_path().write_text(json.dumps({"format": 1, "bookmarks": [
        {"id": "looked-after-reviews", "title": "6.4.9 Reviews (old number)"}]}))
    win = shown_window(qtbot)
    win.load_edition(load_manual(later_edition(tmp_path, "remove")))  # 6.4 and it are gone
    assert pane_rows(win) == ["(no longer in this edition) 6.4.3 Looked After Reviews"]
    exported = win.saved.export_to(tmp_path / "shared.json")
    assert exported is not None
    assert [b.title for b in load_bookmarks(exported)[0]] == ["6.4.3 Looked After Reviews"]


def test_bookmarks_imported_from_an_older_edition_take_this_ones_titles(
        window, tmp_path: Path) -> None:
    shared = tmp_path / "colleague.json"
    shared.write_text(json.dumps({"format": 1, "bookmarks": [
        {"id": "staying-put-policy", "title": "6.7.9 Staying Put (old number)"}]}))
    assert window.saved.import_from(shared) == 1
    assert [b.title for b in load_bookmarks()[0]] == ["6.7.6 Staying Put Policy"]


def test_clear_history_forgets_each_tabs_back_and_forward_and_the_closed_tabs(window) -> None:
    window.open_entry("1.1.1")
    window.open_entry("6.7.6")
    window.go_back()  # 6.7.6 is now Forward, and nothing else names it
    window.new_tab()
    window.open_entry("9.1")
    window.close_tab()
    window.saved.clear_history_now()  # History > Clear history
    assert not window.back_action.isEnabled()
    assert not window.forward_action.isEnabled()
    assert not window.reopen_action.isEnabled()
    # the session kept for the next start names no chapter but the one still open
    session = window.session()
    assert [(tab.ref, tab.back, tab.forward) for tab in session.tabs] == [
        ("childrens-services-policies-values-and-principles", (), ())]
    assert session.closed == ()


@pytest.mark.parametrize("points", [0, 20])
def test_the_history_button_is_one_of_the_bookmarks_buttons_family(
    qtbot, points: float
) -> None:
    from .test_large_text import at_points

    def seen(show: str, button: str) -> QRect:
        """Where the button is drawn in the window, its pane called up."""
        getattr(win, show)()
        QCoreApplication.processEvents()
        shown = getattr(win.sidebar.currentWidget(), button)
        return QRect(shown.mapTo(win, shown.rect().topLeft()), shown.size())

    for _ in at_points(points) if points else [None]:
        win = shown_window(qtbot)  # the window as it starts on a desktop at this size
        win.open_entry("1.1.1")
        first, export = seen("show_bookmarks", "open_button"), seen("show_bookmarks",
                                                                    "export_button")
        clear = seen("show_history", "clear_button")
        # it sat small at the left, as wide as its words, where the bookmarks' buttons
        # share the pane in two columns: now as wide as one of them, in the first column
        assert (clear.left(), clear.width(), clear.height()) == (
            first.left(), first.width(), first.height())
        assert clear.bottom() == export.bottom()  # at the foot of the pane, as theirs
        win.close()
