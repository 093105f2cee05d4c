"""Each benchmark's user folders of its own: never the real user's settings, bookmarks,
history, session or search index."""

from __future__ import annotations

from pathlib import Path

XDG_FOLDERS = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


def user_folders_in(root: str | Path) -> dict[str, str]:
    """The environment that puts every folder platformdirs names under `root`."""
    return {var: str(Path(root) / var.lower()) for var in XDG_FOLDERS}
