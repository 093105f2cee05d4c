"""The record of the edition last read, and what a start says when it differs."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from reader.content_archive import pack_content, read_manifest_file
from reader.content_update import install_content
from reader.edition_read import (
    EditionRead,
    edition_changed_notice,
    edition_in_use,
    edition_read_path,
    last_edition_read,
    remember_edition_read,
    whats_new_lists_changes,
)

from .conftest import CONTENT

MARCH = date(2025, 3, 1)
FIRST = "a" * 64  # digests of two issues of the edition of 1 March 2025
SECOND = "b" * 64


def _write_record(text: str) -> None:
    path = edition_read_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_edition_read_is_kept_between_starts() -> None:
    assert last_edition_read() is None  # never started here
    remember_edition_read(EditionRead(date(2024, 9, 2)))
    assert last_edition_read() == EditionRead(date(2024, 9, 2))
    remember_edition_read(EditionRead(MARCH, FIRST))  # an update, and which issue of it
    assert last_edition_read() == EditionRead(MARCH, FIRST)


def test_a_damaged_record_is_a_first_start_not_an_error() -> None:
    _write_record("{not json")
    assert last_edition_read() is None


def test_only_a_different_edition_is_said() -> None:
    assert edition_changed_notice(None, EditionRead(MARCH)) is None  # nothing to compare
    assert edition_changed_notice(EditionRead(MARCH), EditionRead(MARCH)) is None
    assert edition_changed_notice(EditionRead(date(2024, 9, 2)), EditionRead(MARCH)) == (
        "The manual has changed since you last used the reader: this is the edition of "
        "1 March 2025, and you last read the edition of 2 September 2024. What's new lists "
        "what changed.")
    # an update removed, back to the edition before it: no changes to list
    assert edition_changed_notice(EditionRead(MARCH), EditionRead(date(2024, 9, 2))) == (
        "The manual has changed since you last used the reader: this is the edition of "
        "2 September 2024, older than the edition of 1 March 2025 you last read.")


def test_an_edition_re_issued_under_the_same_date_is_said() -> None:
    # a correction packed again: the date alone would say nothing changed
    assert edition_changed_notice(EditionRead(MARCH, FIRST), EditionRead(MARCH, SECOND)) == (
        "The manual has changed since you last used the reader: this edition of 1 March 2025 "
        "was re-issued, with changes, since you last read it. What's new lists what changed.")
    assert whats_new_lists_changes(EditionRead(MARCH, FIRST), EditionRead(MARCH, SECOND))
    assert edition_changed_notice(EditionRead(MARCH, FIRST), EditionRead(MARCH, FIRST)) is None
    assert not whats_new_lists_changes(EditionRead(MARCH, FIRST), EditionRead(MARCH, FIRST))


def test_an_issue_that_cannot_be_told_apart_is_not_said_to_have_changed() -> None:
    # a record kept before the digest was, or the bundled edition, whose files are not
    # hashed at start: the same date is taken as the same edition, as it was before
    for before, now in ((EditionRead(MARCH), EditionRead(MARCH, SECOND)),
                        (EditionRead(MARCH, FIRST), EditionRead(MARCH))):
        assert edition_changed_notice(before, now) is None
        assert not whats_new_lists_changes(before, now)


def test_a_record_kept_before_the_digest_was_is_read_as_its_date() -> None:
    _write_record('{"format": 1, "edition": "2025-03-01"}')
    assert last_edition_read() == EditionRead(MARCH)


def test_a_record_whose_digest_is_no_digest_keeps_its_date() -> None:
    # the edition's date still tells an update from the edition read before it
    _write_record(json.dumps({"format": 1, "edition": "2025-03-01", "content_hash": "x1"}))
    assert last_edition_read() == EditionRead(MARCH)


def test_a_record_whose_edition_is_no_date_is_a_first_start_not_an_error() -> None:
    # written by hand, or by a reader of another format: the start must still go ahead
    _write_record('{"format": 1, "edition": "last spring"}')
    assert last_edition_read() is None


def test_the_bundled_edition_is_read_without_a_digest(tmp_path: Path) -> None:
    # no update installed: nothing is hashed, and nothing recorded names its files
    assert edition_in_use(MARCH, tmp_path / "content") == EditionRead(MARCH)


def test_an_installed_update_is_read_with_the_digest_its_install_recorded(
        tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    installed = install_content(pack_content(content, tmp_path / "update.zip").archive)
    read = edition_in_use(installed.edition, installed.path)
    assert read.content_hash == read_manifest_file(installed.path).content_hash
    assert edition_in_use(installed.edition, CONTENT).content_hash is None  # not the update


def test_the_log_names_an_edition_by_its_date_and_the_start_of_its_digest() -> None:
    assert str(EditionRead(date(2025, 3, 1), "ab" * 32)) == "2025-03-01 (files abababab\u2026)"
    assert str(EditionRead(date(2025, 3, 1))) == "2025-03-01"  # the bundled edition
