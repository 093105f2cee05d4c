"""The person's settings: what they chose, checked value by value, kept as versioned JSON."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from reader.atomic_file import write_json_atomic
from reader.file_lock import locked
from reader.json_text import parse_json
from reader.text_encoding import decode_saved_text
from reader.text_size import clamped
from reader.userdata import config_dir, read_versioned_json

log = logging.getLogger(__name__)

SETTINGS_FORMAT = 1
THEMES = ("system", "light", "dark", "high-contrast")
# each setting as the person knows it, from the menus and Preferences, for a notice
PLAIN_NAMES = {
    "theme": "the theme",
    "stale_after_months": "when to warn that the edition may be out of date",
    "zoom_steps": "the text size",
    "restore_session": "reopening the tabs at start",
    "caret_browsing": "caret browsing",
}


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
    if isinstance(stored, dict):
        values, unread = _usable(stored)
    else:  # the whole group unreadable: every value is a default
        values, unread = {}, {field.name: "unread" for field in fields(Settings)}
        log.warning("settings file %s: \"settings\" is %s, not an object; the defaults are "
                    "used", settings_path(), type(stored).__name__)
    for name, why in unread.items():  # for whoever edited the file: what it held
        if why != "unread":
            log.warning("settings file %s: %s is %s; the default is used", settings_path(),
                        name, why)
    settings = Settings(**values).checked()
    for name, value in values.items():
        if getattr(settings, name) != value:
            log.info("settings file %s: %s is %r, past the last there is; %r is used",
                     settings_path(), name, value, getattr(settings, name))
    notice = loaded.notice
    if unread:  # a hand-edited file: those values fall back alone, and the person is told
        # in the words of the menus: "zoom_steps" means nothing to the person (the log has it)
        names = "; ".join(PLAIN_NAMES.get(name, name) for name in unread)
        notice = (f"Some of your settings could not be read ({names}), so those are back to "
                  "their defaults.")
    return settings, notice


def _usable(stored: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The values of `stored` this version can use, by name; and why each it cannot use (of
    the wrong type, or out of range) is put back to its default, by name."""
    defaults, values, unread = Settings(), {}, {}
    for field in fields(Settings):  # a key this version does not know is left alone
        if field.name not in stored:
            continue
        value = stored[field.name]
        if field.name == "theme" and isinstance(value, str):
            value = _theme_named(value)
        default = getattr(defaults, field.name)
        # exactly the default's type: true is no number of months, "3" no zoom step
        if type(value) is not type(default):
            unread[field.name] = f"{value!r}, not a {type(default).__name__}"
            continue
        usable = getattr(replace(defaults, **{field.name: value}).checked(), field.name)
        if usable == value or usable != default:
            # or the nearest there is: large text from an earlier version stays large
            values[field.name] = value
        else:  # no theme "purple", no warning at 0 or 500 months: said, not quietly undone
            unread[field.name] = f"{value!r}, not one this reader can use"
    return values, unread


def _theme_named(written: str) -> str:
    """The theme a preset names as View > Theme shows it ("High contrast"), or in another
    case or spacing, as this reader calls it; any other name as it is."""
    spelled = "-".join(written.replace("_", " ").replace("-", " ").lower().split())
    return spelled if spelled in THEMES else written


def save_settings(settings: Settings, before: Settings | None = None) -> None:
    """Write the settings, keeping what the file holds that this version does not know: a
    newer reader sharing the profile (after an upgrade rolled back, or two versions on one
    machine) keeps its own settings.

    With `before` (what this window had), only the values changed since are written: another
    window of the reader may have saved its own choices in the meantime, and keeps them."""
    path = settings_path()
    with locked(path):  # two windows saving at once: one reads and writes at a time
        held = _held(path)
        stored = held.get("settings")
        others = stored if isinstance(stored, dict) else {}
        mine = asdict(settings)
        if before is not None:
            kept, _unread = _usable(others)  # a value this version cannot use is replaced
            mine = {**mine, **kept, **{name: value for name, value in mine.items()
                                       if value != getattr(before, name)}}
        write_json_atomic(path, {
            **held, "format": SETTINGS_FORMAT, "settings": {**others, **mine}})


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
