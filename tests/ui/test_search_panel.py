"""Searching in the window: as you type, off the GUI thread, open with highlights, F3, Esc."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QAccessible, QPalette, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QWidget

from reader.manual import load_manual
from reader.ui.announce import TYPING_PAUSE_MS
from reader.ui.main_window import MainWindow
from reader.userdata import cache_dir

from ..conftest import tooltip_as_seen
from .conftest import activate
from .test_edition_banner import assert_ringed_round_the_link
from .test_list_menus import menu_lines, right_click, shown_menu


@pytest.fixture(autouse=True)
def search_ready(qtbot, window: MainWindow) -> None:
    """Start search as the app does after its first paint, and wait for the full text."""
    window.start_search()
    qtbot.waitUntil(lambda: window.search.full_text, timeout=30_000)


def wait_for_answer(qtbot, window: MainWindow) -> None:
    panel = window.search
    qtbot.waitUntil(lambda: panel.shown_generation == panel.generation, timeout=5000)


def type_query(qtbot, window: MainWindow, text: str) -> None:
    window.search_box.clear()
    qtbot.keyClicks(window.search_box, text)
    wait_for_answer(qtbot, window)


def result_titles(window: MainWindow) -> list[str]:
    model = window.search.model
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def test_ctrl_k_and_ctrl_l_focus_the_search_box(qtbot, window: MainWindow) -> None:
    window.contents.tree.setFocus()
    for key in ("Ctrl+K", "Ctrl+L"):
        window.contents.tree.setFocus()
        QTest.keySequence(window, key)
        qtbot.waitUntil(window.search_box.hasFocus)


def test_typing_shows_results_instead_of_the_tree(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "staying put")
    assert window.navigator.currentWidget() is window.search
    assert result_titles(window)[0] == "6.7.6 Staying Put Policy"
    index = window.search.model.index(0, 0)
    html = index.data(Qt.ItemDataRole.UserRole + 1)
    # its number, as in the contents; the words found marked in its title
    assert html.startswith('<b>6.7.6 <b class="match">Staying</b> <b class="match">Put</b>')
    lines = row_text(window, index).splitlines()
    assert lines[:2] == ["6.7.6 Staying Put Policy (online only) [Updated]",
                         "6. Children in Care > 6.7 Leaving Care"]
    assert len(lines) == 2  # not the title said again under it


def row_document(window: MainWindow, index: QModelIndex) -> QTextDocument:
    """A result row as drawn in its place on screen."""
    view = window.search.results
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    return view.itemDelegate()._document(option, index)


def row_text(window: MainWindow, index: QModelIndex) -> str:
    """A result row as it reads on screen."""
    return row_document(window, index).toPlainText()


def test_a_result_row_is_as_tall_as_its_text_with_no_gap_under_it(
        qtbot, window: MainWindow) -> None:
    # typed letter by letter, as a person does: the row was laid out for a narrower list
    # than the one it is drawn in, and a blank band a line deep hung under its text
    type_query(qtbot, window, "strategy discussion")
    assert result_titles(window) == ["4.6 Section 47 Enquiries"]
    index = window.search.model.index(0, 0)
    drawn = row_document(window, index).size().height()
    assert window.search.results.visualRect(index).height() == int(drawn)


def test_the_first_result_is_the_one_enter_opens_and_shows_it(qtbot, window: MainWindow
                                                             ) -> None:
    type_query(qtbot, window, "staying put")
    assert window.search.results.currentIndex().row() == 0  # highlighted before Enter


def test_a_late_answer_to_words_typed_before_is_not_shown(qtbot, window: MainWindow) -> None:
    from reader.search_results import SearchResult

    type_query(qtbot, window, "staying put")
    panel = window.search
    shown = result_titles(window)
    # the answer to "stay", typed on the way, arriving after the one to what is typed now
    panel.worker.finished.emit(panel.generation - 1, SearchResult("stay", None, (), False))
    assert result_titles(window) == shown
    assert panel.message.text() != "" and "Nothing found" not in panel.message.text()


def test_a_full_list_says_there_are_more(qtbot, window: MainWindow, monkeypatch) -> None:
    type_query(qtbot, window, "staying put")
    found = window.search.model.rowCount()
    monkeypatch.setattr("reader.ui.search_panel.RESULT_LIMIT", found + 1)
    type_query(qtbot, window, "staying put")
    assert window.search.message.text() == f"{found} results"  # one short of full: all there is
    monkeypatch.setattr("reader.ui.search_panel.RESULT_LIMIT", 5)  # "child" finds dozens
    type_query(qtbot, window, "child")
    assert window.search.model.rowCount() == 5
    assert window.search.message.text().startswith("5+ results")  # not "all there is"


def test_a_result_shows_its_entrys_note_once(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "adoption panel")
    index = window.search.model.index(0, 0)
    assert result_titles(window)[0] == "8.2 Adoption Panel"
    html = index.data(Qt.ItemDataRole.UserRole + 1)
    # where to turn instead, as on the entry's page: not twice, as note and as snippet
    assert row_text(window, index).count("please refer to: Adoption East Midlands") == 1
    assert "Note: please refer to" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    # found by the note's own words: the note is still said once, not again as the snippet
    type_query(qtbot, window, "DHoS queries")
    index = window.search.model.index(0, 0)
    html = index.data(Qt.ItemDataRole.UserRole + 1)
    assert html.count("please speak to your") == 1 and "[Under review]" in html
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "1.1.7 Children at Risk of Exploitation - Workflow and Guidance (Under review), "
        "online only: text not included in this offline edition, "
        "in 1. All Children > 1.1 All Children. Note: please speak to your DHoS for any queries")


def test_a_result_found_by_its_subsection_does_not_repeat_its_title(
        qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "referral")
    assert result_titles(window)[0] == "3.1.1 Social Care Single Assessment Guidance"
    document = QTextDocument()
    document.setHtml(window.search.model.index(0, 0).data(Qt.ItemDataRole.UserRole + 1))
    # the title, bold, then where it sits: "Referrals" is in that, not in the title
    assert document.toPlainText().count("Social Care Single Assessment Guidance") == 1
    type_query(qtbot, window, "single assessment")
    html = window.search.model.index(0, 0).data(Qt.ItemDataRole.UserRole + 1)
    assert html.count('class="match"') == 2  # its words marked, in the title said again


def test_enter_opens_the_chapter_with_matches_highlighted(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "corporate parenting")
    assert result_titles(window)[0].startswith("1.1.1")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.chapter.page.title.startswith("1.1.1")
    matches = window.chapter.matches
    assert len(matches) > 5
    assert all(m.selectedText().lower().startswith(("corporat", "parent")) for m in matches)
    assert window.chapter.match_index == 0
    assert window.chapter.textCursor().position() == matches[0].selectionStart()


def test_f3_and_shift_f3_move_between_matches(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "corporate parenting")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    total = len(window.chapter.matches)
    qtbot.keyClick(window.chapter, Qt.Key.Key_F3)
    assert window.chapter.match_index == 1
    qtbot.keyClick(window.chapter, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.chapter, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.chapter.match_index == total - 1
    assert window.statusBar().currentMessage() == f"Match {total} of {total}"
    qtbot.keyClick(window.chapter, Qt.Key.Key_Escape)  # done with them: the page plain again
    assert window.chapter.extraSelections() == [] and window.chapter.matches == []
    assert not window.statusBar().currentMessage().startswith("Match")


def test_escape_returns_to_the_tree(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "adoption")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == ""
    assert window.navigator.currentWidget() is window.contents
    assert window.contents.tree.hasFocus()


def test_enter_before_the_answer_opens_what_is_typed_now(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "s47")
    window.search_box.clear()
    qtbot.keyClicks(window.search_box, "adoption panel")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)  # at once: the answer is not back
    qtbot.waitUntil(lambda: window.current == ("entry", "adoption-panel"), timeout=5000)
    assert window.chapter.hasFocus()


def test_enter_before_the_answer_does_not_pull_away_a_person_who_moved_on(
        qtbot, window: MainWindow) -> None:
    window.open_entry("1.1.1")
    panel = window.search
    with panel.worker._lock:  # a slow first answer: the search engine still loading, say
        window.focus_search()
        qtbot.keyClicks(window.search_box, "staying put")
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
        # tired of waiting, the person goes to the contents filter and types there
        qtbot.keyClick(window.search_box, Qt.Key.Key_F,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClicks(window.contents.filter_box, "6.4")
    wait_for_answer(qtbot, window)
    qtbot.wait(50)
    # the answer opened "Staying Put" and took the keys from the filter, mid-word
    assert window.current == ("entry", "childrens-services-policies-values-and-principles")
    assert window.contents.filter_box.hasFocus()


def test_a_searcher_that_breaks_its_word_leaves_what_was_searched_out_of_the_log(
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    from reader.search_titles import TitleSearcher

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the index is locked")

    monkeypatch.setattr(TitleSearcher, "search", broken)
    type_query(qtbot, window, "a name typed")
    assert window.search.message.text() == (
        "The search could not be run (the index is locked); see the log.")
    assert "the index is locked" in caplog.text
    assert "a name typed" not in caplog.text


def test_a_search_that_cannot_be_run_says_so_not_nothing_found(
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.search_titles import TitleSearcher

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the index is locked")

    type_query(qtbot, window, "permenance")
    assert window.search.suggestion.isVisible()  # "Did you mean permanence?"
    monkeypatch.setattr(TitleSearcher, "_search", broken)
    window.search_box.setText("fostering")  # typed over it, the box never empty between
    wait_for_answer(qtbot, window)
    assert window.search.message.text() == (
        "The search could not be run (RuntimeError: the index is locked); see the log.")
    assert not window.search.suggestion.isVisible()  # nothing to mean: nothing was searched
    assert result_titles(window) == []
    assert not window.search.answer_pending  # Enter is not kept waiting for an answer never coming


@pytest.mark.parametrize("keys", ["F6", "Ctrl+Shift+F"])
def test_the_contents_come_into_view_over_search_results(qtbot, window: MainWindow,
                                                         keys: str) -> None:
    type_query(qtbot, window, "fostering")
    QTest.keySequence(window, keys)
    focused = window.focusWidget()
    assert focused in (window.contents.tree, window.contents.filter_box)
    assert focused.isVisible()  # keys never go to a tree or filter no one can see


def test_down_then_enter_opens_from_the_list(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "adoption panel")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.search.results.hasFocus()
    qtbot.keyClick(window.search.results, Qt.Key.Key_Return)
    assert window.chapter.page.title == "8.2 Adoption Panel"
    assert window.chapter.hasFocus()  # the keys go on in its text: Page Down, F3
    window.search.results.setFocus()
    qtbot.keyClick(window.search.results, Qt.Key.Key_Escape)
    assert window.navigator.currentWidget() is window.contents


def test_up_from_the_first_result_goes_back_to_the_search_box(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "fostering")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    results = window.search.results
    qtbot.keyClick(results, Qt.Key.Key_Down)
    qtbot.keyClick(results, Qt.Key.Key_Up)
    assert results.hasFocus() and results.currentIndex().row() == 0
    qtbot.keyClick(results, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert results.hasFocus()  # Up alone goes back, not Up with Shift held to select
    qtbot.keyClick(results, Qt.Key.Key_Up)
    assert window.search_box.hasFocus() and window.search_box.text() == "fostering"


def test_a_misspelling_shows_the_results_of_its_correction(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "fostring")
    assert window.search.suggestion.isVisible()
    assert window.search.suggestion.text() == (
        "No entry has \u201cfostring\u201d; showing results for <b>fostering</b>.")
    assert "Fostering Panel" in result_titles(window)[0]
    window.search_box.returnPressed.emit()  # opens the first result, as for any search
    assert window.search_box.text() == "fostring"
    assert window.chapter.page.title.endswith("Fostering Panel")


def test_a_misspelling_among_words_says_not_every_word_was_found(qtbot, window) -> None:
    type_query(qtbot, window, "child protectoin plan")
    assert window.search.suggestion.text().startswith(
        "No entry has every word of \u201cchild protectoin plan\u201d; showing results for")


def test_results_without_every_word_typed_say_so(
        qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "PEP")  # the entries listed have some of its words, not it
    assert result_titles(window)
    assert window.search.message.text().endswith(
        " results with some words of \u201cpersonal education plan\u201d")
    type_query(qtbot, window, "staying panel")  # no entry has both words: those with either
    assert window.search.message.text().endswith(" results with any of the words")


def test_the_results_of_a_word_a_subsection_is_named_by_list_its_chapters(
        qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "contacts")  # the front door's contacts, as 3.1 names them
    listed = result_titles(window)
    at = listed.index("3.1.1 Social Care Single Assessment Guidance")
    assert [title.split()[0] for title in listed[at: at + 6]] == [
        "3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5", "3.1.6"]
    assert "3. Children in Need > 3.1 Contacts Referrals and Assessments" in \
        window.search.model.index(at, 0).data(Qt.ItemDataRole.AccessibleTextRole)


def test_a_result_found_through_the_vocabulary_says_as_what(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "strategy discussion")  # no word of it in 4.6's title
    index = window.search.model.index(0, 0)
    assert [line.strip() for line in row_text(window, index).splitlines()] == [
        "4.6 Section 47 Enquiries (online only)", "4. Significant Harm",
        "Found as: section 47 enquiries"]
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).endswith(
        ", in 4. Significant Harm. Found as: section 47 enquiries")
    # the row is as tall as the line added to it
    drawn = row_document(window, index).size().height()
    assert window.search.results.visualRect(index).height() == int(drawn)


def test_a_result_with_words_of_an_abbreviations_long_form_names_them_once(
        qtbot, window: MainWindow) -> None:
    # the status line names "personal education plan"; each row says only which word it has
    type_query(qtbot, window, "PEP")
    index = window.search.model.index(result_titles(window).index(
        "2.16 Children Missing Education Policy"), 0)
    assert [line.strip() for line in row_text(window, index).splitlines()] == [
        "2.16 Children Missing Education Policy (online only)",
        "2. Prevention and Early Intervention", "Found as: education"]
    # a row heard alone has no status line with it
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).endswith(
        ". Found as: education, of personal education plan")


def test_a_result_found_through_the_vocabulary_names_its_term_as_written(
        qtbot, window: MainWindow) -> None:
    # "Admission of Children to Care" is found as "children in care", across the "to"
    type_query(qtbot, window, "lac")
    listed = result_titles(window)
    [title] = [title for title in listed if title.startswith("6.1.5 ")]
    index = window.search.model.index(listed.index(title), 0)
    assert row_text(window, index).splitlines()[-1].strip() == "Found as: children in care"


def test_a_result_found_by_its_subsections_title_marks_it_there(
        qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "contacts")
    at = result_titles(window).index("3.1.1 Social Care Single Assessment Guidance")
    index = window.search.model.index(at, 0)
    document = row_document(window, index)
    cursor = document.find("Contacts")  # in "3.1 Contacts Referrals and Assessments"
    assert not cursor.isNull() and cursor.charFormat().background().color().name() == "#ffe58a"
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).endswith(
        "in 3. Children in Need > 3.1 Contacts Referrals and Assessments. "
        "Found in the title of 3.1")


def test_a_result_whose_title_has_the_word_says_nothing_more(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "fostering")
    index = window.search.model.index(0, 0)
    assert [line.strip() for line in row_text(window, index).splitlines()] == [
        "7.1 Fostering Panel (online only)", "7. Fostering Services"]
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "7.1 Fostering Panel, online only: text not included in this offline edition, "
        "in 7. Fostering Services")
    # one of 7 Fostering Services without the word in its own title says where it is
    at = result_titles(window).index("7.12 Payment for Skills")
    assert window.search.model.index(at, 0).data(Qt.ItemDataRole.AccessibleTextRole).endswith(
        "in 7. Fostering Services. Found in the title of section 7")


def test_an_abbreviation_spelt_out_lists_what_it_is_about_first(
        qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "PEP")  # a personal education plan: education, not planning
    assert all("Education" in title for title in result_titles(window)[:2])
    assert any(title.startswith("6.5.1 Supporting the Education")
               for title in result_titles(window)[:2])


def test_did_you_mean_is_taken_with_enter_or_a_click(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "permenance")  # two letters changed: asked, not assumed
    assert result_titles(window) == []
    assert window.search.suggestion.isVisible()
    assert "Did you mean" in window.search.suggestion.text()
    window.search_box.returnPressed.emit()
    wait_for_answer(qtbot, window)
    assert window.search_box.text() == "permanence"
    assert result_titles(window)
    # or with a click on the word offered, a link
    type_query(qtbot, window, "permenance")
    assert window.search.suggestion.text() == (
        'Did you mean <a href="suggest"><b>permanence</b></a>?')
    window.search.suggestion.linkActivated.emit("suggest")
    wait_for_answer(qtbot, window)
    assert window.search_box.text() == "permanence" and result_titles(window)


def test_no_results_is_a_helpful_empty_state(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "xqzzv")
    assert result_titles(window) == []
    message = window.search.message.text()
    assert "Nothing found" in message and "chapter number" in message
    # a word of a chapter whose text this edition lacks cannot be found: the message says so
    assert "Only 1 of 162 chapters has its text in this offline edition" in message
    # and what the others are found by: their notes too ("DHoS" finds 1.1.7)
    assert "the others are found by their titles and notes" in message


def test_only_common_words_say_there_is_nothing_to_search_for(qtbot, window: MainWindow) -> None:
    # not "Nothing found ... only 1 of 162 chapters has its text": no word was asked for
    type_query(qtbot, window, "of the")
    assert result_titles(window) == []
    message = window.search.message.text()
    assert message.startswith("No word to search for: common words such as")
    assert "Nothing found" not in message and "offline edition" not in message
    type_query(qtbot, window, "of")  # two letters, a whole word: not "Keep typing"
    assert window.search.message.text().startswith("No word to search for")
    type_query(qtbot, window, "   ")  # spaces alone: nothing typed yet, not a search
    assert window.search.message.text() == "Type words, a chapter number or an abbreviation."


def test_a_first_letter_typed_is_not_called_a_common_word(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "s")  # on the way to "s47"
    message = window.search.message.text()
    assert message.startswith("Keep typing")
    assert "common words" not in message and "punctuation" not in message


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_matches_stand_out_in_the_selected_result_too(qtbot, window: MainWindow,
                                                      theme: str) -> None:
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    from ..contrast import contrast_ratio

    window.set_theme(theme)
    try:
        type_query(qtbot, window, "child in need plans")
        view = window.search.results
        index = view.currentIndex()
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.state |= QStyle.StateFlag.State_Selected
        document = view.itemDelegate()._document(option, index, selected=True)
        cursor = document.find("Plans")  # marked in the title
        assert not cursor.isNull()
        cursor.setPosition(cursor.selectionStart() + 1, QTextCursor.MoveMode.MoveAnchor)
        mark = cursor.charFormat().background().color().name()
        selection = view.palette().color(QPalette.ColorRole.Highlight).name()
        # high contrast selects in yellow: a yellow mark on it could not be seen
        assert contrast_ratio(mark, selection) >= 3.0, f"{mark} on {selection}"
    finally:
        window.set_theme("system")


def test_opening_a_result_closes_the_find_bar_and_its_count(qtbot, window: MainWindow) -> None:
    window.open_entry("1.1.1")
    window.open_find()
    window.find_bar.field.setText("children")
    type_query(qtbot, window, "corporate parent")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    # the highlights are the search's now: a find bar saying "children" would be wrong
    assert not window.find_bar.isVisible()


def test_section_filter_narrows_results(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "placements")
    assert any(t.startswith("5.") for t in result_titles(window))
    window.search.section_box.setCurrentIndex(6)  # 6. Children in Care
    wait_for_answer(qtbot, window)
    titles = result_titles(window)
    assert titles and all(t.startswith("6.") for t in titles)
    # a short list is not taken for all there is
    assert window.search.message.text().endswith("in 6. Children in Care")


# the offscreen platform cannot raise a popup or grab the keyboard for it, and says so
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_the_section_list_shows_whole_titles_though_its_box_is_narrow(
        qtbot, window: MainWindow) -> None:
    box = window.search.section_box
    assert box.minimumSizeHint().width() < 200  # the side pane can narrow past it
    box.showPopup()
    view = box.view()
    qtbot.waitUntil(view.isVisible)
    assert view.width() >= view.sizeHintForColumn(0)  # "2. Prevention and Early ..." whole
    box.hidePopup()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_the_section_list_open_at_a_theme_change_shows_its_last_section_whole(
        qtbot, window: MainWindow) -> None:
    from reader.ui.theme import apply_theme

    box = window.search.section_box
    view = box.view()
    try:
        window.set_theme("light")
        box.showPopup()
        qtbot.waitUntil(view.isVisible)
        view.setCurrentIndex(view.model().index(3, 0))  # where the arrow keys had got to
        # high contrast draws a thicker edge round the list: at the old height the last
        # section was cut in half, with a scroll bar for the rest
        window.set_theme("high-contrast")
        first, last = view.model().index(0, 0), view.model().index(box.count() - 1, 0)

        def whole() -> bool:
            shown = view.viewport().rect()
            return (view.visualRect(first).top() >= shown.top()
                    and view.visualRect(last).bottom() <= shown.bottom())

        qtbot.waitUntil(lambda: view.isVisible() and whole())
        assert view.currentIndex().row() == 3
        box.hidePopup()
    finally:
        apply_theme(QApplication.instance(), "system")


def test_results_for_chapters_without_text_open(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "6.4.3")
    assert result_titles(window)[0] == "6.4.3 Looked After Reviews"
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert "not included in this offline edition" in window.chapter.toPlainText()


@pytest.mark.parametrize("text", ['"', "*", "title:", "AND OR NOT", "\u202eabc", "\U0001f600",
                                  "\x00\x07", "x" * 10_000])
def test_hostile_input_gets_an_answer(qtbot, window: MainWindow, text: str) -> None:
    window.search_box.setText(text)
    wait_for_answer(qtbot, window)
    assert window.search.message.text()
    assert window.navigator.currentWidget() is window.search


def test_each_keystroke_makes_the_last_search_stale(qtbot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search_box, "leaving care")
    wait_for_answer(qtbot, window)
    assert window.search.generation == len("leaving care")
    assert result_titles(window)[0].startswith("6.7.3")


def test_damaged_index_is_rebuilt_and_the_person_told(qtbot, window: MainWindow) -> None:
    window.close()
    index_dirs = list((cache_dir() / "search-index").iterdir())
    assert len(index_dirs) == 1
    for segment in index_dirs[0].glob("*.seg"):
        segment.write_bytes(b"\x00garbage" * 10)
    again = MainWindow(window.manual)
    qtbot.addWidget(again)
    again.show()
    again.start_search()
    qtbot.waitUntil(lambda: again.search.full_text, timeout=30_000)
    assert "search index" in again.statusBar().currentMessage().lower()
    type_query(qtbot, again, "corporate parenting")
    assert result_titles(again)[0].startswith("1.1.1")


def test_a_damaged_vocabulary_is_said_when_search_starts(qtbot, content_copy: Path) -> None:
    path = content_copy / "vocabulary.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:len(text) // 2], encoding="utf-8")  # a copy that stopped half way
    window = MainWindow(load_manual(content_copy))
    qtbot.addWidget(window)
    window.show()
    window.start_search()
    qtbot.waitUntil(lambda: window.index_loader is None, timeout=30_000)
    said = tooltip_as_seen(window.statusBar().toolTip()) or window.statusBar().currentMessage()
    assert said.startswith("Not valid JSON: ")
    assert "; search works without synonyms \u2014 vocabulary.json, line " in said
    type_query(qtbot, window, "fostering")  # search itself goes on
    assert result_titles(window)


@pytest.mark.parametrize(("broken", "told"), [
    ("reader.search.ensure_index", "Full-text search is unavailable"),  # caught inside
    ("reader.search.open_search", "Full-text search could not be started"),  # not caught
])
def test_a_search_index_that_cannot_be_had_is_said_and_titles_still_answer(
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, broken: str, told: str,
) -> None:
    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("something unforeseen")

    window.close()
    monkeypatch.setattr(broken, explode)
    again = MainWindow(window.manual)
    qtbot.addWidget(again)
    again.show()
    again.start_search()
    qtbot.waitUntil(lambda: again.index_loader is None, timeout=30_000)
    assert again.statusBar().currentMessage().startswith(told)
    assert not again.status_widgets.index_progress.isVisible()
    type_query(qtbot, again, "fostering")
    assert result_titles(again)
    # not "until ... can be searched": it will not be, until the reader starts again
    assert "(titles and notes only: the chapters' text cannot be searched)" in (
        again.search.message.text())


def test_while_titles_only_the_window_speaks_of_the_chapters_text_not_an_index(
    qtbot, window: MainWindow
) -> None:
    """What a first start shows before the full text is ready, in the reader's words."""
    from reader.search import title_searcher

    window.search.set_searcher(title_searcher(window.manual))  # as before the full text
    type_query(qtbot, window, "pledge")
    assert window.search.message.text().endswith(
        " results (titles only until the chapters' text can be searched)")
    progress = window.status_widgets.index_progress
    window.status_widgets.show_index_progress(54, 100)
    assert progress.isVisible() and progress.text() == "Preparing search 54%"
    for said in (window.search.message.text(), progress.text(), progress.accessibleName(),
                 progress.accessibleDescription()):
        assert "index" not in said.lower()


