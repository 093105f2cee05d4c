"""The window's status bar: edition date, index and update progress, content problems."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTextEdit,
    QWidget,
)

from reader.edition import capitalised, edition_phrase
from reader.manual import Manual, Problem
from reader.ui.after_paint import after_next_paint
from reader.ui.announce import announce
from reader.ui.tooltips import plain_tooltip

MESSAGE_MARGIN = 16  # pixels Qt keeps around a status bar message
MESSAGE_SECONDS = 10
# a bar whose room beside the edition's whole date holds fewer characters than this is
# narrow (half a small laptop screen, or large text): there most messages were cut to a few
# letters, or not seen at all, so the date is cut short and the message may take more lines
NARROW_ROOM_CHARACTERS = 40


def problem_message(problems: Sequence[Problem], root: Path) -> str:
    """The status bar's line about problems of a page or of the search vocabulary: the first
    one's reason first, then its file named within the content folder. A full path first left
    no room for the reason; the log has the full paths and every problem."""
    first = problems[0]
    try:
        name = first.file.relative_to(root).as_posix()
    except ValueError:  # not in the content folder: its name is enough to find it
        name = first.file.name
    where = f"{name}, line {first.line}" if first.line else name
    more = len(problems) - 1
    also = f"; {more} more problem{'s' * (more != 1)} in the log" if more else ""
    return f"{capitalised(first.message)} \u2014 {where}{also}"


class WordedProgressBar(QProgressBar):
    """A progress bar as wide as its words when full. At a fixed 160 pixels, "Preparing search
    99%" broke onto two lines in large text, cut off above and below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # no wider than that (the status bar gives its permanent widgets all the room it
        # has), and narrower where the bar is short of room: the edition's date beside it
        # stays whole
        self.setSizePolicy(QSizePolicy.Policy.Maximum, self.sizePolicy().verticalPolicy())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's)
        hint = super().sizeHint()
        full = self.maximum()
        words = (self.format().replace("%p", "100").replace("%v", str(full))
                 .replace("%m", str(full)))
        metrics = self.fontMetrics()
        # the frame, and a space's room at each end so the words do not touch it
        width = metrics.horizontalAdvance(f" {words} ") + 2 * self._frame()
        return QSize(max(hint.width(), width), hint.height())

    def text(self) -> str:
        words = super().text()
        if self.fontMetrics().horizontalAdvance(f" {words} ") <= self.width() - 2 * self._frame():
            return words
        # given less room than its words, the number alone: wrapped, they were cut off
        span = max(1, self.maximum() - self.minimum())
        return f"{(self.value() - self.minimum()) * 100 // span}%"

    def _frame(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, self)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's)
        # Qt's is the size hint's width: the bar could not give way at all
        return QSize(self.fontMetrics().horizontalAdvance(" 100% "),
                     super().minimumSizeHint().height())


