"""File > Print and File > Export to PDF for the open page, on white paper."""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMessageBox, QToolButton

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
from reader.ui.save_dialog import ask_save_path, documents_folder

FILE_NAME_LIMIT = 80  # characters: room for the folder's path within Windows' 260

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from reader.render import Page
    from reader.ui.main_window import MainWindow


def printed_page(window: MainWindow) -> Page:
    """The page Print prints: the tab's, or the start page a tab shows before it has one."""
    return window.chapter.page or window.renderer.start_page()


def print_parts(window: MainWindow, page: Page) -> tuple[str, str, str, list[str]]:
    """The page's paper HTML, stylesheet, header and footer, as print_page takes them."""
    info = window.manual.info
    # paper is white whatever the screen's theme, and its links cannot open the reader
    return (paper_html(page.html, window.manual, own_page=page.own_page),
            paper_stylesheet(stylesheet("light")), printed_header(info, page.title),
            printed_footer(info, date.today()))


def print_current(window: MainWindow) -> None:
    parts = print_parts(window, printed_page(window))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, parts[2])  # before the dialog, which shows them
    dialog = QPrintDialog(printer, window)
    dialog.setWindowTitle("Print")
    name_file_button(dialog)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return
    try:
        pages = print_page(*parts, printer, window.manual.root)
    except PrintError as exc:
        say_failed(window, "Print", exc)
        return
    say_printed(window, printer, pages)


def say_printed(window: MainWindow, printer: QPrinter, pages: int) -> None:
    """Where the sheets went, in the status bar: a file, or the printer."""
    file = printer.outputFileName()  # the dialog's "Print to file"
    window.show_status(f"Saved {_pages(pages)} to {file}" if file
                       else f"Sent {_pages(pages)} to the printer")


def name_file_button(dialog: QPrintDialog) -> None:
    """Name the button beside "Print to file"'s path: Qt's own dialog (where the system has
    none of its own) labels it "...", which a screen reader reads out as dots."""
    button = dialog.findChild(QToolButton, "fileBrowser")  # Qt's name for it
    if button is not None and not button.accessibleName():
        button.setAccessibleName("Choose the file to print to")
        button.setToolTip("Choose the file to print to")


def export_current(window: MainWindow, path: Path | None = None) -> Path | None:
    """Ask where (unless `path` is given), write the PDF, say how many pages; None if not."""
    if path is None:
        page = window.chapter.page
        suggested = file_name(page.title if page else "procedures") + ".pdf"
        path = ask_save_path(window, "Export to PDF", documents_folder() / suggested,
                             "PDF files", "pdf")
        if path is None:
            return None
    try:
        pages = export_pdf(path, *print_parts(window, printed_page(window)),
                           window.manual.root)
    except PrintError as exc:
        say_failed(window, "Export to PDF", exc)
        return None
    window.show_status(f"Saved {_pages(pages)} to {path}")
    return path


def _pages(count: int) -> str:
    return f"{count} page{'s' * (count != 1)}"


def say_failed(window: MainWindow, title: str, exc: PrintError) -> None:
    """Say why nothing was printed or saved, in a box and in the status bar: the bar went on
    saying "Saved 3 pages to" the last file, as if this one had gone there too."""
    log.warning("%s failed: %s", title, exc)
    # in the bar only, not told to a screen reader as well: the box reads it out
    window.status_widgets.show_message(str(exc))
    QMessageBox.warning(window, title, str(exc))


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