def test_a_first_start_says_when_search_looks_in_the_text(
    qtbot, window: MainWindow
) -> None:
    window.close()
    for folder in cache_dir().iterdir():  # the search fixture's build: gone, as on a first start
        shutil.rmtree(folder)
    again = MainWindow(window.manual)
    qtbot.addWidget(again)
    again.show()
    again.start_search()
    qtbot.waitUntil(lambda: again.index_loader is None, timeout=30_000)
    assert again.statusBar().currentMessage() == (
        "Search now looks in the chapters' text as well as their titles")


def test_closing_as_the_index_arrives_leaves_no_thread_running(qtbot, window) -> None:
    from PySide6.QtCore import QThread

    window.close()  # the fixture waited for the full text: the loader may still be ending
    assert [thread.objectName() for thread in window.findChildren(QThread)
            if thread.isRunning()] == []


class ScreenReader:
    """Stands in for Qt's accessibility bridge: running, and keeping what it was told."""

    def __init__(self) -> None:
        self.heard: list[str] = []

    def isActive(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def updateAccessibility(self, event) -> None:  # noqa: N802
        self.heard.append(event.message())


def test_a_screen_reader_hears_counts_and_messages_but_not_link_hovers(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    reader = ScreenReader()
    monkeypatch.setattr("PySide6.QtGui.QAccessible", reader)
    type_query(qtbot, window, "fostring")
    # said once the typing pauses; the correction first, then the count
    qtbot.waitUntil(lambda: reader.heard[-1:] != [] and reader.heard[-1].startswith(
        "Showing results for fostering. "), timeout=3000)
    type_query(qtbot, window, "staying put")
    qtbot.waitUntil(
        lambda: reader.heard[-1] == f"{window.search.model.rowCount()} results", timeout=3000)
    window.open_entry("1.1.1")
    window.open_find()
    qtbot.keyClicks(window.find_bar.field, "children")
    # said once the typing pauses, as the search's count is
    qtbot.waitUntil(lambda: reader.heard[-1].startswith("Match 1 of "), timeout=3000)
    window.close_find()
    window.toggle_bookmark()
    assert reader.heard[-1] == (
        "Bookmarked 1.1.1 Children's Services Policies, Values and Principles")
    heard = len(reader.heard)
    window.chapter.highlighted.emit(window.chapter.document().baseUrl())  # the pointer on a link
    window.chapter.highlighted.emit(QUrl("https://derbycsc.proceduresonline.com/"))
    assert "Opens in your web browser" in window.statusBar().currentMessage()
    assert len(reader.heard) == heard


def test_what_was_typed_is_quoted_as_typed_not_read_as_markup(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "<h1>xqz</h1>")
    message = window.search.message
    assert "\u201c<h1>xqz</h1>\u201d" in message.text()
    assert message.textFormat() == Qt.TextFormat.PlainText  # shown as typed, not as a heading


def test_an_index_that_fails_in_use_is_said_and_the_count_no_longer_claims_full_text(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    type_query(qtbot, window, "corporate parenting")
    assert "titles" not in window.search.message.text()
    engine = window.search.worker._searcher
    monkeypatch.setattr(engine._searcher, "search",  # a segment file damaged on disk
                        lambda *a, **k: (_ for _ in ()).throw(OSError("bad segment")))
    type_query(qtbot, window, "corporate parentin")
    assert window.statusBar().currentMessage().startswith("The search index could not be read")
    assert "(titles and notes only: the chapters' text cannot be searched)" in \
        window.search.message.text()


def ink_left(widget: QWidget) -> int:
    """How far from the widget's left edge its first drawn text begins, in pixels."""
    image = widget.grab().toImage()
    paper = image.pixelColor(image.width() - 1, 0)
    for x in range(image.width()):
        for y in range(image.height()):
            colour = image.pixelColor(x, y)
            if abs(colour.lightness() - paper.lightness()) > 60:
                return x
    return image.width()


def test_the_panes_notes_keep_off_the_windows_edge(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "permenancy")  # nothing found, and "Did you mean"
    panel = window.search
    assert panel.suggestion.isVisible() and panel.message.isVisible()
    for label in (panel.suggestion, panel.message):
        # the side pane is flush with the window's edge: text at 0 touches the frame
        assert label.mapTo(window, label.rect().topLeft()).x() + ink_left(label) >= 3


def test_a_long_misspelt_query_and_its_correction_are_shown_cut_short(
        qtbot, window: MainWindow) -> None:
    from reader.ui.search_panel import clipped

    assert clipped("x" * 80) == "x" * 80  # whole, with nothing to say it goes on
    assert clipped("x" * 81) == "x" * 80 + "\u2026"
    assert clipped(" fostring  ") == "fostring"  # quoted as the word, not its spaces
    # pasted text: quoted whole, the line pushed the results out of a short pane
    window.search_box.setText(" ".join(["plecement"] * 50))
    wait_for_answer(qtbot, window)
    line = window.search.suggestion.text()
    assert result_titles(window) and len(line) < 300
    assert line.count("\u2026") == 2  # both are seen to go on


def test_escape_from_the_section_filter_returns_to_the_tree(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "placements")
    window.search.section_box.setFocus()
    qtbot.keyClick(window.search.section_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == ""
    assert window.navigator.currentWidget() is window.contents
    assert window.contents.tree.hasFocus()


@pytest.mark.parametrize("single_click_activates", [False, True])
def test_a_click_on_a_result_opens_it_once(qtbot, window: MainWindow,
                                           single_click_activates: bool) -> None:
    from PySide6.QtWidgets import QProxyStyle, QStyle

    class ClickStyle(QProxyStyle):
        """The desktop's choice of whether one click activates an item (KDE's setting)."""

        def styleHint(self, hint: QStyle.StyleHint, *args: object) -> int:
            if hint == QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick:
                return int(single_click_activates)
            return super().styleHint(hint, *args)

    results = window.search.results
    # the list does not own its style: kept with the window, not freed with this function
    # while the theme's stylesheet still draws the list through it
    window._click_style = style = ClickStyle("Fusion")  # type: ignore[attr-defined]
    results.setStyle(style)
    opened: list[str] = []
    window.search.open_hit.connect(lambda entry, _terms: opened.append(entry))
    type_query(qtbot, window, "staying put")
    rect = results.visualRect(window.search.model.index(1, 0))
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [window.search.model.hits[1].id]


def test_a_screen_reader_hears_the_count_once_the_typing_pauses(
        qtbot, window: MainWindow, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr("reader.ui.search_panel.announce",
                        lambda _source, text: said.append(text))
    window.search_box.clear()
    for letter in "fost":  # each letter's answer on screen before the next is typed
        qtbot.keyClicks(window.search_box, letter)
        wait_for_answer(qtbot, window)
    assert said == []  # not while the person is typing
    qtbot.waitUntil(lambda: said != [], timeout=3000)
    qtbot.wait(100)
    assert said == [window.search.message.text()]  # the count for "fost", said once


def test_a_result_opened_before_the_typing_pauses_leaves_no_count_to_be_said(
        qtbot, window: MainWindow, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr("reader.ui.search_panel.announce",
                        lambda _source, text: said.append(text))
    type_query(qtbot, window, "staying put")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.chapter.page.title.startswith("6.7.6")
    qtbot.wait(800)  # past the pause: "3 results" said over the chapter opened was stale
    assert said == []


def test_a_search_that_cannot_be_run_is_said_once_the_typing_pauses_and_only_once(
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.search_titles import TitleSearcher

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the index is locked")

    said: list[str] = []
    monkeypatch.setattr("reader.ui.search_panel.announce",
                        lambda _source, text: said.append(text))
    monkeypatch.setattr(TitleSearcher, "_search", broken)
    window.search_box.clear()
    for letter in "fost":
        qtbot.keyClicks(window.search_box, letter)
        wait_for_answer(qtbot, window)
    assert said == []  # not once a letter, over the letters' own echo
    qtbot.waitUntil(lambda: said != [], timeout=3000)
    qtbot.wait(2 * TYPING_PAUSE_MS)  # past another pause: the news is not said again
    assert said == [window.search.message.text()]


def test_a_query_cleared_before_the_typing_pauses_leaves_no_count_to_be_said(
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr("reader.ui.search_panel.announce",
                        lambda _source, text: said.append(text))
    type_query(qtbot, window, "staying put")
    window.search_box.clear()
    qtbot.wait(TYPING_PAUSE_MS + 200)  # past the pause: a count for a cleared box is stale
    assert said == []


class FailingEngine:
    """A full-text engine whose index fails as it is used; it still answers, from titles."""

    full_text = True
    problem = "The search index could not be read (bad segment)"

    def search(self, query: str, *, limit: int = 20, section: str | None = None):
        from reader.search_results import SearchResult

        return SearchResult(query, None, (), False)

    def close(self) -> None:
        pass


def test_a_new_engine_that_fails_as_the_last_one_did_is_said_again(
        qtbot, window: MainWindow) -> None:
    said: list[str] = []
    window.search.degraded.connect(said.append)
    type_query(qtbot, window, "xqzzv")
    for _ in range(2):  # the index rebuilt (an edition switch, say), and failing again the same way
        window.search.set_searcher(FailingEngine())  # what is typed is searched again
        wait_for_answer(qtbot, window)
        # the count does not go on claiming the chapters' text is searched
        assert "(titles and notes only: the chapters' text cannot be searched)" in (
            window.search.message.text())
        type_query(qtbot, window, "xqzzvv")
    assert said == [FailingEngine.problem] * 2  # once for each engine, not at each search


def row_as_seen(window: MainWindow, row: int) -> str:
    """A result row's words as painted (its HTML laid out as the delegate does)."""
    document = QTextDocument()
    document.setHtml(window.search.model.index(row, 0).data(Qt.ItemDataRole.UserRole + 1))
    return document.toPlainText()


def test_a_result_says_whether_its_text_is_here_or_online_only(
        qtbot, window: MainWindow) -> None:
    # "staying put" finds 6.7.6 by its title and 1.1.1 by its text: opening the first gives
    # only a link to the online manual, and the row must say so before it is opened
    type_query(qtbot, window, "staying put")
    rows = {title.split()[0]: row for row, title in enumerate(result_titles(window))}
    online = window.search.model.index(rows["6.7.6"], 0)
    held = window.search.model.index(rows["1.1.1"], 0)
    assert "online only" in row_as_seen(window, rows["6.7.6"])
    assert "online only" not in row_as_seen(window, rows["1.1.1"])
    assert "text not included in this offline edition" in online.data(
        Qt.ItemDataRole.AccessibleTextRole)
    assert "not included" not in held.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "not included in this offline edition" in tooltip_as_seen(
        online.data(Qt.ItemDataRole.ToolTipRole))


def test_a_see_also_result_says_it_is_one_as_the_contents_do(qtbot, window: MainWindow) -> None:
    # a pointer to another body's guidance, with no number, looked like a chapter of the
    # manual among the results
    type_query(qtbot, window, "nice guideline")
    [row] = [row for row, title in enumerate(result_titles(window)) if "NICE" in title]
    assert "See also: NICE Guideline" in row_as_seen(window, row)
    assert window.search.model.index(row, 0).data(
        Qt.ItemDataRole.AccessibleTextRole).startswith("See also: NICE Guideline")


def test_a_chapter_number_the_edition_lacks_lists_its_neighbours_and_says_so(
        qtbot, window: MainWindow) -> None:
    # a number from an old printout or a colleague's email: "Nothing found ... try a chapter
    # number such as 6.4.3" left the person no nearer; the chapters it would sit among help
    type_query(qtbot, window, "6.4.9")
    assert [title.split()[0] for title in result_titles(window)] == [
        "6.4.1", "6.4.2", "6.4.3", "6.4.4", "6.4.5"]
    message = window.search.message.text()
    assert message.startswith("There is no 6.4.9 in this edition")
    assert "6.4 Monitoring and Reviews" in message and "Nothing found" not in message
    type_query(qtbot, window, "11.1")  # no section 11 at all: nothing to list, and said so
    assert result_titles(window) == []
    assert window.search.message.text().startswith("There is no 11.1 in this edition")


def tab_stops_after_the_section_filter(qtbot, window: MainWindow) -> list[QWidget]:
    """Where Tab goes from the search box, from the section filter on, two presses of it."""
    activate(qtbot, window)
    window.search_box.setFocus()
    stops: list[QWidget] = []
    while len(stops) < 3:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if stops or focused is window.search.section_box:
            stops.append(focused)
        assert focused is not window.search_box, "Tab went round the window"
    return stops[1:]


def test_tab_reaches_did_you_mean_which_enter_or_space_takes(qtbot, window: MainWindow) -> None:
    suggestion = window.search.suggestion
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Space):
        type_query(qtbot, window, "permenance")
        assert tab_stops_after_the_section_filter(qtbot, window)[0] is suggestion
        window.search.section_box.setFocus()
        unfocused = suggestion.grab().toImage()
        qtbot.keyClick(window.search.section_box, Qt.Key.Key_Tab)
        assert suggestion.hasFocus()
        # a ring in the focus colour round the word offered, where there was none
        assert_ringed_round_the_link(suggestion, unfocused)
        said = QAccessible.queryAccessibleInterface(suggestion)
        assert said.text(QAccessible.Text.Name) == "Did you mean permanence?"
        assert "Enter, Space" in said.text(QAccessible.Text.Description)
        qtbot.keyClick(suggestion, key)
        wait_for_answer(qtbot, window)
        assert window.search_box.text() == "permanence" and result_titles(window)
        assert window.search_box.hasFocus()  # Down goes on to the results from there


def test_an_empty_results_list_is_no_tab_stop_its_message_is_what_is_heard(
        qtbot, window: MainWindow, monkeypatch) -> None:
    reader = ScreenReader()
    monkeypatch.setattr("PySide6.QtGui.QAccessible", reader)
    type_query(qtbot, window, "xqzzv")
    after_filter = tab_stops_after_the_section_filter(qtbot, window)
    assert window.search.results not in after_filter
    assert after_filter[0] is window.banner.label  # the next control: the edition notice
    message = window.search.message
    assert message.isVisible() and message.text().startswith("Nothing found for")
    qtbot.waitUntil(lambda: reader.heard[-1:] == [message.text()], timeout=3000)
    type_query(qtbot, window, "fostering")
    assert tab_stops_after_the_section_filter(qtbot, window)[0] is window.search.results


def reading_with_results(qtbot, window: MainWindow) -> int:
    """1.1.1 read, scrolled down, History cleared; "corporate parenting" found, 1.1.1 first;
    how far the page was scrolled."""
    window.open_entry("1.1.1")
    window.saved.clear_history_now()
    bar = window.chapter.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    assert bar.value() > 0
    type_query(qtbot, window, "corporate parenting")
    assert result_titles(window)[0].startswith("1.1.1")
    return bar.value()


def assert_opened_beside(window: MainWindow, scrolled: int) -> None:
    """1.1.1 again in a new tab, shown, its matches marked, in History; the first tab as it
    was, unmarked."""
    views = window.tabs.views()
    assert [view.page.title[:5] for view in views] == ["1.1.1", "1.1.1"]
    assert window.chapter is views[1]
    assert len(window.chapter.matches) > 5 and window.chapter.match_index == 0
    assert all(m.selectedText().lower().startswith(("corporat", "parent"))
               for m in window.chapter.matches)
    assert views[0].matches == [] and views[0].verticalScrollBar().value() == scrolled
    assert window.saved.history_pane.list.item(0).text().startswith("1.1.1")


@pytest.mark.parametrize("button,modifier", [
    (Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier),
    (Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier)])
def test_a_middle_click_or_ctrl_click_on_a_result_opens_it_in_a_new_tab(
    qtbot, window: MainWindow, button: Qt.MouseButton, modifier: Qt.KeyboardModifier
) -> None:
    scrolled = reading_with_results(qtbot, window)
    results = window.search.results
    at = results.visualRect(window.search.model.index(0, 0)).center()
    QTest.mouseClick(results.viewport(), button, modifier, at)
    assert_opened_beside(window, scrolled)


@pytest.mark.parametrize("in_results", [True, False])
def test_ctrl_enter_opens_the_highlighted_result_in_a_new_tab(
    qtbot, window: MainWindow, in_results: bool
) -> None:
    scrolled = reading_with_results(qtbot, window)
    where: QWidget = window.search_box
    if in_results:
        qtbot.keyClick(window.search_box, Qt.Key.Key_Down)  # into the results, at the first
        where = window.search.results
        qtbot.waitUntil(where.hasFocus)
    qtbot.keyClick(where, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert_opened_beside(window, scrolled)
    qtbot.keyClick(window.chapter, Qt.Key.Key_F3)  # the keys go on in the result's text
    assert window.chapter.match_index == 1


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_shift_f10_on_a_result_offers_it_in_a_new_tab(qtbot, window: MainWindow) -> None:
    scrolled = reading_with_results(qtbot, window)
    results = window.search.results
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    qtbot.waitUntil(results.hasFocus)
    qtbot.keyClick(results, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    menu = shown_menu(qtbot)
    row = results.visualRect(results.currentIndex())
    assert results.viewport().mapFromGlobal(menu.pos()).y() == pytest.approx(row.bottom(), abs=2)
    assert menu_lines(menu) == ["Open", "Open in new tab"]
    menu.actions()[1].trigger()
    assert_opened_beside(window, scrolled)


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_a_right_click_on_a_result_shows_its_menu_and_opens_nothing(qtbot, window: MainWindow
                                                                    ) -> None:
    window.open_entry("1.1.1")
    type_query(qtbot, window, "fostering")
    second = result_titles(window)[1]
    results = window.search.results
    right_click(results, results.visualRect(window.search.model.index(1, 0)).center())
    menu = shown_menu(qtbot)
    assert window.chapter.page.title.startswith("1.1.1") and window.tabs.count() == 1
    menu.actions()[0].trigger()  # Open: the result clicked, in this tab
    assert window.chapter.page.title == second and window.tabs.count() == 1
