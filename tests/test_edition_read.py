"""The record of the edition last read, and what a start says when it differs."""

from __future__ import annotations

from datetime import date

from reader.edition_read import (
    edition_changed_notice,
    edition_read_path,
    last_edition_read,
    remember_edition_read,
)


def test_the_edition_read_is_kept_between_starts() -> None:
    assert last_edition_read() is None  # never started here
    remember_edition_read(date(2024, 9, 2))
    assert last_edition_read() == date(2024, 9, 2)


def test_a_damaged_record_is_a_first_start_not_an_error() -> None:
    path = edition_read_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    assert last_edition_read() is None


def test_only_a_different_edition_is_said() -> None:
    assert edition_changed_notice(None, date(2025, 3, 1)) is None  # nothing to compare
    assert edition_changed_notice(date(2025, 3, 1), date(2025, 3, 1)) is None
    assert edition_changed_notice(date(2024, 9, 2), date(2025, 3, 1)) == (
        "The manual has changed since you last used the reader: this is the edition of "
        "1 March 2025, and you last read the edition of 2 September 2024. What's new lists "
        "what changed.")
    # an update removed, back to the edition before it: no changes to list
    assert edition_changed_notice(date(2025, 3, 1), date(2024, 9, 2)) == (
        "The manual has changed since you last used the reader: this is the edition of "
        "2 September 2024, older than the edition of 1 March 2025 you last read.")


def test_a_record_whose_edition_is_no_date_is_a_first_start_not_an_error() -> None:
    # written by hand, or by a reader of another format: the start must still go ahead
    path = edition_read_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"format": 1, "edition": "last spring"}', encoding="utf-8")
    assert last_edition_read() is None
