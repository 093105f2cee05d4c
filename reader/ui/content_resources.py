"""What a chapter's HTML may load, on screen and on paper: images of the content folder only,
and only those that name no other file (an SVG can)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QTextDocument

from reader.content_images import image_data
from reader.image_safety import is_raster

# Qt's own mark for an image it cannot show
NOT_SHOWN = ":/qt-project.org/styles/commonstyle/images/file-16.png"
# a picture redrawn for the screen's scale past this many pixels is left as Qt draws it:
# four times a 2,000 by 2,000 diagram, at 4 bytes a pixel 64 MB held per tab
SCREEN_PIXELS_LIMIT = 16_000_000


def content_resource(kind: int, address: str, content_dir: Path | None,
                     ratio: float = 1.0) -> object:
    """An image inside the content folder, or the "not shown" mark; nothing else, ever.

    Never None for an image: given nothing, Qt loads the address itself, and would fetch
    //host/share/x.png over the network on Windows (see reader/content_images.py). `ratio`:
    the screen's device pixels per pixel (1.5 at 150%), for which the picture is drawn.
    """
    if kind != QTextDocument.ResourceType.ImageResource.value:
        return ""  # no stylesheets or pages from anywhere
    data = image_data(address, content_dir)[0] if content_dir is not None else None
    # from the judged bytes, not the path: Qt would resolve an SVG's relative names beside it
    image = picture_for_screen(data, ratio) if data is not None else QImage()
    return image if not image.isNull() else QImage(NOT_SHOWN)


def picture_for_screen(data: bytes, ratio: float) -> QImage:
    """The picture in `ratio` device pixels to each of its own, laid out at its own size.

    Qt scales a picture to the screen by nearest pixels: at 125% or 150% a diagram's lines
    came out one or two pixels thick by turns, its words ragged, and an SVG, a drawing, was
    as coarse as a photo. An SVG is drawn afresh in the screen's pixels; a raster picture is
    scaled smoothly, as a browser scales it. At 200% Qt's doubling of each pixel is exact,
    and left to it.
    """
    if ratio <= 1.0 or (is_raster(data) and ratio.is_integer()):
        return QImage.fromData(data)
    if not is_raster(data):
        drawn = _svg_at(data, ratio)
        if not drawn.isNull():
            return drawn
    image = QImage.fromData(data)
    wanted = QSize(round(image.width() * ratio), round(image.height() * ratio))
    if image.isNull() or wanted.width() * wanted.height() > SCREEN_PIXELS_LIMIT:
        return image
    scaled = image.scaled(wanted, Qt.AspectRatioMode.IgnoreAspectRatio,
                          Qt.TransformationMode.SmoothTransformation)
    scaled.setDevicePixelRatio(ratio)
    return scaled


def _svg_at(data: bytes, ratio: float) -> QImage:
    """The SVG drawn at `ratio` times its own size, or a null image where it cannot be."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    own = reader.size()
    wanted = QSize(round(own.width() * ratio), round(own.height() * ratio))
    if own.isEmpty() or wanted.width() * wanted.height() > SCREEN_PIXELS_LIMIT:
        return QImage()
    reader.setScaledSize(wanted)
    image = reader.read()
    image.setDevicePixelRatio(ratio)
    return image
