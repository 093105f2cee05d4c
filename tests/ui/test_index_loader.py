"""The search index loader: closing the window or switching edition stops a build part way."""

from __future__ import annotations

import threading

from reader.manual import load_manual
from reader.search import BuildCancelled
from reader.ui.index_loader import IndexLoader

from ..conftest import CONTENT


def test_stopping_ends_a_build_part_way_and_nothing_is_handed_over(qtbot, monkeypatch) -> None:
    building = threading.Event()
    chapters_built: list[int] = []

    def slow_build(manual, *, progress, cancel, **_options):
        building.set()
        for done in range(1, 2001):  # a long build: a chapter at a time, checking in between
            if cancel():
                raise BuildCancelled
            progress(done, 2000)
            chapters_built.append(done)
            threading.Event().wait(0.005)
        raise AssertionError("the build ran to its end: closing the window waited for it")

    monkeypatch.setattr("reader.search.open_search", slow_build)
    loader = IndexLoader(load_manual(CONTENT))
    handed: list[object] = []
    loader.ready.connect(handed.append)
    loader.failed.connect(handed.append)
    loader.start_low_priority()
    assert building.wait(10)
    loader.stop()  # the window closes
    assert not loader.isRunning()
    qtbot.wait(10)
    assert handed == []
    assert len(chapters_built) < 2000


def test_an_index_opened_just_as_the_window_moves_on_is_closed_not_handed_over(
        qtbot, monkeypatch) -> None:
    """Stopped after the build's last check: the index files are let go (Windows would keep
    them locked), and the old edition's index never reaches the window."""
    opening = threading.Event()
    closed: list[bool] = []

    class Searcher:
        def close(self) -> None:
            closed.append(True)

    class Opened:
        searcher = Searcher()

    def open_after_stop(manual, *, progress, cancel, **_options):
        opening.set()
        for _ in range(2000):  # opened whatever: the stop comes after the last check
            if cancel():
                break
            threading.Event().wait(0.005)
        return Opened()

    monkeypatch.setattr("reader.search.open_search", open_after_stop)
    loader = IndexLoader(load_manual(CONTENT))
    handed: list[object] = []
    loader.ready.connect(handed.append)
    loader.start_low_priority()
    assert opening.wait(10)
    loader.stop()
    qtbot.wait(10)
    assert handed == []
    assert closed == [True]


def test_an_engine_that_cannot_be_loaded_is_said_and_titles_still_answer(
        qtbot, monkeypatch) -> None:
    def broken(*_args, **_options):
        raise RuntimeError("a module missing from the install")

    monkeypatch.setattr("reader.search.open_search", broken)
    loader = IndexLoader(load_manual(CONTENT))
    titles: list[object] = []
    said: list[str] = []
    loader.titles_ready.connect(titles.append)
    loader.failed.connect(said.append)
    with qtbot.waitSignal(loader.finished, timeout=10_000):
        loader.start_low_priority()
    assert said == [
        "Full-text search could not be started (RuntimeError: a module missing from the "
        "install); searching titles and notes only. The log has the details."]
    [searcher] = titles
    assert searcher.search("section 47").hits[0].number == "4.6"  # type: ignore[attr-defined]
