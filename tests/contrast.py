"""WCAG contrast arithmetic and a small parser for the chapter stylesheets (test helpers)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


@dataclass(frozen=True)
class Pair:
    """A text colour drawn on a background, named for the failure message."""

    what: str
    text: str
    background: str


def parse_css(text: str) -> dict[str, dict[str, str]]:
    """Selector -> properties; a selector listed in several rules gets them merged in order."""
    rules: dict[str, dict[str, str]] = {}
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    for selectors, body in _RULE.findall(text):
        declarations = {}
        for declaration in body.split(";"):
            if ":" in declaration:
                name, value = declaration.split(":", 1)
                declarations[name.strip().lower()] = value.strip()
        for selector in selectors.split(","):
            rules.setdefault(" ".join(selector.split()), {}).update(declarations)
    return rules


def parse_colour(value: str) -> tuple[int, int, int]:
    """RGB of a #rgb or #rrggbb colour; the stylesheets use nothing else."""
    match = _HEX.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"not a hex colour: {value!r}")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in parse_colour(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio, 1.0 to 21.0, order free."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_pairs(rules: dict[str, dict[str, str]]) -> list[Pair]:
    """Every text colour of a chapter stylesheet on every background it can be drawn on."""
    body = rules["body"]
    body_text, body_bg = body["color"], body["background-color"]
    badge_selectors = [s for s in rules if s.startswith(".badge")]
    # search matches: the chapter pane draws them over any text in their own two colours
    match_selectors = ("span.match", "span.match-current")
    # boxes are table cells: td.<kind> and th carry their own background
    backgrounds = {"body": body_bg} | {
        selector: props["background-color"]
        for selector, props in rules.items()
        if selector.split(".")[0] in ("td", "th") and "background-color" in props
    }
    texts = {"body": body_text} | {
        selector: props["color"]
        for selector, props in rules.items()
        if "color" in props
        and selector != "body"
        and selector not in badge_selectors
        and selector not in match_selectors
    }
    pairs = [
        Pair(f"{text_sel} on {bg_sel}", colour, background)
        for text_sel, colour in texts.items()
        for bg_sel, background in backgrounds.items()
    ]
    badge = rules.get(".badge", {})
    for selector in badge_selectors:
        props = badge | rules[selector]
        pairs.append(Pair(f"text of {selector}", props.get("color", body_text),
                          props["background-color"]))
    for selector in match_selectors:
        match = rules[selector]
        pairs.append(Pair(f"text on {selector}", match["color"], match["background-color"]))
    return pairs
