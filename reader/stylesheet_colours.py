"""Colours read from a theme's chapter stylesheet, for what Qt draws outside the HTML.

The tree's flag badges and the search-match highlights in a chapter are painted by code, not
by the document; reading their colours from the same stylesheet keeps each theme in one file.
"""

from __future__ import annotations

import re

RULE = re.compile(r"([^{}]+)\{([^}]*)\}")
COLOUR = re.compile(r"(?<![-\w])(background-color|color)\s*:\s*(#[0-9a-fA-F]{3,6})")


def rule_colours(stylesheet: str) -> dict[str, dict[str, str]]:
    """Selector -> {"color": ..., "background-color": ...}, as far as the rules give them;
    a later rule for the same selector adds to an earlier one, as in CSS."""
    found: dict[str, dict[str, str]] = {}
    for selectors, body in RULE.findall(re.sub(r"/\*.*?\*/", "", stylesheet, flags=re.S)):
        colours = dict(COLOUR.findall(body))
        for selector in selectors.split(","):
            if colours:
                found.setdefault(selector.strip(), {}).update(colours)
    return found
