"""A chapter's Markdown file: its front matter (title, dates, version, amendment) and body.

The body may open with a scope block (`SCOPE_BLOCK`), shown as a box before the amendment.

The front matter is a block of `key: value` lines between two `---` lines. Only the keys in
`KNOWN_KEYS` mean something; a malformed block or a bad date is reported as a `Problem` and
the body is still returned, so the chapter still opens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from reader.manual import CONTENT_ENCODING, Problem, unreadable_reason
from reader.page_limits import file_too_large
from reader.text_encoding import (
    SAVE_AS_UTF8,
    decode_utf16,
    encoding_fault,
    is_utf16,
    undecodable_line,
)

# the chapter's "Scope of this chapter", marked off from the text that follows it
SCOPE_BLOCK = ('<div class="scope" markdown="1">', "</div>")
DIV_OPENING_RE = re.compile(r"<div\b", re.I)
DATE_KEYS = ("last_updated", "amended")
KNOWN_KEYS = ("title", "last_updated", "version", "amended", "amendment")
FRONT_MATTER_MAX_LINES = 40
# what a chapter file far too large to read is said to be, in the problem that names it
TOO_LARGE = "too large for the reader to show"
MAX_BAD_CHARACTERS = 8  # not UTF-8, in a chapter that is otherwise text


@dataclass(frozen=True)
class ChapterSource:
    """What a chapter file holds, read and checked."""

    path: Path
    title: str | None
    last_updated: date | None
    version: str | None
    amended: date | None
    amendment: str | None
    body: str
    body_first_line: int  # 1-based line of the file where the body starts
    problems: tuple[Problem, ...] = field(default=())
    key_lines: dict[str, int] = field(default_factory=dict)  # front matter key: its line
    # why the file was left unread (far too large to be a chapter); its problem says so too
    too_large: str | None = None


def read_chapter_file(path: Path) -> ChapterSource:
    """Read a chapter file; every fault is returned as a problem, never raised."""
    try:
        # judged by its size before it is read: a file of 50 MB would be held several times
        # over (text, lines, body) before any check of its text could decline it
        if (too_large := file_too_large(path.stat().st_size)) is not None:
            return replace(_unreadable(path, f"{TOO_LARGE}: {too_large}"), too_large=too_large)
        text = path.read_text(encoding=CONTENT_ENCODING)
    except FileNotFoundError:
        return _unreadable(path, "chapter file is missing")
    except UnicodeDecodeError as exc:
        return _mostly_text(path, exc)
    except OSError as exc:
        return _unreadable(path, f"cannot be read ({exc.strerror})")
    source = parse_chapter_text(text, path)
    if not source.body.strip():
        # it opens as a chapter whose text is not held: the file is why, and says so
        problem = Problem(path, source.body_first_line, "has no chapter text")
        return replace(source, problems=(*source.problems, problem))
    return source


def _mostly_text(path: Path, error: UnicodeDecodeError) -> ChapterSource:
    """A few bytes that are not UTF-8 (a copy and paste from another program) cost only
    themselves: the chapter is shown with \ufffd in their place, and the problem says where.
    A chapter saved as UTF-16 is shown as written and reported; a file that is mostly not
    text is unreadable."""
    data = bytes(error.object)
    where = unreadable_reason(error)
    if is_utf16(data):
        source = parse_chapter_text(decode_utf16(data), path)
        return replace(source, problems=(Problem(path, None, where), *source.problems))
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad > MAX_BAD_CHARACTERS or bad * 100 > len(text):
        return _unreadable(path, where, undecodable_line(error))
    source = parse_chapter_text(text, path)
    # the first line at fault, where an editor's search for the character starts
    shown = f"{bad} character{'s' * (bad != 1)} shown as \ufffd"
    problem = Problem(path, undecodable_line(error),
                      f"{encoding_fault(error)}; {shown}; {SAVE_AS_UTF8}")
    return replace(source, problems=(problem, *source.problems))


def read_chapter_metadata(path: Path) -> ChapterSource:
    """The front matter alone (the body is left unread): cheap enough for every chapter."""
    head: list[str] = []
    try:
        with path.open(encoding=CONTENT_ENCODING) as lines:
            opened = False
            for number, line in enumerate(lines):
                head.append(line)
                if number >= FRONT_MATTER_MAX_LINES:
                    break
                if line.strip() == "---":
                    if opened:
                        break  # the block's end
                    opened = True
                elif line.strip() and not opened:
                    break  # no front matter (blank lines before it are skipped)
    except (OSError, UnicodeDecodeError):
        return read_chapter_file(path)  # the full read says what is wrong
    return parse_chapter_text("".join(head), path)


def _unreadable(path: Path, message: str, line: int | None = None) -> ChapterSource:
    return ChapterSource(path, None, None, None, None, None, "", 1, (Problem(path, line, message),))


def parse_chapter_text(text: str, path: Path) -> ChapterSource:
    problems: list[Problem] = []
    # a byte-order mark is invisible, and means nothing past the file's start (where it is
    # read as such); a second one, or one pasted in with a copy of another file, would hide
    # the front matter from the --- it stands before
    lines = text.replace("\ufeff", "").splitlines()
    meta: dict[str, str] = {}
    key_lines: dict[str, int] = {}
    # blank lines an editor left above the block do not hide it
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    body_start = 0
    if first < len(lines) and lines[first].partition(":")[0].strip().lower() in KNOWN_KEYS:
        # "title: ..." first: the block was meant, its opening --- lost
        problems.append(Problem(path, first + 1, "front matter must begin with a --- line; "
                                                 "without it, it is shown as chapter text"))
    if first < len(lines) and lines[first].strip() == "---":
        end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == "---"),
                   None)
        if end is None:
            problems.append(Problem(path, first + 1,
                                    "front matter starts with --- but never ends"))
        else:
            for number, line in enumerate(lines[first + 1:end], start=first + 2):
                if not line.strip():
                    continue
                key, sep, value = line.partition(":")
                key = key.strip().lower()
                if not sep or not key.replace("_", "").isalnum():
                    problems.append(Problem(path, number, "front matter line is not key: value"))
                elif key not in KNOWN_KEYS:
                    known = ", ".join(KNOWN_KEYS)
                    problems.append(Problem(path, number, f'unknown front matter key "{key}" '
                                                          f"(the keys are {known})"))
                else:
                    if key in meta:
                        # a line copied and half edited: which value is meant is not known
                        problems.append(Problem(path, number, f'"{key}" is given twice (also '
                                                f"line {key_lines[key]}); the last one is used"))
                    meta[key] = value.strip()
                    key_lines[key] = number
            body_start = end + 1
    dates: dict[str, date | None] = {}
    for key in DATE_KEYS:
        dates[key] = None
        if key in meta:
            try:
                dates[key] = date.fromisoformat(meta[key])
            except ValueError:
                message = f'{key} "{meta[key]}" is not a YYYY-MM-DD date'
                problems.append(Problem(path, key_lines[key], message + _date_hint(meta[key])))
    return ChapterSource(
        path=path,
        title=meta.get("title") or None,
        last_updated=dates["last_updated"],
        version=meta.get("version") or None,
        amended=dates["amended"],
        amendment=meta.get("amendment") or None,
        body="\n".join(lines[body_start:]),
        body_first_line=body_start + 1,
        problems=tuple(problems),
        key_lines=key_lines,
    )


def _date_hint(text: str) -> str:
    """The date as it should be written, where the text is a date the online manual's way."""
    from reader.chapter_page import parse_date  # only for a date written wrong
    from reader.edition import format_date

    meant = parse_date(text)  # shown in words too: 01/10/2024 is read the British way
    return f"; write it as {meant.isoformat()} ({format_date(meant)})" if meant else ""


def scope_problems(source: ChapterSource) -> list[Problem]:
    """A scope block is shown as a box only written as the README says: its first line as is,
    first in the text, and closed; left open, the whole chapter would read as its scope."""
    opening, closing = SCOPE_BLOCK
    path, first_line = source.path, source.body_first_line
    lines = source.body.splitlines()
    starts = [number for number, line in enumerate(lines) if 'class="scope' in line]
    if not starts:
        return []
    start = starts[0]
    where = first_line + start
    if lines[start] != opening:
        return [Problem(path, where, f"the scope block's first line must be {opening} "
                                     "exactly, at the start of the line")]
    if any(line.strip() for line in lines[:start]):
        return [Problem(path, where, "the scope block must come first in the chapter's text")]
    depth = 0
    for line in lines[start:]:
        depth += len(DIV_OPENING_RE.findall(line)) - line.count(closing)
        if depth <= 0:
            return []
    return [Problem(path, where, f"the scope block is never closed: a {closing} line must "
                                 "end it")]
