"""A content folder's manifest: its name and format.

`content_archive` makes and checks manifests (an update's, and the bundled edition's that
`write-manifest` keeps in content/); these facts live apart from it so that a start can read
a manifest without importing what hashing needs.
"""

from __future__ import annotations

MANIFEST_NAME = "content-manifest.json"
ARCHIVE_FORMAT = 1
ARCHIVE_KIND = "procedures-reader-content"
# the Manifest.content_hash of the files listed, written with them so that a start can take
# it without hashing; only the bundled edition's manifest carries it
CONTENT_HASH_KEY = "content_hash"
SHA256_HEX = frozenset("0123456789abcdef")
