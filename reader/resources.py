"""Paths of the files in resources/ (stylesheets, icons), in a checkout or a frozen bundle."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)


def bundle_root() -> Path:
    """The folder holding resources/ and content/: the frozen app's, else the checkout's."""
    # PyInstaller puts data files beside the code in sys._MEIPASS (the app's _internal folder,
    # or Contents/Frameworks in a macOS .app, whose Resources folder it links into)
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle else Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return bundle_root() / "resources"


def stylesheet(theme: str = "light") -> str:
    """A theme's chapter stylesheet. One lost from a damaged install is logged and the light
    one used (--selftest names it); that lost too, none: the page plain, where the reader
    stopped at start with a traceback for everyone who had chosen that theme."""
    for name in dict.fromkeys((theme, "light")):
        path = resources_dir() / "styles" / f"{name}.css"
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            log.error("the %s theme's stylesheet %s cannot be read (%s); reinstall the reader",
                      name, path, exc)
    return ""


def icon_path() -> Path:
    return resources_dir() / "icons" / "procedures-reader.svg"


# the pictures the widgets draw besides the app's icon: check marks and drop-down arrows (dark
# ones on light themes)
WIDGET_ICONS = ("check-mark", "down-arrow", "up-arrow", "down-arrow-dark", "up-arrow-dark")


def theme_stylesheets() -> dict[str, Path]:
    """Each theme's chapter stylesheet by theme ("system" takes light's or dark's)."""
    from reader.settings import THEMES

    return {theme: resources_dir() / "styles" / f"{theme}.css"
            for theme in THEMES if theme != "system"}


def widget_icons() -> list[Path]:
    return [resources_dir() / "icons" / f"{name}.svg" for name in WIDGET_ICONS]
