"""Whether Qt can read a raster picture's header, draw a picture of the size it gives, and
find in the file all the picture its layout says it holds.

Asked before a page is laid out: a damaged picture, one cut short (a copy that stopped part
way), or one too large for Qt to hold (a scan of 100,000 by 100,000 pixels), is then said in
a sentence where it stands. Qt itself would draw only its small file mark there, or the top
of a picture cut short with the rest grey or black, and say nothing of why. Only the header
is read, and the file's parts walked through: the picture is decoded once, when the page
shows it.
"""

from __future__ import annotations

import os
import re
import struct
import sys
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

DAMAGED = "is damaged: the picture in it cannot be read"
CUT_SHORT = "is damaged: the file ends before the picture in it does"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
GIF_SIGNATURES = (b"GIF87a", b"GIF89a")
JPEG_SIGNATURE = b"\xff\xd8"
# in a JPEG's picture data, the next marker: 0xFF then neither 0 (a data byte 0xFF), a restart
# mark (0xD0 to 0xD7), nor another 0xFF (a fill byte before the marker)
JPEG_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
JPEG_END = 0xD9
JPEG_SCAN = 0xDA
# markers that stand alone, with no length after them: restart marks, and TEM
JPEG_BARE_MARKERS = frozenset((0x01, *range(0xD0, 0xD8)))
# what libjpeg says, through Qt's messages, of a JPEG whose data stops before its picture
# does ("Corrupt JPEG data: premature end of data segment", "Premature end of JPEG file")
JPEG_CUT_SHORT = "premature end"
BYTES_PER_PIXEL = 4  # Qt holds a picture as 32 bits a pixel to draw it
# one stderr set aside at a time: two threads doing it at once could leave it on /dev/null
_STDERR_ASIDE = threading.Lock()


def header_problem(data: bytes) -> str | None:
    """None if Qt reads a size from the picture's header that it can hold; else why not."""
    if data.startswith(PNG_SIGNATURE) and (problem := png_problem(data)) is not None:
        return problem
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImageReader

    held = QByteArray(data)
    buffer = QBuffer(held)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    with _qt_messages_unsaid():
        size = reader.size()
    del reader  # before the buffer it reads from
    buffer.close()
    if not size.isValid() or size.isEmpty():
        return DAMAGED
    limit_mb = QImageReader.allocationLimit()
    if limit_mb and size.width() * size.height() * BYTES_PER_PIXEL > limit_mb * 1024 * 1024:
        return f"is too large to show ({size.width():,} by {size.height():,} pixels)"
    return None


def png_problem(data: bytes) -> str | None:
    """None if a PNG's parts are whole up to its end part, and those it needs are as their
    checksums say; else why not.

    A PNG cut short (a copy or a download that stopped) keeps a whole header, and Qt draws
    only its file mark for it. Walked through without decoding: for a PNG of 3 MB, 1 ms,
    where decoding it takes 9 ms and is done once, when the page shows it.
    """
    view = memoryview(data)
    at = len(PNG_SIGNATURE)
    while at + 12 <= len(data):  # each part: length, kind, data, checksum
        length, kind = struct.unpack_from(">I4s", data, at)
        end = at + 12 + length
        if end > len(data):
            return CUT_SHORT
        # a part the picture needs (its kind starts with a capital): libpng refuses it
        # damaged, and passes over a damaged part that only adds to it
        if kind[:1].isupper() and zlib.crc32(view[at + 4:end - 4]) != struct.unpack_from(
                ">I", data, end - 4)[0]:
            return DAMAGED
        if kind == b"IEND":
            return None
        at = end
    return CUT_SHORT


def layout_problem(data: bytes) -> str | None:
    """None if the file holds all the picture its layout says it does; else why not. Asked
    after header_problem, which walks a PNG's parts.

    Qt draws the part of a JPEG, GIF or BMP cut short that it has, and the rest grey, clear
    or black, without a word: a reader could take it for the whole picture. Walked through
    without decoding: for a JPEG of 1.5 MB a third of a millisecond, where decoding it
    takes 25.
    """
    if data.startswith(JPEG_SIGNATURE):
        return jpeg_problem(data)
    if data.startswith(GIF_SIGNATURES):
        return gif_problem(data)
    if data.startswith(b"BM"):
        return bmp_problem(data)
    # a WebP's first part gives the length of the rest: Qt says only that it cannot read it
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP" and \
            len(data) < 8 + struct.unpack_from("<I", data, 4)[0]:
        return CUT_SHORT
    return None


def decode_problem(data: bytes) -> str | None:
    """None if Qt reads the whole picture; else why not. For validate, which may decode a
    picture to say so before a reader sees it: the page itself reads only the header and
    walks the parts (header_problem, layout_problem), and decodes once, to show it.

    A file cut short is found by the walk, as the page finds it; decoding finds what the walk
    cannot see, such as a JPEG whose data is damaged part way (libjpeg warns, and Qt draws
    the rest grey) or a TIFF Qt cannot read.
    """
    if (problem := header_problem(data) or layout_problem(data)) is not None:
        return problem
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImageReader

    held = QByteArray(data)
    buffer = QBuffer(held)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    with _qt_messages_unsaid(), _qt_messages_kept() as said:
        image = reader.read()
    del reader  # before the buffer it reads from: libtiff's reader reads it as it closes
    buffer.close()
    if image.isNull():
        return DAMAGED
    if data.startswith(JPEG_SIGNATURE) and any(JPEG_CUT_SHORT in text.lower() for text in said):
        return CUT_SHORT
    return None


