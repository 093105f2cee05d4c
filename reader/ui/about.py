"""The About text: versions, licences, and whose manual this is."""

from __future__ import annotations

import platform
from html import escape
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion

from reader import APP_DISPLAY_NAME, __version__
from reader.edition import capitalised, edition_phrase
from reader.manual import ManualInfo

# (distribution, licence) of what the reader is built from
COMPONENTS = (
    ("PySide6-Essentials", "LGPL-3.0 (Qt for Python)"),
    ("Markdown", "BSD-3-Clause"),
    ("Whoosh", "BSD-2-Clause"),
    ("platformdirs", "MIT"),
)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "bundled"


def about_html(info: ManualInfo) -> str:
    rows = "".join(
        f"<tr><td>{escape(name)}</td><td>{escape(_version(name))}</td>"
        f"<td>{escape(licence)}</td></tr>"
        for name, licence in COMPONENTS
    )
    published = f"Published by {escape(info.publisher)}. " if info.publisher else ""
    return f"""
<h3>{APP_DISPLAY_NAME} {escape(__version__)}</h3>
<p>Reads <b>{escape(info.title)}</b> offline. {capitalised(edition_phrase(info.edition))}.</p>
<p>{published}{escape(info.copyright)}</p>
<p>The online manual:<br>{escape(info.online_url) or "its address is not given"}</p>
<p>The reader itself is free software under the MIT licence. It is built with:</p>
<table cellpadding="3">
<tr><th align="left">Component</th><th align="left">Version</th><th align="left">Licence</th></tr>
{rows}
<tr><td>Qt</td><td>{escape(qVersion())}</td><td>LGPL-3.0</td></tr>
<tr><td>Python</td><td>{escape(platform.python_version())}</td><td>PSF-2.0</td></tr>
</table>
<p>Qt for Python {escape(pyside_version)}. The reader opens no network connection.</p>
"""
