"""Find in page as a practitioner types it: the keyboard's quotes, the manual's curly ones."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from reader.ui.announce import TYPING_PAUSE_MS
from reader.ui.main_window import MainWindow

from .conftest import shown_window
from .test_narrow_window import HALF_SCREENS, sized


def found(window: MainWindow, typed: str) -> list[str]:
    """The text of each match of what was typed in the find bar."""
    window.find_bar.field.setText(typed)
    return [cursor.selectedText() for cursor in window.chapter.matches]


def test_a_straight_quote_typed_finds_the_manuals_curly_one_and_back(qtbot, window) -> None:
    window.open_entry("1.1.1")  # "Children's" and "Children\u2019s" both, and "pledges" in ""
    QTest.keySequence(window, "Ctrl+F")
    typed = found(window, "children's social care")
    assert "children\u2019s social care" in typed and "Children's Social Care" in typed
    assert found(window, "children\u2019s social care") == typed
    assert found(window, "\u201cpledges\u201d") == ['"pledges"']
    window.find_bar.match_case.setChecked(True)  # the quotes still either way; the case not
    cased = found(window, "Children's Social")
    assert {"Children's Social", "Children\u2019s Social"} == set(cased)
    assert window.find_bar.count.text().endswith(f" of {len(cased)}")


def test_closing_the_find_bar_in_another_tab_leaves_no_words_marked(qtbot, window) -> None:
    window.open_entry("1.1.1")
    first = window.chapter
    QTest.keySequence(window, "Ctrl+F")
    window.find_bar.field.setText("children")
    assert first.extraSelections()
    window.new_tab("entry", "a-strengths-based-approach")  # the bar follows to the new tab
    assert window.find_bar.count.text().startswith("1 of ")
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    window.tabs.setCurrentWidget(first)
    assert first.extraSelections() == []  # no yellow left in the page, with no bar to say why
    QTest.keySequence(window, "F3")
    assert window.statusBar().currentMessage() == ""  # and F3 has nothing to step through


def test_a_full_stop_typed_finds_full_stops_only(qtbot, window) -> None:
    window.open_entry("1.1.1")
    QTest.keySequence(window, "Ctrl+F")
    stops = found(window, ".")
    assert stops and set(stops) == {"."}  # not every letter of the page


def test_a_pasted_no_break_space_finds_the_pages_own(qtbot, window) -> None:
    window.open_entry("1.1.1")
    QTest.keySequence(window, "Ctrl+F")
    # a web link's words and its arrow are held together by a no-break space
    assert found(window, "Framework\u00a0\u2197") == ["Framework\u00a0\u2197"]
    assert found(window, "Framework \u2197") == ["Framework\u00a0\u2197"]


def test_back_with_the_find_bar_open_counts_from_the_place_returned_to(qtbot, window) -> None:
    window.resize(1200, 780)
    window.open_entry("1.1.1")
    QTest.keySequence(window, "Ctrl+F")
    window.find_bar.field.setText("children")
    view = window.chapter
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)  # read on, halfway down
    read = bar.value()
    window.open_entry("1.1.2")
    window.go_back()
    # back where it was read: the match found there is brought clear of the edge, no further
    assert abs(bar.value() - read) < view.viewport().height() // 2
    # the count was from the page's top: "1 of 95" with that match off screen, and Enter
    # jumped back to the title
    current = view.cursorRect(view.matches[view.match_index])
    assert view.match_index > 0 and view.viewport().rect().contains(current.center())


def test_back_with_the_find_bar_open_finds_once(qtbot, window, monkeypatch) -> None:
    window.open_entry("1.1.1")
    QTest.keySequence(window, "Ctrl+F")
    window.find_bar.field.setText("children")
    window.open_entry("1.1.2")
    view = window.chapter
    finds: list[str] = []
    find_text = view.find_text
    monkeypatch.setattr(view, "find_text",
                        lambda text, match_case=False: finds.append(text) or find_text(
                            text, match_case))
    window.go_back()
    # found from the page's top, then again from the place returned to: a long page was
    # searched twice at each Back, and a screen reader heard the count twice
    assert finds == ["children"]
    window.go_forward()
    assert finds == ["children"] * 2


def shows_whole(field: QLineEdit, typed: str) -> bool:
    """`typed` in the field, all of it in sight: none scrolled out at its left."""
    field.setText(typed)
    field.home(False)
    field.grab()  # painted: Qt scrolls the text to the cursor as it paints it
    start = field.cursorRect().x()
    field.end(False)
    field.grab()
    return field.cursorRect().x() - start >= field.fontMetrics().horizontalAdvance(typed) - 1


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_a_word_typed_in_half_a_laptop_screen_shows_whole(qtbot, window: MainWindow,
                                                          theme: str) -> None:
    window.set_theme(theme)
    try:
        sized(qtbot, window, min(HALF_SCREENS))
        window.open_entry("1.1.1")
        QTest.keySequence(window, "Ctrl+F")
        bar = window.find_bar
        # at 65 pixels wide, "child" showed as ":hild"
        assert shows_whole(bar.field, "child") and shows_whole(bar.field, "assessment")
        assert bar.match_case.accessibleName() == "Match case"
        assert all(part.isVisible() and part.geometry().right() <= bar.width()
                   for part in (bar.count, bar.next_button, bar.match_case, bar.close_button))
        assert window.width() == min(HALF_SCREENS)  # the bar holds the window no wider
        # short, as find bars sign it, to give the field its room; its key as before
        assert bar.match_case.text() == "&Aa"
        assert QKeySequence.mnemonic(bar.match_case.text()) == QKeySequence("Alt+A")
        sized(qtbot, window, 1200)
        assert bar.match_case.text() == "Match c&ase"  # said whole where there is room
    finally:
        window.set_theme("system")


def test_a_page_opened_after_the_find_bar_is_closed_shows_no_finds(qtbot, window) -> None:
    window.open_entry("1.1.1")
    QTest.keySequence(window, "Ctrl+F")
    window.find_bar.field.setText("children")
    assert window.chapter.matches
    window.close_find()
    window.open_entry("1.1.2")
    # the closed bar's words were found on it, highlighted with no bar to say why
    assert not window.chapter.matches
    assert not window.statusBar().currentMessage().startswith("Match")


@pytest.fixture
def said(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What a screen reader is told from the find bar, open on 1.1.1."""
    told: list[str] = []
    monkeypatch.setattr("reader.ui.find_bar.announce", lambda _source, text: told.append(text))
    window.open_entry("1.1.1")
    window.open_find()
    return told


