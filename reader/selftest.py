"""A quick check that an installed reader works: content, search index, search, rendering.

`procedures-reader --selftest` runs it; the installer build runs it on the frozen app right
after building. It never shows a window (Qt draws offscreen) and fails if anything in this
process tries to reach the network. In a frozen app (or with `require_prebuilt`) the index
shipped with the content must be used as it is: having to build one means the build is wrong.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader import __version__
from reader.edition import edition_phrase

if TYPE_CHECKING:
    from reader.manual import Entry, Manual

log = logging.getLogger(__name__)

Say = Callable[[str], None]
# audit events that mean this process is trying to reach another machine
NETWORK_EVENTS = frozenset({
    "socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
    "socket.sendto", "socket.sendmsg",
})
_network_calls: list[str] | None = None  # collected while a selftest runs, else None


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _network_calls is not None and event in NETWORK_EVENTS:
        _network_calls.append(f"{event} {args[1:2]!r}")


_hook_installed = False


def _watch_network() -> list[str]:
    """Start collecting network calls; audit hooks cannot be removed, so one serves all runs."""
    global _hook_installed, _network_calls
    if not _hook_installed:
        sys.addaudithook(_audit)
        _hook_installed = True
    _network_calls = []
    return _network_calls


def is_frozen() -> bool:
    """Whether this is the installed (PyInstaller) app rather than a source checkout."""
    return bool(getattr(sys, "frozen", False))


def run_selftest(
    content_dir: Path, *, require_prebuilt: bool | None = None, say: Say = print
) -> list[str]:
    """Check the reader on a content folder; the failures in plain words (none: all is well)."""
    if require_prebuilt is None:
        require_prebuilt = is_frozen()
    network = _watch_network()
    failures: list[str] = []

    def report(line: str) -> None:
        log.info("selftest: %s", line)
        say(line)

    def fail(line: str) -> None:
        log.error("selftest failed: %s", line)
        failures.append(line)
        say(f"FAILED: {line}")

    global _network_calls
    try:
        report(f"Procedures Reader {__version__} ({'installed app' if is_frozen() else 'source'})"
               f", Python {sys.version.split()[0]}")
        _check(content_dir, require_prebuilt, report, fail)
    except Exception as exc:  # a selftest reports what broke instead of a traceback
        log.exception("selftest stopped")
        fail(f"stopped by an unexpected error: {type(exc).__name__}: {exc}")
    finally:
        _network_calls = None
    for call in network:
        fail(f"tried to use the network: {call}")
    return failures


def _check(content_dir: Path, require_prebuilt: bool, report: Say, fail: Say) -> None:
    _check_user_folders(report, fail)
    _check_edition(content_dir, require_prebuilt, report, fail)
    in_use = _check_content_update(content_dir, report, fail)
    if in_use != content_dir:
        # the edition the person reads; its index is built in the cache after the install,
        # as none comes with an update
        _check_edition(in_use, False, lambda line: report(f"update in use: {line}"),
                       lambda line: fail(f"update in use: {line}"), update=True)
    _check_icon(report, fail)
    _check_theme_files(report, fail)


def _check_edition(content_dir: Path, require_prebuilt: bool, report: Say, fail: Say, *,
                   update: bool = False) -> None:
    """One edition's content, search and rendering; an `update` installed in the data folder."""
    from reader.manual import ContentError, load_manual

    if require_prebuilt and not update and (damage := _built_in_content_damage(content_dir)):
        fail(f"the manual built into the reader, in {content_dir}, is damaged ({damage}); "
             "reinstall the reader")
    try:
        manual = load_manual(content_dir)
    except ContentError as exc:
        fail(f"the manual in {content_dir} cannot be read: {exc}")
        return
    chapters = manual.chapters()
    held = [entry for entry in chapters if manual.has_text(entry)]
    report(f"content: {content_dir}: {edition_phrase(manual.info.edition)}, "
           f"{len(manual.sections)} sections, {len(chapters)} chapters, {len(held)} with text")
    for problem in manual.problems:
        fail(f"content problem: {problem}")
    if not held:
        fail("no chapter has text")
        return
    if _check_search(manual, held[0], require_prebuilt, report, fail, update=update):
        _check_rendering(manual, held[0], report, fail)


