"""Which file an image in a chapter names: only one inside the content folder, ever.

The chapter pane, printing and validate all ask here, so none of them can be made to read
a web address or a network share (on Windows `//host/share/x.png` and `\\\\host\\share` are
fetched over the network, and a content update is not signed). An image is named relative
to its chapter file, in `chapters/`; the address is judged as text before any file is
touched, since even asking Windows about a network path connects to it.
"""

from __future__ import annotations

import ntpath
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHAPTERS_FOLDER = "chapters"
OFFLINE = "is not a file in the content folder (the reader works offline)"
OUTSIDE = "points outside the content folder"
MISSING = "is missing (an image is a file in chapters/images/, written as images/NAME.png)"


def image_file(src: str, content_dir: Path) -> tuple[Path | None, str | None]:
    """(the image's file, None), or (None, why it cannot be shown)."""
    parts = urlsplit(src)
    name = unquote(parts.path)
    if (parts.scheme or parts.netloc or not name or name.startswith(("/", "\\"))
            or ntpath.splitdrive(name)[0]):
        return None, OFFLINE
    inside = posixpath.normpath(posixpath.join(CHAPTERS_FOLDER, name.replace("\\", "/")))
    if inside == ".." or inside.startswith("../"):
        return None, OUTSIDE
    top = content_dir.resolve()
    path = (top / inside).resolve()  # a local path now: symbolic links may still lead out
    if not path.is_relative_to(top):
        return None, OUTSIDE
    if not path.is_file():
        return None, MISSING
    return path, None
