"""A chapter page saved as text, read into a ChapterPage: one paragraph a line, bullets as
"  \u2022 item"; its prose escaped for Markdown and its "see X" made chapter links."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reader.chapter_page import (
    AMENDMENT_MARK,
    AMENDMENT_RE,
    BARE_IMAGE_NAME_RE,
    CAPTION_RE,
    MISSING_IMAGE_TEXT,
    NO_AMENDMENT_DATE,
    NOT_CAPTURED_NOTE,
    SCOPE_HEADING,
    ChapterPage,
    EntryFinder,
    ImportProblem,
    date_note,
    meta_line,
    no_entry_message,
    one_line,
    page_title,
    parse_date,
)
from reader.chapter_page_mend import mend_markdown
from reader.page_html import CHROME_TEXTS

# the marks of a list item as text has them; from a Word document pasted in, also a middle
# dot, Symbol and Wingdings bullets (private-use letters) and an "o" before a tab
BULLET_RE = re.compile(r"^(?P<indent>\s*)(?P<mark>[\u2022\u25e6\u25aa\u2023\u2043\u00b7"
                       r"\uf0b7\uf0a7\uf0d8*+-]|\d+[.)]|o(?=\t))\s+(?P<text>\S.*)$")
NUMBERED_HEADING_RE = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+([A-Z][^.!?;:]{0,100})$")
URL_RE = re.compile(r"https?://[^\s<>()\"']+[^\s<>()\"'.,;:]")
SEE_REF_RE = re.compile(r"\b(?P<lead>[Ss]ee(?:\s+also)?:?\s+)(?P<ref>[A-Z][^.;:()\[\]]*?)"
                        r"(?=\s*(?:[.;)]|$))")


def _escape(text: str) -> str:
    """Prose made safe for Markdown; web addresses become links the reader can open."""
    out = []
    last = 0
    for match in URL_RE.finditer(text):
        out.append(_escape_plain(text[last:match.start()]))
        out.append(f"<{match.group(0)}>")
        last = match.end()
    out.append(_escape_plain(text[last:]))
    return "".join(out)


def _escape_plain(text: str) -> str:
    text = re.sub(r"([\\`*_\[\]])", r"\\\1", text)
    return text.replace("<", "&lt;")


def _escape_block_start(text: str) -> str:
    """A paragraph that starts like a heading, quote or list item stays a paragraph."""
    if re.match(r"^\d+[.)]\s", text):
        return re.sub(r"^(\d+)([.)])", r"\1\\\2", text, count=1)
    if re.match(r"^(#|>|[-+]\s)", text):
        return "\\" + text
    return text


def _link_references(text: str, finder: EntryFinder) -> str:
    """Prose with "see X" made a chapter link where X names exactly one entry."""
    out = []
    last = 0
    for match in SEE_REF_RE.finditer(text):
        ref = match.group("ref").strip()
        entry = finder.reference(ref)
        if entry is None:
            continue
        out.append(_escape(text[last:match.start("ref")]))
        out.append(f"[{_escape_plain(ref)}](chapter:{entry.id})")
        last = match.start("ref") + len(ref)
    out.append(_escape(text[last:]))
    return "".join(out)


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _split_lists(block: list[str]) -> list[list[str]]:
    """A block's list items apart from the prose around them: a list saved with no blank
    line before or after it was run into one paragraph with its bullets. A line indented
    past an item's bullet goes on with that item."""
    parts: list[list[str]] = []
    item_indent = None  # the indent of the last item's bullet, while in a list
    for line in block:
        bullet = BULLET_RE.match(line)
        indent = len(line) - len(line.lstrip())
        if bullet is not None:
            if item_indent is None:
                parts.append([])
            parts[-1].append(line)
            item_indent = len(bullet.group("indent"))
        elif item_indent is not None and indent > item_indent:
            parts[-1][-1] += " " + line.strip()
        else:
            if item_indent is not None or not parts:
                parts.append([])
            parts[-1].append(line)
            item_indent = None
    return parts


def _is_chrome_line(line: str) -> bool:
    text = line.strip()
    return text.lower() in CHROME_TEXTS or bool(CAPTION_RE.match(text))


