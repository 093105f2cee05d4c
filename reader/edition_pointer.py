"""Which content folder to read: the installed update the pointer file names, if it is sound,
else the bundled edition.

Read at every start, so it stays small; installing and removing editions is
`reader.content_update`, which writes what this reads.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reader.edition import format_date
from reader.json_text import parse_json
from reader.manual import BUNDLED_CONTENT, CONTENT_ENCODING

log = logging.getLogger(__name__)

POINTER_NAME = "current-edition.json"
POINTER_FORMAT = 1
# the reader writes a few hundred bytes, a few hundred thousand with a long list of changes:
# far past that it is damage, and read whole at every start it took 1.6 GB at 100 MB
MAX_POINTER_BYTES = 5_000_000
EDITIONS_FOLDER = "editions"


@dataclass(frozen=True)
class InstalledEdition:
    """The installed edition the pointer file names."""

    edition: date
    path: Path
    content_hash: str
    installed: datetime
    # what it changed from the edition in use before it, one line each, for What's new
    changes: tuple[str, ...] = ()
    changes_from: date | None = None


def data_root_or_default(data_root: Path | None) -> Path:
    """The folder that holds the pointer and the editions: the one given, else the user's."""
    if data_root is not None:
        return data_root
    from reader.userdata import data_dir

    return data_dir()  # at call time, so tests and benchmarks can point it elsewhere


def is_installed_edition(folder: Path) -> bool:
    """Whether a content folder is an update installed in the user's data folder, not the
    bundled edition nor one named with --content."""
    editions = data_root_or_default(None) / EDITIONS_FOLDER
    return folder.resolve().parent == editions.resolve()


def installed_edition(*, data_root: Path | None = None) -> InstalledEdition | None:
    """The edition the pointer file names, or None if there is none or it cannot be read."""
    try:
        return _installed(data_root_or_default(data_root))
    except ValueError:
        return None  # logged


def _installed(root: Path) -> InstalledEdition | None:
    """The edition the pointer names, None without a pointer; ValueError (logged) if the
    pointer cannot be used."""
    pointer = root / POINTER_NAME
    try:
        present = pointer.exists()
    except OSError as exc:  # a data folder this account may not read
        log.warning("the installed-edition pointer %s cannot be read: %s", pointer, exc)
        raise ValueError(f"{pointer} cannot be read ({exc.strerror or exc})") from exc
    if not present:
        return None
    try:
        return _read_pointer(pointer, root / EDITIONS_FOLDER)
    except ValueError as exc:
        log.warning("the installed-edition pointer %s cannot be used: %s", pointer, exc)
        kind = _NewerPointer if isinstance(exc, _NewerPointer) else ValueError
        raise kind(f"{pointer} {exc}") from exc


class _NewerPointer(ValueError):
    """A pointer in a format this reader is too old to know: not damaged."""


