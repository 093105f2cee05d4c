"""History: newest first, one line per chapter, the last 50, damaged files survived."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest

from reader.history import (
    HISTORY_LIMIT,
    REMOVED_KEPT,
    SavedHistory,
    Visit,
    add_visit,
    history_path,
    join_removals,
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


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="the time zone is set by TZ on POSIX")
def test_a_visit_is_shown_at_the_time_on_this_computers_clock() -> None:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/London"  # summer time: an hour ahead of UTC
    time.tzset()
    try:
        assert Visit("a", "1 A", "2024-09-03T13:05:00+00:00").when() == "3 Sep 2024 14:05"
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


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
    # opened at the same second in both: this window's, as it names the chapter now
    same = "2024-09-03T14:00:00+00:00"
    assert merge_history((Visit("a", "1.1 A", same),), (Visit("a", "9.9 Old", same),)) == (
        Visit("a", "1.1 A", same),)
    # thirty each, all different: the newest fifty of them
    ours = tuple(Visit(f"o{n}", "O", f"2024-09-03T14:{59 - 2 * n:02}:00+00:00") for n in range(30))
    theirs = tuple(Visit(f"t{n}", "T", f"2024-09-03T14:{58 - 2 * n:02}:00+00:00")
                   for n in range(30))
    merged = merge_history(ours, theirs)
    assert len(merged) == HISTORY_LIMIT
    assert [merged[0].entry_id, merged[1].entry_id, merged[-1].entry_id] == ["o0", "t0", "t24"]


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


def test_a_history_file_edited_to_hold_more_than_fifty_shows_the_newest_fifty() -> None:
    path = history_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"format": 1, "history": [
        {"id": f"c{n}", "title": f"C{n}", "opened": f"2024-09-03T14:{n:02}:00+00:00"}
        for n in range(59, -1, -1)]}), encoding="utf-8")
    saved = read_history()
    assert saved.notice is None and len(saved.visits) == HISTORY_LIMIT
    assert [saved.visits[0].entry_id, saved.visits[-1].entry_id] == ["c59", "c10"]


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


def test_removals_in_the_file_keep_the_readable_latest_and_the_file_keeps_no_more() -> None:
    path = history_path()
    path.parent.mkdir(parents=True)
    when = "2024-09-03T14:00:00+00:00"
    removed = [{"id": f"r{n}", "when": when} for n in range(REMOVED_KEPT + 10)]
    path.write_text(json.dumps({"format": 1, "history": [], "removed": [
        1, None, "r", {"id": 5, "when": when}, {"id": "no-when"}, [{"id": "x", "when": when}],
        *removed]}), encoding="utf-8")
    saved = read_history()
    assert saved.notice is None and saved.visits == ()
    assert saved.removed == tuple((f"r{n}", when) for n in range(10, REMOVED_KEPT + 10))
    save_history((), removed=tuple((f"s{n}", when) for n in range(REMOVED_KEPT + 1)))
    written = json.loads(path.read_text(encoding="utf-8"))["removed"]
    assert [item["id"] for item in written] == [f"s{n}" for n in range(1, REMOVED_KEPT + 1)]


@pytest.mark.parametrize("bad", ["a", 5, None, {"id": "a", "when": "2024-09-03T14:00:00"}])
def test_removals_of_the_wrong_kind_lose_themselves_only(bad: object) -> None:
    path = history_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"format": 1, "history": [
        {"id": "a", "title": "1 A", "opened": "2024-09-03T14:00:00+00:00"}], "removed": bad}),
        encoding="utf-8")
    saved = read_history()
    assert saved.notice is None and [v.entry_id for v in saved.visits] == ["a"]
    assert saved.removed == ()


def test_a_visit_left_out_as_unreadable_keeps_the_removals_on_the_file(
        caplog: pytest.LogCaptureFixture) -> None:
    # the file is saved again without the visit: the removals must stay with it, or another
    # window's older visit of a removed chapter comes back
    path = history_path()
    path.parent.mkdir(parents=True)
    removed = [{"id": "a", "when": "2024-09-03T14:30:00+00:00"}]
    # a visit without the time it was opened: it cannot be put in order
    path.write_text(json.dumps({"format": 1, "history": [{"id": "b", "title": "2 B"}],
                                "removed": removed, "cleared": "2024-09-03T14:00:00+00:00"}),
                    encoding="utf-8")
    assert read_history().notice == (
        "1 of your history entries could not be read and was left out. The file as it was "
        f"is kept as history.json.bak in {path.parent}.")
    assert "history: 1 of your history entries could not be read" in caplog.text
    again = read_history()
    assert again.notice is None
    assert again.removed == (("a", "2024-09-03T14:30:00+00:00"),)
    assert again.cleared == "2024-09-03T14:00:00+00:00"


def test_two_windows_removals_join_each_chapter_once_at_its_latest() -> None:
    first = (("a", "2024-09-03T14:00:00+00:00"), ("b", "2024-09-03T14:10:00+00:00"))
    second = (("a", "2024-09-03T14:20:00+00:00"), ("c", "2024-09-03T14:05:00+00:00"))
    assert join_removals(first, second) == (
        ("c", "2024-09-03T14:05:00+00:00"), ("b", "2024-09-03T14:10:00+00:00"),
        ("a", "2024-09-03T14:20:00+00:00"))
    assert join_removals(second, first) == join_removals(first, second)
    early = tuple((f"e{n}", f"2024-09-03T14:{n:02}:00+00:00") for n in range(60))
    late = tuple((f"f{n}", f"2024-09-03T15:{n:02}:00+00:00") for n in range(60))
    joined = join_removals(late, early)  # the latest are kept, whichever window has them
    assert len(joined) == REMOVED_KEPT
    assert [joined[0][0], joined[-1][0]] == [f"e{120 - REMOVED_KEPT}", "f59"]


def test_a_visit_removed_twice_stays_out_until_visited_after_the_last_removal() -> None:
    visits = (Visit("a", "1 A", "2024-09-03T14:00:00+00:00"),)
    _kept, removed = remove_visit(visits, (), "a", datetime(2024, 9, 3, 14, 10, tzinfo=UTC))
    _kept, removed = remove_visit(visits, removed, "a", datetime(2024, 9, 3, 14, 30, tzinfo=UTC))
    assert removed == (("a", "2024-09-03T14:30:00+00:00"),)
    between = (Visit("a", "1 A", "2024-09-03T14:20:00+00:00"),)
    assert merge_history((), between, removed=removed) == ()
    at_the_removal = (Visit("a", "1 A", "2024-09-03T14:30:00+00:00"),)
    assert merge_history((), at_the_removal, removed=removed) == ()
    after = (Visit("a", "1 A", "2024-09-03T14:31:00+00:00"),)
    assert merge_history((), after, removed=removed) == after


def test_a_removal_or_clear_dated_in_the_future_counts_from_now() -> None:
    """A clock set wrong, or a hand edit: the chapter was kept out of every window's
    history until that date."""
    past = "2024-09-03T14:30:00+00:00"
    save_history((), cleared="2999-01-01T00:00:00+00:00",
                 removed=(("early", past), ("a", "2999-01-01T00:00:00+00:00")))
    # saved an hour ago: each window reads the clear as made then, not at its own now
    saved_at = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    os.utime(history_path(), (saved_at.timestamp(), saved_at.timestamp()))
    saved = read_history()
    now = datetime.now().astimezone()
    assert datetime.fromisoformat(saved.cleared) == saved_at
    assert saved.removed[0] == ("early", past)  # one in the past as it was
    assert datetime.fromisoformat(saved.removed[1][1]) <= now
    # visited after the removal and the clear, the chapter is in the history again
    visits = add_visit((), "a", "1 A", now + timedelta(seconds=1))
    assert merge_history((), visits, saved.cleared, removed=saved.removed) == visits
