"""The contents filter as a practitioner types in it: numbers, words and punctuation."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from reader.manual import load_manual
from reader.session import Session, load_session
from reader.ui.contents import KIND_ROLE, REF_ROLE, ContentsFilter, ContentsModel

from ..conftest import CONTENT
from .conftest import shown_window


def _numbered_rows(proxy: ContentsFilter, parent: QModelIndex | None = None) -> list[str]:
    """The numbers of the chapters and subsections the filter keeps, in order."""
    parent = parent or QModelIndex()
    found: list[str] = []
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        if index.data(KIND_ROLE) in ("subsection", "entry") and index.data()[:1].isdigit():
            found.append(index.data().split(" ")[0])
        found += _numbered_rows(proxy, index)
    return found


def _filter(qapp) -> ContentsFilter:
    proxy = ContentsFilter()
    proxy.setSourceModel(ContentsModel(load_manual(CONTENT)))
    return proxy


def test_a_number_finds_that_subsection_and_its_chapters_only(qapp) -> None:
    proxy = _filter(qapp)
    proxy.set_text("6.4")
    assert _numbered_rows(proxy) == ["6.4", "6.4.1", "6.4.2", "6.4.3", "6.4.4", "6.4.5"]
    proxy.set_text("6.1")
    assert "3.6.1" not in _numbered_rows(proxy)  # 6.1 is not in 3.6.1
    proxy.set_text("1.1.1")
    assert _numbered_rows(proxy) == ["1.1", "1.1.1"]  # not 1.1.10 to 1.1.19


def test_a_number_typed_with_a_comma_or_a_leading_zero_finds_it(qapp) -> None:
    proxy = _filter(qapp)
    proxy.set_text("6.4")
    wanted = _numbered_rows(proxy)
    for typed in ("6,4", "06.4", "6.4."):
        proxy.set_text(typed)
        assert _numbered_rows(proxy) == wanted, typed
    proxy.set_text("0.4")
    assert _numbered_rows(proxy) == []
    proxy.set_text("4" * 5000)  # a paste gone wrong: nothing matches, and nothing fails
    assert _numbered_rows(proxy) == []


def test_words_are_found_without_apostrophes_or_the_punctuation_around_them(qapp) -> None:
    proxy = _filter(qapp)
    proxy.set_text("children's centres")
    wanted = _numbered_rows(proxy)
    assert wanted
    for typed in ("childrens centres", "Children\u2019s Centres", "childrens, centres."):
        proxy.set_text(typed)
        assert _numbered_rows(proxy) == wanted, typed
    proxy.set_text("reviews.")
    assert "6.4.3" in _numbered_rows(proxy)
    proxy.set_text("(2024)")
    assert _numbered_rows(proxy) == ["4.3"]  # Working with Harmful Sexual Behaviour (2024)
    proxy.set_text("(1.1.1)")  # a number in brackets is still matched whole
    assert _numbered_rows(proxy) == ["1.1", "1.1.1"]
    proxy.set_text("PR\u0130VATE FOSTER\u0130NG")  # a Turkish keyboard's capital I
    assert _numbered_rows(proxy) == ["5.1"]
    proxy.set_text("?")  # only punctuation: matched as typed, not as nothing (every row)
    assert _numbered_rows(proxy) == ["5.2"]  # ... Who Should be Considered?


def test_a_long_word_matching_nothing_leaves_the_window_its_width(qtbot, window) -> None:
    # a paste gone wrong cannot wrap: the line saying nothing matches widened the window
    # at half a screen to over two thousand pixels, off the screen's edge
    window.resize(546, 700)
    qtbot.waitUntil(lambda: window.width() == 546)
    pane = window.contents
    qtbot.keyClicks(pane.filter_box, "y" * 200)
    assert pane.no_match.isVisible()
    QApplication.processEvents()  # the layout settles
    assert window.width() == 546
    assert pane.no_match.text().startswith("Nothing in the contents matches \u201c" + "y" * 40
                                           + "\u2026\u201d")


def test_words_from_a_subsection_and_a_chapter_in_it_find_that_chapter(qapp) -> None:
    # as the tree reads: "monitoring" is the subsection's title, "visits" the chapter's
    proxy = _filter(qapp)
    proxy.set_text("monitoring visits")
    assert _numbered_rows(proxy) == ["6.4", "6.4.1"]
    proxy.set_text("youth justice remands")
    assert _numbered_rows(proxy) == ["6.2", "6.2.3"]
    proxy.set_text("6.1 see also")  # an unnumbered entry, by the number of where it is
    shown = _rows_text(proxy)
    assert "See also: NICE Guideline: Looked After Children and Young People" in shown
    assert not any(text.startswith("See also") and "NICE" not in text for text in shown)


def test_marks_a_paste_brings_that_the_box_does_not_show_are_ignored(qapp) -> None:
    # a title copied from a web page or a PDF: zero-width spaces, soft hyphens, a direction
    # mark, a tab; the box shows "private fostering", so that is what is matched
    proxy = _filter(qapp)
    proxy.set_text("private fostering")
    wanted = _numbered_rows(proxy)
    assert wanted == ["5.1"]
    for typed in ("\u200bprivate fostering\u200b", "private fos\u00adtering",
                  "\u202eprivate fostering", "private\tfostering", "private\x00fostering"):
        proxy.set_text(typed)
        assert _numbered_rows(proxy) == wanted, repr(typed)


def test_a_direction_mark_pasted_leaves_the_no_match_line_reading_forwards(
        qtbot, window) -> None:
    # a right-to-left override quoted as typed turned the rest of the line backwards
    pane = window.contents
    pane.filter_box.setText("\u202ezzzz\u200b")
    assert pane.no_match.isVisible()
    assert pane.no_match.text().startswith("Nothing in the contents matches \u201czzzz\u201d.")
    assert "\u202e" not in pane.no_match.text()


def _rows_text(proxy: ContentsFilter, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    found: list[str] = []
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        found += [index.data(), *_rows_text(proxy, index)]
    return found


def _opened_out(pane, parent: QModelIndex | None = None) -> list[str]:
    """The sections and subsections a person sees opened out, by number."""
    parent = parent or QModelIndex()
    found: list[str] = []
    for row in range(pane.proxy.rowCount(parent)):
        index = pane.proxy.index(row, 0, parent)
        if pane.tree.isExpanded(index):
            found += [index.data(REF_ROLE), *_opened_out(pane, index)]
    return found


def _row(pane, ref: str, parent: QModelIndex | None = None) -> QModelIndex:
    parent = parent or QModelIndex()
    for row in range(pane.proxy.rowCount(parent)):
        index = pane.proxy.index(row, 0, parent)
        if index.data(REF_ROLE) == ref:
            return index
        if (found := _row(pane, ref, index)).isValid():
            return found
    return QModelIndex()


def test_sections_opened_and_closed_by_hand_stay_so_after_filtering(qtbot, window) -> None:
    pane = window.contents
    pane.tree.collapse(_row(pane, "1"))  # the person closes All Children
    pane.tree.expand(_row(pane, "6.4"))  # and opens Monitoring and Reviews
    left = _opened_out(pane)
    assert "1" not in left and "6.4" in left
    pane.filter_box.setFocus()
    qtbot.keyClicks(pane.filter_box, "fostering")
    assert "7" in _opened_out(pane)  # the matches opened out
    qtbot.keyClick(pane.filter_box, Qt.Key.Key_Escape)
    assert _opened_out(pane) == left
    qtbot.keyClicks(pane.filter_box, "   ")  # only spaces: no filter, nothing moved
    assert _opened_out(pane) == left


def test_sections_opened_and_closed_by_hand_stay_so_after_a_restart(qtbot, window) -> None:
    pane = window.contents
    window.open_entry("6.4.3")
    pane.tree.collapse(_row(pane, "1"))
    pane.tree.expand(_row(pane, "7"))
    pane.tree.collapse(_row(pane, "7"))  # closed again: a section closed stays closed
    pane.tree.expand(_row(pane, "3.1"))
    left = _opened_out(pane)
    assert "1" not in left and "7" not in left and {"3.1", "6", "6.4"} <= set(left)
    pane.filter_box.setText("fostering")  # closed while filtering: kept as left before it
    window.close()
    again = shown_window(qtbot)
    again.restore(load_session()[0])
    assert _opened_out(again.contents) == left
    assert again.contents.selected() == ("entry", window.manual.find("6.4.3").id)


def test_a_session_from_before_the_folds_were_kept_leaves_the_sections_open(window) -> None:
    pane = window.contents
    window.restore(Session())  # saved by an earlier reader: no sections opened out named
    assert _opened_out(pane) == [str(n) for n in range(1, 11)]  # as at the start


def test_sections_opened_and_closed_by_hand_stay_so_in_a_new_edition(window) -> None:
    pane = window.contents
    pane.tree.collapse(_row(pane, "2"))
    pane.tree.expand(_row(pane, "6.7"))
    left = _opened_out(pane)
    window.load_edition(load_manual(CONTENT), changes=[])
    assert window.contents is not pane  # the tree of the new edition
    assert _opened_out(window.contents) == left


def test_the_chapter_being_read_is_in_sight_when_the_filter_is_cleared(qtbot, window) -> None:
    pane = window.contents
    window.open_entry("10.3")  # Amendments, at the foot of the contents
    pane.filter_box.setText("all children")  # the matches, at the top
    pane.tree.scrollToTop()
    pane.filter_box.clear()
    shown = pane.tree.visualRect(pane.tree.currentIndex())
    assert pane.tree.currentIndex().data() == "10.3 Amendments"
    assert pane.tree.viewport().rect().contains(shown)


def test_sections_put_back_while_filtering_wait_for_the_filter_to_clear(qtbot, window) -> None:
    pane = window.contents
    pane.filter_box.setText("fostering")
    pane.open_out(("2", "6.4"))  # as a session left them, while the matches are shown
    assert "7" in _opened_out(pane)  # the matches stay opened out, not closed under the words
    pane.filter_box.clear()
    assert _opened_out(pane) == ["2"]  # 6.4 opened inside the closed 6, there once 6 opens
    assert pane.opened_out() == ("2", "6.4")


def test_enter_in_the_empty_filter_goes_to_the_tree_at_the_chapter_being_read(
        qtbot, window) -> None:
    # it opened the manual's first chapter in place of the one being read
    pane = window.contents
    window.open_entry("6.4.3")
    reading = window.current
    for typed in ("", "   ", "\u200b"):  # nothing, spaces, an invisible mark: no filter
        pane.filter_box.setText(typed)
        pane.filter_box.setFocus()
        qtbot.keyClick(pane.filter_box, Qt.Key.Key_Return)
        assert window.current == reading, repr(typed)
        assert pane.tree.hasFocus()
        assert pane.selected() == reading
    pane.filter_box.setText("monitoring")
    qtbot.keyClick(pane.filter_box, Qt.Key.Key_Return)  # filtering: the first match opens
    assert window.chapter.page.title.startswith("6.4.1")
