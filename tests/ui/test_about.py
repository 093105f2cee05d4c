"""Help > About: what the reader is built from, and what it promises."""

from __future__ import annotations

from dataclasses import replace
from importlib import metadata

from reader.manual import load_manual
from reader.ui.about import about_html

from ..conftest import CONTENT


def test_about_gives_each_components_version_and_the_no_network_promise() -> None:
    html = about_html(load_manual(CONTENT).info)
    for name in ("Markdown", "Whoosh", "platformdirs"):
        assert f"<td>{name}</td><td>{metadata.version(name)}</td>" in html
    assert "The reader opens no network connection." in html


def test_a_title_with_markup_characters_is_shown_as_written() -> None:
    info = replace(load_manual(CONTENT).info, title="Children & Families <Derby>")
    assert "<b>Children &amp; Families &lt;Derby&gt;</b>" in about_html(info)
