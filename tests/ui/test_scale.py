"""The window's everyday actions stay light as the manual grows: counted work, never timings
(the timings are in benchmarks/bench_scale.py)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from reader.manual import load_manual
from reader.render import Heading
from reader.ui.contents import (
    KIND_ROLE,
    NO_PARENT,
    REF_ROLE,
    ContentsFilter,
    ContentsModel,
    ModelIndex,
)
from reader.ui.outline import OutlinePane

from ..conftest import CONTENT


class CountingModel(ContentsModel):
    """The contents model, counting how often the tree's filter asks it for a parent."""

    parents_asked = 0

    def parent(self, index: ModelIndex = NO_PARENT) -> QModelIndex:  # type: ignore[override]
        self.parents_asked += 1
        return super().parent(index)


def _rows(proxy: ContentsFilter, parent: QModelIndex = NO_PARENT) -> list[tuple[str, str]]:
    found = []
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        found.append((index.data(KIND_ROLE), index.data(REF_ROLE)))
        found += _rows(proxy, index)
    return found


def test_a_letter_typed_in_the_filter_asks_little_of_the_contents(qapp) -> None:
    # Qt's recursive filter asked for a row's parent tens of times per row: on a manual ten
    # times today's, a letter typed took over a second before the tree repainted
    model = CountingModel(load_manual(CONTENT))
    proxy = ContentsFilter()
    proxy.setSourceModel(model)
    _rows(proxy)
    rows = len(model._nodes)
    for text in ("p", "pl", "pla", "p", "", "care", "care plan", "xyz", ""):
        model.parents_asked = 0
        proxy.set_text(text)
        assert model.parents_asked <= rows, text


def test_the_filter_keeps_matches_with_where_they_are_and_what_a_match_holds(qapp) -> None:
    manual = load_manual(CONTENT)
    proxy = ContentsFilter()
    proxy.setSourceModel(ContentsModel(manual))
    entry = next(e for e in manual.entries() if e.number and e.number.count(".") == 2)
    proxy.set_text(entry.title)
    shown = _rows(proxy)
    assert ("entry", entry.id) in shown
    assert ("section", entry.section) in shown  # the section it is in, to open it from
    # a matching section keeps every chapter in it
    first = manual.sections[0]
    proxy.set_text(first.title)
    shown = _rows(proxy)
    assert ("section", first.number) in shown
    assert all(("entry", e.id) in shown for e in manual.entries()
               if e.section == first.number)
    proxy.set_text("")
    assert len(_rows(proxy)) == len(ContentsModel(manual)._nodes) - 1  # all but the root


def _rows_shown(pane) -> list[str]:
    return [pane.list.item(row).text() for row in range(pane.list.count())]


def test_a_bookmark_removed_or_moved_leaves_the_other_rows_as_they_were(window) -> None:
    # each Delete built every row afresh: with a thousand bookmarks, most of the key's time
    saved, pane = window.saved, window.saved.bookmarks_pane
    entries = list(window.manual.chapters())[:5]
    for entry in entries:
        saved.toggle(entry)
    labels = [e.label for e in entries]
    assert _rows_shown(pane) == labels
    marker = Qt.ItemDataRole.UserRole + 50
    pane.list.item(4).setData(marker, "untouched")
    pane.select_row(1)
    pane.list.setFocus()
    saved.remove_at(1)
    assert _rows_shown(pane) == labels[:1] + labels[2:]
    assert pane.list.currentRow() == 1  # the next one, ready for another Delete
    saved.move_at(2, -1)
    assert _rows_shown(pane) == [labels[0], labels[3], labels[2], labels[4]]
    assert pane.list.currentRow() == 1  # the moved one stays selected
    saved.toggle(entries[1])  # bookmarked again: at the end
    assert _rows_shown(pane) == [labels[0], labels[3], labels[2], labels[4], labels[1]]
    assert pane.list.item(3).data(marker) == "untouched"


def test_a_theme_or_text_size_change_redraws_other_tabs_after_the_one_read(qtbot,
                                                                         window) -> None:
    # every tab's page was laid out again at once: with ten tabs, a quarter of a second
    for ref in ("1.1.1", "1.1.2", "1.1.3"):
        window.new_tab()
        window.open_entry(ref)
    views = window.tabs.views()
    redrawn: list[object] = []
    for view in views:
        setter = view._set_html
        view._set_html = lambda html, v=view, s=setter: (redrawn.append(v), s(html))
    window.set_theme("dark")
    window.zoom(1)
    assert redrawn and set(redrawn) == {window.chapter}  # the tab being read, at once
    dark_big = window.chapter.document().defaultStyleSheet()
    window.tabs.setCurrentIndex(1)  # a tab shown before its turn: in the look chosen
    assert window.chapter.zoom_steps == 1
    assert window.chapter.document().defaultStyleSheet() == dark_big
    # and the others, shown or not, after
    qtbot.waitUntil(lambda: all(view.document().defaultStyleSheet() == dark_big
                                for view in views))
    assert all(view.zoom_steps == 1 for view in views)
    assert redrawn.count(views[2]) == 1  # once for both changes


def test_the_outline_is_listed_once_per_page_and_follows_it_laid_out_again(qtbot) -> None:
    # a page of a thousand headings was listed afresh at each layout as it opened
    outline = OutlinePane()
    qtbot.addWidget(outline)
    headings = tuple(Heading(2, f"Heading {n}", f"h{n}") for n in range(5))
    outline.set_headings(headings, {f"h{n}": 100.0 * n for n in range(5)})
    marker = Qt.ItemDataRole.UserRole + 50
    outline.list.item(0).setData(marker, "listed once")
    # the text made larger: the same headings, further down
    outline.set_headings(headings, {f"h{n}": 200.0 * n for n in range(5)})
    assert outline.list.item(0).data(marker) == "listed once"
    outline.follow(300)
    assert outline.list.currentRow() == 1  # where the headings are now, not where they were
    other = (Heading(2, "Another page's heading", "a0"),)
    outline.set_headings(other, {"a0": 0.0})
    assert [outline.list.item(row).text() for row in range(outline.list.count())] == [
        "Another page's heading"]
