"""Paths of the files in resources/ (stylesheets, icons), in a checkout or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    # PyInstaller unpacks data beside the code under sys._MEIPASS
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return base / "resources"


def stylesheet(theme: str = "light") -> str:
    return (resources_dir() / "styles" / f"{theme}.css").read_text(encoding="utf-8")


def icon_path() -> Path:
    return resources_dir() / "icons" / "procedures-reader.svg"