def _read_pointer(pointer: Path, editions: Path) -> InstalledEdition:
    try:
        if not pointer.is_file():  # a folder; or a pipe or device, whose reading never ends
            raise ValueError("is not a file")
        if (size := pointer.stat().st_size) > MAX_POINTER_BYTES:
            raise ValueError(f"is far too large ({size:,} bytes), not one this reader wrote")
        # "utf-8-sig": a pointer IT edited by hand in Notepad starts with a byte-order mark
        data: Any = parse_json(pointer.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot be read ({exc})") from exc
    found = data.get("format") if isinstance(data, dict) else None
    if type(found) is int and found > POINTER_FORMAT:
        raise _NewerPointer(f"is in format {found}, from a newer reader")
    if found != POINTER_FORMAT:
        raise ValueError("is not a pointer file this reader wrote")
    folder = data.get("folder")
    if not isinstance(folder, str) or not folder or "/" in folder or "\\" in folder \
            or folder.startswith("."):
        raise ValueError(f"names an unusable folder {folder!r}")
    try:
        edition = date.fromisoformat(str(data.get("edition")))
        installed = datetime.fromisoformat(str(data.get("installed")))
    except ValueError as exc:
        raise ValueError(f"has a date that does not parse ({exc})") from exc
    return InstalledEdition(edition, editions / folder, str(data.get("content_hash", "")),
                            installed, *_changes(data))


def installed_content_hash(folder: Path, *, data_root: Path | None = None) -> str | None:
    """The digest of the files of `folder` if it is the installed edition, as its install
    recorded it from the update's manifest (what tells two issues of one date apart); None
    for any other folder, the bundled edition among them. Nothing is hashed: it runs at every
    start."""
    root = data_root_or_default(data_root)
    if folder.parent != root / EDITIONS_FOLDER:
        return None  # the pointer is not read again, nor a damaged one logged again
    installed = installed_edition(data_root=root)
    if installed is None or installed.path != folder or not installed.content_hash:
        return None
    return installed.content_hash


def _changes(data: dict[str, Any]) -> tuple[tuple[str, ...], date | None]:
    """The changes the pointer records; none from a pointer written before they were kept,
    or one whose record of them is damaged (the edition itself is still usable)."""
    changes = data.get("changes")
    if not isinstance(changes, list) or not all(isinstance(line, str) for line in changes):
        return (), None
    try:
        since = date.fromisoformat(str(data.get("changes_from")))
    except ValueError:
        since = None
    return tuple(changes), since


def quick_check(folder: Path) -> str | None:
    """Why an installed edition folder cannot be used, or None: sizes and the contents and
    edition files read, no hashing (it runs at every start)."""
    # only when an update is installed: the archive module is not needed to read the bundle
    from reader.content_archive import NewerFormat

    try:
        return _quick_check(folder)
    except NewerFormat as exc:
        return str(exc)


def _quick_check(folder: Path) -> str | None:
    """quick_check, but NewerFormat raised for a folder a newer reader installed."""
    from reader.content_archive import MANIFEST_NAME, ArchiveError, NewerFormat, read_manifest_file

    # a pipe, or a link to /dev/zero, would be read to no end; the files it lists are safe,
    # as their sizes are checked before any is read
    manifest_file = folder / MANIFEST_NAME
    try:
        if manifest_file.exists() and not manifest_file.is_file():
            return f"{manifest_file} is not a file"
    except OSError as exc:  # a folder this account may not look into
        return f"{manifest_file} cannot be read ({exc.strerror or exc})"
    try:
        manifest = read_manifest_file(folder)
    except NewerFormat:
        raise
    except ArchiveError as exc:
        return str(exc)
    for item in manifest.files:
        path = folder / item.path
        try:
            size = path.stat().st_size
        except OSError:
            return f"{path} is missing"
        if size != item.size:
            return f"{path} is {size} bytes, not the {item.size} its manifest gives"
    try:
        data = parse_json((folder / "contents.json").read_text(encoding=CONTENT_ENCODING))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return f"{folder / 'contents.json'} cannot be read ({exc})"
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        return f"{folder / 'contents.json'} holds no contents"
    # the edition date every page and the status bar show: never a placeholder for a real one
    if edition_of(folder) != manifest.edition:
        return f"{folder / 'manual.json'} does not give the edition its manifest names"
    return None


def edition_of(folder: Path) -> date | None:
    """The edition date a content folder's manual.json gives; None if it cannot be read."""
    try:
        data = parse_json((folder / "manual.json").read_text(encoding=CONTENT_ENCODING))
        return date.fromisoformat(str(data.get("edition")))
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        return None


def active_content_dir(bundled: Path = BUNDLED_CONTENT, *,
                       data_root: Path | None = None) -> Path:
    """The content folder to read: the installed edition if it is sound, else the bundled one."""
    return content_in_use(bundled, data_root=data_root)[0]


def content_in_use(bundled: Path = BUNDLED_CONTENT, *,
                   data_root: Path | None = None) -> tuple[Path, str | None]:
    """The content folder to read, and a sentence for the person if an installed update had
    to be passed over: without it they would read an older edition unawares.

    A bundled edition newer than the installed one wins (the program itself was updated).
    """
    try:
        installed = _installed(data_root_or_default(data_root))
    except _NewerPointer:
        # a newer reader installed it, then this older one was put back: nothing is damaged,
        # and installing again here would undo what the newer reader wrote
        edition = edition_of(bundled)
        bundled_edition = f" of {format_date(edition)}" if edition else ""
        return bundled, ("The content update installed here was installed by a newer version "
                         f"of the reader, which this one cannot read, so this is the edition"
                         f"{bundled_edition} that came with the reader.")
    except ValueError:
        return bundled, _passed_over("The record of the content update installed here is "
                                     "damaged", bundled)
    if installed is None:
        return bundled, None
    from reader.content_archive import NewerFormat

    try:
        problem = _quick_check(installed.path)
    except NewerFormat as exc:
        # not damaged, as the pointer from a newer reader is not: installing it again here
        # is refused for the same reason, and the person would be left going round
        log.warning("the installed edition of %s cannot be read: %s; reading the bundled "
                    "edition", installed.edition, exc)
        return bundled, _passed_over(
            f"The content update installed here (edition of {format_date(installed.edition)}) "
            "was made for a newer version of the reader, which this one cannot read", bundled,
            "Update the reader to read it.")
    if problem is not None:
        log.warning("the installed edition of %s cannot be used (%s); reading the bundled "
                    "edition", installed.edition, problem)
        when = format_date(installed.edition)
        return bundled, _passed_over(
            f"The content update installed here (edition of {when}) is damaged", bundled)
    bundled_edition = edition_of(bundled)
    if bundled_edition is not None and bundled_edition > installed.edition:
        log.info("the bundled edition of %s is newer than the installed edition of %s; "
                 "reading the bundled edition", bundled_edition, installed.edition)
        return bundled, None
    return installed.path, None


def _passed_over(what: str, bundled: Path,
                 to_do: str = "Install the update again; the log says what is wrong.") -> str:
    edition = edition_of(bundled)
    bundled_edition = f" of {format_date(edition)}" if edition else ""
    return f"{what}, so this is the edition{bundled_edition} that came with the reader. {to_do}"
