"""A picture's file walked through before the page shows it: one cut short is found at any
cut, without decoding, and a whole one is passed."""

from __future__ import annotations

import struct

import pytest

from reader.image_size import CUT_SHORT, decode_problem, layout_problem

from .conftest import picture_bytes


def progressive_jpeg() -> bytes:
    """A JPEG written in passes, each sharpening the whole picture: cut between two, Qt
    draws a whole picture, blurred, and libjpeg says nothing."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QImageWriter

    held = QByteArray()
    buffer = QBuffer(held)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, b"jpg")
    writer.setProgressiveScanWrite(True)
    assert writer.write(QImage.fromData(picture_bytes("png")))
    del writer
    buffer.close()
    return bytes(held)


def with_thumbnail(jpeg: bytes) -> bytes:
    """The JPEG with a whole small JPEG inside its Exif part, as a camera writes one: its end
    mark is not the picture's."""
    exif = b"Exif\x00\x00" + jpeg
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif + jpeg[2:]


@pytest.mark.parametrize("jpeg", [picture_bytes("jpg"), progressive_jpeg(),
                                  with_thumbnail(picture_bytes("jpg"))],
                         ids=["baseline", "progressive", "with a thumbnail"])
def test_a_jpeg_cut_anywhere_is_cut_short_and_whole_it_is_not(jpeg: bytes) -> None:
    assert layout_problem(jpeg) is None and decode_problem(jpeg) is None
    assert layout_problem(jpeg + b"\x00" * 10) is None  # what follows its end mark is not read
    cut = [at for at in range(2, len(jpeg)) if layout_problem(jpeg[:at]) != CUT_SHORT]
    assert cut == []


@pytest.mark.parametrize("kind", ["jpg", "gif", "bmp", "webp"])
def test_the_walk_finds_what_decoding_finds_of_a_picture_cut_short(kind: str) -> None:
    whole = picture_bytes(kind)
    assert layout_problem(whole) is None
    for at in (len(whole) * 2 // 3, len(whole) - 2):  # past the header, into the picture
        assert layout_problem(whole[:at]) == CUT_SHORT == decode_problem(whole[:at])
