"""Back and forward within one reading tab: the places left behind, with their scroll."""

from __future__ import annotations

from dataclasses import dataclass, field

HISTORY_DEPTH = 100  # enough for a day's reading; older places fall off


@dataclass(frozen=True)
class TextPlace:
    """The text at the top of the pane: a block (paragraph, heading, table cell) by its
    number in the page, and how far down it the top is, as a share of its height (above
    it, in the space before it, as a share of its first line's).

    The same text at any width or text size, where a scroll position in pixels moved by a
    dozen headings when the window was narrowed."""

    block: int
    share: float = 0.0


@dataclass(frozen=True)
class Place:
    """Where a tab is: what is open, and how far down it is scrolled."""

    kind: str  # "entry" (by id), "section" (by number) or "page" ("start", "whats-new")
    ref: str
    scroll: int = 0  # pixels, as laid out when taken: used where `top` is not known
    top: TextPlace | None = None  # None: at the top of the page, or not known


@dataclass
class BackForward:
    """A browser's back and forward lists for one tab."""

    back_list: list[Place] = field(default_factory=list)
    forward_list: list[Place] = field(default_factory=list)

    def leave(self, here: Place) -> None:
        """Going somewhere new from `here`: it can be gone back to; forward is forgotten."""
        self.back_list.append(here)
        del self.back_list[:-HISTORY_DEPTH]
        self.forward_list.clear()

    def back(self, here: Place) -> Place | None:
        if not self.back_list:
            return None
        self.forward_list.append(here)
        return self.back_list.pop()

    def forward(self, here: Place) -> Place | None:
        if not self.forward_list:
            return None
        self.back_list.append(here)
        return self.forward_list.pop()

    def can_go_back(self) -> bool:
        return bool(self.back_list)

    def can_go_forward(self) -> bool:
        return bool(self.forward_list)
