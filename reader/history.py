"""Recently opened chapters, newest first, with the time each was opened; saved as JSON."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.atomic_file import write_json_atomic
from reader.bookmarks import MISSING_PREFIX, find_by_id
from reader.edition import short_date
from reader.manual import Manual
from reader.saved_lists import file_stamp, load_items, text_field
from reader.userdata import data_dir

HISTORY_FORMAT = 1
HISTORY_LIMIT = 50
# visits removed one by one, remembered so that another window's older visit of the chapter
# does not bring it back: a few more than the list holds is ample
REMOVED_KEPT = 2 * HISTORY_LIMIT


@dataclass(frozen=True)
class Visit:
    entry_id: str  # the stable chapter id
    title: str  # number and title when opened, shown if the chapter has gone
    opened: str  # ISO 8601 local time with its offset

    def shown(self, manual: Manual) -> str:
        entry = find_by_id(manual, self.entry_id)
        return entry.label if entry else f"{MISSING_PREFIX} {self.title}"

    def when(self) -> str:
        """The time opened as a person reads it, on this computer's clock: "2 Sep 2024 14:03".

        In the time zone it is in now, not the one it was in then: the list is in the order of
        the visits, and its times must be too (after the clocks go back, or a journey)."""
        try:
            moment = datetime.fromisoformat(self.opened)
            if moment.tzinfo is not None:
                moment = moment.astimezone()
        except (ValueError, OverflowError):  # edited by hand, or a year at the ends of time
            return self.opened
        return f"{short_date(moment)} {moment:%H:%M}"


History = tuple[Visit, ...]
Removals = tuple[tuple[str, str], ...]  # (entry id, when removed), newest last


def history_path() -> Path:
    return data_dir() / "history.json"


def _parse(raw: Any) -> Visit | None:
    entry_id, opened = text_field(raw, "id"), text_field(raw, "opened")
    if entry_id is None or opened is None:
        return None
    return Visit(entry_id, text_field(raw, "title") or entry_id, opened)


@dataclass(frozen=True)
class SavedHistory:
    visits: History
    cleared: str  # when History > Clear was last used, in any window; "" if never
    notice: str | None  # what was wrong with the file, if anything
    # chapters removed from the history one by one, by id, with when: older visits stay gone
    removed: Removals = ()


def read_history(path: Path | None = None) -> SavedHistory:
    """The saved history; a damaged file is set aside and the notice says so once."""
    path = path or history_path()
    latest_possible = _latest_possible(path)
    visits, notice, data = load_items(
        path, "history", HISTORY_FORMAT, "history", _parse,
        lambda kept, data: save_history(tuple(kept[:HISTORY_LIMIT]), path,
                                        _cleared(data, latest_possible),
                                        _removed(data, latest_possible)))
    return SavedHistory(tuple(visits[:HISTORY_LIMIT]), _cleared(data, latest_possible), notice,
                        _removed(data, latest_possible))


def _latest_possible(path: Path) -> datetime:
    """The latest a clear or removal in the file can truly have been: now, or when the file
    was saved if that is earlier (each window then reads the same time, not its own now)."""
    latest_time = datetime.now().astimezone()
    stamp = file_stamp(path)
    if stamp is not None:
        latest_time = min(latest_time, datetime.fromtimestamp(stamp[0] / 1e9).astimezone())
    return latest_time


def _not_after(stamp: str, latest_time: datetime) -> str:
    """A clear's or removal's time, dated at `latest_time` if it is later: dated in the
    future (a clock set wrong, a hand edit), it kept the chapters out of every window's
    history until that date."""
    return now_stamp(latest_time) if _moment(stamp) > latest_time else stamp


def _cleared(data: dict[str, Any], latest_time: datetime) -> str:
    cleared = data.get("cleared")
    return _not_after(cleared, latest_time) if isinstance(cleared, str) and cleared else ""


def _removed(data: dict[str, Any], latest_time: datetime) -> Removals:
    raw = data.get("removed")
    if not isinstance(raw, list):
        return ()
    return tuple((item["id"], _not_after(item["when"], latest_time)) for item in raw
                 if isinstance(item, dict) and isinstance(item.get("id"), str)
                 and isinstance(item.get("when"), str))[-REMOVED_KEPT:]


def save_history(visits: History, path: Path | None = None, cleared: str = "",
                 removed: Removals = ()) -> None:
    data: dict[str, object] = {"format": HISTORY_FORMAT, "history": [
        {"id": v.entry_id, "title": v.title, "opened": v.opened} for v in visits]}
    if cleared:  # kept, so that another window open since cannot bring the old visits back
        data["cleared"] = cleared
    if removed:  # the same for visits removed one by one
        data["removed"] = [{"id": entry_id, "when": when}
                           for entry_id, when in removed[-REMOVED_KEPT:]]
    write_json_atomic(path or history_path(), data)


def now_stamp(now: datetime | None = None) -> str:
    return (now or datetime.now().astimezone()).isoformat(timespec="seconds")


def merge_history(ours: History, theirs: History, cleared: str = "",
                  limit: int = HISTORY_LIMIT, removed: Removals = ()) -> History:
    """The visits of two windows as one history, newest first, each chapter once; visits from
    before a clear (in either window), or from before their chapter was removed from the
    history, stay gone."""
    after = _moment(cleared) if cleared else None
    gone = removed_since(removed)
    newest: dict[str, Visit] = {}
    for visit in (*ours, *theirs):  # at the same second, this window's first
        moment = _moment(visit.opened)
        if after is not None and moment <= after:
            continue
        if visit.entry_id in gone and moment <= gone[visit.entry_id]:
            continue
        kept = newest.get(visit.entry_id)
        if kept is None or moment > _moment(kept.opened):
            newest[visit.entry_id] = visit
    return tuple(sorted(newest.values(), key=lambda v: _moment(v.opened), reverse=True))[:limit]


def removed_since(removed: Removals) -> dict[str, datetime]:
    """When each chapter was last removed from the history, by id."""
    return {entry_id: moment for entry_id, (moment, _when) in _latest_removals(removed).items()}


def join_removals(first: Removals, second: Removals) -> Removals:
    """Two windows' removals as one list, each chapter once at its latest, newest last."""
    latest_of = _latest_removals((*first, *second))
    ordered = sorted(latest_of.items(), key=lambda item: item[1][0])
    return tuple((entry_id, when) for entry_id, (_moment_, when) in ordered)[-REMOVED_KEPT:]