def test_a_screen_reader_hears_the_count_once_the_typing_pauses(
        qtbot, window: MainWindow, said: list[str]) -> None:
    bar = window.find_bar
    qtbot.keyClicks(bar.field, "chil")
    # not at each letter: "Match 1 of 300", "Match 1 of 113"... queued behind the letters' echo
    assert said == []
    qtbot.waitUntil(lambda: said != [], timeout=3000)
    total = len(window.chapter.matches)
    qtbot.wait(2 * TYPING_PAUSE_MS)  # past another pause: said once
    assert said == [f"Match 1 of {total}"]
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)  # a step is answered at once
    assert said[1:] == [f"Match 2 of {total}"]


def test_a_count_left_to_say_goes_with_the_closed_find_bar(
        qtbot, window: MainWindow, said: list[str]) -> None:
    qtbot.keyClicks(window.find_bar.field, "child")
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    qtbot.wait(TYPING_PAUSE_MS + 200)  # past the pause: a count of a closed bar is stale
    assert said == []


def test_a_step_before_the_pause_leaves_no_stale_count_to_say(
        qtbot, window: MainWindow, said: list[str]) -> None:
    bar = window.find_bar
    qtbot.keyClicks(bar.field, "chil")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)  # on to the next before the typing's pause
    total = len(window.chapter.matches)
    assert said == [f"Match 2 of {total}"]
    qtbot.wait(TYPING_PAUSE_MS + 200)  # past the pause: "Match 1" would take the person back
    assert said == [f"Match 2 of {total}"]


def test_a_find_with_every_match_above_the_screen_goes_round_to_the_first(
        qtbot, window) -> None:
    window.open_entry("1.1.1")
    bar = window.chapter.verticalScrollBar()
    bar.setValue(bar.maximum())  # the end of the chapter: "strengths" is all further up
    QTest.keySequence(window, "Ctrl+F")
    window.find_bar.field.setText("strengths")
    assert window.find_bar.count.text() == "1 of 5"


def test_words_pasted_broken_over_two_lines_are_found_on_one(qtbot, window) -> None:
    window.open_entry("1.1.1")
    QTest.keySequence(window, "Ctrl+F")
    on_one_line = found(window, "Strengths Based Approach")
    assert on_one_line
    # copied from an email or a PDF where the line broke between the words
    assert found(window, "Strengths Based\nApproach") == on_one_line
    assert window.find_bar.count.text() == f"1 of {len(on_one_line)}"
    assert found(window, "Strengths\r\n  Based Approach") == on_one_line


def test_in_large_text_in_half_a_laptop_screen_nothing_in_the_bar_overlaps(qtbot) -> None:
    from .test_large_text import at_points

    for _ in at_points(20):  # the desktop's large text
        window = shown_window(qtbot)
        sized(qtbot, window, max(HALF_SCREENS))
        window.open_entry("1.1.1")
        QTest.keySequence(window, "Ctrl+F")
        bar = window.find_bar
        qtbot.keyClicks(bar.field, "zzzqqq")
        parts = [bar.field, bar.count, bar.previous_button, bar.next_button, bar.match_case,
                 bar.close_button]
        # on one row, "No matches" was written over the typed words, Match case cut off
        assert all(bar.rect().contains(part.geometry()) for part in parts)
        assert not any(one.geometry().intersects(other.geometry())
                       for n, one in enumerate(parts) for other in parts[n + 1:])
        assert shows_whole(bar.field, "assessment")
