"""A chapter page saved as HTML, read into a ChapterPage: the site's chrome dropped, its links
and images resolved, the rest converted to Markdown by markdownify. Beautiful Soup and
markdownify are imported on first use only: the window never reads a page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit

from reader.chapter_page import (
    AMENDMENT_MARK,
    AMENDMENT_RE,
    BARE_IMAGE_NAME_RE,
    LAST_UPDATED_RE,
    MISSING_IMAGE_TEXT,
    NO_AMENDMENT_DATE,
    NOT_CAPTURED_NOTE,
    SCOPE_HEADING,
    VERSION_RE,
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
from reader.chapter_page_anchors import keep_link_targets, write_anchors
from reader.chapter_page_mend import mend_markdown
from reader.content_images import IMAGES_FOLDER, MISSING, file_inside, read_image_bytes
from reader.render import goes_to_top

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

    from reader.manual import Entry

# an id or a picture's size as attr_list takes it (`{#id}`, `{: width="400" }`): nothing
# that would end the braces or the quotes
HEADING_ID_RE = re.compile(r"[\w:.-]+")
PIXELS_RE = re.compile(r"\s*(\d{1,5})(?:\.\d*)?\s*(?:px)?\s*", re.I)
# a width or height given in a picture's style: "width: 50px; height: 50px"
STYLE_SIZE_RE = re.compile(r"(?:^|;)\s*(width|height)\s*:\s*([^;]*?)\s*(?=;|$)")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

# Marks put into the HTML before conversion, turned into Markdown that markdownify cannot write.
CAPTION_MARK = "\u2063caption\u2063"
MISSING_IMAGE_MARK = "\u2063missing-image\u2063"


def read_html_page(path: Path, html: str, finder: EntryFinder, online_url: str) -> ChapterPage:
    """A chapter page saved as HTML, its chrome dropped and its links and images resolved."""
    from reader.page_html import close_open_elements, main_content, page_address, parse_page

    soup = parse_page(html)
    address = page_address(soup, html) or online_url
    root = main_content(soup)
    notes: list[str] = []
    for element in close_open_elements(root):
        notes.append(f'the page\'s <{element.name}> "{_start_of(element)}" has no end tag; it '
                     "is ended where the next paragraph, list or heading starts: check there")
    _drop_empty_headings(root, notes)
    heading = root.find("h1")
    title = ""
    if heading is not None:
        title = one_line(heading.get_text(" "))
        heading.decompose()
    if not title and soup.title is not None:
        title = one_line(re.split(r"\s+[|\u2013-]\s+", soup.title.get_text(" "))[0])
    if not title:
        raise ImportProblem(f"{path}: the page has no title (no <h1> or <title> with text)")
    title = title.replace("\u0100", " ")
    entry = finder.page(title)
    if entry is None:
        raise ImportProblem(no_entry_message(path, title, finder))
    title = page_title(title, entry, notes)
    meta: dict[str, Any] = {"last_updated": None, "version": None, "amended": None,
                            "amendment": None}
    _take_html_meta(soup, root, meta, notes)
    _mark_scope_heading(soup, root)
    _keep_heading_ids(root, notes)
    anchors = keep_link_targets(soup, root, notes)
    _resolve_links(root, finder, address, online_url, notes)
    images = _resolve_images(soup, root, path, entry.id, notes)
    body = write_anchors(_to_markdown(root), anchors)
    if body.rstrip().endswith(":"):
        body = body.rstrip() + "\n\n" + NOT_CAPTURED_NOTE
        notes.append("the page ends on a sentence that introduces a list the page lacks; "
                     "an editorial note says so")
    return ChapterPage(
        source=path, title=title, entry_id=entry.id, body=mend_markdown(body, notes),
        images=tuple(images), notes=tuple(notes), **meta,
    )


def _start_of(element: Tag) -> str:
    words = one_line(element.get_text(" "))
    return words if len(words) <= 40 else words[:40].rsplit(" ", 1)[0] + "\u2026"


def _drop_empty_headings(root: Tag, notes: list[str]) -> None:
    """A heading with no text (an anchor left in one) would be a "## " line: a blank entry in
    the outline."""
    for heading in root.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        if not heading.get_text(strip=True) and heading.find("img") is None:
            notes.append(f"dropped an empty <{heading.name}> heading")
            heading.decompose()


def _block_of(node: Any, root: Tag) -> Tag | None:
    """The paragraph-like element that holds a text node, inside root."""
    element = node.parent
    while element is not None and element is not root:
        if element.name in ("p", "div", "li", "span", "h2", "h3", "h4", "h5", "h6", "dd",
                            "dt", "strong", "em", "b", "small"):
            parent = element.parent
            # climb while the parent holds nothing else: <p><strong>v37</strong></p>
            while (parent is not None and parent is not root
                   and one_line(parent.get_text(" ")) == one_line(element.get_text(" "))):
                element, parent = parent, parent.parent
            return element
        element = element.parent
    return None


def _take_html_meta(soup: BeautifulSoup, root: Tag, meta: dict[str, Any], notes: list[str]
                    ) -> None:
    for element in list(root.find_all(["p", "div", "span", "small", "li", "dd", "time"])):
        if element.decomposed or element.find(["p", "div", "li", "table"]) is not None:
            continue
        text = one_line(element.get_text(" "))
        if (LAST_UPDATED_RE.match(text) or VERSION_RE.match(text)) and meta_line(
            text, meta, notes
        ):
            element.decompose()
    for node in list(root.find_all(string=AMENDMENT_RE)):
        block = _block_of(node, root)
        if block is None or block.decomposed:
            continue
        parent = block.parent
        box = parent if parent is not None and parent is not root and "amend" in " ".join(
            [*parent.get("class", []), str(parent.get("id", ""))]).lower() else None
        following = (list(box.find_all(["p", "div", "span", "time"], recursive=False))
                     if box is not None else _siblings_until_heading(block))
        texts, when = [], None
        taken = []
        for element in following:
            if element is block:
                continue
            text = one_line(element.get_text(" "))
            taken.append(element)
            found = parse_date(text) if text else None
            if found:
                when = found
                break
            if text:
                texts.append(text)
        if when is None:
            notes.append(NO_AMENDMENT_DATE)
            continue  # a heading "Amendment" with no date is ordinary text
        if note := date_note(one_line(taken[-1].get_text(" ")), when):
            notes.append(note)
        meta["amended"], meta["amendment"] = when, " ".join(texts) or None
        gone = [box] if box is not None else [block, *taken]
        mark = soup.new_tag("p")
        mark.string = AMENDMENT_MARK
        gone[0].replace_with(mark)
        for element in gone[1:]:
            element.decompose()


def _siblings_until_heading(block: Tag) -> list[Tag]:
    from bs4 import Tag

    found = []
    for sibling in block.next_siblings:
        if not isinstance(sibling, Tag):
            continue
        if sibling.name in ("h1", "h2", "h3", "h4", "hr") or len(found) >= 6:
            break
        found.append(sibling)
    return found


def _mark_scope_heading(soup: BeautifulSoup, root: Tag) -> None:
    """Make "Scope of this chapter" a level-2 heading, however the page set it."""
    for node in list(root.find_all(string=re.compile(rf"^\s*{SCOPE_HEADING}\s*$", re.I))):
        block = _block_of(node, root)
        if block is None:
            continue
        heading = soup.new_tag("h2")
        heading.string = SCOPE_HEADING
        block.replace_with(heading)


def _keep_heading_ids(root: Tag, notes: list[str]) -> None:
    """Each heading keeps the id the page gave it (or an anchor in it), written `{#id}`, so
    that a link "#id" kept in the page still reaches it: the anchor its words would make
    ("pictures-charts") is not the one the page's links name ("pictures")."""
    seen: set[str] = set()
    for heading in root.find_all(list(HEADINGS)):
        anchor = str(heading.get("id") or "").strip()
        if not anchor:  # <h2><a name="pictures"></a>Pictures</h2>, as older pages have it
            inner = heading.find("a", attrs={"href": False})
            if inner is not None:
                anchor = str(inner.get("id") or inner.get("name") or "").strip()
        if anchor and HEADING_ID_RE.fullmatch(anchor) and anchor not in seen:
            seen.add(anchor)
            heading["id"] = anchor
            continue
        if "id" in heading.attrs:
            del heading["id"]
        if anchor:
            title = one_line(heading.get_text(" "))
            notes.append(
                f'heading "{title}": its id "{anchor}" is kept on an earlier heading only, '
                f'where a link "#{anchor}" goes' if anchor in seen else
                f'heading "{title}": its id "{anchor}" cannot be written in Markdown; a link '
                f'"#{anchor}" no longer reaches it')


