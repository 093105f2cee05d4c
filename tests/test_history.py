"""History: newest first, one line per chapter, the last 50, damaged files survived."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from reader.history import (
    HISTORY_LIMIT,
    SavedHistory,
    Visit,
    add_visit,
    history_path,
    latest,
    merge_history,
    read_history,
    remove_visit,
    save_history,
)
from reader.manual import load_manual

from .conftest import CONTENT, REPO

NOW = datetime(2024, 9, 3, 14, 5)


def test_newest_first_and_a_reopened_chapter_moves_up() -> None:
    visits = add_visit((), "a", "1 A", NOW)
    visits = add_visit(visits, "b", "2 B", NOW + timedelta(minutes=1))
    visits = add_visit(visits, "a", "1 A", NOW + timedelta(minutes=2))
    assert [v.entry_id for v in visits] == ["a", "b"]
    assert visits[0].when() == "3 Sep 2024 14:07"


def test_only_the_last_fifty_are_kept() -> None:
    visits: tuple[Visit, ...] = ()
    for n in range(HISTORY_LIMIT + 10):
        visits = add_visit(visits, f"c{n}", f"C{n}", NOW + timedelta(minutes=n))
    assert len(visits) == 50
    assert visits[0].entry_id == "c59" and visits[-1].entry_id == "c10"


def test_two_windows_visits_make_one_history_newest_first() -> None:
    ours = (Visit("b", "2 B", "2024-09-03T14:10:00+01:00"),
            Visit("a", "1 A", "2024-09-03T14:00:00+01:00"))
    theirs = (Visit("a", "1 A", "2024-09-03T14:20:00+01:00"),  # opened again, later
              Visit("c", "3 C", "2024-09-03T13:05:00+00:00"),  # 14:05 here
              Visit("d", "4 D", "edited by hand"))
    merged = merge_history(ours, theirs)
    assert [v.entry_id for v in merged] == ["a", "b", "c", "d"]  # an unreadable time: last
    assert merged[0].opened == "2024-09-03T14:20:00+01:00"


def test_a_clear_in_one_window_is_not_undone_by_the_other() -> None:
    ours = (Visit("late", "2 B", "2024-09-03T15:00:00+00:00"),
            Visit("at-the-clear", "3 C", "2024-09-03T14:30:00+00:00"),
            Visit("early", "1 A", "2024-09-03T14:00:00+00:00"))
    assert [v.entry_id for v in merge_history(ours, (), "2024-09-03T14:30:00+00:00")] == [
        "late"]
    save_history((), cleared="2024-09-03T14:30:00+00:00")
    assert read_history().cleared == "2024-09-03T14:30:00+00:00"
    # the later clear of two windows holds, whichever window saw it first
    later = "2024-09-03T16:00:00+01:00"  # 15:00 in UTC
    assert latest("2024-09-03T14:30:00+00:00", later) == later
    assert latest(later, "2024-09-03T14:30:00+00:00") == later
    assert latest("", later) == later


def test_a_visit_removed_stays_removed_in_the_file_and_against_older_visits() -> None:
    visits = (Visit("b", "2 B", "2024-09-03T14:10:00+00:00"),
              Visit("a", "1 A", "2024-09-03T14:00:00+00:00"))
    kept, removed = remove_visit(visits, (), "a", NOW.replace(tzinfo=UTC))
    assert [v.entry_id for v in kept] == ["b"]
    save_history(kept, removed=removed)
    saved = read_history()
    assert saved.visits == kept and saved.removed == removed
    # another window's visit of it from before the removal stays out; one after comes in
    older = (Visit("a", "1 A", "2024-09-03T13:59:00+00:00"),)
    assert merge_history(kept, older, removed=saved.removed) == kept
    later = (Visit("a", "1 A", "2099-01-01T00:00:00+00:00"),)
    assert [v.entry_id for v in merge_history(kept, later, removed=saved.removed)] == ["a", "b"]


def test_saved_history_comes_back_and_missing_chapters_are_marked() -> None:
    visits = (Visit("gone", "3.2.1 Withdrawn", "2024-09-03T14:05:00"),
              Visit("staying-put-policy", "6.7.6 Staying Put Policy", "2024-09-03T14:00:00"))
    save_history(visits)
    assert read_history() == SavedHistory(visits, "", None)
    manual = load_manual(CONTENT)
    assert [v.shown(manual) for v in read_history().visits] == [
        "(no longer in this edition) 3.2.1 Withdrawn", "6.7.6 Staying Put Policy"]


def test_damaged_history_is_set_aside() -> None:
    path = history_path()
    path.parent.mkdir(parents=True)
    path.write_text('{"format": 1, "history": [')
    damaged = read_history()
    assert damaged.visits == () and damaged.notice and "history.json.bak" in damaged.notice
    assert read_history() == SavedHistory((), "", None)


def test_process_killed_in_the_middle_of_a_save_keeps_the_saved_history() -> None:
    saved = (Visit("a", "1 A", "2024-09-03T14:05:00"),)
    save_history(saved)
    script = (
        "import os\n"
        "from reader.history import Visit, save_history\n"
        "def die(fd):\n"
        "    os._exit(9)\n"
        "os.fsync = die\n"
        "save_history((Visit('b', '2 B', '2024-09-03T15:00:00'),))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=dict(os.environ),
                            capture_output=True, timeout=60)
    assert result.returncode == 9
    assert read_history() == SavedHistory(saved, "", None)