def _built_in_content_damage(content_dir: Path) -> str | None:
    """Which file of the manual differs from the one the build packed, as its manifest lists
    them (size and digest); None if all match. Any later check would blame the content."""
    from reader.content_archive import (
        ArchiveError,
        build_manifest,
        first_difference,
        read_manifest_file,
    )

    try:
        packed = read_manifest_file(content_dir)
        found = first_difference(
            packed, build_manifest(content_dir, packed.edition, packed.title))
    except (ArchiveError, OSError) as exc:
        return f"its list of files cannot be checked: {exc}"
    if found is None:
        return None
    path, built, now = found
    if built is None:
        return f"{path} was not built into it"
    if now is None:
        return f"{path} is missing"
    return (f"{path} holds {now.size} bytes, not {built.size}" if now.size != built.size
            else f"{path} has changed")


def _check_content_update(content_dir: Path, report: Say, fail: Say) -> Path:
    """Which edition the person reads, its folder returned: an update installed in their data
    folder that is damaged is passed over for the one above, and every page says so."""
    from reader.edition_pointer import content_in_use, edition_of, installed_edition, quick_check

    folder, notice = content_in_use(content_dir)
    installed = installed_edition()
    if notice is not None:
        problem = quick_check(installed.path) if installed is not None else None
        detail = f" ({problem})" if problem else ""
        fail(f"content update: {notice}{detail}")
    elif folder != content_dir:
        edition = edition_of(folder)
        report(f"content update: {edition_phrase(edition or date.min)} in {folder}, in use "
               "(its files are all there, at their sizes)")
    elif installed is not None:
        report(f"content update: {edition_phrase(installed.edition)} in {installed.path}, "
               "not used: the content above is newer")
    else:
        report("content update: none installed")
    return folder


def _check_user_folders(report: Say, fail: Say) -> None:
    """Each user folder takes a file: a profile the account cannot write to (or a full disk)
    starts the reader, but it keeps nothing, which IT wants to hear before the person does."""
    from reader.userdata import (
        cache_dir,
        config_dir,
        data_dir,
        in_temporary_home,
        log_dir,
        unwritable_reason,
    )

    folders = (
        ("settings", config_dir(), "settings chosen are lost at the next start"),
        ("data", data_dir(), "bookmarks, history, the last session and content updates "
                             "cannot be kept"),
        ("cache", cache_dir(), "a search index not shipped with the content is built "
                               "again at every start"),
        ("log", log_dir(), "problems leave no record for IT"),
    )
    for kind, folder, lost in folders:
        why = unwritable_reason(folder)
        if why is None and in_temporary_home(folder):
            fail(f"the {kind} folder {folder} is under the temporary folder, as this account "
                 "has no home folder, and may be emptied at any restart")
        elif why is None:
            report(f"{kind} folder: {folder} (writable)")
        else:
            fail(f"the {kind} folder {folder} cannot be written ({why}): {lost}")


def _check_search(
    manual: Manual, known: Entry, require_prebuilt: bool, report: Say, fail: Say, *,
    update: bool = False,
) -> bool:
    """Open the index (shipped, or built in the cache when allowed) and find a known chapter.
    An `update` comes with no index: the cache's is its own."""
    from reader.search import PREBUILT_DIR, IndexSearcher, open_search

    shipped = manual.root / PREBUILT_DIR
    shipped_problem = None if update else _shipped_index_problem(manual)
    if shipped_problem and require_prebuilt:
        fail(f"the search index shipped in {shipped} cannot be used ({shipped_problem}); "
             "the reader would have to build one")
        return False
    if shipped_problem:
        report(f"no usable shipped index ({shipped_problem}): using the cache's, "
               "building it if needed, as a source checkout does")
    opened = open_search(manual)
    try:
        status = opened.status
        if not isinstance(opened.searcher, IndexSearcher):
            # the message says so itself ("Full-text search is unavailable (why); ...")
            fail(status.message or "full-text search is unavailable")
            return False
        how = "shipped, used read-only" if status.read_only else (
            "built just now" if status.built else "cached")
        if status.path is None:  # the cache could not take it (said above)
            report(f"search index: {status.message or 'built in memory for this run only'}")
        else:
            report(f"search index: {status.path} ({how})")
        if require_prebuilt and not status.read_only:
            fail("the shipped search index was not used")
        result = opened.searcher.search(known.title, limit=5)
        found = [hit.id for hit in result.hits]
        if known.id in found:
            report(f'search: "{known.title}" finds {known.number} {known.id}')
        else:
            fail(f'search: "{known.title}" does not find {known.id} (found: {found})')
    finally:
        opened.searcher.close()
    return True


