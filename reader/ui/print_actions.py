"""File > Print and File > Export to PDF for the open page, on white paper."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMessageBox

from reader.paper import paper_html
from reader.resources import stylesheet
from reader.ui.printing import (
    PrintError,
    export_pdf,
    paper_stylesheet,
    prepare_printer,
    print_page,
    printed_footer,
    printed_header,
)
from reader.ui.save_dialog import ask_save_path

FILE_NAME_LIMIT = 80  # characters: room for the folder's path within Windows' 260

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def _print_parts(window: MainWindow) -> tuple[str, str, str, list[str]]:
    page = window.chapter.page or window.renderer.start_page()
    info = window.manual.info
    # paper is white whatever the screen's theme, and its links cannot open the reader
    return (paper_html(page.html, window.manual, own_page=page.own_page),
            paper_stylesheet(stylesheet("light")), printed_header(info, page.title),
            printed_footer(info, date.today()))


def print_current(window: MainWindow) -> None:
    parts = _print_parts(window)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, parts[2])  # before the dialog, which shows them
    dialog = QPrintDialog(printer, window)
    dialog.setWindowTitle("Print")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return
    try:
        pages = print_page(*parts, printer, window.manual.root)
    except PrintError as exc:
        QMessageBox.warning(window, "Print", str(exc))
        return
    window.show_status(f"Sent {pages} page{'s' * (pages != 1)} to the printer")


def export_current(window: MainWindow, path: Path | None = None) -> Path | None:
    """Ask where (unless `path` is given), write the PDF, say how many pages; None if not."""
    if path is None:
        page = window.chapter.page
        suggested = file_name(page.title if page else "procedures") + ".pdf"
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path = ask_save_path(window, "Export to PDF", Path(start) / suggested, "PDF files", "pdf")
        if path is None:
            return None
    try:
        pages = export_pdf(path, *_print_parts(window), window.manual.root)
    except PrintError as exc:
        QMessageBox.warning(window, "Export to PDF", str(exc))
        return None
    window.show_status(f"Saved {pages} page{'s' * (pages != 1)} to {path}")
    return path


def file_name(title: str) -> str:
    """A page title as a safe file name: "6.4.3 Looked After Reviews" stays readable.

    What may not stand in a file name parts the words around it ("Adoption/Special"), an
    apostrophe goes inside its word; a long title is cut after a whole word.
    """
    words = re.sub(r"[^\w.\- ]+", " ", re.sub(r"['\u2019]", "", title)).split()
    name = ""
    for word in words:
        if len(name) + len(word) + 1 > FILE_NAME_LIMIT and name:
            break
        name = f"{name} {word}".strip()
    return name[:FILE_NAME_LIMIT] or "procedures"
