"""Installing a content update from the window: checked and unpacked on a worker thread."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reader.content_update import (
    ContentUpdateError,
    InstallResult,
    OlderEdition,
    diff_contents,
    install_content,
    uninstall_content,
)
from reader.edition import capitalised, format_date
from reader.edition_pointer import installed_edition
from reader.manual import BUNDLED_CONTENT, ContentError, load_manual
from reader.ui.save_dialog import documents_folder

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class InstallWorker(QThread):
    """One run of `install_content`; the current edition stays readable meanwhile."""

    progress = Signal(str, int, int)  # what is happening, done, total
    installed = Signal(object)  # InstallResult
    refused = Signal(str)  # the plain reason; nothing was changed
    older = Signal(str)  # an older edition than the one in use: nothing was changed yet

    def __init__(self, archive: Path, bundled: Path = BUNDLED_CONTENT,
                 parent: QObject | None = None, allow_older: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("content-install")
        self.archive = archive
        self.bundled = bundled
        self.allow_older = allow_older

    def run(self) -> None:
        try:
            result = install_content(self.archive, self.progress.emit, bundled=self.bundled,
                                     allow_older=self.allow_older)
        except OlderEdition as exc:
            self.older.emit(str(exc))
            return
        except ContentUpdateError as exc:
            self.refused.emit(str(exc))
            return
        except Exception as exc:  # unexpected: say so in plain words, keep the detail in the log
            log.exception("installing %s failed", self.archive)
            self.refused.emit(f"The update could not be installed ({exc}).")
            return
        self.installed.emit(result)


class ContentUpdater(QObject):
    """File > Install content update and Go back to the bundled edition, for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bar = window.status_widgets.update_progress

    def install(self, archive: Path | None = None, allow_older: bool = False) -> None:
        """Check and install off the GUI thread; the current edition stays open meanwhile."""
        window = self.window
        if archive is None:
            chosen, _ = QFileDialog.getOpenFileName(
                window, "Install content update", str(documents_folder()),
                "Content updates (*.zip)")
            if not chosen:
                return
            archive = Path(chosen)
        worker = InstallWorker(archive, parent=self, allow_older=allow_older)
        worker.progress.connect(self._progress)
        worker.installed.connect(self._installed)
        worker.refused.connect(self._refused)
        worker.older.connect(lambda reason: self._older(archive, reason))
        worker.finished.connect(worker.deleteLater)
        self.bar.setRange(0, 0)
        self.bar.show()
        window.show_status(f"Checking {archive.name}\u2026 the current edition stays open "
                           "meanwhile")
        worker.start()

    def _progress(self, message: str, done: int, total: int) -> None:
        if self.window.closed:
            return
        if total <= 1 and done < total:
            # a step with nothing to count (checking the new edition's chapters, the switch):
            # busy, not "0%" just after the unpacking reached 100%, as if it began again
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, max(total, 0))
            self.bar.setValue(done)
        self.window.show_status(message)

    def _refused(self, reason: str) -> None:
        if self.window.closed:
            return  # the log has it: no box pops up after the person has quit
        self.bar.hide()
        # not "Checking ..." left behind, as if the check were still going on
        self.window.show_status("The content update was not installed; nothing was changed")
        QMessageBox.warning(self.window, "Content update not installed",
                            f"{as_sentence(reason)}\n\nNothing was changed: the current "
                            "edition is still the one you are reading.")

    def _older(self, archive: Path, reason: str) -> None:
        """Going back to an older edition happens only when the person says so."""
        if self.window.closed:
            return  # nothing was installed, and no one is there to ask
        self.bar.hide()
        answer = QMessageBox.question(
            self.window, "Older content update",
            f"{as_sentence(reason)}\n\nInstall it anyway and go back to that older edition?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.install(archive, allow_older=True)
        else:
            self.window.show_status("The older content update was not installed; nothing "
                                    "was changed")

    def _installed(self, result: InstallResult) -> None:
        if self.window.closed:
            # quit while it installed: switched to here, the edition would be kept as read,
            # and the next start would not say that the manual changed nor offer What's new
            log.info("installed the edition of %s after its window closed", result.edition)
            return
        self.bar.hide()
        when = format_date(result.edition)
        if result.already_installed and result.path == self.window.manual.root:
            # the same archive again: reloading would only close the search and add a tab
            # saying nothing changed, beside a What's new that lists the first install's
            self.window.show_status(f"The edition of {when} is already installed, and it is "
                                    "the one you are reading; nothing was changed")
            return
        try:
            manual = load_manual(result.path)
        except ContentError as exc:  # validated before the switch, so this is unexpected
            # installed all the same: "nothing was changed" would be untrue at the next start
            log.error("the edition of %s was installed but cannot be read: %s",
                      result.edition, exc)
            self.window.show_status(f"The edition of {when} was installed but cannot be "
                                    "read; you are still reading the edition you had open")
            QMessageBox.warning(
                self.window, "Content update cannot be read",
                f"The edition of {when} was installed, but it cannot be read: {exc}\n\n"
                "You are still reading the edition you had open; the reader tries the new "
                "one again at its next start. To try now, install the update again; to leave "
                "it, use File > Go back to the bundled edition.")
            return
        if result.already_installed:  # by another window or the command line meanwhile
            self.window.load_edition(manual)  # What's new lists what its install changed
            self.window.show_status(f"Switched to the edition of {when}, installed before")
            return
        self.window.load_edition(manual, changes=result.diff.lines())
        self.window.show_status(f"Installed the edition of {when}: {result.diff.summary()}")

    def remove(self) -> None:
        window = self.window
        if installed_edition() is None:
            QMessageBox.information(window, "Bundled edition",
                                    "No content update is installed: you are reading the "
                                    "edition that came with the reader.")
            return
        # No is the default: Enter pressed out of habit must not leave the newer edition,
        # which only its archive brings back
        answer = QMessageBox.question(
            window, "Go back to the bundled edition",
            "Remove the installed content update and read the edition that came with the "
            "reader?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            result = uninstall_content()
        except ContentUpdateError as exc:
            QMessageBox.warning(window, "Bundled edition", str(exc))
            return
        try:
            manual = load_manual(result.now_reading)
        except ContentError as exc:  # checked before the removal, so this is unexpected
            log.error("went back to the bundled edition, which cannot be read: %s", exc)
            QMessageBox.warning(window, "Bundled edition",
                                f"The edition that came with the reader cannot be read: {exc}")
            return
        # what going back undoes, as an install says what it brings
        window.load_edition(manual, changes=diff_contents(window.manual, manual).lines())
        window.show_status("Removed the content update: this is the edition of "
                           f"{format_date(manual.info.edition)} that came with the reader")

    def stop(self) -> None:
        """Wait for an install under way (the window is closing): it must not be cut short.

        Every worker, also one whose answer has arrived but whose thread is still ending.
        """
        for worker in self.findChildren(InstallWorker):
            worker.wait()


def as_sentence(reason: str) -> str:
    """A refusal as the command line words it ("another content update is being installed
    ...", after "error: ") begun as a sentence in a box; one that begins with a file's name
    ("v2.zip: ...") keeps the name as it is spelt."""
    first = reason.split(" ", 1)[0]
    if not any(mark in first for mark in "./\\:"):
        return capitalised(reason)
    return reason
