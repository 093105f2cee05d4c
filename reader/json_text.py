"""Reading JSON text so that every fault is a JSONDecodeError, which callers already handle."""

from __future__ import annotations

import json
import re
from typing import Any

JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')  # a text value or key, as written in the file
# what a person editing JSON by hand most often did, for Python's JSON messages
JSON_HINTS = (
    ("Expecting property name", "a comma left before } or ], or a name without its quotes"),
    ("Expecting ',' delimiter", "a comma missing after the line before, or a quote left open"),
    ("Expecting ':' delimiter", "a colon missing after a name"),
    ("Expecting value", "a comma too many, or a value missing"),
    ("Invalid control character", "a tab or line break inside quotes"),
    ("Extra data", "something after the last }"),
    ("the file is empty", "a copy or a save cut short"),
)


def parse_json(text: str, repeated: list[tuple[str, dict[str, Any]]] | None = None) -> Any:
    """`json.loads`, except that text nested too deeply for Python's stack (a damaged or
    hostile file: "[[[[..." a thousand deep) is a decode error too, not a RecursionError
    that no handler expects and that would stop the reader at every start; so is a number
    of thousands of digits, which Python refuses with a plain ValueError.

    `repeated`, if given, gets each name an object gives twice, with that object: JSON keeps
    the last without a word, and an entry copied and half edited would lose its first title.
    """
    try:
        if repeated is None:
            return json.loads(text)
        return json.loads(text, object_pairs_hook=lambda pairs: _noting_repeats(pairs, repeated))
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply to read", text, 0) from None
    except json.JSONDecodeError:
        if not text.strip():  # Python says "Expecting value", a fault of the text's writing
            raise json.JSONDecodeError("the file is empty", text, 0) from None
        raise
    except ValueError:
        raise json.JSONDecodeError("a number too long to read", text, 0) from None


def _noting_repeats(pairs: list[tuple[str, Any]],
                    repeated: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    built: dict[str, Any] = {}
    for key, value in pairs:
        if key in built:
            repeated.append((key, built))
        built[key] = value
    return built


def json_fault_hint(message: str) -> str:
    """" (what the person most likely did)" for a JSONDecodeError's message; "" if unknown."""
    return next((f" ({why})" for start, why in JSON_HINTS if message.startswith(start)), "")


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
