"""Colours read from a chapter stylesheet for what Qt paints itself: tree badges, matches."""

from __future__ import annotations

from reader.stylesheet_colours import rule_colours


def test_colours_are_read_as_css_would_apply_them() -> None:
    css = """
    /* .badge { color: #123456; } a comment sets nothing */
    .badge, .match { color: #fff; background-color: #8a4b00; }
    .badge { border-color: #ff0000; background-color: #66ff8c; }
    p { margin: 0; }
    """
    assert rule_colours(css) == {
        # the later rule adds to the earlier; a border's colour is no text colour
        ".badge": {"color": "#fff", "background-color": "#66ff8c"},
        ".match": {"color": "#fff", "background-color": "#8a4b00"},
    }