def _resolve_links(root: Tag, finder: EntryFinder, address: str, online_url: str,
                   notes: list[str]) -> None:
    online_host = urlsplit(online_url).netloc.lower()
    page_host = urlsplit(address).netloc.lower()
    for link in list(root.find_all("a")):
        href = str(link.get("href", "")).strip()
        text = one_line(link.get_text(" "))
        if "title" in link.attrs:
            title_attr = str(link["title"])
            del link["title"]  # the reader writes its own tooltips
        else:
            title_attr = ""
        if not href or (link.find("img") is not None and not text):
            link.unwrap()  # an anchor, or a picture that links to a larger copy of itself
            continue
        parts = urlsplit(href)
        if href.startswith("#") or parts.scheme in ("mailto", "tel"):
            continue
        if parts.scheme.lower() not in ("", "http", "https") or "\\" in href:
            # a script, or a file on a computer or share (S:\Forms\...): the reader opens
            # none of them, and made relative to the site a share became a web address
            link.unwrap()
            notes.append(f'link "{text}" ({href}) is a script or a file on a computer or '
                         "network share, which the reader never opens; kept as plain text")
            continue
        absolute = urljoin(address, href)
        host = urlsplit(absolute).netloc.lower()
        if parts.scheme in ("http", "https") and host not in (online_host, page_host):
            continue  # a web address outside the manual: kept as it is
        if re.search(r"\.(pdf|docx?|xlsx?|pptx?|rtf|odt|zip)$", parts.path, re.I):
            link["href"] = absolute  # a document on the site, not a chapter: open it online
            continue
        entry = (finder.reference(text) or (finder.reference(title_attr) if title_attr else None)
                 or finder.address(href))
        if entry is None:
            link["href"] = absolute
            notes.append(f'link "{text}" ({href}) names no entry of the contents; '
                         f"kept as a link to the online manual")
        else:
            link["href"] = f"chapter:{entry.id}{_place_in(entry, parts.fragment, text, notes)}"


