"""Whether an image's bytes may be handed to Qt: a picture that names no other file.

Qt's SVG reader follows `<image href="...">` to any file on disk (on Windows to a network
share), and Qt picks the decoder by the bytes, not the suffix: an SVG saved as `x.png` is read
as SVG, and so is a gzip-compressed one. So an image is judged by its bytes: a raster picture
(PNG, JPEG, GIF, BMP, WebP, TIFF, icon), or an SVG that draws only what it holds itself -
references within the document (`#id`), raster pictures written into it as `data:` URIs,
and links, which Qt never follows. Everything else is refused, and so is what the checks
cannot read the same way Qt does.
"""

from __future__ import annotations

import binascii
import re
import zlib
from base64 import b64decode
from xml.parsers import expat

MAX_IMAGE_BYTES = 32 * 1024 * 1024  # far above any picture in a manual
MAX_MB = MAX_IMAGE_BYTES // (1024 * 1024)
RASTER_SIGNATURES = (
    b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM",
    b"II*\x00", b"MM\x00*", b"\x00\x00\x01\x00", b"\x00\x00\x02\x00",
)
GZIP_MAGIC = b"\x1f\x8b"
# the encodings Qt's XML reader and expat decode alike; another could let them see different text
XML_ENCODINGS = {"utf-8", "utf8", "utf-16", "utf16", "us-ascii", "ascii", "iso-8859-1",
                 "latin1", "latin-1"}
ENCODING_RE = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']""")
# `#id`: a part of the same document
INTERNAL_RE = re.compile(r"#[A-Za-z_][\w.:-]*")
# a raster picture written into the SVG; one strict form, which Python and Qt decode alike
DATA_RE = re.compile(r"data:image/(?:png|jpeg|jpg|gif|bmp|webp);base64,([A-Za-z0-9+/]*={0,2})")
URL_OPEN_RE = re.compile(r"url\(", re.I)
# elements whose href Qt loads as a picture: there even `#id` is a file name to Qt
PICTURE_ELEMENTS = {"image", "feimage"}
# a link: Qt draws what it holds and never follows its href (Illustrator and Inkscape write
# them for a web address on a diagram); what it holds is checked like anything else
LINK_ELEMENTS = {"a"}

NOT_AN_IMAGE = ("is not a picture the reader can show (it shows PNG, JPEG, GIF, BMP, WebP, "
                "TIFF and SVG images)")
TOO_LARGE = f"is larger than {MAX_MB} MB"
UNPACKS_TOO_LARGE = f"is a compressed SVG that unpacks to more than {MAX_MB} MB"
UNREADABLE_SVG = "is an SVG the reader cannot check"
DECLARATIONS = ("is an SVG that declares its own entities or attributes (a DOCTYPE with "
                "declarations), which could name other files; the reader does not show it")
STYLESHEET = ("is an SVG that asks for a stylesheet from another file; the reader shows only "
              "SVG images that hold everything they draw")
OUTSIDE_REFERENCE = ("is an SVG that refers to {what}; the reader shows only SVG images that "
                     "hold everything they draw")


class _Refused(Exception):
    """Why the SVG being read is refused; stops the parse at once."""


def image_problem(data: bytes) -> str | None:
    """None if Qt may read these bytes; else why not, to follow 'image "x.png" '."""
    if len(data) > MAX_IMAGE_BYTES:
        return TOO_LARGE
    if is_raster(data):
        return None
    if data.startswith(GZIP_MAGIC):
        unpacked = _gunzip(data)
        if unpacked is None:
            return UNREADABLE_SVG + " (its compression is damaged or holds more than one part)"
        if len(unpacked) > MAX_IMAGE_BYTES:
            return UNPACKS_TOO_LARGE
        data = unpacked  # Qt unpacks one layer, then reads XML
    elif not _looks_like_xml(data):
        return NOT_AN_IMAGE
    return svg_problem(data)


def svg_problem(data: bytes) -> str | None:
    """None if an SVG draws only what it holds itself; else why it is refused."""
    declared = ENCODING_RE.match(data.lstrip(b" \t\r\n"))
    encoding = declared.group(1).decode("ascii", "replace") if declared else "utf-8"
    if encoding.lower() not in XML_ENCODINGS:
        return UNREADABLE_SVG + f' (it is written in "{encoding}")'
    reader = _SvgReader()
    try:
        reader.read(data)
    except _Refused as refused:
        return str(refused)
    except expat.ExpatError as exc:
        return UNREADABLE_SVG + f" (not well-formed XML at line {exc.lineno})"
    return None


