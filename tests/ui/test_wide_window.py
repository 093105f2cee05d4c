"""A window on a wide screen: the navigator takes the width the chapter has no use for, so
that the contents' long titles read whole, and a width the person drags it to stays."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QApplication

from reader.manual import load_manual
from reader.ui.main_window import NAVIGATOR_WIDTH, MainWindow

from .conftest import restarted, shown_window
from .test_narrow_window import (
    chapter_width,
    navigator_width,
    sized,
    window_on_a_chapter_with_headings,
)

# cut short ("...Information Sharing Agre...") in a navigator of 340 pixels
LONG_TITLES = ("1.1.9", "1.1.12", "1.1.17")


def title_whole(window: MainWindow, number: str) -> bool:
    """Whether the contents' row of this chapter shows its number and title to their end."""
    entry = window.manual.find(number)
    assert entry is not None
    contents = window.contents
    index = contents.proxy.mapFromSource(contents.model.index_of("entry", entry.id))
    contents.tree.scrollTo(index)
    row = contents.tree.visualRect(index)
    text = contents.model.node(contents.proxy.mapToSource(index)).text
    # the text's margins in its cell, as Qt's item views draw it
    return contents.tree.fontMetrics().horizontalAdvance(text) + 6 <= row.width()


def test_a_wide_window_shows_long_titles_whole_and_the_chapter_its_line_length(
        qtbot, window: MainWindow) -> None:
    window.open_entry("1.1.1")
    window.contents.tree.expandAll()
    sized(qtbot, window, 1900)
    assert navigator_width(window) > NAVIGATOR_WIDTH
    assert all(title_whole(window, number) for number in LONG_TITLES)
    # the chapter keeps lines of its whole length, with margins to spare
    assert chapter_width(window) > window.chapter.measure_width()


def test_on_a_laptop_screen_the_chapter_keeps_its_line_length_beside_its_outline(
        qtbot, content_copy: Path) -> None:
    window = window_on_a_chapter_with_headings(qtbot, content_copy)
    window.open_entry("1.1.1")
    sized(qtbot, window, 1366)
    assert window.outline.isVisible()
    assert navigator_width(window) > NAVIGATOR_WIDTH
    assert chapter_width(window) >= window.chapter.measure_width()
    sized(qtbot, window, 1200)  # no room to spare: the navigator as it always was
    assert navigator_width(window) == NAVIGATOR_WIDTH


def test_a_navigator_dragged_narrow_on_a_wide_screen_stays_so_at_the_next_start(
        qtbot) -> None:
    window = shown_window(qtbot)
    sized(qtbot, window, 1900)
    window.splitter.moveSplitter(300, 1)  # as the person drags the handle
    assert navigator_width(window) == 300
    sized(qtbot, window, 1600)
    assert navigator_width(window) == 300
    again, session = restarted(qtbot, window)
    sized(qtbot, again, 1900)
    assert session.navigator_width_chosen
    assert navigator_width(again) == 300


def test_a_navigator_never_dragged_is_as_wide_as_the_screen_allows_at_the_next_start(
        qtbot) -> None:
    window = shown_window(qtbot)
    sized(qtbot, window, 1900)
    wide = navigator_width(window)
    again, session = restarted(qtbot, window)
    sized(qtbot, again, 1900)
    assert not session.navigator_width_chosen
    assert navigator_width(again) == wide > NAVIGATOR_WIDTH



def test_a_larger_text_size_takes_its_width_from_the_navigator_at_once(
        qtbot, window: MainWindow) -> None:
    window.open_entry("1.1.1")
    sized(qtbot, window, 1366)
    wide = navigator_width(window)
    try:
        for _ in range(3):
            window.zoom(1)  # Ctrl+Plus
        QApplication.processEvents()
        # the chapter's lines at their whole length in the larger text, not cut short
        # beside a navigator left as wide as the smaller text allowed
        assert chapter_width(window) >= window.chapter.measure_width()
        assert navigator_width(window) < wide
        larger = navigator_width(window)
        sized(qtbot, window, 1365)  # the next touch of the window's edge moves it no more
        sized(qtbot, window, 1366)
        assert navigator_width(window) == larger
    finally:
        window.zoom(0)
    QApplication.processEvents()
    assert navigator_width(window) == wide  # the usual size: the width it had


def short_titled(content: Path) -> Path:
    """The content with every title cut to its first word: an edition of short titles."""
    path = content / "contents.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    items = list(data["sections"])
    while items:
        item = items.pop()
        item["title"] = item["title"].split(" ", 1)[0]
        items.extend(item.get("items", ()))
    path.write_text(json.dumps(data), encoding="utf-8")
    return content


def test_an_edition_of_other_titles_shares_the_width_out_again_at_once(
        qtbot, window: MainWindow, content_copy: Path) -> None:
    window.open_entry("1.1.1")
    sized(qtbot, window, 1900)
    assert navigator_width(window) > NAVIGATOR_WIDTH  # for the bundled edition's long titles
    window.load_edition(load_manual(short_titled(content_copy)), changes=[])
    QApplication.processEvents()
    # half a screen of navigator beside one-word titles, until the window was next resized
    assert navigator_width(window) == NAVIGATOR_WIDTH
