"""What a chapter's HTML may load, on screen and on paper: images of the content folder only,
and only those that name no other file (an SVG can)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage, QTextDocument

from reader.content_images import image_data

# Qt's own mark for an image it cannot show
NOT_SHOWN = ":/qt-project.org/styles/commonstyle/images/file-16.png"


def content_resource(kind: int, address: str, content_dir: Path | None) -> object:
    """An image inside the content folder, or the "not shown" mark; nothing else, ever.

    Never None for an image: given nothing, Qt loads the address itself, and would fetch
    //host/share/x.png over the network on Windows (see reader/content_images.py).
    """
    if kind != QTextDocument.ResourceType.ImageResource.value:
        return ""  # no stylesheets or pages from anywhere
    data = image_data(address, content_dir)[0] if content_dir is not None else None
    # from the judged bytes, not the path: Qt would resolve an SVG's relative names beside it
    image = QImage.fromData(data) if data is not None else QImage()
    return image if not image.isNull() else QImage(NOT_SHOWN)
