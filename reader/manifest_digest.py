"""A content folder's manifest: its name and format, and the digest of the files it records.

`content_archive` makes and checks manifests (an update's, and the bundled edition's that
`write-manifest` keeps beside content/); this module only reads the digest one records, at
every start, so it hashes nothing and imports nothing that hashing needs.
"""

from __future__ import annotations

import json
import logging
import stat
from datetime import date
from pathlib import Path
from typing import Any

from reader.json_text import parse_json

log = logging.getLogger(__name__)

MANIFEST_NAME = "content-manifest.json"
ARCHIVE_FORMAT = 1
ARCHIVE_KIND = "procedures-reader-content"
# the Manifest.content_hash of the files listed, written with them so that a start can take
# it without hashing; only the bundled edition's manifest carries it
CONTENT_HASH_KEY = "content_hash"
SHA256_HEX = frozenset("0123456789abcdef")
# far above a real manual's (162 chapters: a few kB; 20,000 files: about 3 MB), far below harm
MAX_MANIFEST_BYTES = 8 * 1024 * 1024


class ManifestUnreadable(Exception):
    """A manifest that is there but cannot be read; the message names it and says why."""


def read_manifest_json(path: Path) -> Any:
    """The JSON of the manifest at `path`: FileNotFoundError where there is none,
    ManifestUnreadable where it is no file, far too large, or not JSON."""
    try:
        found = path.stat()
        if not stat.S_ISREG(found.st_mode):  # a folder; a pipe would be read to no end
            raise ManifestUnreadable(f"{path} is not a file")
        # read before the first paint: a file padded out would hold the window back
        if found.st_size > MAX_MANIFEST_BYTES:
            raise ManifestUnreadable(f"{path} is {found.st_size / (1024 * 1024):.1f} MB, far "
                                     "larger than a manifest can be")
        return parse_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestUnreadable(f"{path} cannot be read ({exc})") from None


def recorded_content_hash(folder: Path, edition: date) -> str | None:
    """The digest of the files of `folder` as its manifest records it, if that manifest is of
    `edition` (the date manual.json gives); None, logged, without a sound one. The files are
    not read: `validate` checks that the bundled edition's manifest still describes them."""
    path = folder / MANIFEST_NAME
    try:
        data = read_manifest_json(path)
    except FileNotFoundError:
        log.info("%s has no %s: a change to its files under the same date would go "
                 "unnoticed", folder, MANIFEST_NAME)
        return None
    except ManifestUnreadable as exc:
        log.warning("the edition's files have no digest: %s", exc)
        return None
    if not isinstance(data, dict) or data.get("kind") != ARCHIVE_KIND \
            or data.get("format") != ARCHIVE_FORMAT:
        log.warning("%s is not a manifest this reader reads; the edition's files have no "
                    "digest", path)
        return None
    digest = data.get(CONTENT_HASH_KEY)
    if digest is None:
        return None  # an installed update's: its pointer carries the digest
    if not isinstance(digest, str) or len(digest) != 64 or set(digest) - SHA256_HEX:
        log.warning("%s gives a digest that is not one: %r", path, digest)
        return None
    if data.get("edition") != edition.isoformat():
        # manual.json's date moved on and the manifest was not made again
        log.warning("%s is of the edition %r, not of %s as manual.json says; the edition's "
                    "files have no digest", path, data.get("edition"), edition.isoformat())
        return None
    return digest
