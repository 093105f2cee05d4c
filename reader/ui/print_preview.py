"""File > Print preview: the sheets Print would print, seen before they are printed.

Imported when first asked for, never at start: QPrintPreviewDialog and its pages are built
only then. The preview and its own Print button both draw through print_page, the one layout
Print and Export to PDF use, so what is seen is what comes out of the printer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QWidget

from reader.ui.print_actions import (
    name_file_button,
    print_parts,
    printed_page,
    say_failed,
    say_printed,
)
from reader.ui.printing import PrintError, prepare_printer, print_page

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

# a sheet's width readable at a glance, tall enough to see most of an A4 page
PREVIEW_SIZE = QSize(960, 1000)
# room left on the screen for the dialog's frame and title bar (and a taskbar's edge)
SCREEN_ROOM = QSize(40, 80)


def preview_current(window: MainWindow) -> None:
    """Show the tab's page as it would print; its Print button prints those same sheets."""
    page = printed_page(window)
    parts = print_parts(window, page)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # as Print's, line for line
    prepare_printer(printer, parts[2])
    dialog = QPrintPreviewDialog(printer, window)
    dialog.setWindowTitle(f"Print preview \u2014 {page.title}")
    dialog.resize(fitted_size(window))
    PrintDialogNamer(dialog)
    name_toolbar_fields(dialog)
    # as wide as the dialog, where its words can be read; the toolbar's Fit page shows a
    # sheet whole. Its own button, so that the toolbar shows which is chosen
    fit_width = dialog.findChild(QAction, "fitWidthAction")
    if fit_width is not None:
        fit_width.trigger()
    outcome: list[int | PrintError] = []

    def paint(target: QPrinter) -> None:
        # asked for by the preview, and again by its Print button for the printer chosen
        try:
            outcome[:] = [print_page(*parts, target, window.manual.root)]
        except PrintError as exc:  # said once the dialog is closed, not from inside Qt
            outcome[:] = [exc]

    dialog.paintRequested.connect(paint)
    printed = dialog.exec() == QDialog.DialogCode.Accepted  # only its Print accepts it
    # gone now, with its pages drawn at the printer's resolution, and before the printer it
    # drew them for; kept by the window, every preview's pages stayed until it closed
    dialog.setParent(None)
    del dialog
    result = outcome[-1] if outcome else None
    if isinstance(result, PrintError):  # the print, or the preview's own pages: never silent
        say_failed(window, "Print" if printed else "Print preview", result)
    elif printed and result is not None:
        say_printed(window, printer, result)


def fitted_size(window: QWidget) -> QSize:
    """The preview's size: PREVIEW_SIZE, or less where the window's screen has not the room
    (a 1366 by 768 laptop's)."""
    screen = window.screen().availableGeometry().size() - SCREEN_ROOM
    return PREVIEW_SIZE.boundedTo(screen)


def name_toolbar_fields(dialog: QPrintPreviewDialog) -> None:
    """Name the toolbar's zoom box and page number field: Qt leaves them unnamed, and a screen
    reader said only "combo box" and "edit"."""
    for box in dialog.findChildren(QComboBox):
        if not box.accessibleName():
            box.setAccessibleName("Zoom")
    for field in dialog.findChildren(QLineEdit):
        if not isinstance(field.parent(), QComboBox) and not field.accessibleName():
            field.setAccessibleName("Page number")


class PrintDialogNamer(QObject):
    """Names the file button of the print dialog the preview's Print button opens, as Print
    names its own: Qt makes that dialog only when Print is clicked, inside the preview."""

    def __init__(self, preview: QPrintPreviewDialog) -> None:
        super().__init__(preview)
        preview.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildAdded and event.child().isWidgetType():
            event.child().installEventFilter(self)  # not yet a print dialog: shown, it is
        elif event.type() == QEvent.Type.Show and watched.inherits("QPrintDialog"):
            name_file_button(watched)
        return False
