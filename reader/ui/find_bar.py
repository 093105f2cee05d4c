"""Find in page: an incremental find bar under the chapter, "3 of 12", match case."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

from reader.ui.announce import TYPING_PAUSE_MS, announce
from reader.ui.clear_button import add_clear_button
from reader.ui.theme import text_sized_box

# the field has room for this whole, a long word of the manual's: at 65 pixels a typed
# "child" showed as ":hild", its start scrolled out of sight
WORD_ROOM = "assessment"
CURSOR_ROOM = 2  # pixels: the text cursor after the last letter
MATCH_CASE = "Match c&ase"
# in a narrow bar (a window half a laptop screen wide) Match case gives the field its room
# as the sign find bars commonly use; its name and tip still say it whole
MATCH_CASE_SHORT = "&Aa"
ROW_SPACING = 6  # pixels between the parts of a row


class FindBar(QWidget):
    """Type to find; Enter / Shift+Enter step through the matches; Esc closes."""

    changed = Signal(str, bool)  # text, match case
    step = Signal(bool)  # True: next match, False: previous
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find in page")
        add_clear_button(self.field, "Clear find")
        self.field.setAccessibleName("Find in page")
        self.field.setAccessibleDescription(
            "Highlights every occurrence in the open page; Enter for the next, "
            "Shift+Enter for the previous, Esc closes")
        self.count = QLabel(self)
        self.count.setAccessibleDescription("Matches found")
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance("No matches") + 8)
        self.previous_button = self._button("\u2191", "Previous match", "Previous match "
                                            "(Shift+Enter)", lambda: self.step.emit(False))
        self.next_button = self._button("\u2193", "Next match", "Next match (Enter)",
                                        lambda: self.step.emit(True))
        self.match_case = QCheckBox(MATCH_CASE, self)
        text_sized_box(self.match_case)  # in large text, a box as tall as its words
        self.match_case.setAccessibleName("Match case")
        self.match_case.setToolTip("Match case: find only text with the same capital and "
                                   "small letters")
        self.close_button = self._button("\u2715", "Close find bar", "Close (Esc)",
                                         self.closed.emit)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(6, 2, 6, 2)
        rows.setSpacing(2)
        self._rows = (QHBoxLayout(), QHBoxLayout())
        for row in self._rows:
            row.setSpacing(ROW_SPACING)
            rows.addLayout(row)
        self._one_row = True
        self._arrange(one_row=True)
        self.field.setMaximumWidth(360)
        self._fit_field()
        self.setFocusProxy(self.field)
        self.field.textChanged.connect(self._changed)
        self.match_case.toggled.connect(self._changed)
        self.field.installEventFilter(self)
        self._typed = False  # the text or Match case changed since the count was last said
        self._said = ""  # what the count will say once the typing pauses
        self._say_timer = QTimer(self)
        self._say_timer.setSingleShot(True)
        self._say_timer.setInterval(TYPING_PAUSE_MS)
        self._say_timer.timeout.connect(lambda: announce(self.count, self._said))
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.closed.emit)

    def _button(self, text: str, name: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def _fit_field(self) -> None:
        """The field's least width: a word and the field's own edges, clear button and all
        (they differ by theme, so this is measured again as the style changes)."""
        metrics = self.field.fontMetrics()
        # Qt's least width is room for its widest letter, the clear button counted only
        # while there is text to clear: the field must not widen at the first letter typed
        edges = self.field.minimumSizeHint().width() - metrics.maxWidth()
        if not self.field.text():
            icon = self.field.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None,
                                                  self.field)
            edges += icon + 6 + icon // 4  # Qt's side widget: the icon, its padding, margin
        self.field.setMinimumWidth(edges + metrics.horizontalAdvance(WORD_ROOM) + CURSOR_ROOM)

    def _steps(self) -> list[QWidget]:
        """What goes under the field when the bar has no room for one row."""
        return [self.count, self.previous_button, self.next_button, self.match_case]

    def _arrange(self, one_row: bool) -> None:
        """All on one row, or the field and Close above the count, arrows and Match case."""
        first, second = self._rows
        for row in self._rows:
            while (item := row.takeAt(0)) is not None:
                del item  # the widgets stay, only their places go
        first.addWidget(self.field, 1)
        if one_row:
            for part in self._steps():
                first.addWidget(part)
        first.addWidget(self.close_button)
        first.addStretch(0)
        if not one_row:
            for part in self._steps():
                second.addWidget(part)
            second.addStretch(0)
        self._one_row = one_row

    def _match_case_width(self, text: str) -> int:
        """The checkbox's width with `text` on it, without setting it."""
        metrics = self.match_case.fontMetrics()
        shown = self.match_case.text().replace("&", "")
        return (self.match_case.sizeHint().width() - metrics.horizontalAdvance(shown)
                + metrics.horizontalAdvance(text.replace("&", "")))

    def _row_width(self, parts: list[QWidget], match_case: str) -> int:
        """The least width of a row of these, with `match_case` on the checkbox."""
        margins = self.layout().contentsMargins()
        widths = [self._match_case_width(match_case) if part is self.match_case
                  else QWidgetItem(part).minimumSize().width() for part in parts]
        return sum(widths) + ROW_SPACING * (len(parts) - 1) + margins.left() + margins.right()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's)
        """On two rows, Match case short: the bar never holds the reading pane wider."""
        hint = super().minimumSizeHint()
        hint.setWidth(max(self._row_width([self.field, self.close_button], ""),
                          self._row_width(self._steps(), MATCH_CASE_SHORT)))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's)
        width = event.size().width()
        whole = [self.field, *self._steps(), self.close_button]
        # in large text in half a laptop screen, one row ran the count over the typed words
        one_row = width >= self._row_width(whole, MATCH_CASE_SHORT)
        parts = whole if one_row else self._steps()
        wanted = MATCH_CASE if width >= self._row_width(parts, MATCH_CASE) \
            else MATCH_CASE_SHORT
        if self.match_case.text() != wanted:
            self.match_case.setText(wanted)
        if one_row != self._one_row:
            self._arrange(one_row)
            self.layout().activate()  # placed now: never painted one over the other
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._fit_field()  # the high-contrast theme's thicker edges, a larger font
        super().changeEvent(event)

    def text(self) -> str:
        return self.field.text()

    def open(self) -> None:
        """Show the bar with the text selected, ready to type over."""
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def show_count(self, index: int, total: int) -> None:
        if not self.field.text():
            shown = said = ""
        elif total == 0:
            shown = said = "No matches"
        elif index >= 0:
            shown, said = f"{index + 1} of {total}", f"Match {index + 1} of {total}"
        else:
            shown, said = f"{total}", f"{total} match{'es' * (total != 1)}"
        self.count.setText(shown)
        # "No matches" beside arrows that looked ready to step through them, and did nothing
        arrows = (self.previous_button, self.next_button)
        if not total and any(button.hasFocus() for button in arrows):
            # Qt would pass the focus of a disabled arrow on to Match case: the person was
            # stepping through matches, and the field is where other words are typed
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        for button in arrows:
            button.setEnabled(total > 0)
        if not self.isVisible():  # closed, the status bar says a search's "Match 2 of 95"
            return
        # said from the count, the focus staying in the field, where the person types
        self._said = said
        if self._typed:  # once the typing pauses, for the words then in the field
            self._typed = False
            self._say_timer.start()
        else:  # a step with Enter or F3: its answer at once
            self._say_timer.stop()
            announce(self.count, said)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt's)
        self._say_timer.stop()  # a count for a closed bar is news no more
        super().hideEvent(event)

    def _changed(self) -> None:
        self._typed = True
        self.changed.emit(self.field.text(), self.match_case.isChecked())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.step.emit(not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                return True
        return super().eventFilter(watched, event)
