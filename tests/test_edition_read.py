"""The record of the edition last read, and what a start says when it differs."""

from __future__ import annotations

import json
import logging
import shutil
from datetime import date
from pathlib import Path

import pytest

from reader.content_archive import (
    build_manifest,
    pack_content,
    read_manifest_file,
    write_folder_manifest,
)
from reader.content_update import install_content, uninstall_content
from reader.edition_pointer import POINTER_NAME, edition_of
from reader.edition_read import (
    EditionRead,
    edition_changed_notice,
    edition_in_use,
    edition_read_path,
    last_edition_read,
    remember_edition_read,
    whats_new_lists_changes,
)
from reader.manifest_digest import MANIFEST_NAME
from reader.userdata import data_dir

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
    for before, now in ((None, None), (FIRST, SECOND)):  # digests or none, a newer date
        assert edition_changed_notice(EditionRead(date(2024, 9, 2), before),
                                      EditionRead(MARCH, now)) == (
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


def test_a_re_issue_without_a_record_of_its_changes_does_not_send_to_whats_new() -> None:
    # a new reader whose bundled edition changed under its date keeps no list of changes
    assert edition_changed_notice(EditionRead(MARCH, FIRST), EditionRead(MARCH, SECOND),
                                  changes_recorded=False) == (
        "The manual has changed since you last used the reader: this edition of 1 March 2025 "
        "was re-issued, with changes, since you last read it. Which chapters changed is not "
        "recorded, so check the ones you rely on.")
    assert not whats_new_lists_changes(EditionRead(MARCH, FIRST), EditionRead(MARCH, SECOND),
                                       changes_recorded=False)
    # a newer date lists its changes either way: What's new compares the two editions
    assert whats_new_lists_changes(EditionRead(date(2024, 9, 2)), EditionRead(MARCH),
                                   changes_recorded=False)


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


@pytest.mark.parametrize("digest", ["x1", "a" * 40, "A" * 64])  # a SHA-1, or in capitals
def test_a_record_whose_digest_is_no_digest_keeps_its_date(digest: str) -> None:
    # the edition's date still tells an update from the edition read before it
    _write_record(json.dumps({"format": 1, "edition": "2025-03-01", "content_hash": digest}))
    assert last_edition_read() == EditionRead(MARCH)


def test_a_record_whose_edition_is_no_date_is_a_first_start_not_an_error() -> None:
    # written by hand, or by a reader of another format: the start must still go ahead
    _write_record('{"format": 1, "edition": "last spring"}')
    assert last_edition_read() is None


def test_an_edition_without_a_manifest_is_read_without_a_digest(tmp_path: Path) -> None:
    # no update installed and nothing beside the files: nothing is hashed to make up for it
    assert edition_in_use(MARCH, tmp_path / "content") == EditionRead(MARCH)


def test_the_bundled_edition_is_read_with_the_digest_its_manifest_records() -> None:
    edition = edition_of(CONTENT)
    assert edition is not None
    read = edition_in_use(edition, CONTENT)
    assert read.content_hash == build_manifest(CONTENT, edition, "").content_hash


def test_the_same_files_bundled_or_installed_are_the_same_edition(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    installed = install_content(pack_content(content, tmp_path / "update.zip").archive,
                                bundled=content)
    read = edition_in_use(installed.edition, installed.path)
    assert read.content_hash == read_manifest_file(installed.path).content_hash
    bundled = edition_in_use(installed.edition, content)
    # switching between them either way says nothing: nothing changed
    assert bundled == read
    assert edition_changed_notice(bundled, read) is None
    assert edition_changed_notice(read, bundled) is None
    # a pointer whose digest was edited by hand: the date still holds, the digest is not kept
    pointer = data_dir() / POINTER_NAME
    pointer.write_text(json.dumps({**json.loads(pointer.read_text(encoding="utf-8")),
                                   "content_hash": "edited"}), encoding="utf-8")
    assert edition_in_use(installed.edition, installed.path) == EditionRead(installed.edition)


def test_an_edition_kept_for_a_window_still_open_has_no_digest_of_the_next(
        tmp_path: Path) -> None:
    first = install_content(pack_content(CONTENT, tmp_path / "first.zip").archive)
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    facts = json.loads((content / "manual.json").read_text(encoding="utf-8"))
    (content / "manual.json").write_text(json.dumps({**facts, "edition": "2025-03-01"}),
                                         encoding="utf-8")
    second = install_content(pack_content(content, tmp_path / "second.zip").archive)
    assert first.path.is_dir()  # kept for a window still open on it
    assert edition_in_use(second.edition, second.path).content_hash is not None
    assert edition_in_use(first.edition, first.path) == EditionRead(first.edition)


def _write_manifest(content: Path) -> None:
    edition = edition_of(content)
    assert edition is not None
    write_folder_manifest(content, edition, "")


def _correct_a_chapter(content: Path, phrase: str) -> None:
    chapter = content / "chapters" / "childrens-services-policies-values-and-principles.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("Strengths Based Approach", phrase), encoding="utf-8")


REISSUED = ("The manual has changed since you last used the reader: this edition of "
            "2 September 2024 was re-issued, with changes, since you last read it.")


def test_a_new_reader_whose_bundled_edition_changed_under_its_date_says_so(
        tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    edition = edition_of(content)
    assert edition is not None
    before = edition_in_use(edition, content)  # the reader as it was
    _correct_a_chapter(content, "strengths-based approach")
    _write_manifest(content)  # as the maintainer does before the release
    now = edition_in_use(edition, content)
    notice = edition_changed_notice(before, now)
    assert notice is not None and notice.startswith(REISSUED)


def test_a_switch_between_the_bundled_edition_and_an_update_of_its_date_says_so(
        tmp_path: Path) -> None:
    bundled = tmp_path / "bundled"
    shutil.copytree(CONTENT, bundled)
    corrected = tmp_path / "corrected"
    shutil.copytree(CONTENT, corrected)
    _correct_a_chapter(corrected, "strengths-based approach")  # its date left as it was
    edition = edition_of(bundled)
    assert edition is not None
    first = edition_in_use(edition, bundled)
    installed = install_content(pack_content(corrected, tmp_path / "update.zip").archive,
                                bundled=bundled)
    update = edition_in_use(installed.edition, installed.path)
    assert edition_changed_notice(first, update) == edition_changed_notice(update, first)
    assert (edition_changed_notice(first, update) or "").startswith(REISSUED)
    uninstall_content(bundled)  # and back, with the reader closed
    assert (edition_changed_notice(update, edition_in_use(edition, bundled)) or "") \
        .startswith(REISSUED)


@pytest.mark.parametrize(("kept", "said"), [
    (None, ""),  # never made: as before there were manifests, and no warning
    ("{not json", "cannot be read"),
    (b'{"title": "Derby City Children\x92s"}', "cannot be read"),  # saved as Windows-1252
    ("[]", "not a manifest this reader reads"),  # sound JSON, but no object to look in
    ('{"format": 1, "kind": "a-settings-file", "edition": "2024-09-02", '
     f'"content_hash": "{FIRST}"}}', "not a manifest this reader reads"),
    ('{"format": 2, "kind": "procedures-reader-content"}', "not a manifest this reader reads"),
    ('{"format": 1, "kind": "procedures-reader-content", "edition": "2024-09-02", '
     '"content_hash": "x1"}', "a digest that is not one"),
    # the date moved on in manual.json, the manifest not made again
    ('{"format": 1, "kind": "procedures-reader-content", "edition": "2024-01-01", '
     f'"content_hash": "{FIRST}"}}', "not of 2024-09-02"),
])
def test_a_missing_or_damaged_manifest_gives_no_digest_and_a_line_in_the_log(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, kept: str | bytes | None,
        said: str) -> None:
    content = tmp_path / "content"
    content.mkdir()
    if isinstance(kept, bytes):
        (content / MANIFEST_NAME).write_bytes(kept)
    elif kept is not None:
        (content / MANIFEST_NAME).write_text(kept, encoding="utf-8")
    with caplog.at_level(logging.INFO):
        assert edition_in_use(date(2024, 9, 2), content) == EditionRead(date(2024, 9, 2))
    assert said in caplog.text and MANIFEST_NAME in caplog.text
    if kept is None:
        assert not [record for record in caplog.records if record.levelno >= logging.WARNING]


def test_a_folder_in_place_of_the_manifest_gives_no_digest(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / MANIFEST_NAME).mkdir()
    with caplog.at_level(logging.WARNING):
        assert edition_in_use(MARCH, tmp_path) == EditionRead(MARCH)
    # said of its kind, not of a read that failed: a pipe in its place is never read, as
    # reading it would hold back the first paint for ever
    assert f"{tmp_path / MANIFEST_NAME} is not a file" in caplog.text


def test_the_log_names_an_edition_by_its_date_and_the_start_of_its_digest() -> None:
    assert str(EditionRead(date(2025, 3, 1), "ab" * 32)) == "2025-03-01 (files abababab\u2026)"
    assert str(EditionRead(date(2025, 3, 1))) == "2025-03-01"  # the bundled edition


def test_a_manifest_far_larger_than_one_is_not_read_at_start(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # read before the first paint: padded to gigabytes (by a fault, or on purpose) it held
    # the window back while it was read, and took as much memory
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    manifest = content / MANIFEST_NAME
    with manifest.open("a", encoding="utf-8") as padded:
        padded.write(" " * (8 * 1024 * 1024))  # still sound JSON
    edition = edition_of(content)
    assert edition is not None
    with caplog.at_level(logging.INFO):
        assert edition_in_use(edition, content) == EditionRead(edition)
    assert f"{manifest} is 8.0 MB, far larger than a manifest" in caplog.text
