"""The person's settings: what they chose, checked value by value, kept as versioned JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from reader.atomic_file import write_json_atomic
from reader.json_text import parse_json
from reader.text_encoding import decode_saved_text
from reader.text_size import clamped
from reader.userdata import config_dir, read_versioned_json

SETTINGS_FORMAT = 1
THEMES = ("system", "light", "dark", "high-contrast")


@dataclass(frozen=True)
class Settings:
    theme: str = "system"
    stale_after_months: int = 6  # the edition banner shows once the edition is this old
    zoom_steps: int = 0  # chapter text size: steps from the default (reader/text_size.py)
    restore_session: bool = True  # reopen the last page and window layout at start
    caret_browsing: bool = False  # a text cursor in the chapter that the arrow keys move (F7)

    def checked(self) -> Settings:
        """The same settings with any out-of-range value put back to its default."""
        default = Settings()
        theme = self.theme if self.theme in THEMES else default.theme
        months = self.stale_after_months if 1 <= self.stale_after_months <= 120 else 6
        # to the nearest size there is: large text saved by an earlier version (whose range
        # went to 20) stays as large as this one allows, never back to normal
        zoom = clamped(self.zoom_steps)
        return replace(self, theme=theme, stale_after_months=months, zoom_steps=zoom)


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings() -> tuple[Settings, str | None]:
    """Settings from disk; a damaged file is set aside and the notice says so once."""
    loaded = read_versioned_json(settings_path(), "settings", SETTINGS_FORMAT)
    stored = loaded.data.get("settings", {})
    if not isinstance(stored, dict):  # the whole group unreadable: every value is a default
        stored = {field.name: None for field in fields(Settings)}
    defaults, values, unread = Settings(), {}, []
    for field in fields(Settings):  # a key this version does not know is left alone
        if field.name not in stored:
            continue
        value = stored[field.name]
        # exactly the default's type: true is no number of months, "3" no zoom step
        if type(value) is type(getattr(defaults, field.name)):
            values[field.name] = value
        else:
            unread.append(field.name)
    notice = loaded.notice
    if unread:  # a hand-edited file: those values fall back alone, and the person is told
        notice = (f"Some of your settings could not be read ({', '.join(unread)}), so "
                  "those are back to their defaults.")
    return Settings(**values).checked(), notice


def save_settings(settings: Settings) -> None:
    """Write the settings, keeping what the file holds that this version does not know: a
    newer reader sharing the profile (after an upgrade rolled back, or two versions on one
    machine) keeps its own settings."""
    held = _held(settings_path())
    stored = held.get("settings")
    others = stored if isinstance(stored, dict) else {}
    write_json_atomic(settings_path(), {
        **held, "format": SETTINGS_FORMAT, "settings": {**others, **asdict(settings)}})


def _held(path: Path) -> dict[str, Any]:
    """The settings file as it is now, if it can be read; nothing is moved or reported here,
    load_settings has done that."""
    try:
        data = parse_json(decode_saved_text(path.read_bytes()))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    if not isinstance(data, dict) or data.get("format") != SETTINGS_FORMAT:
        return {}
    return data
