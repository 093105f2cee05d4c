"""The Markdown of a chapter page read, mended: page chrome and a capture's artefacts left
in it dropped, the scope marked off, editors' notes asking for a link made links."""

from __future__ import annotations

import re

from reader.chapter_file import SCOPE_BLOCK
from reader.chapter_page import AMENDMENT_MARK, BARE_IMAGE_NAME_RE, CAPTION_RE, SCOPE_HEADING
from reader.page_html import CHROME_TEXTS

# an editor's note from "trix" on; the white space and "(" before it are found by hand, since
# a pattern that starts with them is tried again at every space of a long line
EDITOR_NOTE_RE = re.compile(
    r"tri\.?x\s+please\s+link\s+"
    r"(?:\[[^\]]*\]\((?P<u1>[^)\s]+)\)|<(?P<u2>[^>\s]+)>|(?P<u3>https?://[^\s)]+))\s*\)?",
    re.I,
)


def mend_markdown(text: str, notes: list[str]) -> str:
    """Drop chrome and capture artefacts left in Markdown; make editors' link notes links."""
    kept = []
    for line in text.splitlines():
        bare = line.strip().strip("*_\\")
        if bare.lower() in CHROME_TEXTS or CAPTION_RE.match(bare):
            notes.append(f'dropped page chrome "{bare}"')
            continue
        if BARE_IMAGE_NAME_RE.match(bare.replace("\\_", "_")):
            notes.append(f'dropped the image file name "{bare}"')
            continue
        line = line.replace("\u0100", " ").replace("\u00a0", " ")
        kept.append(re.sub(r"(?<=\S) {2,}(?=\S)", " ", line))
    text = _editor_links(_mark_scope("\n".join(kept)), notes)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def _mark_scope(text: str) -> str:
    """Mark off "Scope of this chapter" where the page shows its end: at the amendment box
    that follows it, else at the next heading of its level. Where the page does not show it,
    the text is left as it came."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is not None and lines[start].strip() == f"## {SCOPE_HEADING}":
        after = range(start + 1, len(lines))
        end = next((i for i in after if lines[i].strip() == AMENDMENT_MARK), None)
        if end is None:  # a smaller heading ("### Related chapters") may be part of it
            end = next((i for i in after if re.match(r"#{1,2} ", lines[i])), None)
        if end is not None:
            opening, closing = SCOPE_BLOCK
            lines[start:end] = [opening, "", *lines[start:end], "", closing, ""]
    # the mark can sit inside a line too (an amendment box in a table cell or list item)
    return "\n".join(line.replace(AMENDMENT_MARK, "") for line in lines)


# the capitalised name that ends just before an editor's note ("Care Planning and the
# Framework"), its joining words spelt backwards: it is matched on the reversed text from the
# note back, one pass however long the line; matched forwards, every capital of the line
# started a new attempt that ran to the note
LINK_NAME_REVERSED_RE = re.compile(
    r"[\w\u2019'&-]*[A-Z]"
    r"(?:(?:\s+(?:fo|dna|rof|ot|ni|no|eht|&))*\s+[\w\u2019'&-]*[A-Z])*"
)


def _editor_links(text: str, notes: list[str]) -> str:
    """An editor's note "(trix please link URL)" becomes a link on the name just before it."""
    out = []
    done = 0  # the text up to here is written out
    for note in EDITOR_NOTE_RE.finditer(text):
        start = _note_start(text, note.start(), done)
        # the name is looked for on the note's own line (the note itself may start on the next)
        line = text.rfind("\n", done, start) + 1 or done
        url = (note.group("u1") or note.group("u2") or note.group("u3") or "")
        url = url.replace("\\", "")  # markdownify escaped its underscores
        notes.append(f"the editor's note asking for a link to {url} became a link")
        out += [text[done:line], _linked_name(text[line:start], url)]
        done = note.end()
    out.append(text[done:])
    return "".join(out)


def _note_start(text: str, trix: int, done: int) -> int:
    """Where a note that says "trix" at `trix` starts: the white space and "(" before it."""
    start = trix
    while start > done and text[start - 1].isspace():
        start -= 1
    if start > done and text[start - 1] == "(":
        start -= 1
        while start > done and text[start - 1].isspace():
            start -= 1
    return start


def _linked_name(before: str, url: str) -> str:
    """The text before a note, its last capitalised name made a link to `url`."""
    found = LINK_NAME_REVERSED_RE.match(before[::-1])
    if found is None:
        return f"{before} (<{url}>)"
    cut = len(before) - found.end()
    head, name = before[:cut], before[cut:]
    article = re.match(r"^(The|A|An)\s+(?=\S)", name)
    if article and len(name.split()) > 1:
        head, name = head + article.group(0), name[article.end():]
    return f"{head}[{name}]({url})"