def _place_in(entry: Entry, fragment: str, text: str, notes: list[str]) -> str:
    """A link's "#part" of another chapter's page, kept for the chapter link: the pane opens
    the chapter there (validate checks that the chapter has it). "" for none, or the top."""
    anchor = unquote(fragment).strip()
    if goes_to_top(anchor):  # "#" or "#top": where the chapter opens anyway
        return ""
    if HEADING_ID_RE.fullmatch(anchor):
        return f"#{anchor}"
    notes.append(f'link "{text}" goes to the place "#{anchor}" in {entry.label}, which cannot '
                 "be written in a chapter link; it opens the chapter at its top")
    return ""


def _resolve_images(soup: BeautifulSoup, root: Tag, path: Path, entry_id: str,
                    notes: list[str]) -> list[tuple[Path, str]]:
    """Images saved with the page (in its folder) are copied; others leave a note saying why
    they are missing."""
    images: list[tuple[Path, str]] = []
    named: dict[str, Path] = {}  # each picture's name in images/, and the file it is
    for img in list(root.find_all("img")):
        if img.decomposed:
            continue
        src = str(img.get("src", "")).strip()
        alt = one_line(str(img.get("alt", "")))
        if BARE_IMAGE_NAME_RE.match(alt):
            alt = ""  # a file name is not a description
        figure = img.find_parent("figure")
        caption = figure.find("figcaption") if figure is not None else None
        caption_text = one_line(caption.get_text(" ")) if caption is not None else ""
        parts = urlsplit(src)
        described = caption_text or alt
        local, refused = None, None
        if src and not parts.scheme and not parts.netloc:
            local, refused = _saved_image(unquote(parts.path), path.parent)
        if refused is not None:
            notes.append(f'image "{src}"' + (f' ("{described}")' if described else "")
                         + f" not included: {refused}")
        elif local is None:
            why = ("it is on the web" if parts.scheme in ("http", "https")
                   # the picture is in the page, but the import copies files: said so, where
                   # "no file was saved" sent the editor looking for one that never was
                   else "it is written into the page itself as a data: address, which "
                        "the import does not copy"
                   if parts.scheme == "data" else "no file was saved")
            notes.append(f'image "{described or src}" not included: {why}')
        if local is None:
            placeholder = soup.new_tag("p")
            placeholder.string = MISSING_IMAGE_MARK + (described or "an image")
            (figure if figure is not None else img).replace_with(placeholder)
            continue
        name = _image_name(entry_id, local, named)
        named[name] = local
        images.append((local, name))
        size = _given_size(img, described or src, notes)
        img.attrs = {"src": f"{IMAGES_FOLDER}/{name}", "alt": alt or caption_text, **size}
        if caption is not None:
            marked = soup.new_tag("p")
            marked.string = CAPTION_MARK + caption_text
            caption.replace_with(marked)
    return images


