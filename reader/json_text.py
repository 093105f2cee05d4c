"""Reading JSON text so that every fault is a JSONDecodeError, which callers already handle."""

from __future__ import annotations

import json
from typing import Any


def parse_json(text: str) -> Any:
    """`json.loads`, except that text nested too deeply for Python's stack (a damaged or
    hostile file: "[[[[..." a thousand deep) is a decode error too, not a RecursionError
    that no handler expects and that would stop the reader at every start."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply to read", text, 0) from None
