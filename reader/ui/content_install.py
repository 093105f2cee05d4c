"""Installing a content update from the window: checked and unpacked on a worker thread."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from reader.content_update import ContentUpdateError, install_content
from reader.manual import BUNDLED_CONTENT

log = logging.getLogger(__name__)


class InstallWorker(QThread):
    """One run of `install_content`; the current edition stays readable meanwhile."""

    progress = Signal(str, int, int)  # what is happening, done, total
    installed = Signal(object)  # InstallResult
    refused = Signal(str)  # the plain reason; nothing was changed

    def __init__(self, archive: Path, bundled: Path = BUNDLED_CONTENT,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("content-install")
        self.archive = archive
        self.bundled = bundled

    def run(self) -> None:
        try:
            result = install_content(self.archive, self.progress.emit, bundled=self.bundled)
        except ContentUpdateError as exc:
            self.refused.emit(str(exc))
            return
        except Exception as exc:  # unexpected: say so in plain words, keep the detail in the log
            log.exception("installing %s failed", self.archive)
            self.refused.emit(f"The update could not be installed ({exc}).")
            return
        self.installed.emit(result)