def jpeg_problem(data: bytes) -> str | None:
    """None if a JPEG's parts are whole up to its end mark; else why not. Qt draws the rows
    of a JPEG cut short that it has, and the rest grey; with a progressive JPEG cut between
    two passes it draws the whole picture blurred, and says nothing at all."""
    at = len(JPEG_SIGNATURE)
    while True:
        if at + 2 > len(data):
            return CUT_SHORT
        if data[at] != 0xFF:
            return None  # not a layout this walk knows: Qt's decoding judges it
        marker = data[at + 1]
        if marker == 0xFF:  # a fill byte before the marker
            at += 1
        elif marker == JPEG_END:
            return None
        elif marker in JPEG_BARE_MARKERS:
            at += 2
        else:  # a part with its length (which counts itself), then the picture data of a scan
            if at + 4 > len(data):
                return CUT_SHORT
            at += 2 + struct.unpack_from(">H", data, at + 2)[0]
            if at > len(data):
                return CUT_SHORT
            if marker == JPEG_SCAN:
                found = JPEG_NEXT_MARKER.search(data, at)
                if found is None:
                    return CUT_SHORT
                at = found.start()


def gif_problem(data: bytes) -> str | None:
    """None if a GIF's blocks are whole, up to its end mark or between two blocks; else
    why not. Qt draws the rows of a GIF cut short that it has, and the rest transparent."""
    if len(data) < 13:  # signature and screen descriptor
        return CUT_SHORT
    at = 13 + _gif_colour_table(data[10])
    images = 0
    while at < len(data):
        kind = data[at]
        if kind == 0x3B:  # the end mark
            return None
        if kind == 0x21:  # an extension: its label, then its data blocks
            at += 2
        elif kind == 0x2C:  # a picture: its descriptor, colours, code size, data blocks
            if at + 10 > len(data):
                return CUT_SHORT
            at += 10 + _gif_colour_table(data[at + 9]) + 1
            images += 1
        else:
            return None  # not a block this walk knows: Qt's decoding judges it
        while True:  # data blocks, each its length then its bytes, up to an empty one
            if at >= len(data):
                return CUT_SHORT
            length = data[at]
            at += 1 + length
            if length == 0:
                break
    # ended between blocks with no end mark: Qt draws each picture it holds whole
    return None if images and at == len(data) else CUT_SHORT


def _gif_colour_table(flags: int) -> int:
    """The bytes of the colour table a GIF descriptor's flags say follows it."""
    return 3 * (2 << (flags & 7)) if flags & 0x80 else 0


def bmp_problem(data: bytes) -> str | None:
    """None if a BMP holds the bytes its header says its rows take; else why not. Qt draws
    the rows of a BMP cut short that it has, and the rest black."""
    if len(data) < 30:
        return CUT_SHORT
    offset, header = struct.unpack_from("<II", data, 10)
    if header == 12:  # the first version's header: sizes of 16 bits, never compressed
        width, height, _planes, bits = struct.unpack_from("<HHHH", data, 18)
        compression = stored = 0
    elif len(data) >= 38:
        width, height, _planes, bits, compression, stored = struct.unpack_from(
            "<iiHHII", data, 18)
    else:
        return CUT_SHORT
    if compression in (0, 3):  # rows as they are, each padded to 4 bytes
        needed = offset + (abs(width) * bits + 31) // 32 * 4 * abs(height)
    elif compression in (1, 2) and stored:  # run-length: the header gives their bytes
        needed = offset + stored
    else:
        return None  # a JPEG or PNG inside: Qt's decoding judges it
    return CUT_SHORT if len(data) < needed else None


@contextmanager
def _qt_messages_kept() -> Iterator[list[str]]:
    """Qt's messages while a picture is decoded, kept to be judged rather than printed.
    The handler is the whole process's: only validate, which runs no other thread, sets
    it, and puts back the one there was."""
    from PySide6.QtCore import qInstallMessageHandler

    said: list[str] = []
    before = qInstallMessageHandler(lambda _kind, _where, text: said.append(text))
    try:
        yield said
    finally:
        qInstallMessageHandler(before)


@contextmanager
def _qt_messages_unsaid() -> Iterator[None]:
    """The decoder's own complaint ("libpng error: Read Error", written by libpng to the
    process's stderr, past Qt's message handler) kept off the command line, where the
    problem is said in the reader's words. Only there: a window may have other threads
    writing to stderr, and its stderr reaches no one anyway."""
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is not None:
        yield
        return
    with _STDERR_ASIDE:
        sys.stderr.flush()
        kept = os.dup(2)
        try:
            with open(os.devnull, "wb") as nowhere:
                os.dup2(nowhere.fileno(), 2)
            yield
        finally:
            os.dup2(kept, 2)
            os.close(kept)
