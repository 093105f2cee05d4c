"""The status bar's own words: content problems, messages that go with their page."""

from __future__ import annotations

from pathlib import Path

from reader.manual import Problem
from reader.ui.status_widgets import problem_message


def test_a_problem_names_its_file_in_the_content_folder_and_counts_the_rest(
        tmp_path: Path) -> None:
    first = Problem(tmp_path / "chapters" / "looked-after.md", 12, "a table has no header row")
    other = Problem(tmp_path / "contents.json", None, "an entry has no title")
    assert problem_message([first], tmp_path) == (
        "A table has no header row \u2014 chapters/looked-after.md, line 12")
    assert problem_message([first, other], tmp_path).endswith(
        "line 12; 1 more problem in the log")
    assert problem_message([first, other, other], tmp_path).endswith(
        "line 12; 2 more problems in the log")


def test_a_problem_outside_the_content_folder_is_named_by_its_file_alone(
        tmp_path: Path) -> None:
    elsewhere = Problem(tmp_path.parent / "vocabulary.json", None, "a synonym is empty")
    assert problem_message([elsewhere], tmp_path / "content") == (
        "A synonym is empty \u2014 vocabulary.json")
