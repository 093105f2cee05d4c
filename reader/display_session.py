"""Whether this session has a screen for the window, checked before Qt is asked for one."""

from __future__ import annotations

from collections.abc import Mapping

# where Qt's default platform needs a display server named in the environment; Windows and
# macOS always have their own
_DISPLAY_SERVER_SYSTEMS = ("linux", "freebsd", "openbsd", "netbsd")


def missing_display(environ: Mapping[str, str], system: str, *, screenshot: bool) -> str | None:
    """Why the window cannot open here, in words for the person at the terminal; None if it
    may. Without a display Qt aborts (exit 134) and suggests reinstalling, which is wrong: an
    SSH login or a service, where the commands are what works."""
    if not system.startswith(_DISPLAY_SERVER_SYSTEMS):
        return None
    if environ.get("QT_QPA_PLATFORM") or environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None  # a platform chosen, or a display server named: Qt says if it fails
    if environ.get("XDG_SESSION_TYPE") in ("x11", "wayland"):
        return None  # a desktop session, whose display Qt finds by its defaults
    advice = ("for --screenshot without a screen, set QT_QPA_PLATFORM=offscreen" if screenshot
              else "start the reader from a desktop session; its commands (toc, show, search, "
              "--selftest) need no screen")
    return ("there is no screen here to open the window on (this session names no display: "
            f"DISPLAY and WAYLAND_DISPLAY are not set); {advice}")
