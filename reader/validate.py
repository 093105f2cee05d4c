"""Checks a content folder and lists every problem as `file:line: message`."""

from __future__ import annotations

import re
from pathlib import Path

from reader.chapter_file import read_chapter_file
from reader.manual import ContentError, Manual, Problem, load_manual
from reader.render import ChapterRenderer

# What a capture of a web page carries that is not the manual (see content/HISTORY.md).
CAPTURE_ARTEFACTS = (
    (re.compile(r"^\s*Skip to content\s*$"), "page chrome \"Skip to content\""),
    (re.compile(r"^\s*(Company|Derby) Logo\s*$", re.I), "page chrome (a logo's alt text)"),
    (re.compile(r"^\s*CAPTION:"), "a layout table's CAPTION: line"),
    (re.compile(r"^\s*[a-z0-9]+(?:_[a-z0-9]+)+\s*$"), "an image's bare file name"),
    (re.compile(r"\btrix please\b", re.I), "an editor's note left in the text"),
    (re.compile("\u0100"), 'a mis-encoded character ("\u0100")'),
)


def validate(root: Path) -> tuple[Manual | None, list[Problem]]:
    """The loaded manual (None if it cannot load) and every problem found."""
    try:
        manual = load_manual(root)
    except ContentError as exc:
        return None, [exc.problem]
    problems = list(manual.problems)
    renderer = ChapterRenderer(manual)
    numbers = [entry.number for entry in manual.chapters() if entry.number]
    problems += _order_problems(root / "contents.json", numbers)
    for entry in manual.entries():
        if not entry.file or not (root / entry.file).is_file():
            continue
        source = read_chapter_file(root / entry.file)
        problems += source.problems
        problems += _artefacts(source.path, source.body, source.body_first_line)
        problems += [p for p in renderer.page_for(entry).problems if p not in source.problems]
    return manual, problems


def _order_problems(path: Path, numbers: list[str]) -> list[Problem]:
    """Numbers must rise through the contents: 1.1.2 after 1.1.1, 1.10 after 1.9."""
    found = []
    keys = [tuple(int(part) for part in number.split(".")) for number in numbers]
    for before, after, number in zip(keys, keys[1:], numbers[1:], strict=False):
        if after <= before:
            found.append(Problem(path, None, f"{number} is out of order"))
    return found


def _artefacts(path: Path, body: str, first_line: int) -> list[Problem]:
    found = []
    for offset, line in enumerate(body.splitlines()):
        for pattern, what in CAPTURE_ARTEFACTS:
            if pattern.search(line):
                found.append(Problem(path, first_line + offset, f"capture artefact: {what}"))
    return found
