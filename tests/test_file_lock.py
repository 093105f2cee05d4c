"""The lock two reader windows take before each saves the bookmarks, history or settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader import file_lock


class Clock:
    """Time that passes only when the lock waits, so no test waits for real."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept = 0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept += 1
        self.now += seconds
        assert self.now < 1000.0, "the window would wait for ever"


def other_window_holds(path: Path) -> int:
    """The lock as another window's save holds it (flock: per opened file, even in one process)."""
    handle = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    file_lock.lock_open_file(handle, take=True)
    return handle


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(file_lock, "time", clock)
    return clock


def test_a_save_waits_its_turn_and_gives_up_after_seconds_not_minutes(
        tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "bookmarks.json"
    handle = other_window_holds(path)
    try:
        with pytest.raises(file_lock.LockBusyError, match="another reader window"), \
                file_lock.locked(path):
            pass
    finally:
        os.close(handle)
    waited = clock.now - 100.0
    assert clock.slept > 1 and 1.0 <= waited <= 5.0  # a frozen window, not an instant "not saved"


def test_the_lock_is_taken_as_soon_as_the_other_window_lets_go(
        tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "history.json"
    handle = other_window_holds(path)
    real_sleep = clock.sleep

    def other_save_ends(seconds: float) -> None:
        real_sleep(seconds)
        if clock.slept == 3:
            os.close(handle)  # its save is written

    clock.sleep = other_save_ends  # type: ignore[method-assign]
    # held now: a third window waits in turn
    with file_lock.locked(path), pytest.raises(file_lock.LockBusyError), \
            file_lock.locked(path, wait=0):
        pass
    assert clock.slept == 3
    with file_lock.locked(path, wait=0):  # let go again after the save
        pass


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files in /proc")
def test_saving_all_day_leaves_no_file_open(tmp_path: Path) -> None:
    """A day's saves, each of which left the lock open, ran out of files the reader may open."""
    path = tmp_path / "history.json"
    with file_lock.locked(path):
        pass
    open_before = len(os.listdir("/proc/self/fd"))
    for _ in range(3):
        with file_lock.locked(path):
            pass
    assert len(os.listdir("/proc/self/fd")) == open_before


def test_a_folder_where_no_lock_can_be_made_still_lets_the_save_be_tried(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    def read_only(*_args: object) -> int:
        raise PermissionError(13, "Permission denied")

    path = tmp_path / "settings.json"
    ran = []
    with monkeypatch.context() as patched:
        patched.setattr(file_lock.os, "open", read_only)
        with file_lock.locked(path):
            ran.append(True)
    assert ran  # the write itself says what is wrong, if anything
    assert f"no lock for {path}" in caplog.text and "Permission denied" in caplog.text


def test_a_lock_held_on_windows_is_waited_for_too(
        tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows says a held lock is a permission denied; taken as no locks at all, two windows
    wrote the bookmarks over each other."""

    def windows_locking(_handle: int, *, take: bool) -> None:
        if take and clock.slept < 2:
            raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(file_lock, "lock_open_file", windows_locking)
    with file_lock.locked(tmp_path / "bookmarks.json"):
        assert clock.slept == 2
