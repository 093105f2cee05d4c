"""A calm strip above the chapter saying the edition may be out of date, or has changed since
it was last read; never blocks reading."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

WORD_JOINER = "\u2060"  # invisible; no line may break on either side of it


class EditionBanner(QFrame):
    """Shows the edition's notices (stale, changed since last read); the person can hide it
    for this session."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editionBanner")
        # the palette's tooltip colours are light-on-dark or dark-on-light in every theme
        self.setStyleSheet(
            "#editionBanner { background: palette(tool-tip-base); "
            "border: 1px solid palette(mid); border-radius: 4px; }"
            "#editionBanner QLabel { color: palette(tool-tip-text); }"
        )
        self.notice = ""  # what the banner says, as written
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAccessibleDescription("Edition notice")
        # shown with a notice that the manual changed: what changed is one click away
        self.whats_new_button = QPushButton("What's new", self)
        self.whats_new_button.setAccessibleDescription("Opens the list of what changed")
        self.whats_new_button.hide()
        self.close_button = QToolButton(self)
        self.close_button.setText("\u2715")
        self.close_button.setAutoRaise(True)
        self.close_button.setAccessibleName("Hide edition notice")
        self.close_button.setAccessibleDescription("Hides this notice until the next start")
        self.close_button.setToolTip("Hide this notice until the next start")
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.whats_new_button)
        layout.addWidget(self.close_button)
        self.hide()

    def show_notice(self, text: str | None, whats_new: bool = False) -> None:
        """`whats_new`: the notice says the manual changed, and offers the list of changes."""
        self.notice = text or ""
        self.whats_new_button.setVisible(whats_new)
        # Qt may break a line after "https://", leaving the scheme alone at a line's end and
        # the address in two pieces; a word joiner keeps the scheme with the rest
        self.label.setText(self.notice.replace("://", "://" + WORD_JOINER))
        self.label.setAccessibleName(self.notice)  # read out as written, joiner or not
        self.setVisible(bool(text))
