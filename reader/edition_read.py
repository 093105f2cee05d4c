"""The edition the person last read, so that a start can tell them the manual has changed.

An update installed while the reader was closed (by a login script, or by IT with the
command line) would otherwise go unsaid: only the status bar's date would differ. So would
an edition issued again under the same date with its content changed (a correction packed
again, a new reader whose bundled content changed, a switch between the bundled edition and
an update of its date), whose date says nothing at all: the record keeps the digest of the
files read too.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reader.atomic_file import write_json_atomic
from reader.edition import edition_phrase
from reader.edition_pointer import installed_content_hash
from reader.manifest_digest import SHA256_HEX, recorded_content_hash
from reader.userdata import data_dir, read_versioned_json

log = logging.getLogger(__name__)

# the digest was added as a key an older reader passes over, so the format stays
EDITION_READ_FORMAT = 1


@dataclass(frozen=True)
class EditionRead:
    """An edition as read: its date, and the digest of its files where one is at hand."""

    edition: date
    # the Manifest.content_hash of its files: a content update's as its install recorded it,
    # the bundled edition's as the manifest beside it records it (nothing is hashed before
    # the first paint); None without a sound manifest, and in a record kept by a reader that
    # did not record it
    content_hash: str | None = None

    def __str__(self) -> str:
        # for the log: "2025-03-01 (files 1f2e3d4c…)"
        files = f" (files {self.content_hash[:8]}\u2026)" if self.content_hash else ""
        return f"{self.edition.isoformat()}{files}"


def edition_read_path() -> Path:
    return data_dir() / "edition-read.json"


def edition_in_use(edition: date, root: Path) -> EditionRead:
    """The edition of the content folder `root` as a record would keep it: no hashing, the
    digest is the one its install recorded, or for the bundled edition its manifest's (one
    definition, so that the same files read either way are the same edition)."""
    digest = installed_content_hash(root)
    if digest is None:
        digest = recorded_content_hash(root, edition)
    return EditionRead(edition, digest if _is_sha256(digest) else None)  # a pointer hand-edited


def last_edition_read() -> EditionRead | None:
    """The edition last opened here; None before the first start that kept it, or if the
    record cannot be read (it is set aside, and nothing is said: the worst is one notice
    missed)."""
    loaded = read_versioned_json(edition_read_path(), "record of the edition last read",
                                 EDITION_READ_FORMAT)
    if loaded.notice:
        log.warning("%s", loaded.notice)
    try:
        edition = date.fromisoformat(str(loaded.data["edition"]))
    except (KeyError, ValueError):
        return None
    digest = loaded.data.get("content_hash")
    if digest is not None and not _is_sha256(digest):
        # the date still holds: only a re-issue under the same date goes unnoticed once
        log.warning("the record of the edition last read gives a digest that is not one: %r",
                    digest)
        digest = None
    return EditionRead(edition, digest)


def _is_sha256(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and not set(value) - SHA256_HEX


def remember_edition_read(read: EditionRead) -> None:
    """Keep the edition now open; OSError if it cannot be written."""
    record: dict[str, object] = {"format": EDITION_READ_FORMAT,
                                 "edition": read.edition.isoformat()}
    if read.content_hash is not None:
        record["content_hash"] = read.content_hash
    write_json_atomic(edition_read_path(), record)


def reissued(before: EditionRead | None, now: EditionRead) -> bool:
    """Whether `now` is the edition of `before`'s date issued again with other files: said
    only where both digests are known, as a date alone cannot tell."""
    return (before is not None and before.edition == now.edition
            and before.content_hash is not None and now.content_hash is not None
            and before.content_hash != now.content_hash)


def whats_new_lists_changes(before: EditionRead | None, now: EditionRead, *,
                            changes_recorded: bool = True) -> bool:
    """Whether What's new has what changed since `before` to list: for a newer edition, or
    the same one re-issued where its install recorded the changes; an older one has only its
    own marks."""
    return before is not None and (now.edition > before.edition
                                   or (reissued(before, now) and changes_recorded))


def edition_changed_notice(before: EditionRead | None, now: EditionRead, *,
                           changes_recorded: bool = True) -> str | None:
    """What a start says when the edition is not the one last read; None if it is, or if no
    edition was read here before (a first start has nothing to compare).

    `changes_recorded`: whether the files read keep a list of what their install changed. The
    bundled edition keeps none, so its re-issue (a new release, an update of its date
    removed) cannot send the person to What's new: the manual's own marks are as they were.
    """
    if before is None:
        return None
    said = "The manual has changed since you last used the reader:"
    if reissued(before, now):
        then = ("What's new lists what changed." if changes_recorded else
                "Which chapters changed is not recorded, so check the ones you rely on.")
        return (f"{said} this {edition_phrase(now.edition)} was re-issued, with changes, since "
                f"you last read it. {then}")
    if before.edition == now.edition:
        return None
    if now.edition < before.edition:  # an update removed: What's new lists marks, no changes
        return (f"{said} this is the {edition_phrase(now.edition)}, older than the "
                f"{edition_phrase(before.edition)} you last read.")
    return (f"{said} this is the {edition_phrase(now.edition)}, and you last read the "
            f"{edition_phrase(before.edition)}. What's new lists what changed.")