def read_text_page(path: Path, text: str, finder: EntryFinder) -> ChapterPage:
    """A chapter page captured as text: one paragraph a line, bullets as "  \u2022 item"."""
    lines = [line.replace("\u00a0", " ").replace("\u0100", " ") for line in text.splitlines()]
    blocks = _blocks([line for line in lines if not _is_chrome_line(line)])
    if not blocks:
        raise ImportProblem(f"{path}: the page is empty")
    title = one_line(blocks[0][0])
    entry = finder.page(title)
    if entry is None:
        raise ImportProblem(no_entry_message(path, title, finder))
    meta: dict[str, Any] = {"last_updated": None, "version": None, "amended": None,
                            "amendment": None}
    notes: list[str] = []
    title = page_title(title, entry, notes)
    out: list[str] = []
    pending_image = False
    index = 1 if len(blocks[0]) == 1 else 0
    if index == 0:
        blocks[0] = blocks[0][1:]
    while index < len(blocks):
        parts = _split_lists(blocks[index])
        blocks[index:index + 1] = parts
        block = parts[0]
        index += 1
        first = one_line(block[0])
        if len(block) == 1 and meta_line(first, meta, notes):
            continue
        if len(block) == 1 and AMENDMENT_RE.match(first):
            taken = _take_amendment(blocks, index, meta, notes)
            if taken:
                index += taken
                out.append(AMENDMENT_MARK)
                continue
        if len(block) == 1 and BARE_IMAGE_NAME_RE.match(first):
            pending_image = True  # the picture itself was not captured, only its file name
            notes.append(f'dropped the image file name "{first}" (the image was not captured)')
            continue
        if pending_image and len(block) == 1 and len(first) <= 120 and first[-1] not in ".:;":
            out.append(f"{MISSING_IMAGE_TEXT} {_escape(first)}\n{{: .figure-caption }}")
            pending_image = False
            continue
        pending_image = False
        if len(block) == 1 and first.casefold() == SCOPE_HEADING.casefold():
            out.append(f"## {SCOPE_HEADING}")
            continue
        heading = NUMBERED_HEADING_RE.match(first)
        if len(block) == 1 and heading and len(first) <= 100:
            depth = heading.group(1).count(".") + 2
            out.append(f"{'#' * min(depth, 6)} {_escape(first)}")
            continue
        if all(BULLET_RE.match(line) for line in block):
            out.append(_text_list(block, finder))
            continue
        paragraph = " ".join(one_line(line) for line in block)
        out.append(_escape_block_start(_link_references(paragraph, finder)))
    return ChapterPage(
        source=path, title=title, entry_id=entry.id, body=_finish(out, notes), notes=tuple(notes),
        **meta,
    )


def _take_amendment(blocks: list[list[str]], start: int, meta: dict[str, Any],
                    notes: list[str]) -> int:
    """Read the amendment box after its heading: its text, then its date. Blocks taken."""
    texts = []
    for offset, block in enumerate(blocks[start:start + 6]):
        text = " ".join(one_line(line) for line in block)
        when = parse_date(text)
        if when is not None:
            meta["amended"] = when
            meta["amendment"] = " ".join(texts) or None
            if note := date_note(text, when):
                notes.append(note)
            return offset + 1
        texts.append(text)
    notes.append(NO_AMENDMENT_DATE)
    return 0  # no date: not the amendment box after all


def _text_list(block: list[str], finder: EntryFinder) -> str:
    indents = sorted({len(m.group("indent")) for line in block if (m := BULLET_RE.match(line))})
    out = []
    outer = False  # a first-level item with a mark of its own: Word's "o" items go under it
    for line in block:
        match = BULLET_RE.match(line)
        assert match is not None
        level = indents.index(len(match.group("indent")))
        mark = match.group("mark")
        if mark != "o" and level == 0:
            outer = True
        elif mark == "o" and level == 0 and outer:
            level = 1  # Word's second level, pasted in with no indent before it
        bullet = f"{mark[:-1]}." if mark[:-1].isdigit() else "-"
        out.append("    " * level + f"{bullet} {_link_references(match.group('text'), finder)}")
    return "\n".join(out)


def _finish(blocks: list[str], notes: list[str]) -> str:
    if blocks and blocks[-1].rstrip().endswith(":") and not blocks[-1].lstrip().startswith("#"):
        blocks.append(NOT_CAPTURED_NOTE)
        notes.append("the page ends on a sentence that introduces a list the capture lacks; "
                     "an editorial note says so")
    return mend_markdown("\n\n".join(blocks), notes)