class StatusWidgets(QObject):
    """The permanent widgets at the right of a window's status bar, for the manual it reads."""

    def __init__(self, window: QMainWindow, manual: Manual, log_file: Path | None) -> None:
        super().__init__(window)
        self.window = window
        self._message = ""  # the last show_message, whole
        self._shown = ""  # as it went to the bar, perhaps cut short
        self._until = 0.0  # when the bar drops it (time.monotonic)
        self._lines: tuple[str, ...] = ()  # a message on more than one line, drawn here
        self._more_lines = True  # whether the message may take more than one line
        self.manual = manual
        self.log_file = log_file
        bar = window.statusBar()
        self.index_progress = WordedProgressBar(window)
        # "Indexing" and "search index" are the program's words: a reader knows only that
        # search is not yet looking inside the chapters
        self.index_progress.setFormat("Preparing search %p%")
        self.index_progress.setAccessibleName("Preparing search")
        self.index_progress.setAccessibleDescription(
            "Making the chapters' text searchable; titles can be searched meanwhile"
        )
        self.index_progress.hide()
        bar.addPermanentWidget(self.index_progress)
        self.edition_label = QLabel(window)
        self.edition_label.setAccessibleDescription("Edition date")
        bar.addPermanentWidget(self.edition_label)
        self.update_progress = QProgressBar(window)
        self.update_progress.setMaximumWidth(160)
        self.update_progress.setAccessibleName("Content update progress")
        self.update_progress.setAccessibleDescription("Checking and installing a content update")
        self.update_progress.hide()
        bar.addPermanentWidget(self.update_progress)
        self.problems_button = QPushButton(window)
        self.problems_button.setFlat(True)
        self.problems_button.setAccessibleDescription("Lists problems found in the content")
        self.problems_button.clicked.connect(self.show_problems)
        bar.addPermanentWidget(self.problems_button)
        self._usual_height = bar.minimumHeight()
        bar.messageChanged.connect(self._message_changed)
        bar.installEventFilter(self)
        self.set_manual(manual)

    def show_message(self, message: str, *, lines: bool = True) -> None:
        """A message in the room the widgets at the right leave it: one too long for it ends
        in "…" and is whole in the tooltip, where Qt would cut it off mid-word, with no sign
        ("...the visits are still on this computer" lost its last words). In a narrow bar it
        may take more lines; not with `lines` False (a link's address under the pointer)."""
        self._message = message
        self._more_lines = lines
        self._until = time.monotonic() + MESSAGE_SECONDS
        self._show(MESSAGE_SECONDS * 1000)

    def still_shown(self) -> str:
        """The message on the bar, whole, while its time lasts and nothing has replaced it."""
        if self._message and time.monotonic() < self._until \
                and self.window.statusBar().currentMessage() == self._shown:
            return self._message
        return ""

    def message_lines(self) -> tuple[str, ...]:
        """The message on the bar as drawn, a line each: more than one where a narrow bar
        wraps it, none where there is no message."""
        if self._lines and self.window.statusBar().currentMessage() == self._shown:
            return tuple(line.rstrip() for line in self._lines)
        current = self.window.statusBar().currentMessage()
        return (current,) if current else ()

    def take_down(self, message: str) -> None:
        """Clear the bar if it still shows this message; a later one stays."""
        bar = self.window.statusBar()
        if message == self._message and bar.currentMessage() == self._shown:
            self._message = ""
            bar.clearMessage()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The bar shown or resized: a message fitted to its old width (or to none, told
        before the window first showed) is fitted again once the widgets have moved. A
        message on more than one line is painted here, Qt's being on one."""
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.Resize):
            QTimer.singleShot(0, self._refit)
        elif kind == QEvent.Type.Paint and self._lines \
                and self.window.statusBar().currentMessage() == self._shown:
            from reader.ui.narrow_status import paint_lines

            paint_lines(self.window.statusBar(), self._lines, self._permanent())
            return True
        return False

    def _permanent(self) -> list[QWidget]:
        """The widgets at the right of the bar that are in sight, left to right."""
        return [w for w in (self.index_progress, self.edition_label, self.update_progress,
                            self.problems_button) if w.isVisible()]

    def _room(self) -> int:
        """Pixels a message has left of the widgets at the right."""
        bar = self.window.statusBar()
        return min((w.x() for w in self._permanent()), default=bar.width()) - MESSAGE_MARGIN

    def _edition_cut_short(self, short: bool) -> None:
        """The edition label's whole words, or its date cut short ("2 Sep 2024") for a
        message's time; its accessible name and tooltip stay whole. The widgets are moved at
        once, for the room they leave to be measured."""
        if short:
            from reader.ui.narrow_status import short_edition

            words = short_edition(self.manual.info.edition)
        else:
            words = capitalised(edition_phrase(self.manual.info.edition))
        if self.edition_label.text() != words:
            self.edition_label.setText(words)
            self.window.statusBar().layout().activate()

    def _one_line(self) -> None:
        """The bar as it is with no message: the edition whole, one line high."""
        self._lines = ()
        bar = self.window.statusBar()
        bar.setMinimumHeight(self._usual_height)
        self._edition_cut_short(False)

    def _refit(self) -> None:
        left = self._until - time.monotonic()
        if self._message and left > 0 and self.window.statusBar().currentMessage() == self._shown:
            self._show(int(left * 1000))

    def _show(self, timeout_ms: int) -> None:
        bar = self.window.statusBar()
        message = self._message
        shown = message
        lines: tuple[str, ...] = ()
        self._edition_cut_short(False)  # measured beside the whole date first
        if bar.isVisible():
            room = self._room()
            metrics = bar.fontMetrics()
            if message and self._more_lines and metrics.horizontalAdvance(message) > room \
                    and room < NARROW_ROOM_CHARACTERS * metrics.averageCharWidth():
                from reader.ui.narrow_status import fitted_lines

                self._edition_cut_short(True)
                lines = fitted_lines(message, bar.font(), max(self._room(), 1))
                shown = "".join(lines)
            else:
                shown = metrics.elidedText(message, Qt.TextElideMode.ElideRight, max(room, 0))
        self._lines = lines if len(lines) > 1 else ()
        if self._lines:
            from reader.ui.narrow_status import lines_height

            bar.setMinimumHeight(max(self._usual_height, lines_height(bar, len(self._lines))))
        else:
            bar.setMinimumHeight(self._usual_height)
        self._shown = shown
        bar.showMessage(shown, timeout_ms if message else 0)
        bar.update()  # the same words on other lines: Qt would not paint them again
        cut = shown != message
        bar.setToolTip(plain_tooltip(message) if cut else "")
        # a screen reader reads the bar's message as its name (NVDA+End, Orca's status bar
        # key): cut short, "Removed the bookmark for 6.4.3 Looked…" was all there was to hear
        bar.setAccessibleName(message if cut else "")

    def _message_changed(self, text: str) -> None:
        """The whole of a message cut short goes with it: timed out, taken down, or replaced
        by another's (a menu item's tip), which Qt names as shown."""
        if text != self._shown:
            bar = self.window.statusBar()
            bar.setToolTip("")
            bar.setAccessibleName("")
            # the message gone, or another in its place on one line: the date whole again
            self._one_line()

    def set_manual(self, manual: Manual) -> None:
        """Edition and problems of this manual (again after an edition switch)."""
        self.manual = manual
        info = manual.info
        edition = edition_phrase(info.edition)
        self.edition_label.setText(capitalised(edition))
        # whole when the date on the bar is cut short beside a message in a narrow window
        self.edition_label.setAccessibleName(capitalised(edition))
        online = f"The online manual at {info.online_url}" if info.online_url else \
            "The online manual"
        self.edition_label.setToolTip(plain_tooltip(
            f"{info.title}, {edition}. {online} is the authoritative version."))
        count = len(manual.problems)
        self.problems_button.setVisible(bool(count))
        plural = "s" * (count != 1)
        # read out with its count, without the warning sign's name
        self.problems_button.setAccessibleName(f"{count or 'No'} content problem{plural}")
        if count:
            self.problems_button.setText(f"\u26a0 {count} content problem{plural}")
            told = f"The content has {count} problem{plural}; the rest of the manual opens as usual"
            self.show_message(told)
            # said once the window shows it, away from the focus: a screen reader heard
            # nothing of it, and the manual seemed whole
            after_next_paint(self.window.statusBar(), lambda: announce(self.problems_button, told),
                             owner=self)

    def show_index_progress(self, done: int, total: int) -> None:
        if total <= 0:
            return
        self.index_progress.setRange(0, total)
        self.index_progress.setValue(done)
        self.index_progress.setVisible(done < total)

    def show_log_place(self) -> None:
        """Help > Where the log is."""
        from reader.ui.log_place import log_place_box  # only when asked: start-up time counts

        log_place_box(self.window, self.log_file).exec()

    def show_problems(self) -> None:
        """Help > Content problems, or a click on the status bar's warning."""
        problems = self.manual.problems
        box = QMessageBox(self.window)
        box.setWindowTitle("Content problems")
        box.setIcon(QMessageBox.Icon.Warning if problems else QMessageBox.Icon.Information)
        if problems:
            found = "1 problem was" if len(problems) == 1 else f"{len(problems)} problems were"
            box.setText(
                f"{found} found in the content. The affected chapters may be incomplete; the "
                "rest of the manual opens as usual."
            )
            box.setDetailedText("\n".join(str(p) for p in problems))
            for details in box.findChildren(QTextEdit):
                # Qt's list of details takes no keys: Tab never reached it, a screen reader
                # did not read it, and only the mouse scrolled a long one
                details.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                | Qt.TextInteractionFlag.TextSelectableByKeyboard)
                details.setAccessibleName("Problems found")
        else:
            box.setText("No problems were found in the content.")
        if self.log_file:
            box.setInformativeText(f"Details are also written to the log: {self.log_file}")
        box.exec()
