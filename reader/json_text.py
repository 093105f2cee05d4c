"""Reading JSON text so that every fault is a JSONDecodeError, which callers already handle."""

from __future__ import annotations

import json
import re
from typing import Any

JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')  # a text value or key, as written in the file


def parse_json(text: str) -> Any:
    """`json.loads`, except that text nested too deeply for Python's stack (a damaged or
    hostile file: "[[[[..." a thousand deep) is a decode error too, not a RecursionError
    that no handler expects and that would stop the reader at every start."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply to read", text, 0) from None


def string_lines(text: str) -> dict[str, list[int]]:
    """Each text value or key of a JSON file, read as JSON reads it, to the lines it is
    written on (1-based, in order): "café" is found whether written so or as "caf\\u00e9".

    One pass over the file, so finding the line of each of thousands of faults stays cheap.
    """
    found: dict[str, list[int]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        for quoted in JSON_STRING.findall(line):
            try:
                value = json.loads(quoted)
            except ValueError:  # an escape JSON does not know: the file's fault, said elsewhere
                continue
            found.setdefault(value, []).append(number)
    return found