def _latest_removals(removed: Removals) -> dict[str, tuple[datetime, str]]:
    kept: dict[str, tuple[datetime, str]] = {}
    for entry_id, when in removed:
        moment = _moment(when)
        if entry_id not in kept or moment > kept[entry_id][0]:
            kept[entry_id] = (moment, when)
    return kept


def remove_visit(visits: History, removed: Removals, entry_id: str,
                 now: datetime | None = None) -> tuple[History, Removals]:
    """History > Remove from history: the chapter's visit goes, and is remembered as removed
    (now) so that no window's older visit of it brings it back."""
    kept = tuple(v for v in visits if v.entry_id != entry_id)
    return kept, join_removals(removed, ((entry_id, now_stamp(now)),))


def latest(first: str, second: str) -> str:
    """The later of two times as saved ("" for never)."""
    if not first or not second:
        return first or second
    return first if _moment(first) >= _moment(second) else second


def _moment(stamp: str) -> datetime:
    """A visit's time, comparable with any other: an unreadable one counts as the oldest."""
    try:
        moment = datetime.fromisoformat(stamp)
        return moment if moment.tzinfo else moment.astimezone()
    except (ValueError, OverflowError):  # a time that no clock gives: edited by hand
        return datetime.min.replace(tzinfo=UTC)


def add_visit(visits: History, entry_id: str, title: str,
              now: datetime | None = None, limit: int = HISTORY_LIMIT) -> History:
    """The chapter first with the time now; an earlier visit of it goes; the oldest fall off."""
    rest = tuple(v for v in visits if v.entry_id != entry_id)
    return (Visit(entry_id, title, now_stamp(now)), *rest)[:limit]
