"""Which file an image in a chapter names: only one inside the content folder, ever.

The chapter pane, printing and validate all ask here, so none of them can be made to read
a web address or a network share (on Windows `//host/share/x.png` and `\\\\host\\share` are
fetched over the network, and a content update is not signed). An image is named relative
to its chapter file, in `chapters/`; the address is judged as text before any file is
touched, since even asking Windows about a network path connects to it. The file's bytes
are then judged too (reader/image_safety.py): an SVG could name another file in turn.
"""

from __future__ import annotations

import ntpath
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from reader.image_safety import MAX_IMAGE_BYTES, TOO_LARGE, image_problem, is_raster

CHAPTERS_FOLDER = "chapters"
IMAGES_FOLDER = "images"  # under chapters/: chapters name their pictures images/NAME
OFFLINE = "is not a file in the content folder (the reader works offline)"
OUTSIDE = "points outside the content folder"
MISSING = "is missing (an image is a file in chapters/images/, written as images/NAME.png)"
UNREADABLE = "cannot be read"


def image_file(src: str, content_dir: Path) -> tuple[Path | None, str | None]:
    """(the image's file, None), or (None, why it cannot be shown)."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return None, OFFLINE
    return file_inside(unquote(parts.path), content_dir, CHAPTERS_FOLDER)


def file_inside(name: str, top: Path, folder: str = ".") -> tuple[Path | None, str | None]:
    """(the file `name` names from `folder` of `top`, None) if it lies inside `top`, or
    (None, why not); judged as text first, so a network path is never touched."""
    if not name or name.startswith(("/", "\\")) or ntpath.splitdrive(name)[0]:
        return None, OFFLINE
    inside = posixpath.normpath(posixpath.join(folder, name.replace("\\", "/")))
    if inside == ".." or inside.startswith("../"):
        return None, OUTSIDE
    top = top.resolve()
    path = (top / inside).resolve()  # a local path now: symbolic links may still lead out
    if not path.is_relative_to(top):
        return None, OUTSIDE
    if not path.is_file():
        return None, MISSING
    return path, None


def image_data(src: str, content_dir: Path) -> tuple[bytes | None, str | None]:
    """(the image's bytes, None) if they may be shown, or (None, why not).

    The bytes are read once and handed to Qt as they were judged, so the file cannot be
    changed between the two.
    """
    path, why = image_file(src, content_dir)
    if path is None:
        return None, why
    return read_image_bytes(path)


def read_image_bytes(path: Path) -> tuple[bytes | None, str | None]:
    """(a local image file's bytes, None) if Qt may read them, or (None, why not)."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_IMAGE_BYTES + 1)
    except OSError:
        return None, UNREADABLE
    if len(data) > MAX_IMAGE_BYTES:
        return None, TOO_LARGE
    why = image_problem(data)
    if why is None and is_raster(data):
        # Qt's readers and the walk through a picture's parts: only for a picture
        from reader.image_size import header_problem, layout_problem

        why = header_problem(data) or layout_problem(data)
    return (None, why) if why is not None else (data, None)
