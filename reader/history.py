"""Recently opened chapters, newest first, with the time each was opened; saved as JSON."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reader.atomic_file import write_json_atomic
from reader.bookmarks import MISSING_PREFIX, find_by_id
from reader.manual import Manual
from reader.saved_lists import load_items, text_field
from reader.userdata import data_dir

HISTORY_FORMAT = 1
HISTORY_LIMIT = 50


@dataclass(frozen=True)
class Visit:
    entry_id: str  # the stable chapter id
    title: str  # number and title when opened, shown if the chapter has gone
    opened: str  # ISO 8601 local time with its offset

    def shown(self, manual: Manual) -> str:
        entry = find_by_id(manual, self.entry_id)
        return entry.label if entry else f"{MISSING_PREFIX} {self.title}"

    def when(self) -> str:
        """The time opened as a person reads it: "2 Sep 2024 14:03"."""
        try:
            moment = datetime.fromisoformat(self.opened)
        except ValueError:
            return self.opened
        return f"{moment.day} {moment:%b %Y %H:%M}"


History = tuple[Visit, ...]


def history_path() -> Path:
    return data_dir() / "history.json"


def _parse(raw: Any) -> Visit | None:
    entry_id, opened = text_field(raw, "id"), text_field(raw, "opened")
    if entry_id is None or opened is None:
        return None
    return Visit(entry_id, text_field(raw, "title") or entry_id, opened)


def load_history(path: Path | None = None) -> tuple[History, str | None]:
    """The saved history; a damaged file is set aside and the notice says so once."""
    visits, notice = load_items(path or history_path(), "history", HISTORY_FORMAT, "history",
                                _parse)
    return tuple(visits[:HISTORY_LIMIT]), notice


def save_history(visits: History, path: Path | None = None) -> None:
    write_json_atomic(path or history_path(), {"format": HISTORY_FORMAT, "history": [
        {"id": v.entry_id, "title": v.title, "opened": v.opened} for v in visits]})


def add_visit(visits: History, entry_id: str, title: str,
              now: datetime | None = None, limit: int = HISTORY_LIMIT) -> History:
    """The chapter first with the time now; an earlier visit of it goes; the oldest fall off."""
    opened = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
    rest = tuple(v for v in visits if v.entry_id != entry_id)
    return (Visit(entry_id, title, opened), *rest)[:limit]
