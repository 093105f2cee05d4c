"""Later editions of the bundled manual whose sections moved, for the section-tab tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from .conftest import CONTENT

NEW_SUBSECTION = "Staying Close"


def _bump(number: str, depth: int) -> str:
    """6.4 -> 6.5, 6.4.3 -> 6.5.3: the part at `depth` one up."""
    parts = number.split(".")
    parts[depth] = str(int(parts[depth]) + 1)
    return ".".join(parts)


def later_edition(tmp_path: Path, change: str = "insert") -> Path:
    """The manual with section 6 changed: "insert" a subsection before 6.4 (6.4 becomes 6.5
    and so on), "remove" 6.4 (nothing renumbered), "rename" 6.4 in place."""
    content = tmp_path / f"content-{change}"
    shutil.copytree(CONTENT, content)
    path = content / "contents.json"
    contents: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    items = contents["sections"][5]["items"]
    at = next(i for i, item in enumerate(items) if item.get("number") == "6.4")
    if change == "rename":
        items[at]["title"] = "Reviews of Children in Care"
    elif change == "remove":
        items.pop(at)
    else:
        for item in items[at:]:
            if item.get("type") == "subsection":
                item["number"] = _bump(item["number"], 1)
                for entry in item["items"]:
                    if "number" in entry:
                        entry["number"] = _bump(entry["number"], 1)
        items.insert(at, {"type": "subsection", "number": "6.4", "title": NEW_SUBSECTION,
                          "items": []})
    path.write_text(json.dumps(contents, indent=2), encoding="utf-8")
    return content
