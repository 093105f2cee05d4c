"""What the window looked like when it closed, so the next start can pick up there."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from reader.atomic_file import write_json_atomic
from reader.userdata import data_dir, read_versioned_json

SESSION_FORMAT = 1
PAGE_KINDS = ("entry", "section", "page")


@dataclass(frozen=True)
class Session:
    geometry: str = ""  # Qt's saveGeometry(), base64
    splitter: tuple[int, ...] = ()
    page_kind: str = "page"  # "entry" (by id), "section" (by number) or "page" (start, ...)
    page_ref: str = "start"
    scroll: int = 0


def session_path() -> Path:
    return data_dir() / "session.json"


def load_session() -> tuple[Session, str | None]:
    """The last session; a damaged file is set aside (the notice says so) and ignored."""
    loaded = read_versioned_json(session_path(), "last session", SESSION_FORMAT)
    raw = loaded.data.get("session", {})
    if not isinstance(raw, dict):
        return Session(), loaded.notice
    splitter = raw.get("splitter", ())
    session = Session(
        geometry=raw.get("geometry") if isinstance(raw.get("geometry"), str) else "",
        splitter=tuple(splitter) if isinstance(splitter, list)
        and all(isinstance(n, int) and n >= 0 for n in splitter) else (),
        page_kind=raw.get("page_kind") if raw.get("page_kind") in PAGE_KINDS else "page",
        page_ref=raw.get("page_ref") if isinstance(raw.get("page_ref"), str) else "start",
        scroll=raw.get("scroll") if isinstance(raw.get("scroll"), int) else 0,
    )
    return session, loaded.notice


def save_session(session: Session) -> None:
    data = asdict(session)
    data["splitter"] = list(session.splitter)
    write_json_atomic(session_path(), {"format": SESSION_FORMAT, "session": data})