def _given_size(img: Tag, described: str, notes: list[str]) -> dict[str, str]:
    """The width and height the page gives a picture, in pixels: without them a picture the
    page showed at 400 px would be shown at its own size."""
    size = {}
    style = dict(STYLE_SIZE_RE.findall(str(img.get("style") or "").lower()))
    for side in ("width", "height"):
        # the attribute, or else the style: <img style="width:50px">, as editors write it
        given = str(img.get(side) or style.get(side) or "").strip()
        if not given:
            continue
        if (pixels := PIXELS_RE.fullmatch(given)) and int(pixels[1]) > 0:
            size[side] = pixels[1]
            continue
        notes.append(f'image "{described}": its {side} "{given}" is not a number of pixels; '
                     "not kept")
    return size


def _saved_image(name: str, folder: Path) -> tuple[Path | None, str | None]:
    """(the image file saved with the page, None); (None, None) if there is none; or
    (None, why it is refused). A browser saves a page's images in its folder (page_files/):
    a page that names a file elsewhere would have it copied into the manual and shipped."""
    local, why = file_inside(name, folder)
    if why == MISSING:
        return None, None
    if local is None:
        return None, (f"it names a file outside the folder of the saved page ({folder}); "
                      "only images saved with the page are copied")
    _data, why = read_image_bytes(local)
    return (local, None) if why is None else (None, f"the file {why}")


def _image_name(entry_id: str, source: Path, named: dict[str, Path]) -> str:
    """The picture's name in images/, one no other picture of the page has: "chart.png" and
    "Chart.PNG", or two "chart.png" in two folders, would have been one file, the second
    copied over the first and shown in its place."""
    stem = re.sub(r"[^a-z0-9]+", "-", source.stem.lower()).strip("-") or "image"
    suffix = source.suffix.lower() if re.fullmatch(r"\.[a-z0-9]{1,5}", source.suffix.lower()) \
        else ".img"
    name, count = f"{entry_id}-{stem}{suffix}", 1
    while named.get(name, source) != source:
        count += 1
        name = f"{entry_id}-{stem}-{count}{suffix}"
    return name


def _to_markdown(root: Tag) -> str:
    from markdownify import MarkdownConverter

    class ChapterConverter(MarkdownConverter):
        """markdownify, with nested lists indented four spaces as Python-Markdown needs."""

        def convert_li(self, el: Any, text: str, parent_tags: set[str]) -> str:
            text = (text or "").strip()
            if not text:
                return "\n"
            parent = el.parent
            if parent is not None and parent.name == "ol":
                start = str(parent.get("start", "1"))
                first = int(start) if start.isdigit() else 1
                bullet = f"{first + len(el.find_previous_siblings('li'))}."
            else:
                bullet = "-"
            lines = text.split("\n")
            rest = [("    " + line) if line.strip() else "" for line in lines[1:]]
            return "\n".join([f"{bullet} {lines[0]}", *rest]) + "\n"

        def convert_hN(self, n: int, el: Any, text: str, parent_tags: set[str]) -> str:
            made = str(super().convert_hN(n, el, text, parent_tags))
            anchor = el.get("id")
            if not anchor or "_inline" in parent_tags or not made.strip().startswith("#"):
                return made
            return made.rstrip("\n") + f" {{#{anchor}}}\n\n"

        def convert_img(self, el: Any, text: str, parent_tags: set[str]) -> str:
            made = str(super().convert_img(el, text, parent_tags))
            size = " ".join(f'{side}="{el[side]}"' for side in ("width", "height")
                            if el.get(side))
            return f"{made}{{: {size} }}" if size and made.startswith("![") else made

    for rule in root.find_all("hr"):
        rule.decompose()  # the site's rules separate its boxes; the reader draws its own
    converter = ChapterConverter(heading_style="ATX", bullets="-", table_infer_header=True,
                                 keep_inline_images_in=["td", "th"])
    text = str(converter.convert_soup(root))
    text = re.sub(rf"^{MISSING_IMAGE_MARK}(.*)$",
                  lambda m: f"{MISSING_IMAGE_TEXT} {m.group(1)}\n{{: .figure-caption }}",
                  text, flags=re.M)
    return re.sub(rf"^{CAPTION_MARK}(.*)$", lambda m: f"{m.group(1)}\n{{: .figure-caption }}",
                  text, flags=re.M)