def _shipped_index_problem(manual: Manual) -> str | None:
    """Why the index shipped with the content cannot be used, or None if it can."""
    from reader.search import PREBUILT_DIR
    from reader.search_index import IndexUnusable, check_index, content_hash

    shipped = manual.root / PREBUILT_DIR
    try:
        check_index(shipped, content_hash(manual.root), read_only=True)
    except (IndexUnusable, OSError) as exc:
        return str(getattr(exc, "detail", None) or exc) if shipped.is_dir() else "there is none"
    return None


def _check_rendering(manual: Manual, entry: Entry, report: Say, fail: Say) -> None:
    """Render a chapter to HTML, and lay it out and draw it with Qt."""
    from reader.render import ChapterRenderer, html_to_text

    page = ChapterRenderer(manual).page_for(entry)
    text = html_to_text(page.html)
    if entry.title not in text or len(text) < 200:
        fail(f"chapter {entry.number} renders without its text")
        return
    for problem in page.problems:
        fail(f"chapter {entry.number}: {problem}")
    _app = _qt_app()
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument

    from reader.resources import stylesheet

    document = QTextDocument()
    document.setDefaultStyleSheet(stylesheet("light"))
    document.setHtml(page.html)
    document.setPageSize(QSizeF(800, 100_000))
    image = QImage(800, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    document.drawContents(painter)
    painter.end()
    inked = sum(1 for y in range(0, 600, 10) for x in range(0, 800, 10)
                if image.pixelColor(x, y) != QColor("white"))
    if document.pageCount() < 1 or inked == 0:
        fail(f"chapter {entry.number} draws as a blank page")
    else:
        report(f"rendering: chapter {entry.number} laid out and drawn "
               f"({len(text)} characters)")


def _check_icon(report: Say, fail: Say) -> None:
    _app = _qt_app()
    from PySide6.QtGui import QImage

    from reader.resources import icon_path

    icon = QImage(str(icon_path()))
    if icon.isNull():
        fail(f"the icon {icon_path()} cannot be loaded (SVG support missing?)")
    else:
        report("icon: loads (SVG support present)")


def _check_theme_files(report: Say, fail: Say) -> None:
    """Every theme's stylesheet and the widgets' pictures: one lost from the install leaves
    whoever chose that theme reading in the light theme's colours, though it seems whole."""
    _app = _qt_app()
    from PySide6.QtGui import QImage

    from reader.resources import theme_stylesheets, widget_icons

    faults = 0
    for theme, sheet in theme_stylesheets().items():
        try:
            if not sheet.read_text(encoding="utf-8").strip():
                raise ValueError("it is empty")
        except (OSError, ValueError) as exc:
            faults += 1
            why = getattr(exc, "strerror", None) or exc
            fail(f"the {theme} theme's stylesheet {sheet} cannot be read ({why}): pages are "
                 "shown in the light theme's colours to anyone who chose that theme; "
                 "reinstall the reader")
    for icon in widget_icons():
        if QImage(str(icon)).isNull():
            faults += 1
            fail(f"the picture {icon} cannot be loaded: check boxes and drop-down lists show "
                 "without their marks; reinstall the reader")
    if not faults:
        report(f"themes: {len(theme_stylesheets())} stylesheets and "
               f"{len(widget_icons())} pictures read")


def _qt_app() -> object:
    """Qt without a screen, for the checks that draw: they show that the bundled Qt libraries
    and plugins load. Kept by the caller while it draws."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