def is_raster(data: bytes) -> bool:
    """Whether the bytes begin as a raster picture (not an SVG) does."""
    return data.startswith(RASTER_SIGNATURES) or _is_webp(data)


def _is_webp(data: bytes) -> bool:
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP"


def _looks_like_xml(data: bytes) -> bool:
    """What Qt's SVG reader would try: text that starts, after white space, with a tag."""
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if data.startswith(bom):
            return True
    return data.lstrip(b" \t\r\n").startswith(b"<") or data[:2] in (b"<\x00", b"\x00<")


def _gunzip(data: bytes) -> bytes | None:
    """The unpacked bytes, at most one past the limit (a small file may unpack to gigabytes);
    None if damaged or followed by more: what Qt makes of a second part is not checked."""
    unpacker = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        unpacked = unpacker.decompress(data, MAX_IMAGE_BYTES + 1)
    except zlib.error:
        return None
    if len(unpacked) > MAX_IMAGE_BYTES:
        return unpacked
    return unpacked if unpacker.eof and not unpacker.unused_data else None


class _SvgReader:
    """Reads an SVG with expat and refuses at the first thing that names outside itself."""

    def __init__(self) -> None:
        self.parser = expat.ParserCreate()
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartDoctypeDeclHandler = self._doctype
        # the doctype handler refuses any internal subset; these are a second lock
        self.parser.EntityDeclHandler = self._declaration
        self.parser.AttlistDeclHandler = self._declaration
        self.parser.ExternalEntityRefHandler = self._declaration
        self.parser.ProcessingInstructionHandler = self._instruction
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text
        self.style_depth = 0
        self.style_text: list[str] = []  # the text of the <style> being read

    def read(self, data: bytes) -> None:
        self.parser.Parse(data, True)

    def _doctype(self, _name: str, _system: str | None, _public: str | None,
                 has_internal_subset: bool) -> None:
        if has_internal_subset:
            raise _Refused(DECLARATIONS)

    def _declaration(self, *_args: object) -> None:
        raise _Refused(DECLARATIONS)

    def _instruction(self, target: str, _data: str) -> None:
        # Qt reads a local CSS file an <?xml-stylesheet?> names; no other is worth the risk
        raise _Refused(STYLESHEET if target.lower() == "xml-stylesheet" else
                       UNREADABLE_SVG + f" (it holds the instruction <?{target}?>)")

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        element = _local(name)
        if element == "style":
            self.style_depth += 1
        for key, value in attributes.items():
            if _local(key) == "href" and element not in LINK_ELEMENTS:
                _check_reference(value, element in PICTURE_ELEMENTS)
            _check_css(value)

    def _end(self, name: str) -> None:
        if _local(name) == "style":
            self.style_depth -= 1
            if not self.style_depth:
                # judged whole: expat may hand the text over in pieces ("@imp", "ort")
                _check_css("".join(self.style_text))
                self.style_text = []

    def _text(self, text: str) -> None:
        if self.style_depth:
            self.style_text.append(text)


def _local(name: str) -> str:
    return name.rpartition(":")[2].lower()


def _check_reference(value: str, loads_a_picture: bool) -> None:
    target = value.strip()
    if INTERNAL_RE.fullmatch(target) and not loads_a_picture:
        return
    # white space inside base64 is skipped alike by Python and Qt (and wrapped by editors)
    data = DATA_RE.fullmatch(re.sub(r"\s+", "", target))
    if data is not None:
        try:
            picture = b64decode(data.group(1))
        except binascii.Error:  # cut short: not a picture either
            picture = b""
        if picture.startswith(RASTER_SIGNATURES) or _is_webp(picture):
            return
        raise _Refused(OUTSIDE_REFERENCE.format(
            what="a picture written into it that is not a raster image"))
    if target.startswith("data:"):
        raise _Refused(OUTSIDE_REFERENCE.format(
            what="something written into it that is not a raster image (an SVG in an SVG "
                 "could name other files in turn)"))
    raise _Refused(OUTSIDE_REFERENCE.format(what=f'"{_short(target)}"'))


def _check_css(text: str) -> None:
    """Styles may name parts of the document (`url(#id)`), never a file or an import."""
    if "@import" in text.lower():
        raise _Refused(STYLESHEET)
    # split, not one pattern: a pattern would scan to the end once for each unclosed "url("
    for after in URL_OPEN_RE.split(text)[1:]:
        target = after.partition(")")[0].strip().strip("'\"").strip()
        if not INTERNAL_RE.fullmatch(target):
            raise _Refused(OUTSIDE_REFERENCE.format(what=f'"{_short(target)}"'))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "..."
