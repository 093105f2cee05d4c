"""Cycles holding Qt objects are collected on the GUI thread, never on a worker thread."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from reader.ui.garbage import GuiThreadCollector


class _Holder(QObject):
    """A Qt object in a reference cycle, which tells which thread destroyed it."""

    collected_on: list[bool] = []

    def __init__(self) -> None:
        super().__init__()
        self.me = self

    def __del__(self) -> None:
        _Holder.collected_on.append(threading.current_thread() is threading.main_thread())


def test_cycles_wait_for_the_gui_thread_and_are_collected_there(
        qtbot, gui_thread_collector: GuiThreadCollector) -> None:
    assert not gc.isenabled()
    _Holder.collected_on.clear()
    holder = _Holder()
    alive = weakref.ref(holder)
    del holder

    def churn() -> None:  # allocations far past the thresholds, on a worker thread
        for _ in range(5_000):
            cycle: list[object] = []
            cycle.append(cycle)

    worker = threading.Thread(target=churn)
    worker.start()
    worker.join()
    assert alive() is not None  # the worker never collected it
    qtbot.waitUntil(lambda: alive() is None, timeout=5000)
    assert _Holder.collected_on == [True]


def test_stopping_hands_collection_back_to_python(qapp) -> None:
    gc.enable()  # as before the app starts (the session's collector has it off)
    try:
        collector = GuiThreadCollector(qapp)
        assert not gc.isenabled()
        collector.stop()
        assert gc.isenabled()
    finally:
        gc.disable()
    # one made while collection was off already leaves it off: on, a worker would collect
    GuiThreadCollector(qapp).stop()
    assert not gc.isenabled()


def test_each_tick_collects_the_oldest_generation_due_and_no_older(
        gui_thread_collector: GuiThreadCollector, monkeypatch) -> None:
    # a full collection every second stalls the window while a large index is in memory
    def full_collections() -> int:
        return gc.get_stats()[2]["collections"]

    gc.collect()
    before = full_collections()
    gui_thread_collector.collect_due()
    assert full_collections() == before
    monkeypatch.setattr(gc, "get_count", lambda: (0, 10**6, 10**6))  # both older ones due
    gui_thread_collector.collect_due()
    assert full_collections() == before + 1


def test_cycles_that_outlived_the_young_generation_are_collected_too(
        qtbot, gui_thread_collector: GuiThreadCollector) -> None:
    # a closed window's cycle, long lived, sits in the oldest generation: collecting only
    # the young one would keep every closed window in memory for the whole session
    _Holder.collected_on.clear()
    holder = _Holder()
    alive = weakref.ref(holder)
    gc.collect(1)  # held: moved on to the oldest generation
    del holder
    for _ in range(1000):  # ticks of the timer, allocations between them
        if alive() is None:
            break
        gui_thread_collector.collect_due()
        [[] for _ in range(50)]
    assert alive() is None
