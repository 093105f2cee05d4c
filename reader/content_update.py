"""Installing a content update offline, switching to it atomically, and falling back safely.

Editions live in the user data folder as `editions/<edition>-<hash8>/`. A small pointer file,
`current-edition.json`, names the one in use; it is replaced in one atomic step, so at every
moment the reader has either the old edition or the new one. An archive is checked completely
and unpacked into a staging folder beside the editions before the pointer moves; a refused or
interrupted install leaves the current edition as it was, and the next install clears the
leftovers. Plain Python: the window calls this from a worker thread.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from reader.content_archive import (
    ArchiveError,
    ArchiveNotOpened,
    NewerFormat,
    Progress,
    sha256_file,
    unpack_checked,
)
from reader.edition import format_date
from reader.edition_pointer import (
    EDITIONS_FOLDER,
    POINTER_FORMAT,
    POINTER_NAME,
    InstalledEdition,
    active_content_dir,
    data_root_or_default,
    edition_of,
    installed_edition,
    quick_check,
)
from reader.file_lock import LockBusyError, locked
from reader.manual import (
    BUNDLED_CONTENT,
    FLAG_LABELS,
    ContentError,
    Entry,
    Manual,
    load_manual,
    problem_count,
)
from reader.userdata import file_in_the_way

log = logging.getLogger(__name__)

# what a person does about an archive refused as damaged or as no content update
GET_IT_AGAIN = ("Check that this is the content update you were sent and, if it is, get it "
                "again: a download or copy cut short is refused whole")

UPDATES = "content-update"  # what the lock guards
LOCK_NAME = f"{UPDATES}.lock"
STAGING_PREFIX = ".staging-"
ASIDE_PREFIX = ".old-"
# A test hook: the installer stops at this stage ("unpacked", "moved") so a test can kill it.
PAUSE_AT_ENV = "PROCEDURES_READER_TEST_PAUSE_AT"
PAUSE_MARKER_ENV = "PROCEDURES_READER_TEST_PAUSE_MARKER"
PAUSE_SECONDS = 300


class ContentUpdateError(Exception):
    """An update that was not installed; the message says why, and the current edition stays."""


class OlderEdition(ContentUpdateError):
    """An update older than the edition in use: installed only when asked for on purpose (a
    login script rolling every laptop back would go unnoticed)."""


@dataclass(frozen=True)
class EntrySummary:
    """An entry of the contents as a person recognises it."""

    id: str
    kind: str
    number: str | None
    title: str
    flags: tuple[str, ...] = ()
    has_text: bool = False  # the edition holds its chapter text (not only lists it)

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


@dataclass(frozen=True)
class EntryChange:
    """An entry in both editions that changed: its number, title, flags or chapter text."""

    before: EntrySummary
    after: EntrySummary
    changed: tuple[str, ...]  # any of "number", "title", "flags", "text"

    def describe(self) -> str:
        """One line: "6.7.6 Staying Put Policy: renumbered (was 6.7.5), now marked Updated"."""
        parts = []
        if "number" in self.changed:
            parts.append(f"renumbered (was {self.before.number or 'unnumbered'})")
        if "title" in self.changed:
            parts.append(f'retitled (was "{self.before.title}")')
        if "flags" in self.changed:
            parts += _flag_changes(self.before.flags, self.after.flags)
        if "text" in self.changed:
            parts.append(self._text_change())
        return f"{self.after.label}: {', '.join(parts)}"

    def _text_change(self) -> str:
        """A chapter only listed before and held now has its text added, not "changed"."""
        if not self.before.has_text:
            return "text added"
        if not self.after.has_text:
            return "text removed"
        return "text changed"


def _flag_changes(before: tuple[str, ...], after: tuple[str, ...]) -> list[str]:
    """"now marked Updated", "no longer marked under review": what the badges in the
    contents now say, which "flags changed" left the person to work out."""
    def named(flags: list[str]) -> str:
        return " and ".join(FLAG_LABELS.get(flag, flag) for flag in flags)

    gained = [flag for flag in after if flag not in before]
    lost = [flag for flag in before if flag not in after]
    said = []
    if gained:
        said.append(f"now marked {named(gained)}")
    if lost:
        said.append(f"no longer marked {named(lost)}")
    return said


@dataclass(frozen=True)
class ContentDiff:
    """What an update changes, entry by entry (by id), for the person to read."""

    old_edition: date | None
    new_edition: date
    added: tuple[EntrySummary, ...]
    removed: tuple[EntrySummary, ...]
    updated: tuple[EntryChange, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.updated)

    def summary(self) -> str:
        if self.is_empty:
            return "no changes to the contents or the chapters"
        return (f"{len(self.added)} added, {len(self.removed)} removed, "
                f"{len(self.updated)} updated")

    def lines(self) -> list[str]:
        """Each change on a line of its own."""
        return ([f"added: {entry.label}" for entry in self.added]
                + [f"removed: {entry.label}" for entry in self.removed]
                + [f"updated: {change.describe()}" for change in self.updated])


@dataclass(frozen=True)
class InstallResult:
    """An installed update: where it is, what it changed, and what was in use before."""

    edition: date
    path: Path
    previous: Path
    diff: ContentDiff
    files: int
    already_installed: bool


def _report(progress: Progress | None, message: str, done: int, total: int) -> None:
    if progress is not None:
        progress(message, done, total)


def install_content(archive: Path, progress: Progress | None = None, *,
                    bundled: Path = BUNDLED_CONTENT, data_root: Path | None = None,
                    allow_older: bool = False) -> InstallResult:
    """Check an update archive completely, unpack it beside the current edition, switch to it.

    `progress(message, done, total)` is called along the way, from the calling thread; an
    exception it raises before "Switching to the new edition" cancels the install. Raises
    ContentUpdateError with a plain reason; the edition in use is then untouched. An edition
    older than the one in use raises OlderEdition unless `allow_older`.
    """
    archive = Path(archive)
    root = data_root_or_default(data_root)
    try:
        with _update_lock(root):
            return _install(archive, progress, bundled, root, allow_older)
    except ContentUpdateError as exc:
        # from a login script, or the windowed app on Windows, the log is all IT will see
        log.warning("the content update %s was not installed: %s", archive, exc)
        raise


def _check_not_older(name: str, edition: date, bundled: Path, current: Path,
                     allow_older: bool) -> None:
    own = edition_of(bundled)
    if own is not None and edition < own:
        raise ContentUpdateError(
            f"{name} holds the edition of {format_date(edition)}, older than the reader's own "
            f"edition of {format_date(own)}. The reader always reads the newer of the two, so "
            "installing it would change nothing.")
    in_use = edition_of(current)
    if in_use is not None and edition < in_use and not allow_older:
        raise OlderEdition(
            f"{name} holds the edition of {format_date(edition)}, older than the edition in "
            f"use, of {format_date(in_use)}.")


def _install(archive: Path, progress: Progress | None, bundled: Path, root: Path,
             allow_older: bool) -> InstallResult:
    editions = root / EDITIONS_FOLDER
    current = active_content_dir(bundled, data_root=root)
    try:
        editions.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=editions))
    except OSError as exc:
        raise ContentUpdateError(f"cannot make a folder for the update in {editions} "
                                 f"({exc.strerror or exc})") from exc
    try:
        _report(progress, f"Checking {archive.name}", 0, 1)
        try:
            manifest = unpack_checked(archive, staging, progress)
        except NewerFormat as exc:
            raise ContentUpdateError(f"{exc}. Update the reader, then install {archive.name} "
                                     "again.") from None
        except ArchiveNotOpened as exc:  # the name given is at fault: another copy mends nothing
            raise ContentUpdateError(str(exc)) from None
        except ArchiveError as exc:
            # damaged, altered or another kind of file: said what, and what to do about it
            raise ContentUpdateError(f"{exc}. {GET_IT_AGAIN}") from None
        except OSError as exc:
            raise ContentUpdateError(f"cannot unpack {archive.name} into {editions} "
                                     f"({exc.strerror or exc})") from exc
        _check_not_older(archive.name, manifest.edition, bundled, current, allow_older)
        _report(progress, "Checking the new edition's content", 0, 1)
        new_manual = _validated(staging, archive.name, manifest.edition)
        diff = diff_contents(_load_or_none(current), new_manual)
        _pause_for_tests("unpacked")
        final = editions / f"{manifest.edition.isoformat()}-{manifest.content_hash[:8]}"
        _report(progress, "Switching to the new edition", 0, 1)
        previous_installed = installed_edition(data_root=root)
        try:
            already = _move_into_place(staging, final)
            _pause_for_tests("moved")
            _write_pointer(root, manifest.edition, final, manifest.content_hash,
                           *_changes_to_keep(diff, final, previous_installed))
        except OSError as exc:
            # the pointer is written in the data folder, not in editions/: name what failed
            where = Path(exc.filename).parent if exc.filename else editions
            raise ContentUpdateError(f"cannot switch to the new edition in {where} "
                                     f"({exc.strerror or exc})") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    keep = {final.name}
    if previous_installed is not None:
        keep.add(previous_installed.path.name)  # a window still open on it keeps working
    _clear_leftovers(editions, keep)
    _report(progress, "Installed", 1, 1)
    log.info("installed the edition of %s from %s into %s (%s)", manifest.edition, archive,
             final, diff.summary())
    # its folder alone does not say so: a switch cut short (the disk full as the pointer was
    # written) leaves the folder, never used, and the next try was then "installed before"
    in_use_before = previous_installed is not None and previous_installed.path == final
    return InstallResult(
        edition=manifest.edition, path=final, previous=current, diff=diff,
        files=len(manifest.files), already_installed=already and in_use_before,
    )


def _validated(folder: Path, name: str, edition: date) -> Manual:
    from reader.validate import validate

    manual, problems = validate(folder)
    if manual is None or problems:
        listed = "; ".join(_relative(problem_text, folder) for problem_text in
                           (str(problem) for problem in problems[:3]))
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise ContentUpdateError(f"{name}: the content it holds has "
                                 f"{problem_count(len(problems))}, so it was not installed: "
                                 f"{listed}{more}")
    if manual.info.edition != edition:
        raise ContentUpdateError(f"{name}: its manifest says the edition of {edition} but its "
                                 f"manual.json says {manual.info.edition}; refused")
    return manual


def _relative(text: str, folder: Path) -> str:
    return text.replace(f"{folder}{os.sep}", "")


def _move_into_place(staging: Path, final: Path) -> bool:
    """Rename the checked staging folder to its edition folder; True if it was already there."""
    if final.is_dir():
        if quick_check(final) is None:
            return True  # the same files were installed before and are intact
        aside = final.with_name(f"{ASIDE_PREFIX}{final.name}-{os.getpid()}")
        os.replace(final, aside)
        shutil.rmtree(aside, ignore_errors=True)
    os.replace(staging, final)
    return False


def _changes_to_keep(diff: ContentDiff, final: Path, previous: InstalledEdition | None
                     ) -> tuple[list[str], date | None]:
    """What What's new lists for the edition installed: the same archive installed again
    changes nothing, and must not wipe what its first install changed."""
    if previous is not None and previous.path == final and diff.is_empty:
        return list(previous.changes), previous.changes_from
    return diff.lines(), diff.old_edition


def _write_pointer(root: Path, edition: date, folder: Path, content_hash: str,
                   changes: list[str], changes_from: date | None) -> None:
    from reader.atomic_file import write_json_atomic

    write_json_atomic(root / POINTER_NAME, {
        "format": POINTER_FORMAT,
        "edition": edition.isoformat(),
        "folder": folder.name,
        "content_hash": content_hash,
        "installed": datetime.now(UTC).isoformat(timespec="seconds"),
        # kept so that What's new can list them at any later start, also after an install
        # from the command line, which the person reading never saw
        "changes": changes,
        "changes_from": changes_from.isoformat() if changes_from else None,
    })


def _pause_for_tests(stage: str) -> None:
    # lets a test kill the installer at a known point; the variable is never set in use
    if os.environ.get(PAUSE_AT_ENV) != stage:
        return
    marker = os.environ.get(PAUSE_MARKER_ENV)
    if marker:  # whole when it appears: the test reads it as soon as it exists
        from reader.atomic_file import write_text_atomic

        write_text_atomic(Path(marker), stage)
    time.sleep(PAUSE_SECONDS)


def _clear_leftovers(editions: Path, keep: set[str]) -> None:
    """Remove staging folders of cut-short installs and editions no longer in use."""
    try:
        children = list(editions.iterdir())
    except OSError as exc:  # the switch is made: what is left behind waits for the next one
        log.warning("cannot look in %s for old editions: %s", editions, exc)
        return
    for child in children:
        if child.name in keep or not child.is_dir():
            continue
        try:
            shutil.rmtree(child)
        except OSError as exc:
            log.warning("cannot remove the old edition folder %s: %s", child, exc)


@dataclass(frozen=True)
class UninstallResult:
    """What `uninstall_content` removed, and the folder the reader reads from now."""

    removed: InstalledEdition | None
    now_reading: Path


def uninstall_content(bundled: Path = BUNDLED_CONTENT, *,
                      data_root: Path | None = None) -> UninstallResult:
    """Stop using the installed edition; the reader falls back to the bundled edition.

    Not when the bundled edition cannot be read: the person would be left with no manual.
    Like an install, it keeps the folder of the edition it leaves, for a window still open on
    it; the next install or uninstall removes that folder with the other leftovers.
    """
    try:
        return _uninstall(bundled, data_root_or_default(data_root))
    except ContentUpdateError as exc:
        log.warning("the content update was not uninstalled: %s", exc)
        raise


def _uninstall(bundled: Path, root: Path) -> UninstallResult:
    removed = installed_edition(data_root=root)
    pointer = root / POINTER_NAME
    if removed is not None:
        try:
            load_manual(bundled)
        except ContentError as exc:
            raise ContentUpdateError(
                f"The edition that came with the reader cannot be read ({exc}), so the "
                "content update stays installed. Reinstall the reader.") from exc
    with _update_lock(root):
        removed = installed_edition(data_root=root)  # again: an install may have just ended
        try:
            pointer.unlink(missing_ok=True)  # the switch back: one step, before folders go
        except OSError as exc:
            raise ContentUpdateError(f"cannot remove {pointer} ({exc.strerror or exc})") from exc
        editions = root / EDITIONS_FOLDER
        # a window still open on the edition left keeps working, as after an install
        keep = {removed.path.name} if removed is not None else set()
        if editions.is_dir():
            _clear_leftovers(editions, keep)
    log.info("uninstalled the installed edition (%s)", removed.edition if removed else "none")
    return UninstallResult(removed, bundled)


@contextmanager
def _update_lock(root: Path) -> Iterator[None]:
    """One install or uninstall at a time (two windows, or a window and the command line).

    An OS file lock, so a process killed while holding it releases it with its death.
    """
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ContentUpdateError(f"cannot use the folder {root} ({_why_no_folder(root, exc)})"
                                 ) from exc
    with ExitStack() as held:
        try:
            held.enter_context(locked(root / UPDATES, wait=0))
        except LockBusyError:
            raise ContentUpdateError(
                "another content update is being installed or removed right now; "
                "try again when it has finished"
            ) from None
        yield


def _why_no_folder(folder: Path, exc: OSError) -> str:
    if (blocker := file_in_the_way(folder)) is not None:
        return f"{blocker} is a file, not a folder: move it away or delete it"
    return str(exc.strerror or exc)


# what changed ---------------------------------------------------------------------------------

def _summary(manual: Manual, entry: Entry) -> EntrySummary:
    return EntrySummary(entry.id, entry.kind, entry.number, entry.title, entry.flags,
                        manual.has_text(entry))


def _text_hash(manual: Manual, entry: Entry) -> str | None:
    if not entry.file:
        return None
    try:
        return sha256_file(manual.root / entry.file)  # in parts: a chapter may be over 4 MB
    except OSError:
        return None


def diff_contents(old: Manual | None, new: Manual) -> ContentDiff:
    """Entries added, removed and updated (number, title, flags or chapter text), by id."""
    old_entries = {entry.id: entry for entry in old.entries()} if old else {}
    new_entries = {entry.id: entry for entry in new.entries()}
    added = tuple(_summary(new, entry) for entry_id, entry in new_entries.items()
                  if entry_id not in old_entries)
    removed = tuple(_summary(old, entry) for entry_id, entry in old_entries.items()
                    if entry_id not in new_entries) if old else ()
    updated = []
    for entry_id, after in new_entries.items():
        before = old_entries.get(entry_id)
        if before is None or old is None:
            continue
        changed = []
        if before.number != after.number:
            changed.append("number")
        if before.title != after.title:
            changed.append("title")
        if set(before.flags) != set(after.flags):  # the badges' order says nothing
            changed.append("flags")
        if _text_hash(old, before) != _text_hash(new, after):
            changed.append("text")
        if changed:
            updated.append(EntryChange(_summary(old, before), _summary(new, after),
                                       tuple(changed)))
    return ContentDiff(
        old_edition=old.info.edition if old else None,
        new_edition=new.info.edition,
        added=added,
        removed=removed,
        updated=tuple(updated),
    )


def _load_or_none(folder: Path) -> Manual | None:
    try:
        return load_manual(folder)
    except ContentError as exc:
        log.warning("the current edition at %s cannot be read for comparison: %s", folder, exc)
        return None

