"""Whether another reader window is open: the mark the first window holds."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from reader import window_mark
from reader.file_lock import lock_open_file
from reader.userdata import data_dir


@pytest.fixture(autouse=True)
def mark_let_go() -> Iterator[None]:
    yield
    window_mark.let_go()  # held on, a later test's first window would not take it


def test_the_first_window_holds_the_mark_and_a_later_one_sees_it() -> None:
    assert window_mark.first_window()
    other = os.open(window_mark.mark_path(), os.O_RDWR)  # as a second reader process opens it
    try:
        with pytest.raises(OSError):
            lock_open_file(other, take=True)
    finally:
        os.close(other)
    window_mark.let_go()
    other = os.open(window_mark.mark_path(), os.O_RDWR)
    try:
        lock_open_file(other, take=True)  # the first window gone: the next is the first
        assert not window_mark.first_window()
    finally:
        os.close(other)


def test_a_data_folder_that_cannot_be_made_leaves_every_window_the_first(caplog) -> None:
    shutil.rmtree(data_dir(), ignore_errors=True)
    data_dir().parent.mkdir(parents=True, exist_ok=True)
    data_dir().write_text("a file where the folder goes", encoding="utf-8")
    assert window_mark.first_window()  # as before there was a mark: its tabs come back
    assert "cannot tell whether another window is open" in caplog.text
