"""Chapter text is readable in every theme: WCAG contrast of each text colour on its background.

At least 4.5:1 (WCAG AA for body text) in the light and dark themes, 7:1 (AAA) in high contrast.
"""

from __future__ import annotations

import pytest

from reader.resources import resources_dir, stylesheet

from .contrast import contrast_ratio, parse_colour, parse_css, text_pairs

MINIMUM = {"light": 4.5, "dark": 4.5, "high-contrast": 7.0}


@pytest.mark.parametrize("theme", sorted(MINIMUM))
def test_every_text_colour_is_readable_on_its_background(theme: str) -> None:
    pairs = text_pairs(parse_css(stylesheet(theme)))
    assert len(pairs) > 20  # body, headings, links, notes, boxes, badges, matches
    failing = [
        f"{pair.what}: {pair.text} on {pair.background} is "
        f"{contrast_ratio(pair.text, pair.background):.2f}:1"
        for pair in pairs
        if contrast_ratio(pair.text, pair.background) < MINIMUM[theme]
    ]
    assert failing == [], f"{theme} needs {MINIMUM[theme]}:1"


@pytest.mark.parametrize("theme", sorted(MINIMUM))
def test_pairs_cover_links_notes_boxes_badges_and_matches(theme: str) -> None:
    described = " | ".join(pair.what for pair in text_pairs(parse_css(stylesheet(theme))))
    for expected in ("body on body", "a on body", "a on td.notice", "p.where on body",
                     "p.meta on body", "p.note on body", "p.foot on body",
                     "p.box-title on td.amendment", "text of .badge-new",
                     "text of .badge-under_review", "text on span.match",
                     "text on span.match-current"):
        assert expected in described


def test_themes_style_the_same_selectors() -> None:
    light = set(parse_css(stylesheet("light")))
    for theme in ("dark", "high-contrast"):
        assert set(parse_css(stylesheet(theme))) ^ light <= {".number"}, theme


def test_stylesheet_colours_are_plain_hex() -> None:
    # the contrast arithmetic reads #rgb and #rrggbb only; a named colour would go unchecked
    for path in sorted((resources_dir() / "styles").glob("*.css")):
        for props in parse_css(path.read_text(encoding="utf-8")).values():
            for name, value in props.items():
                if name.endswith("color"):
                    parse_colour(value)


def test_contrast_arithmetic_matches_wcag_examples() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#fff", "#ffffff") == pytest.approx(1.0)
